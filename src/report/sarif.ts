// SARIF 2.1.0 as GitHub code scanning accepts it: one run, every result with a physical location
// (code scanning rejects the whole file when one result has none, so findings that belong to no
// file - the runtime check's - become run-level notifications), at most 25,000 results per run (the
// hard limit; the most severe are kept), and partial fingerprints that survive lines moving.

import { createHash } from 'node:crypto';
import type { CheckResult } from '../engine-types.js';
import { severityRank, type Finding, type RelatedLocation, type RuleInfo, type Severity } from '../model.js';
import { messageWithFix } from './finding-counts.js';
import { RULE_CATALOG, TOOL_HOMEPAGE, describeRules } from './rules.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** GitHub code scanning's hard limit on results in one run. */
export const MAX_SARIF_RESULTS = 25_000;
/** Code scanning keeps 100 locations of a result; more only weigh down the file. */
const MAX_RELATED_LOCATIONS = 100;
const FINGERPRINT_KEY = 'compatGuard/v1';

type SarifLevel = 'error' | 'warning' | 'note';

export interface SarifRegion {
  startLine: number;
  startColumn?: number;
  endLine?: number;
  /** Exclusive, unlike ours. */
  endColumn?: number;
}

export interface SarifPhysicalLocation {
  artifactLocation: { uri: string; uriBaseId: '%SRCROOT%' };
  region: SarifRegion;
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: Array<{ physicalLocation: SarifPhysicalLocation }>;
  relatedLocations?: Array<{ id: number; physicalLocation: SarifPhysicalLocation; message?: { text: string } }>;
  partialFingerprints: Record<string, string>;
  properties?: Record<string, string | boolean>;
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[] };
}

export interface SarifNotification {
  level: SarifLevel;
  message: { text: string };
  associatedRule: { id: string; index: number };
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: Array<{
    tool: { driver: { name: string; version: string; semanticVersion: string; informationUri: string; rules: SarifRule[] } };
    invocations: Array<{ executionSuccessful: true; toolExecutionNotifications: SarifNotification[] }>;
    columnKind: 'utf16CodeUnits';
    results: SarifResult[];
  }>;
}

/** `rules`: the rule table to describe (default: every built-in rule); the matrix's rules are added. */
export function toSarif(result: CheckResult, rules: readonly RuleInfo[] = RULE_CATALOG): SarifLog {
  const described = describeRules(result, rules);
  const ruleIndex = new Map(described.map((rule, index) => [rule.id, index]));
  const indexOf = (id: string): number => ruleIndex.get(id) ?? 0;

  const located = result.findings.filter(hasFile);
  const kept = keepMostSevere(located, MAX_SARIF_RESULTS);
  const fingerprints = new Fingerprints();
  const results = kept.map((finding) => toResult(finding, indexOf(finding.rule), fingerprints.next(finding)));

  const notifications: SarifNotification[] = result.findings
    .filter((finding) => finding.file === null)
    .map((finding) => ({
      level: sarifLevel(finding.severity),
      message: { text: messageWithFix(finding) },
      associatedRule: { id: finding.rule, index: indexOf(finding.rule) },
    }));
  if (kept.length < located.length) {
    notifications.push({
      level: 'warning',
      message: {
        text: `${located.length - kept.length} less severe findings are not in this file: code scanning accepts at most ${MAX_SARIF_RESULTS} results per run. The JSON report has every finding.`,
      },
      associatedRule: { id: kept[0]?.rule ?? described[0]?.id ?? '', index: kept[0] ? indexOf(kept[0].rule) : 0 },
    });
  }

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: result.tool.name,
            version: result.tool.version,
            semanticVersion: result.tool.version,
            informationUri: TOOL_HOMEPAGE,
            rules: described.map((rule) => ({
              id: rule.id,
              name: ruleName(rule.id),
              shortDescription: { text: rule.summary },
              fullDescription: { text: rule.description },
              help: {
                text: `${rule.description}\n${rule.helpUri}`,
                markdown: `${rule.description}\n\n[More about ${rule.id}](${rule.helpUri})`,
              },
              helpUri: rule.helpUri,
              defaultConfiguration: { level: sarifLevel(rule.severity) },
              properties: { tags: ['compatibility', 'dependencies'] },
            })),
          },
        },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        // Our columns count UTF-16 code units, as JavaScript strings do.
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

function hasFile(finding: Finding): finding is Finding & { file: string } {
  return finding.file !== null;
}

function toResult(finding: Finding & { file: string }, ruleIndex: number, fingerprint: string): SarifResult {
  const sarif: SarifResult = {
    ruleId: finding.rule,
    ruleIndex,
    level: sarifLevel(finding.severity),
    message: { text: messageWithFix(finding) },
    locations: [{ physicalLocation: physicalLocation(finding.file, finding) }],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
  };
  const related = finding.related ?? [];
  if (related.length > 0) {
    sarif.relatedLocations = related.slice(0, MAX_RELATED_LOCATIONS).map((location, index) => ({
      id: index + 1,
      physicalLocation: physicalLocation(location.file, location),
      ...(location.message ? { message: { text: location.message } } : {}),
    }));
  }
  const properties: Record<string, string | boolean> = {};
  if (finding.package) properties.package = finding.package;
  if (finding.expected) properties.expected = finding.expected;
  if (finding.actual) properties.actual = finding.actual;
  if (finding.fix) properties.fix = finding.fix;
  if (finding.inDiff !== undefined) properties.inDiff = finding.inDiff;
  if (Object.keys(properties).length > 0) sarif.properties = properties;
  return sarif;
}

type Position =
  Pick<RelatedLocation, 'line' | 'column' | 'endLine' | 'endColumn'> | Pick<Finding, 'line' | 'column' | 'endLine' | 'endColumn'>;

function physicalLocation(file: string, position: Position): SarifPhysicalLocation {
  // A finding about a whole file still needs a region: point at its first line.
  const startLine = position.line ?? 1;
  const region: SarifRegion = { startLine };
  if (position.column !== null && position.column !== undefined) region.startColumn = position.column;
  const endLine = position.endLine ?? startLine;
  if (position.line !== null && endLine >= startLine) region.endLine = endLine;
  if (region.startColumn !== undefined && position.endColumn !== null && position.endColumn !== undefined) {
    region.endColumn = position.endColumn + 1;
  }
  return { artifactLocation: { uri: relativeUri(file), uriBaseId: '%SRCROOT%' }, region };
}

/** A repository-relative path as a relative URI reference: each segment percent-encoded. */
function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'notice' ? 'note' : severity;
}

/** `pin-outside-profile` -> `PinOutsideProfile`, the form SARIF viewers show as a rule name. */
function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** The `limit` most severe findings, in their original order. */
function keepMostSevere<T extends Finding>(findings: T[], limit: number): T[] {
  if (findings.length <= limit) return findings;
  const order = findings.map((finding, index) => ({ rank: severityRank(finding.severity), index }));
  order.sort((a, b) => b.rank - a.rank || a.index - b.index);
  const keep = new Set(order.slice(0, limit).map((entry) => entry.index));
  return findings.filter((_, index) => keep.has(index));
}

/**
 * What identifies a finding from one run to the next: rule, file, and the package with its pin (or,
 * for findings about no package, the message), not the line: an edit above it must not make it a new
 * alert. Identical findings are told apart by their order.
 */
class Fingerprints {
  private readonly seen = new Map<string, number>();

  next(finding: Finding): string {
    const what = finding.package ? [finding.package, finding.actual ?? ''] : [finding.message];
    const identity = [finding.rule, finding.file ?? '', ...what].join('\u0000');
    const occurrence = this.seen.get(identity) ?? 0;
    this.seen.set(identity, occurrence + 1);
    return createHash('sha256').update(`${identity}\u0000${occurrence}`).digest('hex').slice(0, 32);
  }
}
