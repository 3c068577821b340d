// Process-wide V8 tuning, switched on by the entry points (the action's and the CLI's) only: library
// code and tests never change the heap of the process they run in. Library code may call
// `heapCheckpoint()` where it is cheap to look at the heap (between files); it does nothing unless an
// entry point has switched the tuning on.

import * as v8 from 'node:v8';

/**
 * The young generation's semi-space, in MB, that a check lets V8 grow to. A check makes many
 * short-lived objects, and V8 answers a high allocation rate by growing the young generation, by
 * default up to 2 x 32 MB on Node 24: most of the peak memory on a repository of thousands of files.
 * Kept at V8's starting 1 MB it is collected about 700 times on 4,000 files, each collection with a
 * fixed cost of its own, and objects that live through one file's reading are copied into the old
 * generation. `npm run bench` measured 4 MB as the point where run time stops falling much while peak
 * memory has barely moved (README, Performance).
 */
const YOUNG_SEMI_SPACE_MB = 4;
/** How many checkpoints pass between looks at the heap (a look builds a few objects). */
const CHECKPOINTS_PER_LOOK = 8;

let pending: (() => void) | null = null;

/**
 * Lets the young generation grow to YOUNG_SEMI_SPACE_MB and no further. V8 reads its growth factor at
 * each growth step but fixes the maximum when the process starts, so the factor is set to let it grow
 * and set back to 1 (no growth) at the first checkpoint that finds it at the size. A flag V8 no longer
 * knows only prints a line to stderr; V8 has had this one for many years.
 */
export function boundYoungGeneration(): void {
  v8.setFlagsFromString('--semi-space-growth-factor=2');
  let countdown = CHECKPOINTS_PER_LOOK;
  pending = () => {
    if (--countdown > 0) return;
    countdown = CHECKPOINTS_PER_LOOK;
    const young = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
    // new_space is both semi-spaces.
    if (!young || young.space_size >= 2 * YOUNG_SEMI_SPACE_MB * 1024 * 1024) {
      v8.setFlagsFromString('--semi-space-growth-factor=1');
      pending = null;
    }
  };
}

/** A point where the heap may be looked at: see boundYoungGeneration. */
export function heapCheckpoint(): void {
  pending?.();
}
