// The records that flow parse -> check -> report. They are plain data (JSON-serialisable) so that
// `compat-guard parse` and the JSON report can print them as they are, and `check` reads the same
// records `parse` prints.
//
// Positions are 1-based and both ends are inclusive, as the contract's example shows: the
// 13-character token `numpy==1.24.4` at column 1 has endColumn 13. (SARIF's endColumn is exclusive:
// its writer adds one.)

export type Severity = 'error' | 'warning' | 'notice';

/** Highest first. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'notice'];

/** 2 for error, 1 for warning, 0 for notice: compare with `>=`. */
export function severityRank(severity: Severity): number {
  return severity === 'error' ? 2 : severity === 'warning' ? 1 : 0;
}

export type FileKind = 'requirements' | 'constraints' | 'pyproject' | 'dockerfile' | 'conda';

/** Where a token sits in its file. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** One PEP 508 requirement as pip reads it, wherever it was written. */
export interface Requirement {
  /** The name as written. */
  name: string;
  /** PEP 503 normalised name. */
  key: string;
  /** Lower-case, sorted, de-duplicated. */
  extras: readonly string[];
  /** The PEP 440 specifier set as written (whitespace removed), "" when none. */
  specifier: string;
  /** The marker as written (trimmed), null when none. */
  marker: string | null;
  /** `name @ url`, or the URL / path of a URL, path or editable requirement. */
  url: string | null;
  editable: boolean;
  /** Read through `-c` (or from a constraints file). */
  constraint: boolean;
  /** First and last physical line of the requirement (a `\` continuation keeps the first line). */
  line: number;
  endLine: number;
  /** The requirement token itself (name through specifier/marker), for annotations. */
  column: number;
  endColumn: number;
  /** Dockerfile only: the build stage (its `AS` name, or its 0-based index as a string) that installs it. */
  stage?: string | null;
  /**
   * Dockerfile only: the shell branches the installing command is in, each `id:arm` (an `if`/`case`
   * arm, or a side of a `||` list). Two requirements with the same id and different arms never run
   * together (see branchesExclusive).
   */
  branches?: readonly string[];
  /** Dockerfile only: which `pip install` of the file reads it (1, 2, ... in build order). */
  install?: number;
  /** `--hash=...` values given on the requirement line (requirements files only). */
  hashes?: string[];
  /** pyproject.toml only: where it was declared, e.g. `project.dependencies`,
   *  `project.optional-dependencies.gpu`, `dependency-groups.dev`, `build-system.requires`,
   *  `tool.poetry.dependencies`. */
  group?: string;
  /**
   * Set when conda (or mamba, micromamba) installs it, not pip: a conda package spec, its `name` the
   * conda package (`pytorch`), its `key` the PyPI project it is (`torch`), its specifier the PEP 440
   * set of the versions conda admits (parse/conda-spec.ts). Absent for pip's requirements.
   * `image`: no command wrote it; the stage's base image ships it (`torch==2.5.1` of
   * `FROM pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime`, its token the version in the tag), and pip
   * replaces it when the set installs that package itself (check/image-pins.ts).
   */
  installer?: 'conda' | 'image';
}

/** Where a fact's token sits: its line, and its columns when known. */
export interface FactPosition {
  line: number;
  column?: number;
  /**
   * Set only when the token ends on a later line than it starts (a Dockerfile token split by a `\`
   * continuation, a TOML multi-line string), so that `endColumn` is read on that line; otherwise both
   * ends are on `line`.
   */
  endLine?: number;
  endColumn?: number;
}

/** A fact's position from its token's span: `endLine` only where the token ends on a later line. */
export function factPosition(span: Span): FactPosition {
  if (span.endLine === span.line) return { line: span.line, column: span.column, endColumn: span.endColumn };
  return { line: span.line, column: span.column, endLine: span.endLine, endColumn: span.endColumn };
}

/** A Python interpreter version the file selects. */
export interface PythonFact extends FactPosition {
  /** As precise as the source says: "3.10", "3.11.9". */
  version: string;
  /** The text it was read from, e.g. `apt-get install python3.10`, `python:3.11-slim`. */
  source: string;
  stage?: string | null;
}

/** A CUDA toolkit version the file selects (base image tag, ENV CUDA_VERSION). */
export interface CudaFact extends FactPosition {
  /** "12.1.1" or "12.1" as written. */
  version: string;
  source: string;
  stage?: string | null;
}

/** A `FROM` image. */
export interface ImageRef extends FactPosition {
  /** The reference after ARG expansion, as it would be pulled. */
  ref: string;
  /** Repository without tag/digest, e.g. `nvidia/cuda`, `ghcr.io:443/org/img`. */
  name: string;
  tag: string | null;
  digest: string | null;
  /** This stage's `AS` name, or null. */
  stage: string | null;
  /** 0-based stage index. */
  stageIndex?: number;
  /** When FROM names an earlier stage instead of an image. */
  fromStage?: string | null;
  platform?: string | null;
  /**
   * How the container that runs the image gets GPUs, where the file that runs it says so (a compose
   * service); absent where that is unknown (a Dockerfile's image runs wherever it is run).
   */
  runtime?: ContainerRuntime;
}

/** What a compose service says about its container, as the NVIDIA container toolkit reads it. */
export interface ContainerRuntime {
  /** GPUs are asked for: `deploy.resources.reservations.devices` (gpu capability or nvidia driver), `runtime: nvidia` or `gpus:`. */
  gpuRequested: boolean;
  /** The service sets NVIDIA_DISABLE_REQUIRE true: the toolkit does not check the image's NVIDIA_REQUIRE_CUDA. */
  requireDisabled: boolean;
}

/** A package index or find-links location. */
export interface IndexFact extends FactPosition {
  url: string;
  kind?: 'index-url' | 'extra-index-url' | 'find-links';
  /** CUDA version the PyTorch index selects: `.../whl/cu121` -> "12.1"; "cpu" for `/whl/cpu`; null otherwise. */
  cuda?: string | null;
  stage?: string | null;
}

/** An edge `-r other.txt` / `-c other.txt`, or a Dockerfile `pip install -r` of a repository file. */
export interface Include {
  /** Repository-relative path of the included file, with `/`. */
  path: string;
  line: number;
  constraint: boolean;
  stage?: string | null;
  /** Dockerfile only: which `pip install` of the file reads it (1, 2, ... in build order). */
  install?: number;
}

/**
 * `-r URL` / `-c URL` naming an http(s) file, after `${VAR}` / ARG expansion. Read as a file of the
 * install set only when the index checks are online (src/index/remote-files.ts); otherwise the
 * reader's "not fetched" diagnostic stands.
 */
export interface RemoteInclude extends FactPosition {
  /** Without credentials (they are not kept: `parse` prints these). */
  url: string;
  constraint: boolean;
  stage?: string | null;
}

/** `# compat-guard: ignore[rule-a,rule-b]` silences those rules on `line`. */
export interface Suppression {
  line: number;
  rules: string[];
}

export interface ParsedFile {
  /** Repository-relative, with `/`. */
  path: string;
  kind: FileKind;
  requirements: Requirement[];
  python: PythonFact[];
  cuda: CudaFact[];
  images: ImageRef[];
  indexes: IndexFact[];
  includes: Include[];
  suppressions: Suppression[];
  /** conda environment files: the `channels:` entries, in order. */
  channels?: Array<{ name: string } & FactPosition>;
  /** `-r`/`-c` of http(s) URLs; absent when there is none. */
  remoteIncludes?: RemoteInclude[];
  /**
   * Package indexes whose URL is known only when the image is built (`--index-url $INDEX_URL`, a
   * build argument): a stage that reads one may install from any index. Absent when there is none.
   */
  buildTimeIndexes?: Array<{ stage: string | null } & FactPosition>;
  /** pyproject.toml `requires-python` (or Poetry's `python = "^3.10"`, translated), as a PEP 440 specifier. */
  requiresPython?: ({ specifier: string } & FactPosition) | null;
}

/**
 * A requirement of a name and a specifier only (no extras, marker or URL), at `span`: what a conda spec or
 * a base image's tag gives, as opposed to a PEP 508 string.
 */
export function bareRequirement(name: string, key: string, specifier: string, span: Span): Requirement {
  return {
    name,
    key,
    extras: [],
    specifier,
    marker: null,
    url: null,
    editable: false,
    constraint: false,
    line: span.line,
    endLine: span.endLine,
    column: span.column,
    endColumn: span.endColumn,
  };
}

/** A file with nothing read from it yet: each reader fills the lists (key order is `parse`'s output order). */
export function emptyFile(path: string, kind: FileKind): ParsedFile {
  return { path, kind, requirements: [], python: [], cuda: [], images: [], indexes: [], includes: [], suppressions: [] };
}

export interface Diagnostic {
  file: string;
  line: number;
  column?: number;
  severity: Severity;
  message: string;
  /** The rule this is reported as, when not `parse-error` (a reader-found rule such as `shell-redirect-in-requirement`). */
  rule?: string;
  /** The text to write instead, when the reader knows it. */
  fix?: string;
}

/**
 * Files whose requirements pip installs together: conflicts only matter inside one set.
 * A root requirements file with its -r/-c closure; a Dockerfile stage (with the stages it builds on)
 * and the files it installs; a pyproject.toml.
 */
export interface InstallSet {
  /** Stable, readable: `requirements.txt`, `Dockerfile#runtime`, `pyproject.toml`. */
  id: string;
  file: string;
  /** Dockerfile stages whose facts belong to the set (the stage and those it is built FROM); null otherwise. */
  stages: string[] | null;
  /** Every file of the set (the root first); for the root Dockerfile only facts of `stages` count. */
  files: string[];
}

export interface ParseResult {
  files: ParsedFile[];
  installSets: InstallSet[];
  diagnostics: Diagnostic[];
}

export interface RelatedLocation {
  file: string;
  line: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  message?: string;
}

export interface Finding {
  /** Stable kebab-case id, documented in docs/rules.md. */
  rule: string;
  severity: Severity;
  /** What is wrong, why (profile policy, or the fact and its source), and what to pin instead. */
  message: string;
  /** null for runtime findings that belong to no line (e.g. "no CUDA device"). */
  file: string | null;
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
  /** PEP 503 name, or null. */
  package: string | null;
  expected?: string | null;
  actual?: string | null;
  /** The text to write instead, e.g. `numpy==1.23.5`. */
  fix?: string | null;
  related?: RelatedLocation[];
  /** Set by the report stage when a diff filter applies. */
  inDiff?: boolean;
  /** URL of the fact behind the finding. */
  source?: string | null;
  /** `static` (default) or `runtime`. */
  origin?: 'static' | 'runtime';
}

/** What a rule is, for docs, SARIF and `--help`. */
export interface RuleInfo {
  id: string;
  severity: Severity;
  /** One line: what the rule reports. */
  summary: string;
}

/** PEP 503 name normalisation. */
export function canonicalName(name: string): string {
  // Most names are already normal: check before building a new string.
  for (let index = 0; index < name.length; index++) {
    const c = name.charCodeAt(index);
    const normal = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c === 0x2d && name.charCodeAt(index - 1) !== 0x2d);
    if (!normal) return name.replace(/[-_.]+/g, '-').toLowerCase();
  }
  return name;
}
