// cuda-torch-build-mismatch: the CUDA image's toolkit differs from the CUDA build of the torch wheels
// the stage installs. torch wheels bundle their own CUDA runtime, so the image's CUDA only matters to
// nvcc, which torch's cpp_extension refuses when its major version differs from torch.version.cuda
// (and warns about on a minor difference). Run by src/check/cuda.ts for each install set.

import type { Finding, ImageRef, RuleInfo, Severity } from '../../model.js';
import { profileAllows, type CheckContext, type InFile, type SetView } from '../context.js';
import { cudaTagIndex, isNvidiaCudaImage, parseCudaTag, withTag, type CudaTag } from '../cuda-tags.js';
import { makeFinding } from '../finding-builder.js';
import type { FindingSink } from '../finding-cap.js';
import { instead, nvidiaImageSubject, sideToChange, type Subject } from '../subjects.js';

export const RULE: RuleInfo = {
  id: 'cuda-torch-build-mismatch',
  severity: 'error',
  summary: "the CUDA image's toolkit differs from the CUDA build of the torch wheels the stage installs",
};

/** Where torch decides whether nvcc suits its CUDA build. */
const CPP_EXTENSION_SOURCE = 'https://github.com/pytorch/pytorch/blob/main/torch/utils/cpp_extension.py';

/** Each nvidia/cuda image of the set against each torch CUDA build (`fromPypi`: the one build is PyPI's). */
export function check(context: CheckContext, view: SetView, builds: readonly Subject[], fromPypi: boolean, findings: FindingSink): void {
  for (const image of view.images) {
    if (!isNvidiaCudaImage(image.fact)) continue;
    // PyPI's aarch64 torch wheels are not the CUDA build its x86_64 ones are.
    if (fromPypi && image.fact.platform && !image.fact.platform.includes('amd64')) continue;
    const subject = nvidiaImageSubject(image, context);
    const tag = image.fact.tag === null ? null : parseCudaTag(image.fact.tag);
    if (!subject || !tag) continue;
    for (const build of builds) {
      const difference = cudaDifference(tag.minor, build.actual);
      if (difference === null) continue;
      findings.push(buildMismatch(context, image, subject, tag, build, difference));
    }
  }
}

function cudaDifference(imageMinor: string, buildMinor: string): 'major' | 'minor' | null {
  if (imageMinor === buildMinor) return null;
  return imageMinor.split('.')[0] === buildMinor.split('.')[0] ? 'minor' : 'major';
}

function buildMismatch(
  context: CheckContext,
  image: InFile<ImageRef>,
  subject: Subject,
  tag: CudaTag,
  build: Subject,
  difference: 'major' | 'minor',
): Finding {
  const devel = tag.flavour === 'devel';
  const severity: Severity = !devel ? 'notice' : difference === 'major' ? 'error' : 'warning';
  const consequence = !devel
    ? `torch wheels bundle their own CUDA runtime, so this ${tag.flavour ?? 'non-devel'} image runs them as long as the host driver suits CUDA ${build.actual}; it only matters when building CUDA extensions, which needs a devel image of the same CUDA major`
    : difference === 'major'
      ? `torch's cpp_extension refuses to build CUDA extensions with an nvcc whose major version differs from torch.version.cuda (${build.actual})`
      : `torch's cpp_extension warns when nvcc's minor version differs from torch.version.cuda (${build.actual}); extensions may fail to build or load`;
  const source = CPP_EXTENSION_SOURCE;
  const profileCuda = profileAllows(context, 'cuda', true);
  if (profileCuda && sideToChange(context, subject, build) === build) {
    const fix = build.fixFor(profileCuda.specifier);
    return makeFinding({
      rule: RULE.id,
      severity,
      at: build.at,
      package: build.pin?.key ?? null,
      expected: tag.minor,
      actual: build.actual,
      fix,
      source,
      related: [{ ...subject.at, message: image.fact.ref }],
      message: `torch comes from ${build.shown} but the image is ${image.fact.ref}: ${consequence} (${source}). ${instead(build, fix, profileCuda.specifier)}`,
    });
  }
  const replacement = cudaTagIndex(context.matrix.facts).sameMinor({ minor: build.actual, variant: tag.variant });
  const fix = replacement ? withTag(image.fact, replacement) : null;
  return makeFinding({
    rule: RULE.id,
    severity,
    at: subject.at,
    package: null,
    expected: build.actual,
    actual: tag.version,
    fix,
    source,
    related: [{ ...build.at, message: build.shown }],
    message: `${image.fact.ref} has CUDA ${tag.version} but torch comes from ${build.shown}: ${consequence} (${source}). ${fix ? `Use ${fix} instead.` : `Use an nvidia/cuda ${tag.variant} image of CUDA ${build.actual}.`}`,
  });
}
