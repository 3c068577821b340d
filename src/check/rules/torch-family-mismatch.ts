// torch-family-mismatch: torchvision or torchaudio is not the release built for the pinned torch
// (torch_family). Run by src/check/torch.ts for each torch pin: an exact pin against its companions'
// releases, a range against a companion pinned exactly.

import type { TorchRelease } from '../../matrix/types.js';
import type { RuleInfo } from '../../model.js';
import { contains } from '../../pep440/specifier.js';
import { parseVersion, type Version } from '../../pep440/version.js';
import type { CheckContext, Pin, SetView } from '../context.js';
import { makeFinding } from '../finding-builder.js';
import type { FindingSink } from '../finding-cap.js';
import { instead, pinSubject, sideToChange, type Subject } from '../subjects.js';
import { compareDotted, releaseKey } from '../versions.js';
import { fromImage } from '../image-pins.js';

export const RULE: RuleInfo = {
  id: 'torch-family-mismatch',
  severity: 'error',
  summary: 'torchvision or torchaudio is not the release built for the pinned torch',
};

export const COMPANIONS = ['torchvision', 'torchaudio'] as const;
export type Companion = (typeof COMPANIONS)[number];

export function checkCompanion(
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
          rule: RULE.id,
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
        rule: RULE.id,
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
export function checkCompanionForRange(
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
        rule: RULE.id,
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
