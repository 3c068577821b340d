// The JSON report (CONTRACT.md section 3): `check --format json` and the action's `report-file`.
// Every finding carries every field, null where it does not apply, so that scripts need no guards.

import type { CheckResult, RuntimeSummary } from '../engine-types.js';
import type { Diagnostic, FileKind, Finding } from '../model.js';
import type { IndexSummary } from '../index/run.js';
import type { ResolveSummary } from '../resolve/run.js';
import { countBySeverity, type SeverityCounts } from './finding-counts.js';

/**
 * A Finding with every field present: null where it does not apply (`inDiff` is null where no diff
 * filter applied, as in the CLI); `origin` always set.
 */
export type JsonFinding = {
  [K in keyof Finding]-?: K extends 'origin' ? NonNullable<Finding[K]> : Exclude<Finding[K], undefined> | null;
};

export interface JsonReport {
  tool: { name: string; version: string };
  profile: string | null;
  profileReason: string | null;
  files: Array<{ path: string; kind: FileKind }>;
  findings: JsonFinding[];
  counts: SeverityCounts;
  diagnostics: Diagnostic[];
  runtime: RuntimeSummary | null;
  /** Present when the package indexes were asked (CONTRACT section 6). */
  index?: IndexSummary;
  /** Present when pip's resolver ran (CONTRACT section 6 `resolve`). */
  resolve?: ResolveSummary;
}

export function toJsonReport(result: CheckResult): JsonReport {
  return {
    tool: { name: result.tool.name, version: result.tool.version },
    profile: result.profile?.name ?? null,
    profileReason: result.profile?.reason ?? null,
    files: result.files.map((file) => ({ path: file.path, kind: file.kind })),
    findings: result.findings.map(toJsonFinding),
    counts: countBySeverity(result.findings),
    diagnostics: result.diagnostics,
    runtime: result.runtime ?? null,
    ...(result.index ? { index: result.index } : {}),
    ...(result.resolve ? { resolve: result.resolve } : {}),
  };
}

function toJsonFinding(finding: Finding): JsonFinding {
  return {
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
    file: finding.file,
    line: finding.line,
    column: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    package: finding.package,
    expected: finding.expected ?? null,
    actual: finding.actual ?? null,
    fix: finding.fix ?? null,
    related: finding.related && finding.related.length > 0 ? finding.related : null,
    inDiff: finding.inDiff ?? null,
    source: finding.source ?? null,
    origin: finding.origin ?? 'static',
  };
}
