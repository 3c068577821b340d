// What the index checks ask of each install set, planned from what was read (no network): its
// indexes in pip's order, which may be contacted, its target (Python minors, glibc), its pins.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runChecks } from '../src/check/index.js';
import type { IndexPlanOptions, SetPlan } from '../src/check/index-plan.js';
import { parseTexts, testMatrix, testProfile } from './helpers/matrix-fixture.js';

const OPTIONS: IndexPlanOptions = { indexUrl: 'https://pypi.org/simple', extraIndexUrls: ['https://ci.example/simple'], untrusted: null };

function plans(files: Record<string, string>, options: Partial<IndexPlanOptions> = {}, profile = 'auto'): SetPlan[] {
  const parse = parseTexts(files);
  const outcome = runChecks(parse, testMatrix({ profiles: [testProfile('py311', { python: '==3.11.*' })] }), {
    profile,
    indexPlan: { ...OPTIONS, ...options },
  });
  assert.ok(outcome.ok && outcome.indexPlans);
  return outcome.indexPlans;
}

test("a Dockerfile stage: ENV indexes and pip lines, its Python minor, its image's glibc; the workflow's extra index last", () => {
  const [plan] = plans({
    Dockerfile: [
      'FROM nvidia/cuda:12.1.1-devel-ubuntu22.04',
      'ENV PIP_EXTRA_INDEX_URL="https://a.example/simple https://b.example/simple"',
      'RUN apt-get install -y python3.10 && pip install --index-url https://mirror.example/simple torch==2.1.2 "numpy<2; python_version < \'3.9\'"',
      '',
    ].join('\n'),
  });
  assert.deepEqual(
    plan?.indexes.map((index) => `${index.kind} ${index.url} ${index.trusted}`),
    [
      'index https://mirror.example/simple false',
      'index https://a.example/simple false',
      'index https://b.example/simple false',
      'index https://ci.example/simple true',
    ],
  );
  assert.deepEqual(plan?.minors, ['3.10']);
  assert.equal(plan?.glibc, '2.35');
  assert.equal(plan?.imaged, true);
  assert.deepEqual(
    plan?.pins.map((pin) => pin.shown),
    ['torch==2.1.2'],
    'a pin whose marker cannot hold is not asked about',
  );
  assert.equal(plan?.unprovable, null);
});

test("no index of its own: the default; a fork's pull request asks only the workflow's and the default, and proves no absence", () => {
  const [own] = plans({ 'requirements.txt': 'numpy==1.26.4\n' });
  assert.deepEqual(
    own?.indexes.map((index) => index.url),
    ['https://pypi.org/simple', 'https://ci.example/simple'],
  );
  assert.deepEqual(own?.minors, ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14']);
  const [fork] = plans(
    { 'requirements.txt': '-i https://private.example/simple\nnumpy==1.26.4\n' },
    { untrusted: 'code from the fork mona/ml-stack' },
  );
  assert.deepEqual(
    fork?.indexes.map((index) => index.url),
    ['https://pypi.org/simple', 'https://ci.example/simple'],
  );
  assert.match(fork?.unprovable ?? '', /https:\/\/private\.example\/simple is not contacted for code from the fork mona\/ml-stack/);
});

test("the profile's Python narrows the minors; an index URL made of an unset variable makes absences unprovable", () => {
  const [plan] = plans({ 'requirements.txt': 'numpy==1.26.4\n' }, {}, 'py311');
  assert.deepEqual(plan?.minors, ['3.11']);
  assert.equal(plan?.python, '==3.11.*');
  const [unknown] = plans({ Dockerfile: 'FROM python:3.11-slim\nARG INDEX\nENV PIP_INDEX_URL=$INDEX\nRUN pip install numpy==1.26.4\n' });
  assert.match(unknown?.unprovable ?? '', /Dockerfile names a package index whose URL is only known at build time/);
  assert.equal(unknown?.glibc, '2.36', 'the official python images are Debian bookworm or later');
});

test("Alpine images get no glibc (wheels are not judged); an image the table does not know gets manylinux2014's", () => {
  assert.equal(plans({ Dockerfile: 'FROM python:3.11-alpine\nRUN pip install numpy==1.26.4\n' })[0]?.glibc, null);
  assert.equal(plans({ Dockerfile: 'FROM ghcr.io/acme/base:1\nRUN pip install numpy==1.26.4\n' })[0]?.glibc, '2.17');
});
