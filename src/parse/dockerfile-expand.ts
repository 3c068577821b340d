// Word expansion as BuildKit does it (moby/buildkit frontend/dockerfile/shell/lex.go): quote removal,
// escapes, `$X`, `${X}`, `${X:-word}`, `${X-word}`, `${X:+word}`, `${X+word}`, `${X:?msg}`,
// `${X#pat}`, `${X%pat}` (and `##`, `%%`), `${X/pat/rep}`, nested to any sensible depth, single quotes
// suppressing everything. BuildKit applies it to FROM, ARG, ENV, COPY, WORKDIR...; we apply the same
// rules to RUN words too (in `shell` mode), with the stage's ARG and ENV values as the shell would see
// them, which is good enough for reading versions: `$(...)` and backquotes are then left as written
// and the result is marked dynamic.
//
// Bounded: nesting deeper than MAX_DEPTH and results longer than MAX_VALUE are errors, and pattern
// operators give up on values too long to match cheaply (an ARG that doubles itself on each line would
// otherwise grow without limit).

import { endOfConstruct } from './shell-words.js';

/**
 * A value given only when the image is built: an `ARG` without a default (`--build-arg` sets it), or
 * an ENV or ARG set from one. Not empty: unknown. `from` names the build arguments it comes from. A
 * value supplied for the build argument (DockerfileOptions.buildArgs) replaces it.
 */
export interface UnknownValue {
  readonly from: readonly string[];
}

/** A variable's value, undefined when nothing sets it, or unknown until build time. */
export type Lookup = (name: string) => string | UnknownValue | undefined;

function isUnknownValue(value: string | UnknownValue | undefined): value is UnknownValue {
  return typeof value === 'object';
}

export interface ExpandOptions {
  /** The Dockerfile's escape character. */
  escape: string;
  /** RUN semantics: `$(...)` and backquotes are command substitutions, left as written. */
  shell?: boolean;
  /** Leave `$X` / `${X}` as written when X has no value (for messages), instead of expanding to "". */
  keepUnset?: boolean;
}

export interface Expansion {
  value: string;
  /** Names whose value was needed but which have none here. */
  unset: string[];
  /**
   * Build arguments without a value here whose value the word depends on (see UnknownValue): the
   * value is then the word as written.
   */
  unknown: string[];
  /** The word holds a command substitution: its value is known only when the command runs. */
  dynamic: boolean;
  error: string | null;
}

const MAX_DEPTH = 32;
const MAX_VALUE = 65536;
const MAX_PATTERN_SUBJECT = 4096;

class ExpansionError extends Error {}

class Expander {
  private pos = 0;
  /** A set: a hostile word can name thousands of variables. */
  readonly unset = new Set<string>();
  readonly unknown = new Set<string>();
  dynamic = false;

  constructor(
    private readonly text: string,
    private readonly lookup: Lookup,
    private readonly options: ExpandOptions,
  ) {}

  run(): string {
    return this.processUntil(null, false, 0);
  }

  private fail(message: string): never {
    throw new ExpansionError(message);
  }

  private append(result: string, piece: string): string {
    if (result.length + piece.length > MAX_VALUE) this.fail(`expansion longer than ${MAX_VALUE} characters`);
    return result + piece;
  }

  /** Reads until `stop` (consumed) or the end; `rawEscapes` keeps escape characters (for patterns). */
  private processUntil(stop: string | null, rawEscapes: boolean, depth: number): string {
    if (depth > MAX_DEPTH) this.fail('expansion nested too deeply');
    const { text } = this;
    const { escape } = this.options;
    let result = '';
    while (this.pos < text.length) {
      const ch = text[this.pos]!;
      if (stop !== null && ch === stop) {
        this.pos += 1;
        return result;
      }
      if (ch === "'") {
        result = this.append(result, this.singleQuoted());
      } else if (ch === '"') {
        result = this.append(result, this.doubleQuoted(depth));
      } else if (ch === '$') {
        result = this.append(result, this.dollar(depth));
      } else if (this.options.shell && ch === '`' && escape !== '`') {
        result = this.append(result, this.substitution());
      } else {
        this.pos += 1;
        if (ch === escape) {
          if (rawEscapes) result = this.append(result, ch);
          if (this.pos >= text.length) break;
          result = this.append(result, text[this.pos]!);
          this.pos += 1;
        } else {
          result = this.append(result, this.plainRun(stop));
        }
      }
    }
    if (stop !== null) this.fail(stop === '}' ? "syntax error: missing '}'" : `missing '${stop}'`);
    return result;
  }

  /** The character just read and the ordinary ones after it, up to the next special one or `stop`. */
  private plainRun(stop: string | null): string {
    const { text } = this;
    const start = this.pos - 1;
    while (this.pos < text.length && !this.isSpecial(text[this.pos]!, stop)) this.pos += 1;
    return text.slice(start, this.pos);
  }

  private isSpecial(ch: string, stop: string | null): boolean {
    return (
      ch === stop || ch === "'" || ch === '"' || ch === '$' || ch === this.options.escape || (this.options.shell === true && ch === '`')
    );
  }

  private singleQuoted(): string {
    const close = this.text.indexOf("'", this.pos + 1);
    if (close < 0) this.fail('unexpected end of statement while looking for matching single-quote');
    const value = this.text.slice(this.pos + 1, close);
    this.pos = close + 1;
    return value;
  }

  private doubleQuoted(depth: number): string {
    const { text } = this;
    const { escape } = this.options;
    this.pos += 1;
    let result = '';
    while (this.pos < text.length) {
      const ch = text[this.pos]!;
      if (ch === '"') {
        this.pos += 1;
        return result;
      }
      if (ch === '$') {
        result = this.append(result, this.dollar(depth));
        continue;
      }
      if (this.options.shell && ch === '`' && escape !== '`') {
        result = this.append(result, this.substitution());
        continue;
      }
      this.pos += 1;
      if (ch === escape) {
        const next = text[this.pos];
        if (next === undefined) continue;
        // Inside double quotes the escape only quotes these; elsewhere it stays as written.
        if (next === '"' || next === '$' || next === escape) {
          result = this.append(result, next);
          this.pos += 1;
          continue;
        }
      }
      result = this.append(result, ch);
    }
    return this.fail('unexpected end of statement while looking for matching double-quote');
  }

  /** `$(...)` or a backquoted command: kept as written, since only running it tells its output. */
  private substitution(): string {
    const end = endOfConstruct(this.text, this.pos, this.options.escape);
    const value = this.text.slice(this.pos, end);
    this.pos = end;
    this.dynamic = true;
    return value;
  }

  private name(): string {
    const { text } = this;
    const first = text[this.pos];
    if (first === undefined) return '';
    if (first >= '0' && first <= '9') {
      const start = this.pos;
      while (this.pos < text.length && text[this.pos]! >= '0' && text[this.pos]! <= '9') this.pos += 1;
      return text.slice(start, this.pos);
    }
    if ('@*#?-$!'.includes(first)) {
      this.pos += 1;
      return first;
    }
    const start = this.pos;
    while (this.pos < text.length && isNameChar(text[this.pos]!)) this.pos += 1;
    return text.slice(start, this.pos);
  }

  private value(name: string): string | undefined {
    const value = this.known(name);
    if (value === undefined) this.unset.add(name);
    return value;
  }

  /** `name`'s value; undefined when it has none, or when it is unknown (recorded in `unknown`). */
  private known(name: string): string | undefined {
    const value = this.lookup(name);
    if (!isUnknownValue(value)) return value;
    for (const from of value.from) this.unknown.add(from);
    return undefined;
  }

  /** Whether `name`'s value is unknown: a construct using it is then kept as written. */
  private isUnknown(name: string): boolean {
    const value = this.lookup(name);
    if (!isUnknownValue(value)) return false;
    for (const from of value.from) this.unknown.add(from);
    return true;
  }

  private dollar(depth: number): string {
    const { text } = this;
    const start = this.pos;
    this.pos += 1;
    if (this.options.shell && text[this.pos] === '(') {
      this.pos = start;
      return this.substitution();
    }
    if (text[this.pos] !== '{') {
      const name = this.name();
      if (name === '') return '$';
      if (this.isUnknown(name)) return text.slice(start, this.pos);
      const value = this.value(name);
      if (value === undefined && this.options.keepUnset) return text.slice(start, this.pos);
      return value ?? '';
    }
    this.pos += 1;
    const first = text[this.pos];
    if (first === undefined) this.fail("syntax error: missing '}'");
    if (first === '{' || first === '}' || first === ':') this.fail('syntax error: bad substitution');
    const name = this.name();
    const modifier = text[this.pos];
    if (modifier === undefined) this.fail("syntax error: missing '}'");
    this.pos += 1;
    if (modifier === '}') {
      if (this.isUnknown(name)) return text.slice(start, this.pos);
      const value = this.value(name);
      if (value === undefined && this.options.keepUnset) return text.slice(start, this.pos);
      return value ?? '';
    }
    let operator = modifier;
    let nullIsUnset = false;
    if (modifier === ':') {
      nullIsUnset = true;
      operator = text[this.pos] ?? '';
      this.pos += 1;
    }
    if (operator === '/') return this.replace(name, start, depth);
    if (!'+-?#%'.includes(operator) || operator === '') {
      this.fail(`unsupported modifier (${modifier === ':' ? ':' : ''}${operator}) in substitution`);
    }
    const word = this.processUntil('}', operator === '#' || operator === '%', depth + 1);
    // `${TORCH_VERSION:-2.1.2}` of an ARG without a default: the fallback is what a build without
    // --build-arg gets, read as `ARG X=default` is. Any other use depends on the value given.
    if (operator === '-' && isUnknownValue(this.lookup(name))) return word;
    if (this.isUnknown(name)) return text.slice(start, this.pos);
    const value = this.known(name);
    const empty = value === undefined || (nullIsUnset && value === '');
    switch (operator) {
      case '-':
        return empty ? word : value!;
      case '+':
        return empty ? '' : word;
      case '?':
        if (empty)
          this.fail(`${name}: ${word !== '' ? word : value === undefined ? 'is not allowed to be unset' : 'is not allowed to be empty'}`);
        return value!;
      default: {
        if (value === undefined) {
          this.value(name);
          return this.options.keepUnset ? text.slice(start, this.pos) : '';
        }
        const greedy = word.startsWith(operator);
        const pattern = parseGlob(greedy ? word.slice(1) : word, this.options.escape);
        return operator === '#' ? trimPrefix(value, pattern, greedy) : trimSuffix(value, pattern, greedy);
      }
    }
  }

  private replace(name: string, start: number, depth: number): string {
    const all = this.text[this.pos] === '/';
    if (all) this.pos += 1;
    const patternText = this.processUntil('/', true, depth + 1);
    const replacement = this.processUntil('}', true, depth + 1);
    if (this.isUnknown(name)) return this.text.slice(start, this.pos);
    const value = this.known(name);
    if (value === undefined) {
      this.value(name);
      return this.options.keepUnset ? this.text.slice(start, this.pos) : '';
    }
    return replacePattern(value, parseGlob(patternText, this.options.escape), replacement, all);
  }
}

const UNICODE_NAME_CHAR = /^[\p{L}\p{N}]$/u;

/** BuildKit reads names as Unicode letters, digits and `_`. */
function isNameChar(ch: string): boolean {
  return (
    (ch >= 'a' && ch <= 'z') ||
    (ch >= 'A' && ch <= 'Z') ||
    (ch >= '0' && ch <= '9') ||
    ch === '_' ||
    (ch > '\x7f' && UNICODE_NAME_CHAR.test(ch))
  );
}

/** One character of a shell pattern: a literal, or the wildcard `*` (any run) or `?` (any one). */
interface GlobToken {
  ch: string;
  wild: boolean;
}

function parseGlob(pattern: string, escape: string): GlobToken[] {
  const tokens: GlobToken[] = [];
  for (let i = 0; i < pattern.length; i += 1) {
    const ch = pattern[i]!;
    if (ch === escape && i + 1 < pattern.length) {
      i += 1;
      tokens.push({ ch: pattern[i]!, wild: false });
    } else {
      tokens.push({ ch, wild: ch === '*' || ch === '?' });
    }
  }
  return tokens;
}

/** Whether `pattern` matches all of `subject` (the classic two-pointer wildcard match). */
function globMatches(pattern: GlobToken[], subject: string): boolean {
  let p = 0;
  let s = 0;
  let star = -1;
  let mark = 0;
  while (s < subject.length) {
    const token = pattern[p];
    if (token !== undefined && (token.wild ? token.ch === '?' : token.ch === subject[s])) {
      p += 1;
      s += 1;
    } else if (token !== undefined && token.wild && token.ch === '*') {
      star = p;
      mark = s;
      p += 1;
    } else if (star >= 0) {
      p = star + 1;
      mark += 1;
      s = mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p]!.wild && pattern[p]!.ch === '*') p += 1;
  return p === pattern.length;
}

function cutLengths(length: number, greedy: boolean): number[] {
  const lengths: number[] = [];
  for (let k = 0; k <= length; k += 1) lengths.push(greedy ? length - k : k);
  return lengths;
}

function trimPrefix(value: string, pattern: GlobToken[], greedy: boolean): string {
  if (value.length > MAX_PATTERN_SUBJECT) return value;
  for (const k of cutLengths(value.length, greedy)) {
    if (globMatches(pattern, value.slice(0, k))) return value.slice(k);
  }
  return value;
}

function trimSuffix(value: string, pattern: GlobToken[], greedy: boolean): string {
  if (value.length > MAX_PATTERN_SUBJECT) return value;
  for (const k of cutLengths(value.length, greedy)) {
    if (globMatches(pattern, value.slice(value.length - k))) return value.slice(0, value.length - k);
  }
  return value;
}

function replacePattern(value: string, pattern: GlobToken[], replacement: string, all: boolean): string {
  if (pattern.length === 0) return value;
  const literal = pattern.every((token) => !token.wild);
  if (literal) {
    const needle = pattern.map((token) => token.ch).join('');
    return all ? value.split(needle).join(replacement) : value.replace(needle, () => replacement);
  }
  // Leftmost, then longest, as BuildKit's greedy translation to a regular expression matches.
  if (value.length > MAX_PATTERN_SUBJECT / 16) return value;
  let result = '';
  let from = 0;
  for (let start = 0; start <= value.length; start += 1) {
    let matched = -1;
    for (let end = value.length; end > start; end -= 1) {
      if (globMatches(pattern, value.slice(start, end))) {
        matched = end;
        break;
      }
    }
    if (matched < 0) continue;
    result += value.slice(from, start) + replacement;
    from = matched;
    if (!all) break;
    start = matched - 1;
  }
  return result + value.slice(from);
}

/** Whether the shell pattern `pattern` (`*`, `?`, `\` escapes) matches all of `subject`. */
export function matchesPattern(pattern: string, subject: string): boolean {
  return globMatches(parseGlob(pattern, '\\'), subject);
}

/** Whether `raw` holds anything expansion would change: quotes, `$`, the escape, or (shell) backquotes. */
function isPlain(raw: string, options: ExpandOptions): boolean {
  const escape = options.escape.charCodeAt(0);
  for (let i = 0; i < raw.length; i += 1) {
    const code = raw.charCodeAt(i);
    if (code === 0x24 || code === 0x27 || code === 0x22 || code === escape || (options.shell && code === 0x60)) return false;
  }
  return true;
}

const NOTHING: string[] = [];

/** Expands one word as BuildKit (or, in shell mode, /bin/sh) would; never throws. */
export function expandWord(raw: string, lookup: Lookup, options: ExpandOptions): Expansion {
  // Most words are plain: no expander, no allocation.
  if (isPlain(raw, options)) return { value: raw, unset: NOTHING, unknown: NOTHING, dynamic: false, error: null };
  const expander = new Expander(raw, lookup, options);
  try {
    const value = expander.run();
    return { value, unset: [...expander.unset], unknown: [...expander.unknown], dynamic: expander.dynamic, error: null };
  } catch (error) {
    if (!(error instanceof ExpansionError)) throw error;
    return { value: raw, unset: [...expander.unset], unknown: [...expander.unknown], dynamic: expander.dynamic, error: error.message };
  }
}
