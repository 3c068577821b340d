// `--record-profile NAME`: after a runtime check that passed, the environment it verified becomes a
// profile that `check` accepts; after one that failed, nothing is written and the reason is given.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { runCheck } from '../src/engine.js';
import type { Finding } from '../src/model.js';
import { installedSetOf, recordedProfileText, recordProfile } from '../src/runtime/record-profile.js';
import type { ProbeResult } from '../src/runtime/probe-result.js';
import { systemPython, temporaryFolder } from './helpers/python-env.js';
import { makeTree, removeTree } from './helpers/temp-tree.js';

const roots: string[] = [];
after(() => roots.forEach(removeTree));

/** A temporary repository, removed after the tests. */
function repository(files: Record<string, string>): string {
  const root = makeTree(files);
  roots.push(root);
  return root;
}

const CLI = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url));
const SITE_PACKAGES = fileURLToPath(new URL('../../__tests__/fixtures/runtime/site-packages/', import.meta.url));

function probe(installed: Record<string, string>, torch: { version: string; cuda: string | null } | null): ProbeResult {
  return {
    python: { version: '3.11.9', implementation: 'CPython', executable: '/venv/bin/python' },
    markers: {},
    metadataError: null,
    installed: new Map(Object.entries(installed).map(([key, version]) => [key, { name: key, version }])),
    pipCheck: { ran: true, exitCode: 0, lines: [], error: null },
    imports: [],
    torch:
      torch === null ? null : { ok: true, skipped: false, error: null, ...torch, hip: null, available: false, devices: [], cudnn: null },
    nvidiaSmi: null,
    jax: null,
    cupy: null,
    cudaVersion: null,
    nvidiaRequire: {},
    nvidiaDisableRequire: null,
  };
}

describe('the recorded profile', () => {
  it('pins every installed distribution but the environment tools, with the Python and the torch CUDA build', () => {
    const result = probe(
      { pip: '24.0', setuptools: '69.0.0', numpy: '1.26.4', torch: '2.5.1+cu121', 'odd-one': 'not a version' },
      { version: '2.5.1+cu121', cuda: '12.1' },
    );
    assert.deepEqual(installedSetOf(result), {
      packages: [
        { key: 'numpy', version: '1.26.4', local: null },
        { key: 'torch', version: '2.5.1', local: 'cu121' },
      ],
      python: '3.11.9',
      leftOut: [{ key: 'odd-one', why: 'version "not a version" is not PEP 440' }],
    });
    const text = recordedProfileText(result, { name: 'gpu-stack', target: '/venv/bin/python', date: '2026-12-07' });
    assert.ok(text.ok);
    assert.equal(
      text.text,
      [
        '# Made by the compat-guard runtime check (--record-profile) from /venv/bin/python on 2026-12-07: 2 packages, each pinned to the version it names.',
        '# Left out: odd-one (version "not a version" is not PEP 440).',
        '# Add the profile under `profiles:` in .github/compat-matrix.yml, and `profile: gpu-stack` to check every pull request against it.',
        '',
        'profiles:',
        '  gpu-stack:',
        '    description: "Recorded by the runtime check of /venv/bin/python on 2026-12-07: Python 3.11.9, torch 2.5.1+cu121 (CUDA 12.1)"',
        '    python: "==3.11.*"',
        '    cuda: "==12.1.*"',
        '    packages:',
        '      numpy: "==1.26.4"',
        '      torch: "==2.5.1"',
        '',
      ].join('\n'),
    );
  });

  it('gives a CPU build of torch no cuda', () => {
    const text = recordedProfileText(probe({ torch: '2.5.1+cpu' }, { version: '2.5.1+cpu', cuda: null }), {
      name: 'cpu',
      target: 'python3',
      date: '2026-12-07',
    });
    assert.ok(text.ok);
    assert.doesNotMatch(text.text, /cuda:/);
    assert.match(text.text, /torch 2\.5\.1\+cpu \(no CUDA\)/);
  });

  it('writes nothing when the runtime check did not run or found an error, and says why', () => {
    const folder = temporaryFolder('compat-guard-record-');
    const file = join(folder, 'profile.yml');
    const error = { rule: 'pip-check', severity: 'error' } as Finding;
    assert.deepEqual(
      recordProfile({ name: 'x', file }, { findings: [error], summary: { reason: 'refused: it would run code from the fork' } }),
      { name: 'x', file: null, reason: 'the runtime check did not run (refused: it would run code from the fork)' },
    );
    assert.deepEqual(recordProfile({ name: 'x', file }, { probe: probe({}, null), findings: [error, error], summary: {} }), {
      name: 'x',
      file: null,
      reason: 'the runtime check found 2 errors',
    });
    assert.equal(existsSync(file), false);
    const notice = { rule: 'gpu-not-visible', severity: 'notice' } as Finding;
    assert.deepEqual(
      recordProfile({ name: 'x', file }, { probe: probe({ numpy: '1.26.4' }, null), findings: [notice], summary: { target: 'python3' } }),
      { name: 'x', file },
    );
    assert.match(readFileSync(file, 'utf8'), /\n      numpy: "==1\.26\.4"\n$/);
  });
});

const noPython = systemPython() === null ? 'python3 with venv is not on this machine' : false;

describe('--record-profile on a venv', { skip: noPython }, () => {
  let python: string;
  before(() => {
    // A venv that passes: hand-made numpy, filelock and a stand-in torch 2.1.2+cu121, nothing broken.
    const venv = join(temporaryFolder('compat-guard-record-venv-'), 'venv');
    execFileSync('python3', ['-m', 'venv', venv], { stdio: 'ignore', timeout: 120_000 });
    python = join(venv, 'bin', 'python');
    const sitePackages = execFileSync(python, ['-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])'], {
      encoding: 'utf8',
    }).trim();
    for (const entry of [
      'numpy',
      'numpy-1.26.4.dist-info',
      'filelock.py',
      'filelock-3.13.1.dist-info',
      'torch',
      'torch-2.1.2+cu121.dist-info',
    ]) {
      cpSync(join(SITE_PACKAGES, entry), join(sitePackages, entry), { recursive: true });
    }
  });

  it('records the environment of a check that passed, as a profile the next check accepts and enforces', async () => {
    const root = repository({ 'requirements.txt': 'numpy==1.26.4\ntorch==2.1.2\n' });
    const file = join(root, 'recorded.yml');
    const checked = await runCheck({
      root,
      paths: [],
      runtime: { python, requireGpu: false, allowUntrusted: true, untrusted: null },
      recordProfile: { name: 'venv-stack', file },
    });
    assert.ok(checked.ok, checked.ok ? '' : checked.error);
    assert.deepEqual(checked.result.recordedProfile, { name: 'venv-stack', file });
    const recorded = readFileSync(file, 'utf8');
    assert.match(
      recorded,
      /\n    python: "==3\.\d+\.\*"\n    cuda: "==12\.1\.\*"\n    packages:\n      filelock: "==3\.13\.1"\n      numpy: "==1\.26\.4"\n      torch: "==2\.1\.2"\n$/,
    );

    const next = repository({
      '.github/compat-matrix.yml': `profile: venv-stack\n${recorded}`,
      'requirements.txt': 'numpy==1.24.4\ntorch==2.1.2\n',
    });
    const again = await runCheck({ root: next, paths: [] });
    assert.ok(again.ok, again.ok ? '' : again.error);
    assert.equal(again.result.profile?.name, 'venv-stack');
    assert.deepEqual(
      again.result.findings.filter((finding) => finding.severity === 'error').map((finding) => `${finding.rule}:${finding.line}`),
      ['pin-outside-profile:1'],
    );
  });

  it('the CLI records with --record-profile and says where; a failed check writes nothing', () => {
    const root = repository({ 'requirements.txt': 'numpy==1.26.4\n' });
    const file = join(root, 'compat-profile-ok.yml');
    const passed = spawnSync(
      process.execPath,
      [CLI, 'check', '--root', root, '--python', python, '--index', 'offline', '--record-profile', 'ok'],
      { cwd: root, encoding: 'utf8', timeout: 120_000 },
    );
    assert.equal(passed.status, 0, passed.stdout + passed.stderr);
    // The runtime check's progress lines come first on stderr; the record is the last line.
    assert.ok(passed.stderr.endsWith(`\ncompat-guard: profile ok recorded in ${file}\n`), passed.stderr);
    assert.match(readFileSync(file, 'utf8'), /\n  ok:\n/);

    const broken = repository({ 'requirements.txt': 'numpy==1.24.4\n' });
    const failed = spawnSync(
      process.execPath,
      [
        CLI,
        'check',
        '--root',
        broken,
        '--python',
        python,
        '--index',
        'offline',
        '--record-profile',
        'bad',
        '--record-profile-file',
        join(broken, 'p.yml'),
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    assert.equal(failed.status, 1);
    assert.ok(failed.stderr.endsWith('\ncompat-guard: profile bad not recorded: the runtime check found 1 error\n'), failed.stderr);
    assert.equal(existsSync(join(broken, 'p.yml')), false);
  });

  it('the CLI refuses --record-profile without the runtime check, or with a name no profile may have', () => {
    const without = spawnSync(process.execPath, [CLI, 'check', '--record-profile', 'x'], { encoding: 'utf8' });
    assert.deepEqual(
      [without.status, without.stderr],
      [2, 'compat-guard: --record-profile records what the runtime check verified: add --runtime (or --python / --runtime-image)\n'],
    );
    const badName = spawnSync(process.execPath, [CLI, 'check', '--runtime', '--record-profile', 'a b'], { encoding: 'utf8' });
    assert.equal(badName.status, 2);
    assert.match(badName.stderr, /^compat-guard: --record-profile: profile name "a b" may hold only/);
  });
});
