// A package the base image ships (`torch` of `FROM pytorch/pytorch:2.5.1-...`) counts as the set's
// pin of it until the set installs a version the image's copy does not meet: pip then replaces it.
// A bare name or a range the image's copy meets leaves it in place ("Requirement already satisfied").

import type { Pin, SetView } from './context.js';
import { fit } from './versions.js';

/** The pins of `key` that decide what the set runs. */
export function decidingPins(view: SetView, key: string): readonly Pin[] {
  const pins = view.pinsOf(key);
  const shipped = pins.filter(fromImage);
  if (shipped.length === 0) return pins;
  const installed = pins.filter((pin) => !fromImage(pin));
  const replaced = installed.some((pin) => shipped.every((own) => fit(own.admits, pin.admits.set) === 'outside'));
  return replaced ? installed : pins;
}

export function fromImage(pin: Pin): boolean {
  return pin.requirement.installer === 'image';
}
