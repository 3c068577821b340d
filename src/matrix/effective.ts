// The effective matrix of a repository: the bundled matrix merged with the repository's matrix file.
// Reads files (shell); the merging itself is loadMatrix's.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { readBundledMatrix } from './bundled.js';
import { loadMatrix } from './load.js';
import type { Matrix } from './types.js';

export const DEFAULT_MATRIX_FILES = ['.github/compat-matrix.yml', '.github/compat-matrix.yaml'];

export type MatrixOutcome = { ok: true; matrix: Matrix } | { ok: false; error: string };

/**
 * `explicit` (absolute, or relative to the root) must exist; without it the default locations are
 * tried. The nvidia/cuda tag table is large and only needed when a Dockerfile uses those images.
 */
export function loadEffectiveMatrix(root: string, explicit: string | null, options: { needCudaImageTags?: boolean } = {}): MatrixOutcome {
  const repository = readRepositoryMatrix(root, explicit);
  if (!repository.ok) return repository;
  return loadMatrix({ bundled: readBundledMatrix({ needCudaImageTags: options.needCudaImageTags ?? true }), repository: repository.source });
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
