// A `uv pip install` argument as uv reads it, which is not always as pip does (uv's
// docs/pip/compatibility.md and its crates, as of uv commit 26a9dd4b, 2026-08-21):
// - uv reads no `#egg=` fragment: a URL's project name comes from its metadata, so a fragment pip 26
//   refuses (`#egg=pkg[extra]`, `#egg=pkg==1.0`) is no error to uv (crates/uv-pep508 keeps the
//   fragment as part of the URL and never looks at `egg=`).
// - uv installs only local directories as editable: `-e git+https://...` fails with "Git sources
//   cannot be editable" and `-e https://.../pkg.tar.gz` with "Remote archives cannot be editable"
//   (crates/uv-pypi-types/src/parsed_url.rs, `make_editable`), where pip accepts a VCS URL.
// - What PEP 508 refuses (`numpy=1.2`, a bad wheel name), uv refuses too (crates/uv-pep508,
//   crates/uv-pep440: "no such comparison operator"): pip's reading and message stand, naming both.

import { redactUrl } from './requirements/display.js';
import { readPipRequirement, type PipRequirementRead } from './requirements/requirement-forms.js';

const EGG_FRAGMENT = /([#&])egg=[^&]*&?/;
const VCS_URL = /^(?:git|hg|svn|bzr)\+[A-Za-z]+:/i;
const REMOTE_URL = /^(?:https?|ftp):/i;

export function readUvRequirement(text: string, editable: boolean): PipRequirementRead {
  if (editable) {
    const url = text.includes('@') && !VCS_URL.test(text) && !REMOTE_URL.test(text) ? text.slice(text.indexOf('@') + 1).trim() : text;
    if (VCS_URL.test(url) || REMOTE_URL.test(url)) {
      const what = VCS_URL.test(url) ? 'Git sources cannot be editable' : 'Remote archives cannot be editable';
      return {
        ok: false,
        offset: 0,
        message: `uv pip install -e ${redactUrl(text)}: ${what}: uv installs only local directories as editable (pip would take a VCS URL here); drop -e, or clone the repository and install its folder with -e`,
      };
    }
  }
  const egg = EGG_FRAGMENT.exec(text);
  // The fragment means nothing to uv: the requirement is read without it, and keeps its URL as written.
  const read = readPipRequirement(egg === null ? text : withoutEgg(text, egg), editable);
  if (!read.ok) return { ...read, message: `uv, like pip, refuses this requirement: ${read.message}` };
  if (egg !== null && read.requirement.url !== null) read.requirement.url = redactUrl(text);
  return read;
}

/** `url#egg=x&subdirectory=y` -> `url#subdirectory=y`; `url#egg=x` -> `url`. */
function withoutEgg(text: string, egg: RegExpExecArray): string {
  const rest = text.slice(egg.index + egg[0].length);
  return egg[1] === '#'
    ? rest === ''
      ? text.slice(0, egg.index)
      : `${text.slice(0, egg.index)}#${rest}`
    : text.slice(0, egg.index) + (rest === '' ? '' : `&${rest}`);
}
