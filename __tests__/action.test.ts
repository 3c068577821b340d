// The action end to end, run as a runner runs it: `node <entry>` with INPUT_* variables, a real-shaped
// event payload, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, GITHUB_API_URL pointing at a fake GitHub
// on 127.0.0.1, in a real git repository whose head commit breaks the bundled matrix.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertTokenNowhere, describeRun, runActionProcess, type ActionProcessRun } from './helpers/action-process.js';
import {
  annotationBatches,
  startFakeGitHub,
  type FakeComment,
  type Fault,
  type FakePullFile,
  type RecordedCall,
} from './helpers/fake-github.js';
import { createGitRepo, type GitRepo } from './helpers/git-repo.js';
import { startLoopbackProxy, unresolvableHost, type LoopbackProxy } from './helpers/loopback-proxy.js';

/** What the runner starts: the committed bundle itself (`npm test` bundles first). */
const ACTION_ENTRY = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
const EVENTS = new URL('../../__tests__/fixtures/github/', import.meta.url);
const TOKEN = 'ghs_ActionTestToken0123456789abcdefXYZ';
const FIXTURE_HEAD = '6dcb09b5b57875f334f61aebed695e2e4193db5e';
const FIXTURE_BASE = '9049f1265b7d61be4a8904a9a27120d2064dab3b';

// A training image whose CUDA tag never existed (the seed's mistake) and a requirements file that
// torch 2.1 cannot run with NumPy 2 in: the head commit turns numpy==1.26.4 into numpy==2.0.0.
const DOCKERFILE = [
  'FROM nvidia/cuda:12.1-devel-ubuntu20.04',
  'RUN apt-get update && apt-get install -y python3.10 python3-pip',
  'COPY requirements.txt /app/requirements.txt',
  'RUN pip install -r /app/requirements.txt',
  '',
].join('\n');
const BASE_PINS = ['# training stack', 'torch==2.1.0', 'numpy==1.26.4', 'pandas==2.0.3', 'scipy==1.11.4', ''].join('\n');
const HEAD_PINS = BASE_PINS.replace('numpy==1.26.4', 'numpy==2.0.0');
const BASE_TREE = { Dockerfile: DOCKERFILE, 'requirements.txt': BASE_PINS, 'README.md': '# ml-stack\n' };
/** Lines the head adds to requirements.txt: only 3 (numpy). */
const ADDED = new Set(['requirements.txt:3']);

interface Run extends Omit<ActionProcessRun, 'report'> {
  report: {
    findings: Array<{ rule: string; severity: string; file: string | null; line: number | null; inDiff: boolean | null }>;
    counts: Record<string, number>;
  };
  calls: RecordedCall[];
  /** The pull request's comments after the run. */
  comments: FakeComment[];
  repo: GitRepo;
}

interface Scenario {
  event: 'pull_request' | 'pull_request_fork' | 'push';
  head: Record<string, string | null>;
  inputs?: Record<string, string>;
  checkRuns?: 'allow' | 'forbid';
  faults?: Fault[];
  comments?: 'allow' | 'forbid';
  existingComments?: Array<{ id: number; body: string }>;
  /** Through a loopback proxy (HTTPS_PROXY, HTTP_PROXY), on an API host only the proxy reaches. */
  proxy?: LoopbackProxy;
  /** More runner variables (RUNNER_DEBUG). */
  env?: NodeJS.ProcessEnv;
  /** Changes the file list GitHub sends (e.g. drops a patch). */
  files?: (files: FakePullFile[]) => FakePullFile[];
}

async function runAction(scenario: Scenario): Promise<Run> {
  const repo = createGitRepo(BASE_TREE, scenario.head);
  const files = scenario.files ? scenario.files(repo.pullFiles()) : repo.pullFiles();
  const server = await startFakeGitHub({
    owner: 'octo',
    repo: 'ml-stack',
    pullNumber: 7,
    files,
    token: TOKEN,
    checkRuns: scenario.checkRuns ?? 'allow',
    mergeBase: repo.baseSha,
    faults: scenario.faults ?? [],
    comments: scenario.comments ?? 'allow',
    existingComments: scenario.existingComments ?? [],
  });
  try {
    const fixture =
      scenario.event === 'push'
        ? 'event-push.json'
        : scenario.event === 'pull_request'
          ? 'event-pull-request.json'
          : 'event-pull-request-fork.json';
    const payload = JSON.parse(
      fs.readFileSync(new URL(fixture, EVENTS), 'utf8').replaceAll(FIXTURE_HEAD, repo.headSha).replaceAll(FIXTURE_BASE, repo.baseSha),
    );
    if (payload.pull_request) payload.pull_request.changed_files = repo.pullFiles().length;
    const run = await runActionProcess({
      entry: ACTION_ENTRY,
      workspace: repo.dir,
      eventName: scenario.event === 'push' ? 'push' : 'pull_request',
      event: JSON.stringify(payload),
      inputs: { 'github-token': TOKEN, ...scenario.inputs },
      apiUrl: scenario.proxy ? unresolvableHost(server.url) : server.url,
      sha: repo.headSha,
      env: { ...(scenario.proxy ? { HTTPS_PROXY: scenario.proxy.url, HTTP_PROXY: scenario.proxy.url } : {}), ...scenario.env },
    });
    assertTokenNowhere(run, TOKEN);
    const report = run.report === null ? { findings: [], counts: {} } : JSON.parse(run.report);
    return { ...run, report, calls: server.calls, comments: server.comments, repo };
  } finally {
    await server.close();
    repo.cleanup();
  }
}

/** The bodies of the check-run PATCHes, in order. */
const checkRunUpdates = (calls: readonly RecordedCall[]): unknown[] =>
  calls.filter((call) => call.method === 'PATCH' && call.path.includes('/check-runs/')).map((call) => call.body);

const where = (finding: { file: string | null; line: number | null }): string => `${finding.file}:${finding.line}`;

test('same-repository PR: annotations through one check run, only on added lines; the step fails on them', async () => {
  const run = await runAction({
    event: 'pull_request',
    head: { 'requirements.txt': HEAD_PINS },
    inputs: { 'sarif-file': 'out/compat.sarif' },
    faults: [
      {
        method: 'GET',
        path: '/repos/octo/ml-stack/pulls/7/files',
        status: 429,
        headers: { 'retry-after': '1' },
        body: { message: 'You have exceeded a secondary rate limit.' },
      },
      { method: 'POST', path: '/repos/octo/ml-stack/check-runs', status: 500, body: { message: 'Server Error' } },
    ],
  });
  assert.equal(run.code, 1, describeRun(run));

  const inDiff = run.report.findings.filter((finding) => finding.inDiff === true);
  const preExisting = run.report.findings.filter((finding) => finding.inDiff === false);
  assert.ok(
    inDiff.some((finding) => finding.severity === 'error'),
    describeRun(run),
  );
  assert.ok(
    preExisting.some((finding) => finding.file === 'Dockerfile' && finding.line === 1),
    'the CUDA tag is pre-existing',
  );

  const posts = run.calls.filter((call) => call.method === 'POST' && call.path.endsWith('/check-runs'));
  assert.equal(posts.filter((call) => call.status === 201).length, 1, 'one check run');
  assert.equal((posts[0]?.body as { head_sha: string }).head_sha, run.repo.headSha);
  const annotations = annotationBatches(run.calls).flat();
  assert.ok(annotations.length > 0);
  for (const annotation of annotations) {
    assert.ok(
      ADDED.has(`${annotation.path}:${annotation.start_line}`),
      `annotated ${annotation.path}:${annotation.start_line}, not an added line`,
    );
  }
  const completed = checkRunUpdates(run.calls).at(-1) as { status: string; conclusion: string };
  assert.deepEqual([completed.status, completed.conclusion], ['completed', 'failure']);
  assert.equal(/^::(error|warning|notice) /m.test(run.stdout), false, 'no workflow-command annotations');

  assert.deepEqual(
    run.calls.filter((call) => call.path.endsWith('/pulls/7/files')).map((call) => call.status),
    [429, 200],
    'the rate limit was waited out',
  );
  assert.match(run.summary, /^## ❌ compat-guard: \d+ findings? at or above `error` in this change/);
  assert.match(run.summary, /pre-existing finding/);
  assert.match(run.summary, /annotations? through \[the compat-guard check run\]/);
  assert.ok(run.summary.includes(`https://github.com/octo/ml-stack/blob/${run.repo.headSha}/requirements.txt#L3`));
  assert.doesNotMatch(run.summary, /### Notes/, 'every patch came from the API');

  assert.equal(Number(run.outputs.findings), run.report.findings.length);
  assert.equal(Number(run.outputs.errors), run.report.counts.error);
  assert.equal(run.outputs.sarif, path.join(run.repo.dir, 'out/compat.sarif'));
  assert.ok(run.outputs.report?.endsWith('compat-guard.json'));
  assert.match(run.stderr + run.stdout, /::error::compat-guard: \d+ findings? in this change at or above fail-on error/);
});

test('fork PR: the 403 sends annotations to workflow commands, the summary counts the hidden ones, fail-on still decides', async () => {
  // Twelve new lines pip would reject: twelve errors on added lines, two more than GitHub shows.
  const broken = Array.from({ length: 12 }, (_, index) => `badpkg${index}==1.0 ;;`).join('\n');
  const run = await runAction({ event: 'pull_request_fork', head: { 'requirements.txt': `${HEAD_PINS}${broken}\n` }, checkRuns: 'forbid' });
  assert.equal(run.code, 1, describeRun(run));
  const commands = run.stdout.split('\n').filter((line) => /^::(error|warning|notice) file=/.test(line));
  assert.ok(commands.length >= 12, describeRun(run));
  for (const command of commands) assert.match(command, /^::\w+ file=requirements\.txt,line=(3|[6-9]|1[0-7]),/);
  const errors = commands.filter((command) => command.startsWith('::error ')).length;
  assert.match(run.summary, new RegExp(`\\*\\*${errors - 10} could not be shown\\*\\*`));
  assert.match(run.summary, /as workflow commands, since no check run could be created \(the token may not create check runs/);
  assert.equal(run.calls.filter((call) => call.method === 'PATCH').length, 0);

  const lenient = await runAction({
    event: 'pull_request_fork',
    head: { 'requirements.txt': HEAD_PINS },
    checkRuns: 'forbid',
    inputs: { 'fail-on': 'never' },
  });
  assert.equal(lenient.code, 0, describeRun(lenient));
  assert.match(lenient.summary, /^## ℹ️ compat-guard: \d+ findings? in this change \(fail-on: never\)/);
});

test('a PR touching no pin passes; its findings are listed as pre-existing', async () => {
  const run = await runAction({ event: 'pull_request', head: { 'README.md': '# ml-stack\n\nNow with docs.\n' } });
  assert.equal(run.code, 0, describeRun(run));
  assert.ok(run.report.findings.length > 0);
  assert.ok(run.report.findings.every((finding) => finding.inDiff === false || finding.file === null));
  assert.match(run.summary, /^## ✅ compat-guard: nothing at or above `error` in this change/);
  assert.match(run.summary, /<details><summary>\d+ pre-existing findings? \(outside this change\)<\/summary>/);
  // Nothing to annotate, but the check run exists all the same: a required check must see a pass.
  assert.equal(annotationBatches(run.calls).length, 0, 'nothing to annotate');
  const created = run.calls.find((call) => call.method === 'POST' && call.path.endsWith('/check-runs'));
  assert.equal((created?.body as { name: string }).name, 'compat-guard');
  const completed = checkRunUpdates(run.calls).at(-1) as { status: string; conclusion: string };
  assert.deepEqual([completed.status, completed.conclusion], ['completed', 'success']);
  assert.match(
    run.summary,
    /Nothing to annotate; \[the compat-guard check run\]\(https:\/\/github\.com\/octo\/ml-stack\/runs\/\d+\) reports the result\./,
  );
  assert.equal(
    run.calls.filter((call) => call.path.includes('/comments')).length,
    1,
    'comment on-failure: the list is read, nothing written',
  );
  assert.ok(Number(run.outputs.errors) > 0, 'the outputs count every finding');
});

test('a push puts every finding in scope and annotates them at GITHUB_SHA', async () => {
  const run = await runAction({ event: 'push', head: { 'requirements.txt': HEAD_PINS } });
  assert.equal(run.code, 1, describeRun(run));
  assert.ok(run.report.findings.every((finding) => finding.inDiff === true));
  assert.equal(run.calls.filter((call) => call.path.includes('/pulls/')).length, 0);
  const annotated = new Set(
    annotationBatches(run.calls)
      .flat()
      .map((annotation) => `${annotation.path}:${annotation.start_line}`),
  );
  assert.ok(annotated.has('Dockerfile:1'), [...annotated].join(' '));
  assert.equal((run.calls[0]?.body as { head_sha: string }).head_sha, run.repo.headSha);
  assert.doesNotMatch(run.summary, /pre-existing/);
});

test('more than 50 findings in the change go to the check run in batches of 50', async () => {
  const broken = Array.from({ length: 60 }, (_, index) => `badpkg${index}==1.0 ;;`).join('\n');
  const run = await runAction({ event: 'pull_request', head: { 'requirements.txt': `${HEAD_PINS}${broken}\n` } });
  assert.equal(run.code, 1, describeRun(run));
  const batches = annotationBatches(run.calls).map((batch) => batch.length);
  assert.ok(batches.length >= 2, `batches: ${batches.join(', ')}`);
  assert.equal(batches[0], 50);
  assert.ok(batches.reduce((sum, size) => sum + size, 0) >= 60);
  assert.ok(batches.every((size) => size <= 50));
});

test('a file whose patch GitHub leaves out gets its lines from git', async () => {
  const run = await runAction({
    event: 'pull_request',
    head: { 'requirements.txt': HEAD_PINS },
    files: (files) =>
      files.map(({ patch, ...file }) =>
        file.filename === 'requirements.txt' ? file : { ...file, ...(patch === undefined ? {} : { patch }) },
      ),
  });
  assert.equal(run.code, 1, describeRun(run));
  assert.match(run.summary, /The changed lines of requirements\.txt come from git \(GitHub sent no patch\)\./);
  const annotated = annotationBatches(run.calls).flat();
  assert.ok(annotated.length > 0);
  for (const annotation of annotated) assert.ok(ADDED.has(`${annotation.path}:${annotation.start_line}`));
  assert.ok(run.report.findings.some((finding) => finding.inDiff === true && where(finding) === 'requirements.txt:3'));
});

test('annotate: nofilter also annotates pre-existing lines; none annotates nothing but the added lines still decide', async () => {
  const everything = await runAction({ event: 'pull_request', head: { 'requirements.txt': HEAD_PINS }, inputs: { annotate: 'nofilter' } });
  assert.equal(everything.code, 1, describeRun(everything));
  assert.ok(everything.report.findings.every((finding) => finding.inDiff === true));
  const annotated = new Set(
    annotationBatches(everything.calls)
      .flat()
      .map((annotation) => `${annotation.path}:${annotation.start_line}`),
  );
  assert.ok(annotated.has('Dockerfile:1') && annotated.has('requirements.txt:3'), [...annotated].join(' '));

  const nothing = await runAction({ event: 'pull_request', head: { 'requirements.txt': HEAD_PINS }, inputs: { annotate: 'none' } });
  assert.equal(nothing.code, 1, describeRun(nothing));
  assert.ok(nothing.report.findings.some((finding) => finding.inDiff === true && where(finding) === 'requirements.txt:3'));
  assert.ok(nothing.report.findings.some((finding) => finding.inDiff === false));
  assert.equal(annotationBatches(nothing.calls).length, 0, 'no annotations');
  assert.equal(
    (checkRunUpdates(nothing.calls).at(-1) as { conclusion: string }).conclusion,
    'failure',
    'the check run still carries the result',
  );
  assert.equal(/^::(error|warning|notice) /m.test(nothing.stdout), false);
  assert.match(nothing.summary, /\*\*Scope:\*\* pull request #7: findings on lines it adds or changes, not annotated \(annotate: none\)\./);
});

test('without a token the changed lines come from git and the annotations from workflow commands', async () => {
  const run = await runAction({ event: 'pull_request', head: { 'requirements.txt': HEAD_PINS }, inputs: { 'github-token': '' } });
  assert.equal(run.code, 1, describeRun(run));
  assert.equal(run.calls.length, 0);
  const commands = run.stdout.split('\n').filter((line) => /^::(error|warning|notice) file=/.test(line));
  assert.ok(commands.length > 0);
  for (const command of commands) assert.match(command, /^::\w+ file=requirements\.txt,line=3,/);
  assert.match(run.summary, /since no check run could be created \(no github-token\)/);
});

test('an invalid input fails the step with one clear line and no stack trace', async () => {
  const run = await runAction({ event: 'pull_request', head: { 'README.md': 'x\n' }, inputs: { 'fail-on': 'sometimes' } });
  assert.equal(run.code, 1);
  assert.match(run.stdout, /^::error::Input 'fail-on' must be one of error, warning, notice, never; got "sometimes"\.$/m);
  assert.doesNotMatch(run.stdout + run.stderr, /\n\s+at /);
  assert.equal(run.calls.length, 0);
});

test('check-name names the check run; a PR that breaks the matrix gets one comment, updated in place, then marked resolved once clean', async () => {
  const marker = '<!-- compat-guard:comment compat%20(cu121) -->';
  const broken = await runAction({
    event: 'pull_request',
    head: { 'requirements.txt': HEAD_PINS },
    inputs: { 'check-name': 'compat (cu121)' },
    existingComments: [
      { id: 11, body: 'LGTM' },
      { id: 12, body: '<!-- compat-guard:comment other -->\nanother step' },
    ],
  });
  assert.equal(broken.code, 1, describeRun(broken));
  assert.equal(
    (broken.calls.find((call) => call.method === 'POST' && call.path.endsWith('/check-runs'))?.body as { name: string }).name,
    'compat (cu121)',
  );
  const ours = broken.comments.filter((comment) => comment.body.startsWith(marker));
  assert.equal(ours.length, 1, 'one comment of this check name');
  assert.match(ours[0]!.body, /## ❌ compat-guard: \d+ findings? at or above `error` in this change/);
  assert.ok(ours[0]!.body.includes('\n[The workflow run](https://github.com/octo/ml-stack/actions/runs/42) has the full job summary.'));
  assert.doesNotMatch(ours[0]!.body, /compat-guard\.json|upload-artifact/, 'no runner paths on the pull request');
  assert.deepEqual(
    broken.comments.filter((comment) => !comment.body.startsWith(marker)).map((comment) => comment.id),
    [11, 12],
    'other comments untouched',
  );

  // The next push still fails: the same comment is edited, not a second one posted.
  const again = await runAction({
    event: 'pull_request',
    head: { 'requirements.txt': HEAD_PINS },
    inputs: { 'check-name': 'compat (cu121)' },
    existingComments: [
      { id: 11, body: 'LGTM' },
      { id: 77, body: `${marker}\nold findings` },
    ],
  });
  assert.equal(again.calls.filter((call) => call.method === 'POST' && call.path.includes('/comments')).length, 0);
  assert.deepEqual(
    again.calls.filter((call) => call.method === 'PATCH' && call.path.includes('/comments/')).map((call) => call.path),
    ['/repos/octo/ml-stack/issues/comments/77'],
  );
  assert.match(again.comments.find((comment) => comment.id === 77)!.body, /at or above `error`/);

  // Fixed: the comment says so, once.
  const clean = await runAction({
    event: 'pull_request',
    head: { 'README.md': '# ml-stack\n\nNow with docs.\n' },
    inputs: { 'check-name': 'compat (cu121)' },
    existingComments: [{ id: 77, body: `${marker}\nold findings` }],
  });
  assert.equal(clean.code, 0, describeRun(clean));
  const resolved = clean.comments.find((comment) => comment.id === 77)!.body;
  assert.ok(resolved.startsWith(marker));
  assert.match(resolved, /## ✅ compat \(cu121\): resolved/);
  const quiet = await runAction({
    event: 'pull_request',
    head: { 'README.md': 'docs\n' },
    inputs: { 'check-name': 'compat (cu121)' },
    existingComments: [{ id: 77, body: resolved }],
  });
  assert.equal(quiet.calls.filter((call) => call.method === 'PATCH' && call.path.includes('/comments/')).length, 0, 'already resolved');
});

test('comment: always writes a passing summary too, never writes nothing, and a token that may not comment is a warning, not a failure', async () => {
  const always = await runAction({ event: 'pull_request', head: { 'README.md': 'docs\n' }, inputs: { comment: 'always' } });
  assert.equal(always.code, 0, describeRun(always));
  assert.equal(always.comments.length, 1);
  assert.match(always.comments[0]!.body, /^<!-- compat-guard:comment compat-guard -->\n## ✅ compat-guard: nothing at or above `error`/);

  const never = await runAction({ event: 'pull_request', head: { 'requirements.txt': HEAD_PINS }, inputs: { comment: 'never' } });
  assert.equal(never.calls.filter((call) => call.path.includes('/comments')).length, 0);

  const forbidden = await runAction({
    event: 'pull_request',
    head: { 'README.md': 'docs\n' },
    inputs: { comment: 'always' },
    comments: 'forbid',
  });
  assert.equal(forbidden.code, 0, describeRun(forbidden));
  assert.match(
    forbidden.stdout,
    /::warning::compat-guard: The pull-request comment was not written: the token may not comment on the pull request/,
  );
  assert.match(forbidden.summary, /The pull-request comment was not written/);
});

test('a push has no pull request to comment on; a passing push still completes its check run as success', async () => {
  const run = await runAction({ event: 'push', head: { 'README.md': 'docs\n' }, inputs: { comment: 'always', 'fail-on': 'never' } });
  assert.equal(run.code, 0, describeRun(run));
  assert.equal(run.calls.filter((call) => call.path.includes('/comments')).length, 0);
  assert.equal(run.calls.filter((call) => call.method === 'POST' && call.path.endsWith('/check-runs')).length, 1);
});

test('behind a proxy the pull request reads, annotates and comments as without one', async () => {
  const proxy = await startLoopbackProxy();
  try {
    const scenario: Scenario = { event: 'pull_request', head: { 'requirements.txt': HEAD_PINS } };
    const direct = await runAction(scenario);
    const proxied = await runAction({ ...scenario, proxy });
    assert.equal(proxied.code, direct.code, describeRun(proxied));
    assert.ok(
      proxy.targets.length > 0 && proxy.targets.every((target) => target.startsWith('api.github.invalid:')),
      proxy.targets.join(' '),
    );
    const calls = (run: Run): string[] => run.calls.map((call) => `${call.method} ${call.path} ${call.status}`);
    assert.deepEqual(calls(proxied), calls(direct));
    assert.deepEqual(annotationBatches(proxied.calls), annotationBatches(direct.calls));
    assert.equal(proxied.comments.length, 1);
    assert.deepEqual(proxied.report, direct.report);
  } finally {
    await proxy.close();
  }
});

test('with debug logging on, the log says what was read and why the profile was chosen', async () => {
  const run = await runAction({ event: 'push', head: { 'requirements.txt': HEAD_PINS }, env: { RUNNER_DEBUG: '1' } });
  assert.match(run.stdout, /^::debug::read requirements\.txt \(requirements\)$/m);
  assert.match(run.stdout, /^::debug::read Dockerfile \(dockerfile\)$/m);
  assert.match(run.stdout, /^::debug::(profile \S+: .+|profile: none; only the universal facts apply)$/m);
  const quiet = await runAction({ event: 'push', head: { 'requirements.txt': HEAD_PINS } });
  assert.doesNotMatch(quiet.stdout, /::debug::read /);
});
