// The shell of remote `-r URL` / `-c URL`: with the index checks online, each file a repository names
// by URL is fetched (once per run, through the disk cache by URL) under the index's trust rules, read
// as a requirements file, and handed to the pure rule (src/check/rules/remote-file-conflict.ts).
// Offline, on untrusted events, or for an internal address, nothing is fetched and the reader's
// "not fetched" diagnostic stands, saying why.

import { IndexCache, PAGE_TTL_MS } from './cache.js';
import { HttpClient } from './http.js';
import type { IndexMode } from './options.js';
import { withoutCredentials } from './url.js';
import type { Diagnostic, ParseResult, RemoteInclude } from '../model.js';
import { parseRequirementsFile } from '../parse/requirements/reader.js';
import { decodeText } from '../parse/text.js';
import type { RemoteFile } from '../check/rules/remote-file-conflict.js';

/** The index options (src/engine.ts) this reads. */
export interface RemoteFileOptions {
  /** CONTRACT section 6's `index` mode: `offline` fetches nothing. */
  mode: IndexMode;
  /** null: no disk cache. */
  cacheDir: string | null;
  /** Where the code under check comes from when that may be a fork (its URLs are then not fetched); null: this repository. */
  untrusted?: string | null;
  /** Fetch even then, internal addresses included. */
  allowUntrusted?: boolean;
}

export interface RemoteFilesRead {
  files: Map<string, RemoteFile>;
  /** Why each URL that was not read was not (offline, untrusted code, a failed request). */
  notRead: Map<string, string>;
  requests: number;
  fromCache: number;
}

const MAX_REMOTE_BYTES = 32 * 1024 * 1024;

/** The repository's remote includes, each URL with the first that names it (whose -c or -r says how pip reads it). */
function remoteIncludes(parse: ParseResult): Map<string, RemoteInclude> {
  const byUrl = new Map<string, RemoteInclude>();
  for (const file of parse.files) {
    for (const include of file.remoteIncludes ?? []) if (!byUrl.has(include.url)) byUrl.set(include.url, include);
  }
  return byUrl;
}

export async function readRemoteFiles(parse: ParseResult, options: RemoteFileOptions): Promise<RemoteFilesRead> {
  const read: RemoteFilesRead = { files: new Map(), notRead: new Map(), requests: 0, fromCache: 0 };
  const wanted = remoteIncludes(parse);
  const allowUntrusted = options.allowUntrusted ?? false;
  const skipped =
    options.mode === 'offline'
      ? 'index offline'
      : options.untrusted != null && !allowUntrusted
        ? `it would fetch a URL given by ${options.untrusted}; allow-untrusted allows it`
        : null;
  if (skipped !== null) for (const url of wanted.keys()) read.notRead.set(url, skipped);
  if (wanted.size === 0 || skipped !== null) return read;
  const http = new HttpClient({
    timeoutMs: 15_000,
    retries: 2,
    concurrency: 8,
    maxRetryWaitMs: 20_000,
    // Credentials are not kept with a repository's URL (parse prints it): none are sent.
    credentials: () => undefined,
    allowInternal: allowUntrusted,
  });
  const cache = new IndexCache(options.cacheDir);
  await Promise.all(
    [...wanted].map(async ([url, include]) => {
      const text = await fetchText(url, http, cache, read);
      if (!text.ok) {
        read.notRead.set(url, `fetching it failed: ${text.reason}`);
        return;
      }
      const parsed = parseRequirementsFile(url, text.text, { constraint: include.constraint });
      read.files.set(url, { url, requirements: parsed.file.requirements });
    }),
  );
  read.requests = http.requests;
  return read;
}

async function fetchText(
  url: string,
  http: HttpClient,
  cache: IndexCache,
  read: RemoteFilesRead,
): Promise<{ ok: true; text: string } | { ok: false; reason: string }> {
  const cached = cache.page(url);
  if (cached !== null && Date.now() - cached.fetchedAt < PAGE_TTL_MS) {
    read.fromCache++;
    return { ok: true, text: cached.body };
  }
  const answer = await http.get({ url, trusted: false, maxBytes: MAX_REMOTE_BYTES, etag: cached?.etag ?? null });
  if (!answer.ok) return answer;
  if (answer.status === 304 && cached !== null) {
    cache.savePage({ ...cached, fetchedAt: Date.now() });
    read.fromCache++;
    return { ok: true, text: cached.body };
  }
  if (answer.status !== 200) return { ok: false, reason: `it answered ${answer.status}` };
  const decoded = decodeText(answer.body, 'constraints');
  if (!decoded.ok) return { ok: false, reason: decoded.message };
  cache.savePage({
    url,
    fetchedAt: Date.now(),
    etag: answer.headers.get('etag'),
    contentType: answer.headers.get('content-type'),
    body: decoded.text,
  });
  return { ok: true, text: decoded.text };
}

/**
 * The parse's diagnostics with each "not fetched" of a remote include settled: gone for a URL that
 * was read, saying why for one that was not. A line says one thing about its URL.
 */
export function diagnosticsAfterFetch(parse: ParseResult, read: RemoteFilesRead): Diagnostic[] {
  const includeLines = new Set<string>();
  for (const file of parse.files) {
    for (const include of file.remoteIncludes ?? []) includeLines.add(`${file.path}:${include.line}:${include.url}`);
  }
  return parse.diagnostics.flatMap((diagnostic) => {
    const match = /^-[cr] (\S+) is a URL; not fetched/.exec(diagnostic.message);
    // The message shows the URL as pip redacts it (`user:****@`); the include keeps none.
    const url = match === null ? null : withoutCredentials(match[1] as string);
    if (url === null || !includeLines.has(`${diagnostic.file}:${diagnostic.line}:${url}`)) return [diagnostic];
    if (read.files.has(url)) return [];
    const why = read.notRead.get(url);
    return why === undefined ? [diagnostic] : [{ ...diagnostic, message: `${diagnostic.message} (${why})` }];
  });
}
