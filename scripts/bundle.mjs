// Bundles the compiled JavaScript (lib/, from `tsc`) into the committed dist/: the action at
// dist/index.js and the CLI at dist/cli/index.js (a small entry; the rest of the CLI is in chunks
// beside it, loaded once V8's compile cache is on). ncc never sees TypeScript, so the TypeScript version
// ncc's loader needs is irrelevant. The matrix (matrix/*.yml) is data read from the action's checkout
// at run time, not bundled; the runtime probe is embedded (src/runtime/probe-source.ts).
import { execFileSync } from 'node:child_process';
import { rmSync, existsSync } from 'node:fs';

const ncc = 'node_modules/@vercel/ncc/dist/ncc/cli.js';
const targets = [
  { entry: 'lib/src/index.js', out: 'dist', license: ['--license', 'licenses.txt'] },
  { entry: 'lib/src/cli-entry.js', out: 'dist/cli', license: [] },
];

rmSync('dist', { recursive: true, force: true });
for (const { entry, out, license } of targets) {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run tsc first (npm run build)`);
  execFileSync(process.execPath, [ncc, 'build', entry, '-o', out, '--quiet', '--no-source-map-register', ...license], { stdio: 'inherit' });
}
