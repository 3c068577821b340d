// The runtime check against a real interpreter: a venv made here, holding hand-made distributions
// (a version mismatch, a missing requirement, imports that raise or crash, a stand-in torch).

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';

import type { ParseResult, Requirement } from '../src/model.js';
import { runRuntimeCheck, untrustedRefusal, type RuntimeOptions } from '../src/runtime/index.js';
import { PROBE_SOURCE } from '../src/runtime/probe-source.js';
import { childEnvironment } from '../src/child-environment.js';
import {
  fixtureEnv,
  fixtureMatrix,
  fixtureParse,
  systemPython,
  temporaryFolder,
  writeExecutable,
  type PythonEnv,
} from './helpers/python-env.js';

const noPython = systemPython() === null ? 'python3 with venv is not on this machine' : false;
const matrix = fixtureMatrix();
const onRunner: Omit<RuntimeOptions, 'python'> = { requireGpu: false, allowUntrusted: false, untrusted: null };

/** Alive and not a zombie (a killed orphan waits for init to reap it). */
function isRunning(pid: number): boolean {
  try {
    // The state follows the parenthesised command name: "1234 (sleep) Z ...".
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Polls until the condition holds (true) or the time is up (false): a killed process takes a moment to go. */
async function eventually(condition: () => boolean, withinMs = 3_000): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/** The fixture parse with one more requirement at the end of requirements.txt. */
function parseWith(name: string): ParseResult {
  const parse = fixtureParse();
  const file = parse.files.find((candidate) => candidate.path === 'requirements.txt');
  assert.ok(file);
  const requirement: Requirement = {
    name,
    key: name,
    extras: [],
    specifier: '',
    marker: null,
    url: null,
    editable: false,
    constraint: false,
    line: 12,
    endLine: 12,
    column: 1,
    endColumn: name.length,
  };
  file.requirements.push(requirement);
  return parse;
}

it('probe-source.ts holds probe.py as it is (run `node scripts/embed-probe.mjs` after editing the probe)', () => {
  const probe = readFileSync(new URL('../../src/runtime/probe.py', import.meta.url), 'utf8');
  assert.equal(PROBE_SOURCE, probe);
});

describe('runRuntimeCheck with a venv interpreter', { skip: noPython }, () => {
  let env: PythonEnv;
  before(async () => {
    env = await fixtureEnv();
  });

  it('finds the mismatch, pip check problems, failed imports and the missing GPU, each on its line', async () => {
    const { findings, summary } = await runRuntimeCheck(fixtureParse(), matrix, matrix.profiles['speech-cu121'] ?? null, {
      ...onRunner,
      python: env.python,
    });
    assert.deepEqual(
      findings.map((finding) => `${finding.rule} ${finding.severity} ${finding.file ?? '-'}:${finding.line ?? '-'} ${finding.message}`),
      [
        'pip-check error Dockerfile:5 pip check: speech-tools 1.0.0 has requirement numpy<1.25,>=1.22, but you have numpy 1.26.4.',
        'installed-version-mismatch error requirements.txt:3 numpy 1.26.4 is installed, but requirements.txt pins numpy==1.24.4.',
        'pip-check error requirements.txt:5 pip check: speech-tools 1.0.0 requires missingpkg, which is not installed.',
        'import-failed error requirements.txt:6 import brokenpkg (from brokenpkg 0.3.0) failed: ImportError: libbroken.so.1: cannot open shared object file: No such file or directory',
        'import-failed error requirements.txt:7 import crashpkg (from crashpkg 0.1.0) failed: killed by SIGSEGV',
        `installed-version-mismatch warning requirements.txt:9 notinstalled==2.0 is not installed in ${env.python}.`,
        `gpu-not-visible notice -:- No CUDA device is visible in ${env.python}: no NVIDIA driver is reachable (nvidia-smi is not on PATH).`,
      ],
    );
    assert.deepEqual(summary, {
      status: 'ran',
      target: env.python,
      python: summary.python,
      torch: '2.1.2+cu121',
      cudaBuild: '12.1',
      gpus: [],
      phases: summary.phases,
    });
    // The time to the probe's first word is the interpreter's start; the rest is the probe's.
    assert.deepEqual(
      summary.phases?.map((phase) => phase.name),
      ['interpreter start', 'probe'],
    );
    assert.ok(summary.phases?.every((phase) => phase.seconds >= 0 && phase.seconds < 60));
    assert.match(summary.python ?? '', /^3\.\d+\.\d+/);
  });

  it('with require-gpu, the missing device is an error', async () => {
    const { findings } = await runRuntimeCheck(fixtureParse(), matrix, null, { ...onRunner, python: env.python, requireGpu: true });
    assert.deepEqual(
      findings.filter((finding) => finding.rule === 'gpu-not-visible').map((finding) => finding.severity),
      ['error'],
    );
  });

  it('an import that hangs is stopped by the probe inside the outer limit, and the rest is still reported', async () => {
    const { findings, summary } = await runRuntimeCheck(parseWith('hangpkg'), matrix, null, {
      ...onRunner,
      python: env.python,
      timeoutMs: 8_000,
    });
    // 'ran', not killed: the probe's own per-import limit stopped the import before the outer limit.
    assert.equal(summary.status, 'ran');
    const hang = findings.find((finding) => finding.package === 'hangpkg');
    assert.equal(hang?.rule, 'import-failed');
    assert.match(hang?.message ?? '', /^import hangpkg \(from hangpkg 0\.1\.0\) failed: timed out after \d+ s$/);
    assert.ok(findings.some((finding) => finding.rule === 'import-failed' && finding.package === 'brokenpkg'));
  });
});

describe('the probe on SIGTERM (the outer time limit, docker stop)', { skip: noPython }, () => {
  it('kills the children it started before it exits', async () => {
    const env = await fixtureEnv();
    const pidFile = join(temporaryFolder('compat-guard-term-'), 'hangpkg.pid');
    const probe = spawn(env.python, ['-c', PROBE_SOURCE, '100', 'hangpkg'], {
      cwd: tmpdir(),
      env: { ...process.env, HANGPKG_PID_FILE: pidFile },
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => probe.on('exit', (code, signal) => resolve(signal ?? code)));
    assert.ok(await eventually(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8') !== '', 20_000), 'the hanging import started');
    const importPid = Number(readFileSync(pidFile, 'utf8'));
    assert.ok(isRunning(importPid));
    probe.kill('SIGTERM');
    assert.equal(await exited, 128 + 15);
    assert.ok(await eventually(() => !isRunning(importPid)), 'the hanging import is gone');
  });
});

describe('runRuntimeCheck when the probe cannot run', () => {
  it('an interpreter that is not there is a runtime-error, and the summary says skipped', async () => {
    const { findings, summary } = await runRuntimeCheck(fixtureParse(), matrix, null, { ...onRunner, python: 'python3.99-not-here' });
    assert.deepEqual(summary, {
      status: 'skipped',
      reason: 'python3.99-not-here was not found on PATH',
      target: 'python3.99-not-here',
      phases: [{ name: 'interpreter start', seconds: summary.phases?.[0]?.seconds ?? -1 }],
    });
    assert.deepEqual(
      findings.map((finding) => [finding.rule, finding.severity, finding.file, finding.message]),
      [
        [
          'runtime-error',
          'error',
          null,
          'The runtime check could not run against python3.99-not-here: python3.99-not-here was not found on PATH.',
        ],
      ],
    );
  });

  it('an interpreter path that does not exist is named as such', async () => {
    const python = join(temporaryFolder('compat-guard-missing-'), 'venv', 'bin', 'python');
    const { summary } = await runRuntimeCheck(fixtureParse(), matrix, null, { ...onRunner, python });
    assert.equal(summary.reason, `${python} was not found`);
  });

  it('an interpreter that hangs is killed at the limit with everything it started', async () => {
    const folder = temporaryFolder('compat-guard-hang-');
    const grandchild = join(folder, 'grandchild.pid');
    const python = join(folder, 'python');
    writeExecutable(python, `#!/bin/sh\nsleep 300 &\necho $! > '${grandchild}'\nwait\n`);
    const { findings, summary } = await runRuntimeCheck(fixtureParse(), matrix, null, { ...onRunner, python, timeoutMs: 1_000 });
    assert.equal(
      summary.reason,
      `${python} did not finish within 1 s and was killed while the interpreter was starting (the probe had not said a word yet)`,
    );
    assert.equal(findings[0]?.rule, 'runtime-error');
    const pid = Number(readFileSync(grandchild, 'utf8'));
    assert.ok(await eventually(() => !isRunning(pid)), 'the sleep it started is gone too');
  });

  it('a probe killed for time says which phase it was in and what it was doing', async () => {
    const folder = temporaryFolder('compat-guard-slow-');
    const python = join(folder, 'python');
    writeExecutable(
      python,
      `#!/bin/sh\necho "compat-guard probe: 2 of 3 checks done after 1 s; running: import torch (1 s)" >&2\nexec sleep 300\n`,
    );
    const { summary } = await runRuntimeCheck(fixtureParse(), matrix, null, { ...onRunner, python, timeoutMs: 1_000 });
    assert.equal(
      summary.reason,
      `${python} did not finish within 1 s and was killed while probing (2 of 3 checks done after 1 s; running: import torch (1 s))`,
    );
    assert.deepEqual(
      summary.phases?.map((phase) => phase.name),
      ['interpreter start', 'probe'],
    );
  });

  it('output without a result is a runtime-error that says so', async () => {
    const python = join(temporaryFolder('compat-guard-noise-'), 'python');
    writeExecutable(python, '#!/bin/sh\necho "Python 2.7.18"\n');
    const { findings } = await runRuntimeCheck(fixtureParse(), matrix, null, { ...onRunner, python });
    assert.equal(findings[0]?.message, `The runtime check could not run against ${python}: the probe printed no result.`);
  });

  it('an interpreter that fails is reported with the last line of its error output', async () => {
    const python = join(temporaryFolder('compat-guard-fail-'), 'python');
    writeExecutable(python, '#!/bin/sh\necho "Traceback (most recent call last):" >&2\necho "MemoryError" >&2\nexit 1\n');
    const { summary } = await runRuntimeCheck(fixtureParse(), matrix, null, { ...onRunner, python });
    assert.equal(summary.reason, `${python} exited with status 1: MemoryError`);
  });

  it('on code that may come from a fork it runs nothing unless allow-untrusted, and says why', async () => {
    const folder = temporaryFolder('compat-guard-fork-');
    const marker = join(folder, 'ran');
    const python = join(folder, 'python');
    writeExecutable(python, `#!/bin/sh\ntouch '${marker}'\n`);
    const untrusted = 'code from the fork mona/ml-stack';
    const refused = await runRuntimeCheck(fixtureParse(), matrix, null, { ...onRunner, python, untrusted });
    assert.deepEqual(refused, { findings: [], summary: { status: 'skipped', reason: untrustedRefusal(untrusted), target: python } });
    assert.equal(
      untrustedRefusal(untrusted),
      'refused: it would run code from the fork mona/ml-stack on this runner (set allow-untrusted: true to run it anyway)',
    );
    assert.equal(existsSync(marker), false);
    await runRuntimeCheck(fixtureParse(), matrix, null, { ...onRunner, python, untrusted, allowUntrusted: true });
    assert.equal(existsSync(marker), true);
  });
});

describe('childEnvironment', () => {
  it("keeps the runner's environment but no credential, action input or secret-named variable", () => {
    const kept = childEnvironment({
      PATH: '/usr/bin',
      HOME: '/home/runner',
      CUDA_VISIBLE_DEVICES: '0',
      PIP_INDEX_URL: 'https://pypi.org/simple',
      GITHUB_TOKEN: 'ghs_x',
      github_token: 'ghs_x',
      ACTIONS_RUNTIME_TOKEN: 'x',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'x',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://example.invalid',
      'INPUT_GITHUB-TOKEN': 'ghs_x',
      INPUT_PYTHON: 'python3',
      HF_TOKEN: 'hf_x',
      AWS_SECRET_ACCESS_KEY: 'x',
      DB_PASSWORD: 'x',
      UNSET: undefined,
    });
    assert.deepEqual(kept, {
      PATH: '/usr/bin',
      HOME: '/home/runner',
      CUDA_VISIBLE_DEVICES: '0',
      PIP_INDEX_URL: 'https://pypi.org/simple',
    });
  });
});
