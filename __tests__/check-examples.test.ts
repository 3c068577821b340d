// The example repositories under examples/, checked end to end as the CLI checks them: the readers,
// the bundled matrix with each example's .github/compat-matrix.yml, and every check. The broken ones
// report each problem their README lists, at its line; the fixed ones report no error or warning.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCheck } from '../src/engine.js';
import type { Finding } from '../src/model.js';

async function check(example: string): Promise<{ profile: string | null; findings: string[]; all: Finding[] }> {
  const root = fileURLToPath(new URL(`../../examples/${example}/`, import.meta.url));
  const outcome = await runCheck({ root, env: {} });
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.error);
  const { result } = outcome;
  return {
    profile: result.profile?.name ?? null,
    findings: result.findings.map(
      (finding) => `${finding.file}:${finding.line} ${finding.severity} ${finding.rule} -> ${finding.fix ?? ''}`,
    ),
    all: result.findings,
  };
}

test('callytics-broken: every problem of the seed stack, at its line', async () => {
  const { profile, findings } = await check('callytics-broken');
  assert.equal(profile, 'callytics-cu121');
  assert.deepEqual(findings, [
    'Dockerfile:1 notice cuda-driver-minimum -> ',
    'Dockerfile:1 error cuda-outside-profile -> nvidia/cuda:12.1.1-devel-ubuntu20.04',
    'Dockerfile:1 error cuda-torch-build-mismatch -> nvidia/cuda:12.1.1-devel-ubuntu20.04',
    'Dockerfile:4 error python-outside-profile -> 3.10',
    'Dockerfile:8 error pin-outside-profile -> torchvision==0.16.2',
    'Dockerfile:8 error torch-family-mismatch -> torchvision==0.16.2',
    'Dockerfile.cuda121:3 error cuda-image-tag-unknown -> nvidia/cuda:12.1.1-devel-ubuntu20.04',
    'requirements.txt:3 error pin-outside-profile -> fastapi>=0.115,<0.116',
    'requirements.txt:7 warning range-wider-than-profile -> numpy==1.23.5',
    'requirements.txt:11 error pin-outside-profile -> transformers==4.40.2',
    'requirements.txt:12 warning unpinned -> datasets==2.19.2',
    'requirements.txt:14 error conflicting-pin -> python-dotenv==1.0.1',
    'requirements.txt:14 error pin-outside-profile -> python-dotenv==1.0.1',
  ]);
});

test('callytics-broken: no message repeats a false reason of the seed', async () => {
  const { all } = await check('callytics-broken');
  const fastapi = all.find((finding) => finding.package === 'fastapi');
  assert.match(fastapi?.message ?? '', /: profile policy\. /);
  const python = all.find((finding) => finding.rule === 'python-outside-profile');
  assert.doesNotMatch(python?.message ?? '', /gradio/i);
  for (const finding of all) assert.doesNotMatch(finding.message, /conflicts? with pydantic|internal pydantic|requires python >= ?3\.10/i);
});

test('callytics-fixed: only the host driver notice of its CUDA image', async () => {
  const { profile, findings } = await check('callytics-fixed');
  assert.equal(profile, 'callytics-cu121');
  assert.deepEqual(findings, ['Dockerfile:1 notice cuda-driver-minimum -> ']);
});

test('mlops-broken: SQLAlchemy 2, the providers the seed got wrong, torchvision 0.19.0 and Python 3.12', async () => {
  const { profile, findings } = await check('mlops-broken');
  assert.equal(profile, 'mlops-airflow-2.10.5');
  assert.deepEqual(findings, [
    'Dockerfile:1 error python-outside-profile -> 3.11',
    'requirements.txt:5 error pin-outside-profile -> apache-airflow-providers-postgres==6.0.0',
    'requirements.txt:6 error pin-outside-profile -> apache-airflow-providers-celery==3.10.0',
    'requirements.txt:7 error pin-outside-profile -> apache-airflow-providers-redis==4.0.0',
    'requirements.txt:10 error pin-outside-profile -> torchvision==0.20.1',
    'requirements.txt:10 error torch-family-mismatch -> torchvision==0.20.1',
    'requirements.txt:22 error airflow-sqlalchemy2 -> SQLAlchemy==1.4.53',
    'requirements.txt:22 error pin-outside-profile -> SQLAlchemy==1.4.53',
  ]);
});

test('mlops-fixed: nothing at all', async () => {
  const { profile, findings } = await check('mlops-fixed');
  assert.equal(profile, 'mlops-airflow-2.10.5');
  assert.deepEqual(findings, []);
});
