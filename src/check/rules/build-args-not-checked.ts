// build-args-not-checked: build arguments found for a Dockerfile that were not checked, past the
// variant limit (src/check/variants.ts) or in a build definition that could not be read
// (src/build-variants.ts, which reads them).

import type { Finding, RuleInfo } from '../../model.js';

export const RULE: RuleInfo = {
  id: 'build-args-not-checked',
  severity: 'notice',
  summary:
    'build arguments found for a Dockerfile that were not checked (past the variant limit, or in a build definition that could not be read)',
};

/** The notice, on a line of the Dockerfile or of the build definition. */
export function notCheckedFinding(file: string, line: number, message: string): Finding {
  return {
    rule: RULE.id,
    severity: RULE.severity,
    message,
    file,
    line,
    column: null,
    endLine: line,
    endColumn: null,
    package: null,
  };
}
