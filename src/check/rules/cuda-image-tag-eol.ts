// cuda-image-tag-eol: an nvidia/cuda image tag that is end-of-life in NVIDIA's tag list; NVIDIA
// deletes end-of-life tags from Docker Hub six months after their end of life (its support policy;
// docs/data.md).

import type { Finding, ImageRef, RuleInfo } from '../../model.js';
import { withTag, type CudaTag, type CudaTagIndex } from '../cuda-tags.js';
import { makeFinding, type Place } from '../finding-builder.js';

export const RULE: RuleInfo = {
  id: 'cuda-image-tag-eol',
  severity: 'warning',
  summary: 'an nvidia/cuda image tag that is end-of-life (NVIDIA deletes EOL tags from Docker Hub)',
};

/** The warning on an end-of-life tag, suggesting a supported tag of the same minor, else of the same major. */
export function eolTagFinding(
  at: Place,
  image: ImageRef,
  written: string,
  tag: CudaTag | null,
  tags: CudaTagIndex,
  source: string,
): Finding {
  const replacement = tag
    ? (tags.sameMinor(tag, true) ?? tags.newest(tag.variant, (version) => version.split('.')[0] === tag.minor.split('.')[0], true))
    : null;
  const fix = replacement ? withTag(image, replacement) : null;
  return makeFinding({
    rule: RULE.id,
    severity: RULE.severity,
    at,
    package: null,
    expected: replacement,
    actual: written,
    fix,
    source,
    message: `${image.ref} is end-of-life in NVIDIA's tag list, and NVIDIA deletes end-of-life tags from Docker Hub six months after their end of life, so builds that pull it will start failing (${source}). ${fix ? `Use ${fix} instead.` : 'Move to a supported CUDA version.'}`,
  });
}
