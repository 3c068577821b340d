import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { GitHubApiError, GitHubClient, nextPageLink } from '../src/github/http.js';
import { startFakeGitHub, type FakePullFile } from './helpers/fake-github.js';
import { startLoopbackProxy, unresolvableHost } from './helpers/loopback-proxy.js';

const TOKEN = 'ghs_http_test_token_5f1c2a';
const FILES: FakePullFile[] = Array.from({ length: 250 }, (_, index) => ({ filename: `reqs/r${index}.txt`, status: 'modified', additions: 1, deletions: 0, changes: 1, patch: '@@ -1 +1,2 @@\n a\n+b' }));
const FILES_PATH = '/repos/octo/ml-stack/pulls/7/files';

/** A client whose waits are recorded instead of slept. */
function client(apiUrl: string, options: { maxTotalWaitMs?: number; timeoutMs?: number; maxRetries?: number } = {}) {
  const waits: number[] = [];
  const logged: string[] = [];
  const github = new GitHubClient({ apiUrl, token: TOKEN, sleep: async (ms) => void waits.push(ms), log: (line) => logged.push(line), ...options });
  return { github, waits, logged };
}

test('lists follow the Link header to the last page and carry the token, media type and API version', async () => {
  const server = await startFakeGitHub({ owner: 'octo', repo: 'ml-stack', pullNumber: 7, files: FILES, token: TOKEN });
  try {
    const { github } = client(server.url);
    const files = await github.paginate<{ filename: string }>(`${FILES_PATH}?per_page=100`);
    assert.equal(files.length, 250);
    assert.equal(files[249]?.filename, 'reqs/r249.txt');
    assert.deepEqual(server.calls.map((call) => call.query.get('page')), [null, '2', '3']);
    const first = server.calls[0];
    assert.equal(first?.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(first?.headers.accept, 'application/vnd.github+json');
    assert.equal(first?.headers['x-github-api-version'], '2022-11-28');
    assert.match(String(first?.headers['user-agent']), /^compat-guard\//);
  } finally {
    await server.close();
  }
});

test('a 500 is retried after a backoff; a 429 waits as Retry-After says', async () => {
  const server = await startFakeGitHub({
    owner: 'octo', repo: 'ml-stack', pullNumber: 7, files: FILES.slice(0, 3), token: TOKEN,
    faults: [
      { method: 'GET', path: FILES_PATH, status: 500, body: { message: 'Server Error' } },
      { method: 'GET', path: FILES_PATH, status: 429, headers: { 'retry-after': '1' }, body: { message: 'You have exceeded a secondary rate limit.' } },
    ],
  });
  try {
    const { github, waits, logged } = client(server.url);
    const files = await github.paginate(FILES_PATH);
    assert.equal(files.length, 3);
    assert.deepEqual(server.calls.map((call) => call.status), [500, 429, 200]);
    assert.deepEqual(waits, [1000, 1000]);
    assert.equal(logged.length, 2);
  } finally {
    await server.close();
  }
});

test('a 403 with an exhausted quota waits until x-ratelimit-reset', async () => {
  const reset = String(Math.floor(Date.now() / 1000) + 3);
  const server = await startFakeGitHub({
    owner: 'octo', repo: 'ml-stack', pullNumber: 7, files: [], token: TOKEN,
    faults: [{ method: 'GET', path: FILES_PATH, status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }, body: { message: 'API rate limit exceeded' } }],
  });
  try {
    const { github, waits } = client(server.url);
    await github.request('GET', FILES_PATH);
    assert.equal(waits.length, 1);
    assert.ok((waits[0] ?? 0) > 1000 && (waits[0] ?? 0) <= 4000, `waited ${waits[0]}`);
    assert.deepEqual(server.calls.map((call) => call.status), [403, 200]);
  } finally {
    await server.close();
  }
});

test('a permission 403 is not retried, and its message is GitHub\'s', async () => {
  const server = await startFakeGitHub({ owner: 'octo', repo: 'ml-stack', pullNumber: 7, files: [], token: TOKEN, checkRuns: 'forbid' });
  try {
    const { github, waits } = client(server.url);
    await assert.rejects(github.request('POST', '/repos/octo/ml-stack/check-runs', { name: 'compat-guard' }), (error: unknown) => {
      assert.ok(error instanceof GitHubApiError);
      assert.equal(error.status, 403);
      assert.equal(error.message, 'POST /api/v3/repos/octo/ml-stack/check-runs: 403 Resource not accessible by integration');
      return true;
    });
    assert.deepEqual(waits, []);
    assert.equal(server.calls.length, 1);
  } finally {
    await server.close();
  }
});

test('waiting is bounded: a Retry-After beyond the budget fails at once, and retries stop', async () => {
  const server = await startFakeGitHub({
    owner: 'octo', repo: 'ml-stack', pullNumber: 7, files: [], token: TOKEN,
    faults: [
      { method: 'GET', path: FILES_PATH, status: 429, headers: { 'retry-after': '3600' } },
      { method: 'GET', path: '/repos/octo/ml-stack/compare', status: 502, times: 10 },
    ],
  });
  try {
    const { github, waits } = client(server.url, { maxTotalWaitMs: 60_000 });
    await assert.rejects(github.request('GET', FILES_PATH), /429 .*rate limited longer than this run waits/);
    assert.deepEqual(waits, []);
    await assert.rejects(github.request('GET', '/repos/octo/ml-stack/compare/a...b'), /: 502/);
    assert.deepEqual(waits, [1000, 2000, 4000]);
    assert.equal(server.calls.filter((call) => call.path.includes('/compare/')).length, 4);
  } finally {
    await server.close();
  }
});

test('a server that never answers times out, and the token never shows in an error', async () => {
  const hanging = createServer(() => undefined);
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = hanging.address() as AddressInfo;
    const { github, waits } = client(`http://127.0.0.1:${port}`, { timeoutMs: 200, maxRetries: 1 });
    await assert.rejects(github.request('GET', '/repos/o/r/pulls/1/files'), (error: unknown) => {
      assert.ok(error instanceof GitHubApiError);
      assert.equal(error.status, null);
      assert.match(error.message, /no answer within 0\.2 s/);
      return true;
    });
    assert.deepEqual(waits, [1000]);
  } finally {
    hanging.closeAllConnections();
    hanging.close();
  }

  const echo = await startFakeGitHub({
    owner: 'octo', repo: 'ml-stack', pullNumber: 7, files: [], token: TOKEN,
    faults: [{ method: 'GET', path: '/', status: 422, body: { message: `token ${TOKEN} is not valid here` } }],
  });
  try {
    await assert.rejects(client(echo.url).github.request('GET', '/user'), (error: unknown) => {
      assert.equal((error as Error).message.includes(TOKEN), false);
      assert.match((error as Error).message, /token \*\*\* is not valid here/);
      return true;
    });
  } finally {
    await echo.close();
  }
});

test('the token is never sent to another host, whatever a Link header says', async () => {
  const { github } = client('http://127.0.0.1:9/api/v3');
  await assert.rejects(github.request('GET', 'https://evil.example/steal'), /refusing to call https:\/\/evil\.example/);
});

test('Link headers: next in any position and spelling; none when absent', () => {
  assert.equal(nextPageLink('<https://api.github.com/x?page=2>; rel="next", <https://api.github.com/x?page=5>; rel="last"'), 'https://api.github.com/x?page=2');
  assert.equal(nextPageLink('<https://a/x?page=1>; rel="prev", <https://a/x?page=3>; rel=next'), 'https://a/x?page=3');
  assert.equal(nextPageLink('<https://a/x?page=1>; rel="first", <https://a/x?page=9>; rel="last"'), null);
  assert.equal(nextPageLink(null), null);
  assert.equal(nextPageLink('garbage; rel="next"'), null);
});

test('a 404 or 422 is an answer, not a fault: no retry, GitHub\'s message, no token', async () => {
  for (const [status, message] of [[404, 'Not Found'], [422, 'Validation Failed']] as const) {
    let calls = 0;
    const server = createServer((_request, response) => {
      calls += 1;
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message, documentation_url: 'https://docs.github.com/rest' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { github, waits } = client(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      await assert.rejects(github.request('GET', '/repos/octo/ml-stack/pulls/7'), (error: unknown) => {
        assert.ok(error instanceof GitHubApiError);
        assert.equal(error.status, status);
        assert.match(error.message, new RegExp(`${status} ${message}`));
        assert.ok(!error.message.includes(TOKEN));
        return true;
      });
      assert.equal(calls, 1);
      assert.deepEqual(waits, []);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }
});

test('behind a proxy (HTTPS_PROXY, HTTP_PROXY) every request and page goes through it; NO_PROXY hosts go direct', async () => {
  const server = await startFakeGitHub({ owner: 'octo', repo: 'ml-stack', pullNumber: 7, files: FILES, token: TOKEN });
  const proxy = await startLoopbackProxy();
  try {
    // The API's host name does not resolve: only the proxy can reach it.
    const apiUrl = unresolvableHost(server.url);
    const proxied = new GitHubClient({ apiUrl, token: TOKEN, env: { HTTPS_PROXY: proxy.url, http_proxy: proxy.url } });
    const files = await proxied.paginate<{ filename: string }>(`${FILES_PATH}?per_page=100`);
    assert.equal(files.length, 250);
    assert.deepEqual(server.calls.map((call) => call.query.get('page')), [null, '2', '3']);
    assert.ok(proxy.targets.length > 0 && proxy.targets.every((target) => target.startsWith('api.github.invalid:')), proxy.targets.join(' '));
    assert.equal(server.calls[0]?.headers.authorization, `Bearer ${TOKEN}`, 'the token reaches GitHub, through the tunnel');

    const before = proxy.targets.length;
    const direct = new GitHubClient({ apiUrl: server.url, token: TOKEN, env: { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } });
    assert.equal((await direct.paginate(`${FILES_PATH}?per_page=100`)).length, 250);
    assert.equal(proxy.targets.length, before, 'NO_PROXY: not through the proxy');
  } finally {
    await proxy.close();
    await server.close();
  }
});
