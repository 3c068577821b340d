import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { eventFromPayload, readEvent } from '../src/github/event.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../../__tests__/fixtures/github/${name}`, import.meta.url));
const HEAD = '6dcb09b5b57875f334f61aebed695e2e4193db5e';
const BASE = '9049f1265b7d61be4a8904a9a27120d2064dab3b';

test('a pull_request event gives the number, base and head commits, and the base repository', () => {
  const { event, note } = readEvent({
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: fixture('event-pull-request.json'),
    GITHUB_REPOSITORY: 'octo/ml-stack',
  });
  assert.equal(note, null);
  assert.deepEqual(event, {
    kind: 'pull_request',
    name: 'pull_request',
    pr: { owner: 'octo', repo: 'ml-stack', number: 7, baseSha: BASE, headSha: HEAD, changedFiles: 2 },
    untrusted: null,
  });
});

test('a pull request from a fork is marked, under pull_request_target too', () => {
  for (const name of ['pull_request', 'pull_request_target']) {
    const { event } = readEvent({
      GITHUB_EVENT_NAME: name,
      GITHUB_EVENT_PATH: fixture('event-pull-request-fork.json'),
      GITHUB_REPOSITORY: 'octo/ml-stack',
    });
    assert.equal(event.kind, 'pull_request');
    assert.equal(event.untrusted, 'code from the fork mona/ml-stack', name);
    assert.equal(event.kind === 'pull_request' && event.pr.owner, 'octo', 'annotations go to the base repository');
  }
  const payload = JSON.parse(fs.readFileSync(fixture('event-pull-request.json'), 'utf8'));
  payload.pull_request.head.repo = null; // the fork was deleted
  const deleted = eventFromPayload('pull_request', payload, {});
  assert.equal(deleted.kind, 'pull_request');
  assert.equal(deleted.untrusted, 'code from a deleted fork (the pull request names no head repository)');
});

test('a branch pull request inside a fork is trusted: head.repo.fork says what the repository is, not where the branch is', () => {
  const payload = JSON.parse(fs.readFileSync(fixture('event-pull-request.json'), 'utf8'));
  for (const side of [payload.pull_request.head.repo, payload.pull_request.base.repo])
    Object.assign(side, { full_name: 'mona/ml-stack', fork: true });
  const event = eventFromPayload('pull_request', payload, { GITHUB_REPOSITORY: 'mona/ml-stack' });
  assert.equal(event.kind, 'pull_request');
  assert.equal(event.untrusted, null);
});

test('push, schedule and workflow_dispatch put everything in scope, at GITHUB_SHA', () => {
  for (const name of ['push', 'schedule', 'workflow_dispatch']) {
    const { event, note } = readEvent({
      GITHUB_EVENT_NAME: name,
      GITHUB_EVENT_PATH: fixture('event-push.json'),
      GITHUB_REPOSITORY: 'octo/ml-stack',
      GITHUB_SHA: HEAD,
    });
    assert.equal(note, null);
    assert.deepEqual(event, { kind: 'other', name, repository: { owner: 'octo', repo: 'ml-stack' }, sha: HEAD, untrusted: null });
  }
  assert.deepEqual(readEvent({}).event, { kind: 'other', name: '', repository: null, sha: null, untrusted: null });
});

test('an unreadable or hollow pull-request payload falls back to everything in scope, with a note', () => {
  const missing = readEvent({
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: path.join(os.tmpdir(), 'no-such-event.json'),
    GITHUB_REPOSITORY: 'octo/ml-stack',
  });
  assert.equal(missing.event.kind, 'other');
  assert.match(missing.note ?? '', /^Could not read the pull_request event \(ENOENT\): every finding is in scope\.$/);
  assert.equal(missing.event.untrusted, 'code that may come from a fork (the pull_request event could not be read: ENOENT)');

  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'compat-guard-event-'));
  try {
    const hollow = path.join(folder, 'event.json');
    fs.writeFileSync(hollow, JSON.stringify({ action: 'opened', pull_request: { number: '7', head: {}, base: null } }));
    const read = readEvent({ GITHUB_EVENT_NAME: 'pull_request_target', GITHUB_EVENT_PATH: hollow });
    assert.equal(read.event.kind, 'other');
    assert.match(read.note ?? '', /names no pull request/);
    assert.equal(
      read.event.untrusted,
      'code that may come from a fork (the pull_request_target event names no pull request with base and head commits)',
    );
    fs.writeFileSync(hollow, '{"pull_request": ');
    const cut = readEvent({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: hollow });
    assert.match(cut.note ?? '', /\(not JSON\)/);
    assert.match(cut.event.untrusted ?? '', /^code that may come from a fork \(the pull_request event could not be read: not JSON\)$/);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

test('a workflow_run started by a fork is untrusted; one of this repository is not; an unreadable one may be either', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'compat-guard-event-'));
  try {
    const file = path.join(folder, 'event.json');
    const env = { GITHUB_EVENT_NAME: 'workflow_run', GITHUB_EVENT_PATH: file, GITHUB_REPOSITORY: 'octo/ml-stack', GITHUB_SHA: HEAD };
    const workflowRun = (headRepository: unknown) => ({
      action: 'completed',
      workflow_run: {
        event: 'pull_request',
        head_sha: HEAD,
        head_branch: 'bump-numpy',
        pull_requests: [],
        head_repository: headRepository,
        repository: { full_name: 'octo/ml-stack' },
      },
      repository: { full_name: 'octo/ml-stack' },
    });
    fs.writeFileSync(file, JSON.stringify(workflowRun({ full_name: 'mona/ml-stack', fork: true })));
    const fromFork = readEvent(env);
    assert.deepEqual(fromFork, {
      event: {
        kind: 'other',
        name: 'workflow_run',
        repository: { owner: 'octo', repo: 'ml-stack' },
        sha: HEAD,
        untrusted: 'code from the fork mona/ml-stack (its pull request started the workflow run)',
      },
      note: null,
    });
    fs.writeFileSync(file, JSON.stringify(workflowRun({ full_name: 'octo/ml-stack', fork: false })));
    assert.equal(readEvent(env).event.untrusted, null);
    fs.writeFileSync(file, JSON.stringify(workflowRun(null)));
    assert.equal(readEvent(env).event.untrusted, 'code that may come from a fork (the workflow run names no head repository)');
    fs.rmSync(file);
    const unread = readEvent(env);
    assert.equal(unread.note, 'Could not read the workflow_run event (ENOENT).');
    assert.equal(unread.event.untrusted, 'code that may come from a fork (the workflow_run event could not be read: ENOENT)');
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
