import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parse as smolParse, stringify as smolStringify } from 'smol-toml';
import { readToml, TomlDateTime, type TomlDocument, type TomlValue } from '../src/parse/toml.js';

function read(text: string): TomlDocument {
  const result = readToml(text);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.error));
  return result.document;
}

/** Values in a form both readers' results compare in: integers tagged, dates by kind, tables by their entries in order. */
function comparable(value: unknown): unknown {
  if (typeof value === 'bigint') return `integer ${value}`;
  if (typeof value === 'number') return Number.isNaN(value) ? 'nan' : value;
  if (value instanceof TomlDateTime) return `date ${value.kind}`;
  if (Array.isArray(value)) return value.map(comparable);
  if (typeof value === 'object' && value !== null) {
    if ('isDate' in value) {
      const date = value as { isDate(): boolean; isTime(): boolean; isLocal(): boolean };
      return `date ${date.isDate() ? 'local-date' : date.isTime() ? 'local-time' : date.isLocal() ? 'local-date-time' : 'offset-date-time'}`;
    }
    return Object.entries(value).map(([key, entry]) => [key, comparable(entry)]);
  }
  return value;
}

function assertReadsAsSmolToml(text: string, what: string): void {
  const expected = comparable(smolParse(text, { integersAsBigInt: true }));
  assert.deepEqual(comparable(read(text).root), expected, what);
}

const DOCUMENTS: Record<string, string> = {
  'dotted keys, headers, arrays of tables': [
    'name = "x"',
    'a.b.c = 1',
    'a.d = [1, [2, 3], { e = "f" }]',
    '[t]',
    'x.y = true',
    '[t.u]',
    'z = 1.5',
    '[[list]]',
    'n = 1',
    '[[list]]',
    'n = 2',
    '[list.sub]',
    'm = 3',
    '[[list.items]]',
    'k = "v"',
  ].join('\n'),
  'strings and escapes': [
    String.raw`basic = "tab\t quote\" unicode\u00e9 \U0001F600"`,
    "literal = 'C:\\path'",
    'multi = """',
    'two',
    '  lines\\',
    '  joined"""',
    "raw = '''",
    "kept \\n as written'''",
    '"quoted key" = 1',
    "'literal key' = 2",
    '"dotted.in.quotes" = 3',
  ].join('\n'),
  'numbers, booleans and dates': [
    'big = 9223372036854775807',
    'hex = 0xDEAD_BEEF',
    'oct = 0o755',
    'bin = 0b1101',
    'float = 6.626e-34',
    'infinite = -inf',
    'not_a_number = nan',
    'yes = true',
    'odt = 1979-05-27T07:32:00Z',
    'ldt = 1979-05-27T07:32:00',
    'ld = 1979-05-27',
    'lt = 07:32:00.999',
  ].join('\n'),
  'TOML 1.1: line breaks and a trailing comma in an inline table, \\e and \\x escapes, times without seconds': [
    'table = {',
    '  a = 1,',
    '  b = "\\e\\x41",',
    '}',
    'time = 07:32',
  ].join('\n'),
  'keys that name Object.prototype members': [
    '__proto__ = 1',
    'constructor.prototype = 2',
    'toString = [3]',
    '[hasOwnProperty]',
    'x = 4',
  ].join('\n'),
};

describe('readToml: the same values as smol-toml', () => {
  for (const [what, text] of Object.entries(DOCUMENTS)) it(what, () => assertReadsAsSmolToml(text, what));

  it("on every TOML file of the repository's fixtures and examples", () => {
    const files = ['__tests__/fixtures', 'examples']
      .flatMap((folder) => readdirSync(folder, { recursive: true, encoding: 'utf8' }).map((name) => `${folder}/${name}`))
      .filter((name) => name.endsWith('.toml') && !name.endsWith('broken.toml'));
    assert.ok(files.length >= 9, files.join(' '));
    for (const name of files) assertReadsAsSmolToml(readFileSync(name, 'utf8'), name);
  });

  it('on documents smol-toml writes from random values', () => {
    const key = fc.oneof(fc.constantFrom('a', 'b-c', 'd_e', '1', 'dotted.key', 'with space', '', '__proto__'), fc.string({ maxLength: 6 }));
    const scalar = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
      fc.double({ noNaN: true }),
      fc.boolean(),
    );
    const { value } = fc.letrec<{ value: unknown; table: Record<string, unknown> }>((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('value'), { maxLength: 4 }), tie('table')),
      table: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
    }));
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 6 }), (document) => {
        const text = smolStringify(document);
        assertReadsAsSmolToml(text, text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('readToml: where each value is', () => {
  const text = [
    '[project]', // 1
    'name = "x"', // 2
    'dependencies = [', // 3
    '  "torch==2.1.2",  # a comment', // 4
    '  "numpy",', // 5
    ']', // 6
    'urls.home = "https://example.org"', // 7
    '[[tool.uv.index]]', // 8
    'url = "https://a"', // 9
    '[[tool.uv.index]]', // 10
    'url = { a = "b", c = [1, 2] }', // 11
  ].join('\n');
  const document = read(text);
  const at = (path: Array<string | number>) => {
    const place = document.find(path);
    assert.ok(place, JSON.stringify(path));
    return {
      value: text.slice(place.start, place.end),
      key: place.keyStart === undefined ? undefined : document.position(place.keyStart),
      start: document.position(place.start),
    };
  };

  it('gives a value after `=` with its key', () => {
    assert.deepEqual(at(['project', 'name']), { value: '"x"', key: { line: 2, column: 1 }, start: { line: 2, column: 8 } });
    assert.equal(at(['project', 'dependencies']).value, '[\n  "torch==2.1.2",  # a comment\n  "numpy",\n]');
  });

  it('gives array elements, without a key', () => {
    assert.deepEqual(at(['project', 'dependencies', 1]), { value: '"numpy"', key: undefined, start: { line: 5, column: 3 } });
  });

  it('gives a dotted key its whole key', () => {
    assert.deepEqual(at(['project', 'urls', 'home']).key, { line: 7, column: 1 });
  });

  it('counts arrays of tables, and reads inside inline tables', () => {
    assert.equal(at(['tool', 'uv', 'index', 0, 'url']).value, '"https://a"');
    assert.equal(at(['tool', 'uv', 'index', 1, 'url', 'c', 1]).value, '2');
    assert.deepEqual(at(['tool', 'uv', 'index', 1, 'url', 'a']).key, { line: 11, column: 9 });
  });

  it('gives a table its header, and an array of tables its first header', () => {
    assert.deepEqual(at(['project']), { value: '[project]', key: { line: 1, column: 1 }, start: { line: 1, column: 1 } });
    assert.equal(at(['tool', 'uv', 'index', 1]).start.line, 10);
    assert.equal(at(['tool', 'uv', 'index']).value, '[[tool.uv.index]]');
    assert.equal(at(['tool', 'uv', 'index']).start.line, 8);
  });

  it('gives a table only dotted keys open, or a key the file lacks, the place of the nearest value around it that has one', () => {
    assert.equal(document.find(['tool']), undefined);
    assert.equal(at(['project', 'urls']).value, '[project]');
    assert.equal(at(['project', 'name', 'no-such-key']).value, '"x"');
  });

  it('counts columns in UTF-16 code units and lines by line feeds, carriage returns or not', () => {
    const crlf = read('a = "😀"\r\nb = 1\r\n');
    const place = crlf.find(['b']);
    assert.deepEqual(place && crlf.position(place.start), { line: 2, column: 5 });
    const astral = read('a = ["😀", "x"]');
    const x = astral.find(['a', 1]);
    assert.deepEqual(x && astral.position(x.start), { line: 1, column: 12 });
  });

  it('reads a byte-order mark before the first line, keeping every offset', () => {
    const document = read('\uFEFFname = "x"\n');
    assert.equal(document.root['name'], 'x');
    assert.deepEqual(document.find(['name']), { start: 8, end: 11, keyStart: 1 });
  });
});

describe('readToml: text that is not TOML', () => {
  const error = (text: string) => {
    const result = readToml(text);
    assert.ok(!result.ok);
    return result.error;
  };

  it('names the line and column (from 1) of the error', () => {
    assert.deepEqual(error('a = 1\nb = [1 2]\n'), { message: 'Expected comma (,) token', line: 2, column: 8 });
    assert.deepEqual(error('a = 1\na = 2\n'), { message: 'Defining a key multiple times is invalid', line: 2, column: 1 });
  });

  it('places an error at the end of a file that ends with a line break after its last line, where it can be shown', () => {
    assert.deepEqual(error('a = [\n  1,\n'), { message: 'Unspecified values are invalid at the end of the file', line: 2, column: 5 });
    assert.deepEqual(error('a = [\r\n  1,\r\n'), { message: 'Unspecified values are invalid at the end of the file', line: 2, column: 5 });
    assert.deepEqual(error('a = ['), { message: 'Unspecified values are invalid at the end of the file', line: 1, column: 6 });
  });

  it('says that arrays nested thousands deep cannot be read, rather than throwing', () => {
    assert.deepEqual(error(`a = ${'['.repeat(100_000)}${']'.repeat(100_000)}`), {
      message: 'arrays or tables nested too deeply to read',
      line: 1,
      column: 1,
    });
  });
});

// The values themselves are the parser's; this only checks the shapes handed on.
describe('readToml: value shapes', () => {
  it('gives integers as BigInt, floats as numbers, dates by kind, tables without a prototype', () => {
    const { root } = read('i = 5\nf = 3.10\nd = 1979-05-27\nt = { x = 1 }\n');
    assert.equal(root['i'], 5n);
    assert.equal(root['f'], 3.1);
    assert.deepEqual(root['d'], new TomlDateTime('local-date', '1979-05-27'));
    assert.equal(Object.getPrototypeOf(root['t'] as TomlValue), null);
  });
});
