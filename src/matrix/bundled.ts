// Reads the bundled matrix (the repository's matrix/ folder) from disk. The loader (load.ts) is pure;
// this is the shell side. The same code runs from lib/src/matrix/ (tests), dist/index.js (the
// action) and dist/cli/index.js (the CLI), so the folder is found by walking up from this module to
// the first folder that holds matrix/schema.json - the top of the action's checkout or the package.
//
// The hand-written parts (profiles.yml, rules.yml) come with their compiled form,
// matrix/compiled/<name>.json (scripts/generate-matrix.mjs writes it, CI checks it), which spares
// every run the YAML parser (why that is worth it: src/matrix/effective.ts); the loader uses it only
// while it matches the text.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CompiledMatrixFile, MatrixSource } from './load.js';

/** Bundled files are shown with this prefix, so that they never read as a file of the checked repository. */
const BUNDLED_PREFIX = 'bundled:';

const SCHEMA_FILE = 'schema.json';

/** The parts written by hand, as YAML; the others are generated as JSON. */
export const HAND_WRITTEN_PARTS: readonly string[] = ['profiles.yml', 'rules.yml'];

/** The parts every check needs, in the order they are merged. */
export const BUNDLED_PARTS: readonly string[] = [...HAND_WRITTEN_PARTS, 'torch.yml', 'cuda-drivers.yml'];

/** 1,300+ nvidia/cuda tags: only needed when a Dockerfile uses an nvidia/cuda image. */
export const CUDA_IMAGE_TAGS_PART = 'cuda-image-tags.yml';

let matrixDirectory: string | null = null;

/** The bundled matrix/ folder. Throws when compat-guard is installed without it. */
export function bundledMatrixDirectory(): string {
  if (matrixDirectory !== null) return matrixDirectory;
  const start = dirname(fileURLToPath(import.meta.url));
  for (let directory = start; ; directory = dirname(directory)) {
    const candidate = join(directory, 'matrix');
    if (existsSync(join(candidate, SCHEMA_FILE))) {
      matrixDirectory = candidate;
      return candidate;
    }
    if (dirname(directory) === directory) {
      throw new Error(`compat-guard's bundled matrix (matrix/${SCHEMA_FILE}) was not found in ${start} or any folder above it`);
    }
  }
}

/**
 * The schema and the bundled matrix files, ready for loadMatrix. `file` is `bundled:matrix/<name>`.
 * `needCudaImageTags: false` skips the nvidia/cuda tag table (its facts are then empty).
 */
export function readBundledMatrix(options: { needCudaImageTags?: boolean } = {}): MatrixSource[] {
  const directory = bundledMatrixDirectory();
  const parts = [SCHEMA_FILE, ...BUNDLED_PARTS, ...(options.needCudaImageTags === false ? [] : [CUDA_IMAGE_TAGS_PART])];
  return parts.map((name) => {
    const source: MatrixSource = { file: `${BUNDLED_PREFIX}matrix/${name}`, text: readFileSync(join(directory, name), 'utf8') };
    const compiled = HAND_WRITTEN_PARTS.includes(name) ? readCompiled(join(directory, 'compiled', `${name}.json`)) : null;
    return compiled === null ? source : { ...source, compiled };
  });
}

/** The compiled form of a hand-written part; null when it is missing or unreadable (the YAML is then parsed). */
function readCompiled(file: string): CompiledMatrixFile | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as CompiledMatrixFile;
  } catch {
    return null;
  }
}
