// Python's shlex.split in POSIX mode without comments, as pip's requirements-file reader calls it on
// a line's options: the words, each with its offsets in the line, for positions in diagnostics.

export interface Word {
  value: string;
  start: number;
  end: number;
}

function isShlexSpace(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\r' || char === '\n';
}

export function shlexSplit(text: string, from: number): { ok: true; words: Word[] } | { ok: false; message: string } {
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
