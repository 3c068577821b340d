// What users silence: `# compat-guard: ignore[rule]` on a line, and the matrix's `ignore:` entries.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runChecks } from '../src/check/index.js';
import { applySuppressions } from '../src/check/suppress.js';
import type { IgnoreEntry } from '../src/matrix/types.js';
import type { Finding } from '../src/model.js';
import { readFixture, testMatrix, testProfile } from './helpers/matrix-fixture.js';

const PROFILE = testProfile('speech-cu121', {
  packages: { numpy: '==1.23.5', transformers: '==4.40.2', datasets: '==2.19.2', pydantic: '==2.7.4' },
});

function check(ignore: IgnoreEntry[] = []): string[] {
  const outcome = runChecks(readFixture('suppress'), testMatrix({ profiles: [PROFILE], ignore }), { profile: 'speech-cu121' });
  assert.ok(outcome.ok);
  return outcome.findings.map((finding) => `${finding.file}:${finding.line} ${finding.rule}`);
}

test('an inline comment silences the rules it names on its line, or on the next line when it stands alone', () => {
  // numpy (line 2) and transformers (line 4, under `ignore[*]`) are silenced; the comments on
  // lines 5 and 6 name other rules than the ones that fire there.
  assert.deepEqual(check(), ['docs/requirements.txt:3 unpinned', 'requirements.txt:5 unpinned', 'requirements.txt:6 pin-outside-profile']);
});

test('a matrix ignore entry silences a rule under its path globs, or everywhere without paths', () => {
  assert.deepEqual(check([{ rule: 'unpinned', paths: ['docs/**'] }]), [
    'requirements.txt:5 unpinned',
    'requirements.txt:6 pin-outside-profile',
  ]);
  assert.deepEqual(check([{ rule: 'unpinned' }]), ['requirements.txt:6 pin-outside-profile']);
  assert.deepEqual(check([{ rule: '*', paths: ['requirements.txt'] }]), ['docs/requirements.txt:3 unpinned']);
  // A folder name covers what is below it.
  assert.deepEqual(check([{ rule: '*', paths: ['docs'] }]), ['requirements.txt:5 unpinned', 'requirements.txt:6 pin-outside-profile']);
});

function finding(rule: string, file: string | null, line: number | null, endLine = line): Finding {
  return { rule, severity: 'error', message: rule, file, line, column: 1, endLine, endColumn: 1, package: null };
}

test('globs use `*` within a folder, `?` for one character and `**` across folders', () => {
  const findings = [
    finding('unpinned', 'services/api/requirements.txt', 1),
    finding('unpinned', 'services/requirements-dev.txt', 1),
    finding('unpinned', 'requirements.txt', 1),
  ];
  const kept = (paths: string[]): Array<string | null> =>
    applySuppressions(findings, [], [{ rule: 'unpinned', paths }]).map((entry) => entry.file);
  assert.deepEqual(kept(['services/*.txt']), ['services/api/requirements.txt', 'requirements.txt']);
  assert.deepEqual(kept(['**/requirements.txt']), ['services/requirements-dev.txt']);
  assert.deepEqual(kept(['services/requirements-???.txt']), ['services/api/requirements.txt', 'requirements.txt']);
});

test('findings without a file are only silenced by entries without paths; a multi-line requirement may carry its comment on any line', () => {
  const runtime = finding('gpu-not-visible', null, null);
  assert.deepEqual(applySuppressions([runtime], [], [{ rule: 'gpu-not-visible', paths: ['**'] }]), [runtime]);
  assert.deepEqual(applySuppressions([runtime], [], [{ rule: 'gpu-not-visible' }]), []);
  const continued = finding('unpinned', 'requirements.txt', 3, 4);
  const file = {
    path: 'requirements.txt',
    kind: 'requirements' as const,
    requirements: [],
    python: [],
    cuda: [],
    images: [],
    indexes: [],
    includes: [],
    suppressions: [{ line: 4, rules: ['unpinned'] }],
  };
  assert.deepEqual(applySuppressions([continued], [file], []), []);
});
