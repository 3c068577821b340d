// The runtime check: run the probe in the environment the files describe (an interpreter on this
// runner, or a container image), and turn what it saw into findings. The shell (child processes) is
// probe-run.ts; the judging is probe-findings.ts.

import type { RuntimePhase, RuntimeSummary } from '../engine-types.js';
import type { Matrix, Profile } from '../matrix/types.js';
import type { Finding, ParseResult } from '../model.js';
import { runtimeFindings, runtimeSummary } from './probe-findings.js';
import { unplacedFinding } from './place.js';
import { readProbeOutput, type ProbeResult } from './probe-result.js';
import { refusedStartFinding } from './container-require.js';
import {
  DEFAULT_TIMEOUT_MS,
  ensureImage,
  runnerDriver,
  runnerHasGpu,
  runProbe,
  SILENT_LOG,
  type ProbeTarget,
  type RuntimeLog,
} from './probe-run.js';

export type { RuntimeLog } from './probe-run.js';

export interface RuntimeOptions {
  /** The interpreter: on this runner (default `python3`), or inside `image` (default `python`, then `python3`). */
  python?: string;
  /** Run the probe inside this image with `docker run --rm [--gpus all]`. */
  image?: string | null;
  /** No visible CUDA device is an error. */
  requireGpu: boolean;
  /** Run even code that may come from a fork. */
  allowUntrusted: boolean;
  /** Where the code under check comes from when that may be a fork (e.g. `code from the fork mona/ml-stack`); null: this repository. */
  untrusted: string | null;
  /** Limit for the probe's run, default 120 s; the probe is killed after it. The CLI and the action take the default; tests shorten it. */
  timeoutMs?: number;
  /** Where progress goes while it runs (docker pull, the probe's progress); default: nowhere. */
  log?: RuntimeLog;
}

/** Why the check did not run code that may come from a fork, and how to make it. */
export function untrustedRefusal(untrusted: string): string {
  return `refused: it would run ${untrusted} on this runner (set allow-untrusted: true to run it anyway)`;
}

/** Import checks start one interpreter each: more pinned packages than this are not import-checked. */
const MAX_PROBED_PACKAGES = 1000;

/**
 * The packages whose modules the probe imports: every package a requirement installs (constraints
 * only limit versions), in file order.
 */
function probedPackages(parse: ParseResult): string[] {
  const keys = new Set<string>();
  for (const file of parse.files) {
    for (const requirement of file.requirements) if (!requirement.constraint) keys.add(requirement.key);
  }
  return [...keys];
}

/**
 * The probe's own budget: it stops starting children when it is spent, so that it reports what it
 * has before the outer limit kills it (interpreter start and container start fit in the rest).
 */
function probeBudgetSeconds(timeoutMs: number): number {
  return Math.max(1, Math.floor((timeoutMs * 0.8) / 1000) - 2);
}

function failure(reason: string, target: string, phases: RuntimePhase[]): { findings: Finding[]; summary: RuntimeSummary } {
  const message = `The runtime check could not run against ${target}: ${reason}.`;
  return {
    findings: [unplacedFinding({ rule: 'runtime-error', severity: 'error', message, package: null })],
    summary: { status: 'skipped', reason, target, ...(phases.length > 0 ? { phases } : {}) },
  };
}

export async function runRuntimeCheck(
  parse: ParseResult,
  matrix: Matrix,
  profile: Profile | null,
  options: RuntimeOptions,
): Promise<{ findings: Finding[]; summary: RuntimeSummary; probe?: ProbeResult }> {
  // An action input left empty arrives as "".
  const image = options.image || null;
  const python = options.python || null;
  const target = image ? `image ${image}` : (python ?? 'python3');
  if (options.untrusted !== null && !options.allowUntrusted) {
    return { findings: [], summary: { status: 'skipped', reason: untrustedRefusal(options.untrusted), target } };
  }

  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const packages = probedPackages(parse);
  const probeArgs = [String(probeBudgetSeconds(timeoutMs)), ...packages.slice(0, MAX_PROBED_PACKAGES)];

  const log = options.log ?? SILENT_LOG;
  const phases: RuntimePhase[] = [];
  let probeTarget: ProbeTarget;
  if (image) {
    const present = await ensureImage(image, log);
    phases.push(...present.phases);
    if (!present.ok) return failure(present.reason, target, phases);
    probeTarget = { kind: 'image', image, python: python ?? 'python', gpus: await runnerHasGpu() };
  } else {
    probeTarget = { kind: 'python', python: python ?? 'python3' };
  }
  const run = await runProbe(probeTarget, probeArgs, {
    timeoutMs,
    log,
    ...(image && python === null ? { fallbackPython: 'python3' } : {}),
  });
  phases.push(...run.phases);
  if (!run.ok) {
    const skipped = failure(run.reason, target, phases);
    // The container toolkit refused the image for this runner's driver: that is the finding, not a broken check.
    if (image && run.refused !== null) skipped.findings = [refusedStartFinding(image, run.refused, await runnerDriver(), matrix)];
    return skipped;
  }
  const reading = readProbeOutput(run.stdout);
  if (!reading.ok) return failure(reading.message, target, phases);

  const findings = runtimeFindings(reading.result, parse, matrix, profile, {
    requireGpu: options.requireGpu,
    target,
    ...(probeTarget.kind === 'image' ? { gpusPassed: probeTarget.gpus } : {}),
  });
  if (packages.length > MAX_PROBED_PACKAGES) {
    const message = `Only the first ${MAX_PROBED_PACKAGES} of ${packages.length} pinned packages were import-checked.`;
    findings.push(unplacedFinding({ rule: 'runtime-error', severity: 'warning', message, package: null }));
  }
  // The probe's result too: --record-profile writes what it saw (record-profile.ts).
  return { findings, summary: { ...runtimeSummary(reading.result, target), phases }, probe: reading.result };
}
