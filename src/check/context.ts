// What the rule families look at: each install set as the requirements, interpreters, CUDA versions,
// images and indexes pip and Docker see together. A set's view is built when the set is checked: its
// pins grouped by package.

import type { Matrix, Profile } from '../matrix/types.js';
import type {
  CudaFact,
  FactPosition,
  ImageRef,
  IndexFact,
  InstallSet,
  ParsedFile,
  ParseResult,
  PythonFact,
  Requirement,
  Span,
} from '../model.js';
import { requirementText, type Place } from './finding-builder.js';
import type { SpecifierSet } from '../pep440/specifier.js';
import { MarkerSpace } from './markers.js';
import { Specifiers, versionSpecifier, type Admits } from './versions.js';

/** A requirement with a version specifier pip can resolve (URL and path requirements are not pins). */
export class Pin {
  readonly key: string;
  readonly at: Place;
  private text: string | undefined;

  constructor(
    readonly requirement: Requirement,
    readonly file: string,
    private readonly specifiers: Specifiers,
  ) {
    this.key = requirement.key;
    this.at = { file, span: requirement };
  }

  /**
   * The requirement as written, without its marker (`requirementText`), made once: a package pinned
   * many ways names its first pin in each of thousands of findings.
   */
  get shown(): string {
    this.text ??= requirementText(this.requirement);
    return this.text;
  }

  /** True when the requirement names no version at all. */
  get unpinned(): boolean {
    return this.requirement.specifier === '';
  }

  /**
   * What the specifier admits; the empty set (everything) when the requirement has no specifier.
   * Looked up each time, not kept: the run's cache is bounded, and a package pinned a million ways
   * kept a parsed set in each of its million pins (600 MB).
   */
  get admits(): Admits {
    // The readers only return requirements whose specifier parses (others become diagnostics).
    return this.specifiers.admits(this.requirement.specifier) ?? (this.specifiers.admits('') as Admits);
  }
}

/** Something a specifier is checked against: a pin, an interpreter, a CUDA version (subjects.ts makes them). */
export interface Subject {
  /** PEP 503 name, or PYTHON / CUDA. */
  key: string;
  /** True for PYTHON / CUDA subjects (a profile's `python`/`cuda`, not its packages). */
  pseudo: boolean;
  at: Place;
  admits: Admits;
  /** How a message quotes it: `numpy==1.24.4`, `Python 3.9 (apt-get install python3.9)`. */
  shown: string;
  /** The version part as written, for a finding's `actual`: `==1.24.4`, `3.9`, `12.1`. */
  actual: string;
  /** The token rewritten so that it meets `specifier`, or null when no single rewrite is known. */
  fixFor(specifier: string): string | null;
  /** The pin it was read from, if any (a `+cu121` label's subject is its pin's CUDA). */
  pin: Pin | null;
}

/** A fact of a file with the file it was read from. */
export interface InFile<T> {
  fact: T;
  file: string;
}

/**
 * One install set as the rule families see it. A pin whose marker cannot hold for the set's
 * interpreter is never installed, so it is never checked; markers are evaluated only for the packages
 * a rule asks about.
 */
export class SetView {
  readonly pythons: Array<InFile<PythonFact>> = [];
  /** pyproject.toml `requires-python`. */
  readonly requiresPython: Array<InFile<NonNullable<ParsedFile['requiresPython']>>> = [];
  readonly cuda: Array<InFile<CudaFact>> = [];
  readonly images: Array<InFile<ImageRef>> = [];
  readonly indexes: Array<InFile<IndexFact>> = [];
  /** The set reads a package index whose URL is known only at build time (ParsedFile.buildTimeIndexes). */
  readonly readsBuildTimeIndex: boolean = false;
  /** The interpreters the set may install into (its own Python, else its requires-python, else the profile's); null when nothing says. */
  readonly python: SpecifierSet | null;
  /** The pins the set's files write (not URLs, paths, editables or other stages'): the files in order, each file's lines in order. */
  private readonly written: Pin[] = [];
  /** The written pins by package, in the order of `written`. */
  private readonly writtenByKey = new Map<string, Pin[]>();
  /** The packages written more than once, in the order their second pin is written. */
  private readonly repeatedKeys: string[] = [];
  /** `pinsOf`'s answers. */
  private readonly installedByKey = new Map<string, readonly Pin[]>();
  private readPositions: Map<string, number[]> | undefined;
  /** The set's `torchCudaSubjects`, once found. */
  torchBuilds: Subject[] | undefined;

  constructor(
    readonly set: InstallSet,
    private readonly context: CheckContext,
  ) {
    for (const path of set.files) {
      const file = context.files.get(path);
      if (!file) continue;
      // Only the stages of this set count in its own Dockerfile; other files count whole.
      const stages = path === set.file && set.stages ? new Set(set.stages) : null;
      const inSet = (stage: string | null | undefined): boolean => stages === null || stage == null || stages.has(stage);
      for (const fact of file.python) if (inSet(fact.stage)) this.pythons.push({ fact, file: path });
      for (const fact of file.cuda) if (inSet(fact.stage)) this.cuda.push({ fact, file: path });
      for (const fact of file.indexes) if (inSet(fact.stage)) this.indexes.push({ fact, file: path });
      if (file.buildTimeIndexes?.some((fact) => inSet(fact.stage))) this.readsBuildTimeIndex = true;
      for (const fact of file.images) if (inSet(imageStage(fact))) this.images.push({ fact, file: path });
      if (file.requiresPython) this.requiresPython.push({ fact: file.requiresPython, file: path });
      for (const requirement of file.requirements) {
        if (requirement.url !== null || requirement.editable || !inSet(requirement.stage)) continue;
        const pin = new Pin(requirement, path, context.specifiers);
        this.written.push(pin);
        const pins = this.writtenByKey.get(pin.key);
        if (pins === undefined) this.writtenByKey.set(pin.key, [pin]);
        else if (pins.push(pin) === 2) this.repeatedKeys.push(pin.key);
      }
    }
    this.python = interpreterOf(this, context);
  }

  /** Can the pin's marker hold with the set's interpreter (so that pip may install it)? */
  installs(pin: Pin): boolean {
    const marker = pin.requirement.marker;
    return marker === null || this.context.markers.holds(marker, this.python);
  }

  /** The pins of a package the set installs, in order. */
  pinsOf(key: string): readonly Pin[] {
    const written = this.writtenByKey.get(key);
    if (written === undefined) return NO_PINS;
    let pins = this.installedByKey.get(key);
    if (pins === undefined) {
      pins = written.filter((pin) => this.installs(pin));
      this.installedByKey.set(key, pins);
    }
    return pins;
  }

  /**
   * Every pin of these packages the set's files write, marker or not: the files in order, each
   * file's lines in order (`compareReadOrder` gives pip's reading order).
   */
  writtenOf(keys: readonly string[]): Pin[] {
    return this.written.filter((pin) => keys.includes(pin.key));
  }

  /** Every pin the set's files write whose specifier passes `test`, in the order of `writtenOf`. */
  writtenWhere(test: (specifier: string) => boolean): Pin[] {
    return this.written.filter((pin) => test(pin.requirement.specifier));
  }

  /** Each package the set installs more than one pin of, with those pins in order, in the order its second pin is written. */
  pinnedTwice(): Array<readonly Pin[]> {
    return this.repeatedKeys.map((key) => this.pinsOf(key)).filter((pins) => pins.length >= 2);
  }

  /**
   * Where pip reads each file of the set: the lines of the includes that lead to it (`[]` for the
   * root, `[4]` for a file the root includes at line 4, `[4, 2]` for one that file includes at 2).
   */
  get readAt(): ReadonlyMap<string, number[]> {
    this.readPositions ??= readPositions(this.set, this.context.files);
    return this.readPositions;
  }
}

const NO_PINS: readonly Pin[] = Object.freeze([]);

export interface CheckContext {
  matrix: Matrix;
  profile: Profile | null;
  files: ReadonlyMap<string, ParsedFile>;
  specifiers: Specifiers;
  markers: MarkerSpace;
  /** profileAllows' answers, by key (`python`/`cuda` prefixed with `:`, as no package name can be). */
  allowed: Map<string, Allowed | null>;
}

/** What the profile allows for one package, or for its python/cuda. */
export interface Allowed {
  specifier: string;
  admits: Admits;
}

export function buildContext(parse: ParseResult, matrix: Matrix, profile: Profile | null, specifiers = new Specifiers()): CheckContext {
  const files = new Map(parse.files.map((file) => [file.path, file]));
  return { matrix, profile, files, specifiers, markers: new MarkerSpace(), allowed: new Map() };
}

function interpreterOf(view: SetView, context: CheckContext): SpecifierSet | null {
  const specifier = interpreterSpecifier(view, context);
  return specifier === undefined ? null : (context.specifiers.admits(specifier)?.set ?? null);
}

/** The set's interpreters as a specifier: its own Python, else its requires-python, else the profile's. */
export function interpreterSpecifier(view: SetView, context: CheckContext): string | undefined {
  const python = setPython(view);
  return python ? versionSpecifier(python.fact.version) : (view.requiresPython[0]?.fact.specifier ?? context.profile?.python);
}

function readPositions(set: InstallSet, files: ReadonlyMap<string, ParsedFile>): Map<string, number[]> {
  const positions = new Map<string, number[]>([[set.file, []]]);
  const queue = [set.file];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const position = positions.get(next) as number[];
    for (const include of files.get(next)?.includes ?? []) {
      if (positions.has(include.path) || (next === set.file && set.stages && include.stage != null && !set.stages.includes(include.stage)))
        continue;
      positions.set(include.path, [...position, include.line]);
      queue.push(include.path);
    }
  }
  return positions;
}

/** Orders two pins of one set as pip reads them: an included file's lines come where it is included. */
export function compareReadOrder(view: SetView, a: Pin, b: Pin): number {
  // A pin's place is the include lines leading to its file, then its own line; compared as two
  // lists without building them (a sort asks this many times).
  const left = view.readAt.get(a.file) ?? UNREACHED;
  const right = view.readAt.get(b.file) ?? UNREACHED;
  const place = (path: readonly number[], line: number, index: number): number => (index < path.length ? (path[index] as number) : line);
  const compared = Math.min(left.length, right.length) + 1;
  for (let index = 0; index < compared; index++) {
    const difference = place(left, a.requirement.line, index) - place(right, b.requirement.line, index);
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}

/** The place of a file pip does not reach through the set's includes: after every other. */
const UNREACHED: readonly number[] = [Infinity];

/** A stage is known by its `AS` name, or by its 0-based index when it has none. */
function imageStage(image: ImageRef): string | null {
  return image.stage ?? (image.stageIndex === undefined ? null : String(image.stageIndex));
}

/**
 * The interpreter the set installs into: the last one its Dockerfile stages select (a later stage
 * or a later line replaces an earlier one), or null when the set does not say.
 */
export function setPython(view: SetView): InFile<PythonFact> | null {
  let last: InFile<PythonFact> | null = null;
  for (const python of view.pythons) if (!last || (python.file === last.file && python.fact.line > last.fact.line)) last = python;
  return last;
}

/** The span of a fact that may only know its line: its first column when no columns are known. */
export function factSpan(fact: FactPosition): Span {
  return { line: fact.line, column: fact.column ?? 1, endLine: fact.endLine ?? fact.line, endColumn: fact.endColumn ?? fact.column ?? 1 };
}

/** What the profile allows for a package, or for `python` / `cuda`; null when it says nothing. */
export function profileAllows(context: CheckContext, key: string, pseudo: boolean): Allowed | null {
  const profile = context.profile;
  if (!profile) return null;
  const cacheKey = pseudo ? `:${key}` : key;
  let allowed = context.allowed.get(cacheKey);
  if (allowed === undefined) {
    const specifier = pseudo
      ? key === 'python'
        ? profile.python
        : key === 'cuda'
          ? profile.cuda
          : undefined
      : ownValue(profile.packages, key);
    const admits = specifier === undefined ? null : context.specifiers.admits(specifier);
    allowed = specifier !== undefined && admits ? { specifier, admits } : null;
    context.allowed.set(cacheKey, allowed);
  }
  return allowed;
}

/** Why the profile pins `key`, as its reasons say; "profile policy" when they say nothing. */
export function profileReason(profile: Profile, key: string): string {
  return ownValue(profile.reasons, key) ?? 'profile policy';
}

/** `record[key]` for the record's own keys only: a package may be called `constructor`. */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
