import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseRequirementsFile } from '../src/parse/requirements/reader.js';
import { normaliseExtras } from '../src/parse/requirements/requirement-forms.js';
import { parseRequirement } from '../src/parse/requirement.js';
import { splitLines } from '../src/parse/text.js';

// Pieces that reach every corner of the reader: names, extras, specifiers, markers, URLs and paths,
// options in every spelling, continuations, comments, variables, and the characters Python treats as
// line breaks or whitespace where JavaScript does not.
const FRAGMENTS = [
  'torch',
  'nemo_toolkit',
  'watchdog',
  'python-dotenv',
  'Flask_SQLAlchemy',
  'pkg',
  '[asr]',
  '[a,B]',
  '[',
  ']',
  '==2.1.2',
  '>=1.0,<2',
  '==1.*',
  '~=0.30',
  '===x',
  '(>=1)',
  ' ',
  '  ',
  '\t',
  ';',
  ' ; ',
  'python_version < "3.11"',
  "extra == 'gpu'",
  ' and ',
  ' or ',
  '"',
  "'",
  '@',
  ' @ ',
  'https://download.pytorch.org/whl/cu121',
  'git+https://github.com/org/repo.git@v1',
  '#egg=repo',
  '#egg=a[b]',
  './pkg',
  '.',
  '/',
  'x-1.0-py3-none-any.whl',
  '.tar.gz',
  'file:',
  '-e ',
  '-r ',
  '-c ',
  '-i',
  '-f ',
  '-C k=v ',
  '--hash=sha256:ab',
  '--hash ',
  '--index-url=',
  '--index ',
  '--extra-index-url ',
  '--no-index',
  '--pre',
  '--pr',
  '--global-option=x',
  '--',
  '-',
  '=',
  ',',
  '\\',
  '\\\n',
  '\n',
  '\r\n',
  '\r',
  '#',
  ' # comment',
  '${A}',
  '${TORCH}',
  '${',
  '}',
  '$',
  '\f',
  '\u2028',
  '\u0085',
  '\u00a0',
  '\u001c',
  '\ufeff',
  'é',
  '한',
  '😀',
  '\u0000',
];

const junk = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 12 }).map((pieces) => pieces.join(''));
const blank = fc.constantFrom('', ' ', '  ', '\t');
// A line as people write them: name, extras, a specifier or a URL, a marker, per-requirement options.
const requirementLine = fc
  .tuple(
    fc.constantFrom('torch', 'nemo_toolkit', 'watchdog', 'python-dotenv', 'Flask_SQLAlchemy', 'ruamel.yaml', 'A1'),
    fc.constantFrom('', '[asr]', '[watchmedo]', '[Async, dev]', '[ a ]'),
    fc.constantFrom(
      '',
      '==2.1.2',
      '==2.1.2+cu121',
      ' >= 1.0 , < 2',
      '~=0.30.1',
      '==1.*',
      '!=1.5',
      '(>=1,<2)',
      '===weird',
      ' @ https://example.com/pkg-1.0.tar.gz',
      '@git+https://github.com/org/repo.git@v1#egg=repo',
    ),
    fc.constantFrom(
      '',
      ' ; python_version < "3.11"',
      ';sys_platform=="linux"',
      " ; extra == 'gpu' and platform_machine == 'x86_64'",
      '; python_version>="3.8" or implementation_name=="pypy"',
    ),
    fc.constantFrom(
      '',
      ' --hash=sha256:ab',
      ' \\\n    --hash=sha256:ab \\\n    --hash=sha512:cd',
      ' -C key=value',
      '  # comment',
      ' \\\n# comment',
    ),
    blank,
  )
  .map((parts) => parts.join(''));
const requirementsLike = fc
  .array(fc.oneof({ arbitrary: requirementLine, weight: 3 }, { arbitrary: junk, weight: 1 }), { maxLength: 12 })
  .chain((lines) => fc.constantFrom('\n', '\r\n', '\f').map((newline) => lines.join(newline)));
const env = { A: 'a b', TORCH: 'torch==2.1.2 --hash=sha256:cd' };

function read(text: string) {
  return parseRequirementsFile('requirements/dev.txt', text, { constraint: false, env });
}

function checkShape(text: string): void {
  const { file, diagnostics } = read(text);
  const lines = Math.max(1, splitLines(text).length);
  for (const requirement of file.requirements) {
    assert.ok(
      requirement.line >= 1 && requirement.endLine >= requirement.line && requirement.endLine <= lines,
      JSON.stringify(requirement),
    );
    assert.ok(requirement.column >= 1 && requirement.endColumn >= requirement.column, JSON.stringify(requirement));
    assert.equal(requirement.constraint, false);
  }
  for (const fact of [...file.indexes, ...file.includes]) assert.ok(fact.line >= 1 && fact.line <= lines);
  for (const diagnostic of diagnostics)
    assert.ok(diagnostic.line >= 1 && diagnostic.line <= lines && (diagnostic.column ?? 1) >= 1 && diagnostic.message.length > 0);
}

/** Every named requirement written back as PEP 508 reads as the same requirement. */
function checkReparse(text: string): void {
  for (const requirement of read(text).file.requirements) {
    // An unnamed one (`.`, `./pkg`, an sdist URL) has nothing to write; a URL pip takes with blanks in it
    // has no PEP 508 spelling.
    if (requirement.name === '' || /[ \t]/.test(requirement.url ?? '')) continue;
    const head = requirement.extras.length > 0 ? `${requirement.name}[${requirement.extras.join(',')}]` : requirement.name;
    const written =
      requirement.specifier === '' && requirement.url !== null ? `${head} @ ${requirement.url}` : `${head}${requirement.specifier}`;
    const separator = requirement.specifier === '' && requirement.url !== null ? ' ; ' : ';';
    const reparsed = parseRequirement(requirement.marker === null ? written : `${written}${separator}${requirement.marker}`);
    assert.ok(reparsed.ok, `${JSON.stringify(requirement)} does not re-parse: ${reparsed.ok ? '' : reparsed.message}`);
    assert.deepEqual(
      { name: reparsed.name, extras: normaliseExtras(reparsed.extras), specifier: reparsed.specifier, marker: reparsed.marker },
      { name: requirement.name, extras: requirement.extras, specifier: requirement.specifier, marker: requirement.marker },
    );
    if (requirement.specifier === '' && requirement.url !== null) assert.equal(reparsed.url, requirement.url);
  }
}

describe('parseRequirementsFile: properties', () => {
  it('never throws on requirements-like text, and every position is inside the file', () => {
    fc.assert(fc.property(requirementsLike, checkShape), { numRuns: 4000 });
  });

  it('never throws on arbitrary text, control characters and all of Unicode included', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), checkShape), { numRuns: 2000 });
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            '\\',
            '#',
            ' ',
            '\t',
            '\n',
            '\r',
            '\f',
            '\v',
            '\u2028',
            '\u0085',
            '-',
            '"',
            "'",
            ';',
            '@',
            '[',
            ']',
            '$',
            '{',
            '}',
            'A',
            'a',
            '1',
            '=',
            '.',
            '/',
          ),
          maxLength: 120,
        }),
        checkShape,
      ),
      { numRuns: 3000 },
    );
  });

  it('gives requirements that re-parse with parseRequirement to the same fields', () => {
    fc.assert(fc.property(requirementsLike, checkReparse), { numRuns: 4000 });
  });

  it('reads the same requirements whatever the line endings', () => {
    fc.assert(
      fc.property(
        requirementsLike.filter((text) => !text.includes('\r')),
        (text) => {
          const strip = (result: ReturnType<typeof read>) =>
            result.file.requirements.map(({ name, extras, specifier, marker, url, line }) => ({
              name,
              extras,
              specifier,
              marker,
              url,
              line,
            }));
          assert.deepEqual(strip(read(text.replace(/\n/g, '\r\n'))), strip(read(text)));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
