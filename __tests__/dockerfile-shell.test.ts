// A RUN line is a shell program (issue 14): globs, redirections, build arguments given at build time,
// branches that cannot both run, files the build fetches itself, and stages built FROM stages. Each
// fixture under __tests__/fixtures/dockerfile/shell/ is one idiom found in real repositories.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { runChecks } from '../src/check/index.js';
import type { Finding, Requirement } from '../src/model.js';
import { parseDockerfile } from '../src/parse/dockerfile.js';
import type { DockerfileParse } from '../src/parse/dockerfile.js';
import { parseTexts, readFolder, testMatrix } from './helpers/matrix-fixture.js';

function fixture(name: string): string {
  return readFileSync(new URL(`../../__tests__/fixtures/dockerfile/shell/${name}`, import.meta.url), 'utf8');
}

function read(name: string, buildArgs?: Record<string, string>): DockerfileParse {
  return parseDockerfile(name, fixture(name), buildArgs === undefined ? {} : { buildArgs });
}

const pins = (result: DockerfileParse): string[] =>
  result.file.requirements.map((r: Requirement) => `${r.name}${r.specifier} L${r.line} (${r.stage})`);
const said = (result: DockerfileParse): string[] =>
  result.diagnostics.map((d) => `${d.severity} L${d.line}:${d.column ?? '-'}${d.rule === undefined ? '' : ` [${d.rule}]`} ${d.message}`);

/** The findings `check` gives for the Dockerfile alone, with no profile. */
function check(name: string): Finding[] {
  const parse = parseTexts({ Dockerfile: fixture(name) });
  const outcome = runChecks(parse, testMatrix(), { profile: 'auto' });
  assert.ok(outcome.ok);
  return [
    ...parse.diagnostics.map((d) => ({ rule: d.rule ?? 'parse-error', severity: d.severity, line: d.line }) as Finding),
    ...outcome.findings,
  ];
}

describe('RUN lines as shell: glob words', () => {
  it('never reads dist/*.whl, /wheels/pkg*.whl or -r reqs/*.txt as a literal file name', () => {
    const result = read('globs.Dockerfile');
    assert.deepEqual(said(result), []);
    assert.deepEqual(result.file.includes, []);
    assert.deepEqual(pins(result), ['pkg==1.0 L7 (0)', 'numpy==1.26.4 L8 (0)']);
  });
});

describe('RUN lines as shell: an unquoted > or < in a pip install argument', () => {
  it('warns at the operator, with the quoted argument as the fix, and checks the requirement without the bound', () => {
    const result = read('redirect.Dockerfile');
    assert.deepEqual(said(result), [
      'warning L2:22 [shell-redirect-in-requirement] pip install numba>=0.57.1: the shell reads the unquoted > as a redirection, so pip installs numba with no bound and the shell writes pip\'s output to a file named =0.57.1. Quote the argument: "numba>=0.57.1"',
      'warning L2:36 [shell-redirect-in-requirement] pip install scipy<2: the shell reads the unquoted < as a redirection, so pip installs scipy with no bound and the shell reads pip\'s input from a file named 2 (the command fails where there is none). Quote the argument: "scipy<2"',
    ]);
    assert.deepEqual(
      result.diagnostics.map((d) => d.fix),
      ['"numba>=0.57.1"', '"scipy<2"'],
    );
    // Quoted arguments keep their bounds; `> /tmp/pip.log` with a space is an ordinary redirection.
    assert.deepEqual(pins(result), ['numba L2 (0)', 'scipy L2 (0)', 'pandas>=2.1 L2 (0)', 'polars>=1 L2 (0)', 'requests L3 (0)']);
  });

  it('is reported by check under its own rule id, as a warning', () => {
    assert.deepEqual(
      check('redirect.Dockerfile')
        .filter((f) => f.rule === 'shell-redirect-in-requirement')
        .map((f) => `${f.severity} L${f.line}`),
      ['warning L2', 'warning L2'],
    );
  });
});

describe('RUN lines as shell: build arguments are unknown, not empty', () => {
  it('FROM $BASE_IMAGE with ARG BASE_IMAGE and no default is one notice, no error; one notice per ARG and file', () => {
    const result = read('build-arg-base.Dockerfile');
    assert.deepEqual(said(result), [
      'notice L4:6 FROM $BASE_IMAGE: BASE_IMAGE is a build argument without a default, given at build time (--build-arg), so the base image is not checked',
      'notice L7:18 pip install ./app${GROUPS}: EXTRAS is a build argument without a default, given at build time (--build-arg), so it is not checked',
      'notice L10:6 FROM nvidia/cuda:${CUDA}-devel-ubuntu22.04: CUDA is a build argument without a default, given at build time (--build-arg), so the base image is not checked',
    ]);
    // What does not depend on them is still checked; nothing is read from the unknown images.
    assert.deepEqual(pins(result), ['torch==2.5.1 L8 (base)', 'numpy==1.26.4 L11 (cuda)']);
    assert.deepEqual(result.file.cuda, []);
    assert.deepEqual(
      check('build-arg-base.Dockerfile').filter((f) => f.severity === 'error'),
      [],
    );
  });

  it('${X:-default} of a build argument reads the default, as ARG X=default does; ${X:+word} depends on the value', () => {
    const text =
      'FROM python:3.11-slim\nARG TORCH_VERSION\nARG CUDA\nRUN pip install torch==${TORCH_VERSION:-2.5.1} "vllm${CUDA:+[cuda]}==0.6.3"\n';
    const result = parseDockerfile('Dockerfile', text);
    assert.deepEqual(pins(result), ['torch==2.5.1 L4 (0)']);
    assert.deepEqual(said(result), [
      'notice L4:49 pip install vllm${CUDA:+[cuda]}==0.6.3: CUDA is a build argument without a default, given at build time (--build-arg), so it is not checked',
    ]);
  });

  it('a value supplied for the build argument replaces the unknown', () => {
    const result = read('build-arg-base.Dockerfile', { BASE_IMAGE: 'python:3.11-slim', CUDA: '12.1.1', EXTRAS: '[gpu]' });
    assert.deepEqual(said(result), []);
    assert.deepEqual(
      result.file.images.map((image) => image.ref),
      ['python:3.11-slim', 'nvidia/cuda:12.1.1-devel-ubuntu22.04', 'base'],
    );
    assert.deepEqual(
      result.file.cuda.map((fact) => fact.version),
      ['12.1.1'],
    );
    assert.deepEqual(result.file.requirements.find((r) => r.name === 'tool')?.extras, ['gpu']);
  });

  it('a -r file COPYed from a path built from a build argument is not checked: one notice', () => {
    const result = read('copy-build-arg.Dockerfile');
    assert.deepEqual(result.file.includes, []);
    assert.deepEqual(said(result), [
      'notice L4:20 -r /srv/requirements.txt: it is copied from $EXAMPLE_DIR/requirements.txt, and EXAMPLE_DIR is a build argument without a default, given at build time (--build-arg), so it is not checked',
    ]);
  });

  it('says nothing about a build argument used only in a branch', () => {
    const result = read('build-arg-branch.Dockerfile');
    assert.deepEqual(said(result), []);
    assert.deepEqual(pins(result), ['torch==2.5.1 L3 (0)', 'torch==2.5.1 L3 (0)']);
  });
});

describe('RUN lines as shell: branches', () => {
  it('marks the arms of if/elif/else, case and ||; commands joined by && stay together', () => {
    const result = read('branches.Dockerfile');
    const arms = result.file.requirements.map((r) => (r.branches ?? []).length);
    assert.deepEqual(arms, [1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0]);
  });

  it('pins in arms that cannot both run are not a conflict; pins that both run still are', () => {
    const found = check('branches.Dockerfile').filter((f) => f.rule === 'conflicting-pin' || f.rule === 'duplicate-pin');
    // `a || b && c` is `(a || b) && c`: c runs with either side, so rich==13.7.1 meets rich==13.9.4.
    assert.deepEqual(
      found.map((f) => `${f.rule} L${f.line} ${f.package}`),
      ['conflicting-pin L15 scipy', 'conflicting-pin L16 rich'],
    );
  });

  it('the same pin in the if and the else arm is no duplicate', () => {
    assert.deepEqual(
      check('build-arg-branch.Dockerfile').filter((f) => f.rule === 'duplicate-pin'),
      [],
    );
  });
});

describe('RUN lines as shell: values that depend on a branch', () => {
  it('an expanded requirement invalid only for a value its branch condition excludes is not an error', () => {
    const result = read('branch-extras.Dockerfile');
    // Line 12 runs only when EXTRAS is not empty; BASE holds whichever arm ran. Line 16 runs always,
    // and with the default EXTRAS="" pip rejects the trailing comma: that stays an error.
    assert.deepEqual(
      said(result).map((line) => line.slice(0, line.indexOf(' ', 10))),
      ['error L16:17'],
    );
  });
});

describe('RUN lines as shell: files the build fetches itself', () => {
  it('git clone, curl -o, wget and ADD URL give files that are not missing from the build context', () => {
    const result = read('fetched.Dockerfile');
    assert.deepEqual(result.file.includes, []);
    assert.deepEqual(said(result), [
      'notice L10:20 -r https://example.com/requirements.txt is a URL; not fetched, so its pins are not checked',
    ]);
    const parse = parseTexts({ Dockerfile: fixture('fetched.Dockerfile') });
    assert.deepEqual(
      parse.diagnostics.filter((d) => d.severity !== 'notice'),
      [],
    );
  });
});

describe('RUN lines as shell: files the build writes, loops, repeated unpinned installs', () => {
  it('a file written with > or compiled (poetry/uv export, pip-compile, uv pip compile -o) is no file of the repository; a loop variable is not unknown to report', () => {
    const result = read('written-files.Dockerfile');
    assert.deepEqual(
      result.file.includes.map((include) => include.path),
      ['requirements/gpu.txt'],
    );
    assert.deepEqual(said(result), []);
  });

  it('only a pin repeated in one file is a duplicate: pip install -U pip setuptools twice is not', () => {
    const found = check('written-files.Dockerfile').filter((f) => f.rule === 'duplicate-pin');
    assert.deepEqual(
      found.map((f) => `L${f.line} ${f.package}`),
      ['L8 typeguard'],
    );
  });
});

describe('RUN lines as shell: loops over literal words, globs over folders COPYed from the build context', () => {
  const copied = fileURLToPath(new URL('../../__tests__/fixtures/dockerfile/copied-wheels/', import.meta.url));
  const parsed = readFolder(copied);
  const dockerfile = parsed.files.find((file) => file.path === 'Dockerfile');

  it('for p in a b c; do pip install $p; done installs a, b and c, each at its word in the list; a loop over a glob stays unchecked', () => {
    assert.deepEqual(
      dockerfile?.requirements.filter((r) => r.line === 11).map((r) => `${r.name}${r.specifier} L${r.line}:${r.column}-${r.endColumn}`),
      ['numpy==1.26.4 L11:17-29', 'pandas==2.2.2 L11:32-44'],
    );
    assert.deepEqual(dockerfile?.includes, []);
  });

  it("a wheel glob in a folder COPYed from the context reads the names of the repository's matching files", () => {
    assert.deepEqual(
      dockerfile?.requirements.filter((r) => r.line === 4).map((r) => `${r.name}${r.specifier} ${r.url}`),
      ['fastkernels==0.4.2 /wheels/fastkernels-0.4.2-cp311-cp311-linux_x86_64.whl', 'helper==1.0 /wheels/helper-1.0-py3-none-any.whl'],
    );
  });

  it("a matching file whose name is no wheel name is pip's error; no match, or a folder the build writes, says nothing", () => {
    assert.deepEqual(
      parsed.diagnostics.map((d) => `${d.severity} L${d.line}:${d.column} ${d.message}`),
      ["error L8:17 Invalid wheel filename (wrong number of parts): 'not_a_wheel_name'"],
    );
    assert.deepEqual(
      dockerfile?.requirements.filter((r) => r.line === 6 || r.line === 10),
      [],
    );
  });

  it('without the repository (a Dockerfile read alone), a glob is not read', () => {
    const alone = parseDockerfile('Dockerfile', readFileSync(`${copied}Dockerfile`, 'utf8'));
    assert.deepEqual(
      alone.file.requirements.map((r) => r.name),
      ['numpy', 'pandas'],
    );
  });
});

describe('FROM a stage inherits its ARG and ENV values', () => {
  it('reads ARG and ENV values of the parent stage', () => {
    assert.deepEqual(pins(read('stage-inherit.Dockerfile')), ['torch==2.5.1 L6 (train)', 'numpy==1.26.4 L6 (train)']);
  });
});
