// A fake GitHub REST API on 127.0.0.1 for tests: the pull-request files list (paginated with a Link
// header, real response shapes), the compare endpoint (merge base), check runs (POST and PATCH,
// or a 403 as a fork's read-only token gets), and the pull request's issue comments (listed with
// pages, created, edited, deleted, or a 403). Every call is recorded; faults (a 500, a 429 with
// Retry-After) can be queued for any route. Close it in an `after`/`finally`.

import { createServer, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakePullFile {
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  additions: number;
  deletions: number;
  changes: number;
  /** Left out as GitHub leaves it out for large diffs. */
  patch?: string;
  previous_filename?: string;
}

export interface Fault {
  method: string;
  /** The request path starts with this (query excluded). */
  path: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** How many requests it answers; default 1. */
  times?: number;
  /** How many matching requests it lets through first (e.g. 2: the third PATCH fails); default 0. */
  skip?: number;
}

export interface FakeGitHubOptions {
  owner: string;
  repo: string;
  pullNumber: number;
  files: FakePullFile[];
  /** The token requests must carry; others get 401. */
  token: string;
  /** `forbid`: POST check-runs answers 403, as for a fork's read-only GITHUB_TOKEN. */
  checkRuns?: 'allow' | 'forbid';
  /** What the compare endpoint names as the merge base. */
  mergeBase?: string;
  faults?: Fault[];
  /** `forbid`: creating or editing a comment answers 403, as for a token without pull-requests: write. */
  comments?: 'allow' | 'forbid';
  /** Comments the pull request already has (ids from 9000 up are given to new ones). */
  existingComments?: Array<{ id: number; body: string }>;
}

export interface FakeComment {
  id: number;
  body: string;
  html_url: string;
}

export interface RecordedCall {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
  status: number;
}

export interface FakeGitHub {
  /** The API root, e.g. `http://127.0.0.1:41234/api/v3` (GitHub Enterprise shape). */
  url: string;
  calls: RecordedCall[];
  /** The pull request's comments as they are now. */
  comments: FakeComment[];
  close(): Promise<void>;
}

const PREFIX = '/api/v3';

export async function startFakeGitHub(options: FakeGitHubOptions): Promise<FakeGitHub> {
  const calls: RecordedCall[] = [];
  const faults = (options.faults ?? []).map((fault) => ({ ...fault, left: fault.times ?? 1, toSkip: fault.skip ?? 0 }));
  let nextCheckRunId = 4000;
  const checkRuns = new Map<number, Record<string, unknown>>();
  const commentUrl = (id: number): string =>
    `https://github.com/${options.owner}/${options.repo}/pull/${options.pullNumber}#issuecomment-${id}`;
  const comments: FakeComment[] = (options.existingComments ?? []).map((comment) => ({ ...comment, html_url: commentUrl(comment.id) }));
  let nextCommentId = 9000;

  const server = createServer((request, response) => {
    void readBody(request).then((raw) => {
      const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
      const path = url.pathname.startsWith(PREFIX) ? url.pathname.slice(PREFIX.length) : url.pathname;
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : null;
      } catch {
        body = raw;
      }
      const call: RecordedCall = {
        method: request.method ?? 'GET',
        path,
        query: url.searchParams,
        headers: request.headers,
        body,
        status: 0,
      };
      calls.push(call);
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
        call.status = status;
        response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        response.end(payload === undefined ? '' : JSON.stringify(payload));
      };

      const fault = faults.find((candidate) => candidate.left > 0 && candidate.method === call.method && path.startsWith(candidate.path));
      if (fault && fault.toSkip > 0) fault.toSkip--;
      else if (fault) {
        fault.left--;
        send(fault.status, fault.body ?? { message: `fault ${fault.status}` }, fault.headers);
        return;
      }
      // GitHub takes either scheme; octokit sends `token`.
      if (request.headers.authorization !== `Bearer ${options.token}` && request.headers.authorization !== `token ${options.token}`) {
        send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
        return;
      }

      const repoPath = `/repos/${options.owner}/${options.repo}`;
      if (call.method === 'GET' && path === `${repoPath}/pulls/${options.pullNumber}/files`) {
        const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30) || 30);
        const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
        const last = Math.max(1, Math.ceil(options.files.length / perPage));
        const items = options.files.slice((page - 1) * perPage, page * perPage).map((file) => pullFileResponse(options, file));
        const link = (target: number, rel: string): string => {
          const next = new URL(url);
          next.searchParams.set('page', String(target));
          return `<${next.toString()}>; rel="${rel}"`;
        };
        const links = [];
        if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'));
        if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
        send(200, items, links.length > 0 ? { link: links.join(', ') } : {});
        return;
      }
      if (call.method === 'GET' && path.startsWith(`${repoPath}/compare/`) && options.mergeBase) {
        send(200, { status: 'ahead', merge_base_commit: { sha: options.mergeBase }, files: [] });
        return;
      }
      if (call.method === 'POST' && path === `${repoPath}/check-runs`) {
        if (options.checkRuns === 'forbid') {
          send(403, {
            message: 'Resource not accessible by integration',
            documentation_url: 'https://docs.github.com/rest/checks/runs#create-a-check-run',
            status: '403',
          });
          return;
        }
        const id = nextCheckRunId++;
        const created = checkRunResponse(url, options, id, body as Record<string, unknown>);
        checkRuns.set(id, created);
        send(201, created);
        return;
      }
      const patched = /^\/repos\/[^/]+\/[^/]+\/check-runs\/(\d+)$/.exec(path);
      if (call.method === 'PATCH' && patched && path.startsWith(repoPath)) {
        const run = checkRuns.get(Number(patched[1]));
        if (!run) {
          send(404, { message: 'Not Found' });
          return;
        }
        const annotations = ((body as { output?: { annotations?: unknown[] } })?.output?.annotations ?? []).length;
        if (annotations > 50) {
          send(422, { message: 'Validation Failed', errors: ['annotations: more than 50'] });
          return;
        }
        Object.assign(run, body);
        send(200, run);
        return;
      }
      if (path === `${repoPath}/issues/${options.pullNumber}/comments` && call.method === 'GET') {
        const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30) || 30);
        const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
        const next = new URL(url);
        next.searchParams.set('page', String(page + 1));
        const more = comments.length > page * perPage;
        send(200, comments.slice((page - 1) * perPage, page * perPage), more ? { link: `<${next.toString()}>; rel="next"` } : {});
        return;
      }
      const commentId = new RegExp(`^${repoPath}/issues/comments/(\\d+)$`).exec(path);
      const writesComment = (call.method === 'POST' && path === `${repoPath}/issues/${options.pullNumber}/comments`) || commentId !== null;
      if (writesComment && options.comments === 'forbid') {
        send(403, {
          message: 'Resource not accessible by integration',
          documentation_url: 'https://docs.github.com/rest/issues/comments',
          status: '403',
        });
        return;
      }
      if (call.method === 'POST' && path === `${repoPath}/issues/${options.pullNumber}/comments`) {
        const comment = { id: nextCommentId++, body: String((body as { body?: unknown })?.body ?? ''), html_url: '' };
        comment.html_url = commentUrl(comment.id);
        comments.push(comment);
        send(201, comment);
        return;
      }
      const existing = commentId ? comments.find((comment) => comment.id === Number(commentId[1])) : undefined;
      if (existing && call.method === 'PATCH') {
        existing.body = String((body as { body?: unknown })?.body ?? '');
        send(200, existing);
        return;
      }
      if (existing && call.method === 'DELETE') {
        comments.splice(comments.indexOf(existing), 1);
        send(204, undefined);
        return;
      }
      send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${PREFIX}`,
    calls,
    comments,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The check-run PATCH calls that carried annotations, with them. */
export function annotationBatches(calls: readonly RecordedCall[]): Array<Array<Record<string, unknown>>> {
  return calls
    .filter((call) => call.method === 'PATCH' && call.path.includes('/check-runs/'))
    .map((call) => (call.body as { output?: { annotations?: Array<Record<string, unknown>> } }).output?.annotations ?? [])
    .filter((batch) => batch.length > 0);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function pullFileResponse(options: FakeGitHubOptions, file: FakePullFile): Record<string, unknown> {
  const blob = `https://github.com/${options.owner}/${options.repo}/blob/0000000000000000000000000000000000000000/${file.filename}`;
  return {
    sha: 'bbcd538c8e72b8c175046e27cc8f907076331401',
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.changes,
    blob_url: blob,
    raw_url: blob.replace('/blob/', '/raw/'),
    contents_url: `https://api.github.com/repos/${options.owner}/${options.repo}/contents/${file.filename}?ref=0000000000000000000000000000000000000000`,
    ...(file.patch === undefined ? {} : { patch: file.patch }),
    ...(file.previous_filename === undefined ? {} : { previous_filename: file.previous_filename }),
  };
}

function checkRunResponse(url: URL, options: FakeGitHubOptions, id: number, body: Record<string, unknown>): Record<string, unknown> {
  return {
    id,
    head_sha: body.head_sha,
    node_id: `CR_kwDO${id}`,
    external_id: '',
    url: `${url.origin}${PREFIX}/repos/${options.owner}/${options.repo}/check-runs/${id}`,
    html_url: `https://github.com/${options.owner}/${options.repo}/runs/${id}`,
    details_url: body.details_url ?? null,
    status: body.status ?? 'queued',
    conclusion: null,
    started_at: '2025-01-01T00:00:00Z',
    completed_at: null,
    output: { title: null, summary: null, text: null, annotations_count: 0 },
    name: body.name,
    check_suite: { id: 5 },
    app: { id: 15368, slug: 'github-actions', name: 'GitHub Actions' },
    pull_requests: [],
  };
}
