#!/usr/bin/env node
// The CLI's entry point, bundled by ncc into dist/cli/index.js. It turns on V8's compile cache before
// anything else is loaded, then loads the CLI itself (src/cli.ts, a chunk of its own, so that the cache
// covers it) and runs it.

import * as module from 'node:module';

enableCompileCache();
process.stdout.on('error', stdoutFailed);
import('./cli.js')
  .then(({ main }) => main(process.argv.slice(2)))
  .then((code) => {
    process.exitCode = code;
  });

/**
 * Node >= 22.1 keeps the code V8 compiled from the bundle in the OS temp folder, so that later runs skip
 * most of compiling it (a few milliseconds of a small check; the first run pays about as much to write
 * it). Older Node has no such call, and a folder that cannot be written to leaves the cache off:
 * neither may fail the run.
 */
function enableCompileCache(): void {
  try {
    (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  } catch {
    // No cache: the run is only slower.
  }
}

/**
 * A reader that stops early (`compat-guard check --format json | head`) closes the pipe: what is left
 * of the output has nowhere to go, which is no failure of the check (its exit code stands). Any other
 * write error ends the run with one line, not a stack trace.
 */
function stdoutFailed(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
  process.stderr.write(`compat-guard: cannot write the output: ${error.message}\n`);
  process.exit(2);
}
