// A requirements (or constraints) file as pip >= 26 reads it: `req_file.preprocess` (line joining,
// comments, `${VAR}` expansion), `break_args_options` + `shlex.split` + optparse for the options, and
// `constructors.parse_req_from_line` / `parse_editable` for the requirement itself. Every step keeps a
// map back to the physical lines, so that each record and diagnostic points at the text it came from.
//
// Where pip asks the file system (is `./pkg` a directory? does `foo.whl` exist?) we cannot: a
// path-looking requirement is read as the local project or archive it names, which is what pip does
// whenever the path exists.

import * as posix from 'node:path/posix';
import { canonicalName, emptyFile, type Diagnostic, type IndexFact, type Include, type ParsedFile, type Severity } from '../model.js';
import { isPythonWhitespace, normalizeVersion, parseVersion, pythonTrim, stripEnd, stripStart } from '../pep440/version.js';
import { pythonRepr } from '../pep440/specifier.js';
import { parseMarker, type MarkerParse } from './marker.js';
import { cudaFromIndexUrl } from './pytorch-index.js';
import { isIdentifierChar, NO_EXTRAS, parseRequirement, tooManyClauses } from './requirement.js';
import { splitLines } from './text.js';
import { withoutCredentials } from '../index/url.js';

export interface RequirementsFileOptions {
  /** Read through `-c`: every requirement gets `constraint: true`, and pip's constraint rules apply. */
  constraint: boolean;
  /** Values for `${NAME}`; a name that is unset (or empty) stays as written, as in pip. */
  env?: Record<string, string | undefined>;
}

export interface RequirementsFileResult {
  file: ParsedFile;
  diagnostics: Diagnostic[];
}

export function parseRequirementsFile(path: string, text: string, options: RequirementsFileOptions): RequirementsFileResult {
  const reader = new FileReader(path, options);
  const joiner = new LineJoiner((logical) => reader.readLogicalLine(logical));
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
  return { file: reader.file, diagnostics: reader.diagnostics };
}

const PYTHON_ONLY_LINE_BREAK = /[\v\f\x1c-\x1e\x85\u2028\u2029]/;

// ---------------------------------------------------------------------------------------------
// Positions: a logical line is built from pieces of physical lines; a piece maps its offsets back.

interface Piece {
  /** Offset of the piece in the logical text. */
  start: number;
  length: number;
  /** 1-based physical line and 0-based column of the piece's first character. */
  line: number;
  column: number;
  /** How many source characters the piece stands for: `length`, except for an expanded `${VAR}`. */
  span: number;
}

interface Position {
  line: number;
  /** 1-based. */
  column: number;
}

/** The physical line of a logical line's offset (positionAt's line, without building a Position). */
function lineAt(pieces: readonly Piece[], offset: number): number {
  return (pieces[pieceIndexAt(pieces, offset)] as Piece).line;
}

/** The 1-based column of a logical line's offset (positionAt's column, without building a Position). */
function columnAt(pieces: readonly Piece[], offset: number): number {
  const piece = pieces[pieceIndexAt(pieces, offset)] as Piece;
  const delta = Math.max(0, Math.min(offset - piece.start, piece.span - 1));
  return piece.column + delta + 1;
}

function positionAt(pieces: readonly Piece[], offset: number): Position {
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

interface LogicalLine {
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
const MAX_EXPANSION = 1_000_000;

interface Expansion {
  line: LogicalLine;
  /** The first `${NAME}` left as written because expanding it would pass MAX_EXPANSION. */
  tooLong: string | null;
}

function expandVariables(line: LogicalLine, env: Record<string, string | undefined>): Expansion {
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

// ---------------------------------------------------------------------------------------------
// Options: pip builds an optparse parser from these (req_file.SUPPORTED_OPTIONS + SUPPORTED_OPTIONS_REQ).

type OptionScope = 'file' | 'requirement' | 'any-requirement';

interface OptionSpec {
  dest: string;
  /** Its short and long spellings, in the order pip registers them. */
  flags: readonly string[];
  takesValue: boolean;
  /** `file`: only on a line without a requirement; `requirement`: per requirement (not editable); `any-requirement`: both kinds. */
  scope: OptionScope;
  /** pip's callback or choices check: the optparse error for a bad value, or null. */
  check?: (value: string, flag: string) => string | null;
}

const STRONG_HASHES = ['sha256', 'sha384', 'sha512'];
const FEATURES = ['fast-deps', 'inprocess-build-deps', 'venv-isolation', 'truststore', 'no-binary-enable-wheel-cache', 'build-constraint'];

const checkFormatControl = (value: string): string | null =>
  value.startsWith('-') ? '--no-binary / --only-binary option requires 1 argument.' : null;
const checkReleaseControl = (value: string): string | null =>
  value.startsWith('-') ? '--all-releases / --only-final option requires 1 argument.' : null;

const OPTIONS: readonly OptionSpec[] = [
  { dest: 'index_url', flags: ['-i', '--index-url', '--pypi-url'], takesValue: true, scope: 'file' },
  { dest: 'extra_index_urls', flags: ['--extra-index-url'], takesValue: true, scope: 'file' },
  { dest: 'no_index', flags: ['--no-index'], takesValue: false, scope: 'file' },
  { dest: 'constraints', flags: ['-c', '--constraint'], takesValue: true, scope: 'file' },
  { dest: 'requirements', flags: ['-r', '--requirement'], takesValue: true, scope: 'file' },
  { dest: 'editables', flags: ['-e', '--editable'], takesValue: true, scope: 'file' },
  { dest: 'find_links', flags: ['-f', '--find-links'], takesValue: true, scope: 'file' },
  { dest: 'no_binary', flags: ['--no-binary'], takesValue: true, scope: 'file', check: checkFormatControl },
  { dest: 'only_binary', flags: ['--only-binary'], takesValue: true, scope: 'file', check: checkFormatControl },
  { dest: 'prefer_binary', flags: ['--prefer-binary'], takesValue: false, scope: 'file' },
  { dest: 'require_hashes', flags: ['--require-hashes'], takesValue: false, scope: 'file' },
  { dest: 'no_require_hashes', flags: ['--no-require-hashes'], takesValue: false, scope: 'file' },
  { dest: 'pre', flags: ['--pre'], takesValue: false, scope: 'file' },
  { dest: 'all_releases', flags: ['--all-releases'], takesValue: true, scope: 'file', check: checkReleaseControl },
  { dest: 'only_final', flags: ['--only-final'], takesValue: true, scope: 'file', check: checkReleaseControl },
  { dest: 'trusted_hosts', flags: ['--trusted-host'], takesValue: true, scope: 'file' },
  {
    dest: 'features_enabled',
    flags: ['--use-feature'],
    takesValue: true,
    scope: 'file',
    check: (value, flag) =>
      FEATURES.includes(value)
        ? null
        : `option ${flag}: invalid choice: ${quoteInput(value)} (choose from ${FEATURES.map(pythonRepr).join(', ')})`,
  },
  {
    dest: 'hashes',
    flags: ['--hash'],
    takesValue: true,
    scope: 'requirement',
    check: (value, flag) => {
      const colon = value.indexOf(':');
      if (colon < 0) return `Arguments to ${flag} must be a hash name followed by a value, like --hash=sha256:abcde...`;
      return STRONG_HASHES.includes(value.slice(0, colon)) ? null : `Allowed hash algorithms for ${flag} are ${STRONG_HASHES.join(', ')}.`;
    },
  },
  {
    dest: 'config_settings',
    flags: ['-C', '--config-settings'],
    takesValue: true,
    scope: 'any-requirement',
    check: (value, flag) => (value.includes('=') ? null : `Arguments to ${flag} must be of the form KEY=VAL`),
  },
];

const SHORT_OPTIONS: ReadonlyMap<string, OptionSpec> = new Map(
  OPTIONS.flatMap((spec) => spec.flags.filter((flag) => !flag.startsWith('--')).map((flag) => [flag, spec] as [string, OptionSpec])),
);
/** In the order optparse registered them: its "ambiguous option" message lists them so. */
const LONG_OPTIONS: ReadonlyMap<string, OptionSpec> = new Map(
  OPTIONS.flatMap((spec) => spec.flags.filter((flag) => flag.startsWith('--')).map((flag) => [flag, spec] as [string, OptionSpec])),
);

const BUILD_SETTINGS_INSTEAD = 'pass build settings with -C/--config-settings';
/** Options pip once read in requirements files, and pip install options people put there. */
const NOT_REQUIREMENTS_FILE_OPTIONS: ReadonlyMap<string, string> = new Map([
  ['--global-option', `pip 25.3 removed it; ${BUILD_SETTINGS_INSTEAD}`],
  ['--install-option', `pip 23.1 removed it; ${BUILD_SETTINGS_INSTEAD}`],
  ['--build-option', `a pip wheel option, never read in requirements files; ${BUILD_SETTINGS_INSTEAD}`],
  ['--process-dependency-links', 'pip 19.0 removed it; write the dependency as name @ URL'],
  ['-Z', 'pip removed it'],
  ['--always-unzip', 'pip removed it'],
  ['--allow-external', 'pip removed it'],
  ['--allow-all-external', 'pip removed it'],
  ['--allow-unverified', 'pip removed it'],
  ['--no-deps', 'a pip install option; requirements files do not accept it'],
  ['--upgrade', 'a pip install option; requirements files do not accept it'],
  ['-U', 'a pip install option; requirements files do not accept it'],
  ['--user', 'a pip install option; requirements files do not accept it'],
  ['--no-cache-dir', 'a pip install option; requirements files do not accept it'],
  ['--force-reinstall', 'a pip install option; requirements files do not accept it'],
  ['--no-build-isolation', 'a pip install option; requirements files do not accept it'],
]);

interface OptionUse {
  spec: OptionSpec;
  /** The option's name as optparse reports it: the short flag, or the full long flag. */
  flag: string;
  value: string | null;
  /** Offsets in the logical line: the option word, and its value. */
  start: number;
  valueStart: number;
  valueEnd: number;
}

interface ParsedOptions {
  uses: readonly OptionUse[];
  /** Words optparse leaves as arguments; pip drops them without a word. */
  ignored: readonly Word[];
}

const NO_OPTIONS: ParsedOptions = { uses: [], ignored: [] };

type OptionsResult = { ok: true; options: ParsedOptions } | { ok: false; message: string; offset: number };

/** optparse's parse_args over the words of `text` from `start`, as pip's line parser calls it. */
function parseOptions(text: string, start: number): OptionsResult {
  const split = shlexSplit(text, start);
  if (!split.ok)
    return { ok: false, message: `Could not split options: ${quoteInput(text.slice(start))}: ${split.message}`, offset: start };
  const words = split.words;
  const uses: OptionUse[] = [];
  const ignored: Word[] = [];
  for (let index = 0; index < words.length; index++) {
    const word = words[index] as Word;
    const arg = word.value;
    if (arg === '--') {
      for (let rest = index + 1; rest < words.length; rest++) ignored.push(words[rest] as Word);
      break;
    }
    let spec: OptionSpec | undefined;
    let flag: string;
    let value: string | null = null;
    let valueStart = word.end;
    let valueEnd = word.end;
    if (arg.startsWith('--')) {
      const equals = arg.indexOf('=');
      const written = equals < 0 ? arg : arg.slice(0, equals);
      const matched = matchLongOption(written);
      if (!matched.ok) return { ok: false, message: matched.message, offset: word.start };
      spec = LONG_OPTIONS.get(matched.flag) as OptionSpec;
      flag = matched.flag;
      if (equals >= 0) {
        if (!spec.takesValue) return { ok: false, message: `${flag} option does not take a value`, offset: word.start };
        value = arg.slice(equals + 1);
        valueStart = Math.min(word.start + equals + 1, word.end);
      }
    } else if (arg.startsWith('-') && arg.length > 1) {
      flag = arg.slice(0, 2);
      spec = SHORT_OPTIONS.get(flag);
      if (!spec) return { ok: false, message: noSuchOption(flag), offset: word.start };
      // Every short option here takes a value: the rest of the word, else the next word.
      if (arg.length > 2) {
        value = arg.slice(2);
        valueStart = Math.min(word.start + 2, word.end);
      }
    } else {
      ignored.push(word);
      continue;
    }
    if (spec.takesValue && value === null) {
      const next = words[index + 1];
      if (!next) return { ok: false, message: `${flag} option requires 1 argument`, offset: word.start };
      value = next.value;
      valueStart = next.start;
      valueEnd = next.end;
      index++;
    }
    const problem = value !== null && spec.check ? spec.check(value, flag) : null;
    if (problem) return { ok: false, message: problem, offset: valueStart };
    uses.push({ spec, flag, value, start: word.start, valueStart, valueEnd });
  }
  return { ok: true, options: { uses, ignored } };
}

/** optparse accepts any unambiguous prefix of a long option. */
function matchLongOption(written: string): { ok: true; flag: string } | { ok: false; message: string } {
  if (LONG_OPTIONS.has(written)) return { ok: true, flag: written };
  const candidates = [...LONG_OPTIONS.keys()].filter((flag) => flag.startsWith(written));
  if (candidates.length === 1) return { ok: true, flag: candidates[0] as string };
  if (candidates.length === 0) return { ok: false, message: noSuchOption(written) };
  return { ok: false, message: `ambiguous option: ${written} (${candidates.sort().join(', ')}?)` };
}

function noSuchOption(flag: string): string {
  const why = NOT_REQUIREMENTS_FILE_OPTIONS.get(flag);
  return why ? `no such option: ${flag} (${why})` : `no such option: ${flag}`;
}

// ---------------------------------------------------------------------------------------------
// shlex.split (POSIX mode, no comments), with the offset of each word.

interface Word {
  value: string;
  start: number;
  end: number;
}

function isShlexSpace(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\r' || char === '\n';
}

function shlexSplit(text: string, from: number): { ok: true; words: Word[] } | { ok: false; message: string } {
  if (!SHLEX_SPECIAL.test(from === 0 ? text : text.slice(from))) return { ok: true, words: splitAtBlanks(text, from) };
  const words: Word[] = [];
  let state: 'space' | 'word' | "'" | '"' = 'space';
  let value = '';
  let start = from;
  for (let index = from; index < text.length; index++) {
    const char = text[index] as string;
    if (state === 'space' || state === 'word') {
      if (isShlexSpace(char)) {
        if (state === 'word') words.push({ value, start, end: index });
        state = 'space';
        value = '';
        continue;
      }
      if (state === 'space') {
        state = 'word';
        start = index;
      }
      if (char === "'" || char === '"') {
        state = char;
      } else if (char === '\\') {
        if (index + 1 >= text.length) return { ok: false, message: 'No escaped character' };
        value += text[++index];
      } else {
        value += char;
      }
    } else if (char === state) {
      state = 'word';
    } else if (char === '\\' && state === '"') {
      if (index + 1 >= text.length) return { ok: false, message: 'No escaped character' };
      const next = text[++index] as string;
      // Inside double quotes a backslash escapes only `"` and `\`; before anything else it stays.
      value += next === '"' || next === '\\' ? next : '\\' + next;
    } else {
      value += char;
    }
  }
  if (state === "'" || state === '"') return { ok: false, message: 'No closing quotation' };
  // A word ends at a blank or at the end; quotes make a word even when it is empty (`''`).
  if (state === 'word') words.push({ value, start, end: text.length });
  return { ok: true, words };
}

/** Quotes and backslashes: without them, shlex's words are the runs between blanks. */
const SHLEX_SPECIAL = /['"\\]/;

function splitAtBlanks(text: string, from: number): Word[] {
  const words: Word[] = [];
  let start = from;
  // The regex engine skips a long word (a 64-digit hash) much faster than a loop over its characters.
  BLANKS.lastIndex = from;
  for (;;) {
    const blanks = BLANKS.exec(text);
    const end = blanks ? blanks.index : text.length;
    if (end > start) words.push({ value: text.slice(start, end), start, end });
    if (!blanks) return words;
    start = BLANKS.lastIndex;
  }
}

/** shlex's whitespace in POSIX mode. */
const BLANKS = /[ \t\r\n]+/g;

// ---------------------------------------------------------------------------------------------
// The requirement itself: parse_req_from_line (plain lines) and parse_editable (`-e`).

export interface PipRequirementFields {
  /** The project name; "" when pip learns it only by building the project (`.`, `./pkg`, an sdist URL). */
  name: string;
  extras: readonly string[];
  specifier: string;
  marker: string | null;
  url: string | null;
}

export type PipRequirementRead =
  | { ok: true; requirement: PipRequirementFields }
  | { ok: false; message: string; /** Offset in the text where the problem is. */ offset: number };

// urllib.parse.urlsplit: a scheme is a letter, then letters, digits, `+`, `-`, `.`, before the first `:`.
const URL_SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const VCS_SCHEMES = [
  'bzr+http',
  'bzr+https',
  'bzr+ssh',
  'bzr+sftp',
  'bzr+ftp',
  'bzr+lp',
  'bzr+file',
  'git+http',
  'git+https',
  'git+ssh',
  'git+git',
  'git+file',
  'hg+file',
  'hg+http',
  'hg+https',
  'hg+ssh',
  'hg+static-http',
  'svn+ssh',
  'svn+http',
  'svn+https',
  'svn+svn',
  'svn+file',
];
const VCS_NAMES = ['bzr', 'git', 'hg', 'svn'];
const URL_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'file', 'ftp', ...VCS_SCHEMES]);
const ARCHIVE_EXTENSIONS = [
  '.whl',
  '.zip',
  '.tar.bz2',
  '.tbz',
  '.tar.xz',
  '.txz',
  '.tlz',
  '.tar.lz',
  '.tar.lzma',
  '.tar.gz',
  '.tgz',
  '.tar',
];
const EGG_FRAGMENT = /[#&]egg=([^&]*)/;
const VERSION_OPERATOR_CHAR = /[<>=]/;
const PROJECT_NAME = /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;
const SENTENCE_END = /[.?!]$/;
const SPECIFIER_OPERATORS = ['~=', '==', '!=', '<=', '>=', '<', '>', '==='];

function urlScheme(text: string): string | null {
  if (!text.includes(':')) return null;
  const match = URL_SCHEME.exec(text);
  return match ? (match[1] as string).toLowerCase() : null;
}

/** pip's vcs.is_url: a scheme pip fetches from. */
function isPipUrl(text: string): boolean {
  const scheme = urlScheme(text.trimStart());
  return scheme !== null && URL_SCHEMES.has(scheme);
}

function looksLikePath(text: string): boolean {
  return text.includes('/') || text.startsWith('.');
}

/**
 * pip reads a path-looking requirement as a local project only when that directory exists; we cannot
 * look, so we take it for one when it is written the way paths are (no blanks, quotes, operators or
 * brackets), and otherwise read it as pip reads a missing path: as PEP 508, which refuses it.
 */
function isPlausiblePath(path: string): boolean {
  return PLAUSIBLE_PATH.test(path);
}

const PLAUSIBLE_PATH = /^[^\s<>=!;,()*$"'`|[\]]+$/;

function isArchive(path: string): boolean {
  return ARCHIVE_SUFFIX.test(path);
}

const ARCHIVE_SUFFIX = new RegExp(`(?:${ARCHIVE_EXTENSIONS.map((extension) => extension.replaceAll('.', '\\.')).join('|')})$`, 'i');

/** pip's strip_extras: a trailing `[...]` (with no `]` inside) after at least one character. */
function stripExtras(text: string): { path: string; extras: string | null } {
  if (!text.endsWith(']')) return { path: text, extras: null };
  const open = text.lastIndexOf('[');
  if (open < 1 || open >= text.length - 2 || text.indexOf(']', open) !== text.length - 1) return { path: text, extras: null };
  return { path: text.slice(0, open).trimEnd(), extras: text.slice(open) };
}

/** Reads one requirement as pip reads the text of a requirements-file line (or a `pip install` argument). */
export function readPipRequirement(text: string, editable: boolean): PipRequirementRead {
  if (editable) return readEditable(text);
  const simple = readSimpleRequirement(text);
  return simple === null ? readPlain(text) : { ok: true, requirement: simple };
}

/** parse_req_from_line for a line that is not editable: every way pip reads one, the long way. */
export function readPlain(text: string): PipRequirementRead {
  const separator = isPipUrl(text) ? '; ' : ';';
  const cut = text.indexOf(separator);
  let marker: string | null = null;
  if (cut >= 0) {
    const markerStart = stripStart(text, cut + separator.length, text.length);
    const markerEnd = stripEnd(text, markerStart, text.length);
    if (markerEnd > markerStart) {
      marker = text.slice(markerStart, markerEnd);
      const checked = checkedMarker(marker);
      if (!checked.ok) {
        return {
          ok: false,
          message: `Invalid requirement: ${quoteInput(pythonTrim(text.slice(0, cut)))}: ${checked.message}`,
          offset: markerStart + checked.offset,
        };
      }
    }
  }
  const offset = stripStart(text, 0, cut < 0 ? text.length : cut);
  const name = text.slice(offset, stripEnd(text, offset, cut < 0 ? text.length : cut));
  if (isPipUrl(name)) return fromLink(name, name, [], marker, offset);
  const { path, extras } = stripExtras(name);
  if (isArchive(path)) {
    // pip: a missing archive whose name has an `@` after a non-path part is a PEP 508 `name @ url`.
    const at = name.indexOf('@');
    if (!(at >= 0 && !looksLikePath(name.slice(0, at)))) return fromLocalPath(path, extras, marker, offset);
  } else if (looksLikePath(name) && isPlausiblePath(path) && !isUrlRequirement(name)) {
    return fromLocalPath(path, extras, marker, offset);
  }
  const parsed = parseRequirement(name);
  if (!parsed.ok) {
    const hint = name.includes('/')
      ? 'It looks like a path.'
      : name.includes('=') && !SPECIFIER_OPERATORS.some((operator) => name.includes(operator))
        ? '= is not a valid operator. Did you mean == ?'
        : '';
    const message = `Invalid requirement: ${quoteInput(name)}: ${parsed.message}`;
    return {
      ok: false,
      message: hint ? `${message}${SENTENCE_END.test(message) ? '' : '.'} Hint: ${hint}` : message,
      offset: offset + parsed.offset,
    };
  }
  return {
    ok: true,
    requirement: {
      name: parsed.name,
      extras: normaliseExtras(parsed.extras),
      specifier: parsed.specifier,
      marker,
      url: parsed.url === null ? null : redactUrl(parsed.url),
    },
  };
}

/**
 * A requirement written the way most are, `name[extra,...]<op>1.2.3,<op>4.*  ; marker`: what readPlain
 * reads from it, in one pass, or null for anything else (blanks inside, pre-releases, local labels,
 * `===`, parentheses, URLs, paths, archives, a marker that does not parse), which readPlain reads
 * the long way. Reading a large repository is mostly reading such lines.
 */
export function readSimpleRequirement(text: string): PipRequirementFields | null {
  const nameEnd = scanSimpleName(text, 0);
  if (nameEnd < 0) return null;
  let at = nameEnd;
  let extras = NO_EXTRAS;
  if (text.charCodeAt(at) === LEFT_BRACKET) {
    const written: string[] = [];
    do {
      const end = scanSimpleName(text, at + 1);
      if (end < 0) return null;
      written.push(text.slice(at + 1, end));
      at = end;
    } while (text.charCodeAt(at) === COMMA);
    if (text.charCodeAt(at) !== RIGHT_BRACKET) return null;
    extras = normaliseExtras(written);
    at++;
  }
  const specifierStart = at;
  if (isOperatorStart(text.charCodeAt(at))) {
    for (;;) {
      at = scanSimpleClause(text, at);
      if (at < 0) return null;
      if (text.charCodeAt(at) !== COMMA) break;
      // A trailing comma is packaging's to judge.
      if (!isOperatorStart(text.charCodeAt(at + 1))) return null;
      at++;
    }
  } else if (isArchive(text.slice(0, nameEnd))) {
    // `pkg.zip` (extras or not) names an archive to pip, not a project.
    return null;
  }
  const specifierEnd = at;
  while (text.charCodeAt(at) === SPACE) at++;
  let marker: string | null = null;
  if (at < text.length) {
    if (text.charCodeAt(at) !== SEMICOLON) return null;
    const markerStart = stripStart(text, at + 1, text.length);
    const markerEnd = stripEnd(text, markerStart, text.length);
    if (markerEnd === markerStart) return null;
    marker = text.slice(markerStart, markerEnd);
    if (!checkedMarker(marker).ok) return null;
  }
  return { name: text.slice(0, nameEnd), extras, specifier: text.slice(specifierStart, specifierEnd), marker, url: null };
}

/** `[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?` from `from`: where it ends, or -1. */
function scanSimpleName(text: string, from: number): number {
  let at = from;
  while (at < text.length && isIdentifierChar(text.charCodeAt(at))) at++;
  return at > from && isAsciiAlphanumeric(text.charCodeAt(from)) && isAsciiAlphanumeric(text.charCodeAt(at - 1)) ? at : -1;
}

/**
 * One clause `<op>N(.N)*`, with `.*` after `==` and `!=` and two numbers at least after `~=`: where
 * it ends (before `,`, a blank, `;` or the end), or -1.
 */
function scanSimpleClause(text: string, from: number): number {
  const first = text.charCodeAt(from);
  const second = text.charCodeAt(from + 1);
  let at = from + 1;
  if (second === EQUALS) at++;
  else if (first !== LESS && first !== GREATER) return -1;
  // `===` compares text, not versions.
  if (text.charCodeAt(at) === EQUALS) return -1;
  const wildcardAllowed = second === EQUALS && (first === EQUALS || first === EXCLAMATION);
  let numbers = 0;
  for (;;) {
    const start = at;
    while (isAsciiDigit(text.charCodeAt(at))) at++;
    if (at === start) {
      if (!(wildcardAllowed && numbers > 0 && text.charCodeAt(at) === ASTERISK)) return -1;
      at++;
      break;
    }
    numbers++;
    if (text.charCodeAt(at) !== DOT) break;
    at++;
  }
  if (first === TILDE && numbers < 2) return -1;
  const next = text.charCodeAt(at);
  return at === text.length || next === COMMA || next === SPACE || next === SEMICOLON ? at : -1;
}

function isOperatorStart(code: number): boolean {
  return code === EQUALS || code === EXCLAMATION || code === LESS || code === GREATER || code === TILDE;
}

function isAsciiAlphanumeric(code: number): boolean {
  return isAsciiDigit(code) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);
}

function isAsciiDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

const LEFT_BRACKET = 0x5b;
const RIGHT_BRACKET = 0x5d;
const COMMA = 0x2c;
const SEMICOLON = 0x3b;
const SPACE = 0x20;
const EQUALS = 0x3d;
const EXCLAMATION = 0x21;
const LESS = 0x3c;
const GREATER = 0x3e;
const TILDE = 0x7e;
const DOT = 0x2e;
const ASTERISK = 0x2a;

/** parseMarker, remembered: a repository writes the same few markers on line after line. */
function checkedMarker(marker: string): MarkerParse {
  let checked = CHECKED_MARKERS.get(marker);
  if (checked === undefined) {
    checked = parseMarker(marker);
    if (CHECKED_MARKERS.size >= MAX_CHECKED_MARKERS) CHECKED_MARKERS.clear();
    CHECKED_MARKERS.set(marker, checked);
  }
  return checked;
}

const CHECKED_MARKERS = new Map<string, MarkerParse>();
const MAX_CHECKED_MARKERS = 4096;

function isUrlRequirement(text: string): boolean {
  if (!text.includes('@')) return false;
  const parsed = parseRequirement(text);
  return parsed.ok && parsed.url !== null;
}

function readEditable(text: string): PipRequirementRead {
  // pip first tries `name[extras] @ url ; marker`.
  const direct = parseRequirement(text);
  if (direct.ok && direct.url !== null) {
    return {
      ok: true,
      requirement: {
        name: direct.name,
        extras: normaliseExtras(direct.extras),
        specifier: '',
        marker: direct.marker,
        url: redactUrl(direct.url),
      },
    };
  }
  const { path, extras } = stripExtras(text);
  const scheme = urlScheme(path);
  // A local project: a path (taken to be a directory, as pip checks), or a file: URL with its #egg=.
  if (scheme === 'file' || (scheme === null && isPlausiblePath(path))) return fromLocalPath(path, extras, null, 0);
  let url = text;
  const vcs = VCS_NAMES.find((name) => text.toLowerCase().startsWith(`${name}:`));
  if (vcs) url = `${vcs}+${text}`;
  if (!VCS_SCHEMES.includes(urlScheme(url) ?? '')) {
    return {
      ok: false,
      message: `${text} is not a valid editable requirement. It should either be a path to a local project or a VCS URL (beginning with ${VCS_SCHEMES.join(', ')}).`,
      offset: 0,
    };
  }
  const egg = eggName(url);
  if (egg === null)
    return {
      ok: false,
      message: `Could not detect requirement name for '${text}', please specify one with your_package_name @ URL`,
      offset: 0,
    };
  if (!egg.ok) return egg;
  return { ok: true, requirement: { name: egg.name, extras: [], specifier: '', marker: null, url: redactUrl(text) } };
}

function fromLocalPath(path: string, extras: string | null, marker: string | null, offset: number): PipRequirementRead {
  let extraNames: readonly string[] = [];
  if (extras !== null) {
    // pip reads path extras as the extras of a placeholder requirement.
    const parsed = parseRequirement(`placeholder${extras.toLowerCase()}`);
    if (!parsed.ok)
      return { ok: false, message: `Invalid requirement: ${quoteInput(path + extras)}: ${parsed.message}`, offset: offset + path.length };
    extraNames = normaliseExtras(parsed.extras);
  }
  return fromLink(path, path, extraNames, marker, offset);
}

/** A URL or a path: a wheel names its project and version; anything else, its `#egg=` fragment or nothing. */
function fromLink(link: string, written: string, extras: readonly string[], marker: string | null, offset: number): PipRequirementRead {
  const filename = linkFilename(link);
  if (filename.endsWith('.whl')) {
    const wheel = parseWheelFilename(filename);
    if (!wheel.ok) return { ok: false, message: wheel.message, offset };
    // pip then reads `name==version` as a requirement, which refuses a name PEP 508 does not allow.
    const pinned = `${wheel.name}==${wheel.version}`;
    const parsed = parseRequirement(pinned);
    if (!parsed.ok) return { ok: false, message: `Invalid requirement: ${quoteInput(pinned)}: ${parsed.message}`, offset };
    return { ok: true, requirement: { name: parsed.name, extras, specifier: parsed.specifier, marker, url: redactUrl(written) } };
  }
  const egg = urlScheme(link) === null ? null : eggName(link);
  if (egg !== null && !egg.ok) return { ...egg, offset: offset + egg.offset };
  return { ok: true, requirement: { name: egg?.name ?? '', extras, specifier: '', marker, url: redactUrl(written) } };
}

function eggName(url: string): { ok: true; name: string } | { ok: false; message: string; offset: number } | null {
  const match = EGG_FRAGMENT.exec(url);
  if (!match) return null;
  const fragment = match[1] as string;
  if (PROJECT_NAME.test(fragment)) return { ok: true, name: fragment };
  let hint = '';
  if (VERSION_OPERATOR_CHAR.test(fragment)) hint = 'Version specifiers are silently ignored for URL references. Remove them. ';
  if (fragment.includes('[') && fragment.includes(']')) hint += "Try using the Direct URL requirement syntax: 'name[extra] @ URL'";
  if (!hint) hint = 'Egg fragments can only be a valid project name.';
  return {
    ok: false,
    message: `The '${fragment}' egg fragment is invalid (pip 26 reads only a bare project name there). ${hint.trim()}`,
    offset: match.index,
  };
}

/** Link.filename: the last path segment, percent-decoded. */
function linkFilename(link: string): string {
  let path = link;
  const scheme = urlScheme(link);
  if (scheme !== null) {
    const rest = link.slice(scheme.length + 1);
    const pathStart = rest.startsWith('//') ? rest.indexOf('/', 2) : 0;
    path = pathStart < 0 ? '' : rest.slice(pathStart);
    const end = path.search(QUERY_OR_FRAGMENT);
    if (end >= 0) path = path.slice(0, end);
  }
  while (path.endsWith('/')) path = path.slice(0, -1);
  const name = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

const QUERY_OR_FRAGMENT = /[?#]/;

// packaging checks the name part with `^[\w\d._]*$` (Unicode \w).
const WHEEL_NAME = /^[\p{L}\p{N}_.]*$/u;

/** packaging.utils.parse_wheel_filename, as far as pip uses it: the name and the version. */
function parseWheelFilename(filename: string): { ok: true; name: string; version: string } | { ok: false; message: string } {
  const stem = filename.slice(0, -4);
  const dashes = stem.split('-').length - 1;
  if (dashes !== 4 && dashes !== 5) return { ok: false, message: `Invalid wheel filename (wrong number of parts): ${quoteInput(stem)}` };
  const [namePart, versionPart] = stem.split('-') as [string, string];
  if (namePart.includes('__') || !WHEEL_NAME.test(namePart)) return { ok: false, message: `Invalid project name: ${quoteInput(stem)}` };
  const version = parseVersion(versionPart);
  if (version === null) return { ok: false, message: `Invalid wheel filename (invalid version): ${quoteInput(stem)}` };
  return { ok: true, name: namePart, version: normalizeVersion(version) };
}

/** Extras as the records keep them: lower case, sorted, each once. */
export function normaliseExtras(extras: readonly string[]): readonly string[] {
  if (extras.length === 0) return NO_EXTRAS;
  // Most lists are written that way already: checked in one pass, they need no copy.
  if (isNormalExtras(extras)) return extras;
  return [...new Set(extras.map((extra) => extra.toLowerCase()))].sort();
}

/** Lower case, and each name after the one before it in code-unit order (as sort() orders them). */
function isNormalExtras(extras: readonly string[]): boolean {
  for (let index = 0; index < extras.length; index++) {
    const extra = extras[index] as string;
    if (extra !== extra.toLowerCase() || (index > 0 && !((extras[index - 1] as string) < extra))) return false;
  }
  return true;
}

/** pip's redact_auth_from_url: a password becomes `****`, a lone user name (a token) too. */
export function redactUrl(url: string): string {
  const match = URL_USERINFO.exec(url);
  if (!match) return url;
  const userinfo = match[2] as string;
  const colon = userinfo.indexOf(':');
  const redacted = colon >= 0 ? `${userinfo.slice(0, colon)}:****` : '****';
  return `${match[1]}${redacted}@${url.slice(match[0].length)}`;
}

const URL_USERINFO = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/@?#]*)@/;

/** Python's repr() of input, as pip's messages quote it; a long one is cut (a line can be megabytes). */
export function quoteInput(text: string): string {
  return pythonRepr(text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}...` : text);
}

const MAX_QUOTED = 200;

// ---------------------------------------------------------------------------------------------
// One file.

class FileReader {
  readonly file: ParsedFile;
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly path: string,
    private readonly options: RequirementsFileOptions,
  ) {
    this.file = emptyFile(path, options.constraint ? 'constraints' : 'requirements');
  }

  readLogicalLine(joined: LogicalLine): void {
    const raw = joined.text;
    const comment = commentStart(raw);
    const start = stripStart(raw, 0, comment);
    const end = stripEnd(raw, start, comment);
    if (end === start) return;
    let line: LogicalLine =
      start === 0 && end === raw.length
        ? joined
        : {
            text: raw.slice(start, end),
            pieces: start === 0 && joined.pieces.length === 1 ? joined.pieces : slicePieces(joined.pieces, start, end, 0),
          };
    if (this.options.env && line.text.includes('${')) {
      const expansion = expandVariables(line, this.options.env);
      if (expansion.tooLong)
        this.report(
          line,
          0,
          'warning',
          `${expansion.tooLong} is left as written: expanding it would make the line over ${MAX_EXPANSION} characters longer`,
        );
      line = expansion.line;
    }
    this.readLine(line);
  }

  private readLine(line: LogicalLine): void {
    const { text } = line;
    const optionStart = findOptionStart(text);
    let options = NO_OPTIONS;
    if (optionStart >= 0) {
      const parsed = parseOptions(text, optionStart);
      if (!parsed.ok) {
        this.report(line, parsed.offset, 'error', parsed.message);
        return;
      }
      options = parsed.options;
    }
    const firstIgnored = options.ignored[0];
    if (firstIgnored) {
      const ignored = text.slice(firstIgnored.start, (options.ignored[options.ignored.length - 1] as Word).end);
      this.report(
        line,
        firstIgnored.start,
        'warning',
        `pip ignores ${quoteInput(ignored)}: after the first option a line holds only options (a marker goes before them)`,
      );
    }
    const args = optionStart < 0 ? text : optionStart === 0 ? '' : text.slice(0, optionStart - 1);
    const editable = options.uses.length === 0 ? undefined : options.uses.find(isEditableUse);
    if (args !== '') {
      // pip 26 takes the text before the options as the requirement, and as an editable one when the
      // line also has -e.
      if (editable)
        this.report(
          line,
          editable.start,
          'warning',
          `pip reads ${quoteInput(args.trimEnd())} as this line's editable requirement and ignores ${editable.flag} ${editable.value}`,
        );
      this.readRequirement(line, args, 0, editable !== undefined, editable ? options.uses.filter((use) => use !== editable) : options.uses);
      return;
    }
    if (editable) {
      this.readRequirement(
        line,
        editable.value as string,
        editable.valueStart,
        true,
        options.uses.filter((use) => use !== editable),
      );
      return;
    }
    this.readOptionLine(line, options.uses);
  }

  private readRequirement(line: LogicalLine, text: string, start: number, editable: boolean, uses: readonly OptionUse[]): void {
    const hashes: string[] = [];
    if (uses.length > 0) this.readRequirementOptions(line, editable, uses, hashes);
    // pip refuses an editable constraint before it reads the requirement.
    if (this.options.constraint && editable) {
      this.report(line, start, 'error', 'Editable requirements are not allowed as constraints');
      return;
    }
    const read = readPipRequirement(text, editable);
    if (!read.ok) {
      this.report(line, start + read.offset, 'error', read.message);
      return;
    }
    const fields = read.requirement;
    const unchecked = tooManyClauses(fields.name, fields.specifier);
    if (unchecked !== null) {
      this.report(line, start, 'warning', unchecked);
      return;
    }
    if (this.options.constraint) {
      const problem = !fields.name
        ? 'Unnamed requirements are not allowed as constraints'
        : fields.extras.length > 0
          ? 'Constraints cannot have extras'
          : null;
      if (problem) {
        this.report(line, start, 'error', problem);
        return;
      }
    }
    const tokenStart = start + stripStart(text, 0, text.length);
    const tokenEnd = start + stripEnd(text, tokenStart - start, text.length);
    const firstLine = lineAt(line.pieces, tokenStart);
    this.file.requirements.push({
      name: fields.name,
      key: canonicalName(fields.name),
      extras: fields.extras,
      specifier: fields.specifier,
      marker: fields.marker,
      url: fields.url,
      editable,
      constraint: this.options.constraint,
      line: firstLine,
      endLine: lineAt(line.pieces, line.text.length - 1),
      column: columnAt(line.pieces, tokenStart),
      endColumn: lastColumnOnLine(line, tokenStart, tokenEnd, firstLine),
      hashes,
    });
  }

  /** The options on a requirement's line: its hashes (into `hashes`), and those pip ignores there. */
  private readRequirementOptions(line: LogicalLine, editable: boolean, uses: readonly OptionUse[], hashes: string[]): void {
    const warned: string[] = [];
    for (const use of uses) {
      const applies = use.spec.scope === 'any-requirement' || (use.spec.scope === 'requirement' && !editable);
      if (!applies) {
        this.warnIgnored(
          line,
          use,
          warned,
          `pip ignores ${use.flag} on ${editable ? 'an editable (-e) line' : 'a requirement line'}: ${use.spec.scope === 'file' ? 'put it on a line of its own' : 'it applies to non-editable requirements only'}`,
        );
      } else if (use.spec.dest === 'hashes') {
        hashes.push(use.value as string);
      }
    }
  }

  private readOptionLine(line: LogicalLine, uses: readonly OptionUse[]): void {
    // pip follows the first -r (else the first -c) of a line and ignores everything else on it.
    const include = uses.find((use) => use.spec.dest === 'requirements') ?? uses.find((use) => use.spec.dest === 'constraints');
    const warned: string[] = [];
    if (include) {
      const flag = include.spec.dest === 'requirements' ? '-r' : '-c';
      for (const use of uses) {
        if (use !== include)
          this.warnIgnored(line, use, warned, `pip ignores ${use.flag} on a line that includes ${flag} ${include.value}`);
      }
      this.readInclude(line, include);
      return;
    }
    let indexUrl: OptionUse | null = null;
    let findLinks: OptionUse | null = null;
    for (const use of uses) {
      switch (use.spec.dest) {
        case 'index_url':
          indexUrl = use; // optparse keeps the last
          break;
        case 'extra_index_urls':
          this.addIndex(line, use, 'extra-index-url');
          break;
        case 'find_links':
          if (findLinks) this.warnIgnored(line, use, warned, `pip reads only the first ${use.flag} of a line; ${use.value} is ignored`);
          else findLinks = use;
          break;
        case 'hashes':
        case 'config_settings':
          this.warnIgnored(line, use, warned, `${use.flag} without a requirement on its line: pip ignores it`);
          break;
      }
    }
    if (indexUrl) this.addIndex(line, indexUrl, 'index-url');
    if (findLinks) this.addIndex(line, findLinks, 'find-links');
  }

  private addIndex(line: LogicalLine, use: OptionUse, kind: NonNullable<IndexFact['kind']>): void {
    const url = use.value as string;
    const at = positionAt(line.pieces, use.valueStart);
    this.file.indexes.push({
      url: redactUrl(url),
      line: at.line,
      column: at.column,
      endColumn: lastColumnOnLine(line, use.valueStart, use.valueEnd, at.line),
      kind,
      cuda: cudaFromIndexUrl(url),
    });
  }

  private readInclude(line: LogicalLine, use: OptionUse): void {
    const constraint = use.spec.dest === 'constraints';
    const flag = constraint ? '-c' : '-r';
    const written = use.value as string;
    const at = lineAt(line.pieces, use.start);
    if (INCLUDE_URL.test(written)) {
      this.report(line, use.valueStart, 'warning', `${flag} ${redactUrl(written)} is a URL; not fetched`);
      // A `${VAR}` left as written (unset) makes a URL that is not the one the build fetches.
      if (REMOTE_INCLUDE_URL.test(written) && !written.includes('${')) {
        const place = positionAt(line.pieces, use.valueStart);
        (this.file.remoteIncludes ??= []).push({
          url: withoutCredentials(written),
          line: place.line,
          column: place.column,
          endColumn: lastColumnOnLine(line, use.valueStart, use.valueEnd, place.line),
          constraint,
        });
      }
      return;
    }
    const resolved = written === '' ? null : posix.normalize(posix.join(posix.dirname(this.path), written));
    if (resolved === null) {
      this.report(line, use.start, 'error', `${flag} names no file; pip cannot open it`);
      return;
    }
    if (posix.isAbsolute(written) || resolved === '..' || resolved.startsWith('../')) {
      this.report(line, use.valueStart, 'error', `${flag} ${written} refers outside the repository; not read`);
      return;
    }
    const include: Include = { path: resolved, line: at, constraint };
    this.file.includes.push(include);
  }

  /**
   * One warning per option and line: a hostile line can repeat an option a million times. `warned`
   * lists the flags warned about so far, at most one per option pip knows.
   */
  private warnIgnored(line: LogicalLine, use: OptionUse, warned: string[], message: string): void {
    if (warned.includes(use.flag)) return;
    warned.push(use.flag);
    this.report(line, use.start, 'warning', message);
  }

  private report(line: LogicalLine, offset: number, severity: Severity, message: string): void {
    const at = positionAt(line.pieces, Math.min(offset, Math.max(0, line.text.length - 1)));
    this.diagnostics.push({ file: this.path, line: at.line, column: at.column, severity, message });
  }
}

function isEditableUse(use: OptionUse): boolean {
  return use.spec.dest === 'editables';
}

// pip's SCHEME_RE: these includes are fetched, not read from the repository.
const INCLUDE_URL = /^(http|https|file):/i;
const REMOTE_INCLUDE_URL = /^https?:\/\//i;

/** pip's break_args_options: the first space-separated token that starts with `-` begins the options. */
function findOptionStart(text: string): number {
  for (let at = 0; at < text.length;) {
    if (text.charCodeAt(at) === DASH) return at;
    const space = text.indexOf(' ', at);
    if (space < 0) return -1;
    at = space + 1;
  }
  return -1;
}

const DASH = 0x2d;

/** 1-based column of the last non-blank character of `[from, to)` that lies on physical line `physical`. */
function lastColumnOnLine(line: LogicalLine, from: number, to: number, physical: number): number {
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
