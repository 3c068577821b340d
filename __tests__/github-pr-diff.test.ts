import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { ChangedFile } from '../src/github/filter.js';
import { GitHubClient } from '../src/github/http.js';
import { readPullRequestDiff, type PullRequest } from '../src/github/pr-diff.js';
import { startFakeGitHub, type FakeGitHub, type FakePullFile, type Fault } from './helpers/fake-github.js';
import { createGitRepo, type GitRepo } from './helpers/git-repo.js';

const TOKEN = 'ghs_pr_diff_test_token_c3d9';
const PINS = Array.from({ length: 20 }, (_, index) => `package-${index + 1}==1.0.${index}`);

let repo: GitRepo;
before(() => {
  repo = createGitRepo(
    {
      'requirements.txt': `${PINS.join('\n')}\n`,
      Dockerfile: 'FROM python:3.10-slim\nRUN pip install -r requirements.txt\n',
      'docker/base.txt': 'numpy==1.23.5\npandas==2.0.3\n',
      'gone.txt': 'flask==2.0.0\n',
    },
    {
      'requirements.txt': `${PINS.map((pin, index) => (index === 11 ? 'numpy==1.24.4' : pin)).join('\n')}\ntorch==2.1.0\n`,
      'docker/base.txt': null,
      'images/base.txt': 'numpy==1.23.5\npandas==2.1.4\n',
      'gone.txt': null,
      'constraints.txt': 'numpy<2\n',
    },
  );
});
after(() => repo.cleanup());

const sorted = (lines: Set<number> | undefined): number[] => [...(lines ?? [])].sort((a, b) => a - b);
const READ = new Set(['requirements.txt', 'Dockerfile', 'images/base.txt', 'constraints.txt']);

function pr(changedFiles: number | null = null): PullRequest {
  return { owner: 'octo', repo: 'ml-stack', number: 7, baseSha: repo.baseSha, headSha: repo.headSha, changedFiles };
}

async function withApi(
  files: FakePullFile[],
  body: (client: GitHubClient, server: FakeGitHub) => Promise<void>,
  mergeBase?: string,
  faults: Fault[] = [],
) {
  const server = await startFakeGitHub({
    owner: 'octo',
    repo: 'ml-stack',
    pullNumber: 7,
    files,
    token: TOKEN,
    faults,
    ...(mergeBase ? { mergeBase } : {}),
  });
  try {
    await body(new GitHubClient({ apiUrl: server.url, token: TOKEN, secondMs: 0 }), server);
  } finally {
    await server.close();
  }
}

function assertHeadLines(diff: Map<string, ChangedFile>): void {
  assert.deepEqual(sorted(diff.get('requirements.txt')?.added), [12, 21]);
  assert.deepEqual(sorted(diff.get('requirements.txt')?.context), [9, 10, 11, 13, 14, 15, 18, 19, 20]);
  assert.deepEqual(sorted(diff.get('images/base.txt')?.added), [2]);
  assert.deepEqual(sorted(diff.get('constraints.txt')?.added), [1]);
  assert.equal(diff.has('gone.txt'), false);
  assert.equal(diff.has('docker/base.txt'), false);
  assert.equal(diff.has('Dockerfile'), false);
}

test('the files API gives each file its lines under its new path; deleted files drop out', async () => {
  const files = repo.pullFiles();
  assert.ok(
    files.some((file) => file.status === 'renamed' && file.filename === 'images/base.txt' && file.previous_filename === 'docker/base.txt'),
  );
  await withApi(files, async (client, server) => {
    const read = await readPullRequestDiff(pr(), { client, workspace: os.tmpdir(), relevant: (file) => READ.has(file) });
    assert.ok(read.ok);
    assertHeadLines(read.diff);
    assert.deepEqual(read.notes, []);
    assert.equal(server.calls[0]?.query.get('per_page'), '100');
  });
});

test('a file with no patch gets its lines from git diff base...head in the workspace', async () => {
  const files = repo
    .pullFiles()
    .map(({ patch: _patch, ...file }) => (file.filename === 'requirements.txt' ? file : { ...file, patch: _patch }));
  await withApi(files, async (client) => {
    const read = await readPullRequestDiff(pr(), { client, workspace: repo.dir, relevant: (file) => READ.has(file) });
    assert.ok(read.ok);
    assertHeadLines(read.diff);
    assert.deepEqual(read.notes, ['The changed lines of requirements.txt come from git (GitHub sent no patch).']);
  });
});

test('a shallow checkout fetches the missing base commit and diffs from the merge base the API names', async () => {
  const clone = repo.shallowClone();
  assert.throws(() => repo.git('-C', clone, 'cat-file', '-e', `${repo.baseSha}^{commit}`));
  const files = repo.pullFiles().map(({ patch: _patch, ...file }) => file);
  await withApi(
    files,
    async (client, server) => {
      const read = await readPullRequestDiff(pr(), { client, workspace: clone, relevant: (file) => READ.has(file) });
      assert.ok(read.ok, read.ok ? '' : read.reason);
      assertHeadLines(read.diff);
      assert.ok(server.calls.some((call) => call.path === `/repos/octo/ml-stack/compare/${repo.baseSha}...${repo.headSha}`));
      repo.git('-C', clone, 'cat-file', '-e', `${repo.baseSha}^{commit}`);
    },
    repo.baseSha,
  );
});

test('a file list cut short (more changed files than listed) is completed from git', async () => {
  const files = repo.pullFiles().filter((file) => file.filename === 'requirements.txt');
  await withApi(files, async (client) => {
    const read = await readPullRequestDiff(pr(5), { client, workspace: repo.dir, relevant: (file) => READ.has(file) });
    assert.ok(read.ok);
    assertHeadLines(read.diff);
    assert.equal(
      read.notes[0],
      "The files API listed 1 of the pull request's 5 changed files (it lists at most 3,000); the others come from git.",
    );
  });
});

test('a files API that fails (a 404, or 500s past the retries) leaves the lines to git, and says so without the token', async () => {
  for (const [status, times] of [
    [404, 1],
    [500, 10],
  ] as const) {
    const fault: Fault = {
      method: 'GET',
      path: '/repos/octo/ml-stack/pulls/7/files',
      status,
      times,
      body: { message: `refused for ${TOKEN}` },
    };
    await withApi(
      repo.pullFiles(),
      async (client, server) => {
        const read = await readPullRequestDiff(pr(), { client, workspace: repo.dir, relevant: (file) => READ.has(file) });
        assert.ok(read.ok, String(status));
        assertHeadLines(read.diff);
        assert.match(
          read.notes[0] ?? '',
          new RegExp(
            `^Could not list the pull request's files \\(.*: ${status} refused for \\*\\*\\*\\); its changed lines come from git\\.$`,
          ),
        );
        assert.ok(!read.notes.join('\n').includes(TOKEN));
        assert.ok(
          server.calls.every((call) => call.status === status),
          'no page was listed',
        );
      },
      undefined,
      [fault],
    );
  }
});

test('without a token, git alone reads the change', async () => {
  const read = await readPullRequestDiff(pr(), { client: null, workspace: repo.dir, relevant: (file) => READ.has(file) });
  assert.ok(read.ok);
  assertHeadLines(read.diff);
});

test('when neither GitHub nor git can tell the lines, nothing is dropped', async () => {
  const notRepo = fs.mkdtempSync(path.join(os.tmpdir(), 'compat-guard-not-a-repo-'));
  try {
    const files = repo
      .pullFiles()
      .map(({ patch, ...file }) => (file.filename === 'requirements.txt' ? file : { ...file, ...(patch === undefined ? {} : { patch }) }));
    await withApi(files, async (client) => {
      const read = await readPullRequestDiff(pr(), { client, workspace: notRepo, relevant: (file) => READ.has(file) });
      assert.ok(read.ok);
      assert.equal(read.diff.get('requirements.txt')?.wholeFile, true);
      assert.equal(read.diff.get('constraints.txt')?.wholeFile, false);
      assert.match(
        read.notes[0] ?? '',
        /^GitHub sent no patch for requirements\.txt and git could not read the change \(.+\): every line of it counts as changed\.$/,
      );

      const irrelevant = await readPullRequestDiff(pr(), { client, workspace: notRepo, relevant: () => false });
      assert.ok(irrelevant.ok);
      assert.equal(irrelevant.diff.get('requirements.txt')?.wholeFile, false, 'git is not asked about files the check did not read');
    });
    const none = await readPullRequestDiff(pr(), { client: null, workspace: notRepo, relevant: () => true });
    assert.equal(none.ok, false);
  } finally {
    fs.rmSync(notRepo, { recursive: true, force: true });
  }
});

test('git runs without the token: not the github-token input, not GITHUB_TOKEN, nothing named like a secret', async () => {
  // A stand-in git first on PATH writes down the environment it was given, then runs the real git.
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'compat-guard-git-bin-'));
  const seen = path.join(bin, 'environments');
  fs.writeFileSync(path.join(bin, 'git'), `#!/bin/sh\nenv >> '${seen}'\nexec '${realGit}' "$@"\n`, { mode: 0o755 });
  const runner = {
    'INPUT_GITHUB-TOKEN': TOKEN,
    GITHUB_TOKEN: TOKEN,
    GH_ENTERPRISE_TOKEN: TOKEN,
    PATH: `${bin}${path.delimiter}${process.env.PATH}`,
  };
  const saved = Object.fromEntries(Object.keys(runner).map((name) => [name, process.env[name]]));
  Object.assign(process.env, runner);
  try {
    const read = await readPullRequestDiff(pr(), { client: null, workspace: repo.dir, relevant: (file) => READ.has(file) });
    assert.ok(read.ok);
    assertHeadLines(read.diff);
    const environments = fs.readFileSync(seen, 'utf8');
    assert.match(environments, /^GIT_TERMINAL_PROMPT=0$/m, 'git ran through the stand-in');
    assert.equal(environments.includes(TOKEN), false, 'the token reached git');
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    fs.rmSync(bin, { recursive: true, force: true });
  }
});

test('a pull request of more than 3,000 files: the API lists 3,000 in 30 pages and stops; git gives the rest', async () => {
  // Generated files first, as a vendored folder puts them: the pins come after the API's last page.
  const generated = Array.from({ length: 3000 }, (_, index): FakePullFile => ({
    filename: `assets/${index}.json`,
    status: 'added',
    additions: 1,
    deletions: 0,
    changes: 1,
    patch: '@@ -0,0 +1 @@\n+{}',
  }));
  const files = [...generated, ...repo.pullFiles()];
  await withApi(files, async (client, server) => {
    const read = await readPullRequestDiff(pr(files.length), { client, workspace: repo.dir, relevant: (file) => READ.has(file) });
    assert.ok(read.ok, read.ok ? '' : read.reason);
    assertHeadLines(read.diff);
    assert.deepEqual(sorted(read.diff.get('assets/2999.json')?.added), [1], 'what the API listed is kept');
    assert.equal(server.calls.length, 30);
    assert.deepEqual(read.notes, [
      `The files API listed 3000 of the pull request's ${files.length} changed files (it lists at most 3,000); the others come from git.`,
    ]);
  });
});
