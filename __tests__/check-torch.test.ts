// torch and its companions against the facts tables: torch-family-mismatch,
// torch-python-unsupported, torch-cuda-variant-missing and torch-index-label-mismatch.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runChecks } from '../src/check/index.js';
import type { Finding, ParseResult } from '../src/model.js';
import type { Matrix } from '../src/matrix/types.js';
import { parseTexts, readFixture, testMatrix, testProfile } from './helpers/matrix-fixture.js';

const TORCH_RULES = new Set(['torch-family-mismatch', 'torch-python-unsupported', 'torch-cuda-variant-missing']);

function findings(parse: ParseResult, matrix: Matrix = testMatrix(), profile = 'auto'): Finding[] {
  const outcome = runChecks(parse, matrix, { profile });
  assert.ok(outcome.ok);
  return outcome.findings.filter((finding) => TORCH_RULES.has(finding.rule));
}

function summary(finding: Finding): string {
  const related = (finding.related ?? []).map((location) => `${location.file}:${location.line}:${location.column}`).join(',');
  return `${finding.file}:${finding.line}:${finding.column} ${finding.severity} ${finding.rule} -> ${finding.fix} [${related}]`;
}

test('torch rules fire on a mismatched companion, an unsupported Python and an unpublished CUDA build', () => {
  assert.deepEqual(findings(readFixture('torch/fires')).map(summary), [
    'Dockerfile:3:32 error torch-python-unsupported -> torch==2.6.0 [Dockerfile:1:13]',
    'Dockerfile:3:45 error torch-family-mismatch -> torchvision==0.19.1 [Dockerfile:3:32]',
    'Dockerfile:4:21 error torch-cuda-variant-missing -> https://download.pytorch.org/whl/cu118 [Dockerfile:3:32]',
    'requirements.txt:2:1 error torch-cuda-variant-missing -> torch==2.1.2+cu121 []',
    'requirements.txt:3:1 error torch-family-mismatch -> torchaudio==2.1.2 [requirements.txt:2:1]',
  ]);
});

test('torch findings give the fact and its source', () => {
  const [python, family, variant] = findings(readFixture('torch/fires'));
  assert.equal(
    python?.message,
    'torch==2.4.1 does not support Python 3.13 (python:3.13-slim): torch 2.4.1 supports Python 3.8 to 3.12 (https://github.com/pytorch/vision#installation). Pin torch==2.6.0 (the nearest release that supports it) instead.',
  );
  assert.equal(
    family?.message,
    'torchvision==0.18.1 is not built for torch==2.4.1: torch 2.4.1 pairs with torchvision 0.19.1 and torchaudio 2.4.1 (https://github.com/pytorch/vision#installation). Pin torchvision==0.19.1 instead.',
  );
  assert.equal(family?.expected, '==0.19.1');
  assert.equal(variant?.source, 'https://github.com/pytorch/pytorch/blob/main/RELEASE.md#release-compatibility-matrix');
  assert.equal(variant?.actual, 'cu117');
});

test('torch rules stay silent on matching families, supported Pythons and published builds (torchaudio 2.11 serves torch 2.12)', () => {
  assert.deepEqual(findings(readFixture('torch/silent')).map(summary), []);
});

test('a companion keeps its +cuXYZ label in the fix; a range companion is fine when it admits the right release', () => {
  const parse = parseTexts({ 'requirements.txt': 'torch==2.1.2+cu121\ntorchvision==0.15.2+cu121\ntorchaudio>=2.1,<2.2\n' });
  assert.deepEqual(findings(parse).map(summary), [
    'requirements.txt:2:1 error torch-family-mismatch -> torchvision==0.16.2+cu121 [requirements.txt:1:1]',
  ]);
  const wrongRange = parseTexts({ 'requirements.txt': 'torch==2.1.2\ntorchaudio>=2.2\n' });
  assert.deepEqual(findings(wrongRange).map(summary), [
    'requirements.txt:2:1 error torch-family-mismatch -> torchaudio==2.1.2 [requirements.txt:1:1]',
  ]);
});

test("under a profile, torch is blamed when the companion is the profile's and torch is not", () => {
  const profile = testProfile('mlops', { packages: { torch: '==2.5.1', torchvision: '==0.20.1' } });
  const parse = parseTexts({ 'requirements.txt': 'torch==2.4.1\ntorchvision==0.20.1\n' });
  const [finding] = findings(parse, testMatrix({ profiles: [profile] }), 'mlops');
  assert.equal(summary(finding as Finding), 'requirements.txt:1:1 error torch-family-mismatch -> torch==2.5.1 [requirements.txt:2:1]');
  assert.match(
    finding?.message ?? '',
    /^torch==2\.4\.1 does not match torchvision==0\.20\.1, which is built for torch 2\.5\.1 .*; profile mlops pins torchvision==0\.20\.1\. Pin torch==2\.5\.1 instead\.$/,
  );
});

test("under a profile, the Python is blamed when torch is the profile's and the Python is not", () => {
  const profile = testProfile('mlops', { python: '==3.11.*', packages: { torch: '==2.1.2' } });
  const parse = parseTexts({ Dockerfile: 'FROM python:3.12-slim\nRUN pip install torch==2.1.2\n' });
  assert.deepEqual(findings(parse, testMatrix({ profiles: [profile] }), 'mlops').map(summary), [
    'Dockerfile:1:13 error torch-python-unsupported -> 3.11 [Dockerfile:2:17]',
  ]);
});

test('torch older than the Python picks the nearest older release that supports it; a range of Pythons only fires when disjoint', () => {
  const parse = parseTexts({ Dockerfile: 'FROM python:3.7-slim\nRUN pip install torch==2.1.2\n' });
  assert.deepEqual(
    findings(parse).map((finding) => finding.fix),
    ['torch==1.13.1'],
  );
  const pyproject = parseTexts({
    'pyproject.toml': '[project]\nname = "trainer"\nversion = "1.0"\nrequires-python = ">=3.13"\ndependencies = ["torch==2.1.2"]\n',
  });
  assert.deepEqual(
    findings(pyproject).map((finding) => `${finding.rule} ${finding.line} ${finding.fix}`),
    ['torch-python-unsupported 5 null'],
  );
  const overlapping = parseTexts({
    'pyproject.toml': '[project]\nname = "trainer"\nversion = "1.0"\nrequires-python = ">=3.9"\ndependencies = ["torch==2.1.2"]\n',
  });
  assert.deepEqual(findings(overlapping), []);
});

test('a torch release the facts do not know is not judged', () => {
  const parse = parseTexts({ 'requirements.txt': 'torch==2.99.0\ntorchvision==0.1.0\n' });
  assert.deepEqual(findings(parse), []);
});

function indexLabelFindings(files: Record<string, string>, matrix: Matrix = testMatrix(), profile = 'auto'): string[] {
  const outcome = runChecks(parseTexts(files), matrix, { profile });
  assert.ok(outcome.ok);
  return outcome.findings.filter((finding) => finding.rule === 'torch-index-label-mismatch').map(summary);
}

test('torch-index-label-mismatch: a +cu121 pin with only a cu118 PyTorch index cannot be installed', () => {
  const files = {
    'requirements.txt': '--extra-index-url https://download.pytorch.org/whl/cu118\ntorch==2.1.2+cu121\ntorchvision==0.16.2+cu121\n',
  };
  assert.deepEqual(indexLabelFindings(files), [
    'requirements.txt:2:1 error torch-index-label-mismatch -> torch==2.1.2+cu118 [requirements.txt:1:19]',
    'requirements.txt:3:1 error torch-index-label-mismatch -> torchvision==0.16.2+cu118 [requirements.txt:1:19]',
  ]);
  const outcome = runChecks(parseTexts(files), testMatrix(), { profile: 'auto' });
  assert.ok(outcome.ok);
  assert.match(
    outcome.findings.find((finding) => finding.rule === 'torch-index-label-mismatch')?.message ?? '',
    /^torch==2\.1\.2\+cu121 asks for a cu121 build, but this install set's PyTorch index serves cu118 builds .*pip finds no matching distribution\. Pin torch==2\.1\.2\+cu118 instead\.$/,
  );
});

test('torch-index-label-mismatch: under a profile the side that leaves the profile is changed (here the index)', () => {
  const matrix = testMatrix({ profiles: [testProfile('gpu', { cuda: '==12.1.*' })] });
  const files = { 'requirements.txt': '--index-url https://download.pytorch.org/whl/cu118\ntorch==2.1.2+cu121\n' };
  assert.deepEqual(indexLabelFindings(files, matrix, 'gpu'), [
    'requirements.txt:1:13 error torch-index-label-mismatch -> https://download.pytorch.org/whl/cu121 [requirements.txt:2:1]',
  ]);
});

test('torch-index-label-mismatch stays silent when an index serves the label, when there is no PyTorch index, and for plain pins', () => {
  for (const text of [
    '--index-url https://download.pytorch.org/whl/cu121\ntorch==2.1.2+cu121\n',
    '--extra-index-url https://download.pytorch.org/whl/cu118\n--extra-index-url https://download.pytorch.org/whl/cu121\ntorch==2.1.2+cu121\n',
    '--find-links /wheels\ntorch==2.1.2+cu121\n',
    '--index-url https://download.pytorch.org/whl/cu118\ntorch==2.1.2\n',
  ]) {
    assert.deepEqual(indexLabelFindings({ 'requirements.txt': text }), [], text);
  }
});

test('a CUDA variant missing from a release the data does not list completely is a notice, not an error', () => {
  // torch 2.10's row is RELEASE.md's headline list (cu126, cu128, cu130); the index also serves cu129.
  const incomplete = findings(
    parseTexts({ 'requirements.txt': '--extra-index-url https://download.pytorch.org/whl/cu129\ntorch==2.10.0+cu129\n' }),
  );
  assert.deepEqual(
    incomplete.map((finding) => `${finding.severity} ${finding.rule} -> ${finding.fix}`),
    ['notice torch-cuda-variant-missing -> null', 'notice torch-cuda-variant-missing -> null'],
  );
  assert.match(
    incomplete[0]?.message ?? '',
    /is not verified: torch 2\.10's headline variants are cu126, cu128, cu130 .* the bundled list of 2026-11-22 is not the wheel index's complete list/,
  );
  // torch 2.4's row is the index's complete list: a cu117 build of it does not exist.
  const complete = findings(parseTexts({ 'requirements.txt': '--index-url https://download.pytorch.org/whl/cu117\ntorch==2.4.1\n' }));
  assert.deepEqual(
    complete.map((finding) => `${finding.severity} ${finding.rule}`),
    ['error torch-cuda-variant-missing'],
  );
  assert.match(complete[0]?.message ?? '', /published for cu118, cu121, cu124 and no other CUDA variant/);
});

test("the family table goes back to torch 1.0: old pairs from torchvision's table, a series where it pairs a minor only", () => {
  const rules = (text: string) =>
    findings(parseTexts({ 'requirements.txt': text })).map((finding) => `${finding.severity} ${finding.rule} -> ${finding.fix}`);
  // torchvision 0.2.x is pure Python: any 0.2 release goes with torch 1.0.x.
  assert.deepEqual(rules('torch==1.0.1\ntorchvision==0.2.1\n'), []);
  assert.deepEqual(rules('torch==1.3.1\ntorchvision==0.4.2\n'), []);
  assert.deepEqual(rules('torch==1.4.0\ntorchvision==0.6.0\n'), ['error torch-family-mismatch -> torchvision==0.5.0']);
  assert.deepEqual(rules('torch==1.7.0\ntorchvision==0.9.0\n'), ['error torch-family-mismatch -> torchvision==0.8.*']);
  assert.deepEqual(rules('torch==1.7.1\ntorchvision==0.8.1\n'), ['error torch-family-mismatch -> torchvision==0.8.2']);
  // No torchaudio was built for torch 1.1: nothing to compare.
  assert.deepEqual(rules('torch==1.1.0\ntorchaudio==0.3.0\n'), []);
  const python = findings(parseTexts({ Dockerfile: 'FROM python:3.9-slim\nRUN pip install torch==1.4.0\n' }));
  assert.deepEqual(
    python.map((finding) => `${finding.rule} ${finding.expected}`),
    ['torch-python-unsupported >=2.7,<3.9'],
  );
});

test('a +cu118 pin with no index that serves it: an error in a Dockerfile, a notice in a requirements file, silent with its index', () => {
  const rules = (files: Record<string, string>) => runChecks(parseTexts(files), testMatrix(), { profile: 'auto' });
  const local = (files: Record<string, string>) => {
    const outcome = rules(files);
    assert.ok(outcome.ok);
    return outcome.findings.filter((finding) => finding.rule === 'local-version-without-index');
  };
  const [docker] = local({ Dockerfile: 'FROM python:3.10-slim\nRUN pip install torch==2.1.2+cu118 torchvision==0.16.2+cu118\n' }).map(
    (finding) => finding,
  );
  assert.equal(docker?.severity, 'error');
  assert.equal(docker?.expected, 'https://download.pytorch.org/whl/cu118');
  assert.match(
    docker?.message ?? '',
    /torch==2\.1\.2\+cu118 has the local version label \+cu118, which PyPI does not accept, and this stage names no index or find-links location, so pip finds no matching distribution .* Add --extra-index-url https:\/\/download\.pytorch\.org\/whl\/cu118/,
  );
  assert.equal(local({ Dockerfile: 'FROM python:3.10-slim\nRUN pip install torch==2.1.2+cu118 torchvision==0.16.2+cu118\n' }).length, 2);
  assert.deepEqual(
    local({ 'requirements.txt': 'torch==2.1.2+cpu\n' }).map((finding) => `${finding.severity} ${finding.expected}`),
    ['notice https://download.pytorch.org/whl/cpu'],
  );
  // The fixed twins: the index (in the command, the file or pip's environment) serves the build.
  assert.deepEqual(
    local({
      Dockerfile: 'FROM python:3.10-slim\nRUN pip install torch==2.1.2+cu118 --extra-index-url https://download.pytorch.org/whl/cu118\n',
    }),
    [],
  );
  assert.deepEqual(
    local({
      Dockerfile:
        'FROM python:3.10-slim\nENV PIP_FIND_LINKS=https://download.pytorch.org/whl/torch_stable.html\nRUN pip install torch==2.1.2+cu118\n',
    }),
    [],
  );
  assert.deepEqual(local({ 'requirements.txt': '-f https://download.pytorch.org/whl/torch_stable.html\ntorch==2.1.2+cu118\n' }), []);
  assert.deepEqual(local({ 'requirements.txt': 'torch==2.1.2\n' }), []);
});

test('a torch range beside a pinned companion: an error when no torch it admits pairs with the companion, fine when one does', () => {
  const family = (text: string) =>
    findings(parseTexts({ 'requirements.txt': text })).filter((finding) => finding.rule === 'torch-family-mismatch');
  const [mismatch] = family('torch~=1.10.0\ntorchvision==0.13.0\n');
  assert.equal(`${mismatch?.line} ${mismatch?.fix}`, '2 torchvision==0.11.3');
  assert.match(
    mismatch?.message ?? '',
    /torchvision==0\.13\.0 is built for torch 1\.12\.0, which torch~=1\.10\.0 does not admit, so pip cannot install both/,
  );
  assert.deepEqual(family('torch~=1.10.0\ntorchvision==0.11.2\n'), []);
  assert.deepEqual(family('torch>=2.0,<2.2\ntorchaudio==2.1.1\n'), []);
  assert.deepEqual(
    family('torch>=2.0,<2.2\ntorchaudio==2.2.0\n').map((finding) => finding.fix),
    ['torchaudio==2.1.2'],
  );
  // torchaudio 2.11.0 serves every torch from 2.11, newer ones than the table included; a companion the table does not know is not judged.
  assert.deepEqual(family('torch>=2.14\ntorchaudio==2.11.0\n'), []);
  assert.deepEqual(family('torch~=1.10.0\ntorchvision==0.99.0\n'), []);
});

test('every torchvision release built for a torch passes: torch 1.10.0 has 0.11.0 and 0.11.1 (pytorch.org previous versions, torchvision table)', () => {
  const family = (text: string) =>
    findings(parseTexts({ 'requirements.txt': text })).filter((finding) => finding.rule === 'torch-family-mismatch');
  assert.deepEqual(family('torch==1.10.0\ntorchvision==0.11.0\n'), []);
  assert.deepEqual(family('torch==1.10.0\ntorchvision==0.11.1\n'), []);
  assert.deepEqual(family('torch~=1.10.0\ntorchvision==0.11.0\n'), []);
  // 0.11.0 is still not built for torch 1.10.1, whose torchvision is 0.11.2.
  assert.deepEqual(
    family('torch==1.10.1\ntorchvision==0.11.0\n').map((finding) => `${finding.line} ${finding.fix}`),
    ['2 torchvision==0.11.2'],
  );
});
