// Remote `-c URL` / `-r URL`: fetched when the index checks are online, read with the install set, and
// a pin they exclude is an error on the pin's line. The server is on 127.0.0.1, which a repository may
// only reach when allowed: the tests that read it allow it, as a workflow that names its own
// constraints server would.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { runCheck } from '../src/engine.js';
import type { IndexOptions } from '../src/engine.js';
import { readRemoteFiles } from '../src/index/remote-files.js';
import { temporaryFolder } from './helpers/python-env.js';
import { makeTree, removeTree } from './helpers/temp-tree.js';
import { readFolder } from './helpers/matrix-fixture.js';

const CONSTRAINTS = [
  '# constraints of the pipeline stack',
  'apache-airflow==2.10.5',
  'numpy==1.26.4',
  'pandas==2.1.4',
  'requests==2.32.3',
  'scipy==1.11.4; python_version < "3.12"',
  '',
].join('\n');

let server: http.Server;
let base = '';
const asked: string[] = [];
const roots: string[] = [];

before(async () => {
  server = http.createServer((request, response) => {
    // The remote files asked for; the index checks' project pages are not counted.
    if (!request.url?.startsWith('/simple/')) asked.push(request.url ?? '');
    if (request.url === '/constraints-2.10.5/constraints-3.11.txt') response.end(CONSTRAINTS);
    else if (request.url === '/extra.txt') response.end('numpy>=2\n');
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ONLINE = { mode: 'online', indexUrl: `${base}/simple`, cacheDir: null, untrusted: null, allowUntrusted: true };
});
after(async () => {
  roots.forEach(removeTree);
  await new Promise((resolve) => server.close(resolve));
});

// The index checks ask the loopback server too (it answers 404 for every project): only what these
// tests are about is compared.
let ONLINE: IndexOptions;
const ABOUT = /^(remote-file-conflict|parse-error) /;

async function check(files: Record<string, string>, index: IndexOptions | null, env: Record<string, string> = {}) {
  const root = makeTree(files);
  roots.push(root);
  const outcome = await runCheck({ root, paths: [], index, env });
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.error);
  return outcome.result.findings
    .map((finding) => `${finding.rule} ${finding.severity} ${finding.file}:${finding.line} ${finding.message}`)
    .filter((line) => ABOUT.test(line));
}

describe('remote constraint and requirement files', () => {
  it('a pin the constraints exclude is an error on its line, naming the URL and its line; unpinned and compatible pins are fine', async () => {
    const url = `${base}/constraints-2.10.5/constraints-3.11.txt`;
    const findings = await check({ 'requirements.txt': `-c ${url}\nnumpy==1.24.4\npandas\nrequests>=2.30\nscipy==1.14.1\n` }, ONLINE);
    assert.deepEqual(findings, [
      `remote-file-conflict error requirements.txt:2 numpy==1.24.4 is excluded by numpy==1.26.4 at ${url}:3 (the constraints file named by -c at requirements.txt:1): ` +
        'no version satisfies both, so pip stops with ResolutionImpossible. Pin numpy==1.26.4, or use constraints that allow numpy==1.24.4.',
    ]);
  });

  it('resolves ARG-expanded URLs of a Dockerfile pip install, and relates the finding to the -c line', async () => {
    const dockerfile = [
      'FROM python:3.11-slim',
      'ARG AIRFLOW_VERSION=2.10.5',
      'ARG PYTHON_VERSION=3.11',
      `RUN pip install "apache-airflow==\${AIRFLOW_VERSION}" numpy==1.24.4 --constraint "${base}/constraints-\${AIRFLOW_VERSION}/constraints-\${PYTHON_VERSION}.txt"`,
      '',
    ].join('\n');
    const root = makeTree({ Dockerfile: dockerfile });
    roots.push(root);
    const outcome = await runCheck({ root, paths: [], index: ONLINE });
    assert.ok(outcome.ok);
    const findings = outcome.result.findings.filter((finding) => finding.rule === 'remote-file-conflict');
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.line, 4);
    assert.equal(findings[0]?.source, `${base}/constraints-2.10.5/constraints-3.11.txt`);
    assert.deepEqual(
      findings[0]?.related?.map((related) => `${related.file}:${related.line}`),
      ['Dockerfile:4'],
    );
    assert.deepEqual(
      outcome.result.findings.filter((finding) => /not fetched/.test(finding.message)),
      [],
    );
  });

  it('reads -r URL as requirements, and a requirements file expanded from the environment', async () => {
    const findings = await check({ 'requirements.txt': '-r ${EXTRA_URL}/extra.txt\nnumpy==1.26.4\n' }, ONLINE, { EXTRA_URL: base });
    assert.equal(findings.length, 1);
    assert.match(
      findings[0] ?? '',
      /^remote-file-conflict error requirements\.txt:2 numpy==1\.26\.4 is excluded by numpy>=2 at http:\/\/127\.0\.0\.1:\d+\/extra\.txt:1 \(the requirements file named by -r at requirements\.txt:1\)/,
    );
  });

  it('fetches nothing offline, or for code that may come from a fork: the line keeps its "not fetched", saying why', async () => {
    const files = { 'requirements.txt': `-c ${base}/constraints-2.10.5/constraints-3.11.txt\nnumpy==1.24.4\n` };
    const before = asked.length;
    const notFetched = `parse-error warning requirements.txt:1 -c ${base}/constraints-2.10.5/constraints-3.11.txt is a URL; not fetched`;
    assert.deepEqual(await check(files, { ...ONLINE, mode: 'offline' }), [`${notFetched} (index offline)`]);
    assert.deepEqual(await check(files, { ...ONLINE, untrusted: 'code from the fork mona/ml-stack', allowUntrusted: false }), [
      `${notFetched} (it would fetch a URL given by code from the fork mona/ml-stack; allow-untrusted allows it)`,
    ]);
    assert.deepEqual(await check(files, null), [notFetched]);
    assert.equal(asked.length, before);
  });

  it('refuses a private, loopback or link-local address the repository gives unless allowed, and says so', async () => {
    const before = asked.length;
    const findings = await check(
      { 'requirements.txt': `-c ${base}/constraints-2.10.5/constraints-3.11.txt\nnumpy==1.24.4\n` },
      { ...ONLINE, allowUntrusted: false },
    );
    assert.equal(asked.length, before);
    assert.equal(findings.length, 1);
    assert.match(
      findings[0] ?? '',
      /^parse-error warning requirements\.txt:1 -c http:\/\/127\.0\.0\.1:\d+\/constraints-2\.10\.5\/constraints-3\.11\.txt is a URL; not fetched \(fetching it failed: .* is an internal address \(127\.0\.0\.1\)/,
    );
    const linkLocal = await check(
      { 'requirements.txt': '-c http://169.254.169.254/latest/c.txt\nnumpy==1.24.4\n' },
      { ...ONLINE, allowUntrusted: false },
    );
    assert.equal(linkLocal.length, 1);
    assert.match(linkLocal[0] ?? '', /not fetched \(fetching it failed: .*internal address \(169\.254\.169\.254\)/);
  });

  it('a URL that cannot be fetched keeps its one "not fetched", saying why', async () => {
    const findings = await check({ 'requirements.txt': `-c ${base}/missing.txt\nnumpy==1.24.4\n` }, ONLINE);
    assert.deepEqual(findings, [
      `parse-error warning requirements.txt:1 -c ${base}/missing.txt is a URL; not fetched (fetching it failed: it answered 404)`,
    ]);
  });

  it('asks each URL once per run, and then from the cache', async () => {
    const url = `${base}/constraints-2.10.5/constraints-3.11.txt`;
    const root = makeTree({ 'requirements-a.txt': `-c ${url}\nnumpy==1.24.4\n`, 'requirements-b.txt': `-c ${url}\npandas==2.1.4\n` });
    roots.push(root);
    const parse = readFolder(root, [], {});
    const cacheDir = temporaryFolder('compat-guard-remote-cache-');
    const first = await readRemoteFiles(parse, { ...ONLINE, cacheDir });
    assert.deepEqual([first.files.size, first.requests, first.fromCache], [1, 1, 0]);
    const second = await readRemoteFiles(parse, { ...ONLINE, cacheDir });
    assert.deepEqual([second.files.size, second.requests, second.fromCache], [1, 0, 1]);
  });

  it('a pin silenced with ignore[remote-file-conflict] stays silent', async () => {
    const findings = await check(
      {
        'requirements.txt': `-c ${base}/constraints-2.10.5/constraints-3.11.txt\nnumpy==1.24.4  # compat-guard: ignore[remote-file-conflict]\n`,
      },
      ONLINE,
    );
    assert.deepEqual(findings, []);
  });
});
