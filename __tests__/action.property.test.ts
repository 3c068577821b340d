// The action's shell under random conditions a runner can produce, in this process: event payloads of
// every event type, whole, damaged or unreadable; action inputs with odd whitespace, case, newlines and
// unknown values; pull-request file lists over many pages, with renamed, removed and binary files, files
// without a patch and patches with unusual hunks; annotations through a check run that GitHub refuses
// part of the way. Nothing throws; a payload is trusted only when it says its code is the repository's
// own; an input is read as given or refused in one line naming it; every file keeps the lines its patch
// changes; every annotation goes out exactly once. action-run.property.test.ts runs the whole action.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as core from '@actions/core';
import fc from 'fast-check';
import { ANNOTATIONS_PER_REQUEST, publishAnnotations, type Annotation, type CheckRunRequest } from '../src/github/checks.js';
import { readEvent } from '../src/github/event.js';
import { GitHubClient } from '../src/github/http.js';
import { readInputs } from '../src/github/inputs.js';
import { readPullRequestDiff } from '../src/github/pr-diff.js';
import type { Finding, Severity } from '../src/model.js';
import { ownAnchor, printable } from '../src/report/finding-counts.js';
import {
  eventName,
  FIXTURE_BASE,
  FIXTURE_HEAD,
  fileBytes,
  isOneLine,
  namesPullRequest,
  parsedPayload,
  payloadFile,
  PULL_REQUEST_EVENTS,
  trustedByPayload,
} from './helpers/event-payloads.js';
import { startFakeGitHub, type Fault, type FakePullFile, type RecordedCall } from './helpers/fake-github.js';

const PULL_FILES_PATH = '/repos/octo/ml-stack/pulls/7/files';
const CHECK_RUNS_PATH = '/repos/octo/ml-stack/check-runs';

describe('event payloads', () => {
  let folder: string;
  before(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'compat-guard-events-'));
  });
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('any payload of any event reads without throwing; only a payload that names the same head and base repositories is trusted', () => {
    const scenario = eventName.chain((name) =>
      fc.record({ name: fc.constant(name), file: payloadFile(name), repository: fc.constantFrom('octo/ml-stack', '', 'octo', 'a/b/c') }),
    );
    fc.assert(
      fc.property(scenario, ({ name, file, repository }) => {
        const eventPath = path.join(folder, 'event.json');
        fs.rmSync(eventPath, { force: true });
        const bytes = fileBytes(file);
        if (bytes !== null) fs.writeFileSync(eventPath, bytes);
        const { event, note } = readEvent({
          GITHUB_EVENT_NAME: name,
          GITHUB_EVENT_PATH: eventPath,
          GITHUB_REPOSITORY: repository,
          GITHUB_SHA: FIXTURE_HEAD,
        });

        assert.equal(event.name, name);
        const payload = parsedPayload(file);
        assert.equal(event.untrusted === null, trustedByPayload(name, payload, repository), `untrusted: ${event.untrusted}`);
        // It may quote the payload (a repository name); whatever shows it makes it printable.
        if (event.untrusted !== null)
          assert.match(event.untrusted, /^code (from|that may come from) /, 'it reads as what the runtime check would run');
        const named = namesPullRequest(payload, repository);
        assert.equal(event.kind === 'pull_request', PULL_REQUEST_EVENTS.includes(name) && named);
        if (event.kind === 'pull_request') {
          assert.equal(typeof event.pr.number, 'number');
          assert.ok(event.pr.owner !== '' && event.pr.repo !== '' && !event.pr.owner.includes('/') && !event.pr.repo.includes('/'));
        }
        // A pull-request event that is not one says so (every finding is then in scope); so does a workflow run that cannot be read.
        assert.equal(note !== null, PULL_REQUEST_EVENTS.includes(name) ? !named : name === 'workflow_run' && payload === undefined);
        if (note !== null) assert.ok(isOneLine(note), note);
      }),
      { numRuns: 1500 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// Action inputs, as the runner sets them and core.getInput reads them

const INPUT_NAMES = [
  'paths',
  'matrix',
  'profile',
  'fail-on',
  'annotate',
  'github-token',
  'report-file',
  'sarif-file',
  'runtime-check',
  'python',
  'runtime-image',
  'require-gpu',
  'allow-untrusted',
] as const;
const ENUMS: Record<string, readonly string[]> = {
  'fail-on': ['error', 'warning', 'notice', 'never'],
  annotate: ['added', 'diff_context', 'file', 'nofilter', 'none'],
};
const FLAGS = ['runtime-check', 'require-gpu', 'allow-untrusted'];
const BOOLEANS: Readonly<Record<string, boolean>> = {
  '': false,
  false: false,
  False: false,
  FALSE: false,
  true: true,
  True: true,
  TRUE: true,
};

const padding = fc.constantFrom('', ' ', '  ', '\t', '\n', '\r\n', ' \n ', '\u00a0');
const inputValue = (name: string): fc.Arbitrary<string> => {
  const words = [...(ENUMS[name] ?? []), ...(FLAGS.includes(name) ? ['true', 'false', 'True', 'FALSE', 'yes', 'on', '1'] : [])];
  const body = fc.oneof(
    fc.constantFrom('', ...words, ...words.map((word) => word.toUpperCase()), 'diff-context', 'errors'),
    fc.constantFrom('requirements.txt', 'out/report.json', 'a\nb', 'a,b', ' , ', 'x'.repeat(5000), 'é/ü.txt', 'error\u202e'),
    fc.string({ maxLength: 20 }),
  );
  return fc.tuple(padding, body, padding).map(([before, value, after]) => `${before}${value}${after}`);
};

/** What core.getInput gives: trimmed. */
const given = (raw: string): string => raw.trim();

describe('action inputs', () => {
  it('every combination is a configuration that says what it was given, or one short line naming a wrong input', () => {
    const where = { cwd: '/home/runner/work/ml-stack/ml-stack', runnerTemp: '/home/runner/work/_temp' };
    const inputs = fc.record(
      Object.fromEntries(INPUT_NAMES.map((name) => [name, fc.option(inputValue(name), { nil: undefined })])) as Record<
        (typeof INPUT_NAMES)[number],
        fc.Arbitrary<string | undefined>
      >,
    );
    fc.assert(
      fc.property(inputs, (values) => {
        const variables = INPUT_NAMES.map((name) => `INPUT_${name.toUpperCase()}`);
        const saved = variables.map((variable) => process.env[variable]);
        INPUT_NAMES.forEach((name, index) => {
          const value = values[name];
          if (value === undefined) delete process.env[variables[index] as string];
          else process.env[variables[index] as string] = value;
        });
        let read: ReturnType<typeof readInputs>;
        try {
          read = readInputs((name) => core.getInput(name), where);
        } finally {
          variables.forEach((variable, index) => {
            if (saved[index] === undefined) delete process.env[variable];
            else process.env[variable] = saved[index];
          });
        }

        const value = (name: string): string => given((values as Record<string, string | undefined>)[name] ?? '');
        const wrong = new Set<string>();
        for (const [name, accepted] of Object.entries(ENUMS)) if (value(name) !== '' && !accepted.includes(value(name))) wrong.add(name);
        for (const name of FLAGS) if (!Object.hasOwn(BOOLEANS, value(name))) wrong.add(name);
        const reportFile = path.resolve(where.cwd, value('report-file') || path.join(where.runnerTemp, 'compat-guard.json'));
        const sarifFile = value('sarif-file') === '' ? null : path.resolve(where.cwd, value('sarif-file'));
        if (wrong.size === 0 && sarifFile === reportFile) wrong.add('report-file').add('sarif-file');

        if (!read.ok) {
          assert.ok(wrong.size > 0, read.error);
          assert.ok(isOneLine(read.error) && printable(read.error) === read.error, read.error);
          // A wrong value is quoted short; only paths (the same file for both reports) are given whole.
          if (read.error.includes('must be one of')) assert.ok(read.error.length <= 300, read.error);
          const named = /^Inputs? '([^']+)'/.exec(read.error)?.[1] ?? '';
          assert.ok(wrong.has(named), `${read.error} names ${named}, not one of ${[...wrong].join(', ')}`);
          return;
        }
        assert.equal(wrong.size, 0, [...wrong].join(', '));
        const { inputs: config } = read;
        assert.equal(config.failOn, value('fail-on') || 'error');
        assert.equal(config.annotate, value('annotate') || 'added');
        assert.equal(config.runtimeCheck, BOOLEANS[value('runtime-check')]);
        assert.equal(config.requireGpu, BOOLEANS[value('require-gpu')]);
        assert.equal(config.allowUntrusted, BOOLEANS[value('allow-untrusted')]);
        assert.equal(config.token, value('github-token'));
        assert.equal(config.reportFile, reportFile);
        assert.equal(config.sarifFile, sarifFile);
        assert.equal(config.python, value('python') || undefined);
        assert.deepEqual(
          config.paths,
          value('paths')
            .split(/[\n,]/)
            .map((item) => item.trim())
            .filter((item) => item !== ''),
        );
        for (const item of config.paths) assert.ok(item !== '' && item === item.trim() && !item.includes('\n'));
      }),
      { numRuns: 1500 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// Pull-request file lists from the API

/** One line of a hunk: context, added, removed. */
type HunkLine = { op: ' ' | '+' | '-'; text: string };

/** A file's patch as a model (the new-file lines it adds and shows) and as GitHub writes it. */
interface PatchModel {
  patch: string;
  added: number[];
  context: number[];
}

const lineText = fc.oneof(
  fc.constantFrom(
    'torch==2.1.0',
    'numpy==1.26.4',
    '',
    '# comment',
    '+++ b/x',
    '--- a/x',
    '@@ -1 +1 @@',
    'diff --git a/x b/x',
    '\\t',
    ' lead',
  ),
  fc.string({ maxLength: 12 }).map((text) => text.replace(/[\n]/g, '')),
);
const hunk = fc.array(fc.record({ op: fc.constantFrom<HunkLine['op']>(' ', ' ', '+', '-'), text: lineText }), { maxLength: 8 });

/**
 * Hunks rendered as GitHub does (a section heading after the header, counts left out when 1), with what
 * real diffs hold: `\ No newline at end of file`, CRLF content, hunks of deletions only or additions
 * only, hunks that are all context.
 */
function renderPatch(hunks: HunkLine[][], quirks: { crlf: boolean; noNewlineAtEnd: boolean; heading: string }): PatchModel {
  const lines: string[] = [];
  const added: number[] = [];
  const context: number[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (const [index, body] of hunks.entries()) {
    oldLine += 2;
    newLine += 2;
    const oldCount = body.filter((line) => line.op !== '+').length;
    const newCount = body.filter((line) => line.op !== '-').length;
    // A side with no lines starts before its first line, as git writes it.
    const range = (start: number, count: number): string => (count === 1 ? `${start}` : `${count === 0 ? start - 1 : start},${count}`);
    lines.push(`@@ -${range(oldLine, oldCount)} +${range(newLine, newCount)} @@${index === 0 ? quirks.heading : ''}`);
    for (const line of body) {
      lines.push(`${line.op}${line.text}${quirks.crlf ? '\r' : ''}`);
      if (line.op === '+') added.push(newLine);
      if (line.op === ' ') context.push(newLine);
      if (line.op !== '+') oldLine++;
      if (line.op !== '-') newLine++;
    }
  }
  if (quirks.noNewlineAtEnd && lines.length > 0) lines.push('\\ No newline at end of file');
  return { patch: lines.join('\n'), added, context };
}

interface ListedFile {
  file: FakePullFile;
  model: PatchModel | null;
}

const listedFile = (index: number): fc.Arbitrary<ListedFile> =>
  fc
    .record({
      folder: fc.constantFrom('', 'docker/', 'envs/gpu stack/', 'réqs/', 'a,b/'),
      extension: fc.constantFrom('.txt', '.toml', '', '.bin', '.png'),
      status: fc.constantFrom<FakePullFile['status']>(
        'added',
        'modified',
        'modified',
        'renamed',
        'removed',
        'copied',
        'changed',
        'unchanged',
      ),
      hunks: fc.array(hunk, { maxLength: 3 }),
      quirks: fc.record({ crlf: fc.boolean(), noNewlineAtEnd: fc.boolean(), heading: fc.constantFrom('', ' torch==2.1.0', ' @@ x') }),
      // GitHub leaves the patch out of binary files and of diffs too large to show.
      withoutPatch: fc.boolean(),
      changes: fc.constantFrom(0, 3, 20_000),
    })
    .map(({ folder, extension, status, hunks, quirks, withoutPatch, changes }) => {
      const filename = `${folder}file-${index}${extension}`;
      const model = withoutPatch ? null : renderPatch(hunks, quirks);
      const file: FakePullFile = {
        filename,
        status,
        additions: model?.added.length ?? 0,
        deletions: 0,
        changes: model ? model.added.length : changes,
        ...(model ? { patch: model.patch } : {}),
        ...(status === 'renamed' ? { previous_filename: `old/${filename}` } : {}),
      };
      return { file, model };
    });

const sorted = (lines: Iterable<number>): number[] => [...new Set(lines)].sort((a, b) => a - b);

describe('pull-request file lists', () => {
  const TOKEN = 'ghs_PullFilesProperty0123456789abcdefgh';
  let notRepo: string;
  before(() => {
    notRepo = fs.mkdtempSync(path.join(os.tmpdir(), 'compat-guard-not-a-repo-'));
  });
  after(() => fs.rmSync(notRepo, { recursive: true, force: true }));

  it("every page is read; each file gets its patch's lines under its new name; what cannot be read counts as changed everywhere", async () => {
    const scenario = fc.record({
      files: fc.integer({ min: 0, max: 260 }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, index) => listedFile(index)))),
      relevantEvery: fc.constantFrom(1, 2, 3),
      fault: fc.option(
        fc.record({
          status: fc.constantFrom(500, 502, 429, 404),
          times: fc.integer({ min: 1, max: 5 }),
          skip: fc.integer({ min: 0, max: 2 }),
        }),
        { nil: undefined },
      ),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ files, relevantEvery, fault }) => {
        const faults: Fault[] = fault
          ? [
              {
                method: 'GET',
                path: PULL_FILES_PATH,
                status: fault.status,
                times: fault.times,
                skip: fault.skip,
                // GitHub's 429 is a secondary rate limit, and says so; octokit reads a Retry-After of 0 as none (60 s).
                headers: { 'retry-after': fault.status === 429 ? '1' : '0' },
                body: { message: fault.status === 429 ? `You have exceeded a secondary rate limit (${TOKEN})` : `no answer for ${TOKEN}` },
              },
            ]
          : [];
        const server = await startFakeGitHub({
          owner: 'octo',
          repo: 'ml-stack',
          pullNumber: 7,
          files: files.map((entry) => entry.file),
          token: TOKEN,
          faults,
        });
        try {
          const client = new GitHubClient({ apiUrl: server.url, token: TOKEN, secondMs: 0 });
          const relevant = (file: string): boolean => Number(/file-(\d+)/.exec(file)?.[1] ?? 0) % relevantEvery === 0;
          const read = await readPullRequestDiff(
            { owner: 'octo', repo: 'ml-stack', number: 7, baseSha: FIXTURE_BASE, headSha: FIXTURE_HEAD, changedFiles: files.length },
            { client, workspace: notRepo, relevant },
          );
          const pages = Math.max(1, Math.ceil(files.length / 100));
          const listCalls = server.calls.filter((call) => call.path === PULL_FILES_PATH);
          // A 404 is final; 5xx and rate limits are retried 3 times on each page.
          const pagesFailed = fault !== undefined && fault.skip < pages && (fault.status === 404 || fault.times > 3);

          if (pagesFailed) {
            assert.equal(read.ok, false, 'without the list, git (not a repository here) cannot tell the lines');
            if (!read.ok) {
              assert.match(
                read.reason,
                /^Could not list the pull request's files \(.+\); its changed lines come from git\. git diff failed too: /,
              );
              assert.ok(isOneLine(read.reason) && !read.reason.includes(TOKEN), read.reason);
            }
            return;
          }
          assert.ok(read.ok, read.ok ? '' : read.reason);
          assert.equal(listCalls.filter((call) => call.status === 200).length, pages);
          const kept = files.filter((entry) => entry.file.status !== 'removed');
          assert.deepEqual(
            sorted([...read.diff.keys()].map((name) => Number(/file-(\d+)/.exec(name)?.[1]))),
            sorted(kept.map((entry) => Number(/file-(\d+)/.exec(entry.file.filename)?.[1]))),
          );
          for (const { file, model } of kept) {
            const changed = read.diff.get(file.filename);
            assert.ok(changed, file.filename);
            if (model) {
              assert.deepEqual(sorted(changed.added), sorted(model.added), `${file.filename}\n${model.patch}`);
              assert.deepEqual(sorted(changed.context), sorted(model.context), `${file.filename}\n${model.patch}`);
              assert.equal(changed.wholeFile, false);
            } else {
              // Without a patch and without git, a file the check read is changed on every line.
              assert.equal(changed.wholeFile, relevant(file.filename) && (file.status === 'added' || file.changes > 0), file.filename);
            }
          }
          for (const note of read.notes) assert.ok(isOneLine(note) && !note.includes(TOKEN), note);
        } finally {
          await server.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// Annotations through a check run, or workflow commands

function annotationAt(index: number, severity: Severity): Annotation {
  const line = index + 1;
  const finding: Finding = {
    rule: 'pin-outside-profile',
    severity,
    message: `pin ${index} is outside the profile`,
    file: index % 3 === 0 ? 'requirements.txt' : 'envs/gpu stack/requirements,cuda.txt',
    line,
    column: 1,
    endLine: line,
    endColumn: 13,
    package: 'numpy',
    fix: null,
  };
  return { finding, anchor: ownAnchor(finding) as NonNullable<ReturnType<typeof ownAnchor>> };
}

/** Annotations the check run accepted, in order. */
function acceptedAnnotations(calls: readonly RecordedCall[]): Array<{ message: string; start_line: number }> {
  return calls
    .filter((call) => call.method === 'PATCH' && call.status === 200)
    .flatMap(
      (call) => (call.body as { output?: { annotations?: Array<{ message: string; start_line: number }> } }).output?.annotations ?? [],
    );
}

describe('annotations', () => {
  const TOKEN = 'ghs_AnnotationsProperty0123456789abcdef';
  const RUN: CheckRunRequest = {
    name: 'compat-guard',
    owner: 'octo',
    repo: 'ml-stack',
    headSha: FIXTURE_HEAD,
    conclusion: 'failure',
    title: 'compat-guard',
    summary: 'summary',
  };

  it('each annotation goes out once: in batches of at most 50 to the check run, the rest as workflow commands; the count of those GitHub hides is right', async () => {
    const scenario = fc.record({
      severities: fc.array(fc.constantFrom<Severity>('error', 'warning', 'notice'), { maxLength: 180 }),
      checkRuns: fc.constantFrom<'allow' | 'forbid'>('allow', 'allow', 'forbid'),
      fault: fc.option(
        fc.record({
          method: fc.constantFrom('POST', 'PATCH'),
          status: fc.constantFrom(500, 422, 404, 403),
          times: fc.integer({ min: 1, max: 5 }),
          skip: fc.integer({ min: 0, max: 4 }),
        }),
        { nil: undefined },
      ),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ severities, checkRuns, fault }) => {
        const faults: Fault[] = fault
          ? [{ ...fault, path: CHECK_RUNS_PATH, headers: { 'retry-after': '0' }, body: { message: `refused with ${TOKEN}` } }]
          : [];
        const server = await startFakeGitHub({
          owner: 'octo',
          repo: 'ml-stack',
          pullNumber: 7,
          files: [],
          token: TOKEN,
          checkRuns,
          faults,
        });
        try {
          const client = new GitHubClient({ apiUrl: server.url, token: TOKEN, secondMs: 0 });
          const annotations = severities.map((severity, index) => annotationAt(index, severity));
          const written: string[] = [];
          const shown = await publishAnnotations(client, annotations, RUN, (line) => written.push(line));

          const accepted = acceptedAnnotations(server.calls);
          const batches = server.calls
            .filter((call) => call.method === 'PATCH')
            .map((call) => (call.body as { output?: { annotations?: unknown[] } }).output?.annotations?.length ?? 0);
          assert.ok(
            batches.every((size) => size <= ANNOTATIONS_PER_REQUEST),
            batches.join(' '),
          );
          // Every annotation once: the check run took a prefix, the workflow commands the rest.
          assert.deepEqual(
            [
              ...accepted.map((annotation) => annotation.message.split('\n')[0]),
              ...written.map((line) => line.slice(line.lastIndexOf('::') + 2).split('%0A')[0]),
            ],
            annotations.map(({ finding }) => finding.message),
          );
          if (shown.via === 'check-run') {
            assert.deepEqual([shown.shown, shown.notShown, written.length], [annotations.length, 0, 0]);
          } else {
            assert.equal(shown.shown + shown.notShown, annotations.length);
            const commands = annotations.slice(accepted.length);
            const hidden = (['error', 'warning', 'notice'] as const).reduce(
              (sum, severity) => sum + Math.max(0, commands.filter(({ finding }) => finding.severity === severity).length - 10),
              0,
            );
            assert.equal(shown.notShown, hidden);
            assert.ok(isOneLine(shown.reason ?? '') && !(shown.reason ?? '').includes(TOKEN), shown.reason ?? '');
          }
          // A check run, once created, is never left in progress when GitHub answers again.
          const created = server.calls.some((call) => call.method === 'POST' && call.status === 201);
          const lastPatch = server.calls.filter((call) => call.method === 'PATCH' && call.status === 200).at(-1)?.body as
            { status?: string } | undefined;
          const answersAgain = !fault || fault.method !== 'PATCH' || fault.times === 1;
          if (created && answersAgain)
            assert.equal(lastPatch?.status, 'completed', JSON.stringify(server.calls.map((call) => `${call.method} ${call.status}`)));
        } finally {
          await server.close();
        }
      }),
      { numRuns: 80 },
    );
  });
});
