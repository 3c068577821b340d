// The shell of the runtime check: the child processes. Every child is started from an argument
// array (never through a shell), with an environment stripped of credentials, a time limit after
// which its whole process group is killed, and bounded output.

import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';

import { childEnvironment } from '../child-environment.js';
import type { RuntimePhase } from '../engine-types.js';
import { refusedCondition } from './container-require.js';
import { compareDriverVersions } from './driver-version.js';
import { PROBE_SOURCE } from './probe-source.js';

/**
 * Where the runtime check says what it is doing while it runs: the action's log, where each phase is a
 * collapsible group (core.startGroup), or plain lines on the CLI's stderr.
 */
export interface RuntimeLog {
  line(text: string): void;
  startGroup(title: string): void;
  endGroup(): void;
}

export const SILENT_LOG: RuntimeLog = { line: () => undefined, startGroup: () => undefined, endGroup: () => undefined };

/** What the probe prints on stderr before each progress line (probe.py's PROGRESS_PREFIX). */
const PROGRESS_PREFIX = 'compat-guard probe: ';
/** More lines of docker pull than this are not logged (a huge image has hundreds of layers). */
const MAX_LOGGED_LINES = 1000;

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

/** Calls `onLine` with each complete line of a stream, as the chunks come. */
function lineSplitter(onLine: (line: string) => void): { push(chunk: string): void; end(): void } {
  let pending = '';
  return {
    push(chunk) {
      pending += chunk;
      let end = pending.indexOf('\n');
      while (end >= 0) {
        onLine(pending.slice(0, end).replace(/\r$/, ''));
        pending = pending.slice(end + 1);
        end = pending.indexOf('\n');
      }
      // A line longer than this is not progress worth waiting for.
      if (pending.length > STDERR_LIMIT) pending = '';
    },
    end() {
      if (pending !== '') onLine(pending);
      pending = '';
    },
  };
}

/** Runs one command to its end, its time limit or its output limit, whichever comes first. */
function runChild(
  command: string,
  args: readonly string[],
  options: { timeoutMs: number; cwd?: string; onStdoutLine?: (line: string) => void; onStderrLine?: (line: string) => void },
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
    const stdoutLines = options.onStdoutLine ? lineSplitter(options.onStdoutLine) : null;
    const stderrLines = options.onStderrLine ? lineSplitter(options.onStderrLine) : null;
    child.stdout.on('data', (chunk: string) => {
      if (overflowed) return;
      stdoutLines?.push(chunk);
      stdout += chunk;
      if (stdout.length > STDOUT_LIMIT) {
        overflowed = true;
        stdout = stdout.slice(0, STDOUT_LIMIT);
        stop();
      }
    });
    child.stderr.on('data', (chunk: string) => {
      stderrLines?.push(chunk);
      stderr += chunk;
      if (stderr.length > 2 * STDERR_LIMIT) stderr = stderr.slice(-STDERR_LIMIT);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      spawnError = error;
    });
    child.on('close', (exitCode, signal) => {
      stdoutLines?.end();
      stderrLines?.end();
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

/** This runner's NVIDIA driver (the oldest of its GPUs'), or null when nvidia-smi cannot say. */
export async function runnerDriver(): Promise<string | null> {
  const outcome = await runChild('nvidia-smi', ['--query-gpu=driver_version', '--format=csv,noheader'], {
    timeoutMs: GPU_DETECT_TIMEOUT_MS,
  });
  if (outcome.exitCode !== 0) return null;
  const drivers = outcome.stdout
    .split('\n')
    .map((line) => (line.split(',')[0] ?? '').trim())
    .filter((driver) => /^\d+(?:\.\d+)*$/.test(driver));
  return drivers.sort(compareDriverVersions)[0] ?? null;
}

/** The last non-empty line of a child's error output. */
function lastLine(output: string): string {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return lines[lines.length - 1] ?? '';
}

/** Why a run produced no usable output, in words, or null when it ran to its end. */
function childFailure(command: string, outcome: ChildOutcome, timeoutMs: number, during = ''): string | null {
  if (outcome.spawnError !== null) {
    if (outcome.spawnError.code !== 'ENOENT') return `${command} could not be started: ${outcome.spawnError.message}`;
    const executable = outcome.spawnError.path ?? command;
    return `${executable} was not found${executable.includes('/') ? '' : ' on PATH'}`;
  }
  if (outcome.timedOut)
    return `${command} did not finish within ${Math.round(timeoutMs / 1000)} s and was killed${during ? ` ${during}` : ''}`;
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

export type ProbeRun = ({ ok: true; stdout: string } | { ok: false; reason: string; refused: string | null }) & { phases: RuntimePhase[] };

function seconds(fromMs: number, toMs: number): number {
  return Math.round((toMs - fromMs) / 100) / 10;
}

/** The log lines of one child, at most MAX_LOGGED_LINES, the last one kept for a timeout's message. */
function logLines(log: RuntimeLog): { line(text: string): void; last: () => string } {
  let count = 0;
  let last = '';
  return {
    line(text) {
      if (text.trim() === '') return;
      last = text.trim();
      count += 1;
      if (count <= MAX_LOGGED_LINES) log.line(text);
      else if (count === MAX_LOGGED_LINES + 1) log.line(`(more than ${MAX_LOGGED_LINES} lines: the rest is not shown)`);
    },
    last: () => last,
  };
}

/**
 * Runs the probe at the target. With an image and no interpreter named, `python` is tried first and
 * `python3` when the image has no `python` (Debian and Ubuntu images without python-is-python3).
 * The probe's progress lines go to the log; the time until the first one is the start phase (the
 * container or interpreter starting), the rest is the probe's.
 */
export async function runProbe(
  target: ProbeTarget,
  probeArgs: readonly string[],
  options: { timeoutMs: number; fallbackPython?: string; log?: RuntimeLog },
): Promise<ProbeRun> {
  const log = options.log ?? SILENT_LOG;
  const { command, args } = probeCommand(target, probeArgs);
  const what = target.kind === 'python' ? target.python : `docker run ${target.image}`;
  // A host interpreter runs in a neutral folder: `-c` puts the working directory first on sys.path,
  // and the checked-out repository must not shadow the modules under test (or the probe's own).
  const cwd = target.kind === 'python' ? tmpdir() : undefined;
  const startedAt = Date.now();
  let firstWordAt: number | null = null;
  const progress = logLines(log);
  log.startGroup(`runtime check: probe in ${what}`);
  log.line(target.kind === 'image' ? `starting a container of ${target.image} (${target.python})` : `starting ${target.python}`);
  const outcome = await runChild(command, args, {
    timeoutMs: options.timeoutMs,
    cwd,
    onStderrLine: (line) => {
      if (!line.startsWith(PROGRESS_PREFIX)) return;
      firstWordAt ??= Date.now();
      progress.line(line.slice(PROGRESS_PREFIX.length));
    },
  });
  const endedAt = Date.now();
  log.endGroup();
  const phases: RuntimePhase[] = [
    { name: target.kind === 'image' ? 'container start' : 'interpreter start', seconds: seconds(startedAt, firstWordAt ?? endedAt) },
  ];
  if (firstWordAt !== null) phases.push({ name: 'probe', seconds: seconds(firstWordAt, endedAt) });

  if (target.kind === 'image' && options.fallbackPython !== undefined && entrypointMissing(outcome)) {
    return runProbe({ ...target, python: options.fallbackPython }, probeArgs, { timeoutMs: options.timeoutMs, log });
  }
  const during =
    firstWordAt === null
      ? `while ${target.kind === 'image' ? 'the container' : 'the interpreter'} was starting (the probe had not said a word yet)`
      : `while probing (${progress.last()})`;
  const failure = childFailure(what, outcome, options.timeoutMs, during);
  if (failure !== null) {
    const hint =
      target.kind === 'image' && /could not select device driver/i.test(outcome.stderr)
        ? ' (is the NVIDIA Container Toolkit installed and configured for docker on this runner?)'
        : '';
    return { ok: false, reason: failure + hint, refused: target.kind === 'image' ? refusedCondition(outcome.stderr) : null, phases };
  }
  return { ok: true, stdout: outcome.stdout, phases };
}

/** Pulling a large CUDA image takes minutes: it gets its own limit, apart from the probe's. */
const PULL_TIMEOUT_MS = 15 * 60_000;
const INSPECT_TIMEOUT_MS = 30_000;

/**
 * Makes sure the image is present locally (pulling it when not), so that the probe's time limit is
 * the probe's. docker pull's lines go to the log as they come, in a group of their own.
 */
export async function ensureImage(
  image: string,
  log: RuntimeLog = SILENT_LOG,
): Promise<({ ok: true } | { ok: false; reason: string }) & { phases: RuntimePhase[] }> {
  const inspected = await runChild('docker', ['image', 'inspect', '--format', '{{.Id}}', image], { timeoutMs: INSPECT_TIMEOUT_MS });
  if (inspected.exitCode === 0) return { ok: true, phases: [] };
  if (inspected.spawnError !== null) return { ok: false, reason: childFailure('docker', inspected, INSPECT_TIMEOUT_MS) ?? '', phases: [] };
  const startedAt = Date.now();
  const lines = logLines(log);
  log.startGroup(`runtime check: docker pull ${image}`);
  const pulled = await runChild('docker', ['pull', image], {
    timeoutMs: PULL_TIMEOUT_MS,
    onStdoutLine: lines.line,
    onStderrLine: lines.line,
  });
  log.endGroup();
  const phases = [{ name: 'image pull', seconds: seconds(startedAt, Date.now()) }];
  const during = lines.last() ? `while pulling (last: ${lines.last()})` : 'while pulling (docker had printed nothing yet)';
  const failure = childFailure(`docker pull ${image}`, pulled, PULL_TIMEOUT_MS, during);
  return failure === null ? { ok: true, phases } : { ok: false, reason: failure, phases };
}
