// The effective matrix: the bundled matrix (matrix/*.yml) merged with the repository's matrix file.
// Everything here is plain data; the loader (src/matrix/load.ts) builds it and validates it against
// matrix/schema.json.

import type { Severity } from '../model.js';

/** Where a matrix entry was written, so that findings and errors can point at it. */
export interface MatrixOrigin {
  file: string;
  line: number;
}

export interface Profile {
  name: string;
  description?: string;
  /** Name of the profile it starts from, already applied (kept for `compat-guard matrix`). */
  extends?: string;
  /** PEP 440 specifier for the interpreter, e.g. `==3.10.*`. */
  python?: string;
  /** PEP 440 specifier for the CUDA version of images and torch wheels, e.g. `==12.1.*`. */
  cuda?: string;
  /** PEP 503 name -> PEP 440 specifier each pin must satisfy. */
  packages: Record<string, string>;
  /**
   * PEP 503 name (or `python` / `cuda`) -> why the profile pins it. Messages quote it. Where the
   * reason a seed gave is false (FACTS.md), the note says "profile policy" and nothing more.
   */
  reasons: Record<string, string>;
  origin: MatrixOrigin;
}

/** `when` all of these pins match, `require` each of those. */
export interface MatrixRule {
  id: string;
  /** PEP 503 name -> specifier the pin must meet for the rule to apply. */
  when: Record<string, string>;
  /** PEP 503 name -> specifier the pin must then satisfy. */
  require: Record<string, string>;
  severity: Severity;
  message: string;
  source?: string;
  origin: MatrixOrigin;
}

export interface IgnoreEntry {
  /** A rule id, or `*` for every rule. */
  rule: string;
  /** Repository-relative globs (`**`, `*`, `?`); every path when absent. */
  paths?: string[];
  /** Where the repository's matrix file says it (for a warning about an unknown rule id); absent for the bundled matrix. */
  at?: { file: string; line: number };
}

/** One torch release and the companions built for it (torch_family.csv). */
export interface TorchRelease {
  torch: string;
  torchvision: string;
  /** Other torchvision releases built for this same torch (torch 1.10.0: 0.11.0 besides 0.11.1); absent when none. */
  torchvisionAlso?: string[];
  /** null where no torchaudio was built for this torch (before 1.2) or the sources disagree: not checked. */
  torchaudio: string | null;
  /** Other torchaudio releases built for this same torch (torch 2.0.0: 2.0.0 besides 2.0.1); absent when none. */
  torchaudioAlso?: string[];
  /** Lowest and highest supported Python minor, e.g. "3.8" and "3.11". */
  pythonMin: string;
  pythonMax: string;
}

/** CUDA variants published on the PyTorch wheel index for a torch minor (torch_cuda.csv). */
export interface TorchCudaVariants {
  /** torch minor, e.g. "2.1". */
  torch: string;
  /** CUDA versions as "12.1" (from cu121). */
  cuda: string[];
  /**
   * Whether `cuda` is every variant the wheel index serves for this minor; otherwise it is RELEASE.md's
   * headline list and a variant missing from it may still be served (torch 2.10.0 as cu129).
   */
  complete: boolean;
  /** The CUDA its plain-PyPI Linux wheels bundle ("12.1"); null where the data does not say. */
  pypi: string | null;
}

/** Minimum driver for a CUDA toolkit (cuda_driver.csv). */
export interface CudaDriver {
  cuda: string;
  /** Linux x86_64 toolkit driver minimum, e.g. "530.30.02". */
  minDriver: string;
  /** Minor-version compatibility: lowest driver branch that runs this major, e.g. "525"; null before 11. */
  minorCompatMinDriver: string | null;
}

export type CudaTagStatus = 'supported' | 'unsupported_eol';

/** Universal facts, each table with the URL it comes from. */
export interface Facts {
  torch: TorchRelease[];
  torchCuda: TorchCudaVariants[];
  cudaDrivers: CudaDriver[];
  /**
   * nvidia/cuda tag -> status, as of `asOf.cudaImageTags`: a tag not listed was never published only
   * where the list is complete for its CUDA minor and OS (src/check/cuda-tags.ts).
   */
  cudaImageTags: Record<string, CudaTagStatus>;
  /** The date each snapshot table was taken (YYYY-MM or YYYY-MM-DD); null when its file gives none. */
  asOf: {
    torchCuda: string | null;
    cudaImageTags: string | null;
  };
  sources: {
    torch: string;
    torchCuda: string;
    cudaDrivers: string;
    cudaImageTags: string;
  };
}

export interface Matrix {
  /** The default profile named by the repository's matrix file, or null. */
  profile: string | null;
  /** The NVIDIA driver of the hosts that run the images (`driver:`), or null; --driver wins over it. */
  driver?: { version: string; origin: { file: string; line: number } } | null;
  profiles: Record<string, Profile>;
  rules: MatrixRule[];
  ignore: IgnoreEntry[];
  facts: Facts;
  /** Files the matrix was read from, bundled ones first. */
  files: string[];
}

/** Which profile a check runs under, and why. */
export interface ProfileChoice {
  name: string;
  /** e.g. "named by --profile", "named by .github/compat-matrix.yml", "pins 11 of 13 packages of the profile". */
  reason: string;
}
