// The shell of `compat-guard matrix import FILE|URL [--name NAME] [--python SPEC] [--cuda SPEC]
// [--only NAME...]`: reads its arguments, the file or the URL (given on the command line, so trusted),
// and hands the text to the pure reader and printer in import.ts.

import * as fs from 'node:fs';
import { MAX_FILE_BYTES } from '../parse/discover.js';
import { redactUrl } from '../parse/requirements/display.js';
import { decodeText } from '../parse/text.js';
import { printProfile, profileNameFromSource, readInstalledSet } from './import.js';

export type CommandResult = { ok: true; text: string } | { ok: false; error: string };

/** How long a URL may take, headers and body together. */
const FETCH_TIMEOUT_MS = 30_000;

interface ImportArguments {
  source: string;
  name: string | null;
  python: string | null;
  cuda: string | null;
  only: string[] | null;
}

function parseImportArguments(argv: readonly string[]): ImportArguments | string {
  const parsed: ImportArguments = { source: '', name: null, python: null, cuda: null, only: null };
  const sources: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] as string;
    if (!argument.startsWith('--') || argument === '--') {
      if (argument === '--') {
        sources.push(...argv.slice(index + 1));
        break;
      }
      sources.push(argument);
      continue;
    }
    const equals = argument.indexOf('=');
    const name = equals === -1 ? argument : argument.slice(0, equals);
    if (name === '--only') {
      // `--only a b c`: names up to the next option, so the FILE comes before --only or after `--`.
      const names = equals === -1 ? [] : [argument.slice(equals + 1)];
      while (equals === -1 && index + 1 < argv.length && !(argv[index + 1] as string).startsWith('-')) names.push(argv[++index] as string);
      const split = names.flatMap((item) => item.split(',')).map((item) => item.trim()).filter((item) => item !== '');
      if (split.length === 0) return '--only needs at least one package name';
      parsed.only = [...(parsed.only ?? []), ...split];
      continue;
    }
    if (name !== '--name' && name !== '--python' && name !== '--cuda') return `unknown option ${name} for matrix import; see --help`;
    const value = equals === -1 ? argv[++index] : argument.slice(equals + 1);
    if (value === undefined || value === '') return `${name} needs a value`;
    if (name === '--name') parsed.name = value;
    else if (name === '--python') parsed.python = value;
    else parsed.cuda = value;
  }
  if (sources.length !== 1) return sources.length === 0 ? 'matrix import needs a FILE or URL (a constraints file, pip freeze output or pip report)' : `matrix import reads one FILE or URL (got ${sources.length})`;
  parsed.source = sources[0] as string;
  return parsed;
}

export async function matrixImport(argv: readonly string[], today: Date = new Date()): Promise<CommandResult> {
  const parsed = parseImportArguments(argv);
  if (typeof parsed === 'string') return { ok: false, error: parsed };
  const read = /^https?:\/\//i.test(parsed.source) ? await fetchText(parsed.source) : readFileText(parsed.source);
  if (!read.ok) return read;
  const installed = readInstalledSet(parsed.source, read.text);
  if (!installed.ok) return installed;
  return printProfile(installed.set, {
    name: parsed.name ?? profileNameFromSource(parsed.source),
    source: parsed.source,
    date: today.toISOString().slice(0, 10),
    python: parsed.python,
    cuda: parsed.cuda,
    only: parsed.only,
  });
}

function readFileText(file: string): CommandResult {
  let bytes: Uint8Array;
  try {
    if (fs.statSync(file).size > MAX_FILE_BYTES) return { ok: false, error: `${file}: larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB` };
    bytes = fs.readFileSync(file);
  } catch (error) {
    return { ok: false, error: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  return decoded(file, bytes);
}

function decoded(source: string, bytes: Uint8Array): CommandResult {
  const text = decodeText(bytes, 'constraints');
  return text.ok ? { ok: true, text: text.text } : { ok: false, error: `${source}: ${text.message}` };
}

/** The body of a URL given on the command line; any failure is one line naming the URL (without credentials). */
async function fetchText(url: string): Promise<CommandResult> {
  const shown = redactUrl(url);
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow' });
    if (!response.ok) return { ok: false, error: `cannot fetch ${shown}: HTTP ${response.status}` };
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length > MAX_FILE_BYTES) return { ok: false, error: `${shown}: larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB` };
    return decoded(shown, bytes);
  } catch (error) {
    return { ok: false, error: `cannot fetch ${shown}: ${fetchFailure(error)}` };
  }
}

function fetchFailure(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${FETCH_TIMEOUT_MS / 1000} s`;
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
