import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { CheckResult } from '../src/engine-types.js';
import { runCheck } from '../src/engine.js';
import type { Finding } from '../src/model.js';
import { formatText } from '../src/report/text.js';
import { makeTree, removeTree } from './helpers/temp-tree.js';

const loadResult = (): CheckResult =>
  JSON.parse(readFileSync(new URL('../../__tests__/fixtures/github/check-result.json', import.meta.url), 'utf8')) as CheckResult;

test('findings are grouped by file, one line each, the fix under it', () => {
  const text = formatText(loadResult(), { color: false });
  const expected = `Dockerfile
  1:6  error    nvidia/cuda:12.1-devel-ubuntu20.04 does not exist: nvidia/cuda tags carry the full X.Y.Z version (manifest unknown)  [cuda-image-tag]
                fix: nvidia/cuda:12.1.1-devel-ubuntu20.04

requirements.txt
   12:1  error    numpy==1.24.4 is outside profile callytics-cu121 (numpy==1.23.5): NeMo 1.17 uses NumPy aliases removed in 1.24  [pin-outside-profile]
                  fix: numpy==1.23.5
   14:1  warning  fastapi>=0.115.0,<0.116.0 also admits versions outside profile callytics-cu121 (fastapi==0.115.6): profile policy  [range-wider-than-profile]
                  fix: fastapi==0.115.6
   12:1  error    NeMo 1.17 uses NumPy aliases removed in 1.24  [nemo-numpy]
  20:14  error    Expected end or semicolon (after version specifier): torch==2.1.0 ;;  [parse-error]

(no file)
  notice   torch 2.1.0+cu121 is a CUDA build, but no CUDA device is visible  [gpu-not-visible]

Profile: callytics-cu121 (pins 11 of 13 packages of the profile)
Runtime check: ran on python3: Python 3.10.12, torch 2.1.0+cu121 (CUDA 12.1), no GPU
6 findings: 4 errors, 1 warning, 1 notice (2 files checked).
`;
  assert.equal(text, expected);
});

test('colours only when asked', () => {
  assert.equal(formatText(loadResult(), { color: false }).includes('\u001b'), false);
  const coloured = formatText(loadResult(), { color: true });
  assert.match(coloured, /\u001b\[31merror  \u001b\[0m/);
  assert.match(coloured, /\u001b\[33mwarning\u001b\[0m/);
});

test('pre-existing findings are marked; a clean run says so', () => {
  const result = loadResult();
  result.findings = result.findings.map((finding) => ({ ...finding, inDiff: finding.rule !== 'parse-error' }));
  assert.match(formatText(result, { color: false }), /\[parse-error\]  \(pre-existing\)\n/);
  const clean = { ...loadResult(), findings: [], profile: null, runtime: { status: 'skipped' as const, reason: 'not asked' } };
  assert.equal(
    formatText(clean, { color: false }),
    'Profile: none (only the universal facts apply)\nRuntime check: skipped: not asked\nNo findings in 2 files.\n',
  );
});

test('repository text cannot forge lines or escape sequences', () => {
  const result = loadResult();
  const hostile: Finding = {
    ...(result.findings[1] as Finding),
    file: 'a\nb.txt',
    message: 'one\ntwo\u001b[2Jthree',
    fix: null,
    rule: 'x',
  };
  result.findings = [hostile];
  const text = formatText(result, { color: false });
  assert.equal(text.includes('\u001b'), false);
  // Shown, not dropped: the reader sees what the file holds.
  assert.match(text, /^a\\nb\.txt\n  12:1  error    one\\ntwo\\x1b\[2Jthree  \[x\]\n/);
});

test('the closing line is right for no, one and many findings, in files or in none, and for no files', () => {
  const closing = (findings: Finding[], files: number): string => {
    const result = { ...loadResult(), findings, profile: null, runtime: undefined, files: loadResult().files.slice(0, files) };
    return formatText(result, { color: false }).trimEnd().split('\n').at(-1) as string;
  };
  const [, , , , parseError, runtime] = loadResult().findings as [Finding, Finding, Finding, Finding, Finding, Finding];
  assert.equal(closing([], 0), 'No findings: no files to check.');
  assert.equal(closing([], 1), 'No findings in 1 file.');
  assert.equal(closing([], 2), 'No findings in 2 files.');
  assert.equal(closing([parseError], 1), '1 finding: 1 error, 0 warnings, 0 notices (1 file checked).');
  // A runtime finding is in no file.
  assert.equal(closing([runtime], 2), '1 finding: 0 errors, 0 warnings, 1 notice (2 files checked).');
  assert.equal(closing([parseError, runtime], 2), '2 findings: 1 error, 0 warnings, 1 notice (2 files checked).');
});

test('a repository whose only file cannot be read: one finding, no file checked (it read "1 finding in 0 files")', async () => {
  const root = makeTree({ 'requirements.txt': 'numpy==1.24.4\ntorch==2.1.0\u0000\n' });
  try {
    const outcome = await runCheck({ root, env: {} });
    assert.ok(outcome.ok);
    assert.equal(
      formatText(outcome.result, { color: false }).trimEnd().split('\n').at(-1),
      '1 finding: 1 error, 0 warnings, 0 notices (0 files checked).',
    );
  } finally {
    removeTree(root);
  }
});
