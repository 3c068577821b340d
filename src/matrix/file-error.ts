// The error that ends loading a matrix file, in its own module so that load.ts and the YAML reader it
// loads lazily (yaml-read.ts) can both throw it without importing each other.

/** Ends the load; caught in loadMatrix and turned into its one-line error. */
export class MatrixFileError extends Error {
  constructor(file: string, line: number, path: string, message: string) {
    super(`${file}:${line}: ${path === '' ? '' : `${path}: `}${message}`);
  }
}
