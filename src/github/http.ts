// A small GitHub REST client on the global fetch: the base URL comes from GITHUB_API_URL (GitHub
// Enterprise Server works), pages follow the Link header, and a bounded number of retries covers
// 5xx answers, network errors and timeouts. Rate limits (429, or 403 with Retry-After or an exhausted
// x-ratelimit-remaining) wait as GitHub asks, within a bounded total wait; any other 403 is a refusal
// and is not retried. The token goes in one header and nowhere else: error messages name the method,
// the path and GitHub's message, with the token cut out should GitHub ever echo it.
// Behind a proxy (HTTPS_PROXY / HTTP_PROXY, and NO_PROXY, upper or lower case, as self-hosted runners
// set them) requests go through it: Node's own fetch ignores those variables unless NODE_USE_ENV_PROXY
// is set when node starts, which the runner does not do for an action.

import { EnvHttpProxyAgent, fetch as proxiedFetch } from 'undici';
import { TOOL_VERSION } from '../version.js';

export interface ClientOptions {
  /** e.g. `https://api.github.com`, `https://ghe.example.com/api/v3`. */
  apiUrl: string;
  /** Empty: requests go out unauthenticated. */
  token: string;
  /** Per request, body included. Default 30 s. */
  timeoutMs?: number;
  /** Retries of one request after a 5xx, a rate limit, a network error or a timeout. Default 3. */
  maxRetries?: number;
  /** All waiting (backoff and rate limits) of one client together. Default 90 s. */
  maxTotalWaitMs?: number;
  /** Injected by tests that must not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Where retries are reported (one line each). */
  log?: (line: string) => void;
  /** The proxy variables; default process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  data: T;
}

export class GitHubApiError extends Error {
  /** null when no HTTP answer came (network error, timeout). */
  readonly status: number | null;

  constructor(status: number | null, message: string) {
    super(message);
    this.name = 'GitHubApiError';
    this.status = status;
  }
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RETRIES = 3;
const DEFAULT_MAX_TOTAL_WAIT_MS = 90_000;
/** GitHub: after a secondary rate limit with no Retry-After, wait at least a minute. */
const SECONDARY_LIMIT_WAIT_MS = 60_000;
const MAX_PAGES = 100;
const MAX_ERROR_MESSAGE = 300;

export class GitHubClient {
  private readonly apiUrl: URL;
  private readonly token: string;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly log: (line: string) => void;
  private readonly fetch: (url: URL, init: RequestInit) => Promise<Response>;
  private waitLeftMs: number;

  constructor(options: ClientOptions) {
    this.apiUrl = new URL(options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/`);
    this.token = options.token;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    this.waitLeftMs = options.maxTotalWaitMs ?? DEFAULT_MAX_TOTAL_WAIT_MS;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.log = options.log ?? (() => undefined);
    this.fetch = fetchFor(options.env ?? process.env);
  }

  /** `path` is relative to the API root (`/repos/o/r/...`) or an absolute URL on the same host. */
  async request<T>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const url = this.resolve(path);
    const what = `${method} ${url.pathname}`;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await this.fetch(url, {
          method,
          headers: this.headers(body !== undefined),
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (error) {
        const reason = isTimeout(error) ? `no answer within ${this.timeoutMs / 1000} s` : `network error (${this.redact(errorText(error))})`;
        if (attempt < this.maxRetries && (await this.wait(backoffMs(attempt), `${what}: ${reason}`))) continue;
        throw new GitHubApiError(null, `${what}: ${reason}`);
      }
      if (response.ok) {
        const text = await this.readBody(response, what);
        return { status: response.status, headers: response.headers, data: (text === '' ? null : parseJson(text, what)) as T };
      }
      const message = await this.errorMessage(response, what);
      const rateWait = rateLimitWaitMs(response, message);
      if (rateWait !== null) {
        if (attempt < this.maxRetries && (await this.wait(rateWait, `${what}: rate limited (${response.status})`))) continue;
        throw new GitHubApiError(response.status, `${message} (rate limited longer than this run waits)`);
      }
      if (response.status >= 500 && attempt < this.maxRetries) {
        const retryAfter = retryAfterMs(response.headers);
        if (await this.wait(retryAfter ?? backoffMs(attempt), `${what}: ${response.status}`)) continue;
      }
      throw new GitHubApiError(response.status, message);
    }
  }

  /** Every item of a paginated list, following `Link: <...>; rel="next"` (same host only). */
  async paginate<T>(path: string, maxPages = MAX_PAGES): Promise<T[]> {
    const items: T[] = [];
    let next: string | null = path;
    for (let page = 0; next !== null && page < maxPages; page++) {
      const response: ApiResponse<unknown> = await this.request<unknown>('GET', next);
      if (!Array.isArray(response.data)) throw new GitHubApiError(response.status, `GET ${next}: expected a list`);
      items.push(...(response.data as T[]));
      next = nextPageLink(response.headers.get('link'));
    }
    return items;
  }

  private resolve(path: string): URL {
    const url = new URL(path.replace(/^\/+/, ''), this.apiUrl);
    // A Link header or a caller must never send the token to another host.
    if (url.origin !== this.apiUrl.origin) throw new GitHubApiError(null, `refusing to call ${url.origin}: not the GitHub API at ${this.apiUrl.origin}`);
    return url;
  }

  private headers(hasBody: boolean): Record<string, string> {
    const headers: Record<string, string> = {
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      'user-agent': `compat-guard/${TOOL_VERSION}`,
    };
    if (hasBody) headers['content-type'] = 'application/json';
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    return headers;
  }

  /** Sleeps `ms` when the total wait allows it; false when it does not. */
  private async wait(ms: number, why: string): Promise<boolean> {
    if (ms > this.waitLeftMs) return false;
    this.waitLeftMs -= ms;
    this.log(`${why}; retrying in ${Math.ceil(ms / 1000)} s`);
    await this.sleep(ms);
    return true;
  }

  private async readBody(response: Response, what: string): Promise<string> {
    try {
      return await response.text();
    } catch (error) {
      throw new GitHubApiError(response.status, `${what}: the answer broke off (${this.redact(errorText(error))})`);
    }
  }

  private async errorMessage(response: Response, what: string): Promise<string> {
    let detail = '';
    try {
      const text = await response.text();
      const parsed = JSON.parse(text) as { message?: unknown };
      detail = typeof parsed.message === 'string' ? parsed.message : text;
    } catch {
      // No JSON: the status says enough.
    }
    detail = this.redact(detail).replace(/\s+/g, ' ').trim().slice(0, MAX_ERROR_MESSAGE);
    return `${what}: ${response.status}${detail ? ` ${detail}` : ''}`;
  }

  private redact(text: string): string {
    return this.token ? text.split(this.token).join('***') : text;
  }
}

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

/**
 * Node's fetch, or undici's with an agent that reads the proxy variables (and NO_PROXY) when one is
 * set. undici's own fetch goes with undici's agent: the two are one package's parts.
 */
function fetchFor(env: NodeJS.ProcessEnv): (url: URL, init: RequestInit) => Promise<Response> {
  if (!PROXY_VARIABLES.some((name) => env[name])) return (url, init) => fetch(url, init);
  const dispatcher = new EnvHttpProxyAgent({
    httpProxy: env.HTTP_PROXY || env.http_proxy || undefined,
    httpsProxy: env.HTTPS_PROXY || env.https_proxy || undefined,
    noProxy: env.NO_PROXY ?? env.no_proxy,
  });
  return (url, init) => proxiedFetch(url, { ...(init as Parameters<typeof proxiedFetch>[1]), dispatcher }) as unknown as Promise<Response>;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new GitHubApiError(null, `${what}: the answer is not JSON`);
  }
}

/**
 * How long GitHub asks us to wait, or null when the answer is no rate limit: 429 always is; 403 is
 * when it says so (Retry-After, an exhausted quota, or the secondary-limit message).
 */
function rateLimitWaitMs(response: Response, message: string): number | null {
  if (response.status !== 429 && response.status !== 403) return null;
  const retryAfter = retryAfterMs(response.headers);
  if (retryAfter !== null) return retryAfter;
  if (response.headers.get('x-ratelimit-remaining') === '0') {
    const reset = Number(response.headers.get('x-ratelimit-reset'));
    if (Number.isFinite(reset) && reset > 0) return Math.max(1000, reset * 1000 - Date.now());
  }
  if (response.status === 429 || /secondary rate limit/i.test(message)) return SECONDARY_LIMIT_WAIT_MS;
  return null;
}

/** Retry-After in seconds (GitHub's form) or an HTTP date. */
function retryAfterMs(headers: Headers): number | null {
  const value = headers.get('retry-after');
  if (value === null) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

/** 1 s, 2 s, 4 s, ... */
function backoffMs(attempt: number): number {
  return 1000 * 2 ** attempt;
}

/** The `rel="next"` URL of a Link header, read without a regular expression over the whole header. */
export function nextPageLink(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(',')) {
    const [target, ...params] = part.split(';');
    const url = target?.trim();
    if (!url?.startsWith('<') || !url.endsWith('>')) continue;
    if (params.some(isRelNext)) return url.slice(1, -1);
  }
  return null;
}

/** `rel="next"`, `rel=next`, `rel="next last"`. */
function isRelNext(param: string): boolean {
  const [key, value] = param.split('=', 2);
  if (key?.trim().toLowerCase() !== 'rel' || value === undefined) return false;
  return value.trim().replace(/^"|"$/g, '').split(/\s+/).includes('next');
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}
