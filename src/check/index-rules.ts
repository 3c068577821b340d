// The index rules (src/check/rules/), run on what the indexes answered for each install set; their
// findings go through the suppressions and de-duplication every finding goes through.

import type { Matrix } from '../matrix/types.js';
import type { Finding, ParsedFile, RuleInfo } from '../model.js';
import { compareFindings, dedupeFindings, makeFinding } from './findings.js';
import type { AnsweredSet, IndexEmit } from './index-facts.js';
import * as packageNotFound from './rules/package-not-found.js';
import * as versionNotFound from './rules/version-not-found.js';
import * as versionYanked from './rules/version-yanked.js';
import * as requiresPythonMismatch from './rules/requires-python-mismatch.js';
import * as noWheelForTarget from './rules/no-wheel-for-target.js';
import * as requiresDistConflict from './rules/requires-dist-conflict.js';
import { applySuppressions } from './suppress.js';

const RULES = [packageNotFound, versionNotFound, versionYanked, requiresPythonMismatch, noWheelForTarget, requiresDistConflict];

export const INDEX_RULES: RuleInfo[] = RULES.map((rule) => rule.RULE);

export function checkIndexAnswers(sets: readonly AnsweredSet[], files: readonly ParsedFile[], matrix: Matrix): Finding[] {
  const findings: Finding[] = [];
  const emit: IndexEmit = (draft) => findings.push(makeFinding(draft));
  for (const set of sets) for (const rule of RULES) rule.check(set, emit);
  return applySuppressions(dedupeFindings(findings), files, matrix.ignore).sort(compareFindings);
}
