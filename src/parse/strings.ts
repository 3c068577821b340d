// Strings the readers keep for the whole run. In V8 a substring of 13 or more characters is a view
// into the string it was cut from, and keeps that string alive: one kept package name would hold its
// whole file's text. Kept strings are therefore copied out of the text; markers, which a repository
// repeats on line after line, are also shared.

/** V8 makes substrings at least this long views into their parent (SlicedString::kMinLength). */
const SHORTEST_VIEW = 13;

/** `text` as a string of its own, holding no larger string alive. */
export function detached(text: string): string {
  // The concatenation is flattened into a new string before it is sliced; the slice then keeps
  // only that one character longer copy alive.
  return text.length < SHORTEST_VIEW ? text : (' ' + text).slice(1);
}

/** Past this many distinct strings a pool stops sharing: hostile input must not grow it for nothing. */
const MAX_SHARED = 65_536;

/** One detached copy of each distinct string, for strings a run repeats. */
export class SharedStrings {
  private readonly known = new Map<string, string>();

  share(text: string): string {
    const known = this.known.get(text);
    if (known !== undefined) return known;
    const copy = detached(text);
    if (this.known.size < MAX_SHARED) this.known.set(copy, copy);
    return copy;
  }
}
