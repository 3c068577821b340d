import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { CheckResult } from '../src/engine-types.js';
import type { Finding } from '../src/model.js';
import { annotationCommand, escapeData, escapeProperty, toWorkflowCommands, workflowCommand } from '../src/report/workflow-commands.js';

const loadResult = (): CheckResult =>
  JSON.parse(readFileSync(new URL('../../__tests__/fixtures/github/check-result.json', import.meta.url), 'utf8')) as CheckResult;

const byRule = (rule: string): Finding => loadResult().findings.find((finding) => finding.rule === rule) as Finding;

test('data escapes %, CR and LF; properties also escape : and , (as @actions/core does)', () => {
  assert.equal(escapeData('50% done\r\nnext: a, b'), '50%25 done%0D%0Anext: a, b');
  assert.equal(escapeProperty('50% done\r\nnext: a, b'), '50%25 done%0D%0Anext%3A a%2C b');
  assert.equal(escapeData('%0A'), '%250A');
});

test('an annotation names file, line, columns and the rule as title; the fix follows the message', () => {
  assert.equal(
    annotationCommand(byRule('pin-outside-profile')),
    '::error file=requirements.txt,line=12,col=1,endLine=12,endColumn=13,title=pin-outside-profile::' +
      'numpy==1.24.4 is outside profile callytics-cu121 (numpy==1.23.5): NeMo 1.17 uses NumPy aliases removed in 1.24%0AFix: numpy==1.23.5',
  );
});

test('columns are left out when the finding spans lines; file-less findings carry no location', () => {
  assert.equal(
    annotationCommand(byRule('range-wider-than-profile')).split('::')[1],
    'warning file=requirements.txt,line=14,endLine=15,title=range-wider-than-profile',
  );
  assert.equal(
    annotationCommand(byRule('gpu-not-visible')),
    '::notice title=gpu-not-visible::torch 2.1.0+cu121 is a CUDA build, but no CUDA device is visible',
  );
});

test('an anchor at a related location says where the finding was reported', () => {
  const finding = byRule('pin-outside-profile');
  const command = annotationCommand(finding, {
    file: 'Dockerfile',
    line: 9,
    column: null,
    endLine: 9,
    endColumn: null,
    reportedAt: 'requirements.txt:12:1',
  });
  assert.match(command, /^::error file=Dockerfile,line=9,endLine=9,title=pin-outside-profile::/);
  assert.ok(command.endsWith('%0AFix: numpy==1.23.5%0AReported at requirements.txt:12:1.'));
});

test('a hostile path or message cannot end the command or start another', () => {
  const finding: Finding = {
    ...byRule('pin-outside-profile'),
    file: 'evil,line=1::x\n::add-mask::y.txt',
    message: 'boom\n::set-output name=x::1\r%',
  };
  const command = annotationCommand(finding);
  assert.equal(command.split('\n').length, 1);
  assert.equal(command.includes('\r'), false);
  // The repository's line breaks are shown as escapes; the only %0A is the one before the fix, ours.
  assert.match(command, /^::error file=evil%2Cline=1%3A%3Ax\\n%3A%3Aadd-mask%3A%3Ay\.txt,line=12,/);
  assert.match(command, /::boom\\n::set-output name=x::1\\r%25%0AFix: numpy==1\.23\.5$/);
});

test('empty properties are left out', () => {
  assert.equal(workflowCommand('warning', { file: '', line: null, title: undefined }, 'plain'), '::warning::plain');
});

test('--format github writes one command per finding', () => {
  const output = toWorkflowCommands(loadResult().findings);
  const lines = output.trimEnd().split('\n');
  assert.equal(lines.length, 6);
  assert.deepEqual(
    lines.map((line) => /^::(\w+)/.exec(line)?.[1]),
    ['error', 'error', 'warning', 'error', 'error', 'notice'],
  );
});
