// git in the workspace, as a child process with an argument array (never a shell string), bounded in
// time and output, never prompting for credentials, and without the token: a fetch authenticates with
// what actions/checkout left in the repository's configuration, not with the action's inputs.

import { execFile, execFileSync } from 'node:child_process';
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

export function runGit(args: readonly string[], cwd: string): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile(
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
  let stdout: string;
  try {
    stdout = execFileSync('git', ['-c', 'core.fsmonitor=false', 'ls-files', '-z', '--cached', '--', '.'], {
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
