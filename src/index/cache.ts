// The index cache on disk: metadata files are immutable (kept by URL and hash, forever), project
// pages change (kept with their ETag, fresh for a short time, then asked again with If-None-Match).
// A cache that cannot be read or written is no cache: the run goes on without it.

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
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
    return this.folder === null ? null : path.join(this.folder, kind, createHash('sha256').update(key).digest('hex'));
  }

  private read(kind: string, key: string): string | null {
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
