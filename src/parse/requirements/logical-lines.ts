// pip's req_file.preprocess, the part that makes logical lines of a file's text: physical lines
// (split where Python's str.splitlines() splits), joined at a trailing `\` (join_lines), comments
// cut (ignore_comments) and `${VAR}` expanded (expand_env_variables). A logical line keeps pieces that
// map each of its offsets back to a physical line and column, for records and diagnostics.

import { isPythonWhitespace, stripEnd, stripStart } from '../../pep440/version.js';
import { splitLines } from '../text.js';

/** Splits `text` into physical lines and hands each logical line to `emit` (see LineJoiner for how long it lives). */
export function readLogicalLines(text: string, emit: (line: LogicalLine) => void): void {
  const joiner = new LineJoiner(emit);
  const lines = splitLines(text);
  const pythonOnlyBreaks = PYTHON_ONLY_LINE_BREAK.test(text);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    // Python's str.splitlines() (which pip uses) also breaks at these; an editor does not, so the
    // pieces keep the physical line's number.
    if (pythonOnlyBreaks && PYTHON_ONLY_LINE_BREAK.test(line)) {
      let column = 0;
      for (const piece of line.split(PYTHON_ONLY_LINE_BREAK)) {
        joiner.push(piece, index + 1, column);
        column += piece.length + 1;
      }
    } else {
      joiner.push(line, index + 1, 0);
    }
  }
  joiner.end();
}

const PYTHON_ONLY_LINE_BREAK = /[\v\f\x1c-\x1e\x85\u2028\u2029]/;

// ---------------------------------------------------------------------------------------------
// Positions: a logical line is built from pieces of physical lines; a piece maps its offsets back.

export interface Piece {
  /** Offset of the piece in the logical text. */
  start: number;
  length: number;
  /** 1-based physical line and 0-based column of the piece's first character. */
  line: number;
  column: number;
  /** How many source characters the piece stands for: `length`, except for an expanded `${VAR}`. */
  span: number;
}

export interface Position {
  line: number;
  /** 1-based. */
  column: number;
}

/** The physical line of a logical line's offset (positionAt's line, without building a Position). */
export function lineAt(pieces: readonly Piece[], offset: number): number {
  return (pieces[pieceIndexAt(pieces, offset)] as Piece).line;
}

/** The 1-based column of a logical line's offset (positionAt's column, without building a Position). */
export function columnAt(pieces: readonly Piece[], offset: number): number {
  const piece = pieces[pieceIndexAt(pieces, offset)] as Piece;
  const delta = Math.max(0, Math.min(offset - piece.start, piece.span - 1));
  return piece.column + delta + 1;
}

export function positionAt(pieces: readonly Piece[], offset: number): Position {
  return { line: lineAt(pieces, offset), column: columnAt(pieces, offset) };
}

/** Index of the last piece that starts at or before `offset` (binary search: a joined line can have many). */
function pieceIndexAt(pieces: readonly Piece[], offset: number): number {
  let low = 0;
  let high = pieces.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((pieces[middle] as Piece).start <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Appends the pieces of `[from, to)` to `into`, re-based at `base`. */
function slicePieces(pieces: readonly Piece[], from: number, to: number, base: number, into: Piece[] = []): Piece[] {
  for (let index = pieceIndexAt(pieces, from); index < pieces.length; index++) {
    const piece = pieces[index] as Piece;
    if (piece.start >= to) break;
    const start = Math.max(piece.start, from);
    const end = Math.min(piece.start + piece.length, to);
    if (end <= start) continue;
    const skipped = start - piece.start;
    const literal = piece.span === piece.length;
    into.push({
      start: base + start - from,
      length: end - start,
      line: piece.line,
      column: literal ? piece.column + skipped : piece.column,
      span: literal ? end - start : piece.span,
    });
  }
  return into;
}

// ---------------------------------------------------------------------------------------------
// pip's join_lines: a line ending in `\` continues on the next; a comment line never continues and
// ends a continuation (its text is then dropped with the comment).

export interface LogicalLine {
  text: string;
  pieces: Piece[];
}

/**
 * The lines it emits, and their pieces, are its own and valid only during the call to `emit`: it
 * reuses them for the next line (a line and a piece per physical line were a sixth of what reading
 * a large file allocated). Whatever outlives the call copies the numbers it needs.
 */
class LineJoiner {
  private readonly parts: string[] = [];
  private readonly pieces: Piece[] = [];
  private length = 0;
  private readonly single: Piece = { start: 0, length: 0, line: 0, column: 0, span: 0 };
  private readonly singleLine: LogicalLine = { text: '', pieces: [this.single] };
  private readonly joinedLine: LogicalLine = { text: '', pieces: this.pieces };

  constructor(private readonly emit: (line: LogicalLine) => void) {}

  push(text: string, line: number, column: number): void {
    const comment = isCommentLine(text);
    if (comment || !text.endsWith('\\')) {
      if (this.parts.length === 0) {
        if (comment) return;
        const single = this.single;
        single.length = single.span = text.length;
        single.line = line;
        single.column = column;
        this.singleLine.text = text;
        this.emit(this.singleLine);
        return;
      }
      // pip appends the comment line after a space, so that the comment pass drops it.
      if (comment) this.append(' ' + text, line, column - 1);
      else this.append(text, line, column);
      this.flush();
      return;
    }
    // pip strips every backslash at both ends (line.strip("\\")), not just the last one.
    let first = 0;
    while (first < text.length && text.charCodeAt(first) === BACKSLASH) first++;
    let last = text.length;
    while (last > first && text.charCodeAt(last - 1) === BACKSLASH) last--;
    this.append(text.slice(first, last), line, column + first);
  }

  end(): void {
    if (this.parts.length > 0) this.flush();
  }

  private append(text: string, line: number, column: number): void {
    this.pieces.push({ start: this.length, length: text.length, line, column, span: text.length });
    this.parts.push(text);
    this.length += text.length;
  }

  private flush(): void {
    this.joinedLine.text = this.parts.join('');
    this.emit(this.joinedLine);
    this.parts.length = 0;
    this.pieces.length = 0;
    this.length = 0;
  }
}

const BACKSLASH = 0x5c;

function isCommentLine(text: string): boolean {
  return text.charCodeAt(stripStart(text, 0, text.length)) === HASH;
}

const HASH = 0x23;

/**
 * pip's ignore_comments for one logical line: the line without its comment and the blanks around
 * what is left, or null when nothing is.
 */
export function withoutComment(joined: LogicalLine): LogicalLine | null {
  const raw = joined.text;
  const comment = commentStart(raw);
  const start = stripStart(raw, 0, comment);
  const end = stripEnd(raw, start, comment);
  if (end === start) return null;
  return start === 0 && end === raw.length
    ? joined
    : {
        text: raw.slice(start, end),
        pieces: start === 0 && joined.pieces.length === 1 ? joined.pieces : slicePieces(joined.pieces, start, end, 0),
      };
}

/** Where pip's COMMENT_RE `(^|\s+)#.*$` starts cutting: a `#` at the start or after whitespace. */
function commentStart(text: string): number {
  for (let index = text.indexOf('#'); index >= 0; index = text.indexOf('#', index + 1)) {
    if (index === 0 || isPythonWhitespace(text.charCodeAt(index - 1))) return index;
  }
  return text.length;
}

// ---------------------------------------------------------------------------------------------
// pip's expand_env_variables: `${NAME}` with NAME in [A-Z0-9_], set and not empty, is replaced
// everywhere in the line, one name after another (a later name also replaces what an earlier value
// brought in). Each name is expanded once: pip repeats a name as often as the line names it, which
// changes the result only for a value that contains its own `${NAME}`, and then without bound.

const ENV_VARIABLE = /\$\{([A-Z0-9_]+)\}/g;
/** An expanded line may grow this much past its written length; pip's limit is memory. */
export const MAX_EXPANSION = 1_000_000;

interface Expansion {
  line: LogicalLine;
  /** The first `${NAME}` left as written because expanding it would pass MAX_EXPANSION. */
  tooLong: string | null;
}

export function expandVariables(line: LogicalLine, env: Record<string, string | undefined>): Expansion {
  let { text, pieces } = line;
  let tooLong: string | null = null;
  const tokens = new Set<string>();
  for (const match of line.text.matchAll(ENV_VARIABLE)) tokens.add(match[0]);
  for (const token of tokens) {
    const value = env[token.slice(2, -1)];
    if (!value) continue;
    let count = 0;
    for (let at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + token.length)) count++;
    if (count === 0) continue;
    if (text.length + count * (value.length - token.length) > line.text.length + MAX_EXPANSION) {
      tooLong ??= token;
      continue;
    }
    const nextPieces: Piece[] = [];
    const parts: string[] = [];
    let from = 0;
    let length = 0;
    for (let at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + token.length)) {
      slicePieces(pieces, from, at, length, nextPieces);
      parts.push(text.slice(from, at), value);
      length += at - from;
      const source = positionAt(pieces, at);
      nextPieces.push({ start: length, length: value.length, line: source.line, column: source.column - 1, span: token.length });
      length += value.length;
      from = at + token.length;
    }
    slicePieces(pieces, from, text.length, length, nextPieces);
    parts.push(text.slice(from));
    text = parts.join('');
    pieces = nextPieces;
  }
  return { line: { text, pieces }, tooLong };
}

/** 1-based column of the last non-blank character of `[from, to)` that lies on physical line `physical`. */
export function lastColumnOnLine(line: LogicalLine, from: number, to: number, physical: number): number {
  const { pieces, text } = line;
  let limit = to;
  for (let index = pieceIndexAt(pieces, from) + 1; index < pieces.length; index++) {
    const piece = pieces[index] as Piece;
    if (piece.start >= to) break;
    if (piece.line !== physical) {
      limit = piece.start;
      break;
    }
  }
  let last = limit - 1;
  while (last > from && isPythonWhitespace(text.charCodeAt(last))) last--;
  return columnAt(pieces, Math.max(from, last));
}
