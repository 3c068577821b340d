// The GitHub REST client: octokit, composed as @actions/github composes it (@octokit/core with
// pagination, the proxy from @actions/http-client), plus @octokit/plugin-retry and
// @octokit/plugin-throttling, so that retries, secondary rate limits, Retry-After and GHES behave as
// they do for every other action. The base URL comes from GITHUB_API_URL (GitHub Enterprise Server
// works). Behind a proxy (HTTPS_PROXY / HTTP_PROXY and NO_PROXY, upper or lower case, as self-hosted
// runners set them) requests go through it: @actions/http-client reads those variables, where Node's
// own fetch ignores them unless NODE_USE_ENV_PROXY is set when node starts.
// @actions/github itself is not imported: loading it parses GITHUB_EVENT_PATH with a bare JSON.parse
// (a stack trace on a malformed payload, which src/github/event.ts reports as a diagnostic instead)
// and prints a line of its own when the file is missing.
// The token goes in one header and nowhere else: never to another host (a Link header cannot lead
// it away), and error messages name the method, the path and GitHub's message, with the token cut out
// should GitHub ever echo it. Only the action loads this module; the CLI never does.

import { HttpClient } from '@actions/http-client';
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck';
import { fetch as undiciFetch } from 'undici';
import { TOOL_VERSION } from '../version.js';

export interface ClientOptions {
  /** e.g. `https://api.github.com`, `https://ghe.example.com/api/v3`. */
  apiUrl: string;
  /** Empty: requests go out unauthenticated. */
  token: string;
  // The action takes the defaults of the next three; tests set them to reach timeouts, retries and rate-limit waits quickly.
  /** Per request, body included. Default 30 s. */
  timeoutMs?: number;
  /** Retries of one request after a 5xx, a rate limit, a network error or a timeout. Default 3. */
  maxRetries?: number;
  /** The longest rate-limit wait (Retry-After, x-ratelimit-reset) taken, all together. Default 90 s. */
  maxTotalWaitMs?: number;
  /**
   * How long one second of octokit's waits lasts (Retry-After, the retry backoff of 1, 4, 9 s, the
   * spacing of writes). Default 1000, or COMPAT_GUARD_TEST_SECOND_MS: tests shrink it so that they do
   * not sleep, the action's own tests (a child process) through that variable.
   */
  secondMs?: number;
  /** Where rate-limit waits are reported (one line each). */
  log?: (line: string) => void;
}

export interface ApiResponse<T> {
  status: number;
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
const MAX_PAGES = 100;
const HEADERS = { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' };
const MAX_ERROR_MESSAGE = 300;

const GitHubOctokit = Octokit.plugin(paginateRest, retry, throttling);
type GitHubOctokit = InstanceType<typeof GitHubOctokit>;

/** octokit.paginate on a route object, with the map function that may stop it early (it runs before the next page is asked for). */
type Paginate<T> = (
  route: object,
  map: (response: { status: number; headers: { link?: string }; data: unknown }, done: () => void) => T[],
) => Promise<T[]>;

/** What octokit's RequestError carries that the messages use. */
interface OctokitError {
  status?: number;
  message: string;
  response?: { data?: unknown };
  cause?: unknown;
}

export class GitHubClient {
  private readonly apiUrl: URL;
  private readonly token: string;
  private readonly timeoutMs: number;
  private readonly octokit: GitHubOctokit;
  private waitLeftMs: number;
  /** The path of the last request whose rate-limit wait the budget refused, for its error message. */
  private refusedWait: string | null = null;

  constructor(options: ClientOptions) {
    this.apiUrl = new URL(options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/`);
    this.token = options.token;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.waitLeftMs = options.maxTotalWaitMs ?? DEFAULT_MAX_TOTAL_WAIT_MS;
    const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    const secondMs = options.secondMs ?? secondFromEnv();
    const log = options.log ?? (() => undefined);
    // A rate limit is waited out when the run's wait budget allows it, up to maxRetries times.
    const onLimit = (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
      // octokit hands over the route relative to the API root (request), or the whole URL (paginate).
      const path = new URL(request.url.replace(/^\/+/, ''), this.apiUrl).pathname;
      const ms = retryAfter * 1000;
      if (retryCount >= maxRetries) return false;
      if (ms > this.waitLeftMs) {
        this.refusedWait = path;
        return false;
      }
      this.waitLeftMs -= ms;
      log(`${request.method} ${path}: rate limited; retrying in ${retryAfter} s`);
      return true;
    };
    this.octokit = new GitHubOctokit({
      auth: this.token || undefined,
      baseUrl: this.apiUrl.href.replace(/\/$/, ''),
      userAgent: `compat-guard/${TOOL_VERSION}`,
      request: { fetch: this.fetchFor(this.apiUrl, log) },
      // A 429 is a rate limit, waited out by the throttling plugin as Retry-After says, not retried blind.
      retry: { retries: maxRetries, retryAfterBaseValue: secondMs, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
      throttle: {
        retryAfterBaseValue: secondMs,
        onRateLimit: onLimit,
        onSecondaryRateLimit: onLimit,
        // octokit's own groups space writes 1 s apart and are shared by every client of the process;
        // these are this client's, on the same spacing in its seconds.
        write: new Bottleneck.Group({ maxConcurrent: 1, minTime: secondMs }),
        notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 3 * secondMs }),
      },
      log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    });
  }

  /** `path` is relative to the API root (`/repos/o/r/...`). */
  async request<T>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const url = this.resolve(path);
    try {
      const response = await this.octokit.request({ method, url: relative(path), data: body, headers: HEADERS });
      return { status: response.status, data: (response.data === '' ? null : response.data) as T };
    } catch (error) {
      throw this.apiError(`${method} ${url.pathname}`, error);
    }
  }

  /** Every item of a paginated list, following the Link header, at most `maxPages` pages. */
  async paginate<T>(path: string, maxPages = MAX_PAGES): Promise<T[]> {
    const url = this.resolve(path);
    let pages = 0;
    try {
      const paginate = this.octokit.paginate as unknown as Paginate<T>;
      return await paginate({ method: 'GET', url: relative(path), headers: HEADERS }, (response, done) => {
        if (!Array.isArray(response.data)) throw new GitHubApiError(response.status, `GET ${url.pathname}: expected a list`);
        // Refused here, before octokit follows it (the fetch refuses it too, but as a retried failure).
        const next = /<([^<>]+)>;\s*rel="next"/.exec(response.headers.link ?? '')?.[1];
        if (next !== undefined) this.sameHost(new URL(next, this.apiUrl));
        if (++pages >= maxPages) done();
        return response.data as T[];
      });
    } catch (error) {
      throw error instanceof GitHubApiError ? error : this.apiError(`GET ${url.pathname}`, error);
    }
  }

  private resolve(path: string): URL {
    const url = new URL(path.replace(/^\/+/, ''), this.apiUrl);
    this.sameHost(url);
    return url;
  }

  /** A caller or a Link header must never send the token to another host. */
  private sameHost(url: URL): void {
    if (url.origin !== this.apiUrl.origin)
      throw new GitHubApiError(null, `refusing to call ${url.origin}: not the GitHub API at ${this.apiUrl.origin}`);
  }

  /**
   * undici's fetch through @actions/http-client's proxy dispatcher (none when no proxy variable
   * applies to the API's host), with a timeout per request, refusing other hosts. Each 5xx answer and
   * each request that got none is logged: octokit's retry plugin retries them silently.
   */
  private fetchFor(apiUrl: URL, log: (line: string) => void): typeof fetch {
    const dispatcher = new HttpClient().getAgentDispatcher(apiUrl.href);
    return (async (input: string | URL, init?: RequestInit) => {
      const url = new URL(String(input));
      this.sameHost(url);
      const what = `${init?.method ?? 'GET'} ${url.pathname}`;
      const timeout = AbortSignal.timeout(this.timeoutMs);
      const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
      try {
        const response = await undiciFetch(url, { ...(init as Parameters<typeof undiciFetch>[1]), signal, dispatcher });
        if (response.status >= 500) log(`${what}: ${response.status}`);
        return response;
      } catch (error) {
        log(
          `${what}: ${isTimeout(error) ? `no answer within ${this.timeoutMs / 1000} s` : `network error (${this.redact(errorText(error))})`}`,
        );
        throw error;
      }
    }) as unknown as typeof fetch;
  }

  private apiError(what: string, error: unknown): GitHubApiError {
    if (error instanceof GitHubApiError) return error;
    const failure = error as OctokitError;
    if (failure.response === undefined) {
      const cause = failure.cause;
      const reason =
        isTimeout(cause) || isTimeout(error)
          ? `no answer within ${this.timeoutMs / 1000} s`
          : `network error (${this.redact(errorText(error))})`;
      return new GitHubApiError(null, `${what}: ${reason}`);
    }
    const data = failure.response.data as { message?: unknown } | string | undefined;
    let detail =
      typeof data === 'object' && data !== null && typeof data.message === 'string' ? data.message : typeof data === 'string' ? data : '';
    detail = this.redact(detail).replace(/\s+/g, ' ').trim().slice(0, MAX_ERROR_MESSAGE);
    const refused = this.refusedWait !== null && what.endsWith(` ${this.refusedWait}`);
    if (refused) this.refusedWait = null;
    return new GitHubApiError(
      failure.status ?? null,
      `${what}: ${failure.status}${detail ? ` ${detail}` : ''}${refused ? ' (rate limited longer than this run waits)' : ''}`,
    );
  }

  private redact(text: string): string {
    return this.token ? text.split(this.token).join('***') : text;
  }
}

function secondFromEnv(): number {
  const ms = Number(process.env.COMPAT_GUARD_TEST_SECOND_MS || 1000);
  return Number.isFinite(ms) && ms >= 0 ? ms : 1000;
}

/** Relative to the API root, as octokit's routes are (its throttling recognises them so). */
function relative(path: string): string {
  return `/${path.replace(/^\/+/, '')}`;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === 'TimeoutError';
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause instanceof Error && !error.message.includes(cause.message) ? `${error.message}: ${cause.message}` : error.message;
}
