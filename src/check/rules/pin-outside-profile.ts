// pin-outside-profile: an exact pin outside the profile's specifier, or a range that admits none of
// its versions. Found by the pass in src/check/profile.ts.

import type { RuleInfo } from '../../model.js';
import type { Pin } from '../context.js';
import type { ProfileVerdict } from '../profile.js';

export const RULE: RuleInfo = {
  id: 'pin-outside-profile',
  severity: 'error',
  summary: "an exact pin outside the profile's specifier, or a range that admits none of its versions",
};

export function message(said: ProfileVerdict, pin: Pin): string {
  const what = pin.admits.exact ? 'is outside' : 'admits no version of';
  return `${said.subject.shown} ${what} profile ${said.profile} (${said.wanted}): ${said.reason}. ${said.advice}`;
}
