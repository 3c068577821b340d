// A repository as one ParseResult: every discovered file read once, `-r`/`-c` includes and the files
// Dockerfiles `pip install -r` followed, and the install sets (which files pip installs together).

import * as posix from 'node:path/posix';
import type { Diagnostic, FileKind, Include, InstallSet, ParsedFile, ParseResult } from '../model.js';
import { trackedFiles } from '../github/git.js';
import { createFileSource, discoverFiles, type DiscoveredFile, type FileSource } from './discover.js';
import type { DockerStage } from './dockerfile.js';
import { loadReaders, type FileReaders } from './readers.js';
import { parseRequirementsFile } from './requirements/reader.js';
import { scanSuppressions } from './suppressions.js';
import { decodeText } from './text.js';

export interface ReadOptions {
  /** Variables `${NAME}` expands to in requirements files, as pip does; see `expandableEnvironment`. */
  env?: Record<string, string | undefined>;
  /** Build arguments by Dockerfile path, as `docker build --build-arg` gives them (null: computed when the build runs). */
  buildArgs?: ReadonlyMap<string, Record<string, string | null>>;
  /** Told how many files were found, before any is read (the engine sizes the heap by it). */
  discovered?: (files: number) => void;
  /** The readers of the kinds of the files to read but requirements files (see loadReaders). */
  readers?: FileReaders;
}

/** Reads the files under `root` that `targets` select (folders, files, globs; default: all). */
export async function readRepository(root: string, targets: readonly string[] = [], options: ReadOptions = {}): Promise<ParseResult> {
  const discovered = discoverRepository(root, targets);
  options.discovered?.(discovered.files.length);
  const readers = await loadReaders(discovered.files.map((file) => file.kind));
  return readDiscovered(discovered, { ...options, readers });
}

/** What readRepository reads: the files `targets` select, and where it reads them from. */
export interface RepositoryDiscovery {
  files: DiscoveredFile[];
  source: FileSource;
  diagnostics: Diagnostic[];
}

export function discoverRepository(root: string, targets: readonly string[]): RepositoryDiscovery {
  const discovered = discoverFiles(root, targets, trackedFiles(root));
  return { files: discovered.files, source: createFileSource(root, discovered.plainFiles), diagnostics: discovered.diagnostics };
}

/** Reads what discoverRepository found, with `options.readers` loaded for the kinds it found. */
export function readDiscovered(discovered: RepositoryDiscovery, options: ReadOptions): ParseResult {
  const result = parseRepository(discovered.files, discovered.source, options);
  result.diagnostics = [...discovered.diagnostics, ...result.diagnostics];
  return result;
}

/**
 * The environment pip would expand, minus anything secret-looking: an expanded `${GITHUB_TOKEN}` would
 * otherwise end up in reports and annotations.
 */
export function expandableEnvironment(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const safe: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(env)) {
    if (/TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|_KEY$|^INPUT_|^ACTIONS_/i.test(name)) continue;
    safe[name] = value;
  }
  return safe;
}

interface Reading {
  env: Record<string, string | undefined>;
  readers: FileReaders;
  buildArgs: ReadonlyMap<string, Record<string, string | null>>;
  files: Map<string, ParsedFile>;
  stages: Map<string, DockerStage[]>;
  diagnostics: Diagnostic[];
}

/** The pure core of readRepository: everything comes through `source`. */
export function parseRepository(discovered: readonly DiscoveredFile[], fileSource: FileSource, options: ReadOptions = {}): ParseResult {
  const reading: Reading = {
    env: options.env ?? {},
    readers: options.readers ?? {},
    buildArgs: options.buildArgs ?? new Map(),
    files: new Map(),
    stages: new Map(),
    diagnostics: [],
  };
  // A file can include another a hundred thousand times: the queue is read from its head (shift() on
  // a long queue made that quadratic), and each path is looked up on disk once.
  const source = rememberingIsFile(fileSource);
  const pending: Array<{ path: string; kind: FileKind }> = [...discovered];
  for (let head = 0; head < pending.length; head++) {
    const next = pending[head] as { path: string; kind: FileKind };
    if (reading.files.has(next.path)) continue;
    const parsed = readOne(next.path, next.kind, source, reading);
    if (!parsed) continue;
    if (parsed.kind === 'dockerfile') {
      parsed.includes = parsed.includes.flatMap(
        (include) => resolveBuildContextPath(parsed.path, include, source, reading.diagnostics) ?? [],
      );
    }
    for (const include of parsed.includes) {
      if (!reading.files.has(include.path) && source.isFile(include.path)) {
        pending.push({ path: include.path, kind: include.constraint ? 'constraints' : 'requirements' });
      } else if (!source.isFile(include.path)) {
        reading.diagnostics.push(unreadInclude(parsed.path, include, source));
      }
    }
  }
  const files = [...reading.files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  reportIncludeCycles(files, reading.files, reading.diagnostics);
  return { files, installSets: buildInstallSets(files, reading), diagnostics: reading.diagnostics };
}

function readOne(path: string, kind: FileKind, source: FileSource, reading: Reading): ParsedFile | null {
  const bytes = source.read(path);
  if (!bytes.ok) {
    reading.diagnostics.push({ file: path, line: 1, severity: 'error', message: `${path} ${bytes.message}` });
    return null;
  }
  const decoded = decodeText(bytes.bytes, kind);
  if (!decoded.ok) {
    reading.diagnostics.push({
      file: path,
      line: decoded.at?.line ?? 1,
      column: decoded.at?.column,
      severity: 'error',
      message: `${path}: ${decoded.message}`,
    });
    return null;
  }
  if (decoded.caveat) {
    const { severity, message, at } = decoded.caveat;
    reading.diagnostics.push({ file: path, line: at.line, column: at.column, severity, message: `${path}: ${message}` });
  }
  let parsed: { file: ParsedFile; diagnostics: Diagnostic[] };
  if (kind === 'conda') {
    const conda = loaded(reading.readers.conda, kind);
    // `environment-gpu.yml` or `conda.yaml` without `dependencies:` is some other tool's file.
    if (!conda.isCondaEnvironment(decoded.text)) return null;
    parsed = conda.parseCondaEnvironment(path, decoded.text, { env: reading.env });
  } else if (kind === 'dockerfile') {
    const buildArgs = reading.buildArgs.get(path);
    const contextFiles = (folder: string): readonly string[] => {
      for (const candidate of contextCandidates(path, folder)) {
        const names = source.list?.(candidate);
        if (names) return names;
      }
      return [];
    };
    const dockerfile = loaded(reading.readers.dockerfile, kind)(
      path,
      decoded.text,
      buildArgs ? { buildArgs, contextFiles } : { contextFiles },
    );
    reading.stages.set(path, dockerfile.stages);
    parsed = dockerfile;
  } else if (kind === 'pyproject') {
    parsed = loaded(reading.readers.pyproject, kind)(path, decoded.text);
  } else {
    parsed = parseRequirementsFile(path, decoded.text, {
      constraint: kind === 'constraints',
      env: reading.env,
    });
  }
  parsed.file.suppressions = scanSuppressions(decoded.text);
  reading.files.set(path, parsed.file);
  // A loop, not push(...): a file can hold more diagnostics than a call has room for arguments.
  for (const diagnostic of parsed.diagnostics) reading.diagnostics.push(diagnostic);
  return parsed.file;
}

/** A reader the caller must have loaded (loadReaders) for the kinds of the files it reads. */
function loaded<Reader>(reader: Reader | undefined, kind: FileKind): Reader {
  if (reader === undefined) throw new Error(`the ${kind} reader is not loaded: loadReaders must be given the kinds of the files read`);
  return reader;
}

/** `source`, answering isFile once per path. */
function rememberingIsFile(source: FileSource): FileSource {
  const answers = new Map<string, boolean>();
  return {
    read: (path) => source.read(path),
    leadsOutside: (path) => source.leadsOutside(path),
    list: (path) => source.list?.(path) ?? null,
    isFile: (path) => {
      let answer = answers.get(path);
      if (answer === undefined) {
        answer = source.isFile(path);
        answers.set(path, answer);
      }
      return answer;
    },
  };
}

/** Why an include is not read: it leads out of the repository through a symlink (`etc -> /etc`), or nothing is there. */
function unreadInclude(file: string, include: Include, source: FileSource): Diagnostic {
  const flag = include.constraint ? '-c' : '-r';
  return source.leadsOutside(include.path)
    ? {
        file,
        line: include.line,
        severity: 'error',
        message: `${flag} ${include.path} leads outside the repository through a symlink; not read`,
      }
    : { file, line: include.line, severity: 'warning', message: `${flag} ${include.path}: no such file in the repository; not checked` };
}

/**
 * A Dockerfile names files relative to its build context, which the repository does not record: the
 * Dockerfile's own folder is the usual context, the repository root the next most usual. An absolute
 * path the reader could not trace back through COPY is a file inside the image, not in the repository.
 */
function resolveBuildContextPath(dockerfile: string, include: Include, source: FileSource, diagnostics: Diagnostic[]): Include | null {
  if (include.path.startsWith('/')) {
    diagnostics.push({
      file: dockerfile,
      line: include.line,
      severity: 'notice',
      message: `pip install -r ${include.path}: no COPY or mount brings this file from the build context; not checked`,
    });
    return null;
  }
  const candidates = contextCandidates(dockerfile, include.path);
  const found = candidates.find((candidate) => source.isFile(candidate));
  if (found !== undefined) return { ...include, path: found };
  const outside = candidates.find((candidate) => source.leadsOutside(candidate));
  const message =
    candidates.length === 0
      ? `pip install -r ${include.path} refers outside the repository; not read`
      : outside !== undefined
        ? `pip install -r ${include.path}: ${outside} leads outside the repository through a symlink; not read`
        : `pip install -r ${include.path}: not found in the build context (looked for ${candidates.join(' and ')}); not checked`;
  diagnostics.push({ file: dockerfile, line: include.line, severity: 'warning', message });
  return null;
}

/** Where a build-context path may be in the repository: from the Dockerfile's folder, then from the root. */
function contextCandidates(dockerfile: string, contextPath: string): string[] {
  const written = contextPath.replace(/^\.\//, '');
  return [...new Set([posix.normalize(posix.join(posix.dirname(dockerfile), written)), posix.normalize(written)])].filter(
    (candidate) => !candidate.startsWith('../') && candidate !== '..',
  );
}

function reportIncludeCycles(files: readonly ParsedFile[], byPath: Map<string, ParsedFile>, diagnostics: Diagnostic[]): void {
  const state = new Map<string, 'open' | 'done'>();
  const reported = new Set<string>();
  for (const file of files) {
    if (file.kind === 'dockerfile' || state.has(file.path)) continue;
    // Iterative depth-first search: include chains can be arbitrarily long.
    const stack: Array<{ path: string; next: number }> = [{ path: file.path, next: 0 }];
    state.set(file.path, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { path: string; next: number };
      const includes = byPath.get(top.path)?.includes ?? [];
      if (top.next >= includes.length) {
        state.set(top.path, 'done');
        stack.pop();
        continue;
      }
      const include = includes[top.next++] as Include;
      const seen = state.get(include.path);
      if (seen === 'open') {
        const chain = [...stack.slice(stack.findIndex((frame) => frame.path === include.path)).map((frame) => frame.path), include.path];
        const key = [...chain].sort().join('\n');
        if (!reported.has(key)) {
          reported.add(key);
          diagnostics.push({
            file: top.path,
            line: include.line,
            severity: 'error',
            message: `include cycle: ${chain.join(' -> ')} (pip would recurse without end)`,
          });
        }
      } else if (seen === undefined && byPath.has(include.path)) {
        state.set(include.path, 'open');
        stack.push({ path: include.path, next: 0 });
      }
    }
  }
}

function buildInstallSets(files: readonly ParsedFile[], reading: Reading): InstallSet[] {
  const included = new Set<string>();
  for (const file of files) {
    if (file.kind !== 'dockerfile') for (const include of file.includes) included.add(include.path);
  }
  // The files each root (a requirements file nothing includes) installs with it.
  const closures = new Map<string, string[]>();
  const reached = new Set<string>();
  for (const file of files) {
    // A file an environment's pip list installs is checked with the environment.
    if (file.kind === 'conda') for (const path of closure([file.path], reading.files)) reached.add(path);
    if ((file.kind === 'requirements' || file.kind === 'constraints') && !included.has(file.path)) {
      const installed = closure([file.path], reading.files);
      closures.set(file.path, installed);
      for (const path of installed) reached.add(path);
    }
  }
  const sets: InstallSet[] = [];
  for (const file of files) {
    if (file.kind === 'requirements' || file.kind === 'constraints') {
      // Files that only a `-r` cycle includes are reached from no root, yet they are someone's
      // requirements: each such cycle is checked as one set, named by its first file.
      if (reached.has(file.path) && !closures.has(file.path)) continue;
      const installed = closures.get(file.path) ?? closure([file.path], reading.files);
      for (const path of installed) reached.add(path);
      sets.push({ id: file.path, file: file.path, stages: null, files: installed });
    } else if (file.kind === 'pyproject') {
      sets.push({ id: file.path, file: file.path, stages: null, files: [file.path] });
    } else if (file.kind === 'conda') {
      // An environment is an install set of its own, with the files its pip list installs.
      sets.push({ id: file.path, file: file.path, stages: null, files: closure([file.path], reading.files) });
    } else {
      for (const set of dockerfileSets(file, reading)) sets.push(set);
    }
  }
  return sets;
}

/**
 * Build stages of one Dockerfile checked as install sets. Each set holds its stage's whole FROM chain,
 * so that a file of thousands of stages each built FROM the one before cost the square of their
 * number (20,000 stages did not finish in minutes); real Dockerfiles have a handful.
 */
export const MAX_CHECKED_STAGES = 100;

/**
 * One set per stage (the first MAX_CHECKED_STAGES): the stage and the stages it is built FROM, and
 * every file they pip-install.
 */
function dockerfileSets(file: ParsedFile, reading: Reading): InstallSet[] {
  const all = reading.stages.get(file.path) ?? [];
  const stages = all.length > MAX_CHECKED_STAGES ? all.slice(0, MAX_CHECKED_STAGES) : all;
  const firstUnchecked = all[MAX_CHECKED_STAGES];
  if (firstUnchecked) {
    reading.diagnostics.push({
      file: file.path,
      line: firstUnchecked.line,
      severity: 'warning',
      message: `${all.length} build stages: the first ${MAX_CHECKED_STAGES} are checked, each with the stages it is built FROM, and the others from here on are not (the files they pip install -r are still checked on their own)`,
    });
  }
  const byName = new Map(stages.map((stage) => [stage.name, stage]));
  return stages.map((stage) => {
    const chain: string[] = [];
    for (
      let current: DockerStage | undefined = stage;
      current && !chain.includes(current.name);
      current = current.parent ? byName.get(current.parent) : undefined
    ) {
      chain.push(current.name);
    }
    const installed = file.includes
      .filter((include) => include.stage != null && chain.includes(include.stage))
      .map((include) => include.path);
    return {
      id: stages.length === 1 ? file.path : `${file.path}#${stage.name}`,
      file: file.path,
      stages: chain,
      files: [file.path, ...closure(installed, reading.files).filter((path) => path !== file.path)],
    };
  });
}

function closure(roots: readonly string[], byPath: Map<string, ParsedFile>): string[] {
  const seen = new Set<string>();
  const queue = [...roots];
  for (let head = 0; head < queue.length; head++) {
    const path = queue[head] as string;
    if (seen.has(path)) continue;
    seen.add(path);
    for (const include of byPath.get(path)?.includes ?? []) if (!seen.has(include.path)) queue.push(include.path);
  }
  return [...seen].filter((path) => byPath.has(path));
}
