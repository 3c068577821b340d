// --resolve in the engine: pip's verdict on each set (src/resolve/run.ts), its failures as findings,
// and the resolved versions checked by the matrix and universal rules (src/check/resolve-verdict.ts).

import { runChecks } from '../check/index.js';
import type { ResolveJob } from '../check/resolve-plan.js';
import { checkResolutions, markResolved, pinsToRecheck, resolvedParse, resolvedPins } from '../check/resolve-verdict.js';
import type { Matrix, ProfileChoice } from '../matrix/types.js';
import type { Finding, ParseResult } from '../model.js';
import { resolveSets, type ResolveRunOptions, type ResolveSummary } from './run.js';

export interface ResolverOutcome {
  findings: Finding[];
  /** The static findings, less those a resolved finding of the same rule on the same line replaces. */
  statics: Finding[];
  summary: ResolveSummary;
}

export async function runResolver(
  parse: ParseResult,
  matrix: Matrix,
  jobs: readonly ResolveJob[],
  checked: { findings: Finding[]; profile: ProfileChoice | null },
  options: ResolveRunOptions,
): Promise<ResolverOutcome> {
  const run = await resolveSets(jobs, options);
  const findings = checkResolutions(run.sets, parse.files, matrix);
  // The check of the resolved versions runs under the profile the whole repository got (or none).
  const recheckMatrix = checked.profile ? matrix : { ...matrix, profile: null, profiles: {} };
  for (const set of run.sets) {
    const pins = resolvedPins(set);
    const installSet = parse.installSets.find((candidate) => candidate.id === set.job.setId);
    if (!pins || !installSet) continue;
    const recheck = pinsToRecheck(pins);
    if (recheck.length === 0) continue;
    const again = runChecks(resolvedParse(parse, installSet, recheck), recheckMatrix, { profile: checked.profile?.name ?? 'auto' });
    if (again.ok) findings.push(...markResolved(again.findings, recheck, set.job, checked.findings));
  }
  const replaced = (finding: Finding): boolean =>
    findings.some(
      (resolved) =>
        resolved.rule === finding.rule &&
        resolved.file === finding.file &&
        resolved.line === finding.line &&
        resolved.package === finding.package,
    );
  return { findings, statics: checked.findings.filter((finding) => !replaced(finding)), summary: run.summary };
}
