// From Dockerfile text to instructions, as BuildKit's parser (moby/buildkit frontend/dockerfile/parser)
// reads them: parser directives at the very top, whole-line comments, line continuations with the
// escape character (comment lines and blank lines inside a continuation are dropped), and heredocs
// (`<<EOF`, `<<-EOF`, `<<"EOF"`, several on one line) after RUN, COPY and ADD. Every instruction keeps a
// map from offsets in its logical text back to physical lines and columns, so a token found anywhere
// in it (even after continuations were joined) can be reported where it was written.

import type { Severity } from '../model.js';
import { tokenizeShell } from './shell-words.js';
import { expandWord } from './dockerfile-expand.js';

/** A diagnostic before the orchestrator adds the file. */
export interface Problem {
  line: number;
  column?: number;
  severity: Severity;
  message: string;
  /** See Diagnostic.rule and Diagnostic.fix. */
  rule?: string;
  fix?: string;
}

/** A stretch of logical text that starts at `offset` and was written at `line`, `column` (1-based). */
export interface SourceSegment {
  offset: number;
  line: number;
  column: number;
}

/** Text assembled from pieces of physical lines, with where each piece was written. */
export interface SourceText {
  text: string;
  /** Sorted by offset; the first starts at offset 0. */
  segments: SourceSegment[];
}

export interface Heredoc {
  /** The delimiter word with its quotes removed. */
  name: string;
  /** `<<-`: leading tabs were stripped from the body (and the terminator). */
  chomp: boolean;
  /** The delimiter was unquoted: whoever reads the body expands `$VAR` in it. */
  expand: boolean;
  /** The body lines, each with its newline; without the terminator. */
  body: SourceText;
  /** False when the file ended before the terminator. */
  terminated: boolean;
}

export interface Instruction {
  /** Upper-case, e.g. `RUN`. */
  keyword: string;
  /** The logical line from the keyword on, continuations joined. */
  source: SourceText;
  /** Where the arguments start in `source.text`. */
  argsOffset: number;
  line: number;
  /** The last physical line, heredoc bodies included. */
  endLine: number;
  heredocs: Heredoc[];
}

export interface DockerfileText {
  instructions: Instruction[];
  /** `\` or `` ` `` (`# escape=` directive). */
  escape: string;
  problems: Problem[];
}

/** A JSON-array argument (exec form) with its offsets in the instruction's text. */
export interface JsonArg {
  value: string;
  /** Offsets of the quoted string, quotes included; `end` is exclusive. */
  start: number;
  end: number;
}

const DIRECTIVES = new Set(['escape', 'syntax', 'check']);
const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD']);

/** Go's unicode.IsSpace for the characters a Dockerfile plausibly holds. */
export function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\v' || ch === '\f' || ch === '\r' || ch === '\u0085' || ch === '\u00a0';
}

function leadingSpace(text: string): number {
  let i = 0;
  while (i < text.length && isSpace(text[i]!)) i += 1;
  return i;
}

function stripCarriageReturns(line: string): string {
  let end = line.length;
  while (end > 0 && line[end - 1] === '\r') end -= 1;
  return end === line.length ? line : line.slice(0, end);
}

/** The index of the last segment that starts at or before `offset` (binary search: a line can have thousands). */
function segmentAt(segments: readonly SourceSegment[], offset: number): number {
  let low = 0;
  let high = segments.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (segments[mid]!.offset <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Where `offset` of `source.text` was written. */
export function positionAt(source: SourceText, offset: number): { line: number; column: number } {
  const segment = source.segments[segmentAt(source.segments, offset)] ?? { offset: 0, line: 1, column: 1 };
  return { line: segment.line, column: segment.column + (offset - segment.offset) };
}

/** `source.text.slice(start, end)` with its positions. */
export function sliceSource(source: SourceText, start: number, end = source.text.length): SourceText {
  const { line, column } = positionAt(source, start);
  const segments: SourceSegment[] = [{ offset: 0, line, column }];
  for (let index = segmentAt(source.segments, start) + 1; index < source.segments.length; index += 1) {
    const segment = source.segments[index]!;
    if (segment.offset >= end) break;
    segments.push({ offset: segment.offset - start, line: segment.line, column: segment.column });
  }
  return { text: source.text.slice(start, end), segments };
}

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'));
}

function isAlphanumeric(ch: string | undefined): boolean {
  return isLetter(ch) || (ch !== undefined && ch >= '0' && ch <= '9');
}

/**
 * A `# name=value` parser directive, read without a regular expression (BuildKit's
 * `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$` backtracks quadratically on long blank runs).
 */
function parseDirective(line: string): { name: string; value: string } | null {
  let i = leadingSpace(line);
  if (line[i] !== '#') return null;
  i += 1;
  while (i < line.length && isSpace(line[i]!)) i += 1;
  const nameStart = i;
  if (!isLetter(line[i])) return null;
  while (isAlphanumeric(line[i])) i += 1;
  const name = line.slice(nameStart, i);
  while (i < line.length && isSpace(line[i]!)) i += 1;
  if (line[i] !== '=') return null;
  const value = line.slice(i + 1).trim();
  return value === '' ? null : { name: name.toLowerCase(), value };
}

/** BuildKit's continuation rule: the escape is the last non-blank character and is not itself escaped. */
function continuationAt(line: string, escape: string): number {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end -= 1;
  if (end === 0 || line[end - 1] !== escape) return -1;
  if (end >= 2 && line[end - 2] === escape) return -1;
  return end - 1;
}

export type OpenedHeredoc = Pick<Heredoc, 'name' | 'chomp' | 'expand'>;

function countQuotes(text: string): number {
  let count = 0;
  for (const ch of text) if (ch === "'" || ch === '"') count += 1;
  return count;
}

/** The heredoc a word opens (`<<EOF`, `2<<-"EOF"`), read as BuildKit's ParseHeredoc does. */
export function heredocWord(raw: string): OpenedHeredoc | null {
  let i = 0;
  while (i < raw.length && raw[i]! >= '0' && raw[i]! <= '9') i += 1;
  if (!raw.startsWith('<<', i)) return null;
  i += 2;
  const chomp = raw[i] === '-';
  if (chomp) i += 1;
  const rest = raw.slice(i);
  if (rest === '' || rest.includes('<')) return null;
  if (tokenizeShell(rest, { operators: false }).tokens.length !== 1) return null;
  const expanded = expandWord(rest, () => undefined, { escape: '\\', keepUnset: true });
  if (expanded.error !== null) return null;
  // Quotes anywhere in the delimiter (removed by the lexer) make the body literal.
  return { name: expanded.value, chomp, expand: countQuotes(rest) === countQuotes(expanded.value) };
}

function stripLeadingTabs(line: string): string {
  let i = 0;
  while (i < line.length && line[i] === '\t') i += 1;
  return line.slice(i);
}

const JSON_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};
const HEX4 = /^[0-9a-fA-F]{4}$/;

/**
 * Reads a JSON array of strings (exec form) starting at `from`; null when the text is not exactly that
 * (BuildKit then reads the instruction in shell form).
 */
export function parseJsonArgs(text: string, from: number): JsonArg[] | null {
  let i = from;
  const skipSpace = (): void => {
    while (i < text.length && isSpace(text[i]!)) i += 1;
  };
  skipSpace();
  if (text[i] !== '[') return null;
  i += 1;
  const args: JsonArg[] = [];
  skipSpace();
  if (text[i] === ']') {
    i += 1;
    skipSpace();
    return i === text.length ? args : null;
  }
  for (;;) {
    skipSpace();
    if (text[i] !== '"') return null;
    const start = i;
    i += 1;
    let value = '';
    for (;;) {
      const ch = text[i];
      if (ch === undefined || ch < ' ') return null;
      if (ch === '"') break;
      if (ch !== '\\') {
        value += ch;
        i += 1;
        continue;
      }
      const escaped = text[i + 1];
      const simple = escaped === undefined ? undefined : JSON_ESCAPES[escaped];
      if (simple !== undefined) {
        value += simple;
        i += 2;
      } else if (escaped === 'u' && HEX4.test(text.slice(i + 2, i + 6))) {
        value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
      } else {
        return null;
      }
    }
    i += 1;
    args.push({ value, start, end: i });
    skipSpace();
    if (text[i] === ',') {
      i += 1;
      continue;
    }
    if (text[i] !== ']') return null;
    i += 1;
    skipSpace();
    return i === text.length ? args : null;
  }
}

/** The offset where an instruction's arguments begin after its leading `--flag` words. */
export function afterFlags(source: SourceText, argsOffset: number, escape: string): number {
  if (!source.text.startsWith('--', argsOffset)) return argsOffset;
  const { tokens } = tokenizeShell(source.text.slice(argsOffset), { escape, operators: false });
  for (const token of tokens) {
    if (token.kind === 'word' && !token.raw.startsWith('--')) return argsOffset + token.start;
  }
  return source.text.length;
}

function heredocsOf(source: SourceText, keyword: string, argsOffset: number, escape: string): OpenedHeredoc[] {
  let target = keyword;
  let from = argsOffset;
  if (keyword === 'ONBUILD') {
    const sub = tokenizeShell(source.text.slice(argsOffset), { escape, operators: false }).tokens[0];
    if (sub === undefined || sub.kind !== 'word') return [];
    target = sub.raw.toUpperCase();
    from = argsOffset + sub.end;
  }
  if (!HEREDOC_INSTRUCTIONS.has(target) || !source.text.includes('<<', from)) return [];
  if (parseJsonArgs(source.text, afterFlags(source, from, escape)) !== null) return [];
  const found: OpenedHeredoc[] = [];
  // BuildKit looks for heredoc words with a backslash-escaped lexer, whatever the escape directive says.
  for (const token of tokenizeShell(source.text, { operators: false }).tokens) {
    if (token.kind !== 'word') continue;
    const heredoc = heredocWord(token.raw);
    if (heredoc !== null) found.push(heredoc);
  }
  return found;
}

/** Reads a Dockerfile into instructions, as BuildKit's parser does; never throws. */
export function readDockerfile(input: string): DockerfileText {
  const text = input.startsWith('\ufeff') ? input.slice(1) : input;
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const problems: Problem[] = [];
  let escape = '\\';

  let index = 0;
  const seen = new Set<string>();
  for (; index < lines.length; index += 1) {
    const directive = parseDirective(stripCarriageReturns(lines[index]!));
    if (directive === null || !DIRECTIVES.has(directive.name)) break;
    if (seen.has(directive.name)) {
      problems.push({ line: index + 1, severity: 'error', message: `only one ${directive.name} parser directive can be used` });
      continue;
    }
    seen.add(directive.name);
    if (directive.name !== 'escape') continue;
    if (directive.value === '`' || directive.value === '\\') escape = directive.value;
    else
      problems.push({ line: index + 1, severity: 'error', message: `invalid escape token '${directive.value}' does not match \` or \\` });
  }

  const instructions: Instruction[] = [];
  let next = 0;
  while (next < lines.length) {
    const lineNumber = next + 1;
    const raw = stripCarriageReturns(lines[next]!);
    next += 1;
    const lead = leadingSpace(raw);
    if (lead === raw.length || raw[lead] === '#') continue;

    const first = raw.slice(lead);
    let cut = continuationAt(first, escape);
    let logical = cut >= 0 ? first.slice(0, cut) : first;
    const segments: SourceSegment[] = [{ offset: 0, line: lineNumber, column: lead + 1 }];
    let endLine = lineNumber;
    while (cut >= 0) {
      if (next >= lines.length) {
        problems.push({
          line: endLine,
          severity: 'warning',
          message: 'line continuation at the end of the file: the instruction ends here',
        });
        break;
      }
      const continuation = stripCarriageReturns(lines[next]!);
      next += 1;
      const blank = leadingSpace(continuation);
      // BuildKit drops comment lines and blank lines inside a continuation.
      if (blank === continuation.length || continuation[blank] === '#') continue;
      endLine = next;
      cut = continuationAt(continuation, escape);
      segments.push({ offset: logical.length, line: next, column: 1 });
      logical += cut >= 0 ? continuation.slice(0, cut) : continuation;
    }
    // BuildKit trims the instruction before splitting it into keyword and arguments.
    logical = logical.trimEnd();
    if (logical === '') continue;

    let keywordEnd = 0;
    while (keywordEnd < logical.length && !isSpace(logical[keywordEnd]!)) keywordEnd += 1;
    const argsOffset = keywordEnd + leadingSpace(logical.slice(keywordEnd));
    const source: SourceText = { text: logical, segments };
    const keyword = logical.slice(0, keywordEnd).toUpperCase();
    const heredocs: Heredoc[] = [];
    for (const opened of heredocsOf(source, keyword, argsOffset, escape)) {
      let body = '';
      const bodySegments: SourceSegment[] = [];
      let terminated = false;
      while (next < lines.length) {
        const bodyLine = stripCarriageReturns(lines[next]!);
        next += 1;
        const content = opened.chomp ? stripLeadingTabs(bodyLine) : bodyLine;
        if (content === opened.name) {
          terminated = true;
          break;
        }
        bodySegments.push({ offset: body.length, line: next, column: 1 + bodyLine.length - content.length });
        body += `${content}\n`;
      }
      endLine = next;
      if (!terminated) {
        problems.push({
          line: lineNumber,
          severity: 'error',
          message: `unterminated heredoc <<${opened.name}: no line "${opened.name}" ends it`,
        });
      }
      if (bodySegments.length === 0) bodySegments.push({ offset: 0, line: endLine, column: 1 });
      heredocs.push({ ...opened, body: { text: body, segments: bodySegments }, terminated });
    }
    instructions.push({ keyword, source, argsOffset, line: lineNumber, endLine, heredocs });
  }
  return { instructions, escape, problems };
}
