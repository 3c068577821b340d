// Writes a generated source file, or with `--check` only verifies that it is up to date (exit 1 when
// it is missing or differs), for the scripts that embed data in src/.
import { readFileSync, writeFileSync } from 'node:fs';

/** `target` a file URL; `stale` the line printed when `--check` finds it out of date. */
export function writeOrCheck(target, generated, stale) {
  if (!process.argv.includes('--check')) {
    writeFileSync(target, generated);
    return;
  }
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // Missing counts as stale.
  }
  if (current !== generated) {
    console.error(stale);
    process.exit(1);
  }
}
