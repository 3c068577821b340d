// The action: read the inputs, check the workspace, work out which findings the pull request brings
// (the diff filter), annotate them, write the job summary, the JSON report and SARIF, set the outputs,
// and fail the step when a finding in the change is at or above `fail-on`. Any unexpected error ends
// in one line through core.setFailed, never a stack trace; the token is masked and never printed.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as core from '@actions/core';
import { RULES } from './check/index.js';
import { runCheck } from './engine.js';
import type { CheckResult } from './engine-types.js';
import { publishAnnotations, type Annotation, type CheckConclusion } from './github/checks.js';
import { readEvent, type ActionEvent } from './github/event.js';
import { describeScope, scopeFindings, type DiffIndex } from './github/filter.js';
import { GitHubClient } from './github/http.js';
import { readInputs, type ActionInputs } from './github/inputs.js';
import { readPullRequestDiff } from './github/pr-diff.js';
import { failingFindings } from './report/fail.js';
import { countBySeverity, countsText, isInScope, oneLine, plural } from './report/findings.js';
import { toJsonReport } from './report/json.js';
import { toSarif } from './report/sarif.js';
import { buildSummary, type AnnotationsShown } from './report/summary.js';
import { formatText } from './report/text.js';
import { RUNTIME_RULES } from './runtime/rules.js';

/** The check run's summary must stay under the API's 65,535 characters. */
const CHECK_RUN_SUMMARY_BYTES = 60_000;

export async function run(): Promise<void> {
  try {
    await runAction(process.env);
  } catch (error) {
    core.setFailed(`compat-guard: ${oneLine(error instanceof Error ? error.message : String(error))}`);
  }
}

async function runAction(env: NodeJS.ProcessEnv): Promise<void> {
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const read = readInputs((name) => core.getInput(name), { cwd: workspace, runnerTemp: env.RUNNER_TEMP || os.tmpdir() });
  if (!read.ok) {
    core.setFailed(read.error);
    return;
  }
  const inputs = read.inputs;
  if (inputs.token) core.setSecret(inputs.token);
  const { event, note: eventNote } = readEvent(env);
  const notes = eventNote ? [eventNote] : [];

  const checked = await runCheck({
    root: workspace,
    paths: inputs.paths,
    matrixFile: inputs.matrixFile,
    profile: inputs.profile,
    runtime: inputs.runtimeCheck
      ? {
          python: inputs.python,
          image: inputs.runtimeImage ?? null,
          requireGpu: inputs.requireGpu,
          allowUntrusted: inputs.allowUntrusted,
          isForkPr: event.kind === 'pull_request' && event.fork,
        }
      : null,
  });
  if (!checked.ok) {
    core.setFailed(`compat-guard: ${oneLine(checked.error)}`);
    return;
  }

  const client = inputs.token
    ? new GitHubClient({ apiUrl: env.GITHUB_API_URL || 'https://api.github.com', token: inputs.token, log: (line) => core.info(line) })
    : null;
  const change = await changedLines(event, checked.result, client, workspace, notes);
  const scoped = scopeFindings(checked.result.findings, change?.diff ?? null, inputs.annotate);
  const result: CheckResult = { ...checked.result, findings: scoped.map((entry) => entry.finding) };
  const failing = failingFindings(result.findings, inputs.failOn);
  const scope = change ? describeScope(change.number, inputs.annotate) : null;

  logReport(result);

  const target = commitOf(event);
  const repoUrl = target ? `${env.GITHUB_SERVER_URL || 'https://github.com'}/${target.owner}/${target.repo}` : null;
  const summaryOptions = { scope, failOn: inputs.failOn, repoUrl, sha: target?.sha ?? null, notes, reportFile: inputs.reportFile };

  const annotations: Annotation[] =
    inputs.annotate === 'none' ? [] : scoped.flatMap(({ finding, anchor }) => (anchor ? [{ finding, anchor }] : []));
  let shown: AnnotationsShown | null = null;
  if (annotations.length > 0) {
    const inScope = countBySeverity(result.findings.filter(isInScope));
    shown = await publishAnnotations(
      target ? client : null,
      annotations,
      {
        owner: target?.owner ?? '',
        repo: target?.repo ?? '',
        headSha: target?.sha ?? '',
        conclusion: conclusionOf(failing.length, annotations.length),
        title: `${countsText(inScope)}${scope ? ' in this change' : ''}`,
        summary: buildSummary(result, { ...summaryOptions, annotations: null, maxBytes: CHECK_RUN_SUMMARY_BYTES }),
        detailsUrl: repoUrl && env.GITHUB_RUN_ID ? `${repoUrl}/actions/runs/${env.GITHUB_RUN_ID}` : null,
      },
      (line) => process.stdout.write(`${line}${os.EOL}`),
    );
    if (shown.via === 'workflow-commands') core.info(`Annotations as workflow commands: ${shown.reason ?? ''}`);
  }

  writeJson(inputs.reportFile, toJsonReport(result));
  if (inputs.sarifFile) writeJson(inputs.sarifFile, toSarif(result, [...RULES, ...RUNTIME_RULES]));
  await writeJobSummary(buildSummary(result, { ...summaryOptions, annotations: shown }));
  setOutputs(result, inputs);

  if (failing.length > 0) {
    core.setFailed(
      `compat-guard: ${plural(failing.length, 'finding')}${scope ? ' in this change' : ''} at or above fail-on ${inputs.failOn} (${countsText(countBySeverity(failing))}); see the job summary.`,
    );
  }
}

/** The pull request's changed lines; null outside a pull request, or when they cannot be read (a note says so). */
async function changedLines(
  event: ActionEvent,
  result: CheckResult,
  client: GitHubClient | null,
  workspace: string,
  notes: string[],
): Promise<{ number: number; diff: DiffIndex } | null> {
  if (event.kind !== 'pull_request') return null;
  const read = new Set(result.files.map((file) => file.path));
  const diff = await readPullRequestDiff(event.pr, { client, workspace, relevant: (file) => read.has(file) });
  if (!diff.ok) {
    notes.push(`Could not read the pull request's changed lines (${diff.reason}): every finding is in scope.`);
    return null;
  }
  notes.push(...diff.notes);
  return { number: event.pr.number, diff: diff.diff };
}

/** The repository and commit annotations and links belong to: the PR head, or the pushed commit. */
function commitOf(event: ActionEvent): { owner: string; repo: string; sha: string } | null {
  if (event.kind === 'pull_request') return { owner: event.pr.owner, repo: event.pr.repo, sha: event.pr.headSha };
  return event.repository && event.sha ? { ...event.repository, sha: event.sha } : null;
}

function conclusionOf(failing: number, annotated: number): CheckConclusion {
  return failing > 0 ? 'failure' : annotated > 0 ? 'neutral' : 'success';
}

/**
 * The readable report in the log. Paths and messages come from the repository, so workflow commands
 * are switched off around it: a file named `::add-mask::x` must stay text.
 */
function logReport(result: CheckResult): void {
  const fence = `compat-guard-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  core.info(`::stop-commands::${fence}`);
  core.info(formatText(result, { color: true }).trimEnd());
  core.info(`::${fence}::`);
}

function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

async function writeJobSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  try {
    await core.summary.addRaw(markdown, true).write();
  } catch (error) {
    core.warning(`Could not write the job summary: ${oneLine((error as Error).message)}`);
  }
}

function setOutputs(result: CheckResult, inputs: ActionInputs): void {
  const counts = countBySeverity(result.findings);
  core.setOutput('errors', counts.error);
  core.setOutput('warnings', counts.warning);
  core.setOutput('notices', counts.notice);
  core.setOutput('findings', result.findings.length);
  core.setOutput('profile', result.profile?.name ?? '');
  core.setOutput('report', inputs.reportFile);
  if (inputs.sarifFile) core.setOutput('sarif', inputs.sarifFile);
}
