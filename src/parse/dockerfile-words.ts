// Words of an instruction or a command with their values and where they were written, shared by the
// instruction reader (dockerfile.ts) and the RUN reader (dockerfile-run.ts).

import type { Span } from '../model.js';
import { tokenizeShell } from './shell-words.js';
import type { ShellWord } from './shell-words.js';
import { expandWord } from './dockerfile-expand.js';
import type { ExpandOptions, Lookup } from './dockerfile-expand.js';
import { positionAt } from './dockerfile-lines.js';
import type { SourceText } from './dockerfile-lines.js';

/** A word after expansion and quote removal, and where it was written. */
export interface Arg {
  value: string;
  /**
   * Why the value is not what the build will see (an unset variable, `$(...)`, a syntax error, a build
   * argument given at build time), or null. `buildArgs`: the build arguments without a value here
   * that the word depends on (then `value` is the word as written). `branch`: a shell variable set in
   * a branch of the script, whose value depends on which arm ran.
   */
  unknown: { message: string; severity: 'error' | 'notice'; buildArgs?: readonly string[]; branch?: true } | null;
  source: SourceText;
  /** The written word's offsets in `source.text` (inside its quotes when it is quoted whole); `end` exclusive. */
  start: number;
  end: number;
  /** `value` is the written text from `start` on, so offsets inside it are columns too. */
  verbatim: boolean;
  /** Shell words only: an unquoted `*` or `?` makes the word a pattern the shell expands to file names. */
  glob?: boolean;
}

/**
 * Whether /bin/sh would read `raw` as a pathname pattern: an unquoted `*`, or an unquoted `?` outside
 * a URL (where it starts the query, and no file name matches). `[` is left alone: `pkg[extra]` matches
 * no file either, and the shell then passes it on as written.
 */
function isPattern(raw: string, escape: string): boolean {
  let quote: string | null = null;
  let question = false;
  for (let i = 0; i < raw.length; i += 1) {
    const ch = raw[i]!;
    if (quote !== null) {
      if (ch === quote) quote = null;
      else if (ch === escape && quote === '"') i += 1;
    } else if (ch === escape) {
      i += 1;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (ch === '*') {
      return true;
    } else if (ch === '?') {
      question = true;
    }
  }
  return question && !raw.includes('://');
}

function fullyQuoted(raw: string): boolean {
  const quote = raw[0];
  return raw.length >= 2 && (quote === '"' || quote === "'") && raw[raw.length - 1] === quote;
}

/** A word, or part of one (the value after `NAME=`), as written at `start` of a source. */
export type WrittenWord = Pick<ShellWord, 'raw' | 'start' | 'end'>;

/** The part of `word` after its character at `index` (the value of `NAME=value`, `--flag=value`). */
export function wordAfter(word: WrittenWord, index: number): WrittenWord {
  return { raw: word.raw.slice(index + 1), start: word.start + index + 1, end: word.end };
}

/** Says why `names` have no value where a word uses them. */
export type UnsetExplainer = (names: readonly string[]) => string;

export const explainUnset: UnsetExplainer = (names) =>
  `${names.join(', ')} ${names.length > 1 ? 'have' : 'has'} no value here (no ARG or ENV sets it)`;

export function explainBuildArgs(names: readonly string[]): string {
  const many = names.length > 1;
  return `${names.join(', ')} ${many ? 'are build arguments' : 'is a build argument'} without a default, given at build time (--build-arg)`;
}

/** Expands `word` (written in `source`) and says whether its value can be trusted. */
export function argOf(
  source: SourceText,
  word: WrittenWord,
  lookup: Lookup,
  options: ExpandOptions,
  explain: UnsetExplainer = explainUnset,
): Arg {
  const expansion = expandWord(word.raw, lookup, options);
  let unknown: Arg['unknown'] = null;
  if (expansion.error !== null) {
    unknown = { message: expansion.error, severity: 'error' };
  } else if (expansion.dynamic) {
    unknown = { message: 'its value is computed when the command runs', severity: 'notice' };
  } else if (expansion.unset.length > 0) {
    // Said before a build argument: a name nothing declares is the repository's own mistake.
    unknown = { message: explain(expansion.unset), severity: 'notice' };
  } else if (expansion.unknown.length > 0) {
    unknown = { message: explainBuildArgs(expansion.unknown), severity: 'notice', buildArgs: expansion.unknown };
  }
  const quoted = fullyQuoted(word.raw) && expansion.value === word.raw.slice(1, -1);
  const arg: Arg = {
    value: expansion.value,
    unknown,
    source,
    start: quoted ? word.start + 1 : word.start,
    end: quoted ? word.end - 1 : word.end,
    verbatim: quoted || expansion.value === word.raw,
  };
  if (options.shell === true && isPattern(word.raw, options.escape)) arg.glob = true;
  return arg;
}

/** The words of `source.text` from `from` on, split as BuildKit splits instruction arguments. */
export function wordsOf(source: SourceText, from: number, escape: string): ShellWord[] {
  const words: ShellWord[] = [];
  for (const token of tokenizeShell(source.text.slice(from), { escape, operators: false }).tokens) {
    if (token.kind === 'word') words.push({ kind: 'word', raw: token.raw, start: token.start + from, end: token.end + from });
  }
  return words;
}

/**
 * Where `arg.value.slice(from, to)` was written: exactly when the value is verbatim, else the whole
 * word (an expanded value has no columns of its own).
 */
export function spanOf(arg: Arg, from = 0, to = arg.value.length): Span {
  const start = arg.verbatim ? arg.start + from : arg.start;
  const end = arg.verbatim ? arg.start + to : arg.end;
  const first = positionAt(arg.source, start);
  const last = positionAt(arg.source, Math.max(start, end - 1));
  return { line: first.line, column: first.column, endLine: last.line, endColumn: last.column };
}
