// Asks package indexes what pip would ask them: a project's page (which files exist, which are
// yanked, their Requires-Python), and a release's core metadata (its PEP 658 metadata file, else the
// wheel's METADATA), over HTTP (http.ts) or from a find-links folder on disk. Everything it answers
// is plain data (src/index/types.ts). Nothing it answers throws: a failure is an answer that proves
// nothing.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type IndexCache, PAGE_TTL_MS } from './cache.js';
import { fileRelease } from './files.js';
import type { HttpClient } from './http.js';
import { parseCoreMetadata } from './metadata.js';
import { ACCEPT, parseHtmlPage, parseSimplePage } from './simple.js';
import type { DistFile, MetadataAnswer, ProjectAnswer } from './types.js';
import { withoutCredentials, withTrailingSlash } from './url.js';

/** An index (pip's --index-url / --extra-index-url) or a find-links location. */
export interface IndexLocation {
  url: string;
  kind: 'index' | 'find-links';
  /** Given by the workflow or the command line (or the default): not the repository. */
  trusted: boolean;
}

/** A wheel fetched whole (from a server that ignores Range), or an sdist, may be at most this large. */
const MAX_WHEEL_BYTES = 20 * 1024 * 1024;
/** The first range asked of a wheel: its end, where the central directory is. */
const TAIL_BYTES = 64 * 1024;
const MAX_PAGE_BYTES = 32 * 1024 * 1024;

export interface ClientCounts {
  requests: number;
  fromCache: number;
}

export class IndexClient {
  fromCache = 0;
  private readonly projects = new Map<string, Promise<ProjectAnswer>>();
  private readonly metadataFiles = new Map<string, Promise<MetadataAnswer>>();

  /** `http` null: offline, the cache only. */
  constructor(
    private readonly http: HttpClient | null,
    private readonly cache: IndexCache,
    private readonly now: () => number = Date.now,
  ) {}

  get counts(): ClientCounts {
    return { requests: this.http?.requests ?? 0, fromCache: this.fromCache };
  }

  /** What the location says about project `key` (a PEP 503 name); asked once per run. */
  project(location: IndexLocation, key: string): Promise<ProjectAnswer> {
    const id = `${location.kind} ${location.url} ${key}`;
    let answer = this.projects.get(id);
    if (!answer) {
      answer = location.kind === 'index' ? this.indexProject(location, key) : this.findLinksProject(location, key);
      this.projects.set(id, answer);
    }
    return answer;
  }

  /** The core metadata of one file; asked once per file. */
  metadata(file: DistFile, trusted: boolean): Promise<MetadataAnswer> {
    let answer = this.metadataFiles.get(file.url);
    if (!answer) {
      answer = this.fileMetadata(file, trusted);
      this.metadataFiles.set(file.url, answer);
    }
    return answer;
  }

  private async indexProject(location: IndexLocation, key: string): Promise<ProjectAnswer> {
    const pageUrl = `${withTrailingSlash(location.url)}${key}/`;
    const source = withoutCredentials(pageUrl);
    if (pageUrl.startsWith('file:')) return this.localIndexProject(pageUrl, source);
    const page = await this.fetchPage(pageUrl, location.trusted, ACCEPT);
    if (page.status === 'missing' || page.status === 'unreachable') return { ...page, source };
    const parsed = parseSimplePage(page.body, page.contentType, page.url);
    if (!parsed.ok) return { status: 'unreachable', source, reason: `${source}: ${parsed.reason}` };
    return { status: 'found', page: { source, files: parsed.files } };
  }

  /** A `file://` index: the folder `<index>/<project>/` with its index.html, as pip reads one. */
  private localIndexProject(pageUrl: string, source: string): ProjectAnswer {
    let folder: string;
    try {
      folder = fileURLToPath(pageUrl);
    } catch {
      return { status: 'unreachable', source, reason: `${source} is not a local path` };
    }
    const index = path.join(folder, 'index.html');
    if (!fs.existsSync(folder)) return { status: 'missing', source };
    try {
      return { status: 'found', page: { source, files: parseHtmlPage(fs.readFileSync(index, 'utf8'), pageUrl) } };
    } catch (error) {
      return { status: 'unreachable', source, reason: `${source}: ${(error as Error).message}` };
    }
  }

  private async findLinksProject(location: IndexLocation, key: string): Promise<ProjectAnswer> {
    const source = withoutCredentials(location.url);
    let files: DistFile[];
    if (/^https?:/i.test(location.url)) {
      const page = await this.fetchPage(location.url, location.trusted, 'text/html');
      if (page.status === 'unreachable') return { ...page, source };
      if (page.status === 'missing') return { status: 'unreachable', source, reason: `${source} answered 404` };
      files = parseHtmlPage(page.body, page.url);
    } else if (!location.trusted) {
      // A folder the repository names lies inside the image being built, not on this runner.
      return { status: 'unreachable', source, reason: `${source} is a folder of the build, not of this runner` };
    } else {
      const read = readLocalFolder(location.url);
      if (!read.ok) return { status: 'unreachable', source, reason: read.reason };
      files = read.files;
    }
    const own = files.filter((file) => fileRelease(file.filename, key) !== null);
    return own.length > 0 ? { status: 'found', page: { source, files: own } } : { status: 'missing', source };
  }

  private async fetchPage(
    url: string,
    trusted: boolean,
    accept: string,
  ): Promise<
    | { status: 'ok'; body: string; contentType: string | null; url: string }
    | { status: 'missing' }
    | { status: 'unreachable'; reason: string }
  > {
    const cached = this.cache.page(url);
    const fresh = cached !== null && this.now() - cached.fetchedAt < PAGE_TTL_MS;
    if (cached && (fresh || !this.http)) {
      this.fromCache++;
      return { status: 'ok', body: cached.body, contentType: cached.contentType, url };
    }
    if (!this.http) return { status: 'unreachable', reason: `${withoutCredentials(url)} is not in the cache (--index offline)` };
    const result = await this.http.get({ url, accept, etag: cached?.etag ?? null, trusted, maxBytes: MAX_PAGE_BYTES });
    if (!result.ok) return { status: 'unreachable', reason: result.reason };
    if (result.status === 304 && cached) {
      this.fromCache++;
      this.cache.savePage({ ...cached, fetchedAt: this.now() });
      return { status: 'ok', body: cached.body, contentType: cached.contentType, url };
    }
    if (result.status === 404 || result.status === 410) return { status: 'missing' };
    if (result.status !== 200) return { status: 'unreachable', reason: `${withoutCredentials(url)} answered ${result.status}` };
    const body = result.body.toString('utf8');
    const contentType = result.headers.get('content-type');
    this.cache.savePage({ url, fetchedAt: this.now(), etag: result.headers.get('etag'), contentType, body });
    return { status: 'ok', body, contentType, url: result.url };
  }

  private async fileMetadata(file: DistFile, trusted: boolean): Promise<MetadataAnswer> {
    const isWheel = file.filename.toLowerCase().endsWith('.whl');
    const metadataUrl = file.hasMetadata ? `${file.url}.metadata` : file.url;
    const source = withoutCredentials(metadataUrl);
    const identity = `${metadataUrl}#${file.hashes.sha256 ?? ''}`;
    const cached = this.cache.metadata(identity);
    if (cached !== null) this.fromCache++;
    const read =
      cached !== null
        ? { ok: true as const, text: cached }
        : await this.readMetadataText(file.filename, metadataUrl, file.hasMetadata ? 'metadata' : isWheel ? 'wheel' : 'sdist', trusted);
    if (!read.ok) return { ok: false, source, reason: read.reason };
    const parsed = parseCoreMetadata(read.text);
    if (!parsed.ok) return { ok: false, source, reason: `${source}: ${parsed.reason}` };
    // Only metadata that read whole is kept: a damaged file is asked for again next time.
    if (cached === null) this.cache.saveMetadata(identity, read.text);
    return { ok: true, metadata: parsed.metadata, source };
  }

  /** The metadata text from a metadata file, a wheel (its METADATA) or an sdist (its PKG-INFO). */
  private async readMetadataText(
    filename: string,
    url: string,
    kind: 'metadata' | 'wheel' | 'sdist',
    trusted: boolean,
  ): Promise<{ ok: true; text: string } | { ok: false; reason: string }> {
    const shown = withoutCredentials(url);
    // The archive readers (and node:zlib) are loaded only for an archive: a run that finds its
    // metadata in the cache or in a metadata file, or reads none, does without them.
    const fromBytes = async (bytes: Buffer) =>
      kind === 'wheel'
        ? (await import('./zip.js')).readWheelMetadata(bytes)
        : kind === 'sdist'
          ? (await import('./sdist.js')).readSdistMetadata(filename, bytes)
          : { ok: true as const, text: bytes.toString('utf8') };
    if (url.startsWith('file:')) {
      try {
        return await fromBytes(fs.readFileSync(fileURLToPath(url)));
      } catch (error) {
        return { ok: false, reason: `${shown}: ${(error as Error).message}` };
      }
    }
    if (!this.http) return { ok: false, reason: `${shown} is not in the cache (--index offline)` };
    if (kind === 'wheel') return this.lazyWheelMetadata(this.http, url, trusted);
    const result = await this.http.get({ url, trusted, maxBytes: kind === 'sdist' ? MAX_WHEEL_BYTES : 16 * 1024 * 1024 });
    if (!result.ok) return result;
    if (result.status !== 200) return { ok: false, reason: `${shown} answered ${result.status}` };
    return fromBytes(result.body);
  }

  /**
   * A wheel's METADATA without the wheel, as pip's lazy wheel reads it: the file's tail (central
   * directory), then the entry's bytes. A server that ignores Range sends the whole wheel, read
   * as it is when it is under the size cap.
   */
  private async lazyWheelMetadata(
    http: HttpClient,
    url: string,
    trusted: boolean,
  ): Promise<{ ok: true; text: string } | { ok: false; reason: string }> {
    const shown = withoutCredentials(url);
    const { findMetadataEntry, LOCAL_HEADER_SLACK, readEntry } = await import('./zip.js');
    const piece = async (
      range: string,
    ): Promise<{ ok: true; body: Buffer; start: number; total: number | null } | { ok: false; reason: string }> => {
      const result = await http.get({ url, trusted, range, maxBytes: MAX_WHEEL_BYTES });
      if (!result.ok) return result;
      if (result.status === 200) return { ok: true, body: result.body, start: 0, total: result.body.length };
      const span = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(result.headers.get('content-range') ?? '');
      if (result.status !== 206 || !span) return { ok: false, reason: `${shown} answered ${result.status} to a range request` };
      return { ok: true, body: result.body, start: Number(span[1]), total: span[2] === '*' ? null : Number(span[2]) };
    };
    let tail = await piece(`bytes=-${TAIL_BYTES}`);
    if (!tail.ok) return tail;
    let found = findMetadataEntry(tail.body, tail.start);
    if (!found.ok && found.needFrom !== undefined) {
      const before = await piece(`bytes=${found.needFrom}-${tail.start - 1}`);
      if (!before.ok) return before;
      tail = { ...tail, body: Buffer.concat([before.body, tail.body]), start: before.start };
      found = findMetadataEntry(tail.body, tail.start);
    }
    if (!found.ok) return { ok: false, reason: `${shown}: ${found.reason}` };
    const { entry } = found;
    const needed = LOCAL_HEADER_SLACK + entry.name.length + entry.compressedSize;
    if (entry.localOffset >= tail.start && entry.localOffset + needed <= tail.start + tail.body.length)
      return readEntry(tail.body, tail.start, entry);
    const last = Math.min(entry.localOffset + needed, tail.total ?? Infinity) - 1;
    const part = await piece(`bytes=${entry.localOffset}-${last}`);
    if (!part.ok) return part;
    const read = readEntry(part.body, part.start, entry);
    return read.ok ? read : { ok: false, reason: `${shown}: ${read.reason}` };
  }
}

/** The distribution files in a local find-links folder (or the anchors of a local HTML page). */
function readLocalFolder(location: string): { ok: true; files: DistFile[] } | { ok: false; reason: string } {
  const folder = location.startsWith('file:') ? fileURLToPath(location) : location;
  try {
    if (fs.statSync(folder).isFile())
      return { ok: true, files: parseHtmlPage(fs.readFileSync(folder, 'utf8'), pathToFileURL(path.resolve(folder)).href) };
    const files = fs.readdirSync(folder).map((name) => {
      const url = pathToFileURL(path.resolve(folder, name)).href;
      return { filename: name, url, hashes: {}, requiresPython: null, yanked: null, hasMetadata: false };
    });
    return { ok: true, files };
  } catch (error) {
    return { ok: false, reason: `${location} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
}
