// resolution-impossible: pip's own resolver, run for the set's target before the build, cannot
// install the set: its requirements and constraints conflict (transitively too), or a requirement
// has no release at all for the target. The finding quotes pip and sits on each side it names.

import type { RuleInfo } from '../../model.js';
import { conflictCauses, conflictSides, lineNamed, notFound, sourcesOnly } from '../pip-output.js';
import type { ResolvedSet, ResolveEmit } from '../resolve-verdict.js';

export const RULE: RuleInfo = {
  id: 'resolution-impossible',
  severity: 'error',
  summary: "pip's resolver, run for the install set's Python and platform, cannot install the set (pip's words quoted)",
};

export function check(set: ResolvedSet, emit: ResolveEmit): void {
  const { job } = set;
  // A target the set does not name is assumed: what pip does there is likely, not certain.
  const severity = job.assumed ? 'warning' : RULE.severity;
  const assumed = job.assumed ? ` (${job.assumed})` : '';
  for (const { step, result } of set.steps) {
    if (result.status !== 'failed') continue;
    const causes = conflictCauses(result.output);
    if (causes.length > 0) {
      const sides = conflictSides(result.output, step);
      const quoted = `"The conflict is caused by: ${causes.join('; ')}"`;
      for (const side of sides) {
        emit({
          rule: RULE.id,
          severity,
          at: side.at,
          package: side.key,
          message: `pip ${set.pip} cannot install this set for ${job.target}${assumed}: ${quoted}. Change one side's pin so that both can hold (pip names ${sides.map((other) => other.shown).join(', ')}).`,
          related: sides.filter((other) => other !== side).map((other) => ({ ...other.at, message: other.shown })),
        });
      }
      continue;
    }
    for (const missing of notFound(result.output)) {
      // A release that only has sources is the other rule's: pip would build it, not fail.
      if (sourcesOnly(result.output, missing.key).length > 0 || job.unprovable) continue;
      const line = lineNamed(step.requirements, missing.requirement) ?? step.requirements[0];
      if (!line) continue;
      const pulled = line.key === missing.key ? '' : ` (pulled in by this set's requirements; pip names ${missing.requirement})`;
      emit({
        rule: RULE.id,
        severity,
        at: line.at,
        package: line.key,
        message: `pip ${set.pip} finds nothing to install for ${missing.requirement} on ${job.target}${assumed}${pulled}: "${missing.words}". Pin a release that publishes a wheel for this Python and platform, or change the Python.`,
      });
    }
  }
}
