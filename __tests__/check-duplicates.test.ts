// One package pinned twice in one install set: conflicting-pin and duplicate-pin, in the order pip
// reads the set's files.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_FINDINGS_PER_RULE_AND_FILE } from '../src/check/finding-cap.js';
import { runChecks } from '../src/check/index.js';
import type { Finding, ParseResult } from '../src/model.js';
import { parseTexts, readFixture, testMatrix, testProfile } from './helpers/matrix-fixture.js';

function findings(
  parse: ParseResult,
  profile = 'auto',
  profiles = [testProfile('web', { packages: { 'python-dotenv': '==1.0.0' } })],
): Finding[] {
  const outcome = runChecks(parse, testMatrix({ profiles }), { profile });
  assert.ok(outcome.ok);
  return outcome.findings.filter((finding) => finding.rule === 'conflicting-pin' || finding.rule === 'duplicate-pin');
}

function summary(finding: Finding): string {
  const related = (finding.related ?? []).map((location) => `${location.file}:${location.line}`).join(',');
  return `${finding.file}:${finding.line} ${finding.severity} ${finding.rule} -> ${finding.fix} [${related}]`;
}

test('the later of two pins no version satisfies is an error, across files and Dockerfile RUNs too', () => {
  assert.deepEqual(findings(readFixture('duplicates/fires')).map(summary), [
    'Dockerfile:4 error conflicting-pin -> requests==2.31.0 [requirements.txt:4]',
    // requirements-ml.txt is read at line 2, where requirements.txt includes it: numpy<1.24 comes later.
    'requirements.txt:5 error conflicting-pin -> numpy==1.26.4 [requirements-ml.txt:2]',
    'requirements.txt:6 notice duplicate-pin -> null [requirements.txt:3]',
    'requirements.txt:7 error conflicting-pin -> python-dotenv==1.0.1 [requirements.txt:3]',
  ]);
});

test('a conflict says why pip fails and what to pin', () => {
  const conflict = findings(readFixture('duplicates/fires')).find(
    (finding) => finding.package === 'python-dotenv' && finding.rule === 'conflicting-pin',
  );
  assert.equal(
    conflict?.message,
    'python-dotenv==1.0.0 conflicts with python-dotenv==1.0.1 at requirements.txt:3: no version satisfies both, so pip stops with ResolutionImpossible (or, in separate RUN commands, the later install silently replaces the earlier). Pin python-dotenv==1.0.1 in both places, or delete one.',
  );
});

test("under a profile, both pins should agree on the profile's version", () => {
  const parse = parseTexts({ 'requirements.txt': 'python-dotenv==1.0.1\npython-dotenv==1.0.0\n' });
  assert.deepEqual(
    findings(parse, 'web').map((finding) => finding.fix),
    ['python-dotenv==1.0.0'],
  );
});

test('exclusive markers, constraints narrowing a range, and different extras are not duplicates or conflicts', () => {
  assert.deepEqual(findings(readFixture('duplicates/silent')).map(summary), []);
});

test('markers that can hold together still conflict', () => {
  const parse = parseTexts({ 'requirements.txt': 'numpy==1.24.4; sys_platform == "linux"\nnumpy==1.26.4; python_version >= "3.10"\n' });
  assert.deepEqual(findings(parse).map(summary), [
    'requirements.txt:2 error conflicting-pin -> numpy==1.24.4; python_version >= "3.10" [requirements.txt:1]',
  ]);
});

test('a package written many different ways stays linear: each pin is compared with a bounded number of earlier variants', () => {
  const lines = Array.from({ length: 5000 }, (_, index) => `numpy==1.${index}.0`);
  const found = findings(parseTexts({ 'requirements.txt': `${lines.join('\n')}\n` }));
  // 4,999 conflicts: the report keeps the first 1,000 and one finding counting the rest (finding-cap.test.ts).
  assert.equal(found.length, 1001);
  // Each later pin is reported against the first, not against every earlier variant.
  assert.ok(found.slice(0, 1000).every((finding) => finding.related?.[0]?.line === 1));
});

test('one package pinned 50,000 ways: each later pin conflicts with the first, as two would', () => {
  // 200,000 such lines took 3.7 s and 700 MB, most of it laying out the ranges of each pin to compare two exact pins.
  const lines = Array.from({ length: 50_000 }, (_, index) => `numpy==1.0.${index}`);
  const found = findings(parseTexts({ 'requirements.txt': `${lines.join('\n')}\n` }));
  // The report lists the first MAX_FINDINGS_PER_RULE_AND_FILE and counts the rest in one finding.
  const listed = found.filter((finding) => finding.package !== null);
  assert.equal(listed.length, MAX_FINDINGS_PER_RULE_AND_FILE);
  assert.match(
    found.find((finding) => finding.package === null)?.message ?? '',
    new RegExp(`^conflicting-pin findings on ${lines.length - 1 - MAX_FINDINGS_PER_RULE_AND_FILE} more lines`),
  );
  listed.forEach((finding, index) => {
    const line = index + 2;
    assert.deepEqual(
      {
        rule: finding.rule,
        line: finding.line,
        expected: finding.expected,
        actual: finding.actual,
        fix: finding.fix,
        related: finding.related,
      },
      {
        rule: 'conflicting-pin',
        line,
        expected: '==1.0.0',
        actual: `==1.0.${index + 1}`,
        fix: 'numpy==1.0.0',
        related: [{ file: 'requirements.txt', line: 1, column: 1, endLine: 1, endColumn: 12, message: 'numpy==1.0.0' }],
      },
    );
  });
  assert.equal(
    listed[listed.length - 1]?.message,
    'numpy==1.0.1000 conflicts with numpy==1.0.0 at requirements.txt:1: no version satisfies both, so pip stops with ResolutionImpossible (or, in separate RUN commands, the later install silently replaces the earlier). Pin numpy==1.0.0 in both places, or delete one.',
  );
});

test('one package pinned alike 20,000 times: each later pin repeats the first, quoted as written', () => {
  const lines = Array.from({ length: 20_000 }, (_, index) => (index % 2 === 0 ? 'NumPy==1.0' : 'numpy == 1.0'));
  const found = findings(parseTexts({ 'requirements.txt': `${lines.join('\n')}\n` }));
  const listed = found.filter((finding) => finding.package !== null);
  assert.equal(listed.length, MAX_FINDINGS_PER_RULE_AND_FILE);
  assert.match(
    found.find((finding) => finding.package === null)?.message ?? '',
    new RegExp(`^duplicate-pin findings on ${lines.length - 1 - MAX_FINDINGS_PER_RULE_AND_FILE} more lines`),
  );
  listed.forEach((finding, index) => {
    const quoted = index % 2 === 0 ? 'numpy==1.0' : 'NumPy==1.0';
    assert.deepEqual(
      {
        rule: finding.rule,
        line: finding.line,
        package: finding.package,
        related: finding.related?.map((location) => `${location.line} ${location.message}`),
      },
      { rule: 'duplicate-pin', line: index + 2, package: 'numpy', related: ['1 NumPy==1.0'] },
    );
    assert.equal(
      finding.message,
      `${quoted} repeats NumPy==1.0 at requirements.txt:1; one of them can go, so that a later change cannot update one and miss the other.`,
    );
  });
});

test('a set of many files, some with no requirements, finds each pin in its own file', () => {
  const files: Record<string, string> = {
    'requirements.txt': Array.from({ length: 40 }, (_, index) => `-r part-${index}.txt`).join('\n') + '\n',
  };
  for (let index = 0; index < 40; index++)
    files[`part-${index}.txt`] = index % 3 === 1 ? '# nothing pinned here\n' : `pkg${index}==1.0\nshared==1.${index}\n`;
  const conflicts = findings(parseTexts(files)).filter((finding) => finding.rule === 'conflicting-pin');
  // Every part that pins `shared` after the first conflicts with the first, part-0.txt.
  assert.deepEqual(
    conflicts.map((finding) => `${finding.file}:${finding.line} [${finding.related?.[0]?.file}]`),
    Array.from({ length: 40 }, (_, index) => index)
      .filter((index) => index > 0 && index % 3 !== 1)
      .map((index) => `part-${index}.txt:2 [part-0.txt]`)
      .sort(),
  );
});

test('two packages pinned in turns stay two packages, each later pin compared with its own first', () => {
  const text = 'pkg6pt==1.0\npkgcs60==2.0\nPKG6PT==2.0\npkgcs60==2.0\n';
  assert.deepEqual(findings(parseTexts({ 'requirements.txt': text })).map(summary), [
    'requirements.txt:3 error conflicting-pin -> PKG6PT==1.0 [requirements.txt:1]',
    'requirements.txt:4 notice duplicate-pin -> null [requirements.txt:2]',
  ]);
});

test('the same pin in two files of one set, or in two pyproject extras, is no duplicate; in one file or group it is', () => {
  const parse = parseTexts({
    'requirements.txt': '-r requirements-base.txt\nnumpy==1.26.4\n',
    'requirements-base.txt': 'numpy==1.26.4\n',
    'pyproject.toml': [
      '[project]',
      'name = "x"',
      'version = "1"',
      '[project.optional-dependencies]',
      'train = ["torch==2.5.1", "einops==0.8.0", "einops==0.8.0"]',
      'dev = ["torch==2.5.1", "pytest==8.3.3"]',
      '',
    ].join('\n'),
  });
  assert.deepEqual(findings(parse).map(summary), ['pyproject.toml:5 notice duplicate-pin -> null [pyproject.toml:5]']);
});
