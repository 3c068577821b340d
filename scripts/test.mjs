// Runs the compiled tests (lib/__tests__/*.test.js) with node:test.
//
//   node scripts/test.mjs          every test: `npm test`, after `npm run bundle`
//   node scripts/test.mjs --unit   leaves out the tests that run the bundle: `npm run test:unit`,
//                                  after `npm run build` only
//
// A test runs the bundle when its source names a file of dist/ (`dist/index.js`, `dist/cli/index.js`,
// `dist/licenses.txt`): reading the sources, rather than keeping a list, keeps a new test of the bundle
// out of the quick run without anyone remembering to add it. Extra arguments go to node --test.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const args = process.argv.slice(2);
const unit = args.includes('--unit');
const passOn = args.filter((arg) => arg !== '--unit');

const NAMES_THE_BUNDLE = /\bdist\/(?:index\.js|cli\/|licenses\.txt)/;
const bundleTests = new Set(
  fs
    .readdirSync('__tests__')
    .filter((name) => name.endsWith('.test.ts') && NAMES_THE_BUNDLE.test(fs.readFileSync(path.join('__tests__', name), 'utf8')))
    .map((name) => name.replace(/\.ts$/, '.js')),
);

const folder = 'lib/__tests__';
const files = fs
  .readdirSync(folder)
  .filter((name) => name.endsWith('.test.js') && !(unit && bundleTests.has(name)))
  .sort()
  .map((name) => path.join(folder, name));
if (unit) console.log(`Unit tests: ${files.length} files; left out, as they run the bundle: ${[...bundleTests].sort().join(', ')}.`);
const run = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...passOn, ...files], { stdio: 'inherit' });
process.exit(run.status ?? 1);
