// `# compat-guard: ignore[rule-a, rule-b]` silences those rules on one line. Written at the end of a
// line it covers that line; on a line of its own it covers the next line that is not blank or a
// comment (the only place a Dockerfile allows it inside a RUN continuation).

import type { Suppression } from '../model.js';
import { splitLines } from './text.js';

const MARKER = 'compat-guard:';
const DIRECTIVE = /#\s*compat-guard:\s*ignore\[([^\]]*)\]/;

/** The suppressions of a file's text. */
export function scanSuppressions(text: string): Suppression[] {
  // Most files have none: one search instead of a pass over every line.
  return text.includes(MARKER) ? scanLines(splitLines(text)) : [];
}

function scanLines(lines: readonly string[]): Suppression[] {
  const found: Suppression[] = [];
  let pending: string[] | null = null;
  for (let index = 0; index < lines.length; index++) {
    const text = lines[index] as string;
    const trimmed = text.trimStart();
    const isComment = trimmed.startsWith('#');
    const match = text.includes(MARKER) ? DIRECTIVE.exec(text) : null;
    if (match) {
      const rules = (match[1] as string)
        .split(',')
        .map((rule) => rule.trim())
        .filter(Boolean);
      if (isComment) pending = [...(pending ?? []), ...rules];
      else found.push({ line: index + 1, rules });
      continue;
    }
    if (pending && trimmed !== '' && !isComment) {
      found.push({ line: index + 1, rules: pending });
      pending = null;
    }
  }
  return mergeByLine(found);
}

function mergeByLine(suppressions: Suppression[]): Suppression[] {
  const byLine = new Map<number, Set<string>>();
  for (const { line, rules } of suppressions) {
    const set = byLine.get(line) ?? new Set<string>();
    for (const rule of rules) set.add(rule);
    byLine.set(line, set);
  }
  return [...byLine].sort((a, b) => a[0] - b[0]).map(([line, rules]) => ({ line, rules: [...rules] }));
}
