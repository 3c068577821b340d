// JSON.stringify(value, null, 2) + "\n", in pieces: one per member of the top-level object, and one
// per element of a top-level array. A report of tens of thousands of findings is then written without
// ever being one string (and one buffer of the same size beside it).

/** The same text as `JSON.stringify(value, null, 2) + "\n"`, for a plain object of plain data. */
export function* jsonPieces(value: object): Generator<string> {
  const members = Object.entries(value).filter(([, member]) => JSON.stringify(member) !== undefined);
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
      for (let element = 0; element < member.length; element++) {
        // Inside an array, what JSON cannot hold (undefined, a function) is written as null.
        const text = JSON.stringify(member[element], null, 2) ?? 'null';
        yield `    ${indented(text, '    ')}${element < member.length - 1 ? ',' : ''}\n`;
      }
      yield `  ]${end}`;
    } else {
      yield `  ${JSON.stringify(key)}: ${indented(JSON.stringify(member, null, 2), '  ')}${end}`;
    }
  }
  yield '}\n';
}

/** JSON text nested one level deeper: its line breaks are all layout (a string's own are escaped). */
function indented(text: string, prefix: string): string {
  return text.includes('\n') ? text.replaceAll('\n', `\n${prefix}`) : text;
}
