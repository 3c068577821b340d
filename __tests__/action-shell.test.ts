// The action's shell run from the compiled sources (lib/src/index.js), as a runner runs it: what the
// committed bundle (action.test.ts) shows only once it is rebuilt. A real git repository, a fake GitHub
// on 127.0.0.1, and a stand-in interpreter that records how the runtime check started it.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  assertTokenNowhere,
  describeRun,
  failureLines,
  runActionProcess,
  STACK_FRAME,
  type ActionProcessRun,
} from './helpers/action-process.js';
import { startFakeGitHub, type FakeGitHub } from './helpers/fake-github.js';
import { createGitRepo, type GitRepo } from './helpers/git-repo.js';
import { temporaryFolder, writeExecutable } from './helpers/python-env.js';

const ENTRY = fileURLToPath(new URL('../src/index.js', import.meta.url));
const EVENTS = new URL('../../__tests__/fixtures/github/', import.meta.url);
const TOKEN = 'ghs_ActionShellTestToken0123456789abcdef';
const FIXTURE_HEAD = '6dcb09b5b57875f334f61aebed695e2e4193db5e';
const FIXTURE_BASE = '9049f1265b7d61be4a8904a9a27120d2064dab3b';

let repo: GitRepo;
let server: FakeGitHub;
let standIns: string;
before(async () => {
  repo = createGitRepo(
    { 'requirements.txt': 'torch==2.1.0\nnumpy==1.26.4\n', 'README.md': '# ml-stack\n' },
    { 'requirements.txt': 'torch==2.1.0\nnumpy==2.0.0\n' },
  );
  server = await startFakeGitHub({
    owner: 'octo',
    repo: 'ml-stack',
    pullNumber: 7,
    files: repo.pullFiles(),
    token: TOKEN,
    mergeBase: repo.baseSha,
  });
  standIns = temporaryFolder('compat-guard-stand-ins-');
});
after(async () => {
  await server.close();
  repo.cleanup();
});

/** A stand-in interpreter that writes a line to `log` when started, and fails as a broken one would. */
function standInPython(log: string): string {
  const python = path.join(standIns, `python-${path.basename(log)}`);
  writeExecutable(python, `#!/bin/sh\necho "started with $1" >> '${log}'\necho 'no such interpreter' >&2\nexit 3\n`);
  return python;
}

/** A fixture payload with the repository's commits in it. */
function payload(fixture: string): Record<string, unknown> {
  return JSON.parse(
    fs.readFileSync(new URL(fixture, EVENTS), 'utf8').replaceAll(FIXTURE_HEAD, repo.headSha).replaceAll(FIXTURE_BASE, repo.baseSha),
  );
}

function run(
  eventName: string,
  event: string | Uint8Array | null,
  inputs: Record<string, string> = {},
  apiUrl = server.url,
): Promise<ActionProcessRun> {
  return runActionProcess({
    entry: ENTRY,
    workspace: repo.dir,
    eventName,
    event,
    inputs: { 'github-token': TOKEN, ...inputs },
    apiUrl,
    sha: repo.headSha,
  });
}

const runtimeOf = (run: ActionProcessRun): { status: string; reason?: string } | null =>
  run.report === null ? null : JSON.parse(run.report).runtime;

test('the runtime check never runs code of a pull-request event whose payload cannot tell where it comes from', async () => {
  const hollow = payload('event-pull-request.json');
  delete (hollow.pull_request as Record<string, unknown>).base;
  const cases: Array<[string, string | Uint8Array | null, RegExp]> = [
    ['pull_request', null, /the pull_request event could not be read: ENOENT/],
    ['pull_request_target', '', /the pull_request_target event could not be read: not JSON/],
    ['pull_request', Uint8Array.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe]), /the pull_request event could not be read: not JSON/],
    ['pull_request_target', JSON.stringify(hollow), /the pull_request_target event names no pull request with base and head commits/],
  ];
  for (const [eventName, event, why] of cases) {
    const log = path.join(standIns, `ran-${eventName}-${cases.findIndex((entry) => entry[1] === event)}`);
    const result = await run(eventName, event, { 'runtime-check': 'true', python: standInPython(log) });
    assert.equal(fs.existsSync(log), false, `the stand-in interpreter was started\n${describeRun(result)}`);
    const runtime = runtimeOf(result);
    assert.equal(runtime?.status, 'skipped', describeRun(result));
    assert.match(
      runtime?.reason ?? '',
      /^refused: it would run code that may come from a fork \(.+\) on this runner \(set allow-untrusted: true to run it anyway\)$/,
    );
    assert.match(runtime?.reason ?? '', why);
    assert.match(result.summary, /### Runtime check\n\nSkipped: refused: it would run code that may come from a fork/);
    assert.doesNotMatch(result.stdout + result.stderr, STACK_FRAME);
    assertTokenNowhere(result, TOKEN);
  }
});

test("a workflow_run started by a fork's pull request is refused too; allow-untrusted runs it", async () => {
  const event = JSON.stringify({
    action: 'completed',
    workflow_run: {
      event: 'pull_request',
      head_sha: repo.headSha,
      head_branch: 'bump-numpy',
      pull_requests: [],
      head_repository: { full_name: 'mona/ml-stack', fork: true },
      repository: { full_name: 'octo/ml-stack' },
    },
    repository: { full_name: 'octo/ml-stack' },
  });
  const refusedLog = path.join(standIns, 'workflow-run-refused');
  const refused = await run('workflow_run', event, { 'runtime-check': 'true', python: standInPython(refusedLog) });
  assert.equal(fs.existsSync(refusedLog), false, describeRun(refused));
  assert.equal(
    runtimeOf(refused)?.reason,
    'refused: it would run code from the fork mona/ml-stack (its pull request started the workflow run) on this runner (set allow-untrusted: true to run it anyway)',
  );

  const allowedLog = path.join(standIns, 'workflow-run-allowed');
  const allowed = await run('workflow_run', event, {
    'runtime-check': 'true',
    'allow-untrusted': 'true',
    python: standInPython(allowedLog),
  });
  assert.equal(fs.readFileSync(allowedLog, 'utf8'), 'started with -c\n', describeRun(allowed));
  assert.match(runtimeOf(allowed)?.reason ?? '', /exited with status 3: no such interpreter$/);
});

test('a report-file or sarif-file that cannot be written fails the step with one line naming the input and why', async () => {
  const cases: Array<[string, string, string]> = [
    ['report-file', '.git', `cannot write ${path.join(repo.dir, '.git')} (input 'report-file'): it is a folder.`],
    [
      'report-file',
      'README.md/compat-guard.json',
      `cannot write ${path.join(repo.dir, 'README.md/compat-guard.json')} (input 'report-file'): a folder on its path is a file.`,
    ],
    ['sarif-file', '.git', `cannot write ${path.join(repo.dir, '.git')} (input 'sarif-file'): it is a folder.`],
  ];
  for (const [input, value, why] of cases) {
    const result = await run('push', fs.readFileSync(new URL('event-push.json', EVENTS)), { [input]: value, 'fail-on': 'never' });
    assert.equal(result.code, 1, describeRun(result));
    assert.deepEqual(failureLines(result.stdout), [`::error::compat-guard: ${why} Name a file in a folder this job can write to.`]);
    assert.doesNotMatch(result.stdout + result.stderr, STACK_FRAME);
  }
});

test('a GITHUB_API_URL that is no URL fails the step before the check, with one line saying what it must be', async () => {
  const result = await run('pull_request', JSON.stringify(payload('event-pull-request.json')), {}, 'api.github.com');
  assert.equal(result.code, 1, describeRun(result));
  assert.deepEqual(failureLines(result.stdout), [
    '::error::compat-guard: GITHUB_API_URL is not a URL ("api.github.com"): it names the REST API, https://api.github.com or https://HOST/api/v3 on GitHub Enterprise Server; the runner sets it, so look for a workflow env that overrides it.',
  ]);
  assert.equal(result.report, null, 'nothing was checked');
  assert.doesNotMatch(result.stdout + result.stderr, STACK_FRAME);
});
