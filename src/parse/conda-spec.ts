// One conda package spec (a MatchSpec as `conda install` and environment files take it) read into what
// it means to the checks: which PyPI project (or which Python or CUDA version) it names, and the
// PEP 440 specifier that admits the same versions.
//
// conda's rules (conda/models/match_spec.py `_parse_spec_str`, and the "Package match
// specifications" page of the conda user guide):
//   `numpy=1.11`         fuzzy: 1.11, 1.11.0, 1.11.3, ... (conda adds `*`)   -> `==1.11.*`
//   `numpy==1.11`        exact                                               -> `==1.11`
//   `numpy 1.11`         a bare version is exact                             -> `==1.11`
//   `numpy=1.11.*`, `numpy 1.11*`                                            -> `==1.11.*`
//   `numpy=1.11.1=py310_0`, `numpy 1.11.1 py310_0`: version, then a build string; with a build
//                        string `=1.11.1` is exact (conda adds `*` only when no build follows)
//   `numpy>=1.8,<2`      `,` is AND, as in PEP 440
//   `numpy=1.11.1|1.11.3` `|` is OR, which PEP 440 cannot write: read as no specifier
//   `conda-forge::numpy`, `pytorch/linux-64::pytorch`: a channel (and subdir) before `::`
//   `numpy[version='>=1.8']`: the key-value form
// A spec whose version cannot be written in PEP 440 (`openssl=1.1.1w`, `|`, parentheses) keeps its
// name with `specifier: null`: the package is there, its versions are not checked.

import { parseSpecifierSet } from '../pep440/specifier.js';

export interface CondaSpec {
  /** The conda package name, lower case, without the channel. */
  name: string;
  /** `conda-forge` in `conda-forge::numpy`; null when none is written. */
  channel: string | null;
  /** The PEP 440 specifier set admitting the versions conda would; "" for any; null when PEP 440 cannot say it. */
  specifier: string | null;
  /** The one version the spec names (`=3.10`, `==3.10.12`, `3.10.*` -> "3.10", "3.10.12", "3.10"), or null for a range. */
  version: string | null;
  /** Where `version` starts in the text; null without one. */
  versionAt: number | null;
  /** Where the version ends (before a build string) in the text: the spec's token is text[0, end). */
  end: number;
}

/** What a conda package stands for in the checks. */
export type CondaMeaning =
  | { kind: 'python' }
  | { kind: 'cuda' }
  /** A Python project: its PyPI name. */
  | { kind: 'package'; pypiName: string };

/**
 * conda packages whose PyPI project has another name. Only names checked against the channels'
 * own recipes: `pytorch` is torch (pytorch and conda-forge channels); conda-forge's `pytorch-gpu` and
 * `pytorch-cpu` are metapackages pinning `pytorch` to their own version. Names such as `py-opencv`
 * (versioned unlike opencv-python) are left as they are.
 */
const PYPI_NAMES: Readonly<Record<string, string>> = {
  pytorch: 'torch',
  'pytorch-gpu': 'torch',
  'pytorch-cpu': 'torch',
};

/**
 * conda packages that select a CUDA version rather than install a Python project: the pytorch
 * channel's `pytorch-cuda`, defaults' `cudatoolkit`, conda-forge's `cuda-version`, and NVIDIA's
 * `cuda` / `cuda-toolkit` metapackages (versioned as the CUDA release they install).
 */
const CUDA_PACKAGES: ReadonlySet<string> = new Set(['pytorch-cuda', 'cudatoolkit', 'cuda-version', 'cuda', 'cuda-toolkit']);

export function condaMeaning(name: string): CondaMeaning {
  if (name === 'python') return { kind: 'python' };
  if (CUDA_PACKAGES.has(name)) return { kind: 'cuda' };
  return { kind: 'package', pypiName: PYPI_NAMES[name] ?? name };
}

const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*/;
const PLAIN_VERSION = /^[0-9A-Za-z_.+!-]+$/;
const OPERATOR = /^(?:==|!=|>=|<=|~=|>|<|=)/;
/** A version the facts can use: `3.10`, `12.1.1`. */
const DOTTED = /^\d+(?:\.\d+){1,2}$/;

/** Reads `text` as a conda MatchSpec; null when it is not one (an option, an empty word, a URL, a file). */
export function readCondaSpec(text: string): CondaSpec | null {
  let start = 0;
  const colons = text.lastIndexOf('::');
  const channel = colons >= 0 ? text.slice(0, colons) : null;
  if (colons >= 0) start = colons + 2;
  const rest = text.slice(start);
  if (rest.includes('/') || rest.includes('://')) return null;
  const named = NAME.exec(rest);
  if (named === null) return null;
  const name = named[0].toLowerCase();
  const nameEnd = start + named[0].length;
  let tail = text.slice(nameEnd);
  let versionText: string;
  let hasBuild: boolean;
  let end = text.length;
  if (tail.startsWith('[')) {
    // `numpy[version='>=1.8',build=py310*]`: only the version key matters here.
    const version = /\bversion\s*=\s*(?:'([^']*)'|"([^"]*)"|([^,\]\s]*))/.exec(tail);
    versionText = version ? (version[1] ?? version[2] ?? version[3] ?? '') : '';
    return finish(text, name, channel, nameEnd, end, versionText.trim(), false);
  }
  tail = tail.trim();
  if (tail === '') return finish(text, name, channel, nameEnd, nameEnd, '', false);
  if (tail.includes(' ')) {
    // The space-separated form `numpy 1.11 py310_0`, or `numpy >=1.8` with a space after the name.
    const words = tail.split(/\s+/);
    versionText = words[0] as string;
    hasBuild = words.length > 1;
    end = text.indexOf(versionText, nameEnd) + versionText.length;
  } else {
    // `=1.11.1=py310_0`: a second `=` (not part of an operator) starts the build string.
    const build = /(?<![=!<>~])=(?![=])/g;
    build.lastIndex = tail.startsWith('==') ? 2 : tail.startsWith('=') ? 1 : 0;
    const found = build.exec(tail);
    const versionEnd = found !== null && found.index > 0 && !/[,|]/.test(tail.slice(0, found.index)) ? found.index : tail.length;
    hasBuild = versionEnd < tail.length;
    versionText = tail.slice(0, versionEnd);
    end = text.indexOf(versionText, nameEnd) + versionText.length;
  }
  return finish(text, name, channel, nameEnd, end, versionText, hasBuild);
}

function finish(
  text: string,
  name: string,
  channel: string | null,
  nameEnd: number,
  end: number,
  written: string,
  hasBuild: boolean,
): CondaSpec {
  const { specifier, version } = translateVersion(written, hasBuild);
  const versionAt = version === null ? null : text.indexOf(version, nameEnd);
  return { name, channel, specifier, version, versionAt: versionAt === null || versionAt < 0 ? null : versionAt, end };
}

/** conda's version field -> a PEP 440 specifier set, and the single version it names, if one. */
function translateVersion(written: string, hasBuild: boolean): { specifier: string | null; version: string | null } {
  if (written === '' || written === '*') return { specifier: '', version: null };
  if (/[|()]/.test(written)) return { specifier: null, version: null };
  const clauses: string[] = [];
  let single: string | null = null;
  const pieces = written.split(',');
  for (const piece of pieces) {
    const clause = translateClause(piece.trim(), hasBuild);
    if (clause === null) return { specifier: null, version: null };
    clauses.push(clause.specifier);
    if (pieces.length === 1) single = clause.version;
  }
  const specifier = clauses.join(',');
  return parseSpecifierSet(specifier).ok ? { specifier, version: single } : { specifier: null, version: null };
}

function translateClause(clause: string, hasBuild: boolean): { specifier: string; version: string | null } | null {
  const operator = OPERATOR.exec(clause)?.[0] ?? '';
  let version = clause.slice(operator.length).trim();
  let star = false;
  if (version.endsWith('.*')) {
    version = version.slice(0, -2);
    star = true;
  } else if (version.endsWith('*')) {
    version = version.slice(0, -1);
    star = true;
  }
  if (version === '' || !PLAIN_VERSION.test(version)) return null;
  const named = DOTTED.test(version) ? version : null;
  switch (operator) {
    case '=':
      // Fuzzy unless a build string follows (conda's `_parse_spec_str`).
      return { specifier: star || !hasBuild ? `==${version}.*` : `==${version}`, version: named };
    case '':
    case '==':
      return { specifier: star ? `==${version}.*` : `==${version}`, version: named };
    case '!=':
      return { specifier: star ? `!=${version}.*` : `!=${version}`, version: null };
    default:
      // `>=1.8*` means `>=1.8` to conda.
      return { specifier: `${operator}${version}`, version: null };
  }
}
