// What triggered the run, from GITHUB_EVENT_NAME and the event payload at GITHUB_EVENT_PATH: a pull
// request (its number, base and head commits), or anything else (push, schedule, workflow_dispatch...),
// where every finding is in scope. Either way, whether the code under check may come from a fork: the
// runtime check runs that code, and refuses to unless allow-untrusted. A payload that cannot tell counts
// as a fork's: a check that fails open would run a fork's code whenever the payload is damaged.

import * as fs from 'node:fs';
import type { PullRequest } from './pr-diff.js';

/** Events whose payload carries the pull request under review. */
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment']);
/** Runs after another workflow, for its head commit: a fork's, when a fork's pull request started it. */
const WORKFLOW_RUN_EVENT = 'workflow_run';

export type ActionEvent =
  | {
      kind: 'pull_request';
      name: string;
      pr: PullRequest;
      /** Where the code under check comes from when that may be a fork (`code from the fork mona/ml-stack`); null: this repository. */
      untrusted: string | null;
    }
  | {
      kind: 'other';
      name: string;
      /** `owner/repo` from GITHUB_REPOSITORY; null outside a runner. */
      repository: { owner: string; repo: string } | null;
      /** The commit the run is for (GITHUB_SHA). */
      sha: string | null;
      /** As for a pull request: a workflow run of a fork's, or a pull-request event that could not be read. */
      untrusted: string | null;
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
  if (!PULL_REQUEST_EVENTS.has(name) && name !== WORKFLOW_RUN_EVENT) return { event: eventFromPayload(name, null, env), note: null };
  let payload: unknown;
  try {
    payload = JSON.parse(fs.readFileSync(env.GITHUB_EVENT_PATH ?? '', 'utf8'));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? 'not JSON';
    const unread: ActionEvent = {
      ...otherEvent(name, env),
      untrusted: `code that may come from a fork (the ${name} event could not be read: ${why})`,
    };
    const scope = PULL_REQUEST_EVENTS.has(name) ? ': every finding is in scope' : '';
    return { event: unread, note: `Could not read the ${name} event (${why})${scope}.` };
  }
  const event = eventFromPayload(name, payload, env);
  const note =
    event.kind === 'other' && PULL_REQUEST_EVENTS.has(name)
      ? `The ${name} event names no pull request with base and head commits: every finding is in scope.`
      : null;
  return { event, note };
}

export function eventFromPayload(name: string, payload: unknown, env: EventEnvironment): ActionEvent {
  const other = otherEvent(name, env);
  if (name === WORKFLOW_RUN_EVENT) return { ...other, untrusted: workflowRunOrigin(payload) };
  if (!PULL_REQUEST_EVENTS.has(name)) return other;

  const pull = field(payload, 'pull_request');
  const number = field(pull, 'number') ?? field(payload, 'number');
  const baseSha = field(field(pull, 'base'), 'sha');
  const headSha = field(field(pull, 'head'), 'sha');
  const baseRepo = field(field(field(pull, 'base'), 'repo'), 'full_name');
  const headRepo = field(field(field(pull, 'head'), 'repo'), 'full_name');
  const target = typeof baseRepo === 'string' ? splitRepository(baseRepo) : other.repository;
  if (typeof number !== 'number' || typeof baseSha !== 'string' || typeof headSha !== 'string' || target === null) {
    return { ...other, untrusted: `code that may come from a fork (the ${name} event names no pull request with base and head commits)` };
  }

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
    untrusted: pullRequestOrigin(headRepo, baseRepo),
  };
}

/**
 * The head repository when it is not the base. Compared by name, not by `head.repo.fork`: that flag
 * says the head repository is a fork of something, which it also is for a branch pull request inside
 * a fork.
 */
function pullRequestOrigin(head: unknown, base: unknown): string | null {
  if (typeof head !== 'string') return 'code from a deleted fork (the pull request names no head repository)';
  return head === base ? null : `code from the fork ${head}`;
}

function otherEvent(name: string, env: EventEnvironment): ActionEvent & { kind: 'other' } {
  return { kind: 'other', name, repository: splitRepository(env.GITHUB_REPOSITORY), sha: env.GITHUB_SHA || null, untrusted: null };
}

/** A workflow run's head repository when it is not the repository the run belongs to. */
function workflowRunOrigin(payload: unknown): string | null {
  const run = field(payload, 'workflow_run');
  const head = field(field(run, 'head_repository'), 'full_name');
  const own = field(field(run, 'repository'), 'full_name') ?? field(field(payload, 'repository'), 'full_name');
  if (typeof head === 'string' && typeof own === 'string' && head === own) return null;
  return typeof head === 'string'
    ? `code from the fork ${head} (its pull request started the workflow run)`
    : 'code that may come from a fork (the workflow run names no head repository)';
}

function splitRepository(fullName: string | undefined): { owner: string; repo: string } | null {
  const [owner, repo, ...rest] = (fullName ?? '').split('/');
  return owner && repo && rest.length === 0 ? { owner, repo } : null;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}
