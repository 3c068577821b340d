// What triggered the run, from GITHUB_EVENT_NAME and the event payload at GITHUB_EVENT_PATH: a pull
// request (its number, base and head commits, and whether it comes from a fork), or anything else
// (push, schedule, workflow_dispatch...), where every finding is in scope.

import * as fs from 'node:fs';
import type { PullRequest } from './pr-diff.js';

/** Events whose payload carries the pull request under review. */
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment']);

export type ActionEvent =
  | {
      kind: 'pull_request';
      name: string;
      pr: PullRequest;
      /** The head branch lives in another repository than the base. */
      fork: boolean;
    }
  | {
      kind: 'other';
      name: string;
      /** `owner/repo` from GITHUB_REPOSITORY; null outside a runner. */
      repository: { owner: string; repo: string } | null;
      /** The commit the run is for (GITHUB_SHA). */
      sha: string | null;
    };

export interface EventEnvironment {
  GITHUB_EVENT_NAME?: string;
  GITHUB_EVENT_PATH?: string;
  GITHUB_REPOSITORY?: string;
  GITHUB_SHA?: string;
}

/** The event, and a note when a pull-request payload could not be read (every finding is then in scope). */
export function readEvent(env: EventEnvironment): { event: ActionEvent; note: string | null } {
  const name = env.GITHUB_EVENT_NAME ?? '';
  if (!PULL_REQUEST_EVENTS.has(name)) return { event: eventFromPayload(name, null, env), note: null };
  let payload: unknown = null;
  try {
    payload = JSON.parse(fs.readFileSync(env.GITHUB_EVENT_PATH ?? '', 'utf8'));
  } catch (error) {
    return { event: eventFromPayload(name, null, env), note: `Could not read the ${name} event (${(error as NodeJS.ErrnoException).code ?? 'not JSON'}): every finding is in scope.` };
  }
  const event = eventFromPayload(name, payload, env);
  const note = event.kind === 'other' ? `The ${name} event names no pull request with base and head commits: every finding is in scope.` : null;
  return { event, note };
}

export function eventFromPayload(name: string, payload: unknown, env: EventEnvironment): ActionEvent {
  const repository = splitRepository(env.GITHUB_REPOSITORY);
  const other: ActionEvent = { kind: 'other', name, repository, sha: env.GITHUB_SHA || null };
  if (!PULL_REQUEST_EVENTS.has(name)) return other;

  const pull = field(payload, 'pull_request');
  const number = field(pull, 'number') ?? field(payload, 'number');
  const baseSha = field(field(pull, 'base'), 'sha');
  const headSha = field(field(pull, 'head'), 'sha');
  const baseRepo = field(field(field(pull, 'base'), 'repo'), 'full_name');
  const headRepo = field(field(field(pull, 'head'), 'repo'), 'full_name');
  const target = typeof baseRepo === 'string' ? splitRepository(baseRepo) : repository;
  if (typeof number !== 'number' || typeof baseSha !== 'string' || typeof headSha !== 'string' || target === null) return other;

  const changedFiles = field(pull, 'changed_files');
  return {
    kind: 'pull_request',
    name,
    pr: {
      owner: target.owner,
      repo: target.repo,
      number,
      baseSha,
      headSha,
      changedFiles: typeof changedFiles === 'number' ? changedFiles : null,
    },
    // A deleted fork has no head repository: it came from elsewhere all the same.
    fork: typeof headRepo !== 'string' || headRepo !== baseRepo,
  };
}

function splitRepository(fullName: string | undefined): { owner: string; repo: string } | null {
  const [owner, repo, ...rest] = (fullName ?? '').split('/');
  return owner && repo && rest.length === 0 ? { owner, repo } : null;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}
