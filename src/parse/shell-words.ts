// A small POSIX-ish tokenizer: it splits text into words and operators and keeps each word exactly as
// written (quotes, escapes and expansions included) with its offsets, so that a token found in a RUN
// command maps back to its line and column in the Dockerfile. It does not expand anything: quote
// removal and `$VAR` expansion are dockerfile-expand.ts's job, because the values are known only there.
//
// Two modes:
// - shell (operators: true): what /bin/sh sees in a RUN command or a heredoc body. `&&`, `;`, `|`,
//   `(`, newlines, redirections are operators; `#` at the start of a word begins a comment; `$(...)`,
//   `$((...))` and backticks are kept inside the word they belong to, as opaque text.
// - words (operators: false): how BuildKit splits an instruction's arguments (FROM, COPY, ENV...):
//   only blanks separate words; quotes, escapes and `${...}` still group characters.
//
// Everything is one forward pass with an explicit stack (no recursion, no regular expression), so
// hostile input costs linear time and bounded stack.

export interface ShellWord {
  kind: 'word';
  /** The word as written. */
  raw: string;
  /** Offsets into the tokenized text; `end` is exclusive. */
  start: number;
  end: number;
}

export interface ShellOperator {
  kind: 'operator';
  /** `&&`, `||`, `;`, `;;`, `&`, `|`, `|&`, `(`, `)`, `\n`, or a redirection (`>`, `2>`, `<<`, `<<-`...). */
  op: string;
  start: number;
  end: number;
}

export type ShellToken = ShellWord | ShellOperator;

export interface ShellSyntaxError {
  message: string;
  /** Where the unterminated construct (the innermost one) opens. */
  offset: number;
}

export interface ShellTokens {
  tokens: ShellToken[];
  /** The first syntax error; the tokens before and around it are still returned. */
  error: ShellSyntaxError | null;
}

export interface ShellTokenizeOptions {
  /** The escape character: `\` (the default), or `` ` `` in a Dockerfile with `# escape=``. */
  escape?: string;
  /** Shell mode (default) or BuildKit's word splitting. */
  operators?: boolean;
}

/** Redirections take the next word as their target; `<<` and `<<-` take a heredoc delimiter. */
export const REDIRECTIONS: ReadonlySet<string> = new Set(['<', '>', '>>', '>|', '<>', '<&', '>&', '&>', '&>>', '<<', '<<-', '<<<']);

// Longest first, so that `&&` wins over `&` and `<<-` over `<<`.
const OPERATORS = [
  '&>>',
  '<<-',
  '<<<',
  '&&',
  '||',
  ';;',
  '|&',
  '&>',
  '>>',
  '>|',
  '<>',
  '<&',
  '>&',
  '<<',
  ';',
  '&',
  '|',
  '(',
  ')',
  '<',
  '>',
  '\n',
];

// Character codes: the scanner compares numbers, not one-character strings.
const TAB = 9;
const NEWLINE = 10;
const VTAB = 11;
const FORMFEED = 12;
const RETURN = 13;
const SPACE = 32;
const DOUBLE_QUOTE = 34;
const HASH = 35;
const DOLLAR = 36;
const AMPERSAND = 38;
const SINGLE_QUOTE = 39;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const ZERO = 48;
const NINE = 57;
const SEMICOLON = 59;
const LESS = 60;
const GREATER = 62;
const BACKQUOTE = 96;
const OPEN_BRACE = 123;
const PIPE = 124;
const CLOSE_BRACE = 125;

function isBlank(code: number): boolean {
  return code === SPACE || code === TAB || code === RETURN || code === VTAB || code === FORMFEED;
}

function isOperatorStart(code: number): boolean {
  return (
    code === SEMICOLON ||
    code === AMPERSAND ||
    code === PIPE ||
    code === OPEN_PAREN ||
    code === CLOSE_PAREN ||
    code === LESS ||
    code === GREATER ||
    code === NEWLINE
  );
}

function operatorAt(text: string, at: number): string | null {
  if (!isOperatorStart(text.charCodeAt(at))) return null;
  for (const op of OPERATORS) {
    if (text.startsWith(op, at)) return op;
  }
  return null;
}

function describeCloser(closer: number): string {
  switch (closer) {
    case SINGLE_QUOTE:
      return 'single quote';
    case DOUBLE_QUOTE:
      return 'double quote';
    case BACKQUOTE:
      return 'backquote';
    case CLOSE_PAREN:
      return '$(...) command substitution';
    default:
      return '${...} expansion';
  }
}

/**
 * The open constructs of the word being scanned, innermost last. One instance serves every scan (one
 * runs at a time), so that a word costs no allocation.
 */
class ConstructStack {
  private readonly closers: number[] = [];
  private readonly opens: number[] = [];
  depth = 0;
  /** The code that closes the innermost construct, -1 when none is open. */
  top = -1;

  reset(): void {
    this.depth = 0;
    this.top = -1;
  }

  open(closer: number, where: number): void {
    this.closers[this.depth] = closer;
    this.opens[this.depth] = where;
    this.depth += 1;
    this.top = closer;
  }

  close(): void {
    this.depth -= 1;
    this.top = this.depth > 0 ? this.closers[this.depth - 1]! : -1;
  }

  /** Where the innermost construct opened. */
  get innermost(): number {
    return this.opens[this.depth - 1]!;
  }
}

const stack = new ConstructStack();

/**
 * Scans one word starting at `at` and returns the offset just past it (with `construct`, just past the
 * quote or expansion that opens at `at`).
 */
function scanWord(text: string, at: number, escape: number, shell: boolean, errors: ShellSyntaxError[], construct = false): number {
  stack.reset();
  let i = at;
  const n = text.length;
  while (i < n) {
    if (construct && i > at && stack.depth === 0) return i;
    const code = text.charCodeAt(i);
    const { top } = stack;
    if (top === SINGLE_QUOTE || (top === DOUBLE_QUOTE && code === DOUBLE_QUOTE) || (top !== DOUBLE_QUOTE && code === top)) {
      if (code === top) stack.close();
      i += 1;
      continue;
    }
    if (code === escape) {
      i += 2;
      continue;
    }
    if (top === -1 && (isBlank(code) || code === NEWLINE || (shell && isOperatorStart(code)))) break;
    if (top !== DOUBLE_QUOTE && (code === SINGLE_QUOTE || code === DOUBLE_QUOTE)) {
      stack.open(code, i);
      i += 1;
      continue;
    }
    const next = text.charCodeAt(i + 1);
    if (code === DOLLAR && next === OPEN_BRACE) {
      stack.open(CLOSE_BRACE, i);
      i += 2;
    } else if (shell && code === DOLLAR && next === OPEN_PAREN) {
      stack.open(CLOSE_PAREN, i);
      i += 2;
    } else if (shell && code === BACKQUOTE && escape !== BACKQUOTE) {
      stack.open(BACKQUOTE, i);
      i += 1;
    } else {
      // Plain parentheses inside $( ... ) (a subshell or a case pattern) nest too.
      if (top === CLOSE_PAREN && code === OPEN_PAREN) stack.open(CLOSE_PAREN, i);
      i += 1;
    }
  }
  if (stack.depth > 0) {
    // The innermost construct is the one that is missing its end: `"torch==${V"` lacks a `}`.
    errors.push({ message: `unterminated ${describeCloser(stack.top)}`, offset: stack.innermost });
    return n;
  }
  return Math.min(i, n);
}

/** Splits `text` into words and (in shell mode) operators, each with its offsets. */
export function tokenizeShell(text: string, options: ShellTokenizeOptions = {}): ShellTokens {
  const escape = (options.escape ?? '\\').charCodeAt(0);
  const shell = options.operators ?? true;
  const tokens: ShellToken[] = [];
  const errors: ShellSyntaxError[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (isBlank(code) || (!shell && code === NEWLINE)) {
      i += 1;
      continue;
    }
    // An escaped newline between words joins the lines and separates nothing.
    if (code === escape && text.charCodeAt(i + 1) === NEWLINE) {
      i += 2;
      continue;
    }
    if (shell && code === HASH) {
      while (i < n && text.charCodeAt(i) !== NEWLINE) i += 1;
      continue;
    }
    const op = shell ? operatorAt(text, i) : null;
    if (op !== null) {
      tokens.push({ kind: 'operator', op, start: i, end: i + op.length });
      i += op.length;
      continue;
    }
    const end = scanWord(text, i, escape, shell, errors);
    // `2>` and `2>&1`: a word of digits right before a redirection is its file descriptor.
    const after = text.charCodeAt(end);
    if (shell && (after === LESS || after === GREATER) && isAllDigits(text, i, end)) {
      const redirection = operatorAt(text, end)!;
      tokens.push({ kind: 'operator', op: text.slice(i, end) + redirection, start: i, end: end + redirection.length });
      i = end + redirection.length;
      continue;
    }
    tokens.push({ kind: 'word', raw: text.slice(i, end), start: i, end });
    i = end;
  }
  return { tokens, error: errors[0] ?? null };
}

/**
 * The offset just past the quote, `${...}`, `$(...)` or backquote that opens at `at`, with everything
 * nested in it; the text's length when it is unterminated.
 */
export function endOfConstruct(text: string, at: number, escape = '\\'): number {
  return scanWord(text, at, escape.charCodeAt(0), true, [], true);
}

function isAllDigits(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i += 1) {
    const code = text.charCodeAt(i);
    if (code < ZERO || code > NINE) return false;
  }
  return end > start;
}
