import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_MARKER_NESTING, parseMarker } from '../src/parse/marker.js';
import { evaluateMarker, type MarkerEnvironment } from '../src/parse/marker-evaluation.js';
import { marker } from './helpers/marker.js';
import { markerToString } from './helpers/pep508-strings.js';

const LINUX: MarkerEnvironment = {
  implementation_name: 'cpython',
  implementation_version: '3.10.12',
  os_name: 'posix',
  platform_machine: 'x86_64',
  platform_release: '5.15.0-91-generic',
  platform_system: 'Linux',
  platform_version: '#1 SMP',
  python_full_version: '3.10.12',
  platform_python_implementation: 'CPython',
  python_version: '3.10',
  sys_platform: 'linux',
  extras: [],
  dependency_groups: [],
};

// [marker, str(Marker(marker))] from packaging, with its newest printing: nested groups keep
// their parentheses, a value holding `"` is single-quoted, extras are normalised at any depth.
const PRINTED: [string, string][] = [
  ['python_version >= "3.8"', 'python_version >= "3.8"'],
  ["python_version>='3.8'", 'python_version >= "3.8"'],
  ['os.name == "posix"', 'os_name == "posix"'],
  ['sys.platform == "linux"', 'sys_platform == "linux"'],
  ['platform.machine == "x86_64"', 'platform_machine == "x86_64"'],
  ['platform.version == "#1"', 'platform_version == "#1"'],
  ['platform.python_implementation == "CPython"', 'platform_python_implementation == "CPython"'],
  ['python_implementation == "CPython"', 'platform_python_implementation == "CPython"'],
  ['"linux" in sys_platform', '"linux" in sys_platform'],
  ["'win' not in sys_platform", '"win" not in sys_platform'],
  ['python_version >= "3.8" and python_version < "3.12"', 'python_version >= "3.8" and python_version < "3.12"'],
  [
    'python_version < "3.8" or python_version >= "3.12" and os_name == "nt"',
    'python_version < "3.8" or python_version >= "3.12" and os_name == "nt"',
  ],
  [
    '(python_version < "3.8" or python_version >= "3.12") and os_name == "nt"',
    '(python_version < "3.8" or python_version >= "3.12") and os_name == "nt"',
  ],
  [
    '((os_name == "nt" or os_name == "posix")) and python_version == "3"',
    '(os_name == "nt" or os_name == "posix") and python_version == "3"',
  ],
  ['(os_name == "nt")', 'os_name == "nt"'],
  ['((((os_name == "nt"))))', 'os_name == "nt"'],
  [
    'python_version == "3" and ((sys_platform == "linux" or sys_platform == "darwin"))',
    'python_version == "3" and (sys_platform == "linux" or sys_platform == "darwin")',
  ],
  ['extra == "Dev_Tools"', 'extra == "dev-tools"'],
  ['extra == "Dev_Tools" or (extra == "GPU.Support")', 'extra == "dev-tools" or extra == "gpu-support"'],
  ['"Foo" in extras', '"foo" in extras'],
  ['"Dev" not in dependency_groups', '"dev" not in dependency_groups'],
  ['os_name == \'say "hi"\'', 'os_name == \'say "hi"\''],
  ['os_name == "it\'s"', 'os_name == "it\'s"'],
  ["os_name == 'C:\\\\temp'", 'os_name == "C:\\\\temp"'],
  ["os_name == '\\x41\\u00e9'", 'os_name == "Aé"'],
  ['os_name=="a"and os_name=="b"', 'os_name == "a" and os_name == "b"'],
  ['os_name=="a"or(os_name=="b")', 'os_name == "a" or os_name == "b"'],
  ['  os_name  ==  "a"  ', 'os_name == "a"'],
  ['os_name == "a"\n', 'os_name == "a"'],
  ['implementation_version >= "3.10"', 'implementation_version >= "3.10"'],
  ['platform_release >= "5.15"', 'platform_release >= "5.15"'],
  ['python_full_version ~= "3.10.0"', 'python_full_version ~= "3.10.0"'],
  ['python_version === "3.10"', 'python_version === "3.10"'],
  ['python_version in "3.10 3.11"', 'python_version in "3.10 3.11"'],
  ['"3.10" == python_version', '"3.10" == python_version'],
  ['extra == os_name', 'extra == os_name'],
  ['os_name == extra', 'os_name == extra'],
  ['dependency_groups == "x"', 'dependency_groups == "x"'],
  ['platform_system < "Linux"', 'platform_system < "Linux"'],
  ['platform_system <= "Linux"', 'platform_system <= "Linux"'],
];

// [marker, packaging's message, where its caret points]
const ERRORS: [string, string, number][] = [
  ['python_version >= 3.8', 'Expected a marker variable or quoted string', 18],
  ['python_version => "3.8"', 'Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in', 15],
  ['python_version >= "3.8" and', 'Expected a marker variable or quoted string', 27],
  ['(python_version >= "3.8"', 'Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression', 24],
  ['python_version >= "3.8")', 'Expected end of marker expression', 23],
  ['os_name not "nt"', "Expected 'in' after 'not'", 12],
  ['os_name notin "nt"', 'Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in', 8],
  ['os_name == "nt" or or os_name == "posix"', 'Expected a marker variable or quoted string', 19],
  ['()', 'Expected a marker variable or quoted string', 1],
  ['', 'Expected a marker variable or quoted string', 0],
  ['os_name == "unterminated', 'Expected a marker variable or quoted string', 11],
  ["os_name == '\\x4'", 'Invalid quoted string', 16],
  ['os_name == "nt" extra == "a"', 'Expected end of marker expression', 16],
  ['platform.release == "5"', 'Expected a marker variable or quoted string', 0],
  ['Python_Version == "3"', 'Expected a marker variable or quoted string', 0],
  ['os_name == "nt"\n\n', 'Expected end of marker expression', 15],
  ['python_versionand == "3"', 'Expected a marker variable or quoted string', 0],
  ['os_name = "nt"', 'Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in', 8],
];

// [marker, Marker(marker).evaluate(LINUX + extra) for extra "", "gpu", "dev-tools"] from packaging
const EVALUATED: [string, boolean[]][] = [
  ['python_version > "3.8"', [true, true, true]],
  ['python_version > "3.9"', [true, true, true]],
  ['python_version < "3.9"', [false, false, false]],
  ['python_version == "3.10.*"', [true, true, true]],
  ['python_full_version == "3.10.*"', [true, true, true]],
  ['python_full_version >= "3.10.12"', [true, true, true]],
  ['python_version ~= "3.8"', [true, true, true]],
  ['python_version === "3.10"', [true, true, true]],
  ['python_version != "3.10"', [false, false, false]],
  ['"3.9" < python_version', [true, true, true]],
  ['"3.10" in python_version', [true, true, true]],
  ['python_version in "3.10 3.11"', [true, true, true]],
  ['platform_release >= "5.15"', [false, false, false]],
  ['platform_release == "5.15.0-91-generic"', [true, true, true]],
  ['platform_machine > "x"', [false, false, false]],
  ['platform_machine >= "x86_64"', [true, true, true]],
  ['platform_machine <= "x86_64"', [true, true, true]],
  ['platform_machine != "x86_64"', [false, false, false]],
  ['sys_platform == "linux" and platform_machine == "x86_64"', [true, true, true]],
  ['sys_platform == "win32" or platform_machine == "x86_64" and python_version < "3"', [false, false, false]],
  ['(sys_platform == "win32" or platform_machine == "x86_64") and python_version < "3"', [false, false, false]],
  ['implementation_name == "cpython"', [true, true, true]],
  ['extra == "gpu"', [false, true, false]],
  ['extra == "Dev_Tools"', [false, false, true]],
  ['(extra == "Dev_Tools")', [false, false, true]],
  ['"gpu" in extra', [false, true, false]],
  ['python_version >= "3.8.0a1"', [true, true, true]],
  ['python_full_version < "3.10.13rc1"', [true, true, true]],
  ['"3.10" == python_version', [true, true, true]],
  ['os_name == "posix" and python_version >= "3.12" or sys_platform == "linux"', [true, true, true]],
];

describe('parseMarker and markerToString', () => {
  it('prints markers as str(Marker) does', () => {
    const failures: string[] = [];
    for (const [text, want] of PRINTED) {
      const parsed = parseMarker(text);
      const got = parsed.ok ? markerToString(parsed.marker) : parsed.message;
      if (got !== want) failures.push(`${JSON.stringify(text)}: ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
    }
    assert.deepEqual(failures.slice(0, 20), []);
  });

  it('prints what reads back as the same marker', () => {
    const envs = ['', 'gpu', 'Dev_Tools'].map((extra) => [{ ...LINUX, extras: ['foo'], dependency_groups: ['x'] }, extra] as const);
    for (const [text] of PRINTED) {
      const printed = markerToString(marker(text));
      assert.equal(markerToString(marker(printed)), printed, text);
      for (const [env, extra] of envs) {
        assert.deepEqual(evaluateMarker(marker(printed), env, extra), evaluateMarker(marker(text), env, extra), text);
      }
    }
  });

  it('escapes what Python would decode, so that printing round-trips (packaging does not)', () => {
    const m = marker(String.raw`os_name == "C:\\temp\n" or os_name == 'both \x27 and "'`);
    const printed = markerToString(m);
    assert.equal(printed, String.raw`os_name == "C:\\temp\n" or os_name == "both ' and \x22"`);
    assert.deepEqual(marker(printed), m);
  });

  it("rejects what packaging rejects, with packaging's message and caret", () => {
    const failures: string[] = [];
    for (const [text, message, offset] of ERRORS) {
      const got = parseMarker(text);
      if (got.ok || got.message !== message || got.offset !== offset) {
        failures.push(`${JSON.stringify(text)}: ${JSON.stringify(got)}, want ${message} at ${offset}`);
      }
    }
    assert.deepEqual(failures.slice(0, 20), []);
  });

  it('refuses \\N{...} escapes, which need Python’s Unicode name table', () => {
    assert.deepEqual(parseMarker(String.raw`os_name == '\N{LATIN SMALL LETTER A}'`), {
      ok: false,
      message: 'Invalid quoted string',
      offset: 37,
    });
  });

  it('keeps the structure: groups, joins, operands', () => {
    assert.deepEqual(marker('os.name == "nt" or ("3.8" < python_version and extra == "Dev_Tools")'), {
      type: 'group',
      items: [
        { type: 'comparison', lhs: { kind: 'variable', value: 'os_name' }, op: '==', rhs: { kind: 'string', value: 'nt' } },
        {
          type: 'group',
          items: [
            { type: 'comparison', lhs: { kind: 'string', value: '3.8' }, op: '<', rhs: { kind: 'variable', value: 'python_version' } },
            { type: 'comparison', lhs: { kind: 'variable', value: 'extra' }, op: '==', rhs: { kind: 'string', value: 'dev-tools' } },
          ],
          joins: ['and'],
        },
      ],
      joins: ['or'],
    });
  });

  it('reads parentheses nested 1,000 deep, twice what pip reads', () => {
    const deep = `${'('.repeat(999)}python_version >= "3.8" and (os_name == "nt"${')'.repeat(1000)}`;
    const m = marker(deep);
    assert.equal(markerToString(m), 'python_version >= "3.8" and os_name == "nt"');
    assert.deepEqual(evaluateMarker(m, LINUX), { ok: true, value: false });
    const alternating = `${'(os_name == "nt" or '.repeat(1000)}python_version >= "3.8"${')'.repeat(1000)}`;
    const a = marker(alternating);
    assert.deepEqual(evaluateMarker(a, LINUX), { ok: true, value: true });
    assert.ok(markerToString(a).length > 20_000);
    const unclosed = parseMarker('('.repeat(1000) + 'os_name == "nt"');
    assert.deepEqual(unclosed, {
      ok: false,
      message: 'Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression',
      offset: 1015,
    });
  });

  it('refuses deeper parentheses, which pip cannot read either, with a diagnostic rather than a stack overflow', () => {
    const tooDeep =
      'Parentheses nested more than 1000 deep: pip cannot read them either (its parser fails with RecursionError at about 490)';
    assert.equal(MAX_MARKER_NESTING, 1000);
    assert.deepEqual(parseMarker(`${'('.repeat(1001)}os_name == "nt"${')'.repeat(1001)}`), { ok: false, message: tooDeep, offset: 1000 });
    assert.deepEqual(parseMarker(`${'('.repeat(100_000)}os_name == "nt"`), { ok: false, message: tooDeep, offset: 1000 });
    const alternating = `${'(os_name == "nt" or '.repeat(10_000)}python_version >= "3.8"${')'.repeat(10_000)}`;
    assert.deepEqual(parseMarker(alternating), { ok: false, message: tooDeep, offset: 1000 * 'os_name == "nt" or ('.length });
  });

  it('handles thousands of and/or clauses', () => {
    const clauses = Array.from({ length: 5000 }, (_, i) => `python_version == "3.${i}"`);
    assert.deepEqual(evaluateMarker(marker(clauses.join(' or ')), LINUX), { ok: true, value: true });
    assert.deepEqual(evaluateMarker(marker(clauses.join(' and ')), LINUX), { ok: true, value: false });
    assert.equal(markerToString(marker(clauses.join(' or '))), clauses.join(' or '));
  });
});

describe('evaluateMarker', () => {
  it('evaluates as Marker.evaluate does', () => {
    const failures: string[] = [];
    for (const [text, want] of EVALUATED) {
      const m = marker(text);
      const got = ['', 'gpu', 'Dev_Tools'].map((extra) => {
        const evaluation = evaluateMarker(m, LINUX, extra);
        return evaluation.ok ? evaluation.value : evaluation.message;
      });
      if (JSON.stringify(got) !== JSON.stringify(want)) failures.push(`${text}: ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
    }
    assert.deepEqual(failures.slice(0, 20), []);
  });

  it('compares extras and dependency groups by normalised name', () => {
    const env = { ...LINUX, extras: ['Dev_Tools'], dependency_groups: ['Test'] };
    assert.deepEqual(evaluateMarker(marker('"dev-tools" in extras and "test" in dependency_groups'), env), { ok: true, value: true });
    assert.deepEqual(evaluateMarker(marker('"DEV.tools" not in extras'), env), { ok: true, value: false });
  });

  it('repairs a python_full_version ending in "+" as packaging does', () => {
    assert.deepEqual(evaluateMarker(marker('python_full_version >= "3.13"'), { ...LINUX, python_full_version: '3.13.0+' }), {
      ok: true,
      value: true,
    });
  });

  it('says why where packaging raises', () => {
    assert.deepEqual(evaluateMarker(marker('os_name ~= "posix"'), LINUX), {
      ok: false,
      message: "Undefined <Op('~=')> on 'posix' and 'posix'.",
    });
    assert.deepEqual(evaluateMarker(marker('python_version ~= "3"'), LINUX), {
      ok: false,
      message: "Undefined <Op('~=')> on '3.10' and '3'.",
    });
    const missing = evaluateMarker(marker('python_version >= "3.8" or os_name == "nt"'), { python_version: '3.10' });
    assert.equal(missing.ok, false);
    assert.match(missing.ok ? '' : missing.message, /'os_name'/);
    assert.deepEqual(evaluateMarker(marker('"a" == "b"'), LINUX), {
      ok: false,
      message: "Marker variable 'b' is not defined in the environment",
    });
    assert.deepEqual(evaluateMarker(marker('extras == "x"'), LINUX), {
      ok: false,
      message: "Marker variable 'extras' holds a set and cannot be compared on the left of ==",
    });
  });

  it('evaluates every comparison, as packaging does: an error anywhere is an error, the first one its message', () => {
    assert.deepEqual(evaluateMarker(marker('os_name == "posix" or os_name ~= "x" or python_version ~= "x"'), LINUX), {
      ok: false,
      message: "Undefined <Op('~=')> on 'posix' and 'x'.",
    });
  });

  it('looks a quoted right-hand side up as a variable name, as packaging does', () => {
    assert.deepEqual(evaluateMarker(marker('"3.8" < "python_version"'), LINUX), { ok: true, value: true });
  });
});
