// resolution-needs-sdist: pip's resolver, run wheels-only for the set's target, stops at a package
// whose only fitting files are source distributions. The build would compile it (running its build
// backend); the check runs none, so it says so and resolves the set no further.

import type { RuleInfo } from '../../model.js';
import { lineNamed, notFound, sourcesOnly } from '../pip-output.js';
import type { ResolvedSet, ResolveEmit } from '../resolve-verdict.js';

export const RULE: RuleInfo = {
  id: 'resolution-needs-sdist',
  severity: 'notice',
  summary:
    "pip would build a package of the install set from its sdist (no wheel for the set's Python and platform); not built, so the set is not resolved further",
};

export function check(set: ResolvedSet, emit: ResolveEmit): void {
  const { job } = set;
  for (const { step, result } of set.steps) {
    if (result.status !== 'failed') continue;
    for (const missing of notFound(result.output)) {
      const files = sourcesOnly(result.output, missing.key);
      if (files.length === 0) continue;
      const line = lineNamed(step.requirements, missing.requirement) ?? step.requirements[0];
      if (!line) continue;
      const pulled = line.key === missing.key ? '' : ` (which this set's requirements pull in)`;
      emit({
        rule: RULE.id,
        severity: RULE.severity,
        at: line.at,
        package: line.key,
        message: `${missing.requirement}${pulled} has no wheel for ${job.target}, only sources (${files.slice(0, 2).join(', ')}): the build compiles it (a compiler and headers in the image). compat-guard builds nothing, so the rest of this set is not resolved.`,
      });
    }
  }
}
