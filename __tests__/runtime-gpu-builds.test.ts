// A CPU build where CUDA is expected, against a real interpreter: a venv made here holds stand-ins for
// torch 2.13.0+cpu (torch.version.cuda is None), jax without its CUDA plugin, and cupy-cuda11x.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';

import type { Matrix, Profile } from '../src/matrix/types.js';
import type { Finding } from '../src/model.js';
import { runRuntimeCheck, type RuntimeOptions } from '../src/runtime/index.js';
import { fixtureMatrix, fixturePath, systemPython, temporaryFolder, venvWith, type PythonEnv } from './helpers/python-env.js';
import { readFolder } from './helpers/matrix-fixture.js';

const noPython = systemPython() === null ? 'python3 with venv is not on this machine' : false;
const onRunner: Omit<RuntimeOptions, 'python'> = { requireGpu: false, allowUntrusted: false, untrusted: null };

function profile(name: string, cuda?: string): Profile {
  return { name, ...(cuda ? { cuda } : {}), packages: {}, reasons: {}, origin: { file: '.github/compat-matrix.yml', line: 1 } };
}

const GPU = profile('gpu', '==12.6.*');
const CPU = profile('cpu');

function matrixWithVariants(): Matrix {
  const matrix = fixtureMatrix();
  matrix.facts.torchCuda = [{ torch: '2.13', cuda: ['12.6', '12.8', '13.0'], complete: false, pypi: null }];
  return matrix;
}

/** The parse of a repository holding one requirements.txt with these lines. */
function requirements(...lines: string[]) {
  const root = temporaryFolder('compat-guard-builds-');
  writeFileSync(join(root, 'requirements.txt'), lines.join('\n') + '\n');
  return readFolder(root);
}

function builds(findings: Finding[]): string[] {
  return findings
    .filter((finding) => finding.rule === 'cpu-only-build' || finding.rule === 'cuda-build-mismatch')
    .map((finding) => `${finding.rule} ${finding.severity} ${finding.file ?? '-'}:${finding.line ?? '-'} ${finding.package}`);
}

describe('a CPU build where CUDA is expected', { skip: noPython }, () => {
  let env: PythonEnv;
  const matrix = matrixWithVariants();
  before(() => {
    env = venvWith(fixturePath('cpu-stack/site-packages'));
  });

  it('under a CUDA profile: torch and jax are CPU-only builds and cupy-cuda11x is the wrong major, each on its pin', async () => {
    const parse = requirements('torch==2.13.0', 'jax==0.4.35', 'cupy-cuda11x==13.3.0');
    const { findings } = await runRuntimeCheck(parse, matrix, GPU, { ...onRunner, python: env.python });
    assert.deepEqual(builds(findings), [
      'cpu-only-build error requirements.txt:1 torch',
      'cpu-only-build error requirements.txt:2 jax',
      'cuda-build-mismatch error requirements.txt:3 cupy-cuda11x',
    ]);
    const [torch, jax, cupy] = findings.filter((finding) => builds([finding]).length > 0);
    assert.equal(
      torch?.message,
      'torch 2.13.0+cpu is installed, a CPU-only build (torch.version.cuda is None), but profile gpu (cuda ==12.6.*) expects a CUDA build: ' +
        'torch.cuda.is_available() is False with it, so the code falls back to the CPU or fails at .cuda() ("Torch not compiled with CUDA enabled"). ' +
        "It came from the CPU index, another platform's wheels, or a later pip install that replaced the CUDA build; " +
        'install the CUDA build from https://download.pytorch.org/whl/cu126 (pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cu126).',
    );
    assert.equal(torch?.expected, 'a CUDA build (+cu126)');
    assert.equal(torch?.actual, '==2.13.0+cpu');
    assert.match(
      jax?.message ?? '',
      /^jax 0\.4\.35 is installed without a CUDA plugin \(no jax-cuda12-plugin, and jaxlib is a CPU build; jax\.default_backend\(\) is "cpu"\), but profile gpu/,
    );
    assert.match(jax?.message ?? '', /Install "jax\[cuda12\]==0\.4\.35"/);
    assert.match(
      cupy?.message ?? '',
      /^cupy-cuda11x 13\.3\.0 is built for CUDA 11\.8 \(cupy\.cuda\.runtime\.runtimeGetVersion\(\) is 11080\), but profile gpu .* install cupy-cuda12x instead\.$/,
    );
  });

  it('under a CPU profile, with no CUDA image and no +cuXYZ pin, says nothing about builds', async () => {
    const parse = requirements('torch==2.13.0', 'jax==0.4.35', 'cupy-cuda11x==13.3.0');
    const { findings } = await runRuntimeCheck(parse, matrix, CPU, { ...onRunner, python: env.python });
    assert.deepEqual(builds(findings), []);
    assert.deepEqual(
      findings.filter((finding) => finding.severity === 'error').map((finding) => finding.rule),
      [],
    );
  });

  it('a pinned +cu126 build that came in as +cpu is an error on the torch pin naming the cu126 index', async () => {
    const parse = requirements('numpy>=1', 'torch==2.13.0+cu126');
    const { findings } = await runRuntimeCheck(parse, matrix, null, { ...onRunner, python: env.python });
    assert.deepEqual(builds(findings), ['cpu-only-build error requirements.txt:2 torch']);
    const build = findings.find((finding) => finding.rule === 'cpu-only-build');
    assert.match(
      build?.message ?? '',
      /but requirements\.txt pins torch==2\.13\.0\+cu126 expects a CUDA build: .*https:\/\/download\.pytorch\.org\/whl\/cu126/,
    );
    // The version check says the same pin is not met; the build finding says why and where the right wheel is.
    assert.ok(findings.some((finding) => finding.rule === 'installed-version-mismatch' && finding.line === 2));
  });

  it("inside an nvidia/cuda image (CUDA_VERSION) a CPU torch is an error naming the image's CUDA variant", async () => {
    const saved = process.env.CUDA_VERSION;
    process.env.CUDA_VERSION = '12.6.3';
    try {
      const { findings } = await runRuntimeCheck(requirements('torch==2.13.0'), matrix, null, { ...onRunner, python: env.python });
      assert.deepEqual(builds(findings), ['cpu-only-build error requirements.txt:1 torch']);
      assert.match(
        findings.find((finding) => finding.rule === 'cpu-only-build')?.message ?? '',
        /but the image's CUDA toolkit \(CUDA_VERSION 12\.6\.3\) expects a CUDA build: .*--index-url https:\/\/download\.pytorch\.org\/whl\/cu126\)\.$/,
      );
    } finally {
      if (saved === undefined) delete process.env.CUDA_VERSION;
      else process.env.CUDA_VERSION = saved;
    }
  });

  it('a pin that names the CPU build on purpose is not second-guessed, even under a CUDA profile', async () => {
    const parse = requirements('torch==2.13.0+cpu');
    const { findings } = await runRuntimeCheck(parse, matrix, GPU, { ...onRunner, python: env.python });
    assert.deepEqual(builds(findings), []);
  });

  it('jax[cuda12] without its plugin is an error with no profile at all; an unpinned jax or cupy is not judged', async () => {
    const parse = requirements('jax[cuda12]==0.4.35');
    const { findings } = await runRuntimeCheck(parse, matrix, null, { ...onRunner, python: env.python });
    assert.deepEqual(builds(findings), ['cpu-only-build error requirements.txt:1 jax']);
    assert.match(
      findings.find((finding) => finding.package === 'jax')?.message ?? '',
      /but requirements\.txt pins jax\[cuda12\]==0\.4\.35 expects CUDA 12/,
    );

    const unpinned = await runRuntimeCheck(requirements('numpy>=1'), matrix, GPU, { ...onRunner, python: env.python });
    assert.deepEqual(builds(unpinned.findings), ['cpu-only-build error -:- torch']);
  });
});
