import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { GitHubApiError, GitHubClient } from '../src/github/http.js';
import { startFakeGitHub, type FakePullFile } from './helpers/fake-github.js';
import { startLoopbackProxy, unresolvableHost } from './helpers/loopback-proxy.js';

const TOKEN = 'ghs_http_test_token_5f1c2a';
const FILES: FakePullFile[] = Array.from({ length: 250 }, (_, index) => ({
  filename: `reqs/r${index}.txt`,
  status: 'modified',
  additions: 1,
  deletions: 0,
  changes: 1,
  patch: '@@ -1 +1,2 @@\n a\n+b',
}));
const FILES_PATH = '/repos/octo/ml-stack/pulls/7/files';

/** A client whose seconds last a millisecond, so that octokit's waits do not hold the tests up. */
function client(apiUrl: string, options: { maxTotalWaitMs?: number; timeoutMs?: number; maxRetries?: number } = {}) {
  const logged: string[] = [];
  const github = new GitHubClient({ apiUrl, token: TOKEN, secondMs: 1, log: (line) => logged.push(line), ...options });
  return { github, logged };
}

test('lists follow the Link header to the last page and carry the token, media type and API version', async () => {
  const server = await startFakeGitHub({ owner: 'octo', repo: 'ml-stack', pullNumber: 7, files: FILES, token: TOKEN });
  try {
    const { github } = client(server.url);
    const files = await github.paginate<{ filename: string }>(`${FILES_PATH}?per_page=100`);
    assert.equal(files.length, 250);
    assert.equal(files[249]?.filename, 'reqs/r249.txt');
    assert.deepEqual(
      server.calls.map((call) => call.query.get('page')),
      [null, '2', '3'],
    );
    const first = server.calls[0];
    assert.equal(first?.headers.authorization, `token ${TOKEN}`);
    assert.equal(first?.headers.accept, 'application/vnd.github+json');
    assert.equal(first?.headers['x-github-api-version'], '2022-11-28');
    assert.match(String(first?.headers['user-agent']), /^compat-guard\//);
  } finally {
    await server.close();
  }
});

test('a 500 is retried after a backoff; a secondary rate limit (429) waits as Retry-After says', async () => {
  const server = await startFakeGitHub({
    owner: 'octo',
    repo: 'ml-stack',
    pullNumber: 7,
    files: FILES.slice(0, 3),
    token: TOKEN,
    faults: [
      { method: 'GET', path: FILES_PATH, status: 500, body: { message: 'Server Error' } },
      {
        method: 'GET',
        path: FILES_PATH,
        status: 429,
        headers: { 'retry-after': '1' },
        body: { message: 'You have exceeded a secondary rate limit.' },
      },
    ],
  });
  try {
    const { github, logged } = client(server.url);
    const files = await github.paginate(FILES_PATH);
    assert.equal(files.length, 3);
    assert.deepEqual(
      server.calls.map((call) => call.status),
      [500, 429, 200],
    );
    assert.deepEqual(logged, [`GET /api/v3${FILES_PATH}: 500`, `GET /api/v3${FILES_PATH}: rate limited; retrying in 1 s`]);
  } finally {
    await server.close();
  }
});

test('a 403 with an exhausted quota waits until x-ratelimit-reset', async () => {
  const reset = String(Math.floor(Date.now() / 1000) + 3);
  const server = await startFakeGitHub({
    owner: 'octo',
    repo: 'ml-stack',
    pullNumber: 7,
    files: [],
    token: TOKEN,
    faults: [
      {
        method: 'GET',
        path: FILES_PATH,
        status: 403,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
        body: { message: 'API rate limit exceeded' },
      },
    ],
  });
  try {
    const { github, logged } = client(server.url);
    await github.request('GET', FILES_PATH);
    assert.equal(logged.length, 1);
    // octokit waits one second past the reset.
    assert.match(logged[0] ?? '', /retrying in [2-5] s$/);
    assert.deepEqual(
      server.calls.map((call) => call.status),
      [403, 200],
    );
  } finally {
    await server.close();
  }
});

test("a permission 403 is not retried, and its message is GitHub's", async () => {
  const server = await startFakeGitHub({ owner: 'octo', repo: 'ml-stack', pullNumber: 7, files: [], token: TOKEN, checkRuns: 'forbid' });
  try {
    const { github, logged } = client(server.url);
    await assert.rejects(github.request('POST', '/repos/octo/ml-stack/check-runs', { name: 'compat-guard' }), (error: unknown) => {
      assert.ok(error instanceof GitHubApiError);
      assert.equal(error.status, 403);
      assert.equal(error.message, 'POST /api/v3/repos/octo/ml-stack/check-runs: 403 Resource not accessible by integration');
      return true;
    });
    assert.deepEqual(logged, []);
    assert.equal(server.calls.length, 1);
  } finally {
    await server.close();
  }
});

test('waiting is bounded: a Retry-After beyond the budget fails at once, and retries stop', async () => {
  const server = await startFakeGitHub({
    owner: 'octo',
    repo: 'ml-stack',
    pullNumber: 7,
    files: [],
    token: TOKEN,
    faults: [
      {
        method: 'GET',
        path: FILES_PATH,
        status: 429,
        headers: { 'retry-after': '3600' },
        body: { message: 'You have exceeded a secondary rate limit.' },
      },
      { method: 'GET', path: '/repos/octo/ml-stack/compare', status: 502, times: 10 },
    ],
  });
  try {
    const { github, logged } = client(server.url, { maxTotalWaitMs: 60_000 });
    await assert.rejects(github.request('GET', FILES_PATH), /: 429 .*rate limited longer than this run waits/);
    assert.deepEqual(logged, []);
    assert.equal(server.calls.filter((call) => call.path.endsWith('/files')).length, 1);
    // octokit's retry plugin: three retries, after 1, 4 and 9 of the client's seconds.
    await assert.rejects(github.request('GET', '/repos/octo/ml-stack/compare/a...b'), /: 502/);
    assert.equal(server.calls.filter((call) => call.path.includes('/compare/')).length, 4);
    assert.deepEqual(logged, Array(4).fill('GET /api/v3/repos/octo/ml-stack/compare/a...b: 502'));
  } finally {
    await server.close();
  }
});

test('a server that never answers times out, and the token never shows in an error', async () => {
  const hanging = createServer(() => undefined);
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = hanging.address() as AddressInfo;
    let requests = 0;
    hanging.on('request', () => void requests++);
    const { github, logged } = client(`http://127.0.0.1:${port}`, { timeoutMs: 200, maxRetries: 1 });
    await assert.rejects(github.request('GET', '/repos/o/r/pulls/1/files'), (error: unknown) => {
      assert.ok(error instanceof GitHubApiError);
      assert.equal(error.status, null);
      assert.match(error.message, /no answer within 0\.2 s/);
      return true;
    });
    assert.equal(requests, 2, 'retried once');
    assert.deepEqual(logged, Array(2).fill('GET /repos/o/r/pulls/1/files: no answer within 0.2 s'));
  } finally {
    hanging.closeAllConnections();
    hanging.close();
  }

  const echo = await startFakeGitHub({
    owner: 'octo',
    repo: 'ml-stack',
    pullNumber: 7,
    files: [],
    token: TOKEN,
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

  let calls = 0;
  const server = createServer((_request, response) => {
    calls += 1;
    response.writeHead(200, { 'content-type': 'application/json', link: '<https://evil.example/steal?page=2>; rel="next"' });
    response.end('[1]');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const linked = client(`http://127.0.0.1:${(server.address() as AddressInfo).port}`).github;
    await assert.rejects(linked.paginate('/repos/octo/ml-stack/pulls/7/files'), /refusing to call https:\/\/evil\.example/);
    assert.equal(calls, 1);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test("a 404 or 422 is an answer, not a fault: no retry, GitHub's message, no token", async () => {
  for (const [status, message] of [
    [404, 'Not Found'],
    [422, 'Validation Failed'],
  ] as const) {
    let calls = 0;
    const server = createServer((_request, response) => {
      calls += 1;
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message, documentation_url: 'https://docs.github.com/rest' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { github, logged } = client(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      await assert.rejects(github.request('GET', '/repos/octo/ml-stack/pulls/7'), (error: unknown) => {
        assert.ok(error instanceof GitHubApiError);
        assert.equal(error.status, status);
        assert.match(error.message, new RegExp(`${status} ${message}`));
        assert.ok(!error.message.includes(TOKEN));
        return true;
      });
      assert.equal(calls, 1);
      assert.deepEqual(logged, []);
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
    // @actions/http-client reads the variables from the environment when the client is made.
    const proxied = withEnv({ HTTPS_PROXY: proxy.url, http_proxy: proxy.url }, () => new GitHubClient({ apiUrl, token: TOKEN }));
    const files = await proxied.paginate<{ filename: string }>(`${FILES_PATH}?per_page=100`);
    assert.equal(files.length, 250);
    assert.deepEqual(
      server.calls.map((call) => call.query.get('page')),
      [null, '2', '3'],
    );
    assert.ok(
      proxy.targets.length > 0 && proxy.targets.every((target) => target.startsWith('api.github.invalid:')),
      proxy.targets.join(' '),
    );
    assert.equal(server.calls[0]?.headers.authorization, `token ${TOKEN}`, 'the token reaches GitHub, through the tunnel');

    const before = proxy.targets.length;
    const direct = withEnv({ HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' }, () => new GitHubClient({ apiUrl: server.url, token: TOKEN }));
    assert.equal((await direct.paginate(`${FILES_PATH}?per_page=100`)).length, 250);
    assert.equal(proxy.targets.length, before, 'NO_PROXY: not through the proxy');
  } finally {
    await proxy.close();
    await server.close();
  }
});

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];

/** `make()` with exactly these proxy variables set, the environment restored after. */
function withEnv<T>(variables: Record<string, string>, make: () => T): T {
  const saved = PROXY_VARIABLES.map((name) => [name, process.env[name]] as const);
  for (const name of PROXY_VARIABLES) delete process.env[name];
  Object.assign(process.env, variables);
  try {
    return make();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
