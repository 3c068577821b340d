// The `fail-on` threshold, shared by the action's step result and the CLI's exit status.

import { SEVERITIES, severityRank, type Finding, type Severity } from '../model.js';
import { isInScope } from './finding-counts.js';

/** A severity, or `never` (report only). */
export type FailOn = Severity | 'never';

export const FAIL_ON_LEVELS: readonly FailOn[] = [...SEVERITIES, 'never'];

export function parseFailOn(text: string): FailOn | null {
  return (FAIL_ON_LEVELS as readonly string[]).includes(text) ? (text as FailOn) : null;
}

export function isAtOrAbove(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'never' && severityRank(severity) >= severityRank(failOn);
}

/** The in-scope findings at or above the threshold: the run fails when there is one. */
export function failingFindings(findings: readonly Finding[], failOn: FailOn): Finding[] {
  return findings.filter((finding) => isInScope(finding) && isAtOrAbove(finding.severity, failOn));
}

/** Whether the run fails: an in-scope finding at or above the threshold (the CLI's exit status 1). */
export function failsAt(findings: readonly Finding[], failOn: FailOn): boolean {
  return failingFindings(findings, failOn).length > 0;
}
