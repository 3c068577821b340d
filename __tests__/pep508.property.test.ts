import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { MAX_MARKER_NESTING, parseMarker } from '../src/parse/marker.js';
import { evaluateMarker, type MarkerEnvironment } from '../src/parse/marker-evaluation.js';
import { parseRequirement } from '../src/parse/requirement.js';
import { commonVersion, exactPin, intersects, isSubset, versionOutside } from '../src/pep440/ranges.js';
import { contains, parseSpecifierSet, specifierToString, type SpecifierSet } from '../src/pep440/specifier.js';
import {
  compareVersions,
  normalizeVersion,
  parseVersion,
  versionFromParts,
  type Version,
  type VersionNumber,
} from '../src/pep440/version.js';
import { markerToString, requirementToString } from './helpers/pep508-strings.js';

// ---------------------------------------------------------------------------------------------
// Generators.

const FRAGMENTS = [
  'numpy',
  'torch',
  'a',
  'A.b-c_d',
  '[',
  ']',
  '(',
  ')',
  ',',
  ';',
  '@',
  ' ',
  '\t',
  '\n',
  '==',
  '===',
  '!=',
  '~=',
  '<=',
  '>=',
  '<',
  '>',
  '1.0',
  '2.1.*',
  '1!2',
  'a1',
  'rc',
  '.post1',
  '.dev0',
  '+cu121',
  '+ABC',
  'v',
  '.*',
  'and',
  'or',
  'not',
  'in',
  'extra',
  'extras',
  'python_version',
  'os.name',
  'platform_machine',
  '"3.8"',
  "'x86_64'",
  '"',
  "'",
  '\\',
  '\\x41',
  '\\N{',
  'é',
  '😀',
  '\u00a0',
  '\u2028',
  'https://x.org/a.whl',
  'git+https://g/x.git@v1',
  '#',
  '-e',
  '.',
];
const textLike = fc.oneof(
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 }).map((pieces) => pieces.join('')),
  fc.string({ unit: 'binary', maxLength: 80 }),
);

const num = fc.constantFrom(0, 1, 2, 10);
const releaseArb = fc.array(num, { minLength: 1, maxLength: 3 });
const versionArb = fc
  .record({
    epoch: fc.constantFrom(0, 0, 0, 1),
    release: releaseArb,
    pre: fc.option(fc.tuple(fc.constantFrom('a' as const, 'b' as const, 'rc' as const), fc.constantFrom(0, 1, 2)), { freq: 3 }),
    post: fc.option(fc.constantFrom(0, 1, 2), { freq: 3 }),
    dev: fc.option(fc.constantFrom(0, 1, 2), { freq: 3 }),
  })
  .map((parts) => versionFromParts(parts));
const localArb = fc.constantFrom(['abc'], [1], ['abc', 2], ['0a']);

// A specifier as text, from every operator's grammar (no `~=` texts whose prefix packaging reads oddly).
const specifierArb: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom('<', '<=', '>', '>='), versionArb).map(([op, v]) => op + normalizeVersion(v)),
  fc
    .tuple(fc.constantFrom('==', '!='), versionArb, fc.option(localArb, { freq: 3 }))
    .map(([op, v, local]) => op + normalizeVersion(versionFromParts({ ...v, local }))),
  fc
    .tuple(fc.constantFrom('==', '!='), fc.constantFrom(0, 1), releaseArb)
    .map(([op, epoch, release]) => `${op}${epoch ? `${epoch}!` : ''}${release.join('.')}.*`),
  fc.tuple(versionArb, num).map(([v, extra]) => `~=${normalizeVersion(versionFromParts({ ...v, release: [...v.release, extra] }))}`),
  fc.oneof(versionArb.map(normalizeVersion), fc.constantFrom('foobar', '1.0', 'V1.0', '1.0.0')).map((t) => `===${t}`),
);
const setTextArb = fc.array(specifierArb, { maxLength: 3 }).map((specs) => specs.join(','));

// ---------------------------------------------------------------------------------------------
// Brute force: candidate versions around every version a set mentions.

function bump(n: VersionNumber): VersionNumber {
  return typeof n === 'bigint' ? n + 1n : n + 1;
}

function neighbours(v: Version): Version[] {
  const base = { epoch: v.epoch, release: v.release };
  const last = v.release.length - 1;
  const out: Version[] = [
    v,
    versionFromParts({ ...v, local: ['abc'] }),
    versionFromParts({ ...v, local: [...(v.local ?? []), 'a'] }),
    versionFromParts({ ...v, local: null }),
    versionFromParts({ ...v, dev: 0, local: null }),
    versionFromParts({ ...v, dev: bump(v.dev ?? 0), local: null }),
    versionFromParts({ ...v, post: 0, local: null }),
    versionFromParts({ ...v, post: bump(v.post ?? 0), dev: 0, local: null }),
    versionFromParts({ ...v, post: bump(v.post ?? 0), local: null }),
    versionFromParts({ ...base, pre: ['a', 0], dev: 0 }),
    versionFromParts({ ...base, pre: ['rc', 9] }),
    versionFromParts({ ...base, pre: v.pre ? [v.pre[0], bump(v.pre[1])] : ['b', 1], dev: 0 }),
    versionFromParts(base),
    versionFromParts({ ...base, post: 5 }),
    versionFromParts({ ...base, release: [...v.release, 0, 1] }),
    versionFromParts({ ...base, release: [...v.release, 0, 0, 0, 1] }),
    versionFromParts({ ...base, release: [...v.release.slice(0, last), bump(v.release[last] as VersionNumber)] }),
    versionFromParts({ ...base, release: [...v.release.slice(0, last), bump(v.release[last] as VersionNumber)], dev: 0 }),
    versionFromParts({ epoch: bump(v.epoch), release: [0] }),
  ];
  const lastValue = v.release[last] as VersionNumber;
  if (lastValue > 0)
    out.push(
      versionFromParts({ ...base, release: [...v.release.slice(0, last), typeof lastValue === 'bigint' ? lastValue - 1n : lastValue - 1] }),
    );
  if (v.release.length > 1) out.push(versionFromParts({ epoch: v.epoch, release: v.release.slice(0, last), dev: 0 }));
  return out;
}

const FIXED = ['0.dev0', '0', '0.1', '1', '1.0', '1.0.0', 'v1.0', '2', '3', '10', '1!0', '1!1.0', '2!0', 'foobar', 'FOOBAR'];

function sample(...sets: SpecifierSet[]): string[] {
  const out = new Set(FIXED);
  for (const s of sets) {
    for (const spec of s.specifiers) {
      out.add(spec.version);
      const v = spec.target ?? parseVersion(spec.version);
      if (v) for (const n of neighbours(v)) out.add(normalizeVersion(n));
    }
  }
  return [...out];
}

function set(text: string): SpecifierSet {
  const parsed = parseSpecifierSet(text);
  assert.ok(parsed.ok, `generated ${JSON.stringify(text)} should parse`);
  return parsed.set;
}

const PRE = { prereleases: true };

// ---------------------------------------------------------------------------------------------

describe('properties: nothing throws', () => {
  it('for any text, every reader and printer returns', () => {
    fc.assert(
      fc.property(textLike, (text) => {
        parseVersion(text);
        const spec = parseSpecifierSet(text);
        if (spec.ok) {
          specifierToString(spec.set);
          contains(spec.set, text);
          intersects(spec.set, spec.set);
          isSubset(spec.set, spec.set);
          exactPin(spec.set);
        }
        const req = parseRequirement(text);
        if (req.ok) requirementToString(req);
        else assert.ok(req.offset >= 0 && req.offset <= text.length, `offset ${req.offset}`);
        const marker = parseMarker(text);
        if (marker.ok) {
          markerToString(marker.marker);
          evaluateMarker(marker.marker, {}, text);
        } else assert.ok(marker.offset >= 0 && marker.offset <= text.length, `offset ${marker.offset}`);
      }),
      { numRuns: 4000 },
    );
  });

  it('for deep and lopsided nesting', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 3000 }), fc.boolean(), (open, close, chain) => {
        const body = chain ? Array.from({ length: 50 }, () => 'os_name == "nt"').join(' or ') : 'os_name == "nt"';
        const text = `${'('.repeat(open)}${body}${')'.repeat(close)}`;
        const parsed = parseMarker(text);
        // Deeper than MAX_MARKER_NESTING is refused, balanced or not.
        const readable = open === close && open <= MAX_MARKER_NESTING;
        assert.equal(parsed.ok, readable);
        if (parsed.ok) {
          assert.equal(markerToString(parsed.marker), body);
          assert.deepEqual(evaluateMarker(parsed.marker, { os_name: 'nt' }), { ok: true, value: true });
        }
        assert.equal(parseRequirement(`pkg; ${text}`).ok, readable);
      }),
      { numRuns: 60 },
    );
  });
});

// ---------------------------------------------------------------------------------------------

const VARIABLES = [
  'python_version',
  'python_full_version',
  'os_name',
  'os.name',
  'sys_platform',
  'sys.platform',
  'platform_machine',
  'platform.machine',
  'platform_system',
  'platform_release',
  'platform.version',
  'platform_python_implementation',
  'python_implementation',
  'implementation_name',
  'implementation_version',
  'extra',
];
const OPERATORS = ['==', '!=', '<', '<=', '>', '>=', '~=', '===', 'in', 'not in'];
// Value text as written between quotes (escapes included), without the quote of its kind.
const valueText = (quote: string): fc.Arbitrary<string> =>
  fc
    .array(
      fc.constantFrom(
        '3',
        '.',
        '8',
        '1',
        '0',
        'a',
        'Z',
        '-',
        '_',
        ' ',
        'é',
        '*',
        quote === '"' ? "'" : '"',
        '\\\\',
        '\\n',
        '\\x41',
        '\\u00e9',
        '\\t',
      ),
      { maxLength: 8 },
    )
    .map((pieces) => pieces.join(''));
const quotedArb = fc.constantFrom('"', "'").chain((q) => valueText(q).map((v) => `${q}${v}${q}`));
const operandArb = fc.oneof(fc.constantFrom(...VARIABLES), quotedArb);
const comparisonArb = fc
  .tuple(operandArb, fc.constantFrom('', ' ', '\t'), fc.constantFrom(...OPERATORS), operandArb)
  .map(([l, sp, op, r]) => `${l}${sp}${/^[a-z]/.test(op) ? ` ${op} ` : op}${sp}${r}`);
const { marker: markerArb } = fc.letrec<{ marker: string; atom: string }>((tie) => ({
  marker: fc
    .array(fc.tuple(tie('atom'), fc.constantFrom(' and ', ' or ', '  and\t', ' or  ')), { minLength: 1, maxLength: 4 })
    .map((parts) => parts.map(([atom, join], i) => (i < parts.length - 1 ? atom + join : atom)).join('')),
  atom: fc.oneof(
    { maxDepth: 3, withCrossShrink: true },
    comparisonArb,
    tie('marker').map((m) => `(${m})`),
  ),
}));

const ENVIRONMENTS: Partial<MarkerEnvironment>[] = [
  {
    python_version: '3.10',
    python_full_version: '3.10.12',
    os_name: 'posix',
    sys_platform: 'linux',
    platform_machine: 'x86_64',
    platform_system: 'Linux',
    platform_release: '5.15.0',
    platform_version: '#1',
    platform_python_implementation: 'CPython',
    implementation_name: 'cpython',
    implementation_version: '3.10.12',
  },
  {
    python_version: '3.8',
    python_full_version: '3.8.0rc1',
    os_name: 'nt',
    sys_platform: 'win32',
    platform_machine: 'AMD64',
    platform_system: 'Windows',
    platform_release: '10',
    platform_version: '10.0',
    platform_python_implementation: 'PyPy',
    implementation_name: 'pypy',
    implementation_version: '7.3.13',
  },
];

const nameArb = fc.constantFrom('numpy', 'torch', 'nemo_toolkit', 'Foo.Bar', 'a', 'x-1_y');
const extrasArb = fc.array(fc.constantFrom('asr', 'gpu', 'Dev_Tools', 'watchmedo', 'a.b'), { maxLength: 3 });
const requirementArb = fc
  .record({
    name: nameArb,
    extras: fc.option(extrasArb),
    body: fc.oneof(setTextArb, fc.constantFrom('@ https://x.org/a.whl', '@ git+https://g/x.git@v1;x', '@file:///tmp/x')),
    parens: fc.boolean(),
    marker: fc.option(markerArb),
  })
  .map(({ name, extras, body, parens, marker }) => {
    const isUrl = body.startsWith('@');
    let text = name + (extras ? `[${extras.join(', ')}]` : '');
    text += isUrl ? ` ${body}` : parens ? ` (${body})` : body;
    if (marker !== null) text += `${isUrl ? ' ' : ''}; ${marker}`;
    return text;
  });

describe('properties: printing and reading back', () => {
  it('a marker prints to text that reads back to the same marker', () => {
    fc.assert(
      fc.property(markerArb, (text) => {
        const parsed = parseMarker(text);
        assert.ok(parsed.ok, `${text}: ${parsed.ok ? '' : parsed.message}`);
        const printed = markerToString(parsed.marker);
        const again = parseMarker(printed);
        assert.ok(again.ok, `${printed}: ${again.ok ? '' : again.message}`);
        assert.equal(markerToString(again.marker), printed);
        for (const env of ENVIRONMENTS) {
          for (const extra of ['', 'Dev_Tools']) {
            assert.deepEqual(evaluateMarker(again.marker, env, extra), evaluateMarker(parsed.marker, env, extra), printed);
          }
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('a specifier set prints to text that reads back to the same set', () => {
    fc.assert(
      fc.property(setTextArb, (text) => {
        const original = set(text);
        const printed = specifierToString(original);
        const again = set(printed);
        assert.equal(specifierToString(again), printed);
        for (const candidate of sample(original)) {
          assert.equal(contains(again, candidate, PRE), contains(original, candidate, PRE), `${candidate} in ${text} / ${printed}`);
        }
      }),
      { numRuns: 800 },
    );
  });

  it('a requirement prints to text that reads back to the same requirement', () => {
    fc.assert(
      fc.property(requirementArb, (text) => {
        const parsed = parseRequirement(text);
        assert.ok(parsed.ok, `${text}: ${parsed.ok ? '' : `${parsed.message} at ${parsed.offset}`}`);
        const printed = requirementToString(parsed);
        const again = parseRequirement(printed);
        assert.ok(again.ok, `${printed}: ${again.ok ? '' : again.message}`);
        assert.equal(requirementToString(again), printed);
        assert.equal(again.name, parsed.name);
        assert.equal(again.url, parsed.url);
        assert.deepEqual([...new Set(again.extras)].sort(), [...new Set(parsed.extras)].sort());
        assert.equal(again.marker === null, parsed.marker === null);
        // The same requirement, not only a printer that agrees with itself: the specifier admits the
        // same versions and the marker holds in the same environments.
        assert.equal(again.specifier === '', parsed.specifier === '');
        if (parsed.specifier !== '') {
          const [before, after] = [set(parsed.specifier), set(again.specifier)];
          for (const candidate of sample(before)) {
            assert.equal(contains(after, candidate, PRE), contains(before, candidate, PRE), `${candidate} in ${text} / ${printed}`);
          }
        }
        if (parsed.marker !== null && again.marker !== null) {
          const [before, after] = [parseMarker(parsed.marker), parseMarker(again.marker)];
          assert.ok(before.ok && after.ok, printed);
          for (const env of ENVIRONMENTS) {
            for (const extra of ['', 'Dev_Tools'])
              assert.deepEqual(evaluateMarker(after.marker, env, extra), evaluateMarker(before.marker, env, extra), printed);
          }
        }
      }),
      { numRuns: 1500 },
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe('properties: set algebra agrees with contains', () => {
  it('intersects and isSubset match a brute force over versions around the boundaries', () => {
    fc.assert(
      fc.property(setTextArb, setTextArb, (textA, textB) => {
        const a = set(textA);
        const b = set(textB);
        const candidates = sample(a, b);
        const inA = candidates.filter((c) => contains(a, c, PRE));
        const both = inA.filter((c) => contains(b, c, PRE));
        const aOnly = inA.filter((c) => !contains(b, c, PRE));

        const common = commonVersion(a, b);
        if (common === null) assert.deepEqual(both, [], `${textA} & ${textB} said empty`);
        else assert.ok(contains(a, common, PRE) && contains(b, common, PRE), `${common} in ${textA} & ${textB}`);
        assert.equal(intersects(a, b), common !== null);

        const outside = versionOutside(a, b);
        if (outside === null) assert.deepEqual(aOnly, [], `${textA} <= ${textB} said yes`);
        else assert.ok(contains(a, outside, PRE) && !contains(b, outside, PRE), `${outside} in ${textA}, not ${textB}`);
        assert.equal(isSubset(a, b), outside === null);
      }),
      { numRuns: 3000 },
    );
  });

  it('exactPin names a version the set contains, and the set holds nothing else but its local versions', () => {
    fc.assert(
      fc.property(setTextArb, (text) => {
        const s = set(text);
        const pin = exactPin(s);
        if (pin === null) return;
        // `text` is what the set names (`===V1.0` holds the spelling "V1.0", not "1.0").
        assert.ok(contains(s, pin.text, PRE), `${pin.text} in ${text}`);
        for (const candidate of sample(s)) {
          const v = parseVersion(candidate);
          if (!contains(s, candidate, PRE)) continue;
          assert.ok(v, `${candidate} in ${text}`);
          const same = compareVersions(pin.local === null ? versionFromParts({ ...v, local: null }) : v, pin) === 0;
          assert.ok(same, `${text} pins ${normalizeVersion(pin)} but holds ${candidate}`);
        }
      }),
      { numRuns: 1500 },
    );
  });
});
