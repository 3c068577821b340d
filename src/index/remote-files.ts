// The shell of remote `-r URL` / `-c URL`: with the index checks online, each file a repository names
// by URL is fetched (once per run, through the disk cache by URL) under the index's trust rules, read
// as a requirements file, and handed to the pure rule (src/check/rules/remote-file-conflict.ts).
// Offline, on untrusted events, or for an internal address, nothing is fetched and the reader's
// "not fetched" diagnostic stands; a fetch that fails adds one notice.

import { IndexCache, PAGE_TTL_MS } from './cache.js';
import { HttpClient } from './http.js';
import { withoutCredentials } from './url.js';
import type { Diagnostic, ParseResult, RemoteInclude } from '../model.js';
import { parseRequirementsFile } from '../parse/requirements-file.js';
import { decodeText } from '../parse/text.js';
import type { RemoteFile } from '../check/rules/remote-file-conflict.js';

export interface RemoteFileOptions {
  /** CONTRACT section 6's `index` mode: `offline` fetches nothing. */
  mode: 'auto' | 'online' | 'offline' | 'required';
  /** null: no disk cache. */
  cacheDir: string | null;
  /** Where the code under check comes from when that may be a fork (its URLs are then not fetched); null: this repository. */
  untrusted: string | null;
  /** Fetch even then, internal addresses included. */
  allowUntrusted: boolean;
  /** Per request; default 15 s. */
  timeoutMs?: number;
}

export interface RemoteFilesRead {
  files: Map<string, RemoteFile>;
  /** One line each, for what could not be fetched; placed on the line that names the URL. */
  notices: Diagnostic[];
  requests: number;
  fromCache: number;
}

const MAX_REMOTE_BYTES = 32 * 1024 * 1024;

/** The repository's remote includes, each URL with the first line that names it. */
function remoteIncludes(parse: ParseResult): Map<string, { include: RemoteInclude; file: string }> {
  const byUrl = new Map<string, { include: RemoteInclude; file: string }>();
  for (const file of parse.files) {
    for (const include of file.remoteIncludes ?? []) if (!byUrl.has(include.url)) byUrl.set(include.url, { include, file: file.path });
  }
  return byUrl;
}

export async function readRemoteFiles(parse: ParseResult, options: RemoteFileOptions): Promise<RemoteFilesRead> {
  const read: RemoteFilesRead = { files: new Map(), notices: [], requests: 0, fromCache: 0 };
  const wanted = remoteIncludes(parse);
  // Untrusted code's URLs are not fetched at all: the "not fetched" diagnostic of each says so already.
  if (wanted.size === 0 || options.mode === 'offline' || (options.untrusted !== null && !options.allowUntrusted)) return read;
  const http = new HttpClient({
    timeoutMs: options.timeoutMs ?? 15_000, retries: 2, concurrency: 8, maxRetryWaitMs: 20_000,
    // Credentials are not kept with a repository's URL (parse prints it): none are sent.
    credentials: () => undefined,
    allowInternal: options.allowUntrusted,
  });
  const cache = new IndexCache(options.cacheDir);
  await Promise.all([...wanted].map(async ([url, { include, file }]) => {
    const text = await fetchText(url, http, cache, read);
    if (!text.ok) {
      const flag = include.constraint ? '-c' : '-r';
      read.notices.push({ file, line: include.line, ...(include.column === undefined ? {} : { column: include.column }), severity: 'notice', message: `${flag} ${url} could not be fetched (${text.reason}), so the pins are not checked against it` });
      return;
    }
    const parsed = parseRequirementsFile(url, text.text, { constraint: include.constraint });
    read.files.set(url, { url, requirements: parsed.file.requirements });
  }));
  read.requests = http.requests;
  return read;
}

async function fetchText(url: string, http: HttpClient, cache: IndexCache, read: RemoteFilesRead): Promise<{ ok: true; text: string } | { ok: false; reason: string }> {
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
  cache.savePage({ url, fetchedAt: Date.now(), etag: answer.headers.get('etag'), contentType: answer.headers.get('content-type'), body: decoded.text });
  return { ok: true, text: decoded.text };
}

/**
 * The parse's diagnostics without the "not fetched" of the URLs that were read, plus the notices of
 * those that could not be: a line says one thing about its URL.
 */
export function diagnosticsAfterFetch(parse: ParseResult, read: RemoteFilesRead): Diagnostic[] {
  const fetchedLines = new Set<string>();
  for (const file of parse.files) {
    for (const include of file.remoteIncludes ?? []) {
      if (read.files.has(include.url)) fetchedLines.add(`${file.path}:${include.line}:${include.constraint ? '-c' : '-r'} ${include.url}`);
    }
  }
  const notFetched = (diagnostic: Diagnostic): boolean => {
    const match = /^(-[cr]) (\S+) is a URL; not fetched/.exec(diagnostic.message);
    // The message shows the URL as pip redacts it (`user:****@`); the include keeps none.
    return match !== null && fetchedLines.has(`${diagnostic.file}:${diagnostic.line}:${match[1]} ${withoutCredentials(match[2] as string)}`);
  };
  return [...parse.diagnostics.filter((diagnostic) => !notFetched(diagnostic)), ...read.notices];
}
