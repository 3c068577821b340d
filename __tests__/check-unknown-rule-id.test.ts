// unknown-rule-id: an ignore comment or a matrix ignore entry naming no known rule is a warning at
// its line (it silences nothing); known ids (built-in, runtime, the matrix's own rules, `*`) are not.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runChecks } from '../src/check/index.js';
import { parseTexts, testMatrix, testProfile, testRule } from './helpers/matrix-fixture.js';
import { makeTree, removeTree } from './helpers/temp-tree.js';

const PROFILE = testProfile('speech-cu121', { packages: { numpy: '==1.23.5' } });
const CLI = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url));

function unknownIds(text: string): string[] {
  const matrix = testMatrix({
    profiles: [PROFILE],
    rules: [testRule('team-numpy', { when: { torch: '>=99' }, require: { numpy: '<2' } })],
  });
  const outcome = runChecks(parseTexts({ 'requirements.txt': text }), matrix, { profile: 'speech-cu121' });
  assert.ok(outcome.ok);
  return outcome.findings
    .filter((finding) => finding.rule === 'unknown-rule-id')
    .map((finding) => `${finding.line} ${finding.severity} ${finding.fix ?? '-'} ${finding.message}`);
}

test('an ignore comment naming an unknown rule is a warning at its line, with the id it probably meant', () => {
  const found = unknownIds('numpy==1.23.5  # compat-guard: ignore[unpined, pin-outside-profile]\n');
  assert.deepEqual(found, [
    '1 warning unpinned ignore[unpined] names no rule compat-guard knows (did you mean unpinned?), so it silences nothing. Rule ids are listed in docs/rules.md; a rule of the matrix file counts by its id.',
  ]);
});

test('silent on built-in, runtime, matrix and wildcard ids', () => {
  const text = [
    'numpy==1.23.5  # compat-guard: ignore[pin-outside-profile]',
    'torch==2.1.0  # compat-guard: ignore[import-failed, team-numpy, *]',
    'pandas  # compat-guard: ignore[unpinned,unknown-rule-id]',
    '',
  ].join('\n');
  assert.deepEqual(unknownIds(text), []);
});

test("the matrix file's ignore: entry naming an unknown rule is a warning at its line", () => {
  const root = makeTree({
    'requirements.txt': 'numpy==1.23.5\n',
    '.github/compat-matrix.yml': 'ignore:\n  - rule: unpinned\n  - rule: torch-numpy\n    paths: ["docs/**"]\n',
  });
  try {
    const run = spawnSync(process.execPath, [CLI, 'check', '--format', 'json'], { cwd: root, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const findings = (JSON.parse(run.stdout) as { findings: Array<{ rule: string; file: string; line: number; message: string }> })
      .findings;
    const unknown = findings.filter((finding) => finding.rule === 'unknown-rule-id');
    assert.deepEqual(
      unknown.map((finding) => `${finding.file}:${finding.line}`),
      [`${path.posix.join('.github', 'compat-matrix.yml')}:3`],
    );
    assert.match(unknown[0]?.message ?? '', /^ignore: rule: torch-numpy names no rule compat-guard knows/);
  } finally {
    removeTree(root);
  }
});
