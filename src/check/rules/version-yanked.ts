// version-yanked: the exact pin selects a release whose every file the index has yanked (PEP 592).

import type { RuleInfo } from '../../model.js';
import { admittedFiles, exactVersion, pinFinding, type AnsweredSet, type IndexEmit } from '../index-facts.js';

export const RULE: RuleInfo = { id: 'version-yanked', severity: 'warning', summary: 'an exact pin of a release the index has yanked' };

export function check(set: AnsweredSet, emit: IndexEmit): void {
  for (const answered of set.pins) {
    const { pin } = answered;
    if (exactVersion(set, pin) === null) continue;
    const admitted = admittedFiles(set, answered);
    if (admitted.length === 0 || admitted.some((listed) => listed.file.yanked === null)) continue;
    const reason = admitted.map((listed) => listed.file.yanked).find((text) => text) ?? null;
    emit(
      pinFinding(RULE, pin, {
        message:
          `${pin.shown}: ${pin.requirement.name} ${admitted[0]?.version.text} is yanked on ${admitted[0]?.source}` +
          (reason ? ` ("${reason}")` : ' (no reason given)') +
          `. pip installs a yanked release only because it is pinned exactly, with a warning; it was withdrawn for a reason. Pin a release that is not yanked.`,
        actual: pin.requirement.specifier,
        source: admitted[0]?.source ?? null,
      }),
    );
  }
}
