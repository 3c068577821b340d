// The ways compat-guard reaches a user besides the action: the npm package (what `npm pack` puts in
// it, and its `compat-guard` bin run from the unpacked package with no dependencies installed, as
// `npx compat-guard` runs it) and the pre-commit hook (its definition parsed, its `files` pattern
// applied to paths, its entry run on the files it selects). Offline: no registry is contacted.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { makeTree, removeTree } from './helpers/temp-tree.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
  private?: boolean;
};
/** torchvision 0.19 is built for torch 2.4, not 2.5: an error on line 2. */
const BROKEN = { 'requirements.txt': 'torch==2.5.1\ntorchvision==0.19.0\n', 'docs/notes.md': 'not checked\n' };
const FIXED = { 'requirements.txt': 'torch==2.5.1\ntorchvision==0.20.1\n' };
/** node on PATH for `#!/usr/bin/env node`, as npm's bin links need. */
const PATH_WITH_NODE = `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`;

describe('the npm package', () => {
  let work: string;
  let bin: string;
  let packed: string[];

  before(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'compat-guard-pack-'));
    const pack = spawnSync('npm', ['pack', '--json', '--offline', '--ignore-scripts', '--pack-destination', work], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(pack.status, 0, pack.stderr);
    const [result] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    assert.ok(result);
    packed = result.files.map((file) => file.path);
    // Installed as npm installs it: unpacked under node_modules, the bin linked into node_modules/.bin.
    const modules = path.join(work, 'project', 'node_modules');
    fs.mkdirSync(path.join(modules, '.bin'), { recursive: true });
    const untar = spawnSync('tar', ['-xzf', path.join(work, path.basename(result.filename)), '-C', modules], { encoding: 'utf8' });
    assert.equal(untar.status, 0, untar.stderr);
    fs.renameSync(path.join(modules, 'package'), path.join(modules, 'compat-guard'));
    const target = path.join(modules, 'compat-guard', PACKAGE.bin['compat-guard'] ?? '');
    fs.chmodSync(target, 0o755);
    bin = path.join(modules, '.bin', 'compat-guard');
    fs.symlinkSync(path.relative(path.dirname(bin), target), bin);
  });

  after(() => removeTree(work));

  it('is public and holds the CLI, its data and the notices, not the sources, tests or the action bundle', () => {
    assert.equal(PACKAGE.private, undefined);
    for (const needed of [
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'dist/cli/index.js',
      'dist/licenses.txt',
      'matrix/schema.json',
      'matrix/profiles.yml',
    ]) {
      assert.ok(packed.includes(needed), `${needed} is not in the package`);
    }
    for (const file of packed) {
      assert.doesNotMatch(file, /^(src|lib|__tests__|scripts|examples|data|docs|\.github|node_modules)\//, file);
      assert.notEqual(file, 'dist/index.js', 'the action bundle is not needed by the CLI');
    }
  });

  it('its bin runs `check` from the unpacked package with no dependencies installed', () => {
    const version = spawnSync(bin, ['--version'], { encoding: 'utf8', env: { ...process.env, PATH: PATH_WITH_NODE } });
    assert.equal(version.stdout.trim(), PACKAGE.version, version.stderr);

    const broken = makeTree(BROKEN);
    const fixed = makeTree(FIXED);
    try {
      const failing = spawnSync(bin, ['check', '--format', 'json'], {
        cwd: broken,
        encoding: 'utf8',
        env: { ...process.env, PATH: PATH_WITH_NODE },
      });
      assert.equal(failing.status, 1, failing.stderr);
      const report = JSON.parse(failing.stdout) as { findings: Array<{ rule: string; file: string; line: number }> };
      assert.ok(
        report.findings.some((finding) => finding.rule === 'torch-family-mismatch' && finding.file === 'requirements.txt'),
        failing.stdout,
      );
      const passing = spawnSync(bin, ['check', '.'], { cwd: fixed, encoding: 'utf8', env: { ...process.env, PATH: PATH_WITH_NODE } });
      assert.equal(passing.status, 0, passing.stdout + passing.stderr);
    } finally {
      removeTree(broken);
      removeTree(fixed);
    }
  });
});

describe('the pre-commit hook', () => {
  const hooks = parseYaml(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;
  const hook = hooks.find((entry) => entry.id === 'compat-guard');

  it('is defined as pre-commit expects: a node hook whose entry is the package bin', () => {
    assert.ok(hook, 'no compat-guard hook');
    assert.equal(hook.language, 'node');
    assert.equal(hook.pass_filenames, true);
    const [command, ...args] = String(hook.entry).split(' ');
    assert.ok(command && command in PACKAGE.bin, `the entry runs ${command}, which package.json's bin does not name`);
    assert.deepEqual(args, ['check']);
  });

  it('selects the files the CLI reads, and no others', () => {
    const files = new RegExp(String(hook?.files));
    const selected = [
      'requirements.txt',
      'requirements-dev.txt',
      'requirements/gpu/base.txt',
      'constraints.txt',
      'deps/base.in',
      'pyproject.toml',
      'Dockerfile',
      'docker/Dockerfile.cuda',
      'train.Dockerfile',
      'Containerfile',
    ];
    const ignored = [
      'MANIFEST.in',
      'sub/MANIFEST.in',
      'README.md',
      'setup.py',
      'notes/requirements.md',
      'Dockerfile.md/x.py',
      'src/app.py',
    ];
    for (const file of selected) assert.match(file, files, file);
    for (const file of ignored) assert.doesNotMatch(file, files, file);
  });

  it('its entry, given the files it selects, fails on a broken pin and passes its fixed twin', () => {
    const files = new RegExp(String(hook?.files));
    const [, ...args] = String(hook?.entry).split(' ');
    const cli = path.join(ROOT, PACKAGE.bin['compat-guard'] ?? '');
    for (const [tree, status] of [
      [BROKEN, 1],
      [FIXED, 0],
    ] as const) {
      const root = makeTree(tree);
      try {
        const staged = Object.keys(tree).filter((file) => files.test(file));
        assert.deepEqual(staged, ['requirements.txt']);
        const run = spawnSync(process.execPath, [cli, ...args, ...staged], { cwd: root, encoding: 'utf8' });
        assert.equal(run.status, status, run.stdout + run.stderr);
        if (status === 1) assert.match(run.stdout, /^requirements\.txt\n  2:1  error .*\[torch-family-mismatch\]/);
      } finally {
        removeTree(root);
      }
    }
  });
});
