import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  baseVersion,
  compareVersions,
  isPrerelease,
  normalizeVersion,
  parseVersion,
  publicVersion,
  versionFromParts,
  type Version,
} from '../src/pep440/version.js';
import { contains, parseSpecifier, parseSpecifierSet, pythonRepr, specifierToString, type SpecifierSet } from '../src/pep440/specifier.js';

// Reference results computed with packaging 26.3 on the strings of packaging's own tests
// (see "about" in the file).
interface Vectors {
  order: string[];
  normalized: Record<string, string>;
  valid_specifiers: string[];
  invalid_specifiers: string[];
  contains: [set: string, version: string, withPrereleases: boolean, byDefault: boolean][];
}
const vectors = JSON.parse(readFileSync(new URL('../../__tests__/data/pep440-vectors.json', import.meta.url), 'utf8')) as Vectors;

function version(text: string): Version {
  const v = parseVersion(text);
  assert.ok(v, `${text} should be a version`);
  return v;
}

function set(text: string): SpecifierSet {
  const parsed = parseSpecifierSet(text);
  assert.ok(parsed.ok, `${text} should be a specifier set`);
  return parsed.set;
}

function noFailures(failures: string[]): void {
  assert.deepEqual(failures.slice(0, 20), [], `${failures.length} failures, the first 20 shown`);
}

describe('PEP 440 reference vectors (packaging 26.3)', () => {
  it(`orders the ${vectors.order.length} versions as packaging does`, () => {
    const failures: string[] = [];
    const parsed = vectors.order.map((text) => parseVersion(text));
    for (let i = 0; i < parsed.length; i++) {
      for (let j = 0; j < parsed.length; j++) {
        const a = parsed[i];
        const b = parsed[j];
        if (!a || !b) {
          failures.push(`unreadable: ${vectors.order[i]} / ${vectors.order[j]}`);
          continue;
        }
        if (Math.sign(compareVersions(a, b)) !== Math.sign(i - j)) {
          failures.push(`${vectors.order[i]} vs ${vectors.order[j]}: ${compareVersions(a, b)}`);
        }
      }
    }
    noFailures(failures);
  });

  it(`normalises ${Object.keys(vectors.normalized).length} versions as str(Version) does`, () => {
    const failures: string[] = [];
    for (const [text, want] of Object.entries(vectors.normalized)) {
      const v = parseVersion(text);
      const got = v && normalizeVersion(v);
      if (got !== want) failures.push(`${JSON.stringify(text)}: ${got} != ${want}`);
    }
    noFailures(failures);
  });

  it(`accepts the ${vectors.valid_specifiers.length} valid specifier sets`, () => {
    const failures = vectors.valid_specifiers.filter((text) => !parseSpecifierSet(text).ok);
    noFailures(failures);
  });

  it(`rejects the ${vectors.invalid_specifiers.length} invalid specifier sets`, () => {
    const failures = vectors.invalid_specifiers.filter((text) => parseSpecifierSet(text).ok);
    noFailures(failures);
  });

  it(`answers all ${vectors.contains.length} containment cases, with and without pre-releases`, () => {
    const failures: string[] = [];
    for (const [text, candidate, withPrereleases, byDefault] of vectors.contains) {
      const parsed = parseSpecifierSet(text);
      if (!parsed.ok) {
        failures.push(`${text}: ${parsed.message}`);
        continue;
      }
      const got = contains(parsed.set, candidate, { prereleases: true });
      const gotDefault = contains(parsed.set, candidate);
      if (got !== withPrereleases) failures.push(`${candidate} in ${text} (prereleases=True): ${got}, want ${withPrereleases}`);
      if (gotDefault !== byDefault) failures.push(`${candidate} in ${text} (default): ${gotDefault}, want ${byDefault}`);
    }
    noFailures(failures);
  });
});

describe('parseVersion', () => {
  // [input, str(Version(input)) or null where packaging raises], from packaging 26.
  const CASES: [string, string | null][] = [
    ['', null],
    [' ', null],
    ['1.', null],
    ['.1', null],
    ['1..2', null],
    ['1.0.', null],
    ['1.0+', null],
    ['1.0+abc.', null],
    ['1!', null],
    ['v', null],
    ['1.0-', null],
    ['1.0a.', '1.0a0'],
    ['1.0-r', '1.0.post0'],
    ['1.0.post.dev', '1.0.post0.dev0'],
    ['\t1.0\n', '1.0'],
    ['1.0\u00a0', '1.0'],
    ['\u00a01.0\u2003', '1.0'],
    ['V1.0', '1.0'],
    [' v1.0 ', '1.0'],
    ['1.0+ABC-1_x', '1.0+abc.1.x'],
    ['1.0_a_1', '1.0a1'],
    ['1.0-1', '1.0.post1'],
    ['1.0.dev', '1.0.dev0'],
    ['1.0alpha', '1.0a0'],
    ['1.0preview2', '1.0rc2'],
    ['1.0c1', '1.0rc1'],
    ['1.0-rev3', '1.0.post3'],
    ['1.0r', '1.0.post0'],
    ['1!2.0', '1!2.0'],
    ['0!1.0', '1.0'],
    ['1.0+01', '1.0+1'],
    ['1.0+0a.00', '1.0+0a.0'],
    ['1.0\u001c', '1.0'],
    ['1.0\ufeff', null],
    ['1.0a1-1', '1.0a1.post1'],
    ['1.0.a1.post2.dev3', '1.0a1.post2.dev3'],
    ['1.0pre', '1.0rc0'],
    ['1.0prev', null],
    ['1.0-1-1', null],
    ['1.0+a..b', null],
    ['1.0+-a', null],
    ['1_0', null],
    ['1-0', '1.post0'],
    ['\u0663.0', null],
    ['1.0ALPHA.1', '1.0a1'],
    ['1.0.RC.2', '1.0rc2'],
    ['01.002.0003', '1.2.3'],
    ['2024.01.01', '2024.1.1'],
    ['1.2024010112000000001', '1.2024010112000000001'],
    ['9007199254740993.1', '9007199254740993.1'],
    ['v1!2.0', '1!2.0'],
    ['1!v2.0', null],
    ['1.0 .post1', null],
    ['1.0.POST-1.DEV-2', '1.0.post1.dev2'],
    ['1.0a', '1.0a0'],
    ['1.0b', '1.0b0'],
    ['1.0+1.2.abc', '1.0+1.2.abc'],
  ];

  it('accepts and normalises what packaging accepts, and nothing else', () => {
    const failures: string[] = [];
    for (const [text, want] of CASES) {
      const v = parseVersion(text);
      const got = v && normalizeVersion(v);
      if (got !== want) failures.push(`${JSON.stringify(text)}: ${got} != ${want}`);
    }
    noFailures(failures);
  });

  it('returns a frozen object with the parts and the original text', () => {
    const v = version(' V1!2.0.0rc3.post4.dev5+Ubuntu-1 ');
    assert.ok(Object.isFrozen(v) && Object.isFrozen(v.release));
    assert.deepEqual(
      { ...v },
      {
        text: ' V1!2.0.0rc3.post4.dev5+Ubuntu-1 ',
        epoch: 1,
        release: [2, 0, 0],
        pre: ['rc', 3],
        post: 4,
        dev: 5,
        local: ['ubuntu', 1],
      },
    );
    assert.equal(publicVersion(v), '1!2.0.0rc3.post4.dev5');
    assert.equal(baseVersion(v), '1!2.0.0');
    assert.ok(isPrerelease(v));
    assert.equal(isPrerelease(version('1.0.post1')), false);
    assert.ok(isPrerelease(version('1.0.post1.dev0')));
  });

  it('keeps components too long for a JavaScript number exact', () => {
    const a = version('1.2024010112000000001');
    const b = version('1.2024010112000000002');
    assert.equal(typeof a.release[1], 'bigint');
    assert.ok(compareVersions(a, b) < 0);
    assert.equal(compareVersions(version('1.00000000000000000000000000001'), version('1.1')), 0);
  });

  it('refuses a component longer than Python converts (4300 digits)', () => {
    assert.equal(parseVersion(`1.${'1'.repeat(4301)}`), null);
    assert.ok(parseVersion(`1.${'1'.repeat(4300)}`));
  });

  it('reads each version into release numbers of its own, whatever was read before', () => {
    // The numbers are read into one array and copied out; a long or failed read must not show in the next.
    const long = Array.from({ length: 100 }, (_, index) => index + 1).join('.');
    const kept = [version(long), version('7.8'), parseVersion(`${long}.x`), version('v9rc1'), version('10.11.12')];
    assert.deepEqual(
      kept.map((read) => read?.release),
      [Array.from({ length: 100 }, (_, index) => index + 1), [7, 8], undefined, [9], [10, 11, 12]],
    );
    assert.ok(kept.every((read) => read === null || Object.isFrozen(read.release)));
  });

  it('builds versions from parts', () => {
    assert.equal(versionFromParts({ release: [1, 2], pre: ['b', 1], dev: 0 }).text, '1.2b1.dev0');
    const release = [1, 0];
    const built = versionFromParts({ epoch: 2, release, post: 3, local: ['cu121'] });
    release.push(5);
    assert.ok(Object.isFrozen(built) && Object.isFrozen(built.release) && Object.isFrozen(built.local));
    assert.deepEqual(
      { ...built },
      { text: '2!1.0.post3+cu121', epoch: 2, release: [1, 0], pre: null, post: 3, dev: null, local: ['cu121'] },
    );
  });
});

describe('compareVersions', () => {
  const ascending = [
    '0.dev0',
    '0',
    '1.0.dev1',
    '1.0a1.dev1',
    '1.0a1',
    '1.0a1+local',
    '1.0a1.post1.dev1',
    '1.0a1.post1',
    '1.0b1',
    '1.0rc1',
    '1.0',
    '1.0+abc',
    '1.0+abc.1',
    '1.0+0',
    '1.0+1',
    '1.0+1.abc',
    '1.0.post0.dev0',
    '1.0.post0',
    '1.0.0.1',
    '1.0.1',
    '1.1.dev0',
    '2',
    '1!0.1',
  ];

  it('orders pre, dev, post and local versions as packaging does', () => {
    for (let i = 0; i + 1 < ascending.length; i++) {
      const a = version(ascending[i] as string);
      const b = version(ascending[i + 1] as string);
      assert.ok(compareVersions(a, b) < 0, `${a.text} < ${b.text}`);
      assert.ok(compareVersions(b, a) > 0, `${b.text} > ${a.text}`);
    }
  });

  it('treats trailing zeros and spellings as equal', () => {
    for (const [a, b] of [
      ['1.0', '1.0.0'],
      ['1', '1.0.0.0'],
      ['1.0c1', '1.0rc1'],
      ['1.0-1', '1.0.post1'],
      ['v1.0', '1.0'],
      ['1.0+1.0', '1.0+1-0'],
      ['1.0+ABC', '1.0+abc'],
    ]) {
      assert.equal(compareVersions(version(a as string), version(b as string)), 0, `${a} == ${b}`);
    }
  });
});

describe('parseSpecifierSet', () => {
  it("reports the first invalid specifier as packaging's message does", () => {
    const cases: [string, string][] = [
      ['~=1', "Invalid specifier: '~=1'"],
      ['>=1.0 garbage', "Invalid specifier: '>=1.0 garbage'"],
      ["==1.0'x", 'Invalid specifier: "==1.0\'x"'],
      ['>=1.0\u0000', "Invalid specifier: '>=1.0\\x00'"],
      ['==1.0,,foo', "Invalid specifier: 'foo'"],
      ['<LowerBound', "Invalid specifier: '<LowerBound'"],
      ['==1.2+\u0130', "Invalid specifier: '==1.2+\u0130'"],
      ['>=1.0.*', "Invalid specifier: '>=1.0.*'"],
    ];
    for (const [text, message] of cases) assert.deepEqual(parseSpecifierSet(text), { ok: false, message }, text);
  });

  it('accepts empty pieces (a trailing comma), whitespace, and the letters Python folds in `~=`', () => {
    assert.ok(parseSpecifierSet('>=1.0,<2,').ok);
    assert.ok(parseSpecifierSet(' , >= 1.0 ,\t< 2 ').ok);
    assert.deepEqual(set('').specifiers, []);
    assert.ok(parseSpecifierSet('~=1.2.3po\u017ft1').ok);
    // packaging accepts it but cannot read its version; it matches nothing here.
    assert.equal(contains(set('~=1.2.3po\u017ft1'), '1.2.3.post1'), false);
  });

  it('reads one specifier with its parts', () => {
    assert.deepEqual(parseSpecifier(' == 1.2.* '), {
      operator: '==',
      version: '1.2.*',
      wildcard: true,
      target: version('1.2'),
      prefix: { epoch: 0, release: [1, 2], tail: [], impossible: false },
    });
    assert.equal(parseSpecifier('==1.0,>=2'), null);
    assert.equal(parseSpecifier('===a,b')?.version, 'a,b');
  });
});

describe('specifierToString', () => {
  it('sorts and de-duplicates as str(SpecifierSet) does', () => {
    const cases: [string, string][] = [
      ['>=1.0.0,!=1.0.1', '!=1.0.1,>=1.0.0'],
      ['==1.0.0,==1.0', '==1.0'],
      ['===FooBar,===FOOBAR', '===FOOBAR,===FooBar'],
      ['~=1.0,~=1.0.0', '~=1.0,~=1.0.0'],
      ['>= 1.0 , < 2', '<2,>=1.0'],
      ['', ''],
      ['!=2.0.*,==1.*, >=1.0a1', '!=2.0.*,==1.*,>=1.0a1'],
      ['==v1.0,==1.0', '==1.0'],
      ['<=1.0.0,<=1', '<=1'],
      ['>=1.0,<2,', '<2,>=1.0'],
    ];
    for (const [text, want] of cases) assert.equal(specifierToString(set(text)), want, text);
  });
});

describe('contains', () => {
  // [set, candidate, prereleases option, SpecifierSet(set).contains(candidate, prereleases)]
  const CASES: [string, string, boolean | undefined, boolean][] = [
    ['>=1.0', '2.0a1', undefined, true],
    ['>=1.0', '2.0a1', false, false],
    ['', '2.0a1', false, false],
    ['', 'garbage', undefined, true],
    ['', 'garbage', false, true],
    ['>=1.0', 'garbage', undefined, false],
    ['===garbage', 'GARBAGE', undefined, true],
    ['===garbage,>=1', 'garbage', undefined, false],
    ['===1.0', '1.0.0', undefined, false],
    ['===1.0', '1.0', undefined, true],
    ['==1.0', '1.0+cu121', undefined, true],
    ['==1.0+cu121', '1.0', undefined, false],
    ['==1.0+cu121', '1.0+CU121', undefined, true],
    ['==1.0+1.0', '1.0+1-0', undefined, true],
    ['<2', '2.0.dev1', undefined, false],
    ['<2', '2.0rc1', undefined, false],
    ['<2.0.post1', '2.0.post1.dev0', undefined, false],
    ['<2.0.post1', '2.0a1', undefined, true],
    ['<2rc1', '2.0b1', undefined, true],
    ['>1.0', '1.0.post1', undefined, false],
    ['>1.0', '1.0+local', undefined, false],
    ['>1.0', '1.0.1', undefined, true],
    ['>1.0a1', '1.0a1.post1', undefined, false],
    ['>1.0a1', '1.0a2', undefined, true],
    ['>1.0.post1', '1.0.post1+x', undefined, false],
    ['>1.0.post1', '1.0.post2', undefined, true],
    ['==1.*', '1.0a1', undefined, true],
    ['==1.*', '1.0a1', false, false],
    ['!=1.*', '1.0a1', undefined, false],
    ['~=2.2', '2.3', undefined, true],
    ['~=2.2', '3.0', undefined, false],
    ['~=2.2.0', '2.3', undefined, false],
    ['~=v1.0', '1.5', undefined, false],
    ['~=1.0.c1', '1.5', undefined, false],
    ['~=1.0.c1', '1.0.5', undefined, true],
    ['~=1.0c1', '1.5', undefined, false],
    ['==1.0.*', '1', undefined, true],
    ['==1.0.0.*', '1.0', undefined, true],
    ['<=1.0', '1.0+local', undefined, true],
    ['>=1.0', '1.0+local', undefined, true],
    ['<1.0', '1.0+local', undefined, false],
    ['<1.0', '0.9+local', undefined, true],
  ];

  it('answers as SpecifierSet.contains does', () => {
    const failures: string[] = [];
    for (const [text, candidate, prereleases, want] of CASES) {
      const got = contains(set(text), candidate, prereleases === undefined ? undefined : { prereleases });
      if (got !== want) failures.push(`${candidate} in ${text} (prereleases=${prereleases}): ${got}`);
    }
    noFailures(failures);
  });

  it('compares `===` with a Version in its normal form and a string as written', () => {
    assert.equal(contains(set('===1.0'), version('1.0.0')), false);
    assert.equal(contains(set('===1.0.0'), version('v1.0.0')), true);
    assert.equal(contains(set('===1.0.0'), 'v1.0.0'), false);
  });
});

describe('pythonRepr', () => {
  it("quotes as Python's repr() does", () => {
    assert.equal(pythonRepr('abc'), "'abc'");
    assert.equal(pythonRepr("it's"), '"it\'s"');
    assert.equal(pythonRepr('say "hi" it\'s'), "'say \"hi\" it\\'s'");
    assert.equal(pythonRepr('a\\b\n\t\u0001\u00a0\u2028é😀'), "'a\\\\b\\n\\t\\x01\\xa0\\u2028é😀'");
  });
});
