// One check from start to end, shared by the CLI and the action: read the repository, load the
// matrix, run the checks (and the runtime check when asked), and hand back a CheckResult.

import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type * as V8 from 'node:v8';
import { readBuildVariants } from './build-variants.js';
import { compareFindings, runChecks } from './check/index.js';
import { variantFindings } from './check/variants.js';
import type { CheckResult } from './engine-types.js';
import { loadEffectiveMatrix } from './matrix/effective.js';
import type { Diagnostic, Finding, ParseResult } from './model.js';
import type { RemoteFileOptions } from './index/remote-files.js';
import { checkRemoteFiles } from './check/rules/remote-file-conflict.js';
import { applySuppressions } from './check/suppress.js';
import type { Matrix } from './matrix/types.js';
import { expandableEnvironment, readRepository } from './parse/repository.js';
import type { RuntimeOptions } from './runtime/index.js';
import type { RecordProfileOptions } from './runtime/record-profile.js';
import { DEFAULT_INDEX } from './check/index-plan.js';
import type { IndexMode } from './index/options.js';
import { ownProjects } from './index/own-projects.js';
import { pipConfigHints } from './index/pip-config.js';
import { TOOL_VERSION } from './version.js';

export interface CheckOptions {
  /** The repository root; paths in the output are relative to it. */
  root: string;
  /** Files, folders or globs relative to the root; default: the whole root. */
  paths?: string[];
  /** The repository's matrix file; default `.github/compat-matrix.yml` (or `.yaml`) when it exists. */
  matrixFile?: string | null;
  /** A profile name or `auto` (default). */
  profile?: string;
  /** How the user named the profile, for the reason shown with it (`--profile`, `the profile input`). */
  profileNamedBy?: string;
  /** The fleet's NVIDIA driver (--driver, the `driver` input); wins over the matrix file's `driver:`. */
  driver?: string;
  /** How the user named it (`--driver`, `the driver input`). */
  driverNamedBy?: string;
  runtime?: RuntimeOptions | null;
  /** After a runtime check that passed, write the environment as a profile (needs `runtime`). */
  recordProfile?: RecordProfileOptions | null;
  /** Environment for `${VAR}` in requirements files; default: this process's, minus secrets. */
  env?: Record<string, string | undefined>;
  /**
   * Ask the package indexes (CONTRACT section 6), and fetch the files the repository names by URL
   * (`-c URL`, `-r URL`) under the same mode and trust rules; absent: the static checks only.
   */
  index?: IndexOptions | null;
  /** Run pip's resolver for each install set (CONTRACT section 6 `resolve`); needs `index`. */
  resolve?: ResolveOptions | null;
}

/** The CLI and the action take the defaults; tests name a missing interpreter, or a short limit. */
export interface ResolveOptions {
  /** The interpreter whose pip resolves; default `python3`. */
  python?: string;
  /** Per pip run; default 120 s. */
  timeoutMs?: number;
}

export interface IndexOptions {
  mode: IndexMode;
  /** The index of sets that name none; default PIP_INDEX_URL, else PyPI. */
  indexUrl?: string | null;
  extraIndexUrls?: string[];
  /** null: no cache. */
  cacheDir: string | null;
  /** Where the code under check comes from when that may be a fork; its index URLs are then not contacted. */
  untrusted?: string | null;
  /** Contact the repository's indexes even then, internal addresses included. */
  allowUntrusted?: boolean;
}

export type CheckOutcome = { ok: true; result: CheckResult } | { ok: false; error: string };

export async function runCheck(options: CheckOptions): Promise<CheckOutcome> {
  const root = path.resolve(options.root);
  if (!isFolder(root)) return { ok: false, error: `root ${options.root} is not a folder` };
  const readOptions = { env: expandableEnvironment(options.env ?? process.env) };
  const parse = await readRepository(root, options.paths ?? [], { ...readOptions, discovered: keepYoungGenerationSmall });
  // Each Dockerfile again with the build arguments its compose files, workflows, bake files and scripts pass.
  const variants = await readBuildVariants(root, parse, readOptions, (options.paths ?? []).length === 0);
  const needCudaImageTags = [parse, ...variants.runs.map((run) => run.parse), ...(variants.pulled ? [variants.pulled] : [])].some((read) =>
    read.files.some((file) => file.images.some((image) => image.name.endsWith('nvidia/cuda'))),
  );
  const loaded = await loadEffectiveMatrix(root, options.matrixFile ?? null, { needCudaImageTags });
  if (!loaded.ok) return loaded;
  const matrix = loaded.matrix;

  const env = options.env ?? process.env;
  const index = options.index ?? null;
  const remote = index ? await checkRemoteIncludes(parse, matrix, index) : null;
  // The fleet's driver holds for every image checked: the build variants' and the compose services' too.
  const fleetDriver = options.driver ? { driver: options.driver, driverNamedBy: options.driverNamedBy ?? '--driver' } : {};
  const checked = runChecks(parse, matrix, {
    profile: options.profile ?? 'auto',
    ...(options.profileNamedBy ? { profileNamedBy: options.profileNamedBy } : {}),
    ...fleetDriver,
    resolvePlan: Boolean(options.resolve && index),
    ...(index
      ? {
          indexPlan: {
            indexUrl: index.indexUrl || env.PIP_INDEX_URL || DEFAULT_INDEX,
            extraIndexUrls: index.extraIndexUrls ?? [],
            untrusted: index.allowUntrusted ? null : (index.untrusted ?? null),
            configuredFiles: pipConfigHints(root, parse.files),
            ownProjects: await ownProjects(root, parse.files),
          },
        }
      : {}),
  });
  if (!checked.ok) return checked;

  let indexFindings: Finding[] = [];
  let indexSummary: CheckResult['index'];
  if (index && checked.indexPlans) {
    // Loaded only when asked: a static check needs no HTTP client.
    const { askIndexes } = await import('./index/run.js');
    const { checkIndexAnswers, withoutRestatedLocalBuilds } = await import('./check/index-rules.js');
    const run = await askIndexes(checked.indexPlans, {
      mode: index.mode,
      cacheDir: index.cacheDir,
      env,
      allowInternal: index.allowUntrusted ?? false,
      givenUrls: [index.indexUrl ?? '', ...(index.extraIndexUrls ?? [])].filter(Boolean),
    });
    if (index.mode === 'required' && run.summary.unreachable.length > 0) {
      return {
        ok: false,
        error: `--index required: no answer from ${run.summary.unreachable.join(', ')} (${run.summary.notices[0] ?? 'unreachable'})`,
      };
    }
    indexFindings = withoutRestatedLocalBuilds(checkIndexAnswers(checked.indexPlans, run.answers, parse.files, matrix), checked.findings);
    indexSummary = run.summary;
    if (remote) {
      indexSummary.requests += remote.requests;
      indexSummary.fromCache += remote.fromCache;
    }
  }

  let staticFindings = checked.findings;
  let resolveSummary: CheckResult['resolve'];
  if (options.resolve && index && checked.resolveJobs) {
    // Loaded only when asked: the static check must not pay for child-process code.
    const { runResolver } = await import('./resolve/check.js');
    const resolved =
      index.mode === 'offline'
        ? null
        : await runResolver(parse, matrix, checked.resolveJobs, checked, {
            cacheDir: index.cacheDir,
            env,
            allowInternal: index.allowUntrusted ?? false,
            ...(options.resolve.python ? { python: options.resolve.python } : {}),
            ...(options.resolve.timeoutMs ? { timeoutMs: options.resolve.timeoutMs } : {}),
          });
    if (resolved) {
      indexFindings = [...indexFindings, ...resolved.findings];
      staticFindings = resolved.statics;
      resolveSummary = resolved.summary;
    }
    indexSummary?.notices.push(...(resolved ? resolved.summary.notices : ["pip's resolver did not run: --index offline"]));
  }

  const baseline = [...parse.diagnostics.map(diagnosticFinding), ...staticFindings];
  const variantRuns = variants.runs.map(({ variant, parse: read }) => {
    const variantChecked = runChecks(read, matrix, {
      profile: 'auto',
      sameProfileAs: checked.profile,
      ...fleetDriver,
    });
    return { variant, findings: [...read.diagnostics.map(diagnosticFinding), ...(variantChecked.ok ? variantChecked.findings : [])] };
  });
  const pulled =
    variants.pulled === null
      ? null
      : runChecks(variants.pulled, matrix, { profile: 'auto', sameProfileAs: checked.profile, ...fleetDriver });
  const pulledFindings = pulled?.ok ? pulled.findings : [];
  const findings = [
    ...baseline,
    ...variantFindings(baseline, variantRuns),
    ...pulledFindings,
    ...variants.notices,
    ...indexFindings,
    ...(remote?.findings ?? []),
  ].sort(compareFindings);
  const result: CheckResult = {
    tool: { name: 'compat-guard', version: TOOL_VERSION },
    profile: checked.profile,
    files: parse.files.map((file) => ({ path: file.path, kind: file.kind })),
    findings,
    diagnostics: parse.diagnostics,
    matrix,
  };
  if (indexSummary) result.index = indexSummary;
  if (resolveSummary) result.resolve = resolveSummary;
  if (options.runtime) {
    // Loaded only when asked: the static check must not pay for child-process code.
    const { runRuntimeCheck } = await import('./runtime/index.js');
    const profile = checked.profile ? (matrix.profiles[checked.profile.name] ?? null) : null;
    const runtime = await runRuntimeCheck(parse, matrix, profile, options.runtime);
    result.findings = [...result.findings, ...runtime.findings];
    result.runtime = runtime.summary;
    if (options.recordProfile)
      result.recordedProfile = (await import('./runtime/record-profile.js')).recordProfile(options.recordProfile, runtime);
  }
  return { ok: true, result };
}

/** The findings of the repository's remote `-c`/`-r` files; the parse's diagnostics say what was and was not fetched. */
async function checkRemoteIncludes(
  parse: ParseResult,
  matrix: Matrix,
  options: RemoteFileOptions,
): Promise<{ findings: Finding[]; requests: number; fromCache: number } | null> {
  if (!parse.files.some((file) => file.remoteIncludes)) return null;
  // Loaded only when a file names one: a static check needs no HTTP client.
  const { readRemoteFiles, diagnosticsAfterFetch } = await import('./index/remote-files.js');
  const read = await readRemoteFiles(parse, options);
  parse.diagnostics = diagnosticsAfterFetch(parse, read);
  const findings = applySuppressions(checkRemoteFiles(parse, read.files), parse.files, matrix.ignore);
  return { findings, requests: read.requests, fromCache: read.fromCache };
}

function diagnosticFinding(diagnostic: Diagnostic): Finding {
  const finding: Finding = {
    rule: diagnostic.rule ?? 'parse-error',
    severity: diagnostic.severity,
    message: diagnostic.message,
    file: diagnostic.file,
    line: diagnostic.line,
    column: diagnostic.column ?? null,
    endLine: diagnostic.line,
    endColumn: null,
    package: null,
  };
  if (diagnostic.fix !== undefined) finding.fix = diagnostic.fix;
  return finding;
}

function isFolder(target: string): boolean {
  try {
    return fs.statSync(target).isDirectory();
  } catch {
    return false;
  }
}

/** From how many files a repository's reading is worth the V8 setting below. */
const LARGE_REPOSITORY_FILES = 1_000;

/**
 * The one heap setting compat-guard keeps, for large repositories only. Reading thousands of files
 * makes hundreds of thousands of records that live until the report, and V8 answers that by growing
 * its young generation, on Node 24 by about 130 MB of peak memory at 4,000 files: the 512 MB target
 * of docs/benchmarks.md was missed without it (490-530 MB; 360 MB with it, in the same time). V8
 * reads the flag as the heap grows, so setting it after start-up works. Smaller repositories skip it:
 * loading node:v8 costs about 5 ms, a sixth of a one-file check's own start-up.
 */
function keepYoungGenerationSmall(files: number): void {
  if (files < LARGE_REPOSITORY_FILES) return;
  const v8 = createRequire(import.meta.url)('node:v8') as typeof V8;
  v8.setFlagsFromString('--semi-space-growth-factor=1');
}
