// The index rules end to end: a repository, the engine, and a loopback index. Each rule fires on a
// realistic set and stays silent on its fixed twin; faults degrade to notices and never lose a
// static finding; no credential reaches any output.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { INDEX_RULES } from '../src/check/index-rules.js';
import { runCheck, type IndexOptions } from '../src/engine.js';
import type { CheckResult } from '../src/engine-types.js';
import { toJsonReport } from '../src/report/json.js';
import { formatText } from '../src/report/text.js';
import { startIndexServer, type FakeProject, type IndexServer } from './helpers/index-server.js';
import { makeTree, removeTree } from './helpers/temp-tree.js';

const MANYLINUX = (cp: string): string => `${cp}-${cp}-manylinux_2_17_x86_64.manylinux2014_x86_64`;

const PROJECTS: FakeProject[] = [
  {
    name: 'mlflow',
    releases: [
      {
        version: '2.17.2',
        requiresPython: '>=3.9',
        requiresDist: ['packaging<25', 'boto3>=1; extra == "aws"', 'pywin32; sys_platform == "win32"'],
      },
      { version: '2.18.0', requiresPython: '>=3.9', requiresDist: ['packaging<26'] },
    ],
  },
  { name: 'packaging', releases: [{ version: '24.2' }, { version: '25.0' }] },
  { name: 'boto3', releases: [{ version: '0.5' }, { version: '1.35.0' }] },
  {
    name: 'numpy',
    releases: [
      { version: '1.24.3', wheels: [MANYLINUX('cp310'), MANYLINUX('cp311')], sdist: true },
      { version: '1.24.4', wheels: [MANYLINUX('cp310'), MANYLINUX('cp311')], sdist: true },
      { version: '1.26.3', wheels: [MANYLINUX('cp310')], sdist: true, yanked: 'bad build on manylinux' },
      { version: '1.26.4', wheels: [MANYLINUX('cp312')], sdist: true, requiresPython: '>=3.9' },
    ],
  },
  {
    name: 'compiled',
    releases: [
      { version: '1.0', wheels: [MANYLINUX('cp39')] },
      { version: '1.1', wheels: [MANYLINUX('cp39'), MANYLINUX('cp310')] },
    ],
  },
  {
    name: 'sourceonly',
    releases: [
      { version: '1.0', wheels: [], sdist: true, requiresDist: ['packaging<25'] },
      { version: '0.9', wheels: [], sdist: true, requiresDist: ['packaging<25'], sdistMetadataVersion: '2.1' },
    ],
  },
  { name: 'torch', releases: [{ version: '2.1.2' }] },
  {
    name: 'legacy',
    releases: [
      { version: '1.0', requiresPython: '>=3.6' },
      { version: '2.0', requiresPython: '>=3.11' },
    ],
  },
];

let server: IndexServer;
before(async () => {
  server = await startIndexServer({ projects: PROJECTS });
});
after(() => server.close());

function dockerfile(...pins: string[]): Record<string, string> {
  return { Dockerfile: `FROM python:3.10-slim\nRUN pip install --no-cache-dir ${pins.join(' ')}\n` };
}

async function check(
  files: Record<string, string>,
  index: Partial<IndexOptions> = {},
  extra: { profile?: string } = {},
): Promise<CheckResult> {
  const root = makeTree(files);
  try {
    const outcome = await runCheck({ root, env: {}, ...extra, index: { mode: 'online', indexUrl: server.url, cacheDir: null, ...index } });
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.error);
    return outcome.result;
  } finally {
    removeTree(root);
  }
}

const INDEX_RULE_IDS = new Set(INDEX_RULES.map((rule) => rule.id));
const indexFindings = (result: CheckResult): string[] =>
  result.findings
    .filter((finding) => INDEX_RULE_IDS.has(finding.rule))
    .map((finding) => `${finding.line}:${finding.column} ${finding.severity} ${finding.rule} ${finding.package}`);

test('package-not-found: a name no index has; silent on the real name', async () => {
  const broken = await check(dockerfile('numpyy==1.24.4'));
  assert.deepEqual(indexFindings(broken), ['2:32 error package-not-found numpyy']);
  const finding = broken.findings.find((candidate) => candidate.rule === 'package-not-found');
  assert.match(finding?.message ?? '', /no project "numpyy" on http:\/\/127\.0\.0\.1:\d+\/simple\/numpyy\//);
  assert.equal(finding?.source, `${server.url}/numpyy/`);
  assert.deepEqual(indexFindings(await check(dockerfile('numpy==1.24.4'))), []);
});

test('version-not-found: names the nearest releases; silent on one that exists', async () => {
  const broken = await check(dockerfile('numpy==1.24.9'));
  assert.deepEqual(indexFindings(broken), ['2:32 error version-not-found numpy']);
  assert.match(
    broken.findings.find((finding) => finding.rule === 'version-not-found')?.message ?? '',
    /nearest releases are 1\.24\.3, 1\.24\.4, 1\.26\.4/,
  );
  assert.deepEqual(indexFindings(await check(dockerfile('numpy==1.24.4'))), []);
  // A range nothing satisfies is the same failure; pip passes over yanked files for ranges.
  assert.deepEqual(indexFindings(await check(dockerfile("'numpy>1.26.4'"))), ['2:33 error version-not-found numpy']);
});

test('version-yanked: quotes the reason; silent on the release before it', async () => {
  const broken = await check(dockerfile('numpy==1.26.3'));
  assert.deepEqual(indexFindings(broken), ['2:32 warning version-yanked numpy']);
  assert.match(
    broken.findings.find((finding) => finding.rule === 'version-yanked')?.message ?? '',
    /yanked on .* \("bad build on manylinux"\)/,
  );
  assert.deepEqual(indexFindings(await check(dockerfile('numpy==1.24.4'))), []);
});

test("requires-python-mismatch: a release for newer Pythons than the stage's; silent on the older one", async () => {
  const broken = await check(dockerfile('legacy==2.0'));
  assert.deepEqual(indexFindings(broken), ['2:32 error requires-python-mismatch legacy']);
  const mismatch = broken.findings.find((finding) => finding.rule === 'requires-python-mismatch');
  assert.match(mismatch?.message ?? '', /requires Python >=3\.11 .*this install set's Python is >=3\.10,<3\.11/);
  assert.deepEqual(
    mismatch?.related?.map((related) => `${related.file}:${related.line}`),
    ['Dockerfile:1'],
    'the image that selects the Python',
  );
  assert.deepEqual(indexFindings(await check(dockerfile('legacy==1.0'))), []);
  // A requirements file with no Python of its own says nothing about which interpreter: no finding.
  assert.deepEqual(indexFindings(await check({ 'requirements.txt': 'legacy==2.0\n' })), []);
});

test('no-wheel-for-target: a warning when pip must build the sdist, an error in an image when there is nothing to install', async () => {
  assert.deepEqual(indexFindings(await check(dockerfile('numpy==1.26.4'))), ['2:32 warning no-wheel-for-target numpy']);
  assert.deepEqual(indexFindings(await check(dockerfile('compiled==1.0'))), ['2:32 error no-wheel-for-target compiled']);
  assert.deepEqual(indexFindings(await check(dockerfile('compiled==1.1'))), []);
});

test('requires-dist-conflict: on the pin to change, the requirer related, the requirement quoted', async () => {
  const broken = await check(dockerfile('mlflow==2.17.2', 'packaging==25.0'));
  assert.deepEqual(indexFindings(broken), ['2:47 error requires-dist-conflict packaging']);
  const finding = broken.findings.find((candidate) => candidate.rule === 'requires-dist-conflict');
  assert.match(finding?.message ?? '', /^packaging==25\.0: mlflow 2\.17\.2 requires packaging<25; packaging==25\.0 is pinned here/);
  assert.equal(finding?.related?.[0]?.column, 32);
  assert.match(finding?.source ?? '', /mlflow-2\.17\.2-py3-none-any\.whl\.metadata$/);
  assert.deepEqual(indexFindings(await check(dockerfile('mlflow==2.17.2', 'packaging==24.2'))), []);
  assert.deepEqual(indexFindings(await check(dockerfile('mlflow==2.18.0', 'packaging==25.0'))), []);
  // A range some version of which fits is the resolver's business, not a conflict.
  assert.deepEqual(indexFindings(await check(dockerfile('mlflow==2.17.2', "'packaging>=24'"))), []);
});

test('requires-dist-conflict: an sdist-only release is read from its PKG-INFO when Metadata-Version 2.2 says it can be trusted', async () => {
  assert.deepEqual(indexFindings(await check(dockerfile('sourceonly==1.0', 'packaging==25.0'))), [
    '2:48 error requires-dist-conflict packaging',
  ]);
  assert.deepEqual(indexFindings(await check(dockerfile('sourceonly==0.9', 'packaging==25.0'))), []);
});

test("requires-dist-conflict: extras the pin asks for count, others and other platforms do not; the profile's pin is kept", async () => {
  assert.deepEqual(indexFindings(await check(dockerfile('mlflow==2.17.2', 'boto3==0.5'))), []);
  assert.deepEqual(indexFindings(await check(dockerfile("'mlflow[aws]==2.17.2'", 'boto3==0.5'))), [
    '2:54 error requires-dist-conflict boto3',
  ]);
  const matrix = 'profiles:\n  stack:\n    packages:\n      packaging: "==25.0"\n';
  const profiled = await check(
    { ...dockerfile('mlflow==2.17.2', 'packaging==25.0'), '.github/compat-matrix.yml': matrix },
    {},
    { profile: 'stack' },
  );
  assert.deepEqual(indexFindings(profiled), ['2:32 error requires-dist-conflict mlflow']);
});

test('an index that does not answer proves nothing: no absence finding, a notice, the static findings kept', async () => {
  const dead = await startIndexServer({ projects: [] });
  await dead.close();
  const files = { 'requirements.txt': `--extra-index-url ${dead.url}\nnumpyy==1.0\nnumpy==1.24.4\nnumpy==1.24.3\n` };
  const result = await check(files, { allowUntrusted: true });
  assert.deepEqual(indexFindings(result), []);
  assert.deepEqual(
    result.findings.map((finding) => finding.rule),
    ['conflicting-pin'],
  );
  assert.equal(result.index?.notVerified, 3);
  assert.deepEqual(result.index?.unreachable, [dead.url]);
  assert.deepEqual(
    result.index?.notices.map((notice) => notice.replace(/:\d+/g, ':PORT')),
    ['requirements.txt: 3 pin(s) not verified: http://127.0.0.1:PORT/simple/numpyy/ could not be reached (ECONNREFUSED)'],
  );
  const auto = await check(files, { allowUntrusted: true, mode: 'auto' });
  assert.match(auto.index?.notices.join('\n') ?? '', /^3 pin\(s\) not verified against the package index: /);
  const nothing = await check(files, { indexUrl: dead.url, allowUntrusted: true, mode: 'auto' });
  assert.match(nothing.index?.notices[0] ?? '', /^index checks skipped: no package index answered/);
  const root = makeTree(files);
  try {
    const required = await runCheck({
      root,
      env: {},
      index: { mode: 'required', indexUrl: server.url, cacheDir: null, allowUntrusted: true },
    });
    assert.ok(!required.ok && /--index required: no answer from/.test(required.error));
  } finally {
    removeTree(root);
  }
});

test('each index is asked about a project once however many pins and sets name it, and nothing more after failing its first question', async () => {
  const answering = await startIndexServer({ projects: PROJECTS });
  // A page that cannot be read: a failure that proves nothing, answered at once.
  const unreadable = { status: 200, headers: { 'content-type': 'application/vnd.pypi.simple.v1+json' }, body: 'not a page' };
  const failing = await startIndexServer({ projects: PROJECTS, faults: { '/simple/numpyy/': unreadable } });
  try {
    const sets = {
      'a/requirements.txt': 'numpy==1.24.4\npackaging==24.2\n',
      'b/requirements.txt': 'numpy==1.24.3\npackaging>=24\n',
      'c/requirements.txt': 'numpy>=1.24\n',
    };
    await check(sets, { indexUrl: answering.url });
    const pages = answering.requests.map((request) => request.path).filter((path) => path.endsWith('/'));
    assert.deepEqual(pages.sort(), ['/simple/numpy/', '/simple/packaging/']);

    const result = await check({ 'requirements.txt': 'numpyy==1.0\nnumpy==1.24.4\npackaging==24.2\n' }, { indexUrl: failing.url });
    assert.deepEqual(
      failing.requests.map((request) => request.path),
      ['/simple/numpyy/'],
    );
    assert.deepEqual(indexFindings(result), []);
    assert.equal(result.index?.notVerified, 3);
    assert.match(result.index?.notices[0] ?? '', /^index checks skipped: no package index answered/);
  } finally {
    await answering.close();
    await failing.close();
  }
});

test("a repository's own index is refused at an internal address, and not contacted on a fork's pull request", async () => {
  const files = { 'requirements.txt': `--index-url ${server.url}\nnumpyy==1.0\n` };
  const before = server.requests.length;
  const refused = await check(files, { indexUrl: 'http://127.0.0.1:9/simple' });
  assert.equal(server.requests.length, before, "the repository's loopback index was not asked");
  assert.deepEqual(indexFindings(refused), []);
  const asked = server.requests.filter((request) => request.path === '/simple/numpyy/').length;
  const fork = await check(files, { untrusted: 'code from the fork mona/ml-stack' });
  assert.equal(server.requests.filter((request) => request.path === '/simple/numpyy/').length, asked + 1, "only the workflow's index");
  assert.deepEqual(indexFindings(fork), [], "an absence on the workflow's index proves nothing when the repository names its own");
  assert.match(fork.index?.notices.join('\n') ?? '', /not contacted for code from the fork mona\/ml-stack/);
});

test('a pip configuration the readers do not follow (pip.conf, pip config, --no-index) makes absences unprovable', async () => {
  const copied = await check({
    Dockerfile: 'FROM python:3.10-slim\nCOPY pip.conf /etc/pip.conf\nRUN pip install numpyy==1.0 numpy==1.26.3\n',
  });
  assert.deepEqual(indexFindings(copied), ['3:29 warning version-yanked numpy'], 'what the index did answer still counts');
  assert.match(copied.index?.notices.join('\n') ?? '', /Dockerfile uses pip\.conf, which may name other indexes/);
  assert.deepEqual(indexFindings(await check({ 'requirements.txt': '--no-index\n--find-links wheels/\nnumpyy==1.0\n' })), []);
  assert.deepEqual(
    indexFindings(
      await check({ 'pip.conf': '[global]\nindex-url = https://pkgs.example.com/simple\n', 'requirements.txt': 'numpyy==1.0\n' }),
    ),
    [],
  );
});

test("the repository's own project, pinned in its own extras, is not asked about", async () => {
  const pyproject =
    '[project]\nname = "My_Lib"\nversion = "0.1"\ndependencies = ["numpy==1.24.4"]\n[project.optional-dependencies]\nall = ["my-lib[asr]==0.1"]\nasr = ["numpyy==1.0"]\n';
  assert.deepEqual(indexFindings(await check({ 'pyproject.toml': pyproject })), ['7:9 error package-not-found numpyy']);
});

test('credentials given with an index URL reach the index and no output', async () => {
  const secretUrl = server.url.replace('http://', 'http://ci-user:t0ps3cret@');
  const result = await check(dockerfile('numpyy==1.0'), { indexUrl: secretUrl });
  assert.ok(server.requests.some((request) => request.authorization === `Basic ${Buffer.from('ci-user:t0ps3cret').toString('base64')}`));
  const outputs = JSON.stringify(toJsonReport(result)) + formatText(result, { color: false });
  assert.doesNotMatch(outputs, /t0ps3cret|ci-user/);
  assert.deepEqual(indexFindings(result), ['2:32 error package-not-found numpyy']);
});

test('offline never touches the network and uses what an online run cached', async () => {
  const cacheDir = makeTree({});
  try {
    const before = server.requests.length;
    const cold = await check(dockerfile('numpy==1.24.9'), { mode: 'offline', cacheDir });
    assert.equal(server.requests.length, before);
    assert.deepEqual(indexFindings(cold), []);
    await check(dockerfile('numpy==1.24.9'), { cacheDir });
    const warm = await check(dockerfile('numpy==1.24.9'), { mode: 'offline', cacheDir });
    assert.deepEqual(indexFindings(warm), ['2:32 error version-not-found numpy']);
    assert.equal(warm.index?.requests, 0);
    assert.ok((warm.index?.fromCache ?? 0) > 0);
  } finally {
    removeTree(cacheDir);
  }
});

test('a +cuXYZ pin no index of the set serves is one finding, the one that names the index serving it, not also version-not-found', async () => {
  const result = await check(dockerfile('torch==2.1.2+cu121'));
  assert.deepEqual(
    result.findings.filter((finding) => finding.severity === 'error').map((finding) => `${finding.line}:${finding.column} ${finding.rule}`),
    ['2:32 local-version-without-index'],
  );
  // The same pin without its label is on the index: no finding either way.
  assert.deepEqual(indexFindings(await check(dockerfile('torch==2.1.2'))), []);
});
