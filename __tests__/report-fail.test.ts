import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding, Severity } from '../src/model.js';
import { FAIL_ON_LEVELS, failingFindings, isAtOrAbove, parseFailOn } from '../src/report/fail.js';

function finding(severity: Severity, inDiff?: boolean): Finding {
  return {
    rule: 'r',
    severity,
    message: 'm',
    file: 'a.txt',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 2,
    package: null,
    ...(inDiff === undefined ? {} : { inDiff }),
  };
}

test('fail-on accepts error, warning, notice and never, and nothing else', () => {
  assert.deepEqual(FAIL_ON_LEVELS, ['error', 'warning', 'notice', 'never']);
  for (const level of FAIL_ON_LEVELS) assert.equal(parseFailOn(level), level);
  for (const wrong of ['', 'Error', 'errors', 'info', 'none', ' error']) assert.equal(parseFailOn(wrong), null);
});

test('a severity is at or above the threshold by rank; never is never reached', () => {
  const table: Array<[Severity, string, boolean]> = [
    ['error', 'error', true],
    ['warning', 'error', false],
    ['notice', 'error', false],
    ['error', 'warning', true],
    ['warning', 'warning', true],
    ['notice', 'warning', false],
    ['error', 'notice', true],
    ['warning', 'notice', true],
    ['notice', 'notice', true],
    ['error', 'never', false],
    ['warning', 'never', false],
    ['notice', 'never', false],
  ];
  for (const [severity, failOn, expected] of table) {
    assert.equal(isAtOrAbove(severity, parseFailOn(failOn) ?? 'never'), expected, `${severity} vs ${failOn}`);
  }
});

test('only findings in scope fail the run: pre-existing ones (inDiff false) never do', () => {
  const findings = [finding('error', false), finding('warning', true), finding('notice')];
  assert.deepEqual(failingFindings(findings, 'error'), []);
  assert.deepEqual(failingFindings(findings, 'warning'), [findings[1]]);
  assert.deepEqual(failingFindings(findings, 'notice'), [findings[1], findings[2]]);
  assert.deepEqual(failingFindings(findings, 'never'), []);
});
