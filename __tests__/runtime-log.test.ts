// Where the runtime check's progress goes: plain stderr lines for the CLI, groups in the Actions log.
// Lines quote docker and the image under check: they must not forge a line or a workflow command.

import assert from 'node:assert/strict';
import { it } from 'node:test';

import { groupedLog, plainLog } from '../src/runtime/log.js';

it('the CLI gets plain lines: the group title, then its lines indented, each on one printable line', () => {
  const lines: string[] = [];
  const log = plainLog((line) => lines.push(line));
  log.startGroup('runtime check: docker pull ghcr.io/acme/speech:1.4.0');
  log.line('4f1c2a: Pull complete');
  log.line('forged\nline\u001b[2J');
  log.endGroup();
  assert.deepEqual(lines, ['runtime check: docker pull ghcr.io/acme/speech:1.4.0', '  4f1c2a: Pull complete', '  forged\\nline\\x1b[2J']);
});

it('the action gets a collapsible group per phase, and no line the image prints can start a workflow command', () => {
  const calls: string[] = [];
  const log = groupedLog({
    info: (message) => calls.push(`info ${message}`),
    startGroup: (name) => calls.push(`startGroup ${name}`),
    endGroup: () => calls.push('endGroup'),
  });
  log.startGroup('runtime check: probe in docker run ghcr.io/acme/speech:1.4.0');
  log.line('::add-mask::nothing');
  log.line('3 of 3 checks done after 1 s\n::error::forged');
  log.endGroup();
  assert.deepEqual(calls, [
    'startGroup compat-guard runtime check: probe in docker run ghcr.io/acme/speech:1.4.0',
    'info | ::add-mask::nothing',
    'info | 3 of 3 checks done after 1 s\\n::error::forged',
    'endGroup',
  ]);
});
