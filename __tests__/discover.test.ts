import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { createFileSource, discoverFiles, kindOfPath } from '../src/parse/discover.js';
import { isIgnored, parseGitignore } from '../src/parse/gitignore.js';
import { trackedFiles } from '../src/github/git.js';
import { matchesGlob } from '../src/parse/glob.js';
import { scanSuppressions } from '../src/parse/suppressions.js';
import { makeTree, removeTree } from './helpers/temp-tree.js';

describe('kindOfPath', () => {
  const cases: Array<[string, string | null]> = [
    ['requirements.txt', 'requirements'],
    ['services/api/requirements-gpu.txt', 'requirements'],
    ['requirements/base.txt', 'requirements'],
    ['requirements/nested/dev.txt', 'requirements'],
    ['constraints.txt', 'constraints'],
    ['constraints-3.11.txt', 'constraints'],
    ['requirements.in', 'requirements'],
    ['MANIFEST.in', null],
    ['pyproject.toml', 'pyproject'],
    ['Dockerfile', 'dockerfile'],
    ['docker/Dockerfile.gpu', 'dockerfile'],
    ['train.Dockerfile', 'dockerfile'],
    ['Containerfile', 'dockerfile'],
    ['README.md', null],
    ['notes.txt', null],
    // pip-tools inputs only; templates of other files are not requirements (issue 14).
    ['requirements-dev.in', 'requirements'],
    ['constraints.in', 'constraints'],
    ['requirements/base.in', 'requirements'],
    ['MANIFEST_win.in', null],
    ['csrc/lib/Config.cmake.in', null],
    ['src/config.h.in', null],
    ['Makefile.in', null],
    ['setup.py.in', null],
    ['requirements/version.py.in', null],
    ['deps.in', null],
    // Requirements files under the names people use.
    ['requirement.txt', 'requirements'],
    ['docker/serve-requirements.txt', 'requirements'],
    ['dev_requirements.txt', 'requirements'],
    ['requirements/cuda/12.txt', 'requirements'],
    ['constraints-py311.txt', 'constraints'],
    ['myrequirements.txt', null],
    // Dockerfiles under every name, in any case.
    ['DOCKERFILE', 'dockerfile'],
    ['docker/Dockerfile-cuda', 'dockerfile'],
    ['docker/dockerfile_jetson', 'dockerfile'],
    ['docker/Serve.dockerfile', 'dockerfile'],
    ['Containerfile.rocm', 'dockerfile'],
    ['Dockerfile.dockerignore', null],
    ['Dockerfile-README.md', null],
    ['cicd/Dockerfile-uv.jinja', null],
    ['docker/Dockerfile.in', null],
  ];
  for (const [file, kind] of cases) it(`${file} -> ${kind}`, () => assert.equal(kindOfPath(file), kind));
});

describe('kindOfPath beside a compiled file', () => {
  it('reads X.in as a pip-tools input only when X.txt is beside it', () => {
    const present = new Set(['deps/gpu.txt']);
    assert.equal(
      kindOfPath('deps/gpu.in', (file) => present.has(file)),
      'requirements',
    );
    assert.equal(
      kindOfPath('deps/cpu.in', (file) => present.has(file)),
      null,
    );
  });
});

describe('globs', () => {
  it('matches ** across folders and * within one', () => {
    assert.ok(matchesGlob('docs/a/b/requirements.txt', 'docs/**'));
    assert.ok(matchesGlob('requirements.txt', '**/requirements.txt'));
    assert.ok(matchesGlob('a/b/requirements.txt', '**/requirements.txt'));
    assert.ok(matchesGlob('services/api/requirements.txt', 'services/*/requirements.txt'));
    assert.ok(!matchesGlob('services/api/v1/requirements.txt', 'services/*/requirements.txt'));
    assert.ok(matchesGlob('req-1.txt', 'req-?.txt'));
    assert.ok(matchesGlob('req-a.txt', 'req-[a-c].txt'));
    assert.ok(!matchesGlob('req-d.txt', 'req-[a-c].txt'));
  });
});

describe('gitignore', () => {
  const rules = [parseGitignore('', '# comment\n*.log\n/build-out/\nvendor\n!vendor/keep.txt\n'), parseGitignore('sub', 'local.txt\n')];
  it('ignores unanchored names at any depth, anchored ones at the root', () => {
    assert.ok(isIgnored('a/b/x.log', false, rules));
    assert.ok(isIgnored('build-out', true, rules));
    assert.ok(!isIgnored('a/build-out', true, rules));
    assert.ok(!isIgnored('build-out', false, rules), 'a folder-only pattern does not match a file');
    assert.ok(isIgnored('x/vendor', true, rules));
  });
  it('lets a later negation win and scopes nested files to their folder', () => {
    assert.ok(!isIgnored('vendor/keep.txt', false, rules));
    assert.ok(isIgnored('sub/local.txt', false, rules));
    assert.ok(!isIgnored('local.txt', false, rules));
  });
});

describe('suppressions', () => {
  it('covers its own line when trailing, and the next code line when alone', () => {
    const lines = [
      'numpy==1.24.4  # compat-guard: ignore[pin-outside-profile]',
      '# compat-guard: ignore[unpinned, duplicate-pin]',
      '',
      '# another comment',
      'torch',
      'pandas==2.1.4',
    ];
    assert.deepEqual(scanSuppressions(lines.join('\n')), [
      { line: 1, rules: ['pin-outside-profile'] },
      { line: 5, rules: ['unpinned', 'duplicate-pin'] },
    ]);
  });
  it('finds nothing in ordinary comments', () => {
    assert.deepEqual(scanSuppressions(['# compat-guard rocks', 'x==1  # ignore[foo]'].join('\n')), []);
  });
});

describe('discoverFiles', () => {
  const roots: string[] = [];
  after(() => roots.forEach(removeTree));

  it('finds requirement files, pyproject and Dockerfiles, skipping venvs, node_modules and ignored folders', () => {
    const root = makeTree({
      'requirements.txt': 'numpy==1.23.5\n',
      'requirements/dev.txt': 'pytest\n',
      'constraints.txt': 'numpy<2\n',
      'pyproject.toml': '[project]\nname = "x"\n',
      'docker/Dockerfile.gpu': 'FROM python:3.11\n',
      'MANIFEST.in': 'include README.md\n',
      '.gitignore': 'generated/\n',
      'generated/requirements.txt': 'x==1\n',
      'node_modules/pkg/requirements.txt': 'x==1\n',
      '.venv/pyvenv.cfg': 'home = /usr/bin\n',
      'env2/pyvenv.cfg': 'home = /usr/bin\n',
      'env2/lib/requirements.txt': 'x==1\n',
      '.git/requirements.txt': 'x==1\n',
    });
    roots.push(root);
    const { files, diagnostics } = discoverFiles(root, []);
    assert.deepEqual(files, [
      { path: 'constraints.txt', kind: 'constraints' },
      { path: 'docker/Dockerfile.gpu', kind: 'dockerfile' },
      { path: 'pyproject.toml', kind: 'pyproject' },
      { path: 'requirements.txt', kind: 'requirements' },
      { path: 'requirements/dev.txt', kind: 'requirements' },
    ]);
    assert.deepEqual(diagnostics, []);
  });

  it('always reads explicit files, and selects by glob', () => {
    const root = makeTree({ 'deps/gpu.txt': 'torch==2.1.2\n', 'services/a/requirements.txt': 'x==1\n', 'services/b/reqs.txt': 'y==1\n' });
    roots.push(root);
    assert.deepEqual(discoverFiles(root, ['deps/gpu.txt']).files, [{ path: 'deps/gpu.txt', kind: 'requirements' }]);
    assert.deepEqual(
      discoverFiles(root, ['services/*/*.txt']).files.map((file) => file.path),
      ['services/a/requirements.txt', 'services/b/reqs.txt'],
    );
  });

  it("leaves out what a `!` target names: a folder's tree, a file, a glob's matches; only exclusions means the whole root less them", () => {
    const root = makeTree({
      'requirements.txt': 'x==1\n',
      'legacy/requirements.txt': 'x==1\n',
      'legacy-tools/requirements.txt': 'x==1\n',
      'services/a/requirements.txt': 'x==1\n',
      'services/a/requirements-dev.txt': 'x==1\n',
      'docker/Dockerfile': 'FROM python:3.11\n',
    });
    roots.push(root);
    const paths = (targets: string[]): string[] => discoverFiles(root, targets).files.map((file) => file.path);
    assert.deepEqual(paths(['!legacy/']), [
      'docker/Dockerfile',
      'legacy-tools/requirements.txt',
      'requirements.txt',
      'services/a/requirements-dev.txt',
      'services/a/requirements.txt',
    ]);
    assert.deepEqual(paths(['services', '!services/**/requirements-dev.txt']), ['services/a/requirements.txt']);
    assert.deepEqual(paths(['.', '!./docker/Dockerfile', '!legacy', '!legacy-tools']), [
      'requirements.txt',
      'services/a/requirements-dev.txt',
      'services/a/requirements.txt',
    ]);
  });

  it('refuses paths outside the root and reports missing ones', () => {
    const root = makeTree({ 'requirements.txt': 'x==1\n' });
    roots.push(root);
    const { files, diagnostics } = discoverFiles(root, ['../../etc/passwd', '/etc/passwd', 'nope.txt']);
    assert.deepEqual(files, []);
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.file, diagnostic.line]),
      [
        ['../../etc/passwd', 1],
        ['/etc/passwd', 1],
        ['nope.txt', 1],
      ],
    );
    assert.match(diagnostics[0]?.message ?? '', /outside the repository root/);
    assert.match(diagnostics[1]?.message ?? '', /^\/etc\/passwd is outside the repository root/);
    assert.match(diagnostics[2]?.message ?? '', /no such file or folder/);
  });

  it('does not follow symlinked folders (loops) and refuses symlinks that leave the root', () => {
    const root = makeTree({ 'requirements.txt': 'x==1\n', 'outside-target.txt': 'secret\n' });
    roots.push(root);
    const inner = path.join(root, 'repo');
    fs.mkdirSync(inner);
    fs.writeFileSync(path.join(inner, 'requirements.txt'), 'numpy==1.23.5\n');
    fs.symlinkSync(inner, path.join(inner, 'loop'));
    fs.symlinkSync(path.join(root, 'outside-target.txt'), path.join(inner, 'requirements-leak.txt'));
    fs.symlinkSync(path.join(inner, 'requirements-self.txt'), path.join(inner, 'requirements-self.txt'));
    const { files, plainFiles } = discoverFiles(inner, []);
    assert.deepEqual(
      files.map((file) => file.path),
      ['requirements-leak.txt', 'requirements-self.txt', 'requirements.txt'],
    );
    // Only the regular file may skip symlink resolution.
    assert.deepEqual([...plainFiles], ['requirements.txt']);
    const source = createFileSource(inner, plainFiles);
    const leak = source.read('requirements-leak.txt');
    assert.ok(!leak.ok && /outside the repository/.test(leak.message));
    const loop = source.read('requirements-self.txt');
    assert.ok(!loop.ok && /symlink loop/.test(loop.message));
    assert.ok(source.read('requirements.txt').ok);
    const escape = source.read('../outside-target.txt');
    assert.ok(!escape.ok && /outside the repository/.test(escape.message));
  });

  it('refuses a folder named on the command line that is a symlink out of the root, without listing it', () => {
    const root = makeTree({ 'requirements.txt': 'x==1\n', 'inside/requirements.txt': 'y==1\n' });
    const outside = makeTree({ 'deep/requirements.txt': 'secret==1\n' });
    roots.push(root, outside);
    fs.symlinkSync(outside, path.join(root, 'out'));
    fs.symlinkSync(path.join(root, 'inside'), path.join(root, 'alias'));
    const { files, diagnostics } = discoverFiles(root, ['out', 'alias']);
    // A link that stays inside the root is walked; its files are not plain (each read resolves its links).
    assert.deepEqual(
      files.map((file) => file.path),
      ['alias/requirements.txt'],
    );
    assert.deepEqual(diagnostics, [
      { file: 'out', line: 1, severity: 'error', message: 'out is a symlink to outside the repository; not read' },
    ]);
  });

  it('refuses a plain file replaced by a symlink after the walk, and a FIFO, without waiting', () => {
    const root = makeTree({ 'requirements.txt': 'x==1\n', 'outside.txt': 'secret\n' });
    roots.push(root);
    const { plainFiles } = discoverFiles(root, []);
    fs.rmSync(path.join(root, 'requirements.txt'));
    fs.symlinkSync(path.join(root, 'outside.txt'), path.join(root, 'requirements.txt'));
    const swapped = createFileSource(root, plainFiles).read('requirements.txt');
    assert.ok(!swapped.ok && /symlink/.test(swapped.message));
    execFileSync('mkfifo', [path.join(root, 'requirements-pipe.txt')]);
    const fifo = createFileSource(root).read('requirements-pipe.txt');
    assert.ok(!fifo.ok && /not a regular file/.test(fifo.message));
  });

  it('reads no .gitignore that is a symlink (git follows none either), a FIFO or a device', () => {
    const root = makeTree({ 'linked/requirements.txt': 'x==1\n', 'fifo/requirements.txt': 'y==1\n', 'device/requirements.txt': 'z==1\n' });
    const outside = makeTree({ 'ignore-all': '*.txt\n' });
    roots.push(root, outside);
    // Followed, the link would be read outside the root; a FIFO or /dev/zero would never end.
    fs.symlinkSync(path.join(outside, 'ignore-all'), path.join(root, 'linked/.gitignore'));
    execFileSync('mkfifo', [path.join(root, 'fifo/.gitignore')]);
    fs.symlinkSync('/dev/zero', path.join(root, 'device/.gitignore'));
    const { files, diagnostics } = discoverFiles(root, []);
    assert.deepEqual(
      files.map((file) => file.path),
      ['device/requirements.txt', 'fifo/requirements.txt', 'linked/requirements.txt'],
    );
    assert.deepEqual(diagnostics, []);
  });

  it('reads X.in beside X.txt, and no template named *.in', () => {
    const root = makeTree({
      'deps/gpu.in': 'torch\n',
      'deps/gpu.txt': 'torch==2.1.2\n',
      'deps/cpu.in': 'numpy\n',
      'MANIFEST_win.in': 'include *.txt\n',
      'csrc/Config.cmake.in': '@PACKAGE_INIT@\n',
      'requirements-dev.in': 'pytest\n',
    });
    roots.push(root);
    assert.deepEqual(
      discoverFiles(root, []).files.map((file) => file.path),
      ['deps/gpu.in', 'requirements-dev.in'],
    );
  });

  it('reads files git tracks even where .gitignore matches them; untracked ignored files stay skipped', () => {
    const root = makeTree({
      '.gitignore': 'docker/\n*.txt\n',
      'docker/Dockerfile': 'FROM python:3.11\n',
      'requirements.txt': 'numpy==1.26.4\n',
      'requirements-local.txt': 'x==1\n',
      'docker/scratch/Dockerfile': 'FROM python:3.11\n',
    });
    roots.push(root);
    const git = (...args: string[]): void => {
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: root, stdio: 'ignore' });
    };
    git('init', '-q');
    git('add', '-f', '.gitignore', 'docker/Dockerfile', 'requirements.txt');
    git('commit', '-q', '-m', 'x');
    assert.deepEqual(
      discoverFiles(root, []).files.map((file) => file.path),
      [],
    );
    const tracked = trackedFiles(root);
    assert.deepEqual([...(tracked ?? [])].sort(), ['.gitignore', 'docker/Dockerfile', 'requirements.txt']);
    assert.deepEqual(
      discoverFiles(root, [], tracked).files.map((file) => file.path),
      ['docker/Dockerfile', 'requirements.txt'],
    );
    assert.deepEqual([...(trackedFiles(path.join(root, 'docker')) ?? [])], ['Dockerfile'], 'the checkout is found from a folder below it');
    assert.equal(trackedFiles(makeTree({})), null, "no checkout: today's rule");
  });

  it('walks a 120-deep tree without trouble', () => {
    const deep = Array.from({ length: 120 }, (_, i) => `d${i}`).join('/');
    const root = makeTree({ [`${deep}/requirements.txt`]: 'x==1\n' });
    roots.push(root);
    assert.deepEqual(
      discoverFiles(root, []).files.map((file) => file.path),
      [`${deep}/requirements.txt`],
    );
  });

  it('warns about a folder whose path is too long to search, and finds the files above it', () => {
    const root = makeTree({ 'requirements.txt': 'x==1\n' });
    // 30 folders of 202-character names: past Linux's 4,096-byte PATH_MAX, so made one at a time from
    // inside, and removed with rm, which (unlike fs.rmSync) walks a tree without whole paths.
    after(() => execFileSync('rm', ['-rf', root]));
    const names = Array.from({ length: 30 }, (_, index) => `${'x'.repeat(200)}${String(index).padStart(2, '0')}`);
    const cwd = process.cwd();
    try {
      process.chdir(root);
      for (const name of names) {
        fs.mkdirSync(name);
        process.chdir(name);
        fs.writeFileSync('requirements.txt', 'y==1\n');
      }
    } finally {
      process.chdir(cwd);
    }
    const { files, diagnostics } = discoverFiles(root, []);
    assert.equal(diagnostics.length, 1);
    const [warning] = diagnostics;
    assert.equal(warning?.severity, 'warning');
    assert.equal(warning?.line, 1);
    assert.equal(warning?.message, 'folder cannot be searched (ENAMETOOLONG); the files below it are not checked');
    // Every folder above the one refused is searched.
    const searched = (warning?.file ?? '').split('/').length - 1;
    assert.ok(searched > 10, `${searched} folders searched`);
    assert.deepEqual(
      files.map((file) => file.path),
      ['requirements.txt', ...names.slice(0, searched).map((_, depth) => `${names.slice(0, depth + 1).join('/')}/requirements.txt`)].sort(),
    );
  });
});
