// Asks package indexes what pip would ask them: a project's page (which files exist, which are
// yanked, their Requires-Python), and a release's core metadata (its PEP 658 metadata file, else the
// wheel's METADATA). The only module that touches the network; everything it answers is plain data
// (src/index/types.ts). Nothing it answers throws: a failure is an answer that proves nothing.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { IndexCache, PAGE_TTL_MS } from './cache.js';
import { fileRelease } from './files.js';
import type { HttpClient } from './http.js';
import { parseCoreMetadata } from './metadata.js';
import { ACCEPT, parseHtmlPage, parseSimplePage } from './simple.js';
import type { DistFile, MetadataAnswer, ProjectAnswer } from './types.js';
import { withoutCredentials, withTrailingSlash } from './url.js';
import { readWheelMetadata } from './zip.js';

/** An index (pip's --index-url / --extra-index-url) or a find-links location. */
export interface IndexLocation {
  url: string;
  kind: 'index' | 'find-links';
  /** Given by the workflow or the command line (or the default): not the repository. */
  trusted: boolean;
}

/** A wheel fetched whole (where the index has no metadata files) may be at most this large. */
const MAX_WHEEL_BYTES = 20 * 1024 * 1024;
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
  ): Promise<{ status: 'ok'; body: string; contentType: string | null; url: string } | { status: 'missing' } | { status: 'unreachable'; reason: string }> {
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
    if (!file.hasMetadata && !isWheel) return { ok: false, source, reason: `${file.filename} is an sdist: its metadata is known only once it is built` };
    const identity = `${metadataUrl}#${file.hashes.sha256 ?? ''}`;
    let text = this.cache.metadata(identity);
    if (text !== null) {
      this.fromCache++;
    } else {
      const read = await this.readMetadataText(metadataUrl, isWheel && !file.hasMetadata, trusted);
      if (!read.ok) return { ok: false, source, reason: read.reason };
      text = read.text;
    }
    const parsed = parseCoreMetadata(text);
    if (!parsed.ok) return { ok: false, source, reason: `${source}: ${parsed.reason}` };
    // Only metadata that read whole is kept: a damaged file is asked for again next time.
    this.cache.saveMetadata(identity, text);
    return { ok: true, metadata: parsed.metadata, source };
  }

  private async readMetadataText(url: string, wholeWheel: boolean, trusted: boolean): Promise<{ ok: true; text: string } | { ok: false; reason: string }> {
    const shown = withoutCredentials(url);
    if (url.startsWith('file:')) {
      try {
        const bytes = fs.readFileSync(fileURLToPath(url));
        return wholeWheel ? readWheelMetadata(bytes) : { ok: true, text: bytes.toString('utf8') };
      } catch (error) {
        return { ok: false, reason: `${shown}: ${(error as Error).message}` };
      }
    }
    if (!this.http) return { ok: false, reason: `${shown} is not in the cache (--index offline)` };
    const result = await this.http.get({ url, trusted, maxBytes: wholeWheel ? MAX_WHEEL_BYTES : 16 * 1024 * 1024 });
    if (!result.ok) return result;
    if (result.status !== 200) return { ok: false, reason: `${shown} answered ${result.status}` };
    if (wholeWheel) return readWheelMetadata(result.body);
    return { ok: true, text: result.body.toString('utf8') };
  }
}

/** The distribution files in a local find-links folder (or the anchors of a local HTML page). */
function readLocalFolder(location: string): { ok: true; files: DistFile[] } | { ok: false; reason: string } {
  const folder = location.startsWith('file:') ? fileURLToPath(location) : location;
  try {
    if (fs.statSync(folder).isFile()) return { ok: true, files: parseHtmlPage(fs.readFileSync(folder, 'utf8'), pathToFileURL(path.resolve(folder)).href) };
    const files = fs.readdirSync(folder).map((name) => {
      const url = pathToFileURL(path.resolve(folder, name)).href;
      return { filename: name, url, hashes: {}, requiresPython: null, yanked: null, hasMetadata: false };
    });
    return { ok: true, files };
  } catch (error) {
    return { ok: false, reason: `${location} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
}
