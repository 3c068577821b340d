// How every check builds, orders and de-duplicates its findings, so that all rule families speak
// the same way: the token to change, what to write instead, and the other location involved.

import type { Finding, RelatedLocation, Requirement, Severity, Span } from '../model.js';

/** The requirement as a user would write it with `specifier` instead of its own (marker kept). */
export function requirementWith(requirement: Requirement, specifier: string): string {
  const extras = requirement.extras.length > 0 ? `[${requirement.extras.join(',')}]` : '';
  const marker = requirement.marker ? `; ${requirement.marker}` : '';
  return `${requirement.name}${extras}${specifier}${marker}`;
}

/** The requirement as written, without its marker: what messages quote. */
export function requirementText(requirement: Requirement): string {
  const extras = requirement.extras.length > 0 ? `[${requirement.extras.join(',')}]` : '';
  return `${requirement.name}${extras}${requirement.specifier}`;
}

/** A location in a file: the token's span. */
export interface Place {
  file: string;
  span: Span;
}

export interface FindingDraft {
  rule: string;
  severity: Severity;
  message: string;
  at: Place;
  package: string | null;
  expected?: string | null;
  actual?: string | null;
  fix?: string | null;
  related?: Array<Place & { message?: string }>;
  source?: string | null;
}

export function makeFinding(draft: FindingDraft): Finding {
  const { span } = draft.at;
  const finding: Finding = {
    rule: draft.rule,
    severity: draft.severity,
    message: draft.message,
    file: draft.at.file,
    line: span.line,
    column: span.column,
    endLine: span.endLine,
    endColumn: span.endColumn,
    package: draft.package,
    expected: draft.expected ?? null,
    actual: draft.actual ?? null,
    fix: draft.fix ?? null,
  };
  if (draft.related && draft.related.length > 0) finding.related = draft.related.map(relatedLocation);
  if (draft.source) finding.source = draft.source;
  return finding;
}

function relatedLocation(place: Place & { message?: string }): RelatedLocation {
  const location: RelatedLocation = {
    file: place.file,
    line: place.span.line,
    column: place.span.column,
    endLine: place.span.endLine,
    endColumn: place.span.endColumn,
  };
  if (place.message) location.message = place.message;
  return location;
}

/** File, then line, then column, then rule, then message: the order people read findings in. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.file ?? '', b.file ?? '') ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    compareText(a.rule, b.rule) ||
    compareText(a.message, b.message)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The same problem reached through two install sets (a requirements file on its own and inside the
 * Dockerfile stage that installs it) is one finding; their related locations are merged.
 */
export function dedupeFindings(findings: readonly Finding[]): Finding[] {
  // The same problem is at the same place: each finding is compared with those at its place only
  // (cheaper than a key of every field for every finding of a large repository).
  const byFile = new Map<string, Map<string, Finding[]>>();
  const kept: Finding[] = [];
  for (const finding of findings) {
    let places = byFile.get(finding.file ?? NONE);
    if (!places) {
      places = new Map();
      byFile.set(finding.file ?? NONE, places);
    }
    const place = `${finding.line ?? NONE}:${finding.column ?? NONE}`;
    let atPlace = places.get(place);
    if (!atPlace) {
      atPlace = [];
      places.set(place, atPlace);
    }
    const same = atPlace.find((other) => sameProblem(other, finding));
    if (!same) {
      atPlace.push(finding);
      kept.push(finding);
      continue;
    }
    for (const location of finding.related ?? []) {
      const related = same.related ?? (same.related = []);
      if (!related.some((other) => other.file === location.file && other.line === location.line && other.column === location.column)) {
        related.push(location);
      }
    }
  }
  return kept;
}

/** An absent field, as a key: absent, null and empty are alike. */
const NONE = '';

/** Same rule, span and package, and the same fix for it (at the same file, line and column); the message may differ. */
function sameProblem(a: Finding, b: Finding): boolean {
  const alike = (x: string | number | null | undefined, y: string | number | null | undefined): boolean => (x ?? NONE) === (y ?? NONE);
  return (
    a.rule === b.rule &&
    alike(a.endLine, b.endLine) &&
    alike(a.endColumn, b.endColumn) &&
    alike(a.package, b.package) &&
    alike(a.expected, b.expected) &&
    alike(a.actual, b.actual) &&
    alike(a.fix, b.fix)
  );
}
