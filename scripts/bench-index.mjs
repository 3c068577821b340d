// The index checks' cost: 100 exact pins (each with a metadata file) against a loopback index that
// adds 20 ms to every answer, run through the bundled CLI with a cold cache, then a warm one, beside
// the static check alone (--index offline with an empty cache). Medians of --runs runs (default 5).
//   node scripts/bench-index.mjs [--runs N]

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const PINS = 100;
const LATENCY_MS = 20;
const cli = path.resolve('dist/cli/index.js');

const names = Array.from({ length: PINS }, (_, index) => `bench-package-${index}`);
const server = http.createServer((request, response) => {
  setTimeout(() => {
    const page = /^\/simple\/([^/]+)\/$/.exec(request.url ?? '');
    const file = /^\/files\/(bench_package_\d+)-1\.0-py3-none-any\.whl\.metadata$/.exec(request.url ?? '');
    if (page && names.includes(page[1])) {
      const stem = page[1].replace(/-/g, '_');
      response.writeHead(200, { 'content-type': 'application/vnd.pypi.simple.v1+json', etag: `"${stem}"` });
      response.end(
        JSON.stringify({
          meta: { 'api-version': '1.1' },
          name: page[1],
          files: [
            { filename: `${stem}-0.9-py3-none-any.whl`, url: `/files/${stem}-0.9-py3-none-any.whl`, hashes: {}, 'core-metadata': true },
            {
              filename: `${stem}-1.0-py3-none-any.whl`,
              url: `/files/${stem}-1.0-py3-none-any.whl`,
              hashes: {},
              'requires-python': '>=3.8',
              'core-metadata': true,
            },
          ],
        }),
      );
    } else if (file) {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end(`Metadata-Version: 2.1\nName: ${file[1]}\nVersion: 1.0\nRequires-Dist: bench-package-0>=0.5\n\n`);
    } else {
      response.writeHead(404);
      response.end();
    }
  }, LATENCY_MS);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const indexUrl = `http://127.0.0.1:${server.address().port}/simple`;

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-index-'));
fs.writeFileSync(path.join(root, 'Dockerfile'), 'FROM python:3.11-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n');
fs.writeFileSync(path.join(root, 'requirements.txt'), names.map((name) => `${name}==1.0\n`).join(''));

/** Asynchronous: the loopback index answers from this process while the CLI runs. */
function timed(args) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(
      process.execPath,
      [
        ...(process.env.BENCH_PROFILE && args.includes(indexUrl) ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : []),
        cli,
        'check',
        '--root',
        root,
        '--format',
        'json',
        ...args,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('close', () => resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, report: JSON.parse(out) }));
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = { static: [], cold: [], warm: [] };
let requests = null;
for (let run = 0; run < runs; run++) {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-index-cache-'));
  results.static.push((await timed(['--index', 'offline', '--cache-dir', fs.mkdtempSync(path.join(os.tmpdir(), 'bench-empty-'))])).ms);
  const cold = await timed(['--index', 'online', '--index-url', indexUrl, '--cache-dir', cache]);
  results.cold.push(cold.ms);
  requests = cold.report.index.requests;
  const warm = await timed(['--index', 'online', '--index-url', indexUrl, '--cache-dir', cache]);
  if (process.env.BENCH_DEBUG) console.log(JSON.stringify(warm.report.index));
  results.warm.push(warm.ms);
  fs.rmSync(cache, { recursive: true, force: true });
}
server.close();
fs.rmSync(root, { recursive: true, force: true });
console.log(`${PINS} pins, ${LATENCY_MS} ms per answer, ${requests} requests cold; medians of ${runs} runs (node ${process.version}):`);
for (const [name, values] of Object.entries(results)) console.log(`  ${name.padEnd(6)} ${median(values).toFixed(0)} ms`);
