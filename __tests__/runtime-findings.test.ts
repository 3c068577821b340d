// The pure half of the runtime check: probe output (captured from real runs, or written as a GPU
// runner reports it) set against the fixture repository's pins and matrix.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';

import type { Finding } from '../src/model.js';
import { compareDriverVersions } from '../src/runtime/driver-version.js';
import { minimumDriver, pipCheckPackages, runtimeFindings, runtimeSummary, type RuntimeContext } from '../src/runtime/probe-findings.js';
import { readProbeOutput, type ProbeResult } from '../src/runtime/probe-result.js';
import { fixtureMatrix, fixtureParse, readFixture } from './helpers/python-env.js';
import { parseTexts } from './helpers/matrix-fixture.js';

const parse = fixtureParse();
const matrix = fixtureMatrix();
const onRunner: RuntimeContext = { requireGpu: false, target: 'python3' };

function probe(name: string): ProbeResult {
  const reading = readProbeOutput(readFixture(`probe-output/${name}`));
  assert.ok(reading.ok, reading.ok ? '' : reading.message);
  return reading.result;
}

/** The probe result with some fields replaced (the fixtures are read afresh each time). */
function probeWith(name: string, change: (result: ProbeResult) => void): ProbeResult {
  const result = probe(name);
  change(result);
  return result;
}

function where(finding: Finding): string {
  return `${finding.rule} ${finding.severity} ${finding.file ?? '-'}:${finding.line ?? '-'} ${finding.package ?? '-'}`;
}

function only(findings: Finding[], rule: string): Finding[] {
  return findings.filter((finding) => finding.rule === rule);
}

describe('readProbeOutput', () => {
  it('takes the last result line and ignores what the interpreter printed around it', () => {
    const result = probe('cpu-runner.txt');
    assert.equal(result.python.version, '3.11.7');
    assert.equal(result.installed.get('speech-tools')?.name, 'Speech_Tools');
    assert.equal(result.installed.get('torch')?.version, '2.1.2+cu121');
    assert.equal(result.torch?.cuda, '12.1');
    assert.equal(result.nvidiaSmi, null);
    assert.equal(result.markers.sys_platform, 'linux');

    const text = readFixture('probe-output/cpu-runner.txt');
    const decoy = 'COMPAT_GUARD_PROBE_RESULT {"probe": 1, "python": {"version": "2.7.18"}}\n';
    const read = readProbeOutput(decoy + text + 'trailing noise from an atexit handler\n');
    assert.ok(read.ok);
    assert.equal(read.result.python.version, '3.11.7');
  });

  it('says why output without a readable result cannot be used', () => {
    assert.deepEqual(readProbeOutput('Segmentation fault (core dumped)\n'), { ok: false, message: 'the probe printed no result' });
    assert.deepEqual(readProbeOutput('COMPAT_GUARD_PROBE_RESULT {"probe": 1, '), {
      ok: false,
      message: 'the probe printed a result that is not JSON',
    });
    assert.deepEqual(readProbeOutput('COMPAT_GUARD_PROBE_RESULT {"probe": 2, "python": {}}'), {
      ok: false,
      message: "the probe's result is not in format 1",
    });
  });

  it('drops fields of the wrong type instead of trusting them', () => {
    const hostile = {
      probe: 1,
      python: { version: 3.11, executable: ['x'] },
      markers: { sys_platform: 'linux', python_version: 3 },
      installed: { numpy: { name: 'numpy', version: 1 }, torch: 'x', __proto__: { name: 'x', version: '1' } },
      pipCheck: { ran: 'yes', lines: ['a', 2] },
      imports: [{ package: 'numpy' }, { package: 'torch', module: 'torch', ok: 'true', error: 7 }, null],
      torch: { ok: true, devices: ['A100', 3], cudnn: 'x' },
      nvidiaSmi: { ok: true, gpus: [{ name: 1 }, { name: 'H100', driver: 535 }] },
      cudaVersion: 12,
      jax: { ok: true, backend: 1, version: '0.4.35' },
      cupy: { ok: true, package: 'cupy-cuda12x', runtime: '12060' },
      nvidiaRequire: { NVIDIA_REQUIRE_CUDA: 'cuda>=12.6', NVIDIA_REQUIRE_ARCH: ['sm_90'] },
      nvidiaDisableRequire: true,
    };
    const read = readProbeOutput(`COMPAT_GUARD_PROBE_RESULT ${JSON.stringify(hostile)}\n`);
    assert.ok(read.ok);
    const result = read.result;
    assert.equal(result.python.version, '');
    assert.deepEqual(result.markers, { sys_platform: 'linux' });
    assert.deepEqual([...result.installed.keys()], []);
    assert.deepEqual(result.pipCheck, { ran: false, exitCode: null, lines: ['a'], error: null });
    assert.deepEqual(result.imports, [{ package: 'torch', module: 'torch', ok: false, skipped: false, error: null }]);
    assert.deepEqual(result.torch?.devices, ['A100']);
    assert.equal(result.torch?.cudnn, null);
    assert.deepEqual(result.nvidiaSmi?.gpus, [{ name: 'H100', driver: null, memory: null }]);
    assert.equal(result.cudaVersion, null);
    assert.deepEqual(result.jax, { ok: true, skipped: false, error: null, version: '0.4.35', backend: null });
    assert.equal(result.cupy?.runtime, null);
    assert.deepEqual(result.nvidiaRequire, { NVIDIA_REQUIRE_CUDA: 'cuda>=12.6' });
    assert.equal(result.nvidiaDisableRequire, null);
  });

  it('never throws, and its results never make the findings throw (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, requireGpu) => {
        const body = typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value, probe: 1, python: {} } : value;
        const read = readProbeOutput(`noise\nCOMPAT_GUARD_PROBE_RESULT ${JSON.stringify(body)}\n`);
        if (read.ok) {
          runtimeFindings(read.result, parse, matrix, matrix.profiles['speech-cu121'] ?? null, { requireGpu, target: 'python3' });
          runtimeSummary(read.result, 'python3');
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('runtimeFindings on a CPU runner (output captured from the fixture venv)', () => {
  const findings = runtimeFindings(probe('cpu-runner.txt'), parse, matrix, matrix.profiles['speech-cu121'] ?? null, onRunner);

  it('reports exactly these findings, on these lines, all of origin runtime', () => {
    assert.deepEqual(findings.map(where), [
      'pip-check error Dockerfile:5 numpy',
      'installed-version-mismatch error requirements.txt:3 numpy',
      'pip-check error requirements.txt:5 speech-tools',
      'import-failed error requirements.txt:6 brokenpkg',
      'import-failed error requirements.txt:7 crashpkg',
      'installed-version-mismatch warning requirements.txt:9 notinstalled',
      'gpu-not-visible notice -:- torch',
    ]);
    assert.ok(findings.every((finding) => finding.origin === 'runtime'));
  });

  it('compares versions as pip does: torch 2.1.2+cu121 meets ==2.1.2; each line is judged on its own', () => {
    const numpy = only(findings, 'installed-version-mismatch')[0];
    assert.deepEqual(
      { message: numpy?.message, expected: numpy?.expected, actual: numpy?.actual, column: numpy?.column, endColumn: numpy?.endColumn },
      {
        message: 'numpy 1.26.4 is installed, but requirements.txt pins numpy==1.24.4.',
        expected: '==1.24.4',
        actual: '==1.26.4',
        column: 1,
        endColumn: 13,
      },
    );
    // The Dockerfile's numpy==1.26.4 holds, torch==2.1.2 holds, pywin32 applies only on Windows and
    // the constraint urllib3<2 installs nothing.
    assert.deepEqual(only(findings, 'installed-version-mismatch').map(where), [
      'installed-version-mismatch error requirements.txt:3 numpy',
      'installed-version-mismatch warning requirements.txt:9 notinstalled',
    ]);
  });

  it('quotes pip check and places each line on the line that installed the package at fault', () => {
    const [conflict, missing] = only(findings, 'pip-check');
    assert.equal(conflict?.message, 'pip check: speech-tools 1.0.0 has requirement numpy<1.25,>=1.22, but you have numpy 1.26.4.');
    // numpy 1.26.4 came from the Dockerfile's pin; the other numpy pin and the requiring package are related.
    assert.equal(`${conflict?.file}:${conflict?.line}`, 'Dockerfile:5');
    assert.deepEqual(
      conflict?.related?.map((place) => `${place.file}:${place.line}`),
      ['requirements.txt:3', 'requirements.txt:5'],
    );
    // missingpkg is pinned nowhere: the requiring package's line carries it.
    assert.equal(missing?.message, 'pip check: speech-tools 1.0.0 requires missingpkg, which is not installed.');
    assert.equal(missing?.package, 'speech-tools');
  });

  it("gives the import error's last line, and names the signal of a crash", () => {
    const [broken, crash] = only(findings, 'import-failed');
    assert.equal(
      broken?.message,
      'import brokenpkg (from brokenpkg 0.3.0) failed: ImportError: libbroken.so.1: cannot open shared object file: No such file or directory',
    );
    assert.equal(crash?.message, 'import crashpkg (from crashpkg 0.1.0) failed: killed by SIGSEGV');
  });

  it('a CUDA build of torch without a device is a notice, an error with require-gpu', () => {
    const [notice] = only(findings, 'gpu-not-visible');
    assert.equal(notice?.message, 'No CUDA device is visible in python3: no NVIDIA driver is reachable (nvidia-smi is not on PATH).');
    assert.deepEqual(
      notice?.related?.map((place) => `${place.file}:${place.line}`),
      ['requirements.txt:4'],
    );
    const strict = runtimeFindings(probe('cpu-runner.txt'), parse, matrix, null, { ...onRunner, requireGpu: true });
    assert.deepEqual(only(strict, 'gpu-not-visible').map(where), ['gpu-not-visible error -:- torch']);
    assert.equal(only(strict, 'gpu-not-visible')[0]?.expected, 'a CUDA device');
  });

  it('says when the container got no --gpus because the runner has no GPU', () => {
    const inImage = runtimeFindings(probe('cpu-runner.txt'), parse, matrix, null, {
      requireGpu: true,
      target: 'image ghcr.io/acme/speech:1.4.0',
      gpusPassed: false,
    });
    assert.equal(
      only(inImage, 'gpu-not-visible')[0]?.message,
      'No CUDA device is visible in image ghcr.io/acme/speech:1.4.0: this runner has no GPU (`nvidia-smi -L` failed), so the container was started without --gpus.',
    );
  });

  it('a CPU-only torch build is fine without require-gpu, and named as the reason with it', () => {
    const cpu = () =>
      probeWith('cpu-runner.txt', (result) => {
        if (result.torch) Object.assign(result.torch, { version: '2.1.2+cpu', cuda: null });
      });
    assert.deepEqual(only(runtimeFindings(cpu(), parse, matrix, null, onRunner), 'gpu-not-visible'), []);
    const strict = runtimeFindings(cpu(), parse, matrix, null, { ...onRunner, requireGpu: true });
    assert.match(only(strict, 'gpu-not-visible')[0]?.message ?? '', /torch 2\.1\.2\+cpu is a CPU-only build/);
  });
});

describe('runtimeFindings on a GPU runner', () => {
  it('a healthy image: only the pin it does not hold is reported', () => {
    const findings = runtimeFindings(probe('gpu-runner.txt'), parse, matrix, matrix.profiles['speech-cu121'] ?? null, onRunner);
    // numpy 1.24.4 is installed: the Dockerfile's numpy==1.26.4 is the line that does not hold.
    assert.deepEqual(findings.map(where), ['installed-version-mismatch error Dockerfile:5 numpy']);
  });

  it("cuda-build-mismatch: torch's CUDA build outside the profile's cuda", () => {
    const findings = runtimeFindings(probe('gpu-runner.txt'), parse, matrix, matrix.profiles['speech-cu118'] ?? null, onRunner);
    const [mismatch] = only(findings, 'cuda-build-mismatch');
    assert.deepEqual(
      { at: mismatch && where(mismatch), message: mismatch?.message, expected: mismatch?.expected, actual: mismatch?.actual },
      {
        at: 'cuda-build-mismatch error requirements.txt:4 torch',
        message:
          "torch 2.1.2+cu121 is built for CUDA 12.1, outside profile speech-cu118 (cuda ==11.8.*): the cluster's images are CUDA 11.8.",
        expected: '==11.8.*',
        actual: '12.1',
      },
    );
  });

  it("cuda-build-mismatch: another major than the image's CUDA toolkit, for the true reason", () => {
    const older = probeWith('gpu-runner.txt', (result) => {
      result.cudaVersion = '11.8.0';
    });
    const [mismatch] = only(runtimeFindings(older, parse, matrix, null, onRunner), 'cuda-build-mismatch');
    assert.match(mismatch?.message ?? '', /CUDA toolkit here is 11\.8\.0 \(CUDA_VERSION\): torch\.utils\.cpp_extension refuses/);
    assert.match(mismatch?.message ?? '', /Running is unaffected/);
    const newerMinor = probeWith('gpu-runner.txt', (result) => {
      result.cudaVersion = '12.4.1';
    });
    assert.deepEqual(only(runtimeFindings(newerMinor, parse, matrix, null, onRunner), 'cuda-build-mismatch'), []);
  });

  it('driver-too-old below the CUDA 12 minor-compatibility branch, and not at or above it', () => {
    const withDriver = (driver: string) =>
      probeWith('gpu-runner.txt', (result) => {
        for (const gpu of result.nvidiaSmi?.gpus ?? []) gpu.driver = driver;
      });
    const [old] = only(runtimeFindings(withDriver('520.61.05'), parse, matrix, null, onRunner), 'driver-too-old');
    assert.deepEqual(
      { file: old?.file, expected: old?.expected, actual: old?.actual, source: old?.source, message: old?.message },
      {
        file: null,
        expected: '>=525',
        actual: '520.61.05',
        source: 'https://docs.nvidia.com/cuda/cuda-toolkit-release-notes/index.html',
        message:
          'The NVIDIA driver 520.61.05 is older than 525, the lowest that runs CUDA 12.1 builds (torch 2.1.2+cu121); ' +
          "torch's wheels bundle their CUDA runtime, which runs on any driver of the CUDA 12 minor-version-compatibility branch " +
          'except for features that need PTX JIT: upgrade the driver, or install a torch build for an older CUDA.',
      },
    );
    // 525.60.13 is below the 12.1 toolkit's own 530.30.02, but minor-version compatibility runs it.
    assert.deepEqual(only(runtimeFindings(withDriver('525.60.13'), parse, matrix, null, onRunner), 'driver-too-old'), []);
  });

  it('the summary names the interpreter, torch, its CUDA build and the GPUs', () => {
    assert.deepEqual(runtimeSummary(probe('gpu-runner.txt'), 'image ghcr.io/acme/speech:1.4.0'), {
      status: 'ran',
      target: 'image ghcr.io/acme/speech:1.4.0',
      python: '3.10.12',
      torch: '2.1.2+cu121',
      cudaBuild: '12.1',
      gpus: [
        { name: 'NVIDIA H100 80GB HBM3', driver: '535.104.05', memory: '81559 MiB' },
        { name: 'NVIDIA H100 80GB HBM3', driver: '535.104.05', memory: '81559 MiB' },
      ],
    });
  });
});

describe('parts of the environment the probe could not judge', () => {
  it('pip check that did not run is a runtime-error warning; an unknown pip line stays on no line', () => {
    const noPip = probeWith('gpu-runner.txt', (result) => {
      result.pipCheck = { ran: false, exitCode: 1, lines: [], error: '/usr/bin/python3: No module named pip' };
    });
    assert.deepEqual(
      runtimeFindings(noPip, parse, matrix, null, onRunner)
        .filter((finding) => finding.rule === 'runtime-error')
        .map((finding) => [finding.severity, finding.message]),
      [['warning', 'pip check did not run in /usr/bin/python3: /usr/bin/python3: No module named pip.']],
    );
    const odd = probeWith('gpu-runner.txt', (result) => {
      result.pipCheck = { ran: true, exitCode: 1, lines: ['Error parsing requirements for foo: [Errno 2] No such file'], error: null };
    });
    assert.deepEqual(only(runtimeFindings(odd, parse, matrix, null, onRunner), 'pip-check').map(where), ['pip-check error -:- -']);
  });

  it('imports the budget did not reach are listed in one warning; a torch that fails its GPU probe is import-failed', () => {
    const late = probeWith('gpu-runner.txt', (result) => {
      result.imports = result.imports.map((attempt) =>
        attempt.module === 'filelock' ? { ...attempt, ok: false, skipped: true, error: 'not tried' } : attempt,
      );
      result.torch = {
        ok: false,
        skipped: false,
        error: 'OSError: libcudnn.so.8: cannot open shared object file',
        version: null,
        cuda: null,
        hip: null,
        available: false,
        devices: [],
        cudnn: null,
      };
      result.imports = result.imports.filter((attempt) => attempt.module !== 'torch');
    });
    const findings = runtimeFindings(late, parse, matrix, null, onRunner);
    assert.deepEqual(
      findings.filter((finding) => finding.rule !== 'installed-version-mismatch').map((finding) => `${where(finding)} ${finding.message}`),
      [
        'import-failed error requirements.txt:4 torch import torch failed: OSError: libcudnn.so.8: cannot open shared object file',
        "runtime-error warning -:- - The probe's time budget ran out before it could try: filelock. Raise the timeout or probe fewer packages.",
      ],
    );
  });

  it('installed versions that cannot be listed are one runtime-error', () => {
    const old = probeWith('gpu-runner.txt', (result) => {
      result.metadataError = 'importlib.metadata is not available (Python 3.7.17)';
    });
    assert.deepEqual(
      only(runtimeFindings(old, parse, matrix, null, onRunner), 'runtime-error').map((finding) => finding.message),
      ['The installed versions could not be read in /usr/bin/python3: importlib.metadata is not available (Python 3.7.17).'],
    );
  });

  it('an installed version that is no PEP 440 version meets no pin; an installed pre-release meets a range, not an exact pin', () => {
    const odd = probeWith('gpu-runner.txt', (result) => {
      result.installed.set('brokenpkg', { name: 'brokenpkg', version: '0.3.0-custom-build' });
      result.installed.set('filelock', { name: 'filelock', version: '3.14.0rc1' });
      result.installed.set('numpy', { name: 'numpy', version: '1.26.4' });
      result.installed.set('torch', { name: 'torch', version: '2.1.2rc1+cu121' });
    });
    const findings = only(runtimeFindings(odd, parse, matrix, null, onRunner), 'installed-version-mismatch');
    assert.deepEqual(findings.map(where), [
      'installed-version-mismatch error requirements.txt:3 numpy',
      'installed-version-mismatch error requirements.txt:4 torch',
      'installed-version-mismatch error requirements.txt:6 brokenpkg',
    ]);
    assert.equal(
      findings[2]?.message,
      'brokenpkg 0.3.0-custom-build is installed (not a valid PEP 440 version: only an `===` pin can match it), but requirements.txt pins brokenpkg==0.3.0.',
    );
  });
});

describe('helpers', () => {
  it('pipCheckPackages names the package at fault first', () => {
    assert.deepEqual(pipCheckPackages('speech-tools 1.0.0 requires missingpkg, which is not installed.'), ['missingpkg', 'speech-tools']);
    assert.deepEqual(pipCheckPackages('apache-airflow 2.10.5 has requirement sqlalchemy<2.0,>=1.4.36, but you have sqlalchemy 2.0.36.'), [
      'sqlalchemy',
      'apache-airflow',
    ]);
    assert.deepEqual(pipCheckPackages('torch 2.1.2 is not supported on this platform'), ['torch']);
    assert.deepEqual(pipCheckPackages('No broken requirements found.'), []);
    assert.deepEqual(pipCheckPackages(''), []);
  });

  it('minimumDriver uses the minor-version-compatibility branch from CUDA 11 on', () => {
    const drivers = matrix.facts.cudaDrivers;
    assert.equal(minimumDriver('12.1', drivers), '525');
    assert.equal(minimumDriver('12.6', drivers), '525');
    assert.equal(minimumDriver('11.8', drivers), '450');
    assert.equal(minimumDriver('13.0', drivers), '580');
    assert.equal(minimumDriver('10.2', drivers), '440.33');
    assert.equal(minimumDriver('10.1', drivers), null);
    assert.equal(minimumDriver('9.0', drivers), null);
    assert.equal(minimumDriver('cpu', drivers), null);
  });

  it('compareDriverVersions compares numerically, part by part', () => {
    assert.ok(compareDriverVersions('525', '525.60.13') < 0);
    assert.ok(compareDriverVersions('535.104.05', '535.54.03') > 0);
    assert.equal(compareDriverVersions('525.0', '525'), 0);
  });
});

describe("a base image's own packages", () => {
  it("are not pins the installed versions are held to: pytorch/pytorch:2.0.0's torch beside an installed 2.1.2", () => {
    const image = parseTexts({ Dockerfile: 'FROM pytorch/pytorch:2.0.0-cuda11.7-cudnn8-runtime\nRUN pip install torch==2.1.2\n' });
    const mismatches = only(runtimeFindings(probe('cpu-runner.txt'), image, matrix, null, onRunner), 'installed-version-mismatch');
    assert.deepEqual(mismatches.map(where), []);
  });
});
