// Finding and reading the repository's files: the only part of the reader that touches the file
// system. Nothing outside the root is ever read: explicit paths, includes and symlinks that lead out
// are refused with a diagnostic.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, FileKind } from '../model.js';
import { isIgnored, parseGitignore, type IgnoreRules } from './gitignore.js';
import { globToRegExp, hasGlobChars } from './glob.js';

export interface DiscoveredFile {
  /** Repository-relative, with `/`. */
  path: string;
  kind: FileKind;
}

export type ReadResult = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

/** How the reader reaches file contents: the real file system here, a map in tests. */
export interface FileSource {
  /** The file's bytes, valid until the next read (one buffer serves every file). */
  read(relativePath: string): ReadResult;
  isFile(relativePath: string): boolean;
  /**
   * Whether `relativePath` leads out of the root, through a symlink on the way (`etc -> /etc` takes
   * `etc/passwd` out), whether or not a file is at its end: why a path that is no file is not read.
   */
  leadsOutside(relativePath: string): boolean;
  /** The names of the plain files in a folder (`''`: the root), sorted; null when it is no folder. */
  list?(relativePath: string): string[] | null;
}

/** Larger files are refused: no requirements file or Dockerfile is anywhere near this. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;
/** Bounds a walk through a pathological tree; the rest of the repository is still checked. */
const MAX_ENTRIES = 500_000;

const SKIPPED_FOLDERS = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  '.tox',
  '.nox',
  '.venv',
  'venv',
  'site-packages',
  '__pycache__',
  '.eggs',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  'build',
  'dist',
  '_build',
  '.cache',
]);

/**
 * Names that end in `.in` but are templates, not pip-tools inputs: setuptools manifests, CMake,
 * autoconf and automake inputs, and any `NAME.EXT.in` that renders to another kind of file.
 */
const TEMPLATE_IN =
  /^(?:manifest|makefile|config|configure)(?:[._-].*)?\.in$|\.(?:cmake|h|hh|hpp|c|cc|cpp|cu|py|pyx|pxd|sh|bash|txt|cfg|ini|toml|ya?ml|json|xml|html?|pc|spec|rst|md|am|ac|m4|conf|service|desktop|rb|js|ts|tmpl|j2)\.in$/i;
/**
 * Files named like a Dockerfile that are not one: BuildKit's per-Dockerfile ignore file, notes,
 * scripts, and templates rendered into a Dockerfile (`Dockerfile-uv.jinja`, `Dockerfile.in`).
 */
const NOT_A_DOCKERFILE =
  /\.(?:dockerignore|md|rst|txt|sh|py|ya?ml|json|toml|lock|jinja2?|j2|tmpl|tpl|template|in|erb|mustache|hbs|njk|bak|orig|swp)$/i;

function isDockerfileName(lower: string): boolean {
  if (NOT_A_DOCKERFILE.test(lower)) return false;
  return (
    lower === 'dockerfile' ||
    lower === 'containerfile' ||
    /^(?:dockerfile[._-]|containerfile\.)/.test(lower) ||
    lower.endsWith('.dockerfile')
  );
}

/**
 * The names conda environment files go by: `environment.yml` and `.yaml`, and the broader
 * `environment*.yml` and `conda*.yml` (kept only where conda-environment.ts `isCondaEnvironment` says so).
 */
function isCondaEnvironmentName(base: string): boolean {
  return /^(?:environment|conda)[^/]*\.ya?ml$/i.test(base);
}

/**
 * The kind a discovered file is read as, or null when discovery leaves it alone. `isFile` answers
 * whether a repository-relative path is a file: `X.in` is a pip-tools input only beside the `X.txt`
 * compiled from it (without it, only the names below say so).
 */
export function kindOfPath(relativePath: string, isFile: (relativePath: string) => boolean = () => false): FileKind | null {
  const base = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  const lower = base.toLowerCase();
  if (base === 'pyproject.toml') return 'pyproject';
  if (isDockerfileName(lower)) return 'dockerfile';
  if (isCondaEnvironmentName(base)) return 'conda';
  const inRequirementsFolder = /(^|\/)requirements\//i.test(relativePath);
  if (lower.endsWith('.txt')) {
    if (lower.startsWith('constraints')) return 'constraints';
    if (lower.startsWith('requirement') || /[-_]requirements\.txt$/.test(lower) || inRequirementsFolder) return 'requirements';
    return null;
  }
  // pip-tools and `uv pip compile` inputs; everything else named *.in is a template of some other file.
  if (!lower.endsWith('.in') || TEMPLATE_IN.test(lower)) return null;
  if (lower.startsWith('constraints')) return 'constraints';
  if (lower.startsWith('requirement') || inRequirementsFolder || isFile(`${relativePath.slice(0, -3)}.txt`)) return 'requirements';
  return null;
}

/** The kind of a file the user named explicitly: its name decides, else it is read as requirements. */
function kindOfExplicitPath(relativePath: string): FileKind {
  const known = kindOfPath(relativePath);
  if (known) return known;
  const lower = relativePath.toLowerCase();
  if (lower.endsWith('.toml')) return 'pyproject';
  if (lower.endsWith('.yml') || lower.endsWith('.yaml')) return 'conda';
  if (/(docker|container)file/.test(lower)) return 'dockerfile';
  return 'requirements';
}

function toRelative(root: string, absolute: string): string | null {
  const relative = path.relative(root, absolute);
  if (relative === '') return '';
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return relative.split(path.sep).join('/');
}

/**
 * `plainFiles`: regular files the walk reached through real folders (no symlink on the way), which
 * need no symlink resolution; they are opened with O_NOFOLLOW, so that one replaced by a symlink since
 * the walk is refused rather than followed.
 */
export function createFileSource(root: string, plainFiles: ReadonlySet<string> = new Set()): FileSource {
  const realRoot = safeRealpath(root) ?? root;
  const buffer = new ReadBuffer();
  const resolveInside = (relativePath: string): { ok: true; real: string } | { ok: false; message: string } => {
    const absolute = path.resolve(root, relativePath);
    if (toRelative(root, absolute) === null) return { ok: false, message: 'outside the repository; not read' };
    let real: string;
    try {
      // The native realpath is one system call; the JavaScript one lstats every path component.
      real = fs.realpathSync.native(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') return { ok: false, message: 'symlink loop; not read' };
      if (code === 'ENOENT') return { ok: false, message: 'no such file' };
      return { ok: false, message: `cannot be read (${code ?? 'error'})` };
    }
    if (toRelative(realRoot, real) === null) {
      return { ok: false, message: 'is a symlink to outside the repository; not read' };
    }
    return { ok: true, real };
  };
  return {
    list(relativePath) {
      const resolved = resolveInside(relativePath === '' ? '.' : relativePath);
      if (!resolved.ok) return null;
      try {
        return fs
          .readdirSync(resolved.real, { withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => entry.name)
          .sort();
      } catch {
        return null;
      }
    },
    read(relativePath) {
      if (plainFiles.has(relativePath)) return readRegularFile(path.join(root, relativePath), NO_FOLLOW, buffer);
      const resolved = resolveInside(relativePath);
      return resolved.ok ? readRegularFile(resolved.real, 0, buffer) : resolved;
    },
    isFile(relativePath) {
      if (plainFiles.has(relativePath)) return true;
      const resolved = resolveInside(relativePath);
      if (!resolved.ok) return false;
      try {
        return fs.statSync(resolved.real).isFile();
      } catch {
        return false;
      }
    },
    leadsOutside(relativePath) {
      const absolute = path.resolve(root, relativePath);
      if (toRelative(root, absolute) === null) return true;
      // The longest part of the path that exists decides: a missing file below `etc -> /etc` is outside
      // too, and so is one below a link to a place outside that does not exist (`etc -> /gone`).
      for (let existing = absolute; toRelative(root, existing) !== null; existing = path.dirname(existing)) {
        const real = safeRealpath(existing);
        if (real !== null) return toRelative(realRoot, real) === null;
        const target = danglingLinkTarget(existing);
        if (target !== null && toRelative(realRoot, path.resolve(path.dirname(existing), target)) === null) return true;
      }
      return false;
    },
  };
}

/**
 * Files to read: every discoverable file below each folder in `targets`, each explicit file, and each
 * glob's matches, less what a target starting with `!` excludes (a file, a folder's tree, or a glob's
 * matches). No targets (or only exclusions) means the whole root.
 */
export interface Discovery {
  files: DiscoveredFile[];
  diagnostics: Diagnostic[];
  /** Files the walk found as regular files below real folders: see createFileSource. */
  plainFiles: Set<string>;
}

/**
 * `tracked`: the files git tracks below the root (see trackedFiles), or null outside a git checkout.
 * A tracked file is read even where a .gitignore pattern matches it: .gitignore hides untracked files
 * only. Without git, .gitignore patterns hide what they match.
 */
export function discoverFiles(root: string, targets: readonly string[], tracked: ReadonlySet<string> | null = null): Discovery {
  const diagnostics: Diagnostic[] = [];
  const plainFiles = new Set<string>();
  const found = new Map<string, FileKind>();
  const globs: RegExp[] = [];
  const folders: string[] = [];
  const excluded = exclusions(targets);
  const included = targets.filter((target) => !target.startsWith('!'));
  for (const target of included.length > 0 ? included : ['.']) {
    if (hasGlobChars(target)) {
      globs.push(globToRegExp(target.replace(/^\.\//, '')));
      continue;
    }
    const relative = toRelative(root, path.resolve(root, target));
    if (relative === null) {
      diagnostics.push({ file: target, line: 1, severity: 'error', message: `${target} is outside the repository root ${root}; not read` });
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(path.resolve(root, target));
    } catch {
      diagnostics.push({ file: relative || '.', line: 1, severity: 'error', message: `${target}: no such file or folder` });
      continue;
    }
    if (!stat.isDirectory()) {
      found.set(relative, kindOfExplicitPath(relative));
    } else if (!leadsInside(root, relative)) {
      // Walked, a folder that is a symlink out of the root would have its tree listed, and the names of its files reported.
      diagnostics.push({
        file: relative,
        line: 1,
        severity: 'error',
        message: `${relative} is a symlink to outside the repository; not read`,
      });
    } else {
      folders.push(relative);
    }
  }
  for (const folder of folders) {
    walk(root, folder, diagnostics, tracked, (file, plain, isFile) => {
      const kind = kindOfPath(file, isFile);
      if (!kind) return;
      found.set(file, kind);
      if (plain) plainFiles.add(file);
    });
  }
  if (globs.length > 0) {
    walk(root, '', diagnostics, tracked, (file) => {
      if (globs.some((glob) => glob.test(file))) found.set(file, found.get(file) ?? kindOfExplicitPath(file));
    });
  }
  const files = [...found]
    .filter(([file]) => !excluded.some((exclude) => exclude(file)))
    .map(([file, kind]) => ({ path: file, kind }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, diagnostics, plainFiles };
}

/** What the `!` targets leave out: `!docs` (the folder's tree, or that file), `!legacy/*.in` (a glob's matches). */
function exclusions(targets: readonly string[]): Array<(file: string) => boolean> {
  return targets
    .filter((target) => target.startsWith('!'))
    .map((target) => target.slice(1).trim().replace(/^\.\//, '').replace(/\/+$/, ''))
    .filter((pattern) => pattern !== '')
    .map((pattern) => {
      if (hasGlobChars(pattern)) {
        const glob = globToRegExp(pattern);
        return (file: string) => glob.test(file);
      }
      return (file: string) => file === pattern || file.startsWith(`${pattern}/`);
    });
}

/**
 * The repository's files that `accept` takes (besides the files checked: build definitions), walked
 * as discovery walks (.gitignore, skipped folders, symlinked folders not followed); walk warnings are
 * discoverFiles' to give, so they are not repeated here.
 */
export function listFiles(root: string, accept: (relativePath: string) => boolean): string[] {
  const files: string[] = [];
  walk(root, '', [], null, (file) => {
    if (accept(file)) files.push(file);
  });
  return files.sort();
}

/** Breadth-first, iterative (deep trees cannot overflow the stack), symlinked folders not followed. */
function walk(
  root: string,
  start: string,
  diagnostics: Diagnostic[],
  tracked: ReadonlySet<string> | null,
  onFile: (relativePath: string, plain: boolean, isFile: (relativePath: string) => boolean) => void,
): void {
  const trackedFolders = tracked === null ? null : foldersOf(tracked);
  // A start folder given by the user may itself be (or lie below) a symlink: its files are not plain.
  const startIsReal = isRealFolder(root, start);
  // `ignored`: the folder is ignored and entered only for the files git tracks in it.
  const queue: Array<{ folder: string; ignores: IgnoreRules[]; ignored: boolean }> = [
    { folder: start, ignores: inheritedIgnores(root, start), ignored: false },
  ];
  let entries = 0;
  // Read from its head: shift() on a queue of many thousand folders moves all the others each time.
  for (let head = 0; head < queue.length; head++) {
    const {
      folder,
      ignores: inherited,
      ignored: folderIgnored,
    } = queue[head] as { folder: string; ignores: IgnoreRules[]; ignored: boolean };
    const absolute = path.join(root, folder);
    let names: fs.Dirent[];
    try {
      names = fs.readdirSync(absolute, { withFileTypes: true });
    } catch (error) {
      // Said, not skipped quietly: a path past the system's limit (deep folders of long names) or a
      // folder without read permission hides every file below it.
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      diagnostics.push({
        file: folder || '.',
        line: 1,
        severity: 'warning',
        message: `folder cannot be searched (${code}); the files below it are not checked`,
      });
      continue;
    }
    if (names.some((entry) => entry.name === 'pyvenv.cfg')) continue; // a virtual environment
    const ignores = names.some((entry) => entry.name === '.gitignore') ? withGitignore(root, folder, inherited) : inherited;
    const prefix = folder === '' ? '' : `${folder}/`;
    const fileNames = new Set(names.filter((entry) => !entry.isDirectory()).map((entry) => entry.name));
    const isFile = (relativePath: string): boolean => relativePath.startsWith(prefix) && fileNames.has(relativePath.slice(prefix.length));
    for (const entry of names) {
      if (++entries > MAX_ENTRIES) {
        diagnostics.push({
          file: folder || '.',
          line: 1,
          severity: 'warning',
          message: `more than ${MAX_ENTRIES} entries below the root; the rest was not searched`,
        });
        return;
      }
      const relative = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory()) {
        if (SKIPPED_FOLDERS.has(entry.name) || entry.name.endsWith('.egg-info')) continue;
        const ignored = folderIgnored || isIgnored(relative, true, ignores);
        if (ignored && !trackedFolders?.has(relative)) continue;
        queue.push({ folder: relative, ignores, ignored });
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        if (!tracked?.has(relative) && (folderIgnored || isIgnored(relative, false, ignores))) continue;
        onFile(relative, startIsReal && entry.isFile(), isFile);
      }
    }
  }
}

/** Every folder that holds one of `files`, at any depth: a walk must enter them even when ignored. */
function foldersOf(files: ReadonlySet<string>): Set<string> {
  const folders = new Set<string>();
  for (const file of files) {
    for (let slash = file.lastIndexOf('/'); slash > 0; slash = file.lastIndexOf('/', slash - 1)) {
      const folder = file.slice(0, slash);
      if (folders.has(folder)) break;
      folders.add(folder);
    }
  }
  return folders;
}

/** True when `folder` (relative to the root) is reached from the root without passing a symlink. */
function isRealFolder(root: string, folder: string): boolean {
  if (folder === '') return true;
  const realRoot = safeRealpath(root);
  const real = safeRealpath(path.join(root, folder));
  return realRoot !== null && real !== null && real === path.join(realRoot, folder);
}

/** True when `folder` (relative to the root), symlinks resolved, is the root or inside it. */
function leadsInside(root: string, folder: string): boolean {
  const realRoot = safeRealpath(root);
  const real = safeRealpath(path.join(root, folder));
  return realRoot !== null && real !== null && toRelative(realRoot, real) !== null;
}

function withGitignore(root: string, folder: string, inherited: IgnoreRules[]): IgnoreRules[] {
  // Read as the checked files are: a symlink is not followed (git does not follow one either), so
  // that no file outside the root is read, and a FIFO or /dev/zero in its place cannot hang the walk.
  const read = readRegularFile(path.join(root, folder, '.gitignore'), NO_FOLLOW, new ReadBuffer());
  return read.ok ? [...inherited, parseGitignore(folder, new TextDecoder().decode(read.bytes))] : inherited;
}

/** The .gitignore files of the folders above `start`, so that a walk from a sub-folder honours them. */
function inheritedIgnores(root: string, start: string): IgnoreRules[] {
  if (start === '') return [];
  let rules: IgnoreRules[] = [];
  const parts = start.split('/');
  for (let depth = 0; depth < parts.length; depth++) {
    rules = withGitignore(root, parts.slice(0, depth).join('/'), rules);
  }
  return rules;
}

const NO_FOLLOW = fs.constants.O_NOFOLLOW ?? 0;

/** One open, fstat, read and close: the file's bytes, or why they were not read. */
function readRegularFile(absolute: string, flags: number, buffer: ReadBuffer): ReadResult {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer (fstat then refuses it).
    fd = fs.openSync(absolute, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | flags);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, message: code === 'ELOOP' ? 'is a symlink; not read' : `cannot be read (${code ?? 'error'})` };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { ok: false, message: 'not a regular file; not read' };
    if (stat.size > MAX_FILE_BYTES) return { ok: false, message: `${stat.size} bytes, over the ${MAX_FILE_BYTES}-byte limit; not read` };
    return { ok: true, bytes: buffer.readAll(fd, stat.size) };
  } catch (error) {
    return { ok: false, message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * One buffer for every file of a run: thousands of files read into buffers of their own would leave
 * the allocator holding their memory long after the texts were decoded.
 */
class ReadBuffer {
  // Allocated at the first read: the walk makes one per folder for its .gitignore, which most lack.
  private bytes = Buffer.alloc(0);

  /** The whole file: `size` is what fstat said, but a file can grow or shrink while it is read. */
  readAll(fd: number, size: number): Uint8Array {
    if (this.bytes.length <= size) this.bytes = Buffer.allocUnsafe(Math.max(size + 1, 64 * 1024));
    let length = 0;
    for (;;) {
      if (length === this.bytes.length) {
        if (length > MAX_FILE_BYTES) throw Object.assign(new Error('too large'), { code: 'EFBIG' });
        const larger = Buffer.allocUnsafe(length * 2);
        this.bytes.copy(larger, 0, 0, length);
        this.bytes = larger;
      }
      const read = fs.readSync(fd, this.bytes, length, this.bytes.length - length, null);
      if (read === 0) return this.bytes.subarray(0, length);
      length += read;
    }
  }
}

/** What a symlink that leads nowhere names, or null for anything else. */
function danglingLinkTarget(file: string): string | null {
  try {
    return fs.lstatSync(file).isSymbolicLink() ? fs.readlinkSync(file) : null;
  } catch {
    return null;
  }
}

function safeRealpath(target: string): string | null {
  try {
    return fs.realpathSync(target);
  } catch {
    return null;
  }
}
