// Set algebra over PEP 440 versions: what a specifier set admits, as a union of intervals of
// packaging's total order, so that checks can ask "can both hold?" and "does this pin imply that
// policy?" exactly, without enumerating versions.
//
// Every operator except `===` admits a set of *versions* (all spellings of 1.0 alike). Its
// boundaries are cuts between versions, and they fall where packaging puts them:
// - `<V` (V final or post) stops below V.dev0: it excludes every pre-release of V.
// - `<=V`, `==V` and `!=V` take in V's local versions (V+anything); `==V+l` is the single point.
// - `>V` (V final or pre) starts above all of V's post-releases and local versions; `>V.postN`
//   and `>V.devN` start at the next post/dev release.
// - `==X.*` and `~=X.Y` are [X.dev0, next prefix .dev0).
// `===` compares text, so a set with `===` holds at most one spelling (case aside) and is kept as
// that "identity" string; `intersects` and `isSubset` treat it as one more candidate.
//
// The one place this is not exact: an odd `~=` whose text puts a pre/post/dev part into
// packaging's prefix (`~=1.0.c.1` -> prefix `1.0rc0`). packaging then matches on how many release
// components the candidate *writes* (`1.0rc0` but not `1.0.0rc0`); here both count.

import {
  compareReleases,
  compareVersions,
  isPrerelease,
  normalizeVersion,
  parseVersion,
  versionFromParts,
  type PreReleaseLabel,
  type Version,
  type VersionNumber,
} from './version.js';
import { contains, type PrefixPattern, type Specifier, type SpecifierSet } from './specifier.js';

/**
 * A position between versions. `before`: just below `version`. `after`: just above `version`
 * itself (only used for exact local versions; V+l.x lies above it). `afterPosts`: above a final
 * release V, its local versions and every post-release of it, below anything greater. `max`: above
 * every version.
 */
export type Cut = LowerCut | { readonly kind: 'max' };
export type LowerCut = { readonly kind: 'before' | 'after' | 'afterPosts'; readonly version: Version };

/** The versions strictly between two cuts. Never empty. */
export interface VersionInterval {
  readonly lower: LowerCut;
  readonly upper: Cut;
}

export interface VersionRangeSet {
  /** Sorted and disjoint: what the set's non-`===` specifiers admit. */
  readonly intervals: readonly VersionInterval[];
  /**
   * For a set with `===`: the one text it can match (as first written; case does not matter),
   * and whether it does. null for sets without `===`.
   */
  readonly identity: { readonly text: string; readonly member: boolean } | null;
}

const MIN_VERSION = versionFromParts({ release: [0], dev: 0 });
const MIN: LowerCut = Object.freeze({ kind: 'before', version: MIN_VERSION });
const MAX: Cut = Object.freeze({ kind: 'max' });
const EVERYTHING: readonly VersionInterval[] = Object.freeze([Object.freeze({ lower: MIN, upper: MAX })]);

function increment(n: VersionNumber): VersionNumber {
  if (typeof n === 'bigint') return n + 1n;
  return n + 1 > Number.MAX_SAFE_INTEGER ? BigInt(n) + 1n : n + 1;
}

function before(version: Version): LowerCut {
  return { kind: 'before', version };
}

/** Above V and every V+local: the next public version is right there (its .devN+1, .postN+1.dev0 or .post0.dev0). */
function afterLocals(v: Version): LowerCut {
  if (v.dev !== null) return before(versionFromParts({ ...v, dev: increment(v.dev), local: null }));
  if (v.post !== null) return before(versionFromParts({ ...v, post: increment(v.post), dev: 0, local: null }));
  return before(versionFromParts({ ...v, post: 0, dev: 0, local: null }));
}

/** Above V (no dev, no post), its locals and post-releases. */
function afterPosts(v: Version): LowerCut {
  if (v.pre !== null) {
    return before(versionFromParts({ ...v, pre: [v.pre[0], increment(v.pre[1])], dev: 0, local: null }));
  }
  return { kind: 'afterPosts', version: v.local === null ? v : versionFromParts({ ...v, local: null }) };
}

/** Is `w` below an `afterPosts` cut of final release `v`? Everything up to v's epoch and release is. */
function belowPostCeiling(w: Version, v: Version): boolean {
  if (w.epoch < v.epoch || w.epoch > v.epoch) return w.epoch < v.epoch;
  return compareReleases(w.release, v.release) <= 0;
}

function compareCuts(a: Cut, b: Cut): number {
  if (a.kind === 'max' || b.kind === 'max') return a.kind === b.kind ? 0 : a.kind === 'max' ? 1 : -1;
  if (a.kind === 'afterPosts' && b.kind === 'afterPosts') {
    const e = a.version.epoch < b.version.epoch ? -1 : a.version.epoch > b.version.epoch ? 1 : 0;
    return e || compareReleases(a.version.release, b.version.release);
  }
  if (a.kind === 'afterPosts') return belowPostCeiling(b.version, a.version) ? 1 : -1;
  if (b.kind === 'afterPosts') return belowPostCeiling(a.version, b.version) ? -1 : 1;
  return compareVersions(a.version, b.version) || (a.kind === b.kind ? 0 : a.kind === 'before' ? -1 : 1);
}

// Cuts on either side of a public version have no version between them only when normalised
// as above, which every constructor here does; so an interval is empty exactly when lower >= upper.
function interval(lower: LowerCut, upper: Cut): VersionInterval[] {
  return compareCuts(lower, upper) < 0 ? [{ lower, upper }] : [];
}

/** `out` with the interval between the cuts added, unless it is empty. */
function addInterval(out: VersionInterval[], lower: LowerCut, upper: Cut): VersionInterval[] {
  if (compareCuts(lower, upper) < 0) out.push({ lower, upper });
  return out;
}

/**
 * The versions both admit; with `firstOnly`, only the lowest interval of them (enough to know whether
 * there are any). Where both draw the same bound, `a`'s cut is kept.
 */
export function intersect(a: readonly VersionInterval[], b: readonly VersionInterval[], firstOnly = false): VersionInterval[] {
  const out: VersionInterval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length && !(firstOnly && out.length > 0)) {
    const x = a[i] as VersionInterval;
    const y = b[j] as VersionInterval;
    const lower = compareCuts(x.lower, y.lower) >= 0 ? x.lower : y.lower;
    const upper = compareCuts(x.upper, y.upper) <= 0 ? x.upper : y.upper;
    addInterval(out, lower, upper);
    if (compareCuts(x.upper, y.upper) < 0) i++;
    else j++;
  }
  return out;
}

function complement(a: readonly VersionInterval[]): VersionInterval[] {
  const out: VersionInterval[] = [];
  let lower = MIN;
  for (const x of a) {
    addInterval(out, lower, x.lower);
    if (x.upper.kind === 'max') return out;
    lower = x.upper;
  }
  return addInterval(out, lower, MAX);
}

/** The epoch/release prefix pattern as an interval, [P.dev0, next P.dev0). */
function prefixIntervals(p: PrefixPattern): VersionInterval[] {
  if (p.impossible) return [];
  if (p.tail.length > 0) return tailIntervals(p);
  const { epoch, release } = p;
  const last = release.length - 1;
  const next = [...release.slice(0, last), increment(release[last] as VersionNumber)];
  const lower = versionFromParts({ epoch, release, dev: 0 });
  return interval(before(lower), before(versionFromParts({ epoch, release: next, dev: 0 })));
}

const TAIL_PART = /^(a|b|rc|post|dev)(0|[1-9][0-9]*)$/;

/**
 * A prefix ending in pre/post/dev parts (`1.0rc0`, `1.0.post0`): the versions of that release whose
 * pre/post/dev parts start with those (see the note at the top on trailing zeros).
 */
function tailIntervals(p: PrefixPattern): VersionInterval[] {
  let pre: [PreReleaseLabel, VersionNumber] | null = null;
  let post: VersionNumber | null = null;
  let dev: VersionNumber | null = null;
  let stage = 0; // 1 after pre, 2 after post, 3 after dev: parts must come in this order
  for (const part of p.tail) {
    const m = TAIL_PART.exec(part);
    if (!m) return [];
    const label = m[1] as string;
    const n = (m[2] as string).length <= 15 ? Number(m[2]) : BigInt(m[2] as string);
    const next = label === 'post' ? 2 : label === 'dev' ? 3 : 1;
    if (next <= stage) return [];
    stage = next;
    if (next === 1) pre = [label as PreReleaseLabel, n];
    else if (next === 2) post = n;
    else dev = n;
  }
  const base = { epoch: p.epoch, release: p.release };
  if (stage === 3) {
    const v = versionFromParts({ ...base, pre, post, dev });
    return interval(before(v), afterLocals(v));
  }
  if (stage === 2) {
    const v = versionFromParts({ ...base, pre, post, dev: 0 });
    return interval(before(v), before(versionFromParts({ ...base, pre, post: increment(post as VersionNumber), dev: 0 })));
  }
  const first = versionFromParts({ ...base, pre, dev: 0 });
  return interval(before(first), afterPosts(versionFromParts({ ...base, pre })));
}

function specifierIntervals(spec: Specifier): readonly VersionInterval[] {
  if (spec.operator === '===') return EVERYTHING;
  const t = spec.target;
  if (t === null) return [];
  switch (spec.operator) {
    case '>=':
      return interval(before(t), MAX);
    case '<=':
      return interval(MIN, afterLocals(t));
    case '>':
      return interval(t.dev !== null || t.post !== null ? afterLocals(t) : afterPosts(t), MAX);
    case '<':
      return interval(MIN, before(isPrerelease(t) ? t : versionFromParts({ ...t, dev: 0, local: null })));
    case '~=':
      return intersect(interval(before(t), MAX), spec.prefix ? prefixIntervals(spec.prefix) : []);
    case '==':
    case '!=': {
      let equal: VersionInterval[];
      if (spec.prefix) equal = prefixIntervals(spec.prefix);
      else if (t.local !== null) equal = interval(before(t), { kind: 'after', version: t });
      else equal = interval(before(t), afterLocals(t));
      return spec.operator === '==' ? equal : complement(equal);
    }
  }
}

const rangeCache = new WeakMap<SpecifierSet, VersionRangeSet>();

/** What `set` admits, as intervals (plus the `===` text, if any). Cached per set object. */
export function toRanges(set: SpecifierSet): VersionRangeSet {
  const hit = rangeCache.get(set);
  if (hit) return hit;
  let identity: VersionRangeSet['identity'] = null;
  for (const spec of set.specifiers) {
    if (spec.operator === '===' && identity === null) identity = { text: spec.version, member: false };
  }
  const intervals = admittedByAll(set.specifiers);
  if (identity !== null) identity = { text: identity.text, member: contains(set, identity.text, { prereleases: true }) };
  const result: VersionRangeSet = Object.freeze({ intervals: Object.freeze(intervals), identity });
  rangeCache.set(set, result);
  return result;
}

/**
 * The versions all of `specifiers` admit (all versions when there are none), in one sweep over their
 * intervals' cuts in order: an interval starts at a cut where the last of the specifiers starts to
 * admit, and stops at the next where one of them stops. Folding the specifiers one by one into a
 * growing list of intervals took time quadratic in them (`!=1.0,!=1.1,...` ten thousand long: 20 s),
 * and intersecting them in pairs, then pairs of pairs, built a list at each level (five megabytes of
 * `!=` clauses: 5 s and 900 MB). Where several specifiers draw the same bound, the earliest one's cut
 * is kept, as intersecting them in order would keep it: its spelling is the one a witness shows.
 */
function admittedByAll(specifiers: readonly Specifier[]): VersionInterval[] {
  // Every cut but those at either end: an interval from the lowest version on admits from the start
  // (MIN being the cut there, as if EVERYTHING came first), and one up to MAX never stops. Each
  // specifier's intervals are dropped as soon as their cuts are taken.
  const cuts: Cut[] = [];
  const starts: boolean[] = [];
  let admitting = 0;
  for (const specifier of specifiers) {
    const intervals = specifierIntervals(specifier);
    for (let index = 0; index < intervals.length; index++) {
      const { lower, upper } = intervals[index] as VersionInterval;
      if (lower === MIN || compareCuts(lower, MIN) === 0) admitting++;
      else {
        cuts.push(lower);
        starts.push(true);
      }
      if (upper.kind !== 'max') {
        cuts.push(upper);
        starts.push(false);
      }
    }
  }
  const order: number[] = [];
  for (let index = 0; index < cuts.length; index++) order.push(index);
  if (!inOrder(cuts)) sortByCut(order, cuts);
  const out: VersionInterval[] = [];
  let lower: LowerCut | null = admitting === specifiers.length ? MIN : null;
  for (let first = 0; first < order.length;) {
    const cut = cuts[order[first] as number] as Cut;
    let started: LowerCut | null = null;
    let stopped: Cut | null = null;
    let next = first;
    for (; next < order.length && compareCuts(cuts[order[next] as number] as Cut, cut) === 0; next++) {
      const event = order[next] as number;
      if (starts[event]) {
        admitting++;
        started ??= cuts[event] as LowerCut;
      } else {
        admitting--;
        stopped ??= cuts[event] as Cut;
      }
    }
    // A specifier's intervals never touch, so that none stops and starts again at one cut: where one
    // stops, the interval ends.
    if (lower !== null && stopped !== null) {
      out.push({ lower, upper: stopped });
      lower = null;
    } else if (lower === null && admitting === specifiers.length) lower = started;
    first = next;
  }
  if (lower !== null) out.push({ lower, upper: MAX });
  return out;
}

/** Are the cuts in order already (as those of one specifier, or of clauses written in order, are)? */
function inOrder(cuts: readonly Cut[]): boolean {
  for (let index = 1; index < cuts.length; index++) if (compareCuts(cuts[index - 1] as Cut, cuts[index] as Cut) > 0) return false;
  return true;
}

/**
 * Sorts `order` (indices into `cuts`) by cut, equal cuts kept in the order given (the sort is
 * stable). Most cuts are told apart by their coarse position alone, a number compared far faster
 * than two versions.
 */
function sortByCut(order: number[], cuts: readonly Cut[]): void {
  const positions = new Float64Array(cuts.length);
  for (let index = 0; index < cuts.length; index++) positions[index] = coarsePosition(cuts[index] as Cut);
  order.sort((a, b) => (positions[a] as number) - (positions[b] as number) || compareCuts(cuts[a] as Cut, cuts[b] as Cut));
}

/**
 * A number that never orders two cuts the other way round from compareCuts, telling apart most cuts
 * of different releases: the epoch and the first three release numbers, in 13 bits each. A number
 * too large for its bits takes the largest value and zeros after it, so that cuts it cannot tell
 * apart get equal numbers (as do cuts of one release, whatever their pre, post, dev or local parts).
 */
function coarsePosition(cut: Cut): number {
  if (cut.kind === 'max') return Infinity;
  const { epoch, release } = cut.version;
  let position = 0;
  let capped = false;
  for (let index = -1; index < 3; index++) {
    const value: number = capped ? 0 : Math.min(Number(index < 0 ? epoch : (release[index] ?? 0)), COARSE_CAP);
    capped ||= value === COARSE_CAP;
    position = position * (COARSE_CAP + 1) + value;
  }
  return position;
}

const COARSE_CAP = 2 ** 13 - 1;

/** A version strictly inside the interval, spelled in its normal form. */
function witness(x: VersionInterval): string {
  const { lower, upper } = x;
  if (lower.kind === 'before') return normalizeVersion(lower.version);
  if (lower.kind === 'after') {
    // A longer local label sorts just above. Extend it with a segment that stays below `upper`:
    // below the segment where `upper` extends the same label, if it does (strings sort before numbers).
    const v = lower.version;
    const label = v.local ?? [];
    let segment = 'a';
    if (upper.kind === 'before' || upper.kind === 'after') {
      const u = upper.version;
      const next = u.local?.[label.length];
      const sameLabelSoFar = versionFromParts({ ...u, local: u.local?.slice(0, label.length) ?? null });
      if (next !== undefined && compareVersions(sameLabelSoFar, v) === 0) {
        segment = typeof next === 'string' ? '0' + next : 'a';
      }
    }
    return normalizeVersion(versionFromParts({ ...v, local: [...label, segment] }));
  }
  // Above V's post-releases but below anything greater: V with enough `.0`s and a `.1`.
  const v = lower.version;
  const zeros = (upper.kind === 'max' ? 0 : upper.version.release.length) + 1;
  return normalizeVersion(versionFromParts({ epoch: v.epoch, release: [...v.release, ...new Array<number>(zeros).fill(0), 1] }));
}

/** Another spelling of the same version, for a candidate that must differ from a `===` text. */
function respell(version: string, avoid: string): string {
  return version.toLowerCase() === avoid.toLowerCase() ? 'v' + version : version;
}

/** A candidate (version text) both sets contain, pre-releases included; null when there is none. */
export function commonVersion(a: SpecifierSet, b: SpecifierSet): string | null {
  const ra = toRanges(a);
  const rb = toRanges(b);
  if (ra.identity || rb.identity) {
    for (const text of [ra.identity?.text, rb.identity?.text]) {
      if (text !== undefined && contains(a, text, { prereleases: true }) && contains(b, text, { prereleases: true })) {
        return text;
      }
    }
    return null;
  }
  const both = intersect(ra.intervals, rb.intervals);
  return both.length > 0 ? witness(both[0] as VersionInterval) : null;
}

const NOT_A_VERSION = 'not-a-version';

/** A candidate `a` contains and `b` does not, pre-releases included; null when `a` is a subset of `b`. */
export function versionOutside(a: SpecifierSet, b: SpecifierSet): string | null {
  const ra = toRanges(a);
  const rb = toRanges(b);
  if (ra.identity) {
    return ra.identity.member && !contains(b, ra.identity.text, { prereleases: true }) ? ra.identity.text : null;
  }
  if (rb.identity) {
    // b holds one spelling at most; any version of a has another.
    const first = ra.intervals[0];
    return first ? respell(witness(first), rb.identity.text) : null;
  }
  const outside = intersect(ra.intervals, complement(rb.intervals));
  if (outside.length > 0) return witness(outside[0] as VersionInterval);
  // The empty set alone also holds strings that are no version at all (as packaging's `contains`
  // says); a set with specifiers and no `===` holds none, even one that admits every version.
  return a.specifiers.length === 0 && b.specifiers.length > 0 ? NOT_A_VERSION : null;
}

/** Is there a version (pre-release or not) both sets contain? */
export function intersects(a: SpecifierSet, b: SpecifierSet): boolean {
  // Two pins `==V` and `==W` (what a package pinned twice usually is) share a version exactly when one
  // holds the other's, its local versions being the only others either holds: no ranges needed, where
  // a requirements file pinning one package 200,000 ways laid out the ranges of each.
  const pinnedA = pinnedTarget(a);
  const pinnedB = pinnedTarget(b);
  if (pinnedA !== null && pinnedB !== null)
    return contains(a, pinnedB, { prereleases: true }) || contains(b, pinnedA, { prereleases: true });
  const ra = toRanges(a);
  const rb = toRanges(b);
  // As commonVersion answers, without building the whole intersection or spelling a version of it.
  if (ra.identity || rb.identity) return commonVersion(a, b) !== null;
  return intersect(ra.intervals, rb.intervals, true).length > 0;
}

/** Does `b` contain every version `a` contains? */
export function isSubset(a: SpecifierSet, b: SpecifierSet): boolean {
  return versionOutside(a, b) === null;
}

/**
 * The one version `set` pins: `==1.2.3`, `===1.2.3`, `==1.2.3+cu121`, or anything equivalent
 * (`>=1.2.3,<=1.2.3`). A public version also admits its local versions (`==1.2.3` lets pip install
 * 1.2.3+cu121); that still counts as pinning 1.2.3. null for ranges, `==1.2.*`, and empty sets.
 */
export function exactPin(set: SpecifierSet): Version | null {
  // The usual pin, `==V` alone, pins V: what the intervals below would say, without building them.
  const pinned = pinnedTarget(set);
  if (pinned !== null) return pinned;
  const ranges = toRanges(set);
  if (ranges.identity) return ranges.identity.member ? parseVersion(ranges.identity.text) : null;
  if (ranges.intervals.length !== 1) return null;
  const { lower, upper } = ranges.intervals[0] as VersionInterval;
  if (lower.kind !== 'before' || upper.kind === 'max' || upper.kind === 'afterPosts') return null;
  const v = lower.version;
  if (upper.kind === 'after') return compareVersions(v, upper.version) === 0 ? v : null;
  if (v.local !== null) return null;
  const next = afterLocals(v);
  return next.kind === 'before' && compareVersions(next.version, upper.version) === 0 ? v : null;
}

/** V for a set that is `==V` alone (not `==V.*`), the usual pin; else null. */
function pinnedTarget(set: SpecifierSet): Version | null {
  const only = set.specifiers.length === 1 ? (set.specifiers[0] as Specifier) : null;
  return only && only.operator === '==' && !only.prefix && only.target ? only.target : null;
}
