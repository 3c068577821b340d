// PEP 440 versions, read, ordered and printed exactly as packaging (>= 26) does: `parseVersion`
// accepts what `Version()` accepts, `compareVersions` is packaging's ordering and
// `normalizeVersion` is `str(Version(...))`.
//
// The reader is a hand-written scanner that follows packaging's regular expression, possessive
// quantifiers included (packaging uses them on Python >= 3.11.5), so that it costs no regex and
// no exception per call.

/**
 * A numeric component. Components up to 15 digits are numbers; longer ones, which a JavaScript
 * number cannot hold exactly, are bigints, so that `2024010112000000001` stays exact. `<`, `>`
 * and `==` compare the two kinds correctly; use `===` only against small literals.
 */
export type VersionNumber = number | bigint;

export type PreReleaseLabel = 'a' | 'b' | 'rc';

/** A parsed version. Frozen; share it freely. */
export interface Version {
  /** The text it was read from, as given. */
  readonly text: string;
  readonly epoch: VersionNumber;
  /** The release segment as written, trailing zeros included: `1.0.0` -> [1, 0, 0]. */
  readonly release: readonly VersionNumber[];
  readonly pre: readonly [PreReleaseLabel, VersionNumber] | null;
  readonly post: VersionNumber | null;
  readonly dev: VersionNumber | null;
  /** Local label segments: digit-only segments as numbers, the others lower-cased. */
  readonly local: readonly (string | VersionNumber)[] | null;
}

export interface VersionParts {
  epoch?: VersionNumber;
  release: readonly VersionNumber[];
  pre?: readonly [PreReleaseLabel, VersionNumber] | null;
  post?: VersionNumber | null;
  dev?: VersionNumber | null;
  local?: readonly (string | VersionNumber)[] | null;
}

// Python refuses int() of a string longer than this (sys.int_info.default_max_str_digits), so
// Version() raises on such a component: it is no version.
const MAX_DIGITS = 4300;

/** Python's `str.isspace()`, which is also what `\s` and `str.strip()` use. */
export function isPythonWhitespace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code >= 0x1c && code <= 0x1f);
  if (code < 0x85) return false;
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

// str.strip() as indices into [from, to), for readers that trim without cutting copies.

/** The first index of [from, to) that is no Python whitespace (`to` when there is none). */
export function stripStart(text: string, from: number, to: number): number {
  while (from < to && isPythonWhitespace(text.charCodeAt(from))) from++;
  return from;
}

/** One past the last index of [from, to) that is no Python whitespace (`from` when there is none). */
export function stripEnd(text: string, from: number, to: number): number {
  while (to > from && isPythonWhitespace(text.charCodeAt(to - 1))) to--;
  return to;
}

/** Python's str.strip(): the text itself when there is nothing to strip. */
export function pythonTrim(text: string): string {
  const start = stripStart(text, 0, text.length);
  const end = stripEnd(text, start, text.length);
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isSeparator(code: number): boolean {
  return code === 0x2e || code === 0x2d || code === 0x5f; // . - _
}

function isAsciiAlnum(code: number): boolean {
  return isDigit(code) || (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

function scanDigits(s: string, i: number): number {
  while (i < s.length && isDigit(s.charCodeAt(i))) i++;
  return i;
}

/** The digits s[start, end) as a number, or a bigint when a number could not hold them; null past Python's limit. */
function toNumber(s: string, start: number, end: number): VersionNumber | null {
  const length = end - start;
  if (length <= 15) {
    let n = 0;
    for (let i = start; i < end; i++) n = n * 10 + (s.charCodeAt(i) - 0x30);
    return n;
  }
  if (length > MAX_DIGITS) return null;
  let first = start;
  while (first < end - 1 && s.charCodeAt(first) === 0x30) first++;
  return end - first <= 15 ? toNumber(s, first, end) : BigInt(s.slice(first, end));
}

/** Does s, from i, spell `word` (ASCII, case-insensitively)? */
function hasWordAt(s: string, i: number, word: string): boolean {
  if (i + word.length > s.length) return false;
  for (let k = 0; k < word.length; k++) {
    if ((s.charCodeAt(i + k) | 0x20) !== word.charCodeAt(k)) return false;
  }
  return true;
}

// In the order packaging's alternation tries them, so that `alpha` wins over `a`.
const PRE_SPELLINGS: readonly (readonly [string, PreReleaseLabel])[] = [
  ['alpha', 'a'],
  ['a', 'a'],
  ['beta', 'b'],
  ['b', 'b'],
  ['preview', 'rc'],
  ['pre', 'rc'],
  ['c', 'rc'],
  ['rc', 'rc'],
];
const POST_SPELLINGS: readonly string[] = ['post', 'rev', 'r'];

/** Parses a version as packaging's `Version()` does; null where it raises. */
export function parseVersion(s: string): Version | null {
  // packaging's fast path for digits and dots; same result as the full grammar.
  let releaseOnly = true;
  for (let i = 0; i < s.length && releaseOnly; i++) {
    const c = s.charCodeAt(i);
    releaseOnly = isDigit(c) || c === 0x2e;
  }
  const version = releaseOnly ? parseRelease(s) : parseFull(s);
  // A hostile version of a million components, read or not, must not leave room for them behind.
  if (releaseRead.length > LONG_RELEASE) releaseRead.length = 0;
  return version;
}

/**
 * The release numbers of the version being read, copied out at its end into an array of their size:
 * an array grown by push has room for 16, three times a version's usual share of memory, and versions
 * are kept for the whole run (a set of 400,000 clauses keeps one for each).
 */
const releaseRead: VersionNumber[] = [];
const LONG_RELEASE = 64;

function parseRelease(s: string): Version | null {
  let count = 0;
  let start = 0;
  for (let i = 0; i <= s.length; i++) {
    if (i === s.length || s.charCodeAt(i) === 0x2e) {
      if (i === start) return null;
      const n = toNumber(s, start, i);
      if (n === null) return null;
      releaseRead[count++] = n;
      start = i + 1;
    }
  }
  return freezeVersion(s, 0, releaseRead.slice(0, count), null, null, null, null);
}

function parseFull(s: string): Version | null {
  let i = stripStart(s, 0, s.length);
  const end = stripEnd(s, i, s.length);
  if (i < end && (s.charCodeAt(i) | 0x20) === 0x76) i++; // v

  let epoch: VersionNumber = 0;
  let j = scanDigits(s, i);
  if (j > i && j < end && s.charCodeAt(j) === 0x21) {
    const n = toNumber(s, i, j);
    if (n === null) return null;
    epoch = n;
    i = j + 1;
    j = scanDigits(s, i);
  }

  if (j === i) return null;
  let count = 0;
  for (;;) {
    const n = toNumber(s, i, j);
    if (n === null) return null;
    releaseRead[count++] = n;
    i = j;
    if (i + 1 < end && s.charCodeAt(i) === 0x2e && isDigit(s.charCodeAt(i + 1))) {
      j = scanDigits(s, i + 1);
      i = i + 1;
    } else break;
  }

  let pre: [PreReleaseLabel, VersionNumber] | null = null;
  {
    let k = i;
    if (k < end && isSeparator(s.charCodeAt(k))) k++;
    for (const [spelling, label] of PRE_SPELLINGS) {
      if (k + spelling.length <= end && hasWordAt(s, k, spelling)) {
        k += spelling.length;
        if (k < end && isSeparator(s.charCodeAt(k))) k++;
        const d = scanDigits(s, k);
        const n = d > k ? toNumber(s, k, d) : 0;
        if (n === null) return null;
        pre = [label, n];
        i = d;
        break;
      }
    }
  }

  let post: VersionNumber | null = null;
  if (i + 1 < end && s.charCodeAt(i) === 0x2d && isDigit(s.charCodeAt(i + 1))) {
    const d = scanDigits(s, i + 1);
    post = toNumber(s, i + 1, d);
    if (post === null) return null;
    i = d;
  } else {
    let k = i;
    if (k < end && isSeparator(s.charCodeAt(k))) k++;
    for (const spelling of POST_SPELLINGS) {
      if (k + spelling.length <= end && hasWordAt(s, k, spelling)) {
        k += spelling.length;
        if (k < end && isSeparator(s.charCodeAt(k))) k++;
        const d = scanDigits(s, k);
        post = d > k ? toNumber(s, k, d) : 0;
        if (post === null) return null;
        i = d;
        break;
      }
    }
  }

  let dev: VersionNumber | null = null;
  {
    let k = i;
    if (k < end && isSeparator(s.charCodeAt(k))) k++;
    if (k + 3 <= end && hasWordAt(s, k, 'dev')) {
      k += 3;
      if (k < end && isSeparator(s.charCodeAt(k))) k++;
      const d = scanDigits(s, k);
      dev = d > k ? toNumber(s, k, d) : 0;
      if (dev === null) return null;
      i = d;
    }
  }

  let local: (string | VersionNumber)[] | null = null;
  if (i < end && s.charCodeAt(i) === 0x2b) {
    local = [];
    let k = i + 1;
    for (;;) {
      const segStart = k;
      while (k < end && isAsciiAlnum(s.charCodeAt(k))) k++;
      if (k === segStart) return null;
      const seg = parseLocalSegment(s, segStart, k);
      if (seg === null) return null;
      local.push(seg);
      if (k + 1 < end && isSeparator(s.charCodeAt(k)) && isAsciiAlnum(s.charCodeAt(k + 1))) k++;
      else break;
    }
    i = k;
  }

  if (i !== end) return null;
  return freezeVersion(s, epoch, releaseRead.slice(0, count), pre, post, dev, local);
}

function parseLocalSegment(s: string, start: number, end: number): string | VersionNumber | null {
  for (let k = start; k < end; k++) {
    if (!isDigit(s.charCodeAt(k))) return s.slice(start, end).toLowerCase();
  }
  return toNumber(s, start, end);
}

function freezeVersion(
  text: string,
  epoch: VersionNumber,
  release: VersionNumber[],
  pre: [PreReleaseLabel, VersionNumber] | null,
  post: VersionNumber | null,
  dev: VersionNumber | null,
  local: (string | VersionNumber)[] | null,
): Version {
  return Object.freeze({
    text,
    epoch,
    release: Object.freeze(release),
    pre: pre === null ? null : Object.freeze(pre),
    post,
    dev,
    local: local === null ? null : Object.freeze(local),
  });
}

/** Builds a version from its parts (like `Version.from_parts`); its `text` is its normal form. */
export function versionFromParts(parts: VersionParts): Version {
  const pre = parts.pre ?? null;
  // One object, frozen once its text is printed from it: ranges build a version for every bound they
  // draw, and a draft copied into the version cost as much again.
  const version = {
    text: '',
    epoch: parts.epoch ?? 0,
    release: Object.freeze([...parts.release]),
    pre: pre === null ? null : Object.freeze<[PreReleaseLabel, VersionNumber]>([pre[0], pre[1]]),
    post: parts.post ?? null,
    dev: parts.dev ?? null,
    local: parts.local ? Object.freeze([...parts.local]) : null,
  };
  version.text = normalizeVersion(version);
  return Object.freeze(version);
}

function compareNumbers(a: VersionNumber, b: VersionNumber): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Release segments compare as if the shorter were padded with zeros (packaging strips trailing zeros). */
export function compareReleases(a: readonly VersionNumber[], b: readonly VersionNumber[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareNumbers(a[i] ?? 0, b[i] ?? 0);
    if (c !== 0) return c;
  }
  return 0;
}

const PRE_RANK: Readonly<Record<PreReleaseLabel, number>> = { a: 0, b: 1, rc: 2 };

/**
 * packaging's rank of the pre-release part: a dev release with neither pre nor post sorts before
 * every pre-release of its release (-1), a version with no pre-release after them all (3).
 */
function preReleaseRank(v: Version): number {
  if (v.pre !== null) return PRE_RANK[v.pre[0]];
  return v.post === null && v.dev !== null ? -1 : 3;
}

/** Everything but the local label: epoch, release, pre, post, dev. */
function comparePublic(a: Version, b: Version): number {
  let c = compareNumbers(a.epoch, b.epoch);
  if (c !== 0) return c;
  c = compareReleases(a.release, b.release);
  if (c !== 0) return c;
  c = preReleaseRank(a) - preReleaseRank(b);
  if (c !== 0) return c;
  if (a.pre !== null && b.pre !== null) {
    c = compareNumbers(a.pre[1], b.pre[1]);
    if (c !== 0) return c;
  }
  if (a.post === null || b.post === null) {
    if (a.post !== b.post) return a.post === null ? -1 : 1;
  } else {
    c = compareNumbers(a.post, b.post);
    if (c !== 0) return c;
  }
  // A dev release sorts before the same version without one.
  if (a.dev === null || b.dev === null) return a.dev === b.dev ? 0 : a.dev === null ? 1 : -1;
  return compareNumbers(a.dev, b.dev);
}

function compareLocals(a: Version['local'], b: Version['local']): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as string | VersionNumber;
    const y = b[i] as string | VersionNumber;
    if (typeof x === 'string') {
      // PEP 440: alphanumeric segments sort before numeric ones.
      if (typeof y !== 'string') return -1;
      if (x !== y) return x < y ? -1 : 1;
    } else {
      if (typeof y === 'string') return 1;
      const c = compareNumbers(x, y);
      if (c !== 0) return c;
    }
  }
  return a.length - b.length;
}

/** packaging's ordering: negative, zero or positive. `1.0 == 1.0.0`; `1.0 < 1.0+local`. */
export function compareVersions(a: Version, b: Version): number {
  return comparePublic(a, b) || compareLocals(a.local, b.local);
}

/** `a` with its local label dropped, compared with `b` (what most specifier operators do). */
export function comparePublicVersions(a: Version, b: Version): number {
  return comparePublic(a, b) || (b.local === null ? 0 : -1);
}

/** `str(Version(text))`. */
export function normalizeVersion(v: Version): string {
  let out = baseVersion(v);
  if (v.pre !== null) out += v.pre[0] + String(v.pre[1]);
  if (v.post !== null) out += '.post' + String(v.post);
  if (v.dev !== null) out += '.dev' + String(v.dev);
  if (v.local !== null) out += '+' + v.local.join('.');
  return out;
}

/** packaging's `Version.public`: the normal form without the local label. */
export function publicVersion(v: Version): string {
  const s = normalizeVersion(v);
  const plus = s.indexOf('+');
  return plus < 0 ? s : s.slice(0, plus);
}

/** packaging's `Version.base_version`: epoch and release only, e.g. `1!2.0`. */
export function baseVersion(v: Version): string {
  const release = v.release.join('.');
  return v.epoch === 0 ? release : `${String(v.epoch)}!${release}`;
}

/** packaging's `is_prerelease`: a pre-release or dev release. */
export function isPrerelease(v: Version): boolean {
  return v.pre !== null || v.dev !== null;
}
