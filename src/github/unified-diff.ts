// Unified diffs -> the lines each file's new version adds and shows as context. Two inputs: the
// `patch` of one file from the pull-request files API (hunks only), and `git diff` output (file
// headers, renames, quoted paths, binary files). Hunks are read by their line counts, so a content
// line such as `+++ x` or `diff --git` inside a hunk is never taken for a header.

import { emptyChangedFile, type ChangedFile } from './filter.js';

const HUNK_HEADER = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
const DIFF_HEADER = 'diff --git ';

/** Adds the lines of an API `patch` (one file's hunks) to `into`. */
export function addPatchLines(patch: string, into: ChangedFile): void {
  readHunks(patch.split('\n'), 0, into);
}

/**
 * Every file of `git diff` output under its new path (deleted files left out). `wanted` limits which
 * files keep their line sets (the others are still listed, as `file` mode needs).
 */
export function parseGitDiff(text: string, wanted: (path: string) => boolean = () => true): Map<string, ChangedFile> {
  const files = new Map<string, ChangedFile>();
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length) {
    const header = lines[i] as string;
    if (!header.startsWith(DIFF_HEADER)) {
      i++;
      continue;
    }
    let path = pathOfDiffHeader(header.slice(DIFF_HEADER.length));
    let deleted = false;
    for (i++; i < lines.length; i++) {
      const line = lines[i] as string;
      if (line.startsWith('@@') || line.startsWith(DIFF_HEADER)) break;
      if (line.startsWith('deleted file mode') || line === '+++ /dev/null') deleted = true;
      else if (line.startsWith('rename to ')) path = unquote(line.slice('rename to '.length));
      else if (line.startsWith('copy to ')) path = unquote(line.slice('copy to '.length));
      else if (line.startsWith('+++ ')) path = stripPrefix(unquote(line.slice(4)), 'b/');
    }
    let changed: ChangedFile | null = null;
    if (!deleted && path !== null) {
      changed = files.get(path) ?? emptyChangedFile();
      files.set(path, changed);
    }
    i = readHunks(lines, i, changed && path !== null && wanted(path) ? changed : null);
  }
  return files;
}

/** Reads consecutive hunks from `lines[start]`; returns the index after them. */
function readHunks(lines: readonly string[], start: number, into: ChangedFile | null): number {
  let i = start;
  while (i < lines.length) {
    const header = HUNK_HEADER.exec(lines[i] as string);
    if (!header) break;
    let oldLeft = header[1] === undefined ? 1 : Number(header[1]);
    let newLeft = header[3] === undefined ? 1 : Number(header[3]);
    let newLine = Number(header[2]);
    for (i++; i < lines.length && (oldLeft > 0 || newLeft > 0); i++) {
      const line = lines[i] as string;
      const marker = line.charAt(0);
      if (marker === '+') {
        into?.added.add(newLine);
        newLine++;
        newLeft--;
      } else if (marker === ' ' || line === '') {
        // An empty line is a context line whose leading space was trimmed on the way.
        into?.context.add(newLine);
        newLine++;
        newLeft--;
        oldLeft--;
      } else if (marker === '-') {
        oldLeft--;
      } else if (marker !== '\\') {
        break; // Not hunk content: the counts lied; stop here rather than misread what follows.
      }
    }
    while (i < lines.length && (lines[i] as string).startsWith('\\')) i++; // "\ No newline at end of file"
  }
  return i;
}

/** `a/P b/P` (or quoted) -> P; null when the two paths differ (a rename, named again below). */
function pathOfDiffHeader(rest: string): string | null {
  if (rest.startsWith('"')) {
    const first = readQuoted(rest, 0);
    if (!first || rest.charAt(first.end) !== ' ') return null;
    const second =
      rest.charAt(first.end + 1) === '"' ? readQuoted(rest, first.end + 1) : { value: rest.slice(first.end + 1), end: rest.length };
    return second ? stripPrefix(second.value, 'b/') : null;
  }
  // Unquoted names may hold spaces: the header is `a/` P ` b/` P with the same P twice.
  const length = (rest.length - 5) / 2;
  if (!Number.isInteger(length) || length <= 0) return null;
  const path = rest.slice(2, 2 + length);
  return rest === `a/${path} b/${path}` ? path : null;
}

function stripPrefix(path: string, prefix: string): string {
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/** A path as git writes it: as is, or C-quoted (`"a\\tb\\303\\251"`) when it holds special bytes. */
function unquote(text: string): string {
  if (!text.startsWith('"')) return text;
  return readQuoted(text, 0)?.value ?? text;
}

const OCTAL_BYTE = /^[0-7]{3}$/;
const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** The C-quoted string starting at `text[start]` (a `"`), and the index after its closing quote. */
function readQuoted(text: string, start: number): { value: string; end: number } | null {
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = start + 1; i < text.length; i++) {
    const ch = String.fromCodePoint(text.codePointAt(i) as number);
    if (ch === '"') return { value: new TextDecoder().decode(new Uint8Array(bytes)), end: i + 1 };
    if (ch !== '\\') {
      bytes.push(...encoder.encode(ch));
      i += ch.length - 1;
      continue;
    }
    const next = text.charAt(++i);
    const octal = OCTAL_BYTE.test(text.slice(i, i + 3)) ? text.slice(i, i + 3) : null;
    if (octal) {
      bytes.push(parseInt(octal, 8) & 0xff);
      i += 2;
    } else {
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
    }
  }
  return null;
}
