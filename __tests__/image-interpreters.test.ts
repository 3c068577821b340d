// The interpreter of an image: the distribution's python3 when a stage installs it on an image whose
// tag names the distribution release (ubuntu:22.04, debian:bookworm, nvidia/cuda:*-ubuntu22.04).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runChecks } from '../src/check/index.js';
import { distroPythonOf, parseImageRef } from '../src/parse/dockerfile-image.js';
import { parseTexts, testMatrix } from './helpers/matrix-fixture.js';

function pythonsOf(dockerfile: string): string[] {
  const parse = parseTexts({ Dockerfile: dockerfile });
  return parse.files.flatMap((file) => file.python.map((fact) => `${fact.version} ${fact.source}`));
}

test('each Ubuntu and Debian release gives its python3; an image with its own Python or a moving tag gives none', () => {
  const distro = (ref: string) => distroPythonOf(parseImageRef(ref))?.version ?? null;
  assert.deepEqual(
    ['ubuntu:18.04', 'ubuntu:20.04', 'ubuntu:jammy', 'ubuntu:24.04', 'debian:buster', 'debian:bullseye-slim', 'debian:12', 'debian:trixie'].map(distro),
    ['3.6', '3.8', '3.10', '3.12', '3.7', '3.9', '3.11', '3.13'],
  );
  assert.equal(distro('nvidia/cuda:12.4.1-devel-ubuntu22.04'), '3.10');
  assert.equal(distro('nvcr.io/nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04'), '3.12');
  assert.equal(distro('node:20-bookworm'), '3.11');
  for (const ref of ['ubuntu:latest', 'ubuntu', 'python:3-bookworm', 'python:3.12-bookworm', 'rayproject/ray:2.9.0-py310-cu121', 'nvidia/cuda:12.4.1-devel-rockylinux9']) {
    assert.equal(distro(ref), null, ref);
  }
});

test('apt-get install python3 (or python3-pip) on a distribution image selects that release\'s python3, in stages built on it too', () => {
  assert.deepEqual(pythonsOf('FROM nvidia/cuda:12.4.1-devel-ubuntu22.04 AS base\nRUN apt-get update && apt-get install -y --no-install-recommends python3-pip git\n'), [
    '3.10 apt-get install python3-pip (python3 of ubuntu 22.04)',
  ]);
  assert.deepEqual(pythonsOf('FROM debian:bookworm AS base\nFROM base\nRUN apt install -y python3\n'), ['3.11 apt install python3 (python3 of debian bookworm)']);
  // A versioned package says its own version; nothing is installed without `install`.
  assert.deepEqual(pythonsOf('FROM ubuntu:22.04\nRUN apt-get install -y python3.11 python3-pip\n'), ['3.11 apt-get install python3.11']);
  assert.deepEqual(pythonsOf('FROM ubuntu:22.04\nRUN apt-get remove -y python3\n'), []);
  assert.deepEqual(pythonsOf('FROM ubuntu:latest\nRUN apt-get install -y python3\n'), []);
});

test('rules that need the interpreter apply to the distribution\'s python3: torch 2.1.2 has no wheel for Ubuntu 24.04\'s Python 3.12', () => {
  const parse = parseTexts({ Dockerfile: 'FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y python3 python3-pip\nRUN pip3 install --break-system-packages torch==2.1.2\n' });
  const outcome = runChecks(parse, testMatrix(), { profile: 'auto' });
  assert.ok(outcome.ok);
  const python = outcome.findings.filter((finding) => finding.rule === 'torch-python-unsupported');
  assert.deepEqual(python.map((finding) => `${finding.line} ${finding.actual}`), ['3 3.12']);
  // The fixed twin: Ubuntu 22.04's Python 3.10 is supported.
  const fixed = runChecks(parseTexts({ Dockerfile: 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y python3 python3-pip\nRUN pip3 install torch==2.1.2\n' }), testMatrix(), { profile: 'auto' });
  assert.ok(fixed.ok);
  assert.deepEqual(fixed.findings.filter((finding) => finding.rule === 'torch-python-unsupported'), []);
});

test('python:3-slim and python:latest name no Python: the torch check says so instead of guessing', () => {
  const python = (dockerfile: string) => {
    const outcome = runChecks(parseTexts({ Dockerfile: dockerfile }), testMatrix(), { profile: 'auto' });
    assert.ok(outcome.ok);
    return outcome.findings.filter((finding) => finding.rule === 'torch-python-unsupported');
  };
  const [moving] = python('FROM python:3-slim\nRUN pip install torch==2.4.1\n');
  assert.equal(`${moving?.severity} ${moving?.line} ${moving?.expected}`, 'notice 1 >=3.8,<3.13');
  assert.match(moving?.message ?? '', /python:3-slim names no Python minor: the tag moves to each new Python release, so whether torch==2\.4\.1 \(Python 3\.8 to 3\.12\) has a wheel for it is not checked/);
  assert.equal(python('FROM python:latest\nRUN pip install torch==2.4.1\n').length, 1);
  // A fixed tag is checked as usual; a fixed one the release supports says nothing.
  assert.deepEqual(python('FROM python:3.12-slim\nRUN pip install torch==2.4.1\n'), []);
  assert.deepEqual(python('FROM python:3-slim\nRUN pip install numpy==1.26.4\n'), []);
});
