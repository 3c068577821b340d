// The report keeps at most MAX_FINDINGS_PER_RULE_AND_FILE findings of one rule in one file, and
// says how many it left out: a file that repeats one mistake on every line must not fill memory.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runChecks } from '../src/check/index.js';
import { FindingCap, MAX_FINDINGS_PER_RULE_AND_FILE } from '../src/check/finding-cap.js';
import { scopeFindings, type DiffIndex } from '../src/github/filter.js';
import type { Finding } from '../src/model.js';
import { parseTexts, testMatrix, testProfile } from './helpers/matrix-fixture.js';

function check(files: Record<string, string>): Finding[] {
  const outcome = runChecks(parseTexts(files), testMatrix({ profiles: [testProfile('ml', { packages: { numpy: '==1.26.4' } })] }), {
    profile: 'auto',
  });
  assert.ok(outcome.ok);
  return outcome.findings;
}

/** A lock file gone wrong: numpy pinned again, to another version, on every line after the first. */
function repeatedPins(lines: number): string {
  return `${Array.from({ length: lines }, (_, index) => `numpy==1.${index}.0`).join('\n')}\n`;
}

function conflict(file: string, line: number): Finding {
  return {
    rule: 'conflicting-pin',
    severity: 'error',
    message: 'numpy conflicts',
    file,
    line,
    column: 1,
    endLine: line,
    endColumn: 12,
    package: 'numpy',
    expected: '==1.0.0',
    actual: '==2.0.0',
    fix: 'numpy==1.0.0',
  };
}

test("past the limit a rule's findings in a file are counted, not listed, and one error says so", () => {
  const lines = MAX_FINDINGS_PER_RULE_AND_FILE + 500;
  const conflicts = check({ 'requirements.txt': repeatedPins(lines) }).filter((finding) => finding.rule === 'conflicting-pin');
  assert.equal(conflicts.length, MAX_FINDINGS_PER_RULE_AND_FILE + 1);
  const listed = conflicts.filter((finding) => finding.package === 'numpy');
  assert.deepEqual([listed[0]?.line, listed.at(-1)?.line], [2, MAX_FINDINGS_PER_RULE_AND_FILE + 1]);
  const summary = conflicts.find((finding) => finding.package === null);
  assert.equal(summary?.severity, 'error');
  // It spans the lines left out: a pull request that changes one of them has it in its diff.
  assert.deepEqual([summary?.line, summary?.endLine], [MAX_FINDINGS_PER_RULE_AND_FILE + 2, lines]);
  assert.equal(
    summary?.message,
    `conflicting-pin findings on ${lines - 1 - MAX_FINDINGS_PER_RULE_AND_FILE} more lines of requirements.txt are not listed, from line ${MAX_FINDINGS_PER_RULE_AND_FILE + 2} on: a report keeps at most ${MAX_FINDINGS_PER_RULE_AND_FILE} per rule and file, for no reader acts on more. Fix those listed (often one mistake repeated) and check again to see the rest.`,
  );
});

test('a file installed by two sets (alone and by a Dockerfile stage) uses up its room once, and its lines left out are counted once', () => {
  const lines = MAX_FINDINGS_PER_RULE_AND_FILE + 20;
  const conflicts = check({
    'requirements.txt': repeatedPins(lines),
    Dockerfile: 'FROM python:3.11-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n',
  }).filter((finding) => finding.rule === 'conflicting-pin' && finding.file === 'requirements.txt');
  assert.equal(conflicts.length, MAX_FINDINGS_PER_RULE_AND_FILE + 1);
  assert.match(
    conflicts.find((finding) => finding.package === null)?.message ?? '',
    /^conflicting-pin findings on 19 more lines of requirements\.txt/,
  );
});

test('the limit holds per rule and per file: other rules and other files keep their own room', () => {
  const cap = new FindingCap(2);
  const kept: Finding[] = [];
  const sink = cap.into(kept);
  for (const file of ['a.txt', 'b.txt']) for (let line = 1; line <= 3; line++) sink.push(conflict(file, line));
  sink.push({ ...conflict('a.txt', 9), rule: 'duplicate-pin', severity: 'notice' });
  // A finding at a place already kept (the same problem through another set) is not left out.
  sink.push(conflict('a.txt', 1));
  // Findings that belong to no file (the runtime check's) are never capped.
  for (let index = 0; index < 5; index++) sink.push({ ...conflict('a.txt', 1), file: null, line: null });
  assert.deepEqual(
    kept.map((finding) => `${finding.rule} ${finding.file}:${finding.line}`),
    [
      'conflicting-pin a.txt:1',
      'conflicting-pin a.txt:2',
      'conflicting-pin b.txt:1',
      'conflicting-pin b.txt:2',
      'duplicate-pin a.txt:9',
      'conflicting-pin a.txt:1',
      ...Array.from({ length: 5 }, () => 'conflicting-pin null:null'),
    ],
  );
  assert.deepEqual(
    cap.summaries().map((finding) => `${finding.rule} ${finding.file}:${finding.line} ${finding.severity}`),
    ['conflicting-pin a.txt:3 error', 'conflicting-pin b.txt:3 error'],
  );
});

test('the summary takes the most severe of what it left out, and stands at the first line left out', () => {
  const cap = new FindingCap(1);
  const sink = cap.into([]);
  sink.push(conflict('a.txt', 1));
  sink.push({ ...conflict('a.txt', 7), severity: 'notice' });
  sink.push({ ...conflict('a.txt', 5), severity: 'warning' });
  sink.push({ ...conflict('a.txt', 5), column: 20, severity: 'notice' });
  const [summary] = cap.summaries();
  assert.deepEqual([summary?.line, summary?.endLine, summary?.severity], [5, 7, 'warning']);
  assert.match(summary?.message ?? '', /^conflicting-pin findings on 2 more lines of a\.txt are not listed, from line 5 on/);
});

test('a pull request that adds one of the lines left out still fails on it: the summary is in its diff', () => {
  const cap = new FindingCap(2);
  const sink = cap.into([]);
  for (let line = 2; line <= 400; line++) sink.push(conflict('requirements.txt', line));
  const diff: DiffIndex = new Map([['requirements.txt', { added: new Set([250]), context: new Set<number>(), wholeFile: false }]]);
  const [scoped] = scopeFindings(cap.summaries(), diff, 'added');
  assert.equal(scoped?.finding.inDiff, true);
  assert.equal(scoped?.anchor?.line, 4);
});
