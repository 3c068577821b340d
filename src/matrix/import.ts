// `compat-guard matrix import`: a profile from an environment that is known to work. Reads a
// constraints file, a `pip freeze` / `uv pip freeze` output, or a `pip install --dry-run --report`
// JSON, and prints a matrix file holding one profile: one `==` pin per package, sorted, with a comment
// naming its source and date. Pure: the shell (src/cli.ts) reads the file or URL and prints the text.

import { Document, isMap, isScalar } from 'yaml';
import { canonicalName } from '../model.js';
import { exactPin } from '../pep440/ranges.js';
import { parseSpecifierSet } from '../pep440/specifier.js';
import { parseVersion, publicVersion } from '../pep440/version.js';
import { redactUrl } from '../parse/requirements/display.js';
import { parseRequirementsFile } from '../parse/requirements/reader.js';
import { profileNameProblem } from './profile-name.js';

/** One package of a known-good environment. */
export interface InstalledPackage {
  /** PEP 503 normalised. */
  key: string;
  /** The public version (a local label such as `+cu121` is left out: a profile pin `==2.5.1` admits 2.5.1+cu121). */
  version: string;
  /** The local label as written, e.g. `cu121`, or null. */
  local: string | null;
}

/** What a source file says was (or will be) installed. */
export interface InstalledSet {
  packages: InstalledPackage[];
  /** The interpreter's version when the source says it (a pip report does; a freeze does not). */
  python: string | null;
  /** Entries that cannot become an exact pin, with why, for the header comment; key null for a `-r`/`-c` line. */
  leftOut: LeftOut[];
}

export interface LeftOut {
  key: string | null;
  why: string;
}

export type InstalledSetRead = { ok: true; set: InstalledSet } | { ok: false; error: string };

/** Reads a pip report (JSON) or a requirements-style file (constraints, freeze). `source` names it in errors. */
export function readInstalledSet(source: string, text: string): InstalledSetRead {
  return text.trimStart().startsWith('{') ? readPipReport(source, text) : readFreeze(source, text);
}

function readFreeze(source: string, text: string): InstalledSetRead {
  // Read as a requirements file, not as constraints: pip refuses `-e` in a constraints file, and a
  // freeze has them; the import leaves them out with the reason either way.
  const { file, diagnostics } = parseRequirementsFile(source, text, { constraint: false });
  const error = diagnostics.find((diagnostic) => diagnostic.severity === 'error');
  if (error !== undefined) return { ok: false, error: `${source}:${error.line}: ${error.message}` };
  const versions = new Map<string, { version: string; local: string | null; line: number }[]>();
  const leftOut: LeftOut[] = [];
  for (const requirement of file.requirements) {
    if (requirement.editable || requirement.url !== null) {
      leftOut.push({ key: requirement.key, why: requirement.editable ? 'editable' : 'installed from a URL or path' });
      continue;
    }
    const parsed = parseSpecifierSet(requirement.specifier);
    const pinned = parsed.ok ? exactPin(parsed.set) : null;
    if (pinned === null) {
      leftOut.push({ key: requirement.key, why: requirement.specifier === '' ? 'no version' : `not one version: ${requirement.specifier}` });
      continue;
    }
    const entry = { version: publicVersion(pinned), local: pinned.local === null ? null : localLabel(pinned.local), line: requirement.line };
    versions.set(requirement.key, [...(versions.get(requirement.key) ?? []), entry]);
  }
  for (const include of [...file.includes.map((item) => ({ ...item, url: item.path })), ...(file.remoteIncludes ?? [])]) {
    leftOut.push({ key: null, why: `${include.constraint ? '-c' : '-r'} ${include.url} on line ${include.line}, not followed` });
  }
  const packages: InstalledPackage[] = [];
  for (const [key, entries] of versions) {
    const distinct = [...new Set(entries.map((entry) => entry.version))];
    if (distinct.length > 1) {
      // A constraints file pins some packages per Python version or platform, by markers: no one pin holds.
      leftOut.push({ key, why: `pinned to ${distinct.join(' and ')} on lines ${entries.map((entry) => entry.line).join(', ')}` });
      continue;
    }
    const first = entries[0] as (typeof entries)[number];
    packages.push({ key, version: first.version, local: first.local });
  }
  return { ok: true, set: { packages, python: null, leftOut } };
}

function localLabel(parts: readonly (string | number | bigint)[]): string {
  return parts.map(String).join('.');
}

/** `pip install --dry-run --report FILE` (report version 1): `install[].metadata`, `environment`. */
function readPipReport(source: string, text: string): InstalledSetRead {
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `${source}: not valid JSON (${(error as Error).message})` };
  }
  const install = isObject(report) ? report.install : undefined;
  if (!Array.isArray(install)) return { ok: false, error: `${source}: not a pip installation report (no "install" list; make one with pip install --dry-run --report FILE)` };
  const packages: InstalledPackage[] = [];
  const leftOut: LeftOut[] = [];
  for (const [index, item] of install.entries()) {
    const metadata = isObject(item) ? item.metadata : undefined;
    const name = isObject(metadata) ? metadata.name : undefined;
    const written = isObject(metadata) ? metadata.version : undefined;
    if (typeof name !== 'string' || typeof written !== 'string') {
      return { ok: false, error: `${source}: install[${index}] has no metadata.name and metadata.version` };
    }
    // As a freeze's `name @ URL` lines: a project installed from a path or URL (often the repository itself) is no index release.
    if (isObject(item) && item.is_direct === true) {
      leftOut.push({ key: canonicalName(name), why: 'installed from a URL or path' });
      continue;
    }
    const version = parseVersion(written);
    if (version === null) {
      leftOut.push({ key: canonicalName(name), why: `version ${JSON.stringify(written)} is not PEP 440` });
      continue;
    }
    packages.push({ key: canonicalName(name), version: publicVersion(version), local: version.local === null ? null : localLabel(version.local) });
  }
  const environment = isObject(report) ? report.environment : undefined;
  const python = isObject(environment) && typeof environment.python_full_version === 'string' ? environment.python_full_version : null;
  return { ok: true, set: { packages, python, leftOut } };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface ProfileOptions {
  /** The profile's name (matrix/schema.json's profileName). */
  name: string;
  /** The file or URL it was read from, as the header comment and description name it. */
  source: string;
  /** YYYY-MM-DD. */
  date: string;
  /** PEP 440 specifier, or a bare version (`3.11` means `==3.11.*`); default: what the source says. */
  python?: string | null;
  /** The same for CUDA; default: the CUDA build of the torch wheel (`+cu121` means `==12.1.*`). */
  cuda?: string | null;
  /** Keep only these packages (any spelling); names the source does not hold are listed in the header. */
  only?: readonly string[] | null;
  /** What the header says made it: default `compat-guard matrix import`. */
  madeBy?: string;
  /** The profile's description: default `Imported from SOURCE on DATE`. */
  description?: string;
}

export type ProfileText = { ok: true; text: string } | { ok: false; error: string };

/** The matrix file (`profiles: {NAME: ...}`) of one profile pinning `set`, with its header comment. */
export function printProfile(set: InstalledSet, options: ProfileOptions): ProfileText {
  const nameProblem = profileNameProblem(options.name);
  if (nameProblem !== null) return { ok: false, error: nameProblem };
  const python = specifierOption('--python', options.python ?? null) ?? (set.python === null ? { ok: true as const, value: null } : minorSeries(set.python));
  if (!python.ok) return python;
  const cuda = specifierOption('--cuda', options.cuda ?? null) ?? { ok: true as const, value: torchCuda(set) };
  if (!cuda.ok) return cuda;

  const wanted = options.only ? new Set(options.only.map(canonicalName)) : null;
  const packages = set.packages
    .filter((item) => wanted === null || wanted.has(item.key))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const leftOut = set.leftOut.filter((item) => wanted === null || item.key === null || wanted.has(item.key));
  const missing = wanted === null ? [] : [...wanted].filter((key) => !packages.some((item) => item.key === key) && !leftOut.some((item) => item.key === key));
  const source = oneLine(redactUrl(options.source));

  const doc = new Document({
    profiles: {
      [options.name]: {
        description: options.description === undefined ? `Imported from ${source} on ${options.date}` : oneLine(options.description),
        ...(python.value === null ? {} : { python: python.value }),
        ...(cuda.value === null ? {} : { cuda: cuda.value }),
        packages: Object.fromEntries(packages.map((item) => [item.key, `==${item.version}`])),
      },
    },
  });
  doc.commentBefore = [
    ` Made by ${options.madeBy ?? 'compat-guard matrix import'} from ${source} on ${options.date}: ${packages.length === 1 ? '1 package' : `${packages.length} packages`}, each pinned to the version it names.`,
    ...(leftOut.length === 0 ? [] : [` Left out: ${leftOut.map((item) => oneLine(item.key === null ? item.why : `${item.key} (${item.why})`)).join('; ')}.`]),
    ...(missing.length === 0 ? [] : [` Asked for with --only but not in the source: ${missing.join(', ')}.`]),
    ` Add the profile under \`profiles:\` in .github/compat-matrix.yml, and \`profile: ${options.name}\` to check every pull request against it.`,
  ].join('\n');
  quoteValues(doc);
  return { ok: true, text: doc.toString({ lineWidth: 0 }) };
}

/** Specifiers in double quotes, as docs/matrix.md asks: unquoted, one that starts with `>` is not a string. */
function quoteValues(doc: Document): void {
  const profiles = doc.get('profiles', true);
  if (!isMap(profiles)) return;
  for (const pair of profiles.items) {
    if (!isMap(pair.value)) continue;
    for (const field of pair.value.items) {
      if (isScalar(field.key) && field.key.value !== 'description' && isScalar(field.value)) field.value.type = 'QUOTE_DOUBLE';
    }
    const packages = pair.value.get('packages', true);
    if (!isMap(packages)) continue;
    for (const item of packages.items) if (isScalar(item.value)) item.value.type = 'QUOTE_DOUBLE';
  }
}

type SpecifierValue = { ok: true; value: string | null } | { ok: false; error: string };

/** An option's specifier: a bare version means its series (`3.11` -> `==3.11.*`); null when not given. */
function specifierOption(option: string, value: string | null): SpecifierValue | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (parseVersion(trimmed) !== null) return minorSeries(trimmed);
  const parsed = parseSpecifierSet(trimmed);
  if (!parsed.ok) return { ok: false, error: `${option} "${value}" is neither a version nor a PEP 440 specifier: ${parsed.message}` };
  return { ok: true, value: trimmed };
}

/** `3.12.9` -> `==3.12.*`; a version with one number stays `==3.*`. */
function minorSeries(version: string): SpecifierValue {
  const release = version.split('.').slice(0, 2);
  return { ok: true, value: `==${release.join('.')}.*` };
}

/** The CUDA series of the torch wheel (`2.5.1+cu121` -> `==12.1.*`), or null (no torch, a CPU build). */
function torchCuda(set: InstalledSet): string | null {
  const torch = set.packages.find((item) => item.key === 'torch');
  const match = torch?.local ? /^cu(\d+)(\d)$/.exec(torch.local) : null;
  return match ? `==${match[1]}.${match[2]}.*` : null;
}

/** A file name or URL on one comment line: no control characters. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
}

/** A profile name from a file name or URL: `constraints-3.11.txt` -> `constraints-3.11`. */
export function profileNameFromSource(source: string): string {
  const last = source.replace(/[?#].*$/, '').replace(/\/+$/, '').split(/[\\/]/).pop() ?? '';
  const stem = last.replace(/\.(txt|json|in|lock)$/i, '');
  const name = stem.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return name === '' ? 'imported' : name;
}
