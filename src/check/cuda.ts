// CUDA base images: does the nvidia/cuda tag exist, is it still supported, does its toolkit suit the
// torch build the stage installs, and which host driver it needs.
//
// Facts (docs/data.md): nvidia/cuda tags always carry the full X.Y.Z version and end-of-life
// tags are deleted from Docker Hub six months after EOL; the bundled tag list is a snapshot, so a tag
// past it is only a notice (cuda-tags.ts decides); torch wheels bundle their own CUDA runtime, so the
// image's CUDA only matters to nvcc, which torch's cpp_extension refuses when its major version
// differs from torch.version.cuda (and warns about on a minor difference). Each rule is in
// src/check/rules/ (cuda-*.ts, fleet-driver-too-old.ts); this file decides which one an image or a
// set gets.

import type { Facts } from '../matrix/types.js';
import type { ImageRef, ParsedFile, RuleInfo } from '../model.js';
import { factSpan, ownValue, type CheckContext, type SetView } from './context.js';
import { cudaTagIndex, isNvidiaCudaImage, parseCudaTag, unlistedTag, withTag } from './cuda-tags.js';
import type { Place } from './finding-builder.js';
import type { FindingSink } from './finding-cap.js';
import { torchCudaSubjects } from './subjects.js';
import { RULE as CUDA_IMAGE_TAG_UNVERIFIED, unverifiedTagFinding } from './rules/cuda-image-tag-unverified.js';
import { pypiTorchBuild } from './pypi-torch.js';
import { unknownTagFinding, RULE as CUDA_IMAGE_TAG_UNKNOWN } from './rules/cuda-image-tag-unknown.js';
import { eolTagFinding, RULE as CUDA_IMAGE_TAG_EOL } from './rules/cuda-image-tag-eol.js';
import { driverMinimumFinding, RULE as CUDA_DRIVER_MINIMUM } from './rules/cuda-driver-minimum.js';
import * as cudaTorchBuildMismatch from './rules/cuda-torch-build-mismatch.js';
import {
  RULE as FLEET_DRIVER_TOO_OLD,
  fleetDriverOf,
  imageDriverFinding,
  torchDriverFinding,
  type FleetDriver,
} from './rules/fleet-driver-too-old.js';

export const CUDA_RULES: readonly RuleInfo[] = [
  CUDA_IMAGE_TAG_UNKNOWN,
  CUDA_IMAGE_TAG_UNVERIFIED,
  FLEET_DRIVER_TOO_OLD,
  CUDA_IMAGE_TAG_EOL,
  cudaTorchBuildMismatch.RULE,
  CUDA_DRIVER_MINIMUM,
];

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
    findings.push(unknownTagFinding(at, image, written, unlisted, replacement, source));
    return true;
  }
  findings.push(eolTagFinding(at, image, written, tag, tags, source));
  return false;
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
  if (!cuda) return;
  const minimum = driverMinimumFinding(facts, file, image, cuda.version);
  if (minimum) findings.push(minimum);
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
  cudaTorchBuildMismatch.check(context, view, builds, pypi !== null, findings);
}
