// conflicting-pin: two pins of one package in one install set that no version satisfies together.
// The pass that finds them (pins that meet, specifiers that do not overlap) is src/check/duplicates.ts.

import type { Finding, RuleInfo } from '../../model.js';
import { profileAllows, type CheckContext, type Pin } from '../context.js';
import { makeFinding, requirementWith } from '../finding-builder.js';
import { fit } from '../versions.js';

export const RULE: RuleInfo = {
  id: 'conflicting-pin',
  severity: 'error',
  summary: 'two pins of one package in one install set that no version satisfies together',
};

/** The finding on the later pin, the earlier one related. */
export function conflictFinding(context: CheckContext, later: Pin, earlier: Pin): Finding {
  // Agree on the profile's pin when there is one; else on the earlier pin.
  const allowed = profileAllows(context, later.key, false);
  const target = allowed && fit(earlier.admits, allowed.admits.set) !== 'inside' ? allowed.specifier : earlier.requirement.specifier;
  const fix = requirementWith(later.requirement, target);
  return makeFinding({
    rule: RULE.id,
    severity: RULE.severity,
    at: later.at,
    package: later.key,
    expected: target,
    actual: later.requirement.specifier,
    fix,
    related: [{ ...earlier.at, message: earlier.shown }],
    message: `${later.shown} conflicts with ${earlier.shown} at ${earlier.file}:${earlier.requirement.line}: no version satisfies both, so ${later.requirement.installer === 'conda' ? "conda's solver stops (UnsatisfiableError)" : 'pip stops with ResolutionImpossible'} (or, in separate RUN commands, the later install silently replaces the earlier). Pin ${fix} in both places, or delete one.`,
  });
}
