// `npm run bench`: generates large repositories and times, side by side, with medians of several runs
// (the pairs a target compares - start-up and bare node, check and cat - in turns):
// compat-guard check on the whole repository, pip's own requirements-file parser over the same files
// (what every pip-based tool pays), `cat` of all files (the floor), bare `node -e 0`, and compat-guard
// check on a one-file repository (start-up). Peak RSS of compat-guard comes from GNU time.
//
//   node scripts/bench.mjs [--runs N] [--pip-runs N] [--sizes 400,4000] [--keep]
//
// Run it with the Node that will run the action (24) to compare with docs/performance.md: `node` here is
// whatever is on PATH. --pip-runs (default: --runs) bounds the slow pip side: at 4,000 files one run
// of pip's parser takes minutes.
//
// It prints a Markdown table (paste it into docs/performance.md) and writes .bench/results.json.

import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index === -1 ? fallback : args[index + 1];
};
const runs = Number(option('--runs', '5'));
const pipRuns = Number(option('--pip-runs', String(runs)));
const sizes = option('--sizes', '400,4000').split(',').map(Number);
const keep = args.includes('--keep');
const cli = path.resolve('dist/cli/index.js');
const work = path.resolve('.bench');
fs.mkdirSync(work, { recursive: true });

// --- The generator: deterministic, so figures are comparable between runs. ---------------------
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = (items) => items[Math.floor(random() * items.length)];
const packages = [
  'numpy',
  'pandas',
  'scipy',
  'torch',
  'requests',
  'pydantic',
  'fastapi',
  'uvicorn',
  'transformers',
  'datasets',
  'scikit-learn',
  'matplotlib',
  'pillow',
  'protobuf',
  'grpcio',
  'sqlalchemy',
  'alembic',
  'celery',
  'redis',
  'boto3',
  'botocore',
  'urllib3',
  'certifi',
  'idna',
  'charset-normalizer',
  'pyyaml',
  'jinja2',
  'markupsafe',
  'click',
  'rich',
];
const hash = () => Array.from({ length: 64 }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('');

function requirementLine(index) {
  const name = `${pick(packages)}${index % 7 === 0 ? '' : `-x${index}`}`;
  const version = `${1 + Math.floor(random() * 3)}.${Math.floor(random() * 30)}.${Math.floor(random() * 10)}`;
  switch (index % 5) {
    case 0:
      return `${name}==${version}`;
    case 1:
      return `${name}>=${version},<${Number(version.split('.')[0]) + 1} ; python_version >= "3.9" and platform_system != "Windows"`;
    case 2:
      return `${name}[extra-a,extra_b]~=${version}  # pinned for the GPU image`;
    case 3:
      return `${name}==${version} \\\n    --hash=sha256:${hash()} \\\n    --hash=sha256:${hash()}`;
    default:
      return `${name}!=${version},>=1.0 ; sys_platform == "linux"`;
  }
}

function requirementsFile(fileIndex) {
  const lines = [`# generated requirements file ${fileIndex}`];
  if (fileIndex % 10 === 0) lines.push('--extra-index-url https://download.pytorch.org/whl/cu121');
  // 100 requirement lines per file (continuation lines of hashed requirements come on top).
  for (let i = 0; i < 100; i++) lines.push(requirementLine(fileIndex * 100 + i));
  return lines.join('\n') + '\n';
}

function dockerfile(index) {
  return `# syntax=docker/dockerfile:1
ARG CUDA=12.1.1
FROM nvidia/cuda:\${CUDA}-devel-ubuntu22.04 AS builder
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update && apt-get install -y python3.10 python3.10-dev python3-pip \\
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements/req-${index}.txt ./requirements.txt
RUN pip install --no-cache-dir torch==2.1.2 torchvision==0.16.2 \\
    --index-url https://download.pytorch.org/whl/cu121
RUN pip install --no-cache-dir -r requirements.txt "numpy==1.23.5" 'pydantic>=2,<3'
FROM nvidia/cuda:\${CUDA}-runtime-ubuntu22.04
COPY --from=builder /usr/local /usr/local
`;
}

function generate(fileCount) {
  const root = path.join(work, `repo-${fileCount}`);
  if (fs.existsSync(path.join(root, '.complete'))) return root;
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(path.join(root, 'requirements'), { recursive: true });
  seed = fileCount;
  for (let i = 0; i < fileCount; i++) fs.writeFileSync(path.join(root, 'requirements', `req-${i}.txt`), requirementsFile(i));
  const dockerfiles = fileCount / 4;
  for (let i = 0; i < dockerfiles; i++) {
    fs.mkdirSync(path.join(root, 'services', `svc-${i}`), { recursive: true });
    fs.writeFileSync(path.join(root, 'services', `svc-${i}`, 'Dockerfile'), dockerfile(i));
  }
  fs.writeFileSync(path.join(root, '.complete'), '');
  return root;
}

// --- Timing. ------------------------------------------------------------------------------------
function timeOnce(command, argv) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, argv, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command} ${argv.join(' ')} failed: ${result.stderr}`);
  return seconds;
}

/** pip's parser, on its own: too slow to run in turns with the others, or once more to warm up. */
function median(command, argv, count) {
  const times = Array.from({ length: count }, () => timeOnce(command, argv)).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/**
 * The medians of commands run in turns (a, b, a, b... with the order flipped every round), for the
 * figures the targets compare: on a shared machine speed drifts within seconds, and two medians
 * taken one after the other can see two different machines.
 */
function mediansInTurns(commands) {
  for (const [command, argv] of commands) timeOnce(command, argv); // warms the page cache
  const times = commands.map(() => []);
  for (let round = 0; round < runs; round++) {
    const order = commands.map((_, index) => index);
    if (round % 2 === 1) order.reverse();
    for (const index of order) times[index].push(timeOnce(...commands[index]));
  }
  return times.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]);
}

/** Peak resident set of one run, in MB, from GNU time. */
function peakRssMb(argv) {
  const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...argv], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const kb = Number(result.stderr.trim().split('\n').pop());
  return kb / 1024;
}

const PIP_PARSER = `
import sys
from pip._internal.network.session import PipSession
from pip._internal.req.req_file import parse_requirements
from pip._internal.req.constructors import install_req_from_parsed_requirement
session = PipSession()
count = 0
for path in sys.argv[1:]:
    for parsed in parse_requirements(path, session=session):
        install_req_from_parsed_requirement(parsed)
        count += 1
print(count)
`;

function listFiles(root) {
  const out = [];
  const walk = (folder) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name !== '.complete') out.push(full);
    }
  };
  walk(root);
  return out.sort();
}

const rows = [];
/** Per size: its lines and the medians of check and cat, for the marginal costs. */
const measured = [];
const single = fs.mkdtempSync(path.join(os.tmpdir(), 'compat-guard-bench-'));
fs.writeFileSync(path.join(single, 'requirements.txt'), 'numpy==1.23.5\ntorch==2.1.2\n');
const [nodeBare, startup] = mediansInTurns([
  [process.execPath, ['-e', '0']],
  [process.execPath, [cli, 'check', '--root', single]],
]);
rows.push({ what: 'node -e 0', seconds: nodeBare });
rows.push({
  what: 'compat-guard check, one-file repository (start-up)',
  seconds: startup,
  ratio: `${(startup / nodeBare).toFixed(2)}x node`,
});

for (const size of sizes) {
  const root = generate(size);
  const files = listFiles(root);
  const requirementFiles = files.filter((file) => file.endsWith('.txt'));
  const bytes = files.reduce((sum, file) => sum + fs.statSync(file).size, 0);
  const lines = files.reduce((sum, file) => sum + fs.readFileSync(file, 'utf8').split('\n').length - 1, 0);
  const label = `${size} requirements files + ${size / 4} Dockerfiles (${lines} lines, ${(bytes / 1e6).toFixed(1)} MB)`;
  const [check, cat] = mediansInTurns([
    [process.execPath, [cli, 'check', '--root', root, '--format', 'json', '--output', path.join(work, 'out.json')]],
    ['sh', ['-c', 'find "$1" -type f ! -name .complete -exec cat {} + > /dev/null', 'sh', root]],
  ]);
  const pip = median('python3', ['-c', PIP_PARSER, ...requirementFiles], pipRuns);
  const rssRuns = Array.from({ length: runs }, () =>
    peakRssMb([cli, 'check', '--root', root, '--format', 'json', '--output', path.join(work, 'out.json')]),
  ).sort((a, b) => a - b);
  const rss = rssRuns[Math.floor(rssRuns.length / 2)];
  rows.push({
    what: `compat-guard check: ${label}`,
    seconds: check,
    ratio: `${(pip / check).toFixed(1)}x faster than pip's parser; ${(check / cat).toFixed(1)}x cat`,
    rssMb: rss,
    linesPerSecond: Math.round(lines / check),
  });
  rows.push({ what: `pip's requirements parser, same ${requirementFiles.length} files`, seconds: pip });
  rows.push({ what: `cat of all ${files.length} files`, seconds: cat });
  measured.push({ size, lines, check, cat });
}

// What each added file costs, start-up aside: the check's time per added line, and its added time
// against cat's added time over the same files.
const marginals = measured.slice(1).map((larger, index) => {
  const smaller = measured[index];
  const check = larger.check - smaller.check;
  const cat = larger.cat - smaller.cat;
  return `${smaller.size} -> ${larger.size} files: +${check.toFixed(3)} s check (${((check / (larger.lines - smaller.lines)) * 1e6).toFixed(2)} µs per added line), +${cat.toFixed(3)} s cat: ${(check / cat).toFixed(1)}x cat`;
});

// The CLI is a small entry and the chunks it loads (on demand): all of dist/cli together.
const cliFolder = path.dirname(cli);
const bundleKb = (
  fs
    .readdirSync(cliFolder)
    .filter((name) => name.endsWith('.js'))
    .reduce((sum, name) => sum + fs.statSync(path.join(cliFolder, name)).size, 0) / 1024
).toFixed(0);
const actionKb = (fs.statSync(path.resolve('dist/index.js')).size / 1024).toFixed(0);
const machine = `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${execFileSync('python3', ['-m', 'pip', '--version'], { encoding: 'utf8' }).split(' from ')[0]}`;
console.log(`Machine: ${machine}; median of ${runs} runs (pip: ${pipRuns}); CLI bundle ${bundleKb} KB, action bundle ${actionKb} KB\n`);
console.log('| what | median s | notes | peak RSS MB |');
console.log('| --- | ---: | --- | ---: |');
for (const row of rows)
  console.log(`| ${row.what} | ${row.seconds.toFixed(3)} | ${row.ratio ?? ''} | ${row.rssMb ? row.rssMb.toFixed(0) : ''} |`);
if (marginals.length > 0) console.log(`\nAdded cost per file (start-up aside):\n${marginals.map((line) => `- ${line}`).join('\n')}`);
fs.writeFileSync(path.join(work, 'results.json'), JSON.stringify({ machine, runs, bundleKb, actionKb, rows, marginals }, null, 2));
fs.rmSync(single, { recursive: true, force: true });
if (!keep) for (const size of sizes) fs.rmSync(path.join(work, `repo-${size}`), { recursive: true, force: true });
