import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  commonVersion,
  exactPin,
  intersect,
  intersects,
  isSubset,
  toRanges,
  versionOutside,
  type Cut,
  type VersionInterval,
} from '../src/pep440/ranges.js';
import { contains, parseSpecifierSet, type SpecifierSet } from '../src/pep440/specifier.js';
import { normalizeVersion } from '../src/pep440/version.js';

function set(text: string): SpecifierSet {
  const parsed = parseSpecifierSet(text);
  assert.ok(parsed.ok, `${text} should be a specifier set`);
  return parsed.set;
}

const PRE = { prereleases: true };

/** intersects/isSubset, with their witnesses checked against `contains`. */
function relation(a: string, b: string): { intersects: boolean; subset: boolean } {
  const sa = set(a);
  const sb = set(b);
  const common = commonVersion(sa, sb);
  if (common !== null) {
    assert.ok(contains(sa, common, PRE) && contains(sb, common, PRE), `${common} should be in ${a} and in ${b}`);
  }
  const outside = versionOutside(sa, sb);
  if (outside !== null) {
    assert.ok(contains(sa, outside, PRE) && !contains(sb, outside, PRE), `${outside} should be in ${a}, not in ${b}`);
  }
  assert.equal(intersects(sa, sb), common !== null);
  assert.equal(isSubset(sa, sb), outside === null);
  return { intersects: common !== null, subset: outside === null };
}

describe('intersects / isSubset', () => {
  it('grades a pin against a profile pin', () => {
    // profile numpy "==1.23.5": a wider pin warns, a disjoint one fails, the same pin passes.
    assert.deepEqual(relation('>=1.21,<2', '==1.23.5'), { intersects: true, subset: false });
    assert.deepEqual(relation('>=1.24', '==1.23.5'), { intersects: false, subset: false });
    assert.deepEqual(relation('==1.23.5', '==1.23.5'), { intersects: true, subset: true });
    assert.deepEqual(relation('==1.23.5', '>=1.21,<2'), { intersects: true, subset: true });
    assert.deepEqual(relation('~=1.23.0', '==1.23.5'), { intersects: true, subset: false });
  });

  it('meets two exact pins only at a version one of them names, local versions included', () => {
    const cases: [a: string, b: string, intersects: boolean][] = [
      ['==1.0', '==1.0.0', true],
      ['==1.0', '==1.1', false],
      ['==1.0', '==1.0+cu121', true],
      ['==1.0+cu121', '==1.0', true],
      ['==1.0+cu121', '==1.0.0+CU121', true],
      ['==1.0+cu121', '==1.0+cpu', false],
      ['==1.0rc1', '==1.0', false],
      ['==1!1.0', '==1.0', false],
      ['==1.0.*', '==1.0.5', true],
      ['==1.0.5', '===1.0.5', true],
    ];
    for (const [a, b, expected] of cases) {
      assert.equal(relation(a, b).intersects, expected, `${a} and ${b}`);
      assert.equal(relation(b, a).intersects, expected, `${b} and ${a}`);
    }
  });

  it('is exact at the boundaries packaging draws', () => {
    const cases: [a: string, b: string, intersects: boolean][] = [
      ['<2', '==2.0.dev1', false],
      ['<2', '==2.0rc1', false],
      ['<2', '==1.9999', true],
      ['<2.0rc1', '==2.0b1', true],
      ['<2.0.post1', '==2.0.post1.dev0', false],
      ['<2.0.post1', '==2.0a1', true],
      ['>1.0', '==1.0.post1', false],
      ['>1.0', '==1.0+local', false],
      ['>1.0', '==1.0.0.1', true],
      ['>1.0', '==1.0.1.dev0', true],
      ['>1.0a1', '==1.0a1.post3', false],
      ['>1.0a1', '==1.0a2.dev0', true],
      ['>1.0.post1', '==1.0.post1+x', false],
      ['>1.0.post1', '==1.0.post2.dev0', true],
      ['>1.0.dev1', '<1.0.dev2', false],
      ['==1.*', '==1.0a1', true],
      ['==1.*', '<1.0.dev0', false],
      ['==1.*', '>=2.dev0', false],
      ['==1.0.*', '==1', true],
      ['!=1.0', '==1.0+local', false],
      ['<=1.0', '==1.0+cu121', true],
      ['<1.0', '==1.0+cu121', false],
      ['~=2.2', '==2.3.*', true],
      ['~=2.2', '>=3.dev0', false],
      ['~=1.0.c1', '==1.5', false],
      ['~=v1.0', '', false],
      ['>=2,<1', '', false],
      ['==1.0,!=1.0', '', false],
      ['<0.dev0', '', false],
    ];
    for (const [a, b, want] of cases) {
      assert.equal(relation(a, b).intersects, want, `${a} & ${b}`);
      assert.equal(relation(b, a).intersects, want, `${b} & ${a}`);
    }
  });

  it('answers subset questions', () => {
    const cases: [a: string, b: string, subset: boolean][] = [
      ['>=1.2.3,<1.3', '~=1.2.0', true],
      ['~=1.2', '<2', true],
      ['~=1.2', '<2.0.dev0', true],
      ['>=1.0', '>=1.0,!=1.5', false],
      ['==1.0', '!=1.0+abc', false],
      ['==1.0+cu121', '<=1.0', true],
      ['==1.0+cu121', '==1.0', true],
      ['==1.0', '==1.0+cu121', false],
      ['>1.0', '>=1.0.post0', true],
      ['>=1.0.post0', '>1.0', false],
      // Above 1.0's post-releases there is no least version: 1.0.0.0.0.1 < 1.0.0.0.1.dev0.
      ['>1.0', '>=1.0.0.0.1.dev0', false],
      ['>=2,<1', '==5', true],
      // The empty set also holds strings that are no version (see below).
      ['', '>=0.dev0', false],
      ['>=0.dev0', '', true],
    ];
    for (const [a, b, want] of cases) assert.equal(relation(a, b).subset, want, `${a} <= ${b}`);
  });

  it('treats `===` as the one spelling it matches', () => {
    assert.deepEqual(relation('===1.0', '==1.0'), { intersects: true, subset: true });
    assert.deepEqual(relation('==1.0', '===1.0'), { intersects: true, subset: false });
    assert.equal(versionOutside(set('==1.0'), set('===1.0')), 'v1.0');
    assert.deepEqual(relation('===1.0', '===1.0.0'), { intersects: false, subset: false });
    assert.deepEqual(relation('===FooBar', '===foobar'), { intersects: true, subset: true });
    assert.deepEqual(relation('===foobar', ''), { intersects: true, subset: true });
    assert.deepEqual(relation('===foobar', '>=0'), { intersects: false, subset: false });
    assert.deepEqual(relation('===a,===b', ''), { intersects: false, subset: true });
    assert.deepEqual(relation('===2.0a1,<3', '>=2.0.dev0'), { intersects: true, subset: true });
  });

  it('knows the empty set also holds what is no version, which no other set without `===` does', () => {
    // >=0.dev0 admits every version, but not `foobar`, which the empty set admits.
    assert.deepEqual(relation('', '>=0.dev0'), { intersects: true, subset: false });
    assert.deepEqual(relation('>=0.dev0', ''), { intersects: true, subset: true });
    assert.deepEqual(relation('', ''), { intersects: true, subset: true });
  });
});

describe('exactPin', () => {
  it('finds the version a set pins', () => {
    const cases: [string, string | null][] = [
      ['==1.2.3', '1.2.3'],
      ['===1.2.3', '1.2.3'],
      ['==1.2.3+cu121', '1.2.3+cu121'],
      ['== 1.2.3.0', '1.2.3.0'],
      ['>=1.0,<=1.0', '1.0'],
      ['==1.0.dev1', '1.0.dev1'],
      ['>=1.0.dev1,<1.0.dev2', '1.0.dev1'],
      ['==1.0,>=0.5', '1.0'],
      ['==1.2.*', null],
      ['~=1.2.3', null],
      ['>=1', null],
      ['==1.0,!=1.0+x', null],
      ['===foo', null],
      ['==1.0,==2.0', null],
      ['', null],
    ];
    for (const [text, want] of cases) {
      const pin = exactPin(set(text));
      assert.equal(pin && normalizeVersion(pin), want, text);
    }
  });
});

describe('toRanges', () => {
  it('lays a set out as intervals between cuts', () => {
    const ranges = toRanges(set('>1.0,!=1.5,<2'));
    assert.equal(ranges.identity, null);
    assert.deepEqual(
      ranges.intervals.map(({ lower, upper }) => [
        `${lower.kind} ${lower.version.text}`,
        upper.kind === 'max' ? 'max' : `${upper.kind} ${upper.version.text}`,
      ]),
      [
        ['afterPosts 1.0', 'before 1.5'],
        ['before 1.5.post0.dev0', 'before 2.dev0'],
      ],
    );
  });

  it('lays out a set of ten thousand clauses', () => {
    // A hostile requirement, `numpy!=1.0,!=1.1,...`. Folding its clauses one by one into a growing list
    // of intervals took time quadratic in the clauses (20 s for this set); the test checks the layout.
    const text = Array.from({ length: 10_000 }, (_, index) => `!=1.${index}`).join(',');
    const ranges = toRanges(set(text));
    assert.equal(ranges.intervals.length, 10_001);
    assert.equal(ranges.intervals[1]?.lower.kind === 'before' && ranges.intervals[1].lower.version.text, '1.0.post0.dev0');
  });

  it('keeps the first spelling of a bound that several clauses draw', () => {
    const [only] = toRanges(set('>=1.0.0,>=1.0,<2,<2.0,>=1')).intervals;
    assert.equal(only?.lower.kind === 'before' && only.lower.version.text, '1.0.0');
    assert.equal(only?.upper.kind === 'before' && only.upper.version.text, '2.dev0');
  });

  it('lays out a set as intersecting its clauses one by one would, keeping the first spelling of each bound', () => {
    // Clauses that draw the same bounds in other spellings (1.0 and 1.0.0, 0.dev0 and the lowest cut).
    const clause = fc.constantFrom(
      '>=1.0',
      '>=1.0.0',
      '>=1',
      '>1.0',
      '>1',
      '<2',
      '<2.0',
      '<=2.0',
      '<=2',
      '!=1.5',
      '!=1.5.0',
      '==1.*',
      '==1.0.*',
      '~=1.0',
      '~=1.0.0',
      '!=1.*',
      '>=0.dev0',
      '>=0.0.dev0',
      '<1.5',
      '>1.5.post1',
      '==1.5+local',
      '!=1.5+local',
      '>=1.5.dev0',
      '<3',
      '===1.0',
      '<0.0.dev0',
      '>=1.5.post0.dev0',
      '<1.5.post0.dev0',
      // Numbers past what a coarse position tells apart: epochs, large and long releases.
      '>=1!0',
      '<1!2',
      '>=8500.7',
      '<9000.5',
      '!=9000.1',
      '>8191',
      '<=8191.2',
      '!=1.0.0.5',
      '>=1.0.0.3',
      '<2024010112000000001.1',
    );
    const spelled = (intervals: readonly VersionInterval[]): string[] => {
      const cut = (bound: Cut): string => (bound.kind === 'max' ? 'max' : `${bound.kind} ${bound.version.text}`);
      return intervals.map(({ lower, upper }) => `${cut(lower)} ${cut(upper)}`);
    };
    fc.assert(
      fc.property(fc.array(clause, { maxLength: 10 }), (clauses) => {
        const oneByOne = clauses.reduce(
          (admitted, text) => intersect(admitted, toRanges(set(text)).intervals),
          toRanges(set('')).intervals,
        );
        assert.deepEqual(spelled(toRanges(set(clauses.join(','))).intervals), spelled(oneByOne));
      }),
      { numRuns: 500 },
    );
  });

  it('lays out 50,000 clauses in any order as written in order', () => {
    // Five megabytes of `!=` clauses (430,000) intersected in pairs, then pairs of pairs, took 5 s and 900 MB.
    const versions = Array.from({ length: 50_000 }, (_, index) => `1.${Math.floor(index / 1000)}.${index % 1000}`);
    const scrambled = versions.map((_, index) => versions[(index * 7919) % versions.length] as string);
    assert.equal(new Set(scrambled).size, versions.length);
    const ranges = toRanges(set(scrambled.map((version) => `!=${version}`).join(',')));
    assert.equal(ranges.intervals.length, versions.length + 1);
    versions.forEach((version, index) => {
      const below = ranges.intervals[index] as VersionInterval;
      const above = ranges.intervals[index + 1] as VersionInterval;
      assert.ok(below.upper.kind === 'before' && below.upper.version.text === version, version);
      assert.ok(above.lower.kind === 'before' && above.lower.version.text === `${version}.post0.dev0`, version);
    });
    const notEqual = set(scrambled.map((version) => `!=${version}`).join(','));
    assert.equal(intersects(notEqual, set('==1.15.7')), false);
    assert.equal(intersects(notEqual, set('==1.15.7.1')), true);
    assert.equal(commonVersion(notEqual, set('>=1.49.999,<2')), '1.49.999.post0.dev0');
    assert.equal(exactPin(notEqual), null);
  });

  it('keeps the `===` text and whether the set holds it', () => {
    assert.deepEqual(toRanges(set('===1.0,>=2')).identity, { text: '1.0', member: false });
    assert.deepEqual(toRanges(set('>=1,===1.5')).identity, { text: '1.5', member: true });
  });
});
