// `compat-guard check|parse|matrix`: the same engine as the action, for a terminal or any CI.
// Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 the run itself is wrong.
// Kept free of @actions/* so that starting it costs little more than starting node. Run through
// src/cli-entry.ts.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCheck } from './engine.js';
import { defaultCacheDir, isIndexMode, type IndexMode } from './index/options.js';
import { loadEffectiveMatrix } from './matrix/effective.js';
import { profileNameProblem } from './matrix/profile-name.js';
import { resolveProfileName } from './matrix/load.js';
import { expandableEnvironment, readRepository } from './parse/repository.js';
import { failsAt } from './report/fail.js';
import { printable } from './report/finding-counts.js';
import { toJsonReport } from './report/json.js';
import { formatText } from './report/text.js';
import { toWorkflowCommands } from './report/workflow-commands.js';
import { plainLog } from './runtime/log.js';
import { TOOL_VERSION } from './version.js';

const USAGE = `compat-guard ${TOOL_VERSION}: check Python requirement pins, Python versions and CUDA images against a compatibility matrix

Usage:
  compat-guard check [PATH...] [--root DIR] [--matrix FILE] [--profile NAME|auto] [--fail-on LEVEL]
                     [--format text|json|sarif|github] [--output FILE] [--runtime] [--python PATH]
                     [--runtime-image IMAGE] [--require-gpu] [--color|--no-color] [--driver VERSION]
                     [--record-profile NAME [--record-profile-file FILE]]   with the runtime check
                     [--index auto|online|offline|required] [--index-url URL] [--extra-index-url URL]...
                     [--cache-dir DIR] [--resolve]
  compat-guard parse [PATH...] [--root DIR]            JSON of what was read
  compat-guard matrix [--matrix FILE] [--profile NAME] [--root DIR]   the effective matrix, as YAML
  compat-guard matrix import FILE|URL [--name NAME] [--python SPEC] [--cuda SPEC] [--only NAME...]
                     a profile from a constraints file, pip freeze output or pip --report JSON

PATH is a file, folder or glob (default: the root, which defaults to the current folder).
--fail-on is error (default), warning, notice or never.
--index: ask the package indexes about each pin (default auto: skipped with one notice when none answers;
offline: the cache only; required: an unreachable index exits 2). See docs/index.md.
--resolve: run pip's resolver (python3 -m pip, 22.2 or later, dry run) for each install set's target.
--driver is the NVIDIA driver of the hosts that run the images (wins over driver: in the matrix file).
Exit status: 0 nothing at or above --fail-on; 1 findings at or above it; 2 the run itself is wrong.
Docs: https://github.com/compat-guard/compat-guard#readme`;

type Command = 'check' | 'parse' | 'matrix';

interface CliOptions {
  command: Command;
  paths: string[];
  root: string;
  matrix: string | null;
  profile: string;
  driver: string | null;
  failOn: 'error' | 'warning' | 'notice' | 'never';
  format: 'text' | 'json' | 'sarif' | 'github';
  output: string | null;
  runtime: boolean;
  python: string | null;
  runtimeImage: string | null;
  requireGpu: boolean;
  color: boolean | null;
  recordProfile: string | null;
  recordProfileFile: string | null;
  index: IndexMode;
  indexUrl: string | null;
  extraIndexUrls: string[];
  cacheDir: string | null;
  resolve: boolean;
}

/** Thrown for a wrong command line; main() prints it as one line and exits 2. */
class UsageError extends Error {}

const VALUE_OPTIONS = new Set([
  '--root',
  '--matrix',
  '--profile',
  '--fail-on',
  '--format',
  '--output',
  '--python',
  '--runtime-image',
  '--record-profile',
  '--record-profile-file',
  '--index',
  '--index-url',
  '--extra-index-url',
  '--cache-dir',
  '--driver',
]);
const FLAG_OPTIONS = new Set(['--runtime', '--require-gpu', '--color', '--no-color', '--resolve']);
const ALLOWED: Record<Command, Set<string>> = {
  check: new Set([...VALUE_OPTIONS, ...FLAG_OPTIONS]),
  parse: new Set(['--root']),
  matrix: new Set(['--matrix', '--profile', '--root']),
};

function parseArguments(argv: readonly string[]): CliOptions {
  const [first, ...rest] = argv;
  if (first !== 'check' && first !== 'parse' && first !== 'matrix') {
    throw new UsageError(
      first === undefined
        ? 'missing command (check, parse or matrix); see --help'
        : `unknown command "${first}" (expected check, parse or matrix)`,
    );
  }
  const options: CliOptions = {
    command: first,
    paths: [],
    root: '.',
    matrix: null,
    profile: 'auto',
    driver: null,
    failOn: 'error',
    format: 'text',
    output: null,
    runtime: false,
    python: null,
    runtimeImage: null,
    requireGpu: false,
    color: null,
    recordProfile: null,
    recordProfileFile: null,
    index: 'auto',
    indexUrl: null,
    extraIndexUrls: [],
    cacheDir: null,
    resolve: false,
  };
  for (let i = 0; i < rest.length; i++) {
    const argument = rest[i] as string;
    if (argument === '--') {
      options.paths.push(...rest.slice(i + 1));
      break;
    }
    if (!argument.startsWith('-') || argument === '-') {
      if (first === 'matrix') throw new UsageError(`matrix takes no paths (got "${argument}")`);
      options.paths.push(argument);
      continue;
    }
    const equals = argument.indexOf('=');
    const name = equals === -1 ? argument : argument.slice(0, equals);
    if (!ALLOWED[first].has(name)) throw new UsageError(`unknown option ${name} for ${first}; see --help`);
    if (FLAG_OPTIONS.has(name)) {
      if (equals !== -1) throw new UsageError(`${name} takes no value`);
      if (name === '--runtime') options.runtime = true;
      else if (name === '--require-gpu') options.requireGpu = true;
      else if (name === '--resolve') options.resolve = true;
      else options.color = name === '--color';
      continue;
    }
    const value = equals === -1 ? rest[++i] : argument.slice(equals + 1);
    if (value === undefined || value === '') throw new UsageError(`${name} needs a value`);
    applyValue(options, name, value);
  }
  return options;
}

function applyValue(options: CliOptions, name: string, value: string): void {
  switch (name) {
    case '--root':
      options.root = value;
      break;
    case '--matrix':
      options.matrix = value;
      break;
    case '--profile':
      options.profile = value;
      break;
    case '--output':
      options.output = value;
      break;
    case '--python':
      options.python = value;
      break;
    case '--runtime-image':
      options.runtimeImage = value;
      break;
    case '--record-profile': {
      const problem = profileNameProblem(value);
      if (problem !== null) throw new UsageError(`--record-profile: ${problem}`);
      options.recordProfile = value;
      break;
    }
    case '--record-profile-file':
      options.recordProfileFile = value;
      break;
    case '--index-url':
      options.indexUrl = value;
      break;
    case '--extra-index-url':
      options.extraIndexUrls.push(value);
      break;
    case '--cache-dir':
      options.cacheDir = value;
      break;
    case '--index':
      if (!isIndexMode(value)) throw new UsageError(`--index must be auto, online, offline or required (got "${value}")`);
      options.index = value;
      break;
    case '--driver':
      if (!/^\d+(?:\.\d+)*$/.test(value))
        throw new UsageError(`--driver must be an NVIDIA driver version such as 550.54.14 (got "${value}")`);
      options.driver = value;
      break;
    case '--fail-on':
      if (value !== 'error' && value !== 'warning' && value !== 'notice' && value !== 'never') {
        throw new UsageError(`--fail-on must be error, warning, notice or never (got "${value}")`);
      }
      options.failOn = value;
      break;
    case '--format':
      if (value !== 'text' && value !== 'json' && value !== 'sarif' && value !== 'github') {
        throw new UsageError(`--format must be text, json, sarif or github (got "${value}")`);
      }
      options.format = value;
      break;
  }
}

async function check(options: CliOptions): Promise<number> {
  const root = path.resolve(options.root);
  const runtime = options.runtime || options.python || options.runtimeImage;
  if (options.recordProfileFile !== null && options.recordProfile === null)
    throw new UsageError('--record-profile-file needs --record-profile NAME');
  if (options.recordProfile !== null && !runtime)
    throw new UsageError('--record-profile records what the runtime check verified: add --runtime (or --python / --runtime-image)');
  const outcome = await runCheck({
    root,
    paths: options.paths.map((target) => path.relative(root, path.resolve(target)) || '.'),
    matrixFile: options.matrix ? path.resolve(options.matrix) : null,
    profile: options.profile,
    ...(options.driver ? { driver: options.driver } : {}),
    recordProfile: options.recordProfile === null ? null : { name: options.recordProfile, file: options.recordProfileFile },
    runtime: runtime
      ? {
          python: options.python ?? 'python3',
          image: options.runtimeImage,
          requireGpu: options.requireGpu,
          allowUntrusted: true,
          untrusted: null,
          // Progress goes to stderr: stdout is the report. Plain lines, no @actions/core on the CLI's path.
          log: plainLog((line) => process.stderr.write(`compat-guard: ${line}\n`)),
        }
      : null,
    index: {
      mode: options.index,
      indexUrl: options.indexUrl,
      extraIndexUrls: options.extraIndexUrls,
      cacheDir: options.cacheDir ? path.resolve(options.cacheDir) : defaultCacheDir(process.env),
    },
    resolve: options.resolve ? {} : null,
  });
  if (!outcome.ok) throw new UsageError(outcome.error);
  const { result } = outcome;
  let text: string;
  // SARIF is loaded only when asked: its fingerprints need node:crypto, a sizeable part of a small check's start-up.
  if (options.format === 'json') text = JSON.stringify(toJsonReport(result), null, 2) + '\n';
  else if (options.format === 'sarif') text = JSON.stringify((await import('./report/sarif.js')).toSarif(result), null, 2) + '\n';
  else if (options.format === 'github') text = toWorkflowCommands(result.findings);
  else text = formatText(result, { color: options.color ?? wantsColor(options.output) });
  write(options.output, text);
  const recorded = result.recordedProfile;
  if (recorded) {
    // On stderr: stdout may be the report itself (--format json).
    process.stderr.write(
      printable(
        recorded.file === null
          ? `compat-guard: profile ${recorded.name} not recorded: ${recorded.reason}`
          : `compat-guard: profile ${recorded.name} recorded in ${recorded.file}`,
      ) + '\n',
    );
  }
  return failsAt(result.findings, options.failOn) ? 1 : 0;
}

async function parse(options: CliOptions): Promise<number> {
  const root = path.resolve(options.root);
  const targets = options.paths.map((target) => path.relative(root, path.resolve(target)) || '.');
  const { files, diagnostics } = await readRepository(root, targets, { env: expandableEnvironment(process.env) });
  write(null, JSON.stringify({ files, diagnostics }, null, 2) + '\n');
  return 0;
}

async function matrix(options: CliOptions): Promise<number> {
  const loaded = await loadEffectiveMatrix(path.resolve(options.root), options.matrix ? path.resolve(options.matrix) : null);
  if (!loaded.ok) throw new UsageError(loaded.error);
  const profile = options.profile === 'auto' ? (loaded.matrix.profile ?? undefined) : options.profile;
  if (profile !== undefined) {
    const resolved = resolveProfileName(loaded.matrix, profile);
    if ('error' in resolved) throw new UsageError(resolved.error);
  }
  // Loaded only for this command: printing needs the yaml package, which a check does without.
  const { printMatrix } = await import('./matrix/print.js');
  write(null, printMatrix(loaded.matrix, profile === undefined ? {} : { profile }));
  return 0;
}

async function matrixImport(argv: readonly string[]): Promise<number> {
  // Loaded only for this command, like printing the matrix: it needs the yaml package.
  const imported = await (await import('./matrix/import-command.js')).matrixImport(argv);
  if (!imported.ok) throw new UsageError(imported.error);
  write(null, imported.text);
  return 0;
}

function wantsColor(output: string | null): boolean {
  if (output || process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return process.stdout.isTTY === true;
}

function write(output: string | null, text: string): void {
  if (output) fs.writeFileSync(output, text);
  else process.stdout.write(text);
}

export async function main(argv: readonly string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    process.stdout.write(USAGE + '\n');
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] === '--version' || argv[0] === '-V') {
    process.stdout.write(TOOL_VERSION + '\n');
    return 0;
  }
  try {
    if (argv[0] === 'matrix' && argv[1] === 'import') return await matrixImport(argv.slice(2));
    const options = parseArguments(argv);
    if (options.command === 'parse') return await parse(options);
    if (options.command === 'matrix') return await matrix(options);
    return await check(options);
  } catch (error) {
    // One line, no stack trace: a wrong run is the user's to fix, an unexpected error is ours to report.
    // The reason may quote the matrix file or a path: printable, so that it cannot act on the terminal.
    const message = error instanceof UsageError ? error.message : `internal error: ${(error as Error)?.message ?? String(error)}`;
    process.stderr.write(`compat-guard: ${printable(message)}\n`);
    return 2;
  }
}
