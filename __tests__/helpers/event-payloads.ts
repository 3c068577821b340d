// Event payloads as a runner hands them to the action (GITHUB_EVENT_PATH), for property tests: whole
// payloads of every event type, the same damaged (fields missing, null, of the wrong type, huge numbers),
// and files that hold no payload at all; with what a payload says, read independently of
// src/github/event.ts: whether it names a pull request, and whether its code may come from a fork.

import * as fs from 'node:fs';
import fc from 'fast-check';

const EVENTS = new URL('../../../__tests__/fixtures/github/', import.meta.url);
/** The commits the fixture payloads name. */
export const FIXTURE_HEAD = '6dcb09b5b57875f334f61aebed695e2e4193db5e';
export const FIXTURE_BASE = '9049f1265b7d61be4a8904a9a27120d2064dab3b';

export const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment'];
const OTHER_EVENTS = ['push', 'workflow_dispatch', 'schedule', 'merge_group', 'release', 'issue_comment', ''];
/** Pull requests most often: they are where the diff, the annotations and the forks are. */
export const eventName = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PULL_REQUEST_EVENTS) },
  { weight: 2, arbitrary: fc.constant('workflow_run') },
  { weight: 3, arbitrary: fc.constantFrom(...OTHER_EVENTS) },
);

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A fixture payload with the given commits in it. */
function fixturePayload(name: string, head = FIXTURE_HEAD, base = FIXTURE_BASE): { [key: string]: Json } {
  return JSON.parse(fs.readFileSync(new URL(name, EVENTS), 'utf8').replaceAll(FIXTURE_HEAD, head).replaceAll(FIXTURE_BASE, base));
}

function workflowRunPayload(headRepository: string, head = FIXTURE_HEAD): { [key: string]: Json } {
  return {
    action: 'completed',
    workflow_run: {
      id: 30433642,
      event: 'pull_request',
      status: 'completed',
      conclusion: 'success',
      head_sha: head,
      head_branch: 'bump-numpy',
      pull_requests: [],
      head_repository: { full_name: headRepository, fork: headRepository !== 'octo/ml-stack' },
      repository: { full_name: 'octo/ml-stack' },
    },
    repository: { full_name: 'octo/ml-stack' },
  };
}

/** What each event's payload looks like when whole. */
function wholePayload(name: string, fork: boolean, head?: string, base?: string): { [key: string]: Json } {
  if (PULL_REQUEST_EVENTS.includes(name))
    return fixturePayload(fork ? 'event-pull-request-fork.json' : 'event-pull-request.json', head, base);
  if (name === 'workflow_run') return workflowRunPayload(fork ? 'mona/ml-stack' : 'octo/ml-stack', head);
  if (name === 'merge_group')
    return {
      action: 'checks_requested',
      merge_group: { head_sha: head ?? FIXTURE_HEAD, head_ref: 'refs/heads/gh-readonly-queue/main/pr-7', base_sha: base ?? FIXTURE_BASE },
      repository: { full_name: 'octo/ml-stack' },
    };
  return fixturePayload('event-push.json', head, base);
}

/** Places damage lands on: what the action reads, and what it must not care about. */
const DAMAGED_PATHS = [
  ['pull_request'],
  ['number'],
  ['pull_request', 'number'],
  ['pull_request', 'base'],
  ['pull_request', 'base', 'sha'],
  ['pull_request', 'head', 'sha'],
  ['pull_request', 'head', 'repo'],
  ['pull_request', 'head', 'repo', 'full_name'],
  ['pull_request', 'head', 'repo', 'fork'],
  ['pull_request', 'base', 'repo'],
  ['pull_request', 'base', 'repo', 'full_name'],
  ['pull_request', 'changed_files'],
  ['pull_request', 'title'],
  ['workflow_run'],
  ['workflow_run', 'head_repository'],
  ['workflow_run', 'head_repository', 'full_name'],
  ['workflow_run', 'repository'],
  ['repository'],
  ['repository', 'full_name'],
];
/** undefined deletes the field. */
const DAMAGE: fc.Arbitrary<Json | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant('7'),
  fc.constant(''),
  fc.constant(true),
  fc.constant<Json>([]),
  fc.constant<Json>({}),
  fc.constantFrom(0, -1, 1.5, 2 ** 53 + 2, 1e21, 1e308, -0),
  fc.constant('x'.repeat(2000)),
  fc.constantFrom('octo/ml-stack', 'Octo/ML-Stack', 'mona/ml-stack', 'octo', 'a/b/c', 'octo/ml-stack\n'),
);

function damage(payload: { [key: string]: Json }, damages: ReadonlyArray<[readonly string[], Json | undefined]>): { [key: string]: Json } {
  const copy = structuredClone(payload);
  for (const [where, value] of damages) {
    let parent: Json | undefined = copy;
    for (const key of where.slice(0, -1))
      parent = parent !== null && typeof parent === 'object' && !Array.isArray(parent) ? parent[key] : undefined;
    if (parent === null || typeof parent !== 'object' || Array.isArray(parent)) continue;
    const key = where.at(-1) as string;
    if (value === undefined) delete parent[key];
    // A copy: the arbitraries hand out the same {} and [] each time.
    else parent[key] = structuredClone(value);
  }
  return copy;
}

/** A payload file: a whole or damaged payload as JSON, or bytes that are no payload at all; null: no file. */
export type PayloadFile = { json: { [key: string]: Json } } | { raw: string | Uint8Array | null };

export const payloadFile = (name: string, head?: string, base?: string): fc.Arbitrary<PayloadFile> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.boolean().map((fork) => ({ json: wholePayload(name, fork, head, base) })) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.boolean(), fc.array(fc.tuple(fc.constantFrom(...DAMAGED_PATHS), DAMAGE), { minLength: 1, maxLength: 3 }))
        .map(([fork, damages]) => ({ json: damage(wholePayload(name, fork, head, base), damages) })),
    },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          fc.constantFrom(null, '', ' ', 'null', '[]', '"pull_request"', '{', '{"pull_request": ', '\uFEFF{}'),
          fc.uint8Array({ maxLength: 64 }),
        )
        .map((raw) => ({ raw })),
    },
  );

export function fileBytes(file: PayloadFile): string | Uint8Array | null {
  return 'json' in file ? JSON.stringify(file.json) : file.raw;
}

/** The payload as JSON reads it; undefined when there is no file or it is not JSON. */
export function parsedPayload(file: PayloadFile): Json | undefined {
  const bytes = fileBytes(file);
  if (bytes === null) return undefined;
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as Json;
  } catch {
    return undefined;
  }
}

export function field(value: Json | undefined, ...keys: string[]): Json | undefined {
  for (const key of keys) value = value !== null && typeof value === 'object' && !Array.isArray(value) ? value[key] : undefined;
  return value;
}

/**
 * Whether the runtime check may run the code, from the payload alone: only when the payload names the
 * head repository and it is the base's. A pull-request event must also name the pull request.
 */
export function trustedByPayload(name: string, payload: Json | undefined, repository: string): boolean {
  if (!PULL_REQUEST_EVENTS.includes(name) && name !== 'workflow_run') return true;
  if (name === 'workflow_run') {
    const head = field(payload, 'workflow_run', 'head_repository', 'full_name');
    const own = field(payload, 'workflow_run', 'repository', 'full_name') ?? field(payload, 'repository', 'full_name');
    return typeof head === 'string' && head === own;
  }
  const head = field(payload, 'pull_request', 'head', 'repo', 'full_name');
  return (
    typeof head === 'string' &&
    head === field(payload, 'pull_request', 'base', 'repo', 'full_name') &&
    namesPullRequest(payload, repository)
  );
}

/** A pull-request payload that names the pull request: its number, its commits and its repository. */
export function namesPullRequest(payload: Json | undefined, repository: string): boolean {
  const number = field(payload, 'pull_request', 'number') ?? field(payload, 'number');
  const base = field(payload, 'pull_request', 'base', 'repo', 'full_name');
  const target = typeof base === 'string' ? base : repository;
  return (
    typeof number === 'number' &&
    typeof field(payload, 'pull_request', 'base', 'sha') === 'string' &&
    typeof field(payload, 'pull_request', 'head', 'sha') === 'string' &&
    /^[^/]+\/[^/]+$/.test(target)
  );
}

export const isOneLine = (text: string): boolean => !/[\n\r\u2028\u2029]/.test(text);

/** The payload's changed_files set to `count`, where it has a pull request to set it on. */
export function withChangedFiles(file: PayloadFile, count: number): PayloadFile {
  if (!('json' in file)) return file;
  const pull = file.json.pull_request;
  if (pull === null || typeof pull !== 'object' || Array.isArray(pull) || typeof pull.changed_files !== 'number') return file;
  return { json: { ...file.json, pull_request: { ...pull, changed_files: count } } };
}
