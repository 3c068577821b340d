// PEP 508 requirement strings, read as packaging's `Requirement(text)` (>= 26) reads them, with its
// error messages. This only reads the requirement itself: requirements-file syntax (options,
// `-r`, hashes, continuations, comments) is the caller's.
//
// Offsets are 0-based UTF-16 indices into the text, at the place packaging's caret points.

import { readMarker } from './marker.js';
import { Pep508SyntaxError, Tokenizer } from './pep508-tokenizer.js';
import { parseSpecifierSet } from '../pep440/specifier.js';
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
  try {
    const { name, extras, specifier, specifierStart, marker, url } = readRequirement(new Tokenizer(text));
    // The grammar lets `===` run over commas, which SpecifierSet then splits: `===a,b` is invalid.
    if (specifier.includes('===')) {
      const set = parseSpecifierSet(specifier);
      if (!set.ok) return fail(set.message, specifierStart);
    }
    return { ok: true, name, extras, specifier, marker, url };
  } catch (error) {
    if (error instanceof Pep508SyntaxError) return fail(error.message, error.offset);
    throw error;
  }
}

// The grammar, one function per rule as in packaging's `_parser.py`, each under its rule. They throw
// Pep508SyntaxError (through Tokenizer.fail) where packaging raises.

interface RequirementParts {
  name: string;
  extras: readonly string[];
  url: string | null;
  specifier: string;
  /** Where the specifier starts, where an invalid `===` set is reported. */
  specifierStart: number;
  marker: string | null;
}

/** requirement = WS? IDENTIFIER WS? extras WS? requirement_details END */
function readRequirement(tokenizer: Tokenizer): RequirementParts {
  tokenizer.consume('WS');
  const name = tokenizer.expect('IDENTIFIER', 'package name at the start of dependency specifier');
  tokenizer.consume('WS');
  const extras = readExtras(tokenizer);
  tokenizer.consume('WS');
  const { url, specifier, specifierStart, marker } = readRequirementDetails(tokenizer);
  tokenizer.expect('END', 'end of dependency specifier');
  return { name, extras, url, specifier, specifierStart, marker };
}

/**
 * requirement_details = AT WS? URL (WS requirement_marker?)?
 *                     | specifier WS? requirement_marker?
 */
function readRequirementDetails(tokenizer: Tokenizer): Omit<RequirementParts, 'name' | 'extras'> {
  if (tokenizer.check('AT')) {
    tokenizer.read();
    tokenizer.consume('WS');
    const url = tokenizer.expect('URL', 'URL after @');
    tokenizer.consume('WS');
    const marker = tokenizer.check('END', true) ? null : readRequirementMarker(tokenizer, 'semicolon (after URL and whitespace)');
    return { url, specifier: '', specifierStart: 0, marker };
  }
  const { specifier, start } = readSpecifier(tokenizer);
  tokenizer.consume('WS');
  if (tokenizer.check('END', true)) return { url: null, specifier, specifierStart: start, marker: null };
  const expected = specifier
    ? 'comma (within version specifier), semicolon (after version specifier)'
    : 'semicolon (after name with no version specifier)';
  return { url: null, specifier, specifierStart: start, marker: readRequirementMarker(tokenizer, expected) };
}

/** requirement_marker = SEMICOLON marker WS?  (the marker as written, blanks around it dropped) */
function readRequirementMarker(tokenizer: Tokenizer, expected: string): string {
  if (!tokenizer.check('SEMICOLON')) tokenizer.fail(`Expected ${expected} or end`);
  tokenizer.read();
  tokenizer.consume('WS');
  const start = tokenizer.position;
  readMarker(tokenizer);
  tokenizer.consume('WS');
  return trimBlanksEnd(tokenizer.source, start, tokenizer.position);
}

/** extras = (LEFT_BRACKET WS? extras_list? WS? RIGHT_BRACKET)? */
function readExtras(tokenizer: Tokenizer): readonly string[] {
  if (!tokenizer.check('LEFT_BRACKET')) return NO_EXTRAS;
  tokenizer.read();
  tokenizer.consume('WS');
  const extras = readExtrasList(tokenizer);
  tokenizer.consume('WS');
  if (!tokenizer.check('RIGHT_BRACKET')) tokenizer.fail('Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras');
  tokenizer.read();
  return extras;
}

/** extras_list = IDENTIFIER (WS? COMMA WS? IDENTIFIER)* */
function readExtrasList(tokenizer: Tokenizer): readonly string[] {
  if (!tokenizer.check('IDENTIFIER')) return NO_EXTRAS;
  const extras = [tokenizer.read()];
  for (;;) {
    tokenizer.consume('WS');
    if (tokenizer.check('IDENTIFIER', true)) tokenizer.fail('Expected comma between extra names');
    if (!tokenizer.check('COMMA')) return extras;
    tokenizer.read();
    tokenizer.consume('WS');
    extras.push(tokenizer.expect('IDENTIFIER', 'extra name after comma'));
  }
}

/**
 * specifier = LEFT_PARENTHESIS WS? version_many WS? RIGHT_PARENTHESIS
 *           | WS? version_many WS?
 */
function readSpecifier(tokenizer: Tokenizer): { specifier: string; start: number } {
  const parenthesised = tokenizer.check('LEFT_PARENTHESIS');
  if (parenthesised) tokenizer.read();
  tokenizer.consume('WS');
  const start = tokenizer.position;
  const specifier = readVersionMany(tokenizer);
  tokenizer.consume('WS');
  if (parenthesised) {
    if (!tokenizer.check('RIGHT_PARENTHESIS')) {
      tokenizer.fail('Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after version specifier');
    }
    tokenizer.read();
  }
  return { specifier, start };
}

/** version_many = (SPECIFIER (WS? COMMA WS? SPECIFIER)*)?  (the set as written, whitespace dropped) */
function readVersionMany(tokenizer: Tokenizer): string {
  const start = tokenizer.position;
  let end = start;
  while (tokenizer.check('SPECIFIER')) {
    const op = tokenizer.source.charCodeAt(tokenizer.position);
    tokenizer.read();
    end = tokenizer.position;
    if (tokenizer.check('VERSION_PREFIX_TRAIL', true)) {
      const message =
        op === 0x3d || op === 0x21
          ? '.* suffix cannot be used after pre-release, post-release, developmental release, or local version labels'
          : '.* suffix can only be used with `==` or `!=` operators';
      tokenizer.fail(message, tokenizer.position + 1);
    }
    if (tokenizer.check('VERSION_LOCAL_LABEL_TRAIL', true)) {
      tokenizer.fail('Local version label can only be used with `==` or `!=` operators');
    }
    tokenizer.consume('WS');
    if (!tokenizer.check('COMMA')) break;
    tokenizer.read();
    end = tokenizer.position;
    tokenizer.consume('WS');
  }
  // Between the tokens there are only blanks and commas: one slice, whitespace dropped.
  return removeWhitespace(tokenizer.source.slice(start, end));
}
