// version-not-found: the project exists, but no release the pin admits does.

import type { RuleInfo } from '../../model.js';
import {
  absenceProven,
  admittedFiles,
  exactVersion,
  listedFiles,
  nearestReleases,
  pinFinding,
  type AnsweredSet,
  type IndexEmit,
} from '../index-facts.js';

export const RULE: RuleInfo = {
  id: 'version-not-found',
  severity: 'error',
  summary: "a pin no release on the install set's package indexes satisfies",
};

export function check(set: AnsweredSet, emit: IndexEmit): void {
  for (const answered of set.pins) {
    const found = answered.projects.filter((answer) => answer.status === 'found');
    if (found.length === 0 || !absenceProven(set, answered)) continue;
    const { pin } = answered;
    const exact = exactVersion(set, pin);
    const files = listedFiles(answered);
    // pip passes over yanked files unless the pin names the version exactly.
    const admitted = admittedFiles(set, answered, files).filter((listed) => exact !== null || listed.file.yanked === null);
    if (admitted.length > 0) continue;
    const nearest = nearestReleases(files, exact);
    emit(
      pinFinding(RULE, pin, {
        message:
          `${pin.shown}: no release of ${pin.requirement.name} on ${found.map((answer) => answer.page.source).join(', ')} satisfies ${pin.requirement.specifier}, ` +
          `so pip stops with "No matching distribution found". ` +
          (nearest.length > 0
            ? `The nearest releases are ${nearest.join(', ')}: pin one of them.`
            : 'The index lists no installable release of it.'),
        actual: pin.requirement.specifier,
        source: found[0]?.page.source ?? null,
      }),
    );
  }
}
