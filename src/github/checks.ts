// Annotations: through one check run per job when the token may write checks (created, then filled
// with PATCHes of at most 50 annotations, then completed with the conclusion; created on every run,
// a passing one too, so that branch protection can require it by name), otherwise (a fork's
// read-only token, a 403, no token) as workflow commands on stdout, of which GitHub shows at most 10
// per severity per step. Failing to annotate never fails the step; the summary says what was shown.

import type { Finding, Severity } from '../model.js';
import { annotationMessage, clip, printable, type Anchor } from '../report/finding-counts.js';
import type { AnnotationsShown } from '../report/summary.js';
import { annotationCommand } from '../report/workflow-commands.js';
import { GitHubApiError, type GitHubClient } from './http.js';

/** The Checks API takes at most 50 annotations per request. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** GitHub shows at most this many workflow-command annotations of each severity in one step. */
const WORKFLOW_ANNOTATIONS_SHOWN = 10;
/** The Checks API's limits: 255 characters of title, 64 KB of message and details, 65,535 of summary. */
const MAX_TITLE = 255;
const MAX_MESSAGE_CHARS = 16_000;
const MAX_SUMMARY_CHARS = 65_000;

export interface Annotation {
  finding: Finding;
  anchor: Anchor;
}

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'failure' | 'warning' | 'notice';
  title: string;
  message: string;
  raw_details?: string;
}

/**
 * `failure` when a finding reaches fail-on; `neutral` (passing, as branch protection counts it) for
 * findings below it; `success` when the change has none.
 */
export type CheckConclusion = 'failure' | 'neutral' | 'success';

export interface CheckRunRequest {
  /** The check-name input. */
  name: string;
  owner: string;
  repo: string;
  headSha: string;
  conclusion: CheckConclusion;
  /** One line, e.g. "2 errors in this change". */
  title: string;
  /** Markdown; clipped to what the API takes. */
  summary: string;
  /** The workflow run's page. */
  detailsUrl?: string | null;
}

const LEVEL: Record<Severity, CheckAnnotation['annotation_level']> = { error: 'failure', warning: 'warning', notice: 'notice' };

export function toCheckAnnotation({ finding, anchor }: Annotation): CheckAnnotation {
  const start = anchor.line ?? 1;
  const end = Math.max(start, anchor.endLine ?? start);
  const annotation: CheckAnnotation = {
    path: anchor.file,
    start_line: start,
    end_line: end,
    annotation_level: LEVEL[finding.severity],
    title: clip(printable(finding.rule), MAX_TITLE),
    message: clip(annotationMessage(finding, anchor), MAX_MESSAGE_CHARS),
  };
  // The API takes columns only on a single line.
  if (start === end && anchor.line !== null && anchor.column !== null) {
    annotation.start_column = anchor.column;
    annotation.end_column = Math.max(anchor.column, anchor.endColumn ?? anchor.column);
  }
  const details = detailsText(finding);
  if (details) annotation.raw_details = clip(details, MAX_MESSAGE_CHARS);
  return annotation;
}

/**
 * Annotates through a check run, or through workflow commands (written with `write`) when no check run
 * can be created. Never throws.
 */
export async function publishAnnotations(
  client: GitHubClient,
  annotations: readonly Annotation[],
  run: CheckRunRequest,
  write: (line: string) => void,
): Promise<AnnotationsShown> {
  const repoPath = `/repos/${encodeURIComponent(run.owner)}/${encodeURIComponent(run.repo)}/check-runs`;
  const output = { title: clip(run.title, MAX_TITLE), summary: clip(run.summary, MAX_SUMMARY_CHARS) };

  let created: { id: number; url: string | null };
  try {
    const response = await client.request<{ id?: unknown; html_url?: unknown }>('POST', repoPath, {
      name: run.name,
      head_sha: run.headSha,
      status: 'in_progress',
      ...(run.detailsUrl ? { details_url: run.detailsUrl } : {}),
      output,
    });
    if (typeof response.data?.id !== 'number') throw new GitHubApiError(response.status, 'the created check run has no id');
    created = { id: response.data.id, url: typeof response.data.html_url === 'string' ? response.data.html_url : null };
  } catch (error) {
    return { via: 'workflow-commands', ...writeWorkflowCommands(annotations, write), reason: cannotCreate(error) };
  }

  const complete = (): Promise<unknown> =>
    client.request('PATCH', `${repoPath}/${created.id}`, {
      status: 'completed',
      conclusion: run.conclusion,
      completed_at: new Date().toISOString(),
      output,
    });
  const allShown: AnnotationsShown = { via: 'check-run', shown: annotations.length, notShown: 0, url: created.url, name: run.name };
  let posted = 0;
  try {
    while (posted < annotations.length) {
      const batch = annotations.slice(posted, posted + ANNOTATIONS_PER_REQUEST);
      await client.request('PATCH', `${repoPath}/${created.id}`, { output: { ...output, annotations: batch.map(toCheckAnnotation) } });
      posted += batch.length;
    }
    await complete();
    return allShown;
  } catch (error) {
    // The check run took `posted` annotations; the rest go out as workflow commands. It is completed
    // all the same, as far as GitHub lets it be: one left in progress shows as pending on the pull
    // request until GitHub gives up on it, days later.
    const completed = await complete().then(
      () => true,
      () => false,
    );
    // Only completing it failed, and the second try did it: nothing is missing.
    if (completed && posted === annotations.length) return allShown;
    const rest = writeWorkflowCommands(annotations.slice(posted), write);
    return {
      via: 'workflow-commands',
      shown: posted + rest.shown,
      notShown: rest.notShown,
      url: created.url,
      name: run.name,
      reason: (error as Error).message,
      inCheckRun: posted,
    };
  }
}

/** Writes one command per annotation; GitHub shows the first 10 of each severity. */
export function writeWorkflowCommands(
  annotations: readonly Annotation[],
  write: (line: string) => void,
): { shown: number; notShown: number } {
  const perSeverity: Record<Severity, number> = { error: 0, warning: 0, notice: 0 };
  for (const { finding, anchor } of annotations) {
    write(annotationCommand(finding, anchor));
    perSeverity[finding.severity]++;
  }
  const shown = Object.values(perSeverity).reduce((sum, count) => sum + Math.min(count, WORKFLOW_ANNOTATIONS_SHOWN), 0);
  return { shown, notShown: annotations.length - shown };
}

function cannotCreate(error: unknown): string {
  const message = (error as Error).message;
  if (error instanceof GitHubApiError && (error.status === 403 || error.status === 404)) {
    return `the token may not create check runs (${message}); a fork's pull request gets a read-only token`;
  }
  return `creating the check run failed: ${message}`;
}

/** Expected, actual, related locations and the source, a line each, each line printable. */
function detailsText(finding: Finding): string {
  const lines: string[] = [];
  if (finding.expected) lines.push(`expected: ${finding.expected}`);
  if (finding.actual) lines.push(`actual: ${finding.actual}`);
  for (const related of finding.related ?? []) {
    lines.push(`related: ${related.file}:${related.line}${related.message ? ` (${related.message})` : ''}`);
  }
  if (finding.source) lines.push(`source: ${finding.source}`);
  return lines.map(printable).join('\n');
}
