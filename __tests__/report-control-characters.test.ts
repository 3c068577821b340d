// A repository whose files hold terminal escape sequences and other control characters, checked for
// real: every output a person or a log viewer reads shows them as escapes (`\x1b[31m`), never writes
// them raw, and a line of output stays one line; JSON keeps them, escaped by JSON itself.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCheck } from '../src/engine.js';
import type { CheckResult } from '../src/engine-types.js';
import { toCheckAnnotation, writeWorkflowCommands } from '../src/github/checks.js';
import { ownAnchor } from '../src/report/finding-counts.js';
import { buildSummary } from '../src/report/summary.js';
import { formatText } from '../src/report/text.js';
import { toWorkflowCommands } from '../src/report/workflow-commands.js';
import { makeTree, removeTree } from './helpers/temp-tree.js';

/** What must never be written raw: controls but the newline that ends our own lines, the line separators, bidi overrides. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
/** The colours formatText paints with itself. */
const OWN_COLOURS = /\u001b\[\d+m/g;

describe('control characters from the repository', () => {
  let root = '';
  let result: CheckResult;

  before(async () => {
    root = makeTree({
      // A colour code pasted into an image tag, a terminal-title sequence (OSC ... BEL) in a -r path, a C1 CSI.
      Dockerfile:
        'FROM nvidia/cuda:11.8.0\u001b[31m-devel-ubuntu22.04\n' +
        'WORKDIR /app\n' +
        "RUN pip install --no-cache-dir -r 'requirements\u001b]0;pwned\u0007.txt'\n" +
        'RUN pip install "torch==2.1.0\u009b2J"\n',
      // An erase-line sequence after a pin, and a right-to-left override in a name.
      'requirements.txt': 'numpy==1.24.4\u001b[2K\nflask\u202e==2.0\npandas==2.0.3\n',
      // A file name that is itself a colour code.
      'requirements-\u001b[1mdev.txt': 'pytest=7.4\n',
    });
    const outcome = await runCheck({ root, env: {} });
    assert.ok(outcome.ok);
    result = outcome.result;
    // The fixture reaches every output: a message, a quoted path and a file name with control characters.
    assert.ok(result.findings.some((finding) => finding.message.includes('\u001b]0;pwned\u0007')));
    assert.ok(result.findings.some((finding) => finding.file === 'requirements-\u001b[1mdev.txt'));
  });
  after(() => removeTree(root));

  it('the text report shows them as escapes, and paints only its own colours', () => {
    const plain = formatText(result, { color: false });
    assert.doesNotMatch(plain, RAW_CONTROL);
    assert.match(plain, /^requirements-\\x1b\[1mdev\.txt$/m);
    assert.match(plain, /nvidia\/cuda:11\.8\.0\\x1b\[31m-devel-ubuntu22\.04/);
    assert.match(plain, /pip install -r requirements\\x1b\]0;pwned\\x07\.txt: not found in the build context/);
    assert.match(plain, /'torch==2\.1\.0\\x9b2J'/);
    assert.equal(formatText(result, { color: true }).replace(OWN_COLOURS, ''), plain);
  });

  it('--format github writes one printable command per finding', () => {
    const output = toWorkflowCommands(result.findings);
    assert.doesNotMatch(output, RAW_CONTROL);
    const lines = output.trimEnd().split('\n');
    assert.equal(lines.length, result.findings.length);
    assert.ok(lines.every((line) => /^::(error|warning|notice) /.test(line)));
    assert.ok(lines.some((line) => line.startsWith('::error file=requirements-\\x1b[1mdev.txt,line=1,')));
    assert.ok(lines.some((line) => line.includes('requirements\\x1b]0;pwned\\x07.txt: not found in the build context')));
  });

  it('the action: workflow-command fallback, check-run annotations and the job summary', () => {
    const annotations = result.findings.flatMap((finding) => {
      const anchor = ownAnchor(finding);
      return anchor ? [{ finding, anchor }] : [];
    });
    const written: string[] = [];
    writeWorkflowCommands(annotations, (line) => written.push(line));
    assert.equal(written.join('\n'), toWorkflowCommands(result.findings).trimEnd());

    for (const annotation of annotations.map(toCheckAnnotation)) {
      assert.doesNotMatch(`${annotation.title}\n${annotation.message}\n${annotation.raw_details ?? ''}`, RAW_CONTROL);
    }
    assert.ok(annotations.map(toCheckAnnotation).some((annotation) => annotation.message.includes("'numpy==1.24.4\\x1b[2K'")));

    const summary = buildSummary(result, { scope: null, failOn: 'error', annotations: null, repoUrl: null, sha: null });
    assert.doesNotMatch(summary, RAW_CONTROL);
    const rows = summary.split('\n').filter((line) => /^\| 🔴 error|^\| 🟡 warning|^\| 🔵 notice/.test(line));
    assert.equal(rows.length, result.findings.length);
    // Every row keeps its four cells; the backslash of an escape is itself escaped, so it shows.
    assert.ok(rows.every((row) => row.split(/(?<!\\)\|/).length - 2 === 4));
    assert.ok(rows.some((row) => row.includes('requirements-\\\\x1b\\[1mdev.txt')));
  });
});
