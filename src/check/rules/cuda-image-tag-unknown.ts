// cuda-image-tag-unknown: an nvidia/cuda image tag that was never published, or that NVIDIA removed
// (docs/data.md). src/check/cuda.ts decides, from the bundled tag list, which tags these are.

import type { Finding, ImageRef, RuleInfo } from '../../model.js';
import { SUPPORT_POLICY_SOURCE, withTag, type UnlistedTag } from '../cuda-tags.js';
import { makeFinding, type Place } from '../finding-builder.js';

export const RULE: RuleInfo = {
  id: 'cuda-image-tag-unknown',
  severity: 'error',
  summary: 'an nvidia/cuda image tag that was never published, or that NVIDIA removed',
};

/** The error on a tag that cannot be pulled; `replacement` is the tag to suggest, when there is one. */
export function unknownTagFinding(
  at: Place,
  image: ImageRef,
  written: string,
  unlisted: UnlistedTag,
  replacement: string | null,
  source: string,
): Finding {
  const fix = replacement ? withTag(image, replacement) : null;
  const removed = unlisted.verdict === 'removed';
  const why = removed ? `${unlisted.why} (${SUPPORT_POLICY_SOURCE})` : `${unlisted.why} (${source})`;
  return makeFinding({
    rule: RULE.id,
    severity: RULE.severity,
    at,
    package: null,
    expected: replacement,
    actual: written,
    fix,
    source: removed ? SUPPORT_POLICY_SOURCE : source,
    message: `${image.tag === null ? `${image.ref} (no tag: Docker pulls :latest)` : image.ref} ${removed ? 'was removed from Docker Hub' : 'was never published'}, so docker pull fails with "manifest unknown": ${why}. ${fix ? `Use ${fix} instead.` : 'Choose a tag from the list of published tags.'}`,
  });
}
