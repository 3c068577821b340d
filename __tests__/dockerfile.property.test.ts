import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseDockerfile } from '../src/parse/dockerfile.js';
import { tokenizeShell } from '../src/parse/shell-words.js';

// Pieces that reach every corner of the reader: directives, continuations, heredocs, expansions,
// quotes, exec form, stages, pip options.
const FRAGMENTS = [
  'FROM ',
  'FROM python:3.11 AS b\n',
  'FROM b\n',
  'RUN ',
  'RUN pip install ',
  'RUN <<EOF\n',
  'RUN <<-"EOF" bash\n',
  'EOF\n',
  '\tEOF\n',
  'ARG A=${B:-',
  'ARG B\n',
  'ENV ',
  'ENV C ',
  'COPY ',
  'COPY --from=0 ',
  'ADD ',
  'WORKDIR ',
  'ONBUILD ',
  '--mount=type=bind,target=',
  '# escape=`\n',
  '# syntax=x\n',
  '# comment\n',
  '\\\n',
  '`\n',
  '\n',
  '\r\n',
  ' ',
  '\t',
  '${',
  '}',
  '$(',
  ')',
  '`',
  '"',
  "'",
  '$',
  '[',
  ']',
  '"a"',
  ',',
  '=',
  '-r ',
  '-c ',
  '-e ',
  '--index-url ',
  'https://download.pytorch.org/whl/cu121',
  'torch==2.1.2',
  'x[y]>=1;python_version<"3"',
  'apt-get install python3.10 ',
  'conda install python=3.10 ',
  'cd .. && ',
  '&&',
  '||',
  ';',
  '|',
  '(',
  '<<',
  '2>&1',
  '/',
  '.',
  '*',
  'sh -c ',
  '\u00a0',
  '\ufeff',
  'é',
  '😀',
];

const dockerfileLike = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }).map((pieces) => pieces.join(''));

function checkShape(text: string): void {
  const result = parseDockerfile('Dockerfile', text);
  assert.equal(result.file.kind, 'dockerfile');
  for (const fact of [
    ...result.file.requirements,
    ...result.file.python,
    ...result.file.cuda,
    ...result.file.indexes,
    ...result.file.images,
  ]) {
    assert.ok(Number.isInteger(fact.line) && fact.line >= 1, `line ${fact.line}`);
    if (fact.column !== undefined) assert.ok(fact.column >= 1, `column ${fact.column}`);
  }
  for (const diagnostic of result.diagnostics) assert.ok(diagnostic.line >= 1 && diagnostic.message.length > 0);
}

describe('parseDockerfile: properties', () => {
  it('never throws and always terminates on Dockerfile-like text', () => {
    fc.assert(fc.property(dockerfileLike, checkShape), { numRuns: 3000 });
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), checkShape), { numRuns: 2000 });
  });

  it('reads hostile input into well-formed records: deep nesting, doubling ARGs, long lines', () => {
    const doubling = ['ARG A0=xxxxxxxxxxxxxxxx'];
    for (let i = 1; i < 40; i += 1) doubling.push(`ARG A${i}=\${A${i - 1}}\${A${i - 1}}`);
    const inputs = [
      `FROM x\nRUN pip install ${'${A:-'.repeat(20_000)}${'}'.repeat(20_000)}\n`,
      `FROM x\nARG V=${'${V:-'.repeat(5_000)}\n`,
      `${doubling.join('\n')}\nFROM python:$A39\n`,
      `FROM x\nRUN ${'$('.repeat(30_000)}\n`,
      `FROM x\nRUN pip install ${'a '.repeat(100_000)}\n`,
      `FROM x\nRUN ${'\\\n'.repeat(50_000)}pip install y==1\n`,
      `# ${' '.repeat(100_000)}=x\nFROM x\n`,
      `FROM x\nRUN <<EOF\n${'pip install z==1\n'.repeat(20_000)}EOF\n`,
      // Work that grows with the product of two counts must stay linear or bounded.
      Array.from({ length: 10_000 }, (_, i) => `FROM x AS s${i}\nCOPY --from=s${Math.max(0, i - 1)} /a /b`).join('\n'),
      `FROM x\nRUN bash ${'<<A '.repeat(5_000)}\n${'pip install q==1\nA\n'.repeat(5_000)}`,
      `FROM x\nRUN pip install "${Array.from({ length: 20_000 }, (_, i) => `$v${i}`).join('')}"\n`,
      `FROM x\n${'COPY a/ /a/\n'.repeat(5_000)}${'RUN pip install -r /zz/r.txt\n'.repeat(5_000)}`,
      `FROM x\nRUN true ${"&& sh -c 'pip install x==1' \\\n".repeat(5_000)}\n`,
    ];
    for (const input of inputs) {
      checkShape(input);
    }
  });
});

describe('tokenizeShell: properties', () => {
  const simpleWord = fc.stringMatching(/^[A-Za-z0-9_.,:+=@%/-]{1,12}$/);
  const blanks = fc.constantFrom(' ', '  ', '\t');

  it('round-trips simple words with their offsets, in both modes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(simpleWord, blanks), { minLength: 1, maxLength: 20 }), (pairs) => {
        const text = pairs.map(([word, blank]) => word + blank).join('');
        for (const operators of [true, false]) {
          const { tokens, error } = tokenizeShell(text, { operators });
          assert.equal(error, null);
          assert.deepEqual(
            tokens.map((token) => (token.kind === 'word' ? token.raw : token.op)),
            pairs.map(([word]) => word),
          );
          for (const token of tokens) assert.equal(text.slice(token.start, token.end), token.kind === 'word' ? token.raw : token.op);
        }
      }),
    );
  });

  it('covers its input: tokens are ordered, do not overlap, and keep the text they claim', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        let previous = 0;
        for (const token of tokenizeShell(text).tokens) {
          assert.ok(token.start >= previous && token.end > token.start && token.end <= text.length);
          if (token.kind === 'word') assert.equal(text.slice(token.start, token.end), token.raw);
          previous = token.end;
        }
      }),
      { numRuns: 2000 },
    );
  });
});
