// Walking a YAML document node by node, so that every value keeps its line: aliases are followed and
// `<<` merge keys are looked into, as compose files use them to share build settings.

import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type YAMLMap } from 'yaml';

export interface YamlFile {
  doc: Document;
  lineCounter: LineCounter;
}

/** The document, or the line and message of its first syntax error. */
export function readYaml(text: string): { ok: true; file: YamlFile } | { ok: false; line: number; message: string } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text.replace(/\r(?!\n)/g, '\n'), { lineCounter, prettyErrors: false, uniqueKeys: false });
  const problem = doc.errors[0];
  if (problem !== undefined) {
    return {
      ok: false,
      line: lineCounter.linePos(Math.max(0, Math.min(problem.pos[0], text.length - 1))).line,
      message: problem.message.split('\n')[0] ?? '',
    };
  }
  return { ok: true, file: { doc, lineCounter } };
}

/** A node with its aliases followed (a bounded number of times: an alias cycle ends). */
export function resolved(file: YamlFile, node: unknown): Node | null {
  let current = node;
  for (let hops = 0; isAlias(current) && hops < 16; hops++) current = current.resolve(file.doc);
  return current === null || current === undefined || isAlias(current) ? null : (current as Node);
}

function asMap(file: YamlFile, node: unknown): YAMLMap | null {
  const found = resolved(file, node);
  return isMap(found) ? found : null;
}

/** The value under `key`, looking into `<<` merges after the map's own keys, as YAML merge keys mean. */
export function mapGet(file: YamlFile, node: unknown, key: string, depth = 0): Node | null {
  const map = asMap(file, node);
  if (map === null || depth > 8) return null;
  for (const pair of map.items) {
    if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key) return resolved(file, pair.value);
  }
  for (const pair of map.items) {
    if (!isPair(pair) || !isScalar(pair.key) || pair.key.value !== '<<') continue;
    const merged = resolved(file, pair.value);
    const sources = isSeq(merged) ? merged.items : [merged];
    for (const source of sources) {
      const found = mapGet(file, source, key, depth + 1);
      if (found !== null) return found;
    }
  }
  return null;
}

/** A map's entries (merged ones after its own), keys as strings. */
export function mapEntries(file: YamlFile, node: unknown, depth = 0): Array<[string, Node | null, Node | null]> {
  const map = asMap(file, node);
  if (map === null || depth > 8) return [];
  const own: Array<[string, Node | null, Node | null]> = [];
  const merged: Array<[string, Node | null, Node | null]> = [];
  for (const pair of map.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    if (pair.key.value === '<<') {
      const value = resolved(file, pair.value);
      for (const source of isSeq(value) ? value.items : [value]) merged.push(...mapEntries(file, source, depth + 1));
      continue;
    }
    own.push([String(pair.key.value), pair.key as Node, resolved(file, pair.value)]);
  }
  const seen = new Set(own.map(([key]) => key));
  return [...own, ...merged.filter(([key]) => !seen.has(key))];
}

export function seqItems(file: YamlFile, node: unknown): Node[] {
  const found = resolved(file, node);
  return isSeq(found) ? found.items.flatMap((item) => resolved(file, item) ?? []) : [];
}

/** A scalar as a string (numbers and booleans as YAML wrote them); null for anything else. */
export function scalarText(file: YamlFile, node: unknown): string | null {
  const found = resolved(file, node);
  if (!isScalar(found) || found.value === null || found.value === undefined) return null;
  if (typeof found.value === 'number' && found.source !== undefined && /^[0-9.]+$/.test(found.source)) return found.source;
  return String(found.value);
}

/** The 1-based line where a node starts. */
export function lineOf(file: YamlFile, node: unknown, fallback = 1): number {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range === undefined ? fallback : file.lineCounter.linePos(range[0]).line;
}

/** The 1-based line and column where a node starts. */
export function positionOf(file: YamlFile, node: unknown): { line: number; column: number } {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  if (range === undefined) return { line: 1, column: 1 };
  const { line, col } = file.lineCounter.linePos(range[0]);
  return { line, column: col };
}
