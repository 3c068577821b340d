// The check stage: facts (a ParseResult) and a matrix in, findings out. Pure: no file system, no
// network, no @actions. Each rule family lives in its own file; this one picks the profile, runs
// them all set by set, and applies what every finding goes through (suppressions, de-duplication,
// order).

import type { Matrix, ProfileChoice } from '../matrix/types.js';
import type { Finding, ParseResult, RuleInfo } from '../model.js';
import { buildContext, SetView } from './context.js';
import { checkCudaImages, checkCudaSet, CUDA_RULES } from './cuda.js';
import { checkDuplicatesSet, DUPLICATE_RULES } from './duplicates.js';
import { FindingCap } from './finding-cap.js';
import { compareFindings, dedupeFindings } from './finding-builder.js';
import { checkMatrixRulesSet } from './matrix-rules.js';
import { RUNTIME_RULES } from '../runtime/rules.js';
import { checkProfilePackages } from './profile.js';
import * as pinOutsideProfile from './rules/pin-outside-profile.js';
import * as rangeWiderThanProfile from './rules/range-wider-than-profile.js';
import * as unpinned from './rules/unpinned.js';
import * as pythonOutsideProfile from './rules/python-outside-profile.js';
import * as cudaOutsideProfile from './rules/cuda-outside-profile.js';
import { selectProfile } from './profile-select.js';
import { checkUnknownRuleIds, RULE as UNKNOWN_RULE_ID } from './rules/unknown-rule-id.js';
import { RULE as PARSE_ERROR } from './rules/parse-error.js';
import { applySuppressions } from './suppress.js';
import { checkTorchSet, TORCH_RULES } from './torch.js';
import { RULE as SHELL_REDIRECT_RULE } from './rules/shell-redirect-in-requirement.js';
import { INDEX_RULES } from './index-rules.js';
import { filesWithUnknownIndexes, planIndexSet, type IndexPlanOptions, type SetPlan } from './index-plan.js';
import { VARIANT_RULES } from './variants.js';
import { Specifiers } from './versions.js';
import { planResolve, type ResolveJob } from './resolve-plan.js';
import { RESOLVE_RULES } from './resolve-verdict.js';
import * as remoteFileConflict from './rules/remote-file-conflict.js';

export { compareFindings } from './finding-builder.js';

/** Built-in rule ids; the matrix's `rules:` add their own. */
export const RULES: RuleInfo[] = [
  pinOutsideProfile.RULE,
  rangeWiderThanProfile.RULE,
  unpinned.RULE,
  pythonOutsideProfile.RULE,
  cudaOutsideProfile.RULE,
  ...TORCH_RULES,
  ...CUDA_RULES,
  ...DUPLICATE_RULES,
  SHELL_REDIRECT_RULE,
  remoteFileConflict.RULE,
  ...INDEX_RULES,
  ...RESOLVE_RULES,
  ...VARIANT_RULES,
  PARSE_ERROR,
  UNKNOWN_RULE_ID,
];

export interface RunChecksOptions {
  /** A profile name, or `auto`. */
  profile: string;
  /** Who named an explicit profile, for the reason shown with it; default `--profile`. */
  profileNamedBy?: string;
  /** Also plan the index checks of each set (src/check/index-plan.ts). */
  indexPlan?: IndexPlanOptions;
  /** Also plan pip's resolver for each set (src/check/resolve-plan.ts); needs indexPlan. */
  resolvePlan?: boolean;
  /** The profile an earlier check of the same repository chose (null: none), used as it is: build variants are checked under it. */
  sameProfileAs?: ProfileChoice | null;
  /** The fleet's NVIDIA driver from --driver or the `driver` input: wins over the matrix file's `driver:`. */
  driver?: string;
  /** Who named it, for messages; default `--driver`. */
  driverNamedBy?: string;
}

export type ChecksOutcome =
  | { ok: true; findings: Finding[]; profile: ProfileChoice | null; indexPlans?: SetPlan[]; resolveJobs?: ResolveJob[] }
  | { ok: false; error: string };

export function runChecks(parse: ParseResult, bundledAndRepository: Matrix, options: RunChecksOptions): ChecksOutcome {
  const matrix: Matrix =
    options.driver === undefined
      ? bundledAndRepository
      : { ...bundledAndRepository, driver: { version: options.driver, origin: { file: options.driverNamedBy ?? '--driver', line: 0 } } };
  // Shared so that each distinct specifier text is parsed once in the whole run.
  const specifiers = new Specifiers();
  const selection =
    options.sameProfileAs === undefined
      ? selectProfile(parse, matrix, options.profile, options.profileNamedBy, specifiers)
      : options.sameProfileAs === null
        ? { ok: true as const, profile: null, choice: null }
        : { ...selectProfile(parse, matrix, options.sameProfileAs.name, undefined, specifiers), choice: options.sameProfileAs };
  if (!selection.ok) return selection;
  const context = buildContext(parse, matrix, selection.profile, specifiers);
  // One list per family, joined in this order: de-duplication keeps the first of equal findings.
  const profile: Finding[] = [];
  const rules: Finding[] = [];
  const torch: Finding[] = [];
  const cuda: Finding[] = [];
  const duplicates: Finding[] = [];
  const cap = new FindingCap();
  const toProfile = cap.into(profile);
  const toRules = cap.into(rules);
  const toTorch = cap.into(torch);
  const toCuda = cap.into(cuda);
  const toDuplicates = cap.into(duplicates);
  checkCudaImages(context, toCuda);
  const indexPlans: SetPlan[] = [];
  const resolveJobs: ResolveJob[] = [];
  const unknownIndexFiles = options.indexPlan ? filesWithUnknownIndexes(parse.diagnostics, options.indexPlan.configuredFiles) : null;
  for (const set of parse.installSets) {
    const view = new SetView(set, context);
    checkProfilePackages(context, view, toProfile);
    pythonOutsideProfile.check(context, view, toProfile);
    cudaOutsideProfile.check(context, view, toProfile);
    checkMatrixRulesSet(context, view, toRules);
    checkTorchSet(context, view, toTorch);
    checkCudaSet(context, view, toCuda);
    checkDuplicatesSet(context, view, toDuplicates);
    if (options.indexPlan && unknownIndexFiles) {
      const plan = planIndexSet(context, view, options.indexPlan, unknownIndexFiles);
      indexPlans.push(plan);
      const job = options.resolvePlan ? planResolve(context, view, plan) : null;
      if (job) resolveJobs.push(job);
    }
  }
  const unknownIds = checkUnknownRuleIds(parse.files, matrix, [...RULES, ...RUNTIME_RULES]);
  const findings = [...profile, ...rules, ...torch, ...cuda, ...duplicates, ...cap.summaries(), ...unknownIds];
  const kept = applySuppressions(dedupeFindings(findings), parse.files, matrix.ignore);
  const outcome: ChecksOutcome = { ok: true, findings: kept.sort(compareFindings), profile: selection.choice };
  if (options.indexPlan) outcome.indexPlans = indexPlans;
  if (options.resolvePlan) outcome.resolveJobs = resolveJobs;
  return outcome;
}
