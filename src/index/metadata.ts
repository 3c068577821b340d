// Core metadata (METADATA in a wheel, the PEP 658 `.metadata` file, PKG-INFO in an sdist): an
// email-header block whose fields the rules read: Name, Version, Requires-Python, Requires-Dist.

import type { CoreMetadata } from './types.js';

export type MetadataParse =
  { ok: true; metadata: CoreMetadata; dynamic: string[]; metadataVersion: string | null } | { ok: false; reason: string };

export function parseCoreMetadata(text: string): MetadataParse {
  const fields = new Map<string, string[]>();
  let last: string[] | null = null;
  for (const line of text.split(/\r?\n/)) {
    // The header ends at the first blank line; the description may follow.
    if (line === '') break;
    if ((line.startsWith(' ') || line.startsWith('\t')) && last) {
      last[last.length - 1] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) return { ok: false, reason: `a metadata line is not "Field: value": ${JSON.stringify(line.slice(0, 80))}` };
    const name = line.slice(0, colon).trim().toLowerCase();
    last = fields.get(name) ?? [];
    last.push(line.slice(colon + 1).trim());
    fields.set(name, last);
  }
  const name = fields.get('name')?.[0];
  const version = fields.get('version')?.[0];
  if (!name || !version) return { ok: false, reason: 'the metadata has no Name or no Version' };
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
export function sdistMetadataUsable(parsed: Extract<MetadataParse, { ok: true }>): boolean {
  const [major, minor] = (parsed.metadataVersion ?? '0.0').split('.').map(Number) as [number, number];
  const recent = major > 2 || (major === 2 && minor >= 2);
  return recent && !parsed.dynamic.includes('requires-dist') && !parsed.dynamic.includes('requires-python');
}
