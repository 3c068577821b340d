// Bundles the compiled JavaScript (lib/, from `tsc`) into the committed dist/: the action at
// dist/index.js and the CLI at dist/cli/index.js (a small entry; the rest of the CLI is in chunks
// beside it, loaded once V8's compile cache is on). ncc never sees TypeScript, so the TypeScript version
// ncc's loader needs is irrelevant. The matrix (matrix/*.yml) is data read from the action's checkout
// at run time, not bundled; the runtime probe is embedded (src/runtime/probe-source.ts).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ncc = 'node_modules/@vercel/ncc/dist/ncc/cli.js';
const targets = [
  { entry: 'lib/src/index.js', out: 'dist', license: ['--license', 'licenses-[id].txt'] },
  { entry: 'lib/src/cli-entry.js', out: 'dist/cli', license: [] },
];

rmSync('dist', { recursive: true, force: true });
for (const { entry, out, license } of targets) {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run tsc first (npm run build)`);
  execFileSync(process.execPath, [ncc, 'build', entry, '-o', out, '--quiet', '--no-source-map-register', ...license], { stdio: 'inherit' });
}

// ncc writes the licences of each group of chunks to the one file named, the last group's over the
// others' (a dependency only a chunk loaded on demand needs, such as the TOML parser, is a group of
// its own): each group gets a file of its own (licenses-[id].txt above), joined here into one.
const licenseParts = readdirSync('dist')
  .filter((name) => /^licenses-.+\.txt$/.test(name))
  .sort();
writeFileSync('dist/licenses.txt', licenseParts.map((name) => readFileSync(join('dist', name), 'utf8')).join('\n'));
for (const name of licenseParts) rmSync(join('dist', name));
