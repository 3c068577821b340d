// git in the workspace, as a child process with an argument array (never a shell string), bounded in
// time and output, never prompting for credentials, and without the token: a fetch authenticates with
// what actions/checkout left in the repository's configuration, not with the action's inputs.

import type * as ChildProcess from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { childEnvironment } from '../child-environment.js';

export interface GitResult {
  ok: boolean;
  stdout: string;
  /** The first line of what git said on failure, for notes. */
  error: string;
}

const TIMEOUT_MS = 120_000;
const MAX_OUTPUT_BYTES = 512 * 1024 * 1024;

function gitEnvironment(): NodeJS.ProcessEnv {
  return { ...childEnvironment(process.env), GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };
}

/**
 * node:child_process, loaded on first use rather than with this module: a check outside any git
 * checkout (the CLI on a plain folder) starts no git, and loading the module is part of a small
 * check's start-up.
 */
function childProcess(): typeof ChildProcess {
  return createRequire(import.meta.url)('node:child_process') as typeof ChildProcess;
}

export function runGit(args: readonly string[], cwd: string): Promise<GitResult> {
  return new Promise((resolve) => {
    childProcess().execFile(
      'git',
      args,
      {
        cwd,
        encoding: 'utf8',
        timeout: TIMEOUT_MS,
        maxBuffer: MAX_OUTPUT_BYTES,
        env: gitEnvironment(),
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve({ ok: true, stdout, error: '' });
          return;
        }
        const said = stderr
          .split('\n')
          .find((line) => line.trim() !== '')
          ?.trim();
        resolve({ ok: false, stdout, error: said ?? error.message.split('\n')[0] ?? 'git failed' });
      },
    );
  });
}

/**
 * The files git tracks below `root`, relative to it with `/`, or null where git cannot tell (no git,
 * not a checkout, a checkout git refuses as unsafe). `core.fsmonitor` is switched off: a configured
 * monitor is a program git would start.
 */
export function trackedFiles(root: string): Set<string> | null {
  if (!gitMayFindRepository(root)) return null;
  let stdout: string;
  try {
    stdout = childProcess().execFileSync('git', ['-c', 'core.fsmonitor=false', 'ls-files', '-z', '--cached', '--', '.'], {
      cwd: root,
      encoding: 'utf8',
      timeout: TIMEOUT_MS,
      maxBuffer: MAX_OUTPUT_BYTES,
      env: gitEnvironment(),
      stdio: ['ignore', 'pipe', 'ignore'],
      windowsHide: true,
    });
  } catch {
    return null;
  }
  return new Set(stdout.split('\0').filter((file) => file !== ''));
}

/**
 * Whether git run in `root` could find a repository: GIT_DIR names one, or a `.git` (a folder, or the
 * file of a worktree or submodule) is in `root` or a folder above it. Without either, git fails
 * ("not a git repository"), and asking it would only cost a process start.
 */
function gitMayFindRepository(root: string): boolean {
  if (gitEnvironment().GIT_DIR !== undefined) return true;
  for (let folder = path.resolve(root); ; folder = path.dirname(folder)) {
    if (fs.existsSync(path.join(folder, '.git'))) return true;
    if (path.dirname(folder) === folder) return false;
  }
}
