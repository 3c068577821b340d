// requires-python-mismatch: every file of the release the pin admits declares a Requires-Python
// that excludes each interpreter the set may install into, so pip skips them all.

import type { RuleInfo } from '../../model.js';
import { intersects } from '../../pep440/ranges.js';
import { admittedFiles, exactVersion, pinFinding, type AnsweredSet, type IndexEmit, type ListedFile } from '../index-facts.js';

export const RULE: RuleInfo = {
  id: 'requires-python-mismatch',
  severity: 'error',
  summary: "a pinned release whose Requires-Python excludes the install set's Python",
};

export function check(set: AnsweredSet, emit: IndexEmit): void {
  const python = set.plan.python === null ? null : set.specifiers.admits(set.plan.python);
  if (!python) return;
  for (const answered of set.pins) {
    const { pin } = answered;
    const exact = exactVersion(set, pin) !== null;
    const admitted = admittedFiles(set, answered).filter((listed) => exact || listed.file.yanked === null);
    if (admitted.length === 0) continue;
    const metadataPython = answered.metadata?.ok ? answered.metadata.metadata.requiresPython : null;
    const excluding: Array<{ listed: ListedFile; requires: string }> = [];
    for (const listed of admitted) {
      const requires = listed.file.requiresPython ?? (exact ? metadataPython : null);
      const admits = requires === null ? null : set.specifiers.admits(requires);
      // A file that says nothing (or nothing readable) may install: pip does not skip it.
      if (!admits || intersects(admits.set, python.set)) break;
      excluding.push({ listed, requires: requires as string });
    }
    if (excluding.length !== admitted.length) continue;
    const first = excluding[0] as { listed: ListedFile; requires: string };
    const releases = [...new Set(excluding.map((entry) => entry.listed.version.text))];
    emit(
      pinFinding(RULE, pin, {
        message:
          `${pin.shown}: ${pin.requirement.name} ${releases.slice(0, 3).join(', ')}${releases.length > 3 ? ', ...' : ''} requires Python ${first.requires} ` +
          `(Requires-Python on ${first.listed.source}), and this install set's Python is ${set.plan.python}, ` +
          `so pip skips every file of it and stops with "No matching distribution found". Pin a release that supports the set's Python, or change the Python.`,
        actual: pin.requirement.specifier,
        source: first.listed.source,
        ...(set.plan.pythonAt ? { related: [{ ...set.plan.pythonAt, message: `the install set's Python (${set.plan.python})` }] } : {}),
      }),
    );
  }
}
