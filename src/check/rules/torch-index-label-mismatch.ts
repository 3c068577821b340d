// torch-index-label-mismatch: a `+cuXYZ` pin that none of the install set's PyTorch indexes serves.

import type { RuleInfo } from '../../model.js';
import type { CheckContext, SetView } from '../context.js';
import { makeFinding, requirementText } from '../finding-builder.js';
import type { FindingSink } from '../finding-cap.js';
import { instead, sideToChange, torchCudaSubjects, type Subject } from '../subjects.js';
import { cudaLabel } from '../versions.js';

export const RULE: RuleInfo = {
  id: 'torch-index-label-mismatch',
  severity: 'error',
  summary: "a `+cuXYZ` pin that none of the install set's PyTorch indexes serves",
};

/**
 * `torch==2.1.2+cu121` installs only from an index that serves cu121 builds: plain PyPI has no
 * `+cuXYZ` wheels, so when every PyTorch index of the set serves another CUDA, pip finds no such
 * version. A set with no PyTorch CUDA index is left alone (the wheels may come from find-links).
 */
export function check(context: CheckContext, view: SetView, findings: FindingSink): void {
  const builds = torchCudaSubjects(view, context);
  const indexes = builds.filter((build) => build.pin === null);
  if (indexes.length === 0) return;
  const served = new Set(indexes.map((index) => index.actual));
  const index = indexes[0] as Subject;
  for (const label of builds) {
    if (label.pin === null || served.has(label.actual)) continue;
    const blamed = sideToChange(context, label, index);
    const other = blamed === label ? index : label;
    const fix = blamed.fixFor(`==${other.actual}.*`);
    findings.push(
      makeFinding({
        rule: RULE.id,
        severity: 'error',
        at: blamed.at,
        package: label.pin.key,
        expected: cudaLabel(other.actual),
        actual: cudaLabel(blamed.actual),
        fix,
        related: [{ ...other.at, message: other.shown }],
        message: `${requirementText(label.pin.requirement)} asks for a ${cudaLabel(label.actual)} build, but this install set's PyTorch index serves ${[...served].map(cudaLabel).join(', ')} builds (${index.shown}): a +${cudaLabel(label.actual)} wheel is published only on the PyTorch index for ${cudaLabel(label.actual)} and plain PyPI has none, so pip finds no matching distribution. ${instead(blamed, fix, `==${other.actual}.*`)}`,
      }),
    );
  }
}
