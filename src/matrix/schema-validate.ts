// Validates a parsed YAML document against matrix/schema.json, node by node, so that every error
// names the line it is on. It implements the subset of JSON Schema (draft 2020-12) that the schema
// uses - type, enum, properties, additionalProperties, propertyNames, required, minProperties,
// items, minItems, minLength, pattern, format, title and $ref into $defs - rather than pulling in a
// validator: the schema is ours, and the messages are the product (file, line, key, what is wrong,
// with a did-you-mean for misspelt keys).

import { isAlias, isMap, isScalar, isSeq, type LineCounter, type Node, type YAMLMap, type YAMLSeq } from 'yaml';

/** A JSON Schema object, as parsed from schema.json. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** Checks a string against a named `format`: null when it is valid, else why not. */
export type FormatCheck = (value: string) => string | null;

export interface SchemaError {
  line: number;
  /** Dotted path to the offending value, e.g. `profiles.my-stack.packages.numpy`; "" for the top. */
  path: string;
  message: string;
}

export interface SchemaValidator {
  /** Errors of the document's root node, in document order, at most `limit` of them. */
  validate(root: Node, lineCounter: LineCounter, limit: number): SchemaError[];
}

/** The longest value quoted in a message; hostile input must not produce megabyte error lines. */
const MAX_QUOTED_LENGTH = 60;

/** Suggestions only for short keys, so that distance computation stays cheap. */
const MAX_SUGGESTION_KEY_LENGTH = 64;

type ValueType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

const TYPE_WORDS: Record<ValueType, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  null: 'null',
};

/** `"value"`, escaped and cut to a readable length. */
export function quote(value: string): string {
  const cut = value.length > MAX_QUOTED_LENGTH ? `${value.slice(0, MAX_QUOTED_LENGTH)}...` : value;
  return JSON.stringify(cut);
}

/** The candidate closest to `word` by edit distance, if close enough to be a likely typo. */
export function didYouMean(word: string, candidates: Iterable<string>): string | null {
  if (word.length > MAX_SUGGESTION_KEY_LENGTH) return null;
  const lower = word.toLowerCase();
  let best: string | null = null;
  let bestDistance = Math.max(1, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    if (candidate.length > MAX_SUGGESTION_KEY_LENGTH) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

export function createValidator(
  schema: JsonSchema,
  formats: Readonly<Record<string, FormatCheck>> = {},
): SchemaValidator {
  const patterns = new Map<string, RegExp>();
  const patternOf = (source: string): RegExp => {
    let pattern = patterns.get(source);
    if (pattern === undefined) {
      pattern = new RegExp(source, 'u');
      patterns.set(source, pattern);
    }
    return pattern;
  };

  return {
    validate(root, lineCounter, limit) {
      const errors: SchemaError[] = [];
      const lineOf = (node: Node | null, fallback: number): number => {
        const start = node?.range?.[0];
        return start === undefined ? fallback : lineCounter.linePos(start).line;
      };
      const report = (line: number, path: string, message: string): void => {
        if (errors.length < limit) errors.push({ line, path, message });
      };

      const resolve = (subschema: JsonSchema, path: string, line: number): JsonSchema | null => {
        const ref = subschema.$ref;
        if (typeof ref !== 'string') return subschema;
        const prefix = '#/$defs/';
        const defs = schema.$defs as Record<string, JsonSchema> | undefined;
        const target = ref.startsWith(prefix) && defs ? defs[ref.slice(prefix.length)] : undefined;
        if (target === undefined) {
          report(line, path, `the schema refers to ${quote(ref)}, which it does not define`);
          return null;
        }
        // A $ref's siblings (e.g. minProperties beside it) apply as well.
        const { $ref: _ref, ...siblings } = subschema;
        return { ...target, ...siblings };
      };

      const check = (node: Node | null, rawSchema: JsonSchema, path: string, fallbackLine: number): void => {
        if (errors.length >= limit) return;
        const line = lineOf(node, fallbackLine);
        const subschema = resolve(rawSchema, path, line);
        if (subschema === null) return;
        if (isAlias(node)) {
          report(line, path, 'aliases (*name) are not supported in a matrix file: write the value out');
          return;
        }
        const actual = typeOf(node);
        const expected = expectedTypes(subschema);
        if (expected !== null && !typeMatches(actual, expected)) {
          const hint = isScalar(node) && actual !== 'null' && expected.includes('string')
            ? ` (put it in quotes: ${JSON.stringify(node.source ?? String(node.value))})`
            : '';
          report(line, path, `expected ${expected.map((type) => TYPE_WORDS[type]).join(' or ')}, got ${TYPE_WORDS[actual]}${hint}`);
          return;
        }
        if (Array.isArray(subschema.enum) && isScalar(node) && !subschema.enum.includes(node.value)) {
          const allowed = subschema.enum.map((value) => JSON.stringify(value));
          const suggestion = typeof node.value === 'string'
            ? didYouMean(node.value, subschema.enum.filter((value): value is string => typeof value === 'string'))
            : null;
          report(line, path, `${quote(String(node.value))} is not one of ${allowed.join(', ')}${suggestion ? ` (did you mean ${JSON.stringify(suggestion)}?)` : ''}`);
          return;
        }
        if (isScalar(node) && typeof node.value === 'string') {
          checkString(node.value, subschema, path, line);
        } else if (isMap(node)) {
          checkMap(node, subschema, path, line);
        } else if (isSeq(node)) {
          checkSeq(node, subschema, path, line);
        }
      };

      const checkString = (value: string, subschema: JsonSchema, path: string, line: number): void => {
        const title = typeof subschema.title === 'string' ? subschema.title : null;
        if (typeof subschema.minLength === 'number' && value.length < subschema.minLength) {
          report(line, path, subschema.minLength === 1 ? 'must not be empty' : `must be at least ${subschema.minLength} characters long`);
          return;
        }
        if (typeof subschema.pattern === 'string' && !patternOf(subschema.pattern).test(value)) {
          report(line, path, title ? `${quote(value)} is not a valid ${title}` : `${quote(value)} does not match ${subschema.pattern}`);
          return;
        }
        if (typeof subschema.format === 'string') {
          const why = formats[subschema.format]?.(value) ?? null;
          if (why !== null) report(line, path, `${quote(value)} is not a valid ${title ?? subschema.format} (${why})`);
        }
      };

      const checkMap = (node: YAMLMap, subschema: JsonSchema, path: string, line: number): void => {
        const properties = (subschema.properties ?? {}) as Record<string, JsonSchema>;
        const propertyNames = subschema.propertyNames as JsonSchema | undefined;
        const additional = subschema.additionalProperties as JsonSchema | boolean | undefined;
        const present = new Set<string>();
        for (const pair of node.items) {
          const keyNode = pair.key as Node | null;
          const valueNode = pair.value as Node | null;
          const keyLine = lineOf(keyNode, line);
          if (!isScalar(keyNode)) {
            report(keyLine, path, 'keys must be plain strings');
            continue;
          }
          const key = String(keyNode.value);
          present.add(key);
          const childPath = path === '' ? key : `${path}.${key}`;
          const declared = Object.hasOwn(properties, key) ? properties[key] : undefined;
          if (declared !== undefined) {
            check(valueNode, declared, childPath, keyLine);
            continue;
          }
          if (additional === false) {
            const known = Object.keys(properties);
            const suggestion = didYouMean(key, known);
            report(keyLine, path, `unknown key ${quote(key)} (${suggestion ? `did you mean ${JSON.stringify(suggestion)}?` : `expected one of: ${known.join(', ')}`})`);
            continue;
          }
          if (propertyNames !== undefined) {
            const before = errors.length;
            check(keyNode, propertyNames, childPath, keyLine);
            if (errors.length > before) continue;
          }
          if (typeof additional === 'object') check(valueNode, additional, childPath, keyLine);
        }
        if (Array.isArray(subschema.required)) {
          for (const key of subschema.required) {
            if (typeof key === 'string' && !present.has(key)) report(line, path, `missing required key ${JSON.stringify(key)}`);
          }
        }
        if (typeof subschema.minProperties === 'number' && node.items.length < subschema.minProperties) {
          report(line, path, `must have at least ${subschema.minProperties} ${subschema.minProperties === 1 ? 'entry' : 'entries'}`);
        }
      };

      const checkSeq = (node: YAMLSeq, subschema: JsonSchema, path: string, line: number): void => {
        if (typeof subschema.minItems === 'number' && node.items.length < subschema.minItems) {
          report(line, path, `must have at least ${subschema.minItems} ${subschema.minItems === 1 ? 'item' : 'items'}`);
          return;
        }
        const items = subschema.items as JsonSchema | undefined;
        if (items === undefined) return;
        node.items.forEach((item, index) => check(item as Node | null, items, `${path}[${index}]`, line));
      };

      check(root, schema, '', 1);
      return errors;
    },
  };
}

function typeOf(node: Node | null): ValueType {
  if (node === null || node === undefined) return 'null';
  if (isMap(node)) return 'object';
  if (isSeq(node)) return 'array';
  if (isScalar(node)) {
    const value = node.value;
    if (value === null || value === undefined) return 'null';
    if (typeof value === 'number' || typeof value === 'bigint') {
      return Number.isInteger(value) || typeof value === 'bigint' ? 'integer' : 'number';
    }
    if (typeof value === 'boolean') return 'boolean';
  }
  return 'string';
}

/** The types a schema admits, from `type` or, failing that, from its `enum`; null when any type goes. */
function expectedTypes(subschema: JsonSchema): ValueType[] | null {
  const { type } = subschema;
  if (typeof type === 'string') return [type as ValueType];
  if (Array.isArray(type)) return type as ValueType[];
  if (Array.isArray(subschema.enum)) {
    return [...new Set(subschema.enum.map((value) => (value === null ? 'null' : typeof value) as ValueType))];
  }
  return null;
}

function typeMatches(actual: ValueType, expected: readonly ValueType[]): boolean {
  return expected.includes(actual) || (actual === 'integer' && expected.includes('number'));
}
