// duplicate-pin: the same package pinned identically twice in one install set. The pass that finds
// identical variants that meet is src/check/duplicates.ts; this file decides which repeats are noise.

import type { Finding, RuleInfo } from '../../model.js';
import type { Pin } from '../context.js';
import { makeFinding } from '../finding-builder.js';

export const RULE: RuleInfo = {
  id: 'duplicate-pin',
  severity: 'notice',
  summary: 'the same package pinned identically twice in one install set',
};

/** Whether `later`, written the same way as `earlier`, is a repeat worth a notice. */
export function isNoisyRepeat(earlier: Pin, later: Pin): boolean {
  return earlier !== later && isPinned(later) && writtenTogether(earlier, later);
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

/** The notice on the later pin, the earlier one related. */
export function duplicateFinding(later: Pin, earlier: Pin): Finding {
  return makeFinding({
    rule: RULE.id,
    severity: RULE.severity,
    at: later.at,
    package: later.key,
    expected: null,
    actual: later.requirement.specifier,
    fix: null,
    related: [{ ...earlier.at, message: earlier.shown }],
    message: `${later.shown} repeats ${earlier.shown} at ${earlier.file}:${earlier.requirement.line}; one of them can go, so that a later change cannot update one and miss the other.`,
  });
}
