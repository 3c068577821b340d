// The effective matrix of a repository: the bundled matrix merged with the repository's matrix file.
// Reads files (shell); the merging itself is loadMatrix's.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { createFileSource, type ReadResult } from '../parse/discover.js';
import { decodeMarked, decodeUtf8 } from '../parse/text.js';
import { readBundledMatrix } from './bundled.js';
import { loadMatrix, needsYamlReader, type LoadMatrixInput, type LoadMatrixResult, type YamlReader } from './load.js';
import type { Matrix } from './types.js';

const DEFAULT_MATRIX_FILES = ['.github/compat-matrix.yml', '.github/compat-matrix.yaml'];

export type MatrixOutcome = { ok: true; matrix: Matrix } | { ok: false; error: string };

/**
 * `explicit` (absolute, or relative to the root) must exist; without it the default locations are
 * tried. The nvidia/cuda tag table is large and only needed when a Dockerfile uses those images.
 */
export async function loadEffectiveMatrix(root: string, explicit: string | null, options: { needCudaImageTags?: boolean } = {}): Promise<MatrixOutcome> {
  const repository = readRepositoryMatrix(root, explicit);
  if (!repository.ok) return repository;
  return loadMatrixReadingYamlOnDemand({
    bundled: readBundledMatrix({ needCudaImageTags: options.needCudaImageTags ?? true }),
    bundledValidated: true,
    repository: repository.source,
  });
}

/**
 * loadMatrix with the YAML reader (and the yaml package it brings) loaded only when the load needs it:
 * up front for a file that is YAML (a repository's matrix file, usually, or a hand-written bundled
 * file edited since it was compiled), and for the line of a problem, which only the reader finds: a
 * load that fails without it is done again with it. A run without a matrix file of its own reads the
 * bundled JSON and compiled files only and never loads it. That is what matrix/compiled/ is for:
 * without it, a one-file check on Node 24 took 18-21 ms (about 12%) longer to start, and start-up
 * already misses its target of 2x bare node (docs/benchmarks.md, "Start-up").
 */
export async function loadMatrixReadingYamlOnDemand(input: Omit<LoadMatrixInput, 'yaml'>): Promise<LoadMatrixResult> {
  const sources = [...input.bundled, ...(input.repository ? [input.repository] : [])];
  if (sources.some(needsYamlReader)) return loadMatrix({ ...input, yaml: await loadYamlReader() });
  const result = loadMatrix({ ...input, yaml: null });
  return result.ok ? result : loadMatrix({ ...input, yaml: await loadYamlReader() });
}

function loadYamlReader(): Promise<YamlReader> {
  return import('./yaml-read.js');
}

function readRepositoryMatrix(root: string, explicit: string | null): { ok: true; source: { file: string; text: string } | null } | { ok: false; error: string } {
  const repository = createFileSource(root);
  for (const candidate of explicit ? [explicit] : DEFAULT_MATRIX_FILES) {
    const absolute = path.resolve(root, candidate);
    const relative = path.relative(root, absolute);
    const inside = !(relative.startsWith('..') || path.isAbsolute(relative));
    const shown = inside ? relative.split(path.sep).join('/') : absolute;
    if (!explicit && !fs.existsSync(absolute)) continue;
    // A file of the repository is read as its other files are: one that is a symlink out of it
    // (whose text error messages would show), a FIFO that never ends or a huge one is refused.
    const read = inside ? repository.read(shown) : readOutside(absolute);
    if (!read.ok) return { ok: false, error: `${shown}: cannot read the matrix file (${read.message})` };
    const decoded = yamlText(read.bytes);
    if (!decoded.ok) return { ok: false, error: `${shown}:${decoded.line}: ${decoded.message}` };
    return { ok: true, source: { file: shown, text: decoded.text } };
  }
  return { ok: true, source: null };
}

function readOutside(absolute: string): ReadResult {
  try {
    return { ok: true, bytes: fs.readFileSync(absolute) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, message: code === 'ENOENT' ? 'no such file' : code ?? 'error' };
  }
}

/**
 * The text of a YAML file as YAML reads a stream (YAML 1.2, section 5.2): in the Unicode encoding its
 * byte-order mark names (Windows editors save UTF-16 with one), else UTF-8. Read as UTF-8 whatever its
 * mark, a UTF-16 matrix was one string of letters and NULs: "expected a mapping, got a string". Bytes
 * that are not UTF-8 are refused where they are: replaced, they would reach the checks as keys and
 * versions that nobody wrote.
 */
function yamlText(bytes: Uint8Array): { ok: true; text: string } | { ok: false; line: number; message: string } {
  const marked = decodeMarked(bytes);
  if (marked !== null) return marked.ok ? { ok: true, text: marked.text } : { ok: false, line: marked.at?.line ?? 1, message: marked.message };
  const utf8 = decodeUtf8(bytes);
  if (utf8.ok) return utf8;
  return { ok: false, line: utf8.at.line, message: `not valid UTF-8 at column ${utf8.at.column ?? 1}: a YAML file is UTF-8 or UTF-16 (save the file as UTF-8)` };
}
