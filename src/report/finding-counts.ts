// Small facts about findings that every report format states the same way: how many of each
// severity, which are in scope, and how a location reads.

import type { Finding, Severity } from '../model.js';

export type SeverityCounts = Record<Severity, number>;

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, notice: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/**
 * A finding decides the result and is annotated unless a diff filter put it outside the change
 * (`inDiff: false`): outside a pull request, and in the CLI, every finding is in scope.
 */
export function isInScope(finding: Finding): boolean {
  return finding.inDiff !== false;
}

/** The message and, on its own line, what to write instead (SARIF's message; JSON escapes it). */
export function messageWithFix(finding: Finding): string {
  return finding.fix ? `${finding.message}\nFix: ${finding.fix}` : finding.message;
}

/** Where an annotation goes: the finding's own location, or a related one that is inside the change. */
export interface Anchor {
  file: string;
  /** null: the whole file. */
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
  /** Set when the anchor is a related location: where the finding itself was reported. */
  reportedAt?: string;
}

/** The finding's own location as an anchor; null when it belongs to no file. */
export function ownAnchor(finding: Finding): Anchor | null {
  if (finding.file === null) return null;
  return { file: finding.file, line: finding.line, column: finding.column, endLine: finding.endLine, endColumn: finding.endColumn };
}

/**
 * What an annotation at `anchor` says about `finding`: the message, the fix and where it was reported,
 * a line each, each line printable (the line breaks are ours, never the repository's).
 */
export function annotationMessage(finding: Finding, anchor: Anchor | null): string {
  const lines = [printable(finding.message)];
  if (finding.fix) lines.push(`Fix: ${printable(finding.fix)}`);
  if (anchor?.reportedAt) lines.push(`Reported at ${printable(anchor.reportedAt)}.`);
  return lines.join('\n');
}

/** `requirements.txt:12:1`, `requirements.txt:12`, `requirements.txt`, or null for no file. */
export function locationText(file: string | null, line?: number | null, column?: number | null): string | null {
  if (file === null) return null;
  if (line === null || line === undefined) return file;
  return column === null || column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
}

/** At most `max` characters, an ellipsis marking the cut. */
export function clip(text: string, max: number): string {
  // An escape, not the character: see __tests__/bundle.test.ts on the bundle's text.
  return text.length > max ? `${text.slice(0, max - 1)}\u2026` : text;
}

/**
 * A value from the environment or an input, quoted for a one-line error: cut at `max` characters,
 * quoted as JSON (a newline shows as \n), then made printable (JSON leaves bidirectional overrides).
 */
export function quotedValue(text: string, max: number): string {
  return printable(JSON.stringify(clip(text, max)));
}

/** `1 error`, `2 errors`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `2 errors, 1 warning, 0 notices`. */
export function countsText(counts: SeverityCounts): string {
  return `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.notice, 'notice')}`;
}

// Characters a terminal or a log viewer obeys instead of showing: C0 and C1 controls and DEL (colours,
// cursor moves, new lines, a terminal's title), the Unicode line and paragraph separators, and the
// bidirectional formatting characters (text shown in an order other than the one it has).
const NOT_SHOWN_AS_IS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const SHORT_ESCAPES: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * Text from the repository (paths, names, messages that quote them) for a person to read: on one line,
 * each control character shown as an escape, as Python's repr() writes it (`\x1b`, `\n`, `\u202e`).
 * A newline or an escape sequence in a file must neither forge a line of our output nor act on the
 * terminal, and it must not vanish either: the reader sees what the file holds.
 */
export function printable(text: string): string {
  return text.replace(NOT_SHOWN_AS_IS, (ch) => SHORT_ESCAPES[ch] ?? codeEscape(ch.charCodeAt(0)));
}

function codeEscape(code: number): string {
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
