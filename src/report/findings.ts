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

/** The message and, on its own line, what to write instead: what an annotation says. */
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

/** What an annotation at `anchor` says about `finding`. */
export function annotationMessage(finding: Finding, anchor: Anchor | null): string {
  const text = messageWithFix(finding);
  return anchor?.reportedAt ? `${text}\nReported at ${anchor.reportedAt}.` : text;
}

/** `requirements.txt:12:1`, `requirements.txt:12`, `requirements.txt`, or null for no file. */
export function locationText(file: string | null, line?: number | null, column?: number | null): string | null {
  if (file === null) return null;
  if (line === null || line === undefined) return file;
  return column === null || column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
}

/** At most `max` characters, an ellipsis marking the cut. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** `1 error`, `2 errors`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `2 errors, 1 warning, 0 notices`. */
export function countsText(counts: SeverityCounts): string {
  return `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.notice, 'notice')}`;
}

// C0 and C1 control characters, DEL included: none of them belongs in one line of a report.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g;

/**
 * Text from the repository (paths, names, messages that quote them) on one line with no control
 * characters: a newline or an escape sequence in a file name must not forge a line of our output.
 */
export function oneLine(text: string): string {
  return text.replace(CONTROL, ' ');
}
