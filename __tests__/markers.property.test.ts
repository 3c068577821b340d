// Markers evaluated in many environments at once give each environment what it gets evaluated alone
// (where the sharing of values between environments could go wrong); and the check's MarkerSpace
// answers from them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ENVIRONMENTS, MarkerSpace } from '../src/check/markers.js';
import type { Marker } from '../src/parse/marker.js';
import { evaluateMarker, MarkerEnvironments, type MarkerEnvironment, type MarkerEvaluation } from '../src/parse/marker-evaluation.js';
import { marker } from './helpers/marker.js';
import { parseSpecifierSet, type SpecifierSet } from '../src/pep440/specifier.js';

/** The evaluations one environment at a time. */
function oneByOne(parsed: Marker, environments: ReadonlyArray<Partial<MarkerEnvironment>>): MarkerEvaluation[] {
  return environments.map((environment) => evaluateMarker(parsed, environment));
}

// Every spelling of every variable, old aliases included.
const VARIABLES = [
  'python_version',
  'python_full_version',
  'os_name',
  'os.name',
  'sys_platform',
  'sys.platform',
  'platform_release',
  'platform_system',
  'platform_version',
  'platform.version',
  'platform_machine',
  'platform.machine',
  'platform_python_implementation',
  'platform.python_implementation',
  'python_implementation',
  'implementation_name',
  'implementation_version',
  'extra',
  'extras',
  'dependency_groups',
];
const OPERATORS = ['===', '==', '~=', '!=', '<=', '>=', '<', '>', 'in', 'not in'];
// Values the environments hold (so that comparisons are often true), versions and prefixes of them,
// what is no version at all, names of extras and groups, and variable names (looked up when on the right).
const VALUES = [
  '3.6',
  '3.9',
  '3.10',
  '3.11.2',
  '3.10.0+',
  '3.13.20',
  '3',
  '3.1',
  '3.*',
  '3.10.*',
  '2.7',
  '1!3.9',
  '3.10rc1',
  '3.10.0+local',
  'linux',
  'win32',
  'darwin',
  'Linux',
  'Windows',
  'Darwin',
  'posix',
  'nt',
  'x86_64',
  'aarch64',
  'AMD64',
  'ARM64',
  'arm64',
  'cpython',
  'pypy',
  'CPython',
  'PyPy',
  '',
  'foo',
  '5.15.0',
  '#1 SMP',
  'gpu',
  'Dev_Tools',
  'dev-tools',
  'test',
  'lin',
  'python_version',
  'os_name',
  'extra',
  'extras',
  'no_such_variable',
];
const quoted = fc.constantFrom(...VALUES).map((value) => `"${value}"`);
const operand = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...VARIABLES) }, { weight: 3, arbitrary: quoted });
const comparison = fc.oneof(
  fc.tuple(fc.constantFrom(...VARIABLES), fc.constantFrom(...OPERATORS), quoted).map(([l, op, r]) => `${l} ${op} ${r}`),
  fc.tuple(quoted, fc.constantFrom(...OPERATORS), fc.constantFrom(...VARIABLES)).map(([l, op, r]) => `${l} ${op} ${r}`),
  fc.tuple(operand, fc.constantFrom(...OPERATORS), operand).map(([l, op, r]) => `${l} ${op} ${r}`),
  // Membership in the environment's sets of extras and groups, by normalised name.
  fc
    .tuple(
      fc.constantFrom('"gpu"', '"dev-tools"', '"Test"', '"docs"'),
      fc.constantFrom('in', 'not in'),
      fc.constantFrom('extras', 'dependency_groups'),
    )
    .map(([l, op, r]) => `${l} ${op} ${r}`),
);
const { marker: markerText } = fc.letrec<{ marker: string; atom: string }>((tie) => ({
  marker: fc
    .array(fc.tuple(tie('atom'), fc.constantFrom(' and ', ' or ')), { minLength: 1, maxLength: 5 })
    .map((parts) => parts.map(([atom, join], index) => (index < parts.length - 1 ? atom + join : atom)).join('')),
  atom: fc.oneof(
    { maxDepth: 4, withCrossShrink: true },
    comparison,
    tie('marker').map((inner) => `(${inner})`),
  ),
}));
const markerArb = markerText.map(marker);

// Environments with any of the variables, some missing (packaging raises where one is looked up).
const name = fc.constantFrom('gpu', 'Dev_Tools', 'test', 'docs');
const environmentArb: fc.Arbitrary<Partial<MarkerEnvironment>> = fc.record(
  {
    python_version: fc.constantFrom('3.6', '3.9', '3.10', '3.13', '2.7'),
    python_full_version: fc.constantFrom('3.9.0', '3.10.12', '3.10.0+', '3.13.0rc1', 'not a version'),
    os_name: fc.constantFrom('posix', 'nt'),
    sys_platform: fc.constantFrom('linux', 'win32', 'darwin'),
    platform_release: fc.constantFrom('5.15.0', '10', '', '6.1.0-rc2'),
    platform_system: fc.constantFrom('Linux', 'Windows', 'Darwin'),
    platform_version: fc.constantFrom('#1 SMP', '10.0'),
    platform_machine: fc.constantFrom('x86_64', 'aarch64', 'AMD64', 'arm64'),
    platform_python_implementation: fc.constantFrom('CPython', 'PyPy'),
    implementation_name: fc.constantFrom('cpython', 'pypy'),
    implementation_version: fc.constantFrom('3.10.12', '7.3.13', '3.13.0b1'),
    extras: fc.array(name, { maxLength: 2 }),
    dependency_groups: fc.array(name, { maxLength: 2 }),
  },
  { requiredKeys: [] },
);

describe('MarkerEnvironments', () => {
  it("gives each of the check's sample environments what it gives that environment alone", () => {
    const environments = new MarkerEnvironments(ENVIRONMENTS);
    fc.assert(
      fc.property(markerArb, (parsed) => {
        assert.deepEqual(environments.evaluate(parsed), oneByOne(parsed, ENVIRONMENTS));
      }),
      { numRuns: 300 },
    );
  });

  it('gives any environments, some lacking variables, what it gives each alone', () => {
    fc.assert(
      fc.property(fc.array(environmentArb, { maxLength: 40 }), markerArb, (list, parsed) => {
        assert.deepEqual(new MarkerEnvironments(list).evaluate(parsed), oneByOne(parsed, list));
      }),
      { numRuns: 300 },
    );
  });

  it('evaluates every comparison: an error in one raises in every environment it reaches', () => {
    const evaluations = new MarkerEnvironments(ENVIRONMENTS).evaluate(marker('os_name == "posix" or os_name ~= "x"'));
    assert.ok(evaluations.every((evaluation) => !evaluation.ok));
    const some = new MarkerEnvironments([{ os_name: 'nt' }, { sys_platform: 'linux' }]).evaluate(
      marker('sys_platform == "linux" or os_name == "nt"'),
    );
    assert.deepEqual(some, [
      { ok: false, message: "Marker variable 'sys_platform' is not defined in the environment" },
      { ok: false, message: "Marker variable 'os_name' is not defined in the environment" },
    ]);
  });

  it('evaluates a marker of 10,000 clauses as it would one environment at a time', () => {
    const text = Array.from(
      { length: 5000 },
      (_, index) => `python_version >= "3.${index % 14}" and platform_system != "Windows" or sys_platform == "linux${index}"`,
    ).join(' or ');
    const parsed = marker(text);
    assert.deepEqual(new MarkerEnvironments(ENVIRONMENTS).evaluate(parsed), oneByOne(parsed, ENVIRONMENTS));
  });
});

describe('MarkerSpace', () => {
  const set = (text: string): SpecifierSet => {
    const parsed = parseSpecifierSet(text);
    assert.ok(parsed.ok);
    return parsed.set;
  };

  it('answers for a marker of 20,000 comparisons where it holds, and with what', () => {
    // Holds from Python 3.9 on, off Windows; 20,000 comparisons took 2.2 s one environment at a time.
    const big = Array.from({ length: 10_000 }, () => 'python_version >= "3.9" and platform_system != "Windows"').join(' or ');
    const space = new MarkerSpace();
    assert.equal(space.holds(big, set('>=3.10')), true);
    assert.equal(space.holds(big, set('<3.9')), false);
    assert.equal(space.canHoldTogether([big, 'platform_system == "Windows"']), false);
    assert.equal(space.canHoldTogether([big, 'sys_platform == "darwin" and python_version == "3.9"']), true);
    assert.equal(space.canHoldTogether([big, 'platform_machine == "ARM64"']), false);
  });

  it('takes a marker to hold wherever packaging raises, and one that does not parse to hold everywhere', () => {
    const space = new MarkerSpace();
    assert.equal(space.canHoldTogether(['python_version < "3.7" and os_name ~= "posix"', 'python_version >= "3.12"']), true);
    assert.equal(space.canHoldTogether(['python_version < "3.7" and os_name == "posix"', 'python_version >= "3.12"']), false);
    assert.equal(space.canHoldTogether(['python_version >>= "3.7"', 'python_version >= "3.12"']), true);
  });
});
