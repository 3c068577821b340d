// The tokens of PEP 508 dependency specifiers and markers, and the tokenizer that the recursive-descent
// parsers in requirement.ts and marker.ts read them through. It follows packaging's `_tokenizer.py`
// (>= 26): the same token names, the same `check` / `expect` / `read` / `consume` steps, and errors
// that carry packaging's message and the offset its caret points at (0-based UTF-16 index).
//
// Tokens are matched by small functions rather than regular expressions: packaging's `\b` and `\w` are
// Python's Unicode ones, and SPECIFIER is PEP 440's own reader (src/pep440/specifier.ts).

import { matchSpecifier } from '../pep440/specifier.js';

/** packaging's DEFAULT_RULES names (END is its END_OF_STRING). */
export type TokenKind =
  | 'LEFT_PARENTHESIS'
  | 'RIGHT_PARENTHESIS'
  | 'LEFT_BRACKET'
  | 'RIGHT_BRACKET'
  | 'SEMICOLON'
  | 'COMMA'
  | 'QUOTED_STRING'
  | 'OP'
  | 'BOOLOP'
  | 'IN'
  | 'NOT'
  | 'VARIABLE'
  | 'AT'
  | 'URL'
  | 'IDENTIFIER'
  | 'SPECIFIER'
  | 'VERSION_PREFIX_TRAIL'
  | 'VERSION_LOCAL_LABEL_TRAIL'
  | 'WS'
  | 'END';

/**
 * A syntax error where packaging raises `InvalidRequirement` / `InvalidMarker`. Not an Error: the
 * parsers catch it at once, and a stack trace would cost more than reading the requirement.
 */
export class Pep508SyntaxError {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

/** `[ \t]+`: the only whitespace the requirement grammar skips. */
function skipBlanks(s: string, i: number): number {
  for (;;) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09) return i;
    i++;
  }
}

/** Python's `$`: the end, or just before a final newline. */
function isEndAt(s: string, i: number): boolean {
  return i === s.length || (i === s.length - 1 && s.charCodeAt(i) === 0x0a);
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** Python's `\w` (Unicode letters, digits and numerics, `_`) for the code point at i. */
function isWordAt(s: string, i: number): boolean {
  if (i < 0 || i >= s.length) return false;
  const c = s.charCodeAt(i);
  if (c < 0x80) {
    return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x5f;
  }
  return WORD_CHAR.test(String.fromCodePoint(s.codePointAt(i) as number));
}

/** Python's `\w` for the code point that ends just before i. */
function isWordBefore(s: string, i: number): boolean {
  if (i <= 0) return false;
  const c = s.charCodeAt(i - 1);
  return c >= 0xdc00 && c <= 0xdfff && i >= 2 ? isWordAt(s, i - 2) : isWordAt(s, i - 1);
}

/** Python's `\b` at i. */
function isWordBoundary(s: string, i: number): boolean {
  return isWordBefore(s, i) !== isWordAt(s, i);
}

/** `\bword\b` at i. */
function keywordAt(s: string, i: number, word: string): boolean {
  return s.startsWith(word, i) && isWordBoundary(s, i) && isWordBoundary(s, i + word.length);
}

/** A character of packaging's IDENTIFIER: ASCII letters and digits, `.`, `_` and `-`. */
function isIdentifierChar(c: number): boolean {
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

/** `[^ \t]+`: a URL runs to the next blank, so a `;` right after it is part of it. */
function matchUrl(s: string, i: number): number {
  let end = i;
  while (end < s.length && s.charCodeAt(end) !== 0x20 && s.charCodeAt(end) !== 0x09) end++;
  return end > i ? end : -1;
}

/**
 * `\+[a-z0-9]+...`: only its first two characters decide whether it matches, and packaging's check is
 * case-sensitive, so `>=1.0+ABC` falls through to the next error.
 */
function matchLocalLabelTrail(s: string, i: number): number {
  if (s.charCodeAt(i) !== 0x2b) return -1;
  const c = s.charCodeAt(i + 1);
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) ? i + 2 : -1;
}

/** `'[^']*'|"[^"]*"`: the token runs to the next quote of its kind, whatever precedes it. */
function matchQuotedString(s: string, i: number): number {
  const quote = s.charCodeAt(i);
  if (quote !== 0x22 && quote !== 0x27) return -1;
  const close = s.indexOf(quote === 0x22 ? '"' : "'", i + 1);
  return close < 0 ? -1 : close + 1;
}

/** `===|==|~=|!=|<=|>=|<|>`, the longest first. */
const OPERATORS = ['===', '==', '~=', '!=', '<=', '>=', '<', '>'];

function matchOperator(s: string, i: number): number {
  for (const operator of OPERATORS) if (s.startsWith(operator, i)) return i + operator.length;
  return -1;
}

/** `\b(or|and)\b` */
function matchBooleanOperator(s: string, i: number): number {
  if (keywordAt(s, i, 'or')) return i + 2;
  return keywordAt(s, i, 'and') ? i + 3 : -1;
}

/** The spellings packaging's VARIABLE alternation tries, in its order; the dotted ones are old aliases. */
const VARIABLE_SPELLINGS = [
  'python_version',
  'python_full_version',
  'os_name',
  'os.name',
  'sys_platform',
  'sys.platform',
  'platform_release',
  'platform_system',
  'platform_version',
  'platform.version',
  'platform_machine',
  'platform.machine',
  'platform_python_implementation',
  'platform.python_implementation',
  'python_implementation',
  'implementation_name',
  'implementation_version',
  'extras',
  'extra',
  'dependency_groups',
];

/** The spellings by their first character, each list in packaging's order. */
const SPELLINGS_BY_FIRST = new Map<number, string[]>();
for (const spelling of VARIABLE_SPELLINGS) {
  const first = spelling.charCodeAt(0);
  SPELLINGS_BY_FIRST.set(first, [...(SPELLINGS_BY_FIRST.get(first) ?? []), spelling]);
}

/** `\b(python_version|...)\b`: an alternative that no `\b` follows gives way to the next, as in the regex. */
function matchVariable(s: string, i: number): number {
  const spellings = SPELLINGS_BY_FIRST.get(s.charCodeAt(i));
  if (spellings === undefined || isWordBefore(s, i)) return -1;
  for (const spelling of spellings) {
    if (s.startsWith(spelling, i) && isWordBoundary(s, i + spelling.length)) return i + spelling.length;
  }
  return -1;
}

function matchChar(s: string, i: number, c: number): number {
  return s.charCodeAt(i) === c ? i + 1 : -1;
}

/** Where the token of this kind starting at i ends, or -1 when there is none. */
function matchToken(kind: TokenKind, s: string, i: number): number {
  // The most frequent first: a string switch tries its cases in order.
  switch (kind) {
    case 'WS': {
      const end = skipBlanks(s, i);
      return end > i ? end : -1;
    }
    case 'END':
      return isEndAt(s, i) ? i : -1;
    case 'SPECIFIER':
      return matchSpecifier(s, i);
    case 'VARIABLE':
      return matchVariable(s, i);
    case 'QUOTED_STRING':
      return matchQuotedString(s, i);
    case 'LEFT_PARENTHESIS':
      return matchChar(s, i, 0x28);
    case 'OP':
      return matchOperator(s, i);
    case 'BOOLOP':
      return matchBooleanOperator(s, i);
    case 'IN':
      return keywordAt(s, i, 'in') ? i + 2 : -1;
    case 'NOT':
      return keywordAt(s, i, 'not') ? i + 3 : -1;
    case 'IDENTIFIER':
      return matchIdentifier(s, i);
    case 'COMMA':
      return matchChar(s, i, 0x2c);
    case 'SEMICOLON':
      return matchChar(s, i, 0x3b);
    case 'LEFT_BRACKET':
      return matchChar(s, i, 0x5b);
    case 'RIGHT_BRACKET':
      return matchChar(s, i, 0x5d);
    case 'RIGHT_PARENTHESIS':
      return matchChar(s, i, 0x29);
    case 'AT':
      return matchChar(s, i, 0x40);
    case 'URL':
      return matchUrl(s, i);
    case 'VERSION_PREFIX_TRAIL':
      return s.startsWith('.*', i) ? i + 2 : -1;
    case 'VERSION_LOCAL_LABEL_TRAIL':
      return matchLocalLabelTrail(s, i);
  }
}

/**
 * Reads `source` one token at a time from `position`. As in packaging, `check` looks for a token of
 * one kind at the current position and holds it; `read` takes the held token and moves past it.
 */
export class Tokenizer {
  private heldEnd = -1;

  constructor(
    readonly source: string,
    public position = 0,
  ) {}

  /** Whether a token of this kind comes next; unless `peek`, it is held for `read`. */
  check(kind: TokenKind, peek = false): boolean {
    const end = matchToken(kind, this.source, this.position);
    if (end < 0) return false;
    if (!peek) this.heldEnd = end;
    return true;
  }

  /** Reads a token of this kind, or fails with "Expected <expected>". */
  expect(kind: TokenKind, expected: string): string {
    if (!this.check(kind)) this.fail(`Expected ${expected}`);
    return this.read();
  }

  /** The text of the token `check` held, moving past it. */
  read(): string {
    const text = this.source.slice(this.position, this.heldEnd);
    this.position = this.heldEnd;
    this.heldEnd = -1;
    return text;
  }

  /** Moves past a token of this kind if one comes next. */
  consume(kind: TokenKind): void {
    const end = matchToken(kind, this.source, this.position);
    if (end >= 0) this.position = end;
  }

  /** packaging's `raise_syntax_error`: `offset` is where its caret points, the end of the span. */
  fail(message: string, offset = this.position): never {
    throw new Pep508SyntaxError(message, offset);
  }
}
