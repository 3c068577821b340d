// Everything bad a repository can hold, at once, through the real CLI: each bad file gets a
// diagnostic with its file and line, the good files are still checked, nothing outside the root is
// read, no stack trace is printed, and the run ends in bounded time.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { makeTree, removeTree } from './helpers/temp-tree.js';

const CLI = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url));

interface JsonFinding {
  rule: string;
  severity: string;
  message: string;
  file: string | null;
  line: number | null;
}

function utf16le(text: string): Uint8Array {
  return new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
}

describe('a hostile repository', () => {
  let root = '';
  let outside = '';
  let run: { code: number | null; stdout: string; stderr: string };
  let findings: JsonFinding[] = [];
  const deep = Array.from({ length: 120 }, (_, index) => `d${index}`).join('/');
  const parseErrorsOf = (file: string) => findings.filter((finding) => finding.rule === 'parse-error' && finding.file === file);
  /** The line of the file's torch-numpy2 finding: the file was read up to its `pair`. */
  const pairFoundAt = (file: string) => findings.find((finding) => finding.rule === 'torch-numpy2' && finding.file === file)?.line;

  before(() => {
    outside = makeTree({ 'secret.txt': 'do-not-read==6.6.6\n' });
    // Files that must be read whole carry this pair: its torch-numpy2 finding, on the numpy line, shows they were.
    const pair = 'torch==2.1.2\nnumpy==2.0.0\n';
    root = makeTree({
      // The good part of the repository, which must still be checked.
      'requirements.txt': pair,
      'requirements-bin.txt': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      'requirements-long.txt': `numpy==1.0 ${'x'.repeat(5 * 1024 * 1024)}\n`,
      'requirements-huge.txt':
        Array.from({ length: 200_000 }, (_, index) => `package-${index}==1.${index % 50}.0`).join('\n') + '\n' + pair,
      'requirements-utf16.txt': utf16le('pydantic==2.7.4\r\ntorch==2.1.2\r\nnumpy==2.0.0\r\n'),
      'requirements-latin1.txt': Buffer.concat([
        Buffer.from('# -*- coding: latin-1 -*-\n# caf'),
        Buffer.from([0xe9]),
        Buffer.from(`\n${pair}`),
      ]),
      'requirements-control.txt': `numpy==1.0\u001b[31m\n${pair}`,
      'requirements-parens.txt': `torch==2.1.2\nnumpy==2.0.0 ; ${'('.repeat(1000)}python_version > "3"${')'.repeat(1000)}\n`,
      // Deeper than pip reads (it fails with RecursionError at about 490): reported, and the next line still read.
      'requirements-too-deep.txt': `torch==2.1.2\nnumpy==2.0.0 ; ${'('.repeat(10_000)}python_version > "3"${')'.repeat(10_000)}\nnumpy==2.0.0\n`,
      // Holds everywhere, so that the pin is installed and checked.
      'requirements-clauses.txt': `torch==2.1.2\nnumpy==2.0.0 ; ${Array.from({ length: 5000 }, (_, index) => `python_version != "2.${index}"`).join(' and ')}\n`,
      // Holds from Python 3.9 on, off Windows: 20,000 comparisons, which took 2 s evaluated one sample environment at a time.
      'requirements-or-clauses.txt': `torch==2.1.2\nnumpy==2.0.0 ; ${Array(10_000).fill('python_version >= "3.9" and platform_system != "Windows"').join(' or ')}\n`,
      // 100,000 clauses: admits NumPy 2, so that torch-numpy2 fires on it.
      // More clauses than the checks read: left out with a warning, and the next line still read.
      'requirements-not-equal.txt': `torch==2.1.2\nnumpy${Array.from({ length: 100_000 }, (_, index) => `!=1.${Math.floor(index / 1000)}.${index % 1000}`).join(',')}\nnumpy>=2\n`,
      // Nothing else includes them, and they are checked together all the same.
      'requirements-cycle-a.txt': '-r requirements-cycle-b.txt\ntorch==2.1.2\n',
      'requirements-cycle-b.txt': '-r requirements-cycle-a.txt\nnumpy==2.0.0\n',
      'requirements-escape.txt': '-r ../../etc/passwd\n-c /etc/passwd\n',
      [`${deep}/requirements.txt`]: pair,
      'docker/heredoc/Dockerfile': 'FROM python:3.11\nRUN <<EOF\npip install numpy==1.23.5\n',
      'docker/brace/Dockerfile': 'FROM python:3.11\nARG V=1\nRUN pip install numpy==${V\nENV X=${Y\n',
      'docker/empty-from/Dockerfile': 'FROM\nRUN pip install numpy==1.23.5\n',
      'bad-toml/pyproject.toml': '[project\nname = "x"\n',
      'wrong-types/pyproject.toml': '[project]\nname = "x"\ndependencies = "numpy"\nrequires-python = 3.10\n',
    });
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'requirements-outside.txt'));
    fs.symlinkSync(path.join(root, 'requirements-loop.txt'), path.join(root, 'requirements-loop.txt'));
    fs.symlinkSync(root, path.join(root, 'folder-loop'));

    // The time limit only stops a hang (the status is then null, not 1); npm run bench times large repositories.
    const result = spawnSync(process.execPath, [CLI, 'check', '--root', root, '--format', 'json'], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      timeout: 120_000,
    });
    run = { code: result.status, stdout: result.stdout, stderr: result.stderr };
    findings = run.code === 0 || run.code === 1 ? (JSON.parse(run.stdout) as { findings: JsonFinding[] }).findings : [];
  });
  after(() => {
    removeTree(root);
    removeTree(outside);
  });

  it('ends normally, without a stack trace', () => {
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stderr, '');
    assert.ok(findings.every((finding) => !/\bat .*\.js:\d+|RangeError|Maximum call stack/.test(finding.message)));
  });

  it('still checks the good files', () => {
    assert.equal(pairFoundAt('requirements.txt'), 2, JSON.stringify(findings.filter((f) => f.file === 'requirements.txt')));
  });

  it('gives every bad file a diagnostic with its file and line', () => {
    const expected: Array<[string, RegExp]> = [
      ['requirements-bin.txt', /binary/],
      ['requirements-long.txt', /^Invalid requirement: 'numpy==1\.0 x+\.\.\.'/],
      // The escape byte is shown escaped, never written raw where a terminal would obey it.
      ['requirements-control.txt', /^Invalid requirement: 'numpy==1\.0\\x1b\[31m'/],
      // Reported once, at the -r that closes the loop.
      ['requirements-cycle-b.txt', /include cycle: requirements-cycle-a.txt -> requirements-cycle-b.txt -> requirements-cycle-a.txt/],
      ['requirements-escape.txt', /outside the repository/],
      ['requirements-outside.txt', /outside the repository/],
      ['requirements-loop.txt', /symlink loop/],
      ['docker/heredoc/Dockerfile', /heredoc/i],
      ['docker/brace/Dockerfile', /unterminated \$\{\.\.\.\} expansion|missing '\}'/],
      ['docker/empty-from/Dockerfile', /FROM/],
      ['bad-toml/pyproject.toml', /TOML|toml/],
      ['wrong-types/pyproject.toml', /dependencies/],
      [
        'requirements-too-deep.txt',
        /^Invalid requirement: 'numpy==2\.0\.0': Parentheses nested more than 1000 deep: pip cannot read them either/,
      ],
      [
        'requirements-not-equal.txt',
        /^numpy: a specifier of 100000 clauses; compat-guard checks at most 1000 per requirement, so this requirement is not checked/,
      ],
    ];
    for (const [file, message] of expected) {
      const diagnostics = parseErrorsOf(file);
      assert.ok(diagnostics.length > 0, `${file}: no diagnostic`);
      assert.ok(
        diagnostics.every((diagnostic) => typeof diagnostic.line === 'number' && diagnostic.line >= 1),
        file,
      );
      assert.ok(
        diagnostics.some((diagnostic) => message.test(diagnostic.message)),
        `${file}: ${diagnostics.map((d) => d.message).join(' | ')}`,
      );
      assert.ok(
        diagnostics.every((diagnostic) => diagnostic.message.length < 1000 && !diagnostic.message.includes('\u001b')),
        file,
      );
    }
    assert.deepEqual(
      parseErrorsOf('requirements-escape.txt').map((diagnostic) => diagnostic.line),
      [1, 2],
    );
    // The bad line does not stop the reader: the rest of the file is checked.
    assert.equal(pairFoundAt('requirements-control.txt'), 3);
    assert.equal(pairFoundAt('requirements-cycle-b.txt'), 2);
    assert.equal(pairFoundAt('requirements-not-equal.txt'), 3);
    assert.equal(pairFoundAt('requirements-too-deep.txt'), 3);
  });

  it('reads odd encodings, huge files and deep folders as pip would, without complaint, to the last line', () => {
    const lastLines: Array<[string, number]> = [
      ['requirements-utf16.txt', 3],
      ['requirements-latin1.txt', 4],
      ['requirements-huge.txt', 200_002],
      [`${deep}/requirements.txt`, 2],
    ];
    for (const [file, line] of lastLines) {
      assert.deepEqual(parseErrorsOf(file), [], file);
      assert.equal(pairFoundAt(file), line, file);
    }
  });

  it('reads parentheses 1,000 deep and markers of thousands of clauses, and evaluates them', () => {
    for (const file of ['requirements-parens.txt', 'requirements-clauses.txt', 'requirements-or-clauses.txt']) {
      assert.deepEqual(parseErrorsOf(file), [], file);
      // The markers hold for every Python 3, so that numpy is installed beside torch.
      assert.equal(pairFoundAt(file), 2, file);
    }
  });

  it('never reads outside the root', () => {
    assert.ok(!run.stdout.includes('do-not-read'));
    assert.ok(!run.stdout.includes('root:x:0:0'));
  });
});
