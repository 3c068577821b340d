// cuda-image-tag-unverified: an nvidia/cuda tag past the horizon of the bundled tag list. The list is
// a snapshot of NVIDIA's supported and end-of-life tags taken on a date; a newer patch, a newer minor
// or an OS the snapshot has no image of for that minor may have been published since, so its
// absence proves nothing (a notice, never an error). src/check/cuda-tags.ts decides which tags are
// past the horizon.

import type { Finding, ImageRef, ParsedFile, RuleInfo } from '../../model.js';
import type { Facts } from '../../matrix/types.js';
import { factSpan } from '../context.js';
import { makeFinding } from '../finding-builder.js';

export const RULE: RuleInfo = {
  id: 'cuda-image-tag-unverified',
  severity: 'notice',
  summary: 'an nvidia/cuda tag newer than the bundled tag list: it may exist, compat-guard cannot tell offline',
};

/** `listed`: the snapshot's newest tag of the same minor and variant, to name as a known-good fallback. */
export function unverifiedTagFinding(facts: Facts, file: ParsedFile, image: ImageRef, why: string, listed: string | null): Finding {
  const source = facts.sources.cudaImageTags;
  const asOf = facts.asOf.cudaImageTags ?? 'an unknown date';
  const fallback = listed ? ` If docker pull fails with "manifest unknown", ${listed} is in the list.` : '';
  return makeFinding({
    rule: RULE.id,
    severity: RULE.severity,
    at: { file: file.path, span: factSpan(image) },
    package: null,
    expected: null,
    actual: image.tag,
    source,
    message: `${image.ref} is not in the bundled list of nvidia/cuda tags of ${asOf}, so it is not verified: ${why}, and NVIDIA may have published it since (${source}).${fallback}`,
  });
}
