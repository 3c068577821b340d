// The report stage's public face, for the CLI and the action: findings in, text out.
export { failingFindings, failsAt, FAIL_ON_LEVELS, isAtOrAbove, parseFailOn, type FailOn } from './fail.js';
export { countBySeverity } from './finding-counts.js';
export { toJsonReport, type JsonReport } from './json.js';
export { RULE_CATALOG } from './rules.js';
export { toSarif, type SarifLog } from './sarif.js';
export { buildSummary, type AnnotationsShown, type SummaryOptions } from './summary.js';
export { formatText } from './text.js';
export { toWorkflowCommands } from './workflow-commands.js';
