import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { CheckResult } from '../src/engine-types.js';
import type { Finding } from '../src/model.js';
import { buildSummary, SUMMARY_MAX_BYTES, type SummaryOptions } from '../src/report/summary.js';

const loadResult = (): CheckResult =>
  JSON.parse(readFileSync(new URL('../../__tests__/fixtures/github/check-result.json', import.meta.url), 'utf8')) as CheckResult;

const SHA = '6dcb09b5b57875f334f61aebed695e2e4193db5e';
const PR: SummaryOptions = {
  scope: 'pull request #7: findings on lines it adds or changes (annotate: added)',
  failOn: 'error',
  annotations: null,
  repoUrl: 'https://github.com/octo/ml-stack',
  sha: SHA,
  reportFile: '/tmp/runner/compat-guard.json',
};

/** The fixture with the first three findings in the change and the rest pre-existing. */
function pullRequestResult(): CheckResult {
  const result = loadResult();
  result.findings = result.findings.map((finding, index) => ({ ...finding, inDiff: index < 3 || finding.file === null }));
  return result;
}

test('the verdict, the profile and why, the scope and the counts come first', () => {
  const summary = buildSummary(pullRequestResult(), PR);
  const lines = summary.split('\n');
  assert.equal(lines[0], '## ❌ compat-guard: 2 findings at or above `error` in this change');
  assert.ok(lines.includes('**Profile:** `callytics-cu121`: pins 11 of 13 packages of the profile.'));
  assert.ok(lines.some((line) => line.startsWith('**Scope:** pull request #7: findings on lines it adds or changes (annotate: added).')));
  assert.ok(lines.includes('| in this change | 2 | 1 | 1 |'));
  assert.ok(lines.includes('| pre-existing | 2 | 0 | 0 |'));
});

test('findings in the change are a table linked to the head commit; pre-existing ones are folded', () => {
  const summary = buildSummary(pullRequestResult(), PR);
  const [inChange, folded] = summary.split('<details>');
  assert.ok(inChange && folded);
  // Four columns: the fix goes under the message, so that the table fits GitHub's summary pane.
  assert.match(inChange, /### Findings in this change\n\n\| Severity \| Location \| Rule \| Message \|\n/);
  assert.ok(
    inChange.includes(
      `| 🔴 error | [requirements.txt:12](https://github.com/octo/ml-stack/blob/${SHA}/requirements.txt#L12) | [pin-outside-profile](`,
    ),
  );
  assert.ok(inChange.includes(`[requirements.txt:14](https://github.com/octo/ml-stack/blob/${SHA}/requirements.txt#L14-L15)`));
  assert.ok(inChange.includes('removed in 1.24<br>**Fix:** <code>numpy==1.23.5</code> |'));
  // Errors first, then by location; rule links point at the docs of the version that ran.
  const severities = inChange.split('\n').flatMap((line) => /^\| \S+ (error|warning|notice) \|/.exec(line)?.slice(1) ?? []);
  assert.deepEqual(
    severities,
    [...severities].sort((a, b) => ['error', 'warning', 'notice'].indexOf(a) - ['error', 'warning', 'notice'].indexOf(b)),
  );
  assert.ok(inChange.includes('(https://github.com/compat-guard/compat-guard/blob/v1.0.0/docs/rules.md#pin-outside-profile)'));
  assert.match(summary, /upload it as an artifact: `uses: actions\/upload-artifact@v4`/);
  assert.ok(inChange.includes('| 🔵 notice | (no file) |'));
  assert.match(folded, /^<summary>2 pre-existing findings \(outside this change\)<\/summary>\n\n\| Severity/);
  assert.ok(folded.includes('requirements.txt:20'));
  assert.ok(folded.includes('[nemo-numpy]'));
  assert.ok(folded.includes('</details>'));
});

test('outside a pull request every finding is listed once, with no pre-existing part', () => {
  const summary = buildSummary(loadResult(), { ...PR, scope: null, failOn: 'never' });
  assert.match(summary, /^## ℹ️ compat-guard: 6 findings \(fail-on: never\)\n/);
  assert.ok(summary.includes('| findings | 4 | 1 | 1 |'));
  assert.ok(summary.includes('### Findings\n'));
  assert.equal(summary.includes('<details>'), false);
  assert.equal(summary.includes('**Scope:**'), false);
});

test('where the annotations went, and how many GitHub could not show', () => {
  const viaCommands = buildSummary(pullRequestResult(), {
    ...PR,
    annotations: { via: 'workflow-commands', shown: 12, notShown: 5, reason: 'the token may not create check runs' },
  });
  assert.match(
    viaCommands,
    /17 annotations as workflow commands, since no check run could be created \(the token may not create check runs\)\./,
  );
  assert.match(viaCommands, /\*\*5 could not be shown\*\*/);
  const viaCheckRun = buildSummary(pullRequestResult(), {
    ...PR,
    annotations: { via: 'check-run', shown: 3, notShown: 0, url: 'https://github.com/octo/ml-stack/runs/4' },
  });
  assert.match(viaCheckRun, /3 annotations through \[the compat-guard check run\]\(https:\/\/github\.com\/octo\/ml-stack\/runs\/4\)\./);

  // A check run that took the first batch, then refused the next: not "no check run could be created".
  const partly = buildSummary(pullRequestResult(), {
    ...PR,
    annotations: {
      via: 'workflow-commands',
      shown: 60,
      notShown: 10,
      url: 'https://github.com/octo/ml-stack/runs/4',
      inCheckRun: 50,
      reason: 'PATCH /repos/octo/ml-stack/check-runs/4: 422 Validation Failed',
    },
  });
  assert.match(
    partly,
    /50 annotations through \[the compat-guard check run\]\(https:\/\/github\.com\/octo\/ml-stack\/runs\/4\), then 20 as workflow commands, since updating the check run failed \(PATCH \/repos\/octo\/ml-stack\/check-runs\/4: 422 Validation Failed\)\. GitHub shows at most 10 annotations of each severity per step: \*\*10 could not be shown\*\*/,
  );
  assert.doesNotMatch(partly, /no check run could be created/);
});

test('the runtime check and notes get their own sections', () => {
  const summary = buildSummary(pullRequestResult(), {
    ...PR,
    notes: ['The changed lines of big.txt come from git (GitHub sent no patch).'],
  });
  assert.match(summary, /### Runtime check\n\nRan on python3: Python 3\.10\.12, torch 2\.1\.0\+cu121 \(CUDA 12\.1\), no GPU\./);
  assert.match(summary, /### Notes\n\n- The changed lines of big\.txt come from git \(GitHub sent no patch\)\./);
});

test('repository text is escaped: it cannot break the table, open a link or inject HTML', () => {
  const result = loadResult();
  const hostile: Finding = {
    ...(result.findings[1] as Finding),
    file: 'a|b/(x).txt',
    message: 'pipe | then <script>alert(1)</script> and [a link](https://evil.example) *bold*\nnext line',
    fix: 'x|y`z',
    inDiff: true,
  };
  result.findings = [hostile];
  const summary = buildSummary(result, PR);
  const row = summary.split('\n').find((line) => line.startsWith('| 🔴 error'));
  assert.ok(row);
  // Cells are split only at unescaped pipes: four cells.
  assert.equal(row.split(/(?<!\\)\|/).length - 2, 4);
  assert.equal(row.includes('<script>'), false);
  assert.ok(row.includes('&lt;script&gt;'));
  assert.ok(row.includes('\\[a link\\](https://evil.example)'));
  assert.ok(row.includes('\\*bold\\*'));
  assert.ok(row.includes(`/blob/${SHA}/a%7Cb/%28x%29.txt#L12`));
  assert.ok(row.includes('<code>x\\|y\\`z</code>'));
});

test('a Dockerfile message that quotes $VARIABLES cannot open math, and control characters show as escapes', () => {
  const result = loadResult();
  const quoting: Finding = {
    ...(result.findings[1] as Finding),
    message: 'pip install torch==$TORCH numpy==$NUMPY\u001b[31m: unresolved\r\n| x |',
    fix: null,
    inDiff: true,
  };
  result.findings = [quoting];
  const row = buildSummary(result, PR)
    .split('\n')
    .find((line) => line.startsWith('| 🔴 error'));
  assert.ok(row);
  assert.ok(row.includes(' | pip install torch==\\$TORCH numpy==\\$NUMPY\\\\x1b\\[31m: unresolved\\\\r\\\\n\\| x \\| |'), row);
  assert.equal(row.split(/(?<!\\)\|/).length - 2, 4);
});

test('a huge result stays under the byte limit and says how many findings it left out', () => {
  const result = loadResult();
  const base = { ...(result.findings[1] as Finding), message: 'm'.repeat(900) };
  result.findings = Array.from({ length: 3000 }, (_, index) => ({ ...base, line: index + 1, endLine: index + 1, inDiff: index % 2 === 0 }));
  const summary = buildSummary(result, { ...PR, maxBytes: 200_000 });
  assert.ok(Buffer.byteLength(summary) < 200_000);
  const omitted =
    /_(\d+) more findings not shown here: the job summary must stay under 1 MiB\. The JSON report \(`\/tmp\/runner\/compat-guard\.json`\) has every finding\._/.exec(
      summary,
    );
  assert.ok(omitted);
  const rows = summary.split('\n').filter((line) => line.startsWith('| 🔴 error')).length;
  assert.equal(rows + Number(omitted[1]), 3000);
  // The in-change table fills first.
  assert.ok(summary.includes('| in this change | 1500 | 0 | 0 |'));

  const many = { ...result, findings: Array.from({ length: 20_000 }, (_, index) => ({ ...base, line: index + 1, endLine: index + 1 })) };
  assert.ok(Buffer.byteLength(buildSummary(many, PR)) < SUMMARY_MAX_BYTES);
});
