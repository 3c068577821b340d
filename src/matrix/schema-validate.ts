// Validates a matrix document against matrix/schema.json so that every error names the line it is
// on. It implements the subset of JSON Schema (draft 2020-12) that the schema uses - type, enum,
// properties, additionalProperties, propertyNames, required, minProperties, items, minItems,
// minLength, pattern, format, title and $ref into $defs - rather than pulling in a validator: the
// schema is ours, and the messages are the product (file, line, key, what is wrong, with a
// did-you-mean for misspelt keys).
//
// It checks plain values (what JSON.parse or the YAML reader in load.ts gives), not YAML nodes, and
// asks where a value was written only when it reports an error: for a file read as JSON, finding a
// line means parsing it again as YAML, and errors are rare (the bundled matrix is validated by the
// tests, and a repository's matrix file on every run).

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

/**
 * A key of a mapping that is not a string, as a path segment: YAML reads an unquoted 2.10 as the
 * number 2.1, which must be told apart from a key "2.1" when its line is looked up.
 */
export class NonStringKey {
  constructor(readonly value: unknown) {}
}

/** Keys and list indexes (numbers) from the document's root to a value. */
export type ValuePath = ReadonlyArray<string | number | NonStringKey>;

/** Where a value (or its key) was written. */
export interface ValueLocation {
  line: number;
  /** A scalar as written, e.g. `3.10` where the value is the number 3.1. */
  source?: string;
}

/** The location of the value at `path`, or of its key; called only for an error. */
export type Locate = (path: ValuePath, part: 'key' | 'value') => ValueLocation;

export interface SchemaValidator {
  /**
   * Errors of a document, in the order of its keys, at most `limit` of them. A mapping is a plain
   * object, or a Map where the document's keys are not all strings (YAML reads an unquoted 2.10 as
   * the number 2.1, which must be reported rather than turned into the string "2.1").
   */
  validate(root: unknown, locate: Locate, limit: number): SchemaError[];
}

/** The longest value quoted in a message; hostile input must not produce megabyte error lines. */
const MAX_QUOTED_LENGTH = 60;

/** Suggestions only for short keys, so that distance computation stays cheap. */
const MAX_SUGGESTION_KEY_LENGTH = 64;

type ValueType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

/** What a schema expects, in words; what a value is found to be is said by `foundWords`. */
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

/** `profiles.my-stack.packages`, `rules[0].when`: how messages name a path. */
export function dottedPath(path: ValuePath): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    const key = segment instanceof NonStringKey ? String(segment.value) : segment;
    return text === '' ? key : `${text}.${key}`;
  }, '');
}

/** A `$ref` the schema does not define; reported wherever it is used. */
class UnresolvedRef {
  constructor(readonly ref: string) {}
}

export function createValidator(
  schema: JsonSchema,
  formats: Readonly<Record<string, FormatCheck>> = {},
): SchemaValidator {
  // Everything derived from the schema is computed once per subschema, not once per value: the
  // bundled facts alone are thousands of values.
  const patterns = new Map<string, RegExp>();
  const patternOf = (source: string): RegExp => {
    let pattern = patterns.get(source);
    if (pattern === undefined) {
      pattern = new RegExp(source, 'u');
      patterns.set(source, pattern);
    }
    return pattern;
  };

  const resolved = new Map<JsonSchema, JsonSchema | UnresolvedRef>();
  const resolve = (subschema: JsonSchema): JsonSchema | UnresolvedRef => {
    let result = resolved.get(subschema);
    if (result === undefined) {
      result = resolveRef(schema, subschema);
      resolved.set(subschema, result);
    }
    return result;
  };

  const typesBySchema = new Map<JsonSchema, ValueType[] | null>();
  const typesOf = (subschema: JsonSchema): ValueType[] | null => {
    let types = typesBySchema.get(subschema);
    if (types === undefined) {
      types = expectedTypes(subschema);
      typesBySchema.set(subschema, types);
    }
    return types;
  };

  return {
    validate(root, locate, limit) {
      const errors: SchemaError[] = [];
      // The path of the value being checked, copied only into an error.
      const path: Array<string | number | NonStringKey> = [];
      /** An error at the value (or key) being checked, shown under its first `shownDepth` path segments. */
      const report = (
        part: 'key' | 'value',
        message: string | ((location: ValueLocation) => string),
        shownDepth = path.length,
      ): void => {
        if (errors.length >= limit) return;
        const location = locate([...path], part);
        const text = typeof message === 'string' ? message : message(location);
        errors.push({ line: location.line, path: dottedPath(path.slice(0, shownDepth)), message: text });
      };

      const check = (value: unknown, rawSchema: JsonSchema, part: 'key' | 'value'): void => {
        if (errors.length >= limit) return;
        const subschema = resolve(rawSchema);
        if (subschema instanceof UnresolvedRef) {
          report(part, `the schema refers to ${quote(subschema.ref)}, which it does not define`);
          return;
        }
        const actual = typeOf(value);
        const expected = typesOf(subschema);
        if (expected !== null && !typeMatches(actual, expected)) {
          const scalar = actual !== 'null' && !isCollection(value);
          report(part, (location) => {
            const hint = scalar && expected.includes('string')
              ? ` (put it in quotes: ${JSON.stringify(location.source ?? String(value))})`
              : '';
            return `expected ${expected.map((type) => TYPE_WORDS[type]).join(' or ')}, got ${foundWords(actual, location.source)}${hint}`;
          });
          return;
        }
        if (Array.isArray(subschema.enum) && !isCollection(value) && !subschema.enum.includes(value)) {
          const allowed = subschema.enum.map((option) => JSON.stringify(option));
          const suggestion = typeof value === 'string'
            ? didYouMean(value, subschema.enum.filter((option): option is string => typeof option === 'string'))
            : null;
          report(part, `${quote(String(value))} is not one of ${allowed.join(', ')}${suggestion ? ` (did you mean ${JSON.stringify(suggestion)}?)` : ''}`);
          return;
        }
        if (typeof value === 'string') {
          checkString(value, subschema, part);
        } else if (Array.isArray(value)) {
          checkSeq(value, subschema);
        } else if (isCollection(value)) {
          checkMap(value, subschema);
        }
      };

      const checkString = (value: string, subschema: JsonSchema, part: 'key' | 'value'): void => {
        const title = typeof subschema.title === 'string' ? subschema.title : null;
        if (typeof subschema.minLength === 'number' && value.length < subschema.minLength) {
          report(part, subschema.minLength === 1 ? 'must not be empty' : `must be at least ${subschema.minLength} characters long`);
          return;
        }
        if (typeof subschema.pattern === 'string' && !patternOf(subschema.pattern).test(value)) {
          report(part, title ? `${quote(value)} is not a valid ${title}` : `${quote(value)} does not match ${subschema.pattern}`);
          return;
        }
        if (typeof subschema.format === 'string') {
          const why = formats[subschema.format]?.(value) ?? null;
          if (why !== null) report(part, `${quote(value)} is not a valid ${title ?? subschema.format} (${why})`);
        }
      };

      const checkMap = (value: object, subschema: JsonSchema): void => {
        const properties = (subschema.properties ?? {}) as Record<string, JsonSchema>;
        const propertyNames = subschema.propertyNames as JsonSchema | undefined;
        const additional = subschema.additionalProperties as JsonSchema | boolean | undefined;
        const present = Array.isArray(subschema.required) ? new Set<string>() : null;
        let count = 0;
        const checkEntry = (rawKey: unknown, child: unknown): void => {
          const key = String(rawKey);
          present?.add(key);
          const declared = Object.hasOwn(properties, key) ? properties[key] : undefined;
          if (declared !== undefined) {
            check(child, declared, 'value');
            return;
          }
          if (additional === false) {
            const known = Object.keys(properties);
            const suggestion = didYouMean(key, known);
            report('key', `unknown key ${quote(key)} (${suggestion ? `did you mean ${JSON.stringify(suggestion)}?` : `expected one of: ${known.join(', ')}`})`, path.length - 1);
            return;
          }
          if (propertyNames !== undefined) {
            const before = errors.length;
            check(rawKey, propertyNames, 'key');
            if (errors.length > before) return;
          }
          if (typeof additional === 'object') check(child, additional, 'value');
        };
        const visit = (rawKey: unknown, child: unknown): void => {
          count += 1;
          path.push(typeof rawKey === 'string' ? rawKey : new NonStringKey(rawKey));
          checkEntry(rawKey, child);
          path.pop();
        };
        if (value instanceof Map) {
          for (const [rawKey, child] of value) if (errors.length < limit) visit(rawKey, child);
        } else {
          // Object.keys, not entries: no pair per key, and no iterator to destructure, which is
          // slow before the JIT has warmed up - and this runs once, cold, over thousands of keys.
          const record = value as Record<string, unknown>;
          for (const key of Object.keys(record)) if (errors.length < limit) visit(key, record[key]);
        }
        if (present !== null) {
          for (const key of subschema.required as unknown[]) {
            if (typeof key === 'string' && !present.has(key)) report('value', `missing required key ${JSON.stringify(key)}`);
          }
        }
        if (typeof subschema.minProperties === 'number' && count < subschema.minProperties) {
          report('value', `must have at least ${subschema.minProperties} ${subschema.minProperties === 1 ? 'entry' : 'entries'}`);
        }
      };

      const checkSeq = (value: unknown[], subschema: JsonSchema): void => {
        if (typeof subschema.minItems === 'number' && value.length < subschema.minItems) {
          const minItems = subschema.minItems;
          report('value', () => `must have at least ${minItems} ${minItems === 1 ? 'item' : 'items'}`);
          return;
        }
        const items = subschema.items as JsonSchema | undefined;
        if (items === undefined) return;
        value.forEach((item, index) => {
          path.push(index);
          check(item, items, 'value');
          path.pop();
        });
      };

      check(root, schema, 'value');
      return errors;
    },
  };
}

/** `subschema` with its `$ref` followed; a $ref's siblings (e.g. minProperties beside it) apply as well. */
function resolveRef(schema: JsonSchema, subschema: JsonSchema): JsonSchema | UnresolvedRef {
  const ref = subschema.$ref;
  if (typeof ref !== 'string') return subschema;
  const prefix = '#/$defs/';
  const defs = schema.$defs as Record<string, JsonSchema> | undefined;
  const target = ref.startsWith(prefix) && defs ? defs[ref.slice(prefix.length)] : undefined;
  if (target === undefined) return new UnresolvedRef(ref);
  const { $ref: _ref, ...siblings } = subschema;
  return { ...target, ...siblings };
}

/** A mapping or a list: anything typeOf does not call a scalar. */
function isCollection(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

// YAML 1.2's core schema integers; any other number it reads (`3.10`, `1e3`, `.inf`) is a float.
const YAML_INTEGER = /^[-+]?(?:[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;

/**
 * What a value is, in the words of the YAML it was written in: a number is an integer or a float by
 * how it is written, as YAML types it (`1e3` is the float 1000, though JSON Schema would call it an
 * integer). Without the text as written, by its value.
 */
function foundWords(actual: ValueType, source: string | undefined): string {
  if (actual !== 'integer' && actual !== 'number') return TYPE_WORDS[actual];
  const integer = source === undefined ? actual === 'integer' : YAML_INTEGER.test(source);
  return integer ? 'an integer' : 'a float';
}

function typeOf(value: unknown): ValueType {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'object':
      return 'object';
    case 'number':
      return Number.isInteger(value) ? 'integer' : 'number';
    case 'bigint':
      return 'integer';
    case 'boolean':
      return 'boolean';
    default:
      return 'string';
  }
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
