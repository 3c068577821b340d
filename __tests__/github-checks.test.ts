import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ANNOTATIONS_PER_REQUEST,
  publishAnnotations,
  toCheckAnnotation,
  writeWorkflowCommands,
  type Annotation,
  type CheckRunRequest,
} from '../src/github/checks.js';
import { GitHubClient } from '../src/github/http.js';
import type { Finding, Severity } from '../src/model.js';
import { ownAnchor } from '../src/report/finding-counts.js';
import { annotationBatches, startFakeGitHub, type Fault } from './helpers/fake-github.js';

const TOKEN = 'ghs_checks_test_token_77ab';
const RUN: CheckRunRequest = {
  name: 'compat-guard',
  owner: 'octo',
  repo: 'ml-stack',
  headSha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
  conclusion: 'failure',
  title: '3 errors in this change',
  summary: '## compat-guard\n\nSee the job summary.',
  detailsUrl: 'https://github.com/octo/ml-stack/actions/runs/42',
};

function annotation(severity: Severity, line: number, extra: Partial<Finding> = {}): Annotation {
  const finding: Finding = {
    rule: 'pin-outside-profile',
    severity,
    message: `pin on line ${line} is outside the profile`,
    file: 'requirements.txt',
    line,
    column: 1,
    endLine: line,
    endColumn: 13,
    package: 'numpy',
    fix: 'numpy==1.23.5',
    ...extra,
  };
  return { finding, anchor: ownAnchor(finding) as NonNullable<ReturnType<typeof ownAnchor>> };
}

async function withServer(
  options: { checkRuns?: 'allow' | 'forbid'; faults?: Fault[] },
  body: (client: GitHubClient, calls: Awaited<ReturnType<typeof startFakeGitHub>>['calls']) => Promise<void>,
) {
  const server = await startFakeGitHub({ owner: 'octo', repo: 'ml-stack', pullNumber: 7, files: [], token: TOKEN, ...options });
  try {
    await body(new GitHubClient({ apiUrl: server.url, token: TOKEN, secondMs: 0 }), server.calls);
  } finally {
    await server.close();
  }
}

test('an annotation: level, rule as title, fix in the message, columns only on one line', () => {
  const one = toCheckAnnotation(
    annotation('error', 12, {
      expected: '==1.23.5',
      actual: '==1.24.4',
      related: [{ file: 'Dockerfile', line: 9 }],
      source: 'https://example.org/fact',
    }),
  );
  assert.deepEqual(one, {
    path: 'requirements.txt',
    start_line: 12,
    end_line: 12,
    start_column: 1,
    end_column: 13,
    annotation_level: 'failure',
    title: 'pin-outside-profile',
    message: 'pin on line 12 is outside the profile\nFix: numpy==1.23.5',
    raw_details: 'expected: ==1.23.5\nactual: ==1.24.4\nrelated: Dockerfile:9\nsource: https://example.org/fact',
  });
  const spanning = toCheckAnnotation(annotation('warning', 14, { endLine: 15, fix: null }));
  assert.equal(spanning.annotation_level, 'warning');
  assert.equal(spanning.end_line, 15);
  assert.equal('start_column' in spanning || 'end_column' in spanning, false);
  assert.equal(toCheckAnnotation(annotation('notice', 3)).annotation_level, 'notice');
  const whole = toCheckAnnotation({
    finding: annotation('error', 1).finding,
    anchor: { file: 'Dockerfile', line: null, column: null, endLine: null, endColumn: null },
  });
  assert.deepEqual([whole.start_line, whole.end_line, whole.start_column], [1, 1, undefined]);
  const long = toCheckAnnotation(annotation('error', 1, { rule: 'r'.repeat(400), message: 'x'.repeat(100_000) }));
  assert.equal(long.title.length, 255);
  assert.ok(long.message.length <= 16_000);
});

test('one check run: created, filled 50 annotations at a time, then completed with the conclusion', async () => {
  await withServer({}, async (client, calls) => {
    const annotations = Array.from({ length: 120 }, (_, index) => annotation('error', index + 1));
    const lines: string[] = [];
    const shown = await publishAnnotations(client, annotations, RUN, (line) => lines.push(line));
    assert.deepEqual(shown, {
      via: 'check-run',
      shown: 120,
      notShown: 0,
      url: 'https://github.com/octo/ml-stack/runs/4000',
      name: 'compat-guard',
    });
    assert.deepEqual(lines, []);
    assert.deepEqual(
      calls.map((call) => `${call.method} ${call.path}`),
      [
        'POST /repos/octo/ml-stack/check-runs',
        'PATCH /repos/octo/ml-stack/check-runs/4000',
        'PATCH /repos/octo/ml-stack/check-runs/4000',
        'PATCH /repos/octo/ml-stack/check-runs/4000',
        'PATCH /repos/octo/ml-stack/check-runs/4000',
      ],
    );
    const created = calls[0]?.body as Record<string, unknown>;
    assert.equal(created.name, 'compat-guard');
    assert.equal(created.head_sha, RUN.headSha);
    assert.equal(created.status, 'in_progress');
    assert.equal(created.details_url, RUN.detailsUrl);
    assert.deepEqual(
      annotationBatches(calls).map((batch) => batch.length),
      [ANNOTATIONS_PER_REQUEST, ANNOTATIONS_PER_REQUEST, 20],
    );
    const last = calls.at(-1)?.body as { status: string; conclusion: string; output: { title: string; summary: string } };
    assert.equal(last.status, 'completed');
    assert.equal(last.conclusion, 'failure');
    assert.deepEqual(last.output, { title: RUN.title, summary: RUN.summary });
  });
});

test('a 403 on creating the check run falls back to workflow commands; GitHub shows 10 per severity', async () => {
  await withServer({ checkRuns: 'forbid' }, async (client, calls) => {
    const annotations = [
      ...Array.from({ length: 14 }, (_, index) => annotation('error', index + 1)),
      ...Array.from({ length: 3 }, (_, index) => annotation('warning', index + 20)),
    ];
    const lines: string[] = [];
    const shown = await publishAnnotations(client, annotations, RUN, (line) => lines.push(line));
    assert.equal(shown.via, 'workflow-commands');
    assert.equal(shown.shown, 13);
    assert.equal(shown.notShown, 4);
    assert.match(shown.reason ?? '', /may not create check runs .*403 Resource not accessible by integration/);
    assert.equal(lines.length, 17);
    assert.equal(
      lines[0],
      '::error file=requirements.txt,line=1,col=1,endLine=1,endColumn=13,title=pin-outside-profile::pin on line 1 is outside the profile%0AFix: numpy==1.23.5',
    );
    assert.equal(calls.length, 1);
  });
});

test('a check run that breaks half way keeps what it took; the rest go out as workflow commands', async () => {
  await withServer(
    { faults: [{ method: 'PATCH', path: '/repos/octo/ml-stack/check-runs/', status: 422, body: { message: 'Validation Failed' } }] },
    async (client) => {
      const annotations = Array.from({ length: 60 }, (_, index) => annotation('notice', index + 1));
      const lines: string[] = [];
      const shown = await publishAnnotations(client, annotations, RUN, (line) => lines.push(line));
      assert.equal(shown.via, 'workflow-commands');
      assert.equal(lines.length, 60);
      assert.deepEqual([shown.inCheckRun, shown.shown, shown.notShown], [0, 10, 50]);
      assert.match(shown.reason ?? '', /^PATCH .*: 422 Validation Failed$/);
    },
  );
});

test('a check run whose annotations GitHub refuses is completed all the same, not left pending on the pull request', async () => {
  // The second batch is refused (an annotation GitHub will not take), once.
  const fault: Fault = {
    method: 'PATCH',
    path: '/repos/octo/ml-stack/check-runs/',
    status: 422,
    skip: 1,
    body: { message: 'Validation Failed' },
  };
  await withServer({ faults: [fault] }, async (client, calls) => {
    const annotations = Array.from({ length: 70 }, (_, index) => annotation('error', index + 1));
    const lines: string[] = [];
    const shown = await publishAnnotations(client, annotations, RUN, (line) => lines.push(line));
    assert.equal(shown.via, 'workflow-commands');
    assert.deepEqual([shown.inCheckRun, shown.shown, shown.notShown], [50, 60, 10]);
    assert.equal(lines.length, 20);
    assert.deepEqual(
      calls.map((call) => `${call.method} ${call.status}`),
      ['POST 201', 'PATCH 200', 'PATCH 422', 'PATCH 200'],
    );
    const completed = calls.at(-1)?.body as { status: string; conclusion: string; output: { annotations?: unknown[] } };
    assert.deepEqual([completed.status, completed.conclusion, completed.output.annotations], ['completed', 'failure', undefined]);
  });
});

test('a check run that took every annotation counts each once, however its completion goes', async () => {
  // 70 annotations: two batches (50 and 20), then the completion, which fails with 5xx past the retries.
  const fault = (times: number): Fault => ({
    method: 'PATCH',
    path: '/repos/octo/ml-stack/check-runs/',
    status: 502,
    skip: 2,
    times,
    headers: { 'retry-after': '0' },
  });
  const annotations = Array.from({ length: 70 }, (_, index) => annotation('warning', index + 1));
  await withServer({ faults: [fault(4)] }, async (client, calls) => {
    const lines: string[] = [];
    const shown = await publishAnnotations(client, annotations, RUN, (line) => lines.push(line));
    assert.deepEqual(
      shown,
      { via: 'check-run', shown: 70, notShown: 0, url: 'https://github.com/octo/ml-stack/runs/4000', name: 'compat-guard' },
      'the second try completed it',
    );
    assert.deepEqual(lines, []);
    assert.equal((calls.at(-1)?.body as { status: string }).status, 'completed');
  });
  await withServer({ faults: [fault(8)] }, async (client) => {
    const lines: string[] = [];
    const shown = await publishAnnotations(client, annotations, RUN, (line) => lines.push(line));
    assert.deepEqual([shown.via, shown.inCheckRun, shown.shown, shown.notShown], ['workflow-commands', 70, 70, 0]);
    assert.deepEqual(lines, []);
  });
});

test('workflow commands: one line per annotation; GitHub shows 10 of each severity', () => {
  const lines: string[] = [];
  const annotations = [...Array.from({ length: 11 }, (_, index) => annotation('notice', index + 1)), annotation('warning', 2)];
  assert.deepEqual(
    writeWorkflowCommands(annotations, (line) => lines.push(line)),
    { shown: 11, notShown: 1 },
  );
  assert.equal(lines.length, 12);
  assert.match(lines[11] ?? '', /^::warning file=requirements\.txt,line=2,/);
  assert.deepEqual(
    writeWorkflowCommands([], () => assert.fail('nothing to write')),
    { shown: 0, notShown: 0 },
  );
});
