// Runs pip's resolver for one step of an install set: `python -m pip install --dry-run --report`
// for the set's target, wheels only, never a shell, never a build backend (`--only-binary=:all:`
// makes pip refuse every sdist rather than run its setup.py), with an environment that holds no
// token, no action input and no pip setting of this machine (every setting pip reads is ours).

import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { childEnvironment } from '../child-environment.js';
import type { ResolveJob, ResolveStep } from '../check/resolve-plan.js';
import type { IndexLocation } from '../index/client.js';
import { textWithoutCredentials } from '../index/url.js';
import { canonicalName } from '../model.js';

/** One package of pip's installation report. */
export interface ResolvedInstall {
  key: string;
  version: string;
  /** Named by the step's requirements (not pulled in by another package). */
  requested: boolean;
  requiresDist: string[];
}

export type PipStepResult =
  | { status: 'resolved'; installs: ResolvedInstall[] }
  /** pip's resolver said no; `output` is what pip printed (the verbose rerun's, when it looked for why no file fits). */
  | { status: 'failed'; output: string }
  /** pip could not give a verdict: missing, timed out, the index down. */
  | { status: 'fault'; reason: string; network?: boolean };

export interface PipOptions {
  python: string;
  /** pip's HTTP cache, kept between runs; null: none. */
  cacheDir: string | null;
  timeoutMs: number;
  env: NodeJS.ProcessEnv;
}

/** pip settings of this machine that may stay: how it reaches the network, not what it installs. */
const KEPT_PIP_VARIABLES = new Set(['PIP_CERT', 'PIP_CLIENT_CERT', 'PIP_PROXY', 'PIP_DEFAULT_TIMEOUT']);
/** What pip prints when an index did not answer (so "no version found" proves nothing). */
const NETWORK_TROUBLE =
  /Retrying \(Retry\(|NewConnectionError|ConnectTimeoutError|ReadTimeoutError|Could not fetch URL|SSLError|ProxyError|Max retries exceeded/;
const VERDICT = /ResolutionImpossible|No matching distribution found for/;

/** The environment pip runs in: no credentials, no INPUT_*, no PIP_* or UV_* setting but the network ones, no config file. */
export function pipEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const kept = childEnvironment(env);
  for (const name of Object.keys(kept)) {
    const upper = name.toUpperCase();
    if (
      (upper.startsWith('PIP_') && !KEPT_PIP_VARIABLES.has(upper)) ||
      upper.startsWith('UV_') ||
      upper === 'PYTHONPATH' ||
      upper === 'PYTHONHOME'
    )
      delete kept[name];
  }
  return { ...kept, PIP_CONFIG_FILE: os.devNull, PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1' };
}

/** pip's version (`23.2.1`), or why there is none. */
export async function pipVersion(options: PipOptions): Promise<{ ok: true; version: string } | { ok: false; reason: string }> {
  const run = await execute(options.python, ['-m', 'pip', '--version'], options.env, 30_000);
  if (run.error) return { ok: false, reason: run.error };
  const version = /^pip (\d+(?:\.\d+)*)/.exec(run.stdout.trim())?.[1];
  return version
    ? { ok: true, version }
    : { ok: false, reason: `\`${options.python} -m pip --version\` printed no version (${firstLine(run.stdout + run.stderr)})` };
}

/** pip 22.2 added `--dry-run` with `--report`. */
export function pipIsRecentEnough(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 2);
}

/** pip's argument list for one step (files in `dir`): no shell ever reads it. */
export function pipArguments(
  job: ResolveJob,
  dir: string,
  cacheDir: string | null,
  indexes: readonly IndexLocation[],
  verbose: boolean,
): string[] {
  const args = [
    '-m',
    'pip',
    'install',
    '--dry-run',
    '--ignore-installed',
    verbose ? '-vv' : '--progress-bar=off',
    // pip takes --platform and --python-version only for a --target install; nothing is written there.
    '--target',
    path.join(dir, 'target'),
    '--report',
    path.join(dir, 'report.json'),
    '--python-version',
    job.python,
    '--implementation',
    'cp',
    '--only-binary=:all:',
    '--retries',
    '1',
    '--timeout',
    '15',
  ];
  for (const platform of job.platforms) args.push('--platform', platform);
  args.push(...(cacheDir ? ['--cache-dir', cacheDir] : ['--no-cache-dir']));
  let first = true;
  for (const index of indexes) {
    if (index.kind === 'find-links') args.push('--find-links', index.url);
    else {
      args.push(first ? '--index-url' : '--extra-index-url', index.url);
      first = false;
    }
  }
  if (first) args.push('--no-index');
  args.push('-r', path.join(dir, 'requirements.txt'), '-c', path.join(dir, 'constraints.txt'));
  return args;
}

export async function runPipStep(
  job: ResolveJob,
  step: ResolveStep,
  indexes: readonly IndexLocation[],
  options: PipOptions,
): Promise<PipStepResult> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'compat-guard-resolve-'));
  try {
    await fs.writeFile(path.join(dir, 'requirements.txt'), step.requirements.map((line) => `${line.text}\n`).join(''));
    await fs.writeFile(path.join(dir, 'constraints.txt'), step.constraints.map((line) => `${line.text}\n`).join(''));
    const run = await execute(options.python, pipArguments(job, dir, options.cacheDir, indexes, false), options.env, options.timeoutMs);
    if (run.error) return { status: 'fault', reason: run.error };
    const output = `${run.stdout}\n${run.stderr}`;
    if (run.code === 0) return readReport(path.join(dir, 'report.json'));
    if (NETWORK_TROUBLE.test(output))
      return { status: 'fault', network: true, reason: `a package index did not answer pip (${networkCause(output)})` };
    if (!VERDICT.test(output)) return { status: 'fault', reason: `pip failed: ${lastLines(output)}` };
    if (!/No matching distribution found for/.test(output)) return { status: 'failed', output };
    // Why no file fits is only in pip's debug log ("No sources permitted for x"): asked again, verbosely.
    const verbose = await execute(options.python, pipArguments(job, dir, options.cacheDir, indexes, true), options.env, options.timeoutMs);
    return { status: 'failed', output: verbose.error ? output : `${verbose.stdout}\n${verbose.stderr}` };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

async function readReport(file: string): Promise<PipStepResult> {
  try {
    const report = JSON.parse(await fs.readFile(file, 'utf8')) as {
      install?: Array<{ requested?: boolean; metadata?: { name?: string; version?: string; requires_dist?: string[] } }>;
    };
    const installs = (report.install ?? []).flatMap((entry): ResolvedInstall[] => {
      const { name, version } = entry.metadata ?? {};
      if (!name || !version) return [];
      return [
        { key: canonicalName(name), version, requested: entry.requested === true, requiresDist: entry.metadata?.requires_dist ?? [] },
      ];
    });
    return { status: 'resolved', installs };
  } catch (error) {
    return { status: 'fault', reason: `pip's report could not be read (${(error as Error).message})` };
  }
}

interface Execution {
  code: number;
  stdout: string;
  stderr: string;
  /** Why pip gave no answer at all (not found, timed out); undefined when it ran to its end. */
  error?: string;
}

function execute(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Execution> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { env, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024, encoding: 'utf8', windowsHide: true },
      (error, stdout, stderr) => {
        if (!error) return resolve({ code: 0, stdout, stderr });
        const failure = error as NodeJS.ErrnoException & { killed?: boolean; code?: number | string };
        if (failure.code === 'ENOENT') return resolve({ code: -1, stdout, stderr, error: `${command} was not found` });
        if (failure.killed) return resolve({ code: -1, stdout, stderr, error: `pip took longer than ${Math.round(timeoutMs / 1000)} s` });
        if (typeof failure.code !== 'number')
          return resolve({ code: -1, stdout, stderr, error: `${command} could not run (${failure.message})` });
        if (/No module named pip/.test(stderr)) return resolve({ code: failure.code, stdout, stderr, error: `${command} has no pip` });
        resolve({ code: failure.code, stdout, stderr });
      },
    );
  });
}

/** The short cause inside urllib3's retry warning ("Temporary failure in name resolution"), else its first line. */
function networkCause(output: string): string {
  const cause =
    /Failed to establish a new connection: (?:\[Errno -?\d+\] )?([^'"]+)|(Connection refused|Read timed out|Connect timeout|SSLError|ProxyError)/.exec(
      output,
    );
  return cause ? (cause[1] ?? cause[2] ?? '').trim() : firstLine(output.split('\n').find((line) => NETWORK_TROUBLE.test(line)) ?? '');
}

/** pip masks passwords in what it prints; a URL's user info is cut here too, before any notice shows it. */
function firstLine(text: string): string {
  return textWithoutCredentials((text.trim().split('\n')[0] ?? '').trim()).slice(0, 200);
}

function lastLines(text: string): string {
  return textWithoutCredentials(text.trim().split('\n').slice(-2).join(' ').trim()).slice(0, 300);
}
