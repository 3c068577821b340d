// pip's verdict on each install set, mapped back to its lines (pure). A set pip cannot install gets
// the resolver rules' findings (src/check/rules/resolution-*.ts); a set it resolves gets its resolved
// versions as facts: the set is checked again with each resolved package pinned where it is written
// (or, when only pulled in, where the requirement that pulls it in is written), and what that check
// finds on those lines is reported, marked as resolved.

import type { Matrix } from '../matrix/types.js';
import {
  canonicalName,
  severityRank,
  type Finding,
  type InstallSet,
  type ParsedFile,
  type ParseResult,
  type Requirement,
  type Severity,
} from '../model.js';
import type { PipStepResult, ResolvedInstall } from '../resolve/pip.js';
import { compareFindings, dedupeFindings, makeFinding, type FindingDraft } from './finding-builder.js';
import type { ResolveJob, ResolveLine, ResolveStep } from './resolve-plan.js';
import * as resolutionImpossible from './rules/resolution-impossible.js';
import * as resolutionNeedsSdist from './rules/resolution-needs-sdist.js';
import { applySuppressions } from './suppress.js';

export interface ResolvedStep {
  step: ResolveStep;
  result: PipStepResult;
}

export interface ResolvedSet {
  job: ResolveJob;
  steps: ResolvedStep[];
  /** pip's version, for messages. */
  pip: string;
}

export type ResolveEmit = (draft: FindingDraft) => void;

const RULES = [resolutionImpossible, resolutionNeedsSdist];
export const RESOLVE_RULES = RULES.map((rule) => rule.RULE);

export function checkResolutions(sets: readonly ResolvedSet[], files: readonly ParsedFile[], matrix: Matrix): Finding[] {
  const findings: Finding[] = [];
  const emit: ResolveEmit = (draft) => findings.push(makeFinding(draft));
  for (const set of sets) for (const rule of RULES) rule.check(set, emit);
  return applySuppressions(dedupeFindings(findings), files, matrix.ignore).sort(compareFindings);
}

/** A package pip installs in the end, and the written line its findings go on. */
export interface ResolvedPin {
  key: string;
  version: string;
  /** Its own line when the set names it; else the line of the requirement that pulls it in. */
  line: ResolveLine;
  /** The set names the package itself (not only something that requires it). */
  written: boolean;
}

/**
 * What the set installs in the end, when pip resolved every step; null otherwise. A later step that
 * names a package again replaces it (pip reinstalls what the command line asks for); one that only
 * pulls it in keeps what an earlier step installed (pip keeps an installed package that satisfies).
 */
export function resolvedPins(set: ResolvedSet): ResolvedPin[] | null {
  const pins = new Map<string, ResolvedPin>();
  for (const { step, result } of set.steps) {
    if (result.status !== 'resolved') return null;
    const anchors = anchorsOf(step, result.installs);
    for (const install of result.installs) {
      const anchor = anchors.get(install.key);
      if (!anchor || (pins.has(install.key) && !install.requested)) continue;
      pins.set(install.key, { key: install.key, version: install.version, line: anchor, written: anchor.key === install.key });
    }
  }
  return [...pins.values()];
}

/** For each installed package, its own written line, else the first written requirement that pulls it in. */
function anchorsOf(step: ResolveStep, installs: readonly ResolvedInstall[]): Map<string, ResolveLine> {
  const requires = new Map(
    installs.map((install) => [install.key, install.requiresDist.map(requirementKey).filter((key): key is string => key !== null)]),
  );
  const anchors = new Map<string, ResolveLine>();
  const queue: string[] = [];
  for (const line of step.requirements) {
    if (anchors.has(line.key) || !requires.has(line.key)) continue;
    anchors.set(line.key, line);
    queue.push(line.key);
  }
  for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
    for (const needed of requires.get(key) ?? []) {
      if (anchors.has(needed) || !requires.has(needed)) continue;
      anchors.set(needed, anchors.get(key) as ResolveLine);
      queue.push(needed);
    }
  }
  return anchors;
}

function requirementKey(text: string): string | null {
  const name = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/.exec(text)?.[1];
  return name ? canonicalName(name) : null;
}

/** The pins whose resolved version says more than what is written (not an exact pin of that very version). */
export function pinsToRecheck(pins: readonly ResolvedPin[]): ResolvedPin[] {
  return pins.filter((pin) => !pin.written || pin.line.specifier !== `==${pin.version}`);
}

/**
 * The set alone, its files as written but with each resolved package pinned to the version pip
 * resolves: `numpy` becomes `numpy==2.0.0` on its line; a package only pulled in is added, pinned, on
 * the line of what pulls it in.
 */
export function resolvedParse(parse: ParseResult, set: InstallSet, pins: readonly ResolvedPin[]): ParseResult {
  const files = parse.files
    .filter((file) => set.files.includes(file.path))
    .map((file): ParsedFile => {
      const requirements: Requirement[] = [];
      for (const requirement of file.requirements) {
        const own = pins.find((pin) => pin.written && at(pin, file.path, requirement) && pin.key === requirement.key);
        requirements.push(own && !requirement.constraint ? { ...requirement, specifier: `==${own.version}` } : requirement);
        for (const pulled of pins) {
          if (pulled.written || !at(pulled, file.path, requirement) || requirement.key !== pulled.line.key) continue;
          requirements.push({
            ...requirement,
            name: pulled.key,
            key: pulled.key,
            extras: [],
            specifier: `==${pulled.version}`,
            marker: null,
            url: null,
            editable: false,
            constraint: false,
          });
        }
      }
      return { ...file, requirements };
    });
  return { files, installSets: [set], diagnostics: [] };
}

function at(pin: ResolvedPin, file: string, requirement: Requirement): boolean {
  const { span } = pin.line.at;
  return pin.line.at.file === file && span.line === requirement.line && span.column === requirement.column;
}

/**
 * The findings of the resolved check that rest on a resolved version, each saying so: what is
 * written, what pip resolves it to today, for which target. A package the set only pulls in, or a
 * target the set does not name, makes it a warning at most: today's index and the other packages'
 * metadata decide that version, not the set.
 */
export function markResolved(
  findings: readonly Finding[],
  pins: readonly ResolvedPin[],
  job: ResolveJob,
  statics: readonly Finding[],
): Finding[] {
  const marked: Finding[] = [];
  for (const finding of findings) {
    const pin = pins.find(
      (candidate) =>
        candidate.key === finding.package && candidate.line.at.file === finding.file && candidate.line.at.span.line === finding.line,
    );
    if (
      !pin ||
      statics.some(
        (known) =>
          known.rule === finding.rule && known.line === finding.line && known.file === finding.file && known.message === finding.message,
      )
    )
      continue;
    const what = pin.written
      ? `${pin.line.shown} ${pin.line.specifier === '' ? 'is unpinned' : 'admits more than one release'}; pip resolves it to ${pin.version} today`
      : `${pin.line.shown} pulls in ${pin.key}, which pip resolves to ${pin.version} today`;
    const severity: Severity =
      (!pin.written || job.assumed) && severityRank(finding.severity) > severityRank('warning') ? 'warning' : finding.severity;
    const assumed = job.assumed ? `; ${job.assumed}` : '';
    marked.push({ ...finding, severity, message: `Resolved: ${what} for ${job.target}${assumed}. ${finding.message}` });
  }
  return marked;
}
