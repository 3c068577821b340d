// Which findings belong to the change under review: reviewdog's filter modes, exactly.
//   added         a line the pull request adds or changes
//   diff_context  a line inside one of its hunks (added or context lines)
//   file          anywhere in a file it touches
//   nofilter      everywhere
//   none          nothing is annotated; the step is still decided by the findings on added lines, so
//                 turning annotations off never turns the required check off
// Outside a pull request there is no change to filter against: every finding is in scope (and, but
// for `none`, annotated).
// A location spanning several lines is in when one of them is (reviewdog checks each line). A finding
// is in the diff when its own location or one of its `related` locations is; it is then annotated at
// the first of those that is in. A finding of no file (the runtime check's) is about the environment
// the change runs in, so it is always in; one of a file but no line is in when its file is.

import type { Finding } from '../model.js';
import { ownAnchor, locationText, type Anchor } from '../report/finding-counts.js';

export type AnnotateMode = 'added' | 'diff_context' | 'file' | 'nofilter' | 'none';
export const ANNOTATE_MODES: readonly AnnotateMode[] = ['added', 'diff_context', 'file', 'nofilter', 'none'];

export function parseAnnotateMode(text: string): AnnotateMode | null {
  return (ANNOTATE_MODES as readonly string[]).includes(text) ? (text as AnnotateMode) : null;
}

/** One file of the change, under its new path. */
export interface ChangedFile {
  /** Lines the change adds or modifies (new-file numbering). */
  added: Set<number>;
  /** Unchanged lines shown around them in the hunks. */
  context: Set<number>;
  /** The lines could not be read: every line counts as added (a finding is never dropped for it). */
  wholeFile: boolean;
}

/** New path -> what changed there. Deleted files are not in it. */
export type DiffIndex = ReadonlyMap<string, ChangedFile>;

export function emptyChangedFile(): ChangedFile {
  return { added: new Set(), context: new Set(), wholeFile: false };
}

/** A location as far as filtering goes. */
interface Span {
  file: string;
  line: number | null;
  endLine?: number | null;
}

/**
 * Whether `span` is inside the filter. `diff` null means there is no change to filter against (not a
 * pull request): everything is in, as in `nofilter`.
 */
export function isInFilter(span: Span, diff: DiffIndex | null, mode: AnnotateMode): boolean {
  if (diff === null || mode === 'nofilter') return true;
  const changed = diff.get(span.file);
  if (!changed) return false;
  if (mode === 'file' || changed.wholeFile || span.line === null) return true;
  const end = Math.max(span.line, span.endLine ?? span.line);
  return anyLineIn(changed.added, span.line, end) || (mode === 'diff_context' && anyLineIn(changed.context, span.line, end));
}

/** A finding marked in or out of the diff, with where to annotate it. */
export interface ScopedFinding {
  /** A copy with `inDiff` set. */
  finding: Finding;
  /**
   * Where it is annotated: its own location, else the first related location inside the filter.
   * null when it is out of the diff, or in it but of no file (nothing to anchor an annotation to).
   */
  anchor: Anchor | null;
}

function scopeFinding(finding: Finding, diff: DiffIndex | null, mode: AnnotateMode): ScopedFinding {
  const inScope = (anchor: Anchor | null): ScopedFinding => ({ finding: { ...finding, inDiff: true }, anchor });
  const own = ownAnchor(finding);
  if (own === null) return inScope(null);
  if (isInFilter(own, diff, mode)) return inScope(own);
  const related = (finding.related ?? []).find((location) => isInFilter(location, diff, mode));
  if (related) {
    return inScope({
      file: related.file,
      line: related.line,
      column: related.column ?? null,
      endLine: related.endLine ?? related.line,
      endColumn: related.endColumn ?? null,
      reportedAt: locationText(own.file, own.line, own.column) ?? own.file,
    });
  }
  return { finding: { ...finding, inDiff: false }, anchor: null };
}

const FILTER_TEXT: Record<AnnotateMode, string> = {
  added: 'findings on lines it adds or changes',
  diff_context: 'findings inside its hunks (changed lines and their context)',
  file: 'findings in files it touches',
  nofilter: 'every finding',
  none: 'findings on lines it adds or changes, not annotated',
};

/** `pull request #12: findings on lines it adds or changes (annotate: added)`. */
export function describeScope(pullRequest: number, mode: AnnotateMode): string {
  return `pull request #${pullRequest}: ${FILTER_TEXT[mode]} (annotate: ${mode})`;
}

/** Every finding scoped, in the original order. */
export function scopeFindings(findings: readonly Finding[], diff: DiffIndex | null, mode: AnnotateMode): ScopedFinding[] {
  return findings.map((finding) => scopeFinding(finding, diff, mode));
}

/** Whether any line in [start, end] is in `lines`; walks whichever of the two is smaller. */
function anyLineIn(lines: ReadonlySet<number>, start: number, end: number): boolean {
  if (end - start + 1 <= lines.size) {
    for (let line = start; line <= end; line++) if (lines.has(line)) return true;
    return false;
  }
  for (const line of lines) if (line >= start && line <= end) return true;
  return false;
}
