// torch-python-unsupported: the install set's Python is outside the exactly pinned torch release's
// supported Python minors (torch_family). Run by src/check/torch.ts for each torch pin.

import type { TorchRelease } from '../../matrix/types.js';
import type { RuleInfo } from '../../model.js';
import { parseVersion } from '../../pep440/version.js';
import { factSpan, profileAllows, type CheckContext, type SetView } from '../context.js';
import { makeFinding } from '../finding-builder.js';
import type { FindingSink } from '../finding-cap.js';
import { instead, setPythonSubjects, sideToChange, type Subject } from '../subjects.js';
import { compareDotted, fit, minorOf } from '../versions.js';

export const RULE: RuleInfo = {
  id: 'torch-python-unsupported',
  severity: 'error',
  summary: "the install set's Python is outside the pinned torch release's supported Python versions",
};

export function check(context: CheckContext, view: SetView, torch: Subject, release: TorchRelease, findings: FindingSink): void {
  const supported = `>=${release.pythonMin},<${nextMinor(release.pythonMax)}`;
  const allowed = context.specifiers.admits(supported);
  if (!allowed) return;
  const source = context.matrix.facts.sources.torch;
  const pythons = setPythonSubjects(view, context);
  if (pythons.length === 0) movingPythonNotice(view, torch, release, supported, source, findings);
  for (const python of pythons) {
    if (fit(python.admits, allowed.set) !== 'outside') continue;
    const fact = `torch ${release.torch} supports Python ${release.pythonMin} to ${release.pythonMax} (${source})`;
    const profilePython = profileAllows(context, python.key, true);
    if (profilePython && sideToChange(context, torch, python) === python) {
      const fix = python.fixFor(profilePython.specifier);
      findings.push(
        makeFinding({
          rule: RULE.id,
          severity: 'error',
          at: python.at,
          package: null,
          expected: supported,
          actual: python.actual,
          fix,
          source,
          related: [{ ...torch.at, message: torch.shown }],
          message: `${python.shown} cannot run ${torch.shown}: ${fact}. ${instead(python, fix, profilePython.specifier)}`,
        }),
      );
      continue;
    }
    // A requires-python range names no one interpreter to find a release for.
    const minor = parseVersion(python.actual) ? minorOf(python.actual) : null;
    const replacement = minor ? nearestSupporting(context.matrix.facts.torch, release, minor) : null;
    const fix = replacement ? torch.fixFor(`==${replacement.torch}`) : null;
    findings.push(
      makeFinding({
        rule: RULE.id,
        severity: 'error',
        at: torch.at,
        package: 'torch',
        expected: supported,
        actual: python.actual,
        fix,
        source,
        related: [{ ...python.at, message: python.shown }],
        message: `${torch.shown} does not support ${python.shown}: ${fact}. ${fix ? `Pin ${fix} (the nearest release that supports it) instead.` : `Choose a torch release that supports it.`}`,
      }),
    );
  }
}

/**
 * `python:3-slim`, `python:latest`, `python` (no tag): the tag follows each new Python release, so the
 * interpreter is not fixed and the check cannot say whether this torch has a wheel for it. It says
 * so (a notice) instead of guessing.
 */
function movingPythonNotice(
  view: SetView,
  torch: Subject,
  release: TorchRelease,
  supported: string,
  source: string,
  findings: FindingSink,
): void {
  for (const { fact, file } of view.images) {
    const repository = fact.name.slice(fact.name.lastIndexOf('/') + 1);
    if (repository !== 'python' || fact.digest !== null || (fact.tag !== null && /^\d+\.\d+/.test(fact.tag))) continue;
    findings.push(
      makeFinding({
        rule: RULE.id,
        severity: 'notice',
        at: { file, span: factSpan(fact) },
        package: null,
        expected: supported,
        actual: fact.tag ?? 'latest',
        source,
        related: [{ ...torch.at, message: torch.shown }],
        message: `${fact.ref} names no Python minor: the tag moves to each new Python release, so whether ${torch.shown} (Python ${release.pythonMin} to ${release.pythonMax}) has a wheel for it is not checked (${source}). Pin the image to a Python minor, such as python:${release.pythonMax}-slim.`,
      }),
    );
  }
}

/** "3.11" -> "3.12". */
function nextMinor(minor: string): string {
  const [major, rest] = minor.split('.');
  return `${major}.${Number(rest ?? 0) + 1}`;
}

/** The torch release closest to `from` that supports Python `minor`: newer when Python is too new, older when too old. */
function nearestSupporting(rows: readonly TorchRelease[], from: TorchRelease, minor: string): TorchRelease | null {
  const tooNew = compareDotted(minor, from.pythonMax) > 0;
  const candidates = rows
    .filter((row) => compareDotted(row.pythonMin, minor) <= 0 && compareDotted(minor, row.pythonMax) <= 0)
    .filter((row) => (tooNew ? compareDotted(row.torch, from.torch) > 0 : compareDotted(row.torch, from.torch) < 0))
    .sort((a, b) => compareDotted(a.torch, b.torch));
  return (tooNew ? candidates[0] : candidates[candidates.length - 1]) ?? null;
}
