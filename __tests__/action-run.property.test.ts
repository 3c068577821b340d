// The whole action under random conditions a runner can produce, spawned as a runner starts it (the
// compiled sources, lib/src/index.js): an event of every type with a whole, damaged or unreadable
// payload; inputs right and wrong; a GitHub that pages the file list, drops a patch, refuses check runs
// or fails part of the way. The run ends in a verdict, never a stack trace; every finding stays in the
// report, the summary and SARIF whatever becomes of the annotations; annotations fall only on lines the
// pull request changed (as `annotate` says); the runtime check never runs code that may come from a fork
// unless allow-untrusted, and never through a shell; the token is nowhere but in the API's
// authorization header: not in the log, the summary, the outputs, the reports, git's or the
// interpreter's environment.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { runCheck } from '../src/engine.js';
import { ANNOTATIONS_PER_REQUEST } from '../src/github/checks.js';
import type { Severity } from '../src/model.js';
import { isAtOrAbove, type FailOn } from '../src/report/fail.js';
import {
  assertTokenNowhere,
  describeRun,
  failureLines,
  runActionProcess,
  STACK_FRAME,
  type ActionProcessRun,
} from './helpers/action-process.js';
import {
  eventName,
  field,
  fileBytes,
  namesPullRequest,
  parsedPayload,
  payloadFile,
  PULL_REQUEST_EVENTS,
  trustedByPayload,
  withChangedFiles,
  type PayloadFile,
} from './helpers/event-payloads.js';
import { annotationBatches, startFakeGitHub, type Fault, type FakePullFile, type RecordedCall } from './helpers/fake-github.js';
import { createGitRepo, type GitRepo } from './helpers/git-repo.js';
import { temporaryFolder, writeExecutable } from './helpers/python-env.js';

const ENTRY = fileURLToPath(new URL('../src/index.js', import.meta.url));
const PULL_FILES_PATH = '/repos/octo/ml-stack/pulls/7/files';
const CHECK_RUNS_PATH = '/repos/octo/ml-stack/check-runs';

/** Tokens as GitHub issues them: an installation token, a fine-grained personal one. */
const token = fc.oneof(
  fc
    .string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'), minLength: 36, maxLength: 36 })
    .map((rest) => `ghs_${rest}`),
  fc
    .string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_'), minLength: 82, maxLength: 82 })
    .map((rest) => `github_pat_${rest}`),
);

// The base commit pins a stack the head commit breaks: numpy 2 under torch 2.1 (line 3), two lines pip
// rejects (6, 7) and a new file pinning a torchvision of another torch. The CUDA tag in the Dockerfile
// never existed: a finding on a line the pull request does not touch. A file is deleted, one renamed.
const BASE_TREE = {
  'requirements.txt': '# training stack\ntorch==2.1.0\nnumpy==1.26.4\npandas==2.0.3\nscipy==1.11.4\n',
  Dockerfile:
    'FROM nvidia/cuda:12.1-devel-ubuntu20.04\nCOPY requirements.txt /app/requirements.txt\nRUN pip install -r /app/requirements.txt\n',
  'constraints.txt': 'numpy<2\n',
  'docs/guide.md': '# Guide\n',
};
const HEAD_CHANGES = {
  'requirements.txt': '# training stack\ntorch==2.1.0\nnumpy==2.0.0\npandas==2.0.3\nscipy==1.11.4\nbadpkg==1.0 ;;\notherbad==2 ;;\n',
  'requirements-dev.txt': '-r requirements.txt\ntorchvision==0.15.2\n',
  'constraints.txt': null,
  'docs/guide.md': null,
  'docs/manual.md': '# Guide\n',
};
/** The lines the head adds, and the context lines git shows around them (3 each side). */
const ADDED_LINES: Record<string, number[]> = { 'requirements.txt': [3, 6, 7], 'requirements-dev.txt': [1, 2] };
const CONTEXT_LINES: Record<string, number[]> = { 'requirements.txt': [1, 2, 4, 5] };

type AnnotateInput = '' | 'added' | 'diff_context' | 'file' | 'nofilter' | 'none' | ' added\n' | 'Added';
interface ActionScenario {
  name: string;
  file: PayloadFile;
  token: string;
  inputs: {
    annotate: AnnotateInput;
    'fail-on': string;
    token: 'given' | 'padded' | 'none';
    'runtime-check': string;
    'allow-untrusted': string;
    sarif: boolean;
  };
  api: { checkRuns: 'allow' | 'forbid'; faults: Fault[]; dropPatch: boolean; extraFiles: number; cutShort: boolean };
}

const valid = <T>(good: readonly T[], bad: T): fc.Arbitrary<T> =>
  fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...good) }, { weight: 1, arbitrary: fc.constant(bad) });
const FAULTS: Fault[] = [
  { method: 'GET', path: PULL_FILES_PATH, status: 500, times: 4, headers: { 'retry-after': '0' } },
  { method: 'GET', path: PULL_FILES_PATH, status: 404, skip: 1 },
  { method: 'POST', path: CHECK_RUNS_PATH, status: 500, times: 2, headers: { 'retry-after': '0' } },
  { method: 'POST', path: CHECK_RUNS_PATH, status: 403, body: { message: 'Resource not accessible by integration' } },
  { method: 'PATCH', path: CHECK_RUNS_PATH, status: 422, body: { message: 'Validation Failed' } },
];

const actionScenario = (head: string, base: string): fc.Arbitrary<ActionScenario> =>
  eventName.chain((name) =>
    fc.record({
      name: fc.constant(name),
      file: payloadFile(name, head, base),
      token,
      inputs: fc.record({
        annotate: valid<AnnotateInput>(['', 'added', 'diff_context', 'file', 'nofilter', 'none', ' added\n'], 'Added'),
        'fail-on': valid(['', 'error', 'warning', 'never'], 'errors'),
        token: fc.constantFrom<'given' | 'padded' | 'none'>('given', 'given', 'padded', 'none'),
        'runtime-check': fc.constantFrom('', 'false', 'true', 'True'),
        'allow-untrusted': valid(['', 'false', 'true'], 'yes'),
        sarif: fc.boolean(),
      }),
      api: fc.record({
        checkRuns: fc.constantFrom<'allow' | 'forbid'>('allow', 'allow', 'forbid'),
        faults: fc.subarray(FAULTS, { maxLength: 2 }),
        dropPatch: fc.boolean(),
        extraFiles: fc.constantFrom(0, 0, 150),
        cutShort: fc.boolean(),
      }),
    }),
  );

/** A workflow command's property value as written (`%2C` for a comma...). */
const unescapeProperty = (value: string): string =>
  value.replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');

/** Where annotations fell: accepted by the check run, and written as workflow commands. */
function annotationPlaces(run: ActionProcessRun, calls: readonly RecordedCall[]): Array<{ file: string; line: number | null }> {
  const checkRun = calls
    .filter((call) => call.method === 'PATCH' && call.status === 200)
    .flatMap((call) => (call.body as { output?: { annotations?: Array<{ path: string; start_line: number }> } }).output?.annotations ?? [])
    .map((annotation) => ({ file: annotation.path, line: annotation.start_line }));
  const commands = run.stdout
    .split('\n')
    .filter((line) => /^::(error|warning|notice) file=/.test(line))
    .map((line) => {
      const properties = Object.fromEntries(
        (/^::\w+ ([^:]*)::/.exec(line)?.[1] ?? '').split(',').map((pair) => pair.split('=', 2) as [string, string]),
      );
      return { file: unescapeProperty(properties.file ?? ''), line: properties.line === undefined ? null : Number(properties.line) };
    });
  return [...checkRun, ...commands];
}

interface ReportFinding {
  rule: string;
  severity: Severity;
  message: string;
  file: string | null;
  line: number | null;
  inDiff: boolean | null;
  origin: string;
}

const findingKey = (finding: Pick<ReportFinding, 'rule' | 'file' | 'line' | 'message'>): string =>
  `${finding.rule} ${finding.file}:${finding.line} ${finding.message}`;

describe('the action, spawned', () => {
  let repo: GitRepo;
  let tools: string;
  let baseline: string[];
  before(async () => {
    repo = createGitRepo(BASE_TREE, HEAD_CHANGES);
    tools = temporaryFolder('compat-guard-action-tools-');
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    // Stand-ins that write down how they were started: git then runs; the interpreter fails as a broken one would.
    writeExecutable(path.join(tools, 'git'), `#!/bin/sh\nenv >> '${path.join(tools, 'git.log')}'\nexec '${realGit}' "$@"\n`);
    writeExecutable(
      path.join(tools, 'python'),
      `#!/bin/sh\n{ echo "argument=$1"; echo "parent=$(cat /proc/$PPID/comm)"; env; } >> '${path.join(tools, 'python.log')}'\nexit 3\n`,
    );
    const checked = await runCheck({ root: repo.dir, paths: [] });
    assert.ok(checked.ok);
    baseline = checked.result.findings.map(findingKey).sort();
    assert.ok(
      checked.result.findings.some((finding) => finding.file === 'Dockerfile'),
      'a finding outside the change',
    );
  });
  after(() => repo.cleanup());

  it('ends in a verdict, not a trace; keeps every finding; annotates only the change; runs no fork code; shows the token nowhere', async () => {
    await fc.assert(
      fc.asyncProperty(actionScenario(repo.headSha, repo.baseSha), async (scenario) => {
        for (const log of ['git.log', 'python.log', 'compat.sarif']) fs.rmSync(path.join(tools, log), { force: true });
        const listed = [
          ...repo
            .pullFiles()
            .map(({ patch, ...file }) =>
              scenario.api.dropPatch && file.filename === 'requirements.txt'
                ? file
                : { ...file, ...(patch === undefined ? {} : { patch }) },
            ),
          ...Array.from({ length: scenario.api.extraFiles }, (_, index): FakePullFile => ({
            filename: `docs/page-${index}.md`,
            status: 'added',
            additions: 1,
            deletions: 0,
            changes: 1,
            patch: '@@ -0,0 +1 @@\n+x',
          })),
        ];
        const file = withChangedFiles(scenario.file, listed.length + (scenario.api.cutShort ? 40 : 0));
        const server = await startFakeGitHub({
          owner: 'octo',
          repo: 'ml-stack',
          pullNumber: 7,
          files: listed,
          token: scenario.token,
          checkRuns: scenario.api.checkRuns,
          mergeBase: repo.baseSha,
          faults: scenario.api.faults,
        });
        let run: ActionProcessRun;
        try {
          const { inputs } = scenario;
          run = await runActionProcess({
            entry: ENTRY,
            workspace: repo.dir,
            eventName: scenario.name,
            event: fileBytes(file),
            inputs: {
              annotate: inputs.annotate,
              'fail-on': inputs['fail-on'],
              'github-token': inputs.token === 'none' ? '' : inputs.token === 'padded' ? ` ${scenario.token}\n` : scenario.token,
              'runtime-check': inputs['runtime-check'],
              'allow-untrusted': inputs['allow-untrusted'],
              python: path.join(tools, 'python'),
              'sarif-file': inputs.sarif ? path.join(tools, 'compat.sarif') : '',
            },
            apiUrl: server.url,
            sha: repo.headSha,
            env: { PATH: `${tools}${path.delimiter}${process.env.PATH}`, GITHUB_TOKEN: scenario.token },
          });
        } finally {
          await server.close();
        }
        const context = `${JSON.stringify({ ...scenario, file: 'json' in file ? file.json : String(file.raw) }).slice(0, 3000)}\n${describeRun(run)}`;
        const logs = Object.fromEntries(
          ['git.log', 'python.log'].map((log) => [
            log,
            fs.existsSync(path.join(tools, log)) ? fs.readFileSync(path.join(tools, log), 'utf8') : '',
          ]),
        );
        assertTokenNowhere(run, scenario.token, logs);
        assert.doesNotMatch(run.stdout + run.stderr, STACK_FRAME, context);
        assert.equal(run.stderr, '', context);

        const { inputs } = scenario;
        const wrongInput = [
          ['fail-on', 'errors'],
          ['annotate', 'Added'],
          ['allow-untrusted', 'yes'],
        ].find(([name, bad]) => inputs[name as 'fail-on'] === bad);
        if (wrongInput) {
          assert.equal(run.code, 1, context);
          assert.deepEqual(
            failureLines(run.stdout).map((line) => line.slice(0, `::error::Input '${wrongInput[0]}'`.length)),
            [`::error::Input '${wrongInput[0]}'`],
            context,
          );
          assert.equal(server.calls.length, 0, context);
          assert.equal(logs['python.log'], '');
          return;
        }

        // A verdict: passed, or failed with one line.
        assert.ok(run.code === 0 || run.code === 1, context);
        const verdict = failureLines(run.stdout);
        assert.equal(verdict.length, run.code, context);
        for (const line of verdict)
          assert.match(
            line,
            /^::error::compat-guard: \d+ findings? (in this change )?at or above fail-on (error|warning|notice) \(.+\); see the job summary\.$/,
            context,
          );

        // Every finding kept, counted and listed, whatever became of the annotations.
        assert.ok(run.report !== null, context);
        const report = JSON.parse(run.report) as { findings: ReportFinding[]; runtime: { status: string; reason?: string } | null };
        assert.deepEqual(
          report.findings
            .filter((finding) => finding.origin === 'static')
            .map(findingKey)
            .sort(),
          baseline,
          context,
        );
        assert.equal(Number(run.outputs.findings), report.findings.length);
        assert.equal(run.summary.match(/^\| (🔴 error|🟡 warning|🔵 notice) \|/gm)?.length ?? 0, report.findings.length, context);
        if (inputs.sarif) {
          // Code scanning takes results of a file only: the others are the run's notifications.
          const sarif = JSON.parse(run.sarif ?? '{}') as {
            runs: Array<{ results: unknown[]; invocations: Array<{ toolExecutionNotifications: unknown[] }> }>;
          };
          const [sarifRun] = sarif.runs;
          assert.equal(sarifRun?.results.length, report.findings.filter((finding) => finding.file !== null).length, context);
          assert.equal(
            sarifRun?.invocations[0]?.toolExecutionNotifications.length,
            report.findings.filter((finding) => finding.file === null).length,
            context,
          );
        }
        const failOn = (inputs['fail-on'] || 'error') as FailOn;
        const failing = report.findings.filter((finding) => finding.inDiff === true && isAtOrAbove(finding.severity, failOn));
        assert.equal(run.code, failing.length > 0 ? 1 : 0, context);

        // The runtime check: started without a shell, by node, without the token; never on code that may come from a fork.
        const payload = parsedPayload(file);
        const runtimeCheck = inputs['runtime-check'] === 'true' || inputs['runtime-check'] === 'True';
        const mayRun = runtimeCheck && (inputs['allow-untrusted'] === 'true' || trustedByPayload(scenario.name, payload, 'octo/ml-stack'));
        assert.equal(logs['python.log'] !== '', mayRun, context);
        // The parent is node itself (its main thread's name), not a shell.
        if (mayRun)
          assert.match(
            logs['python.log'] ?? '',
            /^argument=-c\nparent=(node|MainThread)\n/,
            'the interpreter is started by node, with -c, not through a shell',
          );
        if (runtimeCheck && !mayRun)
          assert.match(
            report.runtime?.reason ?? '',
            /^refused: it would run code (from|that may come from) .+ on this runner \(set allow-untrusted: true to run it anyway\)$/,
            context,
          );

        // Annotations: none when turned off; otherwise each finding in the change once, on a line the change adds (or shows, or touches).
        const annotate = inputs.annotate.trim() || 'added';
        const places = annotationPlaces(run, server.calls);
        const patches = server.calls
          .filter((call) => call.method === 'PATCH')
          .map((call) => (call.body as { output?: { annotations?: unknown[] } }).output?.annotations?.length ?? 0);
        assert.ok(
          patches.every((size) => size <= ANNOTATIONS_PER_REQUEST),
          context,
        );
        // In scope: the pull request's changes when the event names one whose lines the API or git can tell.
        const scoped = /^\*\*Scope:\*\* pull request #/m.test(run.summary);
        const pullRequest = PULL_REQUEST_EVENTS.includes(scenario.name) && namesPullRequest(payload, 'octo/ml-stack');
        if (scoped) assert.ok(pullRequest, context);
        const commits = [field(payload, 'pull_request', 'base', 'sha'), field(payload, 'pull_request', 'head', 'sha')];
        if (pullRequest && commits[0] === repo.baseSha && commits[1] === repo.headSha)
          assert.ok(scoped, `git can tell the lines: ${context}`);
        if (annotate === 'none') {
          assert.deepEqual(places, [], context);
          // The check run still exists (a required check needs it), with no annotations.
          // (A POST the API refused with 5xx is retried: only the ones it took count.)
          assert.ok(
            server.calls.filter((call) => call.method === 'POST' && call.path === CHECK_RUNS_PATH && call.status < 300).length <= 1,
            context,
          );
          assert.equal(annotationBatches(server.calls).length, 0, context);
          return;
        }
        assert.equal(places.length, report.findings.filter((finding) => finding.inDiff === true && finding.file !== null).length, context);
        if (!scoped) return;
        for (const place of places) {
          const allowed =
            annotate === 'nofilter' ||
            (annotate === 'file' && place.file in ADDED_LINES) ||
            (place.line !== null && (ADDED_LINES[place.file] ?? []).includes(place.line)) ||
            (annotate === 'diff_context' && place.line !== null && (CONTEXT_LINES[place.file] ?? []).includes(place.line));
          assert.ok(allowed, `annotated ${place.file}:${place.line} under annotate: ${annotate}\n${context}`);
        }
      }),
      { numRuns: 12 },
    );
  });
});
