export const id = 537;
export const ids = [537,485];
export const modules = {

/***/ 7431:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Y: () => (/* binding */ PAGE_TTL_MS),
/* harmony export */   d: () => (/* binding */ IndexCache)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_module__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8995);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
// The index cache on disk: metadata files are immutable (kept by URL and hash, forever), project
// pages change (kept with their ETag, fresh for a short time, then asked again with If-None-Match).
// A cache that cannot be read or written is no cache: the run goes on without it.



/** How long a page is used without asking the index again. */
const PAGE_TTL_MS = 10 * 60 * 1000;
class IndexCache {
    folder;
    /**
     * Whether each kind's folder (`pages`, `metadata`) exists, looked at on the kind's first read. Where
     * it does not, nothing of the kind is cached, which is known without naming the file: a file is named
     * by the SHA-256 of its key, and loading node:crypto for that is a sizeable part of a small check's
     * start-up with an empty cache.
     */
    kindFolders = new Map();
    constructor(folder) {
        this.folder = folder;
    }
    page(url) {
        const text = this.read('pages', url);
        if (text === null)
            return null;
        try {
            const page = JSON.parse(text);
            return page.url === url && typeof page.body === 'string' ? page : null;
        }
        catch {
            return null;
        }
    }
    savePage(page) {
        this.write('pages', page.url, JSON.stringify(page));
    }
    /** `identity` is the file's URL and hash: a URL whose file changed is another entry. */
    metadata(identity) {
        return this.read('metadata', identity);
    }
    saveMetadata(identity, text) {
        this.write('metadata', identity, text);
    }
    fileOf(kind, key) {
        return this.folder === null ? null : node_path__WEBPACK_IMPORTED_MODULE_2__.join(this.folder, kind, sha256(key));
    }
    holdsNothing(kind) {
        if (this.folder === null)
            return true;
        let exists = this.kindFolders.get(kind);
        if (exists === undefined) {
            exists = node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync(node_path__WEBPACK_IMPORTED_MODULE_2__.join(this.folder, kind));
            this.kindFolders.set(kind, exists);
        }
        return !exists;
    }
    read(kind, key) {
        if (this.holdsNothing(kind))
            return null;
        const file = this.fileOf(kind, key);
        if (file === null)
            return null;
        try {
            return node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync(file, 'utf8');
        }
        catch {
            return null;
        }
    }
    write(kind, key, text) {
        const file = this.fileOf(kind, key);
        if (file === null)
            return;
        this.kindFolders.set(kind, true);
        try {
            node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync(node_path__WEBPACK_IMPORTED_MODULE_2__.dirname(file), { recursive: true });
            // Written whole, then renamed: a run that stops half-way leaves no half file for the next.
            const temporary = `${file}.${process.pid}.tmp`;
            node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync(temporary, text);
            node_fs__WEBPACK_IMPORTED_MODULE_0__.renameSync(temporary, file);
        }
        catch {
            // An unwritable cache costs the next run requests, nothing else.
        }
    }
}
/** The key's SHA-256 in hex; node:crypto is loaded on the first file named, not with this module. */
function sha256(key) {
    const { createHash } = (0,node_module__WEBPACK_IMPORTED_MODULE_1__.createRequire)(import.meta.url)('node:crypto');
    return createHash('sha256').update(key).digest('hex');
}


/***/ }),

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


/***/ }),

/***/ 9537:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   diagnosticsAfterFetch: () => (/* binding */ diagnosticsAfterFetch),
/* harmony export */   readRemoteFiles: () => (/* binding */ readRemoteFiles)
/* harmony export */ });
/* harmony import */ var _cache_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7431);
/* harmony import */ var _http_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2485);
/* harmony import */ var _url_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(576);
/* harmony import */ var _parse_requirements_reader_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6417);
/* harmony import */ var _parse_text_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6723);
// The shell of remote `-r URL` / `-c URL`: with the index checks online, each file a repository names
// by URL is fetched (once per run, through the disk cache by URL) under the index's trust rules, read
// as a requirements file, and handed to the pure rule (src/check/rules/remote-file-conflict.ts).
// Offline, on untrusted events, or for an internal address, nothing is fetched and the reader's
// "not fetched" diagnostic stands, saying why.





const MAX_REMOTE_BYTES = 32 * 1024 * 1024;
/** The repository's remote includes, each URL with the first that names it (whose -c or -r says how pip reads it). */
function remoteIncludes(parse) {
    const byUrl = new Map();
    for (const file of parse.files) {
        for (const include of file.remoteIncludes ?? [])
            if (!byUrl.has(include.url))
                byUrl.set(include.url, include);
    }
    return byUrl;
}
async function readRemoteFiles(parse, options) {
    const read = { files: new Map(), notRead: new Map(), requests: 0, fromCache: 0 };
    const wanted = remoteIncludes(parse);
    const allowUntrusted = options.allowUntrusted ?? false;
    const skipped = options.mode === 'offline'
        ? 'index offline'
        : options.untrusted != null && !allowUntrusted
            ? `it would fetch a URL given by ${options.untrusted}; allow-untrusted allows it`
            : null;
    if (skipped !== null)
        for (const url of wanted.keys())
            read.notRead.set(url, skipped);
    if (wanted.size === 0 || skipped !== null)
        return read;
    const http = new _http_js__WEBPACK_IMPORTED_MODULE_1__.HttpClient({
        timeoutMs: 15_000,
        retries: 2,
        concurrency: 8,
        maxRetryWaitMs: 20_000,
        // Credentials are not kept with a repository's URL (parse prints it): none are sent.
        credentials: () => undefined,
        allowInternal: allowUntrusted,
    });
    const cache = new _cache_js__WEBPACK_IMPORTED_MODULE_0__/* .IndexCache */ .d(options.cacheDir);
    await Promise.all([...wanted].map(async ([url, include]) => {
        const text = await fetchText(url, http, cache, read);
        if (!text.ok) {
            read.notRead.set(url, `fetching it failed: ${text.reason}`);
            return;
        }
        const parsed = (0,_parse_requirements_reader_js__WEBPACK_IMPORTED_MODULE_3__/* .parseRequirementsFile */ .w)(url, text.text, { constraint: include.constraint });
        read.files.set(url, { url, requirements: parsed.file.requirements });
    }));
    read.requests = http.requests;
    return read;
}
async function fetchText(url, http, cache, read) {
    const cached = cache.page(url);
    if (cached !== null && Date.now() - cached.fetchedAt < _cache_js__WEBPACK_IMPORTED_MODULE_0__/* .PAGE_TTL_MS */ .Y) {
        read.fromCache++;
        return { ok: true, text: cached.body };
    }
    const answer = await http.get({ url, trusted: false, maxBytes: MAX_REMOTE_BYTES, etag: cached?.etag ?? null });
    if (!answer.ok)
        return answer;
    if (answer.status === 304 && cached !== null) {
        cache.savePage({ ...cached, fetchedAt: Date.now() });
        read.fromCache++;
        return { ok: true, text: cached.body };
    }
    if (answer.status !== 200)
        return { ok: false, reason: `it answered ${answer.status}` };
    const decoded = (0,_parse_text_js__WEBPACK_IMPORTED_MODULE_4__/* .decodeText */ .g7)(answer.body, 'constraints');
    if (!decoded.ok)
        return { ok: false, reason: decoded.message };
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
function diagnosticsAfterFetch(parse, read) {
    const includeLines = new Set();
    for (const file of parse.files) {
        for (const include of file.remoteIncludes ?? [])
            includeLines.add(`${file.path}:${include.line}:${include.url}`);
    }
    return parse.diagnostics.flatMap((diagnostic) => {
        const match = /^-[cr] (\S+) is a URL; not fetched/.exec(diagnostic.message);
        // The message shows the URL as pip redacts it (`user:****@`); the include keeps none.
        const url = match === null ? null : (0,_url_js__WEBPACK_IMPORTED_MODULE_2__/* .withoutCredentials */ .ri)(match[1]);
        if (url === null || !includeLines.has(`${diagnostic.file}:${diagnostic.line}:${url}`))
            return [diagnostic];
        if (read.files.has(url))
            return [];
        const why = read.notRead.get(url);
        return why === undefined ? [diagnostic] : [{ ...diagnostic, message: `${diagnostic.message} (${why})` }];
    });
}


/***/ })

};
