// range-wider-than-profile: a range that also admits versions outside the profile's specifier.
// Found by the pass in src/check/profile.ts.

import type { RuleInfo } from '../../model.js';
import type { ProfileVerdict } from '../profile.js';

export const RULE: RuleInfo = {
  id: 'range-wider-than-profile',
  severity: 'warning',
  summary: "a range that also admits versions outside the profile's specifier",
};

export function message(said: ProfileVerdict): string {
  return `${said.subject.shown} also admits versions outside profile ${said.profile} (${said.wanted}): ${said.reason}. ${said.advice}`;
}
