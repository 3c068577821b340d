import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { FileSource } from '../src/parse/discover.js';
import { expandableEnvironment, MAX_CHECKED_STAGES, parseRepository, readRepository } from '../src/parse/repository.js';
import { makeTree, removeTree } from './helpers/temp-tree.js';

const roots: string[] = [];
after(() => roots.forEach(removeTree));
function repo(files: Record<string, string | Uint8Array>): string {
  const root = makeTree(files);
  roots.push(root);
  return root;
}

describe('readRepository', () => {
  it('tells how many files it found before reading any', async () => {
    const root = repo({ 'requirements.txt': 'numpy==1.23.5\n', Dockerfile: 'FROM python:3.11-slim\n' });
    const counts: number[] = [];
    const result = await readRepository(root, [], { discovered: (files) => counts.push(files) });
    assert.deepEqual(counts, [2]);
    assert.equal(result.files.length, 2);
  });

  it('follows -r and -c once each, lists every file once, and marks constraints', async () => {
    const root = repo({
      'requirements.txt': '-r requirements/base.txt\n-c constraints/pins.txt\ntorch==2.1.2\n',
      'requirements/base.txt': 'numpy==1.23.5\n-r common.txt\n',
      'requirements/common.txt': 'pydantic==2.7.4\n',
      'constraints/pins.txt': 'numpy<1.24\n',
    });
    const result = await readRepository(root);
    assert.deepEqual(
      result.files.map((file) => [file.path, file.kind]),
      [
        ['constraints/pins.txt', 'constraints'],
        ['requirements.txt', 'requirements'],
        ['requirements/base.txt', 'requirements'],
        ['requirements/common.txt', 'requirements'],
      ],
    );
    const pins = result.files.find((file) => file.path === 'constraints/pins.txt');
    assert.equal(pins?.requirements[0]?.constraint, true);
    assert.deepEqual(result.installSets, [
      {
        id: 'requirements.txt',
        file: 'requirements.txt',
        stages: null,
        files: ['requirements.txt', 'requirements/base.txt', 'constraints/pins.txt', 'requirements/common.txt'],
      },
    ]);
    assert.deepEqual(result.diagnostics, []);
  });

  it('reports an include cycle once, with the chain, and still reads every file', async () => {
    const root = repo({ 'requirements-a.txt': '-r requirements-b.txt\nx==1\n', 'requirements-b.txt': '-r requirements-a.txt\ny==1\n' });
    const result = await readRepository(root);
    assert.equal(result.files.length, 2);
    const cycles = result.diagnostics.filter((diagnostic) => /include cycle/.test(diagnostic.message));
    assert.equal(cycles.length, 1);
    assert.match(cycles[0]?.message ?? '', /requirements-a\.txt -> requirements-b\.txt -> requirements-a\.txt/);
    assert.equal(cycles[0]?.severity, 'error');
  });

  it('checks the files of a cycle nothing else includes as one install set, and a file that includes itself alone', async () => {
    const root = repo({
      'requirements-a.txt': '-r requirements-b.txt\nx==1\n',
      'requirements-b.txt': '-r requirements-a.txt\ny==1\n',
      'requirements-self.txt': '-r requirements-self.txt\nz==1\n',
      // A cycle below a root is the root's: no set of its own.
      'requirements-root.txt': '-r sub/requirements-c.txt\n',
      'sub/requirements-c.txt': '-r requirements-d.txt\n',
      'sub/requirements-d.txt': '-r requirements-c.txt\n',
    });
    assert.deepEqual(
      (await readRepository(root)).installSets.map((set) => [set.id, set.files]),
      [
        ['requirements-a.txt', ['requirements-a.txt', 'requirements-b.txt']],
        ['requirements-root.txt', ['requirements-root.txt', 'sub/requirements-c.txt', 'sub/requirements-d.txt']],
        ['requirements-self.txt', ['requirements-self.txt']],
      ],
    );
  });

  it('refuses includes that leave the repository and says which line', async () => {
    const root = repo({ 'requirements.txt': 'numpy==1.23.5\n-r ../../etc/passwd\n-r /etc/passwd\n' });
    const result = await readRepository(root);
    assert.deepEqual(
      result.files.map((file) => file.path),
      ['requirements.txt'],
    );
    const refused = result.diagnostics.filter((diagnostic) => diagnostic.file === 'requirements.txt');
    assert.deepEqual(
      refused.map((diagnostic) => diagnostic.line),
      [2, 3],
    );
    for (const diagnostic of refused) assert.equal(diagnostic.severity, 'error');
  });

  it('reports a missing include as a warning and keeps going', async () => {
    const root = repo({ 'requirements.txt': '-r missing.txt\nnumpy==1.23.5\n' });
    const result = await readRepository(root);
    assert.equal(result.files[0]?.requirements.length, 1);
    assert.match(result.diagnostics[0]?.message ?? '', /-r missing\.txt: no such file/);
  });

  it('builds one install set per Dockerfile stage with the files that stage installs', async () => {
    const root = repo({
      'docker/Dockerfile': [
        'FROM nvidia/cuda:12.1.1-devel-ubuntu22.04 AS builder',
        'WORKDIR /app',
        'COPY requirements/ ./requirements/',
        'RUN pip install -r requirements/gpu.txt',
        'FROM builder AS test',
        'RUN pip install pytest==8.0.0',
        'FROM python:3.10-slim AS api',
        'COPY api-requirements.txt /tmp/req.txt',
        'RUN pip install -r /tmp/req.txt && pip install -r /opt/baked-in.txt',
        '',
      ].join('\n'),
      'docker/requirements/gpu.txt': 'torch==2.1.2\n',
      'docker/api-requirements.txt': 'fastapi==0.115.0\n',
    });
    const result = await readRepository(root);
    const sets = Object.fromEntries(result.installSets.map((set) => [set.id, set]));
    assert.deepEqual(sets['docker/Dockerfile#builder']?.files, ['docker/Dockerfile', 'docker/requirements/gpu.txt']);
    assert.deepEqual(sets['docker/Dockerfile#test']?.stages, ['test', 'builder']);
    assert.deepEqual(sets['docker/Dockerfile#test']?.files, ['docker/Dockerfile', 'docker/requirements/gpu.txt']);
    assert.deepEqual(sets['docker/Dockerfile#api']?.files, ['docker/Dockerfile', 'docker/api-requirements.txt']);
    const baked = result.diagnostics.find((diagnostic) => /baked-in/.test(diagnostic.message));
    assert.equal(baked?.severity, 'notice');
    assert.equal(baked?.line, 9);
  });

  it('scans ignore comments in every kind of file', async () => {
    const root = repo({
      'requirements.txt': 'numpy==1.24.4  # compat-guard: ignore[pin-outside-profile]\n',
      Dockerfile: '# compat-guard: ignore[cuda-image-tag-unknown]\nFROM nvidia/cuda:12.1-devel-ubuntu20.04\n',
    });
    const result = await readRepository(root);
    assert.deepEqual(
      result.files.map((file) => file.suppressions),
      [[{ line: 2, rules: ['cuda-image-tag-unknown'] }], [{ line: 1, rules: ['pin-outside-profile'] }]],
    );
  });

  it('turns binary and undecodable files into diagnostics and reads the rest', async () => {
    const root = repo({
      'requirements.txt': 'numpy==1.23.5\n',
      'requirements-bin.txt': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]),
    });
    const result = await readRepository(root);
    assert.deepEqual(
      result.files.map((file) => file.path),
      ['requirements.txt'],
    );
    assert.equal(result.diagnostics.length, 1);
    assert.equal(result.diagnostics[0]?.file, 'requirements-bin.txt');
    assert.match(result.diagnostics[0]?.message ?? '', /binary/);
  });

  it('says an include through a symlink out of the repository (etc -> /etc) leads outside and is not read', async () => {
    // A stand-in for /etc, so that the test reads nothing of the machine's own.
    const outside = repo({ passwd: 'root:x:0:0:root:/root:/bin/bash\n', hostname: 'runner\n' });
    const root = repo({
      'requirements.txt':
        '-r etc/passwd\n-c etc/hostname\n-r etc/shadow\n-r requirements-dev.txt\n-r real/base.txt\n-r alias/base.txt\n-r gone/passwd\n-r gone-inside/base.txt\nnumpy==1.24.4\n',
      'real/base.txt': 'pandas==2.0.3\n',
      'docker/Dockerfile': 'FROM python:3.11\nCOPY . /app\nRUN pip install -r etc/passwd\n',
    });
    fs.symlinkSync(outside, path.join(root, 'etc'));
    fs.symlinkSync(outside, path.join(root, 'docker', 'etc'));
    // A symlink that stays inside is followed as before.
    fs.symlinkSync(path.join(root, 'real'), path.join(root, 'alias'));
    // Links that lead nowhere: one to a place outside, one to a place inside.
    fs.symlinkSync(path.join(outside, 'no-such-folder'), path.join(root, 'gone'));
    fs.symlinkSync(path.join(root, 'no-such-folder'), path.join(root, 'gone-inside'));
    const result = await readRepository(root);
    assert.deepEqual(
      result.diagnostics.map((diagnostic) => [diagnostic.file, diagnostic.line, diagnostic.severity, diagnostic.message]),
      [
        [
          'docker/Dockerfile',
          3,
          'warning',
          'pip install -r etc/passwd: docker/etc/passwd leads outside the repository through a symlink; not read',
        ],
        ['requirements.txt', 1, 'error', '-r etc/passwd leads outside the repository through a symlink; not read'],
        ['requirements.txt', 2, 'error', '-c etc/hostname leads outside the repository through a symlink; not read'],
        // No file at its end, but it leads outside all the same.
        ['requirements.txt', 3, 'error', '-r etc/shadow leads outside the repository through a symlink; not read'],
        ['requirements.txt', 4, 'warning', '-r requirements-dev.txt: no such file in the repository; not checked'],
        ['requirements.txt', 7, 'error', '-r gone/passwd leads outside the repository through a symlink; not read'],
        ['requirements.txt', 8, 'warning', '-r gone-inside/base.txt: no such file in the repository; not checked'],
      ],
    );
    assert.deepEqual(
      result.files.map((file) => file.path),
      ['alias/base.txt', 'docker/Dockerfile', 'real/base.txt', 'requirements.txt'],
    );
  });

  it('warns of a file read as latin-1 at its first byte that is not UTF-8, with advice for its kind', async () => {
    const latin1 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));
    const root = repo({
      'requirements.txt': latin1('numpy==1.24.4\n# owner: Jos\u00e9\n'),
      'pyproject.toml': latin1('[project]\nname = "asr"\ndescription = "Caf\u00e9 speech"\ndependencies = ["numpy==1.24.4"]\n'),
      Dockerfile: latin1('FROM python:3.11\nLABEL maintainer="Jos\u00e9"\nRUN pip install numpy==1.24.4\n'),
    });
    const result = await readRepository(root);
    assert.deepEqual(
      result.diagnostics.map((diagnostic) => [diagnostic.file, diagnostic.line, diagnostic.column, diagnostic.severity]),
      [
        ['Dockerfile', 2, 22, 'warning'],
        // pip refuses a pyproject.toml that is not UTF-8: an error, though the file is still read.
        ['pyproject.toml', 3, 19, 'error'],
        ['requirements.txt', 2, 13, 'warning'],
      ],
    );
    const [dockerfile, pyproject, requirements] = result.diagnostics.map((diagnostic) => diagnostic.message);
    assert.match(requirements ?? '', /add '# -\*- coding: latin-1 -\*-' or save the file as UTF-8/);
    assert.match(pyproject ?? '', /^pyproject\.toml: not valid UTF-8: read as latin-1; TOML must be UTF-8/);
    assert.match(dockerfile ?? '', /^Dockerfile: not valid UTF-8: read as latin-1; Docker reads a Dockerfile as UTF-8/);
    // Read all the same.
    assert.deepEqual(
      result.files.map((file) => file.requirements.map((requirement) => requirement.key)),
      [['numpy'], ['numpy'], ['numpy']],
    );
  });

  it('refuses a pyproject.toml with a byte-order mark as pip does, at line 1, and still reads it', async () => {
    const text = '[project]\nname = "asr"\ndependencies = ["numpy==1.24.4"]\n';
    for (const [mark, encoding] of [
      [Buffer.from([0xef, 0xbb, 0xbf]), 'utf8'],
      [Buffer.from([0xff, 0xfe]), 'utf16le'],
    ] as const) {
      const root = repo({
        'pyproject.toml': new Uint8Array(Buffer.concat([mark, Buffer.from(text, encoding)])),
        'requirements.txt': new Uint8Array(Buffer.concat([mark, Buffer.from('numpy==1.24.4\n', encoding)])),
      });
      const result = await readRepository(root);
      // pip decodes requirements files by their mark; it opens pyproject.toml as plain UTF-8.
      assert.deepEqual(
        result.diagnostics.map((diagnostic) => [diagnostic.file, diagnostic.line, diagnostic.column, diagnostic.severity]),
        [['pyproject.toml', 1, 1, 'error']],
      );
      assert.match(
        result.diagnostics[0]?.message ?? '',
        encoding === 'utf8'
          ? /UTF-8 byte-order mark: pip reads pyproject\.toml as UTF-8 as it is, and its TOML reader refuses the mark/
          : /^pyproject\.toml: UTF-16-LE \(byte-order mark\): pip reads pyproject\.toml as UTF-8 and cannot read it/,
      );
      assert.deepEqual(
        result.files.map((file) => file.requirements.map((requirement) => requirement.key)),
        [['numpy'], ['numpy']],
      );
    }
  });

  it('reads a file that includes another a hundred thousand times once, and asks the disk about it once', () => {
    const texts: Record<string, string> = {
      'requirements.txt': `${'-r shared.txt\n'.repeat(100_000)}numpy==1.24.4\n`,
      'shared.txt': 'numpy==1.26.4\n',
    };
    const asked = new Map<string, number>();
    const source: FileSource = {
      read: (path) => ({ ok: true, bytes: new TextEncoder().encode(texts[path] ?? '') }),
      isFile: (path) => {
        asked.set(path, (asked.get(path) ?? 0) + 1);
        return Object.hasOwn(texts, path);
      },
      leadsOutside: () => false,
    };
    const result = parseRepository([{ path: 'requirements.txt', kind: 'requirements' }], source);
    assert.deepEqual([...asked], [['shared.txt', 1]]);
    assert.deepEqual(
      result.files.map((file) => file.path),
      ['requirements.txt', 'shared.txt'],
    );
    assert.deepEqual(
      result.installSets.map((set) => [set.id, set.files]),
      [['requirements.txt', ['requirements.txt', 'shared.txt']]],
    );
  });

  it('checks the first MAX_CHECKED_STAGES build stages of a Dockerfile, and says where the others begin', async () => {
    // Each stage built FROM the one before: every set holds its whole chain, so that the sets of
    // thousands of such stages would cost the square of their number.
    const stages = MAX_CHECKED_STAGES + 50;
    const lines = ['FROM python:3.11-slim AS s0', 'RUN pip install -r requirements.txt'];
    for (let index = 1; index < stages; index++) lines.push(`FROM s${index - 1} AS s${index}`);
    const root = repo({ Dockerfile: `${lines.join('\n')}\n`, 'requirements.txt': 'numpy==1.24.4\n' });
    const result = await readRepository(root);
    const dockerSets = result.installSets.filter((set) => set.file === 'Dockerfile');
    assert.equal(dockerSets.length, MAX_CHECKED_STAGES);
    assert.deepEqual(dockerSets.at(-1)?.stages?.length, MAX_CHECKED_STAGES);
    assert.deepEqual(dockerSets.at(-1)?.files, ['Dockerfile', 'requirements.txt']);
    assert.deepEqual(
      result.diagnostics.map((diagnostic) => [diagnostic.file, diagnostic.line, diagnostic.severity]),
      [['Dockerfile', MAX_CHECKED_STAGES + 2, 'warning']],
    );
    assert.match(result.diagnostics[0]?.message ?? '', new RegExp(`^${stages} build stages: the first ${MAX_CHECKED_STAGES} are checked`));
    // The file they install is still checked on its own.
    assert.ok(result.installSets.some((set) => set.id === 'requirements.txt'));
  });

  it('reports a binary file at the line and column of its first NUL', async () => {
    // A requirements file a bad merge tool padded with NULs on its third line.
    const root = repo({ 'requirements.txt': 'numpy==1.24.4\npandas==2.0.3\ntorch==2.1.0\u0000\u0000\u0000\nscipy==1.11.4\n' });
    assert.deepEqual((await readRepository(root)).diagnostics, [
      {
        file: 'requirements.txt',
        line: 3,
        column: 13,
        severity: 'error',
        message: 'requirements.txt: binary file (NUL byte at offset 40); not read',
      },
    ]);
  });
});

describe('expandableEnvironment', () => {
  it('never lets tokens, secrets or action inputs into ${VAR} expansion', () => {
    const safe = expandableEnvironment({
      TORCH_VERSION: '2.1.2',
      GITHUB_TOKEN: 'ghs_x',
      INPUT_GITHUB_TOKEN: 'ghs_x',
      ACTIONS_RUNTIME_TOKEN: 'y',
      AWS_SECRET_ACCESS_KEY: 'z',
      PIP_PASSWORD: 'p',
      DEPLOY_KEY: 'k',
    });
    assert.deepEqual(safe, { TORCH_VERSION: '2.1.2' });
  });
  it('expands what pip would in requirement files', async () => {
    const root = repo({ 'requirements.txt': 'torch==${TORCH_VERSION}\nsecret @ https://x:${GITHUB_TOKEN}@example.com/p.whl\n' });
    const result = await readRepository(root, [], { env: expandableEnvironment({ TORCH_VERSION: '2.1.2', GITHUB_TOKEN: 'ghs_secret' }) });
    const requirements = result.files[0]?.requirements ?? [];
    assert.equal(requirements[0]?.specifier, '==2.1.2');
    assert.ok(!JSON.stringify(result).includes('ghs_secret'));
  });
});
