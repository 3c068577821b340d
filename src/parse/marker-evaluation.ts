// Evaluating PEP 508 markers as packaging's `Marker.evaluate` (>= 26) does, in a list of environments at
// once; one environment is the list of one.
//
// Why a list: the checks ask where a marker can hold among 240 sample environments, and a 5 MB marker
// of 166,666 comparisons took 16-18 s evaluated in them one at a time. A comparison reads one variable,
// so it is evaluated once for each distinct value of that variable among the environments, not once
// for each environment; its outcomes are sets of environments, as bits (environment e is bit e & 31
// of word e >> 5), combined for `and` and `or` a word at a time.

import { parseSpecifier, pythonRepr, specifierContains, type Specifier } from '../pep440/specifier.js';
import { canonicalName } from '../model.js';
import type { Marker, MarkerComparison, MarkerNode } from './marker.js';

/** The values markers compare with; what `packaging.markers.default_environment()` returns, plus PEP 751's sets. */
export interface MarkerEnvironment {
  implementation_name: string;
  implementation_version: string;
  os_name: string;
  platform_machine: string;
  platform_release: string;
  platform_system: string;
  platform_version: string;
  python_full_version: string;
  platform_python_implementation: string;
  python_version: string;
  sys_platform: string;
  extras: readonly string[];
  dependency_groups: readonly string[];
}

/** What packaging's `Marker.evaluate` gives: true or false, or why it raises (a variable missing, `~=` on non-versions). */
export type MarkerEvaluation = { ok: true; value: boolean } | { ok: false; message: string };

/**
 * `Marker.evaluate(environment)` for a requirement being installed with extra `extra` (none: "").
 * Where packaging raises, the result says why.
 */
export function evaluateMarker(marker: Marker, environment: Partial<MarkerEnvironment>, extra = ''): MarkerEvaluation {
  return new MarkerEnvironments([environment], extra).evaluate(marker)[0] as MarkerEvaluation;
}

type EnvValue = string | readonly string[];

/** One value a variable takes among the environments, and the environments where it does. */
interface SharedValue {
  readonly value: EnvValue | undefined;
  readonly where: Uint32Array;
}

/** A fixed list of environments that markers are evaluated in, all at once. */
export class MarkerEnvironments {
  private readonly words: number;
  /** Every environment. */
  private readonly everywhere: Uint32Array;
  /** The distinct values of each variable looked up so far. */
  private readonly valuesOf = new Map<string, readonly SharedValue[]>();
  private readonly extra: string;

  /** `extra`: the extra the requirement is installed with, in every environment (none: ""). */
  constructor(
    private readonly environments: ReadonlyArray<Partial<MarkerEnvironment>>,
    extra = '',
  ) {
    this.words = (environments.length + 31) >>> 5;
    this.everywhere = new Uint32Array(this.words);
    for (let environment = 0; environment < environments.length; environment++) setBit(this.everywhere, environment);
    this.extra = extra ? canonicalName(extra) : '';
  }

  /** What the marker gives in each environment, in their order. */
  evaluate(marker: Marker): MarkerEvaluation[] {
    const raised = new Raised(this.environments.length);
    const holds = this.whereTrue(marker, raised);
    return this.environments.map((_, environment) => {
      const message = raised.messages[environment];
      return message !== undefined ? { ok: false, message } : { ok: true, value: hasBit(holds, environment) };
    });
  }

  /**
   * Where the node is true. As packaging does, every comparison is evaluated (an error anywhere
   * raises) before `and` and `or` combine them, `and` binding tighter.
   */
  private whereTrue(node: MarkerNode, raised: Raised): Uint32Array {
    if (node.type === 'comparison') return this.whereComparisonTrue(node, raised);
    const { words } = this;
    // Where some finished run of items joined by `and` holds, and where the current run does.
    const anyRun = new Uint32Array(words);
    const run = this.everywhere.slice();
    for (let index = 0; index < node.items.length; index++) {
      if (index > 0 && node.joins[index - 1] === 'or') {
        for (let word = 0; word < words; word++) anyRun[word] = (anyRun[word] as number) | (run[word] as number);
        run.set(this.everywhere);
      }
      const holds = this.whereTrue(node.items[index] as MarkerNode, raised);
      for (let word = 0; word < words; word++) run[word] = (run[word] as number) & (holds[word] as number);
    }
    for (let word = 0; word < words; word++) run[word] = (run[word] as number) | (anyRun[word] as number);
    return run;
  }

  private whereComparisonTrue(comparison: MarkerComparison, raised: Raised): Uint32Array {
    const holds = new Uint32Array(this.words);
    for (const { value, where } of this.distinctValues(lookedUp(comparison))) {
      const result = compare(comparison, value);
      if (result === true) {
        for (let word = 0; word < where.length; word++) holds[word] = (holds[word] as number) | (where[word] as number);
      } else if (result !== false) {
        raised.note(where, result);
      }
    }
    return holds;
  }

  private distinctValues(variable: string): readonly SharedValue[] {
    let values = this.valuesOf.get(variable);
    if (values === undefined) {
      const byValue = new Map<string, SharedValue>();
      this.environments.forEach((environment, index) => {
        const value = lookup(environment, this.extra, variable);
        // compare() reads nothing else of an environment: equal values give equal outcomes.
        const id = value === undefined ? 'undefined' : typeof value === 'string' ? `string ${value}` : `set ${JSON.stringify(value)}`;
        let shared = byValue.get(id);
        if (shared === undefined) {
          shared = { value, where: new Uint32Array(this.words) };
          byValue.set(id, shared);
        }
        setBit(shared.where, index);
      });
      values = [...byValue.values()];
      this.valuesOf.set(variable, values);
    }
    return values;
  }
}

/** Where evaluation raised so far, with the message of the first comparison that raised in each environment. */
class Raised {
  readonly messages: (string | undefined)[];
  private readonly where: Uint32Array;

  constructor(environments: number) {
    this.messages = new Array<string | undefined>(environments);
    this.where = new Uint32Array((environments + 31) >>> 5);
  }

  note(where: Uint32Array, message: string): void {
    for (let word = 0; word < where.length; word++) {
      const fresh = (where[word] as number) & ~(this.where[word] as number);
      if (fresh === 0) continue;
      this.where[word] = (this.where[word] as number) | fresh;
      for (let bit = 0; bit < 32; bit++) if ((fresh & (1 << bit)) !== 0) this.messages[word * 32 + bit] = message;
    }
  }
}

function setBit(bits: Uint32Array, index: number): void {
  bits[index >>> 5] = (bits[index >>> 5] as number) | (1 << (index & 31));
}

function hasBit(bits: Uint32Array, index: number): boolean {
  return ((bits[index >>> 5] as number) & (1 << (index & 31))) !== 0;
}

// packaging compares as PEP 440 versions only for these variables, and only when operator and
// value read as a specifier (`>=3.8`). Otherwise values compare as strings, and for strings `<`
// and `>` are never true, `<=` and `>=` mean `==`, and `~=` and `===` raise.
const VERSION_KEYS = new Set(['implementation_version', 'platform_release', 'python_full_version', 'python_version']);

function lookup(env: Partial<MarkerEnvironment>, extra: string, key: string): EnvValue | undefined {
  if (key === 'extra') return extra;
  if (!Object.prototype.hasOwnProperty.call(env, key)) return undefined;
  const value = (env as Record<string, unknown>)[key];
  if (typeof value === 'string') {
    // packaging repairs what platform.python_version() reports for untagged builds.
    return key === 'python_full_version' && value.endsWith('+') ? value + 'local' : value;
  }
  return Array.isArray(value) ? (value as readonly string[]) : undefined;
}

function setRepr(values: readonly string[]): string {
  return values.length === 0 ? 'frozenset()' : `{${values.map(pythonRepr).join(', ')}}`;
}

// The specifier `python_version >= "3.8"` compares with, read once per comparison.
const specifiers = new WeakMap<MarkerComparison, Specifier | null>();

function specifierOf(c: MarkerComparison, rhs: string): Specifier | null {
  let spec = specifiers.get(c);
  if (spec === undefined) {
    spec = parseSpecifier(c.op + rhs);
    specifiers.set(c, spec);
  }
  return spec;
}

/**
 * What a comparison looks up, as packaging does: a variable on the left, whose right side is taken as
 * written; otherwise the right side names it (even when it is a quoted string). The one thing it reads
 * of the environment.
 */
function lookedUp(c: MarkerComparison): string {
  return c.lhs.kind === 'variable' ? c.lhs.value : c.rhs.value;
}

/** The comparison, where the variable it looks up has `found`: true, false, or why packaging raises. */
function compare(c: MarkerComparison, found: EnvValue | undefined): boolean | string {
  const key = lookedUp(c);
  let lhs: EnvValue | undefined;
  let rhs: EnvValue | undefined;
  if (c.lhs.kind === 'variable') {
    lhs = found;
    rhs = c.rhs.value;
  } else {
    lhs = c.lhs.value;
    rhs = found;
  }
  if (lhs === undefined || rhs === undefined) return `Marker variable ${pythonRepr(key)} is not defined in the environment`;
  if (typeof lhs !== 'string') {
    return `Marker variable ${pythonRepr(key)} holds a set and cannot be compared on the left of ${c.op}`;
  }
  if (key === 'extras' || key === 'dependency_groups') {
    lhs = canonicalName(lhs);
    rhs = typeof rhs === 'string' ? canonicalName(rhs) : rhs.map(canonicalName);
  }
  if (VERSION_KEYS.has(key) && typeof rhs === 'string') {
    const spec = c.lhs.kind === 'variable' ? specifierOf(c, rhs) : parseSpecifier(c.op + rhs);
    if (spec !== null) return specifierContains(spec, lhs, { prereleases: true });
  }
  switch (c.op) {
    case 'in':
      return rhs.includes(lhs);
    case 'not in':
      return !rhs.includes(lhs);
    case '<':
    case '>':
      return false;
    case '<=':
    case '==':
    case '>=':
      return lhs === rhs;
    case '!=':
      return lhs !== rhs;
    default: {
      const shown = typeof rhs === 'string' ? pythonRepr(rhs) : setRepr(rhs);
      return `Undefined <Op(${pythonRepr(c.op)})> on ${pythonRepr(lhs)} and ${shown}.`;
    }
  }
}
