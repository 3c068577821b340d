// Reading a matrix file as YAML: its value, and where a value is written. The loader (load.ts) gets
// this module from the shell, which loads it only when a run may need it (src/matrix/effective.ts):
// loading the yaml package is a sizeable part of a small check's start-up, and most runs read only
// JSON and compiled files.

import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { MatrixFileError } from './file-error.js';
import { dottedPath, NonStringKey, type ValueLocation, type ValuePath } from './schema-validate.js';

export interface ParsedYaml {
  doc: Document;
  lineCounter: LineCounter;
  /** The text's length in UTF-16 code units. */
  length: number;
}

export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  // YAML 1.2 breaks lines at CR, LF and CRLF; the yaml package only at LF. A CR alone becomes an LF
  // of the same length, so that a file saved with CR line ends reads as YAML reads it, and every
  // offset (and line) stays the file's.
  const lines = text.replace(LONE_CR, '\n');
  return { doc: parseDocument(lines, { lineCounter, prettyErrors: false }), lineCounter, length: text.length };
}

const LONE_CR = /\r(?!\n)/g;

/** The document's value; undefined for a file with nothing but comments, which adds nothing (it is not an error). */
export function yamlValue(file: string, { doc, lineCounter, length }: ParsedYaml): unknown {
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem !== undefined) {
    // A problem at the end of the file (a flow map left open) is placed after its last line break,
    // on a line the file does not have: it is shown on the line of the last character instead.
    const line = lineCounter.linePos(Math.max(0, Math.min(problem.pos[0], length - 1))).line;
    throw new MatrixFileError(file, line, '', yamlMessage(problem.code, problem.message));
  }
  return doc.contents === null ? undefined : plainValue(doc.contents, file, lineCounter);
}

/**
 * The document as plain values, refusing what a matrix file must not use: aliases, and keys that
 * are not scalars. A mapping with a key that is not a string (an unquoted 2.10 is the number 2.1)
 * becomes a Map, for the validator to report with the key as written.
 */
function plainValue(root: Node, file: string, lineCounter: LineCounter): unknown {
  const path: Array<string | number> = [];
  const refuse = (node: unknown, message: string, fallbackLine = 1): never => {
    throw new MatrixFileError(file, lineOfNode(lineCounter, node) ?? fallbackLine, dottedPath(path), message);
  };
  const convert = (node: unknown): unknown => {
    if (isAlias(node)) return refuse(node, 'aliases (*name) are not supported in a matrix file: write the value out');
    if (isScalar(node)) return node.value;
    if (isSeq(node)) {
      return node.items.map((item, index) => {
        path.push(index);
        const value = convert(item);
        path.pop();
        return value;
      });
    }
    if (!isMap(node)) return null; // no node at all: an empty value
    const entries: Array<[unknown, unknown]> = [];
    for (const pair of node.items) {
      if (!isScalar(pair.key)) return refuse(pair.key, 'keys must be plain strings', lineOfNode(lineCounter, node) ?? 1);
      path.push(String(pair.key.value));
      entries.push([pair.key.value, convert(pair.value)]);
      path.pop();
    }
    // fromEntries defines keys as own properties, so a `__proto__` key stays a key.
    return entries.every(([key]) => typeof key === 'string') ? Object.fromEntries(entries) : new Map(entries);
  };
  return convert(root);
}

/** YAML's message on one line, with the usual cause of the errors people hit in a matrix. */
function yamlMessage(code: string, message: string): string {
  const firstLine = message.split('\n', 1)[0] ?? message;
  const quoteHint = code === 'TAG_RESOLVE_FAILED' || firstLine.startsWith('Block scalar header')
    ? ' (a value that starts with "!" or ">" must be quoted, e.g. numpy: ">=1.22,<2")'
    : '';
  return `invalid YAML: ${firstLine}${quoteHint}`;
}

/**
 * Where the entry at `path` is written: the line of its key (a list item's first line) or of its
 * value, and a scalar's text. A path that leaves the document ends at the deepest entry it reaches.
 */
export function locateIn({ doc, lineCounter }: ParsedYaml, path: ValuePath, part: 'key' | 'value'): ValueLocation {
  let value: unknown = doc.contents;
  let key: unknown = null;
  for (const segment of path) {
    if (isMap(value)) {
      const keyValue = segment instanceof NonStringKey ? segment.value : segment;
      const pair = value.items.find((item) => isScalar(item.key) && item.key.value === keyValue);
      if (pair === undefined) break;
      key = pair.key;
      value = pair.value;
    } else if (isSeq(value) && typeof segment === 'number' && segment < value.items.length) {
      value = value.items[segment];
      key = value;
    } else {
      break;
    }
  }
  const keyLine = lineOfNode(lineCounter, key) ?? 1;
  const target = part === 'key' ? key : value;
  const line = part === 'key' ? keyLine : (lineOfNode(lineCounter, value) ?? keyLine);
  return { line, source: isScalar(target) ? target.source : undefined };
}

function lineOfNode(lineCounter: LineCounter, node: unknown): number | null {
  const start = (node as Node | null)?.range?.[0];
  return start === undefined ? null : lineCounter.linePos(start).line;
}
