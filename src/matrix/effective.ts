// The effective matrix of a repository: the bundled matrix merged with the repository's matrix file.
// Reads files (shell); the merging itself is loadMatrix's.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { readBundledMatrix } from './bundled.js';
import { loadMatrix, YamlReaderNeeded, type LoadMatrixInput, type LoadMatrixResult, type YamlReader } from './load.js';
import type { Matrix } from './types.js';

export const DEFAULT_MATRIX_FILES = ['.github/compat-matrix.yml', '.github/compat-matrix.yaml'];

export type MatrixOutcome = { ok: true; matrix: Matrix } | { ok: false; error: string };

/**
 * `explicit` (absolute, or relative to the root) must exist; without it the default locations are
 * tried. The nvidia/cuda tag table is large and only needed when a Dockerfile uses those images.
 */
export async function loadEffectiveMatrix(root: string, explicit: string | null, options: { needCudaImageTags?: boolean } = {}): Promise<MatrixOutcome> {
  const repository = readRepositoryMatrix(root, explicit);
  if (!repository.ok) return repository;
  return loadMatrixReadingYamlOnDemand({ bundled: readBundledMatrix({ needCudaImageTags: options.needCudaImageTags ?? true }), repository: repository.source });
}

/**
 * loadMatrix with the YAML reader loaded only when the load may need it: up front for a repository
 * file, which is usually YAML; otherwise (the bundled files are JSON or compiled) only when a file
 * turns out to need it, and the load is then done again.
 */
export async function loadMatrixReadingYamlOnDemand(input: Omit<LoadMatrixInput, 'yaml'>): Promise<LoadMatrixResult> {
  try {
    return loadMatrix({ ...input, yaml: input.repository ? await loadYamlReader() : null });
  } catch (error) {
    if (!(error instanceof YamlReaderNeeded)) throw error;
    return loadMatrix({ ...input, yaml: await loadYamlReader() });
  }
}

function loadYamlReader(): Promise<YamlReader> {
  return import('./yaml-read.js');
}

function readRepositoryMatrix(root: string, explicit: string | null): { ok: true; source: { file: string; text: string } | null } | { ok: false; error: string } {
  for (const candidate of explicit ? [explicit] : DEFAULT_MATRIX_FILES) {
    const absolute = path.resolve(root, candidate);
    const relative = path.relative(root, absolute);
    const shown = relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative.split(path.sep).join('/');
    try {
      return { ok: true, source: { file: shown, text: fs.readFileSync(absolute, 'utf8') } };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (!explicit && code === 'ENOENT') continue;
      return { ok: false, error: `${shown}: cannot read the matrix file (${code === 'ENOENT' ? 'no such file' : code ?? 'error'})` };
    }
  }
  return { ok: true, source: null };
}
