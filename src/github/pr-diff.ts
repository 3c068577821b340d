// The lines a pull request changes, per new path. First the pull-request files API (paginated; each
// file's `patch` holds its hunks; a renamed file is listed under its new name). Where a patch is
// missing (a large diff) or the list is cut short (the API lists at most 3,000 files), `git diff` in
// the workspace fills in, fetching the base and head commits shallowly when the checkout lacks them.
// What cannot be read either way is never dropped: such a file counts as changed on every line.

import { emptyChangedFile, type ChangedFile } from './filter.js';
import { runGit } from './git.js';
import type { GitHubClient } from './http.js';
import { addPatchLines, parseGitDiff } from './unified-diff.js';

export interface PullRequest {
  owner: string;
  repo: string;
  number: number;
  baseSha: string;
  headSha: string;
  /** From the event, when it says; tells a cut-short file list from a complete one. */
  changedFiles: number | null;
}

export interface DiffSources {
  /** null: no token, so git alone. */
  client: GitHubClient | null;
  /** The git checkout the findings' paths are relative to. */
  workspace: string;
  /** Files whose lines matter (those the check read); git is asked only about them. */
  relevant: (path: string) => boolean;
}

export type PullRequestDiff = { ok: true; diff: Map<string, ChangedFile>; notes: string[] } | { ok: false; reason: string };

/** One entry of `GET /repos/{owner}/{repo}/pulls/{number}/files`. */
interface PullRequestFile {
  filename?: unknown;
  status?: unknown;
  changes?: unknown;
  patch?: unknown;
}

/** The files API lists at most this many files of a pull request. */
const API_FILE_LIMIT = 3000;
const PER_PAGE = 100;

export async function readPullRequestDiff(pr: PullRequest, sources: DiffSources): Promise<PullRequestDiff> {
  const notes: string[] = [];
  let listed: PullRequestFile[] | null = null;
  if (sources.client) {
    try {
      listed = await sources.client.paginate<PullRequestFile>(
        `/repos/${encodeURIComponent(pr.owner)}/${encodeURIComponent(pr.repo)}/pulls/${pr.number}/files?per_page=${PER_PAGE}`,
        Math.ceil(API_FILE_LIMIT / PER_PAGE),
      );
    } catch (error) {
      notes.push(`Could not list the pull request's files (${(error as Error).message}); its changed lines come from git.`);
    }
  }

  const diff = new Map<string, ChangedFile>();
  const withoutPatch = new Set<string>();
  for (const file of listed ?? []) {
    if (typeof file.filename !== 'string' || file.status === 'removed') continue;
    const changed = emptyChangedFile();
    diff.set(file.filename, changed);
    if (typeof file.patch === 'string') addPatchLines(file.patch, changed);
    else if ((file.status === 'added' || (typeof file.changes === 'number' && file.changes > 0)) && sources.relevant(file.filename))
      withoutPatch.add(file.filename);
  }
  const listedCount = listed?.length ?? 0;
  const cutShort = listed !== null && (listedCount >= API_FILE_LIMIT || (pr.changedFiles !== null && listedCount < pr.changedFiles));
  const gitForAll = listed === null || cutShort;
  if (!gitForAll && withoutPatch.size === 0) return { ok: true, diff, notes };

  if (cutShort)
    notes.push(
      `The files API listed ${listedCount} of the pull request's ${pr.changedFiles ?? 'many'} changed files (it lists at most 3,000); the others come from git.`,
    );
  const fromGit = await gitDiff(pr, sources);
  if (!fromGit.ok) {
    // Without the list (or with only part of it) there is no telling which files changed.
    if (gitForAll) return { ok: false, reason: `${notes.length > 0 ? `${notes.join(' ')} ` : ''}git diff failed too: ${fromGit.reason}` };
    for (const path of withoutPatch) (diff.get(path) as ChangedFile).wholeFile = true;
    notes.push(
      `GitHub sent no patch for ${namesText(withoutPatch)} and git could not read the change (${fromGit.reason}): every line of ${withoutPatch.size === 1 ? 'it' : 'them'} counts as changed.`,
    );
    return { ok: true, diff, notes };
  }
  for (const [path, changed] of fromGit.files) {
    if (withoutPatch.has(path) || (gitForAll && !diff.has(path))) diff.set(path, changed);
  }
  if (withoutPatch.size > 0) notes.push(`The changed lines of ${namesText(withoutPatch)} come from git (GitHub sent no patch).`);
  return { ok: true, diff, notes };
}

/** `a, b, c and 7 more`: a note stays short however many files it is about. */
function namesText(paths: ReadonlySet<string>): string {
  const names = [...paths];
  const shown = names.slice(0, 5).join(', ');
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown;
}

const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const DIFF_ARGS = [
  '-c',
  'core.quotePath=false',
  '-c',
  'diff.noprefix=false',
  '-c',
  'diff.mnemonicPrefix=false',
  'diff',
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--unified=3',
  '--find-renames',
  '--src-prefix=a/',
  '--dst-prefix=b/',
];

/**
 * `git diff base...head` (the pull request's own changes, from the merge base), fetching commits
 * the checkout lacks. A shallow checkout has no merge base: then the API names it and git diffs
 * from there.
 */
async function gitDiff(
  pr: PullRequest,
  sources: DiffSources,
): Promise<{ ok: true; files: Map<string, ChangedFile> } | { ok: false; reason: string }> {
  if (!SHA.test(pr.baseSha) || !SHA.test(pr.headSha)) return { ok: false, reason: 'the event names no valid base and head commits' };
  for (const sha of [pr.headSha, pr.baseSha]) {
    const fetched = await ensureCommit(sha, sources.workspace);
    if (!fetched.ok) return { ok: false, reason: fetched.error };
  }
  let result = await runGit([...DIFF_ARGS, `${pr.baseSha}...${pr.headSha}`, '--'], sources.workspace);
  if (!result.ok && sources.client) {
    const mergeBase = await mergeBaseFromApi(pr, sources.client);
    if (mergeBase && (await ensureCommit(mergeBase, sources.workspace)).ok) {
      result = await runGit([...DIFF_ARGS, mergeBase, pr.headSha, '--'], sources.workspace);
    }
  }
  if (!result.ok) return { ok: false, reason: result.error };
  return { ok: true, files: parseGitDiff(result.stdout, sources.relevant) };
}

async function ensureCommit(sha: string, workspace: string): Promise<{ ok: boolean; error: string }> {
  if ((await runGit(['cat-file', '-e', `${sha}^{commit}`], workspace)).ok) return { ok: true, error: '' };
  return runGit(['fetch', '--no-tags', '--no-recurse-submodules', '--depth=1', 'origin', sha], workspace);
}

async function mergeBaseFromApi(pr: PullRequest, client: GitHubClient): Promise<string | null> {
  try {
    const compare = await client.request<{ merge_base_commit?: { sha?: unknown } }>(
      'GET',
      `/repos/${encodeURIComponent(pr.owner)}/${encodeURIComponent(pr.repo)}/compare/${pr.baseSha}...${pr.headSha}?per_page=1`,
    );
    const sha = compare.data?.merge_base_commit?.sha;
    return typeof sha === 'string' && SHA.test(sha) ? sha : null;
  } catch {
    return null;
  }
}
