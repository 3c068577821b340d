// Which build of torch, jax and CuPy is installed, against the CUDA the repository expects. The usual
// way a GPU image silently runs on the CPU is a CPU wheel where a CUDA one was meant: pip took torch
// from the CPU index, `jax` came without its CUDA plugin, or a later `pip install` replaced the build. The files say CUDA is expected when a torch pin names a `+cuXYZ`
// build, when the profile has a `cuda`, or when the environment is an nvidia/cuda image (CUDA_VERSION).

import { localLabel, minorOf, compareDotted, cudaLabel } from '../check/versions.js';
import type { Matrix, Profile } from '../matrix/types.js';
import type { Finding } from '../model.js';
import { cudaOfLabel } from '../parse/pytorch-index.js';
import { contains, parseSpecifierSet } from '../pep440/specifier.js';
import { parseVersion } from '../pep440/version.js';
import type { ProbeResult } from './probe-result.js';
import { runtimeFinding, type RequirementInFile } from './place.js';

/** Why CUDA is expected here, and which CUDA. */
interface CudaExpected {
  /** The files' words: `requirements.txt pins torch==2.13.0+cu126`, `profile gpu (cuda ==12.6.*)`. */
  why: string;
  major: number;
  /** A specifier the CUDA version must meet (the profile's), or null. */
  specifier: string | null;
  /** The `cuXYZ` variant the files name, or null when they name none. */
  variant: string | null;
  /** The CUDA major.minor a variant should have when there is one (the image's toolkit), or null. */
  preferred: string | null;
}

const WHEEL_INDEX = 'https://download.pytorch.org/whl/';

/** The local label (`cu126`, `cpu`) of a pin that names one exact build (`==2.13.0+cu126`), or null. */
function pinnedLabel(pin: RequirementInFile): string | null {
  for (const clause of pin.requirement.specifier.split(',')) {
    const text = clause.trim();
    if (!text.startsWith('==') || text.startsWith('===')) continue;
    const version = parseVersion(text.slice(2).trim());
    const label = version ? localLabel(version) : null;
    if (label !== null) return label.toLowerCase();
  }
  return null;
}

/** The first major version a CUDA specifier names: 12 for `==12.6.*` or `>=12.1,<13`. */
function specifierMajor(specifier: string): number | null {
  const match = /(\d+)/.exec(specifier);
  return match ? Number(match[1]) : null;
}

/**
 * Where the repository says CUDA is expected: a torch pin's `+cuXYZ` label first (it names the
 * build), then the profile's cuda, then the image's CUDA toolkit. null: a CPU stack, or no word.
 */
function expectedCuda(result: ProbeResult, torchPins: readonly RequirementInFile[], profile: Profile | null): CudaExpected | null {
  for (const pin of torchPins) {
    const label = pinnedLabel(pin);
    const cuda = label ? cudaOfLabel(label) : null;
    if (label !== null && cuda !== null) {
      return {
        why: `${pin.file} pins ${pin.requirement.name}${pin.requirement.specifier}`,
        major: Number(cuda.split('.')[0]),
        specifier: null,
        variant: label,
        preferred: null,
      };
    }
  }
  const major = profile?.cuda ? specifierMajor(profile.cuda) : null;
  if (profile?.cuda && major !== null) {
    return { why: `profile ${profile.name} (cuda ${profile.cuda})`, major, specifier: profile.cuda, variant: null, preferred: null };
  }
  const toolkit = result.cudaVersion ? /^(\d+)\.(\d+)/.exec(result.cudaVersion) : null;
  if (toolkit) {
    return {
      why: `the image's CUDA toolkit (CUDA_VERSION ${result.cudaVersion})`,
      major: Number(toolkit[1]),
      specifier: null,
      variant: null,
      preferred: `${toolkit[1]}.${toolkit[2]}`,
    };
  }
  return null;
}

/**
 * The wheel index folder for a CUDA build of this torch: the variant the pin names, else the image's
 * CUDA when the matrix lists it for the torch minor, else the newest listed one that the profile's
 * cuda allows (or of the expected major).
 */
function torchVariant(expected: CudaExpected, torchVersion: string | null, matrix: Matrix): string | null {
  if (expected.variant) return expected.variant;
  const minor = torchVersion ? minorOf(torchVersion.split('+')[0] ?? '') : null;
  const published = matrix.facts.torchCuda.find((row) => row.torch === minor)?.cuda ?? [];
  if (expected.preferred !== null && published.includes(expected.preferred)) return cudaLabel(expected.preferred);
  const allowed = expected.specifier ? parseSpecifierSet(expected.specifier) : null;
  const fitting = published.filter((cuda) =>
    allowed?.ok ? contains(allowed.set, cuda, { prereleases: true }) : Number(cuda.split('.')[0]) === expected.major,
  );
  const newest = fitting.sort(compareDotted).pop();
  return newest ? cudaLabel(newest) : null;
}

/** The `+cpu` or `+rocm...` label of an installed version; the build torch reports wins over it. */
function nonCudaBuild(result: ProbeResult): string | null {
  const torch = result.torch;
  if (torch?.ok) {
    if (torch.cuda !== null) return null;
    return torch.hip ? `a ROCm build (torch.version.hip ${torch.hip}), not a CUDA one` : 'a CPU-only build (torch.version.cuda is None)';
  }
  const installed = result.installed.get('torch');
  const label = installed ? /\+(cpu|rocm[\d.]*)$/i.exec(installed.version)?.[1]?.toLowerCase() : undefined;
  if (label === undefined) return null;
  return label === 'cpu' ? 'a CPU-only build (+cpu)' : `a ROCm build (+${label}), not a CUDA one`;
}

function torchFindings(
  result: ProbeResult,
  pins: Map<string, RequirementInFile[]>,
  matrix: Matrix,
  profile: Profile | null,
  applies: (pin: RequirementInFile) => boolean,
): Finding[] {
  const installed = result.installed.get('torch');
  const build = installed ? nonCudaBuild(result) : null;
  const torchPins = (pins.get('torch') ?? []).filter(applies);
  // A pin that names the CPU build on purpose (`torch==2.13.0+cpu`) is the files' own choice.
  if (!installed || build === null || torchPins.some((pin) => pinnedLabel(pin) === 'cpu')) return [];
  const expected = expectedCuda(result, torchPins, profile);
  if (expected === null) return [];
  const variant = torchVariant(expected, installed.version, matrix);
  const release = installed.version.split('+')[0] ?? installed.version;
  const fix = variant
    ? `install the CUDA build from ${WHEEL_INDEX}${variant} (pip install torch==${release} --index-url ${WHEEL_INDEX}${variant})`
    : `install a CUDA ${expected.major}.x build from ${WHEEL_INDEX}cuXYZ (the folder of the CUDA version you need)`;
  return [
    runtimeFinding(
      {
        rule: 'cpu-only-build',
        severity: 'error',
        message:
          `${installed.name} ${installed.version} is installed, ${build}, but ${expected.why} expects a CUDA build: ` +
          `torch.cuda.is_available() is False with it, so the code falls back to the CPU or fails at .cuda() ("Torch not compiled with CUDA enabled"). ` +
          `It came from the CPU index, another platform's wheels, or a later pip install that replaced the CUDA build; ${fix}.`,
        package: 'torch',
        expected: variant ? `a CUDA build (+${variant})` : `a CUDA ${expected.major}.x build`,
        actual: `==${installed.version}`,
      },
      pins.get('torch'),
    ),
  ];
}

/** `jax-cuda12-plugin`, `jax-cuda12-pjrt` -> 12. */
const JAX_CUDA_PLUGIN = /^jax-cuda(\d+)-(?:plugin|pjrt)$/;

/** The CUDA major of jax's CUDA support: its plugin packages, or an old jaxlib's `+cuda12...` label. */
function jaxCudaMajor(result: ProbeResult): number | null {
  for (const key of result.installed.keys()) {
    const match = JAX_CUDA_PLUGIN.exec(key);
    if (match) return Number(match[1]);
  }
  const jaxlib = result.installed.get('jaxlib')?.version ?? '';
  const label = /\+cuda(\d+)/i.exec(jaxlib);
  return label ? Number(label[1]) : null;
}

/** A jax pin asks for CUDA through an extra: `jax[cuda12]`, `jax[cuda12_pip]`, `jax[cuda]`. */
function jaxExtraMajor(pins: readonly RequirementInFile[]): { pin: RequirementInFile; major: number | null } | null {
  for (const pin of pins) {
    for (const extra of pin.requirement.extras) {
      const match = /^cuda(\d*)/i.exec(extra);
      if (match) return { pin, major: match[1] ? Number(match[1]) : null };
    }
  }
  return null;
}

function jaxFindings(
  result: ProbeResult,
  pins: Map<string, RequirementInFile[]>,
  profile: Profile | null,
  applies: (pin: RequirementInFile) => boolean,
): Finding[] {
  const jax = result.installed.get('jax');
  const jaxPins = (pins.get('jax') ?? []).filter(applies);
  // A ROCm plugin is another accelerator on purpose, not a CPU build.
  if (!jax || jaxPins.length === 0 || [...result.installed.keys()].some((key) => /^jax-rocm\d*-plugin$/.test(key))) return [];
  const extra = jaxExtraMajor(jaxPins);
  const stack = expectedCuda(result, (pins.get('torch') ?? []).filter(applies), profile);
  const expected: CudaExpected | null =
    extra !== null
      ? {
          why: `${extra.pin.file} pins ${extra.pin.requirement.name}[${extra.pin.requirement.extras.join(',')}]${extra.pin.requirement.specifier}`,
          major: extra.major ?? stack?.major ?? 12,
          specifier: null,
          variant: null,
          preferred: null,
        }
      : stack;
  if (expected === null) return [];
  const installedMajor = jaxCudaMajor(result);
  const backend = result.jax?.ok && result.jax.backend ? `; jax.default_backend() is "${result.jax.backend}"` : '';
  if (installedMajor === null) {
    return [
      runtimeFinding(
        {
          rule: 'cpu-only-build',
          severity: 'error',
          message:
            `jax ${jax.version} is installed without a CUDA plugin (no jax-cuda${expected.major}-plugin, and jaxlib is a CPU build${backend}), ` +
            `but ${expected.why} expects CUDA ${expected.major}: jax will run on the CPU. Install "jax[cuda${expected.major}]==${jax.version}" (it brings jax-cuda${expected.major}-plugin).`,
          package: 'jax',
          expected: `jax-cuda${expected.major}-plugin`,
          actual: `==${jax.version}`,
        },
        pins.get('jax'),
      ),
    ];
  }
  if (installedMajor !== expected.major) {
    return [
      runtimeFinding(
        {
          rule: 'cuda-build-mismatch',
          severity: 'error',
          message:
            `jax ${jax.version} has its CUDA ${installedMajor} plugin installed, but ${expected.why} expects CUDA ${expected.major}: ` +
            `install "jax[cuda${expected.major}]==${jax.version}" instead.`,
          package: 'jax',
          expected: `CUDA ${expected.major}.x`,
          actual: `CUDA ${installedMajor}.x`,
        },
        pins.get('jax'),
      ),
    ];
  }
  return [];
}

/** `cupy-cuda12x` -> 12, `cupy-cuda11x` -> 11, `cupy-cuda102` -> 10, `cupy-cuda110` -> 11. */
function cupyPackageMajor(key: string): number | null {
  const match = /^cupy-cuda(\d+?)(x|\d)$/.exec(key);
  return match ? Number(match[1]) : null;
}

function cupyFindings(
  result: ProbeResult,
  pins: Map<string, RequirementInFile[]>,
  profile: Profile | null,
  applies: (pin: RequirementInFile) => boolean,
): Finding[] {
  const cupy = result.cupy;
  const key = cupy?.package ?? null;
  if (!cupy || key === null || (pins.get(key) ?? []).filter(applies).length === 0) return [];
  const expected = expectedCuda(result, (pins.get('torch') ?? []).filter(applies), profile);
  if (expected === null) return [];
  const runtime = cupy.ok && cupy.runtime !== null && cupy.runtime > 0 ? cupy.runtime : null;
  const actual =
    runtime !== null
      ? {
          major: Math.floor(runtime / 1000),
          text: `CUDA ${Math.floor(runtime / 1000)}.${Math.floor((runtime % 1000) / 10)} (cupy.cuda.runtime.runtimeGetVersion() is ${runtime})`,
        }
      : cupyPackageMajor(key) !== null
        ? { major: cupyPackageMajor(key) as number, text: `CUDA ${cupyPackageMajor(key)}.x (its package name)` }
        : null;
  if (actual === null || actual.major === expected.major) return [];
  const installed = result.installed.get(key);
  return [
    runtimeFinding(
      {
        rule: 'cuda-build-mismatch',
        severity: 'error',
        message:
          `${installed?.name ?? key} ${installed?.version ?? cupy.version ?? ''} is built for ${actual.text}, but ${expected.why} expects CUDA ${expected.major}: ` +
          `install cupy-cuda${expected.major}x instead.`,
        package: key,
        expected: `cupy-cuda${expected.major}x`,
        actual: key,
      },
      pins.get(key),
    ),
  ];
}

/** torch, jax and CuPy builds that cannot use the CUDA the files expect. */
export function gpuBuildFindings(
  result: ProbeResult,
  pins: Map<string, RequirementInFile[]>,
  matrix: Matrix,
  profile: Profile | null,
  applies: (pin: RequirementInFile) => boolean,
): Finding[] {
  return [
    ...torchFindings(result, pins, matrix, profile, applies),
    ...jaxFindings(result, pins, profile, applies),
    ...cupyFindings(result, pins, profile, applies),
  ];
}
