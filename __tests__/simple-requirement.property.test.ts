// The one-pass reader of plain requirement lines (`readSimpleRequirement`) must read every line it
// takes exactly as the full reader (`readPlain`) does, and leave it every line it cannot read so.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { readPlain, readSimpleRequirement } from '../src/parse/requirements/requirement-forms.js';

// Each part in spellings the one-pass reader takes, and near misses it must leave to readPlain.
const name = fc.constantFrom(
  'numpy',
  'NumPy',
  'ruamel.yaml',
  'python-dotenv',
  'nemo_toolkit',
  'A1',
  'x',
  'pkg-',
  'pkg.',
  '_pkg',
  'pkg_',
  '-pkg',
  'pkg.zip',
  'pkg.whl',
  'pkg.tar.gz',
  'caf\u00e9',
  'pkg+x',
  'http',
  'git+https://h/r.git',
  './pkg',
  'a/b',
  '',
);
const extras = fc.constantFrom(
  '',
  '[gpu]',
  '[B,a]',
  '[a,a]',
  '[extra-a,extra_b]',
  '[]',
  '[a,]',
  '[ a ]',
  '[a',
  '[a]]',
  '[-a]',
  '[a-]',
  '[\u00e9]',
);
const operator = fc.constantFrom('==', '!=', '<=', '>=', '~=', '<', '>', '===', '=', '!', '~', '<==', '=>', '');
const version = fc.constantFrom(
  '1',
  '1.24.4',
  '2.1',
  '01.0',
  '1.0.*',
  '1.*',
  '*',
  '1.',
  '1..2',
  '1.0a1',
  '1.0rc1',
  '1.0.post1',
  '1.0.dev0',
  '1.0+cu121',
  'v1.0',
  '1!2.0',
  '1.0-1',
  '99999999999999999999',
  '1.0 ',
  ' 1.0',
  '',
);
const clause = fc.tuple(operator, version).map(([op, text]) => op + text);
const specifier = fc
  .array(clause, { maxLength: 3 })
  .chain((clauses) => fc.constantFrom(',', ', ', ' ,', ',,').map((comma) => clauses.join(comma)))
  .chain((text) => fc.constantFrom(text, `${text},`, `(${text})`, `@ https://example.com/p.whl`));
const marker = fc.constantFrom(
  '',
  ';',
  ' ;',
  '; ',
  ' ; python_version >= "3.9"',
  ';sys_platform=="linux"',
  '; python_version >= "3.9" and platform_system != "Windows"',
  "; extra == 'gpu'",
  '; python_version >= "3.9"; x',
  '; nonsense',
  '; python_version >= "3.9" -e .',
  ';;',
);
const tail = fc.constantFrom('', ' ', '  ', '\t', ' --hash=sha256:ab', ' #');
const line = fc.tuple(name, extras, specifier, marker, tail).map((parts) => parts.join(''));
// The same pieces, and single characters, in any order.
const pieces = fc
  .array(
    fc.oneof(
      name,
      extras,
      operator,
      version,
      marker,
      fc.constantFrom('[', ']', ',', ';', ' ', '.', '*', '-', '_', '=', '"', '\u00a0', '\u2028'),
    ),
    { maxLength: 10 },
  )
  .map((parts) => parts.join(''));

test('a line the one-pass reader takes reads the same as the long way; a line it leaves, it leaves whole', () => {
  fc.assert(
    fc.property(fc.oneof(line, pieces), (text) => {
      const simple = readSimpleRequirement(text);
      if (simple === null) return;
      const full = readPlain(text);
      assert.ok(full.ok, `${JSON.stringify(text)}: the full reader refuses it (${full.ok ? '' : full.message})`);
      assert.deepEqual(simple, full.requirement, JSON.stringify(text));
    }),
    { numRuns: 30_000 },
  );
});

test('the lines most files are made of take the one-pass way', () => {
  for (const text of [
    'numpy==1.24.4',
    'fastapi>=1.21.5,<2 ; python_version >= "3.9" and platform_system != "Windows"',
    'jinja2[extra-a,extra_b]~=2.20.0',
    'pyyaml!=3.28.5,>=1.0 ; sys_platform == "linux"',
    'torch',
    'Flask_SQLAlchemy==3.1.*',
  ]) {
    const full = readPlain(text);
    assert.ok(full.ok);
    assert.deepEqual(readSimpleRequirement(text), full.requirement, text);
  }
});

test('pre-releases, local labels, blanks inside, URLs and archives are left to the full reader', () => {
  for (const text of [
    'torch==2.1.2+cu121',
    'numpy==2.0.0rc1',
    'numpy >= 1.0',
    'numpy[gpu] ==1.0',
    'pkg @ https://example.com/p.whl',
    'pkg.zip',
    'numpy===1.0',
    'numpy==1.0,',
    'numpy==1.0 ; nonsense',
  ]) {
    assert.equal(readSimpleRequirement(text), null, text);
  }
});
