// What pip reads as the requirement of a requirements-file line (or a `pip install` argument):
// constructors.parse_req_from_line for a plain line (PEP 508, a URL, a local path or archive, a wheel
// file name) and parse_editable for `-e` (a local project or a VCS URL with its `#egg=` name).
//
// Where pip asks the file system (is `./pkg` a directory? does `foo.whl` exist?) we cannot: a
// path-looking requirement is read as the local project or archive it names, which is what pip does
// whenever the path exists.

import { normalizeVersion, parseVersion, pythonTrim, stripEnd, stripStart } from '../../pep440/version.js';
import { parseMarker, type MarkerParse } from '../marker.js';
import { NO_EXTRAS, parseRequirement } from '../requirement.js';
import { quoteInput, redactUrl } from './display.js';

export interface PipRequirementFields {
  /** The project name; "" when pip learns it only by building the project (`.`, `./pkg`, an sdist URL). */
  name: string;
  extras: readonly string[];
  specifier: string;
  marker: string | null;
  url: string | null;
}

export type PipRequirementRead =
  | { ok: true; requirement: PipRequirementFields }
  | { ok: false; message: string; /** Offset in the text where the problem is. */ offset: number };

// urllib.parse.urlsplit: a scheme is a letter, then letters, digits, `+`, `-`, `.`, before the first `:`.
const URL_SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const VCS_SCHEMES = [
  'bzr+http',
  'bzr+https',
  'bzr+ssh',
  'bzr+sftp',
  'bzr+ftp',
  'bzr+lp',
  'bzr+file',
  'git+http',
  'git+https',
  'git+ssh',
  'git+git',
  'git+file',
  'hg+file',
  'hg+http',
  'hg+https',
  'hg+ssh',
  'hg+static-http',
  'svn+ssh',
  'svn+http',
  'svn+https',
  'svn+svn',
  'svn+file',
];
const VCS_NAMES = ['bzr', 'git', 'hg', 'svn'];
const URL_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'file', 'ftp', ...VCS_SCHEMES]);
const ARCHIVE_EXTENSIONS = [
  '.whl',
  '.zip',
  '.tar.bz2',
  '.tbz',
  '.tar.xz',
  '.txz',
  '.tlz',
  '.tar.lz',
  '.tar.lzma',
  '.tar.gz',
  '.tgz',
  '.tar',
];
const EGG_FRAGMENT = /[#&]egg=([^&]*)/;
const VERSION_OPERATOR_CHAR = /[<>=]/;
const PROJECT_NAME = /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;
const SENTENCE_END = /[.?!]$/;
const SPECIFIER_OPERATORS = ['~=', '==', '!=', '<=', '>=', '<', '>', '==='];

function urlScheme(text: string): string | null {
  if (!text.includes(':')) return null;
  const match = URL_SCHEME.exec(text);
  return match ? (match[1] as string).toLowerCase() : null;
}

/** pip's vcs.is_url: a scheme pip fetches from. */
function isPipUrl(text: string): boolean {
  const scheme = urlScheme(text.trimStart());
  return scheme !== null && URL_SCHEMES.has(scheme);
}

function looksLikePath(text: string): boolean {
  return text.includes('/') || text.startsWith('.');
}

/**
 * pip reads a path-looking requirement as a local project only when that directory exists; we cannot
 * look, so we take it for one when it is written the way paths are (no blanks, quotes, operators or
 * brackets), and otherwise read it as pip reads a missing path: as PEP 508, which refuses it.
 */
function isPlausiblePath(path: string): boolean {
  return PLAUSIBLE_PATH.test(path);
}

const PLAUSIBLE_PATH = /^[^\s<>=!;,()*$"'`|[\]]+$/;

function isArchive(path: string): boolean {
  return ARCHIVE_SUFFIX.test(path);
}

const ARCHIVE_SUFFIX = new RegExp(`(?:${ARCHIVE_EXTENSIONS.map((extension) => extension.replaceAll('.', '\\.')).join('|')})$`, 'i');

/** pip's strip_extras: a trailing `[...]` (with no `]` inside) after at least one character. */
function stripExtras(text: string): { path: string; extras: string | null } {
  if (!text.endsWith(']')) return { path: text, extras: null };
  const open = text.lastIndexOf('[');
  if (open < 1 || open >= text.length - 2 || text.indexOf(']', open) !== text.length - 1) return { path: text, extras: null };
  return { path: text.slice(0, open).trimEnd(), extras: text.slice(open) };
}

/** Reads one requirement as pip reads the text of a requirements-file line (or a `pip install` argument). */
export function readPipRequirement(text: string, editable: boolean): PipRequirementRead {
  return editable ? readEditable(text) : readPlain(text);
}

/** parse_req_from_line for a line that is not editable. */
function readPlain(text: string): PipRequirementRead {
  const separator = isPipUrl(text) ? '; ' : ';';
  const cut = text.indexOf(separator);
  let marker: string | null = null;
  if (cut >= 0) {
    const markerStart = stripStart(text, cut + separator.length, text.length);
    const markerEnd = stripEnd(text, markerStart, text.length);
    if (markerEnd > markerStart) {
      marker = text.slice(markerStart, markerEnd);
      const checked = checkedMarker(marker);
      if (!checked.ok) {
        return {
          ok: false,
          message: `Invalid requirement: ${quoteInput(pythonTrim(text.slice(0, cut)))}: ${checked.message}`,
          offset: markerStart + checked.offset,
        };
      }
    }
  }
  const offset = stripStart(text, 0, cut < 0 ? text.length : cut);
  const name = text.slice(offset, stripEnd(text, offset, cut < 0 ? text.length : cut));
  if (isPipUrl(name)) return fromLink(name, name, [], marker, offset);
  const { path, extras } = stripExtras(name);
  if (isArchive(path)) {
    // pip: a missing archive whose name has an `@` after a non-path part is a PEP 508 `name @ url`.
    const at = name.indexOf('@');
    if (!(at >= 0 && !looksLikePath(name.slice(0, at)))) return fromLocalPath(path, extras, marker, offset);
  } else if (looksLikePath(name) && isPlausiblePath(path) && !isUrlRequirement(name)) {
    return fromLocalPath(path, extras, marker, offset);
  }
  const parsed = parseRequirement(name);
  if (!parsed.ok) {
    const hint = name.includes('/')
      ? 'It looks like a path.'
      : name.includes('=') && !SPECIFIER_OPERATORS.some((operator) => name.includes(operator))
        ? '= is not a valid operator. Did you mean == ?'
        : '';
    const message = `Invalid requirement: ${quoteInput(name)}: ${parsed.message}`;
    return {
      ok: false,
      message: hint ? `${message}${SENTENCE_END.test(message) ? '' : '.'} Hint: ${hint}` : message,
      offset: offset + parsed.offset,
    };
  }
  return {
    ok: true,
    requirement: {
      name: parsed.name,
      extras: normaliseExtras(parsed.extras),
      specifier: parsed.specifier,
      marker,
      url: parsed.url === null ? null : redactUrl(parsed.url),
    },
  };
}

/** parseMarker, remembered: a repository writes the same few markers on line after line. */
function checkedMarker(marker: string): MarkerParse {
  let checked = CHECKED_MARKERS.get(marker);
  if (checked === undefined) {
    checked = parseMarker(marker);
    if (CHECKED_MARKERS.size >= MAX_CHECKED_MARKERS) CHECKED_MARKERS.clear();
    CHECKED_MARKERS.set(marker, checked);
  }
  return checked;
}

const CHECKED_MARKERS = new Map<string, MarkerParse>();
const MAX_CHECKED_MARKERS = 4096;

function isUrlRequirement(text: string): boolean {
  if (!text.includes('@')) return false;
  const parsed = parseRequirement(text);
  return parsed.ok && parsed.url !== null;
}

function readEditable(text: string): PipRequirementRead {
  // pip first tries `name[extras] @ url ; marker`.
  const direct = parseRequirement(text);
  if (direct.ok && direct.url !== null) {
    return {
      ok: true,
      requirement: {
        name: direct.name,
        extras: normaliseExtras(direct.extras),
        specifier: '',
        marker: direct.marker,
        url: redactUrl(direct.url),
      },
    };
  }
  const { path, extras } = stripExtras(text);
  const scheme = urlScheme(path);
  // A local project: a path (taken to be a directory, as pip checks), or a file: URL with its #egg=.
  if (scheme === 'file' || (scheme === null && isPlausiblePath(path))) return fromLocalPath(path, extras, null, 0);
  let url = text;
  const vcs = VCS_NAMES.find((name) => text.toLowerCase().startsWith(`${name}:`));
  if (vcs) url = `${vcs}+${text}`;
  if (!VCS_SCHEMES.includes(urlScheme(url) ?? '')) {
    return {
      ok: false,
      message: `${text} is not a valid editable requirement. It should either be a path to a local project or a VCS URL (beginning with ${VCS_SCHEMES.join(', ')}).`,
      offset: 0,
    };
  }
  const egg = eggName(url);
  if (egg === null)
    return {
      ok: false,
      message: `Could not detect requirement name for '${text}', please specify one with your_package_name @ URL`,
      offset: 0,
    };
  if (!egg.ok) return egg;
  return { ok: true, requirement: { name: egg.name, extras: [], specifier: '', marker: null, url: redactUrl(text) } };
}

function fromLocalPath(path: string, extras: string | null, marker: string | null, offset: number): PipRequirementRead {
  let extraNames: readonly string[] = [];
  if (extras !== null) {
    // pip reads path extras as the extras of a placeholder requirement.
    const parsed = parseRequirement(`placeholder${extras.toLowerCase()}`);
    if (!parsed.ok)
      return { ok: false, message: `Invalid requirement: ${quoteInput(path + extras)}: ${parsed.message}`, offset: offset + path.length };
    extraNames = normaliseExtras(parsed.extras);
  }
  return fromLink(path, path, extraNames, marker, offset);
}

/** A URL or a path: a wheel names its project and version; anything else, its `#egg=` fragment or nothing. */
function fromLink(link: string, written: string, extras: readonly string[], marker: string | null, offset: number): PipRequirementRead {
  const filename = linkFilename(link);
  if (filename.endsWith('.whl')) {
    const wheel = parseWheelFilename(filename);
    if (!wheel.ok) return { ok: false, message: wheel.message, offset };
    // pip then reads `name==version` as a requirement, which refuses a name PEP 508 does not allow.
    const pinned = `${wheel.name}==${wheel.version}`;
    const parsed = parseRequirement(pinned);
    if (!parsed.ok) return { ok: false, message: `Invalid requirement: ${quoteInput(pinned)}: ${parsed.message}`, offset };
    return { ok: true, requirement: { name: parsed.name, extras, specifier: parsed.specifier, marker, url: redactUrl(written) } };
  }
  const egg = urlScheme(link) === null ? null : eggName(link);
  if (egg !== null && !egg.ok) return { ...egg, offset: offset + egg.offset };
  return { ok: true, requirement: { name: egg?.name ?? '', extras, specifier: '', marker, url: redactUrl(written) } };
}

function eggName(url: string): { ok: true; name: string } | { ok: false; message: string; offset: number } | null {
  const match = EGG_FRAGMENT.exec(url);
  if (!match) return null;
  const fragment = match[1] as string;
  if (PROJECT_NAME.test(fragment)) return { ok: true, name: fragment };
  let hint = '';
  if (VERSION_OPERATOR_CHAR.test(fragment)) hint = 'Version specifiers are silently ignored for URL references. Remove them. ';
  if (fragment.includes('[') && fragment.includes(']')) hint += "Try using the Direct URL requirement syntax: 'name[extra] @ URL'";
  if (!hint) hint = 'Egg fragments can only be a valid project name.';
  return {
    ok: false,
    message: `The '${fragment}' egg fragment is invalid (pip 26 reads only a bare project name there). ${hint.trim()}`,
    offset: match.index,
  };
}

/** Link.filename: the last path segment, percent-decoded. */
function linkFilename(link: string): string {
  let path = link;
  const scheme = urlScheme(link);
  if (scheme !== null) {
    const rest = link.slice(scheme.length + 1);
    const pathStart = rest.startsWith('//') ? rest.indexOf('/', 2) : 0;
    path = pathStart < 0 ? '' : rest.slice(pathStart);
    const end = path.search(QUERY_OR_FRAGMENT);
    if (end >= 0) path = path.slice(0, end);
  }
  while (path.endsWith('/')) path = path.slice(0, -1);
  const name = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

const QUERY_OR_FRAGMENT = /[?#]/;

// packaging checks the name part with `^[\w\d._]*$` (Unicode \w).
const WHEEL_NAME = /^[\p{L}\p{N}_.]*$/u;

/** packaging.utils.parse_wheel_filename, as far as pip uses it: the name and the version. */
function parseWheelFilename(filename: string): { ok: true; name: string; version: string } | { ok: false; message: string } {
  const stem = filename.slice(0, -4);
  const dashes = stem.split('-').length - 1;
  if (dashes !== 4 && dashes !== 5) return { ok: false, message: `Invalid wheel filename (wrong number of parts): ${quoteInput(stem)}` };
  const [namePart, versionPart] = stem.split('-') as [string, string];
  if (namePart.includes('__') || !WHEEL_NAME.test(namePart)) return { ok: false, message: `Invalid project name: ${quoteInput(stem)}` };
  const version = parseVersion(versionPart);
  if (version === null) return { ok: false, message: `Invalid wheel filename (invalid version): ${quoteInput(stem)}` };
  return { ok: true, name: namePart, version: normalizeVersion(version) };
}

/** Extras as the records keep them: lower case, sorted, each once. */
export function normaliseExtras(extras: readonly string[]): readonly string[] {
  if (extras.length === 0) return NO_EXTRAS;
  // Most lists are written that way already: checked in one pass, they need no copy.
  if (isNormalExtras(extras)) return extras;
  return [...new Set(extras.map((extra) => extra.toLowerCase()))].sort();
}

/** Lower case, and each name after the one before it in code-unit order (as sort() orders them). */
function isNormalExtras(extras: readonly string[]): boolean {
  for (let index = 0; index < extras.length; index++) {
    const extra = extras[index] as string;
    if (extra !== extra.toLowerCase() || (index > 0 && !((extras[index - 1] as string) < extra))) return false;
  }
  return true;
}
