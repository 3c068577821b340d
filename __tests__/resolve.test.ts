// pip's resolver before the build (--resolve): pip runs for real (python3 -m pip) against a loopback
// index of wheels the test builds, with no pip setting of this machine. Each case gives its finding on
// the right line with pip's words; resolved versions are checked by the universal rules and marked;
// faults are one notice and keep every static finding.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { conflictCauses, conflictSides, notFound, sourcesOnly } from '../src/check/pip-output.js';
import { manylinuxTags, type ResolveLine, type ResolveStep } from '../src/check/resolve-plan.js';
import { runCheck, type IndexOptions, type ResolveOptions } from '../src/engine.js';
import type { CheckResult } from '../src/engine-types.js';
import { pipArguments, pipEnvironment } from '../src/resolve/pip.js';
import { startIndexServer, type FakeProject, type IndexServer } from './helpers/index-server.js';
import { makeTree, removeTree } from './helpers/temp-tree.js';

const PROJECTS: FakeProject[] = [
  // app -> mid -> leaf<2, other -> leaf>=2: a conflict two levels below what the set names.
  { name: 'app', releases: [{ version: '1.0', requiresDist: ['mid>=1'] }] },
  { name: 'mid', releases: [{ version: '1.0', requiresDist: ['leaf<2'] }] },
  { name: 'leaf', releases: [{ version: '1.5' }, { version: '2.0' }] },
  { name: 'other', releases: [{ version: '1.0', requiresDist: ['leaf>=2'] }] },
  { name: 'sourceonly', releases: [{ version: '1.0', wheels: [], sdist: true }] },
  { name: 'torch', releases: [{ version: '2.2.0' }] },
  { name: 'numpy', releases: [{ version: '1.26.4' }, { version: '2.0.0' }] },
  { name: 'scipy', releases: [{ version: '1.13.0', requiresDist: ['numpy>=1.22'] }] },
  // needs a package no index has: pip stops with "No matching distribution found".
  { name: 'orphan', releases: [{ version: '1.0', requiresDist: ['ghost>=1'] }] },
];

let server: IndexServer;
before(async () => {
  server = await startIndexServer({ projects: PROJECTS, format: 'html' });
});
after(() => server.close());

async function check(
  files: Record<string, string>,
  options: { index?: Partial<IndexOptions>; resolve?: ResolveOptions } = {},
): Promise<CheckResult> {
  const root = makeTree(files);
  try {
    const outcome = await runCheck({
      root,
      env: { PATH: process.env.PATH, PIP_FIND_LINKS: '/nonexistent/wheels', GITHUB_TOKEN: 'ghs_secret' },
      index: { mode: 'online', indexUrl: server.url, cacheDir: null, ...options.index },
      resolve: { timeoutMs: 60_000, ...options.resolve },
    });
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.error);
    return outcome.result;
  } finally {
    removeTree(root);
  }
}

const image = (...runs: string[]): Record<string, string> => ({
  Dockerfile: ['FROM python:3.10-slim', ...runs.map((run) => `RUN ${run}`), ''].join('\n'),
});
const ofRule = (result: CheckResult, rule: string) => result.findings.filter((finding) => finding.rule === rule);

test('a set pip resolves gives no resolver finding, and the report counts it; a marker false on the target keeps its requirement from pip', async () => {
  const result = await check(image(`pip install app==1.0 "pywin32; sys_platform == 'win32'" "oldlib; python_version < '3.9'"`));
  assert.deepEqual(ofRule(result, 'resolution-impossible'), []);
  assert.equal(result.resolve?.resolved, 1);
  assert.equal(result.resolve?.failed, 0);
});

test('a conflict two levels down is an error on each line pip names, quoting pip', async () => {
  const result = await check(image('pip install app==1.0 \\\n    other==1.0'));
  const found = ofRule(result, 'resolution-impossible');
  assert.deepEqual(
    found.map((finding) => [finding.line, finding.package, finding.severity]),
    [
      [2, 'app', 'error'],
      [3, 'other', 'error'],
    ],
  );
  assert.match(found[0]?.message ?? '', /The conflict is caused by: .*mid 1\.0 depends on leaf<2/);
  assert.match(found[0]?.message ?? '', /CPython 3\.10 on manylinux_2_36 x86-64/);
  assert.deepEqual(
    found[0]?.related?.map((place) => place.line),
    [3],
  );
});

test('a constraint that forbids what a requirement needs: both sides, the constraint in its file', async () => {
  const result = await check({ ...image('pip install -c constraints.txt app==1.0'), 'constraints.txt': '# pinned by ops\nleaf>=2\n' });
  const found = ofRule(result, 'resolution-impossible').map((finding) => `${finding.file}:${finding.line}:${finding.package}`);
  assert.ok(found.includes('Dockerfile:2:app'), found.join(' '));
  assert.ok(found.includes('constraints.txt:2:leaf'), found.join(' '));
});

test('a package with only an sdist is said to need a build, and nothing is built', async () => {
  const result = await check(image('pip install sourceonly==1.0'));
  const [found] = ofRule(result, 'resolution-needs-sdist');
  assert.equal(found?.severity, 'notice');
  assert.equal(found?.line, 2);
  assert.match(found?.message ?? '', /sourceonly-1\.0\.tar\.gz/);
  assert.deepEqual(ofRule(result, 'resolution-impossible'), []);
});

test('a package pulled in that no index has: an error on the line that pulls it in, quoting pip', async () => {
  const result = await check(image('pip install orphan==1.0'));
  const [found] = ofRule(result, 'resolution-impossible');
  assert.equal(found?.line, 2);
  assert.equal(found?.package, 'orphan');
  assert.match(
    found?.message ?? '',
    /pulled in by this set's requirements; pip names ghost>=1\): "Could not find a version that satisfies the requirement ghost>=1/,
  );
});

test('an unpinned package that pip resolves to a version a universal rule forbids: an error on its line, marked as resolved', async () => {
  const result = await check(image('pip install torch==2.2.0 numpy'));
  const found = ofRule(result, 'torch-numpy2');
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.equal(found[0]?.severity, 'error');
  assert.equal(found[0]?.package, 'numpy');
  assert.match(found[0]?.message ?? '', /^Resolved: numpy is unpinned; pip resolves it to 2\.0\.0 today for CPython 3\.10/);
});

test("a package only pulled in is checked at the line that pulls it in, as a warning (today's index decides it)", async () => {
  const result = await check(image('pip install torch==2.2.0 scipy==1.13.0'));
  const [found] = ofRule(result, 'torch-numpy2');
  assert.equal(found?.severity, 'warning');
  assert.match(found?.message ?? '', /scipy==1\.13\.0 pulls in numpy, which pip resolves to 2\.0\.0 today/);
});

test('Dockerfile order: a later pip install runs with the earlier one installed, so each is resolved on its own', async () => {
  const apart = await check(image('pip install app==1.0', 'pip install leaf==2.0'));
  assert.deepEqual(ofRule(apart, 'resolution-impossible'), []);
  const together = await check(image('pip install app==1.0 leaf==2.0'));
  assert.deepEqual(
    ofRule(together, 'resolution-impossible').map((finding) => finding.package),
    ['app', 'leaf'],
  );
});

test('faults are one notice each and keep every static finding: pip missing, the index down', async () => {
  const files = image('pip install torch==2.2.0 numpy');
  const missing = await check(files, { resolve: { python: '/nonexistent/python3' } });
  assert.ok(
    missing.index?.notices.some((notice) => /pip's resolver did not run: \/nonexistent\/python3 was not found/.test(notice)),
    missing.index?.notices.join('\n'),
  );
  const statics = ofRule(missing, 'torch-numpy2');
  assert.equal(statics[0]?.severity, 'warning');
  const down = await check(files, { index: { indexUrl: 'http://127.0.0.1:9/simple' } });
  assert.equal(down.resolve?.faults, 1);
  assert.ok(
    down.index?.notices.some((notice) => /gave no verdict on 1 of 1 install set/.test(notice)),
    down.index?.notices.join('\n'),
  );
  assert.deepEqual(
    ofRule(down, 'torch-numpy2').map((finding) => finding.severity),
    ['warning'],
  );
  const slow = await check(files, { resolve: { timeoutMs: 50 } });
  assert.ok(
    slow.index?.notices.some((notice) => /gave no verdict on 1 of 1 install set.*pip took longer than 0 s/.test(notice)),
    slow.index?.notices.join('\n'),
  );
});

test("the CLI's --resolve: the conflict fails the check, and the report has a resolve object", async () => {
  const root = makeTree(image('pip install app==1.0 other==1.0'));
  const cache = makeTree({});
  try {
    const cli = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url));
    const args = [cli, 'check', '--root', root, '--resolve', '--index-url', server.url, '--cache-dir', cache, '--format', 'json'];
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, args, { env: { ...process.env, PIP_INDEX_URL: '' }, stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      child.stdout.on('data', (chunk) => (out += chunk));
      child.on('close', (exit) => resolve({ code: exit, stdout: out }));
    });
    assert.equal(code, 1);
    const report = JSON.parse(stdout);
    assert.deepEqual(
      report.findings
        .filter((finding: { rule: string }) => finding.rule === 'resolution-impossible')
        .map((finding: { line: number }) => finding.line),
      [2, 2],
    );
    assert.deepEqual(
      { ...report.resolve, pip: typeof report.resolve.pip },
      { pip: 'string', sets: 1, resolved: 0, failed: 1, faults: 0, skipped: 0, notices: [] },
    );
  } finally {
    removeTree(root);
    removeTree(cache);
  }
});

test('an index the repository names at an internal address is not given to pip unless allow-untrusted, and the set is then not resolved', async () => {
  const files = image(`pip install --index-url ${server.url} app==1.0 other==1.0`);
  const refused = await check(files, { index: { indexUrl: 'http://127.0.0.1:9/simple' } });
  assert.deepEqual(ofRule(refused, 'resolution-impossible'), []);
  assert.equal(refused.resolve?.skipped, 1);
  assert.ok(
    refused.index?.notices.some((notice) =>
      /skipped 1 install set\(s\): the repository's index http:\/\/127\.0\.0\.1:\d+\/simple is an internal address/.test(notice),
    ),
    refused.index?.notices.join('\n'),
  );
  const allowed = await check(files, { index: { indexUrl: 'http://127.0.0.1:9/simple', allowUntrusted: true } });
  assert.deepEqual(
    ofRule(allowed, 'resolution-impossible').map((finding) => finding.package),
    ['app', 'other'],
  );
});

test('pip gets no token, no action input and no pip setting of this machine', () => {
  const env = pipEnvironment({
    PATH: '/bin',
    GITHUB_TOKEN: 't',
    INPUT_GITHUB_TOKEN: 't',
    PIP_FIND_LINKS: '/opt/wheels',
    PIP_INDEX_URL: 'http://x',
    PIP_CERT: '/ca.pem',
    UV_INDEX: 'http://y',
  });
  assert.deepEqual(Object.keys(env).sort(), ['PATH', 'PIP_CERT', 'PIP_CONFIG_FILE', 'PIP_DISABLE_PIP_VERSION_CHECK', 'PIP_NO_INPUT']);
});

test("pip's arguments: a dry run for the target, wheels only, the set's indexes in order, the HTTP cache kept", () => {
  const job = {
    setId: 'Dockerfile',
    steps: [],
    python: '3.10',
    platforms: ['manylinux_2_17_x86_64'],
    target: '',
    assumed: null,
    unprovable: null,
    leftOut: 0,
    indexes: [],
  };
  const args = pipArguments(
    job,
    '/t',
    '/c/pip',
    [
      { url: 'https://a/simple', kind: 'index', trusted: true },
      { url: 'https://b/simple', kind: 'index', trusted: false },
      { url: '/wheels', kind: 'find-links', trusted: false },
    ],
    false,
  );
  const text = args.join(' ');
  for (const part of [
    'install --dry-run --ignore-installed',
    '--python-version 3.10 --implementation cp --only-binary=:all:',
    '--platform manylinux_2_17_x86_64',
    '--cache-dir /c/pip',
    '--index-url https://a/simple --extra-index-url https://b/simple --find-links /wheels',
    '-r /t/requirements.txt -c /t/constraints.txt',
  ]) {
    assert.ok(text.includes(part), `${part} in ${text}`);
  }
  assert.ok(pipArguments(job, '/t', null, [], false).includes('--no-index'));
});

const line = (key: string, text = key): ResolveLine => ({
  text,
  key,
  shown: text,
  specifier: '',
  at: { file: 'r.txt', span: { line: 1, column: 1, endLine: 1, endColumn: 1 } },
});

test("pip's words are read back: the conflict's causes and sides, no release found, sources only", () => {
  const step: ResolveStep = { requirements: [line('app'), line('other', 'other==1.0')], constraints: [line('leaf', 'leaf>=2')] };
  const output = [
    'The conflict is caused by:',
    '    other 1.0 depends on leaf>=2',
    '    The user requested (constraint) leaf>=2',
    '',
    'To fix this you could try to:',
    'ERROR: Cannot install -r /tmp/x/requirements.txt (line 2) and app because these package versions have conflicting dependencies.',
  ].join('\n');
  assert.deepEqual(conflictCauses(output), ['other 1.0 depends on leaf>=2', 'The user requested (constraint) leaf>=2']);
  assert.deepEqual(
    conflictSides(output, step).map((side) => side.key),
    ['other', 'app', 'leaf'],
  );
  const missing =
    'ERROR: Could not find a version that satisfies the requirement Foo_Bar>=2 (from versions: 1.0)\nERROR: No matching distribution found for Foo_Bar>=2\n  Skipping link: No sources permitted for foo-bar: http://h/files/foo_bar-2.0.tar.gz (from http://h/simple/foo-bar/)';
  assert.deepEqual(notFound(missing), [
    {
      requirement: 'Foo_Bar>=2',
      key: 'foo-bar',
      words: 'Could not find a version that satisfies the requirement Foo_Bar>=2 (from versions: 1.0)',
    },
  ]);
  assert.deepEqual(sourcesOnly(missing, 'foo-bar'), ['foo_bar-2.0.tar.gz']);
  assert.deepEqual(manylinuxTags('2.17').slice(0, 2), ['manylinux_2_17_x86_64', 'manylinux2014_x86_64']);
});
