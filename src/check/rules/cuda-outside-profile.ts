// cuda-outside-profile: a base image's CUDA, a wheel index's cuXYZ or a +cuXYZ version outside the
// profile's cuda. Only a version the profile cannot meet is reported.

import type { RuleInfo } from '../../model.js';
import type { CheckContext, SetView } from '../context.js';
import type { FindingSink } from '../finding-cap.js';
import { checkOutsideProfile } from '../profile.js';
import { cudaSubjects, CUDA } from '../subjects.js';

export const RULE: RuleInfo = {
  id: 'cuda-outside-profile',
  severity: 'error',
  summary: "a base image's CUDA, a wheel index's cuXYZ or a +cuXYZ version outside the profile's cuda",
};

export function check(context: CheckContext, view: SetView, findings: FindingSink): void {
  if (!context.profile) return;
  checkOutsideProfile(context, cudaSubjects(view, context), CUDA, RULE, findings);
}
