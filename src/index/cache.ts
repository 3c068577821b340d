// The index cache on disk: metadata files are immutable (kept by URL and hash, forever), project
// pages change (kept with their ETag, fresh for a short time, then asked again with If-None-Match).
// A cache that cannot be read or written is no cache: the run goes on without it.

import type * as Crypto from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

export interface CachedPage {
  url: string;
  fetchedAt: number;
  etag: string | null;
  contentType: string | null;
  body: string;
}

/** How long a page is used without asking the index again. */
export const PAGE_TTL_MS = 10 * 60 * 1000;

export class IndexCache {
  /**
   * Whether each kind's folder (`pages`, `metadata`) exists, looked at on the kind's first read. Where
   * it does not, nothing of the kind is cached, which is known without naming the file: a file is named
   * by the SHA-256 of its key, and loading node:crypto for that is a sizeable part of a small check's
   * start-up with an empty cache.
   */
  private readonly kindFolders = new Map<string, boolean>();

  constructor(private readonly folder: string | null) {}

  page(url: string): CachedPage | null {
    const text = this.read('pages', url);
    if (text === null) return null;
    try {
      const page = JSON.parse(text) as CachedPage;
      return page.url === url && typeof page.body === 'string' ? page : null;
    } catch {
      return null;
    }
  }

  savePage(page: CachedPage): void {
    this.write('pages', page.url, JSON.stringify(page));
  }

  /** `identity` is the file's URL and hash: a URL whose file changed is another entry. */
  metadata(identity: string): string | null {
    return this.read('metadata', identity);
  }

  saveMetadata(identity: string, text: string): void {
    this.write('metadata', identity, text);
  }

  private fileOf(kind: string, key: string): string | null {
    return this.folder === null ? null : path.join(this.folder, kind, sha256(key));
  }

  private holdsNothing(kind: string): boolean {
    if (this.folder === null) return true;
    let exists = this.kindFolders.get(kind);
    if (exists === undefined) {
      exists = fs.existsSync(path.join(this.folder, kind));
      this.kindFolders.set(kind, exists);
    }
    return !exists;
  }

  private read(kind: string, key: string): string | null {
    if (this.holdsNothing(kind)) return null;
    const file = this.fileOf(kind, key);
    if (file === null) return null;
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return null;
    }
  }

  private write(kind: string, key: string, text: string): void {
    const file = this.fileOf(kind, key);
    if (file === null) return;
    this.kindFolders.set(kind, true);
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      // Written whole, then renamed: a run that stops half-way leaves no half file for the next.
      const temporary = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, text);
      fs.renameSync(temporary, file);
    } catch {
      // An unwritable cache costs the next run requests, nothing else.
    }
  }
}

/** The key's SHA-256 in hex; node:crypto is loaded on the first file named, not with this module. */
function sha256(key: string): string {
  const { createHash } = createRequire(import.meta.url)('node:crypto') as typeof Crypto;
  return createHash('sha256').update(key).digest('hex');
}
