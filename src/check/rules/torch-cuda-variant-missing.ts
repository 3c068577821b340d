// torch-cuda-variant-missing: the PyTorch wheel index publishes no build of the exactly pinned torch
// for that CUDA version (torch_cuda). Run by src/check/torch.ts for each torch pin not from the base
// image.

import type { RuleInfo } from '../../model.js';
import { profileAllows, type CheckContext, type Pin, type SetView } from '../context.js';
import { makeFinding } from '../finding-builder.js';
import type { FindingSink } from '../finding-cap.js';
import { instead, pinSubject, torchCudaSubjects } from '../subjects.js';
import { compareDotted, cudaLabel, fit } from '../versions.js';

export const RULE: RuleInfo = {
  id: 'torch-cuda-variant-missing',
  severity: 'error',
  summary:
    "the PyTorch wheel index publishes no build of the pinned torch for that CUDA version (a notice where the bundled list is not the index's complete list)",
};

export function check(context: CheckContext, view: SetView, torch: Pin, findings: FindingSink): void {
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
          rule: RULE.id,
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
        rule: RULE.id,
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
