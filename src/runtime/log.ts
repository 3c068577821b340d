// The two places the runtime check's progress goes: plain lines for the CLI (stderr: stdout is the
// report), and the Actions log, where each phase is a collapsible group. Lines quote docker and the
// probe, which run the image under check: they are made printable, and in the Actions log each one
// starts with "| " so that nothing the image prints can start a workflow command (`::add-mask::`...).

import { printable } from '../report/finding-counts.js';
import type { RuntimeLog } from './probe-run.js';

/** Progress as plain lines: a group's title, then its lines indented. */
export function plainLog(write: (line: string) => void): RuntimeLog {
  return {
    line: (text) => write(`  ${printable(text)}`),
    startGroup: (title) => write(printable(title)),
    endGroup: () => undefined,
  };
}

/** What groupedLog needs of @actions/core, so that this module does not load it. */
export interface GroupingLog {
  info(message: string): void;
  startGroup(name: string): void;
  endGroup(): void;
}

/** Progress in the Actions log: each phase a collapsible group (core.startGroup), each line behind "| ". */
export function groupedLog(core: GroupingLog): RuntimeLog {
  return {
    line: (text) => core.info(`| ${printable(text)}`),
    startGroup: (title) => core.startGroup(`compat-guard ${printable(title)}`),
    endGroup: () => core.endGroup(),
  };
}
