// Which profile a check runs under. A name given by the user always wins; `auto` takes the
// repository matrix's `profile:`, else the profile the repository's own pins clearly point at, else
// none (universal facts only).

import { resolveProfileName } from '../matrix/load.js';
import type { Matrix, Profile, ProfileChoice } from '../matrix/types.js';
import type { ParseResult } from '../model.js';
import { fit, Specifiers } from './versions.js';

const AUTO_PROFILE = 'auto';

/**
 * Evidence `auto` needs to pick a profile from pins alone: at least this many of the profile's
 * packages pinned exactly at a version the profile allows...
 */
const MIN_MATCHING_PINS = 3;
/** ...and at least this many times as many as the next best profile (so a tie never picks one). */
const LEAD_FACTOR = 2;

export type ProfileSelection = { ok: true; profile: Profile | null; choice: ProfileChoice | null } | { ok: false; error: string };

/** `named` is who gave an explicit name, for the reason (`--profile`, `the profile input`). */
export function selectProfile(
  parse: ParseResult,
  matrix: Matrix,
  requested: string,
  named = '--profile',
  specifiers = new Specifiers(),
): ProfileSelection {
  if (requested !== AUTO_PROFILE) return chosen(matrix, requested, `named by ${named}`);
  if (matrix.profile !== null) return chosen(matrix, matrix.profile, `named by ${matrix.files[matrix.files.length - 1] ?? 'the matrix'}`);
  return inferred(parse, matrix, specifiers);
}

function chosen(matrix: Matrix, name: string, reason: string): ProfileSelection {
  const profile = resolveProfileName(matrix, name);
  if ('error' in profile) return { ok: false, error: profile.error };
  return { ok: true, profile, choice: { name: profile.name, reason } };
}

interface Evidence {
  profile: Profile;
  /** Packages of the profile the repository pins exactly at an allowed version. */
  matching: number;
}

/** The profile whose packages the repository pins most, when the evidence is clear. */
function inferred(parse: ParseResult, matrix: Matrix, specifiers: Specifiers): ProfileSelection {
  // Every exact pin of a package some profile pins, by package: a package pinned anywhere counts
  // once per version. Other packages cannot count.
  const profiled = new Set(Object.values(matrix.profiles).flatMap((profile) => Object.keys(profile.packages)));
  const pinned = new Map<string, Set<string>>();
  for (const file of parse.files) {
    for (const { key, url, specifier } of file.requirements) {
      if (!profiled.has(key) || url !== null || specifier === '') continue;
      const versions = pinned.get(key) ?? new Set<string>();
      versions.add(specifier);
      pinned.set(key, versions);
    }
  }
  // Each distinct specifier is analysed once, after the walk.
  const exactPins = new Map<string, Set<string>>();
  for (const [key, texts] of pinned) {
    const exact = [...texts].filter((text) => specifiers.admits(text)?.exact);
    if (exact.length > 0) exactPins.set(key, new Set(exact));
  }
  const ranked: Evidence[] = Object.values(matrix.profiles)
    .map((profile) => ({ profile, matching: matchingPins(profile, exactPins, specifiers) }))
    .sort((a, b) => b.matching - a.matching || (a.profile.name < b.profile.name ? -1 : 1));
  const [best, next] = ranked;
  const runnerUp = next?.matching ?? 0;
  if (!best || best.matching < MIN_MATCHING_PINS || best.matching < LEAD_FACTOR * runnerUp) {
    return { ok: true, profile: null, choice: null };
  }
  const total = Object.keys(best.profile.packages).length;
  const nextBest = next && runnerUp > 0 ? ` (next best: ${next.profile.name} with ${runnerUp})` : '';
  return {
    ok: true,
    profile: best.profile,
    choice: { name: best.profile.name, reason: `pins ${best.matching} of ${total} packages of ${best.profile.name}${nextBest}` },
  };
}

/** A package counts when every exact pin of it in the repository is inside the profile. */
function matchingPins(profile: Profile, exactPins: Map<string, Set<string>>, specifiers: Specifiers): number {
  let matching = 0;
  for (const [key, specifier] of Object.entries(profile.packages)) {
    const allowed = specifiers.admits(specifier);
    const pinned = exactPins.get(key);
    if (!allowed || !pinned) continue;
    let inside = true;
    for (const text of pinned) {
      const pin = specifiers.admits(text);
      if (!pin || fit(pin, allowed.set) !== 'inside') inside = false;
    }
    if (inside) matching++;
  }
  return matching;
}
