// The runtime check inside an image: a stand-in `docker` on PATH records each call (its arguments and
// its environment) and runs the probe with the fixture venv's interpreter, as the container would; a
// stand-in `nvidia-smi` plays the runner's GPU.

import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { afterEach, before, beforeEach, describe, it } from 'node:test';

import { runRuntimeCheck, type RuntimeLog, type RuntimeOptions } from '../src/runtime/index.js';
import { PROBE_SOURCE } from '../src/runtime/probe-source.js';
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
const IMAGE = 'ghcr.io/acme/speech:1.4.0';
const matrix = fixtureMatrix();
const inImage: RuntimeOptions = { image: IMAGE, requireGpu: false, allowUntrusted: false, untrusted: null };
const SECRETS = {
  GITHUB_TOKEN: 'ghs_secret',
  ACTIONS_RUNTIME_TOKEN: 'runtime_secret',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc_secret',
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://pipelines.actions.githubusercontent.com/oidc',
  'INPUT_GITHUB-TOKEN': 'ghs_secret',
  INPUT_PYTHON: 'python3',
  HF_TOKEN: 'hf_secret',
  WANDB_API_SECRET: 'wandb_secret',
  REGISTRY_PASSWORD: 'registry_secret',
};

interface Call {
  argv: string[];
  env: Map<string, string>;
}

interface Runner {
  /** The docker calls, in order. */
  calls(): Call[];
}

/**
 * Puts stand-ins for `docker` and `nvidia-smi` first on PATH. The docker stand-in answers
 * `image inspect` and `pull` as told, and runs `run ... --entrypoint PY IMAGE ARGS` as `venv-python ARGS`
 * (or fails as docker does when the image has no such executable).
 */
function standInRunner(
  env: PythonEnv,
  options: { gpu: boolean; driver?: string; imagePresent?: boolean; pullFails?: boolean; imageLacks?: string; refuses?: string },
): Runner {
  const folder = temporaryFolder('compat-guard-docker-');
  const calls = join(folder, 'calls');
  mkdirSync(calls);
  const bin = join(folder, 'bin');
  mkdirSync(bin);
  writeExecutable(
    join(bin, 'docker'),
    `#!/bin/sh
n=$(ls '${calls}' | wc -l)
printf '%s\\0' "$@" > '${calls}'/$n.argv
env -0 > '${calls}'/$n.env
case "$1" in
  image) ${options.imagePresent === false ? 'echo "Error: No such image: $4" >&2; exit 1' : 'echo sha256:4f1c; exit 0'} ;;
  pull) ${options.pullFails ? 'echo "Error response from daemon: pull access denied for ghcr.io/acme/speech, repository does not exist or may require \'docker login\'" >&2; exit 1' : `printf '1.4.0: Pulling from acme/speech\\n4f1c2a: Pulling fs layer\\n4f1c2a: Download complete\\n4f1c2a: Pull complete\\nStatus: Downloaded newer image for ${IMAGE}\\n'; exit 0`} ;;
esac
${
  options.refuses
    ? `echo "docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error running prestart hook #0: exit status 1, stdout: , stderr: Auto-detected mode as 'legacy'" >&2
echo "nvidia-container-cli: requirement error: unsatisfied condition: ${options.refuses}, please update your driver to a newer version, or use an earlier cuda container: unknown." >&2
exit 125`
    : ''
}
while [ "$1" != "--entrypoint" ]; do shift; done
entrypoint=$2
shift 3
if [ "$entrypoint" = '${options.imageLacks ?? ''}' ]; then
  echo "docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: \\"$entrypoint\\": executable file not found in \\$PATH: unknown." >&2
  exit 127
fi
exec '${env.python}' "$@"
`,
  );
  writeExecutable(
    join(bin, 'nvidia-smi'),
    options.gpu
      ? `#!/bin/sh
case "$1" in
  -L) echo "GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-5b3c8e2e-1d5e-7f0c-9a51-0c2f6d1e9b47)" ;;
  *) echo "${options.driver ?? '535.104.05'}, NVIDIA H100 80GB HBM3, 81559 MiB" ;;
esac
`
      : `#!/bin/sh\necho "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver." >&2\nexit 9\n`,
  );
  process.env.PATH = `${bin}${delimiter}${process.env.PATH ?? ''}`;
  return {
    calls: () =>
      readdirSync(calls)
        .filter((name) => name.endsWith('.argv'))
        .sort((a, b) => parseInt(a, 10) - parseInt(b, 10))
        .map((name) => ({
          argv: readFileSync(join(calls, name), 'utf8').split('\0').slice(0, -1),
          env: new Map(
            readFileSync(join(calls, name.replace('.argv', '.env')), 'utf8')
              .split('\0')
              .filter((entry) => entry !== '')
              .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)] as [string, string]),
          ),
        })),
  };
}

/** A log that records what it was told: `group TITLE`, `line TEXT`, `end`. */
function recordingLog(): RuntimeLog & { events: string[] } {
  const events: string[] = [];
  return {
    events,
    line: (text) => events.push(`line ${text}`),
    startGroup: (title) => events.push(`group ${title}`),
    endGroup: () => events.push('end'),
  };
}

/** The probe's arguments: the time budget, then each package the requirements install. */
const PROBED = ['numpy', 'torch', 'speech-tools', 'brokenpkg', 'crashpkg', 'filelock', 'notinstalled', 'pywin32'];

describe('runRuntimeCheck in an image', { skip: noPython }, () => {
  let env: PythonEnv;
  let saved: NodeJS.ProcessEnv;
  before(async () => {
    env = await fixtureEnv();
  });
  beforeEach(() => {
    saved = { ...process.env };
    Object.assign(process.env, SECRETS, { COMPAT_GUARD_TEST_MARK: 'kept' });
  });
  afterEach(() => {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  });

  it('runs `docker run --rm --gpus all --entrypoint python IMAGE -c PROBE ...` on a GPU runner', async () => {
    const runner = standInRunner(env, { gpu: true, driver: '520.61.05' });
    const { findings, summary } = await runRuntimeCheck(fixtureParse(), matrix, null, inImage);
    const calls = runner.calls();
    assert.deepEqual(
      calls.map((call) => call.argv.slice(0, 2)),
      [
        ['image', 'inspect'],
        ['run', '--rm'],
      ],
    );
    assert.deepEqual(calls[1]?.argv, [
      'run',
      '--rm',
      '--gpus',
      'all',
      '--entrypoint',
      'python',
      IMAGE,
      '-c',
      PROBE_SOURCE,
      '94',
      ...PROBED,
    ]);
    assert.deepEqual(summary.gpus, [{ name: 'NVIDIA H100 80GB HBM3', driver: '520.61.05', memory: '81559 MiB' }]);
    // The stand-in torch sees no device although nvidia-smi lists one; the driver is below CUDA 12's 525.
    assert.deepEqual(
      findings.filter((finding) => finding.file === null).map((finding) => `${finding.rule} ${finding.severity}: ${finding.message}`),
      [
        `driver-too-old error: The NVIDIA driver 520.61.05 is older than 525, the lowest that runs CUDA 12.1 builds (torch 2.1.2+cu121); ` +
          `torch's wheels bundle their CUDA runtime, which runs on any driver of the CUDA 12 minor-version-compatibility branch ` +
          `except for features that need PTX JIT: upgrade the driver, or install a torch build for an older CUDA.`,
        `gpu-not-visible notice: No CUDA device is visible in image ${IMAGE}: nvidia-smi lists 1 GPU(s), but torch.cuda.is_available() is False for torch 2.1.2+cu121 (CUDA 12.1).`,
      ],
    );
  });

  it('no token, action input or secret reaches docker or the probe; the rest of the environment does', async () => {
    const runner = standInRunner(env, { gpu: true });
    await runRuntimeCheck(fixtureParse(), matrix, null, inImage);
    for (const call of runner.calls()) {
      for (const name of Object.keys(SECRETS)) assert.equal(call.env.has(name), false, `${name} reached docker ${call.argv[0]}`);
      assert.equal(
        [...call.env.keys()].some((name) => name.startsWith('INPUT_')),
        false,
      );
      assert.equal(call.env.get('COMPAT_GUARD_TEST_MARK'), 'kept');
    }
  });

  it('leaves out --gpus on a runner without a GPU, and says so when a GPU is required', async () => {
    const runner = standInRunner(env, { gpu: false });
    const { findings } = await runRuntimeCheck(fixtureParse(), matrix, null, { ...inImage, requireGpu: true });
    assert.deepEqual(runner.calls()[1]?.argv.slice(0, 6), ['run', '--rm', '--entrypoint', 'python', IMAGE, '-c']);
    const gpu = findings.find((finding) => finding.rule === 'gpu-not-visible');
    assert.equal(gpu?.severity, 'error');
    assert.match(gpu?.message ?? '', /this runner has no GPU \(`nvidia-smi -L` failed\), so the container was started without --gpus/);
  });

  it('tries python3 when the image has no `python`; an interpreter named by the user gets no second try', async () => {
    const runner = standInRunner(env, { gpu: false, imageLacks: 'python' });
    const { summary } = await runRuntimeCheck(fixtureParse(), matrix, null, inImage);
    assert.equal(summary.status, 'ran');
    assert.deepEqual(
      runner
        .calls()
        .slice(1)
        .map((call) => call.argv[3]),
      ['python', 'python3'],
    );

    const named = standInRunner(env, { gpu: false, imageLacks: 'python3.10' });
    const refused = await runRuntimeCheck(fixtureParse(), matrix, null, { ...inImage, python: 'python3.10' });
    assert.equal(named.calls().length, 2);
    assert.match(
      refused.summary.reason ?? '',
      /^docker run ghcr\.io\/acme\/speech:1\.4\.0 exited with status 127: docker: Error response from daemon: .*"python3\.10": executable file not found/,
    );
  });

  it('a runner without docker gets a runtime-error that says so', async () => {
    process.env.PATH = temporaryFolder('compat-guard-empty-path-');
    const { findings, summary } = await runRuntimeCheck(fixtureParse(), matrix, null, inImage);
    assert.deepEqual(summary, { status: 'skipped', reason: 'docker was not found on PATH', target: `image ${IMAGE}` });
    assert.equal(findings[0]?.rule, 'runtime-error');
  });

  it('pulls an image that is not present, and reports a pull that fails', async () => {
    const pulled = standInRunner(env, { gpu: false, imagePresent: false });
    assert.equal((await runRuntimeCheck(fixtureParse(), matrix, null, inImage)).summary.status, 'ran');
    assert.deepEqual(
      pulled.calls().map((call) => call.argv.slice(0, 2)),
      [
        ['image', 'inspect'],
        ['pull', IMAGE],
        ['run', '--rm'],
      ],
    );

    const denied = standInRunner(env, { gpu: false, imagePresent: false, pullFails: true });
    const { findings, summary } = await runRuntimeCheck(fixtureParse(), matrix, null, inImage);
    assert.equal(denied.calls().length, 2);
    assert.equal(summary.status, 'skipped');
    assert.equal(
      findings[0]?.message,
      `The runtime check could not run against image ${IMAGE}: docker pull ${IMAGE} exited with status 1: ` +
        `Error response from daemon: pull access denied for ghcr.io/acme/speech, repository does not exist or may require 'docker login'.`,
    );
  });
  it('shows docker pull and the probe as they go, each in its own group, and says how long each phase took', async () => {
    standInRunner(env, { gpu: false, imagePresent: false });
    const log = recordingLog();
    const { summary } = await runRuntimeCheck(fixtureParse(), matrix, null, { ...inImage, log });
    const pull = log.events.slice(0, log.events.indexOf('end') + 1);
    assert.deepEqual(pull, [
      `group runtime check: docker pull ${IMAGE}`,
      'line 1.4.0: Pulling from acme/speech',
      'line 4f1c2a: Pulling fs layer',
      'line 4f1c2a: Download complete',
      'line 4f1c2a: Pull complete',
      `line Status: Downloaded newer image for ${IMAGE}`,
      'end',
    ]);
    const probe = log.events.slice(pull.length);
    assert.equal(probe[0], `group runtime check: probe in docker run ${IMAGE}`);
    assert.equal(probe[1], `line starting a container of ${IMAGE} (python)`);
    assert.match(probe[2] ?? '', /^line started in Python 3\.\d+\.\d+ \(.+\); \d+ checks to run$/);
    assert.match(probe[probe.length - 2] ?? '', /^line (\d+) of \1 checks done after \d+ s$/);
    assert.equal(probe[probe.length - 1], 'end');
    assert.deepEqual(
      summary.phases?.map((phase) => phase.name),
      ['image pull', 'container start', 'probe'],
    );
  });

  it('an image the container toolkit refuses for the driver is driver-too-old, with what the image needs and the ways out', async () => {
    standInRunner(env, { gpu: true, driver: '550.54.15', refuses: 'cuda>=12.6' });
    const { findings, summary } = await runRuntimeCheck(fixtureParse(), matrix, null, inImage);
    assert.equal(summary.status, 'skipped');
    assert.match(summary.reason ?? '', /requirement error: unsatisfied condition: cuda>=12\.6/);
    assert.deepEqual(
      findings.map((finding) => `${finding.rule} ${finding.severity}`),
      ['driver-too-old error'],
    );
    assert.equal(
      findings[0]?.message,
      `docker refused to start ${IMAGE}: the NVIDIA container toolkit checks the image's NVIDIA_REQUIRE_CUDA when the container starts, ` +
        `and cuda>=12.6 is not met (it needs a driver that supports CUDA 12.6); this runner's driver 550.54.15 supports CUDA 12.4. ` +
        `The toolkit of an nvidia/cuda image needs its own minimum driver: upgrade the driver, use an image of CUDA 12.4 or older, ` +
        `or set NVIDIA_DISABLE_REQUIRE=true (ENV in the image, or docker run -e) when only the pip wheels' bundled CUDA needs the GPU ` +
        `(they run on any driver of their major's minor-version-compatibility branch, except features that need PTX JIT).`,
    );
  });

  it("reads the container's NVIDIA_REQUIRE_CUDA: unmet is a warning, quiet when disabled or when a datacenter branch may apply", async () => {
    const requirement = 'cuda>=12.4 brand=tesla,driver>=470,driver<471 brand=tesla,driver>=535,driver<536';
    const warned = async (driver: string, disable?: string): Promise<string[]> => {
      standInRunner(env, { gpu: true, driver });
      process.env.NVIDIA_REQUIRE_CUDA = requirement;
      if (disable === undefined) delete process.env.NVIDIA_DISABLE_REQUIRE;
      else process.env.NVIDIA_DISABLE_REQUIRE = disable;
      const { findings } = await runRuntimeCheck(fixtureParse(), matrix, null, inImage);
      return findings.filter((finding) => finding.rule === 'driver-too-old').map((finding) => `${finding.severity}: ${finding.message}`);
    };
    const [unmet, ...rest] = await warned('530.30.02');
    assert.equal(rest.length, 0);
    assert.match(
      unmet ?? '',
      /^warning: The NVIDIA driver 530\.30\.02 \(CUDA 12\.1\) does not meet this image's NVIDIA_REQUIRE_CUDA \(cuda>=12\.4: a driver that supports CUDA 12\.4 \(>= 550\.54\.15\)\)\. It started here because the requirement was not checked/,
    );
    assert.deepEqual(await warned('530.30.02', 'true'), []);
    // 535.x meets `brand=tesla,driver>=535,driver<536` on a Tesla-branded GPU: the probe cannot tell the brand.
    assert.deepEqual(await warned('535.104.05'), []);
    assert.deepEqual(await warned('550.54.15'), []);
  });
});
