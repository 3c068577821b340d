// The profile's own pins, checked in each install set: the passes behind the profile rules in
// src/check/rules/ (pin-outside-profile, range-wider-than-profile, unpinned, python-outside-profile,
// cuda-outside-profile). An exact pin outside the profile, or a range that cannot meet it, is an
// error; a range that also admits versions outside it is a warning; no specifier at all for a
// package the profile pins is a warning (a constraints-file pin of the package in the same set
// counts as its pin).

import type { RuleInfo } from '../model.js';
import { profileAllows, profileReason, type CheckContext, type SetView } from './context.js';
import { makeFinding } from './finding-builder.js';
import type { FindingSink } from './finding-cap.js';
import { instead, pinSubject, type Subject } from './subjects.js';
import { fit } from './versions.js';
import { decidingPins } from './image-pins.js';
import * as pinOutsideProfile from './rules/pin-outside-profile.js';
import * as rangeWiderThanProfile from './rules/range-wider-than-profile.js';
import * as unpinned from './rules/unpinned.js';

/** Every package the profile pins, against its pins in the set: one of three rules, or nothing. */
export function checkProfilePackages(context: CheckContext, view: SetView, findings: FindingSink): void {
  const profile = context.profile;
  if (!profile) return;
  for (const key of Object.keys(profile.packages)) {
    const pins = decidingPins(view, key);
    const allowed = pins.length > 0 ? profileAllows(context, key, false) : null;
    if (!allowed) continue;
    const reason = profileReason(profile, key);
    const pinnedSomewhere = pins.some((pin) => !pin.unpinned);
    const wanted = `${key}${allowed.specifier}`;
    for (const pin of pins) {
      if (pin.unpinned && pinnedSomewhere) continue;
      const verdict = pin.unpinned ? 'unpinned' : fit(pin.admits, allowed.admits.set);
      if (verdict === 'inside') continue;
      const subject = pinSubject(pin);
      const fix = subject.fixFor(allowed.specifier);
      const draft = { at: pin.at, package: key, expected: allowed.specifier, fix, actual: pin.unpinned ? null : pin.requirement.specifier };
      const said: ProfileVerdict = { subject, profile: profile.name, wanted, reason, advice: instead(subject, fix, allowed.specifier) };
      const rule = verdict === 'unpinned' ? unpinned : verdict === 'outside' ? pinOutsideProfile : rangeWiderThanProfile;
      findings.push(
        makeFinding({
          ...draft,
          rule: rule.RULE.id,
          severity: rule.RULE.severity,
          message: rule.message(said, pin),
        }),
      );
    }
  }
}

/** Python and CUDA: only a version the profile cannot meet is reported; a library's wider range is normal. */
export function checkOutsideProfile(context: CheckContext, subjects: Subject[], key: string, rule: RuleInfo, findings: FindingSink): void {
  const profile = context.profile;
  if (!profile) return;
  const allowed = profileAllows(context, key, true);
  if (!allowed) return;
  const reason = profileReason(profile, key);
  for (const subject of subjects) {
    if (fit(subject.admits, allowed.admits.set) !== 'outside') continue;
    const fix = subject.fixFor(allowed.specifier);
    findings.push(
      makeFinding({
        rule: rule.id,
        severity: rule.severity,
        at: subject.at,
        package: subject.pin?.key ?? null,
        expected: allowed.specifier,
        actual: subject.actual,
        fix,
        message: `${subject.shown} is outside profile ${profile.name} (${key}${allowed.specifier}): ${reason}. ${instead(subject, fix, allowed.specifier)}`,
      }),
    );
  }
}

/** What a profile rule's message says about one pin. */
export interface ProfileVerdict {
  subject: Subject;
  /** The profile's name. */
  profile: string;
  /** The package with the profile's specifier, e.g. `torch==2.5.1`. */
  wanted: string;
  /** Why the profile pins it. */
  reason: string;
  /** What to write instead. */
  advice: string;
}
