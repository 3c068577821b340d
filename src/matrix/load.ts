// Builds the effective matrix from the bundled matrix files and the repository's matrix file.
// Pure: the shell reads the texts (src/matrix/bundled.ts and the repository file) and passes them in.
//
// Every file goes through the same steps: YAML syntax, matrix/schema.json (which arrives as one of
// the bundled files), then the checks a schema cannot express (duplicate names after PEP 503
// normalisation, duplicate rule ids, unknown `extends`, inheritance cycles, unknown `profile`).
// The first problem ends the load with one line: `file:line: key: what is wrong`. A run takes the
// bundled files, as committed, without their schema check (LoadMatrixInput.bundledValidated): the
// tests do it.
//
// The generated bundled files (matrix/torch.yml, cuda-drivers.yml, cuda-image-tags.yml) are JSON,
// which is YAML too: they are read with JSON.parse, many times faster than a YAML parser on a cold
// start, and parsed as YAML only when a line number is needed. The hand-written ones (profiles.yml,
// rules.yml) arrive with their compiled form (scripts/generate-matrix.mjs): the value and key lines
// YAML would give, taken as they are while they were compiled from the very text at hand.

import { canonicalName, type Severity } from '../model.js';
import { parseSpecifierSet } from '../pep440/specifier.js';
import { MatrixFileError } from './file-error.js';
import {
  createValidator,
  didYouMean,
  dottedPath,
  quote,
  type JsonSchema,
  type SchemaValidator,
  type ValueLocation,
  type ValuePath,
} from './schema-validate.js';
import type {
  CudaDriver,
  CudaTagStatus,
  Facts,
  IgnoreEntry,
  Matrix,
  MatrixRule,
  Profile,
  TorchCudaVariants,
  TorchRelease,
} from './types.js';
import type * as YamlRead from './yaml-read.js';

/** One matrix file: its display path and its text. */
export interface MatrixSource {
  file: string;
  text: string;
  /** What reading `text` as YAML gives, computed ahead (the bundled hand-written files). */
  compiled?: CompiledMatrixFile;
}

/** A YAML matrix file read ahead of time (matrix/compiled/*.json, written by scripts/generate-matrix.mjs). */
export interface CompiledMatrixFile {
  /** The text it was compiled from: a compiled form of any other text is ignored. */
  text: string;
  /** The document as plain values. */
  value: unknown;
  /** The line of each map key and list item, by JSON.stringify of its path. */
  keyLines: Record<string, number>;
}

export interface LoadMatrixInput {
  /** matrix/schema.json (recognised by its `.json` ending) and the bundled matrix/*.yml files. */
  bundled: MatrixSource[];
  /** The repository's matrix file, when it has one. */
  repository?: MatrixSource | null;
  /**
   * The YAML reader (src/matrix/yaml-read.ts), for a file that is neither JSON nor compiled
   * (needsYamlReader) and for the line of a problem. Without it, a load that needs it fails, and
   * src/matrix/effective.ts loads again with it.
   */
  yaml?: YamlReader | null;
  /**
   * The bundled files are matrix/ as committed, which the tests validate against the schema
   * (__tests__/matrix-load.test.ts, run by CI): the load skips their schema check, which took a few
   * milliseconds of every run's start-up (docs/benchmarks.md, "Start-up"). A hand-written file edited
   * since it was compiled (needsYamlReader) is not what the tests saw, and is still validated. Default
   * false: every file is validated.
   */
  bundledValidated?: boolean;
}

/** src/matrix/yaml-read.ts, which the shell loads only when it may be needed: it brings the yaml package. */
export type YamlReader = typeof YamlRead;

export type LoadMatrixResult = { ok: true; matrix: Matrix } | { ok: false; error: string };

/** In `when`/`require`, this name stands for the interpreter version of the install set. */
const PYTHON_PSEUDO_PACKAGE = 'python';

/** Keys of a profile's `reasons` that are not packages. */
const PROFILE_FIELD_REASONS = ['python', 'cuda'] as const;

/** The `format`s matrix/schema.json uses, checked with our PEP 440 implementation. */
const MATRIX_FORMATS = {
  'pep440-specifier': (value: string): string | null => {
    const parsed = parseSpecifierSet(value);
    return parsed.ok ? null : parsed.message;
  },
};

/** The document shapes matrix/schema.json admits (the loader reads them only after validation). */
interface MatrixDocument {
  extends?: 'bundled' | 'none';
  profile?: string;
  driver?: string;
  profiles?: Record<string, ProfileDocument>;
  rules?: RuleDocument[];
  ignore?: IgnoreEntry[];
  facts?: FactsDocument;
}

interface ProfileDocument {
  extends?: string;
  description?: string;
  python?: string;
  cuda?: string;
  packages?: Record<string, string>;
  reasons?: Record<string, string>;
}

interface RuleDocument {
  id: string;
  when?: Record<string, string>;
  require: Record<string, string>;
  severity?: Severity;
  message: string;
  source?: string;
}

interface FactsDocument {
  torch?: { source: string; releases: Record<string, Omit<TorchRelease, 'torch'>> };
  torchCuda?: { source: string; asOf?: string; complete?: string[]; pypi?: Record<string, string>; variants: Record<string, string[]> };
  cudaDrivers?: { source: string; toolkits: Record<string, Omit<CudaDriver, 'cuda'>> };
  cudaImageTags?: { source: string; asOf?: string; tags: Record<string, CudaTagStatus> };
}

/** A file that passed syntax and schema checks. */
interface MatrixFile {
  file: string;
  data: MatrixDocument;
  /** Line of the entry at `path` (a map entry's key line, a list item's first line). */
  lineAt(path: ReadonlyArray<string | number>): number;
}

export function loadMatrix(input: LoadMatrixInput): LoadMatrixResult {
  try {
    const schemaSource = input.bundled.find((source) => source.file.endsWith('.json'));
    if (schemaSource === undefined) {
      return { ok: false, error: 'the bundled matrix has no schema.json: the installation of compat-guard is incomplete' };
    }
    const validator = createValidator(parseSchema(schemaSource), MATRIX_FORMATS);
    const bundled = input.bundled
      .filter((source) => source !== schemaSource)
      .map((source) => readMatrixFile(source, input.bundledValidated && !needsYamlReader(source) ? null : validator, input.yaml ?? null));
    const repository = input.repository ? readMatrixFile(input.repository, validator, input.yaml ?? null) : null;
    return { ok: true, matrix: buildMatrix(bundled, repository) };
  } catch (error) {
    if (error instanceof MatrixFileError) return { ok: false, error: error.message };
    throw error;
  }
}

/** The profile called `name`, or why there is none. */
export function resolveProfileName(matrix: Matrix, name: string): Profile | { error: string } {
  const profile = Object.hasOwn(matrix.profiles, name) ? matrix.profiles[name] : undefined;
  return profile ?? { error: unknownProfile(name, Object.keys(matrix.profiles)) };
}

/** `unknown profile "x" (did you mean "y"? known: a, b, c)`, the did-you-mean only for a likely typo. */
function unknownProfile(name: string, known: string[]): string {
  if (known.length === 0) return `unknown profile ${quote(name)} (the matrix defines no profiles)`;
  const suggestion = didYouMean(name, known);
  return `unknown profile ${quote(name)} (${suggestion === null ? '' : `did you mean ${JSON.stringify(suggestion)}? `}known: ${[...known].sort().join(', ')})`;
}

function parseSchema(source: MatrixSource): JsonSchema {
  try {
    const schema: unknown = JSON.parse(source.text);
    if (typeof schema === 'object' && schema !== null && !Array.isArray(schema)) return schema as JsonSchema;
  } catch (error) {
    throw new MatrixFileError(source.file, 1, '', `not valid JSON (${(error as Error).message})`);
  }
  throw new MatrixFileError(source.file, 1, '', 'a JSON Schema must be an object');
}

/**
 * Leading blank and `#` lines, where what follows starts with `{`: a file that may be JSON. (JSON has
 * no comments, but the generated files keep theirs: "do not edit" and the editor's schema line.)
 */
const JSON_AFTER_COMMENTS = /^(?:[ \t]*(?:#.*)?\r?\n)*(?=[ \t]*\{)/;

/**
 * Whether loadMatrix needs the YAML reader for the file's value: it is neither compiled from this very
 * text nor JSON. (The reader may still be needed for the line of a problem.)
 */
export function needsYamlReader(source: MatrixSource): boolean {
  return compiledForm(source) === undefined && !JSON_AFTER_COMMENTS.test(source.text);
}

/** The file's compiled form, while it was compiled from the file's text. */
function compiledForm(source: MatrixSource): CompiledMatrixFile | undefined {
  return source.compiled?.text === source.text ? source.compiled : undefined;
}

/** `validator` null: the file was validated ahead of the run (LoadMatrixInput.bundledValidated). */
function readMatrixFile(source: MatrixSource, validator: SchemaValidator | null, reader: YamlReader | null): MatrixFile {
  let parsed: YamlRead.ParsedYaml | null = null;
  const yaml = (): [YamlReader, YamlRead.ParsedYaml] => {
    if (reader === null) throw new MatrixFileError(source.file, 1, '', 'the YAML reader is needed (for a YAML file, or the line of a problem), and none was given');
    parsed ??= reader.parseYaml(source.text);
    return [reader, parsed];
  };

  const compiled = compiledForm(source);
  const value = compiled === undefined ? readValue(source, yaml) : compiled.value;
  const locate = (path: ValuePath, part: 'key' | 'value'): ValueLocation => {
    const [{ locateIn }, document] = yaml();
    return locateIn(document, path, part);
  };
  const [schemaError] = value === undefined || validator === null ? [] : validator.validate(value, locate, 1);
  if (schemaError !== undefined) {
    throw new MatrixFileError(source.file, schemaError.line, schemaError.path, schemaError.message);
  }
  // The schema admits string keys only, so a value that passed it holds plain objects, no Maps.
  const data = (value ?? {}) as MatrixDocument;
  const lineAt = (path: ReadonlyArray<string | number>): number => compiled?.keyLines[JSON.stringify(path)] ?? locate(path, 'key').line;
  const file: MatrixFile = { file: source.file, data, lineAt };
  checkNames(file);
  return file;
}

/** The file's value: JSON.parse for a file that is JSON, else the YAML reader's. */
function readValue(source: MatrixSource, yaml: () => [YamlReader, YamlRead.ParsedYaml]): unknown {
  const json = readJson(source.text);
  if (json !== undefined) return json;
  const [{ yamlValue }, document] = yaml();
  return yamlValue(source.file, document);
}

/** The file's value if it is JSON (after leading comments); undefined for the YAML reader to read. */
function readJson(text: string): unknown {
  const comments = JSON_AFTER_COMMENTS.exec(text);
  if (comments === null) return undefined;
  try {
    return JSON.parse(text.slice(comments[0].length)) as unknown;
  } catch {
    // A YAML flow mapping, or not valid at all: the YAML reader decides and reports.
    return undefined;
  }
}

/** Package names that collide once normalised, and `python` where only packages belong. */
function checkNames(file: MatrixFile): void {
  const checkPins = (pins: Record<string, string> | undefined, path: Array<string | number>, allowPython: boolean): void => {
    if (pins === undefined) return;
    const seen = new Map<string, string>();
    for (const name of Object.keys(pins)) {
      const key = canonicalName(name);
      const location = [...path, name];
      if (!allowPython && key === PYTHON_PSEUDO_PACKAGE) {
        fail(file, location, 'the interpreter is set with the profile\'s "python" key, not as a package');
      }
      const earlier = seen.get(key);
      if (earlier !== undefined) fail(file, location, `${quote(name)} and ${quote(earlier)} name the same package (${key})`);
      seen.set(key, name);
    }
  };
  for (const [name, profile] of Object.entries(file.data.profiles ?? {})) {
    checkPins(profile.packages, ['profiles', name, 'packages'], false);
    checkPins(profile.reasons, ['profiles', name, 'reasons'], true);
  }
  (file.data.rules ?? []).forEach((rule, index) => {
    checkPins(rule.when, ['rules', index, 'when'], true);
    checkPins(rule.require, ['rules', index, 'require'], true);
  });
}

function fail(file: MatrixFile, path: ReadonlyArray<string | number>, message: string): never {
  throw new MatrixFileError(file.file, file.lineAt(path), dottedPath(path), message);
}

function buildMatrix(bundled: MatrixFile[], repository: MatrixFile | null): Matrix {
  const startsEmpty = repository?.data.extends === 'none';
  // Bundled profiles, rules and ignore entries give way to `extends: none`; facts always stay.
  const policyFiles = [...(startsEmpty ? [] : bundled), ...(repository ? [repository] : [])];
  const allFiles = [...bundled, ...(repository ? [repository] : [])];

  const profiles = resolveProfiles(policyFiles);
  const rules = collectRules(startsEmpty ? [] : bundled);
  for (const rule of repository ? collectRules([repository]) : []) {
    const index = rules.findIndex((existing) => existing.id === rule.id);
    if (index === -1) rules.push(rule);
    else rules[index] = rule;
  }

  let profile: string | null = null;
  for (const file of policyFiles) {
    const name = file.data.profile;
    if (name === undefined) continue;
    if (!Object.hasOwn(profiles, name)) fail(file, ['profile'], unknownProfile(name, Object.keys(profiles)));
    profile = name;
  }

  // The fleet's driver: the last file that declares one (the repository's) wins.
  let driver: Matrix['driver'] = null;
  for (const file of policyFiles) {
    if (file.data.driver !== undefined) driver = { version: file.data.driver, origin: { file: file.file, line: file.lineAt(['driver']) } };
  }

  return {
    profile,
    driver,
    profiles,
    rules,
    ignore: policyFiles.flatMap((file) =>
      (file.data.ignore ?? []).map((entry, index) =>
        file === repository ? { ...entry, at: { file: file.file, line: file.lineAt(['ignore', index, 'rule']) } } : { ...entry },
      ),
    ),
    facts: mergeFacts(allFiles),
    files: allFiles.map((file) => file.file),
  };
}

/** Rules of `files` in order, with ids unique among them. */
function collectRules(files: MatrixFile[]): MatrixRule[] {
  const rules: MatrixRule[] = [];
  const firstSeen = new Map<string, string>();
  for (const file of files) {
    (file.data.rules ?? []).forEach((rule, index) => {
      const line = file.lineAt(['rules', index]);
      const earlier = firstSeen.get(rule.id);
      if (earlier !== undefined) fail(file, ['rules', index, 'id'], `duplicate rule id ${quote(rule.id)} (first defined at ${earlier})`);
      firstSeen.set(rule.id, `${file.file}:${line}`);
      rules.push({
        id: rule.id,
        when: canonicalPins(rule.when ?? {}),
        require: canonicalPins(rule.require),
        severity: rule.severity ?? 'error',
        message: rule.message,
        ...(rule.source === undefined ? {} : { source: rule.source }),
        origin: { file: file.file, line },
      });
    });
  }
  return rules;
}

function canonicalPins(pins: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, specifier] of Object.entries(pins)) result[canonicalName(name)] = specifier;
  return result;
}

interface ProfileEntry {
  name: string;
  document: ProfileDocument;
  file: MatrixFile;
}

/** Profiles by name (a later file's profile replaces an earlier one of the same name), inheritance applied. */
function resolveProfiles(files: MatrixFile[]): Record<string, Profile> {
  const entries = new Map<string, ProfileEntry>();
  for (const file of files) {
    for (const [name, document] of Object.entries(file.data.profiles ?? {})) entries.set(name, { name, document, file });
  }

  const resolved = new Map<string, Profile>();
  for (const start of entries.values()) {
    if (resolved.has(start.name)) continue;
    // Walk up the `extends` chain to a resolved or root profile, then resolve back down: no recursion.
    const chain: ProfileEntry[] = [start];
    const onChain = new Set<string>([start.name]);
    let child = start;
    let parentName = start.document.extends;
    while (parentName !== undefined && !resolved.has(parentName)) {
      const parent = entries.get(parentName);
      if (parent === undefined) failProfile(child, ['extends'], unknownProfile(parentName, [...entries.keys()]));
      if (onChain.has(parentName)) {
        const cycle = [...chain.slice(chain.indexOf(parent)).map((link) => link.name), parentName];
        const hint = cycle.length === 2 ? ' (to change a profile, give yours a new name and extend that one)' : '';
        failProfile(child, ['extends'], `inheritance cycle ${cycle.join(' -> ')}${hint}`);
      }
      chain.push(parent);
      onChain.add(parentName);
      child = parent;
      parentName = parent.document.extends;
    }
    let resolvedParent = parentName === undefined ? null : (resolved.get(parentName) ?? null);
    for (const entry of chain.reverse()) {
      resolvedParent = resolveProfile(entry, resolvedParent);
      resolved.set(entry.name, resolvedParent);
    }
  }

  const profiles: Record<string, Profile> = {};
  for (const name of entries.keys()) {
    const profile = resolved.get(name);
    if (profile !== undefined) profiles[name] = profile;
  }
  return profiles;
}

function failProfile(entry: ProfileEntry, path: string[], message: string): never {
  return fail(entry.file, ['profiles', entry.name, ...path], message);
}

/** The profile with its parent applied: its own settings win, and a pin it changes drops the parent's reason. */
function resolveProfile(entry: ProfileEntry, parent: Profile | null): Profile {
  const { document } = entry;
  const ownPackages = canonicalPins(document.packages ?? {});
  const ownReasons = canonicalPins(document.reasons ?? {});
  const repinned = new Set<string>(Object.keys(ownPackages));
  if (document.python !== undefined) repinned.add('python');
  if (document.cuda !== undefined) repinned.add('cuda');
  const inheritedReasons = Object.entries(parent?.reasons ?? {}).filter(([key]) => !repinned.has(key));

  const python = document.python ?? parent?.python;
  const cuda = document.cuda ?? parent?.cuda;
  const profile: Profile = {
    name: entry.name,
    ...(document.description === undefined ? {} : { description: document.description }),
    ...(document.extends === undefined ? {} : { extends: document.extends }),
    ...(python === undefined ? {} : { python }),
    ...(cuda === undefined ? {} : { cuda }),
    packages: { ...parent?.packages, ...ownPackages },
    reasons: { ...Object.fromEntries(inheritedReasons), ...ownReasons },
    origin: { file: entry.file.file, line: entry.file.lineAt(['profiles', entry.name]) },
  };

  for (const [name, key] of Object.keys(document.reasons ?? {}).map((name) => [name, canonicalName(name)] as const)) {
    const explains = (PROFILE_FIELD_REASONS as readonly string[]).includes(key)
      ? profile[key as (typeof PROFILE_FIELD_REASONS)[number]] !== undefined
      : Object.hasOwn(profile.packages, key);
    if (!explains) {
      const suggestion = didYouMean(key, [...Object.keys(profile.packages), ...PROFILE_FIELD_REASONS]);
      failProfile(entry, ['reasons', name], `profile ${quote(entry.name)} pins no ${quote(name)}${suggestion ? ` (did you mean ${JSON.stringify(suggestion)}?)` : ''}`);
    }
  }
  return profile;
}

/** Fact tables of every file, rows merged by key: a later file's row replaces an earlier one. */
function mergeFacts(files: MatrixFile[]): Facts {
  const torch = new Map<string, TorchRelease>();
  const torchCuda = new Map<string, TorchCudaVariants>();
  const cudaDrivers = new Map<string, CudaDriver>();
  const cudaImageTags: Record<string, CudaTagStatus> = {};
  const sources: Facts['sources'] = { torch: '', torchCuda: '', cudaDrivers: '', cudaImageTags: '' };
  const asOf: Facts['asOf'] = { torchCuda: null, cudaImageTags: null };
  for (const { data } of files) {
    const facts = data.facts;
    if (facts === undefined) continue;
    if (facts.torch) {
      sources.torch = facts.torch.source;
      for (const [version, row] of Object.entries(facts.torch.releases)) torch.set(version, { torch: version, ...row });
    }
    if (facts.torchCuda) {
      sources.torchCuda = facts.torchCuda.source;
      asOf.torchCuda = facts.torchCuda.asOf ?? null;
      const complete = new Set(facts.torchCuda.complete ?? []);
      const pypi = facts.torchCuda.pypi ?? {};
      for (const [minor, cuda] of Object.entries(facts.torchCuda.variants)) {
        torchCuda.set(minor, { torch: minor, cuda: [...cuda], complete: complete.has(minor), pypi: Object.hasOwn(pypi, minor) ? (pypi[minor] as string) : null });
      }
    }
    if (facts.cudaDrivers) {
      sources.cudaDrivers = facts.cudaDrivers.source;
      for (const [cuda, row] of Object.entries(facts.cudaDrivers.toolkits)) cudaDrivers.set(cuda, { cuda, ...row });
    }
    if (facts.cudaImageTags) {
      sources.cudaImageTags = facts.cudaImageTags.source;
      asOf.cudaImageTags = facts.cudaImageTags.asOf ?? null;
      Object.assign(cudaImageTags, facts.cudaImageTags.tags);
    }
  }
  return {
    torch: [...torch.values()],
    torchCuda: [...torchCuda.values()],
    cudaDrivers: [...cudaDrivers.values()],
    cudaImageTags,
    asOf,
    sources,
  };
}
