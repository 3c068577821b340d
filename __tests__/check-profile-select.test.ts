// Which profile a check runs under: an explicit name, the repository matrix's `profile:`, or the
// profile the repository's exact pins clearly point at.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runChecks } from '../src/check/index.js';
import { selectProfile } from '../src/check/profile-select.js';
import type { Requirement } from '../src/model.js';
import { parseTexts, testMatrix, testProfile } from './helpers/matrix-fixture.js';

const CALLYTICS = testProfile('callytics-cu121', {
  packages: {
    torch: '==2.1.2',
    torchvision: '==0.16.2',
    torchaudio: '==2.1.2',
    numpy: '==1.23.5',
    pydantic: '==2.7.4',
    gradio: '==4.19.2',
    'python-dotenv': '==1.0.1',
  },
});
const MLOPS = testProfile('mlops-airflow-2.10.5', {
  packages: {
    torch: '==2.5.1',
    numpy: '==1.24.4',
    pydantic: '==2.5.3',
    sqlalchemy: '==1.4.53',
    pandas: '==2.1.4',
    'python-dotenv': '==1.0.1',
  },
});
const MATRIX = testMatrix({ profiles: [CALLYTICS, MLOPS] });

const CALLYTICS_PINS = [
  '# Callytics service',
  'torch==2.1.2',
  'torchvision==0.16.2',
  'torchaudio==2.1.2',
  'numpy==1.23.5',
  'python-dotenv==1.0.1',
  'pandas==2.1.4',
  'requests>=2.31',
  '',
].join('\n');

test('auto picks the profile whose packages the repository pins most, and says why', () => {
  const selection = selectProfile(parseTexts({ 'requirements.txt': CALLYTICS_PINS }), MATRIX, 'auto');
  assert.ok(selection.ok);
  // python-dotenv counts for both profiles, pandas for mlops only: 5 against 2.
  assert.deepEqual(selection.choice, {
    name: 'callytics-cu121',
    reason: 'pins 5 of 7 packages of callytics-cu121 (next best: mlops-airflow-2.10.5 with 2)',
  });
  assert.equal(selection.profile, CALLYTICS);
});

test('auto picks nothing when the evidence is thin or not clearly ahead', () => {
  const thin = parseTexts({ 'requirements.txt': 'torch==2.1.2\ntorchvision==0.16.2\nrequests==2.31.0\n' });
  assert.deepEqual(selectProfile(thin, MATRIX, 'auto'), { ok: true, profile: null, choice: null });
  // 3 for callytics against 2 for mlops: not twice as many.
  const close = parseTexts({ 'requirements.txt': 'torch==2.1.2\ntorchvision==0.16.2\npython-dotenv==1.0.1\npandas==2.1.4\n' });
  assert.deepEqual(selectProfile(close, MATRIX, 'auto'), { ok: true, profile: null, choice: null });
});

test('auto counts exact pins inside the profile only: ranges and other versions are no evidence', () => {
  const parse = parseTexts({ 'requirements.txt': 'torch>=2.1\ntorchvision==0.17.0\ntorchaudio==2.1.2\nnumpy==1.23.5\ngradio==4.19.2\n' });
  const selection = selectProfile(parse, MATRIX, 'auto');
  assert.ok(selection.ok);
  assert.equal(selection.choice?.reason, 'pins 3 of 7 packages of callytics-cu121');
  const outside = parseTexts({ 'requirements.txt': 'torch==2.2.0\ntorchvision==0.17.0\ntorchaudio==2.2.0\nnumpy==1.23.5\n' });
  assert.deepEqual(selectProfile(outside, MATRIX, 'auto'), { ok: true, profile: null, choice: null });
});

test("auto takes the repository matrix's profile, naming the file", () => {
  const matrix = { ...MATRIX, profile: 'mlops-airflow-2.10.5', files: ['bundled:matrix/profiles.yml', '.github/compat-matrix.yml'] };
  const selection = selectProfile(parseTexts({ 'requirements.txt': CALLYTICS_PINS }), matrix, 'auto');
  assert.ok(selection.ok);
  assert.deepEqual(selection.choice, { name: 'mlops-airflow-2.10.5', reason: 'named by .github/compat-matrix.yml' });
});

test('an explicit name always wins', () => {
  const matrix = { ...MATRIX, profile: 'mlops-airflow-2.10.5' };
  const selection = selectProfile(parseTexts({ 'requirements.txt': CALLYTICS_PINS }), matrix, 'callytics-cu121', 'the profile input');
  assert.ok(selection.ok);
  assert.deepEqual(selection.choice, { name: 'callytics-cu121', reason: 'named by the profile input' });
  const outcome = runChecks(parseTexts({ 'requirements.txt': '' }), matrix, { profile: 'callytics-cu121' });
  assert.ok(outcome.ok);
  assert.deepEqual(outcome.profile, { name: 'callytics-cu121', reason: 'named by --profile' });
});

test('an unknown name is an error that lists the known profiles', () => {
  const outcome = runChecks(parseTexts({ 'requirements.txt': CALLYTICS_PINS }), MATRIX, { profile: 'callytics' });
  assert.equal(outcome.ok, false);
  assert.match(!outcome.ok ? outcome.error : '', /^unknown profile "callytics" \(known: callytics-cu121, mlops-airflow-2\.10\.5\)$/);
});

test("auto reads each requirement's key a bounded number of times, however many packages the profiles name", () => {
  // A matrix file is the repository's own: its profiles may name thousands of packages. Comparing each
  // pin with every package read keys millions of times here.
  const names = Array.from({ length: 2000 }, (_, index) => `crafted${index}`);
  const crafted = testProfile('crafted', { packages: Object.fromEntries(names.map((name) => [name, '==1.0'])) });
  const matrix = testMatrix({ profiles: [crafted, MLOPS] });
  const parse = parseTexts({ 'requirements.txt': [...names.slice(0, 1500).map((name) => `${name}==1.0`), 'torch==2.5.1', ''].join('\n') });
  let keyReads = 0;
  const counted = (requirement: Requirement): Requirement => {
    const { key, ...rest } = requirement;
    return Object.defineProperty({ ...rest }, 'key', {
      enumerable: true,
      get: () => {
        keyReads++;
        return key;
      },
    }) as Requirement;
  };
  const files = parse.files.map((file) => ({ ...file, requirements: file.requirements.map(counted) }));
  const selection = selectProfile({ ...parse, files }, matrix, 'auto');
  assert.ok(selection.ok);
  assert.deepEqual(selection.choice, {
    name: 'crafted',
    reason: 'pins 1500 of 2000 packages of crafted (next best: mlops-airflow-2.10.5 with 1)',
  });
  assert.ok(keyReads < 4 * 1501, `${keyReads} key reads for 1,501 requirements`);
});
