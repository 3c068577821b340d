// The profile's own pins: every package it pins, its Python and its CUDA, checked in each install
// set. An exact pin outside the profile, or a range that cannot meet it, is an error; a range that
// also admits versions outside it is a warning; no specifier at all for a package the profile pins
// is a warning (a constraints-file pin of the package in the same set counts as its pin).

import type { Profile } from '../matrix/types.js';
import type { RuleInfo } from '../model.js';
import { profileAllows, profileReason, type CheckContext, type SetView } from './context.js';
import { makeFinding } from './finding-builder.js';
import type { FindingSink } from './finding-cap.js';
import { cudaSubjects, instead, pinSubject, pythonSubjects, CUDA, PYTHON, type Subject } from './subjects.js';
import { fit } from './versions.js';
import { decidingPins } from './image-pins.js';

export const PROFILE_RULES: readonly RuleInfo[] = [
  {
    id: 'pin-outside-profile',
    severity: 'error',
    summary: "an exact pin outside the profile's specifier, or a range that admits none of its versions",
  },
  { id: 'range-wider-than-profile', severity: 'warning', summary: "a range that also admits versions outside the profile's specifier" },
  { id: 'unpinned', severity: 'warning', summary: 'a requirement without a version for a package the profile pins' },
  {
    id: 'python-outside-profile',
    severity: 'error',
    summary: "a stage's Python, or a pyproject's requires-python, outside the profile's python",
  },
  {
    id: 'cuda-outside-profile',
    severity: 'error',
    summary: "a base image's CUDA, a wheel index's cuXYZ or a +cuXYZ version outside the profile's cuda",
  },
];

export function checkProfileSet(context: CheckContext, view: SetView, findings: FindingSink): void {
  const profile = context.profile;
  if (!profile) return;
  checkPackages(context, profile, view, findings);
  checkPseudo(context, profile, pythonSubjects(view, context), PYTHON, 'python-outside-profile', findings);
  checkPseudo(context, profile, cudaSubjects(view, context), CUDA, 'cuda-outside-profile', findings);
}

function checkPackages(context: CheckContext, profile: Profile, view: SetView, findings: FindingSink): void {
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
      const advice = instead(subject, fix, allowed.specifier);
      if (verdict === 'unpinned') {
        findings.push(
          makeFinding({
            ...draft,
            rule: 'unpinned',
            severity: 'warning',
            message: `${subject.shown} has no version, so ${pin.requirement.installer ?? 'pip'} installs whatever is newest; profile ${profile.name} pins ${wanted}: ${reason}. ${advice}`,
          }),
        );
      } else if (verdict === 'outside') {
        const what = pin.admits.exact ? 'is outside' : 'admits no version of';
        findings.push(
          makeFinding({
            ...draft,
            rule: 'pin-outside-profile',
            severity: 'error',
            message: `${subject.shown} ${what} profile ${profile.name} (${wanted}): ${reason}. ${advice}`,
          }),
        );
      } else {
        findings.push(
          makeFinding({
            ...draft,
            rule: 'range-wider-than-profile',
            severity: 'warning',
            message: `${subject.shown} also admits versions outside profile ${profile.name} (${wanted}): ${reason}. ${advice}`,
          }),
        );
      }
    }
  }
}

/** Python and CUDA: only a version the profile cannot meet is reported; a library's wider range is normal. */
function checkPseudo(context: CheckContext, profile: Profile, subjects: Subject[], key: string, rule: string, findings: FindingSink): void {
  const allowed = profileAllows(context, key, true);
  if (!allowed) return;
  const reason = profileReason(profile, key);
  for (const subject of subjects) {
    if (fit(subject.admits, allowed.admits.set) !== 'outside') continue;
    const fix = subject.fixFor(allowed.specifier);
    findings.push(
      makeFinding({
        rule,
        severity: 'error',
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
