// The pass behind conflicting-pin and duplicate-pin (src/check/rules/): one package pinned more than
// once inside one install set (across its files too). Two specifiers no version satisfies both is
// a conflict pip cannot resolve; the same pin twice is noise. Specifiers that differ but overlap are not reported: pip installs a version both allow, and a constraints file
// narrowing a requirement is the normal way to pin. Pins under markers that cannot hold together
// (`python_version < "3.10"` and `>= "3.10"`) never meet, so they never conflict.

import type { RuleInfo } from '../model.js';
import type { SpecifierSet } from '../pep440/specifier.js';
import { compareReadOrder, type CheckContext, type Pin, type SetView } from './context.js';
import type { FindingSink } from './finding-cap.js';
import { conflictFinding, RULE as CONFLICTING_PIN } from './rules/conflicting-pin.js';
import { duplicateFinding, isNoisyRepeat, RULE as DUPLICATE_PIN } from './rules/duplicate-pin.js';

export const DUPLICATE_RULES: readonly RuleInfo[] = [CONFLICTING_PIN, DUPLICATE_PIN];

/**
 * A package written more than this many different ways in one set is compared with its first
 * variants only: hostile input must not make the check quadratic.
 */
const MAX_VARIANTS_COMPARED = 64;

export function checkDuplicatesSet(context: CheckContext, view: SetView, findings: FindingSink): void {
  const python = view.python;
  for (const group of view.pinnedTwice()) {
    // "Later" is as pip reads them: an included file's pins come at the line that includes it.
    const pins = view.set.files.length > 1 ? [...group].sort((a, b) => compareReadOrder(view, a, b)) : group;
    // The first pin of each distinct (specifier, extras, marker), in order.
    const variants: Pin[] = [];
    for (const later of pins) {
      let conflicting: Pin | undefined;
      let identical: Pin | undefined;
      for (const earlier of variants) {
        if (!identical && sameVariant(earlier, later)) identical = earlier;
        if (!conflicting && meet(context, earlier, later, python) && !context.specifiers.overlap(earlier.admits, later.admits))
          conflicting = earlier;
      }
      if (conflicting) findings.push(conflictFinding(context, later, conflicting));
      else if (identical && isNoisyRepeat(identical, later) && meet(context, identical, later, python)) {
        findings.push(duplicateFinding(later, identical));
      }
      if (!identical && variants.length < MAX_VARIANTS_COMPARED) variants.push(later);
    }
  }
}

/** Can both pins be installed at once, with an interpreter of the set, by commands that both run? */
function meet(context: CheckContext, earlier: Pin, later: Pin, python: SpecifierSet | null): boolean {
  if (branchesExclusive(earlier.requirement.branches, later.requirement.branches)) return false;
  // conda installs its packages, then pip its list over them: pip replaces conda's version, neither fails.
  if (earlier.requirement.installer !== later.requirement.installer) return false;
  const first = earlier.requirement.marker;
  const second = later.requirement.marker;
  return (first === null && second === null) || context.markers.canHoldTogether([first, second], python);
}

/**
 * Whether two RUN commands are in different arms of one shell branch (`if ... else`, `case`, `a || b`),
 * so that no run of the build executes both.
 */
function branchesExclusive(first: readonly string[] | undefined, second: readonly string[] | undefined): boolean {
  if (first === undefined || second === undefined) return false;
  for (const place of first) {
    const colon = place.indexOf(':');
    const id = place.slice(0, colon + 1);
    if (second.some((other) => other.startsWith(id) && other !== place)) return true;
  }
  return false;
}

/** Same specifier, extras and marker: the same pin written twice. */
function sameVariant(a: Pin, b: Pin): boolean {
  const left = a.requirement;
  const right = b.requirement;
  return (
    left.specifier === right.specifier &&
    (left.marker ?? '') === (right.marker ?? '') &&
    left.extras.length === right.extras.length &&
    left.extras.every((extra, index) => extra === right.extras[index])
  );
}
