// nvidia/cuda image tags: `<X.Y.Z>-[cudnn...-]<base|runtime|devel>-<os>`. The facts table is a snapshot
// of NVIDIA's lists of supported and end-of-life tags, taken on a date (facts.asOf.cudaImageTags). A
// tag it does not list was never published only where the snapshot is complete for the tag's CUDA
// minor and OS: the minor is end of life (NVIDIA publishes nothing new for it), or the tag is not
// newer than the newest image the snapshot lists for that minor on that OS (NVIDIA does not publish
// an older patch after a newer one). A newer patch, a newer minor or an OS the snapshot has no image
// of for that minor may have been published since: not verified. Tags NVIDIA removed (CUDA 10 and
// older, the old X.Y tags, `latest`) are removed, under its support policy.

import type { Facts, CudaTagStatus } from '../matrix/types.js';
import type { ImageRef } from '../model.js';
import { compareDotted } from './versions.js';

export interface CudaTag {
  /** As written: "12.1.1", or "12.1" in a tag that never existed. */
  version: string;
  /** "12.1". */
  minor: string;
  /** Everything after the version, e.g. `cudnn8-devel-ubuntu20.04`: what a replacement must keep. */
  variant: string;
  /** devel images carry nvcc; runtime and base ones only the libraries. */
  flavour: 'devel' | 'runtime' | 'base' | null;
}

const TAG = /^(\d+)\.(\d+)((?:\.\d+)*)-(.+)$/;
const FLAVOURS = ['devel', 'runtime', 'base'] as const;

export function parseCudaTag(tag: string): CudaTag | null {
  const match = TAG.exec(tag);
  if (!match) return null;
  const variant = match[4] as string;
  const parts = variant.split('-');
  return {
    version: `${match[1]}.${match[2]}${match[3]}`,
    minor: `${match[1]}.${match[2]}`,
    variant,
    flavour: FLAVOURS.find((flavour) => parts.includes(flavour)) ?? null,
  };
}

/** Docker Hub's `nvidia/cuda`, under any registry prefix (`docker.io/`, `nvcr.io/`, a mirror). */
export function isNvidiaCudaImage(image: ImageRef): boolean {
  return image.name === 'nvidia/cuda' || image.name.endsWith('/nvidia/cuda');
}

/** `nvidia/cuda:11.8.0-devel-ubuntu20.04` with another tag. */
export function withTag(image: ImageRef, tag: string): string {
  return `${image.name}:${tag}`;
}

interface KnownTag {
  version: string;
  minor: string;
  status: CudaTagStatus;
}

/** What the snapshot holds of one CUDA minor. */
interface ListedMinor {
  /** Every tag of the minor is end of life. */
  endOfLife: boolean;
  /** OS -> the versions with an image on it (any variant), newest first. */
  versionsByOs: Map<string, string[]>;
}

/** `cudnn8-devel-ubuntu20.04` -> `ubuntu20.04`. */
function osOf(variant: string): string {
  return variant.slice(variant.lastIndexOf('-') + 1);
}

/** The tag table grouped by variant and by minor, newest version first. */
export class CudaTagIndex {
  private readonly byVariant = new Map<string, KnownTag[]>();
  private readonly byMinor = new Map<string, ListedMinor>();

  constructor(tags: Readonly<Record<string, CudaTagStatus>>) {
    for (const [tag, status] of Object.entries(tags)) {
      const parsed = parseCudaTag(tag);
      if (!parsed) continue;
      const known = this.byVariant.get(parsed.variant) ?? [];
      known.push({ version: parsed.version, minor: parsed.minor, status });
      this.byVariant.set(parsed.variant, known);
      const minor = this.byMinor.get(parsed.minor) ?? { endOfLife: true, versionsByOs: new Map<string, string[]>() };
      minor.endOfLife &&= status === 'unsupported_eol';
      const os = osOf(parsed.variant);
      const versions = minor.versionsByOs.get(os) ?? [];
      if (!versions.includes(parsed.version)) versions.push(parsed.version);
      minor.versionsByOs.set(os, versions);
      this.byMinor.set(parsed.minor, minor);
    }
    for (const known of this.byVariant.values()) known.sort((a, b) => compareDotted(b.version, a.version));
    for (const minor of this.byMinor.values()) {
      for (const versions of minor.versionsByOs.values()) versions.sort((a, b) => compareDotted(b, a));
    }
  }

  /** The listed minors, oldest first. */
  minors(): string[] {
    return [...this.byMinor.keys()].sort(compareDotted);
  }

  listedMinor(minor: string): ListedMinor | null {
    return this.byMinor.get(minor) ?? null;
  }

  /**
   * The newest published tag of `variant` whose version `accept`s, preferring supported ones (or
   * only supported ones); null when none.
   */
  newest(variant: string, accept: (version: string) => boolean, supportedOnly = false): string | null {
    const candidates = (this.byVariant.get(variant) ?? []).filter((known) => accept(known.version));
    const supported = candidates.find((known) => known.status === 'supported');
    const best = supportedOnly ? supported : (supported ?? candidates[0]);
    return best ? `${best.version}-${variant}` : null;
  }

  /** The published versions of `variant` in one minor, newest first. */
  versionsOf(variant: string, minor: string): string[] {
    return (this.byVariant.get(variant) ?? []).filter((known) => known.minor === minor).map((known) => known.version);
  }

  /** The newest published tag of the same minor and variant (12.1-devel-ubuntu20.04 -> 12.1.1-devel-ubuntu20.04). */
  sameMinor(tag: Pick<CudaTag, 'minor' | 'variant'>, supportedOnly = false): string | null {
    return this.newest(tag.variant, (version) => version.startsWith(`${tag.minor}.`), supportedOnly);
  }
}

const indexes = new WeakMap<Facts, CudaTagIndex>();

/** Built once per matrix: the table has 1,400 rows. */
export function cudaTagIndex(facts: Facts): CudaTagIndex {
  let index = indexes.get(facts);
  if (!index) {
    index = new CudaTagIndex(facts.cudaImageTags);
    indexes.set(facts, index);
  }
  return index;
}

/** NVIDIA's policy for the tags it publishes and the end-of-life tags it deletes from Docker Hub. */
export const SUPPORT_POLICY_SOURCE = 'https://gitlab.com/nvidia/container-images/cuda/-/blob/master/doc/support-policy.md';

/**
 * A tag the snapshot does not list: `removed` (NVIDIA deleted it: the source is its support policy),
 * `never-published` (the snapshot is complete where the tag would be), or `unverified` (it may have
 * been published after the snapshot), with why, as a clause for the message.
 */
export interface UnlistedTag {
  verdict: 'removed' | 'never-published' | 'unverified';
  why: string;
}

export function unlistedTag(written: string, tag: CudaTag | null, tags: CudaTagIndex, asOf: string | null): UnlistedTag {
  const snapshot = `the bundled list of ${asOf ?? "NVIDIA's tags"}`;
  if (!tag) {
    return written === 'latest'
      ? { verdict: 'removed', why: 'NVIDIA removed the latest tag: every nvidia/cuda tag names its CUDA version' }
      : { verdict: 'never-published', why: 'nvidia/cuda tags are <X.Y.Z>-<base|runtime|devel>-<os>' };
  }
  const minors = tags.minors();
  const oldest = minors[0];
  if (oldest !== undefined && compareDotted(tag.minor, oldest) < 0) {
    return {
      verdict: 'removed',
      why: `NVIDIA removed the images of CUDA ${tag.minor.split('.')[0]}.x and older from Docker Hub (its tag lists start at CUDA ${oldest})`,
    };
  }
  if (tag.version.split('.').length < 3) {
    return tag.minor === oldest
      ? {
          verdict: 'removed',
          why: `NVIDIA removed the old tags without a patch version (such as 11.0-base); CUDA ${tag.minor} images are tagged X.Y.Z`,
        }
      : { verdict: 'never-published', why: 'nvidia/cuda tags always carry the full X.Y.Z version' };
  }
  const listed = tags.listedMinor(tag.minor);
  const os = osOf(tag.variant);
  if (!listed) {
    const sameMajor = minors.filter((minor) => minor.split('.')[0] === tag.minor.split('.')[0]);
    const after = sameMajor.find((minor) => compareDotted(minor, tag.minor) > 0);
    if (after === undefined)
      return {
        verdict: 'unverified',
        why: `CUDA ${tag.minor} is newer than ${snapshot}, which ends at CUDA ${sameMajor.at(-1) ?? minors.at(-1)}`,
      };
    const before = sameMajor.filter((minor) => compareDotted(minor, tag.minor) < 0).at(-1);
    return {
      verdict: 'never-published',
      why: `NVIDIA published no CUDA ${tag.minor} images: its tags go from CUDA ${before ?? tag.minor.split('.')[0]} to ${after}`,
    };
  }
  const versions = listed.versionsByOs.get(os) ?? [];
  const newest = versions[0];
  if (!listed.endOfLife) {
    if (newest === undefined) return { verdict: 'unverified', why: `${snapshot} has no ${os} image of CUDA ${tag.minor}` };
    if (compareDotted(tag.version, newest) > 0)
      return { verdict: 'unverified', why: `${snapshot} ends at ${newest} for CUDA ${tag.minor} on ${os}` };
  }
  const published = tags.versionsOf(tag.variant, tag.minor);
  if (published.length > 0)
    return { verdict: 'never-published', why: `CUDA ${tag.minor} ${tag.variant} images exist only as ${published.join(', ')}` };
  const endOfLife = listed.endOfLife ? `CUDA ${tag.minor} is end of life, and ` : '';
  return { verdict: 'never-published', why: `${endOfLife}no ${tag.variant} image was published for CUDA ${tag.minor}` };
}
