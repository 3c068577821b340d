export const id = 574;
export const ids = [574];
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

/***/ 8372:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ parseCoreMetadata),
/* harmony export */   f: () => (/* binding */ sdistMetadataUsable)
/* harmony export */ });
// Core metadata (METADATA in a wheel, the PEP 658 `.metadata` file, PKG-INFO in an sdist): an
// email-header block whose fields the rules read: Name, Version, Requires-Python, Requires-Dist.
function parseCoreMetadata(text) {
    const fields = new Map();
    let last = null;
    for (const line of text.split(/\r?\n/)) {
        // The header ends at the first blank line; the description may follow.
        if (line === '')
            break;
        if ((line.startsWith(' ') || line.startsWith('\t')) && last) {
            last[last.length - 1] += ` ${line.trim()}`;
            continue;
        }
        const colon = line.indexOf(':');
        if (colon <= 0)
            return { ok: false, reason: `a metadata line is not "Field: value": ${JSON.stringify(line.slice(0, 80))}` };
        const name = line.slice(0, colon).trim().toLowerCase();
        last = fields.get(name) ?? [];
        last.push(line.slice(colon + 1).trim());
        fields.set(name, last);
    }
    const name = fields.get('name')?.[0];
    const version = fields.get('version')?.[0];
    if (!name || !version)
        return { ok: false, reason: 'the metadata has no Name or no Version' };
    return {
        ok: true,
        metadata: {
            name,
            version,
            requiresPython: fields.get('requires-python')?.[0] || null,
            requiresDist: fields.get('requires-dist') ?? [],
        },
        dynamic: (fields.get('dynamic') ?? []).map((field) => field.toLowerCase()),
        metadataVersion: fields.get('metadata-version')?.[0] ?? null,
    };
}
/**
 * Can an sdist's PKG-INFO be trusted for what pip will install? Only from Metadata-Version 2.2 on
 * (PEP 643), and only for fields it does not mark dynamic.
 */
function sdistMetadataUsable(parsed) {
    const [major, minor] = (parsed.metadataVersion ?? '0.0').split('.').map(Number);
    const recent = major > 2 || (major === 2 && minor >= 2);
    return recent && !parsed.dynamic.includes('requires-dist') && !parsed.dynamic.includes('requires-python');
}


/***/ }),

/***/ 5574:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  askIndexes: () => (/* binding */ askIndexes)
});

// EXTERNAL MODULE: ./lib/src/check/index-facts.js
var index_facts = __webpack_require__(9907);
// EXTERNAL MODULE: ./lib/src/check/versions.js
var versions = __webpack_require__(480);
// EXTERNAL MODULE: ./lib/src/index/cache.js
var cache = __webpack_require__(7431);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: ./lib/src/index/files.js
var index_files = __webpack_require__(5774);
// EXTERNAL MODULE: ./lib/src/index/metadata.js
var metadata = __webpack_require__(8372);
// EXTERNAL MODULE: ./lib/src/index/url.js
var index_url = __webpack_require__(576);
;// CONCATENATED MODULE: ./lib/src/index/simple.js
// Pages of the Simple Repository API as pip reads them: PEP 691 JSON, else PEP 503 HTML (which
// find-links pages also are), with PEP 592 yanked files and PEP 658/714 metadata files.

const JSON_TYPE = 'application/vnd.pypi.simple.v1+json';
/** What pip asks for: JSON first, HTML otherwise. */
const ACCEPT = `${JSON_TYPE}, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01`;
/** The files of a page, whichever of the two forms its content type says it is. */
function parseSimplePage(body, contentType, pageUrl) {
    const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (type === JSON_TYPE || type === 'application/json')
        return parseJsonPage(body, pageUrl);
    return { ok: true, files: parseHtmlPage(body, pageUrl) };
}
/** PEP 691: `{"meta": {...}, "name": ..., "files": [{filename, url, hashes, requires-python, yanked, core-metadata}]}`. */
function parseJsonPage(body, pageUrl) {
    let data;
    try {
        data = JSON.parse(body);
    }
    catch {
        return { ok: false, reason: 'the JSON page is not valid JSON' };
    }
    const files = isRecord(data) ? data.files : undefined;
    if (!Array.isArray(files))
        return { ok: false, reason: 'the JSON page has no "files" list' };
    const read = [];
    for (const entry of files) {
        if (!isRecord(entry) || typeof entry.filename !== 'string' || typeof entry.url !== 'string')
            continue;
        const url = absolute(entry.url, pageUrl);
        if (url === null)
            continue;
        const hashes = {};
        if (isRecord(entry.hashes))
            for (const [name, value] of Object.entries(entry.hashes))
                if (typeof value === 'string')
                    hashes[name] = value;
        const metadata = entry['core-metadata'] ?? entry['data-dist-info-metadata'];
        read.push({
            filename: entry.filename,
            url,
            hashes,
            requiresPython: typeof entry['requires-python'] === 'string' && entry['requires-python'].trim() !== '' ? entry['requires-python'] : null,
            yanked: entry.yanked === true ? '' : typeof entry.yanked === 'string' ? entry.yanked : null,
            hasMetadata: metadata === true || isRecord(metadata),
        });
    }
    return { ok: true, files: read };
}
/** PEP 503: every `<a href>` is a file; attributes carry requires-python, yanked and metadata. */
function parseHtmlPage(body, pageUrl) {
    const base = baseHref(body, pageUrl);
    const files = [];
    for (const match of body.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a\s*>/gi)) {
        const attributes = readAttributes(match[1]);
        const href = attributes.get('href');
        if (href === undefined)
            continue;
        const url = absolute(href, base);
        if (url === null)
            continue;
        const hashIndex = url.indexOf('#');
        const hashes = {};
        if (hashIndex !== -1) {
            const fragment = /^([a-z0-9]+)=([0-9a-fA-F]+)$/.exec(url.slice(hashIndex + 1));
            if (fragment)
                hashes[fragment[1]] = fragment[2];
        }
        const bare = hashIndex === -1 ? url : url.slice(0, hashIndex);
        const filename = decodeURIComponent(bare.slice(bare.lastIndexOf('/') + 1));
        const metadata = attributes.get('data-core-metadata') ?? attributes.get('data-dist-info-metadata');
        const requiresPython = attributes.get('data-requires-python');
        const yanked = attributes.get('data-yanked');
        files.push({
            filename,
            url: bare,
            hashes,
            requiresPython: requiresPython !== undefined && requiresPython.trim() !== '' ? requiresPython : null,
            yanked: yanked === undefined ? null : yanked,
            hasMetadata: metadata !== undefined && metadata !== 'false',
        });
    }
    return files;
}
function baseHref(body, pageUrl) {
    const base = /<base\b([^>]*)>/i.exec(body);
    const href = base ? readAttributes(base[1]).get('href') : undefined;
    return (href !== undefined && absolute(href, pageUrl)) || pageUrl;
}
function readAttributes(text) {
    const attributes = new Map();
    for (const match of text.matchAll(/([A-Za-z_:][-A-Za-z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
        const value = match[2] ?? match[3] ?? match[4] ?? '';
        attributes.set(match[1].toLowerCase(), unescapeHtml(value));
    }
    return attributes;
}
const NAMED_ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
function unescapeHtml(text) {
    return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, entity) => {
        if (entity.startsWith('#x') || entity.startsWith('#X'))
            return String.fromCodePoint(parseInt(entity.slice(2), 16));
        if (entity.startsWith('#'))
            return String.fromCodePoint(parseInt(entity.slice(1), 10));
        return NAMED_ENTITIES[entity.toLowerCase()] ?? whole;
    });
}
/** The URL resolved against the page, without credentials; null when it is not a URL. */
function absolute(href, base) {
    try {
        return (0,index_url/* withoutCredentials */.ri)(new URL(href.trim(), base).href);
    }
    catch {
        return null;
    }
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./lib/src/index/client.js
// Asks package indexes what pip would ask them: a project's page (which files exist, which are
// yanked, their Requires-Python), and a release's core metadata (its PEP 658 metadata file, else the
// wheel's METADATA), over HTTP (http.ts) or from a find-links folder on disk. Everything it answers
// is plain data (src/index/types.ts). Nothing it answers throws: a failure is an answer that proves
// nothing.








/** A wheel fetched whole (from a server that ignores Range), or an sdist, may be at most this large. */
const MAX_WHEEL_BYTES = 20 * 1024 * 1024;
/** The first range asked of a wheel: its end, where the central directory is. */
const TAIL_BYTES = 64 * 1024;
const MAX_PAGE_BYTES = 32 * 1024 * 1024;
class IndexClient {
    http;
    cache;
    now;
    fromCache = 0;
    projects = new Map();
    metadataFiles = new Map();
    /** `http` null: offline, the cache only. */
    constructor(http, cache, now = Date.now) {
        this.http = http;
        this.cache = cache;
        this.now = now;
    }
    get counts() {
        return { requests: this.http?.requests ?? 0, fromCache: this.fromCache };
    }
    /** What the location says about project `key` (a PEP 503 name); asked once per run. */
    project(location, key) {
        const id = `${location.kind} ${location.url} ${key}`;
        let answer = this.projects.get(id);
        if (!answer) {
            answer = location.kind === 'index' ? this.indexProject(location, key) : this.findLinksProject(location, key);
            this.projects.set(id, answer);
        }
        return answer;
    }
    /** The core metadata of one file; asked once per file. */
    metadata(file, trusted) {
        let answer = this.metadataFiles.get(file.url);
        if (!answer) {
            answer = this.fileMetadata(file, trusted);
            this.metadataFiles.set(file.url, answer);
        }
        return answer;
    }
    async indexProject(location, key) {
        const pageUrl = `${(0,index_url/* withTrailingSlash */.Ay)(location.url)}${key}/`;
        const source = (0,index_url/* withoutCredentials */.ri)(pageUrl);
        if (pageUrl.startsWith('file:'))
            return this.localIndexProject(pageUrl, source);
        const page = await this.fetchPage(pageUrl, location.trusted, ACCEPT);
        if (page.status === 'missing' || page.status === 'unreachable')
            return { ...page, source };
        const parsed = parseSimplePage(page.body, page.contentType, page.url);
        if (!parsed.ok)
            return { status: 'unreachable', source, reason: `${source}: ${parsed.reason}` };
        return { status: 'found', page: { source, files: parsed.files } };
    }
    /** A `file://` index: the folder `<index>/<project>/` with its index.html, as pip reads one. */
    localIndexProject(pageUrl, source) {
        let folder;
        try {
            folder = (0,external_node_url_.fileURLToPath)(pageUrl);
        }
        catch {
            return { status: 'unreachable', source, reason: `${source} is not a local path` };
        }
        const index = external_node_path_.join(folder, 'index.html');
        if (!external_node_fs_.existsSync(folder))
            return { status: 'missing', source };
        try {
            return { status: 'found', page: { source, files: parseHtmlPage(external_node_fs_.readFileSync(index, 'utf8'), pageUrl) } };
        }
        catch (error) {
            return { status: 'unreachable', source, reason: `${source}: ${error.message}` };
        }
    }
    async findLinksProject(location, key) {
        const source = (0,index_url/* withoutCredentials */.ri)(location.url);
        let files;
        if (/^https?:/i.test(location.url)) {
            const page = await this.fetchPage(location.url, location.trusted, 'text/html');
            if (page.status === 'unreachable')
                return { ...page, source };
            if (page.status === 'missing')
                return { status: 'unreachable', source, reason: `${source} answered 404` };
            files = parseHtmlPage(page.body, page.url);
        }
        else if (!location.trusted) {
            // A folder the repository names lies inside the image being built, not on this runner.
            return { status: 'unreachable', source, reason: `${source} is a folder of the build, not of this runner` };
        }
        else {
            const read = readLocalFolder(location.url);
            if (!read.ok)
                return { status: 'unreachable', source, reason: read.reason };
            files = read.files;
        }
        const own = files.filter((file) => (0,index_files/* fileRelease */.oB)(file.filename, key) !== null);
        return own.length > 0 ? { status: 'found', page: { source, files: own } } : { status: 'missing', source };
    }
    async fetchPage(url, trusted, accept) {
        const cached = this.cache.page(url);
        const fresh = cached !== null && this.now() - cached.fetchedAt < cache/* PAGE_TTL_MS */.Y;
        if (cached && (fresh || !this.http)) {
            this.fromCache++;
            return { status: 'ok', body: cached.body, contentType: cached.contentType, url };
        }
        if (!this.http)
            return { status: 'unreachable', reason: `${(0,index_url/* withoutCredentials */.ri)(url)} is not in the cache (--index offline)` };
        const result = await this.http.get({ url, accept, etag: cached?.etag ?? null, trusted, maxBytes: MAX_PAGE_BYTES });
        if (!result.ok)
            return { status: 'unreachable', reason: result.reason };
        if (result.status === 304 && cached) {
            this.fromCache++;
            this.cache.savePage({ ...cached, fetchedAt: this.now() });
            return { status: 'ok', body: cached.body, contentType: cached.contentType, url };
        }
        if (result.status === 404 || result.status === 410)
            return { status: 'missing' };
        if (result.status !== 200)
            return { status: 'unreachable', reason: `${(0,index_url/* withoutCredentials */.ri)(url)} answered ${result.status}` };
        const body = result.body.toString('utf8');
        const contentType = result.headers.get('content-type');
        this.cache.savePage({ url, fetchedAt: this.now(), etag: result.headers.get('etag'), contentType, body });
        return { status: 'ok', body, contentType, url: result.url };
    }
    async fileMetadata(file, trusted) {
        const isWheel = file.filename.toLowerCase().endsWith('.whl');
        const metadataUrl = file.hasMetadata ? `${file.url}.metadata` : file.url;
        const source = (0,index_url/* withoutCredentials */.ri)(metadataUrl);
        const identity = `${metadataUrl}#${file.hashes.sha256 ?? ''}`;
        const cached = this.cache.metadata(identity);
        if (cached !== null)
            this.fromCache++;
        const read = cached !== null
            ? { ok: true, text: cached }
            : await this.readMetadataText(file.filename, metadataUrl, file.hasMetadata ? 'metadata' : isWheel ? 'wheel' : 'sdist', trusted);
        if (!read.ok)
            return { ok: false, source, reason: read.reason };
        const parsed = (0,metadata/* parseCoreMetadata */.U)(read.text);
        if (!parsed.ok)
            return { ok: false, source, reason: `${source}: ${parsed.reason}` };
        // Only metadata that read whole is kept: a damaged file is asked for again next time.
        if (cached === null)
            this.cache.saveMetadata(identity, read.text);
        return { ok: true, metadata: parsed.metadata, source };
    }
    /** The metadata text from a metadata file, a wheel (its METADATA) or an sdist (its PKG-INFO). */
    async readMetadataText(filename, url, kind, trusted) {
        const shown = (0,index_url/* withoutCredentials */.ri)(url);
        // The archive readers (and node:zlib) are loaded only for an archive: a run that finds its
        // metadata in the cache or in a metadata file, or reads none, does without them.
        const fromBytes = async (bytes) => kind === 'wheel'
            ? (await __webpack_require__.e(/* import() */ 178).then(__webpack_require__.bind(__webpack_require__, 6178))).readWheelMetadata(bytes)
            : kind === 'sdist'
                ? (await __webpack_require__.e(/* import() */ 544).then(__webpack_require__.bind(__webpack_require__, 3544))).readSdistMetadata(filename, bytes)
                : { ok: true, text: bytes.toString('utf8') };
        if (url.startsWith('file:')) {
            try {
                return await fromBytes(external_node_fs_.readFileSync((0,external_node_url_.fileURLToPath)(url)));
            }
            catch (error) {
                return { ok: false, reason: `${shown}: ${error.message}` };
            }
        }
        if (!this.http)
            return { ok: false, reason: `${shown} is not in the cache (--index offline)` };
        if (kind === 'wheel')
            return this.lazyWheelMetadata(this.http, url, trusted);
        const result = await this.http.get({ url, trusted, maxBytes: kind === 'sdist' ? MAX_WHEEL_BYTES : 16 * 1024 * 1024 });
        if (!result.ok)
            return result;
        if (result.status !== 200)
            return { ok: false, reason: `${shown} answered ${result.status}` };
        return fromBytes(result.body);
    }
    /**
     * A wheel's METADATA without the wheel, as pip's lazy wheel reads it: the file's tail (central
     * directory), then the entry's bytes. A server that ignores Range sends the whole wheel, read
     * as it is when it is under the size cap.
     */
    async lazyWheelMetadata(http, url, trusted) {
        const shown = (0,index_url/* withoutCredentials */.ri)(url);
        const { findMetadataEntry, LOCAL_HEADER_SLACK, readEntry } = await __webpack_require__.e(/* import() */ 178).then(__webpack_require__.bind(__webpack_require__, 6178));
        const piece = async (range) => {
            const result = await http.get({ url, trusted, range, maxBytes: MAX_WHEEL_BYTES });
            if (!result.ok)
                return result;
            if (result.status === 200)
                return { ok: true, body: result.body, start: 0, total: result.body.length };
            const span = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(result.headers.get('content-range') ?? '');
            if (result.status !== 206 || !span)
                return { ok: false, reason: `${shown} answered ${result.status} to a range request` };
            return { ok: true, body: result.body, start: Number(span[1]), total: span[2] === '*' ? null : Number(span[2]) };
        };
        let tail = await piece(`bytes=-${TAIL_BYTES}`);
        if (!tail.ok)
            return tail;
        let found = findMetadataEntry(tail.body, tail.start);
        if (!found.ok && found.needFrom !== undefined) {
            const before = await piece(`bytes=${found.needFrom}-${tail.start - 1}`);
            if (!before.ok)
                return before;
            tail = { ...tail, body: Buffer.concat([before.body, tail.body]), start: before.start };
            found = findMetadataEntry(tail.body, tail.start);
        }
        if (!found.ok)
            return { ok: false, reason: `${shown}: ${found.reason}` };
        const { entry } = found;
        const needed = LOCAL_HEADER_SLACK + entry.name.length + entry.compressedSize;
        if (entry.localOffset >= tail.start && entry.localOffset + needed <= tail.start + tail.body.length)
            return readEntry(tail.body, tail.start, entry);
        const last = Math.min(entry.localOffset + needed, tail.total ?? Infinity) - 1;
        const part = await piece(`bytes=${entry.localOffset}-${last}`);
        if (!part.ok)
            return part;
        const read = readEntry(part.body, part.start, entry);
        return read.ok ? read : { ok: false, reason: `${shown}: ${read.reason}` };
    }
}
/** The distribution files in a local find-links folder (or the anchors of a local HTML page). */
function readLocalFolder(location) {
    const folder = location.startsWith('file:') ? (0,external_node_url_.fileURLToPath)(location) : location;
    try {
        if (external_node_fs_.statSync(folder).isFile())
            return { ok: true, files: parseHtmlPage(external_node_fs_.readFileSync(folder, 'utf8'), (0,external_node_url_.pathToFileURL)(external_node_path_.resolve(folder)).href) };
        const files = external_node_fs_.readdirSync(folder).map((name) => {
            const url = (0,external_node_url_.pathToFileURL)(external_node_path_.resolve(folder, name)).href;
            return { filename: name, url, hashes: {}, requiresPython: null, yanked: null, hasMetadata: false };
        });
        return { ok: true, files };
    }
    catch (error) {
        return { ok: false, reason: `${location} cannot be read (${error.code ?? error.message})` };
    }
}

;// CONCATENATED MODULE: ./lib/src/index/run.js
// The index checks' shell: asks each install set's indexes about its pins (each project and each
// metadata file once per run, a bounded number at once), then hands the answers to the pure rules.
// An index whose first answer is a failure is not asked again in the run: with no network, a check
// of a thousand pins costs one failed request per index, not a thousand.





async function askIndexes(plans, options) {
    const http = options.mode === 'offline' ? null : await httpClient(options);
    const client = new IndexClient(http, new cache/* IndexCache */.d(options.cacheDir));
    const answers = new AnswersOfRun();
    await answers.askProjects(client, plans);
    await answers.askMetadata(client, plans);
    return { answers, summary: summarise(options.mode, plans, answers, client) };
}
/**
 * Each index's answer about each project, asked once per run however many pins name it; an index
 * that failed its first question is asked no more.
 */
class AnswersOfRun {
    /** Each plan's locations lead to their index's answers (one per `kind url`), so that a lookup builds no key. */
    ofLocation = new Map();
    metadataOf = new Map();
    project(location, key) {
        const index = this.ofLocation.get(location);
        const answer = index?.failure ?? index?.projects.get(key);
        if (!answer)
            throw new Error(`${location.url} was not asked about ${key}`);
        return answer;
    }
    metadata(pin) {
        return this.metadataOf.get(pin) ?? null;
    }
    async askProjects(client, plans) {
        const byId = new Map();
        for (const plan of plans) {
            for (const location of plan.indexes) {
                const id = `${location.kind} ${location.url}`;
                let index = byId.get(id);
                if (!index)
                    byId.set(id, (index = { failure: null, projects: new Map() }));
                this.ofLocation.set(location, index);
            }
        }
        // The first question to each index, alone: one that fails it is asked nothing more.
        const firsts = new Map();
        for (const plan of plans)
            for (const pin of plan.pins)
                for (const location of plan.indexes) {
                    const index = this.ofLocation.get(location);
                    if (!firsts.has(index))
                        firsts.set(index, { location, key: pin.key });
                }
        await Promise.all([...firsts].map(async ([index, { location, key }]) => {
            const answer = await client.project(location, key);
            if (answer.status === 'unreachable') {
                index.failure = answer;
                return;
            }
            index.projects.set(key, answer);
            // Not waiting for the other indexes' first answers: one that is slow to fail holds up only itself.
            await this.askTheRest(client, plans, index);
        }));
    }
    /** Every other project the plans pin, of an index that answered its first question. */
    async askTheRest(client, plans, index) {
        const asked = new Set();
        const answered = [];
        for (const plan of plans) {
            for (const pin of plan.pins) {
                for (const location of plan.indexes) {
                    if (this.ofLocation.get(location) !== index || index.projects.has(pin.key) || asked.has(pin.key))
                        continue;
                    asked.add(pin.key);
                    answered.push(client.project(location, pin.key).then((answer) => void index.projects.set(pin.key, answer)));
                }
            }
        }
        await Promise.all(answered);
    }
    /** Requires-Dist is read for exact pins only: a range does not say which release pip takes. */
    async askMetadata(client, plans) {
        const specifiers = new versions/* Specifiers */.sZ();
        const asked = [];
        for (const plan of plans) {
            const set = (0,index_facts/* answerSet */.ZQ)(plan, this, specifiers);
            for (const answered of set.pins) {
                if ((0,index_facts/* exactVersion */.y)(set, answered.pin) === null)
                    continue;
                const file = (0,index_facts/* metadataFile */.aB)((0,index_facts/* admittedFiles */.ij)(set, answered), plan);
                if (!file)
                    continue;
                // The file is fetched as trusted as the index that lists it.
                const listing = plan.indexes.find((_, index) => {
                    const answer = answered.projects[index];
                    return answer?.status === 'found' && answer.page.files.includes(file);
                });
                asked.push(client.metadata(file, listing?.trusted ?? false).then((answer) => void this.metadataOf.set(answered.pin, answer)));
            }
        }
        await Promise.all(asked);
    }
}
function summarise(mode, plans, answers, client) {
    const unreachable = new Set();
    const reasons = new Set();
    let asked = 0;
    let answered = 0;
    let notVerified = 0;
    // Online, each set whose index did not answer says so: how many of its pins, and the first pin's reason.
    const missedBySet = [];
    for (const plan of plans) {
        let missed = 0;
        let firstReason = null;
        for (const pin of plan.pins) {
            let pinMissed = false;
            for (const location of plan.indexes) {
                const answer = answers.project(location, pin.key);
                asked++;
                if (answer.status === 'unreachable') {
                    unreachable.add((0,index_url/* withoutCredentials */.ri)(location.url));
                    reasons.add(answer.reason);
                    if (!pinMissed)
                        firstReason ??= answer.reason;
                    pinMissed = true;
                }
                else
                    answered++;
            }
            if (pinMissed)
                missed++;
            // absenceProven: every index answered, and an absence on them proves something.
            if (plan.unprovable !== null || plan.indexes.length === 0 || pinMissed)
                notVerified++;
        }
        if (firstReason !== null)
            missedBySet.push(`${plan.id}: ${missed} pin(s) not verified: ${firstReason}`);
    }
    const notices = [];
    const why = [...reasons].slice(0, 2).join('; ');
    if (asked > 0 && answered === 0) {
        notices.push(mode === 'offline'
            ? `index checks skipped: --index offline and nothing in the cache (${why})`
            : `index checks skipped: no package index answered (${why}); the static checks ran as usual`);
    }
    else if (mode === 'online') {
        notices.push(...missedBySet);
    }
    else if (unreachable.size > 0) {
        notices.push(`${notVerified} pin(s) not verified against the package index: ${why}`);
    }
    const unprovable = new Set(plans.map((plan) => plan.unprovable).filter((reason) => reason !== null));
    for (const reason of unprovable)
        notices.push(`absent packages and versions are not reported where ${reason}`);
    return { mode, ...client.counts, unreachable: [...unreachable], notVerified, notices };
}
/**
 * The HTTP client, loaded only for a run that may ask an index: an offline run reads the cache alone
 * and need not load it (nor node:dns, which it brings).
 */
async function httpClient(options) {
    const [{ HttpClient }, { gatherCredentials }] = await Promise.all([__webpack_require__.e(/* import() */ 485).then(__webpack_require__.bind(__webpack_require__, 2485)), __webpack_require__.e(/* import() */ 691).then(__webpack_require__.bind(__webpack_require__, 9691))]);
    return new HttpClient({
        // auto gives up sooner: on a runner without network it must not hold the check up.
        timeoutMs: options.mode === 'auto' ? 10_000 : 15_000,
        retries: options.mode === 'auto' ? 1 : 2,
        concurrency: 16,
        maxRetryWaitMs: 20_000,
        credentials: gatherCredentials(options.givenUrls, options.env),
        allowInternal: options.allowInternal,
    });
}


/***/ })

};
