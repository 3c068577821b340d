// GitHub workflows: `docker/build-push-action` steps (`context`, `file`, `build-args`) and `run:`
// steps with `docker build` lines, once per combination of the job's `strategy.matrix` (the product
// of its lists, less `exclude`, with `include` as GitHub applies it). `${{ matrix.x }}` and
// `${{ env.X }}` (a workflow, job or step `env:` entry, itself made of literals and matrix values)
// take their values, and so do `$X` and `${X}` in a `run:` script when `env:` sets X; any other
// expression is unknown. A value's origins are the matrix entry and the `env:` line it went through.

import type { Node } from 'yaml';
import { isMap, isScalar, isSeq } from 'yaml';
import { dockerfileInContext, inRepository } from './paths.js';
import { readBuildScript } from './script.js';
import type { BuildArg, BuildDefinition, BuildDefinitionsRead, DefinitionFiles, Origin } from './types.js';
import { lineOf, mapEntries, mapGet, readYaml, resolved, scalarText, seqItems, type YamlFile } from './yaml-nodes.js';

/** GitHub runs at most 256 jobs per matrix; a bigger product is cut there. */
const MAX_COMBINATIONS = 256;
/** Stands for an expression whose value is not known, inside text handed on to the script reader. */
const UNKNOWN = '\u0001unknown\u0001';

interface MatrixEntry {
  node: Node;
  origin: Origin;
}
type Combination = Map<string, MatrixEntry>;

interface StepScope {
  workflow: YamlFile;
  /** The workflow's text, to find where a folded `build-args` value's lines are written. */
  text: string;
  path: string;
  /** null: the matrix is an expression (`fromJSON(...)`), so no `matrix.x` is known. */
  combination: Combination | null;
  /**
   * Every key the combination could have is known (no list or `include` of the matrix is an
   * expression): a `matrix.x` it lacks is then null, which GitHub writes as an empty string.
   */
  matrixKnown: boolean;
  env: Map<string, EnvEntry>;
}

/** An `env:` entry as written (expressions in it are resolved per matrix combination). */
interface EnvEntry {
  text: string | null;
  line: number;
}

export function readWorkflow(path: string, text: string, files: DefinitionFiles): BuildDefinitionsRead {
  const read: BuildDefinitionsRead = { builds: [], images: [], notes: [] };
  const parsed = readYaml(text);
  if (!parsed.ok) {
    read.notes.push({ file: path, line: parsed.line, message: `not read as a workflow: ${parsed.message}` });
    return read;
  }
  const workflow = parsed.file;
  const root = workflow.doc.contents;
  const workflowEnv = literalEnv(workflow, mapGet(workflow, root, 'env'), new Map());
  for (const [jobId, , job] of mapEntries(workflow, mapGet(workflow, root, 'jobs'))) {
    const matrixNode = mapGet(workflow, mapGet(workflow, job, 'strategy'), 'matrix');
    const combinations = matrixNode === null ? [new Map()] : isMap(matrixNode) ? matrixCombinations(workflow, path, matrixNode) : [null];
    // `cuda: ${{ fromJSON(...) }}` or `include: ${{ ... }}` may bring keys no combination shows here.
    const matrixKnown =
      matrixNode === null || (isMap(matrixNode) && mapEntries(workflow, matrixNode).every(([, , value]) => value === null || isSeq(value)));
    const jobEnv = literalEnv(workflow, mapGet(workflow, job, 'env'), workflowEnv);
    for (const step of seqItems(workflow, mapGet(workflow, job, 'steps'))) {
      for (const combination of combinations) {
        const scope: StepScope = {
          workflow,
          text,
          path,
          combination,
          matrixKnown,
          env: literalEnv(workflow, mapGet(workflow, step, 'env'), jobEnv),
        };
        // A combination the job's or the step's `if:` may leave out is not a build we can vouch for.
        if (!mayRun(scope, mapGet(workflow, job, 'if')) || !mayRun(scope, mapGet(workflow, step, 'if'))) continue;
        const source = `${path} ${combination !== null && combination.size > 0 ? 'matrix' : 'job'} ${jobId}`;
        for (const build of stepBuilds(scope, step, files)) read.builds.push({ ...build, source });
      }
    }
  }
  return read;
}

/**
 * Whether an `if:` lets this combination run, as far as the matrix decides it: `matrix.x == 'v'` and
 * `!=` clauses joined by `&&` are evaluated; other clauses that name the matrix (`||`, functions,
 * parentheses) make it unknown, which counts as not running. Clauses about anything else (the event,
 * the branch) are taken to hold: the build is one the project defines.
 */
function mayRun(scope: StepScope, condition: Node | null): boolean {
  const written = scalarText(scope.workflow, condition);
  if (written === null || !written.includes('matrix')) return true;
  const expression = written.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  if (/\|\||[()]/.test(expression)) return false;
  return expression.split('&&').every((clause) => {
    if (!clause.includes('matrix')) return true;
    const comparison = /^\s*matrix((?:\.[A-Za-z0-9_-]+)+)\s*(==|!=)\s*(?:'([^']*)'|"([^"]*)"|([A-Za-z0-9_.-]+))\s*$/.exec(clause);
    if (comparison === null) return false;
    const value = expressionValue(`matrix${comparison[1] as string}`, scope, []);
    if (value === UNKNOWN) return false;
    const literal = comparison[3] ?? comparison[4] ?? comparison[5] ?? '';
    // GitHub compares strings without regard to case.
    return (value.toLowerCase() === literal.toLowerCase()) === (comparison[2] === '==');
  });
}

/** `env:` entries over the inherited ones (a step's over its job's over the workflow's). */
function literalEnv(workflow: YamlFile, node: Node | null, inherited: Map<string, EnvEntry>): Map<string, EnvEntry> {
  const env = new Map(inherited);
  for (const [name, key, value] of mapEntries(workflow, node))
    env.set(name, { text: scalarText(workflow, value), line: lineOf(workflow, value ?? key) });
  return env;
}

function matrixCombinations(workflow: YamlFile, path: string, matrix: Node): Combination[] {
  const entry = (node: Node): MatrixEntry => ({ node, origin: { file: path, line: lineOf(workflow, node) } });
  const lists: Array<[string, MatrixEntry[]]> = [];
  for (const [key, , value] of mapEntries(workflow, matrix)) {
    if (key === 'include' || key === 'exclude' || value === null) continue;
    lists.push([key, seqItems(workflow, value).map(entry)]);
  }
  let combinations: Combination[] = lists.length === 0 ? [] : [new Map()];
  for (const [key, entries] of lists) {
    combinations = combinations
      .flatMap((combination) => entries.map((value) => new Map(combination).set(key, value)))
      .slice(0, MAX_COMBINATIONS);
  }
  const excludes = seqItems(workflow, mapGet(workflow, matrix, 'exclude')).map((item) => objectEntries(workflow, item, entry));
  combinations = combinations.filter(
    (combination) =>
      !excludes.some(
        (exclude) => exclude.size > 0 && [...exclude].every(([key, value]) => sameValue(workflow, combination.get(key), value)),
      ),
  );
  const originalKeys = new Set(lists.map(([key]) => key));
  const originals = [...combinations];
  for (const item of seqItems(workflow, mapGet(workflow, matrix, 'include'))) {
    const include = objectEntries(workflow, item, entry);
    let added = false;
    for (const combination of originals) {
      // An include joins every original combination whose original values it does not change.
      if ([...include].every(([key, value]) => !originalKeys.has(key) || sameValue(workflow, combination.get(key), value))) {
        for (const [key, value] of include) combination.set(key, value);
        added = true;
      }
    }
    if (!added && combinations.length < MAX_COMBINATIONS) combinations.push(new Map(include));
  }
  return combinations;
}

function objectEntries(workflow: YamlFile, node: Node, entry: (node: Node) => MatrixEntry): Combination {
  return new Map(
    mapEntries(workflow, node).flatMap(([key, , value]) => (value === null ? [] : [[key, entry(value)] as [string, MatrixEntry]])),
  );
}

/** Whether two matrix values are equal, as GitHub compares them; values that alias too much never are. */
function sameValue(workflow: YamlFile, a: MatrixEntry | undefined, b: MatrixEntry): boolean {
  if (a === undefined) return false;
  try {
    const json = (entry: MatrixEntry): string => JSON.stringify(entry.node.toJS(workflow.doc, { maxAliasCount: 100 }));
    return json(a) === json(b);
  } catch {
    return false;
  }
}

function stepBuilds(scope: StepScope, step: Node, files: DefinitionFiles): Array<Omit<BuildDefinition, 'source'>> {
  const { workflow } = scope;
  const uses = scalarText(workflow, mapGet(workflow, step, 'uses'));
  if (uses !== null && /^docker\/build-push-action@/.test(uses)) {
    const build = buildPushAction(scope, mapGet(workflow, step, 'with'));
    return build === null ? [] : [build];
  }
  const run = resolved(workflow, mapGet(workflow, step, 'run'));
  const script = scalarText(workflow, run);
  if (run === null || script === null || !/\bdocker\b/.test(script)) return [];
  const substituted = shellVariables(substitute(script, scope, []).text, scope, []);
  // A block scalar's text starts on the line after its `|` or `>`.
  const block = isScalar(run) && (run.type === 'BLOCK_LITERAL' || run.type === 'BLOCK_FOLDED');
  const firstLine = lineOf(workflow, run) + (block ? 1 : 0);
  const builds = readBuildScript(
    substituted,
    { file: scope.path, firstLine, folder: workingDirectory(scope, step), unknownMarker: UNKNOWN },
    files,
  );
  return builds.map((build) => ({ dockerfile: build.dockerfile, args: build.args.map((arg) => withMatrixOrigins(arg, script, scope)) }));
}

function workingDirectory(scope: StepScope, step: Node): string {
  const written = scalarText(scope.workflow, mapGet(scope.workflow, step, 'working-directory'));
  return (written === null || written.includes('${{') ? null : inRepository(written)) ?? '';
}

/** A `run:` build arg's origin gains the matrix entries its line's expressions name. */
function withMatrixOrigins(arg: BuildArg, script: string, scope: StepScope): BuildArg {
  // The argument's word: `NAME=` up to the first blank outside a `${{ }}`.
  const word = new RegExp(`--build-arg[= ]+["']?${escapeRegExp(arg.name)}=((?:\\$\\{\\{[^}]*\\}\\}|\\S)*)`).exec(script);
  if (word === null) return arg;
  const origins: Origin[] = [];
  shellVariables(substitute(word[1] as string, scope, origins).text, scope, origins);
  return { ...arg, origins: [...origins, ...arg.origins] };
}

function buildPushAction(scope: StepScope, inputs: Node | null): Omit<BuildDefinition, 'source'> | null {
  const { workflow } = scope;
  const text = (name: string): string | null => {
    const value = scalarText(workflow, mapGet(workflow, inputs, name));
    return value === null ? null : substitute(value, scope, []).text;
  };
  const context = text('context') ?? '.';
  const file = text('file');
  if (context.includes(UNKNOWN) || file?.includes(UNKNOWN)) return null;
  // `file` is relative to the workspace, not to the context (unlike compose's `dockerfile`).
  const dockerfile = file === null ? dockerfileInContext('', context, null) : inRepository(file);
  if (dockerfile === null) return null;
  const argsNode = resolved(workflow, mapGet(workflow, inputs, 'build-args'));
  const written = scalarText(workflow, argsNode);
  const args: BuildArg[] = [];
  if (argsNode !== null && written !== null) {
    const block = isScalar(argsNode) && (argsNode.type === 'BLOCK_LITERAL' || argsNode.type === 'BLOCK_FOLDED');
    const folded = isScalar(argsNode) && argsNode.type === 'BLOCK_FOLDED';
    const first = lineOf(workflow, argsNode) + (block ? 1 : 0);
    // The action takes each line of the value as one build argument (commas included).
    written.split('\n').forEach((line, index) => {
      const trimmed = line.trim();
      const equals = trimmed.indexOf('=');
      if (equals <= 0) return;
      const name = trimmed.slice(0, equals);
      const origins: Origin[] = [];
      const value = substitute(trimmed.slice(equals + 1), scope, origins).text;
      // `>` joins lines into one: `A=1 B=2` is then one argument whose value is not what the author meant to pass.
      const joined = folded && /\s[A-Za-z_][A-Za-z0-9_]*=/.test(value);
      args.push({
        name,
        value: value.includes(UNKNOWN) || joined ? null : value.replace(/^(["'])(.*)\1$/, '$2'),
        origins: [...origins, { file: scope.path, line: folded ? foldedLine(scope, argsNode, name, first) : first + index }],
      });
    });
  }
  return { dockerfile, args };
}

/** The line where `NAME=` starts in a folded scalar's text (its value's lines no longer match the text's). */
function foldedLine(scope: StepScope, node: Node, name: string, first: number): number {
  const range = node.range;
  if (range === undefined || range === null) return first;
  const lines = scope.text.slice(range[0], range[1]).split('\n');
  const at = lines.findIndex((line, index) => index > 0 && line.trimStart().startsWith(`${name}=`));
  return at < 0 ? first : first + at - 1;
}

/**
 * `$X` and `${X}` in a `run:` script, for the X that `env:` sets (the shell could set X again; scripts
 * that build images rarely do). Other variables stay as written, and make their word unknown.
 */
function shellVariables(script: string, scope: StepScope, origins: Origin[]): string {
  return script.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (whole, braced: string | undefined, plain: string | undefined) => {
      const entry = scope.env.get((braced ?? plain) as string);
      return entry === undefined ? whole : envValue(entry, scope, origins);
    },
  );
}

/** An `env:` entry's value with its expressions resolved (`env.*` in it is not looked up again). */
function envValue(entry: EnvEntry, scope: StepScope, origins: Origin[]): string {
  if (entry.text === null) return UNKNOWN;
  const used: Origin[] = [];
  const value = substitute(entry.text, { ...scope, env: new Map() }, used).text;
  origins.push(...used, { file: scope.path, line: entry.line });
  return value;
}

/** The text with each `${{ ... }}` replaced by its value, or by the unknown marker. */
function substitute(text: string, scope: StepScope, origins: Origin[]): { text: string } {
  return { text: replaceExpressions(text, (written) => expressionValue(written.trim(), scope, origins)) };
}

/**
 * `text` with `replace` applied to the inside of each `${{ ... }}`. A scan, not a lazy regular
 * expression: thousands of unclosed `${{` would make that one quadratic.
 */
function replaceExpressions(text: string, replace: (inside: string) => string): string {
  let replaced = '';
  let at = 0;
  for (let open = text.indexOf('${{'); open >= 0; open = text.indexOf('${{', at)) {
    const close = text.indexOf('}}', open + 3);
    if (close < 0) break;
    replaced += text.slice(at, open) + replace(text.slice(open + 3, close));
    at = close + 2;
  }
  return replaced + text.slice(at);
}

function expressionValue(expression: string, scope: StepScope, origins: Origin[]): string {
  const matrixPath = /^matrix((?:\.[A-Za-z0-9_-]+)+)$/.exec(expression);
  if (matrixPath) {
    const [key, ...rest] = (matrixPath[1] as string).slice(1).split('.');
    const entry = scope.combination?.get(key as string);
    // GitHub gives null for a key this combination lacks, and writes null as an empty string.
    if (entry === undefined) return scope.combination !== null && scope.matrixKnown ? '' : UNKNOWN;
    let node: Node | null = entry.node;
    for (const part of rest) {
      const parent = resolved(scope.workflow, node);
      node = mapGet(scope.workflow, parent, part);
      if (node === null) return isMap(parent) ? '' : UNKNOWN;
    }
    const value = scalarText(scope.workflow, node);
    if (value === null) return UNKNOWN;
    origins.push(rest.length > 0 && node !== null ? { file: scope.path, line: lineOf(scope.workflow, node) } : entry.origin);
    return value;
  }
  const envName = /^env\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(expression);
  const entry = envName === null ? undefined : scope.env.get(envName[1] as string);
  return entry === undefined ? UNKNOWN : envValue(entry, scope, origins);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
