// Matrices and repositories for the check tests: small Matrix objects built in code (the facts are a
// copy of the bundled tables, so that the tests do not depend on matrix/*.yml), and ParseResults read
// with the real readers from fixture folders or from texts.

import { fileURLToPath } from 'node:url';
import type { CudaTagStatus, Facts, IgnoreEntry, Matrix, MatrixRule, Profile } from '../../src/matrix/types.js';
import type { ParseResult, Severity } from '../../src/model.js';
import { kindOfPath, type FileSource } from '../../src/parse/discover.js';
import { loadReaders } from '../../src/parse/readers.js';
import { discoverRepository, parseRepository, readDiscovered, type ReadOptions } from '../../src/parse/repository.js';

/** Every reader, loaded once: the helpers below read a repository synchronously, whatever it holds. */
export const ALL_READERS = await loadReaders(['dockerfile', 'pyproject', 'conda']);

const TORCH_RELEASES: Array<[string, string, string, string, string]> = [
  ['1.0.0', '0.2', '', '2.7', '3.7'],
  ['1.0.1', '0.2', '', '2.7', '3.7'],
  ['1.1.0', '0.3.0', '', '2.7', '3.7'],
  ['1.2.0', '0.4', '0.3.0', '2.7', '3.7'],
  ['1.3.0', '0.4', '', '2.7', '3.7'],
  ['1.3.1', '0.4', '', '2.7', '3.7'],
  ['1.4.0', '0.5.0', '0.4.0', '2.7', '3.8'],
  ['1.5.0', '0.6.0', '0.5.0', '3.5', '3.8'],
  ['1.5.1', '0.6.1', '0.5.1', '3.5', '3.8'],
  ['1.6.0', '0.7.0', '0.6.0', '3.6', '3.8'],
  ['1.7.0', '0.8', '0.7.0', '3.6', '3.9'],
  ['1.7.1', '0.8.2', '0.7.2', '3.6', '3.9'],
  ['1.8.0', '0.9.0', '0.8.0', '3.6', '3.9'],
  ['1.8.1', '0.9.1', '0.8.1', '3.6', '3.9'],
  ['1.8.2', '0.9.2', '0.8.2', '3.6', '3.9'],
  ['1.9.0', '0.10.0', '0.9.0', '3.6', '3.9'],
  ['1.9.1', '0.10.1', '0.9.1', '3.6', '3.9'],
  ['1.10.0', '0.11.1', '0.10.0', '3.6', '3.9'],
  ['1.10.1', '0.11.2', '0.10.1', '3.6', '3.9'],
  ['1.10.2', '0.11.3', '0.10.2', '3.6', '3.9'],
  ['1.11.0', '0.12.0', '0.11.0', '3.7', '3.10'],
  ['1.12.0', '0.13.0', '0.12.0', '3.7', '3.10'],
  ['1.12.1', '0.13.1', '0.12.1', '3.7', '3.10'],
  ['1.13.0', '0.14.0', '0.13.0', '3.7', '3.10'],
  ['1.13.1', '0.14.1', '0.13.1', '3.7', '3.10'],
  ['2.0.0', '0.15.1', '2.0.1', '3.8', '3.11'],
  ['2.0.1', '0.15.2', '2.0.2', '3.8', '3.11'],
  ['2.1.0', '0.16.0', '2.1.0', '3.8', '3.11'],
  ['2.1.1', '0.16.1', '2.1.1', '3.8', '3.11'],
  ['2.1.2', '0.16.2', '2.1.2', '3.8', '3.11'],
  ['2.2.0', '0.17.0', '2.2.0', '3.8', '3.11'],
  ['2.2.1', '0.17.1', '2.2.1', '3.8', '3.11'],
  ['2.2.2', '0.17.2', '2.2.2', '3.8', '3.11'],
  ['2.3.0', '0.18.0', '2.3.0', '3.8', '3.12'],
  ['2.3.1', '0.18.1', '2.3.1', '3.8', '3.12'],
  ['2.4.0', '0.19.0', '2.4.0', '3.8', '3.12'],
  ['2.4.1', '0.19.1', '2.4.1', '3.8', '3.12'],
  ['2.5.0', '0.20.0', '2.5.0', '3.9', '3.12'],
  ['2.5.1', '0.20.1', '2.5.1', '3.9', '3.12'],
  ['2.6.0', '0.21.0', '2.6.0', '3.9', '3.13'],
  ['2.7.0', '0.22.0', '2.7.0', '3.9', '3.13'],
  ['2.7.1', '0.22.1', '2.7.1', '3.9', '3.13'],
  ['2.8.0', '0.23.0', '2.8.0', '3.9', '3.13'],
  ['2.9.0', '0.24.0', '2.9.0', '3.10', '3.14'],
  ['2.9.1', '0.24.1', '2.9.1', '3.10', '3.14'],
  ['2.10.0', '0.25.0', '2.10.0', '3.10', '3.14'],
  ['2.11.0', '0.26.0', '2.11.0', '3.10', '3.14'],
  ['2.12.0', '0.27.0', '2.11.0', '3.10', '3.14'],
  ['2.13.0', '0.28.0', '2.11.0', '3.10', '3.14'],
];
const TORCH_CUDA: Array<[string, string[]]> = [
  ['1.12', ['10.2', '11.3', '11.6']],
  ['1.13', ['11.6', '11.7']],
  ['2.0', ['11.7', '11.8']],
  ['2.1', ['11.8', '12.1']],
  ['2.2', ['11.8', '12.1']],
  ['2.3', ['11.8', '12.1']],
  ['2.4', ['11.8', '12.1', '12.4']],
  ['2.5', ['11.8', '12.1', '12.4']],
  ['2.6', ['11.8', '12.4', '12.6']],
  ['2.7', ['11.8', '12.6', '12.8']],
  ['2.8', ['12.6', '12.8', '12.9']],
  ['2.9', ['12.6', '12.8', '13.0']],
  ['2.10', ['12.6', '12.8', '13.0']],
  ['2.11', ['12.6', '12.8', '13.0']],
  ['2.12', ['12.6', '13.0', '13.2']],
  ['2.13', ['12.6', '13.0', '13.2']],
];
/** The CUDA of each minor's plain-PyPI Linux wheels, as in the bundled table. */
const PYPI_CUDA: Record<string, string> = {
  '1.12': '10.2',
  '1.13': '11.7',
  '2.0': '11.7',
  '2.1': '12.1',
  '2.2': '12.1',
  '2.3': '12.1',
  '2.4': '12.1',
  '2.5': '12.4',
  '2.6': '12.4',
  '2.7': '12.6',
  '2.8': '12.8',
  '2.9': '12.8',
};
const CUDA_DRIVERS: Array<[string, string, string]> = [
  ['13.0.2', '580.95.05', '580'],
  ['13.0.1', '580.82.07', '580'],
  ['13.0.0', '580.65.06', '580'],
  ['12.9.1', '575.57.08', '525'],
  ['12.9.0', '575.51.03', '525'],
  ['12.8.1', '570.124.06', '525'],
  ['12.8.0', '570.26', '525'],
  ['12.6.3', '560.35.05', '525'],
  ['12.6.2', '560.35.03', '525'],
  ['12.6.1', '560.35.03', '525'],
  ['12.6.0', '560.28.03', '525'],
  ['12.5.1', '555.42.06', '525'],
  ['12.5.0', '555.42.02', '525'],
  ['12.4.1', '550.54.15', '525'],
  ['12.4.0', '550.54.14', '525'],
  ['12.3.1', '545.23.08', '525'],
  ['12.3.0', '545.23.06', '525'],
  ['12.2.2', '535.104.05', '525'],
  ['12.2.1', '535.86.09', '525'],
  ['12.2.0', '535.54.03', '525'],
  ['12.1.1', '530.30.02', '525'],
  ['12.1.0', '530.30.02', '525'],
  ['12.0.1', '525.85.12', '525'],
  ['12.0.0', '525.60.13', '525'],
  ['11.8.0', '520.61.05', '450'],
  ['11.7.1', '515.48.07', '450'],
  ['11.7.0', '515.43.04', '450'],
];

/** nvidia/cuda tags the tests use, with their status in NVIDIA's lists. */
const CUDA_IMAGE_TAGS: Record<string, CudaTagStatus> = {};
for (const os of ['ubuntu20.04', 'ubuntu22.04']) {
  for (const variant of ['base', 'runtime', 'devel', 'cudnn8-runtime', 'cudnn8-devel']) {
    for (const version of ['11.7.1', '11.8.0', '12.0.1', '12.1.1', '12.2.2']) CUDA_IMAGE_TAGS[`${version}-${variant}-${os}`] = 'supported';
    CUDA_IMAGE_TAGS[`12.1.0-${variant}-${os}`] = 'unsupported_eol';
  }
  for (const variant of ['base', 'runtime', 'devel', 'cudnn-runtime', 'cudnn-devel'])
    CUDA_IMAGE_TAGS[`12.4.1-${variant}-${os}`] = 'supported';
}
CUDA_IMAGE_TAGS['11.3.1-devel-ubuntu20.04'] = 'unsupported_eol';

export const FACT_SOURCES: Facts['sources'] = {
  torch: 'https://github.com/pytorch/vision#installation',
  torchCuda: 'https://github.com/pytorch/pytorch/blob/main/RELEASE.md#release-compatibility-matrix',
  cudaDrivers: 'https://docs.nvidia.com/cuda/cuda-toolkit-release-notes/',
  cudaImageTags: 'https://gitlab.com/nvidia/container-images/cuda/-/blob/master/doc/supported-tags.md',
};

/** data/torch_family.csv's `torchvision_also` and `torchaudio_also`: other releases built for the same torch. */
const TORCHVISION_ALSO: Readonly<Record<string, string[]>> = { '1.10.0': ['0.11.0'], '2.0.0': ['0.15.0'] };
const TORCHAUDIO_ALSO: Readonly<Record<string, string[]>> = { '2.0.0': ['2.0.0'] };

export function testFacts(): Facts {
  return {
    torch: TORCH_RELEASES.map(([torch, torchvision, torchaudio, pythonMin, pythonMax]) => ({
      torch,
      torchvision,
      ...(TORCHVISION_ALSO[torch] ? { torchvisionAlso: TORCHVISION_ALSO[torch] } : {}),
      torchaudio: torchaudio || null,
      ...(TORCHAUDIO_ALSO[torch] ? { torchaudioAlso: TORCHAUDIO_ALSO[torch] } : {}),
      pythonMin,
      pythonMax,
    })),
    // The bundled table marks the minors up to 2.8 as the index's complete list.
    torchCuda: TORCH_CUDA.map(([torch, cuda]) => ({
      torch,
      cuda,
      complete: Number(torch.split('.')[0]) < 2 || Number(torch.split('.')[1]) <= 8,
      pypi: PYPI_CUDA[torch] ?? null,
    })),
    cudaDrivers: CUDA_DRIVERS.map(([cuda, minDriver, minorCompatMinDriver]) => ({
      cuda,
      minDriver,
      minorCompatMinDriver: minorCompatMinDriver || null,
    })),
    cudaImageTags: { ...CUDA_IMAGE_TAGS },
    asOf: { torchCuda: '2026-11-22', cudaImageTags: '2025-12' },
    sources: { ...FACT_SOURCES },
  };
}

export interface ProfileFields {
  python?: string;
  cuda?: string;
  packages?: Record<string, string>;
  reasons?: Record<string, string>;
}

export function testProfile(name: string, fields: ProfileFields): Profile {
  return {
    name,
    ...(fields.python === undefined ? {} : { python: fields.python }),
    ...(fields.cuda === undefined ? {} : { cuda: fields.cuda }),
    packages: fields.packages ?? {},
    reasons: fields.reasons ?? {},
    origin: { file: 'test-matrix.yml', line: 1 },
  };
}

export interface RuleFields {
  when?: Record<string, string>;
  require: Record<string, string>;
  severity?: Severity;
  message?: string;
  source?: string;
}

export function testRule(id: string, fields: RuleFields): MatrixRule {
  return {
    id,
    when: fields.when ?? {},
    require: fields.require,
    severity: fields.severity ?? 'error',
    message: fields.message ?? `${id} applies`,
    ...(fields.source === undefined ? {} : { source: fields.source }),
    origin: { file: 'test-matrix.yml', line: 1 },
  };
}

export interface MatrixFields {
  profile?: string | null;
  profiles?: Profile[];
  rules?: MatrixRule[];
  ignore?: IgnoreEntry[];
  facts?: Facts;
}

export function testMatrix(fields: MatrixFields = {}): Matrix {
  return {
    profile: fields.profile ?? null,
    profiles: Object.fromEntries((fields.profiles ?? []).map((profile) => [profile.name, profile])),
    rules: fields.rules ?? [],
    ignore: fields.ignore ?? [],
    facts: fields.facts ?? testFacts(),
    files: ['test-matrix.yml'],
  };
}

/** The fixture folder `__tests__/fixtures/check/<area>`, read as the action reads a repository. */
export function readFixture(area: string): ParseResult {
  return readFolder(fixturePath(area));
}

/** A folder read as readRepository reads it, synchronously: every reader is loaded beforehand. */
export function readFolder(root: string, targets: readonly string[] = [], options: ReadOptions = {}): ParseResult {
  return readDiscovered(discoverRepository(root, targets), { readers: ALL_READERS, ...options });
}

export function fixturePath(area: string): string {
  return fileURLToPath(new URL(`../../../__tests__/fixtures/check/${area}/`, import.meta.url));
}

/** A repository given as texts by path, read with the real readers. */
export function parseTexts(files: Record<string, string>, options: ReadOptions = {}): ParseResult {
  const paths = Object.keys(files);
  const source: FileSource = {
    read: (path) =>
      Object.hasOwn(files, path) ? { ok: true, bytes: new TextEncoder().encode(files[path]) } : { ok: false, message: 'no such file' },
    isFile: (path) => Object.hasOwn(files, path),
    leadsOutside: () => false,
  };
  const discovered = paths.flatMap((path) => {
    const kind = kindOfPath(path, (other) => Object.hasOwn(files, other));
    return kind ? [{ path, kind }] : [];
  });
  return parseRepository(discovered, source, { readers: ALL_READERS, ...options });
}
