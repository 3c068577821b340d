// Bytes -> text the way pip reads a requirements file (pip 26 `req_file._decode_req_file`), and the one
// line splitter every reader shares.
//
// pip's order: a byte-order mark picks the encoding; otherwise a PEP 263 coding cookie on one of the
// first two lines; otherwise UTF-8; and when UTF-8 fails, the locale's preferred encoding (with a
// warning). A CI runner's locale is C.UTF-8, where that last step fails too and pip stops; a developer's
// Windows machine would use cp1252. We cannot know the locale that will install the file, so we read
// the bytes as latin-1 - every byte is a character, so the file is still checked - and say so in
// `warning`: the fix is the same whatever the locale (a coding cookie, or UTF-8).
//
// pyproject.toml and Dockerfiles are read the same way but for the coding cookie, which means nothing
// to TOML (always UTF-8) or to Docker (UTF-8, other bytes passed on as they are): for them the
// warning's advice is to save the file as UTF-8.

import type { FileKind } from '../model.js';

export type DecodeResult =
  | {
      ok: true;
      text: string;
      /** The encoding the text was read with, as Python names it: `utf-8`, `utf-16-le`, `latin-1`, ... */
      encoding: string;
      /**
       * Set when the bytes were read in a way their real reader would not agree with everywhere (the
       * latin-1 fallback), or not at all (an error: pip refuses a pyproject.toml that is not plain UTF-8).
       */
      caveat?: { severity: 'warning' | 'error'; message: string; at: TextPosition };
    }
  | {
      ok: false;
      message: string;
      /** Where the trouble is, when it is at one place (the NUL of a binary file, a coding cookie). */
      at?: TextPosition;
    };

/** A 1-based line, as splitLines counts them, and a 1-based column in UTF-16 code units. */
export interface TextPosition {
  line: number;
  column?: number;
}

interface ByteOrderMark {
  bytes: readonly number[];
  encoding: UnicodeEncoding;
}

type UnicodeEncoding = 'utf-8' | 'utf-16-le' | 'utf-16-be' | 'utf-32-le' | 'utf-32-be';

// pip's order matters: the UTF-16 LE mark is a prefix of the UTF-32 LE mark, so UTF-32 is tried first.
const BYTE_ORDER_MARKS: readonly ByteOrderMark[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe, 0x00, 0x00], encoding: 'utf-32-le' },
  { bytes: [0x00, 0x00, 0xfe, 0xff], encoding: 'utf-32-be' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16-le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16-be' },
];

// PEP 263 as pip matches it: bytes, anywhere in a line that starts with `#`.
const CODING_COOKIE = /coding[:=][ \t\n\r\f\v]*([-\w.]+)/;

const NEWLINE = 0x0a;
const HASH = 0x23;

/** Decodes a requirements file as pip would, and the other kinds as pip would but for the coding cookie. */
export function decodeText(bytes: Uint8Array, kind: FileKind = 'requirements'): DecodeResult {
  const marked = decodeMarked(bytes);
  if (marked !== null) {
    // pip opens pyproject.toml as UTF-8, mark and all: its TOML reader then stops at line 1, column 1.
    if (kind === 'pyproject' && marked.ok)
      marked.caveat = { severity: 'error', message: pyprojectWithMark(marked.encoding), at: { line: 1, column: 1 } };
    return marked;
  }
  const cookie = kind === 'requirements' || kind === 'constraints' ? findCodingCookie(bytes) : null;
  if (cookie) return decodeDeclared(bytes, cookie.name, cookie.line);
  const nul = bytes.indexOf(0);
  // UTF-8 or latin-1, as the file would be read: a NUL is never part of a UTF-8 sequence, so the text
  // before it decodes alone.
  if (nul >= 0) return binary(nul, strictDecode('utf-8', bytes.subarray(0, nul)) ?? decodeLatin1(bytes.subarray(0, nul)));
  const utf8 = strictDecode('utf-8', bytes);
  if (utf8 !== null) return { ok: true, text: utf8, encoding: 'utf-8' };
  const text = decodeLatin1(bytes);
  // Latin-1 is one character per byte: the text before the first bad byte is as long as the bytes are.
  const at = positionAfter(text.slice(0, firstNonUtf8(bytes)));
  return {
    ok: true,
    text,
    encoding: 'latin-1',
    caveat: { severity: kind === 'pyproject' ? 'error' : 'warning', message: LATIN1_FALLBACK[kind], at },
  };
}

/** Bytes that start with a byte-order mark, decoded in the Unicode encoding it names; null without one. */
export function decodeMarked(bytes: Uint8Array): DecodeResult | null {
  const mark = BYTE_ORDER_MARKS.find((candidate) => startsWith(bytes, candidate.bytes));
  return mark === undefined ? null : decodeUnicode(bytes.subarray(mark.bytes.length), mark.encoding, mark.bytes.length);
}

/** UTF-8 bytes as text; for bytes that are not, where the first one that is not UTF-8 sits. */
export function decodeUtf8(bytes: Uint8Array): { ok: true; text: string } | { ok: false; at: TextPosition } {
  const text = strictDecode('utf-8', bytes);
  if (text !== null) return { ok: true, text };
  // The bytes before the first bad one are well-formed: their text gives its line and column.
  return { ok: false, at: positionAfter(new TextDecoder().decode(bytes.subarray(0, firstNonUtf8(bytes)))) };
}

/** Why pip cannot read a pyproject.toml that starts with a byte-order mark (`encoding`: the one it names). */
function pyprojectWithMark(encoding: string): string {
  if (encoding === 'utf-8') {
    return "starts with a UTF-8 byte-order mark: pip reads pyproject.toml as UTF-8 as it is, and its TOML reader refuses the mark ('Invalid statement'); read here without it (save the file as UTF-8 without a byte-order mark)";
  }
  return `${encoding.toUpperCase()} (byte-order mark): pip reads pyproject.toml as UTF-8 and cannot read it; read here as ${encoding.slice(0, 6).toUpperCase()} (save the file as UTF-8)`;
}

const PIP_LATIN1_FALLBACK =
  'not valid UTF-8 and no coding cookie: read as latin-1; pip would use the locale encoding and fails under a UTF-8 locale' +
  " (add '# -*- coding: latin-1 -*-' or save the file as UTF-8)";

/** What reading a file as latin-1 means for whoever reads it for real, and what to do about it. */
const LATIN1_FALLBACK: Record<FileKind, string> = {
  requirements: PIP_LATIN1_FALLBACK,
  constraints: PIP_LATIN1_FALLBACK,
  pyproject: 'not valid UTF-8: read as latin-1; TOML must be UTF-8, and pip refuses to read the file (save it as UTF-8)',
  dockerfile:
    'not valid UTF-8: read as latin-1; Docker reads a Dockerfile as UTF-8 and hands other bytes to RUN commands as they are' +
    ' (save the file as UTF-8)',
  conda: 'not valid UTF-8: read as latin-1; conda reads environment files as UTF-8 (save the file as UTF-8)',
};

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence (RFC 3629); the length when none is. */
function firstNonUtf8(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] as number;
    if (lead < 0x80) {
      index++;
      continue;
    }
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0) return index;
    // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    const second = bytes[index + 1] ?? 0;
    if (second < low || second > high) return index;
    for (let next = 2; next < length; next++) {
      const continuation = bytes[index + next] ?? 0;
      if (continuation < 0x80 || continuation > 0xbf) return index;
    }
    index += length;
  }
  return bytes.length;
}

/** Splits on CRLF, CR and LF; the lines come without terminators and a final terminator adds no line. */
export function splitLines(text: string): string[] {
  // Splitting at a string is much faster than at a regex, and most files have only LF.
  const lines = text.includes('\r') ? text.split(LINE_BREAK) : text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const LINE_BREAK = /\r\n|\r|\n/;

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((byte, index) => bytes[index] === byte);
}

function findCodingCookie(bytes: Uint8Array): { name: string; line: number } | null {
  let start = 0;
  for (let line = 1; line <= 2 && start <= bytes.length; line++) {
    const newline = bytes.indexOf(NEWLINE, start);
    const end = newline < 0 ? bytes.length : newline;
    if (bytes[start] === HASH) {
      // A cookie is ASCII by definition; latin-1 maps bytes to the same code points, so the match
      // positions of the pattern are those of pip's bytes regex.
      const match = CODING_COOKIE.exec(decodeLatin1(bytes.subarray(start, end)));
      if (match) return { name: match[1] as string, line };
    }
    if (newline < 0) break;
    start = newline + 1;
  }
  return null;
}

function decodeDeclared(bytes: Uint8Array, declared: string, line: number): DecodeResult {
  const encoding = pythonEncoding(declared);
  if (encoding === null)
    return { ok: false, message: `unknown encoding '${declared}' in the coding cookie on line ${line}; not read`, at: { line } };
  if (isUnicode(encoding)) return decodeUnicode(bytes, encoding.decoder, 0);
  const nul = bytes.indexOf(0);
  // The declared encodings keep NUL a byte of its own, so the text before it decodes alone.
  if (nul >= 0) return binary(nul, decodeBytes(bytes.subarray(0, nul), encoding) ?? decodeLatin1(bytes.subarray(0, nul)));
  const text = decodeBytes(bytes, encoding);
  if (text === null) return { ok: false, message: `not valid ${encoding.name} as its coding cookie on line ${line} declares; not read` };
  return { ok: true, text, encoding: encoding.name };
}

function decodeBytes(bytes: Uint8Array, encoding: NamedEncoding): string | null {
  if (encoding.decoder === 'latin-1') return decodeLatin1(bytes);
  if (encoding.decoder === 'ascii') return decodeAscii(bytes);
  if (encoding.decoder === 'cp1252') return decodeCp1252(bytes);
  return strictDecode(encoding.decoder, bytes);
}

interface NamedEncoding {
  /** Python's name for it. */
  name: string;
  /**
   * `latin-1`, `ascii` and `cp1252` are decoded here: WHATWG maps the first two labels to windows-1252,
   * and Node 20 decodes windows-1252 as latin-1. The rest go to TextDecoder.
   */
  decoder: string;
}

function isUnicode(encoding: NamedEncoding): encoding is NamedEncoding & { decoder: UnicodeEncoding } {
  return UNICODE_ENCODINGS.has(encoding.decoder);
}

const UNICODE_ENCODINGS: ReadonlySet<string> = new Set(['utf-8', 'utf-16-le', 'utf-16-be', 'utf-32-le', 'utf-32-be']);

// Python's codec names and their common aliases (encodings.aliases), normalised as Python normalises
// them: lower case, runs of other punctuation as `_`.
const PYTHON_CODECS: ReadonlyMap<string, NamedEncoding> = new Map(
  (
    [
      [['utf_8', 'utf8', 'u8', 'utf', 'cp65001', 'utf_8_sig'], { name: 'utf-8', decoder: 'utf-8' }],
      [
        ['latin_1', 'latin1', 'latin', 'l1', 'iso_8859_1', 'iso8859_1', '8859', 'cp819', 'iso_ir_100', 'csisolatin1'],
        { name: 'latin-1', decoder: 'latin-1' },
      ],
      [
        ['ascii', 'us_ascii', '646', 'us', 'ansi_x3.4_1968', 'cp367', 'csascii', 'ibm367', 'iso646_us', 'iso_ir_6'],
        { name: 'ascii', decoder: 'ascii' },
      ],
      [['utf_16', 'utf16', 'u16', 'utf_16_le', 'utf_16le'], { name: 'utf-16-le', decoder: 'utf-16-le' }],
      [['utf_16_be', 'utf_16be'], { name: 'utf-16-be', decoder: 'utf-16-be' }],
      [['utf_32', 'utf32', 'u32', 'utf_32_le', 'utf_32le'], { name: 'utf-32-le', decoder: 'utf-32-le' }],
      [['utf_32_be', 'utf_32be'], { name: 'utf-32-be', decoder: 'utf-32-be' }],
      [['cp1252', 'windows_1252'], { name: 'cp1252', decoder: 'cp1252' }],
      [['cp949', 'uhc', 'ms949'], { name: 'cp949', decoder: 'euc-kr' }],
    ] as Array<[string[], NamedEncoding]>
  ).flatMap(([aliases, encoding]) => aliases.map((alias) => [alias, encoding] as [string, NamedEncoding])),
);

const CODEC_PUNCTUATION = /[^a-z0-9.]+/g;

function pythonEncoding(declared: string): NamedEncoding | null {
  const normalised = declared.toLowerCase().replace(CODEC_PUNCTUATION, '_');
  const known = PYTHON_CODECS.get(normalised);
  if (known) return known;
  // Python's other codecs (cp1252, euc_kr, shift_jis, gbk, koi8_r, iso8859_15, ...) under their WHATWG label.
  for (const label of [normalised.replace(/_/g, '-'), normalised]) {
    try {
      new TextDecoder(label);
      return { name: normalised, decoder: label };
    } catch {
      // not a label TextDecoder knows; try the next spelling
    }
  }
  return null;
}

function decodeUnicode(bytes: Uint8Array, encoding: UnicodeEncoding, offset: number): DecodeResult {
  const text =
    encoding === 'utf-8'
      ? strictDecode('utf-8', bytes)
      : encoding === 'utf-16-le' || encoding === 'utf-16-be'
        ? strictDecode(encoding.replace('utf-16-', 'utf-16'), bytes)
        : decodeUtf32(bytes, encoding === 'utf-32-be');
  if (text === null) return { ok: false, message: `not valid ${encoding.toUpperCase()} (byte-order mark or coding cookie); not read` };
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return binary(offset + unicodeByteOffset(text, nul, encoding), text.slice(0, nul));
  return { ok: true, text, encoding };
}

/** Byte offset of the UTF-16 code unit `index` of `text` in its `encoding` form. */
function unicodeByteOffset(text: string, index: number, encoding: UnicodeEncoding): number {
  if (encoding === 'utf-8') return Buffer.byteLength(text.slice(0, index), 'utf8');
  if (encoding === 'utf-16-le' || encoding === 'utf-16-be') return index * 2;
  let codePoints = 0;
  for (let unit = 0; unit < index; unit++) {
    const code = text.charCodeAt(unit);
    if (code < 0xd800 || code > 0xdbff) codePoints++;
  }
  return codePoints * 4;
}

/** A binary file: a NUL at byte `offset`, after the text `before`, which places it at a line and column. */
function binary(offset: number, before: string): DecodeResult {
  return { ok: false, message: `binary file (NUL byte at offset ${offset}); not read`, at: positionAfter(before) };
}

const CR = 0x0d;

/** Where the character after `text` is: line breaks counted as splitLines splits (CRLF, CR, LF). */
function positionAfter(text: string): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === CR && text.charCodeAt(index + 1) === NEWLINE) index++;
    if (code === CR || code === NEWLINE) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: text.length - lineStart + 1 };
}

function strictDecode(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function decodeLatin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

function decodeAscii(bytes: Uint8Array): string | null {
  for (const byte of bytes) if (byte > 0x7f) return null;
  return decodeLatin1(bytes);
}

// cp1252's 0x80-0x9F; Python leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined (a decoding error).
const CP1252_HIGH =
  '\u20ac\u0000\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u0000\u017d\u0000' +
  '\u0000\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u0000\u017e\u0178';

function decodeCp1252(bytes: Uint8Array): string | null {
  const latin1 = decodeLatin1(bytes);
  let out = '';
  let from = 0;
  for (let index = 0; index < latin1.length; index++) {
    const code = latin1.charCodeAt(index);
    if (code < 0x80 || code > 0x9f) continue;
    const mapped = CP1252_HIGH[code - 0x80] as string;
    if (mapped === '\u0000') return null;
    out += latin1.slice(from, index) + mapped;
    from = index + 1;
  }
  return from === 0 ? latin1 : out + latin1.slice(from);
}

function decodeUtf32(bytes: Uint8Array, bigEndian: boolean): string | null {
  if (bytes.length % 4 !== 0) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  const chunk: number[] = [];
  for (let offset = 0; offset < bytes.length; offset += 4) {
    const codePoint = view.getUint32(offset, !bigEndian);
    if (codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return null;
    chunk.push(codePoint);
    if (chunk.length === 4096) {
      parts.push(String.fromCodePoint(...chunk));
      chunk.length = 0;
    }
  }
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}
