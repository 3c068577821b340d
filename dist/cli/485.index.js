export const id = 485;
export const ids = [485];
export const modules = {

/***/ 2485:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HttpClient: () => (/* binding */ HttpClient),
/* harmony export */   retryAfterMs: () => (/* binding */ retryAfterMs)
/* harmony export */ });
/* harmony import */ var node_dns_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1553);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1294);
/* harmony import */ var _url_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(576);
// HTTP for the index client, on the global fetch: a bounded number of requests at once, each with a
// timeout, retries of 429/5xx/network errors that honour Retry-After within a cap, redirects followed
// by hand so that credentials never leave the origin they belong to, and no request to an internal
// address for a URL the repository gave (unless allowed).



const MAX_REDIRECTS = 5;
const PERMANENT_FAILURES = new Set(['ENOTFOUND', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL']);
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
class HttpClient {
    options;
    /** Requests sent (each try and each redirect hop). */
    requests = 0;
    active = 0;
    waiting = [];
    refusedHosts = new Map();
    constructor(options) {
        this.options = options;
    }
    async get(request) {
        await this.acquire();
        try {
            return await this.follow(request);
        }
        finally {
            this.release();
        }
    }
    async follow(request) {
        let url = request.url;
        for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
            const refused = request.trusted ? null : await this.refusal(url);
            if (refused)
                return { ok: false, reason: refused };
            const result = await this.withRetries(url, request);
            if (!result.ok)
                return result;
            const location = result.headers.get('location');
            if (![301, 302, 303, 307, 308].includes(result.status) || !location)
                return { ...result, url };
            try {
                url = new URL(location, url).href;
            }
            catch {
                return { ok: false, reason: `${(0,_url_js__WEBPACK_IMPORTED_MODULE_1__/* .withoutCredentials */ .ri)(request.url)} redirects to something that is not a URL` };
            }
        }
        return { ok: false, reason: `${(0,_url_js__WEBPACK_IMPORTED_MODULE_1__/* .withoutCredentials */ .ri)(request.url)} redirects more than ${MAX_REDIRECTS} times` };
    }
    async withRetries(url, request) {
        const shown = (0,_url_js__WEBPACK_IMPORTED_MODULE_1__/* .withoutCredentials */ .ri)(url);
        let last;
        for (let attempt = 0;; attempt++) {
            let wait = null;
            const result = await this.once(url, request);
            if (result.ok && result.status !== 429 && result.status < 500)
                return result;
            if (result.ok) {
                last = `${shown} answered ${result.status}`;
                wait = retryAfterMs(result.headers.get('retry-after'));
                if (wait !== null && wait > this.options.maxRetryWaitMs)
                    return { ok: false, reason: `${last} and asked to wait ${Math.ceil(wait / 1000)} s` };
            }
            else {
                last = result.reason;
                // A name that does not resolve or a port that refuses will not change in a second.
                if (result.permanent)
                    return result;
            }
            if (attempt >= this.options.retries)
                return { ok: false, reason: last };
            await (this.options.sleep ?? sleep)(wait ?? 200 * 2 ** attempt);
        }
    }
    async once(url, request) {
        const headers = { 'user-agent': `compat-guard/${_version_js__WEBPACK_IMPORTED_MODULE_2__/* .TOOL_VERSION */ .w}` };
        if (request.accept)
            headers.accept = request.accept;
        if (request.etag)
            headers['if-none-match'] = request.etag;
        if (request.range)
            headers.range = request.range;
        // Credentials are chosen by the URL's own origin: a redirect to another host gets none.
        const origin = (0,_url_js__WEBPACK_IMPORTED_MODULE_1__/* .originOf */ .yv)(url);
        const credential = origin ? this.options.credentials(origin) : undefined;
        if (credential)
            headers.authorization = `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString('base64')}`;
        this.requests++;
        const shown = (0,_url_js__WEBPACK_IMPORTED_MODULE_1__/* .withoutCredentials */ .ri)(url);
        try {
            const response = await fetch((0,_url_js__WEBPACK_IMPORTED_MODULE_1__/* .withoutCredentials */ .ri)(url), {
                headers,
                redirect: 'manual',
                signal: AbortSignal.timeout(this.options.timeoutMs),
            });
            const body = await readBody(response, request.maxBytes ?? DEFAULT_MAX_BYTES);
            if (body === null)
                return { ok: false, reason: `${shown} sent more than ${request.maxBytes ?? DEFAULT_MAX_BYTES} bytes` };
            return { ok: true, status: response.status, headers: response.headers, body, url };
        }
        catch (error) {
            const name = error?.name;
            if (name === 'TimeoutError' || name === 'AbortError')
                return { ok: false, reason: `${shown} did not answer within ${this.options.timeoutMs / 1000} s` };
            const cause = error?.cause;
            const why = cause?.code ?? cause?.message ?? error?.message ?? String(error);
            return {
                ok: false,
                reason: `${shown} could not be reached (${(0,_url_js__WEBPACK_IMPORTED_MODULE_1__/* .textWithoutCredentials */ .Af)(why)})`,
                permanent: PERMANENT_FAILURES.has(cause?.code ?? ''),
            };
        }
    }
    /** Why a URL the repository gave must not be fetched; null when it may. */
    refusal(url) {
        if (this.options.allowInternal)
            return Promise.resolve(null);
        let host;
        try {
            host = new URL(url).hostname;
        }
        catch {
            return Promise.resolve(`${(0,_url_js__WEBPACK_IMPORTED_MODULE_1__/* .withoutCredentials */ .ri)(url)} is not a URL`);
        }
        let answer = this.refusedHosts.get(host);
        if (!answer) {
            answer = internalHost(host).then((internal) => internal
                ? `${(0,_url_js__WEBPACK_IMPORTED_MODULE_1__/* .withoutCredentials */ .ri)(url)} is an internal address (${internal}); the repository's index URLs may not reach one unless allowed (allow-untrusted)`
                : null);
            this.refusedHosts.set(host, answer);
        }
        return answer;
    }
    async acquire() {
        if (this.active < this.options.concurrency) {
            this.active++;
            return;
        }
        await new Promise((resolve) => this.waiting.push(resolve));
    }
    release() {
        const next = this.waiting.shift();
        if (next)
            next();
        else
            this.active--;
    }
}
/** The internal address a host name is or resolves to; null when it is public (or does not resolve: the request will say). */
async function internalHost(host) {
    const bare = host.startsWith('[') ? host.slice(1, -1) : host;
    if ((0,_url_js__WEBPACK_IMPORTED_MODULE_1__/* .isLocalName */ .Hy)(bare))
        return bare;
    if ((0,_url_js__WEBPACK_IMPORTED_MODULE_1__/* .isInternalAddress */ .Kk)(bare))
        return bare;
    try {
        const addresses = await (0,node_dns_promises__WEBPACK_IMPORTED_MODULE_0__.lookup)(bare, { all: true });
        return addresses.find((entry) => (0,_url_js__WEBPACK_IMPORTED_MODULE_1__/* .isInternalAddress */ .Kk)(entry.address))?.address ?? null;
    }
    catch {
        return null;
    }
}
async function readBody(response, maxBytes) {
    if (!response.body)
        return Buffer.alloc(0);
    const chunks = [];
    let size = 0;
    const reader = response.body.getReader();
    for (;;) {
        const { done, value } = await reader.read();
        if (done)
            break;
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
function retryAfterMs(value, now = Date.now()) {
    if (value === null)
        return null;
    const trimmed = value.trim();
    if (/^\d+$/.test(trimmed))
        return Number(trimmed) * 1000;
    const date = Date.parse(trimmed);
    return Number.isNaN(date) ? null : Math.max(0, date - now);
}
function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}


/***/ })

};
