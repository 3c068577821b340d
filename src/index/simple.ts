// Pages of the Simple Repository API as pip reads them: PEP 691 JSON, else PEP 503 HTML (which
// find-links pages also are), with PEP 592 yanked files and PEP 658/714 metadata files.

import { withoutCredentials } from './url.js';
import type { DistFile } from './types.js';

const JSON_TYPE = 'application/vnd.pypi.simple.v1+json';
/** What pip asks for: JSON first, HTML otherwise. */
export const ACCEPT = `${JSON_TYPE}, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01`;

export type PageParse = { ok: true; files: DistFile[] } | { ok: false; reason: string };

/** The files of a page, whichever of the two forms its content type says it is. */
export function parseSimplePage(body: string, contentType: string | null, pageUrl: string): PageParse {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === JSON_TYPE || type === 'application/json') return parseJsonPage(body, pageUrl);
  return { ok: true, files: parseHtmlPage(body, pageUrl) };
}

/** PEP 691: `{"meta": {...}, "name": ..., "files": [{filename, url, hashes, requires-python, yanked, core-metadata}]}`. */
function parseJsonPage(body: string, pageUrl: string): PageParse {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'the JSON page is not valid JSON' };
  }
  const files = isRecord(data) ? data.files : undefined;
  if (!Array.isArray(files)) return { ok: false, reason: 'the JSON page has no "files" list' };
  const read: DistFile[] = [];
  for (const entry of files) {
    if (!isRecord(entry) || typeof entry.filename !== 'string' || typeof entry.url !== 'string') continue;
    const url = absolute(entry.url, pageUrl);
    if (url === null) continue;
    const hashes: Record<string, string> = {};
    if (isRecord(entry.hashes))
      for (const [name, value] of Object.entries(entry.hashes)) if (typeof value === 'string') hashes[name] = value;
    const metadata = entry['core-metadata'] ?? entry['data-dist-info-metadata'];
    read.push({
      filename: entry.filename,
      url,
      hashes,
      requiresPython:
        typeof entry['requires-python'] === 'string' && entry['requires-python'].trim() !== '' ? entry['requires-python'] : null,
      yanked: entry.yanked === true ? '' : typeof entry.yanked === 'string' ? entry.yanked : null,
      hasMetadata: metadata === true || isRecord(metadata),
    });
  }
  return { ok: true, files: read };
}

/** PEP 503: every `<a href>` is a file; attributes carry requires-python, yanked and metadata. */
export function parseHtmlPage(body: string, pageUrl: string): DistFile[] {
  const base = baseHref(body, pageUrl);
  const files: DistFile[] = [];
  for (const match of body.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a\s*>/gi)) {
    const attributes = readAttributes(match[1] as string);
    const href = attributes.get('href');
    if (href === undefined) continue;
    const url = absolute(href, base);
    if (url === null) continue;
    const hashIndex = url.indexOf('#');
    const hashes: Record<string, string> = {};
    if (hashIndex !== -1) {
      const fragment = /^([a-z0-9]+)=([0-9a-fA-F]+)$/.exec(url.slice(hashIndex + 1));
      if (fragment) hashes[fragment[1] as string] = fragment[2] as string;
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

function baseHref(body: string, pageUrl: string): string {
  const base = /<base\b([^>]*)>/i.exec(body);
  const href = base ? readAttributes(base[1] as string).get('href') : undefined;
  return (href !== undefined && absolute(href, pageUrl)) || pageUrl;
}

function readAttributes(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of text.matchAll(/([A-Za-z_:][-A-Za-z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    const value = match[2] ?? match[3] ?? match[4] ?? '';
    attributes.set((match[1] as string).toLowerCase(), unescapeHtml(value));
  }
  return attributes;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function unescapeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return NAMED_ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

/** The URL resolved against the page, without credentials; null when it is not a URL. */
function absolute(href: string, base: string): string | null {
  try {
    return withoutCredentials(new URL(href.trim(), base).href);
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
