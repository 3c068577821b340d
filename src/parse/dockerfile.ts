// The Dockerfile reader: what each build stage is built FROM, which Python and CUDA it selects, and
// what its RUN commands install with pip, read the way BuildKit reads a Dockerfile (no dockerfile-ast:
// it does not expand nested ARGs or `${X:-d}` defaults and crashes on some comment continuations).
//
//   dockerfile-lines.ts   text -> instructions (directives, continuations, heredocs, positions)
//   shell-words.ts        words and operators with their offsets, as /bin/sh or BuildKit splits them
//   dockerfile-expand.ts  BuildKit's word expansion ($X, ${X:-d}, quotes, escapes)
//   dockerfile-words.ts   a word's value and where it was written
//   dockerfile-image.ts   FROM references and the Python/CUDA versions their tags say
//   dockerfile-paths.ts   container paths back to build-context files (COPY, WORKDIR, bind mounts)
//   dockerfile-run.ts     RUN commands: pip invocations and interpreter installs
//   this file             stages: ARG and ENV scopes, FROM, COPY/ADD, WORKDIR, RUN, in order
//
// Bad input becomes a Diagnostic with its line, never an exception.

import {
  emptyFile,
  factPosition,
  type CudaFact,
  type Diagnostic,
  type ImageRef,
  type IndexFact,
  type ParsedFile,
  type PythonFact,
} from '../model.js';
import { afterFlags, heredocWord, isSpace, parseJsonArgs, readDockerfile, sliceSource } from './dockerfile-lines.js';
import type { Instruction, Problem, SourceText } from './dockerfile-lines.js';
import type { Lookup, UnknownValue } from './dockerfile-expand.js';
import { argOf, explainUnset, spanOf, wordAfter, wordsOf } from './dockerfile-words.js';
import type { Arg, UnsetExplainer, WrittenWord } from './dockerfile-words.js';
import type { Span } from '../model.js';
import { cudaFromImage, distroPythonOf, invalidReference, parseImageRef, pythonFromImage, type DistroPython } from './dockerfile-image.js';
import { frameworkImageRow, imageRequirement, torchFromImage } from './framework-images.js';
import type { ImageVersion } from './dockerfile-image.js';
import { joinPath, placement, sourceOf } from './dockerfile-paths.js';
import { quoteInput, redactUrl } from './requirements/display.js';
import { cudaFromIndexUrl } from './pytorch-index.js';
import type { Placement } from './dockerfile-paths.js';
import { readExecForm, readHeredocScript, readShellScript } from './dockerfile-run.js';
import type { RunFacts, RunScope, ShellState } from './dockerfile-run.js';

export interface DockerfileOptions {
  /**
   * `--build-arg` values: they replace the defaults of the ARGs they name. null: the build passes a
   * value computed when it runs (`$(cat VERSION)`, a secret), unknown here as an ARG without a default is.
   */
  buildArgs?: Record<string, string | null>;
  /** The names of the files in a build-context folder (see RunScope.contextFiles). */
  contextFiles?: (contextFolder: string) => readonly string[];
}

export interface DockerCopy {
  /** As written, after ARG/ENV expansion: build-context paths, or paths in `fromStage`. */
  sources: string[];
  /** Absolute container path, resolved against WORKDIR; ends with `/` when the sources go into it. */
  dest: string;
  /** `COPY --from`: the stage's name when it names one, else the image as written. */
  fromStage: string | null;
  line: number;
}

export interface DockerStage {
  /** 0-based. */
  index: number;
  /** The `AS` alias, else the index as a string. */
  name: string;
  alias: string | null;
  image: ImageRef;
  /** The name of the earlier stage FROM refers to. */
  parent: string | null;
  copies: DockerCopy[];
  line: number;
}

export interface DockerfileParse {
  file: ParsedFile;
  diagnostics: Diagnostic[];
  stages: DockerStage[];
}

/** What one stage knows while it is read. */
interface StageState {
  stage: DockerStage;
  /** ENV values, inherited from a parent stage. */
  env: Map<string, VariableValue>;
  /** ARGs declared in this stage or inherited from a parent stage. */
  args: Map<string, VariableValue | undefined>;
  workdir: string;
  parent: StageState | null;
  /** Container paths the build fetched (see RunScope.fetched), inherited from a parent stage. */
  fetched: string[];
  /** The stage's COPY and ADD instructions as the path resolver reads them. */
  placements: CopyPlacement[];
  lookup: Lookup;
  /** The python3 of the distribution the stage's image is built on (inherited from a parent stage). */
  distroPython: DistroPython | null;
}

/** What an ARG or ENV holds: a string, or a value known only at build time. */
type VariableValue = string | UnknownValue;

/** The value of a variable set from `arg`: unknown when the word depends on a build argument. */
function variableValue(arg: Arg): VariableValue {
  return arg.unknown?.buildArgs === undefined ? arg.value : { from: arg.unknown.buildArgs };
}

/** A COPY or ADD, its sources normalized once, with where it copies from. */
interface CopyPlacement extends Placement {
  /** The build context (null), an earlier stage, or another image. */
  from: StageState | 'image' | null;
}

/**
 * BuildKit defines these in the global scope; their values depend on the builder, so we assume the
 * usual linux/amd64 runner unless build arguments say otherwise.
 */
const AUTOMATIC_ARGS: ReadonlyArray<[string, string]> = [
  ['TARGETPLATFORM', 'linux/amd64'],
  ['TARGETOS', 'linux'],
  ['TARGETARCH', 'amd64'],
  ['TARGETVARIANT', ''],
  ['BUILDPLATFORM', 'linux/amd64'],
  ['BUILDOS', 'linux'],
  ['BUILDARCH', 'amd64'],
  ['BUILDVARIANT', ''],
];
const KNOWN_INSTRUCTIONS = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);
const STAGE_NAME = /^[a-z][a-z0-9_.-]*$/;
const VERSION_VALUE = /^\d+\.\d+(?:\.\d+)?$/;
/** Environment variables pip and uv read their indexes from, and what each is. */
const INDEX_ENVIRONMENT: Readonly<Record<string, NonNullable<IndexFact['kind']>>> = {
  PIP_INDEX_URL: 'index-url',
  UV_INDEX_URL: 'index-url',
  UV_DEFAULT_INDEX: 'index-url',
  PIP_EXTRA_INDEX_URL: 'extra-index-url',
  UV_EXTRA_INDEX_URL: 'extra-index-url',
  UV_INDEX: 'extra-index-url',
  PIP_FIND_LINKS: 'find-links',
  UV_FIND_LINKS: 'find-links',
};
const REMOTE_SOURCE = /^(?:[a-zA-Z][a-zA-Z0-9+.-]*:\/\/|git@)/;
/**
 * How many COPY instructions one path lookup may walk through (real Dockerfiles have a few dozen);
 * past it the path stays as written, so that a file with thousands of both COPY and `-r` stays fast.
 */
const MAX_PLACEMENTS_EXAMINED = 256;
const NO_FLAGS: ReadonlyMap<string, Arg[]> = new Map();

class DockerfileReader {
  readonly stages: StageState[] = [];
  /** Named stages by their (lower-case) alias. */
  private readonly stagesByAlias = new Map<string, StageState>();
  readonly globalArgs = new Map<string, VariableValue | undefined>(AUTOMATIC_ARGS);
  private branchCount = 0;
  private readonly nextBranchId = (): number => this.branchCount++;
  /** Build arguments a notice already said are unknown: one notice per ARG and file. */
  private readonly noticedBuildArgs = new Set<string>();
  readonly file: ParsedFile;
  readonly facts: RunFacts;

  constructor(
    path: string,
    private readonly escape: string,
    private readonly buildArgs: Record<string, string | null>,
    private readonly contextFiles: DockerfileOptions['contextFiles'],
    /** What reading the text found already; what the instructions say is added. */
    readonly problems: Problem[],
  ) {
    this.file = emptyFile(path, 'dockerfile');
    this.facts = {
      requirements: this.file.requirements,
      python: this.file.python,
      cuda: this.file.cuda,
      includes: this.file.includes,
      indexes: this.file.indexes,
      buildTimeIndexes: [],
      problems: this.problems,
      installs: 0,
      remoteIncludes: [],
    };
  }

  private problem(at: { line: number; column?: number }, severity: Problem['severity'], message: string): void {
    this.problems.push(
      at.column === undefined ? { line: at.line, severity, message } : { line: at.line, column: at.column, severity, message },
    );
  }

  /**
   * Says that what `arg` gives (`what`: "FROM $BASE", "pip install $PKG") is not checked, and why. A
   * value from a build argument is said once per ARG and file, and not at all when `quiet` (a shell
   * branch that may not run).
   */
  readonly notChecked = (span: Span, arg: Arg, what: string, consequence: string, quiet = false): void => {
    const unknown = arg.unknown;
    // A value set in a shell branch: the branch, not the repository, decides; nothing to say.
    if (unknown === null || unknown.branch === true) return;
    if (unknown.buildArgs !== undefined) {
      if (quiet || unknown.buildArgs.every((name) => this.noticedBuildArgs.has(name))) return;
      for (const name of unknown.buildArgs) this.noticedBuildArgs.add(name);
    }
    this.problem(span, unknown.severity, `${what}: ${unknown.message}, so ${consequence}`);
  };

  private buildArg(name: string): VariableValue | undefined {
    if (!Object.hasOwn(this.buildArgs, name)) return undefined;
    return this.buildArgs[name] ?? { from: [name] };
  }

  private get current(): StageState | null {
    return this.stages[this.stages.length - 1] ?? null;
  }

  private readonly globalLookup: Lookup = (name) => this.globalArgs.get(name);

  private arg(source: SourceText, word: WrittenWord, lookup: Lookup): Arg {
    return argOf(source, word, lookup, { escape: this.escape }, this.explainUnset);
  }

  /** A global ARG is visible in FROM only: a stage that uses it must declare it again. */
  private readonly explainUnset: UnsetExplainer = (names) => {
    const global = names.filter((name) => this.globalArgs.get(name) !== undefined);
    if (global.length === 0) return explainUnset(names);
    const verb = names.length > 1 ? 'have' : 'has';
    return (
      `${names.join(', ')} ${verb} no value in this stage: an ARG before the first FROM is seen only by FROM lines ` +
      `(declare \`ARG ${global[0]}\` in the stage)`
    );
  };

  read(instruction: Instruction): void {
    const { keyword } = instruction;
    if (!KNOWN_INSTRUCTIONS.has(keyword)) {
      this.problem(instruction, 'error', `unknown instruction: ${instruction.source.text.slice(0, instruction.argsOffset).trim()}`);
      return;
    }
    if (keyword === 'FROM') return this.from(instruction);
    const stage = this.current;
    if (keyword === 'ARG') return this.declareArgs(instruction, stage);
    if (stage === null) {
      this.problem(instruction, 'error', `${keyword} before the first FROM: no build stage to run it in`);
      return;
    }
    switch (keyword) {
      case 'ENV':
        return this.env(instruction, stage);
      case 'WORKDIR':
        return this.workdir(instruction, stage);
      case 'COPY':
      case 'ADD':
        return this.copy(instruction, stage);
      case 'RUN':
        return this.run(instruction, stage);
      default: // Nothing else says what gets installed.
    }
  }

  private flags(instruction: Instruction, lookup: Lookup): { flags: ReadonlyMap<string, Arg[]>; rest: number } {
    const rest = afterFlags(instruction.source, instruction.argsOffset, this.escape);
    if (rest === instruction.argsOffset) return { flags: NO_FLAGS, rest };
    const flags = new Map<string, Arg[]>();
    for (const word of wordsOf(instruction.source, instruction.argsOffset, this.escape)) {
      if (word.start >= rest) break;
      const equals = word.raw.indexOf('=');
      const name = (equals >= 0 ? word.raw.slice(2, equals) : word.raw.slice(2)).toLowerCase();
      const value =
        equals >= 0
          ? this.arg(instruction.source, wordAfter(word, equals), lookup)
          : this.arg(instruction.source, { raw: 'true', start: word.start, end: word.end }, lookup);
      const values = flags.get(name);
      if (values === undefined) flags.set(name, [value]);
      else values.push(value);
    }
    return { flags, rest };
  }

  private from(instruction: Instruction): void {
    const { source } = instruction;
    const { flags, rest } = this.flags(instruction, this.globalLookup);
    const words = wordsOf(source, rest, this.escape);
    const index = this.stages.length;
    if (words.length !== 1 && !(words.length === 3 && words[1]!.raw.toLowerCase() === 'as')) {
      this.problem(
        instruction,
        'error',
        words.length === 0
          ? 'FROM without an image'
          : 'FROM takes an image and an optional stage name: FROM [--platform=<platform>] <image> [AS <name>]',
      );
    }
    let alias: string | null = null;
    const nameWord = words.length >= 3 ? words[2] : undefined;
    if (nameWord !== undefined) {
      alias = nameWord.raw.toLowerCase();
      if (!STAGE_NAME.test(alias)) {
        const at = spanOf(this.arg(source, nameWord, () => undefined));
        this.problem(
          at,
          'error',
          `invalid stage name "${nameWord.raw}": it must start with a letter and hold only letters, digits, "-", "_" and "."`,
        );
      }
    }
    const imageWord = words[0];
    const image = imageWord === undefined ? null : this.arg(source, imageWord, this.globalLookup);
    const span = image === null ? { line: instruction.line, column: 1, endLine: instruction.line, endColumn: 1 } : spanOf(image);
    const broken = image?.unknown?.severity === 'error';
    // `FROM $BASE_IMAGE` with `ARG BASE_IMAGE` and no default: the build gives the image.
    const givenAtBuild = image?.unknown?.buildArgs !== undefined;
    const ref = image === null || broken || givenAtBuild ? '' : image.value;
    if (image !== null && broken) {
      this.problem(span, 'error', `FROM ${imageWord!.raw}: ${image.unknown!.message}`);
    } else if (image !== null && givenAtBuild) {
      this.notChecked(span, image, `FROM ${imageWord!.raw}`, 'the base image is not checked');
    } else if (image !== null && ref === '') {
      this.problem(
        span,
        'error',
        `FROM ${imageWord!.raw}: the image name is empty${image.unknown === null ? '' : `: ${image.unknown.message}`}`,
      );
    }
    const parentState = ref === '' ? null : (this.stagesByAlias.get(ref.toLowerCase()) ?? null);
    const parsed = parentState === null ? parseImageRef(ref) : { name: ref, tag: null, digest: null };
    // Checked only as written or fully expanded: a variable without a value is reported already.
    const invalid = parentState === null && ref !== '' && image?.unknown === null ? invalidReference(parsed) : null;
    if (invalid !== null)
      this.problem(
        span,
        'error',
        `FROM ${quoteInput(ref)} is not a valid image reference: ${invalid}; docker build stops with "invalid reference format"`,
      );
    const platform = flags.get('platform')?.[0]?.value ?? null;
    const stageName = alias ?? String(index);
    const imageRef: ImageRef = {
      ref,
      ...parsed,
      stage: alias,
      stageIndex: index,
      fromStage: parentState?.stage.name ?? null,
      platform,
      ...factPosition(span),
    };
    // Facts come from real images only: what a refused reference says is never pulled.
    if (ref !== '' && invalid === null) this.file.images.push(imageRef);
    const stage: DockerStage = {
      index,
      name: stageName,
      alias,
      image: imageRef,
      parent: parentState?.stage.name ?? null,
      copies: [],
      line: instruction.line,
    };
    // "Arguments and variables are inherited from parent stages" (Docker's build variables docs).
    const env = new Map(parentState?.env ?? []);
    const args = new Map(parentState?.args ?? []);
    const state: StageState = {
      stage,
      env,
      args,
      workdir: parentState?.workdir ?? '/',
      parent: parentState,
      placements: [],
      fetched: [...(parentState?.fetched ?? [])],
      lookup: (name) => env.get(name) ?? args.get(name),
      distroPython: parentState !== null ? parentState.distroPython : invalid === null && ref !== '' ? distroPythonOf(parsed) : null,
    };
    this.stages.push(state);
    // A later stage with the same name shadows the earlier one, as in BuildKit.
    if (alias !== null) this.stagesByAlias.set(alias, state);
    if (image === null || parentState !== null || ref === '' || invalid !== null) return;
    // A framework image whose tag does not say its Python or CUDA: the table's, on the whole tag.
    const known = frameworkImageRow(parsed);
    const wholeTag = { start: parsed.name.length + 1, end: parsed.name.length + 1 + (parsed.tag ?? '').length };
    const python = pythonFromImage(parsed) ?? (known?.python ? { version: known.python, ...wholeTag } : null);
    if (python !== null) this.file.python.push(this.imageFact(python, image, ref, stageName));
    const cuda = cudaFromImage(parsed) ?? (known?.cuda ? { version: known.cuda, ...wholeTag } : null);
    if (cuda !== null) this.file.cuda.push(this.imageFact(cuda, image, ref, stageName));
    const torch = torchFromImage(parsed);
    if (torch !== null) this.file.requirements.push(imageRequirement('torch', torch, spanOf(image, torch.start, torch.end), stageName));
  }

  private imageFact(found: ImageVersion, image: Arg, ref: string, stage: string): PythonFact & CudaFact {
    return { version: found.version, ...factPosition(spanOf(image, found.start, found.end)), source: ref, stage };
  }

  /** `ARG NAME`, `ARG NAME=default ...`: global before the first FROM, else declared in the stage. */
  private declareArgs(instruction: Instruction, stage: StageState | null): void {
    const words = wordsOf(instruction.source, instruction.argsOffset, this.escape);
    if (words.length === 0) this.problem(instruction, 'error', 'ARG requires at least one argument');
    const lookup = stage?.lookup ?? this.globalLookup;
    const declared: Array<[string, VariableValue]> = [];
    for (const word of words) {
      const equals = word.raw.indexOf('=');
      const name = equals >= 0 ? word.raw.slice(0, equals) : word.raw;
      if (name === '') {
        this.problem(instruction, 'error', `ARG names can not be blank: ${word.raw}`);
        continue;
      }
      let value: VariableValue | undefined = this.buildArg(name);
      if (value === undefined && equals >= 0) {
        const expanded = this.arg(instruction.source, wordAfter(word, equals), lookup);
        if (expanded.unknown?.severity === 'error') this.problem(spanOf(expanded), 'error', `ARG ${name}: ${expanded.unknown.message}`);
        value = variableValue(expanded);
      }
      // A stage's `ARG NAME` without a value brings in the global one (or the parent stage's).
      if (value === undefined) value = (stage === null ? undefined : stage.args.get(name)) ?? this.globalArgs.get(name);
      // Declared without a default and given no value: `--build-arg` gives it, so it is unknown, not empty.
      declared.push([name, value ?? { from: [name] }]);
    }
    // All values were expanded with the scope as it was before this instruction, as BuildKit does.
    for (const [name, value] of declared) {
      if (stage === null) this.globalArgs.set(name, value);
      else stage.args.set(name, value);
    }
    // A stage's ARG is in the environment of its RUNs; one without a value is set by --build-arg.
    if (stage === null) return;
    words.forEach((word, index) => {
      const [name, value] = declared[index] ?? [];
      const kind = name === undefined || !Object.hasOwn(INDEX_ENVIRONMENT, name) ? undefined : INDEX_ENVIRONMENT[name];
      if (name === undefined || kind === undefined) return;
      const equals = word.raw.indexOf('=');
      const written = this.arg(instruction.source, equals >= 0 ? wordAfter(word, equals) : word, () => undefined);
      // Given at build time: the index is named `$NAME`, which the index checks read as one no one can name yet.
      this.environmentIndexes({ ...written, value: typeof value === 'string' ? value : `$${name}` }, kind, stage);
    });
  }

  /** `ENV K=V K2=V2` or the legacy `ENV K V W` (the value is the rest of the line). */
  private env(instruction: Instruction, stage: StageState): void {
    const { source } = instruction;
    const words = wordsOf(source, instruction.argsOffset, this.escape);
    const first = words[0];
    if (first === undefined) {
      this.problem(instruction, 'error', 'ENV requires at least one argument');
      return;
    }
    const pairs: Array<{ name: string; value: Arg; written: string }> = [];
    if (!first.raw.includes('=')) {
      let valueStart = first.end;
      while (valueStart < source.text.length && isSpace(source.text[valueStart]!)) valueStart += 1;
      if (valueStart >= source.text.length) {
        this.problem(instruction, 'error', `ENV ${first.raw} must have two arguments: ENV <name>=<value>`);
        return;
      }
      const raw = source.text.slice(valueStart);
      pairs.push({
        name: first.raw,
        value: this.arg(source, { raw, start: valueStart, end: source.text.length }, stage.lookup),
        written: `${first.raw} ${raw}`,
      });
    } else {
      for (const word of words) {
        const equals = word.raw.indexOf('=');
        if (equals <= 0) {
          this.problem(spanOf(this.arg(source, word, () => undefined)), 'error', `ENV ${word.raw}: expected <name>=<value>`);
          continue;
        }
        const value = this.arg(source, wordAfter(word, equals), stage.lookup);
        pairs.push({ name: word.raw.slice(0, equals), value, written: word.raw });
      }
    }
    for (const { name, value, written } of pairs) {
      if (value.unknown?.severity === 'error') this.problem(spanOf(value), 'error', `ENV ${name}: ${value.unknown.message}`);
      stage.env.set(name, variableValue(value));
      const indexKind = INDEX_ENVIRONMENT[name];
      if (indexKind) this.environmentIndexes(value, indexKind, stage);
      if (name !== 'PYTHON_VERSION' && name !== 'CUDA_VERSION') continue;
      if (!VERSION_VALUE.test(value.value)) continue;
      const fact = { version: value.value, ...factPosition(spanOf(value)), source: `ENV ${written}`, stage: stage.stage.name };
      (name === 'PYTHON_VERSION' ? this.file.python : this.file.cuda).push(fact);
    }
  }

  /** `ENV PIP_INDEX_URL=...` and its kin: the indexes every later pip of the stage reads. */
  private environmentIndexes(value: Arg, kind: NonNullable<IndexFact['kind']>, stage: StageState): void {
    const span = spanOf(value);
    if (value.unknown !== null) {
      this.notChecked(span, value, `package index ${redactUrl(value.value)}`, 'it is not checked');
      this.facts.buildTimeIndexes.push({ ...factPosition(span), stage: stage.stage.name });
      return;
    }
    for (const url of value.value.split(/\s+/).filter(Boolean)) {
      this.file.indexes.push({ url: redactUrl(url), ...factPosition(span), kind, cuda: cudaFromIndexUrl(url), stage: stage.stage.name });
    }
  }

  private workdir(instruction: Instruction, stage: StageState): void {
    const { source } = instruction;
    const raw = source.text.slice(instruction.argsOffset).trim();
    if (raw === '') {
      this.problem(instruction, 'error', 'WORKDIR requires exactly one argument');
      return;
    }
    const path = this.arg(source, { raw, start: instruction.argsOffset, end: instruction.argsOffset + raw.length }, stage.lookup);
    stage.workdir = joinPath(stage.workdir, path.value);
  }

  private copy(instruction: Instruction, stage: StageState): void {
    const { source } = instruction;
    const { flags, rest } = this.flags(instruction, stage.lookup);
    const json = parseJsonArgs(source.text, rest);
    const values =
      json !== null
        ? json.map((arg) => arg.value)
        : wordsOf(source, rest, this.escape).map((word) => this.arg(source, word, stage.lookup).value);
    const dest = values.pop();
    if (dest === undefined || values.length === 0) {
      this.problem(instruction, 'error', `${instruction.keyword} requires at least two arguments: a source and a destination`);
      return;
    }
    // Heredoc sources are written inline, and remote ones come from no file of the repository.
    const remote = (value: string): boolean => instruction.keyword === 'ADD' && REMOTE_SOURCE.test(value);
    for (const url of values.filter(remote)) {
      const into = dest.endsWith('/') || values.length > 1;
      stage.fetched.push(joinPath(stage.workdir, into ? `${dest}/${url.split(/[?#]/)[0]!.replace(/\/+$/, '').split('/').pop()}` : dest));
    }
    const sources = values.filter((value) => heredocWord(value) === null && !remote(value));
    if (sources.length === 0) return;
    const from = flags.get('from')?.[0]?.value ?? null;
    const named = from === null ? null : this.stageNamed(from);
    const intoDirectory = dest === '.' || dest.endsWith('/') || values.length > 1;
    const copy: DockerCopy = {
      sources,
      dest: `${joinPath(stage.workdir, dest)}${intoDirectory ? '/' : ''}`.replace(/\/\/$/, '/'),
      fromStage: named?.stage.name ?? from,
      line: instruction.line,
    };
    stage.stage.copies.push(copy);
    stage.placements.push({ ...placement(sources, copy.dest), from: named ?? (from === null ? null : 'image') });
  }

  /** A stage by its name, or (as COPY --from allows) its index. */
  private stageNamed(name: string): StageState | null {
    const byName = this.stagesByAlias.get(name.toLowerCase());
    if (byName !== undefined) return byName;
    return /^\d+$/.test(name) ? (this.stages[Number(name)] ?? null) : null;
  }

  /** The context path a container path came from: through mounts, then the stage's copies (latest first). */
  private resolve(mounts: Placement[], stage: StageState, target: string): string | null {
    for (const mount of mounts) {
      const found = sourceOf(mount, target);
      if (found !== null) return found;
    }
    let state: StageState | null = stage;
    let path = target;
    let index = stage.placements.length - 1;
    for (let examined = 0; state !== null && examined < MAX_PLACEMENTS_EXAMINED; examined += 1) {
      const copy: CopyPlacement | undefined = state.placements[index];
      if (copy === undefined) {
        // Nothing in this stage put it there: the stage it is built FROM may have.
        state = state.parent;
        index = state === null ? -1 : state.placements.length - 1;
        continue;
      }
      index -= 1;
      const found = sourceOf(copy, path);
      if (found === null) continue;
      if (copy.from === null) return found;
      // Copied from another image, it is no file of ours; from another stage, follow it there.
      if (copy.from === 'image') return null;
      state = copy.from;
      path = `/${found}`;
      index = state.placements.length - 1;
    }
    return null;
  }

  private mounts(flags: ReadonlyMap<string, Arg[]>, stage: StageState): Placement[] {
    const mounts: Placement[] = [];
    for (const flag of flags.get('mount') ?? []) {
      const fields = new Map<string, string>();
      for (const field of flag.value.split(',')) {
        const equals = field.indexOf('=');
        fields.set((equals >= 0 ? field.slice(0, equals) : field).trim().toLowerCase(), equals >= 0 ? field.slice(equals + 1).trim() : '');
      }
      if ((fields.get('type') ?? 'bind') !== 'bind' || fields.has('from')) continue;
      const target = fields.get('target') ?? fields.get('dst') ?? fields.get('destination');
      if (target === undefined) continue;
      mounts.push(placement([fields.get('source') ?? fields.get('src') ?? ''], joinPath(stage.workdir, target)));
    }
    return mounts;
  }

  private run(instruction: Instruction, stage: StageState): void {
    const { source } = instruction;
    const { flags, rest } = this.flags(instruction, stage.lookup);
    const mounts = this.mounts(flags, stage);
    const scope: RunScope = {
      stage: stage.stage.name,
      lookup: stage.lookup,
      contextPath: (target) => this.resolve(mounts, stage, target),
      explainUnset: this.explainUnset,
      facts: this.facts,
      notChecked: this.notChecked,
      fetched: stage.fetched,
      nextBranchId: this.nextBranchId,
      distroPython: stage.distroPython,
      contextFiles: this.contextFiles,
    };
    const state: ShellState = { vars: new Map(), cwd: stage.workdir };
    const json = parseJsonArgs(source.text, rest);
    if (json !== null) {
      readExecForm(scope, state, source, json);
      return;
    }
    // An unterminated heredoc swallowed the rest of the file: what it holds is not a script.
    const heredocs = instruction.heredocs.filter((heredoc) => heredoc.terminated);
    const only = heredocs[0];
    if (only !== undefined && heredocWord(source.text.slice(rest).trim()) !== null) {
      readHeredocScript(scope, state, only);
      return;
    }
    readShellScript(scope, state, sliceSource(source, rest), this.escape, heredocs);
  }
}

/** Reads a Dockerfile: its stages and what they install. Never throws; bad input becomes diagnostics. */
export function parseDockerfile(path: string, text: string, options: DockerfileOptions = {}): DockerfileParse {
  const { instructions, escape, problems } = readDockerfile(text);
  const reader = new DockerfileReader(path, escape, options.buildArgs ?? {}, options.contextFiles, problems);
  for (const instruction of instructions) reader.read(instruction);
  if (reader.stages.length === 0) {
    reader.problems.push({ line: 1, severity: 'error', message: 'no FROM instruction: this is not a Dockerfile BuildKit can build' });
  }
  // Array.prototype.sort is stable: problems on one line keep the order they were found in.
  const diagnostics = reader.problems
    .sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0))
    .map((problem): Diagnostic => {
      const diagnostic: Diagnostic =
        problem.column === undefined
          ? { file: path, line: problem.line, severity: problem.severity, message: problem.message }
          : { file: path, line: problem.line, column: problem.column, severity: problem.severity, message: problem.message };
      if (problem.rule !== undefined) diagnostic.rule = problem.rule;
      if (problem.fix !== undefined) diagnostic.fix = problem.fix;
      return diagnostic;
    });
  // Only files that have one carry the field: `parse` prints every other file as before.
  if (reader.facts.remoteIncludes.length > 0) reader.file.remoteIncludes = reader.facts.remoteIncludes;
  if (reader.facts.buildTimeIndexes.length > 0) reader.file.buildTimeIndexes = reader.facts.buildTimeIndexes;
  return { file: reader.file, diagnostics, stages: reader.stages.map((state) => state.stage) };
}
