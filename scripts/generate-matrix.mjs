#!/usr/bin/env node
// Writes the generated parts of the bundled matrix from the tables in data/:
//   data/torch_family.csv + data/torch_cuda.csv -> matrix/torch.yml
//   data/cuda_driver.csv                         -> matrix/cuda-drivers.yml
//   data/nvidia_cuda_tags.csv                    -> matrix/cuda-image-tags.yml
//   data/as_of.csv: the date each snapshot table was taken (what the checks say past it)
// and the compiled form of the hand-written parts:
//   matrix/profiles.yml, matrix/rules.yml        -> matrix/compiled/<name>.json
// A new torch release is one row in data/torch_family.csv (and, for a new minor, one in
// data/torch_cuda.csv), then `npm run matrix:generate`. `--check` writes nothing and exits 1 when
// a generated file differs from what its sources give (CI and the tests use it).

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

export const CSV_FILES = ['torch_family.csv', 'torch_cuda.csv', 'cuda_driver.csv', 'nvidia_cuda_tags.csv', 'as_of.csv'];

/** The hand-written parts of matrix/ (src/matrix/bundled.ts reads their compiled form). */
export const HAND_WRITTEN_FILES = ['profiles.yml', 'rules.yml'];

const SOURCES = {
  torch: 'https://github.com/pytorch/vision#installation',
  torchCuda: 'https://github.com/pytorch/pytorch/blob/main/RELEASE.md#release-compatibility-matrix',
  cudaDrivers: 'https://docs.nvidia.com/cuda/cuda-toolkit-release-notes/',
  cudaImageTags: 'https://gitlab.com/nvidia/container-images/cuda/-/blob/master/doc/supported-tags.md',
};

const VERSION = /^[0-9]+(\.[0-9]+)*$/;
const OPTIONAL_VERSION = /^([0-9]+(\.[0-9]+)*)?$/;
const MINOR_VERSION = /^[0-9]+\.[0-9]+$/;
/** `cu121` -> 12.1: the last digit is the minor. */
const CUDA_VARIANT = /^cu([0-9]+)([0-9])$/;
const TAG_STATUSES = new Set(['supported', 'unsupported_eol']);
/** A snapshot's date: a day, or a month when only the month is known. */
const DATE = /^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$/;
const YES_NO = /^(yes|no)$/;

/**
 * The generated matrix files from the CSV texts (file name -> text), as [{ name, text }] with
 * `name` relative to matrix/. Throws an Error naming `data/<file>:<line>` for a malformed row.
 *
 * The files are JSON, which is YAML too: the loader reads them with JSON.parse, many times faster
 * than a YAML parser, and editors still apply the schema named in their leading comment.
 */
export function generateMatrixFiles(csv) {
  const table = (name) => {
    if (typeof csv[name] !== 'string') throw new Error(`data/${name}: missing`);
    return parseCsv(name, csv[name]);
  };
  const asOf = snapshotDates(table('as_of.csv'));
  return [
    { name: 'torch.yml', text: torchJson(table('torch_family.csv'), table('torch_cuda.csv'), asOf) },
    { name: 'cuda-drivers.yml', text: cudaDriversJson(table('cuda_driver.csv')) },
    { name: 'cuda-image-tags.yml', text: cudaImageTagsJson(table('nvidia_cuda_tags.csv'), asOf) },
  ];
}

/** data/as_of.csv: file name -> the date its snapshot was taken; the snapshot tables must have one. */
function snapshotDates(table) {
  const dates = rowsByKey(table, (row) => [field(table, row, 'file'), field(table, row, 'as_of', DATE)]);
  for (const name of ['torch_cuda.csv', 'nvidia_cuda_tags.csv']) {
    if (!dates.has(name)) throw new Error(`data/as_of.csv: no row for ${name}`);
  }
  return dates;
}

function torchJson(family, cuda, asOf) {
  const releases = rowsByKey(family, (row) => [
    field(family, row, 'torch', VERSION),
    {
      torchvision: field(family, row, 'torchvision', VERSION),
      // Empty where no torchaudio was built for the release (torch 1.0 and 1.1) or the sources disagree.
      torchaudio: field(family, row, 'torchaudio', OPTIONAL_VERSION) || null,
      pythonMin: field(family, row, 'python_min', MINOR_VERSION),
      pythonMax: field(family, row, 'python_max', MINOR_VERSION),
      // Other companion releases built for the same torch (1.10.0: torchvision 0.11.0 and 0.11.1): only where there are some.
      ...companionsAlso(family, row),
    },
  ]);
  const variants = rowsByKey(cuda, (row) => [
    field(cuda, row, 'torch', MINOR_VERSION),
    field(cuda, row, 'cuda_variants')
      .split(';')
      .map((variant) => {
        const match = CUDA_VARIANT.exec(variant.trim());
        if (match === null) fail(cuda, row, `cuda_variants: ${JSON.stringify(variant)} is not a CUDA variant like cu121`);
        return `${Number(match[1])}.${match[2]}`;
      }),
  ]);
  // The minors whose list is the wheel index's whole list, not only RELEASE.md's headline variants.
  const complete = cuda.rows.filter((row) => field(cuda, row, 'complete', YES_NO) === 'yes').map((row) => field(cuda, row, 'torch'));
  // The CUDA that the minor's plain-PyPI Linux wheels bundle, where the data knows it.
  const pypi = new Map();
  for (const row of cuda.rows) {
    const variant = field(cuda, row, 'pypi_cuda', /^(cu[0-9]+[0-9])?$/);
    if (variant === '') continue;
    const match = CUDA_VARIANT.exec(variant);
    pypi.set(field(cuda, row, 'torch'), `${Number(match[1])}.${match[2]}`);
  }
  return matrixFile('data/torch_family.csv, data/torch_cuda.csv and data/as_of.csv', {
    torch: { source: SOURCES.torch, releases },
    torchCuda: { source: SOURCES.torchCuda, asOf: asOf.get('torch_cuda.csv'), complete, pypi, variants },
  });
}

/**
 * `{ torchvisionAlso: [...], torchaudioAlso: [...] }` from the `;`-separated `torchvision_also` and
 * `torchaudio_also` cells (optional columns), each only when it is not empty.
 */
function companionsAlso(family, row) {
  const also = {};
  for (const [column, key] of [
    ['torchvision_also', 'torchvisionAlso'],
    ['torchaudio_also', 'torchaudioAlso'],
  ]) {
    const cell = family.columns.includes(column) ? field(family, row, column) : '';
    if (cell === '') continue;
    also[key] = cell.split(';').map((version) => {
      if (!VERSION.test(version.trim())) fail(family, row, `${column}: ${JSON.stringify(version)} is not a version`);
      return version.trim();
    });
  }
  return also;
}

function cudaDriversJson(drivers) {
  const toolkits = rowsByKey(drivers, (row) => {
    const cuda = field(drivers, row, 'cuda_version', VERSION);
    const major = Number(cuda.split('.')[0]);
    // Minor-version compatibility arrived with CUDA 11; earlier rows name the toolkit's own driver there.
    const minorCompat = major >= 11 ? field(drivers, row, 'minor_compat_min_driver_branch', VERSION) : null;
    return [cuda, { minDriver: field(drivers, row, 'toolkit_linux_x86_64_min_driver', VERSION), minorCompatMinDriver: minorCompat }];
  });
  return matrixFile('data/cuda_driver.csv', { cudaDrivers: { source: SOURCES.cudaDrivers, toolkits } });
}

function cudaImageTagsJson(tags, asOf) {
  const statuses = new Map();
  for (const row of tags.rows) {
    const tag = field(tags, row, 'tag');
    const status = field(tags, row, 'status');
    if (!TAG_STATUSES.has(status)) fail(tags, row, `status: ${JSON.stringify(status)} is not supported or unsupported_eol`);
    // NVIDIA's supported and unsupported lists overlap for a few old tags: end of life wins.
    if (statuses.get(tag) !== 'unsupported_eol') statuses.set(tag, status);
  }
  return matrixFile(
    'data/nvidia_cuda_tags.csv and data/as_of.csv',
    { cudaImageTags: { source: SOURCES.cudaImageTags, asOf: asOf.get('nvidia_cuda_tags.csv'), tags: statuses } },
    ['A tag that NVIDIA lists both as supported and as unsupported is unsupported_eol here.'],
  );
}

/**
 * A table's rows as a Map (CSV order, which a plain object would not keep for a key like "13"). A
 * key must not repeat: JSON.parse would keep the last row without a word.
 */
function rowsByKey(table, entry) {
  const rows = new Map();
  const lines = new Map();
  for (const row of table.rows) {
    const [key, value] = entry(row);
    if (rows.has(key)) fail(table, row, `${JSON.stringify(key)} is already on line ${lines.get(key)}`);
    rows.set(key, value);
    lines.set(key, row.line);
  }
  return rows;
}

/** The comment lines (JSON has none, but the loader skips them), then `{"facts": ...}`. */
function matrixFile(from, facts, notes = []) {
  return [
    `# generated by scripts/generate-matrix.mjs from ${from}; do not edit`,
    '# yaml-language-server: $schema=./schema.json',
    ...notes.map((note) => `# ${note}`),
    prettyJson({ facts }, ''),
    '',
  ].join('\n');
}

/** An object with a key per line; a table (a Map) with a row per line, so that a new CSV row is one new line. */
function prettyJson(value, indent) {
  const inner = `${indent}  `;
  if (value instanceof Map) {
    const rows = [...value].map(([key, row]) => `${inner}${JSON.stringify(key)}: ${inlineJson(row)}`);
    return `{\n${rows.join(',\n')}\n${indent}}`;
  }
  if (Array.isArray(value)) return inlineJson(value);
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([key, child]) => `${inner}${JSON.stringify(key)}: ${prettyJson(child, inner)}`);
    return `{\n${entries.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** One row on one line, spaced for reading: {"torchvision": "0.9.0", "torchaudio": "0.8.0"}. */
function inlineJson(value) {
  if (Array.isArray(value)) return `[${value.map(inlineJson).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value)
      .map(([key, child]) => `${JSON.stringify(key)}: ${inlineJson(child)}`)
      .join(', ')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The compiled form of hand-written matrix files (file name -> YAML text), as [{ name, text }] with
 * `name` relative to matrix/: `compiled/<file>.json` holding the YAML text it was compiled from, the
 * document as plain values, and the line of every map key and list item by its path
 * (JSON.stringify(['rules', 0]) -> 9). The loader (src/matrix/load.ts) takes the value and lines from
 * it instead of parsing the YAML on every run, when `text` is the file's text; the tests validate the
 * value against the schema (a run takes the bundled matrix as committed). Only what JSON holds as written is compiled: aliases, keys that are not
 * strings and values JSON cannot hold throw an Error naming `matrix/<file>:<line>`.
 */
export function compileMatrixFiles(yaml) {
  return HAND_WRITTEN_FILES.map((name) => {
    if (typeof yaml[name] !== 'string') throw new Error(`matrix/${name}: missing`);
    const compiled = {
      generatedBy: `scripts/generate-matrix.mjs from matrix/${name}; do not edit`,
      text: yaml[name],
      ...readYamlDocument(name, yaml[name]),
    };
    return { name: `compiled/${name}.json`, text: `${JSON.stringify(compiled, null, 2)}\n` };
  });
}

/** `{ value, keyLines }` of a YAML document; lines are those src/matrix/load.ts would find in the text. */
function readYamlDocument(name, text) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const lineOf = (node) => lineCounter.linePos(node.range[0]).line;
  const refuse = (node, message) => {
    throw new Error(`matrix/${name}:${node?.range ? lineOf(node) : 1}: ${message}`);
  };
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem !== undefined)
    throw new Error(`matrix/${name}:${lineCounter.linePos(problem.pos[0]).line}: ${problem.message.split('\n', 1)[0]}`);
  if (doc.contents === null) refuse(null, 'the file has no content');

  const keyLines = {};
  const convert = (node, path) => {
    if (node === null) return null; // no node at all: an empty value
    if (isScalar(node)) {
      const { value } = node;
      if (value === null || typeof value === 'string' || typeof value === 'boolean' || Number.isFinite(value)) return value;
      return refuse(node, `${String(value)} has no JSON form: quote it`);
    }
    if (isSeq(node)) {
      return node.items.map((item, index) => {
        if (item?.range) keyLines[JSON.stringify([...path, index])] = lineOf(item);
        return convert(item, [...path, index]);
      });
    }
    if (isMap(node)) {
      // fromEntries defines keys as own properties, as the loader does, so a `__proto__` key stays a key.
      return Object.fromEntries(
        node.items.map((pair) => {
          if (!isScalar(pair.key) || typeof pair.key.value !== 'string') refuse(pair.key ?? node, 'keys must be plain strings');
          const key = pair.key.value;
          keyLines[JSON.stringify([...path, key])] = lineOf(pair.key);
          return [key, convert(pair.value, [...path, key])];
        }),
      );
    }
    return refuse(node, 'aliases (*name) are not supported in a matrix file: write the value out');
  };
  return { value: convert(doc.contents, []), keyLines };
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
  const yaml = Object.fromEntries(HAND_WRITTEN_FILES.map((name) => [name, readFileSync(join(ROOT, 'matrix', name), 'utf8')]));
  const stale = [];
  for (const { name, text } of [...generateMatrixFiles(csv), ...compileMatrixFiles(yaml)]) {
    const path = join(ROOT, 'matrix', name);
    let current = null;
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      // A missing file is as stale as a different one.
    }
    if (current === text) continue;
    stale.push(`matrix/${name}`);
    if (check) continue;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  if (check && stale.length > 0) {
    console.error(`out of date with data/*.csv and the hand-written matrix/*.yml (run npm run matrix:generate): ${stale.join(', ')}`);
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
