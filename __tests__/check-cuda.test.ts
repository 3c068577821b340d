// CUDA base images: cuda-image-tag-unknown, cuda-image-tag-unverified, cuda-image-tag-eol,
// cuda-torch-build-mismatch and the cuda-driver-minimum notice.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runChecks } from '../src/check/index.js';
import type { Finding, ParseResult } from '../src/model.js';
import type { Matrix } from '../src/matrix/types.js';
import { parseTexts, readFixture, testFacts, testMatrix, testProfile } from './helpers/matrix-fixture.js';

const CUDA_RULES = new Set([
  'cuda-image-tag-unknown',
  'cuda-image-tag-unverified',
  'cuda-image-tag-eol',
  'cuda-torch-build-mismatch',
  'cuda-driver-minimum',
]);

function findings(parse: ParseResult, matrix: Matrix = testMatrix(), profile = 'auto'): Finding[] {
  const outcome = runChecks(parse, matrix, { profile });
  assert.ok(outcome.ok);
  return outcome.findings.filter((finding) => CUDA_RULES.has(finding.rule));
}

function summary(finding: Finding): string {
  return `${finding.file}:${finding.line}:${finding.column}-${finding.endColumn} ${finding.severity} ${finding.rule} -> ${finding.fix}`;
}

test('CUDA image rules fire on unpublished and end-of-life tags and on torch builds the image does not match', () => {
  assert.deepEqual(findings(readFixture('cuda/fires')).map(summary), [
    'Dockerfile:2:6-41 error cuda-image-tag-unknown -> nvidia/cuda:12.2.2-devel-ubuntu22.04',
    'Dockerfile:6:6-43 notice cuda-driver-minimum -> null',
    'Dockerfile:6:6-43 warning cuda-image-tag-eol -> nvidia/cuda:12.1.1-runtime-ubuntu22.04',
    'Dockerfile.infer:1:6-43 notice cuda-driver-minimum -> null',
    'Dockerfile.infer:1:6-43 notice cuda-torch-build-mismatch -> nvidia/cuda:12.1.1-runtime-ubuntu22.04',
    'Dockerfile.serve:1:6-41 notice cuda-driver-minimum -> null',
    'Dockerfile.serve:1:6-41 warning cuda-torch-build-mismatch -> nvidia/cuda:12.1.1-devel-ubuntu22.04',
    'Dockerfile.train:1:6-41 notice cuda-driver-minimum -> null',
    'Dockerfile.train:1:6-41 error cuda-torch-build-mismatch -> nvidia/cuda:11.8.0-devel-ubuntu22.04',
  ]);
});

test('CUDA findings name the fact and its source', () => {
  const all = findings(readFixture('cuda/fires'));
  const unknown = all.find((finding) => finding.rule === 'cuda-image-tag-unknown');
  assert.equal(
    unknown?.message,
    'nvidia/cuda:12.2.1-devel-ubuntu22.04 was never published, so docker pull fails with "manifest unknown": CUDA 12.2 devel-ubuntu22.04 images exist only as 12.2.2 (https://gitlab.com/nvidia/container-images/cuda/-/blob/master/doc/supported-tags.md). Use nvidia/cuda:12.2.2-devel-ubuntu22.04 instead.',
  );
  const eol = all.find((finding) => finding.rule === 'cuda-image-tag-eol');
  assert.match(eol?.message ?? '', /deletes end-of-life tags from Docker Hub six months after their end of life/);
  const driver = all.find((finding) => finding.file === 'Dockerfile.train' && finding.rule === 'cuda-driver-minimum');
  assert.equal(
    driver?.message,
    // NVIDIA_REQUIRE_CUDA, checked by the container toolkit, is not met by minor-version compatibility.
    "nvidia/cuda:12.4.1-devel-ubuntu22.04 (CUDA 12.4.1) needs NVIDIA driver >= 550.54.15 on the host (https://docs.nvidia.com/cuda/cuda-toolkit-release-notes/); the image sets NVIDIA_REQUIRE_CUDA=cuda>=12.4, which the NVIDIA container toolkit checks when the container starts, so a driver older than 550.54.14 is refused even with CUDA minor-version compatibility, unless the GPU's brand and driver branch are among the brand=... alternatives it lists or NVIDIA_DISABLE_REQUIRE is set (https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/latest/docker-specialized.html). Declare the fleet's driver (driver: in the matrix file, or --driver) to have it checked.",
  );
  const train = all.find((finding) => finding.file === 'Dockerfile.train' && finding.rule === 'cuda-torch-build-mismatch');
  assert.match(
    train?.message ?? '',
    /cpp_extension refuses to build CUDA extensions with an nvcc whose major version differs from torch\.version\.cuda \(11\.8\)/,
  );
  assert.deepEqual(
    train?.related?.map((location) => `${location.file}:${location.line}`),
    ['Dockerfile.train:3'],
  );
  const infer = all.find((finding) => finding.file === 'Dockerfile.infer' && finding.rule === 'cuda-torch-build-mismatch');
  assert.match(infer?.message ?? '', /torch wheels bundle their own CUDA runtime/);
});

test('a matching, supported image gets only its driver notice, once however many stages build on it', () => {
  assert.deepEqual(findings(readFixture('cuda/silent')).map(summary), ['Dockerfile:1:6-41 notice cuda-driver-minimum -> null']);
});

test('the tag the seed proposed does not exist: 12.1-devel-ubuntu20.04 becomes 12.1.1-devel-ubuntu20.04', () => {
  const parse = parseTexts({ Dockerfile: 'FROM nvidia/cuda:12.1-devel-ubuntu20.04\n' });
  const [finding] = findings(parse);
  assert.equal(finding?.rule, 'cuda-image-tag-unknown');
  assert.equal(finding?.fix, 'nvidia/cuda:12.1.1-devel-ubuntu20.04');
  assert.match(finding?.message ?? '', /nvidia\/cuda tags always carry the full X\.Y\.Z version/);
  // No driver notice for an image that cannot be pulled.
  assert.equal(findings(parse).length, 1);
});

test('an image reference split by a continuation is reported from where it starts to where it ends', () => {
  // BuildKit joins the lines as they are: the image goes on at the start of the next line.
  const parse = parseTexts({
    Dockerfile:
      'FROM nvidia/cuda:12.1-devel-\\\nubuntu20.04 AS build\nRUN pip install torch==2.1.2 \\\n    --index-url https://download.pytorch.org/whl/\\\ncu118\n',
  });
  // The fix replaces the whole span, the continuation included: one end on each line.
  const span = (finding: Finding | undefined) => `${finding?.line}:${finding?.column}-${finding?.endLine}:${finding?.endColumn}`;
  const all = findings(parse);
  assert.equal(span(all.find((finding) => finding.rule === 'cuda-image-tag-unknown')), '1:6-2:11');
  const mismatch = all.find((finding) => finding.rule === 'cuda-torch-build-mismatch');
  assert.deepEqual(
    mismatch?.related?.map((location) => `${location.line}:${location.column}-${location.endLine}:${location.endColumn}`),
    ['4:17-5:5'],
  );
});

test('latest, registry prefixes, ARG defaults and digests', () => {
  const latest = findings(parseTexts({ Dockerfile: 'FROM nvidia/cuda:latest\n' }));
  assert.deepEqual(
    latest.map((finding) => `${finding.rule} ${finding.fix}`),
    ['cuda-image-tag-unknown null'],
  );
  assert.match(latest[0]?.message ?? '', /NVIDIA removed the latest tag/);
  const prefixed = findings(parseTexts({ Dockerfile: 'FROM docker.io/nvidia/cuda:12.2.0-base-ubuntu22.04\n' }));
  assert.deepEqual(
    prefixed.map((finding) => finding.fix),
    ['docker.io/nvidia/cuda:12.2.2-base-ubuntu22.04'],
  );
  const argument = findings(parseTexts({ Dockerfile: 'ARG CUDA=12.1.0\nFROM nvidia/cuda:${CUDA}-devel-ubuntu22.04\n' }));
  assert.deepEqual(
    argument.map((finding) => `${finding.rule} ${finding.fix}`),
    ['cuda-driver-minimum null', 'cuda-image-tag-eol nvidia/cuda:12.1.1-devel-ubuntu22.04'],
  );
  assert.deepEqual(findings(parseTexts({ Dockerfile: 'FROM nvidia/cuda@sha256:' + 'a'.repeat(64) + '\n' })), []);
});

test('without the tag table (not loaded) no tag is judged; the driver notice still comes', () => {
  const facts = { ...testFacts(), cudaImageTags: {} };
  const parse = parseTexts({ Dockerfile: 'FROM nvidia/cuda:12.1.0-devel-ubuntu22.04\n' });
  assert.deepEqual(
    findings(parse, testMatrix({ facts })).map((finding) => finding.rule),
    ['cuda-driver-minimum'],
  );
});

test('an end-of-life minor with no supported patch points to the newest supported tag of its major', () => {
  const parse = parseTexts({ Dockerfile: 'FROM nvidia/cuda:11.3.1-devel-ubuntu20.04\n' });
  const eol = findings(parse).find((finding) => finding.rule === 'cuda-image-tag-eol');
  assert.equal(eol?.fix, 'nvidia/cuda:11.8.0-devel-ubuntu20.04');
});

test("under a profile, the torch build is blamed when the image is the profile's CUDA and the build is not", () => {
  const profile = testProfile('cu121', { cuda: '==12.1.*' });
  const parse = parseTexts({
    Dockerfile:
      'FROM nvidia/cuda:12.1.1-devel-ubuntu22.04\nRUN pip install torch==2.1.2 --index-url https://download.pytorch.org/whl/cu118\n',
  });
  const mismatch = findings(parse, testMatrix({ profiles: [profile] }), 'cu121').filter(
    (finding) => finding.rule === 'cuda-torch-build-mismatch',
  );
  assert.deepEqual(mismatch.map(summary), ['Dockerfile:2:42-79 error cuda-torch-build-mismatch -> https://download.pytorch.org/whl/cu121']);
});

test('a +cuXYZ label counts as the torch build; CPU wheels and images without torch are not compared', () => {
  const labelled = parseTexts({
    Dockerfile:
      'FROM nvidia/cuda:12.1.1-devel-ubuntu22.04\nRUN pip install torch==2.1.2+cu118 -f https://download.pytorch.org/whl/torch_stable.html\n',
  });
  assert.deepEqual(
    findings(labelled)
      .filter((finding) => finding.rule === 'cuda-torch-build-mismatch')
      .map((finding) => finding.severity),
    ['error'],
  );
  const cpu = parseTexts({
    Dockerfile:
      'FROM nvidia/cuda:12.1.1-devel-ubuntu22.04\nRUN pip install torch==2.1.2 --index-url https://download.pytorch.org/whl/cpu\n',
  });
  const noTorch = parseTexts({
    Dockerfile:
      'FROM nvidia/cuda:12.1.1-devel-ubuntu22.04\nRUN pip install --index-url https://download.pytorch.org/whl/cu118 numpy==1.26.4\n',
  });
  for (const parse of [cpu, noTorch])
    assert.deepEqual(
      findings(parse).map((finding) => finding.rule),
      ['cuda-driver-minimum'],
    );
});

/** The tag rules' findings on one FROM line, as `severity rule -> fix`. */
function tagFindings(image: string): string[] {
  return findings(parseTexts({ Dockerfile: `FROM ${image}\n` }))
    .filter((finding) => finding.rule !== 'cuda-driver-minimum')
    .map((finding) => `${finding.severity} ${finding.rule} -> ${finding.fix}`);
}

test('a tag past the bundled list (a newer patch, a newer minor, an OS the list has no image of) is a notice, never an error', () => {
  // The test list ends at 12.2.2 for CUDA 12.2 and 12.4.1 for 12.4, with ubuntu20.04 and 22.04 only.
  assert.deepEqual(tagFindings('nvidia/cuda:12.2.3-devel-ubuntu22.04'), ['notice cuda-image-tag-unverified -> null']);
  assert.deepEqual(tagFindings('nvidia/cuda:13.0.3-devel-ubuntu24.04'), ['notice cuda-image-tag-unverified -> null']);
  assert.deepEqual(tagFindings('nvidia/cuda:12.4.1-devel-ubuntu24.04'), ['notice cuda-image-tag-unverified -> null']);
  const [newer] = findings(parseTexts({ Dockerfile: 'FROM nvidia/cuda:12.2.3-devel-ubuntu22.04\n' })).filter(
    (finding) => finding.rule === 'cuda-image-tag-unverified',
  );
  assert.equal(
    newer?.message,
    'nvidia/cuda:12.2.3-devel-ubuntu22.04 is not in the bundled list of nvidia/cuda tags of 2025-12, so it is not verified: the bundled list of 2025-12 ends at 12.2.2 for CUDA 12.2 on ubuntu22.04, and NVIDIA may have published it since (https://gitlab.com/nvidia/container-images/cuda/-/blob/master/doc/supported-tags.md). If docker pull fails with "manifest unknown", nvidia/cuda:12.2.2-devel-ubuntu22.04 is in the list.',
  );
  // An image that may exist still gets its driver notice.
  assert.ok(
    findings(parseTexts({ Dockerfile: 'FROM nvidia/cuda:12.2.3-devel-ubuntu22.04\n' })).some(
      (finding) => finding.rule === 'cuda-driver-minimum',
    ),
  );
});

test('never published only where the list is complete: an older patch of a listed minor, a skipped minor, an end-of-life minor', () => {
  assert.deepEqual(tagFindings('nvidia/cuda:12.4.0-cudnn8-devel-ubuntu22.04'), ['error cuda-image-tag-unknown -> null']);
  assert.deepEqual(tagFindings('nvidia/cuda:12.1.1-cudnn-devel-ubuntu22.04'), ['error cuda-image-tag-unknown -> null']);
  const skipped = findings(parseTexts({ Dockerfile: 'FROM nvidia/cuda:12.3.0-devel-ubuntu22.04\n' }));
  assert.match(skipped[0]?.message ?? '', /NVIDIA published no CUDA 12\.3 images: its tags go from CUDA 12\.2 to 12\.4/);
  // 11.3 is end of life in the test list: nothing new comes for it, so 11.3.2 is known not to exist.
  assert.deepEqual(tagFindings('nvidia/cuda:11.3.2-devel-ubuntu20.04'), [
    'error cuda-image-tag-unknown -> nvidia/cuda:11.3.1-devel-ubuntu20.04',
  ]);
  assert.deepEqual(tagFindings('nvidia/cuda:11.3.1-devel-ubuntu22.04'), ['error cuda-image-tag-unknown -> null']);
});

test("removed tags say removed, with NVIDIA's support policy as the source: CUDA 10, the old X.Y tags, latest", () => {
  for (const image of ['nvidia/cuda:10.2-cudnn7-devel-ubuntu18.04', 'nvidia/cuda:10.1-devel', 'nvidia/cuda:latest']) {
    const [finding] = findings(parseTexts({ Dockerfile: `FROM ${image}\n` }));
    assert.equal(finding?.rule, 'cuda-image-tag-unknown', image);
    assert.equal(finding?.severity, 'error');
    assert.match(finding?.message ?? '', /was removed from Docker Hub/, image);
    assert.equal(finding?.source, 'https://gitlab.com/nvidia/container-images/cuda/-/blob/master/doc/support-policy.md');
  }
});

test('FROM nvidia/cuda with no tag pulls :latest, which NVIDIA removed; a digest pins an image and is not checked', () => {
  const [finding, ...rest] = findings(parseTexts({ Dockerfile: 'FROM nvidia/cuda AS base\n' }));
  assert.deepEqual(rest, []);
  assert.equal(finding?.rule, 'cuda-image-tag-unknown');
  assert.equal(finding?.severity, 'error');
  assert.equal(finding?.actual, 'latest');
  assert.match(finding?.message ?? '', /^nvidia\/cuda \(no tag: Docker pulls :latest\) was removed from Docker Hub/);
  const digest = `nvidia/cuda@sha256:${'a'.repeat(64)}`;
  assert.deepEqual(
    findings(parseTexts({ Dockerfile: `FROM ${digest}\n` })).filter((found) => found.rule.startsWith('cuda-image-tag')),
    [],
  );
});

test('torch from plain PyPI is the CUDA build its wheel bundles: torch 1.13.0 (CUDA 11.7) on a CUDA 12 devel image', () => {
  const mismatch = findings(
    parseTexts({
      Dockerfile:
        'FROM nvidia/cuda:12.2.2-devel-ubuntu22.04\nRUN apt-get update && apt-get install -y python3-pip\nRUN pip3 install torch==1.13.0\n',
    }),
  ).filter((finding) => finding.rule === 'cuda-torch-build-mismatch');
  assert.deepEqual(
    mismatch.map((finding) => `${finding.line} ${finding.severity} ${finding.expected} ${finding.fix}`),
    ['1 error 11.7 nvidia/cuda:11.7.1-devel-ubuntu22.04'],
  );
  assert.match(
    mismatch[0]?.message ?? '',
    /torch comes from CUDA 11\.7 \(torch==1\.13\.0 from PyPI, whose Linux wheels of torch 1\.13 bundle CUDA 11\.7\)/,
  );
  // The fixed twin: torch 2.1.2 from PyPI bundles CUDA 12.1; the 12.2 image differs in the minor only.
  const fixed = findings(parseTexts({ Dockerfile: 'FROM nvidia/cuda:12.1.1-devel-ubuntu22.04\nRUN pip3 install torch==2.1.2\n' }));
  assert.deepEqual(
    fixed.filter((finding) => finding.rule === 'cuda-torch-build-mismatch'),
    [],
  );
  // Any index or find-links location, in options or in pip's environment variables, may serve another build.
  for (const dockerfile of [
    'FROM nvidia/cuda:12.2.2-devel-ubuntu22.04\nRUN pip3 install torch==1.13.0 --extra-index-url https://mirror.example/simple\n',
    'FROM nvidia/cuda:12.2.2-devel-ubuntu22.04\nENV PIP_EXTRA_INDEX_URL=https://mirror.example/simple\nRUN pip3 install torch==1.13.0\n',
    'FROM nvidia/cuda:12.2.2-devel-ubuntu22.04\nARG PIP_FIND_LINKS\nRUN pip3 install torch==1.13.0\n',
    'FROM nvidia/cuda:12.2.2-devel-ubuntu22.04\nRUN pip3 install torch>=1.13\n',
  ]) {
    assert.deepEqual(
      findings(parseTexts({ Dockerfile: dockerfile })).filter((finding) => finding.rule === 'cuda-torch-build-mismatch'),
      [],
      dockerfile,
    );
  }
});

test('a declared fleet driver too old for an image is an error on its line; the driver option wins over the matrix file', () => {
  const parse = parseTexts({
    Dockerfile:
      'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04\nRUN pip install torch==2.4.1 --index-url https://download.pytorch.org/whl/cu124\n',
  });
  const fleet = (version: string) => ({ ...testMatrix(), driver: { version, origin: { file: '.github/compat-matrix.yml', line: 2 } } });
  const driverRules = (all: Finding[]) =>
    all.filter((finding) => finding.rule === 'fleet-driver-too-old' || finding.rule === 'cuda-driver-minimum');
  const [tooOld, ...rest] = driverRules(runChecksOk(parse, fleet('545.23.08')));
  assert.deepEqual(rest, []);
  assert.equal(`${tooOld?.line} ${tooOld?.severity} ${tooOld?.expected}`, '1 error >=550.54.14');
  assert.match(
    tooOld?.message ?? '',
    /^The fleet's driver 545\.23\.08 \(\.github\/compat-matrix\.yml:2\) supports CUDA up to 12\.3; nvidia\/cuda:12\.4\.1-devel-ubuntu22\.04 sets NVIDIA_REQUIRE_CUDA=cuda>=12\.4, so it needs >= 550\.54\.14: the container toolkit refuses to start it/,
  );
  // A driver that suffices: no finding, not even the notice.
  assert.deepEqual(driverRules(runChecksOk(parse, fleet('550.54.14'))), []);
  // --driver (or the input) wins over the matrix file.
  const outcome = runChecks(parse, fleet('545.23.08'), { profile: 'auto', driver: '560.35.05' });
  assert.ok(outcome.ok);
  assert.deepEqual(driverRules(outcome.findings), []);
  // A branch that nvidia/cuda images list as brand=...,driver>=535 alternatives may start it on datacenter GPUs: a warning.
  const brand = driverRules(runChecksOk(parse, fleet('535.104.05')));
  assert.deepEqual(
    brand.map((finding) => finding.severity),
    ['warning'],
  );
  assert.match(brand[0]?.message ?? '', /unless the GPUs are of a brand that its brand=\.\.\.,driver>=535,driver<536 alternatives name/);
});

test('a torch build the fleet driver cannot load is an error: CUDA 13 needs 580 even with minor-version compatibility', () => {
  const parse = parseTexts({
    'requirements.txt': '--index-url https://download.pytorch.org/whl/cu130\ntorch==2.9.0\n',
    Dockerfile: 'FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n',
  });
  const matrix = { ...testMatrix(), driver: { version: '570.124.06', origin: { file: '--driver', line: 0 } } };
  const torch = runChecksOk(parse, matrix).filter((finding) => finding.rule === 'fleet-driver-too-old' && finding.package === 'torch');
  assert.deepEqual(
    torch.map((finding) => `${finding.file}:${finding.line} ${finding.severity} ${finding.expected}`),
    ['requirements.txt:1 error >=580'],
  );
  assert.match(torch[0]?.message ?? '', /The fleet's driver 570\.124\.06 \(--driver\) cannot run torch built for CUDA 13\.0/);
});

test('without a declared driver, the notice says that NVIDIA_REQUIRE_CUDA is checked when the container starts', () => {
  const [notice] = findings(parseTexts({ Dockerfile: 'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04\n' }));
  assert.match(
    notice?.message ?? '',
    /sets NVIDIA_REQUIRE_CUDA=cuda>=12\.4, which the NVIDIA container toolkit checks when the container starts, so a driver older than 550\.54\.14 is refused even with CUDA minor-version compatibility/,
  );
});

function runChecksOk(parse: ParseResult, matrix: Matrix): Finding[] {
  const outcome = runChecks(parse, matrix, { profile: 'auto' });
  assert.ok(outcome.ok);
  return outcome.findings;
}
