// The shell of the runtime check: the child processes. Every child is started from an argument
// array (never through a shell), with an environment stripped of credentials, a time limit after
// which its whole process group is killed, and bounded output.

import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';

import { childEnvironment } from '../child-environment.js';
import { PROBE_SOURCE } from './probe-source.js';

/** Where the probe runs: an interpreter on this runner, or an interpreter inside a container image. */
export type ProbeTarget =
  | { kind: 'python'; python: string }
  | {
      kind: 'image';
      image: string;
      /** The interpreter inside the image (the container's entrypoint). */
      python: string;
      /** Pass `--gpus all` (only when this runner has a GPU: docker refuses the flag otherwise). */
      gpus: boolean;
    };

export interface ChildOutcome {
  /** null when the child did not start or was killed. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  /** The last STDERR_LIMIT bytes of stderr. */
  stderr: string;
  timedOut: boolean;
  /** stdout passed STDOUT_LIMIT: the child was killed. */
  overflowed: boolean;
  /** Why the child could not be started (ENOENT...), or null. */
  spawnError: NodeJS.ErrnoException | null;
}

export const DEFAULT_TIMEOUT_MS = 120_000;
const STDOUT_LIMIT = 16 * 1024 * 1024;
const STDERR_LIMIT = 64 * 1024;
/** Between SIGTERM and SIGKILL. */
const KILL_GRACE_MS = 3_000;
const GPU_DETECT_TIMEOUT_MS = 15_000;

/** The command line that runs the probe with its arguments at the target. */
function probeCommand(target: ProbeTarget, probeArgs: readonly string[]): { command: string; args: string[] } {
  if (target.kind === 'python') {
    // The probe runs in a neutral folder (runProbe): a relative interpreter path means this process's folder.
    const command = target.python.includes('/') ? resolve(target.python) : target.python;
    return { command, args: ['-c', PROBE_SOURCE, ...probeArgs] };
  }
  return {
    command: 'docker',
    args: [
      'run',
      '--rm',
      ...(target.gpus ? ['--gpus', 'all'] : []),
      '--entrypoint',
      target.python,
      target.image,
      '-c',
      PROBE_SOURCE,
      ...probeArgs,
    ],
  };
}

/** Kills the child's whole process group: the probe's own children (pip, imports) die with it. */
function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Runs one command to its end, its time limit or its output limit, whichever comes first. */
export function runChild(
  command: string,
  args: readonly string[],
  options: { timeoutMs: number; cwd?: string },
): Promise<ChildOutcome> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let overflowed = false;
    let spawnError: NodeJS.ErrnoException | null = null;
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: childEnvironment(process.env),
      shell: false,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let killTimer: NodeJS.Timeout | undefined;
    const stop = (): void => {
      if (killTimer !== undefined) return;
      killGroup(child.pid, 'SIGTERM');
      killTimer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS);
      killTimer.unref();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, options.timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (overflowed) return;
      stdout += chunk;
      if (stdout.length > STDOUT_LIMIT) {
        overflowed = true;
        stdout = stdout.slice(0, STDOUT_LIMIT);
        stop();
      }
    });
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
      if (stderr.length > 2 * STDERR_LIMIT) stderr = stderr.slice(-STDERR_LIMIT);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      spawnError = error;
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      if (killTimer !== undefined) clearTimeout(killTimer);
      resolve({ exitCode, signal, stdout, stderr: stderr.slice(-STDERR_LIMIT), timedOut, overflowed, spawnError });
    });
  });
}

/** Whether this runner has an NVIDIA GPU: `nvidia-smi -L` runs and lists one. */
export async function runnerHasGpu(): Promise<boolean> {
  const outcome = await runChild('nvidia-smi', ['-L'], { timeoutMs: GPU_DETECT_TIMEOUT_MS });
  return outcome.exitCode === 0 && /^GPU \d+:/m.test(outcome.stdout);
}

/** The last non-empty line of a child's error output. */
function lastLine(output: string): string {
  const lines = output.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  return lines[lines.length - 1] ?? '';
}

/** Why a run produced no usable output, in words, or null when it ran to its end. */
function childFailure(command: string, outcome: ChildOutcome, timeoutMs: number): string | null {
  if (outcome.spawnError !== null) {
    if (outcome.spawnError.code !== 'ENOENT') return `${command} could not be started: ${outcome.spawnError.message}`;
    const executable = outcome.spawnError.path ?? command;
    return `${executable} was not found${executable.includes('/') ? '' : ' on PATH'}`;
  }
  if (outcome.timedOut) return `${command} did not finish within ${Math.round(timeoutMs / 1000)} s and was killed`;
  if (outcome.overflowed) return `${command} printed more than ${STDOUT_LIMIT / 1024 / 1024} MiB and was killed`;
  if (outcome.exitCode === 0) return null;
  const reason = lastLine(outcome.stderr);
  const status = outcome.signal !== null ? `was killed by ${outcome.signal}` : `exited with status ${outcome.exitCode}`;
  return `${command} ${status}${reason ? `: ${reason}` : ''}`;
}

/** True when docker could not find the container's entrypoint executable in the image. */
function entrypointMissing(outcome: ChildOutcome): boolean {
  return outcome.exitCode === 127 && /executable file not found|no such file or directory/i.test(outcome.stderr);
}

export type ProbeRun = { ok: true; stdout: string } | { ok: false; reason: string };

/**
 * Runs the probe at the target. With an image and no interpreter named, `python` is tried first and
 * `python3` when the image has no `python` (Debian and Ubuntu images without python-is-python3).
 */
export async function runProbe(
  target: ProbeTarget,
  probeArgs: readonly string[],
  options: { timeoutMs: number; fallbackPython?: string },
): Promise<ProbeRun> {
  const { command, args } = probeCommand(target, probeArgs);
  // A host interpreter runs in a neutral folder: `-c` puts the working directory first on sys.path,
  // and the checked-out repository must not shadow the modules under test (or the probe's own).
  const cwd = target.kind === 'python' ? tmpdir() : undefined;
  const outcome = await runChild(command, args, { timeoutMs: options.timeoutMs, cwd });
  if (target.kind === 'image' && options.fallbackPython !== undefined && entrypointMissing(outcome)) {
    return runProbe({ ...target, python: options.fallbackPython }, probeArgs, { timeoutMs: options.timeoutMs });
  }
  const what = target.kind === 'python' ? target.python : `docker run ${target.image}`;
  const failure = childFailure(what, outcome, options.timeoutMs);
  if (failure !== null) {
    const hint =
      target.kind === 'image' && /could not select device driver/i.test(outcome.stderr)
        ? ' (is the NVIDIA Container Toolkit installed and configured for docker on this runner?)'
        : '';
    return { ok: false, reason: failure + hint };
  }
  return { ok: true, stdout: outcome.stdout };
}

/** Pulling a large CUDA image takes minutes: it gets its own limit, apart from the probe's. */
const PULL_TIMEOUT_MS = 15 * 60_000;
const INSPECT_TIMEOUT_MS = 30_000;

/** Makes sure the image is present locally (pulling it when not), so that the probe's time limit is the probe's. */
export async function ensureImage(image: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  const inspected = await runChild('docker', ['image', 'inspect', '--format', '{{.Id}}', image], { timeoutMs: INSPECT_TIMEOUT_MS });
  if (inspected.exitCode === 0) return { ok: true };
  if (inspected.spawnError !== null) return { ok: false, reason: childFailure('docker', inspected, INSPECT_TIMEOUT_MS) ?? '' };
  const pulled = await runChild('docker', ['pull', image], { timeoutMs: PULL_TIMEOUT_MS });
  const failure = childFailure(`docker pull ${image}`, pulled, PULL_TIMEOUT_MS);
  return failure === null ? { ok: true } : { ok: false, reason: failure };
}
