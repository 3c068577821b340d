// pip's resolver's cost (--resolve): 20 install sets (requirements files) of 30 pins each against a
// loopback index of wheels (the test index, 20 ms per answer), through the bundled CLI with a cold
// pip cache, then a warm one, beside the same check without --resolve. Medians of --runs runs (default 1).
//   npm run bundle && node scripts/bench-resolve.mjs [--runs N]

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startIndexServer } from '../lib/__tests__/helpers/index-server.js';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 1;
const SETS = 20;
const PINS = 30;
const cli = path.resolve('dist/cli/index.js');

// Each project's 2.0 needs the next one: a resolver has something to follow, not only leaves.
const names = Array.from({ length: PINS }, (_, index) => `bench-resolve-${index}`);
const projects = names.map((name, index) => ({
  name,
  releases: [{ version: '1.0' }, { version: '2.0', requiresDist: index + 1 < PINS ? [`${names[index + 1]}>=1.0`] : [] }],
}));
const server = await startIndexServer({ projects, format: 'html', latencyMs: 20 });

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-resolve-'));
for (let set = 0; set < SETS; set++) {
  const pins = names.map((name, index) => ((index + set) % 3 === 0 ? `${name}==1.0` : `${name}>=1.0`));
  fs.writeFileSync(path.join(root, `requirements-${set}.txt`), pins.map((pin) => `${pin}\n`).join(''));
}

/** Asynchronous: the loopback index answers from this process while the CLI runs. */
function timed(args) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(
      process.execPath,
      [cli, 'check', '--root', root, '--format', 'json', '--index', 'online', '--index-url', server.url, ...args],
      { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, PIP_INDEX_URL: '' } },
    );
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('close', () => resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, report: JSON.parse(out) }));
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = { 'index only': [], 'resolve, cold': [], 'resolve, warm': [] };
let summary = null;
for (let run = 0; run < runs; run++) {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-resolve-cache-'));
  results['index only'].push((await timed(['--cache-dir', fs.mkdtempSync(path.join(os.tmpdir(), 'bench-empty-'))])).ms);
  const cold = await timed(['--resolve', '--cache-dir', cache]);
  results['resolve, cold'].push(cold.ms);
  summary = cold.report.resolve;
  results['resolve, warm'].push((await timed(['--resolve', '--cache-dir', cache])).ms);
  fs.rmSync(cache, { recursive: true, force: true });
}
await server.close();
fs.rmSync(root, { recursive: true, force: true });
console.log(
  `${SETS} sets of ${PINS} pins, 20 ms per answer, ${os.availableParallelism()} cores; resolve: ${JSON.stringify(summary)}; medians of ${runs} run(s) (node ${process.version}):`,
);
for (const [name, values] of Object.entries(results)) console.log(`  ${name.padEnd(14)} ${median(values).toFixed(0)} ms`);
