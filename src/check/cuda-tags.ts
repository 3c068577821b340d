// nvidia/cuda image tags: `<X.Y.Z>-[cudnn…-]<base|runtime|devel>-<os>`. The facts table lists every
// tag NVIDIA published (supported or end-of-life); a tag it does not list never existed.

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

/** The tag table grouped by variant, newest version first. */
export class CudaTagIndex {
  private readonly byVariant = new Map<string, KnownTag[]>();

  constructor(tags: Readonly<Record<string, CudaTagStatus>>) {
    for (const [tag, status] of Object.entries(tags)) {
      const parsed = parseCudaTag(tag);
      if (!parsed) continue;
      const known = this.byVariant.get(parsed.variant) ?? [];
      known.push({ version: parsed.version, minor: parsed.minor, status });
      this.byVariant.set(parsed.variant, known);
    }
    for (const known of this.byVariant.values()) known.sort((a, b) => compareDotted(b.version, a.version));
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
