// JSON.stringify(value, null, 2) + "\n", in pieces: one per member of the top-level object, and one
// per few dozen elements of a top-level array. A report of tens of thousands of findings is then
// written without ever being one string (and one buffer of the same size beside it), and each piece
// stays small enough for V8's young generation (a string over 128 KB would go straight to the old one).

/** Elements of a top-level array stringified together: about 32 KB of a report's findings. */
const ELEMENTS_PER_PIECE = 32;

/** The same text as `JSON.stringify(value, null, 2) + "\n"`, for a plain object of plain data. */
export function* jsonPieces(value: object): Generator<string> {
  const members = Object.entries(value).filter(([, member]) => isWritten(member));
  if (members.length === 0) {
    yield '{}\n';
    return;
  }
  yield '{\n';
  for (let index = 0; index < members.length; index++) {
    const [key, member] = members[index] as [string, unknown];
    const end = index < members.length - 1 ? ',\n' : '\n';
    if (Array.isArray(member) && member.length > 0) {
      yield `  ${JSON.stringify(key)}: [\n`;
      for (let first = 0; first < member.length; first += ELEMENTS_PER_PIECE) {
        yield nestedElements(member.slice(first, first + ELEMENTS_PER_PIECE));
        yield first + ELEMENTS_PER_PIECE < member.length ? ',\n' : '\n';
      }
      yield `  ]${end}`;
    } else {
      yield `  ${JSON.stringify(key)}: ${indented(JSON.stringify(member, null, 2), '  ')}${end}`;
    }
  }
  yield '}\n';
}

/**
 * Array elements as they are written two levels deep, each on lines of its own and joined with
 * commas: cut out of JSON.stringify of an array in an array, which indents them so (and writes what
 * JSON cannot hold, undefined or a function, as null, as it would inside the whole value).
 */
function nestedElements(elements: readonly unknown[]): string {
  const text = JSON.stringify([elements], null, 2);
  return text.slice(NESTED_OPENING.length, text.length - NESTED_CLOSING.length);
}

const NESTED_OPENING = '[\n  [\n';
const NESTED_CLOSING = '\n  ]\n]';

/** Does JSON.stringify write the member at all (it leaves out undefined, functions and symbols)? */
function isWritten(member: unknown): boolean {
  if (member === null || typeof member !== 'object')
    return member !== undefined && typeof member !== 'function' && typeof member !== 'symbol';
  // Only a toJSON can make an object nothing: then stringifying it is the one way to know.
  return typeof (member as { toJSON?: unknown }).toJSON !== 'function' || JSON.stringify(member) !== undefined;
}

/** JSON text nested one level deeper: its line breaks are all layout (a string's own are escaped). */
function indented(text: string, prefix: string): string {
  return text.includes('\n') ? text.replaceAll('\n', `\n${prefix}`) : text;
}
