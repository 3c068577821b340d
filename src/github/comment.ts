// The pull-request comment: one per check name, found again on the next run by a hidden marker and
// edited in place (never a new comment per push), as actions/dependency-review-action does.
// `comment: always` keeps it up to date on every run; `on-failure` writes it only while a finding fails
// the step, and once the pull request is clean marks the earlier comment resolved (kept, not deleted,
// so that the conversation that followed it still reads). A token that may not comment (a fork's
// read-only token, no `pull-requests: write`) is a note, never a failed step.

import { clip } from '../report/finding-counts.js';
import { GitHubApiError, type GitHubClient } from './http.js';
import type { CommentMode } from './inputs.js';

/** GitHub refuses a comment body over 65,536 characters. */
export const MAX_COMMENT_CHARS = 65_000;
/** Pages of comments read to find ours: 10,000 comments, far more than a pull request has. */
const MAX_COMMENT_PAGES = 100;
const RESOLVED_MARKER = '<!-- compat-guard:resolved -->';

export interface CommentRequest {
  owner: string;
  repo: string;
  /** The pull request's number (its comments are the issue's). */
  number: number;
  /** The check-name input: two compat-guard steps with different names keep two comments. */
  checkName: string;
  mode: CommentMode;
  /** Whether a finding in the change fails the step. */
  failing: boolean;
  /** The job summary's Markdown. */
  body: string;
  /** The commit checked, named in the resolved comment. */
  sha: string;
}

export type CommentOutcome =
  { action: 'none' | 'created' | 'updated' | 'resolved'; url: string | null } | { action: 'failed'; reason: string };

interface IssueComment {
  id: number;
  body?: string | null;
  html_url?: string;
}

/** The hidden first line that marks the comment of this check name. */
export function commentMarker(checkName: string): string {
  // Percent-encoded: a name cannot end the HTML comment (`-->`) or look like another name's marker.
  return `<!-- compat-guard:comment ${encodeURIComponent(checkName)} -->`;
}

/** Creates, updates or resolves the comment as `mode` says. Never throws. */
export async function updatePullRequestComment(client: GitHubClient, request: CommentRequest): Promise<CommentOutcome> {
  if (request.mode === 'never') return { action: 'none', url: null };
  const wanted = request.mode === 'always' || request.failing;
  const marker = commentMarker(request.checkName);
  const issue = `/repos/${encodeURIComponent(request.owner)}/${encodeURIComponent(request.repo)}/issues`;
  try {
    const comments = await client.paginate<IssueComment>(`${issue}/${request.number}/comments?per_page=100`, MAX_COMMENT_PAGES);
    const existing = comments.find((comment) => typeof comment.body === 'string' && comment.body.startsWith(marker)) ?? null;
    if (wanted) {
      const body = clip(`${marker}\n${request.body}`, MAX_COMMENT_CHARS);
      if (existing) {
        const updated = await client.request<IssueComment>('PATCH', `${issue}/comments/${existing.id}`, { body });
        return { action: 'updated', url: updated.data?.html_url ?? existing.html_url ?? null };
      }
      const created = await client.request<IssueComment>('POST', `${issue}/${request.number}/comments`, { body });
      return { action: 'created', url: created.data?.html_url ?? null };
    }
    if (!existing || existing.body?.includes(RESOLVED_MARKER)) return { action: 'none', url: existing?.html_url ?? null };
    const body = `${marker}\n${RESOLVED_MARKER}\n${resolvedText(request.checkName, request.sha)}`;
    const resolved = await client.request<IssueComment>('PATCH', `${issue}/comments/${existing.id}`, { body });
    return { action: 'resolved', url: resolved.data?.html_url ?? existing.html_url ?? null };
  } catch (error) {
    return { action: 'failed', reason: cannotComment(error) };
  }
}

/** One line for the job summary's notes; null when nothing was done. */
export function commentNote(outcome: CommentOutcome): string | null {
  switch (outcome.action) {
    case 'none':
      return null;
    case 'failed':
      return `The pull-request comment was not written: ${outcome.reason}.`;
    default:
      return `Pull-request comment ${outcome.action}${outcome.url ? `: ${outcome.url}` : ''}.`;
  }
}

function resolvedText(checkName: string, sha: string): string {
  return [
    `## ✅ ${checkName}: resolved`,
    '',
    `As of ${sha.slice(0, 12)}, nothing in this pull request is at or above fail-on any more. The workflow run's job summary lists what remains below it.`,
  ].join('\n');
}

function cannotComment(error: unknown): string {
  const message = (error as Error).message;
  if (error instanceof GitHubApiError && (error.status === 403 || error.status === 404)) {
    return `the token may not comment on the pull request (${message}); give the job \`pull-requests: write\`, or set comment: never (a fork's pull request gets a read-only token)`;
  }
  return message;
}
