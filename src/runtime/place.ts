// Where a runtime finding goes: on the line of the pin that installed the package, with the package's
// other pins related, or on no line (the runner, the driver) pointing at the pins it concerns.

import { makeFinding, type Place } from '../check/finding-builder.js';
import type { Finding, RelatedLocation, Requirement } from '../model.js';

/** A requirement and the file it is written in. */
export interface RequirementInFile {
  file: string;
  requirement: Requirement;
}

export type Draft = Omit<Finding, 'file' | 'line' | 'column' | 'endLine' | 'endColumn' | 'origin'>;

/** At most this many other pins of the same package ride along as related locations. */
const MAX_RELATED = 10;

/** A runtime finding on the first pin's line, the package's other pins related; on no line without pins. */
export function runtimeFinding(draft: Draft, pins: readonly RequirementInFile[] | undefined): Finding {
  const [first, ...others] = pins ?? [];
  if (first === undefined) return unplacedFinding(draft);
  const finding = makeFinding({ ...draft, at: pinPlace(first), related: others.slice(0, MAX_RELATED).map(pinPlace) });
  finding.origin = 'runtime';
  return finding;
}

function pinPlace(pin: RequirementInFile): Place {
  return { file: pin.file, span: pin.requirement };
}

export function relatedOf(pins: readonly RequirementInFile[] | undefined): RelatedLocation[] {
  return (pins ?? []).slice(0, MAX_RELATED).map(({ file, requirement }) => ({
    file,
    line: requirement.line,
    column: requirement.column,
    endLine: requirement.endLine,
    endColumn: requirement.endColumn,
  }));
}

/** Findings on no line (the runner, the driver), pointing at the pins they concern. */
export function unplacedFinding(draft: Draft, related: RelatedLocation[] = []): Finding {
  const finding: Finding = { ...draft, file: null, line: null, column: null, endLine: null, endColumn: null, origin: 'runtime' };
  if (related.length > 0) finding.related = related;
  return finding;
}
