// The index rules (src/check/rules/), run on what the indexes answered for each install set; their
// findings go through the suppressions and de-duplication every finding goes through.

import type { Matrix } from '../matrix/types.js';
import type { Finding, ParsedFile, RuleInfo } from '../model.js';
import { compareFindings, dedupeFindings, makeFinding } from './finding-builder.js';
import { answerSet, type IndexAnswers, type IndexEmit } from './index-facts.js';
import type { SetPlan } from './index-plan.js';
import * as packageNotFound from './rules/package-not-found.js';
import * as versionNotFound from './rules/version-not-found.js';
import * as versionYanked from './rules/version-yanked.js';
import * as requiresPythonMismatch from './rules/requires-python-mismatch.js';
import * as noWheelForTarget from './rules/no-wheel-for-target.js';
import * as requiresDistConflict from './rules/requires-dist-conflict.js';
import { applySuppressions } from './suppress.js';
import { Specifiers } from './versions.js';

const RULES = [packageNotFound, versionNotFound, versionYanked, requiresPythonMismatch, noWheelForTarget, requiresDistConflict];

export const INDEX_RULES: RuleInfo[] = RULES.map((rule) => rule.RULE);

export function checkIndexAnswers(
  plans: readonly SetPlan[],
  answers: IndexAnswers,
  files: readonly ParsedFile[],
  matrix: Matrix,
): Finding[] {
  const findings: Finding[] = [];
  const emit: IndexEmit = (draft) => findings.push(makeFinding(draft));
  const specifiers = new Specifiers();
  // One set's answers at a time: what the rules read of a set goes once they have read it.
  for (const plan of plans) {
    const set = answerSet(plan, answers, specifiers);
    // The rules judge answered pins only: with no network or an empty cache no set has one, and a
    // one-file check need not compile the rules to learn it (about 0.3 ms of its start-up).
    if (set.pins.length === 0) continue;
    for (const rule of RULES) rule.check(set, emit);
  }
  return applySuppressions(dedupeFindings(findings), files, matrix.ignore).sort(compareFindings);
}

/**
 * The rules that already say why a `+cuXYZ` pin cannot be found, with the index that serves it: a
 * `version-not-found` on the same pin would say it twice, less precisely.
 */
const LOCAL_BUILD_RULES = new Set(['torch-index-label-mismatch', 'local-version-without-index', 'torch-cuda-variant-missing']);

/** The index findings, less each `version-not-found` on a pin that one of LOCAL_BUILD_RULES' findings names. */
export function withoutRestatedLocalBuilds(indexFindings: readonly Finding[], staticFindings: readonly Finding[]): Finding[] {
  const named = new Set<string>();
  for (const finding of staticFindings) {
    if (!LOCAL_BUILD_RULES.has(finding.rule) || finding.severity !== 'error') continue;
    named.add(`${finding.file}:${finding.line}:${finding.column}`);
    for (const related of finding.related ?? []) named.add(`${related.file}:${related.line}:${related.column ?? null}`);
  }
  return indexFindings.filter(
    (finding) => finding.rule !== versionNotFound.RULE.id || !named.has(`${finding.file}:${finding.line}:${finding.column}`),
  );
}
