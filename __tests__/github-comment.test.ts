// The pull-request comment against the fake GitHub: found again on a later page of the comments,
// left alone by other check names, and an API failure that is an outcome, never a throw.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commentMarker, updatePullRequestComment, type CommentRequest } from '../src/github/comment.js';
import { GitHubClient } from '../src/github/http.js';
import { startFakeGitHub, type Fault } from './helpers/fake-github.js';

const TOKEN = 'ghs_comment_test_token_31ad';
const REQUEST: CommentRequest = {
  owner: 'octo',
  repo: 'ml-stack',
  number: 7,
  checkName: 'compat-guard',
  mode: 'on-failure',
  failing: true,
  body: '## ❌ findings',
  sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
};

async function withServer(
  existing: Array<{ id: number; body: string }>,
  faults: Fault[],
  body: (github: GitHubClient, server: Awaited<ReturnType<typeof startFakeGitHub>>) => Promise<void>,
) {
  const server = await startFakeGitHub({
    owner: 'octo',
    repo: 'ml-stack',
    pullNumber: 7,
    files: [],
    token: TOKEN,
    existingComments: existing,
    faults,
  });
  try {
    await body(new GitHubClient({ apiUrl: server.url, token: TOKEN, secondMs: 0 }), server);
  } finally {
    await server.close();
  }
}

test('its comment is found on a later page and edited in place; a comment of another check name is not touched', async () => {
  const existing = Array.from({ length: 150 }, (_, index) => ({ id: index + 1, body: `comment ${index}` }));
  existing[40] = { id: 41, body: `${commentMarker('compat (cu118)')}\nthe other step's` };
  existing[120] = { id: 121, body: `${commentMarker('compat-guard')}\nold` };
  await withServer(existing, [], async (github, server) => {
    const outcome = await updatePullRequestComment(github, REQUEST);
    assert.deepEqual(outcome, { action: 'updated', url: 'https://github.com/octo/ml-stack/pull/7#issuecomment-121' });
    assert.equal(server.calls.filter((call) => call.method === 'GET').length, 2, 'two pages of 100');
    assert.equal(server.comments.find((comment) => comment.id === 121)?.body, `${commentMarker('compat-guard')}\n## ❌ findings`);
    assert.equal(server.comments.find((comment) => comment.id === 41)?.body, `${commentMarker('compat (cu118)')}\nthe other step's`);
  });
});

test('a clean pull request without a comment gets none; a check name cannot end the hidden marker', async () => {
  await withServer([], [], async (github, server) => {
    assert.deepEqual(await updatePullRequestComment(github, { ...REQUEST, failing: false }), { action: 'none', url: null });
    assert.equal(server.comments.length, 0);
  });
  assert.equal(commentMarker('x --> <b>y'), '<!-- compat-guard:comment x%20--%3E%20%3Cb%3Ey -->');
});

test('an API failure is an outcome with the reason, after the retries', async () => {
  const faults: Fault[] = [{ method: 'GET', path: '/repos/octo/ml-stack/issues/7/comments', status: 502, times: 10 }];
  await withServer([], faults, async (github) => {
    const outcome = await updatePullRequestComment(github, REQUEST);
    assert.equal(outcome.action, 'failed');
    assert.match(outcome.action === 'failed' ? outcome.reason : '', /^GET \/api\/v3\/repos\/octo\/ml-stack\/issues\/7\/comments: 502/);
  });
});
