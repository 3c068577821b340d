// fleet-driver-too-old: the team declared the NVIDIA driver of its hosts (`driver:` in the matrix file,
// the `driver` input, --driver), and an image or a torch build needs a newer one.
//
// nvidia/cuda images set NVIDIA_REQUIRE_CUDA (`cuda>=12.6 brand=tesla,driver>=535,driver<536 ...`),
// which the NVIDIA container toolkit checks when the container starts: space-separated conditions are
// alternatives, comma-separated ones all must hold. `cuda>=12.6` asks for a driver that supports CUDA
// 12.6 itself (minor-version compatibility does not count): one at least CUDA 12.6's release driver.
// The `brand=...,driver>=535,driver<536` alternatives let long-lived driver branches start the image
// on the GPU brands they name; which branches an image lists varies by image, so a fleet on such a
// branch gets a warning, not an error. NVIDIA_DISABLE_REQUIRE=true turns the check off: a compose
// service that sets it runs its image unchecked. A compose service that requests no GPU (no
// `deploy.resources.reservations.devices`, `runtime: nvidia` or `gpus:`) gets the check only on a
// host whose default runtime is nvidia: a warning there too.
//
// A torch wheel bundles its CUDA runtime and runs on any driver of that CUDA major's minor-version
// compatibility branch (12.x: >= 525; 13.x: >= 580); an older one cannot load it at all.

import type { CudaDriver, Facts, Matrix } from '../../matrix/types.js';
import type { Finding, ImageRef, ParsedFile, RuleInfo } from '../../model.js';
import { factSpan } from '../context.js';
import { makeFinding, type Place } from '../finding-builder.js';
import { compareDotted, minorOf } from '../versions.js';

export const RULE: RuleInfo = {
  id: 'fleet-driver-too-old',
  severity: 'error',
  summary: "an image or torch build that needs a newer NVIDIA driver than the fleet's declared driver",
};

/** How the container toolkit reads NVIDIA_REQUIRE_* (and NVIDIA_DISABLE_REQUIRE). */
export const REQUIRE_SOURCE = 'https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/latest/docker-specialized.html';

/**
 * The driver branches nvidia/cuda images list as `brand=...,driver>=B,driver<B+1` alternatives (the
 * long-lived datacenter branches); a fleet on one of them may start an image its CUDA minimum refuses.
 */
const BRAND_BRANCHES = new Set(['418', '440', '450', '460', '470', '510', '515', '525', '535', '550', '570']);

export interface FleetDriver {
  version: string;
  /** Where it was declared: `--driver`, `the driver input`, `.github/compat-matrix.yml:3`. */
  declaredBy: string;
}

/** The matrix's declared driver (--driver and the input are put there by runChecks), or null. */
export function fleetDriverOf(facts: { driver?: Matrix['driver'] }): FleetDriver | null {
  const driver = facts.driver;
  if (!driver) return null;
  return {
    version: driver.version,
    declaredBy: driver.origin.line > 0 ? `${driver.origin.file}:${driver.origin.line}` : driver.origin.file,
  };
}

/** The newest CUDA minor whose release driver the fleet's driver meets, e.g. 550.54.14 -> "12.4"; null below every row. */
function cudaOfDriver(drivers: readonly CudaDriver[], driver: string): string | null {
  let best: string | null = null;
  for (const row of drivers) {
    if (compareDotted(row.minDriver, driver) > 0) continue;
    const minor = minorOf(row.cuda);
    if (minor && (best === null || compareDotted(minor, best) > 0)) best = minor;
  }
  return best;
}

/** The lowest release driver of a CUDA minor (its GA's): what `cuda>=X.Y` asks for. */
export function releaseDriverOf(drivers: readonly CudaDriver[], minor: string): string | null {
  let lowest: string | null = null;
  for (const row of drivers) {
    if (minorOf(row.cuda) === minor && (lowest === null || compareDotted(row.minDriver, lowest) < 0)) lowest = row.minDriver;
  }
  return lowest;
}

/** The image's CUDA minor needs a newer driver than the fleet's: a finding, else null. */
export function imageDriverFinding(facts: Facts, fleet: FleetDriver, file: ParsedFile, image: ImageRef, cuda: string): Finding | null {
  // The compose service that runs it sets NVIDIA_DISABLE_REQUIRE: the toolkit checks nothing.
  if (image.runtime?.requireDisabled === true) return null;
  const minor = minorOf(cuda);
  const needed = minor ? releaseDriverOf(facts.cudaDrivers, minor) : null;
  if (!minor || !needed || compareDotted(fleet.version, needed) >= 0) return null;
  const supports = cudaOfDriver(facts.cudaDrivers, fleet.version);
  const branch = fleet.version.split('.')[0] as string;
  const brand = BRAND_BRANCHES.has(branch);
  const at: Place = { file: file.path, span: factSpan(image) };
  const upTo = supports ? `supports CUDA up to ${supports}` : 'is older than every CUDA release in the data';
  // A service that asks for no GPU gets the toolkit's check only where the host's default runtime is nvidia.
  const withoutGpu = image.runtime?.gpuRequested === false;
  const whereGpu = withoutGpu
    ? 'where the container gets GPUs (the service requests none: only a host whose default runtime is nvidia gives them), '
    : '';
  const consequence = brand
    ? `the container toolkit refuses to start it unless the GPUs are of a brand that its brand=...,driver>=${branch},driver<${Number(branch) + 1} alternatives name (datacenter and professional GPUs, on images that list branch ${branch}), or NVIDIA_DISABLE_REQUIRE is set`
    : 'the container toolkit refuses to start it ("unsatisfied condition: cuda>=' + minor + '") unless NVIDIA_DISABLE_REQUIRE is set';
  return makeFinding({
    rule: RULE.id,
    severity: brand || withoutGpu ? 'warning' : 'error',
    at,
    package: null,
    expected: `>=${needed}`,
    actual: fleet.version,
    source: REQUIRE_SOURCE,
    message: `The fleet's driver ${fleet.version} (${fleet.declaredBy}) ${upTo}; ${image.ref} sets NVIDIA_REQUIRE_CUDA=cuda>=${minor}, so it needs >= ${needed}: ${whereGpu}${consequence} (${REQUIRE_SOURCE}; ${facts.sources.cudaDrivers}).`,
  });
}

/** A torch build of CUDA `cuda` (from an index, a +cuXYZ label or PyPI) that the fleet's driver cannot load. */
export function torchDriverFinding(facts: Facts, fleet: FleetDriver, at: Place, shown: string, cuda: string): Finding | null {
  const major = cuda.split('.')[0];
  // Minor-version compatibility: the lowest driver that runs any CUDA of this major.
  const row = facts.cudaDrivers.find((candidate) => candidate.cuda.split('.')[0] === major && candidate.minorCompatMinDriver !== null);
  const needed = row?.minorCompatMinDriver ?? null;
  if (!needed || compareDotted(fleet.version, needed) >= 0) return null;
  return makeFinding({
    rule: RULE.id,
    severity: 'error',
    at,
    package: 'torch',
    expected: `>=${needed}`,
    actual: fleet.version,
    source: facts.sources.cudaDrivers,
    message: `The fleet's driver ${fleet.version} (${fleet.declaredBy}) cannot run torch built for ${shown}: CUDA ${major}.x needs a driver >= ${needed} even with minor-version compatibility, so torch.cuda.is_available() is False and CUDA calls fail (${facts.sources.cudaDrivers}).`,
  });
}
