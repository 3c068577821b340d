#!/usr/bin/env node
// Writes the generated parts of the bundled matrix from the tables in data/:
//   data/torch_family.csv + data/torch_cuda.csv -> matrix/torch.yml
//   data/cuda_driver.csv                         -> matrix/cuda-drivers.yml
//   data/nvidia_cuda_tags.csv                    -> matrix/cuda-image-tags.yml
// A new torch release is one row in data/torch_family.csv (and, for a new minor, one in
// data/torch_cuda.csv), then `npm run matrix:generate`. `--check` writes nothing and exits 1 when
// a generated file differs from what the CSVs give (CI and the tests use it).

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

export const CSV_FILES = ['torch_family.csv', 'torch_cuda.csv', 'cuda_driver.csv', 'nvidia_cuda_tags.csv'];

const SOURCES = {
  torch: 'https://github.com/pytorch/vision#installation',
  torchCuda: 'https://github.com/pytorch/pytorch/blob/main/RELEASE.md#release-compatibility-matrix',
  cudaDrivers: 'https://docs.nvidia.com/cuda/cuda-toolkit-release-notes/',
  cudaImageTags: 'https://gitlab.com/nvidia/container-images/cuda/-/blob/master/doc/supported-tags.md',
};

const VERSION = /^[0-9]+(\.[0-9]+)*$/;
const MINOR_VERSION = /^[0-9]+\.[0-9]+$/;
/** `cu121` -> 12.1: the last digit is the minor. */
const CUDA_VARIANT = /^cu([0-9]+)([0-9])$/;
const TAG_STATUSES = new Set(['supported', 'unsupported_eol']);

/**
 * The generated matrix files from the CSV texts (file name -> text), as [{ name, text }] with
 * `name` relative to matrix/. Throws an Error naming `data/<file>:<line>` for a malformed row.
 */
export function generateMatrixFiles(csv) {
  const table = (name) => {
    if (typeof csv[name] !== 'string') throw new Error(`data/${name}: missing`);
    return parseCsv(name, csv[name]);
  };
  return [
    { name: 'torch.yml', text: torchYaml(table('torch_family.csv'), table('torch_cuda.csv')) },
    { name: 'cuda-drivers.yml', text: cudaDriversYaml(table('cuda_driver.csv')) },
    { name: 'cuda-image-tags.yml', text: cudaImageTagsYaml(table('nvidia_cuda_tags.csv')) },
  ];
}

function torchYaml(family, cuda) {
  const releases = family.rows.map((row) => {
    const torch = field(family, row, 'torch', VERSION);
    const companions = {
      torchvision: field(family, row, 'torchvision', VERSION),
      torchaudio: field(family, row, 'torchaudio', VERSION),
      pythonMin: field(family, row, 'python_min', MINOR_VERSION),
      pythonMax: field(family, row, 'python_max', MINOR_VERSION),
    };
    return `      ${q(torch)}: ${flowMap(companions)}`;
  });
  const variants = cuda.rows.map((row) => {
    const minor = field(cuda, row, 'torch', MINOR_VERSION);
    const versions = field(cuda, row, 'cuda_variants').split(';').map((variant) => {
      const match = CUDA_VARIANT.exec(variant.trim());
      if (match === null) fail(cuda, row, `cuda_variants: ${JSON.stringify(variant)} is not a CUDA variant like cu121`);
      return `${Number(match[1])}.${match[2]}`;
    });
    return `      ${q(minor)}: [${versions.map(q).join(', ')}]`;
  });
  return [
    header('data/torch_family.csv and data/torch_cuda.csv'),
    'facts:',
    '  torch:',
    `    source: ${SOURCES.torch}`,
    '    releases:',
    ...releases,
    '  torchCuda:',
    `    source: ${SOURCES.torchCuda}`,
    '    variants:',
    ...variants,
    '',
  ].join('\n');
}

function cudaDriversYaml(drivers) {
  const toolkits = drivers.rows.map((row) => {
    const cuda = field(drivers, row, 'cuda_version', VERSION);
    const major = Number(cuda.split('.')[0]);
    // Minor-version compatibility arrived with CUDA 11; earlier rows name the toolkit's own driver there.
    const minorCompat = major >= 11 ? field(drivers, row, 'minor_compat_min_driver_branch', VERSION) : null;
    return `      ${q(cuda)}: ${flowMap({ minDriver: field(drivers, row, 'toolkit_linux_x86_64_min_driver', VERSION), minorCompatMinDriver: minorCompat })}`;
  });
  return [
    header('data/cuda_driver.csv'),
    'facts:',
    '  cudaDrivers:',
    `    source: ${SOURCES.cudaDrivers}`,
    '    toolkits:',
    ...toolkits,
    '',
  ].join('\n');
}

function cudaImageTagsYaml(tags) {
  const statuses = new Map();
  for (const row of tags.rows) {
    const tag = field(tags, row, 'tag');
    const status = field(tags, row, 'status');
    if (!TAG_STATUSES.has(status)) fail(tags, row, `status: ${JSON.stringify(status)} is not supported or unsupported_eol`);
    // NVIDIA's supported and unsupported lists overlap for a few old tags: end of life wins.
    if (statuses.get(tag) !== 'unsupported_eol') statuses.set(tag, status);
  }
  return [
    header('data/nvidia_cuda_tags.csv'),
    '# A tag that NVIDIA lists both as supported and as unsupported is unsupported_eol here.',
    'facts:',
    '  cudaImageTags:',
    `    source: ${SOURCES.cudaImageTags}`,
    '    tags:',
    ...[...statuses].map(([tag, status]) => `      ${q(tag)}: ${status}`),
    '',
  ].join('\n');
}

function header(from) {
  return [
    `# generated by scripts/generate-matrix.mjs from ${from}; do not edit`,
    '# yaml-language-server: $schema=./schema.json',
  ].join('\n');
}

/** A double-quoted YAML scalar: JSON string syntax is valid YAML, and quotes keep "2.10" a string. */
function q(value) {
  return JSON.stringify(value);
}

function flowMap(entries) {
  return `{${Object.entries(entries).map(([key, value]) => `${key}: ${value === null ? 'null' : q(value)}`).join(', ')}}`;
}

/**
 * Comma-separated values with a header row; a field may be double-quoted (with "" for a quote) so
 * that a note can hold commas. Rows keep their 1-based line for messages.
 */
function parseCsv(name, text) {
  const lines = text.split(/\r?\n/);
  const columns = splitCsvLine(name, lines[0] ?? '', 1);
  const rows = [];
  lines.slice(1).forEach((line, index) => {
    if (line.trim() === '') return;
    const lineNumber = index + 2;
    const cells = splitCsvLine(name, line, lineNumber);
    if (cells.length !== columns.length) {
      throw new Error(`data/${name}:${lineNumber}: expected ${columns.length} columns (${columns.join(',')}), got ${cells.length}`);
    }
    rows.push({ line: lineNumber, cells });
  });
  return { name, columns, rows };
}

function splitCsvLine(name, line, lineNumber) {
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index];
    if (quoted) {
      if (char === '"' && line[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        cell += char;
      }
    } else if (char === '"' && cell === '') {
      quoted = true;
    } else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else {
      cell += char;
    }
  }
  if (quoted) throw new Error(`data/${name}:${lineNumber}: unterminated quoted field`);
  cells.push(cell);
  return cells;
}

function field(table, row, column, pattern) {
  const index = table.columns.indexOf(column);
  if (index === -1) throw new Error(`data/${table.name}:1: no column ${JSON.stringify(column)}`);
  const value = (row.cells[index] ?? '').trim();
  if (pattern !== undefined && !pattern.test(value)) fail(table, row, `${column}: ${JSON.stringify(value)} does not match ${pattern}`);
  return value;
}

function fail(table, row, message) {
  throw new Error(`data/${table.name}:${row.line}: ${message}`);
}

function main(argv) {
  const check = argv.includes('--check');
  const csv = Object.fromEntries(CSV_FILES.map((name) => [name, readFileSync(join(ROOT, 'data', name), 'utf8')]));
  const stale = [];
  for (const { name, text } of generateMatrixFiles(csv)) {
    const path = join(ROOT, 'matrix', name);
    let current = null;
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      // A missing file is as stale as a different one.
    }
    if (current === text) continue;
    stale.push(`matrix/${name}`);
    if (!check) writeFileSync(path, text);
  }
  if (check && stale.length > 0) {
    console.error(`out of date with data/*.csv (run npm run matrix:generate): ${stale.join(', ')}`);
    return 1;
  }
  console.log(stale.length === 0 ? 'matrix/ is up to date' : `wrote ${stale.join(', ')}`);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error(`generate-matrix: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
