// The runtime check's rules, for the rule catalog (SARIF, the summary's links) and unknown-rule-id.
// docs/runtime.md says what each one means.

import type { RuleInfo } from '../model.js';

export const RUNTIME_RULES: readonly RuleInfo[] = [
  { id: 'pip-check', severity: 'error', summary: '`pip check` reports a broken or missing dependency in the installed environment' },
  {
    id: 'installed-version-mismatch',
    severity: 'error',
    summary: 'the installed version is outside the pin (error), or a pinned package is not installed (warning)',
  },
  { id: 'import-failed', severity: 'error', summary: 'a module of a pinned distribution fails to import in a fresh interpreter' },
  {
    id: 'gpu-not-visible',
    severity: 'error',
    summary: 'no CUDA device is visible (error with require-gpu, else a notice for a CUDA build of torch)',
  },
  {
    id: 'cpu-only-build',
    severity: 'error',
    summary:
      'a CPU-only (or ROCm) torch, or jax without its CUDA plugin, is installed where a +cuXYZ pin, the profile or the image expects CUDA',
  },
  {
    id: 'cuda-build-mismatch',
    severity: 'error',
    summary:
      "torch's CUDA build is outside the profile's cuda or of another major than the image's CUDA toolkit; jax's or CuPy's CUDA major differs from the expected one",
  },
  {
    id: 'driver-too-old',
    severity: 'error',
    summary:
      "the NVIDIA driver is older than torch's CUDA build needs, or the container toolkit refuses the image's NVIDIA_REQUIRE_CUDA (warning: unmet inside a container that started anyway)",
  },
  { id: 'runtime-error', severity: 'error', summary: 'the probe could not run, or part of it could not (pip check, time budget)' },
];
