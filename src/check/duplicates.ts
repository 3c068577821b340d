// One package pinned more than once inside one install set (across its files too). Two specifiers no
// version satisfies both is a conflict pip cannot resolve; the same pin twice is noise. Specifiers
// that differ but overlap are not reported: pip installs a version both allow, and a constraints file
// narrowing a requirement is the normal way to pin. Pins under markers that cannot hold together
// (`python_version < "3.10"` and `>= "3.10"`) never meet, so they never conflict.

import type { Finding, RuleInfo } from '../model.js';
import type { SpecifierSet } from '../pep440/specifier.js';
import { compareReadOrder, profileAllows, type CheckContext, type Pin, type SetView } from './context.js';
import { makeFinding, requirementWith } from './finding-builder.js';
import type { FindingSink } from './finding-cap.js';
import { fit } from './versions.js';

export const DUPLICATE_RULES: readonly RuleInfo[] = [
  { id: 'conflicting-pin', severity: 'error', summary: 'two pins of one package in one install set that no version satisfies together' },
  { id: 'duplicate-pin', severity: 'notice', summary: 'the same package pinned identically twice in one install set' },
];

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
      if (conflicting) findings.push(conflict(context, later, conflicting));
      else if (
        identical &&
        identical !== later &&
        isPinned(later) &&
        writtenTogether(identical, later) &&
        meet(context, identical, later, python)
      ) {
        findings.push(duplicate(later, identical));
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
 * Whether two RUN commands are in different arms of one shell branch (`if … else`, `case`, `a || b`),
 * so that no run of the build executes both.
 */
export function branchesExclusive(first: readonly string[] | undefined, second: readonly string[] | undefined): boolean {
  if (first === undefined || second === undefined) return false;
  for (const place of first) {
    const colon = place.indexOf(':');
    const id = place.slice(0, colon + 1);
    if (second.some((other) => other.startsWith(id) && other !== place)) return true;
  }
  return false;
}

/**
 * Whether a repeated pin is one list written twice: the same file and, in a pyproject.toml, the same
 * group. The same pin in two files (a base file and a per-recipe one, a Dockerfile and the file it
 * installs) or in two optional-dependency groups (which a `dev` or `all` extra often repeats) is each
 * list being complete on its own, not noise to remove.
 */
function writtenTogether(earlier: Pin, later: Pin): boolean {
  return earlier.file === later.file && earlier.requirement.group === later.requirement.group;
}

/** Only a pin can be repeated: `pip install -U pip setuptools` in two RUNs names no version to keep in step. */
function isPinned(pin: Pin): boolean {
  return pin.requirement.specifier !== '';
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

function conflict(context: CheckContext, later: Pin, earlier: Pin): Finding {
  // Agree on the profile's pin when there is one; else on the earlier pin.
  const allowed = profileAllows(context, later.key, false);
  const target = allowed && fit(earlier.admits, allowed.admits.set) !== 'inside' ? allowed.specifier : earlier.requirement.specifier;
  const fix = requirementWith(later.requirement, target);
  return makeFinding({
    rule: 'conflicting-pin',
    severity: 'error',
    at: later.at,
    package: later.key,
    expected: target,
    actual: later.requirement.specifier,
    fix,
    related: [{ ...earlier.at, message: earlier.shown }],
    message: `${later.shown} conflicts with ${earlier.shown} at ${earlier.file}:${earlier.requirement.line}: no version satisfies both, so ${later.requirement.installer === 'conda' ? "conda's solver stops (UnsatisfiableError)" : 'pip stops with ResolutionImpossible'} (or, in separate RUN commands, the later install silently replaces the earlier). Pin ${fix} in both places, or delete one.`,
  });
}

function duplicate(later: Pin, earlier: Pin): Finding {
  return makeFinding({
    rule: 'duplicate-pin',
    severity: 'notice',
    at: later.at,
    package: later.key,
    expected: null,
    actual: later.requirement.specifier,
    fix: null,
    related: [{ ...earlier.at, message: earlier.shown }],
    message: `${later.shown} repeats ${earlier.shown} at ${earlier.file}:${earlier.requirement.line}; one of them can go, so that a later change cannot update one and miss the other.`,
  });
}
