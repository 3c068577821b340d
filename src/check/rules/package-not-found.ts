// package-not-found: no index of the set has the project at all.

import type { RuleInfo } from '../../model.js';
import { absenceProven, pinFinding, type AnsweredSet, type IndexEmit } from '../index-facts.js';

export const RULE: RuleInfo = {
  id: 'package-not-found',
  severity: 'error',
  summary: "a pinned project that none of the install set's package indexes has",
};

export function check(set: AnsweredSet, emit: IndexEmit): void {
  for (const answered of set.pins) {
    if (!absenceProven(set, answered) || !answered.projects.every((answer) => answer.status === 'missing')) continue;
    const { pin } = answered;
    const where = answered.projects.map((answer) => answer.source).join(', ');
    emit(
      pinFinding(RULE, pin, {
        message:
          `${pin.shown}: no project "${pin.requirement.name}" on ${where}, so pip stops with "No matching distribution found". ` +
          `A typo, or a package published elsewhere (name that index with --extra-index-url). ` +
          `Anyone may register this name on a public index: fix the name before a build installs whatever is published under it.`,
        source: answered.projects[0]?.source ?? null,
      }),
    );
  }
}
