// The pure half of the runtime check: what the probe saw in the environment, set against what the
// files pin and what the matrix knows, becomes findings with the lines they belong to.

import { compareFindings, dedupeFindings, requirementText } from '../check/finding-builder.js';
import type { RuntimeSummary } from '../engine-types.js';
import type { CudaDriver, Matrix, Profile } from '../matrix/types.js';
import type { Finding, ParseResult, Requirement, Severity } from '../model.js';
import { canonicalName } from '../model.js';
import { parseMarker } from '../parse/marker.js';
import { evaluateMarker, type MarkerEnvironment } from '../parse/marker-evaluation.js';
import { contains, parseSpecifierSet } from '../pep440/specifier.js';
import { parseVersion } from '../pep440/version.js';
import { containerRequireFindings } from './container-require.js';
import { compareDriverVersions } from './driver-version.js';
import { gpuBuildFindings } from './gpu-builds.js';
import { relatedOf, runtimeFinding, unplacedFinding, type Draft, type RequirementInFile } from './place.js';
import type { ProbeResult, ProbeTorch } from './probe-result.js';

export interface RuntimeContext {
  /** A missing CUDA device is an error (else a notice, and only for a CUDA build of torch). */
  requireGpu: boolean;
  /** What the probe ran against, for messages: `python3`, `docker image ghcr.io/org/app:1`. */
  target: string;
  /** Image runs only: whether the container got `--gpus all` (false: this runner has no GPU). */
  gpusPassed?: boolean;
}

/** Every requirement of the parse, by PEP 503 name, in file order with installing lines first. */
function pinsByPackage(parse: ParseResult): Map<string, RequirementInFile[]> {
  const pins = new Map<string, RequirementInFile[]>();
  for (const file of parse.files) {
    for (const requirement of file.requirements) {
      // A base image's own package (pytorch/pytorch's torch) is no pin: a later pip install may replace it.
      if (requirement.installer === 'image') continue;
      const list = pins.get(requirement.key) ?? [];
      if (list.length === 0) pins.set(requirement.key, list);
      list.push({ file: file.path, requirement });
    }
  }
  for (const list of pins.values()) list.sort((a, b) => Number(a.requirement.constraint) - Number(b.requirement.constraint));
  return pins;
}

/** Whether requirements apply in the probed environment. Marker texts recur: each is judged once. */
class MarkerJudge {
  private readonly verdicts = new Map<string, boolean>();
  constructor(private readonly environment: Partial<MarkerEnvironment>) {}

  /** A marker that cannot be read or evaluated counts as applying: the parse already reported it. */
  applies(requirement: Requirement): boolean {
    const text = requirement.marker;
    if (!text) return true;
    let holds = this.verdicts.get(text);
    if (holds === undefined) {
      const parsed = parseMarker(text);
      const evaluated = parsed.ok ? evaluateMarker(parsed.marker, this.environment) : null;
      holds = evaluated?.ok ? evaluated.value : true;
      this.verdicts.set(text, holds);
    }
    return holds;
  }
}

export function runtimeFindings(
  result: ProbeResult,
  parse: ParseResult,
  matrix: Matrix,
  profile: Profile | null,
  context: RuntimeContext,
): Finding[] {
  const pins = pinsByPackage(parse);
  const markers = new MarkerJudge(result.markers);
  const verdicts = judgePins(result, pins, markers);
  const placed = holdingPinsFirst(pins, verdicts);
  const applies = (pin: RequirementInFile): boolean => !pin.requirement.editable && markers.applies(pin.requirement);
  const findings = [
    ...versionFindings(result, pins, verdicts),
    ...pipCheckFindings(result, placed),
    ...importFindings(result, placed),
    ...gpuBuildFindings(result, placed, matrix, profile, applies),
    ...gpuFindings(result, placed, matrix, profile, context),
  ];
  return dedupeFindings(findings).sort(compareRuntimeFindings);
}

/** Findings on lines first (in file order), then those on no line. */
function compareRuntimeFindings(a: Finding, b: Finding): number {
  return Number(a.file === null) - Number(b.file === null) || compareFindings(a, b);
}

/** What the environment says about one pin; pins it cannot judge (editable, URL, marker false here) have none. */
type Verdict = 'holds' | 'differs' | 'not-a-version' | 'not-installed';

/** Each pin against the installed version, as pip check compares (prereleases=True). */
function judgePins(result: ProbeResult, pins: Map<string, RequirementInFile[]>, markers: MarkerJudge): Map<RequirementInFile, Verdict> {
  const verdicts = new Map<RequirementInFile, Verdict>();
  if (result.metadataError !== null) return verdicts;
  const specifiers = new Map<string, ReturnType<typeof parseSpecifierSet>>();
  for (const [key, list] of pins) {
    const installed = result.installed.get(key);
    const version = installed ? parseVersion(installed.version) : null;
    for (const pin of list) {
      const { requirement } = pin;
      if (requirement.editable || !markers.applies(requirement)) continue;
      if (!installed) {
        // A constraint only limits what something else installs.
        if (!requirement.constraint) verdicts.set(pin, 'not-installed');
        continue;
      }
      if (requirement.specifier === '' || requirement.url !== null) continue;
      let parsed = specifiers.get(requirement.specifier);
      if (parsed === undefined) {
        parsed = parseSpecifierSet(requirement.specifier);
        specifiers.set(requirement.specifier, parsed);
      }
      // An unreadable specifier is already a parse diagnostic; text that is no version can still meet `===`.
      if (!parsed.ok) continue;
      const holds = contains(parsed.set, version ?? installed.version, { prereleases: true });
      verdicts.set(pin, holds ? 'holds' : version === null ? 'not-a-version' : 'differs');
    }
  }
  return verdicts;
}

/**
 * The pins of each package with those the installed version meets first: the line that put a
 * package in place is where a problem with it (pip check, an import) belongs.
 */
function holdingPinsFirst(
  pins: Map<string, RequirementInFile[]>,
  verdicts: Map<RequirementInFile, Verdict>,
): Map<string, RequirementInFile[]> {
  const placed = new Map<string, RequirementInFile[]>();
  for (const [key, list] of pins) {
    placed.set(
      key,
      [...list].sort((a, b) => Number(verdicts.get(b) === 'holds') - Number(verdicts.get(a) === 'holds')),
    );
  }
  return placed;
}

function versionFindings(
  result: ProbeResult,
  pins: Map<string, RequirementInFile[]>,
  verdicts: Map<RequirementInFile, Verdict>,
): Finding[] {
  if (result.metadataError !== null) {
    return [
      unplacedFinding({
        rule: 'runtime-error',
        severity: 'error',
        message: `The installed versions could not be read in ${result.python.executable}: ${result.metadataError}.`,
        package: null,
      }),
    ];
  }
  const findings: Finding[] = [];
  for (const [key, list] of pins) {
    for (const pin of list) {
      const verdict = verdicts.get(pin);
      const { requirement } = pin;
      const installed = result.installed.get(key);
      if (verdict === 'not-installed') {
        findings.push(
          runtimeFinding(
            {
              rule: 'installed-version-mismatch',
              severity: 'warning',
              message: `${requirementText(requirement)} is not installed in ${result.python.executable}.`,
              package: key,
              expected: requirement.specifier || null,
              actual: null,
            },
            [pin],
          ),
        );
      } else if ((verdict === 'differs' || verdict === 'not-a-version') && installed) {
        const why = verdict === 'not-a-version' ? ' (not a valid PEP 440 version: only an `===` pin can match it)' : '';
        findings.push(
          runtimeFinding(
            {
              rule: 'installed-version-mismatch',
              severity: 'error',
              message: `${installed.name} ${installed.version} is installed${why}, but ${pin.file} pins ${requirementText(requirement)}.`,
              package: key,
              expected: requirement.specifier,
              actual: `==${installed.version}`,
            },
            [pin],
          ),
        );
      }
    }
  }
  return findings;
}

/** What a line of `pip check` names: the packages it concerns, the one at fault first. */
export function pipCheckPackages(line: string): string[] {
  const project = line.split(' ', 1)[0] ?? '';
  const requires = line.indexOf(' requires ');
  if (line.endsWith(', which is not installed.') && requires >= 0) {
    const missing = line.slice(requires + ' requires '.length, line.length - ', which is not installed.'.length);
    return [canonicalName(missing.split(/[\s;[<>=!~(]/, 1)[0] ?? ''), canonicalName(project)];
  }
  const youHave = line.lastIndexOf(', but you have ');
  if (line.includes(' has requirement ') && youHave >= 0) {
    const installed = line.slice(youHave + ', but you have '.length).split(' ')[0] ?? '';
    return [canonicalName(installed), canonicalName(project)];
  }
  if (line.endsWith(' is not supported on this platform') || line.endsWith(' is not supported on this platform.')) {
    return [canonicalName(project)];
  }
  return [];
}

function pipCheckFindings(result: ProbeResult, pins: Map<string, RequirementInFile[]>): Finding[] {
  const check = result.pipCheck;
  if (!check.ran) {
    return [
      unplacedFinding({
        rule: 'runtime-error',
        severity: 'warning',
        message: `pip check did not run in ${result.python.executable}: ${check.error ?? 'no reason given'}.`,
        package: null,
      }),
    ];
  }
  const findings: Finding[] = [];
  for (const line of check.lines) {
    if (line === 'No broken requirements found.') continue;
    const named = pipCheckPackages(line).filter((key) => key !== '');
    const placed = named.find((key) => pins.has(key));
    const others = named.filter((key) => key !== placed).flatMap((key) => pins.get(key) ?? []);
    const draft: Draft = { rule: 'pip-check', severity: 'error', message: `pip check: ${line}`, package: placed ?? named[0] ?? null };
    const finding = placed ? runtimeFinding(draft, pins.get(placed)) : unplacedFinding(draft);
    if (others.length > 0) finding.related = [...(finding.related ?? []), ...relatedOf(others)];
    findings.push(finding);
  }
  return findings;
}

function importFindings(result: ProbeResult, pins: Map<string, RequirementInFile[]>): Finding[] {
  const findings: Finding[] = [];
  const skipped: string[] = [];
  for (const attempt of result.imports) {
    if (attempt.ok) continue;
    if (attempt.skipped) {
      skipped.push(attempt.module);
      continue;
    }
    const installed = result.installed.get(attempt.package);
    const from = installed ? ` (from ${installed.name} ${installed.version})` : '';
    findings.push(
      runtimeFinding(
        {
          rule: 'import-failed',
          severity: 'error',
          message: `import ${attempt.module}${from} failed: ${attempt.error ?? 'no error message'}`,
          package: attempt.package,
          actual: installed ? `==${installed.version}` : null,
        },
        pins.get(attempt.package),
      ),
    );
  }
  // torch installed but not among the pins: its import failure shows through the GPU probe alone.
  const torch = result.torch;
  if (torch && !torch.ok && !torch.skipped && !result.imports.some((attempt) => attempt.module === 'torch')) {
    findings.push(
      runtimeFinding(
        {
          rule: 'import-failed',
          severity: 'error',
          message: `import torch failed: ${torch.error ?? 'no error message'}`,
          package: 'torch',
        },
        pins.get('torch'),
      ),
    );
  }
  if (torch?.skipped) skipped.push('torch (GPU probe)');
  if (skipped.length > 0) {
    findings.push(
      unplacedFinding({
        rule: 'runtime-error',
        severity: 'warning',
        message: `The probe's time budget ran out before it could try: ${skipped.slice(0, 20).join(', ')}${
          skipped.length > 20 ? ` and ${skipped.length - 20} more` : ''
        }. Raise the timeout or probe fewer packages.`,
        package: null,
      }),
    );
  }
  return findings;
}

/** "12.1" from "12.1", "12.1.1" or "12.1.105"; null when it is no version. */
function majorMinor(version: string | null): { major: number; minor: number; text: string } | null {
  const parts = (version ?? '').split('.');
  const major = Number(parts[0]);
  const minor = Number(parts[1]);
  if (parts.length < 2 || !Number.isInteger(major) || !Number.isInteger(minor) || parts[0] === '' || parts[1] === '') return null;
  return { major, minor, text: `${major}.${minor}` };
}

/** What nvidia-smi prints as driver_version: "535.104.05". */
const DRIVER_VERSION = /^\d+(?:\.\d+)*$/;

/**
 * The lowest driver that runs a CUDA build: through minor-version compatibility (CUDA 11 and later)
 * any driver of the major's compatibility branch does (525 for 12.x); before CUDA 11 the toolkit's own
 * minimum applies. null when the matrix knows neither the minor nor the major.
 */
export function minimumDriver(cuda: string, drivers: readonly CudaDriver[]): string | null {
  const build = majorMinor(cuda);
  if (build === null) return null;
  let best: string | null = null;
  for (const entry of drivers) {
    const release = majorMinor(entry.cuda);
    if (release === null || release.major !== build.major) continue;
    const branch = build.major >= 11 ? entry.minorCompatMinDriver : null;
    if (branch === null && release.minor !== build.minor) continue;
    const needed = branch ?? entry.minDriver;
    if (best === null || compareDriverVersions(needed, best) < 0) best = needed;
  }
  return best;
}

function torchLabel(torch: ProbeTorch): string {
  return `torch ${torch.version ?? '(unknown version)'}`;
}

function gpuFindings(
  result: ProbeResult,
  pins: Map<string, RequirementInFile[]>,
  matrix: Matrix,
  profile: Profile | null,
  context: RuntimeContext,
): Finding[] {
  const findings: Finding[] = [];
  const torch = result.torch?.ok ? result.torch : null;
  const torchPins = pins.get('torch');
  const smiGpus = result.nvidiaSmi?.ok ? result.nvidiaSmi.gpus : [];

  const visible = torch ? torch.available : smiGpus.length > 0;
  // Without require-gpu a CPU stack is fine; a CUDA build of torch that sees no device is worth a notice.
  const severity: Severity | null = context.requireGpu ? 'error' : torch?.cuda ? 'notice' : null;
  if (!visible && severity !== null) {
    findings.push(
      unplacedFinding(
        {
          rule: 'gpu-not-visible',
          severity,
          message: `No CUDA device is visible in ${context.target}: ${gpuAbsenceReason(result, torch, smiGpus.length, context)}.`,
          package: torch ? 'torch' : null,
          expected: context.requireGpu ? 'a CUDA device' : null,
          actual: null,
        },
        relatedOf(torchPins),
      ),
    );
  }

  // The oldest driver among the GPUs: the one that decides what runs.
  const drivers = smiGpus.map((gpu) => gpu.driver).filter((driver): driver is string => driver !== null && DRIVER_VERSION.test(driver));
  const driver = drivers.sort(compareDriverVersions)[0];
  findings.push(...containerRequireFindings(result, driver, matrix, relatedOf(torchPins)));

  const build = torch ? majorMinor(torch.cuda) : null;
  if (!torch || build === null) return findings;

  if (profile?.cuda) {
    const allowed = parseSpecifierSet(profile.cuda);
    if (allowed.ok && !contains(allowed.set, build.text, { prereleases: true })) {
      const reason = profile.reasons.cuda ? `: ${profile.reasons.cuda}` : '';
      findings.push(
        runtimeFinding(
          {
            rule: 'cuda-build-mismatch',
            severity: 'error',
            message: `${torchLabel(torch)} is built for CUDA ${build.text}, outside profile ${profile.name} (cuda ${profile.cuda})${reason}.`,
            package: 'torch',
            expected: profile.cuda,
            actual: build.text,
          },
          torchPins,
        ),
      );
    }
  }

  const toolkit = majorMinor(result.cudaVersion);
  if (toolkit !== null && toolkit.major !== build.major) {
    findings.push(
      runtimeFinding(
        {
          rule: 'cuda-build-mismatch',
          severity: 'error',
          message:
            `${torchLabel(torch)} is built for CUDA ${build.text}, but the CUDA toolkit here is ${result.cudaVersion} (CUDA_VERSION): ` +
            `torch.utils.cpp_extension refuses to build CUDA extensions with an nvcc of another major version. ` +
            `(Running is unaffected: the wheel bundles its own CUDA runtime.)`,
          package: 'torch',
          expected: `CUDA ${build.major}.x`,
          actual: result.cudaVersion,
        },
        torchPins,
      ),
    );
  }

  const minimum = minimumDriver(build.text, matrix.facts.cudaDrivers);
  if (driver !== undefined && minimum !== null && compareDriverVersions(driver, minimum) < 0) {
    findings.push(
      unplacedFinding(
        {
          rule: 'driver-too-old',
          severity: 'error',
          message:
            `The NVIDIA driver ${driver} is older than ${minimum}, the lowest that runs CUDA ${build.text} builds ` +
            `(${torchLabel(torch)})${build.major >= 11 ? `; torch's wheels bundle their CUDA runtime, which runs on any driver of the CUDA ${build.major} minor-version-compatibility branch except for features that need PTX JIT` : ''}: ` +
            `upgrade the driver, or install a torch build for an older CUDA.`,
          package: 'torch',
          expected: `>=${minimum}`,
          actual: driver,
          source: matrix.facts.sources.cudaDrivers,
        },
        relatedOf(torchPins),
      ),
    );
  }
  return findings;
}

function gpuAbsenceReason(result: ProbeResult, torch: ProbeTorch | null, smiGpuCount: number, context: RuntimeContext): string {
  if (torch && torch.cuda === null) return `${torchLabel(torch)} is a CPU-only build`;
  if (context.gpusPassed === false) return 'this runner has no GPU (`nvidia-smi -L` failed), so the container was started without --gpus';
  if (result.nvidiaSmi === null) return 'no NVIDIA driver is reachable (nvidia-smi is not on PATH)';
  if (!result.nvidiaSmi.ok) return `nvidia-smi failed: ${result.nvidiaSmi.error ?? 'no reason given'}`;
  if (smiGpuCount === 0) return 'nvidia-smi lists no GPU';
  if (torch) {
    const why = torch.error ? `: ${torch.error}` : '';
    return `nvidia-smi lists ${smiGpuCount} GPU(s), but torch.cuda.is_available() is False for ${torchLabel(torch)} (CUDA ${torch.cuda})${why}`;
  }
  return 'torch is not installed or could not be imported';
}

/** What the summary says about a run that produced a result. */
export function runtimeSummary(result: ProbeResult, target: string): RuntimeSummary {
  const torch = result.torch?.ok ? result.torch : null;
  const smi = result.nvidiaSmi?.ok ? result.nvidiaSmi.gpus : [];
  const gpus = smi.length > 0 ? smi : (torch?.devices ?? []).map((name) => ({ name, driver: null, memory: null }));
  return {
    status: 'ran',
    target,
    python: result.python.version || null,
    torch: torch?.version ?? null,
    cudaBuild: torch?.cuda ?? null,
    gpus,
  };
}
