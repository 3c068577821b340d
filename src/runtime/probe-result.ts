// What probe.py reports, and the reading of its output. The probe runs inside the environment under
// test, which may print anything: its output is validated field by field here, and whatever does not
// have the expected shape is dropped (or makes the whole result unreadable), never trusted.

/** The line prefix that marks the probe's result among whatever else the interpreter printed. */
const PROBE_SENTINEL = 'COMPAT_GUARD_PROBE_RESULT ';
/** The `probe` field of a result this code understands. */
const PROBE_FORMAT = 1;

export interface ProbeImport {
  /** PEP 503 name of the distribution that provides the module. */
  package: string;
  module: string;
  ok: boolean;
  /** Not tried because the probe's time budget was spent. */
  skipped: boolean;
  /** The error's last line, "timed out after 60 s", or "killed by SIGSEGV: ...". */
  error: string | null;
}

export interface ProbePipCheck {
  /** pip check ran to the end (exit status 0 or 1). */
  ran: boolean;
  exitCode: number | null;
  /** pip's output lines, as printed. */
  lines: string[];
  /** Why pip check did not run (no pip in the environment, timeout...). */
  error: string | null;
}

export interface ProbeTorch {
  /** The probe imported torch and read its facts. */
  ok: boolean;
  skipped: boolean;
  /** Import failure, or the error torch.cuda raised. */
  error: string | null;
  version: string | null;
  /** torch.version.cuda: "12.1", or null for a CPU (or ROCm) build. */
  cuda: string | null;
  /** torch.version.hip: set for a ROCm build. */
  hip: string | null;
  available: boolean;
  devices: string[];
  cudnn: number | null;
}

export interface ProbeJax {
  ok: boolean;
  skipped: boolean;
  error: string | null;
  version: string | null;
  /** jax.default_backend(): "gpu", "cpu", "tpu"... */
  backend: string | null;
}

export interface ProbeCupy {
  ok: boolean;
  skipped: boolean;
  error: string | null;
  /** The installed CuPy distribution: `cupy-cuda12x`, `cupy-cuda11x`, `cupy` (built from source). */
  package: string | null;
  version: string | null;
  /** cupy.cuda.runtime.runtimeGetVersion(): 12060 for CUDA 12.6. */
  runtime: number | null;
}

export interface ProbeGpu {
  name: string;
  driver: string | null;
  memory: string | null;
}

export interface ProbeNvidiaSmi {
  ok: boolean;
  gpus: ProbeGpu[];
  error: string | null;
}

export interface ProbeResult {
  python: { version: string; implementation: string; executable: string };
  /** PEP 508 marker variables of the environment. */
  markers: Record<string, string>;
  /** Why installed distributions could not be listed (Python < 3.8 without importlib_metadata). */
  metadataError: string | null;
  /** Every installed distribution: PEP 503 name -> name as its metadata spells it, and version. */
  installed: Map<string, { name: string; version: string }>;
  pipCheck: ProbePipCheck;
  imports: ProbeImport[];
  /** null when torch is not installed. */
  torch: ProbeTorch | null;
  /** null when nvidia-smi is not on the target's PATH. */
  nvidiaSmi: ProbeNvidiaSmi | null;
  /** null when jax is not installed. */
  jax: ProbeJax | null;
  /** null when no CuPy distribution is installed. */
  cupy: ProbeCupy | null;
  /** The CUDA_VERSION variable nvidia/cuda images set, e.g. "12.1.1". */
  cudaVersion: string | null;
  /** The NVIDIA_REQUIRE_* variables (JETPACK aside) the NVIDIA container toolkit checks at container start. */
  nvidiaRequire: Record<string, string>;
  /** NVIDIA_DISABLE_REQUIRE as set, or null. */
  nvidiaDisableRequire: string | null;
}

export type ProbeReading = { ok: true; result: ProbeResult } | { ok: false; message: string };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function int(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

function texts(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function readImport(value: unknown): ProbeImport | null {
  if (!isObject(value)) return null;
  const pkg = text(value.package);
  const module = text(value.module);
  if (pkg === null || module === null) return null;
  return { package: pkg, module, ok: value.ok === true, skipped: value.skipped === true, error: text(value.error) };
}

/** How one of the probe's library scripts (torch, jax, CuPy) went. */
function readOutcome(value: Json): { ok: boolean; skipped: boolean; error: string | null } {
  return { ok: value.ok === true, skipped: value.skipped === true, error: text(value.error) };
}

function readTorch(value: unknown): ProbeTorch | null {
  if (!isObject(value)) return null;
  return {
    ...readOutcome(value),
    version: text(value.version),
    cuda: text(value.cuda),
    hip: text(value.hip),
    available: value.available === true,
    devices: texts(value.devices),
    cudnn: int(value.cudnn),
  };
}

function readJax(value: unknown): ProbeJax | null {
  if (!isObject(value)) return null;
  return { ...readOutcome(value), version: text(value.version), backend: text(value.backend) };
}

function readCupy(value: unknown): ProbeCupy | null {
  if (!isObject(value)) return null;
  return {
    ...readOutcome(value),
    package: text(value.package),
    version: text(value.version),
    runtime: int(value.runtime),
  };
}

function strings(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObject(value)) {
    for (const [key, entry] of Object.entries(value)) if (typeof entry === 'string') out[key] = entry;
  }
  return out;
}

function readNvidiaSmi(value: unknown): ProbeNvidiaSmi | null {
  if (!isObject(value)) return null;
  const gpus: ProbeGpu[] = [];
  for (const gpu of Array.isArray(value.gpus) ? value.gpus : []) {
    if (isObject(gpu) && typeof gpu.name === 'string') {
      gpus.push({ name: gpu.name, driver: text(gpu.driver), memory: text(gpu.memory) });
    }
  }
  return { ok: value.ok === true, gpus, error: text(value.error) };
}

function readPipCheck(value: unknown): ProbePipCheck {
  if (!isObject(value)) return { ran: false, exitCode: null, lines: [], error: 'the probe reported no pip check' };
  return { ran: value.ran === true, exitCode: int(value.exitCode), lines: texts(value.lines), error: text(value.error) };
}

/** The result line of the probe's stdout (the last one carrying the sentinel), validated. */
export function readProbeOutput(stdout: string): ProbeReading {
  const at = stdout.lastIndexOf('\n' + PROBE_SENTINEL);
  const start = at >= 0 ? at + 1 : stdout.startsWith(PROBE_SENTINEL) ? 0 : -1;
  if (start < 0) return { ok: false, message: 'the probe printed no result' };
  const end = stdout.indexOf('\n', start);
  const line = stdout.slice(start + PROBE_SENTINEL.length, end < 0 ? undefined : end);
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { ok: false, message: 'the probe printed a result that is not JSON' };
  }
  if (!isObject(raw) || raw.probe !== PROBE_FORMAT || !isObject(raw.python)) {
    return { ok: false, message: `the probe's result is not in format ${PROBE_FORMAT}` };
  }
  const installed = new Map<string, { name: string; version: string }>();
  if (isObject(raw.installed)) {
    for (const [key, entry] of Object.entries(raw.installed)) {
      if (isObject(entry) && typeof entry.name === 'string' && typeof entry.version === 'string') {
        installed.set(key, { name: entry.name, version: entry.version });
      }
    }
  }
  return {
    ok: true,
    result: {
      python: {
        version: text(raw.python.version) ?? '',
        implementation: text(raw.python.implementation) ?? '',
        executable: text(raw.python.executable) ?? '',
      },
      markers: strings(raw.markers),
      metadataError: text(raw.metadataError),
      installed,
      pipCheck: readPipCheck(raw.pipCheck),
      imports: Array.isArray(raw.imports) ? raw.imports.map(readImport).filter((item): item is ProbeImport => item !== null) : [],
      torch: readTorch(raw.torch),
      nvidiaSmi: readNvidiaSmi(raw.nvidiaSmi),
      jax: readJax(raw.jax),
      cupy: readCupy(raw.cupy),
      cudaVersion: text(raw.cudaVersion),
      nvidiaRequire: strings(raw.nvidiaRequire),
      nvidiaDisableRequire: text(raw.nvidiaDisableRequire),
    },
  };
}
