import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ANNOTATE_MODES,
  describeScope,
  isInFilter,
  parseAnnotateMode,
  scopeFindings,
  type AnnotateMode,
  type ChangedFile,
  type DiffIndex,
} from '../src/github/filter.js';
import type { Finding } from '../src/model.js';

// requirements.txt: line 12 added, 10-11 and 13-14 context. Dockerfile: touched by a pure rename (no lines).
const DIFF: DiffIndex = new Map<string, ChangedFile>([
  ['requirements.txt', { added: new Set([12]), context: new Set([10, 11, 13, 14]), wholeFile: false }],
  ['Dockerfile', { added: new Set(), context: new Set(), wholeFile: false }],
  ['big.txt', { added: new Set(), context: new Set(), wholeFile: true }],
]);

function at(file: string | null, line: number | null, endLine: number | null = line, related?: Finding['related']): Finding {
  return {
    rule: 'r',
    severity: 'error',
    message: 'm',
    file,
    line,
    column: line === null ? null : 1,
    endLine,
    endColumn: line === null ? null : 5,
    package: null,
    ...(related ? { related } : {}),
  };
}

function inFilter(mode: AnnotateMode, file: string, line: number | null, endLine: number | null = line): boolean {
  return isInFilter({ file, line, endLine }, DIFF, mode);
}

test('added: only lines the change adds', () => {
  assert.equal(inFilter('added', 'requirements.txt', 12), true);
  assert.equal(inFilter('added', 'requirements.txt', 11), false);
  assert.equal(inFilter('added', 'requirements.txt', 30), false);
  assert.equal(inFilter('added', 'Dockerfile', 1), false);
  assert.equal(inFilter('added', 'setup.cfg', 1), false);
});

test('diff_context: added or context lines of a hunk', () => {
  assert.equal(inFilter('diff_context', 'requirements.txt', 10), true);
  assert.equal(inFilter('diff_context', 'requirements.txt', 14), true);
  assert.equal(inFilter('diff_context', 'requirements.txt', 15), false);
  assert.equal(inFilter('diff_context', 'Dockerfile', 1), false);
});

test('file: anywhere in a touched file; nofilter: everywhere; none: the added lines (only annotations are off)', () => {
  assert.equal(inFilter('file', 'requirements.txt', 300), true);
  assert.equal(inFilter('file', 'Dockerfile', 1), true);
  assert.equal(inFilter('file', 'setup.cfg', 1), false);
  assert.equal(inFilter('nofilter', 'setup.cfg', 1), true);
  assert.equal(inFilter('none', 'setup.cfg', 12), false);
  assert.equal(inFilter('none', 'requirements.txt', 300), false);
  assert.equal(inFilter('none', 'requirements.txt', 12), inFilter('added', 'requirements.txt', 12));
});

test('a multi-line span is in when one of its lines is, however long it is', () => {
  assert.equal(inFilter('added', 'requirements.txt', 8, 12), true);
  assert.equal(inFilter('added', 'requirements.txt', 13, 20), false);
  assert.equal(inFilter('added', 'requirements.txt', 1, 1_000_000_000), true);
  assert.equal(inFilter('diff_context', 'requirements.txt', 14, 2_000_000_000), true);
  assert.equal(inFilter('added', 'requirements.txt', 13, 2_000_000_000), false);
});

test('a file whose lines could not be read counts as changed everywhere; a finding of no line as its file', () => {
  assert.equal(inFilter('added', 'big.txt', 4000), true);
  assert.equal(inFilter('added', 'Dockerfile', null), true);
  assert.equal(inFilter('added', 'setup.cfg', null), false);
});

test('a finding is in the diff through a related location, and is annotated there', () => {
  const finding = at('constraints.txt', 3, 3, [
    { file: 'setup.cfg', line: 1 },
    { file: 'requirements.txt', line: 12, column: 1, endColumn: 13, message: 'torch pinned here' },
  ]);
  const [scoped] = scopeFindings([finding], DIFF, 'added');
  assert.equal(scoped?.finding.inDiff, true);
  assert.deepEqual(scoped?.anchor, {
    file: 'requirements.txt',
    line: 12,
    column: 1,
    endLine: 12,
    endColumn: 13,
    reportedAt: 'constraints.txt:3:1',
  });
  assert.equal(finding.inDiff, undefined, 'the input is not changed');
});

test('scoping marks every finding and keeps the order; own locations win over related ones', () => {
  const findings = [at('requirements.txt', 12, 12, [{ file: 'Dockerfile', line: 1 }]), at('requirements.txt', 2), at(null, null)];
  const scoped = scopeFindings(findings, DIFF, 'added');
  assert.deepEqual(
    scoped.map((entry) => entry.finding.inDiff),
    [true, false, true],
  );
  assert.equal(scoped[0]?.anchor?.file, 'requirements.txt');
  assert.equal(scoped[0]?.anchor?.reportedAt, undefined);
  assert.equal(scoped[1]?.anchor, null);
  assert.equal(scoped[2]?.anchor, null, 'a finding of no file is in scope but has nothing to anchor to');
});

test('outside a pull request (no diff) everything is in, in every mode', () => {
  for (const mode of ANNOTATE_MODES) {
    const scoped = scopeFindings([at('setup.cfg', 3), at(null, null)], null, mode);
    assert.deepEqual(
      scoped.map((entry) => entry.finding.inDiff),
      [true, true],
      mode,
    );
  }
});

test('annotate: none in a pull request scopes like added, runtime findings included', () => {
  const scoped = scopeFindings([at('requirements.txt', 12), at('requirements.txt', 300), at(null, null)], DIFF, 'none');
  const added = scopeFindings([at('requirements.txt', 12), at('requirements.txt', 300), at(null, null)], DIFF, 'added');
  assert.deepEqual(
    scoped.map((entry) => entry.finding.inDiff),
    added.map((entry) => entry.finding.inDiff),
  );
  assert.deepEqual(
    scoped.map((entry) => entry.finding.inDiff),
    [inFilter('added', 'requirements.txt', 12), false, true],
  );
});

test('modes parse exactly, and the scope reads as a sentence', () => {
  assert.deepEqual(ANNOTATE_MODES, ['added', 'diff_context', 'file', 'nofilter', 'none']);
  assert.equal(parseAnnotateMode('diff_context'), 'diff_context');
  assert.equal(parseAnnotateMode('diff-context'), null);
  assert.equal(parseAnnotateMode('Added'), null);
  assert.equal(describeScope(7, 'added'), 'pull request #7: findings on lines it adds or changes (annotate: added)');
  assert.equal(describeScope(7, 'none'), 'pull request #7: findings on lines it adds or changes, not annotated (annotate: none)');
});
