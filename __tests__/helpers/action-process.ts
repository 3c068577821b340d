// The action run as a runner runs it: `node <entry>` in the workspace, with INPUT_* variables named as
// the runner names them (`INPUT_GITHUB-TOKEN`), an event payload file, GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY files in a fresh runner folder, and a clean environment (the tests may themselves
// run inside GitHub Actions). What the step printed and wrote comes back; the runner folder is removed.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface ActionProcessOptions {
  /** The script node runs: the bundle, or the compiled sources. */
  entry: string;
  workspace: string;
  eventName: string;
  /** The payload file's bytes; null: GITHUB_EVENT_PATH names a file that does not exist. */
  event: string | Uint8Array | null;
  /** By input name, as `with:` gives them. */
  inputs: Record<string, string>;
  apiUrl: string;
  /** GITHUB_SHA. */
  sha: string;
  repository?: string;
  /** More variables, or replacements (PATH with stand-in programs first). */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

export interface ActionProcessRun {
  code: number | null;
  stdout: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
  /** The JSON report's text; null when none was written. */
  report: string | null;
  /** The SARIF file's text; null when none was written. */
  sarif: string | null;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const REPORT_FILE_NAME = 'compat-guard.json';

export async function runActionProcess(options: ActionProcessOptions): Promise<ActionProcessRun> {
  const runner = fs.mkdtempSync(path.join(os.tmpdir(), 'compat-guard-runner-'));
  try {
    const eventFile = path.join(runner, 'event.json');
    if (options.event !== null) fs.writeFileSync(eventFile, options.event);
    const outputFile = path.join(runner, 'output.txt');
    const summaryFile = path.join(runner, 'summary.md');
    fs.writeFileSync(outputFile, '');
    fs.writeFileSync(summaryFile, '');
    const inputs = Object.fromEntries(
      Object.entries(options.inputs).map(([name, value]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value]),
    );
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: runner,
      GIT_CONFIG_GLOBAL: os.devNull,
      GIT_CONFIG_NOSYSTEM: '1',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: options.workspace,
      GITHUB_EVENT_NAME: options.eventName,
      GITHUB_EVENT_PATH: eventFile,
      GITHUB_REPOSITORY: options.repository ?? 'octo/ml-stack',
      GITHUB_SHA: options.sha,
      GITHUB_API_URL: options.apiUrl,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '42',
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      RUNNER_TEMP: runner,
      // octokit's waits (retry backoff, Retry-After, the spacing of writes) in milliseconds, not seconds.
      COMPAT_GUARD_TEST_SECOND_MS: '1',
      ...options.env,
      ...inputs,
    };
    const { code, stdout, stderr } = await spawnNode(options.entry, options.workspace, env, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const outputs = readOutputs(fs.readFileSync(outputFile, 'utf8'));
    return {
      code,
      stdout,
      stderr,
      summary: fs.readFileSync(summaryFile, 'utf8'),
      outputs,
      // A run that stops early sets no output: the default place is looked at too.
      report: readIfFile(outputs.report ?? path.join(runner, REPORT_FILE_NAME)),
      sarif: outputs.sarif === undefined ? null : readIfFile(outputs.sarif),
    };
  } finally {
    fs.rmSync(runner, { recursive: true, force: true });
  }
}

function readIfFile(file: string): string | null {
  return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ? fs.readFileSync(file, 'utf8') : null;
}

function spawnNode(
  entry: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the action ran past ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** GITHUB_OUTPUT's `name<<delimiter` blocks. */
function readOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const header = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!header) continue;
    const end = lines.indexOf(header[2] as string, i + 1);
    outputs[header[1] as string] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return outputs;
}

/**
 * The token may only appear in the runner's own `::add-mask::` command, which the runner swallows:
 * not in the log, the summary, the outputs, the report or SARIF, nor in `more` (e.g. what a child saw).
 */
export function assertTokenNowhere(run: ActionProcessRun, token: string, more: Record<string, string> = {}): void {
  const stdout = run.stdout
    .split('\n')
    .filter((line) => line !== `::add-mask::${token}`)
    .join('\n');
  const places: Record<string, string> = {
    stdout,
    stderr: run.stderr,
    summary: run.summary,
    outputs: JSON.stringify(run.outputs),
    report: run.report ?? '',
    sarif: run.sarif ?? '',
    ...more,
  };
  for (const [where, text] of Object.entries(places)) assert.equal(text.includes(token), false, `the token is in ${where}`);
}

/** A stack frame as Node prints it: the run must end in one line, never in a trace. */
export const STACK_FRAME = /^\s+at (?:.+ \()?(?:file:|node:|\/)\S*:\d+:\d+\)?$/m;

/** The step's verdict lines (`::error::...` with no file), as opposed to annotations. */
export function failureLines(stdout: string): string[] {
  return stdout.split('\n').filter((line) => line.startsWith('::error::'));
}

export function describeRun(run: Pick<ActionProcessRun, 'code' | 'stdout' | 'stderr' | 'summary'>): string {
  return `exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}\n--- summary\n${run.summary}`;
}
