import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { readInputs, splitList } from '../src/github/inputs.js';

const WHERE = { cwd: '/home/runner/work/ml-stack/ml-stack', runnerTemp: '/home/runner/work/_temp' };
const read = (values: Record<string, string>) => readInputs((name) => values[name] ?? '', WHERE);

test('every input is optional; defaults live in the code', () => {
  const result = read({});
  assert.deepEqual(result, {
    ok: true,
    inputs: {
      paths: [],
      matrixFile: undefined,
      profile: undefined,
      failOn: 'error',
      annotate: 'added',
      token: '',
      reportFile: path.join('/home/runner/work/_temp', 'compat-guard.json'),
      sarifFile: null,
      runtimeCheck: false,
      python: undefined,
      runtimeImage: undefined,
      requireGpu: false,
      allowUntrusted: false,
      recordProfile: null,
      index: 'auto',
      indexUrl: undefined,
      extraIndexUrls: [],
      cacheDir: undefined,
      resolve: false,
      checkName: 'compat-guard',
      comment: 'on-failure',
      driver: undefined,
    },
  });
});

test('record-profile needs the runtime check and a profile name; its file defaults to the workspace', () => {
  const recorded = read({ 'runtime-check': 'true', 'record-profile': 'gpu-stack' });
  assert.deepEqual(recorded.ok && recorded.inputs.recordProfile, {
    name: 'gpu-stack',
    file: path.join(WHERE.cwd, 'compat-profile-gpu-stack.yml'),
  });
  const placed = read({ 'runtime-check': 'true', 'record-profile': 'gpu-stack', 'record-profile-file': 'out/p.yml' });
  assert.deepEqual(placed.ok && placed.inputs.recordProfile, { name: 'gpu-stack', file: path.join(WHERE.cwd, 'out/p.yml') });
  assert.deepEqual(read({ 'record-profile': 'gpu-stack' }), {
    ok: false,
    error: "Input 'record-profile' records what the runtime check verified: set runtime-check: true as well.",
  });
  const bad = read({ 'runtime-check': 'true', 'record-profile': 'gpu stack' });
  assert.ok(!bad.ok && bad.error.startsWith(`Input 'record-profile': profile name "gpu stack" may hold only`));
});

test('the index inputs: a mode, URLs, a cache folder resolved against the workspace; a wrong mode names the input', () => {
  const result = read({
    index: 'required',
    'index-url': ' https://pkgs.example.com/simple ',
    'extra-index-url': 'https://a.example/simple, https://b.example/simple',
    'cache-dir': '.cache/idx',
  });
  assert.ok(result.ok);
  assert.equal(result.inputs.index, 'required');
  assert.equal(result.inputs.indexUrl, 'https://pkgs.example.com/simple');
  assert.deepEqual(result.inputs.extraIndexUrls, ['https://a.example/simple', 'https://b.example/simple']);
  assert.equal(result.inputs.cacheDir, path.resolve(WHERE.cwd, '.cache/idx'));
  const wrong = read({ index: 'always' });
  assert.ok(
    !wrong.ok && /^Input 'index' must be one of auto, online, offline, required; got "always"\.$/.test(wrong.error),
    JSON.stringify(wrong),
  );
});

test('check-name and comment are read; a wrong comment mode or a multi-line check name is an error naming the input', () => {
  const result = read({ 'check-name': ' compat (cu121) ', comment: 'always' });
  assert.ok(result.ok);
  assert.equal(result.inputs.checkName, 'compat (cu121)');
  assert.equal(result.inputs.comment, 'always');
  const mode = read({ comment: 'sometimes' });
  assert.deepEqual(mode, { ok: false, error: `Input 'comment' must be one of never, on-failure, always; got "sometimes".` });
  const name = read({ 'check-name': 'compat\nguard' });
  assert.ok(!name.ok);
  assert.match(name.error, /^Input 'check-name' must be one line/);
  assert.ok(!read({ 'check-name': 'x'.repeat(101) }).ok);
});

test('values are read, trimmed, and file paths resolved against the workspace', () => {
  const result = read({
    paths: 'requirements.txt\n docker/Dockerfile , envs/**/*.txt\n\n',
    matrix: ' .github/stack.yml ',
    profile: 'callytics-cu121',
    'fail-on': 'warning',
    annotate: 'diff_context',
    'github-token': 'ghs_x',
    'report-file': 'out/report.json',
    'sarif-file': '/tmp/cg.sarif',
    'runtime-check': 'true',
    python: '/opt/py/bin/python3.10',
    'runtime-image': 'ghcr.io/octo/train:1.2',
    'require-gpu': 'True',
    'allow-untrusted': 'FALSE',
    resolve: 'true',
  });
  assert.ok(result.ok);
  assert.equal(result.inputs.resolve, true);
  assert.deepEqual(result.inputs.paths, ['requirements.txt', 'docker/Dockerfile', 'envs/**/*.txt']);
  assert.equal(result.inputs.matrixFile, '.github/stack.yml');
  assert.equal(result.inputs.failOn, 'warning');
  assert.equal(result.inputs.annotate, 'diff_context');
  assert.equal(result.inputs.reportFile, path.resolve(WHERE.cwd, 'out/report.json'));
  assert.equal(result.inputs.sarifFile, '/tmp/cg.sarif');
  assert.equal(result.inputs.runtimeCheck, true);
  assert.equal(result.inputs.requireGpu, true);
  assert.equal(result.inputs.allowUntrusted, false);
  assert.equal(result.inputs.runtimeImage, 'ghcr.io/octo/train:1.2');
});

test('an invalid value is one clear line naming the input, what it takes and what it got', () => {
  assert.deepEqual(read({ 'fail-on': 'errors' }), {
    ok: false,
    error: 'Input \'fail-on\' must be one of error, warning, notice, never; got "errors".',
  });
  assert.deepEqual(read({ annotate: 'changed' }), {
    ok: false,
    error: 'Input \'annotate\' must be one of added, diff_context, file, nofilter, none; got "changed".',
  });
  assert.deepEqual(read({ 'require-gpu': 'yes' }), { ok: false, error: 'Input \'require-gpu\' must be one of true, false; got "yes".' });
});

test('a long or unprintable wrong value is quoted short and printable: the error stays one readable line', () => {
  const pasted = read({ annotate: `added\n${'# a comment pasted with the value '.repeat(300)}` });
  assert.ok(!pasted.ok);
  assert.equal(
    pasted.error,
    `Input 'annotate' must be one of added, diff_context, file, nofilter, none; got "added\\n${'# a comment pasted with the value '.repeat(3).slice(0, 93)}…".`,
  );
  const reversed = read({ 'fail-on': 'error\u202e' });
  assert.ok(!reversed.ok);
  assert.equal(reversed.error, 'Input \'fail-on\' must be one of error, warning, notice, never; got "error\\u202e".');
});

test('report-file and sarif-file naming one file is an error, the default report place included', () => {
  const error = (file: string) =>
    `Inputs 'report-file' and 'sarif-file' name the same file (${file}): the SARIF would overwrite the JSON report. Give them different paths.`;
  assert.deepEqual(read({ 'report-file': 'out/compat.json', 'sarif-file': './out/../out/compat.json' }), {
    ok: false,
    error: error(path.resolve(WHERE.cwd, 'out/compat.json')),
  });
  assert.deepEqual(read({ 'sarif-file': '/home/runner/work/_temp/compat-guard.json' }), {
    ok: false,
    error: error('/home/runner/work/_temp/compat-guard.json'),
  });
  assert.ok(read({ 'report-file': 'out/compat.json', 'sarif-file': 'out/compat.sarif' }).ok);
});

test('lists split on newlines and commas', () => {
  assert.deepEqual(splitList(' a ,b\r\nc,,\n'), ['a', 'b', 'c']);
  assert.deepEqual(splitList(''), []);
});
