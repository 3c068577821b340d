// no-wheel-for-target: the pinned release publishes wheels, none of them for where the set
// installs (CPython of its version on Linux x86-64 with its image's glibc): pip builds the sdist
// (compilers, headers, minutes) or, without one, fails.

import type { RuleInfo } from '../../model.js';
import { parseWheelName } from '../../index/files.js';
import { admittedFiles, exactVersion, fitsTarget, pinFinding, type AnsweredSet, type IndexEmit } from '../index-facts.js';

export const RULE: RuleInfo = {
  id: 'no-wheel-for-target',
  severity: 'warning',
  summary: "a pinned release with wheels, none for the install set's Python and platform (an error when it has no sdist either)",
};

export function check(set: AnsweredSet, emit: IndexEmit): void {
  const { plan } = set;
  if (plan.glibc === null || plan.minors.length !== 1) return;
  for (const answered of set.pins) {
    const { pin } = answered;
    if (exactVersion(set, pin) === null) continue;
    const admitted = admittedFiles(set, answered);
    const wheels = admitted.filter((listed) => parseWheelName(listed.file.filename) !== null);
    // A release with no wheel at all is a plain sdist package: building it is how it always installs.
    if (wheels.length === 0 || wheels.some((listed) => fitsTarget(listed.file, plan))) continue;
    const sdist = admitted.length > wheels.length;
    // Without an image the platform is assumed (Linux x86-64): a warning, not a promise.
    const severity = sdist || !plan.imaged ? 'warning' : 'error';
    const release = `${pin.requirement.name} ${admitted[0]?.version.text}`;
    const target = `CPython ${plan.minors[0]} on manylinux x86-64 (glibc ${plan.glibc})`;
    emit(
      pinFinding(RULE, pin, {
        severity,
        message: sdist
          ? `${pin.shown}: ${release} has no wheel for ${target}, so pip builds it from its sdist: a compiler and the library's headers in the image, and minutes per build. Pin a release with a wheel for this Python, or change the Python.`
          : `${pin.shown}: ${release} has no wheel for ${target} and no sdist, so pip stops with "No matching distribution found". Pin a release with a wheel for this Python, or change the Python.`,
        actual: pin.requirement.specifier,
        source: admitted[0]?.source ?? null,
      }),
    );
  }
}
