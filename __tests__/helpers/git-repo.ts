// A real git repository in a temporary folder with a base commit and a head commit, for tests of the
// diff and of the action; and the pull-request file list GitHub would send for it, built from git's own
// diff (so the patches are real). git runs with no user or system configuration.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FakePullFile } from './fake-github.js';

export interface GitRepo {
  dir: string;
  baseSha: string;
  headSha: string;
  git(...args: string[]): string;
  /** The files API's list for base...head: status, counts and the hunks-only `patch`. */
  pullFiles(): FakePullFile[];
  /** A `--depth=1` clone of the head with this repository as `origin`: it lacks the base commit. */
  shallowClone(): string;
  cleanup(): void;
}

/** Path -> file contents. */
export type Tree = Record<string, string>;

const ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: os.devNull,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_AUTHOR_DATE: '2025-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2025-01-01T00:00:00Z',
};

/** `head` changes the base tree: a string writes the file, null deletes it. */
export function createGitRepo(base: Tree, head: Record<string, string | null>): GitRepo {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compat-guard-git-'));
  const folders = [dir];
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: dir, env: ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '--quiet', '--initial-branch=main');
  write(dir, base);
  git('add', '--all');
  git('commit', '--quiet', '--message', 'base');
  const baseSha = git('rev-parse', 'HEAD').trim();
  for (const [file, content] of Object.entries(head)) {
    if (content === null) fs.rmSync(path.join(dir, file));
  }
  write(dir, Object.fromEntries(Object.entries(head).filter((entry): entry is [string, string] => entry[1] !== null)));
  git('add', '--all');
  git('commit', '--quiet', '--allow-empty', '--message', 'head');
  const headSha = git('rev-parse', 'HEAD').trim();

  return {
    dir,
    baseSha,
    headSha,
    git,
    pullFiles: () => pullFiles(git, baseSha, headSha),
    shallowClone: () => {
      const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'compat-guard-clone-'));
      folders.push(clone);
      execFileSync('git', ['clone', '--quiet', '--depth=1', '--no-local', `file://${dir}`, clone], { env: ENV, stdio: 'ignore' });
      return clone;
    },
    cleanup: () => {
      for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}

function write(dir: string, tree: Tree): void {
  for (const [file, content] of Object.entries(tree)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
}

const STATUS: Record<string, FakePullFile['status']> = { A: 'added', D: 'removed', M: 'modified', R: 'renamed', C: 'copied', T: 'changed' };

function pullFiles(git: (...args: string[]) => string, baseSha: string, headSha: string): FakePullFile[] {
  const names = git('diff', '--name-status', '-M', '-z', baseSha, headSha)
    .split('\0')
    .filter((part) => part !== '');
  const files: FakePullFile[] = [];
  for (let i = 0; i < names.length;) {
    const code = (names[i++] as string).charAt(0);
    const previous = code === 'R' || code === 'C' ? (names[i++] as string) : undefined;
    const filename = names[i++] as string;
    const patchText = git('diff', '--unified=3', '-M', baseSha, headSha, '--', ...(previous ? [previous] : []), filename);
    const hunksAt = patchText.indexOf('\n@@');
    const patch = hunksAt === -1 ? undefined : patchText.slice(hunksAt + 1).replace(/\n$/, '');
    const lines = patch?.split('\n') ?? [];
    const additions = lines.filter((line) => line.startsWith('+')).length;
    const deletions = lines.filter((line) => line.startsWith('-')).length;
    files.push({
      filename,
      status: STATUS[code] ?? 'modified',
      additions,
      deletions,
      changes: additions + deletions,
      ...(patch === undefined ? {} : { patch }),
      ...(previous === undefined ? {} : { previous_filename: previous }),
    });
  }
  return files;
}
