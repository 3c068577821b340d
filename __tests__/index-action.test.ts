// The action's index inputs, run as a runner runs the action (compiled sources, a push event) against
// a loopback index: findings with their source, the summary's section, a password given in an input
// masked and nowhere in any output, and `index: required` failing the step when no index answers.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertTokenNowhere, describeRun, failureLines, runActionProcess } from './helpers/action-process.js';
import { startIndexServer, type IndexServer } from './helpers/index-server.js';
import { makeTree, removeTree } from './helpers/temp-tree.js';

const ENTRY = fileURLToPath(new URL('../src/index.js', import.meta.url));
const PASSWORD = 'idx-s3cret-4242';

let server: IndexServer;
let workspace: string;
before(async () => {
  server = await startIndexServer({ projects: [{ name: 'numpy', releases: [{ version: '1.24.4' }] }] });
  workspace = makeTree({ Dockerfile: 'FROM python:3.11-slim\nRUN pip install numpy==1.24.4 numpyy==1.0\n' });
});
after(async () => {
  await server.close();
  removeTree(workspace);
});

function run(inputs: Record<string, string>) {
  return runActionProcess({
    entry: ENTRY,
    workspace,
    eventName: 'push',
    event: JSON.stringify({ after: 'abc' }),
    sha: 'abc',
    apiUrl: 'http://127.0.0.1:9',
    inputs: { 'github-token': '', 'cache-dir': `${workspace}/.cache`, ...inputs },
  });
}

test('a private index given as an input: its findings, the summary section, the password masked and nowhere', async () => {
  const result = await run({ 'index-url': server.url.replace('http://', `http://ci:${PASSWORD}@`) });
  assert.equal(result.code, 1, describeRun(result));
  const report = JSON.parse(result.report ?? '{}');
  assert.deepEqual(
    report.findings.map((finding: { rule: string; line: number }) => `${finding.line} ${finding.rule}`),
    ['2 package-not-found'],
  );
  assert.equal(report.findings[0].source, `${server.url}/numpyy/`);
  assert.equal(report.index.mode, 'auto');
  assert.match(result.summary, /### Package index\n\n- auto, \d+ requests?, 0 from the cache/);
  assert.ok(result.stdout.includes(`::add-mask::${PASSWORD}`));
  assertTokenNowhere(result, PASSWORD);
  assert.ok(server.requests.some((request) => request.authorization !== undefined));
});

test('index: required with an index that does not answer fails the step in one line', async () => {
  const dead = await startIndexServer({ projects: [] });
  await dead.close();
  const result = await run({ index: 'required', 'index-url': dead.url });
  assert.equal(result.code, 1, describeRun(result));
  const [line] = failureLines(result.stdout);
  assert.match(line ?? '', /^::error::compat-guard: --index required: no answer from http:\/\/127\.0\.0\.1:\d+\/simple/);
});
