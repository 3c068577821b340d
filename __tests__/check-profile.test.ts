// The profile's own pins: pin-outside-profile, range-wider-than-profile, unpinned,
// python-outside-profile and cuda-outside-profile, on fixture repositories read by the real readers.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runChecks } from '../src/check/index.js';
import type { Finding } from '../src/model.js';
import { parseTexts, readFixture, testMatrix, testProfile } from './helpers/matrix-fixture.js';

const PROFILE_RULES = new Set([
  'pin-outside-profile',
  'range-wider-than-profile',
  'unpinned',
  'python-outside-profile',
  'cuda-outside-profile',
]);

const SPEECH = testProfile('speech-cu121', {
  python: '==3.10.*',
  cuda: '==12.1.*',
  packages: {
    numpy: '==1.23.5',
    torch: '==2.1.2',
    torchvision: '==0.16.2',
    fastapi: '>=0.115,<0.116',
    pydantic: '==2.7.4',
    transformers: '==4.40.2',
    datasets: '==2.19.2',
  },
  reasons: { numpy: 'NeMo 1.17.0 uses NumPy aliases that NumPy 1.24 removed (NVIDIA/NeMo#6824)' },
});

function check(area: string): Finding[] {
  const outcome = runChecks(readFixture(area), testMatrix({ profiles: [SPEECH] }), { profile: 'speech-cu121' });
  assert.ok(outcome.ok);
  return outcome.findings.filter((finding) => PROFILE_RULES.has(finding.rule));
}

function summary(finding: Finding): string {
  return `${finding.file}:${finding.line}:${finding.column}-${finding.endColumn} ${finding.severity} ${finding.rule} -> ${finding.fix}`;
}

test('profile rules fire on each deviation, at the token to change, with the text to write instead', () => {
  assert.deepEqual(check('profile/fires').map(summary), [
    'Dockerfile:1:6-43 error cuda-outside-profile -> nvidia/cuda:12.1.1-runtime-ubuntu22.04',
    'Dockerfile:3:72-74 error python-outside-profile -> 3.10',
    'Dockerfile:5:58-95 error cuda-outside-profile -> https://download.pytorch.org/whl/cu121',
    'Dockerfile:6:33-57 error cuda-outside-profile -> torchvision==0.16.2+cu121',
    'pyproject.toml:8:20-25 error python-outside-profile -> ==3.10.*',
    'requirements.txt:2:1-13 error pin-outside-profile -> numpy==1.23.5',
    'requirements.txt:3:1-21 error pin-outside-profile -> fastapi>=0.115,<0.116',
    'requirements.txt:5:1-18 warning range-wider-than-profile -> transformers==4.40.2',
    'requirements.txt:6:1-8 warning unpinned -> datasets==2.19.2',
  ]);
});

test('a profile finding says what is wrong, why (the profile reason) and what to pin', () => {
  const numpy = check('profile/fires').find((finding) => finding.package === 'numpy');
  assert.ok(numpy);
  assert.equal(numpy.expected, '==1.23.5');
  assert.equal(numpy.actual, '==1.24.4');
  assert.equal(
    numpy.message,
    'numpy==1.24.4 is outside profile speech-cu121 (numpy==1.23.5): NeMo 1.17.0 uses NumPy aliases that NumPy 1.24 removed (NVIDIA/NeMo#6824). Pin numpy==1.23.5 instead.',
  );
  const fastapi = check('profile/fires').find((finding) => finding.package === 'fastapi');
  assert.match(fastapi?.message ?? '', /admits no version of profile speech-cu121 \(fastapi>=0\.115,<0\.116\): profile policy\./);
});

test('profile rules stay silent when every pin, Python and CUDA fits (constraint pins and markers count)', () => {
  assert.deepEqual(check('profile/silent').map(summary), []);
});

test('without a profile the profile rules do not run', () => {
  const outcome = runChecks(readFixture('profile/fires'), testMatrix(), { profile: 'auto' });
  assert.ok(outcome.ok);
  assert.equal(outcome.profile, null);
  assert.deepEqual(
    outcome.findings.filter((finding) => PROFILE_RULES.has(finding.rule)),
    [],
  );
});

test('a local version matches the public pin, and pre-releases are judged as pip installs them', () => {
  const parse = parseTexts({
    // The index serves the +cu121 build (without one, local-version-without-index would say so).
    'requirements.txt':
      '--extra-index-url https://download.pytorch.org/whl/cu121\ntorch==2.1.2+cu121\nnumpy==1.23.5rc1\ntransformers~=4.40.0\n',
  });
  const matrix = testMatrix({
    profiles: [testProfile('p', { packages: { torch: '==2.1.2', numpy: '>=1.23,<1.24', transformers: '==4.40.2' } })],
  });
  const outcome = runChecks(parse, matrix, { profile: 'p' });
  assert.ok(outcome.ok);
  // 1.23.5rc1 sorts below 1.23.5 but above 1.23: inside >=1.23,<1.24. ~=4.40.0 admits 4.40.0 to 4.40.x.
  assert.deepEqual(
    outcome.findings.map((finding) => `${finding.line} ${finding.rule}`),
    ['4 range-wider-than-profile'],
  );
});

test('an unpinned requirement is fine when a constraints file of the same set pins the package', () => {
  const texts = { 'requirements.txt': '-c constraints.txt\nnumpy\n', 'constraints.txt': 'numpy==1.23.5\n' };
  const matrix = testMatrix({ profiles: [SPEECH] });
  const outcome = runChecks(parseTexts(texts), matrix, { profile: 'speech-cu121' });
  assert.ok(outcome.ok);
  assert.deepEqual(outcome.findings, []);
  const alone = runChecks(parseTexts({ 'requirements.txt': 'numpy\n' }), matrix, { profile: 'speech-cu121' });
  assert.ok(alone.ok);
  assert.deepEqual(
    alone.findings.map((finding) => finding.rule),
    ['unpinned'],
  );
});

test("a pin whose marker excludes the profile's Python is never installed, so it is not checked", () => {
  const parse = parseTexts({ 'requirements.txt': 'numpy==1.21.6; python_version < "3.8"\nnumpy==1.23.5; python_version >= "3.8"\n' });
  const outcome = runChecks(parse, testMatrix({ profiles: [SPEECH] }), { profile: 'speech-cu121' });
  assert.ok(outcome.ok);
  assert.deepEqual(outcome.findings, []);
});

test('a fix keeps the extras and the marker of the requirement it replaces', () => {
  const parse = parseTexts({ 'requirements.txt': 'transformers[torch]==4.28.0; sys_platform == "linux"\n' });
  const outcome = runChecks(parse, testMatrix({ profiles: [SPEECH] }), { profile: 'speech-cu121' });
  assert.ok(outcome.ok);
  assert.equal(outcome.findings[0]?.fix, 'transformers[torch]==4.40.2; sys_platform == "linux"');
});
