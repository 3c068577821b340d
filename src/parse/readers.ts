// The readers of the file kinds a repository may well not have (Dockerfiles, pyproject.toml, conda
// environment files), loaded for the kinds it has: each is a chunk of the bundle of its own, and
// loading them all was a sizeable part of a small check's start-up (the TOML parser alone is 70 KB).
// Requirements files are always read, and their reader is loaded with the rest of the code.

import type { FileKind } from '../model.js';
import type { isCondaEnvironment, parseCondaEnvironment } from './conda-environment.js';
import type { parseDockerfile } from './dockerfile.js';
import type { parsePyproject } from './pyproject.js';

/** The readers loaded; a kind's is absent where no file of the kind was found. */
export interface FileReaders {
  dockerfile?: typeof parseDockerfile;
  pyproject?: typeof parsePyproject;
  conda?: { isCondaEnvironment: typeof isCondaEnvironment; parseCondaEnvironment: typeof parseCondaEnvironment };
}

/** The readers of `kinds` (the kinds of the files to read; a file's includes are requirements files). */
export async function loadReaders(kinds: Iterable<FileKind>): Promise<FileReaders> {
  const wanted = new Set(kinds);
  const [dockerfile, pyproject, conda] = await Promise.all([
    wanted.has('dockerfile') ? import('./dockerfile.js') : null,
    wanted.has('pyproject') ? import('./pyproject.js') : null,
    wanted.has('conda') ? import('./conda-environment.js') : null,
  ]);
  return {
    ...(dockerfile ? { dockerfile: dockerfile.parseDockerfile } : {}),
    ...(pyproject ? { pyproject: pyproject.parsePyproject } : {}),
    ...(conda ? { conda: { isCondaEnvironment: conda.isCondaEnvironment, parseCondaEnvironment: conda.parseCondaEnvironment } } : {}),
  };
}
