// PEP 508 environment markers, read and printed as packaging (>= 26) reads and prints them: the Marker
// tree, its grammar (one function per rule, as in packaging's `_parser.py`, through the tokens of
// pep508-tokenizer.ts, with packaging's error messages and offsets), `str(Marker)`, and
// `Marker.evaluate`.
//
// The grammar is recursive, as packaging's is, so nesting is capped (MAX_MARKER_NESTING): pip cannot
// read deeper markers either.
//
// Where packaging 26.x releases differ, this follows the newest behaviour: `extra` comparisons are
// normalised inside parentheses too, the parentheses of a nested group survive printing, a value
// holding a double quote is printed in single quotes, and a malformed quoted string is reported as
// "Invalid quoted string". Beyond packaging, printing escapes backslashes and line breaks, so that
// printing and reading back always gives the same marker.

import { canonicalName } from '../model.js';
import { parseSpecifier, pythonRepr, specifierContains, type Specifier } from '../pep440/specifier.js';
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

/** The values markers compare with; what `packaging.markers.default_environment()` returns, plus PEP 751's sets. */
export interface MarkerEnvironment {
  implementation_name: string;
  implementation_version: string;
  os_name: string;
  platform_machine: string;
  platform_release: string;
  platform_system: string;
  platform_version: string;
  python_full_version: string;
  platform_python_implementation: string;
  python_version: string;
  sys_platform: string;
  extras: readonly string[];
  dependency_groups: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// The grammar.

/**
 * The deepest parentheses read. packaging's parser takes two Python frames per level, so pip fails
 * with RecursionError at about 490 levels (pip 23, whose parser was pyparsing, below 100). Ours, and
 * printing and evaluation, recurse too: on Node's default stack they survive about 2,400 levels
 * before V8 optimises them (8,000 after). A thousand is well past what pip reads and well inside
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

// ---------------------------------------------------------------------------------------------
// Printing.

function quote(value: string): string {
  let plain = true;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x22 || c === 0x5c || c === 0x0a || c === 0x0d || c === 0 || (c >= 0xd800 && c <= 0xdfff)) {
      plain = false;
      break;
    }
  }
  if (plain) return `"${value}"`;
  const q = value.includes('"') && !value.includes("'") ? "'" : '"';
  let out = q;
  for (let i = 0; i < value.length; i++) {
    const ch = value.charAt(i);
    const c = value.charCodeAt(i);
    // Only a value holding both quotes gets here with its quote in it (then q is `"`). A token ends at
    // the next quote of its kind whatever precedes it, so that one is spelled in hex.
    if (ch === q) out += '\\x22';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (c === 0) out += '\\x00';
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) {
      const d = value.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += value.slice(i, i + 2);
        i++;
      } else out += '\\u' + c.toString(16);
    } else if (c >= 0xd800 && c <= 0xdfff) out += '\\u' + c.toString(16);
    else out += ch;
  }
  return out + q;
}

function operandToString(o: MarkerOperand): string {
  return o.kind === 'variable' ? o.value : quote(o.value);
}

/**
 * `str(Marker)`: single spaces, double-quoted values, variables by their current names, and
 * parentheses only where a group of two or more sits inside another.
 */
export function markerToString(marker: Marker): string {
  return nodeToString(marker, false);
}

function nodeToString(node: MarkerNode, nested: boolean): string {
  if (node.type === 'comparison') return `${operandToString(node.lhs)} ${node.op} ${operandToString(node.rhs)}`;
  if (node.items.length === 1) return nodeToString(node.items[0] as MarkerNode, nested);
  let text = nodeToString(node.items[0] as MarkerNode, true);
  for (let k = 1; k < node.items.length; k++) text += ` ${node.joins[k - 1] as string} ${nodeToString(node.items[k] as MarkerNode, true)}`;
  return nested ? `(${text})` : text;
}

// ---------------------------------------------------------------------------------------------
// Evaluation.

// packaging compares as PEP 440 versions only for these variables, and only when operator and
// value read as a specifier (`>=3.8`). Otherwise values compare as strings, and for strings `<`
// and `>` are never true, `<=` and `>=` mean `==`, and `~=` and `===` raise.
const VERSION_KEYS = new Set(['implementation_version', 'platform_release', 'python_full_version', 'python_version']);

export type MarkerEvaluation = { ok: true; value: boolean } | { ok: false; message: string };

type EnvValue = string | readonly string[];

function lookup(env: Partial<MarkerEnvironment>, extra: string, key: string): EnvValue | undefined {
  if (key === 'extra') return extra;
  if (!Object.prototype.hasOwnProperty.call(env, key)) return undefined;
  const value = (env as Record<string, unknown>)[key];
  if (typeof value === 'string') {
    // packaging repairs what platform.python_version() reports for untagged builds.
    return key === 'python_full_version' && value.endsWith('+') ? value + 'local' : value;
  }
  return Array.isArray(value) ? (value as readonly string[]) : undefined;
}

function setRepr(values: readonly string[]): string {
  return values.length === 0 ? 'frozenset()' : `{${values.map(pythonRepr).join(', ')}}`;
}

// The specifier `python_version >= "3.8"` compares with, read once per comparison.
const specifiers = new WeakMap<MarkerComparison, Specifier | null>();

function specifierOf(c: MarkerComparison, rhs: string): Specifier | null {
  let spec = specifiers.get(c);
  if (spec === undefined) {
    spec = parseSpecifier(c.op + rhs);
    specifiers.set(c, spec);
  }
  return spec;
}

/**
 * What a comparison looks up, as packaging does: a variable on the left, whose right side is taken as
 * written; otherwise the right side names it (even when it is a quoted string). The one thing it reads
 * of the environment.
 */
function lookedUp(c: MarkerComparison): string {
  return c.lhs.kind === 'variable' ? c.lhs.value : c.rhs.value;
}

function compare(c: MarkerComparison, env: Partial<MarkerEnvironment>, extra: string): boolean | string {
  const key = lookedUp(c);
  let lhs: EnvValue | undefined;
  let rhs: EnvValue | undefined;
  if (c.lhs.kind === 'variable') {
    lhs = lookup(env, extra, key);
    rhs = c.rhs.value;
  } else {
    lhs = c.lhs.value;
    rhs = lookup(env, extra, key);
  }
  if (lhs === undefined || rhs === undefined) return `Marker variable ${pythonRepr(key)} is not defined in the environment`;
  if (typeof lhs !== 'string') {
    return `Marker variable ${pythonRepr(key)} holds a set and cannot be compared on the left of ${c.op}`;
  }
  if (key === 'extras' || key === 'dependency_groups') {
    lhs = canonicalName(lhs);
    rhs = typeof rhs === 'string' ? canonicalName(rhs) : rhs.map(canonicalName);
  }
  if (VERSION_KEYS.has(key) && typeof rhs === 'string') {
    const spec = c.lhs.kind === 'variable' ? specifierOf(c, rhs) : parseSpecifier(c.op + rhs);
    if (spec !== null) return specifierContains(spec, lhs, { prereleases: true });
  }
  switch (c.op) {
    case 'in':
      return rhs.includes(lhs);
    case 'not in':
      return !rhs.includes(lhs);
    case '<':
    case '>':
      return false;
    case '<=':
    case '==':
    case '>=':
      return lhs === rhs;
    case '!=':
      return lhs !== rhs;
    default: {
      const shown = typeof rhs === 'string' ? pythonRepr(rhs) : setRepr(rhs);
      return `Undefined <Op(${pythonRepr(c.op)})> on ${pythonRepr(lhs)} and ${shown}.`;
    }
  }
}

/**
 * Evaluates as packaging's `Marker.evaluate(env)` does for a requirement being installed with
 * extra `extra` (none: ""). Where packaging raises (a variable missing from `env`, `~=` or `===`
 * between values that are not versions), the result says why.
 */
export function tryEvaluateMarker(marker: Marker, env: Partial<MarkerEnvironment>, extra?: string): MarkerEvaluation {
  const extraValue = extra ? canonicalName(extra) : '';
  // packaging evaluates every comparison (an error anywhere raises), then combines: `and` binds tighter.
  interface Frame {
    group: MarkerGroup;
    index: number;
    anyTrue: boolean;
    allTrue: boolean;
  }
  const stack: Frame[] = [{ group: marker, index: 0, anyTrue: false, allTrue: true }];
  let value = false;
  let pending = false;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    if (pending) {
      if (frame.index > 0 && frame.group.joins[frame.index - 1] === 'or') {
        frame.anyTrue ||= frame.allTrue;
        frame.allTrue = true;
      }
      frame.allTrue &&= value;
      frame.index++;
      pending = false;
    }
    if (frame.index === frame.group.items.length) {
      value = frame.anyTrue || frame.allTrue;
      stack.pop();
      pending = true;
      continue;
    }
    const item = frame.group.items[frame.index] as MarkerNode;
    if (item.type === 'group') {
      stack.push({ group: item, index: 0, anyTrue: false, allTrue: true });
      continue;
    }
    const result = compare(item, env, extraValue);
    if (typeof result === 'string') return { ok: false, message: result };
    value = result;
    pending = true;
  }
  return { ok: true, value };
}

export class MarkerEvaluationError extends Error {
  override name = 'MarkerEvaluationError';
}

/** `tryEvaluateMarker`, throwing `MarkerEvaluationError` where packaging raises. */
export function evaluateMarker(marker: Marker, env: Partial<MarkerEnvironment>, extra?: string): boolean {
  const result = tryEvaluateMarker(marker, env, extra);
  if (!result.ok) throw new MarkerEvaluationError(result.message);
  return result.value;
}

// ---------------------------------------------------------------------------------------------
// Evaluation in many environments at once.

/** What `tryEvaluateMarker` gives in one environment: false, true, or an error (where packaging raises). */
export const MARKER_FALSE = 0;
export const MARKER_TRUE = 1;
export const MARKER_RAISES = 2;

/** One value a variable takes: the first environment where it does, and all of them as a bit set. */
interface SharedValue {
  readonly environment: number;
  readonly where: Uint32Array;
}

/**
 * A fixed list of environments that markers are evaluated in all at once, each environment getting
 * the outcome `tryEvaluateMarker` gives it (with no extra). A comparison reads one variable, so it is
 * evaluated once for each distinct value of that variable among the environments, not once for each
 * environment; its outcomes are sets of environments, as bits (environment e is bit e & 31 of word
 * e >> 5), combined for `and` and `or` a word at a time. Evaluated in 240 environments one by one, a
 * 5 MB marker of 166,666 comparisons took 18 s.
 */
export class MarkerEnvironments {
  private readonly words: number;
  /** Every environment. */
  private readonly everywhere: Uint32Array;
  /** The distinct values of every variable some environment has (and of `extra`). */
  private readonly valuesOf = new Map<string, readonly SharedValue[]>();
  /** The one value of any other variable: not defined, in every environment. */
  private readonly undefinedEverywhere: readonly SharedValue[];

  constructor(private readonly environments: ReadonlyArray<Partial<MarkerEnvironment>>) {
    this.words = (environments.length + 31) >>> 5;
    this.everywhere = new Uint32Array(this.words);
    for (let environment = 0; environment < environments.length; environment++) setBit(this.everywhere, environment);
    this.undefinedEverywhere = environments.length === 0 ? [] : [{ environment: 0, where: this.everywhere }];
    const variables = new Set(['extra', ...environments.flatMap((environment) => Object.keys(environment))]);
    for (const variable of variables) this.valuesOf.set(variable, this.distinctValues(variable));
  }

  /** The outcome in each environment, in their order: MARKER_FALSE, MARKER_TRUE or MARKER_RAISES. */
  outcomes(marker: Marker): Uint8Array {
    const { words, everywhere } = this;
    const raises = new Uint32Array(words);
    // The last comparison's or group's outcome, until the group it is in takes it.
    const value = new Uint32Array(words);
    // tryEvaluateMarker's stack, a bit set per open group where it has `anyTrue` and `allTrue`.
    const groups: MarkerGroup[] = [marker];
    const indices: number[] = [0];
    let anyTrue: Uint32Array = new Uint32Array(words * 16);
    let allTrue: Uint32Array = new Uint32Array(words * 16);
    allTrue.set(everywhere);
    let depth = 0;
    let pending = false;
    while (depth >= 0) {
      const group = groups[depth] as MarkerGroup;
      const at = depth * words;
      if (pending) {
        const index = indices[depth] as number;
        if (index > 0 && group.joins[index - 1] === 'or') {
          for (let word = 0; word < words; word++) anyTrue[at + word] = (anyTrue[at + word] as number) | (allTrue[at + word] as number);
          allTrue.set(everywhere, at);
        }
        for (let word = 0; word < words; word++) allTrue[at + word] = (allTrue[at + word] as number) & (value[word] as number);
        indices[depth] = index + 1;
        pending = false;
      }
      const index = indices[depth] as number;
      if (index === group.items.length) {
        for (let word = 0; word < words; word++) value[word] = (anyTrue[at + word] as number) | (allTrue[at + word] as number);
        depth--;
        pending = true;
        continue;
      }
      const item = group.items[index] as MarkerNode;
      if (item.type === 'comparison') {
        this.compareIn(item, value, raises);
        pending = true;
        continue;
      }
      depth++;
      groups[depth] = item;
      indices[depth] = 0;
      if ((depth + 1) * words > allTrue.length) {
        anyTrue = grown(anyTrue);
        allTrue = grown(allTrue);
      }
      anyTrue.fill(0, depth * words, (depth + 1) * words);
      allTrue.set(everywhere, depth * words);
    }
    const outcomes = new Uint8Array(this.environments.length);
    for (let environment = 0; environment < outcomes.length; environment++) {
      outcomes[environment] = hasBit(raises, environment) ? MARKER_RAISES : hasBit(value, environment) ? MARKER_TRUE : MARKER_FALSE;
    }
    return outcomes;
  }

  /** Sets `value` to where the comparison is true, and adds where it raises to `raises`. */
  private compareIn(comparison: MarkerComparison, value: Uint32Array, raises: Uint32Array): void {
    value.fill(0);
    for (const { environment, where } of this.valuesOf.get(lookedUp(comparison)) ?? this.undefinedEverywhere) {
      const result = compare(comparison, this.environments[environment] as Partial<MarkerEnvironment>, '');
      if (result === false) continue;
      const into = result === true ? value : raises;
      for (let word = 0; word < where.length; word++) into[word] = (into[word] as number) | (where[word] as number);
    }
  }

  private distinctValues(variable: string): SharedValue[] {
    const byValue = new Map<string, SharedValue>();
    this.environments.forEach((environment, index) => {
      const found = lookup(environment, '', variable);
      // compare() reads nothing else of an environment: equal values give equal outcomes.
      const id = found === undefined ? 'undefined' : typeof found === 'string' ? `string ${found}` : `set ${JSON.stringify(found)}`;
      let shared = byValue.get(id);
      if (shared === undefined) {
        shared = { environment: index, where: new Uint32Array(this.words) };
        byValue.set(id, shared);
      }
      setBit(shared.where, index);
    });
    return [...byValue.values()];
  }
}

function setBit(bits: Uint32Array, index: number): void {
  bits[index >>> 5] = (bits[index >>> 5] as number) | (1 << (index & 31));
}

function hasBit(bits: Uint32Array, index: number): boolean {
  return ((bits[index >>> 5] as number) & (1 << (index & 31))) !== 0;
}

function grown(bits: Uint32Array): Uint32Array {
  const larger = new Uint32Array(bits.length * 2);
  larger.set(bits);
  return larger;
}
