// CUDA base images: does the nvidia/cuda tag exist, is it still supported, does its toolkit suit the
// torch build the stage installs, and which host driver it needs.
//
// Facts (data/FACTS.md 1-3, 14): nvidia/cuda tags always carry the full X.Y.Z version and end-of-life
// tags are deleted from Docker Hub six months after EOL; the bundled tag list is a snapshot, so a tag
// past it is only a notice (cuda-tags.ts decides); torch wheels bundle their own CUDA runtime, so the
// image's CUDA only matters to nvcc, which torch's cpp_extension refuses when its major version
// differs from torch.version.cuda (and warns about on a minor difference).

import type { CudaDriver, Facts } from '../matrix/types.js';
import type { Finding, ImageRef, ParsedFile, RuleInfo, Severity } from '../model.js';
import { factSpan, ownValue, profileAllows, type CheckContext, type InFile, type SetView } from './context.js';
import { cudaTagIndex, isNvidiaCudaImage, parseCudaTag, SUPPORT_POLICY_SOURCE, unlistedTag, withTag, type CudaTag } from './cuda-tags.js';
import { makeFinding, type Place } from './finding-builder.js';
import type { FindingSink } from './finding-cap.js';
import { instead, nvidiaImageSubject, sideToChange, torchCudaSubjects, type Subject } from './subjects.js';
import { compareDotted, minorOf } from './versions.js';
import { CUDA_IMAGE_TAG_UNVERIFIED, unverifiedTagFinding } from './rules/cuda-image-tag-unverified.js';
import { pypiTorchBuild } from './pypi-torch.js';
import {
  FLEET_DRIVER_TOO_OLD,
  fleetDriverOf,
  imageDriverFinding,
  releaseDriverOf,
  REQUIRE_SOURCE,
  torchDriverFinding,
  type FleetDriver,
} from './rules/fleet-driver-too-old.js';

export const CUDA_RULES: readonly RuleInfo[] = [
  { id: 'cuda-image-tag-unknown', severity: 'error', summary: 'an nvidia/cuda image tag that was never published, or that NVIDIA removed' },
  CUDA_IMAGE_TAG_UNVERIFIED,
  FLEET_DRIVER_TOO_OLD,
  {
    id: 'cuda-image-tag-eol',
    severity: 'warning',
    summary: 'an nvidia/cuda image tag that is end-of-life (NVIDIA deletes EOL tags from Docker Hub)',
  },
  {
    id: 'cuda-torch-build-mismatch',
    severity: 'error',
    summary: "the CUDA image's toolkit differs from the CUDA build of the torch wheels the stage installs",
  },
  { id: 'cuda-driver-minimum', severity: 'notice', summary: "the minimum NVIDIA host driver for the image's CUDA version" },
];

/** Where torch decides whether nvcc suits its CUDA build. */
export const CPP_EXTENSION_SOURCE = 'https://github.com/pytorch/pytorch/blob/main/torch/utils/cpp_extension.py';

/** The file-level part: each image of each file once, whatever sets include it. */
export function checkCudaImages(context: CheckContext, findings: FindingSink): void {
  const facts = context.matrix.facts;
  // Without the tag table (it is loaded only for repositories that use nvidia/cuda) every tag would look unknown.
  const knowsTags = Object.keys(facts.cudaImageTags).length > 0;
  const fleet = fleetDriverOf(context.matrix);
  for (const file of context.files.values()) {
    for (const image of file.images) {
      const cannotPull = knowsTags && checkImageTag(context, file, image, findings);
      if (!cannotPull) driverCheck(facts, fleet, file, image, findings);
    }
  }
}

/**
 * Reports an nvidia/cuda tag that was never published, was removed, is past the bundled list's date or
 * is end-of-life; true when it cannot be pulled.
 */
function checkImageTag(context: CheckContext, file: ParsedFile, image: ImageRef, findings: FindingSink): boolean {
  // Docker pulls `:latest` for a reference with neither tag nor digest.
  const written = image.tag ?? (image.digest === null ? 'latest' : null);
  if (!isNvidiaCudaImage(image) || written === null) return false;
  const facts = context.matrix.facts;
  const status = ownValue(facts.cudaImageTags, written);
  // A supported tag is the usual case: only a tag to report needs the tag table (built on first use).
  if (status === 'supported') return false;
  const at: Place = { file: file.path, span: factSpan(image) };
  const tags = cudaTagIndex(facts);
  const tag = parseCudaTag(written);
  const source = facts.sources.cudaImageTags;
  if (status === undefined) {
    const unlisted = unlistedTag(written, tag, tags, facts.asOf.cudaImageTags);
    const replacement = tag ? tags.sameMinor(tag) : null;
    if (unlisted.verdict === 'unverified') {
      findings.push(unverifiedTagFinding(facts, file, image, unlisted.why, replacement ? withTag(image, replacement) : null));
      return false;
    }
    const fix = replacement ? withTag(image, replacement) : null;
    const removed = unlisted.verdict === 'removed';
    const why = removed ? `${unlisted.why} (${SUPPORT_POLICY_SOURCE})` : `${unlisted.why} (${source})`;
    findings.push(
      makeFinding({
        rule: 'cuda-image-tag-unknown',
        severity: 'error',
        at,
        package: null,
        expected: replacement,
        actual: written,
        fix,
        source: removed ? SUPPORT_POLICY_SOURCE : source,
        message: `${image.tag === null ? `${image.ref} (no tag: Docker pulls :latest)` : image.ref} ${removed ? 'was removed from Docker Hub' : 'was never published'}, so docker pull fails with "manifest unknown": ${why}. ${fix ? `Use ${fix} instead.` : 'Choose a tag from the list of published tags.'}`,
      }),
    );
    return true;
  }
  const replacement = tag
    ? (tags.sameMinor(tag, true) ?? tags.newest(tag.variant, (version) => version.split('.')[0] === tag.minor.split('.')[0], true))
    : null;
  const fix = replacement ? withTag(image, replacement) : null;
  findings.push(
    makeFinding({
      rule: 'cuda-image-tag-eol',
      severity: 'warning',
      at,
      package: null,
      expected: replacement,
      actual: written,
      fix,
      source,
      message: `${image.ref} is end-of-life in NVIDIA's tag list, and NVIDIA deletes end-of-life tags from Docker Hub six months after their end of life, so builds that pull it will start failing (${source}). ${fix ? `Use ${fix} instead.` : 'Move to a supported CUDA version.'}`,
    }),
  );
  return false;
}

const driverTables = new WeakMap<Facts, Map<string, CudaDriver>>();

/** The driver row of a CUDA version; for "12.1" (no patch) the newest patch's, the most demanding. */
function driverFor(facts: Facts, version: string): CudaDriver | null {
  let table = driverTables.get(facts);
  if (!table) {
    table = new Map(facts.cudaDrivers.map((row) => [row.cuda, row]));
    driverTables.set(facts, table);
  }
  const exact = table.get(version);
  if (exact) return exact;
  const minor = minorOf(version);
  let newest: CudaDriver | null = null;
  for (const row of table.values()) {
    if (minorOf(row.cuda) === minor && (!newest || compareDotted(row.cuda, newest.cuda) > 0)) newest = row;
  }
  return newest;
}

/**
 * Per image that names a CUDA version: with a declared fleet driver, an error when it is too old (and
 * nothing when it suffices); without one, a notice of what the host's driver must be.
 */
function driverCheck(facts: Facts, fleet: FleetDriver | null, file: ParsedFile, image: ImageRef, findings: FindingSink): void {
  const cuda = file.cuda.find((fact) => fact.line === image.line && fact.source === image.ref);
  if (cuda && fleet) {
    // Only nvidia/cuda images are known to set NVIDIA_REQUIRE_CUDA.
    const tooOld = isNvidiaCudaImage(image) ? imageDriverFinding(facts, fleet, file, image, cuda.version) : null;
    if (tooOld) findings.push(tooOld);
    return;
  }
  const driver = cuda ? driverFor(facts, cuda.version) : null;
  if (!cuda || !driver) return;
  const source = facts.sources.cudaDrivers;
  const at = { file: file.path, span: factSpan(image) };
  const minor = minorOf(cuda.version);
  const started = minor ? releaseDriverOf(facts.cudaDrivers, minor) : null;
  // nvidia/cuda images set NVIDIA_REQUIRE_CUDA, which minor-version compatibility does not satisfy
  // (unless the service that runs the image turns the check off).
  const requirement =
    isNvidiaCudaImage(image) && minor && started && image.runtime?.requireDisabled !== true
      ? `; the image sets NVIDIA_REQUIRE_CUDA=cuda>=${minor}, which the NVIDIA container toolkit checks when the container starts, so a driver older than ${started} is refused even with CUDA minor-version compatibility, unless the GPU's brand and driver branch are among the brand=... alternatives it lists or NVIDIA_DISABLE_REQUIRE is set (${REQUIRE_SOURCE}). Declare the fleet's driver (driver: in the matrix file, or --driver) to have it checked`
      : driver.minorCompatMinDriver
        ? ` (or >= ${driver.minorCompatMinDriver} with CUDA minor-version compatibility)`
        : '';
  findings.push(
    makeFinding({
      rule: 'cuda-driver-minimum',
      severity: 'notice',
      at,
      package: null,
      expected: `>=${driver.minDriver}`,
      actual: null,
      source,
      message: `${image.ref} (CUDA ${cuda.version}) needs NVIDIA driver >= ${driver.minDriver} on the host (${source})${requirement}.`,
    }),
  );
}

/** A stage that installs torch from a cuXYZ index (or +cuXYZ wheels, or plain PyPI) on an nvidia/cuda image. */
export function checkCudaSet(context: CheckContext, view: SetView, findings: FindingSink): void {
  const indexBuilds = torchCudaSubjects(view, context);
  const pypi = indexBuilds.length === 0 ? pypiTorchBuild(view, context) : null;
  const builds = pypi ? [pypi] : indexBuilds;
  if (builds.length === 0) return;
  const fleet = fleetDriverOf(context.matrix);
  if (fleet) {
    for (const build of builds) {
      const tooOld = torchDriverFinding(context.matrix.facts, fleet, build.at, build.shown, build.actual);
      if (tooOld) findings.push(tooOld);
    }
  }
  for (const image of view.images) {
    if (!isNvidiaCudaImage(image.fact)) continue;
    // PyPI's aarch64 torch wheels are not the CUDA build its x86_64 ones are.
    if (pypi && image.fact.platform && !image.fact.platform.includes('amd64')) continue;
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
      rule: 'cuda-torch-build-mismatch',
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
    rule: 'cuda-torch-build-mismatch',
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
