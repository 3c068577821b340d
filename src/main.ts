// The action: read the inputs, check the workspace, work out which findings the pull request brings
// (the diff filter), annotate them, write the job summary, the JSON report and SARIF, set the outputs,
// and fail the step when a finding in the change is at or above `fail-on`. Any unexpected error ends
// in one line through core.setFailed, never a stack trace; the token is masked and never printed.

import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as core from '@actions/core';
import { runCheck } from './engine.js';
import { defaultCacheDir } from './index/options.js';
import { urlCredentials } from './index/url.js';
import type { CheckResult } from './engine-types.js';
import { commentNote, MAX_COMMENT_CHARS, updatePullRequestComment } from './github/comment.js';
import { publishAnnotations, writeWorkflowCommands, type Annotation, type CheckRunRequest } from './github/checks.js';
import { readEvent, type ActionEvent } from './github/event.js';
import { describeScope, scopeFindings, type DiffIndex } from './github/filter.js';
import { GitHubClient } from './github/http.js';
import { readInputs, type ActionInputs } from './github/inputs.js';
import { readPullRequestDiff } from './github/pr-diff.js';
import { failingFindings } from './report/fail.js';
import { countBySeverity, countsText, isInScope, plural, printable, quotedValue } from './report/finding-counts.js';
import { toJsonReport } from './report/json.js';
import { toSarif } from './report/sarif.js';
import { buildSummary, type AnnotationsShown } from './report/summary.js';
import { groupedLog } from './runtime/log.js';
import { formatText } from './report/text.js';

const DEFAULT_API_URL = 'https://api.github.com';
/** The check run's summary must stay under the API's 65,535 characters. */
const CHECK_RUN_SUMMARY_BYTES = 60_000;

export async function run(): Promise<void> {
  try {
    await runAction(process.env);
  } catch (error) {
    core.setFailed(`compat-guard: ${printable(error instanceof Error ? error.message : String(error))}`);
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
  // A private index's credentials may come in a URL: masked in the log like the token.
  for (const url of [inputs.indexUrl ?? '', ...inputs.extraIndexUrls]) {
    const credential = urlCredentials(url);
    if (credential?.password) core.setSecret(credential.password);
  }
  const apiUrl = env.GITHUB_API_URL || DEFAULT_API_URL;
  // Failing here, before the check, beats a bare "Invalid URL" after it (or annotations lost without a word).
  if (inputs.token && !URL.canParse(apiUrl)) {
    core.setFailed(
      `compat-guard: GITHUB_API_URL is not a URL (${quotedValue(apiUrl, 200)}): it names the REST API, ${DEFAULT_API_URL} or https://HOST/api/v3 on GitHub Enterprise Server; the runner sets it, so look for a workflow env that overrides it.`,
    );
    return;
  }
  const { event, note: eventNote } = readEvent(env);
  const notes = eventNote ? [eventNote] : [];

  const checked = await runCheck({
    root: workspace,
    paths: inputs.paths,
    matrixFile: inputs.matrixFile,
    profile: inputs.profile,
    profileNamedBy: 'the profile input',
    ...(inputs.driver ? { driver: inputs.driver, driverNamedBy: 'the driver input' } : {}),
    runtime: inputs.runtimeCheck
      ? {
          python: inputs.python,
          image: inputs.runtimeImage ?? null,
          requireGpu: inputs.requireGpu,
          allowUntrusted: inputs.allowUntrusted,
          untrusted: event.untrusted,
          log: groupedLog(core),
        }
      : null,
    recordProfile: inputs.recordProfile,
    index: {
      mode: inputs.index,
      indexUrl: inputs.indexUrl ?? null,
      extraIndexUrls: inputs.extraIndexUrls,
      // Under the tool cache, which a workflow can restore and save with actions/cache (docs/index.md).
      cacheDir: inputs.cacheDir ?? (env.RUNNER_TOOL_CACHE ? path.join(env.RUNNER_TOOL_CACHE, 'compat-guard') : defaultCacheDir(env)),
      untrusted: event.untrusted,
      allowUntrusted: inputs.allowUntrusted,
    },
    resolve: inputs.resolve ? {} : null,
  });
  if (!checked.ok) {
    core.setFailed(`compat-guard: ${printable(checked.error)}`);
    return;
  }
  logDebug(event, inputs, checked.result);

  const client = inputs.token ? new GitHubClient({ apiUrl, token: inputs.token, log: (line) => core.info(line) }) : null;
  const change = await changedLines(event, checked.result, client, workspace, notes);
  const scoped = scopeFindings(checked.result.findings, change?.diff ?? null, inputs.annotate);
  const result: CheckResult = { ...checked.result, findings: scoped.map((entry) => entry.finding) };
  const failing = failingFindings(result.findings, inputs.failOn);
  const scope = change ? describeScope(change.number, inputs.annotate) : null;

  logReport(result);
  // The index checks' notices (skipped, not verified): workflow notices, never findings.
  for (const notice of result.index?.notices ?? []) core.notice(`compat-guard: ${printable(notice)}`);

  const target = commitOf(event);
  const repoUrl = target ? `${env.GITHUB_SERVER_URL || 'https://github.com'}/${target.owner}/${target.repo}` : null;
  const runUrl = repoUrl && env.GITHUB_RUN_ID ? `${repoUrl}/actions/runs/${env.GITHUB_RUN_ID}` : null;
  const summaryOptions = { scope, failOn: inputs.failOn, repoUrl, sha: target?.sha ?? null, notes, reportFile: inputs.reportFile };

  const annotations: Annotation[] =
    inputs.annotate === 'none' ? [] : scoped.flatMap(({ finding, anchor }) => (anchor ? [{ finding, anchor }] : []));
  // With a token and a commit, the check run exists on every run, a passing one too: branch protection
  // can then require it by name. Without them, only annotations (as workflow commands) go out.
  const shown =
    annotations.length === 0 && !(client && target)
      ? null
      : await annotate(annotations, client, target, notes, {
          name: inputs.checkName,
          conclusion: failing.length > 0 ? 'failure' : result.findings.some(isInScope) ? 'neutral' : 'success',
          title: `${countsText(countBySeverity(result.findings.filter(isInScope)))}${scope ? ' in this change' : ''}`,
          summary: buildSummary(result, { ...summaryOptions, annotations: null, maxBytes: CHECK_RUN_SUMMARY_BYTES }),
          detailsUrl: runUrl,
        });

  if (client && event.kind === 'pull_request' && inputs.comment !== 'never') {
    const outcome = await updatePullRequestComment(client, {
      owner: event.pr.owner,
      repo: event.pr.repo,
      number: event.pr.number,
      checkName: inputs.checkName,
      mode: inputs.comment,
      failing: failing.length > 0,
      // The runner's file paths mean nothing on the pull request: the comment links the run instead.
      body: `${buildSummary(result, { ...summaryOptions, reportFile: null, annotations: shown, maxBytes: MAX_COMMENT_CHARS - 200 })}${runUrl ? `\n[The workflow run](${runUrl}) has the full job summary.\n` : ''}`,
      sha: event.pr.headSha,
    });
    const note = commentNote(outcome);
    if (outcome.action === 'failed' && note) {
      // Soft: a token that may not comment does not fail the check.
      core.warning(`compat-guard: ${printable(note)}`);
      notes.push(note);
    } else if (note) {
      core.info(`compat-guard: ${printable(note)}`);
    }
  }

  writeOutputFile('report-file', inputs.reportFile, `${JSON.stringify(toJsonReport(result), null, 2)}\n`);
  if (inputs.sarifFile) writeOutputFile('sarif-file', inputs.sarifFile, `${JSON.stringify(toSarif(result), null, 2)}\n`);
  await writeJobSummary(env, buildSummary(result, { ...summaryOptions, annotations: shown }));
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

/** Through a check run when there is a token and a commit to attach it to, else workflow commands on stdout. */
async function annotate(
  annotations: readonly Annotation[],
  client: GitHubClient | null,
  target: { owner: string; repo: string; sha: string } | null,
  notes: string[],
  run: Pick<CheckRunRequest, 'name' | 'conclusion' | 'title' | 'summary' | 'detailsUrl'>,
): Promise<AnnotationsShown | null> {
  const write = (line: string): void => void process.stdout.write(`${line}${os.EOL}`);
  const shown =
    client && target
      ? await publishAnnotations(client, annotations, { ...run, owner: target.owner, repo: target.repo, headSha: target.sha }, write)
      : {
          via: 'workflow-commands' as const,
          ...writeWorkflowCommands(annotations, write),
          reason: client ? 'no repository and commit to attach a check run to' : 'no github-token',
        };
  if (annotations.length === 0 && shown.via === 'workflow-commands') {
    // Nothing to annotate, but a required check waits for this check run: say why it is missing.
    notes.push(
      `No ${run.name} check run was created (${shown.reason ?? 'unknown reason'}): a required check of that name gets no result from this run.`,
    );
    return null;
  }
  if (shown.via === 'workflow-commands') core.info(`Annotations went out as workflow commands: ${printable(shown.reason ?? '')}`);
  return shown;
}

/** The repository and commit annotations and links belong to: the PR head, or the pushed commit. */
function commitOf(event: ActionEvent): { owner: string; repo: string; sha: string } | null {
  if (event.kind === 'pull_request') return { owner: event.pr.owner, repo: event.pr.repo, sha: event.pr.headSha };
  return event.repository && event.sha ? { ...event.repository, sha: event.sha } : null;
}

/**
 * The readable report in the log. Paths and messages come from the repository, so workflow commands
 * are switched off around it: a file named `::add-mask::x` must stay text.
 */
function logReport(result: CheckResult): void {
  const fence = `compat-guard-${randomUUID()}`;
  core.info(`::stop-commands::${fence}`);
  core.info(formatText(result, { color: true }).trimEnd());
  core.info(`::${fence}::`);
}

/** With debug logging on (a re-run with it, or ACTIONS_STEP_DEBUG): what was read, and why this profile. */
function logDebug(event: ActionEvent, inputs: ActionInputs, result: CheckResult): void {
  if (!core.isDebug()) return;
  core.debug(
    `event ${printable(event.name)} (${event.kind === 'pull_request' ? `pull request #${event.pr.number}` : 'every finding in scope'})`,
  );
  core.debug(
    `paths: ${inputs.paths.length > 0 ? printable(inputs.paths.join(', ')) : 'discovered in the workspace'}; matrix: ${printable(inputs.matrixFile ?? 'the default')}`,
  );
  for (const file of result.files) core.debug(`read ${printable(file.path)} (${file.kind})`);
  core.debug(
    result.profile
      ? `profile ${printable(result.profile.name)}: ${printable(result.profile.reason)}`
      : 'profile: none; only the universal facts apply',
  );
}

/** Why a file cannot be written, in words, by the error's code. */
const WRITE_FAILURES: Record<string, string> = {
  EISDIR: 'it is a folder',
  ENOTDIR: 'a folder on its path is a file',
  EEXIST: 'a folder on its path is a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
};

/** Writes a file an input names; a failure names the input, the file and why, not just the system call. */
function writeOutputFile(input: 'report-file' | 'sarif-file', file: string, text: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  } catch (error) {
    const why = WRITE_FAILURES[(error as NodeJS.ErrnoException).code ?? ''] ?? (error as Error).message;
    throw new Error(`cannot write ${file} (input '${input}'): ${why}. Name a file in a folder this job can write to.`, { cause: error });
  }
}

async function writeJobSummary(env: NodeJS.ProcessEnv, markdown: string): Promise<void> {
  if (!env.GITHUB_STEP_SUMMARY) return;
  try {
    await core.summary.addRaw(markdown, true).write();
  } catch (error) {
    core.warning(`Could not write the job summary: ${printable((error as Error).message)}`);
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
  const recorded = result.recordedProfile;
  if (recorded) {
    core.setOutput('recorded-profile', recorded.file ?? '');
    core.info(
      printable(
        recorded.file === null
          ? `Profile ${recorded.name} not recorded: ${recorded.reason}.`
          : `Profile ${recorded.name} recorded in ${recorded.file}.`,
      ),
    );
  }
}
