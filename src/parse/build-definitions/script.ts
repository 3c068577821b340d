// `docker build` and `docker buildx build` commands in shell scripts, Makefiles and workflow `run:`
// steps: `--build-arg NAME=value`, `-f`/`--file` and the context, plain literals only. A word with an
// expansion (`$VAR`, `$(cmd)`, `$(MAKE_VAR)`, a `${{ }}` left over) is unknown: as a build argument
// it makes that argument unknown; as the context or Dockerfile it makes the build unreadable.

import * as posix from 'node:path/posix';
import { tokenizeShell, type ShellWord } from '../shell-words.js';
import { inRepository, isRemoteContext } from './paths.js';
import type { BuildArg, BuildDefinition, DefinitionFiles, Origin } from './types.js';

/** `docker build` flags that take a value (the next word, unless written `--flag=value`). */
const VALUE_FLAGS = new Set([
  '-t',
  '--tag',
  '--target',
  '--platform',
  '--cache-from',
  '--cache-to',
  '--label',
  '--network',
  '--secret',
  '--ssh',
  '-o',
  '--output',
  '--progress',
  '--builder',
  '--iidfile',
  '--metadata-file',
  '--add-host',
  '--shm-size',
  '--ulimit',
  '-m',
  '--memory',
  '--memory-swap',
  '--build-context',
  '--annotation',
  '--attest',
  '--call',
  '--allow',
  '--cgroup-parent',
  '--cpu-period',
  '--cpu-quota',
  '-c',
  '--cpu-shares',
  '--cpuset-cpus',
  '--cpuset-mems',
  '--isolation',
  '--sbom',
  '--provenance',
]);

/** Where a script's text sits in its file, for `run:` blocks inside a workflow. */
export interface ScriptPlace {
  file: string;
  /** The file line of the script's first line. */
  firstLine: number;
  /** The folder relative paths are resolved against first (the repository root comes second). */
  folder: string;
  /** Words known to hold an unknown value (a `${{ }}` expression replaced by a placeholder). */
  unknownMarker?: string;
}

export function readBuildScript(text: string, place: ScriptPlace, files: DefinitionFiles): BuildDefinition[] {
  const builds: BuildDefinition[] = [];
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const lineAt = (offset: number): number => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((lineStarts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return place.firstLine + low;
  };
  let command: ShellWord[] = [];
  const finish = (): void => {
    const build = buildOf(command, place, files, lineAt);
    if (build !== null) builds.push(build);
    command = [];
  };
  for (const token of tokenizeShell(text).tokens) {
    if (token.kind === 'operator') finish();
    else command.push(token);
  }
  finish();
  return builds;
}

/** The word without its quotes, or null when it holds an expansion. */
function literal(raw: string, unknownMarker?: string): string | null {
  if (/[$`]/.test(raw) || (unknownMarker !== undefined && raw.includes(unknownMarker))) return null;
  let value = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i] as string;
    if (ch === "'") {
      const end = raw.indexOf("'", i + 1);
      value += raw.slice(i + 1, end < 0 ? raw.length : end);
      i = end < 0 ? raw.length : end;
    } else if (ch === '"') {
      continue;
    } else if (ch === '\\') {
      value += raw[i + 1] ?? '';
      i += 1;
    } else {
      value += ch;
    }
  }
  return value;
}

function buildOf(
  words: ShellWord[],
  place: ScriptPlace,
  files: DefinitionFiles,
  lineAt: (offset: number) => number,
): BuildDefinition | null {
  const raw = words.map((word) => word.raw);
  // `sudo docker build`, `DOCKER_BUILDKIT=1 docker build`, `docker buildx build`, `docker image build`.
  const docker = raw.findIndex((word) => word === 'docker' || word.endsWith('/docker'));
  if (docker < 0) return null;
  let at = docker + 1;
  if (raw[at] === 'buildx' || raw[at] === 'image') at += 1;
  if (raw[at] !== 'build') return null;
  const args: BuildArg[] = [];
  const positional: ShellWord[] = [];
  let dockerfile: ShellWord | null = null;
  for (let i = at + 1; i < words.length; i++) {
    const word = words[i] as ShellWord;
    const equals = word.raw.indexOf('=');
    const flag = word.raw.startsWith('--') && equals > 0 ? word.raw.slice(0, equals) : word.raw;
    const inlineValue = flag !== word.raw ? { ...word, raw: word.raw.slice(equals + 1) } : null;
    if (flag === '--build-arg' || flag === '-f' || flag === '--file') {
      const value = inlineValue ?? words[++i] ?? null;
      if (value === null) break;
      if (flag === '--build-arg') args.push(buildArg(value, place, lineAt));
      else dockerfile = value;
    } else if (VALUE_FLAGS.has(flag)) {
      if (inlineValue === null) i += 1;
    } else if (!word.raw.startsWith('-')) {
      positional.push(word);
    }
  }
  // Exactly one context; more words mean the command is not what we think it is.
  if (positional.length !== 1) return null;
  const context = literal((positional[0] as ShellWord).raw, place.unknownMarker);
  const file = dockerfile === null ? null : literal(dockerfile.raw, place.unknownMarker);
  if (context === null || isRemoteContext(context) || (dockerfile !== null && file === null)) return null;
  const path = locateDockerfile(place.folder, context, file, files);
  if (path === null) return null;
  return { dockerfile: path, args, source: `${place.file}:${lineAt(words[docker]!.start)} docker build` };
}

function buildArg(word: ShellWord, place: ScriptPlace, lineAt: (offset: number) => number): BuildArg {
  const origin: Origin = { file: place.file, line: lineAt(word.start) };
  const text = literal(word.raw, place.unknownMarker);
  // The name is written plainly even when the value is not: `--build-arg CUDA=$CUDA`.
  const name = (text ?? word.raw.replace(/["']/g, '')).split('=')[0] as string;
  if (text === null || !text.includes('=')) return { name, value: null, origins: [origin] };
  return { name, value: text.slice(text.indexOf('=') + 1), origins: [origin] };
}

/**
 * `-f` is relative to where the command runs, the context too; scripts are run from the repository
 * root or from their own folder, so both are tried and the first that holds the Dockerfile wins.
 */
function locateDockerfile(folder: string, context: string, file: string | null, files: DefinitionFiles): string | null {
  for (const working of [...new Set([folder, ''])]) {
    const contextPath = inRepository(working, context);
    if (contextPath === null) continue;
    const path = file === null ? inRepository(contextPath, 'Dockerfile') : posix.isAbsolute(file) ? null : inRepository(working, file);
    if (path !== null && files.isFile(path)) return path;
  }
  return null;
}
