// What each rule id means, for SARIF's rule table and the summary's links: the built-in catalog,
// then the matrix's own rules (bundled and the repository's), then any id a finding uses that
// neither lists (it still gets a row, so that no result points at a missing rule).

import { RULES } from '../check/index.js';
import type { CheckResult } from '../engine-types.js';
import type { RuleInfo, Severity } from '../model.js';
import { RUNTIME_RULES } from '../runtime/rules.js';
import { TOOL_VERSION } from '../version.js';

/** Every built-in rule: the static checks' and the runtime check's. */
export const RULE_CATALOG: readonly RuleInfo[] = [...RULES, ...RUNTIME_RULES];

export const TOOL_HOMEPAGE = 'https://github.com/compat-guard/compat-guard';
/** The rules as documented at the release that ran (the release workflow tags each version `vX.Y.Z`), not as main says today. */
const RULES_DOC = `${TOOL_HOMEPAGE}/blob/v${TOOL_VERSION}/docs/rules.md`;

/** docs/rules.md has one heading per built-in rule id; GitHub makes the id its anchor. */
export function ruleHelpUri(id: string): string {
  return `${RULES_DOC}#${encodeURIComponent(id)}`;
}

export interface RuleDescription {
  id: string;
  severity: Severity;
  /** One line. */
  summary: string;
  /** A few sentences: the summary plus where the rule comes from. */
  description: string;
  helpUri: string;
}

export function describeRules(result: CheckResult, catalog: readonly RuleInfo[] = RULE_CATALOG): RuleDescription[] {
  const described = new Map<string, RuleDescription>();
  for (const rule of catalog) {
    described.set(rule.id, {
      id: rule.id,
      severity: rule.severity,
      summary: rule.summary,
      description: `${sentence(rule.summary)} See docs/rules.md#${rule.id}.`,
      helpUri: ruleHelpUri(rule.id),
    });
  }
  for (const rule of result.matrix.rules) {
    if (described.has(rule.id)) continue;
    const where = `${rule.origin.file}:${rule.origin.line}`;
    described.set(rule.id, {
      id: rule.id,
      severity: rule.severity,
      summary: rule.message,
      description: `${sentence(rule.message)} Matrix rule from ${where}${rule.source ? `; source: ${rule.source}` : ''}.`,
      helpUri: rule.source ?? ruleHelpUri('matrix-rules'),
    });
  }
  for (const finding of result.findings) {
    if (described.has(finding.rule)) continue;
    described.set(finding.rule, {
      id: finding.rule,
      severity: finding.severity,
      summary: finding.rule,
      description: finding.rule,
      helpUri: ruleHelpUri(finding.rule),
    });
  }
  return [...described.values()];
}

/** `an exact pin outside` -> `An exact pin outside.`: rule summaries are fragments, descriptions sentences. */
function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}`;
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
