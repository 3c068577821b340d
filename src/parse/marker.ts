// PEP 508 environment markers, read as packaging (>= 26) reads them: the Marker tree and its grammar
// (one function per rule, as in packaging's `_parser.py`, through the tokens of pep508-tokenizer.ts,
// with packaging's error messages and offsets). Evaluating a marker is marker-evaluation.ts's; printing
// one as `str(Marker)` does is the tests' (__tests__/helpers/pep508-strings.ts), which compare trees
// with packaging's printed vectors.
//
// The grammar is recursive, as packaging's is, so nesting is capped (MAX_MARKER_NESTING): pip cannot
// read deeper markers either.
//
// Where packaging 26.x releases differ, this follows the newest behaviour: `extra` comparisons are
// normalised inside parentheses too, the parentheses of a nested group survive printing, a value
// holding a double quote is printed in single quotes, and a malformed quoted string is reported as
// "Invalid quoted string".

import { canonicalName } from '../model.js';
import { Pep508SyntaxError, Tokenizer } from './pep508-tokenizer.js';

export type MarkerVariable =
  | 'python_version'
  | 'python_full_version'
  | 'os_name'
  | 'sys_platform'
  | 'platform_release'
  | 'platform_system'
  | 'platform_version'
  | 'platform_machine'
  | 'platform_python_implementation'
  | 'implementation_name'
  | 'implementation_version'
  | 'extra'
  | 'extras'
  | 'dependency_groups';

export type MarkerOperator = '===' | '==' | '~=' | '!=' | '<=' | '>=' | '<' | '>' | 'in' | 'not in';

export type MarkerOperand =
  { readonly kind: 'variable'; readonly value: MarkerVariable } | { readonly kind: 'string'; readonly value: string };

export interface MarkerComparison {
  readonly type: 'comparison';
  readonly lhs: MarkerOperand;
  readonly op: MarkerOperator;
  readonly rhs: MarkerOperand;
}

/** Operands joined by `and`/`or` (`joins[i]` sits between `items[i]` and `items[i + 1]`). */
export interface MarkerGroup {
  readonly type: 'group';
  readonly items: readonly MarkerNode[];
  readonly joins: readonly ('and' | 'or')[];
}

export type MarkerNode = MarkerComparison | MarkerGroup;

/** A parsed marker: its top-level group. Parenthesised parts are nested groups. */
export type Marker = MarkerGroup;

export type MarkerParse = { ok: true; marker: Marker } | { ok: false; message: string; offset: number };

// ---------------------------------------------------------------------------------------------
// The grammar.

/**
 * The deepest parentheses read. packaging's parser takes two Python frames per level, so pip fails
 * with RecursionError at about 490 levels (pip 23, whose parser was pyparsing, below 100). Ours, and
 * printing and evaluation, recurse too: on Node's default stack a first call survives about 3,500
 * levels (more once V8 has optimised them). A thousand is well past what pip reads and well inside
 * what Node can.
 */
export const MAX_MARKER_NESTING = 1_000;

/** A marker as packaging's `Marker(text)` reads it. */
export function parseMarker(text: string): MarkerParse {
  const tokenizer = new Tokenizer(text);
  try {
    const marker = readMarker(tokenizer);
    tokenizer.expect('END', 'end of marker expression');
    return { ok: true, marker };
  } catch (error) {
    if (error instanceof Pep508SyntaxError) return { ok: false, message: error.message, offset: error.offset };
    throw error;
  }
}

// One function per rule, as in packaging's `_parser.py`, each under its rule. They throw
// Pep508SyntaxError (through Tokenizer.fail) where packaging raises.

/**
 * marker = marker_atom (BOOLOP marker_atom)*
 *
 * `nesting` is how many parentheses are open around it. requirement.ts reads a requirement's marker
 * with it.
 */
export function readMarker(tokenizer: Tokenizer, nesting = 0): MarkerGroup {
  const items = [readMarkerAtom(tokenizer, nesting)];
  const joins: ('and' | 'or')[] = [];
  while (tokenizer.check('BOOLOP')) {
    joins.push(tokenizer.read() as 'and' | 'or');
    items.push(readMarkerAtom(tokenizer, nesting));
  }
  return { type: 'group', items, joins };
}

/**
 * marker_atom = WS? LEFT_PARENTHESIS WS? marker WS? RIGHT_PARENTHESIS WS?
 *             | WS? marker_item WS?
 */
function readMarkerAtom(tokenizer: Tokenizer, nesting: number): MarkerNode {
  tokenizer.consume('WS');
  let atom: MarkerNode;
  if (tokenizer.check('LEFT_PARENTHESIS')) {
    if (nesting === MAX_MARKER_NESTING) {
      tokenizer.fail(
        `Parentheses nested more than ${MAX_MARKER_NESTING} deep: pip cannot read them either (its parser fails with RecursionError at about 490)`,
      );
    }
    tokenizer.read();
    tokenizer.consume('WS');
    atom = readMarker(tokenizer, nesting + 1);
    tokenizer.consume('WS');
    if (!tokenizer.check('RIGHT_PARENTHESIS')) {
      tokenizer.fail('Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression');
    }
    tokenizer.read();
  } else {
    atom = readMarkerItem(tokenizer);
  }
  tokenizer.consume('WS');
  return atom;
}

/** marker_item = WS? marker_var WS? marker_op WS? marker_var WS? */
function readMarkerItem(tokenizer: Tokenizer): MarkerComparison {
  tokenizer.consume('WS');
  const lhs = readMarkerVar(tokenizer);
  tokenizer.consume('WS');
  const op = readMarkerOp(tokenizer);
  tokenizer.consume('WS');
  const rhs = readMarkerVar(tokenizer);
  tokenizer.consume('WS');
  return normalizeNames({ type: 'comparison', lhs, op, rhs });
}

/** marker_var = VARIABLE | QUOTED_STRING */
function readMarkerVar(tokenizer: Tokenizer): MarkerOperand {
  if (tokenizer.check('VARIABLE')) return { kind: 'variable', value: variableNamed(tokenizer.read()) };
  if (!tokenizer.check('QUOTED_STRING')) tokenizer.fail('Expected a marker variable or quoted string');
  const value = decodeQuoted(tokenizer.read());
  // The caret points at the end of the string.
  if (value === null) tokenizer.fail('Invalid quoted string');
  return { kind: 'string', value };
}

/** marker_op = IN | NOT WS IN | OP */
function readMarkerOp(tokenizer: Tokenizer): MarkerOperator {
  if (tokenizer.check('IN')) {
    tokenizer.read();
    return 'in';
  }
  if (tokenizer.check('NOT')) {
    tokenizer.read();
    tokenizer.expect('WS', "whitespace after 'not'");
    tokenizer.expect('IN', "'in' after 'not'");
    return 'not in';
  }
  if (!tokenizer.check('OP')) tokenizer.fail('Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in');
  return tokenizer.read() as MarkerOperator;
}

/** packaging's name for a variable: dotted aliases are spelt with `_`, `python_implementation` in full. */
function variableNamed(spelling: string): MarkerVariable {
  const name = spelling.replace('.', '_');
  return (name === 'python_implementation' ? 'platform_python_implementation' : name) as MarkerVariable;
}

/** packaging normalises the names compared with `extra`, `extras` and `dependency_groups` as it reads them. */
function normalizeNames(c: MarkerComparison): MarkerComparison {
  const { lhs, rhs } = c;
  if (lhs.kind === 'variable' && rhs.kind === 'string' && lhs.value === 'extra') {
    return { ...c, rhs: { kind: 'string', value: canonicalName(rhs.value) } };
  }
  if (
    rhs.kind === 'variable' &&
    lhs.kind === 'string' &&
    (rhs.value === 'extra' || rhs.value === 'extras' || rhs.value === 'dependency_groups')
  ) {
    return { ...c, lhs: { kind: 'string', value: canonicalName(lhs.value) } };
  }
  return c;
}

// ---------------------------------------------------------------------------------------------
// Quoted strings.

function hexValue(s: string, i: number, digits: number): number {
  let value = 0;
  for (let k = 0; k < digits; k++) {
    const d = parseInt(s.charAt(i + k), 16);
    if (Number.isNaN(d)) return -1;
    value = value * 16 + d;
  }
  return value;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/**
 * The value of a quoted-string token, as `ast.literal_eval` computes it: Python escapes are
 * decoded; a raw line break or NUL, a lone surrogate, a bad escape, or an escaped closing quote
 * make it invalid (null). `\N{name}` needs Python's Unicode name table and is refused.
 */
function decodeQuoted(token: string): string | null {
  const body = token.slice(1, -1);
  let simple = true;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 0x5c || c === 0x0a || c === 0x0d || c === 0 || (c >= 0xd800 && c <= 0xdfff)) {
      simple = false;
      break;
    }
  }
  if (simple) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 0x0a || c === 0x0d || c === 0) return null;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < body.length) {
      const d = body.charCodeAt(i + 1);
      if (d < 0xdc00 || d > 0xdfff) return null;
      out += body.slice(i, i + 2);
      i++;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) return null;
    if (c !== 0x5c) {
      out += body.charAt(i);
      continue;
    }
    i++;
    if (i >= body.length) return null;
    const e = body.charAt(i);
    const simpleEscape = SIMPLE_ESCAPES[e];
    if (simpleEscape !== undefined) {
      out += simpleEscape;
    } else if (e === '\n') {
      // a line continuation
    } else if (e === '\r') {
      if (body.charAt(i + 1) === '\n') i++;
    } else if (e >= '0' && e <= '7') {
      let value = 0;
      let k = 0;
      while (k < 3 && i + k < body.length && body.charAt(i + k) >= '0' && body.charAt(i + k) <= '7') {
        value = value * 8 + (body.charCodeAt(i + k) - 0x30);
        k++;
      }
      out += String.fromCharCode(value);
      i += k - 1;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const digits = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const value = hexValue(body, i + 1, digits);
      if (value < 0 || value > 0x10ffff) return null;
      out += value <= 0xffff ? String.fromCharCode(value) : String.fromCodePoint(value);
      i += digits;
    } else if (e === 'N') {
      return null;
    } else {
      // Python keeps an unknown escape as written; the character after it is read as usual.
      out += '\\';
      i--;
    }
  }
  return out;
}
