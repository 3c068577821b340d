// runChecks as a whole: the rule catalog and its documentation, one finding per problem however many
// install sets reach it, a stable order, the real bundled matrix, and hostile input.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { runChecks, RULES } from '../src/check/index.js';
import { readBundledMatrix } from '../src/matrix/bundled.js';
import { loadMatrix } from '../src/matrix/load.js';
import { RUNTIME_RULES } from '../src/runtime/rules.js';
import { parseTexts, testMatrix, testProfile, testRule } from './helpers/matrix-fixture.js';

const RULES_DOC = readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8');

test('every built-in rule id is unique, kebab-case, and has its own section in docs/rules.md', () => {
  const ids = [...RULES, ...RUNTIME_RULES].map((rule) => rule.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) {
    assert.match(id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    assert.match(RULES_DOC, new RegExp(`^#{2,3} ${id}$`, 'm'), `docs/rules.md has no section "${id}"`);
  }
  // SARIF links matrix rules without a source to this section.
  assert.match(RULES_DOC, /^## matrix-rules$/m);
});

test('docs/rules.md links each static rule to its own file, src/check/rules/<rule-id>.ts', () => {
  for (const rule of RULES) {
    const section = RULES_DOC.split(/^## /m).find((part) => part.startsWith(`${rule.id}\n`)) ?? '';
    assert.ok(section.includes(`**Implemented in** [src/check/rules/${rule.id}.ts](../src/check/rules/${rule.id}.ts)`), rule.id);
  }
  // ... and every file there is a rule of the catalog.
  const files = readdirSync(new URL('../../src/check/rules/', import.meta.url)).map((name) => name.replace(/\.ts$/, ''));
  assert.deepEqual(files.sort(), RULES.map((rule) => rule.id).sort());
});

test('every link of docs/rules.md into the repository names a file or folder that exists', () => {
  const targets = [...RULES_DOC.matchAll(/\]\((\.\.\/[^)#]+)/g)].map((match) => match[1]!);
  assert.ok(targets.length > 0);
  for (const target of targets) assert.ok(existsSync(new URL(`../${target}`, import.meta.url)), target);
});

const DOCKERFILE = ['FROM python:3.11-slim', 'COPY requirements.txt .', 'RUN pip install -r requirements.txt', ''].join('\n');

test('a problem reached through two install sets is reported once', () => {
  const parse = parseTexts({ Dockerfile: DOCKERFILE, 'requirements.txt': 'numpy==1.24.4\nnumpy==1.26.4\n' });
  assert.equal(parse.installSets.length, 2);
  const matrix = testMatrix({ profiles: [testProfile('p', { packages: { numpy: '==1.26.4' } })] });
  const outcome = runChecks(parse, matrix, { profile: 'p' });
  assert.ok(outcome.ok);
  assert.deepEqual(
    outcome.findings.map((finding) => `${finding.file}:${finding.line} ${finding.rule}`),
    ['requirements.txt:1 pin-outside-profile', 'requirements.txt:2 conflicting-pin'],
  );
});

test('a problem reached through two install sets keeps the related locations of both', () => {
  const stage = (torch: string): string => `FROM python:3.11-slim\nCOPY requirements.txt .\nRUN pip install ${torch} -r requirements.txt\n`;
  const parse = parseTexts({
    'a/Dockerfile': stage('torch==2.1.2'),
    'b/Dockerfile': stage('torch==2.1.0'),
    'requirements.txt': 'numpy==2.0.0\n',
  });
  const rules = [testRule('torch-numpy2', { when: { torch: '<2.3' }, require: { numpy: '<2' } })];
  const outcome = runChecks(parse, testMatrix({ rules }), { profile: 'auto' });
  assert.ok(outcome.ok);
  assert.deepEqual(
    outcome.findings.map((finding) => [
      `${finding.file}:${finding.line} ${finding.rule}`,
      (finding.related ?? []).map((location) => `${location.file}:${location.line}`),
    ]),
    [['requirements.txt:1 torch-numpy2', ['a/Dockerfile:3', 'b/Dockerfile:3']]],
  );
});

test('findings come sorted by file, line, column and rule, whatever order the families produce them in', () => {
  const parse = parseTexts({
    'b/requirements.txt': 'torch==2.1.2\ntorchvision==0.15.2\nnumpy==2.0.0\n',
    'a/requirements.txt': 'fastapi==0.95.0\npydantic==2.5.3\n',
  });
  const rules = [
    testRule('torch-numpy2', { when: { torch: '<2.3' }, require: { numpy: '<2' } }),
    testRule('fastapi-pydantic2', { when: { fastapi: '<0.100' }, require: { pydantic: '<2' } }),
  ];
  const outcome = runChecks(parse, testMatrix({ rules }), { profile: 'auto' });
  assert.ok(outcome.ok);
  assert.deepEqual(
    outcome.findings.map((finding) => `${finding.file}:${finding.line} ${finding.rule}`),
    ['a/requirements.txt:2 fastapi-pydantic2', 'b/requirements.txt:2 torch-family-mismatch', 'b/requirements.txt:3 torch-numpy2'],
  );
});

test('the bundled matrix loads and its profiles and universal rules apply', () => {
  const loaded = loadMatrix({ bundled: readBundledMatrix() });
  assert.ok(loaded.ok, loaded.ok ? '' : loaded.error);
  const parse = parseTexts({
    Dockerfile:
      'FROM nvidia/cuda:12.1-devel-ubuntu20.04\nRUN apt-get update && apt-get install -y python3.10 python3-pip\nCOPY requirements.txt .\nRUN pip3 install -r requirements.txt\n',
    'requirements.txt': 'torch==2.1.2\ntorchvision==0.16.2\nnumpy==2.0.0\n',
  });
  const outcome = runChecks(parse, loaded.matrix, { profile: 'callytics-cu121' });
  assert.ok(outcome.ok);
  assert.deepEqual(
    outcome.findings.map((finding) => `${finding.file}:${finding.line} ${finding.severity} ${finding.rule}`),
    ['Dockerfile:1 error cuda-image-tag-unknown', 'requirements.txt:3 error pin-outside-profile', 'requirements.txt:3 error torch-numpy2'],
  );
  const [, , numpy] = outcome.findings;
  assert.equal(numpy?.fix, 'numpy==1.23.5');
  assert.equal(numpy?.source, 'https://github.com/pytorch/pytorch/issues/107302');
});

test('hostile requirement lines yield findings or nothing, never an exception', () => {
  const fragments = fc.constantFrom(
    'torch',
    'torchvision',
    'torchaudio',
    'numpy',
    'python-dotenv',
    '==',
    '===',
    '~=',
    '>=',
    '<',
    '!=',
    ',',
    ';',
    '[',
    ']',
    '2.1.2',
    '0.16.2',
    '1.0',
    '+cu121',
    '+cu9999999',
    'rc1',
    '.*',
    '.post1',
    ' python_version < "3.10"',
    ' or ',
    ' and ',
    '(',
    ')',
    'extra == "gpu"',
    '-c constraints.txt',
    '-r requirements.txt',
    '@ https://x/y.whl',
    '\\',
    ' ',
    '#',
  );
  const line = fc.array(fragments, { maxLength: 12 }).map((parts) => parts.join(''));
  const matrix = testMatrix({
    profiles: [testProfile('p', { python: '==3.10.*', cuda: '==12.1.*', packages: { torch: '==2.1.2', numpy: '<2' } })],
    rules: [testRule('torch-numpy2', { when: { torch: '<2.3' }, require: { numpy: '<2', python: '>=3.8' } })],
  });
  fc.assert(
    fc.property(fc.array(line, { maxLength: 20 }), fc.array(line, { maxLength: 5 }), (requirements, constraints) => {
      const parse = parseTexts({
        'requirements.txt': `-c constraints.txt\n${requirements.join('\n')}\n`,
        'constraints.txt': `${constraints.join('\n')}\n`,
        Dockerfile: `FROM nvidia/cuda:12.1.1-devel-ubuntu22.04\nRUN pip install ${requirements
          .slice(0, 3)
          .map((text) => `'${text.replace(/'/g, '')}'`)
          .join(' ')} --index-url https://download.pytorch.org/whl/cu118\n`,
      });
      const outcome = runChecks(parse, matrix, { profile: 'p' });
      assert.ok(outcome.ok);
      for (const finding of outcome.findings) assert.ok(finding.file !== null && (finding.line ?? 0) >= 1, finding.rule);
    }),
    { numRuns: 300 },
  );
});
