// PEP 508 requirement strings, read as packaging's `Requirement(text)` (>= 26) reads them, with its
// error messages. This only reads the requirement itself: requirements-file syntax (options,
// `-r`, hashes, continuations, comments) is the caller's.
//
// Offsets are 0-based UTF-16 indices into the text, at the place packaging's caret points.

import { isEndAt, isWordBoundary, markerToString, parseMarker, parseMarkerAt, skipBlanks } from './marker.js';
import { compareCodePoints, matchSpecifier, parseSpecifierSet, specifierToString } from '../pep440/specifier.js';
import { isPythonWhitespace } from '../pep440/version.js';

export type RequirementParse =
  | { ok: true; name: string; extras: readonly string[]; specifier: string; marker: string | null; url: string | null }
  | { ok: false; message: string; offset: number };

export type ParsedRequirement = Extract<RequirementParse, { ok: true }>;

/**
 * Clauses of one specifier the checks read. pip reads any number; a set of hundreds of thousands (a
 * 5 MB line of `!=` clauses) costs the checks about 500 MB to lay out, six of them in one file 2 GB,
 * and no real pin needs more than a few dozen.
 */
export const MAX_SPECIFIER_CLAUSES = 1_000;

/**
 * Why a requirement whose specifier has more clauses than the checks read is left out of them, or
 * null: the readers report it as a warning at the requirement and keep it out of the facts.
 */
export function tooManyClauses(name: string, specifier: string): string | null {
  // A clause is at least two characters and a comma: a shorter set cannot have too many.
  if (specifier.length < 3 * MAX_SPECIFIER_CLAUSES) return null;
  let clauses = 1;
  for (let index = 0; index < specifier.length; index++) if (specifier.charCodeAt(index) === 0x2c) clauses++;
  if (clauses <= MAX_SPECIFIER_CLAUSES) return null;
  return `${name}: a specifier of ${clauses} clauses; compat-guard checks at most ${MAX_SPECIFIER_CLAUSES} per requirement, so this requirement is not checked (pip reads it)`;
}

/** The extras of every requirement that has none: most have none, and need no array of their own. */
export const NO_EXTRAS: readonly string[] = Object.freeze([]);

function fail(message: string, offset: number): RequirementParse {
  return { ok: false, message, offset };
}

/** A character of packaging's IDENTIFIER: ASCII letters and digits, `.`, `_` and `-`. */
export function isIdentifierChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x2e || c === 0x5f || c === 0x2d;
}

/**
 * packaging's IDENTIFIER, `\b[a-zA-Z0-9][a-zA-Z0-9._-]*\b`: where it ends, or -1. The closing
 * `\b` makes the regex give back trailing `.`/`-` that no word character follows.
 */
function matchIdentifier(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (!((c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a))) return -1;
  if (i > 0 && !isWordBoundary(s, i)) return -1;
  let end = i + 1;
  while (end < s.length && isIdentifierChar(s.charCodeAt(end))) end++;
  while (end > i && !isWordBoundary(s, end)) end--;
  return end > i ? end : -1;
}

function removeWhitespace(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    if (isPythonWhitespace(s.charCodeAt(i))) {
      out += s.slice(from, i);
      from = i + 1;
    }
  }
  return from === 0 ? s : out + s.slice(from);
}

function trimBlanksEnd(s: string, start: number, end: number): string {
  while (end > start && (s.charCodeAt(end - 1) === 0x20 || s.charCodeAt(end - 1) === 0x09)) end--;
  return s.slice(start, end);
}

/**
 * Reads a requirement as packaging's `Requirement(text)` does. `specifier` is the specifier set
 * as written with whitespace removed ("" when none), `marker` the marker as written, extras as
 * written (in order, duplicates kept).
 */
export function parseRequirement(text: string): RequirementParse {
  let i = skipBlanks(text, 0);
  const nameEnd = matchIdentifier(text, i);
  if (nameEnd < 0) return fail('Expected package name at the start of dependency specifier', i);
  const name = text.slice(i, nameEnd);
  i = skipBlanks(text, nameEnd);

  let extras = NO_EXTRAS;
  if (text.charCodeAt(i) === 0x5b) {
    i = skipBlanks(text, i + 1);
    let end = matchIdentifier(text, i);
    if (end >= 0) {
      const written = [text.slice(i, end)];
      extras = written;
      i = end;
      for (;;) {
        i = skipBlanks(text, i);
        if (matchIdentifier(text, i) >= 0) return fail('Expected comma between extra names', i);
        if (text.charCodeAt(i) !== 0x2c) break;
        i = skipBlanks(text, i + 1);
        end = matchIdentifier(text, i);
        if (end < 0) return fail('Expected extra name after comma', i);
        written.push(text.slice(i, end));
        i = end;
      }
    }
    i = skipBlanks(text, i);
    if (text.charCodeAt(i) !== 0x5d) return fail('Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras', i);
    i = skipBlanks(text, i + 1);
  }

  let specifier = '';
  let specifierStart = i;
  let specifierEnd = i;
  let url: string | null = null;
  let markerFrom = -1;
  if (text.charCodeAt(i) === 0x40) {
    i = skipBlanks(text, i + 1);
    // A URL runs to the next blank: a `;` right after it is part of it.
    let end = i;
    while (end < text.length && text.charCodeAt(end) !== 0x20 && text.charCodeAt(end) !== 0x09) end++;
    if (end === i) return fail('Expected URL after @', i);
    url = text.slice(i, end);
    i = skipBlanks(text, end);
    if (!isEndAt(text, i)) {
      if (text.charCodeAt(i) !== 0x3b) return fail('Expected semicolon (after URL and whitespace) or end', i);
      markerFrom = i + 1;
    }
  } else {
    const parenthesised = text.charCodeAt(i) === 0x28;
    if (parenthesised) i++;
    i = skipBlanks(text, i);
    specifierStart = i;
    for (;;) {
      const end = matchSpecifier(text, i);
      if (end < 0) break;
      const op = text.charCodeAt(i);
      i = specifierEnd = end;
      if (text.startsWith('.*', i)) {
        const message =
          op === 0x3d || op === 0x21
            ? '.* suffix cannot be used after pre-release, post-release, developmental release, or local version labels'
            : '.* suffix can only be used with `==` or `!=` operators';
        return fail(message, i + 1);
      }
      // packaging's local-label check is case-sensitive: `>=1.0+ABC` falls through to the next error.
      if (text.charCodeAt(i) === 0x2b) {
        const c = text.charCodeAt(i + 1);
        if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a)) {
          return fail('Local version label can only be used with `==` or `!=` operators', i);
        }
      }
      i = skipBlanks(text, i);
      if (text.charCodeAt(i) !== 0x2c) break;
      specifierEnd = i + 1;
      i = skipBlanks(text, i + 1);
    }
    // Between the tokens there are only blanks and commas: the set as written, blanks dropped.
    specifier = removeWhitespace(text.slice(specifierStart, specifierEnd));
    i = skipBlanks(text, i);
    if (parenthesised) {
      if (text.charCodeAt(i) !== 0x29) {
        return fail('Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after version specifier', i);
      }
      i = skipBlanks(text, i + 1);
    }
    if (!isEndAt(text, i)) {
      if (text.charCodeAt(i) !== 0x3b) {
        const expected = specifier
          ? 'comma (within version specifier), semicolon (after version specifier)'
          : 'semicolon (after name with no version specifier)';
        return fail(`Expected ${expected} or end`, i);
      }
      markerFrom = i + 1;
    }
  }

  let marker: string | null = null;
  if (markerFrom >= 0) {
    const parsed = parseMarkerAt(text, markerFrom);
    if (!parsed.ok) return parsed;
    if (!isEndAt(text, parsed.end)) return fail('Expected end of dependency specifier', parsed.end);
    marker = trimBlanksEnd(text, skipBlanks(text, markerFrom), parsed.end);
  }

  // The grammar lets `===` run over commas, which SpecifierSet then splits: `===a,b` is invalid.
  if (specifier.includes('===')) {
    const set = parseSpecifierSet(specifier);
    if (!set.ok) return fail(set.message, specifierStart);
  }
  return { ok: true, name, extras, specifier, marker, url };
}

/**
 * `str(Requirement)`: extras sorted and de-duplicated, the specifier set and the marker in their
 * normal forms. Reading the result back gives the same requirement.
 */
export function requirementToString(req: Omit<ParsedRequirement, 'ok'>): string {
  let out = req.name;
  if (req.extras.length > 0) {
    out += `[${[...new Set(req.extras)].sort(compareCodePoints).join(',')}]`;
  }
  if (req.specifier) {
    const set = parseSpecifierSet(req.specifier);
    out += set.ok ? specifierToString(set.set) : req.specifier;
  }
  if (req.url !== null) out += ` @ ${req.url}${req.marker !== null ? ' ' : ''}`;
  if (req.marker !== null) {
    const marker = parseMarker(req.marker);
    out += `; ${marker.ok ? markerToString(marker.marker) : req.marker}`;
  }
  return out;
}
