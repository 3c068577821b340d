import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { CheckResult } from '../src/engine-types.js';
import type { Finding, RuleInfo } from '../src/model.js';
import { MAX_SARIF_RESULTS, toSarif, type SarifLog } from '../src/report/sarif.js';

const loadResult = (): CheckResult =>
  JSON.parse(readFileSync(new URL('../../__tests__/fixtures/github/check-result.json', import.meta.url), 'utf8')) as CheckResult;

const CATALOG: RuleInfo[] = [
  { id: 'pin-outside-profile', severity: 'error', summary: 'an exact pin outside the profile' },
  { id: 'range-wider-than-profile', severity: 'warning', summary: 'a range that admits versions outside the profile' },
  { id: 'cuda-image-tag', severity: 'error', summary: 'an nvidia/cuda tag that does not exist or is end-of-life' },
  { id: 'gpu-not-visible', severity: 'error', summary: 'no CUDA device is visible' },
];

function run(log: SarifLog) {
  assert.equal(log.runs.length, 1);
  return log.runs[0] as SarifLog['runs'][number];
}

test('one SARIF 2.1.0 run with the tool, its version and a rule table GitHub can show', () => {
  const log = toSarif(loadResult(), CATALOG);
  assert.equal(log.version, '2.1.0');
  assert.match(log.$schema, /sarif-2\.1\.0/);
  const { driver } = run(log).tool;
  assert.equal(driver.name, 'compat-guard');
  assert.equal(driver.version, '0.1.0');
  assert.match(driver.informationUri, /^https:\/\//);
  const pin = driver.rules.find((rule) => rule.id === 'pin-outside-profile');
  assert.ok(pin);
  assert.equal(pin.name, 'PinOutsideProfile');
  assert.equal(pin.shortDescription.text, 'an exact pin outside the profile');
  assert.equal(pin.fullDescription.text, 'An exact pin outside the profile. See docs/rules.md#pin-outside-profile.');
  assert.match(pin.help.text, /docs\/rules\.md#pin-outside-profile/);
  assert.match(pin.helpUri, /\/docs\/rules\.md#pin-outside-profile$/);
  assert.equal(pin.defaultConfiguration.level, 'error');
  assert.equal(driver.rules.find((rule) => rule.id === 'range-wider-than-profile')?.defaultConfiguration.level, 'warning');
});

test('matrix rules link to their source; ids no table knows still get a rule', () => {
  const { driver } = run(toSarif(loadResult(), CATALOG)).tool;
  const nemo = driver.rules.find((rule) => rule.id === 'nemo-numpy');
  assert.equal(nemo?.helpUri, 'https://github.com/NVIDIA/NeMo/issues/6824');
  assert.equal(
    nemo?.fullDescription.text,
    'NeMo 1.17 uses NumPy aliases removed in 1.24. Matrix rule from .github/compat-matrix.yml:7; source: https://github.com/NVIDIA/NeMo/issues/6824.',
  );
  assert.ok(driver.rules.some((rule) => rule.id === 'parse-error'));
  assert.equal(new Set(driver.rules.map((rule) => rule.id)).size, driver.rules.length);
});

test('results point at their rule, file and region; endColumn becomes exclusive', () => {
  const sarifRun = run(toSarif(loadResult(), CATALOG));
  for (const result of sarifRun.results) {
    assert.equal(sarifRun.tool.driver.rules[result.ruleIndex]?.id, result.ruleId);
    assert.equal(result.locations.length, 1);
    assert.ok(result.locations[0]?.physicalLocation.artifactLocation.uri);
  }
  const pin = sarifRun.results.find((result) => result.ruleId === 'pin-outside-profile');
  assert.ok(pin);
  assert.equal(pin.level, 'error');
  assert.deepEqual(pin.locations[0]?.physicalLocation, {
    artifactLocation: { uri: 'requirements.txt', uriBaseId: '%SRCROOT%' },
    region: { startLine: 12, startColumn: 1, endLine: 12, endColumn: 14 },
  });
  assert.equal(
    pin.message.text,
    'numpy==1.24.4 is outside profile callytics-cu121 (numpy==1.23.5): NeMo 1.17 uses NumPy aliases removed in 1.24\nFix: numpy==1.23.5',
  );
  assert.deepEqual(pin.relatedLocations, [
    {
      id: 1,
      physicalLocation: { artifactLocation: { uri: 'Dockerfile', uriBaseId: '%SRCROOT%' }, region: { startLine: 9, endLine: 9 } },
      message: { text: 'installed by this pip install' },
    },
  ]);
  assert.equal(pin.properties?.fix, 'numpy==1.23.5');

  const range = sarifRun.results.find((result) => result.ruleId === 'range-wider-than-profile');
  assert.equal(range?.level, 'warning');
  assert.deepEqual(range?.locations[0]?.physicalLocation.region, { startLine: 14, startColumn: 1, endLine: 15, endColumn: 11 });
  const parseError = sarifRun.results.find((result) => result.ruleId === 'parse-error');
  assert.deepEqual(parseError?.locations[0]?.physicalLocation.region, { startLine: 20, startColumn: 14, endLine: 20 });
});

test('findings of no file become run notifications, never results without a location', () => {
  const sarifRun = run(toSarif(loadResult(), CATALOG));
  assert.equal(sarifRun.results.length, 5);
  const notifications = sarifRun.invocations[0]?.toolExecutionNotifications ?? [];
  assert.equal(notifications.length, 1);
  assert.equal(notifications[0]?.level, 'note');
  assert.equal(notifications[0]?.associatedRule.id, 'gpu-not-visible');
  assert.match(notifications[0]?.message.text ?? '', /no CUDA device is visible/);
});

test('paths become relative URI references', () => {
  const result = loadResult();
  result.findings = [{ ...(result.findings[1] as Finding), file: 'envs/gpu stack/requirements#1.txt' }];
  const uri = run(toSarif(result, CATALOG)).results[0]?.locations[0]?.physicalLocation.artifactLocation.uri;
  assert.equal(uri, 'envs/gpu%20stack/requirements%231.txt');
});

test('fingerprints survive lines moving and tell different findings apart', () => {
  const before = loadResult();
  const after = loadResult();
  after.findings = after.findings.map((finding) =>
    finding.line === null ? finding : { ...finding, line: finding.line + 5, endLine: (finding.endLine ?? finding.line) + 5 },
  );
  const prints = (result: CheckResult) =>
    run(toSarif(result, CATALOG)).results.map((result) => result.partialFingerprints['compatGuard/v1']);
  const first = prints(before);
  assert.deepEqual(prints(after), first);
  assert.equal(new Set(first).size, first.length);
  for (const print of first) assert.match(print ?? '', /^[0-9a-f]{32}$/);

  const twice = loadResult();
  twice.findings = [twice.findings[1] as Finding, { ...(twice.findings[1] as Finding), line: 30 }];
  const [one, two] = prints(twice);
  assert.notEqual(one, two);
});

test('past 25,000 results the most severe are kept and a notification says how many were left out', () => {
  const result = loadResult();
  const base = result.findings[1] as Finding;
  const findings: Finding[] = [];
  for (let i = 0; i < MAX_SARIF_RESULTS; i++) findings.push({ ...base, severity: 'warning', line: i + 1, endLine: i + 1 });
  findings.push({ ...base, severity: 'error', line: MAX_SARIF_RESULTS + 1, endLine: MAX_SARIF_RESULTS + 1 });
  result.findings = findings;
  const sarifRun = run(toSarif(result, CATALOG));
  assert.equal(sarifRun.results.length, MAX_SARIF_RESULTS);
  assert.equal(sarifRun.results.at(-1)?.level, 'error');
  const notes = sarifRun.invocations[0]?.toolExecutionNotifications ?? [];
  assert.match(notes.at(-1)?.message.text ?? '', /^1 less severe findings are not in this file/);
});
