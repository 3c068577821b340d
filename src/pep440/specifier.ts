// PEP 440 specifier sets, read and applied exactly as packaging (>= 26) does: `parseSpecifierSet`
// accepts what `SpecifierSet(text)` accepts, `contains` answers what `SpecifierSet.contains`
// answers and `specifierToString` prints what `str(SpecifierSet)` prints.
//
// Two things that surprise people, both packaging's behaviour and both pinned by the vectors:
// - `contains(set, v)` with no `prereleases` option accepts a pre-release whenever the set's
//   operators do. packaging's "exclude pre-releases unless nothing else matches" rule is a rule
//   about filtering a list of candidates; asked about one version, nothing else matches.
// - `~=` computes its prefix from the specifier *text* (packaging's `_version_split`), so
//   `~=1.0.c1` means `>=1.0rc1, ==1.0.*` (not `==1.*`) and `~=v1.0` matches nothing.

import {
  compareReleases,
  comparePublicVersions,
  compareVersions,
  isPrerelease,
  isPythonWhitespace,
  normalizeVersion,
  parseVersion,
  pythonTrim,
  stripStart,
  versionFromParts,
  type Version,
  type VersionNumber,
} from './version.js';

export type SpecifierOperator = '~=' | '==' | '!=' | '<=' | '>=' | '<' | '>' | '===';

/**
 * What a prefix match (`==X.*`, `!=X.*`, and the prefix half of `~=`) compares: the candidate's
 * epoch and zero-padded release must start with `epoch` and `release`, and its pre/post/dev
 * segments (spelled `a1`, `post2`, `dev3`) with `tail`. `tail` is empty except for odd `~=`
 * texts such as `~=1.0.c.1` (prefix `1.0rc0`).
 */
export interface PrefixPattern {
  readonly epoch: VersionNumber;
  readonly release: readonly VersionNumber[];
  readonly tail: readonly string[];
  /** No candidate can match: the text gave no numeric epoch and release (`~=v1.0` gives `0!v1`). */
  readonly impossible: boolean;
}

export interface Specifier {
  readonly operator: SpecifierOperator;
  /** The text after the operator, stripped: `1.2.*`, `1.0+cu121`, `foobar` (for `===`). */
  readonly version: string;
  /** `==X.*` or `!=X.*`. */
  readonly wildcard: boolean;
  /**
   * The version compared with (X for `==X.*`); for `===`, the text read as a version where it is
   * one. null where packaging accepts the specifier but cannot read its version: `===` with
   * arbitrary text, and `~=` texts using the Unicode letters packaging's regex folds to ASCII
   * (`~=1.0po\u017ft1`, with the long s). packaging raises on such a specifier when it is used; here it matches nothing.
   */
  readonly target: Version | null;
  /** For `==X.*`, `!=X.*` and `~=`. */
  readonly prefix: PrefixPattern | null;
}

export interface SpecifierSet {
  /** In the order written. The empty set contains every version. */
  readonly specifiers: readonly Specifier[];
}

export type SpecifierSetParse = { ok: true; set: SpecifierSet } | { ok: false; message: string };

export interface ContainsOptions {
  /** true: accept pre-releases; false: reject them; absent: packaging's default (see above). */
  prereleases?: boolean;
}

// ---------------------------------------------------------------------------------------------
// The specifier grammar (packaging's Specifier._specifier_regex_str), as a scanner.

function isDigitAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0x30 && c <= 0x39;
}

function scanDigits(s: string, i: number): number {
  while (isDigitAt(s, i)) i++;
  return i;
}

function isSeparatorAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c === 0x2d || c === 0x5f || c === 0x2e;
}

function isAsciiAlnumAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i) | 0x20;
  return isDigitAt(s, i) || (c >= 0x61 && c <= 0x7a);
}

/**
 * Does `word` (lower-case ASCII) start at s[i], case-insensitively? With `unicode`, also the
 * non-ASCII letters Python's IGNORECASE folds onto ASCII ones (U+0130 and U+0131 for i, U+017F for
 * s, U+212A for k): the `~=` branch of packaging's regex is not ASCII-only, the other branches are.
 */
function wordAt(s: string, i: number, word: string, unicode: boolean): boolean {
  if (i + word.length > s.length) return false;
  for (let k = 0; k < word.length; k++) {
    const c = s.charCodeAt(i + k);
    const w = word.charCodeAt(k);
    if ((c | 0x20) === w) continue;
    if (!unicode) return false;
    if (w === 0x69 && (c === 0x130 || c === 0x131)) continue;
    if (w === 0x73 && c === 0x17f) continue;
    if (w === 0x6b && c === 0x212a) continue;
    return false;
  }
  return true;
}

const PRE_WORDS = ['alpha', 'beta', 'preview', 'pre', 'a', 'b', 'c', 'rc'];
const POST_WORDS = ['post', 'rev', 'r'];
const DEV_WORDS = ['dev'];

function scanWordGroup(s: string, i: number, words: readonly string[], unicode: boolean): number {
  let k = i;
  if (isSeparatorAt(s, k)) k++;
  const c = s.charCodeAt(k);
  if (!((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) && !(unicode && c >= 0x80)) return i;
  for (const word of words) {
    if (wordAt(s, k, word, unicode)) {
      k += word.length;
      if (isSeparatorAt(s, k)) k++;
      return scanDigits(s, k);
    }
  }
  return i;
}

/** `v? ([0-9]+!)? [0-9]+(\.[0-9]+)*`, with at least two release components for `~=`. */
function scanVersionCore(s: string, i: number, twoComponents: boolean): number {
  if ((s.charCodeAt(i) | 0x20) === 0x76) i++;
  let j = scanDigits(s, i);
  // The epoch group is optional and not possessive: `1!.0` backtracks to release `1`.
  if (j > i && s.charCodeAt(j) === 0x21 && isDigitAt(s, j + 1)) {
    i = j + 1;
    j = scanDigits(s, i);
  }
  if (j === i) return -1;
  let components = 1;
  while (s.charCodeAt(j) === 0x2e && isDigitAt(s, j + 1)) {
    j = scanDigits(s, j + 1);
    components++;
  }
  return twoComponents && components < 2 ? -1 : j;
}

/** Optional pre, post and dev segments. */
function scanSuffix(s: string, i: number, unicode: boolean): number {
  i = scanWordGroup(s, i, PRE_WORDS, unicode);
  if (s.charCodeAt(i) === 0x2d && isDigitAt(s, i + 1)) i = scanDigits(s, i + 1);
  else i = scanWordGroup(s, i, POST_WORDS, unicode);
  return scanWordGroup(s, i, DEV_WORDS, unicode);
}

/**
 * Where packaging's specifier pattern, matched at `start` (not anchored at the end), stops; -1
 * when it does not match. This is the SPECIFIER token of the requirement grammar.
 */
export function matchSpecifier(s: string, start: number): number {
  if (s.startsWith('===', start)) {
    let i = stripStart(s, start + 3, s.length);
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 0x3b || c === 0x29 || isPythonWhitespace(c)) break;
      i++;
    }
    return i;
  }
  const c0 = s.charCodeAt(start);
  const c1 = s.charCodeAt(start + 1);
  if ((c0 === 0x3d || c0 === 0x21) && c1 === 0x3d) {
    const i = scanVersionCore(s, stripStart(s, start + 2, s.length), false);
    if (i < 0) return -1;
    if (s.charCodeAt(i) === 0x2e && s.charCodeAt(i + 1) === 0x2a) return i + 2;
    let j = scanSuffix(s, i, false);
    if (s.charCodeAt(j) === 0x2b && isAsciiAlnumAt(s, j + 1)) {
      j++;
      for (;;) {
        while (isAsciiAlnumAt(s, j)) j++;
        if (isSeparatorAt(s, j) && isAsciiAlnumAt(s, j + 1)) j++;
        else break;
      }
    }
    return j;
  }
  if (c0 === 0x7e && c1 === 0x3d) {
    const i = scanVersionCore(s, stripStart(s, start + 2, s.length), true);
    return i < 0 ? -1 : scanSuffix(s, i, true);
  }
  if (c0 === 0x3c || c0 === 0x3e) {
    const i = scanVersionCore(s, stripStart(s, start + (c1 === 0x3d ? 2 : 1), s.length), false);
    return i < 0 ? -1 : scanSuffix(s, i, false);
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Reading.

const PREFIX_SPLIT = /^([0-9]+)((?:a|b|c|rc)[0-9]+)$/;

/** packaging's `_version_split`: epoch, then the dot-separated parts, `0a1` split in two. */
function versionSplit(version: string): string[] {
  const bang = version.lastIndexOf('!');
  const result = [(bang < 0 ? '' : version.slice(0, bang)) || '0'];
  for (const item of version.slice(bang + 1).split('.')) {
    const m = PREFIX_SPLIT.exec(item);
    if (m) result.push(m[1] as string, m[2] as string);
    else result.push(item);
  }
  return result;
}

function isAsciiDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) if (!isDigitAt(s, i)) return false;
  return true;
}

function digitsToNumber(s: string): VersionNumber {
  return s.length <= 15 ? Number(s) : BigInt(s);
}

function prefixPattern(components: readonly string[]): PrefixPattern {
  let numeric = 0;
  while (numeric < components.length && isAsciiDigits(components[numeric] as string)) numeric++;
  // No numeric epoch and release to start with: no candidate has that prefix.
  if (numeric < 2) return Object.freeze({ epoch: 0, release: Object.freeze([]), tail: Object.freeze([]), impossible: true });
  return Object.freeze({
    epoch: digitsToNumber(components[0] as string),
    release: Object.freeze(components.slice(1, numeric).map(digitsToNumber)),
    tail: Object.freeze(components.slice(numeric)),
    impossible: false,
  });
}

const SUFFIX_STARTS = ['dev', 'a', 'b', 'rc', 'post'];

/** `~=`'s prefix exactly as packaging's `_compare_compatible` derives it from the text. */
function compatiblePrefix(versionText: string): PrefixPattern {
  const components = versionSplit(versionText);
  let taken = 0;
  while (taken < components.length && !SUFFIX_STARTS.some((p) => (components[taken] as string).startsWith(p))) taken++;
  const kept = components.slice(0, taken - 1);
  const joined = `${kept[0] ?? ''}!${kept.slice(1).join('.')}`;
  const parsed = parseVersion(joined);
  return prefixPattern(versionSplit(parsed ? normalizeVersion(parsed) : joined));
}

/** One specifier, as packaging's `Specifier(text)` reads it; null where it raises. */
export function parseSpecifier(text: string): Specifier | null {
  const start = stripStart(text, 0, text.length);
  const end = matchSpecifier(text, start);
  if (end < 0 || stripStart(text, end, text.length) !== text.length) return null;
  const spec = pythonTrim(text);
  const opLength = spec.startsWith('===') ? 3 : spec.charCodeAt(1) === 0x3d ? 2 : 1;
  const operator = spec.slice(0, opLength) as SpecifierOperator;
  const version = pythonTrim(spec.slice(opLength));
  const wildcard = (operator === '==' || operator === '!=') && version.endsWith('.*');
  const target = parseVersion(wildcard ? version.slice(0, -2) : version);
  let prefix: PrefixPattern | null = null;
  if (wildcard) prefix = target ? prefixPattern(versionSplit(normalizeVersion(target))) : null;
  else if (operator === '~=' && target) prefix = compatiblePrefix(version);
  return Object.freeze({ operator, version, wildcard, target, prefix });
}

// Requirement files repeat the same few specifier sets; a direct-mapped cache keeps those (and
// their ranges, cached per set object) without the cost a growing Map puts on every miss.
const CACHE_SLOTS = 4096;
const cacheKeys: (string | undefined)[] = new Array<string | undefined>(CACHE_SLOTS);
const cacheValues: SpecifierSetParse[] = new Array<SpecifierSetParse>(CACHE_SLOTS);

function slotOf(text: string): number {
  let h = text.length;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0) % CACHE_SLOTS;
}

/** A comma-separated specifier set, as packaging's `SpecifierSet(text)` reads it. */
export function parseSpecifierSet(text: string): SpecifierSetParse {
  const slot = slotOf(text);
  if (cacheKeys[slot] === text) return cacheValues[slot] as SpecifierSetParse;
  const result = parseSetUncached(text);
  cacheKeys[slot] = text;
  cacheValues[slot] = result;
  return result;
}

function parseSetUncached(text: string): SpecifierSetParse {
  const specifiers: Specifier[] = [];
  // packaging splits on every comma and drops empty pieces, so `>=1.0,` and `,>=1.0` are valid.
  for (const piece of text.split(',')) {
    const stripped = pythonTrim(piece);
    if (stripped === '') continue;
    const spec = parseSpecifier(stripped);
    if (spec === null) return Object.freeze({ ok: false, message: `Invalid specifier: ${pythonRepr(stripped)}` });
    specifiers.push(spec);
  }
  return Object.freeze({ ok: true, set: Object.freeze({ specifiers: Object.freeze(specifiers) }) });
}

// ---------------------------------------------------------------------------------------------
// Matching.

function suffixComponents(v: Version): string[] {
  const out: string[] = [];
  if (v.pre !== null) out.push(v.pre[0] + String(v.pre[1]));
  if (v.post !== null) out.push('post' + String(v.post));
  if (v.dev !== null) out.push('dev' + String(v.dev));
  return out;
}

/** packaging's `_compare_equal` for `X.*`: the candidate's public version, zero-padded, starts with the prefix. */
function prefixMatches(p: PrefixPattern, v: Version): boolean {
  if (p.impossible || v.epoch < p.epoch || v.epoch > p.epoch) return false;
  const n = p.release.length;
  for (let i = 0; i < n; i++) {
    const x = v.release[i] ?? 0;
    const y = p.release[i] as VersionNumber;
    if (x < y || x > y) return false;
  }
  if (p.tail.length === 0) return true;
  if (v.release.length > n) return false;
  const suffix = suffixComponents(v);
  if (suffix.length < p.tail.length) return false;
  return p.tail.every((t, j) => t === suffix[j]);
}

function sameBase(a: Version, b: Version): boolean {
  return (
    !(a.epoch < b.epoch || a.epoch > b.epoch) &&
    compareReleases(a.release, b.release) === 0 &&
    (a.pre === null ? b.pre === null : b.pre !== null && a.pre[0] === b.pre[0] && !(a.pre[1] < b.pre[1] || a.pre[1] > b.pre[1]))
  );
}

function equalsTarget(v: Version, t: Version): boolean {
  return t.local === null ? comparePublicVersions(v, t) === 0 : compareVersions(v, t) === 0;
}

function lowerEquals(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase();
}

/** One operator applied to a parsed candidate; `text` is the candidate as `===` sees it. */
function operatorMatches(spec: Specifier, v: Version, text: string): boolean {
  if (spec.operator === '===') return lowerEquals(text, spec.version);
  const t = spec.target;
  if (t === null) return false;
  switch (spec.operator) {
    case '==':
      return spec.prefix ? prefixMatches(spec.prefix, v) : equalsTarget(v, t);
    case '!=':
      return !(spec.prefix ? prefixMatches(spec.prefix, v) : equalsTarget(v, t));
    case '<=':
      return comparePublicVersions(v, t) <= 0;
    case '>=':
      return comparePublicVersions(v, t) >= 0;
    case '~=':
      return comparePublicVersions(v, t) >= 0 && spec.prefix !== null && prefixMatches(spec.prefix, v);
    case '<':
      if (compareVersions(v, t) >= 0) return false;
      // PEP 440: `<V` excludes pre-releases of V unless V is one; V.dev0 is the earliest of them.
      return isPrerelease(t) || !isPrerelease(v) || compareVersions(v, versionFromParts({ ...t, dev: 0, local: null })) < 0;
    case '>':
      if (compareVersions(v, t) <= 0) return false;
      // PEP 440: `>V` excludes V's post-releases (unless V is one) and V's local versions.
      if (t.post === null && t.dev === null && v.post !== null && sameBase(v, t)) return false;
      return v.local === null || comparePublicVersions(v, t) !== 0;
  }
}

function candidateText(candidate: Version | string): string {
  // `===` compares what it is given: a string as written, a Version in its normal form.
  return typeof candidate === 'string' ? candidate : normalizeVersion(candidate);
}

/** packaging's `Specifier.contains(candidate, prereleases)` for one specifier. */
export function specifierContains(spec: Specifier, candidate: Version | string, options?: ContainsOptions): boolean {
  return contains({ specifiers: [spec] }, candidate, options);
}

/** packaging's `SpecifierSet.contains(candidate, prereleases)`. */
export function contains(set: SpecifierSet, candidate: Version | string, options?: ContainsOptions): boolean {
  const v = typeof candidate === 'string' ? parseVersion(candidate) : candidate;
  if (v === null) {
    // Text that is no version can only satisfy `===` (and the empty set).
    for (const spec of set.specifiers) {
      if (spec.operator !== '===' || !lowerEquals(candidate as string, spec.version)) return false;
    }
    return true;
  }
  if (options?.prereleases === false && isPrerelease(v)) return false;
  let text: string | null = null;
  for (const spec of set.specifiers) {
    if (spec.operator === '===') text ??= candidateText(candidate);
    if (!operatorMatches(spec, v, text ?? '')) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Printing.

function canonicalKey(spec: Specifier): string {
  if (spec.operator === '===' || spec.version.endsWith('.*') || spec.target === null) {
    return spec.operator + spec.version;
  }
  const t = spec.target;
  if (spec.operator === '~=') return spec.operator + normalizeVersion(t);
  // packaging's canonicalize_version: trailing zeros of the release dropped (one kept).
  let n = t.release.length;
  while (n > 1 && t.release[n - 1] === 0) n--;
  return spec.operator + normalizeVersion(n === t.release.length ? t : { ...t, release: t.release.slice(0, n) });
}

// Surrogates sort above U+E000..U+FFFF in code point order but below them in UTF-16 order.
function codePointKey(unit: number): number {
  return unit >= 0xd800 && unit <= 0xdfff ? unit + 0x2000 : unit >= 0xe000 ? unit - 0x800 : unit;
}

/** Python's string ordering (by code point). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointKey(x) - codePointKey(y);
  }
  return a.length - b.length;
}

/** `str(SpecifierSet)`: sorted, duplicates (by packaging's equality) dropped, comma-joined. */
export function specifierToString(set: SpecifierSet): string {
  const entries = set.specifiers.map((s) => ({ text: s.operator + s.version, key: canonicalKey(s) }));
  entries.sort((a, b) => compareCodePoints(a.text, b.text));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const e of entries) {
    if (seen.has(e.key)) continue;
    seen.add(e.key);
    out.push(e.text);
  }
  return out.join(',');
}

const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** Python's `repr()` of a string, for messages that quote input as packaging's do. */
export function pythonRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (ch === '\\' || ch === quote) out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp === 0x20 || !NOT_PRINTABLE.test(ch)) out += ch;
    else if (cp < 0x100) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp < 0x10000) out += '\\u' + cp.toString(16).padStart(4, '0');
    else out += '\\U' + cp.toString(16).padStart(8, '0');
  }
  return out + quote;
}
