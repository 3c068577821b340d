// Image references (`FROM` arguments) and what their tags say about Python and CUDA.
//
// A reference is `[registry[:port]/]path[:tag][@digest]`: the tag is after the last `:` that follows
// the last `/` (a registry port comes before a `/`), the digest after `@`. The versions are read from
// the tags that say them: `python:3.11-slim`, `nvidia/cuda:12.1.1-devel-ubuntu22.04`,
// `pytorch/pytorch:2.1.2-cuda12.1-cudnn8-devel`, `rayproject/ray:2.9.0-py310-cu121`,
// `ghcr.io/astral-sh/uv:python3.12-bookworm-slim`. The version is recorded as written, even for tags
// that were never published (`nvidia/cuda:12.1-devel-ubuntu20.04`): whether it exists is for the checks.
// `pytorch/pytorch` tags do not say Python, and NGC's `nvcr.io/nvidia/pytorch:23.10-py3` tags are
// container releases, not CUDA versions: nothing is read from their tags (framework-images.ts knows
// the tags a source describes).

import { quoteInput } from './requirements/display.js';

export interface ParsedImage {
  name: string;
  tag: string | null;
  digest: string | null;
}

/** A version found in a reference, with its offsets in the reference (`end` exclusive). */
export interface ImageVersion {
  version: string;
  start: number;
  end: number;
}

export function parseImageRef(ref: string): ParsedImage {
  const at = ref.indexOf('@');
  const digest = at >= 0 ? ref.slice(at + 1) : null;
  const nameAndTag = at >= 0 ? ref.slice(0, at) : ref;
  const colon = nameAndTag.lastIndexOf(':');
  if (colon > nameAndTag.lastIndexOf('/')) {
    return { name: nameAndTag.slice(0, colon), tag: nameAndTag.slice(colon + 1), digest };
  }
  return { name: nameAndTag, tag: null, digest };
}

/**
 * Why Docker refuses `image` as a reference ("invalid reference format" before anything is pulled), or
 * null for one it accepts: the grammar of the distribution/reference package that Docker and BuildKit
 * parse references with. A first path component with a `.` or a `:`, `localhost`, or capitals is a
 * registry; the rest of the path is lowercase.
 */
export function invalidReference(image: ParsedImage): string | null {
  if (image.digest !== null && !DIGEST.test(image.digest))
    return `the digest ${quoteInput(image.digest)} is not <algorithm>:<at least 32 hex digits>`;
  if (image.tag !== null && !TAG.test(image.tag)) {
    return image.tag === ''
      ? 'the tag after ":" is empty'
      : `the tag ${quoteInput(image.tag)} is not 1-128 letters, digits, "_", "." and "-", starting with no "." or "-"`;
  }
  const slash = image.name.indexOf('/');
  const first = slash < 0 ? '' : image.name.slice(0, slash);
  const registry = first !== '' && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase()) ? first : null;
  if (registry !== null && !REGISTRY.test(registry))
    return `the registry ${quoteInput(registry)} is not a host name or address with an optional port`;
  const repository = registry === null ? image.name : image.name.slice(slash + 1);
  if (!REPOSITORY.test(repository)) {
    return repository !== repository.toLowerCase() && REPOSITORY.test(repository.toLowerCase())
      ? `the repository name ${quoteInput(repository)} must be lowercase`
      : `the repository name ${quoteInput(repository)} is not lowercase letters and digits in "/"-separated parts, joined by ".", "_", "__" or "-"`;
  }
  return null;
}

const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REPOSITORY = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
const HOST_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const REGISTRY = new RegExp(`^(?:${HOST_COMPONENT}(?:\\.${HOST_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`);
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;

/** `3.11` and `3.11.9` in `3.11-slim`, `3.11.9-bookworm`, `3.13.0rc1`; not `3-slim`. */
const LEADING_PYTHON = /^\d+\.\d+(?:\.\d+)?(?:(?:a|b|rc)\d+)?(?=-|$)/;
const LEADING_CUDA = /^\d+\.\d+(?:\.\d+)?(?=-|$)/;
/** A tag component naming the interpreter: `python3.12`, `py3.10`, `py310`. */
const PYTHON_COMPONENT = /^py(?:thon)?(3)\.?(\d{1,2})$/;
/** A tag component naming CUDA: `cuda12.1`, `cuda12.1.1`, `cu121`, `cu118`. */
const CUDA_COMPONENT = /^(?:cuda(\d+\.\d+(?:\.\d+)?)|cu(\d{1,2}?)(\d))$/;

function lastPathComponents(name: string, count: number): string {
  return name.split('/').slice(-count).join('/');
}

/** The tag's `-`-separated components with their offsets in the tag. */
function tagComponents(tag: string): Array<{ text: string; start: number }> {
  const components: Array<{ text: string; start: number }> = [];
  let start = 0;
  for (const text of tag.split('-')) {
    components.push({ text, start });
    start += text.length + 1;
  }
  return components;
}

/** Versions are reported with offsets in the reference: the tag starts after `name:`. */
export function pythonFromImage(image: ParsedImage): ImageVersion | null {
  if (image.tag === null) return null;
  const offset = image.name.length + 1;
  if (lastPathComponents(image.name, 1) === 'python') {
    const match = LEADING_PYTHON.exec(image.tag);
    return match === null ? null : { version: match[0], start: offset, end: offset + match[0].length };
  }
  for (const component of tagComponents(image.tag)) {
    const match = PYTHON_COMPONENT.exec(component.text);
    if (match === null) continue;
    const start = offset + component.start;
    return { version: `${match[1]}.${match[2]}`, start, end: start + component.text.length };
  }
  return null;
}

export function cudaFromImage(image: ParsedImage): ImageVersion | null {
  if (image.tag === null) return null;
  const offset = image.name.length + 1;
  const repository = lastPathComponents(image.name, 2);
  if (repository === 'nvidia/cuda' || repository === 'nvidia/cudagl') {
    const match = LEADING_CUDA.exec(image.tag);
    return match === null ? null : { version: match[0], start: offset, end: offset + match[0].length };
  }
  for (const component of tagComponents(image.tag)) {
    const match = CUDA_COMPONENT.exec(component.text);
    if (match === null) continue;
    const start = offset + component.start;
    const version = match[1] ?? `${match[2]}.${match[3]}`;
    return { version, start, end: start + component.text.length };
  }
  return null;
}

/**
 * The `python3` a distribution release installs (`apt-get install python3`), by the release's version
 * and code name: Ubuntu's and Debian's package archives (packages.ubuntu.com, packages.debian.org).
 */
const DISTRO_PYTHON: Readonly<Record<string, string>> = {
  'ubuntu18.04': '3.6',
  ubuntubionic: '3.6',
  'ubuntu20.04': '3.8',
  ubuntufocal: '3.8',
  'ubuntu22.04': '3.10',
  ubuntujammy: '3.10',
  'ubuntu24.04': '3.12',
  ubuntunoble: '3.12',
  debian10: '3.7',
  debianbuster: '3.7',
  debian11: '3.9',
  debianbullseye: '3.9',
  debian12: '3.11',
  debianbookworm: '3.11',
  debian13: '3.13',
  debiantrixie: '3.13',
};

/** Debian code names also name the OS in other images' tags (`python:3.11-bookworm`, `node:20-bullseye`). */
const DEBIAN_CODE_NAMES = new Set(['buster', 'bullseye', 'bookworm', 'trixie']);

/** The distribution an image is, or is built on, with the python3 its archive installs. */
export interface DistroPython {
  /** "ubuntu 22.04", "debian bookworm". */
  distro: string;
  version: string;
}

/**
 * The python3 of the distribution `image` runs: `ubuntu:22.04`, `debian:bookworm-slim`, and images
 * whose tag names their OS (`nvidia/cuda:12.4.1-devel-ubuntu22.04`, `<...>-ubuntu24.04`,
 * `node:20-bookworm`). Null for an image that says no release (`ubuntu:latest`: it moves) and for
 * one that brings its own Python (`python:3-bookworm`, `...-py310`): its `python3` comes first on PATH.
 */
export function distroPythonOf(image: ParsedImage): DistroPython | null {
  const repository = lastPathComponents(image.name, 1);
  if (image.tag === null || repository === 'python' || pythonFromImage(image) !== null) return null;
  if (repository === 'ubuntu' || repository === 'debian') {
    const release = image.tag.split('-')[0] ?? '';
    return distroPython(repository, release);
  }
  for (const component of image.tag.split('-')) {
    const ubuntu = /^ubuntu(\d\d\.\d\d)$/.exec(component);
    if (ubuntu) return distroPython('ubuntu', ubuntu[1] as string);
    if (DEBIAN_CODE_NAMES.has(component)) return distroPython('debian', component);
  }
  return null;
}

function distroPython(distro: 'ubuntu' | 'debian', release: string): DistroPython | null {
  const version = DISTRO_PYTHON[`${distro}${release}`];
  return version === undefined ? null : { distro: `${distro} ${release}`, version };
}
