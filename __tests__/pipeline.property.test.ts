// Whole random repositories through the engine and every report writer, as the CLI and the action run
// them: requirements files that include each other (and files that are missing, outside or in a
// cycle), pyproject.toml, Dockerfiles and a matrix file, built from realistic pieces and then damaged
// byte by byte. Whatever the repository holds, the run ends normally, every finding points at a line
// of a file of the repository, every report is well formed, and a second run says the same.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { runCheck } from '../src/engine.js';
import type { CheckResult } from '../src/engine-types.js';
import { toCheckAnnotation } from '../src/github/checks.js';
import type { Finding, RelatedLocation } from '../src/model.js';
import { splitLines } from '../src/parse/text.js';
import { ownAnchor, printable } from '../src/report/finding-counts.js';
import { toJsonReport, type JsonReport } from '../src/report/json.js';
import { toSarif, type SarifLog, type SarifPhysicalLocation } from '../src/report/sarif.js';
import { buildSummary } from '../src/report/summary.js';
import { formatText } from '../src/report/text.js';
import { toWorkflowCommands } from '../src/report/workflow-commands.js';
import { makeTree, removeTree } from './helpers/temp-tree.js';

const MATRIX_FILE = '.github/compat-matrix.yml';

// Lines as requirements files hold them: pins the bundled profiles and rules have an opinion on,
// ranges, markers, extras, hashes on continuation lines, includes of every kind (a sibling, a file in
// a folder, the file itself, a missing one, one outside the repository, back up from a folder),
// PyTorch indexes, URL and editable requirements, variables, suppressions, and lines pip rejects.
const REQUIREMENT_LINES = [
  'torch==2.1.2',
  'torch==2.1.2+cu121',
  'torch==2.5.1',
  'torchvision==0.16.2',
  'torchvision==0.15.2',
  'torchaudio==2.1.2',
  'numpy==1.24.4',
  'numpy==1.23.5',
  'numpy==2.0.0',
  'numpy>=1.21.0,<2.0.0',
  'numpy<2 ; python_version < "3.12"',
  'pydantic==2.7.4',
  'fastapi==0.104.1',
  'fastapi>=0.115,<0.116',
  'python-dotenv==1.0.1',
  'python-dotenv==1.0.0',
  'nemo_toolkit[asr]==1.17.0',
  'gradio==4.19.2',
  'gradio==5.0.0',
  'datasets',
  'watchdog[watchmedo]==6.0.0',
  'apache-airflow==2.10.5',
  'SQLAlchemy==2.0.36',
  'feast==0.40.1',
  'mlflow==2.17.2',
  'uvicorn[standard]~=0.24.0',
  "requests>=2.31 ; sys_platform == 'linux' and python_version >= '3.8'",
  'numpy==1.23.5 \\\n    --hash=sha256:0123456789abcdef \\\n    --hash=sha256:fedcba9876543210',
  'torch==2.1.2 --hash=sha256:0123456789abcdef',
  '-r requirements-dev.txt',
  '-r requirements/base.txt',
  '-c constraints.txt',
  '--requirement=requirements-dev.txt',
  '-r requirements.txt',
  '-r ../requirements.txt',
  '-r missing.txt',
  '-r ../outside.txt',
  '-c ../../etc/passwd',
  '--index-url https://download.pytorch.org/whl/cu121',
  '--extra-index-url https://download.pytorch.org/whl/cu118',
  '-i https://download.pytorch.org/whl/cpu',
  '--find-links https://download.pytorch.org/whl/torch_stable.html',
  '-e .',
  'git+https://github.com/org/repo.git@v1#egg=repo',
  './local-pkg',
  'demucs @ https://example.com/demucs-4.0.tar.gz',
  'torch==${TORCH_VERSION}',
  '${TORCH_SPEC}',
  'numpy==1.24.4  # compat-guard: ignore[pin-outside-profile]',
  '# compat-guard: ignore[*]',
  '# comment',
  '',
  'numpy=1.24',
  '--unknown-option',
  'torch==2.1.2 ; python_version <',
  '# -*- coding: latin-1 -*-',
];

// pyproject.toml in pieces that stay valid TOML when taken whole (PEP 621, PEP 735, build-system,
// Poetry with a PyTorch source), and lines that break it.
const PYPROJECT_DEPENDENCIES = [
  '"torch==2.1.2"',
  '"numpy>=1.24,<2"',
  '"fastapi==0.104.1 ; python_version >= \'3.9\'"',
  '"pydantic==2.7.4"',
  '"nemo_toolkit[asr]==1.17.0"',
  '"numpy==2.0.0"',
  '"gradio==4.19.2"',
  '"demucs @ git+https://github.com/facebookresearch/demucs@e976d93"',
  '"numpy=1.24"',
];
const PYPROJECT_BLOCKS = [
  '[build-system]\nrequires = ["setuptools>=61", "wheel"]\nbuild-backend = "setuptools.build_meta"',
  '[dependency-groups]\ndev = ["pytest>=8", "numpy==1.23.5"]',
  '[tool.poetry]\nname = "demo"\nversion = "0.1.0"',
  '[tool.poetry.dependencies]\npython = "^3.10"\ntorch = { version = "2.1.2", source = "pytorch" }\nnumpy = "1.24.4"\npydantic = "^2.7"',
  '[[tool.poetry.source]]\nname = "pytorch"\nurl = "https://download.pytorch.org/whl/cu121"\npriority = "explicit"',
  '[[tool.uv.index]]\nname = "pytorch-cu118"\nurl = "https://download.pytorch.org/whl/cu118"\nexplicit = true',
  '[project.optional-dependencies]\ngpu = ["torch==2.1.2+cu121", "torchvision==0.16.2"]',
  '[project\nname = "broken"',
  'dependencies = "numpy"',
  'requires-python = 3.10',
];

// Dockerfiles: a FROM first (CUDA images, published or not, an ARG-built one, Python images), then
// stages, ARG/ENV expansion, pip installs with indexes and requirements files, deadsnakes and
// `python3.X -m pip`, heredocs (one left open), cache mounts, and instructions that break.
const DOCKERFILE_FROMS = [
  'FROM nvidia/cuda:12.1.1-devel-ubuntu22.04',
  'FROM nvidia/cuda:11.8.0-runtime-ubuntu20.04 AS base',
  'FROM nvidia/cuda:12.1-devel-ubuntu20.04',
  'FROM python:3.11-slim AS app',
  'ARG CUDA=12.1.1\nFROM nvidia/cuda:${CUDA}-devel-ubuntu22.04',
  'FROM pytorch/pytorch:2.1.2-cuda12.1-cudnn8-runtime',
];
const DOCKERFILE_LINES = [
  ...DOCKERFILE_FROMS,
  'FROM base AS final',
  'FROM ${BASE_IMAGE}',
  'ARG BASE_IMAGE=nvidia/cuda:12.1.1-devel-ubuntu22.04',
  'ENV TORCH_VERSION=2.1.2',
  'ENV CUDA_VERSION=12.1.1',
  'ARG NUMPY=1.24.4',
  'RUN pip install torch==${TORCH_VERSION} --index-url https://download.pytorch.org/whl/cu121',
  'RUN pip install --no-cache-dir -r requirements.txt',
  'RUN pip install -r /app/requirements.txt',
  'COPY requirements.txt /app/',
  'COPY requirements/ /app/requirements/',
  'COPY constraints.txt /app/',
  'RUN pip install -r /app/requirements/base.txt -c /app/constraints.txt',
  'RUN apt-get update && apt-get install -y software-properties-common \\\n    && add-apt-repository ppa:deadsnakes/ppa \\\n    && apt-get install -y python3.11 python3.11-dev',
  'RUN python3.11 -m pip install numpy==${NUMPY}',
  'RUN pip install "numpy<2" \'pydantic==2.7.4\' \\\n    fastapi==0.104.1',
  'RUN <<EOF\npip install torchvision==0.16.2\nEOF',
  'RUN <<EOF\npip install torchaudio==2.1.2',
  'RUN --mount=type=cache,target=/root/.cache pip install torchaudio==2.1.2',
  '# compat-guard: ignore[cuda-driver-minimum]',
  'WORKDIR /app',
  'COPY . .',
  'CMD ["python3", "main.py"]',
  '# syntax=docker/dockerfile:1',
  'FROM',
  'RUN pip install numpy==${V',
  '',
];

// Matrix files: good ones (a profile, a rule, ignores, no bundled matrix) and ones that stop the run.
const MATRIX_TEXTS = [
  '',
  'profile: callytics-cu121\n',
  'profile: mlops-airflow-2.10.5\n',
  'extends: none\n',
  'profiles:\n  speech:\n    extends: callytics-cu121\n    packages:\n      numpy: "==1.22.4"\n    reasons:\n      numpy: our recorders\nprofile: speech\n',
  'rules:\n  - id: nemo-numpy\n    when: {nemo_toolkit: "==1.17.*"}\n    require: {numpy: "<1.24"}\n    severity: warning\n    message: NeMo 1.17 uses NumPy aliases removed in 1.24\n',
  'ignore:\n  - rule: unpinned\n    paths: ["requirements/**"]\n  - rule: cuda-driver-minimum\n',
  'profile: callytics-cu118\n',
  'profiles:\n  x:\n    pakages: {}\n',
  'profiles:\n  x:\n    packages:\n      numpy: >=1.22\n',
];

/** The requirements files a repository may hold: the ones the lines above include. */
const REQUIREMENTS_FILES = ['requirements.txt', 'requirements-dev.txt', 'requirements/base.txt', 'constraints.txt'];

const requirementsText = fc.array(fc.constantFrom(...REQUIREMENT_LINES), { maxLength: 8 });
const pyprojectText = fc
  .tuple(
    fc.constantFrom('', 'requires-python = ">=3.10"\n', 'requires-python = "==3.12.*"\n'),
    fc.subarray(PYPROJECT_DEPENDENCIES, { maxLength: 4 }),
    fc.subarray(PYPROJECT_BLOCKS, { maxLength: 3 }),
  )
  .map(([requiresPython, dependencies, blocks]) => [
    `[project]\nname = "demo"\n${requiresPython}dependencies = [\n${dependencies.map((dependency) => `  ${dependency},\n`).join('')}]`,
    ...blocks,
  ]);
const dockerfileText = fc
  .tuple(fc.constantFrom(...DOCKERFILE_FROMS), fc.array(fc.constantFrom(...DOCKERFILE_LINES), { maxLength: 8 }))
  .map(([from, lines]) => [from, ...lines]);

// Damage done to a file after it is written: bytes pip, Docker or a TOML reader trip over (NUL, a lone
// CR, backslashes, quotes, Unicode line separators, a byte-order mark, bytes that are not UTF-8, half a
// UTF-8 sequence), cuts, repeated lines, deleted characters.
const INSERTED = [
  '\u0000',
  '\r',
  '\n',
  '\r\n',
  '\\',
  '\\\n',
  '"',
  "'",
  '\u2028',
  '\u2029',
  '\u0085',
  '\ufeff',
  '\u000c',
  '\t',
  '#',
  ';',
  '[',
  ']',
  '{',
  '}',
  '${',
  '$',
  '=',
  ',',
  '@',
  ' ',
  '\u001b[31m',
  'é',
  '😀',
  '\u202e',
].map((text) => Buffer.from(text, 'utf8'));
const RAW_BYTES = [0xff, 0xe9, 0xc3, 0x80, 0xf0].map((byte) => Buffer.from([byte]));

type Mutation =
  | { kind: 'insert'; at: number; bytes: Buffer }
  | { kind: 'truncate'; at: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate-line'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.constantFrom(...INSERTED, ...RAW_BYTES) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
);

function mutate(bytes: Buffer, change: Mutation): Buffer {
  const at = change.at % (bytes.length + 1);
  switch (change.kind) {
    case 'insert':
      return Buffer.concat([bytes.subarray(0, at), change.bytes, bytes.subarray(at)]);
    case 'truncate':
      return bytes.subarray(0, at);
    case 'delete':
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + change.length)]);
    case 'duplicate-line': {
      const start = bytes.lastIndexOf(0x0a, at - 1) + 1;
      const newline = bytes.indexOf(0x0a, at);
      const end = newline === -1 ? bytes.length : newline + 1;
      return Buffer.concat([bytes.subarray(0, end), bytes.subarray(start, end), bytes.subarray(end)]);
    }
  }
}

const UTF16_LE_MARK = Buffer.from([0xff, 0xfe]);
/** How a file is saved: mostly UTF-8, sometimes with a byte-order mark, or as UTF-16 as Windows editors save it. */
const ENCODINGS = {
  'utf-8': (text: string) => Buffer.from(text, 'utf8'),
  'utf-8-sig': (text: string) => Buffer.from(`\ufeff${text}`, 'utf8'),
  'utf-16-le': (text: string) => Buffer.concat([UTF16_LE_MARK, Buffer.from(text, 'utf16le')]),
};
const encoding = fc.oneof(
  { arbitrary: fc.constant('utf-8' as const), weight: 8 },
  fc.constant('utf-8-sig' as const),
  fc.constant('utf-16-le' as const),
);

/** A file's lines joined with one kind of line break, saved in one encoding, then damaged by up to three mutations. */
function fileBytes(lines: fc.Arbitrary<string[]>): fc.Arbitrary<Buffer> {
  return fc
    .tuple(lines, fc.constantFrom('\n', '\r\n'), fc.boolean(), encoding, fc.array(mutation, { maxLength: 3 }))
    .map(([parts, newline, finalNewline, encodingName, mutations]) => {
      const text = parts.join('\n').replace(/\n/g, newline) + (finalNewline ? newline : '');
      return mutations.reduce(mutate, ENCODINGS[encodingName](text));
    });
}

/** `arbitrary` in `percent` of the repositories; shrinks to the file being absent. */
const present = <T>(arbitrary: fc.Arbitrary<T>, percent: number) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 100 - percent }, { arbitrary, weight: percent });

const repository: fc.Arbitrary<Record<string, Buffer>> = fc
  .record({
    ...Object.fromEntries(REQUIREMENTS_FILES.map((file) => [file, present(fileBytes(requirementsText), 50)])),
    'pyproject.toml': present(fileBytes(pyprojectText), 35),
    'services/api/pyproject.toml': present(fileBytes(pyprojectText), 20),
    Dockerfile: present(fileBytes(dockerfileText), 50),
    'docker/gpu.Dockerfile': present(fileBytes(dockerfileText), 25),
    [MATRIX_FILE]: present(fileBytes(fc.constantFrom(...MATRIX_TEXTS).map((text) => [text])), 30),
  })
  .map((files) => Object.fromEntries(Object.entries(files).filter((entry): entry is [string, Buffer] => entry[1] !== undefined)));

/** For `${TORCH_VERSION}` in requirements files: fixed, so that two runs read the same. */
const ENV = { TORCH_VERSION: '2.1.2', TORCH_SPEC: 'torch==2.1.2+cu121' };

/**
 * Lines of each file as the readers count them (CRLF, CR and LF, src/parse/text.ts), and at least one:
 * an empty file's finding is on line 1. Bytes without the UTF-16 mark are read as latin-1, which keeps
 * every CR and LF where the readers' UTF-8 (or latin-1) text has it.
 */
function lineCounts(files: Record<string, Buffer>): Map<string, number> {
  return new Map(Object.entries(files).map(([file, bytes]) => [file, Math.max(1, splitLines(textOf(bytes)).length)]));
}

function textOf(bytes: Buffer): string {
  return bytes.subarray(0, 2).equals(UTF16_LE_MARK) ? bytes.subarray(2).toString('utf16le') : bytes.toString('latin1');
}

const BROKEN_OUTPUT = [/\bat .*\.[cm]?js:\d+/, /\bundefined\b/, /\[object Object\]/, /\bNaN\b/];

function assertReadable(text: string, what: string): void {
  for (const pattern of BROKEN_OUTPUT) assert.ok(!pattern.test(text), `${what} matches ${pattern}: ${text.slice(0, 2000)}`);
}

// What no report may hold but its own line breaks: the repository's text is shown escaped (`printable`).
const CONTROL_CHARACTER = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

function assertNoControlCharacters(text: string, what: string): void {
  assert.ok(!CONTROL_CHARACTER.test(text), `a control character in the ${what}: ${JSON.stringify(text.slice(0, 2000))}`);
}

function assertPlace(lines: Map<string, number>, file: string | null, line: number | null, what: string): void {
  assert.ok(file !== null && lines.has(file), `${what}: ${file} is no file of the repository (${[...lines.keys()].join(', ')})`);
  const count = lines.get(file) as number;
  assert.ok(line !== null && Number.isInteger(line) && line >= 1 && line <= count, `${what}: line ${line} of ${file}, which has ${count}`);
}

function assertFinding(lines: Map<string, number>, finding: Finding): void {
  const what = JSON.stringify(finding);
  assertPlace(lines, finding.file, finding.line, what);
  assert.ok(finding.endLine !== null && finding.endLine >= (finding.line as number), `endLine: ${what}`);
  assertPlace(lines, finding.file, finding.endLine, `endLine of ${what}`);
  if (finding.column !== null) assert.ok(Number.isInteger(finding.column) && finding.column >= 1, `column: ${what}`);
  if (finding.endColumn !== null) assert.ok(Number.isInteger(finding.endColumn) && finding.endColumn >= 1, `endColumn: ${what}`);
  if (finding.column !== null && finding.endColumn !== null && finding.endLine === finding.line) {
    assert.ok(finding.endColumn >= finding.column, `a span that ends before it starts: ${what}`);
  }
  for (const related of finding.related ?? []) assertRelated(lines, related, what);
  for (const text of [finding.message, finding.fix ?? '', ...(finding.related ?? []).map((related) => related.message ?? '')]) {
    assertReadable(text, what);
  }
  assert.ok(finding.message.length > 0, what);
}

function assertRelated(lines: Map<string, number>, related: RelatedLocation, what: string): void {
  const where = `related ${JSON.stringify(related)} of ${what}`;
  assertPlace(lines, related.file, related.line, where);
  if (related.endLine !== undefined) {
    assert.ok(related.endLine >= related.line, where);
    assertPlace(lines, related.file, related.endLine, where);
  }
  if (related.column !== undefined) assert.ok(related.column >= 1, where);
}

function assertSarif(lines: Map<string, number>, result: CheckResult): void {
  const sarif = JSON.parse(JSON.stringify(toSarif(result))) as SarifLog;
  const run = sarif.runs[0];
  assert.ok(run);
  assert.equal(run.results.length, result.findings.length);
  const assertLocation = (location: SarifPhysicalLocation, what: string) => {
    const file = location.artifactLocation.uri.split('/').map(decodeURIComponent).join('/');
    assertPlace(lines, file, location.region.startLine, what);
    const { startColumn, endColumn, endLine } = location.region;
    if (endLine !== undefined) assert.ok(endLine >= location.region.startLine, what);
    if (startColumn !== undefined) assert.ok(startColumn >= 1, what);
    if (startColumn !== undefined && endColumn !== undefined && (endLine ?? location.region.startLine) === location.region.startLine) {
      assert.ok(endColumn > startColumn, `SARIF region ends before it starts: ${what}`);
    }
  };
  for (const sarifResult of run.results) {
    const what = JSON.stringify(sarifResult);
    assert.equal(sarifResult.locations.length, 1, what);
    assertLocation((sarifResult.locations[0] as { physicalLocation: SarifPhysicalLocation }).physicalLocation, what);
    for (const related of sarifResult.relatedLocations ?? []) assertLocation(related.physicalLocation, what);
    assert.ok(run.tool.driver.rules[sarifResult.ruleIndex]?.id === sarifResult.ruleId, `rule index: ${what}`);
  }
}

/** Every report the CLI and the action write, each checked for its own form. */
function assertReports(lines: Map<string, number>, result: CheckResult): string {
  const json = `${JSON.stringify(toJsonReport(result), null, 2)}\n`;
  const report = JSON.parse(json) as JsonReport;
  assert.equal(report.findings.length, result.findings.length);
  assertSarif(lines, result);

  for (const color of [false, true]) {
    const text = formatText(result, { color });
    assertReadable(text, 'text report');
    // In colour, our own escape sequences; nothing of the repository's acts on a terminal.
    assertNoControlCharacters(color ? text.replace(/\u001b\[\d+m/g, '') : text, 'text report');
  }

  const commands = toWorkflowCommands(result.findings);
  assertReadable(commands, 'workflow commands');
  assertNoControlCharacters(commands, 'workflow commands');
  const commandLines = commands.split('\n');
  assert.equal(commandLines.pop(), '');
  assert.equal(commandLines.length, result.findings.length, commands);
  for (const line of commandLines) assert.match(line, /^::(error|warning|notice) file=[^\r\u2028]*::/);

  for (const finding of result.findings) {
    const anchor = ownAnchor(finding);
    assert.ok(anchor);
    const annotation = toCheckAnnotation({ finding, anchor });
    assertPlace(lines, annotation.path, annotation.start_line, `check annotation ${JSON.stringify(annotation)}`);
    assertPlace(lines, annotation.path, annotation.end_line, `check annotation ${JSON.stringify(annotation)}`);
  }

  for (const scope of [null, 'pull request #7: lines it adds or changes (annotate: added)']) {
    const summary = buildSummary(result, {
      scope,
      failOn: 'error',
      annotations: null,
      repoUrl: 'https://github.com/org/repo',
      sha: '0123abc',
    });
    assertReadable(summary, 'job summary');
    assertNoControlCharacters(summary, 'job summary');
  }
  return json;
}

async function checkRepository(files: Record<string, Buffer>): Promise<void> {
  const root = makeTree(files);
  try {
    const lines = lineCounts(files);
    const first = await runCheck({ root, env: ENV });
    if (!first.ok) {
      // Only the matrix file can stop a run; the message names it, and is one line as the CLI and the
      // action print it (they make it printable: it may quote a key of the file, line breaks and all).
      assert.ok(MATRIX_FILE in files, `the run stopped without a matrix file: ${first.error}`);
      const named = /^\.github\/compat-matrix\.yml(?::(\d+))?: /.exec(first.error);
      assert.ok(named, `the error does not name the matrix file: ${first.error}`);
      if (named[1] !== undefined) assertPlace(lines, MATRIX_FILE, Number(named[1]), first.error);
      assert.ok(!/[\r\n\u2028\u2029]/.test(printable(first.error)), first.error);
      assertReadable(first.error, 'run error');
      return;
    }
    for (const file of first.result.files) assert.ok(lines.has(file.path), `checked ${file.path}, which is no file of the repository`);
    for (const finding of first.result.findings) assertFinding(lines, finding);
    const json = assertReports(lines, first.result);

    const second = await runCheck({ root, env: ENV });
    assert.ok(second.ok);
    assert.equal(
      `${JSON.stringify(toJsonReport(second.result), null, 2)}\n`,
      json,
      'a second run on the same repository reports otherwise',
    );
  } finally {
    removeTree(root);
  }
}

describe('the whole pipeline: properties', () => {
  it('checks any repository of requirements files, pyproject.toml, Dockerfiles and a matrix, and reports it in every format', async () => {
    await fc.assert(fc.asyncProperty(repository, checkRepository), { numRuns: 300 });
  });
});
