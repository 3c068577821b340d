// shell-redirect-in-requirement: `pip install numba>=0.57.1` in a RUN line: /bin/sh reads the
// unquoted `>` as a redirection, so pip installs any numba and the shell writes pip's output to a file
// named `=0.57.1`. Found by the RUN reader (src/parse/dockerfile-run.ts), which sees the shell's
// tokens; the bound is dropped from what is checked, as the shell drops it from what pip installs.

import type { RuleInfo } from '../../model.js';

export const RULE: RuleInfo = {
  id: 'shell-redirect-in-requirement',
  severity: 'warning',
  summary: 'an unquoted `>` or `<` in a `pip install` argument of a RUN line, which the shell reads as a redirection',
};

/**
 * The message for `written` (`numba`), whose bound `operator` + `target` (`>`, `=0.57.1`) the shell
 * took as a redirection; `fix` is the argument quoted.
 */
export function redirectMessage(written: string, operator: string, target: string, fix: string): string {
  const effect = operator.startsWith('<')
    ? `reads pip's input from a file named ${target} (the command fails where there is none)`
    : `writes pip's output to a file named ${target}`;
  return `pip install ${written}${operator}${target}: the shell reads the unquoted ${operator} as a redirection, so pip installs ${written} with no bound and the shell ${effect}. Quote the argument: ${fix}`;
}
