// Process-wide V8 tuning, applied by the entry points (the action's and the CLI's) only: library code
// and tests never change the heap of the process they run in. Both flags are read as the heap grows,
// so setting them after start-up takes effect; V8 has had them for many years, and an unknown flag
// would only print a line to stderr.

import * as v8 from 'node:v8';

/**
 * - The young generation stays at its starting size. A check makes many short-lived objects (every
 *   requirement of a set, while the set is checked), and V8 answers a high allocation rate by growing
 *   its young generation, by default up to 3 x 32 MB on Node 24: most of the peak memory on a
 *   repository of thousands of files. Kept small, it is collected more often, each time quickly:
 *   `npm run bench` measured no change in run time and about a third less peak memory.
 * - The old generation may grow to 1.5 times what was live at the last full collection, not by V8's
 *   own factor of up to 4, which left the 4,000-file check at 144 MB median and up to 162 MB from
 *   run to run (137 and 151 with this), and one package pinned on a million lines at 1.13 GB (690 MB
 *   with this), for a few percent more time, within the benchmark's noise.
 */
export function keepHeapSmall(): void {
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  v8.setFlagsFromString('--heap-growing-percent=50');
}
