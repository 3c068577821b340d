// Distribution file names (wheels and sdists) and which wheels an install target can use: the tags
// pip's packaging.tags.sys_tags() gives for CPython on Linux x86-64 with a given glibc.

import { canonicalName } from '../model.js';

export interface WheelName {
  /** PEP 503 name. */
  key: string;
  version: string;
  /** Each `python-abi-platform` triple the (possibly compressed) tag set expands to. */
  tags: Array<{ python: string; abi: string; platform: string }>;
}

export function parseWheelName(filename: string): WheelName | null {
  if (!filename.toLowerCase().endsWith('.whl')) return null;
  const parts = filename.slice(0, -4).split('-');
  if (parts.length !== 5 && parts.length !== 6) return null;
  const [name, version] = parts as [string, string];
  const [python, abi, platform] = parts.slice(-3) as [string, string, string];
  const tags = [];
  for (const p of python.split('.'))
    for (const a of abi.split('.'))
      for (const pl of platform.split('.')) tags.push({ python: p.toLowerCase(), abi: a.toLowerCase(), platform: pl.toLowerCase() });
  return { key: canonicalName(name), version, tags };
}

const SDIST_SUFFIXES = ['.tar.gz', '.zip', '.tar.bz2', '.tgz', '.tar'];

/** The version of an sdist of project `key` (`Foo_Bar-1.0.tar.gz` -> `1.0`); null when the file is not one. */
export function sdistVersion(filename: string, key: string): string | null {
  const lower = filename.toLowerCase();
  const suffix = SDIST_SUFFIXES.find((candidate) => lower.endsWith(candidate));
  if (!suffix) return null;
  const stem = filename.slice(0, -suffix.length);
  // The name may itself hold dashes: split where the part before is the project's name.
  for (let dash = stem.indexOf('-'); dash !== -1; dash = stem.indexOf('-', dash + 1)) {
    if (canonicalName(stem.slice(0, dash)) === key) return stem.slice(dash + 1) || null;
  }
  return null;
}

/** The project key and version a file is of; null when its name is not a distribution's. */
export function fileRelease(filename: string, key: string): { version: string; wheel: WheelName | null } | null {
  const wheel = parseWheelName(filename);
  if (wheel) return wheel.key === key ? { version: wheel.version, wheel } : null;
  const version = sdistVersion(filename, key);
  return version === null ? null : { version, wheel: null };
}

/** Where pip installs: CPython `major.minor` on Linux x86-64 with glibc `glibc`. */
export interface InstallTarget {
  python: string;
  glibc: string;
}

/** Would pip on the target install this wheel (one of its tags among the target's)? */
export function wheelFitsTarget(wheel: WheelName, target: InstallTarget): boolean {
  const [major, minor] = target.python.split('.').map(Number) as [number, number];
  const cp = `cp${major}${minor}`;
  return wheel.tags.some(({ python, abi, platform }) => {
    if (!platformFits(platform, target.glibc)) return false;
    if (abi === 'none') return python === cp || python === `py${major}` || pyMinorAtMost(python, major, minor);
    if (abi === 'abi3') return cpMinorAtMost(python, major, minor);
    return python === cp && (abi === cp || abi === `${cp}m`);
  });
}

function pyMinorAtMost(tag: string, major: number, minor: number): boolean {
  const match = /^py(\d)(\d+)$/.exec(tag);
  return match !== null && Number(match[1]) === major && Number(match[2]) <= minor;
}

function cpMinorAtMost(tag: string, major: number, minor: number): boolean {
  const match = /^cp(\d)(\d+)$/.exec(tag);
  return match !== null && Number(match[1]) === major && Number(match[2]) <= minor;
}

const LEGACY_MANYLINUX: Record<string, string> = { manylinux1: '2.5', manylinux2010: '2.12', manylinux2014: '2.17' };

function platformFits(platform: string, glibc: string): boolean {
  if (platform === 'any' || platform === 'linux_x86_64') return true;
  if (!platform.endsWith('_x86_64')) return false;
  const stem = platform.slice(0, -'_x86_64'.length);
  const legacy = LEGACY_MANYLINUX[stem];
  const match = legacy ? /^(\d+)\.(\d+)$/.exec(legacy) : /^manylinux_(\d+)_(\d+)$/.exec(stem);
  if (!match) return false;
  const [major, minor] = glibc.split('.').map(Number) as [number, number];
  const needMajor = Number(match[1]);
  const needMinor = Number(match[2]);
  return needMajor < major || (needMajor === major && needMinor <= minor);
}
