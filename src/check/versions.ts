// Version questions every rule family asks, in PEP 440 set terms: does this pin fit that specifier,
// what release and minor is this version, what CUDA does a `+cu121` label name.

import { contains, parseSpecifierSet, type SpecifierSet } from '../pep440/specifier.js';
import { exactPin, intersects, isSubset } from '../pep440/ranges.js';
import type { Version } from '../pep440/version.js';
import { answerOnce } from './pair-cache.js';

/** What a pin admits: the specifier set, and the one version when it pins exactly. */
export interface Admits {
  set: SpecifierSet;
  exact: Version | null;
}

/**
 * `inside`: every version the pin admits is allowed (an exact pin inside, or a subset range);
 * `wider`: some are and some are not; `outside`: none is.
 */
export type Fit = 'inside' | 'wider' | 'outside';

/**
 * Parses each distinct specifier text once, and answers each question about two of them once: a
 * check over 400,000 lines sees few distinct texts (the benchmark's 4,000 files, about 3,600).
 */
export class Specifiers {
  private readonly parsed = new Map<string, Admits | null>();
  private readonly overlaps = new Map<Admits, Map<Admits, boolean>>();
  private readonly versions = new Map<string, Admits | null>();

  /** `maxParsed`: past this many distinct texts the caches start over. */
  constructor(private readonly maxParsed = MAX_PARSED_SPECIFIERS) {}

  /** null when the text is not a PEP 440 specifier set (the reader or the loader has said so). */
  admits(text: string): Admits | null {
    let entry = this.parsed.get(text);
    if (entry === undefined) {
      // Answers are only remembered, never needed: starting over costs time only where texts recur.
      if (this.parsed.size >= this.maxParsed) {
        this.parsed.clear();
        this.overlaps.clear();
      }
      const result = parseSpecifierSet(text);
      entry = result.ok ? { set: result.set, exact: exactPin(result.set) } : null;
      this.parsed.set(text, entry);
    }
    return entry;
  }

  /** Is there a version (pre-release or not) both admit? */
  overlap(a: Admits, b: Admits): boolean {
    return answerOnce(this.overlaps, a, b, () => intersects(a.set, b.set));
  }

  /** A version as written in a fact ("3.10", "12.1.1"): the whole minor when no patch is given. */
  version(version: string): Admits | null {
    let entry = this.versions.get(version);
    if (entry === undefined) {
      entry = this.admits(versionSpecifier(version));
      this.versions.set(version, entry);
    }
    return entry;
  }
}

/**
 * Distinct specifier texts remembered at once. A parsed set costs about 600 bytes: a file pinning
 * one package a million different ways would otherwise hold 600 MB of them.
 */
const MAX_PARSED_SPECIFIERS = 65_536;

const DIGITS = /^\d+$/;

/**
 * "3.10" means any 3.10.x release (not 3.10's pre-releases, which no image or apt package ships);
 * "3.11.9" means exactly that.
 */
export function versionSpecifier(version: string): string {
  const parts = version.split('.');
  const last = parts.length - 1;
  if (parts.length >= 3 || !DIGITS.test(parts[last] as string)) return `==${version}`;
  const next = [...parts.slice(0, last), String(Number(parts[last]) + 1)].join('.');
  return `>=${version},<${next}`;
}

/**
 * How a pin relates to an allowed set. An exact pin of a pre-release counts as what pip installs
 * (pip accepts a pre-release the user names); a local label (`+cu121`) matches `==2.1.2` as in pip.
 */
export function fit(pin: Admits, allowed: SpecifierSet): Fit {
  if (pin.exact) return contains(allowed, pin.exact, { prereleases: true }) ? 'inside' : 'outside';
  if (!intersects(pin.set, allowed)) return 'outside';
  return isSubset(pin.set, allowed) ? 'inside' : 'wider';
}

/** The release numbers of a version without trailing zeros, so that `2.1` and `2.1.0` agree: "2.1.2". */
export function releaseKey(version: Version): string {
  const release = version.release.map(String);
  while (release.length > 1 && release[release.length - 1] === '0') release.pop();
  return release.join('.');
}

/** "2.1.2" -> "2.1"; "3.10" -> "3.10"; null when there is no minor. */
export function minorOf(version: string): string | null {
  const parts = version.split('.');
  return parts.length >= 2 ? `${parts[0]}.${parts[1]}` : null;
}

/** The local label of a version (`cu121` of `2.1.2+cu121`), or null. */
export function localLabel(version: Version): string | null {
  return version.local === null ? null : version.local.join('.');
}

/** "12.1" -> `cu121`. */
export function cudaLabel(cuda: string): string {
  return `cu${cuda.replace('.', '')}`;
}

/** Numeric comparison of dotted release strings ("3.9" < "3.10"). */
export function compareDotted(a: string, b: string): number {
  const left = a.split('.');
  const right = b.split('.');
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = Number(left[index] ?? 0) - Number(right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** The release a specifier names on its own (`==1.23.5`, `==3.10.*`), for suggesting a replacement. */
export function namedRelease(specifier: string): string | null {
  const match = NAMED_RELEASE.exec(specifier.trim());
  return match ? (match[1] as string) : null;
}

const NAMED_RELEASE = /^===?\s*(\d+(?:\.\d+)*)(?:\.\*)?$/;
