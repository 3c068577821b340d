// A package the base image ships (`torch` of `FROM pytorch/pytorch:2.5.1-...`) counts as the set's
// pin of it only while nothing in the set installs that package: a `pip install torch==...` replaces
// the image's, so then the image's says nothing about what runs.

import type { Pin, SetView } from './context.js';

/** The pins of `key` that decide what the set runs: its installed ones, else the base image's. */
export function decidingPins(view: SetView, key: string): readonly Pin[] {
  const pins = view.pinsOf(key);
  if (!pins.some(fromImage)) return pins;
  const installed = pins.filter((pin) => !fromImage(pin));
  return installed.length > 0 ? installed : pins;
}

export function fromImage(pin: Pin): boolean {
  return pin.requirement.installer === 'image';
}
