// unpinned: a requirement without a version for a package the profile pins. Found by the pass in
// src/check/profile.ts.

import type { RuleInfo } from '../../model.js';
import type { Pin } from '../context.js';
import type { ProfileVerdict } from '../profile.js';

export const RULE: RuleInfo = {
  id: 'unpinned',
  severity: 'warning',
  summary: 'a requirement without a version for a package the profile pins',
};

export function message(said: ProfileVerdict, pin: Pin): string {
  return `${said.subject.shown} has no version, so ${pin.requirement.installer ?? 'pip'} installs whatever is newest; profile ${said.profile} pins ${said.wanted}: ${said.reason}. ${said.advice}`;
}
