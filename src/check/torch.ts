// torch and its companions, from the facts tables: torchvision and torchaudio are built for one torch
// release (torch_family), each release supports a range of Python minors, and the PyTorch wheel
// index publishes a few CUDA variants per torch minor (torch_cuda). Checked when torch is pinned
// exactly; a range leaves pip free to pick a matching release, unless a companion pinned exactly
// needs a torch the range does not admit.

import type { Facts, TorchRelease } from '../matrix/types.js';
import type { RuleInfo } from '../model.js';
import { contains } from '../pep440/specifier.js';
import { parseVersion, type Version } from '../pep440/version.js';
import { factSpan, profileAllows, type CheckContext, type Pin, type SetView } from './context.js';
import { makeFinding, requirementText } from './finding-builder.js';
import type { FindingSink } from './finding-cap.js';
import { instead, pinSubject, setPythonSubjects, sideToChange, torchCudaSubjects, type Subject } from './subjects.js';
import { compareDotted, cudaLabel, fit, minorOf, releaseKey } from './versions.js';
import { checkLocalVersions, LOCAL_VERSION_WITHOUT_INDEX } from './rules/local-version-without-index.js';
import { decidingPins, fromImage } from './image-pins.js';

export const TORCH_RULES: readonly RuleInfo[] = [
  { id: 'torch-family-mismatch', severity: 'error', summary: 'torchvision or torchaudio is not the release built for the pinned torch' },
  {
    id: 'torch-python-unsupported',
    severity: 'error',
    summary: "the install set's Python is outside the pinned torch release's supported Python versions",
  },
  {
    id: 'torch-cuda-variant-missing',
    severity: 'error',
    summary:
      "the PyTorch wheel index publishes no build of the pinned torch for that CUDA version (a notice where the bundled list is not the index's complete list)",
  },
  { id: 'torch-index-label-mismatch', severity: 'error', summary: "a `+cuXYZ` pin that none of the install set's PyTorch indexes serves" },
  LOCAL_VERSION_WITHOUT_INDEX,
];

const COMPANIONS = ['torchvision', 'torchaudio'] as const;
type Companion = (typeof COMPANIONS)[number];

export function checkTorchSet(context: CheckContext, view: SetView, findings: FindingSink): void {
  const releases = torchReleases(context.matrix.facts);
  for (const torch of decidingPins(view, 'torch')) {
    // The facts are the PyPI wheels'; conda channels build their own (conda-forge for other Pythons and CUDAs).
    if (torch.requirement.installer === 'conda') continue;
    if (!torch.admits.exact && !torch.unpinned) {
      for (const companion of COMPANIONS) checkCompanionForRange(context, view, torch, companion, releases, findings);
      continue;
    }
    const release = torch.admits.exact ? releases.get(releaseKey(torch.admits.exact)) : undefined;
    if (!release) continue;
    const torchSubject = pinSubject(torch);
    for (const companion of COMPANIONS) checkCompanion(context, view, torchSubject, release, companion, releases, findings);
    checkPython(context, view, torchSubject, release, findings);
    // The image's torch is the build it ships, not one an index is asked for.
    if (!fromImage(torch)) checkCudaVariant(context, view, torch, findings);
  }
  checkIndexLabels(context, view, findings);
  checkLocalVersions(context, view, findings);
}

/**
 * `torch==2.1.2+cu121` installs only from an index that serves cu121 builds: plain PyPI has no
 * `+cuXYZ` wheels, so when every PyTorch index of the set serves another CUDA, pip finds no such
 * version. A set with no PyTorch CUDA index is left alone (the wheels may come from find-links).
 */
function checkIndexLabels(context: CheckContext, view: SetView, findings: FindingSink): void {
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
        rule: 'torch-index-label-mismatch',
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

const releaseTables = new WeakMap<Facts, Map<string, TorchRelease>>();

/** torch release (without trailing zeros) -> its row; built once per matrix. */
function torchReleases(facts: Facts): Map<string, TorchRelease> {
  let table = releaseTables.get(facts);
  if (!table) {
    table = new Map();
    for (const row of facts.torch) {
      const version = parseVersion(row.torch);
      if (version) table.set(releaseKey(version), row);
    }
    releaseTables.set(facts, table);
  }
  return table;
}

function checkCompanion(
  context: CheckContext,
  view: SetView,
  torch: Subject,
  release: TorchRelease,
  companion: Companion,
  releases: Map<string, TorchRelease>,
  findings: FindingSink,
): void {
  const expected = release[companion];
  const expectedVersion = expected === null ? null : parseVersion(expected);
  if (expected === null || !expectedVersion) return;
  const builtForThis = builtReleases(release, companion)
    .map(parseVersion)
    .filter((version): version is Version => version !== null);
  for (const pin of view.pinsOf(companion)) {
    if (pin.unpinned || pin.requirement.installer === 'conda') continue;
    const exact = pin.admits.exact;
    if (inSeries(expected, pin.admits.exact)) continue;
    // A local label (+cu121) names the build, not another release.
    const matches = builtForThis.some((version) =>
      exact ? releaseKey(exact) === releaseKey(version) : contains(pin.admits.set, version, { prereleases: true }),
    );
    if (matches) continue;
    const subject = pinSubject(pin);
    const source = context.matrix.facts.sources.torch;
    const fact = `torch ${release.torch} pairs with torchvision ${release.torchvision}${release.torchaudio === null ? '' : ` and torchaudio ${release.torchaudio}`}`;
    const builtFor = exact ? torchFor(releases, companion, releaseKey(exact)) : null;
    // The base image's torch is not rewritten: the companion is what to change.
    const imageTorch = torch.pin !== null && fromImage(torch.pin);
    if (builtFor && !imageTorch && sideToChange(context, subject, torch) === torch) {
      const fix = torch.fixFor(`==${builtFor.torch}`);
      findings.push(
        makeFinding({
          rule: 'torch-family-mismatch',
          severity: 'error',
          at: torch.at,
          package: 'torch',
          expected: `==${builtFor.torch}`,
          actual: torch.actual,
          fix,
          source,
          related: [{ ...subject.at, message: subject.shown }],
          message: `${torch.shown} does not match ${subject.shown}, which is built for torch ${builtFor.torch} (${source}); profile ${context.profile?.name} pins ${subject.shown}. ${instead(torch, fix, `==${builtFor.torch}`)}`,
        }),
      );
      continue;
    }
    const label = exact?.local ? `+${exact.local.join('.')}` : '';
    const wanted = inSeries(expected, null) ? `==${expected}.*` : `==${expected}`;
    const fix = subject.fixFor(wanted === `==${expected}` ? `${wanted}${label}` : wanted);
    // pip does not stop over the image's torch: it replaces it with the torch the companion requires.
    const outcome = imageTorch
      ? ` The base image ships ${torch.shown}, so pip replaces it with the torch ${subject.shown} requires, downloaded from the index: another build than the image's, and its CUDA may differ.`
      : '';
    findings.push(
      makeFinding({
        rule: 'torch-family-mismatch',
        severity: imageTorch ? 'warning' : 'error',
        at: subject.at,
        package: companion,
        expected: wanted,
        actual: subject.actual,
        fix,
        source,
        related: [{ ...torch.at, message: torch.shown }],
        message: `${subject.shown} is not built for ${torch.shown}: ${fact} (${source}).${outcome} ${instead(subject, fix, wanted)}`,
      }),
    );
  }
}

/**
 * A companion written as a series in torch_family.csv (`0.2`, two parts) is any release of it:
 * torchvision's own table pairs those old torch releases with a minor only (torchvision 0.2.x is pure
 * Python and pins no torch). A range is not judged against a series.
 */
function inSeries(expected: string, exact: Version | null): boolean {
  const series = expected.split('.');
  if (series.length !== 2) return false;
  return exact === null || series.every((part, index) => String(Number(part)) === String(exact.release[index] ?? 0));
}

/**
 * A torch range beside an exactly pinned companion: before torch 2.11 each torchvision and torchaudio
 * release requires one exact torch, so when the range admits none of the releases the companion was
 * built for, pip cannot install both. A range that admits one of them is fine. Not judged: a
 * companion the table does not know, a series row (`0.2`: pins no torch), and torchaudio >= 2.11,
 * which serves every later torch, releases past the table included.
 */
function checkCompanionForRange(
  context: CheckContext,
  view: SetView,
  torch: Pin,
  companion: Companion,
  releases: Map<string, TorchRelease>,
  findings: FindingSink,
): void {
  for (const pin of view.pinsOf(companion)) {
    const exact = pin.admits.exact;
    if (!exact || (companion === 'torchaudio' && compareDotted(releaseKey(exact), '2.11') >= 0)) continue;
    const builtFor = [...releases.values()].filter((row) =>
      builtReleases(row, companion).some((written) => {
        const version = inSeries(written, null) ? null : parseVersion(written);
        return version !== null && releaseKey(version) === releaseKey(exact);
      }),
    );
    if (builtFor.length === 0) continue;
    if (builtFor.some((row) => contains(torch.admits.set, row.torch, { prereleases: true }))) continue;
    const torchSubject = pinSubject(torch);
    const subject = pinSubject(pin);
    const admitted = [...releases.values()].filter((row) => contains(torch.admits.set, row.torch, { prereleases: true }));
    const newest = admitted.sort((a, b) => compareDotted(b.torch, a.torch))[0];
    const wanted = newest?.[companion] ?? null;
    const specifier = wanted === null ? null : inSeries(wanted, null) ? `==${wanted}.*` : `==${wanted}`;
    const fix = specifier === null ? null : subject.fixFor(specifier);
    const source = context.matrix.facts.sources.torch;
    const torches = builtFor.map((row) => row.torch).join(', ');
    findings.push(
      makeFinding({
        rule: 'torch-family-mismatch',
        severity: 'error',
        at: subject.at,
        package: companion,
        expected: specifier,
        actual: subject.actual,
        fix,
        source,
        related: [{ ...torchSubject.at, message: torchSubject.shown }],
        message: `${subject.shown} is built for torch ${torches}, which ${torchSubject.shown} does not admit, so pip cannot install both (${source}). ${fix ? `Pin ${fix} (built for torch ${newest?.torch}, the newest release the range admits) instead.` : `Widen ${torchSubject.shown} to admit torch ${torches}.`}`,
      }),
    );
  }
}

/** The newest torch release the companion version was built for. */
function torchFor(releases: Map<string, TorchRelease>, companion: Companion, companionRelease: string): TorchRelease | null {
  let found: TorchRelease | null = null;
  for (const row of releases.values()) {
    const built = builtReleases(row, companion).some((written) => {
      const version = parseVersion(written);
      return version !== null && releaseKey(version) === companionRelease;
    });
    if (built && (!found || compareDotted(row.torch, found.torch) > 0)) found = row;
  }
  return found;
}

/** Every release of the companion built for this torch: its row's, and the others the table lists for the same torch. */
function builtReleases(row: TorchRelease, companion: Companion): string[] {
  const written = row[companion];
  if (written === null) return [];
  return [written, ...((companion === 'torchvision' ? row.torchvisionAlso : row.torchaudioAlso) ?? [])];
}

function checkPython(context: CheckContext, view: SetView, torch: Subject, release: TorchRelease, findings: FindingSink): void {
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
          rule: 'torch-python-unsupported',
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
        rule: 'torch-python-unsupported',
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
        rule: 'torch-python-unsupported',
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

function checkCudaVariant(context: CheckContext, view: SetView, torch: Pin, findings: FindingSink): void {
  const exact = torch.admits.exact;
  if (!exact) return;
  const torchMinor = `${exact.release[0] ?? 0}.${exact.release[1] ?? 0}`;
  const variants = context.matrix.facts.torchCuda.find((row) => row.torch === torchMinor);
  if (!variants) return;
  const source = context.matrix.facts.sources.torchCuda;
  const published = variants.cuda.map(cudaLabel).join(', ');
  const torchText = pinSubject(torch).shown;
  for (const build of torchCudaSubjects(view, context)) {
    if (variants.cuda.includes(build.actual)) continue;
    const related = build.pin === torch ? [] : [{ ...torch.at, message: torchText }];
    if (!variants.complete) {
      // RELEASE.md lists the headline variants; the index serves more for some releases (2.10.0 as cu129).
      findings.push(
        makeFinding({
          rule: 'torch-cuda-variant-missing',
          severity: 'notice',
          at: build.at,
          package: build.pin?.key ?? null,
          expected: published,
          actual: cudaLabel(build.actual),
          source,
          related,
          message: `The ${cudaLabel(build.actual)} build of torch ${torchMinor} (${torchText}) is not verified: torch ${torchMinor}'s headline variants are ${published} (${source}), and the bundled list of ${context.matrix.facts.asOf.torchCuda ?? 'an unknown date'} is not the wheel index's complete list for it, which sometimes serves more. If pip finds no matching distribution, use one of those.`,
        }),
      );
      continue;
    }
    const replacement = preferredVariant(context, variants.cuda, build.actual);
    const fix = build.fixFor(`==${replacement}.*`);
    findings.push(
      makeFinding({
        rule: 'torch-cuda-variant-missing',
        severity: 'error',
        at: build.at,
        package: build.pin?.key ?? null,
        expected: published,
        actual: cudaLabel(build.actual),
        fix,
        source,
        related,
        message: `The PyTorch wheel index has no ${cudaLabel(build.actual)} build of torch ${torchMinor} (${torchText}): torch ${torchMinor} is published for ${published} and no other CUDA variant (${source}). ${instead(build, fix, `==${replacement}.*`)}`,
      }),
    );
  }
}

/** The variant to suggest: the profile's CUDA when published, else the newest of the same major, else the newest. */
function preferredVariant(context: CheckContext, published: readonly string[], wanted: string): string {
  const sorted = [...published].sort((a, b) => compareDotted(b, a));
  const profileCuda = profileAllows(context, 'cuda', true);
  const inProfile = profileCuda
    ? sorted.find((cuda) => {
        const admits = context.specifiers.version(cuda);
        return admits !== null && fit(admits, profileCuda.admits.set) !== 'outside';
      })
    : undefined;
  const sameMajor = sorted.find((cuda) => cuda.split('.')[0] === wanted.split('.')[0]);
  return inProfile ?? sameMajor ?? (sorted[0] as string);
}
