// `compat-guard matrix import`: a freeze, a constraints file or a pip report becomes a profile that
// `check` accepts and enforces.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { runCheck } from '../src/engine.js';
import { printProfile, profileNameFromSource, readInstalledSet, type InstalledSet } from '../src/matrix/import.js';
import { makeTree, removeTree } from './helpers/temp-tree.js';

const FIXTURES = fileURLToPath(new URL('../../__tests__/fixtures/matrix-import/', import.meta.url));
const CLI = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url));
const DATE = '2026-12-07';

const roots: string[] = [];
after(() => roots.forEach(removeTree));

function installed(file: string): InstalledSet {
  const read = readInstalledSet(file, fs.readFileSync(FIXTURES + file, 'utf8'));
  assert.ok(read.ok, read.ok ? '' : read.error);
  return read.set;
}

function profileText(file: string, options: { name: string; python?: string; cuda?: string; only?: string[] }): string {
  const printed = printProfile(installed(file), { source: file, date: DATE, ...options });
  assert.ok(printed.ok, printed.ok ? '' : printed.error);
  return printed.text;
}

/** Checks `requirements` in a repository whose matrix file is the imported profile, made its default. */
async function checkAgainst(profile: string, name: string, requirements: string) {
  const root = makeTree({ '.github/compat-matrix.yml': `profile: ${name}\n${profile}`, 'requirements.txt': requirements });
  roots.push(root);
  const outcome = await runCheck({ root, paths: [] });
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.error);
  return outcome.result;
}

describe('matrix import: reading', () => {
  it('reads a freeze: exact pins, public versions, editable and URL installs left out with why', () => {
    const set = installed('freeze.txt');
    assert.deepEqual(
      set.packages.find((item) => item.key === 'torch'),
      { key: 'torch', version: '2.5.1', local: 'cu121' },
    );
    assert.deepEqual(
      set.packages.find((item) => item.key === 'sqlalchemy'),
      { key: 'sqlalchemy', version: '1.4.54', local: null },
    );
    assert.deepEqual(set.leftOut, [
      { key: 'trainer', why: 'editable' },
      { key: 'helpers', why: 'installed from a URL or path' },
    ]);
    assert.equal(set.python, null);
  });

  it('reads a constraints file: a range and marker-split pins are left out, not guessed', () => {
    const set = installed('constraints.txt');
    assert.deepEqual(set.packages.map((item) => item.key).sort(), ['apache-airflow', 'numpy', 'pandas', 'pyyaml', 'requests']);
    assert.deepEqual(set.leftOut, [
      { key: 'urllib3', why: 'not one version: >=1.26,<3' },
      { key: 'scipy', why: 'pinned to 1.11.4 and 1.14.1 on lines 8, 9' },
    ]);
  });

  it('reads a pip report: versions from metadata, Python from its environment, a path install left out', () => {
    const set = installed('report.json');
    assert.deepEqual(
      set.packages.map((item) => `${item.key}==${item.version}`),
      ['numpy==1.26.4', 'torch==2.5.1', 'pyyaml==6.0.2'],
    );
    assert.equal(set.python, '3.11.9');
    assert.deepEqual(set.leftOut, [{ key: 'trainer', why: 'installed from a URL or path' }]);
  });

  it('lists -r and -c lines as not followed, local or remote', () => {
    const read = readInstalledSet('c.txt', 'numpy==1.26.4\n-r base.txt\n-c https://example.com/c.txt\n');
    assert.ok(read.ok);
    assert.deepEqual(read.set.leftOut, [
      { key: null, why: '-r base.txt on line 2, not followed' },
      { key: null, why: '-c https://example.com/c.txt on line 3, not followed' },
    ]);
  });

  it('names the file and line of input it cannot read, and what a report lacks', () => {
    const bad = readInstalledSet('freeze.txt', 'numpy==1.26.4\npandas==2.1.4 !!\n');
    assert.ok(!bad.ok);
    assert.match(bad.error, /^freeze\.txt:2: /);
    const notReport = readInstalledSet('report.json', '{"packages": []}');
    assert.deepEqual(notReport, {
      ok: false,
      error: 'report.json: not a pip installation report (no "install" list; make one with pip install --dry-run --report FILE)',
    });
    assert.match((readInstalledSet('r.json', '{"install": [') as { error: string }).error, /^r\.json: not valid JSON/);
  });
});

describe('matrix import: the profile', () => {
  it('prints one quoted == pin per package, sorted, with its source and date, and the CUDA of the torch build', () => {
    const text = profileText('freeze.txt', { name: 'training', python: '3.12' });
    assert.match(
      text,
      /^# Made by compat-guard matrix import from freeze\.txt on 2026-12-07: 7 packages, each pinned to the version it names\.\n# Left out: trainer \(editable\); helpers \(installed from a URL or path\)\.\n/,
    );
    assert.match(
      text,
      /\nprofiles:\n  training:\n    description: Imported from freeze\.txt on 2026-12-07\n    python: "==3\.12\.\*"\n    cuda: "==12\.1\.\*"\n    packages:\n      apache-airflow: "==2\.10\.5"\n      numpy: "==1\.26\.4"\n/,
    );
    assert.match(text, /\n      sqlalchemy: "==1\.4\.54"\n      torch: "==2\.5\.1"\n      torchvision: "==0\.20\.1"\n$/);
  });

  it('round-trips a freeze into a profile check accepts, and enforces it', async () => {
    const profile = profileText('freeze.txt', { name: 'training', python: '3.12' });
    const fixed = await checkAgainst(profile, 'training', 'numpy==1.26.4\ntorch==2.5.1+cu121\nSQLAlchemy==1.4.54\n');
    assert.equal(fixed.profile?.name, 'training');
    assert.deepEqual(
      fixed.findings.filter((finding) => finding.severity !== 'notice').map((finding) => finding.rule),
      [],
    );
    const broken = await checkAgainst(profile, 'training', 'numpy==1.26.4\nSQLAlchemy==2.0.36\n');
    assert.deepEqual(
      broken.findings.filter((finding) => finding.severity === 'error').map((finding) => `${finding.rule}:${finding.line}`),
      ['pin-outside-profile:2'],
    );
  });

  it('round-trips a constraints file, kept to the packages the repository pins with --only', async () => {
    const profile = profileText('constraints.txt', { name: 'pipeline', only: ['NumPy', 'pyyaml', 'scipy', 'missing-one'] });
    assert.match(
      profile,
      /\n# Left out: scipy \(pinned to 1\.11\.4 and 1\.14\.1 on lines 8, 9\)\.\n# Asked for with --only but not in the source: missing-one\.\n/,
    );
    assert.match(profile, /\n    packages:\n      numpy: "==1\.26\.4"\n      pyyaml: "==6\.0\.2"\n$/);
    const fixed = await checkAgainst(profile, 'pipeline', 'numpy==1.26.4\nPyYAML==6.0.2\npandas==2.2.3\n');
    assert.deepEqual(
      fixed.findings.filter((finding) => finding.severity !== 'notice'),
      [],
    );
    const broken = await checkAgainst(profile, 'pipeline', 'numpy==2.0.2\n');
    assert.deepEqual(
      broken.findings.filter((finding) => finding.severity === 'error').map((finding) => finding.rule),
      ['pin-outside-profile'],
    );
  });

  it('takes Python from a pip report, and --python/--cuda specifiers as given', () => {
    assert.match(profileText('report.json', { name: 'r' }), /\n    python: "==3\.11\.\*"\n    cuda: "==12\.1\.\*"\n/);
    assert.match(
      profileText('report.json', { name: 'r', python: '>=3.10,<3.13', cuda: '==12.4.*' }),
      /\n    python: ">=3\.10,<3\.13"\n    cuda: "==12\.4\.\*"\n/,
    );
    const bad = printProfile(installed('report.json'), { name: 'r', source: 'x', date: DATE, python: 'three' });
    assert.ok(!bad.ok);
    assert.match(bad.error, /^--python "three" is neither a version nor a PEP 440 specifier/);
    assert.deepEqual(printProfile(installed('report.json'), { name: '-x', source: 'x', date: DATE }).ok, false);
  });

  it('names the profile after the file, and keeps credentials and control characters out of the comment', () => {
    assert.equal(
      profileNameFromSource('https://raw.githubusercontent.com/apache/airflow/constraints-2.10.5/constraints-3.11.txt'),
      'constraints-3.11',
    );
    assert.equal(profileNameFromSource('/tmp/my env/freeze.txt'), 'freeze');
    assert.equal(profileNameFromSource('___'), 'imported');
    const printed = printProfile(installed('report.json'), {
      name: 'r',
      source: 'https://user:secret@example.com/c.txt\nprofiles: {}',
      date: DATE,
    });
    assert.ok(printed.ok);
    assert.doesNotMatch(printed.text, /secret/);
    assert.match(printed.text, /from https:\/\/user:\*\*\*\*@example\.com\/c\.txt\?profiles: \{\} on/);
  });
});

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // Asynchronous: the loopback server below answers in this same process.
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('compat-guard matrix import (CLI)', () => {
  it('prints the profile of a file; --only takes several names', async () => {
    const out = await runCli(['matrix', 'import', FIXTURES + 'constraints.txt', '--name', 'pipeline', '--only', 'numpy', 'requests']);
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /\nprofiles:\n  pipeline:\n/);
    assert.match(out.stdout, /\n    packages:\n      numpy: "==1\.26\.4"\n      requests: "==2\.32\.3"\n$/);
  });

  it('fetches a URL given on the command line, and says in one line why one cannot be fetched', async () => {
    const server = http.createServer((request, response) => {
      if (request.url === '/constraints-3.11.txt') response.end(fs.readFileSync(FIXTURES + 'constraints.txt'));
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const base = `http://127.0.0.1:${port}`;
      const out = await runCli(['matrix', 'import', `${base}/constraints-3.11.txt`]);
      assert.equal(out.code, 0, out.stderr);
      assert.match(
        out.stdout,
        new RegExp(
          `\\n  constraints-3\\.11:\\n    description: Imported from ${base.replace(/\./g, '\\.')}/constraints-3\\.11\\.txt on \\d{4}-\\d\\d-\\d\\d\\n`,
        ),
      );
      const missing = await runCli(['matrix', 'import', `${base}/nothing.txt`]);
      assert.deepEqual([missing.code, missing.stderr], [2, `compat-guard: cannot fetch ${base}/nothing.txt: HTTP 404\n`]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    // The server is gone: its port now refuses connections, as an address offline would.
    const offline = await runCli(['matrix', 'import', `http://127.0.0.1:${port}/c.txt`]);
    assert.deepEqual([offline.code, offline.stderr], [2, `compat-guard: cannot fetch http://127.0.0.1:${port}/c.txt: ECONNREFUSED\n`]);
  });

  it('refuses a wrong command line with exit 2', async () => {
    assert.deepEqual((await runCli(['matrix', 'import'])).code, 2);
    const unknown = await runCli(['matrix', 'import', 'a.txt', '--profile', 'x']);
    assert.deepEqual([unknown.code, unknown.stderr], [2, 'compat-guard: unknown option --profile for matrix import; see --help\n']);
  });
});
