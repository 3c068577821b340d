// The interpreter of an image: the distribution's python3 when a stage installs it on an image whose
// tag names the distribution release (ubuntu:22.04, debian:bookworm, nvidia/cuda:*-ubuntu22.04).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runChecks } from '../src/check/index.js';
import { distroPythonOf, parseImageRef } from '../src/parse/dockerfile-image.js';
import { parseTexts, testMatrix, testProfile, testRule } from './helpers/matrix-fixture.js';

function pythonsOf(dockerfile: string): string[] {
  const parse = parseTexts({ Dockerfile: dockerfile });
  return parse.files.flatMap((file) => file.python.map((fact) => `${fact.version} ${fact.source}`));
}

test('each Ubuntu and Debian release gives its python3; an image with its own Python or a moving tag gives none', () => {
  const distro = (ref: string) => distroPythonOf(parseImageRef(ref))?.version ?? null;
  assert.deepEqual(
    [
      'ubuntu:18.04',
      'ubuntu:20.04',
      'ubuntu:jammy',
      'ubuntu:24.04',
      'debian:buster',
      'debian:bullseye-slim',
      'debian:12',
      'debian:trixie',
    ].map(distro),
    ['3.6', '3.8', '3.10', '3.12', '3.7', '3.9', '3.11', '3.13'],
  );
  assert.equal(distro('nvidia/cuda:12.4.1-devel-ubuntu22.04'), '3.10');
  assert.equal(distro('nvcr.io/nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04'), '3.12');
  assert.equal(distro('node:20-bookworm'), '3.11');
  for (const ref of [
    'ubuntu:latest',
    'ubuntu',
    'python:3-bookworm',
    'python:3.12-bookworm',
    'rayproject/ray:2.9.0-py310-cu121',
    'nvidia/cuda:12.4.1-devel-rockylinux9',
  ]) {
    assert.equal(distro(ref), null, ref);
  }
});

test("apt-get install python3 (or python3-pip) on a distribution image selects that release's python3, in stages built on it too", () => {
  assert.deepEqual(
    pythonsOf(
      'FROM nvidia/cuda:12.4.1-devel-ubuntu22.04 AS base\nRUN apt-get update && apt-get install -y --no-install-recommends python3-pip git\n',
    ),
    ['3.10 apt-get install python3-pip (python3 of ubuntu 22.04)'],
  );
  assert.deepEqual(pythonsOf('FROM debian:bookworm AS base\nFROM base\nRUN apt install -y python3\n'), [
    '3.11 apt install python3 (python3 of debian bookworm)',
  ]);
  // A versioned package says its own version; nothing is installed without `install`.
  assert.deepEqual(pythonsOf('FROM ubuntu:22.04\nRUN apt-get install -y python3.11 python3-pip\n'), ['3.11 apt-get install python3.11']);
  assert.deepEqual(pythonsOf('FROM ubuntu:22.04\nRUN apt-get remove -y python3\n'), []);
  assert.deepEqual(pythonsOf('FROM ubuntu:latest\nRUN apt-get install -y python3\n'), []);
});

test("rules that need the interpreter apply to the distribution's python3: torch 2.1.2 has no wheel for Ubuntu 24.04's Python 3.12", () => {
  const parse = parseTexts({
    Dockerfile:
      'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y python3 python3-pip\nRUN pip3 install --break-system-packages torch==2.1.2\n',
  });
  const outcome = runChecks(parse, testMatrix(), { profile: 'auto' });
  assert.ok(outcome.ok);
  const python = outcome.findings.filter((finding) => finding.rule === 'torch-python-unsupported');
  assert.deepEqual(
    python.map((finding) => `${finding.line} ${finding.actual}`),
    ['3 3.12'],
  );
  // The fixed twin: Ubuntu 22.04's Python 3.10 is supported.
  const fixed = runChecks(
    parseTexts({
      Dockerfile: 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y python3 python3-pip\nRUN pip3 install torch==2.1.2\n',
    }),
    testMatrix(),
    { profile: 'auto' },
  );
  assert.ok(fixed.ok);
  assert.deepEqual(
    fixed.findings.filter((finding) => finding.rule === 'torch-python-unsupported'),
    [],
  );
});

test('python:3-slim and python:latest name no Python: the torch check says so instead of guessing', () => {
  const python = (dockerfile: string) => {
    const outcome = runChecks(parseTexts({ Dockerfile: dockerfile }), testMatrix(), { profile: 'auto' });
    assert.ok(outcome.ok);
    return outcome.findings.filter((finding) => finding.rule === 'torch-python-unsupported');
  };
  const [moving] = python('FROM python:3-slim\nRUN pip install torch==2.4.1\n');
  assert.equal(`${moving?.severity} ${moving?.line} ${moving?.expected}`, 'notice 1 >=3.8,<3.13');
  assert.match(
    moving?.message ?? '',
    /python:3-slim names no Python minor: the tag moves to each new Python release, so whether torch==2\.4\.1 \(Python 3\.8 to 3\.12\) has a wheel for it is not checked/,
  );
  assert.equal(python('FROM python:latest\nRUN pip install torch==2.4.1\n').length, 1);
  // A fixed tag is checked as usual; a fixed one the release supports says nothing.
  assert.deepEqual(python('FROM python:3.12-slim\nRUN pip install torch==2.4.1\n'), []);
  assert.deepEqual(python('FROM python:3-slim\nRUN pip install numpy==1.26.4\n'), []);
});

test('pytorch/pytorch and NGC images: the Python and CUDA a source states for the tag (data/framework_images.csv), nothing for a tag it does not know', () => {
  const cudasOf = (dockerfile: string) =>
    parseTexts({ Dockerfile: dockerfile }).files.flatMap((file) => file.cuda.map((fact) => fact.version));
  assert.deepEqual(pythonsOf('FROM pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime\n'), [
    '3.11 pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime',
  ]);
  assert.deepEqual(pythonsOf('FROM docker.io/pytorch/pytorch:1.12.0-cuda11.3-cudnn8-devel\n'), [
    '3.7 docker.io/pytorch/pytorch:1.12.0-cuda11.3-cudnn8-devel',
  ]);
  // The tag still gives CUDA; Python is unknown where no source states it, not guessed.
  assert.deepEqual(pythonsOf('FROM pytorch/pytorch:2.1.2-cuda12.1-cudnn8-runtime\n'), []);
  assert.deepEqual(cudasOf('FROM pytorch/pytorch:2.1.2-cuda12.1-cudnn8-runtime\n'), ['12.1']);
  assert.deepEqual(pythonsOf('FROM nvcr.io/nvidia/pytorch:25.12-py3\n'), ['3.12 nvcr.io/nvidia/pytorch:25.12-py3']);
  assert.deepEqual(cudasOf('FROM nvcr.io/nvidia/pytorch:25.12-py3\n'), ['13.1.0']);
  assert.deepEqual(pythonsOf('FROM nvcr.io/nvidia/pytorch:24.01-py3\n'), []);
  assert.deepEqual(cudasOf('FROM nvcr.io/nvidia/pytorch:24.01-py3\n'), ['12.3.2']);
  assert.deepEqual(cudasOf('FROM nvcr.io/nvidia/pytorch:26.99-py3\n'), []);
});

test("rules that need the interpreter apply to a framework image's Python: torch 1.13.1 has no wheel for pytorch/pytorch 2.5.1's Python 3.11", () => {
  const python = (dockerfile: string) => {
    const outcome = runChecks(parseTexts({ Dockerfile: dockerfile }), testMatrix(), { profile: 'auto' });
    assert.ok(outcome.ok);
    return outcome.findings
      .filter((finding) => finding.rule === 'torch-python-unsupported')
      .map((finding) => `${finding.severity} ${finding.line} ${finding.actual}`);
  };
  assert.deepEqual(python('FROM pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime\nRUN pip install torch==1.13.1\n'), ['error 2 3.11']);
  assert.deepEqual(python('FROM nvcr.io/nvidia/pytorch:25.12-py3\nRUN pip install torch==2.1.2\n'), ['error 2 3.12']);
  // The fixed twins, and a tag whose Python no source states.
  assert.deepEqual(python('FROM pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime\nRUN pip install torch==2.5.1\n'), []);
  assert.deepEqual(python('FROM pytorch/pytorch:2.1.2-cuda12.1-cudnn8-runtime\nRUN pip install torch==1.13.1\n'), []);
});

test("pytorch/pytorch's torch is the stage's torch until the set installs its own: torch-numpy2 and the torch family read it", () => {
  const rules = [testRule('torch-numpy2', { when: { torch: '<2.3' }, require: { numpy: '<2' } })];
  const found = (dockerfile: string) => {
    const outcome = runChecks(parseTexts({ Dockerfile: dockerfile }), testMatrix({ rules }), { profile: 'auto' });
    assert.ok(outcome.ok);
    return outcome.findings
      .filter((finding) => finding.rule === 'torch-numpy2' || finding.rule.startsWith('torch-') || finding.rule.startsWith('cuda-torch'))
      .map((finding) => `${finding.severity} ${finding.rule} ${finding.line}:${finding.column}`);
  };
  // The image's torch 1.13.1 (its token: the version in the tag) with a numpy pip must upgrade to.
  assert.deepEqual(found('FROM pytorch/pytorch:1.13.1-cuda11.6-cudnn8-runtime\nRUN pip install numpy==2.0.2\n'), [
    'error torch-numpy2 2:17',
  ]);
  assert.deepEqual(found('FROM pytorch/pytorch:1.13.1-cuda11.6-cudnn8-runtime\nRUN pip install "numpy>=1.26"\n'), [
    'warning torch-numpy2 2:18',
  ]);
  assert.deepEqual(found('FROM pytorch/pytorch:1.13.1-cuda11.6-cudnn8-runtime\nRUN pip install "numpy<2"\n'), []);
  // A bare numpy is met by the numpy the image ships with its torch: pip leaves it alone.
  assert.deepEqual(found('FROM pytorch/pytorch:1.13.1-cuda11.6-cudnn8-runtime\nRUN pip install numpy\n'), []);
  // pip replaces the image's torch with the one the set installs: that one decides.
  assert.deepEqual(found('FROM pytorch/pytorch:1.13.1-cuda11.6-cudnn8-runtime\nRUN pip install torch==2.3.1 numpy\n'), []);
  assert.deepEqual(found('FROM pytorch/pytorch:1.13.1-cuda11.6-cudnn8-runtime\nRUN pip install torch==2.3.1 numpy==2.0.2\n'), []);
  // A bare torch (or a range the image's meets) is already satisfied: the image's torch stays.
  assert.deepEqual(found('FROM pytorch/pytorch:1.13.1-cuda11.6-cudnn8-runtime\nRUN pip install torch numpy==2.0.2\n'), [
    'error torch-numpy2 2:23',
  ]);
  // A companion not built for the image's torch: pip replaces the image's torch (a warning), the fix is the companion.
  const outcome = runChecks(
    parseTexts({ Dockerfile: 'FROM pytorch/pytorch:2.1.2-cuda12.1-cudnn8-runtime\nRUN pip install torchvision==0.17.0\n' }),
    testMatrix(),
    { profile: 'auto' },
  );
  assert.ok(outcome.ok);
  const family = outcome.findings.filter((finding) => finding.rule === 'torch-family-mismatch');
  assert.deepEqual(
    family.map((finding) => `${finding.severity} ${finding.line} ${finding.fix}`),
    ['warning 2 torchvision==0.16.2'],
  );
  assert.match(family[0]?.message ?? '', /The base image ships torch==2\.1\.2, so pip replaces it/);
  assert.deepEqual(found('FROM pytorch/pytorch:2.1.2-cuda12.1-cudnn8-runtime\nRUN pip install torchvision==0.16.2\n'), []);
  // torchaudio 2.0.0 (PyTorch index, conda) is built for torch 2.0.0 as well as 2.0.1 (PyPI).
  assert.deepEqual(
    found(
      'FROM pytorch/pytorch:2.0.0-cuda11.7-cudnn8-devel\nRUN pip install torchaudio==2.0.0+cu117 -f https://download.pytorch.org/whl/torchaudio/\n',
    ),
    [],
  );
});

test("under a profile, the image's torch is judged only while the set does not replace it", () => {
  const profile = testProfile('stack', { packages: { torch: '==2.1.2' } });
  const outside = (dockerfile: string) => {
    const outcome = runChecks(parseTexts({ Dockerfile: dockerfile }), testMatrix({ profiles: [profile] }), { profile: 'stack' });
    assert.ok(outcome.ok);
    return outcome.findings
      .filter((finding) => finding.rule === 'pin-outside-profile')
      .map((finding) => `${finding.line}:${finding.column} ${finding.actual}`);
  };
  assert.deepEqual(outside('FROM pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime\nRUN pip install numpy==1.26.4\n'), ['1:22 ==2.5.1']);
  assert.deepEqual(outside('FROM pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime\nRUN pip install torch==2.1.2\n'), []);
});
