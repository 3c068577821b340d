// HTTP for the index client, on the global fetch: a bounded number of requests at once, each with a
// timeout, retries of 429/5xx/network errors that honour Retry-After within a cap, redirects followed
// by hand so that credentials never leave the origin they belong to, and no request to an internal
// address for a URL the repository gave (unless allowed).

import { lookup } from 'node:dns/promises';
import { TOOL_VERSION } from '../version.js';
import { isInternalAddress, isLocalName, originOf, textWithoutCredentials, withoutCredentials } from './url.js';

export interface Credential {
  username: string;
  password: string;
}

export interface HttpOptions {
  /** Per request, body included. */
  timeoutMs: number;
  /** Retries of one request after a 429, a 5xx, a network error or a timeout. */
  retries: number;
  /** Requests in flight at once. */
  concurrency: number;
  /** The longest Retry-After honoured; an index asking for more counts as unreachable. */
  maxRetryWaitMs: number;
  /** The credential of an origin (`https://host:port`), sent to that origin only. */
  credentials: (origin: string) => Credential | undefined;
  /** Internal addresses may be fetched even for URLs the repository gave. */
  allowInternal: boolean;
  /** The wait between retries; default a timer. A seam for tests, which record the waits instead of taking them. */
  sleep?: (ms: number) => Promise<void>;
}

export interface HttpRequest {
  url: string;
  accept?: string;
  /** Sent as If-None-Match; a 304 answer comes back as it is. */
  etag?: string | null;
  /** Given by the workflow or the command line, not by the repository. */
  trusted: boolean;
  /** Bodies past this size are cut off and the request fails. */
  maxBytes?: number;
  /** An HTTP Range, e.g. `bytes=-65536`. */
  range?: string;
}

export type HttpResult =
  | { ok: true; status: number; headers: Headers; body: Buffer; url: string }
  /** `permanent`: no retry can help (the host name does not resolve, the connection is refused). */
  | { ok: false; reason: string; permanent?: boolean };

const MAX_REDIRECTS = 5;
const PERMANENT_FAILURES = new Set(['ENOTFOUND', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL']);
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export class HttpClient {
  /** Requests sent (each try and each redirect hop). */
  requests = 0;
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly refusedHosts = new Map<string, Promise<string | null>>();

  constructor(private readonly options: HttpOptions) {}

  async get(request: HttpRequest): Promise<HttpResult> {
    await this.acquire();
    try {
      return await this.follow(request);
    } finally {
      this.release();
    }
  }

  private async follow(request: HttpRequest): Promise<HttpResult> {
    let url = request.url;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const refused = request.trusted ? null : await this.refusal(url);
      if (refused) return { ok: false, reason: refused };
      const result = await this.withRetries(url, request);
      if (!result.ok) return result;
      const location = result.headers.get('location');
      if (![301, 302, 303, 307, 308].includes(result.status) || !location) return { ...result, url };
      try {
        url = new URL(location, url).href;
      } catch {
        return { ok: false, reason: `${withoutCredentials(request.url)} redirects to something that is not a URL` };
      }
    }
    return { ok: false, reason: `${withoutCredentials(request.url)} redirects more than ${MAX_REDIRECTS} times` };
  }

  private async withRetries(url: string, request: HttpRequest): Promise<HttpResult> {
    const shown = withoutCredentials(url);
    let last: string;
    for (let attempt = 0; ; attempt++) {
      let wait: number | null = null;
      const result = await this.once(url, request);
      if (result.ok && result.status !== 429 && result.status < 500) return result;
      if (result.ok) {
        last = `${shown} answered ${result.status}`;
        wait = retryAfterMs(result.headers.get('retry-after'));
        if (wait !== null && wait > this.options.maxRetryWaitMs)
          return { ok: false, reason: `${last} and asked to wait ${Math.ceil(wait / 1000)} s` };
      } else {
        last = result.reason;
        // A name that does not resolve or a port that refuses will not change in a second.
        if (result.permanent) return result;
      }
      if (attempt >= this.options.retries) return { ok: false, reason: last };
      await (this.options.sleep ?? sleep)(wait ?? 200 * 2 ** attempt);
    }
  }

  private async once(url: string, request: HttpRequest): Promise<HttpResult> {
    const headers: Record<string, string> = { 'user-agent': `compat-guard/${TOOL_VERSION}` };
    if (request.accept) headers.accept = request.accept;
    if (request.etag) headers['if-none-match'] = request.etag;
    if (request.range) headers.range = request.range;
    // Credentials are chosen by the URL's own origin: a redirect to another host gets none.
    const origin = originOf(url);
    const credential = origin ? this.options.credentials(origin) : undefined;
    if (credential) headers.authorization = `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString('base64')}`;
    this.requests++;
    const shown = withoutCredentials(url);
    try {
      const response = await fetch(withoutCredentials(url), {
        headers,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      const body = await readBody(response, request.maxBytes ?? DEFAULT_MAX_BYTES);
      if (body === null) return { ok: false, reason: `${shown} sent more than ${request.maxBytes ?? DEFAULT_MAX_BYTES} bytes` };
      return { ok: true, status: response.status, headers: response.headers, body, url };
    } catch (error) {
      const name = (error as Error)?.name;
      if (name === 'TimeoutError' || name === 'AbortError')
        return { ok: false, reason: `${shown} did not answer within ${this.options.timeoutMs / 1000} s` };
      const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
      const why = cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
      return {
        ok: false,
        reason: `${shown} could not be reached (${textWithoutCredentials(why)})`,
        permanent: PERMANENT_FAILURES.has(cause?.code ?? ''),
      };
    }
  }

  /** Why a URL the repository gave must not be fetched; null when it may. */
  private refusal(url: string): Promise<string | null> {
    if (this.options.allowInternal) return Promise.resolve(null);
    let host: string;
    try {
      host = new URL(url).hostname;
    } catch {
      return Promise.resolve(`${withoutCredentials(url)} is not a URL`);
    }
    let answer = this.refusedHosts.get(host);
    if (!answer) {
      answer = internalHost(host).then((internal) =>
        internal
          ? `${withoutCredentials(url)} is an internal address (${internal}); the repository's index URLs may not reach one unless allowed (allow-untrusted)`
          : null,
      );
      this.refusedHosts.set(host, answer);
    }
    return answer;
  }

  private async acquire(): Promise<void> {
    if (this.active < this.options.concurrency) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

/** The internal address a host name is or resolves to; null when it is public (or does not resolve: the request will say). */
async function internalHost(host: string): Promise<string | null> {
  const bare = host.startsWith('[') ? host.slice(1, -1) : host;
  if (isLocalName(bare)) return bare;
  if (isInternalAddress(bare)) return bare;
  try {
    const addresses = await lookup(bare, { all: true });
    return addresses.find((entry) => isInternalAddress(entry.address))?.address ?? null;
  } catch {
    return null;
  }
}

async function readBody(response: Response, maxBytes: number): Promise<Buffer | null> {
  if (!response.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

/** Retry-After in milliseconds: seconds, or an HTTP date; null when absent or unreadable. `now`: a seam for tests. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
