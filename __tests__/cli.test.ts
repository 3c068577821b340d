// The CLI as users run it: the committed bundle, a real process, exit codes and output formats.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { fixturePath, systemPython, venvWith } from './helpers/python-env.js';
import { makeTree, removeTree } from './helpers/temp-tree.js';

const CLI = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

function cli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const roots: string[] = [];
after(() => roots.forEach(removeTree));

describe('compat-guard check', () => {
  it('exits 1 on the broken example and 0 on the fixed one', () => {
    const broken = cli(['check', '--root', `${EXAMPLES}callytics-broken`]);
    assert.equal(broken.code, 1, broken.stderr);
    assert.match(broken.stdout, /Profile: callytics-cu121 \(named by \.github\/compat-matrix\.yml\)/);
    assert.match(broken.stdout, /\[cuda-image-tag-unknown\]/);
    const fixed = cli(['check', '--root', `${EXAMPLES}callytics-fixed`]);
    assert.equal(fixed.code, 0, fixed.stdout + fixed.stderr);
  });

  it("--driver declares the fleet's driver: an image that needs a newer one fails the check; a malformed one exits 2", () => {
    const root = makeTree({ Dockerfile: 'FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\n' });
    roots.push(root);
    const old = cli(['check', '--root', root, '--driver', '545.23.08']);
    assert.equal(old.code, 1, old.stdout + old.stderr);
    assert.match(old.stdout, /The fleet's driver 545\.23\.08 \(--driver\) supports CUDA up to 12\.3;.*\[fleet-driver-too-old\]/);
    assert.equal(cli(['check', '--root', root, '--driver', '560.35.05']).code, 0);
    const malformed = cli(['check', '--root', root, '--driver', 'latest']);
    assert.equal(malformed.code, 2);
    assert.match(malformed.stderr, /--driver must be an NVIDIA driver version such as 550\.54\.14 \(got "latest"\)/);
  });

  it('stops quietly, keeping its exit status, when the reader closes the pipe early (`| head`)', async () => {
    // Two thousand conflicting pins: a report of megabytes, far more than a pipe holds.
    const root = makeTree({
      'requirements.txt': Array.from({ length: 2000 }, (_, index) => `pkg${index}==1.0\npkg${index}==2.0\n`).join(''),
    });
    roots.push(root);
    const child = spawn(process.execPath, [CLI, 'check', '--root', root, '--format', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(stderr, '');
    assert.equal(code, 1);
  });

  it('--fail-on decides the exit status', () => {
    const root = makeTree({ 'requirements.txt': 'numpy==1.23.5\nnumpy==1.23.5\n' });
    roots.push(root);
    assert.equal(cli(['check', '--root', root]).code, 0);
    assert.equal(cli(['check', '--root', root, '--fail-on', 'notice']).code, 1);
    assert.equal(cli(['check', '--root', root, '--fail-on=never']).code, 0);
  });

  it('writes the JSON report of the contract, with paths relative to the root', () => {
    const out = cli(['check', '--root', `${EXAMPLES}callytics-broken`, '--format', 'json']);
    const report = JSON.parse(out.stdout);
    assert.deepEqual(report.tool, { name: 'compat-guard', version: '1.0.0' });
    assert.equal(report.profile, 'callytics-cu121');
    assert.ok(
      report.files.some((file: { path: string; kind: string }) => file.path === 'requirements.txt' && file.kind === 'requirements'),
    );
    const finding = report.findings.find((item: { rule: string }) => item.rule === 'conflicting-pin');
    assert.equal(finding.file, 'requirements.txt');
    assert.equal(finding.package, 'python-dotenv');
    assert.equal(finding.severity, 'error');
    assert.ok(Array.isArray(finding.related) && finding.related[0].file === 'requirements.txt');
    const counted = { error: 0, warning: 0, notice: 0 } as Record<string, number>;
    for (const item of report.findings as Array<{ severity: string }>) counted[item.severity] = (counted[item.severity] ?? 0) + 1;
    assert.deepEqual(report.counts, counted);
  });

  it('writes SARIF 2.1.0 and workflow commands, and --output writes a file', () => {
    const root = `${EXAMPLES}callytics-broken`;
    const sarif = JSON.parse(cli(['check', '--root', root, '--format', 'sarif']).stdout);
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0].results.length > 0);
    const github = cli(['check', '--root', root, '--format', 'github']).stdout;
    assert.match(github, /^::error file=Dockerfile\.cuda121,line=3,/m);
    const target = makeTree({});
    roots.push(target);
    const written = cli(['check', '--root', root, '--format', 'json', '--output', `${target}/report.json`]);
    assert.equal(written.stdout, '');
    assert.equal(JSON.parse(fs.readFileSync(`${target}/report.json`, 'utf8')).profile, 'callytics-cu121');
  });

  it("runs the same with V8's compile cache cold, warm, off, or in a temp folder that cannot hold it", () => {
    const root = makeTree({ 'requirements.txt': 'numpy==1.23.5\nnumpy==1.23.5\n', 'not-a-folder': '' });
    const temp = makeTree({});
    roots.push(root, temp);
    const args = ['check', '--root', root, '--fail-on', 'notice'];
    const uncached = cli(args, { env: { NODE_DISABLE_COMPILE_CACHE: '1' } });
    assert.equal(uncached.code, 1, uncached.stderr);
    for (const tmpdir of [temp, temp, `${root}/not-a-folder`]) assert.deepEqual(cli(args, { env: { TMPDIR: tmpdir } }), uncached, tmpdir);
  });

  it('an explicit unknown profile, a broken matrix or a bad option exits 2 with one line and no stack trace', () => {
    const broken = makeTree({
      'requirements.txt': 'numpy==1.23.5\n',
      'm.yml': 'profiles:\n  x:\n    pakages: {numpy: "==1"}\n',
      'bad-yaml.yml': 'profiles:\n  x:\n    packages: {numpy: "==1"\n',
    });
    // Well-formed, but wrong: the repository's own matrix file, found without --matrix.
    const wrong = makeTree({
      'requirements.txt': 'numpy==1.23.5\n',
      '.github/compat-matrix.yml': 'profiles:\n  x:\n    extends: callytics-cu12\n',
    });
    roots.push(broken, wrong);
    for (const args of [
      ['check', '--root', broken, '--profile', 'no-such-profile'],
      ['check', '--root', broken, '--matrix', `${broken}/m.yml`],
      ['check', '--root', broken, '--matrix', `${broken}/bad-yaml.yml`, '--format', 'json'],
      ['check', '--root', wrong],
      ['check', '--root', broken, '--matrix', `${broken}/missing.yml`],
      ['check', '--frobnicate'],
      ['check', '--fail-on', 'sometimes'],
      ['lint'],
    ]) {
      const run = cli(args);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stdout}${run.stderr}`);
      const lines = run.stderr.trim().split('\n');
      assert.equal(lines.length, 1, run.stderr);
      assert.match(lines[0] ?? '', /^compat-guard: /);
      assert.doesNotMatch(run.stderr, /\n\s+at /);
      // Nothing a reader of the report (JSON, SARIF) would take for one.
      assert.equal(run.stdout, '', args.join(' '));
    }
    // One line: the file, the line and the key (for YAML that ends early, its last line, not the one after it).
    assert.match(
      cli(['check', '--root', broken, '--matrix', `${broken}/m.yml`]).stderr,
      /m\.yml:3: profiles\.x: unknown key "pakages" \(did you mean "packages"\?\)\n$/,
    );
    assert.match(cli(['check', '--root', broken, '--matrix', `${broken}/bad-yaml.yml`]).stderr, /bad-yaml\.yml:3: invalid YAML: /);
    assert.match(
      cli(['check', '--root', wrong]).stderr,
      /^compat-guard: \.github\/compat-matrix\.yml:3: profiles\.x\.extends: unknown profile "callytics-cu12" \(did you mean "callytics-cu121"\?/,
    );
  });
});

describe('compat-guard parse and matrix', () => {
  it('parse prints what was read, per the contract', () => {
    const root = makeTree({
      'requirements.txt': 'Flask_SQLAlchemy[async]>=3.0,<4 ; python_version < "3.11"\n',
      Dockerfile:
        'FROM nvidia/cuda:12.1.1-devel-ubuntu20.04 AS builder\nRUN pip install torch==2.1.2 --index-url https://download.pytorch.org/whl/cu121\n',
    });
    roots.push(root);
    const run = cli(['parse'], { cwd: root });
    assert.equal(run.code, 0, run.stderr);
    const parsed = JSON.parse(run.stdout);
    const requirements = parsed.files.find((file: { path: string }) => file.path === 'requirements.txt');
    assert.deepEqual(
      (({ name, key, extras, specifier, marker, url, editable, constraint, line, endLine }) => ({
        name,
        key,
        extras,
        specifier,
        marker,
        url,
        editable,
        constraint,
        line,
        endLine,
      }))(requirements.requirements[0]),
      {
        name: 'Flask_SQLAlchemy',
        key: 'flask-sqlalchemy',
        extras: ['async'],
        specifier: '>=3.0,<4',
        marker: 'python_version < "3.11"',
        url: null,
        editable: false,
        constraint: false,
        line: 1,
        endLine: 1,
      },
    );
    const dockerfile = parsed.files.find((file: { path: string }) => file.path === 'Dockerfile');
    assert.deepEqual(
      dockerfile.cuda.map((fact: { version: string; line: number }) => [fact.version, fact.line]),
      [['12.1.1', 1]],
    );
    assert.equal(dockerfile.images[0].stage, 'builder');
    assert.equal(dockerfile.indexes[0].url, 'https://download.pytorch.org/whl/cu121');
    assert.deepEqual(parsed.diagnostics, []);
  });

  it('matrix prints the effective matrix and a chosen profile', () => {
    const all = cli(['matrix']);
    assert.equal(all.code, 0, all.stderr);
    assert.match(all.stdout, /callytics-cu121:/);
    assert.match(all.stdout, /mlops-airflow-2\.10\.5:/);
    const one = cli(['matrix', '--profile', 'callytics-cu121']);
    assert.match(one.stdout, /numpy: "?==1\.23\.5"?/);
    assert.equal(cli(['matrix', '--profile', 'nope']).code, 2);
  });

  it('--help and --version answer without a command', () => {
    assert.match(cli(['--help']).stdout, /compat-guard check/);
    assert.equal(cli(['--version']).stdout.trim(), '1.0.0');
  });
});

describe('compat-guard check --runtime', { skip: systemPython() === null ? 'python3 with venv is not on this machine' : false }, () => {
  it('reports a CPU-only torch under a CUDA profile; progress goes to stderr, the report alone to stdout', () => {
    const root = makeTree({
      'requirements.txt': 'torch==2.13.0\n',
      '.github/compat-matrix.yml': 'extends: bundled\nprofile: gpu\nprofiles:\n  gpu:\n    cuda: "==12.6.*"\n',
    });
    roots.push(root);
    const env = venvWith(fixturePath('cpu-stack/site-packages'));
    const run = cli(['check', '--root', root, '--runtime', '--python', env.python, '--format', 'json']);
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as {
      findings: Array<{ rule: string; line: number | null }>;
      runtime: { phases: Array<{ name: string }> };
    };
    assert.deepEqual(
      report.findings.filter((finding) => finding.rule === 'cpu-only-build').map((finding) => finding.line),
      [1],
    );
    assert.deepEqual(
      report.runtime.phases.map((phase) => phase.name),
      ['interpreter start', 'probe'],
    );
    assert.match(
      run.stderr,
      /^compat-guard: runtime check: probe in .+\/python\ncompat-guard: {3}starting .+\/python\ncompat-guard: {3}started in Python 3\.\d+\.\d+ /,
    );
  });
});
