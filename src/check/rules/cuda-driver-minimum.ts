// cuda-driver-minimum: the minimum NVIDIA host driver for the image's CUDA version (cuda_drivers),
// said where no fleet driver is declared (with one, fleet-driver-too-old checks it instead).

import type { CudaDriver, Facts } from '../../matrix/types.js';
import type { Finding, ImageRef, ParsedFile, RuleInfo } from '../../model.js';
import { factSpan } from '../context.js';
import { isNvidiaCudaImage } from '../cuda-tags.js';
import { makeFinding } from '../finding-builder.js';
import { compareDotted, minorOf } from '../versions.js';
import { releaseDriverOf, REQUIRE_SOURCE } from './fleet-driver-too-old.js';

export const RULE: RuleInfo = {
  id: 'cuda-driver-minimum',
  severity: 'notice',
  summary: "the minimum NVIDIA host driver for the image's CUDA version",
};

const driverTables = new WeakMap<Facts, Map<string, CudaDriver>>();

/** The driver row of a CUDA version; for "12.1" (no patch) the newest patch's, the most demanding. */
function driverFor(facts: Facts, version: string): CudaDriver | null {
  let table = driverTables.get(facts);
  if (!table) {
    table = new Map(facts.cudaDrivers.map((row) => [row.cuda, row]));
    driverTables.set(facts, table);
  }
  const exact = table.get(version);
  if (exact) return exact;
  const minor = minorOf(version);
  let newest: CudaDriver | null = null;
  for (const row of table.values()) {
    if (minorOf(row.cuda) === minor && (!newest || compareDotted(row.cuda, newest.cuda) > 0)) newest = row;
  }
  return newest;
}

/** The notice for an image of CUDA `cuda`; null when the driver table does not know that version. */
export function driverMinimumFinding(facts: Facts, file: ParsedFile, image: ImageRef, cuda: string): Finding | null {
  const driver = driverFor(facts, cuda);
  if (!driver) return null;
  const source = facts.sources.cudaDrivers;
  const at = { file: file.path, span: factSpan(image) };
  const minor = minorOf(cuda);
  const started = minor ? releaseDriverOf(facts.cudaDrivers, minor) : null;
  // nvidia/cuda images set NVIDIA_REQUIRE_CUDA, which minor-version compatibility does not satisfy
  // (unless the service that runs the image turns the check off).
  const requirement =
    isNvidiaCudaImage(image) && minor && started && image.runtime?.requireDisabled !== true
      ? `; the image sets NVIDIA_REQUIRE_CUDA=cuda>=${minor}, which the NVIDIA container toolkit checks when the container starts, so a driver older than ${started} is refused even with CUDA minor-version compatibility, unless the GPU's brand and driver branch are among the brand=... alternatives it lists or NVIDIA_DISABLE_REQUIRE is set (${REQUIRE_SOURCE}). Declare the fleet's driver (driver: in the matrix file, or --driver) to have it checked`
      : driver.minorCompatMinDriver
        ? ` (or >= ${driver.minorCompatMinDriver} with CUDA minor-version compatibility)`
        : '';
  return makeFinding({
    rule: RULE.id,
    severity: RULE.severity,
    at,
    package: null,
    expected: `>=${driver.minDriver}`,
    actual: null,
    source,
    message: `${image.ref} (CUDA ${cuda}) needs NVIDIA driver >= ${driver.minDriver} on the host (${source})${requirement}.`,
  });
}
