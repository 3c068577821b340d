// The index client against a loopback index: both page forms, metadata files and wheels, yanked
// files, the cache, and every fault degrading to an answer that proves nothing (never a throw).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { IndexCache } from '../src/index/cache.js';
import { IndexClient, type IndexLocation } from '../src/index/client.js';
import { gatherCredentials, parseNetrc } from '../src/index/credentials.js';
import { parseWheelName, sdistVersion, wheelFitsTarget } from '../src/index/files.js';
import { HttpClient, retryAfterMs, type HttpOptions } from '../src/index/http.js';
import { parseCoreMetadata } from '../src/index/metadata.js';
import { isInternalAddress, withoutCredentials } from '../src/index/url.js';
import { startIndexServer, wheelOf, type FakeProject } from './helpers/index-server.js';

const PROJECTS: FakeProject[] = [
  {
    name: 'mlflow',
    releases: [
      { version: '2.17.2', requiresPython: '>=3.9', requiresDist: ['packaging<25', 'numpy<3; python_version >= "3.9"'] },
      { version: '2.18.0', yanked: 'broken upload', requiresDist: [] },
    ],
  },
  { name: 'packaging', releases: [{ version: '25.0' }, { version: '24.2' }] },
  { name: 'nometa', releases: [{ version: '1.0', metadataFiles: false, requiresDist: ['six'] }] },
  { name: 'badmeta', releases: [{ version: '1.0', metadataText: 'this is not metadata' }] },
  { name: 'bigwheel', releases: [{ version: '3.0', metadataFiles: false, requiresDist: ['torch==2.1.0'], paddingBytes: 300_000 }] },
];

function client(options: Partial<HttpOptions> = {}, cacheDir: string | null = null, waits: number[] = []): IndexClient {
  const http = new HttpClient({
    timeoutMs: 2000,
    retries: 2,
    concurrency: 4,
    maxRetryWaitMs: 5000,
    credentials: () => undefined,
    allowInternal: false,
    sleep: async (ms) => void waits.push(ms),
    ...options,
  });
  return new IndexClient(http, new IndexCache(cacheDir));
}

const trusted = (url: string): IndexLocation => ({ url, kind: 'index', trusted: true });

test('a PEP 691 page: files, yanked with its reason, Requires-Python; metadata from the .metadata file', async () => {
  const server = await startIndexServer({ projects: PROJECTS });
  try {
    const answer = await client().project(trusted(server.url), 'mlflow');
    assert.equal(answer.status, 'found');
    if (answer.status !== 'found') return;
    assert.equal(answer.page.source, `${server.url}/mlflow/`);
    const [first, second] = answer.page.files;
    assert.equal(first?.requiresPython, '>=3.9');
    assert.equal(first?.yanked, null);
    assert.equal(second?.yanked, 'broken upload');
    assert.ok(first?.hasMetadata);
    assert.match(server.requests[0]?.accept ?? '', /application\/vnd\.pypi\.simple\.v1\+json/);
    const metadata = await client().metadata(first!, true);
    assert.ok(metadata.ok);
    if (metadata.ok) assert.deepEqual(metadata.metadata.requiresDist, ['packaging<25', 'numpy<3; python_version >= "3.9"']);
    assert.ok(server.requests.some((request) => request.path.endsWith('.whl.metadata')));
    assert.ok(!server.requests.some((request) => request.path.endsWith('.whl')), 'the wheel itself is not downloaded');
  } finally {
    await server.close();
  }
});

test('a PEP 503 HTML page reads the same, attributes unescaped', async () => {
  const server = await startIndexServer({ projects: PROJECTS, format: 'html' });
  try {
    const answer = await client().project(trusted(server.url), 'MLflow'.toLowerCase());
    assert.equal(answer.status, 'found');
    if (answer.status !== 'found') return;
    assert.equal(answer.page.files[0]?.requiresPython, '>=3.9');
    assert.equal(answer.page.files[1]?.yanked, 'broken upload');
    assert.ok(answer.page.files[0]?.hasMetadata);
  } finally {
    await server.close();
  }
});

test('404 is missing; 500 past the retries, a timeout and an internal address the repository gave prove nothing', async () => {
  const server = await startIndexServer({
    projects: PROJECTS,
    faults: { '/simple/broken/': { status: 500 }, '/simple/slow/': { delayMs: 1500 } },
  });
  try {
    assert.equal((await client().project(trusted(server.url), 'nothing-here')).status, 'missing');
    const broken = await client().project(trusted(server.url), 'broken');
    assert.equal(broken.status, 'unreachable');
    assert.equal(server.requests.filter((request) => request.path === '/simple/broken/').length, 3, 'one try and two retries');
    const slow = await client({ timeoutMs: 300, retries: 0 }).project(trusted(server.url), 'slow');
    assert.ok(slow.status === 'unreachable' && /did not answer within 0\.3 s/.test(slow.reason), JSON.stringify(slow));
    const before = server.requests.length;
    const refused = await client().project({ url: server.url, kind: 'index', trusted: false }, 'mlflow');
    assert.ok(refused.status === 'unreachable' && /internal address \(127\.0\.0\.1\)/.test(refused.reason), JSON.stringify(refused));
    assert.equal(server.requests.length, before, 'nothing was sent');
    const allowed = await client({ allowInternal: true }).project({ url: server.url, kind: 'index', trusted: false }, 'mlflow');
    assert.equal(allowed.status, 'found');
  } finally {
    await server.close();
  }
});

test('429 with Retry-After waits as asked, then reads the page; a wait past the cap gives up at once', async () => {
  const server = await startIndexServer({
    projects: PROJECTS,
    faults: {
      '/simple/packaging/': { status: 429, headers: { 'retry-after': '2' }, times: 1 },
      '/simple/mlflow/': { status: 429, headers: { 'retry-after': '3600' } },
    },
  });
  try {
    const waits: number[] = [];
    assert.equal((await client({}, null, waits).project(trusted(server.url), 'packaging')).status, 'found');
    assert.deepEqual(waits, [2000]);
    const capped = await client({}, null, waits).project(trusted(server.url), 'mlflow');
    assert.ok(capped.status === 'unreachable' && /asked to wait 3600 s/.test(capped.reason));
    assert.equal(server.requests.filter((request) => request.path === '/simple/mlflow/').length, 1);
  } finally {
    await server.close();
  }
});

test("malformed metadata is an answer that proves nothing; an index without metadata files gives the wheel's METADATA", async () => {
  const server = await startIndexServer({ projects: PROJECTS });
  try {
    const c = client();
    const bad = await c.project(trusted(server.url), 'badmeta');
    assert.equal(bad.status, 'found');
    if (bad.status !== 'found') return;
    const read = await c.metadata(bad.page.files[0]!, true);
    assert.ok(!read.ok && /not "Field: value"/.test(read.reason), JSON.stringify(read));
    const plain = await c.project(trusted(server.url), 'nometa');
    if (plain.status !== 'found') return assert.fail('nometa is listed');
    assert.equal(plain.page.files[0]?.hasMetadata, false);
    const metadata = await c.metadata(plain.page.files[0]!, true);
    assert.ok(metadata.ok);
    if (metadata.ok) assert.deepEqual(metadata.metadata.requiresDist, ['six']);
  } finally {
    await server.close();
  }
});

test("an index without metadata files: the wheel's METADATA through range requests (tail, then the entry), or the whole wheel where Range is ignored", async () => {
  for (const ranges of [true, false]) {
    const server = await startIndexServer({ projects: PROJECTS, ranges });
    try {
      const c = client();
      const page = await c.project(trusted(server.url), 'bigwheel');
      if (page.status !== 'found') return assert.fail('bigwheel is listed');
      const metadata = await c.metadata(page.page.files[0]!, true);
      assert.ok(metadata.ok && metadata.metadata.requiresDist[0] === 'torch==2.1.0', JSON.stringify(metadata));
      const asked = server.requests.filter((request) => request.path.endsWith('.whl')).map((request) => request.range);
      if (ranges) {
        assert.equal(asked[0], 'bytes=-65536');
        assert.match(asked[1] ?? '', /^bytes=0-\d+$/, 'the entry at the start of the file, in a second range');
        assert.equal(asked.length, 2);
      } else {
        assert.deepEqual(asked, ['bytes=-65536']);
      }
    } finally {
      await server.close();
    }
  }
});

test('credentials go to their own origin only: not to the host a redirect leads to, and never into a source', async () => {
  const other = await startIndexServer({ projects: PROJECTS });
  const server = await startIndexServer({
    projects: PROJECTS,
    faults: { '/simple/packaging/': { status: 302, headers: { location: `${other.url}/packaging/` } } },
  });
  try {
    const credentials = gatherCredentials([`http://alice:s3cret@127.0.0.1:${new URL(server.url).port}/simple`], {});
    const c = client({ credentials });
    const withUser = server.url.replace('http://', 'http://alice:s3cret@');
    const answer = await c.project(trusted(withUser), 'packaging');
    assert.equal(answer.status, 'found');
    assert.match(server.requests[0]?.authorization ?? '', /^Basic /);
    assert.equal(other.requests[0]?.authorization, undefined);
    assert.doesNotMatch(JSON.stringify(answer), /alice|s3cret/);
  } finally {
    await server.close();
    await other.close();
  }
});

test('the cache: offline reads what an online run kept; a stale page is asked again with its ETag', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'index-cache-'));
  const server = await startIndexServer({ projects: PROJECTS });
  try {
    const online = client({}, folder);
    const answer = await online.project(trusted(server.url), 'mlflow');
    if (answer.status !== 'found') return assert.fail('found');
    assert.ok((await online.metadata(answer.page.files[0]!, true)).ok);
    const offline = new IndexClient(null, new IndexCache(folder));
    assert.equal((await offline.project(trusted(server.url), 'mlflow')).status, 'found');
    assert.ok((await offline.metadata(answer.page.files[0]!, true)).ok);
    assert.deepEqual(offline.counts, { requests: 0, fromCache: 2 });
    assert.equal((await offline.project(trusted(server.url), 'packaging')).status, 'unreachable');
    const later = new IndexClient(
      new HttpClient({
        timeoutMs: 2000,
        retries: 0,
        concurrency: 1,
        maxRetryWaitMs: 0,
        credentials: () => undefined,
        allowInternal: false,
      }),
      new IndexCache(folder),
      () => Date.now() + 3_600_000,
    );
    assert.equal((await later.project(trusted(server.url), 'mlflow')).status, 'found');
    assert.equal(server.requests.at(-1)?.ifNoneMatch, '"mlflow-2"');
    assert.equal(later.counts.fromCache, 1);
  } finally {
    await server.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

test('the cache: a kind whose folder was missing at the first read is read once this run wrote it', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'index-cache-'));
  try {
    const cache = new IndexCache(folder);
    assert.equal(cache.page('https://pypi.org/simple/six/'), null);
    assert.equal(cache.metadata('https://x/six.whl.metadata sha256=00'), null);
    cache.saveMetadata('https://x/six.whl.metadata sha256=00', 'Name: six');
    assert.equal(cache.metadata('https://x/six.whl.metadata sha256=00'), 'Name: six');
    assert.equal(cache.page('https://pypi.org/simple/six/'), null);
    assert.equal(new IndexCache(folder).metadata('https://x/six.whl.metadata sha256=00'), 'Name: six');
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

test('a find-links folder given on the command line is read from disk; one the repository gives is not', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'find-links-'));
  try {
    fs.writeFileSync(path.join(folder, 'six-1.16.0-py2.py3-none-any.whl'), wheelOf('six', { version: '1.16.0', requiresDist: [] }));
    const c = new IndexClient(null, new IndexCache(null));
    const answer = await c.project({ url: pathToFileURL(folder).href, kind: 'find-links', trusted: true }, 'six');
    if (answer.status !== 'found') return assert.fail(JSON.stringify(answer));
    const metadata = await c.metadata(answer.page.files[0]!, true);
    assert.ok(metadata.ok && metadata.metadata.version === '1.16.0');
    assert.equal((await c.project({ url: folder, kind: 'find-links', trusted: true }, 'numpy')).status, 'missing');
    assert.equal((await c.project({ url: folder, kind: 'find-links', trusted: false }, 'six')).status, 'unreachable');
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

test('pieces: wheel tags for CPython on manylinux, sdist names, metadata, netrc, Retry-After, internal addresses, userinfo', () => {
  const target = { python: '3.10', glibc: '2.17' };
  const fits = (filename: string): boolean => wheelFitsTarget(parseWheelName(filename)!, target);
  assert.ok(fits('numpy-1.26.4-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl'));
  assert.ok(fits('six-1.16.0-py2.py3-none-any.whl'));
  assert.ok(fits('cryptography-42.0.0-cp37-abi3-manylinux2014_x86_64.whl'));
  assert.ok(!fits('numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.whl'));
  assert.ok(!fits('numpy-2.3.0-cp310-cp310-manylinux_2_28_x86_64.whl'));
  assert.ok(wheelFitsTarget(parseWheelName('numpy-2.3.0-cp310-cp310-manylinux_2_28_x86_64.whl')!, { python: '3.10', glibc: '2.35' }));
  assert.ok(!fits('numpy-1.26.4-cp310-cp310-macosx_11_0_arm64.whl'));
  assert.ok(!fits('torch-2.1.0-cp310-cp310-manylinux2014_aarch64.whl'));
  assert.equal(sdistVersion('Foo.Bar-baz-1.0.tar.gz', 'foo-bar-baz'), '1.0');
  const parsed = parseCoreMetadata(
    'Metadata-Version: 2.1\nName: x\nVersion: 1\nRequires-Dist: a\nRequires-Dist: b;\n  extra == "c"\n\nBody: no\n',
  );
  assert.ok(parsed.ok && parsed.metadata.requiresDist.length === 2 && parsed.metadata.requiresDist[1] === 'b; extra == "c"');
  assert.deepEqual(parseNetrc('machine pkgs.example.com login bob password hunter2\ndefault login anon password x'), [
    { machine: 'pkgs.example.com', login: 'bob', password: 'hunter2' },
    { machine: null, login: 'anon', password: 'x' },
  ]);
  assert.equal(retryAfterMs('3'), 3000);
  assert.equal(retryAfterMs(new Date(10_000).toUTCString(), 4_000), 6000);
  for (const address of [
    '127.0.0.1',
    '169.254.169.254',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '::1',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '[::1]',
  ])
    assert.ok(isInternalAddress(address), address);
  for (const address of ['151.101.0.223', '8.8.8.8', '2a04:4e42::223', 'pypi.org']) assert.ok(!isInternalAddress(address), address);
  assert.equal(withoutCredentials('https://user:tok@pkgs.example.com/simple'), 'https://pkgs.example.com/simple');
});
