// The matrix's `rules:`: when every `when` pin matches inside an install set, each `require` must
// hold; `python` is the set's interpreter; under a profile the side that deviates is blamed.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runChecks } from '../src/check/index.js';
import type { Finding } from '../src/model.js';
import type { Matrix } from '../src/matrix/types.js';
import { parseTexts, readFixture, testMatrix, testProfile, testRule } from './helpers/matrix-fixture.js';

// The bundled universal rules these tests lean on, as the matrix states them.
const RULES = [
  testRule('torch-numpy2', {
    when: { torch: '<2.3' },
    require: { numpy: '<2' },
    message: 'torch releases before 2.3 are built against NumPy 1.x and cannot run with NumPy 2',
    source: 'https://github.com/pytorch/pytorch/issues/107302',
  }),
  testRule('fastapi-pydantic2', {
    when: { fastapi: '<0.100' },
    require: { pydantic: '<2' },
    message: 'FastAPI before 0.100.0 requires pydantic<2; FastAPI 0.100.0 added Pydantic v2 support',
    source: 'https://fastapi.tiangolo.com/release-notes/#01000',
  }),
  testRule('gradio-python', {
    when: { gradio: '>=5' },
    require: { python: '>=3.10' },
    message: 'Gradio 5 requires Python>=3.10',
    source: 'https://github.com/gradio-app/gradio/pull/9140',
  }),
];

function findings(parse = readFixture('matrix-rules/fires'), matrix: Matrix = testMatrix({ rules: RULES }), profile = 'auto'): Finding[] {
  const outcome = runChecks(parse, matrix, { profile });
  assert.ok(outcome.ok);
  return outcome.findings;
}

function summary(finding: Finding): string {
  const related = (finding.related ?? []).map((location) => `${location.file}:${location.line}`).join(',');
  return `${finding.file}:${finding.line} ${finding.severity} ${finding.rule} -> ${finding.fix} [${related}]`;
}

test('a rule fires on the pin that breaks `require`, with the `when` pin related, its id, severity and source', () => {
  assert.deepEqual(findings().map(summary), [
    'Dockerfile:1 error gradio-python -> null [Dockerfile:5]',
    'requirements.txt:3 error fastapi-pydantic2 -> pydantic<2 [requirements.txt:2]',
    'requirements.txt:5 warning torch-numpy2 -> numpy<2 [requirements.txt:4]',
  ]);
  const pydantic = findings().find((finding) => finding.rule === 'fastapi-pydantic2');
  assert.equal(pydantic?.source, 'https://fastapi.tiangolo.com/release-notes/#01000');
  assert.equal(pydantic?.expected, '<2');
  assert.equal(pydantic?.actual, '==2.5.3');
  assert.equal(
    pydantic?.message,
    'FastAPI before 0.100.0 requires pydantic<2; FastAPI 0.100.0 added Pydantic v2 support. Found pydantic==2.5.3 with fastapi==0.95.2. Pin pydantic<2 instead.',
  );
});

test("a range that could still meet the rule is a warning; the python pseudo-package is the set's interpreter", () => {
  const numpy = findings().find((finding) => finding.rule === 'torch-numpy2');
  assert.equal(
    numpy?.message,
    'torch releases before 2.3 are built against NumPy 1.x and cannot run with NumPy 2. numpy>=1.26 also admits versions outside numpy<2 with torch==2.1.2. Pin numpy<2 instead.',
  );
  const python = findings().find((finding) => finding.rule === 'gradio-python');
  assert.equal(
    python?.message,
    'Gradio 5 requires Python>=3.10. Found Python 3.9 (python:3.9-slim) with gradio==5.4.0. Choose a version inside python>=3.10.',
  );
  assert.equal(python?.package, null);
});

test('rules stay silent when the `when` pins do not match or every `require` holds', () => {
  assert.deepEqual(findings(readFixture('matrix-rules/silent')).map(summary), []);
});

test("a `when` range matches only when all it admits is inside the rule's `when`", () => {
  const parse = parseTexts({ 'requirements.txt': 'torch>=2.0\nnumpy==2.0.2\n' });
  assert.deepEqual(findings(parse), []);
  const subset = parseTexts({ 'requirements.txt': 'torch>=2.1,<2.3\nnumpy==2.0.2\n' });
  assert.deepEqual(findings(subset).map(summary), ['requirements.txt:2 error torch-numpy2 -> numpy<2 [requirements.txt:1]']);
});

test("under a profile, the fix is the profile's pin when it meets the rule", () => {
  const profile = testProfile('stack', { packages: { pydantic: '==1.10.13' } });
  const parse = parseTexts({ 'requirements.txt': 'fastapi==0.95.2\npydantic==2.5.3\n' });
  const outcome = findings(parse, testMatrix({ rules: RULES, profiles: [profile] }), 'stack').filter(
    (finding) => finding.rule === 'fastapi-pydantic2',
  );
  assert.deepEqual(outcome.map(summary), ['requirements.txt:2 error fastapi-pydantic2 -> pydantic==1.10.13 [requirements.txt:1]']);
});

test("under a profile, the `when` pin is blamed when it deviates and the required pin is the profile's", () => {
  const profile = testProfile('stack', { packages: { torch: '==2.5.1', numpy: '==2.0.2' }, reasons: { numpy: 'profile policy' } });
  const parse = parseTexts({ 'requirements.txt': 'torch==2.1.2\nnumpy==2.0.2\n' });
  const outcome = findings(parse, testMatrix({ rules: RULES, profiles: [profile] }), 'stack');
  const rule = outcome.filter((finding) => finding.rule === 'torch-numpy2');
  assert.deepEqual(rule.map(summary), ['requirements.txt:1 error torch-numpy2 -> torch==2.5.1 [requirements.txt:2]']);
  assert.equal(
    rule[0]?.message,
    'torch releases before 2.3 are built against NumPy 1.x and cannot run with NumPy 2. Found torch==2.1.2 with numpy==2.0.2; profile stack pins torch==2.5.1. Pin torch==2.5.1 instead.',
  );
});

test('rules only look inside one install set: pins in unrelated files do not meet', () => {
  const parse = parseTexts({ 'requirements.txt': 'torch==2.1.2\n', 'tools/requirements.txt': 'numpy==2.0.2\n' });
  assert.deepEqual(findings(parse), []);
});

test('an unpinned numpy under a Python no NumPy 2 supports cannot be 2.x: torch-numpy2 stays silent there', () => {
  // numpy 1.25 and later require Python >= 3.9: on Ubuntu 20.04's python3 (3.8) pip resolves numpy 1.24.x.
  const focal = 'FROM ubuntu:20.04\nRUN apt-get install -y python3 python3-pip\nRUN pip install torch==1.13.0 numpy\n';
  assert.deepEqual(findings(parseTexts({ Dockerfile: focal })).map(summary), []);
  // Python 3.9 has NumPy 2.0: the same install may get NumPy 2.
  const bullseye = 'FROM debian:bullseye\nRUN apt-get install -y python3 python3-pip\nRUN pip install torch==1.13.0 numpy\n';
  assert.deepEqual(findings(parseTexts({ Dockerfile: bullseye })).map(summary), [
    'Dockerfile:3 warning torch-numpy2 -> numpy<2 [Dockerfile:3]',
  ]);
  // A Python that is not known (no interpreter fact) leaves the range as written.
  assert.deepEqual(findings(parseTexts({ 'requirements.txt': 'torch==1.13.0\nnumpy>=1.20\n' })).map(summary), [
    'requirements.txt:2 warning torch-numpy2 -> numpy<2 [requirements.txt:1]',
  ]);
});
