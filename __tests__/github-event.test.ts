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
  const { event, note } = readEvent({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: fixture('event-pull-request.json'), GITHUB_REPOSITORY: 'octo/ml-stack' });
  assert.equal(note, null);
  assert.deepEqual(event, {
    kind: 'pull_request',
    name: 'pull_request',
    pr: { owner: 'octo', repo: 'ml-stack', number: 7, baseSha: BASE, headSha: HEAD, changedFiles: 2 },
    fork: false,
  });
});

test('a pull request from a fork is marked, under pull_request_target too', () => {
  for (const name of ['pull_request', 'pull_request_target']) {
    const { event } = readEvent({ GITHUB_EVENT_NAME: name, GITHUB_EVENT_PATH: fixture('event-pull-request-fork.json'), GITHUB_REPOSITORY: 'octo/ml-stack' });
    assert.equal(event.kind, 'pull_request');
    assert.equal(event.kind === 'pull_request' && event.fork, true, name);
    assert.equal(event.kind === 'pull_request' && event.pr.owner, 'octo', 'annotations go to the base repository');
  }
  const payload = JSON.parse(fs.readFileSync(fixture('event-pull-request.json'), 'utf8'));
  payload.pull_request.head.repo = null; // the fork was deleted
  const deleted = eventFromPayload('pull_request', payload, {});
  assert.equal(deleted.kind === 'pull_request' && deleted.fork, true);
});

test('push, schedule and workflow_dispatch put everything in scope, at GITHUB_SHA', () => {
  for (const name of ['push', 'schedule', 'workflow_dispatch']) {
    const { event, note } = readEvent({ GITHUB_EVENT_NAME: name, GITHUB_EVENT_PATH: fixture('event-push.json'), GITHUB_REPOSITORY: 'octo/ml-stack', GITHUB_SHA: HEAD });
    assert.equal(note, null);
    assert.deepEqual(event, { kind: 'other', name, repository: { owner: 'octo', repo: 'ml-stack' }, sha: HEAD });
  }
  assert.deepEqual(readEvent({}).event, { kind: 'other', name: '', repository: null, sha: null });
});

test('an unreadable or hollow pull-request payload falls back to everything in scope, with a note', () => {
  const missing = readEvent({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: path.join(os.tmpdir(), 'no-such-event.json'), GITHUB_REPOSITORY: 'octo/ml-stack' });
  assert.equal(missing.event.kind, 'other');
  assert.match(missing.note ?? '', /^Could not read the pull_request event \(ENOENT\): every finding is in scope\.$/);

  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'compat-guard-event-'));
  try {
    const hollow = path.join(folder, 'event.json');
    fs.writeFileSync(hollow, JSON.stringify({ action: 'opened', pull_request: { number: '7', head: {}, base: null } }));
    const read = readEvent({ GITHUB_EVENT_NAME: 'pull_request_target', GITHUB_EVENT_PATH: hollow });
    assert.equal(read.event.kind, 'other');
    assert.match(read.note ?? '', /names no pull request/);
    fs.writeFileSync(hollow, '{"pull_request": ');
    assert.match(readEvent({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: hollow }).note ?? '', /\(not JSON\)/);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
