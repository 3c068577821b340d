// What the index answers mean for a pin, shared by the index rules and by the shell that decides
// which metadata to fetch (pure): the releases the indexes list, those a pin admits, whether every
// index answered, and the environments Requires-Dist markers are evaluated in.

import type { IndexLocation } from '../index/client.js';
import type { DistFile, MetadataAnswer, ProjectAnswer } from '../index/types.js';
import { fileRelease, parseWheelName, wheelFitsTarget } from '../index/files.js';
import { parseVersion, compareVersions, type Version } from '../pep440/version.js';
import { contains } from '../pep440/specifier.js';
import type { MarkerEnvironment } from '../parse/marker-evaluation.js';
import type { PlannedPin, SetPlan } from './index-plan.js';
import type { FindingDraft } from './finding-builder.js';
import type { RuleInfo } from '../model.js';
import type { Specifiers } from './versions.js';

export type IndexEmit = (draft: FindingDraft) => void;

/** A finding of an index rule on a pin: at the pin's token, about its package, resting on `source`. */
export function pinFinding(
  rule: RuleInfo,
  pin: PlannedPin,
  fields: {
    message: string;
    source: string | null;
    actual?: string;
    severity?: FindingDraft['severity'];
    related?: FindingDraft['related'];
  },
): FindingDraft {
  const draft: FindingDraft = {
    rule: rule.id,
    severity: fields.severity ?? rule.severity,
    at: pin.at,
    package: pin.key,
    message: fields.message,
    actual: fields.actual ?? null,
    source: fields.source,
  };
  if (fields.related) draft.related = fields.related;
  return draft;
}

export interface ListedFile {
  file: DistFile;
  version: Version;
  /** The page that lists it. */
  source: string;
}

export interface AnsweredPin {
  pin: PlannedPin;
  /** One answer per index of the set, in order. */
  projects: ProjectAnswer[];
  /** The metadata of the release an exact pin selects; null when not asked or not available. */
  metadata: MetadataAnswer | null;
}

export interface AnsweredSet {
  plan: SetPlan;
  pins: AnsweredPin[];
  specifiers: Specifiers;
}

/** What the indexes answered, held once per index and project (not per pin): the shell (src/index/run.ts) asks. */
export interface IndexAnswers {
  project(location: IndexLocation, key: string): ProjectAnswer;
  /** The metadata of the release an exact pin selects; null when not asked or not available. */
  metadata(pin: PlannedPin): MetadataAnswer | null;
}

/**
 * The set's pins with what its indexes said of each. A pin that no index answered is left out: no
 * rule judges a pin without an answer, and with no network that is every pin of every set.
 */
export function answerSet(plan: SetPlan, answers: IndexAnswers, specifiers: Specifiers): AnsweredSet {
  const pins: AnsweredPin[] = [];
  for (const pin of plan.pins) {
    const projects = plan.indexes.map((location) => answers.project(location, pin.key));
    if (projects.some((answer) => answer.status !== 'unreachable')) pins.push({ pin, projects, metadata: answers.metadata(pin) });
  }
  return { plan, pins, specifiers };
}

/** Did every index answer (found or missing), and may an absence be taken as proof? */
export function absenceProven(set: AnsweredSet, pin: AnsweredPin): boolean {
  return set.plan.unprovable === null && pin.projects.length > 0 && pin.projects.every((answer) => answer.status !== 'unreachable');
}

/** Every file of the pin's project the indexes list, with its version (files whose name says none are left out). */
export function listedFiles(pin: AnsweredPin): ListedFile[] {
  // Each rule asks; the versions are parsed once per pin.
  let files = listed.get(pin);
  if (!files) {
    files = readListedFiles(pin);
    listed.set(pin, files);
  }
  return files;
}

const listed = new WeakMap<AnsweredPin, ListedFile[]>();

function readListedFiles(pin: AnsweredPin): ListedFile[] {
  const files: ListedFile[] = [];
  for (const answer of pin.projects) {
    if (answer.status !== 'found') continue;
    for (const file of answer.page.files) {
      const release = fileRelease(file.filename, pin.pin.key);
      const version = release ? parseVersion(release.version) : null;
      if (version) files.push({ file, version, source: answer.page.source });
    }
  }
  return files;
}

/** The files of the releases the pin admits (pre-releases too: pip takes one when nothing else matches). */
export function admittedFiles(set: AnsweredSet, pin: AnsweredPin, files = listedFiles(pin)): ListedFile[] {
  const admits = set.specifiers.admits(pin.pin.requirement.specifier);
  if (!admits) return [];
  return files.filter((listed) => contains(admits.set, listed.version, { prereleases: true }));
}

/** The version an exact pin names; null for ranges. */
export function exactVersion(set: AnsweredSet, pin: PlannedPin): Version | null {
  return set.specifiers.admits(pin.requirement.specifier)?.exact ?? null;
}

/** The file whose metadata stands for the release: a wheel the target can use, else any wheel (metadata files first). */
export function metadataFile(files: readonly ListedFile[], plan: SetPlan): DistFile | null {
  const wheels = files.filter((listed) => listed.file.filename.toLowerCase().endsWith('.whl') && listed.file.yanked === null);
  const fitting = wheels.filter((listed) => fitsTarget(listed.file, plan));
  // An sdist last: its PKG-INFO is read only where it can be trusted (src/index/sdist.ts).
  const sdists = files.filter((listed) => parseWheelName(listed.file.filename) === null && listed.file.yanked === null);
  const ordered = [...fitting, ...wheels, ...files.filter((listed) => listed.file.hasMetadata), ...sdists];
  return (ordered.find((listed) => listed.file.hasMetadata) ?? ordered[0])?.file ?? null;
}

/** Would pip install this wheel where the set installs (its one Python minor, its glibc)? null when the set's target is not known that well. */
export function fitsTarget(file: DistFile, plan: SetPlan): boolean | null {
  const minor = plan.minors.length === 1 ? plan.minors[0] : undefined;
  const wheel = parseWheelName(file.filename);
  if (minor === undefined || plan.glibc === null || !wheel) return null;
  return wheelFitsTarget(wheel, { python: minor, glibc: plan.glibc });
}

/** The releases nearest to a version the indexes do not have: the closest below and above it. */
export function nearestReleases(files: readonly ListedFile[], version: Version | null, count = 3): string[] {
  const versions = new Map<string, Version>();
  for (const listed of files) if (listed.file.yanked === null) versions.set(listed.version.text, listed.version);
  const sorted = [...versions.values()].sort(compareVersions);
  if (version === null) return sorted.slice(-count).map(show);
  const above = sorted.findIndex((candidate) => compareVersions(candidate, version) > 0);
  const split = above === -1 ? sorted.length : above;
  return [...sorted.slice(Math.max(0, split - count + 1), split), ...sorted.slice(split, split + 1)].map(show);
}

function show(version: Version): string {
  return version.text;
}

/** CPython on Linux x86-64, for each minor the set may install into. */
export function targetEnvironments(plan: SetPlan): MarkerEnvironment[] {
  return plan.minors.map((minor) => ({
    implementation_name: 'cpython',
    platform_python_implementation: 'CPython',
    implementation_version: `${minor}.0`,
    python_version: minor,
    python_full_version: `${minor}.0`,
    os_name: 'posix',
    sys_platform: 'linux',
    platform_system: 'Linux',
    platform_machine: 'x86_64',
    platform_release: '',
    platform_version: '',
    extras: [],
    dependency_groups: [],
  }));
}
