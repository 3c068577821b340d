// What a `-r` / `-c` line of a requirements file names: a file of the repository (its path from the
// repository's root), a URL pip fetches during the install (not read here), or something we refuse
// to read (no file at all, or a path outside the repository).

import * as posix from 'node:path/posix';
import { redactUrl } from './display.js';

export type IncludeTarget =
  | { kind: 'file'; path: string }
  /** `fetchable`: an http(s) URL written in full, which the online index checks may fetch. */
  | { kind: 'url'; message: string; fetchable: boolean }
  /** `atFlag`: the message points at the option rather than at its value. */
  | { kind: 'refused'; message: string; atFlag: boolean };

/** The target of `flag` (`-r` or `-c`) `written` in the file at `fromFile` (a path from the repository's root). */
export function includeTarget(fromFile: string, flag: string, written: string): IncludeTarget {
  if (INCLUDE_URL.test(written)) {
    // A `${VAR}` left as written (unset) makes a URL that is not the one the build fetches.
    const fetchable = REMOTE_INCLUDE_URL.test(written) && !written.includes('${');
    return { kind: 'url', message: `${flag} ${redactUrl(written)} is a URL; not fetched`, fetchable };
  }
  if (written === '') return { kind: 'refused', message: `${flag} names no file; pip cannot open it`, atFlag: true };
  const resolved = posix.normalize(posix.join(posix.dirname(fromFile), written));
  if (posix.isAbsolute(written) || resolved === '..' || resolved.startsWith('../'))
    return { kind: 'refused', message: `${flag} ${written} refers outside the repository; not read`, atFlag: false };
  return { kind: 'file', path: resolved };
}

// pip's SCHEME_RE: these includes are fetched, not read from the repository.
const INCLUDE_URL = /^(http|https|file):/i;
const REMOTE_INCLUDE_URL = /^https?:\/\//i;
