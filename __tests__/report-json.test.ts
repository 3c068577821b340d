import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { CheckResult } from '../src/engine-types.js';
import { toJsonReport } from '../src/report/json.js';

const loadResult = (): CheckResult =>
  JSON.parse(readFileSync(new URL('../../__tests__/fixtures/github/check-result.json', import.meta.url), 'utf8')) as CheckResult;

test('the report has the contract keys, with profileReason, diagnostics and runtime added', () => {
  const report = toJsonReport(loadResult());
  assert.deepEqual(Object.keys(report), ['tool', 'profile', 'profileReason', 'files', 'findings', 'counts', 'diagnostics', 'runtime']);
  assert.deepEqual(report.tool, { name: 'compat-guard', version: '0.1.0' });
  assert.equal(report.profile, 'callytics-cu121');
  assert.equal(report.profileReason, 'pins 11 of 13 packages of the profile');
  assert.deepEqual(report.files, [
    { path: 'Dockerfile', kind: 'dockerfile' },
    { path: 'requirements.txt', kind: 'requirements' },
  ]);
  assert.deepEqual(report.counts, { error: 4, warning: 1, notice: 1 });
  assert.equal(report.diagnostics.length, 1);
  assert.equal(report.runtime?.status, 'ran');
});

test('every finding carries every field, null where it does not apply', () => {
  const report = toJsonReport(loadResult());
  const keys = [
    'rule',
    'severity',
    'message',
    'file',
    'line',
    'column',
    'endLine',
    'endColumn',
    'package',
    'expected',
    'actual',
    'fix',
    'related',
    'inDiff',
    'source',
    'origin',
  ];
  for (const finding of report.findings) assert.deepEqual(Object.keys(finding), keys);

  const numpy = report.findings.find((finding) => finding.rule === 'pin-outside-profile');
  assert.deepEqual(numpy, {
    rule: 'pin-outside-profile',
    severity: 'error',
    message: 'numpy==1.24.4 is outside profile callytics-cu121 (numpy==1.23.5): NeMo 1.17 uses NumPy aliases removed in 1.24',
    file: 'requirements.txt',
    line: 12,
    column: 1,
    endLine: 12,
    endColumn: 13,
    package: 'numpy',
    expected: '==1.23.5',
    actual: '==1.24.4',
    fix: 'numpy==1.23.5',
    related: [{ file: 'Dockerfile', line: 9, message: 'installed by this pip install' }],
    inDiff: null,
    source: null,
    origin: 'static',
  });
  const parseError = report.findings.find((finding) => finding.rule === 'parse-error');
  assert.equal(parseError?.expected, null);
  assert.equal(parseError?.fix, null);
  assert.equal(parseError?.related, null);
  assert.equal(report.findings.find((finding) => finding.file === null)?.origin, 'runtime');
});

test('inDiff is kept as the diff filter set it', () => {
  const result = loadResult();
  result.findings = result.findings.map((finding, index) => ({ ...finding, inDiff: index === 0 }));
  const report = toJsonReport(result);
  assert.deepEqual(
    report.findings.map((finding) => finding.inDiff),
    [true, false, false, false, false, false],
  );
});

test('a run with no profile and no findings reports null and zero counts', () => {
  const result = { ...loadResult(), profile: null, findings: [], diagnostics: [], runtime: undefined };
  const report = toJsonReport(result);
  assert.equal(report.profile, null);
  assert.equal(report.profileReason, null);
  assert.equal(report.runtime, null);
  assert.deepEqual(report.counts, { error: 0, warning: 0, notice: 0 });
  assert.deepEqual(JSON.parse(JSON.stringify(report)), report);
});
