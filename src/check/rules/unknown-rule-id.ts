// unknown-rule-id: an ignore comment (`# compat-guard: ignore[rule-id]`) or a matrix `ignore:` entry
// that names no rule this version knows silences nothing, so the finding it was written for (a typo,
// a rule renamed in the writer's head, a rule of another tool) still shows. Known: the built-in rules
// (static and runtime) and the matrix's own rules, bundled and the repository's.

import { didYouMean } from '../../matrix/schema-validate.js';
import type { Matrix } from '../../matrix/types.js';
import type { Finding, ParsedFile, RuleInfo } from '../../model.js';

export const RULE: RuleInfo = {
  id: 'unknown-rule-id',
  severity: 'warning',
  summary: 'an ignore comment or a matrix ignore entry names a rule id compat-guard does not know: it silences nothing',
};

const EVERY_RULE = '*';

/** One finding per unknown id, at the comment's line or the matrix entry's. */
export function checkUnknownRuleIds(files: readonly ParsedFile[], matrix: Matrix, builtIn: readonly RuleInfo[]): Finding[] {
  const known = new Set([EVERY_RULE, ...builtIn.map((rule) => rule.id), ...matrix.rules.map((rule) => rule.id)]);
  const findings: Finding[] = [];
  for (const file of files) {
    for (const { line, rules } of file.suppressions) {
      for (const rule of rules) {
        if (!known.has(rule)) findings.push(unknown(rule, `ignore[${rule}]`, file.path, line, known));
      }
    }
  }
  for (const entry of matrix.ignore) {
    // Entries of the bundled matrix are this version's own; only a file's entry has a place to point at.
    if (!known.has(entry.rule) && entry.at)
      findings.push(unknown(entry.rule, `ignore: rule: ${entry.rule}`, entry.at.file, entry.at.line, known));
  }
  return findings;
}

function unknown(rule: string, written: string, file: string, line: number, known: ReadonlySet<string>): Finding {
  const suggestion = didYouMean(
    rule,
    [...known].filter((id) => id !== EVERY_RULE),
  );
  return {
    rule: RULE.id,
    severity: RULE.severity,
    message:
      `${written} names no rule compat-guard knows${suggestion ? ` (did you mean ${suggestion}?)` : ''}, so it silences nothing. ` +
      'Rule ids are listed in docs/rules.md; a rule of the matrix file counts by its id.',
    file,
    line,
    column: null,
    endLine: line,
    endColumn: null,
    package: null,
    fix: suggestion,
  };
}
