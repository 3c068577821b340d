// pyproject.toml: the requirements it declares (PEP 621 project tables, PEP 735 dependency groups,
// build-system requires, Poetry's own tables) and the interpreter it asks for, each at the line and
// column where it is written, as `readToml` (./toml.ts) gives them.

import {
  canonicalName,
  emptyFile,
  factPosition,
  type Diagnostic,
  type IndexFact,
  type ParsedFile,
  type Requirement,
  type Severity,
  type Span,
} from '../model.js';
import { parseSpecifierSet } from '../pep440/specifier.js';
import { cudaFromIndexUrl } from './pytorch-index.js';
import { parseRequirement, tooManyClauses, type ParsedRequirement } from './requirement.js';
import { quoteInput, redactUrl } from './requirements/display.js';
import { normaliseExtras } from './requirements/requirement-forms.js';
import { isTable, readToml, type KeyPath, type TomlDocument, type TomlPlace, type TomlTable, type TomlValue } from './toml.js';

export interface PyprojectResult {
  file: ParsedFile;
  diagnostics: Diagnostic[];
}

export function parsePyproject(path: string, text: string): PyprojectResult {
  const file: ParsedFile = { ...emptyFile(path, 'pyproject'), requiresPython: null };
  const read = readToml(text);
  if (!read.ok) {
    const { message, line, column } = read.error;
    return {
      file,
      diagnostics: [{ file: path, line, column, severity: 'error', message: `invalid TOML: ${message}; pyproject.toml not read` }],
    };
  }
  const reader = new PyprojectReader(path, file, text, read.document);
  reader.read(read.document.root);
  const diagnostics = reader.diagnostics.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
  return { file, diagnostics };
}

// ---------------------------------------------------------------------------------------------

class PyprojectReader {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly path: string,
    private readonly file: ParsedFile,
    private readonly text: string,
    private readonly document: TomlDocument,
  ) {}

  read(root: TomlTable): void {
    const project = this.table(root, ['project']);
    if (project) {
      this.readPep508Array(project['dependencies'], ['project', 'dependencies']);
      const optional = this.table(project, ['project', 'optional-dependencies']);
      for (const [extra, entries] of Object.entries(optional ?? {}))
        this.readPep508Array(entries, ['project', 'optional-dependencies', extra]);
      this.readRequiresPython(project['requires-python']);
    }
    this.readDependencyGroups(this.table(root, ['dependency-groups']));
    const buildSystem = this.table(root, ['build-system']);
    if (buildSystem) this.readPep508Array(buildSystem['requires'], ['build-system', 'requires']);
    const tool = this.table(root, ['tool']);
    const poetry = tool && this.table(tool, ['tool', 'poetry']);
    if (poetry) this.readPoetry(poetry);
    const uv = tool && this.table(tool, ['tool', 'uv']);
    this.readIndexes(poetry, uv);
  }

  /** `value` at `path` as a table; a diagnostic and null when it is something else. */
  private table(parent: TomlTable, path: KeyPath): TomlTable | null {
    const value = parent[path[path.length - 1] as string];
    if (value === undefined) return null;
    if (isTable(value)) return value;
    this.wrongType(path, value, 'a table');
    return null;
  }

  private readPep508Array(value: TomlValue | undefined, path: KeyPath): void {
    if (value === undefined) return;
    if (!Array.isArray(value)) {
      this.wrongType(path, value, 'an array of PEP 508 strings');
      return;
    }
    value.forEach((entry, index) => {
      if (typeof entry === 'string') this.addPep508(entry, [...path, index], groupName(path));
      else this.wrongType([...path, index], entry, 'a PEP 508 string');
    });
  }

  private addPep508(text: string, path: KeyPath, group: string): void {
    const parsed = parseRequirement(text);
    const span = this.content(path);
    if (!parsed.ok) {
      const at = this.document.position(span.exact ? span.start + parsed.offset : span.start);
      this.report(at, 'error', `Invalid requirement ${quoteInput(text)} in ${group}: ${parsed.message}`);
      return;
    }
    const unchecked = tooManyClauses(parsed.name, parsed.specifier);
    if (unchecked !== null) {
      this.report(this.document.position(span.start), 'warning', `${unchecked} (in ${group})`);
      return;
    }
    this.file.requirements.push(this.requirement(parsed, this.spanOf(span), group, false));
  }

  private requirement(parsed: ParsedRequirement, span: Span, group: string, editable: boolean): Requirement {
    return {
      name: parsed.name,
      key: canonicalName(parsed.name),
      extras: normaliseExtras(parsed.extras),
      specifier: parsed.specifier,
      marker: parsed.marker,
      url: parsed.url === null ? null : redactUrl(parsed.url),
      editable,
      constraint: false,
      ...span,
      group,
    };
  }

  private readRequiresPython(value: TomlValue | undefined): void {
    if (value === undefined) return;
    if (typeof value !== 'string') {
      this.wrongType(['project', 'requires-python'], value, 'a PEP 440 specifier string');
      return;
    }
    this.setRequiresPython(value, ['project', 'requires-python'], 'project.requires-python');
  }

  private setRequiresPython(specifier: string, path: KeyPath, where: string): void {
    const span = this.content(path);
    const checked = parseSpecifierSet(specifier);
    if (!checked.ok) {
      this.report(
        this.document.position(span.start),
        'error',
        `${where} ${quoteInput(specifier)} is not a PEP 440 specifier: ${checked.message}`,
      );
      return;
    }
    this.file.requiresPython = { specifier: specifier.replace(WHITESPACE, ''), ...factPosition(this.spanOf(span)) };
  }

  private readDependencyGroups(groups: TomlTable | null): void {
    if (!groups) return;
    // PEP 735: names compare normalised; includes must name a group; no cycles.
    const byKey = new Map<string, string>();
    for (const name of Object.keys(groups)) {
      const key = canonicalName(name);
      const earlier = byKey.get(key);
      if (earlier !== undefined)
        this.reportAt(['dependency-groups', name], 'error', `dependency group '${name}' has the same normalised name as '${earlier}'`);
      else byKey.set(key, name);
    }
    const includes = new Map<string, string[]>();
    for (const [name, entries] of Object.entries(groups)) {
      const path = ['dependency-groups', name];
      if (!Array.isArray(entries)) {
        this.wrongType(path, entries, 'an array of PEP 508 strings and {include-group = "..."} tables');
        continue;
      }
      const included: string[] = [];
      entries.forEach((entry, index) => {
        const entryPath = [...path, index];
        if (typeof entry === 'string') {
          this.addPep508(entry, entryPath, groupName(path));
        } else if (isTable(entry) && Object.keys(entry).length === 1 && entry['include-group'] !== undefined) {
          const target = entry['include-group'];
          if (typeof target !== 'string') this.wrongType([...entryPath, 'include-group'], target, "a string (a group's name)");
          else if (byKey.has(canonicalName(target))) included.push(byKey.get(canonicalName(target)) as string);
          else
            this.reportAt(
              [...entryPath, 'include-group'],
              'error',
              `dependency group '${name}' includes '${target}', which is not defined`,
            );
        } else {
          this.wrongType(entryPath, entry, 'a PEP 508 string or {include-group = "..."}');
        }
      });
      includes.set(name, included);
    }
    this.reportGroupCycles(includes);
  }

  private reportGroupCycles(includes: ReadonlyMap<string, readonly string[]>): void {
    const state = new Map<string, 'open' | 'done'>();
    for (const root of includes.keys()) {
      if (state.has(root)) continue;
      // Iterative depth-first search: group chains can be long.
      const stack: Array<{ name: string; next: number }> = [{ name: root, next: 0 }];
      state.set(root, 'open');
      while (stack.length > 0) {
        const top = stack[stack.length - 1] as { name: string; next: number };
        const targets = includes.get(top.name) ?? [];
        if (top.next >= targets.length) {
          state.set(top.name, 'done');
          stack.pop();
          continue;
        }
        const target = targets[top.next++] as string;
        if (state.get(target) === 'open') {
          const chain = [...stack.slice(stack.findIndex((frame) => frame.name === target)).map((frame) => frame.name), target];
          this.reportAt(['dependency-groups', top.name], 'error', `dependency groups include each other: ${chain.join(' -> ')}`);
        } else if (!state.has(target)) {
          state.set(target, 'open');
          stack.push({ name: target, next: 0 });
        }
      }
    }
  }

  private readPoetry(poetry: TomlTable): void {
    const tables: Array<[TomlTable, KeyPath]> = [];
    const main = this.table(poetry, ['tool', 'poetry', 'dependencies']);
    if (main) tables.push([main, ['tool', 'poetry', 'dependencies']]);
    const legacyDev = this.table(poetry, ['tool', 'poetry', 'dev-dependencies']);
    if (legacyDev) tables.push([legacyDev, ['tool', 'poetry', 'dev-dependencies']]);
    const groups = this.table(poetry, ['tool', 'poetry', 'group']);
    for (const [name, group] of Object.entries(groups ?? {})) {
      if (!isTable(group)) {
        this.wrongType(['tool', 'poetry', 'group', name], group, 'a table');
        continue;
      }
      const dependencies = this.table(group, ['tool', 'poetry', 'group', name, 'dependencies']);
      if (dependencies) tables.push([dependencies, ['tool', 'poetry', 'group', name, 'dependencies']]);
    }
    for (const [dependencies, path] of tables) {
      for (const [name, value] of Object.entries(dependencies)) {
        // poetry-core never reads `python` as a package: in the main dependencies it is the Python
        // constraint, and in a group or dev-dependencies it is passed over.
        if (name.toLowerCase() !== 'python') this.readPoetryDependency(name, value, [...path, name], groupName(path));
        else if (path.length === 3 && path[2] === 'dependencies') this.readPoetryPython(value, [...path, name]);
      }
    }
  }

  private readPoetryPython(value: TomlValue, path: KeyPath): void {
    if (typeof value !== 'string') {
      this.wrongType(path, value, 'a version constraint string');
      return;
    }
    const translated = poetryConstraintToPep440(value);
    if (!translated.ok) {
      this.reportAt(
        path,
        'notice',
        `tool.poetry.dependencies.python ${quoteInput(value)}: ${translated.message}; the Python version is not checked`,
      );
      return;
    }
    // PEP 621 requires-python wins: Poetry 2 reads it first too.
    if (!this.file.requiresPython) this.setRequiresPython(translated.specifier, path, 'tool.poetry.dependencies.python');
  }

  private readPoetryDependency(name: string, value: TomlValue, path: KeyPath, group: string): void {
    if (Array.isArray(value)) {
      // Multiple-constraint dependencies: one requirement per alternative, each with its own markers.
      value.forEach((entry, index) => {
        if (Array.isArray(entry)) this.wrongType([...path, index], entry, 'a version string or a table');
        else this.readPoetryDependency(name, entry, [...path, index], group);
      });
      return;
    }
    const spec = typeof value === 'string' ? { version: value } : isTable(value) ? value : null;
    if (spec === null) {
      this.wrongType(path, value, 'a version string, a table or an array of tables');
      return;
    }
    // Poetry refuses the whole file over a key of the wrong type; what the dependency means is unknown.
    if (!this.keysTyped(spec, path, POETRY_DEPENDENCY_KEYS)) return;
    const built = poetryRequirementText(name, spec);
    if (!built.ok) {
      this.reportAt(path, built.severity, `${group}.${tomlKey(name)}: ${built.message}`);
      if (built.severity === 'error') return;
    }
    const text = built.ok ? built.text : built.fallback;
    const parsed = parseRequirement(text);
    if (!parsed.ok) {
      this.reportAt(
        path,
        'error',
        `${group}.${tomlKey(name)}: reads as ${quoteInput(text)}, which is not a valid requirement: ${parsed.message}`,
      );
      return;
    }
    const unchecked = tooManyClauses(parsed.name, parsed.specifier);
    if (unchecked !== null) {
      this.reportAt(path, 'warning', `${group}.${unchecked}`);
      return;
    }
    // A Poetry dependency is its key and its value: `torch = { version = "2.1.2", source = "cu121" }`.
    const located = this.document.find(path);
    const start = located?.keyStart ?? located?.start ?? 0;
    this.file.requirements.push(
      this.requirement(parsed, this.spanOf({ start, end: located?.end ?? start + 1 }), group, spec['develop'] === true),
    );
  }

  /** Package indexes that name a CUDA build: Poetry's `[[tool.poetry.source]]` and uv's `[[tool.uv.index]]`. */
  private readIndexes(poetry: TomlTable | null, uv: TomlTable | null): void {
    const lists: Array<[TomlValue | undefined, KeyPath, KeyTypes, (entry: TomlTable) => boolean]> = [
      [
        poetry?.['source'],
        ['tool', 'poetry', 'source'],
        POETRY_SOURCE_KEYS,
        (entry) => entry['priority'] === 'primary' || entry['priority'] === 'default' || entry['default'] === true,
      ],
      [uv?.['index'], ['tool', 'uv', 'index'], UV_INDEX_KEYS, (entry) => entry['default'] === true],
    ];
    for (const [list, path, keys, isDefault] of lists) {
      if (list === undefined) continue;
      if (!Array.isArray(list)) {
        this.wrongType(path, list, 'an array of tables');
        continue;
      }
      list.forEach((entry, index) => {
        if (!isTable(entry)) {
          this.wrongType([...path, index], entry, 'a table');
          return;
        }
        // A source with no url (Poetry's PyPI, named only) names no index of its own.
        if (!this.keysTyped(entry, [...path, index], keys) || typeof entry['url'] !== 'string') return;
        const span = this.spanOf(this.content([...path, index, 'url']));
        const fact: IndexFact = {
          url: redactUrl(entry['url']),
          line: span.line,
          column: span.column,
          endColumn: span.endColumn,
          kind: isDefault(entry) ? 'index-url' : 'extra-index-url',
          cuda: cudaFromIndexUrl(entry['url']),
        };
        this.file.indexes.push(fact);
      });
    }
  }

  /** The characters of a string value inside its quotes (the whole value for anything else). */
  private content(path: KeyPath): TomlPlace & { exact: boolean } {
    const located = this.document.find(path);
    if (!located) return { start: 0, end: 1, exact: false };
    const quote = this.text[located.start];
    if ((quote === '"' || quote === "'") && this.text[located.start + 1] !== quote) {
      const inner = { start: located.start + 1, end: located.end - 1 };
      // Offsets inside map one to one onto the value: a one-line string without escapes.
      return { ...inner, exact: quote === "'" || !this.text.slice(inner.start, inner.end).includes('\\') };
    }
    return { start: located.start, end: located.end, exact: false };
  }

  private spanOf(span: { start: number; end: number }): Span {
    const start = this.document.position(span.start);
    const end = this.document.position(Math.max(span.start, span.end - 1));
    return { line: start.line, endLine: end.line, column: start.column, endColumn: end.column };
  }

  /** Whether each of `keys` that `table` has is of its type; a diagnostic for each that is not. */
  private keysTyped(table: TomlTable, path: KeyPath, keys: KeyTypes): boolean {
    let typed = true;
    for (const [key, type] of keys) {
      const value = table[key];
      if (value === undefined) continue;
      if (type === 'array of strings' && Array.isArray(value)) {
        value.forEach((entry, index) => {
          if (typeof entry === 'string') return;
          this.wrongType([...path, key, index], entry, 'a string');
          typed = false;
        });
      } else if (type === 'array of strings' || typeof value !== type) {
        this.wrongType([...path, key], value, type === 'array of strings' ? 'an array of strings' : `a ${type}`);
        typed = false;
      }
    }
    return typed;
  }

  private wrongType(path: KeyPath, value: TomlValue, expected: string): void {
    this.reportAt(path, 'error', `${dotted(path)} must be ${expected}, not ${describe(value)}`);
  }

  private reportAt(path: KeyPath, severity: Severity, message: string): void {
    const located = this.document.find(path);
    this.report(this.document.position(located?.keyStart ?? located?.start ?? 0), severity, message);
  }

  private report(at: { line: number; column: number }, severity: Severity, message: string): void {
    this.diagnostics.push({ file: this.path, line: at.line, column: at.column, severity, message });
  }
}

const WHITESPACE = /\s+/g;

/** The keys of a table that this reader takes, with the type each must have. */
type KeyTypes = ReadonlyArray<readonly [string, 'string' | 'boolean' | 'array of strings']>;

const POETRY_DEPENDENCY_KEYS: KeyTypes = [
  ['version', 'string'],
  ['extras', 'array of strings'],
  ['markers', 'string'],
  ['platform', 'string'],
  ['python', 'string'],
  ['git', 'string'],
  ['rev', 'string'],
  ['tag', 'string'],
  ['branch', 'string'],
  ['subdirectory', 'string'],
  ['url', 'string'],
  ['path', 'string'],
  ['develop', 'boolean'],
];
const POETRY_SOURCE_KEYS: KeyTypes = [
  ['url', 'string'],
  ['priority', 'string'],
  ['default', 'boolean'],
];
const UV_INDEX_KEYS: KeyTypes = [
  ['url', 'string'],
  ['default', 'boolean'],
];

/** What a value is, in TOML's words, with the value itself when it is a scalar. */
function describe(value: TomlValue): string {
  if (typeof value === 'string') return `a string (${quoteInput(value)})`;
  // Integers are read as BigInt, so every number is a float.
  if (typeof value === 'bigint') return `an integer (${value})`;
  if (typeof value === 'number') return `a float (${value})`;
  if (typeof value === 'boolean') return `a boolean (${value})`;
  if (Array.isArray(value)) return 'an array';
  if (isTable(value)) return 'a table';
  return value.kind === 'local-date' ? 'a date' : value.kind === 'local-time' ? 'a time' : 'a date-time';
}

/** `project.optional-dependencies.gpu`, `dependency-groups.dev[2]`. */
function dotted(path: KeyPath): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? tomlKey(part) : `.${tomlKey(part)}`)).join('');
}

/** A key as TOML writes it: bare where it can be, else quoted, so that `"zope.interface"` reads as one key. */
function tomlKey(key: string): string {
  return BARE_KEY.test(key) ? key : JSON.stringify(key);
}

const BARE_KEY = /^[A-Za-z0-9_-]+$/;

function groupName(path: KeyPath): string {
  return dotted(path.filter((part): part is string => typeof part === 'string'));
}

// ---------------------------------------------------------------------------------------------
// Poetry's version constraints (poetry-core's semver) in PEP 440 terms.

export type PoetryConstraint = { ok: true; specifier: string } | { ok: false; message: string };

const CONSTRAINT_OPERATORS = ['===', '==', '!=', '~=', '>=', '<=', '>', '<', '^', '~', '='];
const RELEASE = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/;
/** `3`, `3.10`, `3.10.*`: what `python_version` holds; anything finer is `python_full_version`. */
const MINOR_VERSION = /^\d+(\.\d+)?(\.\*)?$/;

/**
 * `^1.2.3` -> `>=1.2.3,<2.0.0`, `^0.2.3` -> `>=0.2.3,<0.3.0`, `^0.0.3` -> `>=0.0.3,<0.0.4`,
 * `~1.2.3` -> `>=1.2.3,<1.3.0`, `1.2.*` -> `==1.2.*`, `*` -> ``, `1.2.3` -> `==1.2.3`,
 * `>=1.2,<1.5` and `>=1.2 <1.5` as they are. `||` alternatives have no PEP 440 form.
 */
export function poetryConstraintToPep440(constraint: string): PoetryConstraint {
  const text = constraint.trim();
  if (text.includes('|')) return { ok: false, message: 'alternatives (||) have no PEP 440 equivalent' };
  const clauses: string[] = [];
  let at = 0;
  while (at < text.length) {
    while (at < text.length && (text[at] === ',' || text[at] === ' ' || text[at] === '\t')) at++;
    if (at >= text.length) break;
    const operator = CONSTRAINT_OPERATORS.find((candidate) => text.startsWith(candidate, at)) ?? '';
    at += operator.length;
    while (at < text.length && (text[at] === ' ' || text[at] === '\t')) at++;
    const start = at;
    while (at < text.length && text[at] !== ',' && text[at] !== ' ' && text[at] !== '\t') at++;
    const version = text.slice(start, at);
    if (version === '') return { ok: false, message: `${operator || 'a constraint'} without a version` };
    const clause = translateClause(operator, version);
    if (!clause.ok) return clause;
    if (clause.specifier !== '') clauses.push(clause.specifier);
  }
  return { ok: true, specifier: clauses.join(',') };
}

function translateClause(operator: string, version: string): PoetryConstraint {
  if (operator === '^' || operator === '~') {
    const release = RELEASE.exec(version);
    if (!release) return { ok: false, message: `${operator}${version} is not a version Poetry reads` };
    const major = Number(release[1]);
    const minor = release[2] === undefined ? undefined : Number(release[2]);
    const patch = release[3] === undefined ? undefined : Number(release[3]);
    let upper: string;
    if (operator === '~') upper = minor === undefined ? `${major + 1}.0.0` : `${major}.${minor + 1}.0`;
    else if (major > 0 || minor === undefined) upper = `${major + 1}.0.0`;
    else if (minor > 0 || patch === undefined) upper = `0.${minor + 1}.0`;
    else upper = `0.0.${patch + 1}`;
    return { ok: true, specifier: `>=${version},<${upper}` };
  }
  if (operator === '' && version === '*') return { ok: true, specifier: '' };
  if (operator === '' || operator === '=') return { ok: true, specifier: `==${version}` };
  return { ok: true, specifier: `${operator}${version}` };
}

type PoetryText = { ok: true; text: string } | { ok: false; severity: Severity; message: string; fallback: string };

/** The PEP 508 requirement a Poetry dependency table means; the reader has checked the types of its keys. */
function poetryRequirementText(name: string, spec: TomlTable): PoetryText {
  const extras = Array.isArray(spec['extras']) ? spec['extras'].filter((extra): extra is string => typeof extra === 'string') : [];
  const head = extras.length > 0 ? `${name}[${extras.join(',')}]` : name;
  const markers: string[] = [];
  if (typeof spec['markers'] === 'string') markers.push(spec['markers']);
  if (typeof spec['platform'] === 'string') markers.push(`sys_platform == "${spec['platform']}"`);
  if (typeof spec['python'] === 'string') {
    const python = poetryConstraintToPep440(spec['python']);
    if (!python.ok)
      return { ok: false, severity: 'error', message: `python = ${quoteInput(spec['python'])}: ${python.message}`, fallback: head };
    markers.push(...pythonMarkers(python.specifier));
  }
  const marker =
    markers.length === 0
      ? ''
      : ` ; ${markers.map((part) => (markers.length > 1 && part.includes(' or ') ? `(${part})` : part)).join(' and ')}`;
  const url = poetryUrl(spec);
  if (url !== null) return { ok: true, text: `${head} @ ${url}${marker}` };
  // No version: any version (the reader has checked that one given is a string).
  if (typeof spec['version'] !== 'string') return { ok: true, text: `${head}${marker}` };
  const version = poetryConstraintToPep440(spec['version']);
  if (!version.ok) {
    return {
      ok: false,
      severity: 'notice',
      message: `${quoteInput(spec['version'])}: ${version.message}; read as unconstrained`,
      fallback: `${head}${marker}`,
    };
  }
  return { ok: true, text: `${head}${version.specifier}${marker}` };
}

/** Poetry's `git`/`path`/`url` sources as a PEP 508 URL. */
function poetryUrl(spec: TomlTable): string | null {
  if (typeof spec['git'] === 'string') {
    const git = spec['git'].startsWith('git+') ? spec['git'] : `git+${spec['git']}`;
    const reference = [spec['rev'], spec['tag'], spec['branch']].find((candidate): candidate is string => typeof candidate === 'string');
    const subdirectory = typeof spec['subdirectory'] === 'string' ? `#subdirectory=${spec['subdirectory']}` : '';
    return `${git}${reference ? `@${reference}` : ''}${subdirectory}`;
  }
  if (typeof spec['url'] === 'string') return spec['url'];
  if (typeof spec['path'] === 'string') return spec['path'];
  return null;
}

/** `>=3.8,<4.0.0` -> `python_version >= "3.8"`, `python_full_version < "4.0.0"`. */
function pythonMarkers(specifier: string): string[] {
  if (specifier === '') return [];
  return specifier.split(',').map((clause) => {
    const operator = CONSTRAINT_OPERATORS.find((candidate) => clause.startsWith(candidate)) ?? '';
    const version = clause.slice(operator.length);
    const field = MINOR_VERSION.test(version) ? 'python_version' : 'python_full_version';
    return `${field} ${operator} "${version}"`;
  });
}
