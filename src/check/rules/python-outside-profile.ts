// python-outside-profile: a stage's Python, or a pyproject's requires-python, outside the profile's
// python. Only a version the profile cannot meet is reported: a library's wider range is normal.

import type { RuleInfo } from '../../model.js';
import type { CheckContext, SetView } from '../context.js';
import type { FindingSink } from '../finding-cap.js';
import { checkOutsideProfile } from '../profile.js';
import { pythonSubjects, PYTHON } from '../subjects.js';

export const RULE: RuleInfo = {
  id: 'python-outside-profile',
  severity: 'error',
  summary: "a stage's Python, or a pyproject's requires-python, outside the profile's python",
};

export function check(context: CheckContext, view: SetView, findings: FindingSink): void {
  if (!context.profile) return;
  checkOutsideProfile(context, pythonSubjects(view, context), PYTHON, RULE, findings);
}
