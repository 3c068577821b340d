// parse-error: a line pip, Docker or TOML would reject, or a file that could not be read. The readers
// under src/parse/ find these as diagnostics; src/engine.ts turns each into a finding, with the
// severity the reader gave it.

import type { RuleInfo } from '../../model.js';

export const RULE: RuleInfo = {
  id: 'parse-error',
  severity: 'error',
  summary: 'a line pip, Docker or TOML would reject, or a file that could not be read (severity as the reader says)',
};
