// What the index checks ask about each install set, decided from the set alone (pure): which
// indexes pip would read for it, which of them may be contacted, where it installs (Python, glibc),
// and the pins pip would install. The shell (src/index/run.ts) asks the indexes; the rules
// (src/check/rules/) judge the answers.

import type { IndexLocation } from '../index/client.js';
import type { Diagnostic, ImageRef, Requirement } from '../model.js';
import { intersects } from '../pep440/ranges.js';
import { factSpan, interpreterSpecifier, profileAllows, setPython, type CheckContext, type SetView } from './context.js';
import { requirementText, type Place } from './finding-builder.js';
import { fromImage } from './image-pins.js';
import { minorOf } from './versions.js';

export const DEFAULT_INDEX = 'https://pypi.org/simple';

export interface IndexPlanOptions {
  /** The index of sets that name none: the index-url input/option, else PIP_INDEX_URL, else PyPI. */
  indexUrl: string;
  /** Added to every set (the extra-index-url input/option). */
  extraIndexUrls: string[];
  /**
   * Why the indexes the repository names must not be contacted (a fork's pull request), or null
   * when they may be.
   */
  untrusted: string | null;
  /** Files whose sets may read indexes the readers cannot see (a pip.conf, `pip config`), with why. */
  configuredFiles?: ReadonlyMap<string, string>;
  /** The repository's own projects (PEP 503 names): installed from the checkout, never asked about. */
  ownProjects?: ReadonlySet<string>;
}

/**
 * A pin the index checks ask about. It keeps its requirement and file, not the set's Pin: the plans
 * of every set are held until the indexes answer, and the Pins can go with their set's view.
 */
export class PlannedPin {
  constructor(
    readonly requirement: Requirement,
    readonly file: string,
    /** The profile pins this package: when two pins disagree, the other is the one to change. */
    readonly profilePinned: boolean,
  ) {}

  get key(): string {
    return this.requirement.key;
  }

  get at(): Place {
    return { file: this.file, span: this.requirement };
  }

  /** The requirement as written, without its marker. */
  get shown(): string {
    return requirementText(this.requirement);
  }
}

export interface SetPlan {
  id: string;
  indexes: IndexLocation[];
  /** Why an absence on these indexes proves nothing (an index not contacted or not known); null when it does. */
  unprovable: string | null;
  /** The interpreters the set installs into, as a specifier; null when nothing says. */
  python: string | null;
  /** Where the set's own Python is written (a Dockerfile's image or interpreter), when it is. */
  pythonAt: Place | null;
  /** The Python minors the set may install into (for markers and wheel tags); one when the set says which. */
  minors: string[];
  /** glibc of the set's image (for manylinux wheels); null where wheels are not judged (musl, not Linux). */
  glibc: string | null;
  /** The set installs into an image (a Dockerfile's): its platform is known, not assumed. */
  imaged: boolean;
  pins: PlannedPin[];
}

/** Python minors considered when a set does not name one. */
const MINORS = ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14'];

export function planIndexSet(
  context: CheckContext,
  view: SetView,
  options: IndexPlanOptions,
  unknownIndexFiles: ReadonlyMap<string, string>,
): SetPlan {
  const indexes: IndexLocation[] = [];
  const skipped: string[] = [];
  const add = (location: IndexLocation): void => {
    // `https://host/simple` and `https://host/simple/` are one index.
    const same = (known: IndexLocation): boolean =>
      known.kind === location.kind && known.url.replace(/\/+$/, '') === location.url.replace(/\/+$/, '');
    if (!indexes.some(same)) indexes.push(location);
  };
  const fromRepository = (url: string, kind: IndexLocation['kind']): void => {
    if (options.untrusted === null) add({ url, kind, trusted: false });
    else skipped.push(url);
  };
  // pip keeps the last --index-url it reads; every --extra-index-url and --find-links add to it.
  const indexUrl = view.indexes.filter((index) => index.fact.kind === 'index-url').at(-1);
  if (indexUrl) fromRepository(indexUrl.fact.url, 'index');
  if (!indexUrl || options.untrusted !== null) add({ url: options.indexUrl, kind: 'index', trusted: true });
  for (const index of view.indexes) {
    if (index.fact.kind === 'extra-index-url' || index.fact.kind === undefined) fromRepository(index.fact.url, 'index');
    else if (index.fact.kind === 'find-links') fromRepository(index.fact.url, 'find-links');
  }
  for (const url of options.extraIndexUrls) add({ url, kind: 'index', trusted: true });

  let unprovable: string | null = null;
  if (skipped.length > 0) unprovable = `the repository's index ${skipped[0]} is not contacted for ${options.untrusted}`;
  const unknown = view.set.files.find((file) => unknownIndexFiles.has(file));
  if (unknown) unprovable = unknownIndexFiles.get(unknown) as string;

  const python = interpreterSpecifier(view, context) ?? null;
  const pins = view
    .writtenWhere(() => true)
    // The base image's packages are not fetched from an index.
    .filter((pin) => !pin.requirement.constraint && !fromImage(pin) && !options.ownProjects?.has(pin.key) && view.installs(pin))
    .map((pin) => new PlannedPin(pin.requirement, pin.file, profileAllows(context, pin.key, false) !== null));
  const own = setPython(view);
  const pythonAt = own ? { file: own.file, span: factSpan(own.fact) } : null;
  return {
    id: view.set.id,
    indexes,
    unprovable,
    python,
    pythonAt,
    minors: setMinors(view, context),
    glibc: setGlibc(view),
    imaged: view.images.length > 0,
    pins,
  };
}

/**
 * The files whose sets may read an index nobody can name here, with why: one the reader could not
 * know (a build argument, an unset variable), or one a pip configuration names.
 */
export function filesWithUnknownIndexes(
  diagnostics: readonly Diagnostic[],
  configured: ReadonlyMap<string, string> = new Map(),
): Map<string, string> {
  const unknown = new Map(configured);
  for (const diagnostic of diagnostics) {
    if (/^package index .*, so it is not checked$/.test(diagnostic.message))
      unknown.set(diagnostic.file, `${diagnostic.file} names a package index whose URL is only known at build time`);
  }
  return unknown;
}

function setMinors(view: SetView, context: CheckContext): string[] {
  const own = setPython(view);
  const minor = own ? minorOf(own.fact.version) : null;
  if (minor) return [minor];
  const python = view.python;
  if (!python) return MINORS;
  return MINORS.filter((candidate) => {
    const admits = context.specifiers.admits(`==${candidate}.*`);
    return admits !== null && intersects(python, admits.set);
  });
}

/** glibc of Linux distributions, by the names image tags use. */
const GLIBC: Readonly<Record<string, string>> = {
  'ubuntu18.04': '2.27',
  'ubuntu20.04': '2.31',
  'ubuntu22.04': '2.35',
  'ubuntu24.04': '2.39',
  buster: '2.28',
  bullseye: '2.31',
  bookworm: '2.36',
  trixie: '2.41',
  ubi8: '2.28',
  ubi9: '2.34',
  rockylinux8: '2.28',
  rockylinux9: '2.34',
};
/** manylinux2014: what pip on any distribution of the last decade accepts. */
const DEFAULT_GLIBC = '2.17';

/** The glibc of the set's last image, from its tag or name; musl (Alpine) images get none. */
function setGlibc(view: SetView): string | null {
  const image: ImageRef | undefined = view.images.filter((candidate) => !candidate.fact.fromStage).at(-1)?.fact;
  if (!image) return DEFAULT_GLIBC;
  const text = `${image.name}:${image.tag ?? ''}`.toLowerCase();
  if (/alpine|musl/.test(text)) return null;
  for (const [name, glibc] of Object.entries(GLIBC)) if (text.includes(name)) return glibc;
  // The official python images without a distribution in the tag are Debian bookworm or later.
  if (/^(?:docker\.io\/)?(?:library\/)?python$/.test(image.name)) return GLIBC.bookworm as string;
  const ubuntu = /^(?:.*\/)?ubuntu:(\d+\.\d+)/.exec(text);
  if (ubuntu) return GLIBC[`ubuntu${ubuntu[1]}`] ?? DEFAULT_GLIBC;
  return DEFAULT_GLIBC;
}
