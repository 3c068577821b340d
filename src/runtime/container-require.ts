// The driver an nvidia/cuda image needs, as the NVIDIA container toolkit sees it. The image sets
// NVIDIA_REQUIRE_CUDA (`cuda>=12.6 brand=tesla,driver>=470,driver<471 ...`); when the container starts,
// libnvidia-container evaluates every NVIDIA_REQUIRE_* variable (JETPACK aside) against the host and
// refuses to start it when one is false, unless NVIDIA_DISABLE_REQUIRE is true. Within one variable a
// space separates alternatives (OR) and a comma joins conditions (AND); `cuda` is the CUDA version the
// host driver supports, `driver` the driver version, `brand` and `arch` the GPU's (unknown here).
// Sources: NVIDIA/libnvidia-container src/cli/dsl.c (dsl_evaluate), NVIDIA/nvidia-container-toolkit
// internal/config/image/cuda_image.go (GetRequirements, HasDisableRequire).

import type { CudaDriver, Matrix } from '../matrix/types.js';
import type { Finding, RelatedLocation } from '../model.js';
import { compareDriverVersions } from './driver-version.js';
import { unplacedFinding } from './place.js';
import type { ProbeResult } from './probe-result.js';

/** true, false, or null when it depends on what the probe cannot see (the GPU's brand or architecture). */
type Truth = boolean | null;

/** "12.6" of "12.6.3". */
function majorMinorText(version: string): string {
  return version.split('.').slice(0, 2).join('.');
}

/**
 * The CUDA version a driver supports, as `nvidia-smi` shows it: the newest toolkit whose minimum
 * driver it meets. `beyondData`: it meets the newest toolkit the table knows, so it may support more.
 */
export function driverCudaVersion(driver: string, drivers: readonly CudaDriver[]): { cuda: string; beyondData: boolean } | null {
  let best: string | null = null;
  let newest: CudaDriver | null = null;
  for (const entry of drivers) {
    if (newest === null || compareDriverVersions(entry.cuda, newest.cuda) > 0) newest = entry;
    if (compareDriverVersions(driver, entry.minDriver) >= 0 && (best === null || compareDriverVersions(entry.cuda, best) > 0))
      best = entry.cuda;
  }
  if (best === null || newest === null) return null;
  return { cuda: majorMinorText(best), beyondData: best === newest.cuda };
}

/** The lowest driver that reports at least this CUDA major.minor: its first release's toolkit minimum. */
export function driverForCuda(cuda: string, drivers: readonly CudaDriver[]): string | null {
  let lowest: string | null = null;
  for (const entry of drivers) {
    if (majorMinorText(entry.cuda) !== majorMinorText(cuda)) continue;
    if (lowest === null || compareDriverVersions(entry.minDriver, lowest) < 0) lowest = entry.minDriver;
  }
  return lowest;
}

const OPERATORS = ['>=', '<=', '!=', '>', '<', '='] as const;

function compare(left: string, operator: (typeof OPERATORS)[number], right: string): boolean {
  const order = compareDriverVersions(left, right);
  switch (operator) {
    case '>=':
      return order >= 0;
    case '<=':
      return order <= 0;
    case '!=':
      return order !== 0;
    case '>':
      return order > 0;
    case '<':
      return order < 0;
    case '=':
      return order === 0;
  }
}

/** One condition, `cuda>=12.6` or `driver<471`. */
function conditionTruth(condition: string, driver: string, drivers: readonly CudaDriver[]): Truth {
  const operator = OPERATORS.find((candidate) => condition.includes(candidate));
  if (operator === undefined) return null;
  const at = condition.indexOf(operator);
  const name = condition.slice(0, at).trim().toLowerCase();
  const value = condition.slice(at + operator.length).trim();
  if (!/^\d+(?:\.\d+)*$/.test(value)) return null;
  if (name === 'driver') return compare(driver, operator, value);
  if (name !== 'cuda') return null; // brand, arch: the probe does not know them
  const supported = driverCudaVersion(driver, drivers);
  if (supported === null) return null;
  const holds = compare(supported.cuda, operator, value);
  // Past the table's newest toolkit the driver may support more than the table says.
  return !holds && supported.beyondData ? null : holds;
}

/** A whole NVIDIA_REQUIRE_* value: alternatives separated by spaces, each a comma-joined AND. */
export function requirementTruth(requirement: string, driver: string, drivers: readonly CudaDriver[]): Truth {
  let result: Truth = false;
  for (const alternative of requirement.split(' ').filter((part) => part !== '')) {
    let all: Truth = true;
    for (const condition of alternative.split(',').filter((part) => part !== '')) {
      const truth = conditionTruth(condition, driver, drivers);
      if (truth === false) {
        all = false;
        break;
      }
      if (truth === null) all = null;
    }
    if (all === true) return true;
    if (all === null) result = null;
  }
  return result;
}

/** NVIDIA_DISABLE_REQUIRE as Go's strconv.ParseBool reads it: 1, t, T, TRUE, true, True. */
export function disablesRequire(value: string | null): boolean {
  return value !== null && ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value);
}

/** The `cuda>=X.Y` of a requirement (its first condition), e.g. "12.6". */
function requiredCuda(requirement: string): string | null {
  const match = /(?:^|\s)cuda\s*>=?\s*(\d+\.\d+)/i.exec(requirement);
  return match ? (match[1] as string) : null;
}

/** What the driver must be for a `cuda>=X.Y` condition, in words. */
function toolkitNeeds(cuda: string, drivers: readonly CudaDriver[]): string {
  const needed = driverForCuda(cuda, drivers);
  return needed ? `a driver that supports CUDA ${cuda} (>= ${needed})` : `a driver that supports CUDA ${cuda}`;
}

/** How to get past the requirement, shared by both findings. */
function ways(supported: string | null): string {
  const older = supported ? `an image of CUDA ${supported} or older` : 'an image of an older CUDA';
  return (
    `upgrade the driver, use ${older}, or set NVIDIA_DISABLE_REQUIRE=true (ENV in the image, or docker run -e) ` +
    `when only the pip wheels' bundled CUDA needs the GPU (they run on any driver of their major's minor-version-compatibility branch, except features that need PTX JIT)`
  );
}

/**
 * The probe ran inside a container whose NVIDIA_REQUIRE_* the driver does not meet: this start skipped
 * the check (CDI injection, or no NVIDIA runtime hook), but a host that enforces it refuses the image.
 */
export function containerRequireFindings(
  result: ProbeResult,
  driver: string | undefined,
  matrix: Matrix,
  related: RelatedLocation[],
): Finding[] {
  if (driver === undefined || disablesRequire(result.nvidiaDisableRequire)) return [];
  const drivers = matrix.facts.cudaDrivers;
  const findings: Finding[] = [];
  for (const [name, requirement] of Object.entries(result.nvidiaRequire).sort()) {
    if (requirementTruth(requirement, driver, drivers) !== false) continue;
    const cuda = requiredCuda(requirement);
    const supported = driverCudaVersion(driver, drivers)?.cuda ?? null;
    findings.push(
      unplacedFinding(
        {
          rule: 'driver-too-old',
          severity: 'warning',
          message:
            `The NVIDIA driver ${driver}${supported ? ` (CUDA ${supported})` : ''} does not meet this image's ${name} (${requirement.split(' ')[0]}` +
            `${cuda ? `: ${toolkitNeeds(cuda, drivers)}` : ''}). It started here because the requirement was not checked, but the NVIDIA ` +
            `container toolkit checks it when docker run --gpus starts a container and refuses the image then: ${ways(supported)}.`,
          package: null,
          expected: requirement.split(' ')[0] ?? requirement,
          actual: driver,
          source: matrix.facts.sources.cudaDrivers,
        },
        related,
      ),
    );
  }
  return findings;
}

/** docker's stderr when the container toolkit refused the image: "... unsatisfied condition: cuda>=12.6, please update ...". */
export function refusedCondition(stderr: string): string | null {
  const match = /requirement error: unsatisfied condition: ([^,\n]+)/.exec(stderr);
  return match ? (match[1] as string).trim() : null;
}

/** The image could not start: the container toolkit found its NVIDIA_REQUIRE_CUDA unmet by this runner's driver. */
export function refusedStartFinding(image: string, condition: string, driver: string | null, matrix: Matrix): Finding {
  const drivers = matrix.facts.cudaDrivers;
  const cuda = requiredCuda(condition);
  const supported = driver ? (driverCudaVersion(driver, drivers)?.cuda ?? null) : null;
  const host = driver ? `this runner's driver ${driver}${supported ? ` supports CUDA ${supported}` : ''}` : "this runner's driver is older";
  return unplacedFinding({
    rule: 'driver-too-old',
    severity: 'error',
    message:
      `docker refused to start ${image}: the NVIDIA container toolkit checks the image's NVIDIA_REQUIRE_CUDA when the container starts, ` +
      `and ${condition} is not met${cuda ? ` (it needs ${toolkitNeeds(cuda, drivers)})` : ''}; ${host}. ` +
      `The toolkit of an nvidia/cuda image needs its own minimum driver: ${ways(supported)}.`,
    package: null,
    expected: condition,
    actual: driver,
    source: matrix.facts.sources.cudaDrivers,
  });
}
