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
  /** Where the unterminated construct opens. */
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
export const REDIRECTIONS: ReadonlySet<string> = new Set([
  '<', '>', '>>', '>|', '<>', '<&', '>&', '&>', '&>>', '<<', '<<-', '<<<',
]);

// Longest first, so that `&&` wins over `&` and `<<-` over `<<`.
const OPERATORS = ['&>>', '<<-', '<<<', '&&', '||', ';;', '|&', '&>', '>>', '>|', '<>', '<&', '>&', '<<',
  ';', '&', '|', '(', ')', '<', '>', '\n'];

function isBlank(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\r' || ch === '\v' || ch === '\f';
}

function isOperatorStart(ch: string): boolean {
  return ch === ';' || ch === '&' || ch === '|' || ch === '(' || ch === ')' || ch === '<' || ch === '>' || ch === '\n';
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function operatorAt(text: string, at: number): string | null {
  for (const op of OPERATORS) {
    if (text.startsWith(op, at)) return op;
  }
  return null;
}

function describeCloser(closer: string): string {
  switch (closer) {
    case "'": return 'single quote';
    case '"': return 'double quote';
    case '`': return 'backquote';
    case ')': return '$(...) command substitution';
    default: return '${...} expansion';
  }
}

/**
 * Scans one word starting at `at` and returns the offset just past it (with `construct`, just past the
 * quote or expansion that opens at `at`). Nested constructs are tracked on `closers` (what closes each
 * open construct) and `opens` (where each opened).
 */
function scanWord(text: string, at: number, escape: string, shell: boolean, errors: ShellSyntaxError[],
  construct = false): number {
  const closers: string[] = [];
  const opens: number[] = [];
  let i = at;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    const top = closers.length > 0 ? closers[closers.length - 1]! : null;
    if (construct && i > at && closers.length === 0) return i;
    if (top === "'") {
      if (ch === "'") { closers.pop(); opens.pop(); }
      i += 1;
      continue;
    }
    if (ch === escape) {
      i += 2;
      continue;
    }
    if (top === null && (isBlank(ch) || ch === '\n' || (shell && isOperatorStart(ch)))) break;
    if (top !== null && ch === top && top !== '"') {
      closers.pop(); opens.pop();
      i += 1;
      continue;
    }
    if (top === '"') {
      if (ch === '"') { closers.pop(); opens.pop(); i += 1; continue; }
    } else if (ch === "'" || ch === '"') {
      closers.push(ch); opens.push(i);
      i += 1;
      continue;
    }
    if (ch === '$' && text[i + 1] === '{') {
      closers.push('}'); opens.push(i);
      i += 2;
      continue;
    }
    if (shell && ch === '$' && text[i + 1] === '(') {
      closers.push(')'); opens.push(i);
      i += 2;
      continue;
    }
    if (shell && ch === '`' && escape !== '`') {
      closers.push('`'); opens.push(i);
      i += 1;
      continue;
    }
    // Plain parentheses inside $( ... ) (a subshell or a case pattern) nest too.
    if (top === ')' && ch === '(') {
      closers.push(')'); opens.push(i);
    }
    i += 1;
  }
  if (closers.length > 0) {
    errors.push({ message: `unterminated ${describeCloser(closers[0]!)}`, offset: opens[0]! });
    return n;
  }
  return Math.min(i, n);
}

/** Splits `text` into words and (in shell mode) operators, each with its offsets. */
export function tokenizeShell(text: string, options: ShellTokenizeOptions = {}): ShellTokens {
  const escape = options.escape ?? '\\';
  const shell = options.operators ?? true;
  const tokens: ShellToken[] = [];
  const errors: ShellSyntaxError[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const ch = text[i]!;
    if (isBlank(ch) || (!shell && ch === '\n')) {
      i += 1;
      continue;
    }
    // An escaped newline between words joins the lines and separates nothing.
    if (ch === escape && text[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (shell && ch === '#') {
      while (i < n && text[i] !== '\n') i += 1;
      continue;
    }
    if (shell) {
      const op = operatorAt(text, i);
      if (op !== null) {
        tokens.push({ kind: 'operator', op, start: i, end: i + op.length });
        i += op.length;
        continue;
      }
    }
    const end = scanWord(text, i, escape, shell, errors);
    // `2>` and `2>&1`: a word of digits right before a redirection is its file descriptor.
    if (shell && end < n && (text[end] === '<' || text[end] === '>') && isAllDigits(text, i, end)) {
      const op = operatorAt(text, end)!;
      tokens.push({ kind: 'operator', op: text.slice(i, end) + op, start: i, end: end + op.length });
      i = end + op.length;
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
  return scanWord(text, at, escape, true, [], true);
}

function isAllDigits(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i += 1) {
    if (!isDigit(text[i])) return false;
  }
  return end > start;
}
