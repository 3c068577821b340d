// The index options of the CLI, as users run it (the committed bundle, a real process) against a
// loopback index: modes, exit statuses, the report's index object; and the quick start offline.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startIndexServer, type IndexServer } from './helpers/index-server.js';
import { makeTree, removeTree } from './helpers/temp-tree.js';

const CLI = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

/** Asynchronous: the loopback index answers from this process while the CLI runs. */
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, NO_COLOR: '1', PIP_INDEX_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let server: IndexServer;
let root: string;
let cache: string;
before(async () => {
  server = await startIndexServer({ projects: [{ name: 'numpy', releases: [{ version: '1.24.4' }, { version: '1.26.4' }] }] });
  root = makeTree({ 'requirements.txt': 'numpy==1.24.9\n' });
  cache = makeTree({});
});
after(async () => {
  await server.close();
  removeTree(root);
  removeTree(cache);
});

test('--index-url: a pin the index lacks fails the check, with the index object in the report', async () => {
  const { code, stdout } = await cli(['check', '--root', root, '--index-url', server.url, '--cache-dir', cache, '--format', 'json']);
  assert.equal(code, 1);
  const report = JSON.parse(stdout);
  assert.deepEqual(
    report.findings.map((finding: { rule: string }) => finding.rule),
    ['version-not-found'],
  );
  assert.equal(report.findings[0].source, `${server.url}/numpy/`);
  assert.deepEqual(
    { ...report.index, requests: report.index.requests > 0 },
    { mode: 'auto', requests: true, fromCache: 0, unreachable: [], notVerified: 0, notices: [] },
  );
});

test('--index required with an index that does not answer exits 2 with one line; auto says one notice and checks the rest', async () => {
  const dead = await startIndexServer({ projects: [] });
  await dead.close();
  const required = await cli(['check', '--root', root, '--index', 'required', '--index-url', dead.url, '--cache-dir', cache]);
  assert.equal(required.code, 2);
  assert.match(required.stderr, /^compat-guard: --index required: no answer from http:\/\/127\.0\.0\.1:\d+\/simple \(.*\)\n$/);
  const auto = await cli(['check', '--root', root, '--index-url', dead.url, '--cache-dir', cache]);
  assert.equal(auto.code, 0);
  assert.match(
    auto.stdout,
    /Package index: auto, 1 request, 0 from the cache\n {2}notice: index checks skipped: no package index answered/,
  );
});

test('--index offline on the quick start: no request, the static findings as they were', async () => {
  const { code, stdout } = await cli([
    'check',
    '--root',
    `${EXAMPLES}callytics-broken`,
    '--index',
    'offline',
    '--cache-dir',
    cache,
    '--format',
    'json',
  ]);
  assert.equal(code, 1);
  const report = JSON.parse(stdout);
  assert.equal(report.index.requests, 0);
  assert.equal(report.counts.error, 10);
});

test('a wrong --index is a usage error', async () => {
  const { code, stderr } = await cli(['check', '--index', 'sometimes']);
  assert.equal(code, 2);
  assert.equal(stderr, 'compat-guard: --index must be auto, online, offline or required (got "sometimes")\n');
});
