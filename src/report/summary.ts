// The job summary (Markdown for $GITHUB_STEP_SUMMARY): the verdict, the profile and why, the counts,
// a table of the findings in the change (errors first, then by location, each linked to its line at
// the head commit; four columns, the fix under the message, so that the table fits GitHub's summary
// pane without a sideways scroll), the pre-existing ones folded away, where the annotations went, and the runtime check. GitHub refuses a step summary
// over 1 MiB, so rows stop at a byte budget and a closing note says how many were left out; the JSON
// report always has them all. Repository text is escaped: a package name cannot open a link or break
// the table.

import type { CheckResult, RuntimeSummary } from '../engine-types.js';
import type { Finding, Severity } from '../model.js';
import { isAtOrAbove, type FailOn } from './fail.js';
import { clip, countBySeverity, isInScope, plural, printable, type SeverityCounts } from './finding-counts.js';
import { ruleHelpUri } from './rules.js';
import { indexText, runtimeText } from './text.js';

/** Where the annotations went, as the action reports it. */
export interface AnnotationsShown {
  via: 'check-run' | 'workflow-commands';
  /** Annotations GitHub shows. */
  shown: number;
  /** Annotations GitHub does not show (workflow commands: at most 10 of each severity per step). */
  notShown: number;
  /** The check run's page. */
  url?: string | null;
  /** The check run's name (the check-name input); default compat-guard. */
  name?: string;
  /** Why the check run could not be used (or not for all of them), when it could not. */
  reason?: string | null;
  /** Workflow commands after a check run that took this many, then no more; absent: no check run was created. */
  inCheckRun?: number;
}

export interface SummaryOptions {
  /**
   * The change the findings were filtered against, e.g. "pull request #12: lines it adds or changes
   * (annotate: added)"; null when every finding is in scope (push, schedule, the CLI).
   */
  scope: string | null;
  failOn: FailOn;
  /** null when nothing was annotated. */
  annotations: AnnotationsShown | null;
  /** `https://github.com/owner/repo`, for links to lines; null: no links. */
  repoUrl: string | null;
  /** The commit the links point at (the PR head). */
  sha: string | null;
  /** Things the reader should know about how the run went (e.g. the diff could not be read). */
  notes?: readonly string[];
  /** Where the JSON report was written. */
  reportFile?: string | null;
  /** Default 1,000,000 bytes: under GitHub's 1 MiB with room for GitHub's own additions. */
  maxBytes?: number;
}

export const SUMMARY_MAX_BYTES = 1_000_000;
/** Room kept for the sections after the tables and the closing note. */
const TRAILER_RESERVE = 16_384;
const MAX_CELL = 1_000;
const MAX_NOTE = 2_000;

const SEVERITY_MARK: Record<Severity, string> = { error: '🔴 error', warning: '🟡 warning', notice: '🔵 notice' };
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };
const TABLE_HEAD = '| Severity | Location | Rule | Message |\n| --- | --- | --- | --- |\n';

export function buildSummary(result: CheckResult, options: SummaryOptions): string {
  const budget = new Budget((options.maxBytes ?? SUMMARY_MAX_BYTES) - TRAILER_RESERVE);
  // The result is in location order; a stable sort by severity keeps that order within each severity.
  const bySeverity = [...result.findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  const inScope = bySeverity.filter(isInScope);
  const preExisting = bySeverity.filter((finding) => !isInScope(finding));
  const failing = inScope.filter((finding) => isAtOrAbove(finding.severity, options.failOn));
  const where = options.scope === null ? '' : ' in this change';

  const head: string[] = [verdict(inScope.length, failing.length, options.failOn, where)];
  head.push('');
  head.push(
    result.profile
      ? `**Profile:** \`${code(result.profile.name)}\`: ${text(result.profile.reason)}.`
      : '**Profile:** none; only the universal compatibility facts apply.',
  );
  if (options.scope !== null) {
    head.push(`**Scope:** ${text(options.scope)}. Findings outside it are listed as pre-existing and do not decide the result.`);
  }
  head.push(`**Checked:** ${plural(result.files.length, 'file')}.`);
  head.push('');
  head.push(countsTable(countBySeverity(inScope), options.scope === null ? null : countBySeverity(preExisting)));
  budget.take(head.join('\n'));

  const body: string[] = [];
  let omitted = 0;
  if (inScope.length > 0) {
    const table = findingsTable(inScope, options, budget);
    omitted += table.omitted;
    body.push(`### Findings${where}`, '', table.markdown);
  }
  if (preExisting.length > 0) {
    const table = findingsTable(preExisting, options, budget);
    omitted += table.omitted;
    body.push(
      `<details><summary>${plural(preExisting.length, 'pre-existing finding')} (outside this change)</summary>`,
      '',
      table.markdown,
      '</details>',
      '',
    );
  }

  const trailer: string[] = [];
  if (options.annotations) trailer.push('### Annotations', '', annotationsText(options.annotations), '');
  if (result.runtime) trailer.push('### Runtime check', '', runtimeSection(result.runtime), '');
  if (result.index)
    trailer.push(
      '### Package index',
      '',
      ...indexText(result.index)
        .split('\n')
        .map((line) => `- ${text(line.trim())}`),
      '',
    );
  const notes = options.notes ?? [];
  if (notes.length > 0) trailer.push('### Notes', '', ...notes.map((note) => `- ${text(clip(note, MAX_NOTE))}`), '');
  if (omitted > 0) {
    trailer.push(
      `_${plural(omitted, 'more finding')} not shown here: the job summary must stay under 1 MiB. ` +
        `${options.reportFile ? `The JSON report (\`${code(options.reportFile)}\`) has` : 'The JSON report has'} every finding._`,
      '',
    );
  } else if (options.reportFile) {
    trailer.push(`_JSON report: \`${code(options.reportFile)}\`_`, '');
  }
  if (options.reportFile) {
    // The runner's temporary folder is wiped after the job: only an artifact keeps the report.
    trailer.push(
      '_To keep the JSON report with the run, upload it as an artifact: `uses: actions/upload-artifact@v4` with `path: ${{ steps.<this step id>.outputs.report }}`._',
      '',
    );
  }
  return [head.join('\n'), '', ...body, ...trailer].join('\n');
}

function verdict(inScope: number, failing: number, failOn: FailOn, where: string): string {
  if (failOn === 'never') return `## ℹ️ compat-guard: ${plural(inScope, 'finding')}${where} (fail-on: never)`;
  if (failing > 0) return `## ❌ compat-guard: ${plural(failing, 'finding')} at or above \`${failOn}\`${where}`;
  return `## ✅ compat-guard: nothing at or above \`${failOn}\`${where}`;
}

function countsTable(inScope: SeverityCounts, preExisting: SeverityCounts | null): string {
  const row = (label: string, counts: SeverityCounts): string => `| ${label} | ${counts.error} | ${counts.warning} | ${counts.notice} |`;
  const rows = ['| | errors | warnings | notices |', '| --- | ---: | ---: | ---: |'];
  if (preExisting === null) {
    rows.push(row('findings', inScope));
  } else {
    rows.push(row('in this change', inScope), row('pre-existing', preExisting));
  }
  return rows.join('\n');
}

function findingsTable(findings: readonly Finding[], options: SummaryOptions, budget: Budget): { markdown: string; omitted: number } {
  const rows: string[] = [TABLE_HEAD];
  for (const [index, finding] of findings.entries()) {
    const fix = finding.fix ? `<br>**Fix:** <code>${text(clip(finding.fix, MAX_CELL))}</code>` : '';
    const row = `| ${SEVERITY_MARK[finding.severity]} | ${locationCell(finding, options)} | [${text(finding.rule)}](${ruleHelpUri(finding.rule)}) | ${text(clip(finding.message, MAX_CELL))}${fix} |\n`;
    // Rows keep their order: once one does not fit, the rest are counted, not built.
    if (!budget.take(row)) return { markdown: rows.join(''), omitted: findings.length - index };
    rows.push(row);
  }
  return { markdown: rows.join(''), omitted: 0 };
}

function locationCell(finding: Finding, options: SummaryOptions): string {
  if (finding.file === null) return '(no file)';
  const shown = text(finding.line === null ? finding.file : `${finding.file}:${finding.line}`);
  if (!options.repoUrl || !options.sha) return shown;
  const path = finding.file.split('/').map(encodeUrlPart).join('/');
  let anchor = '';
  if (finding.line !== null) {
    anchor = finding.endLine !== null && finding.endLine > finding.line ? `#L${finding.line}-L${finding.endLine}` : `#L${finding.line}`;
  }
  return `[${shown}](${options.repoUrl}/blob/${encodeUrlPart(options.sha)}/${path}${anchor})`;
}

function annotationsText(annotations: AnnotationsShown): string {
  const name = `the ${text(annotations.name ?? 'compat-guard')} check run`;
  const run = annotations.url ? `[${name}](${annotations.url})` : name;
  if (annotations.via === 'check-run') {
    return annotations.shown === 0
      ? `Nothing to annotate; ${run} reports the result.`
      : `${plural(annotations.shown, 'annotation')} through ${run}.`;
  }
  const why = annotations.reason ? ` (${text(clip(annotations.reason, MAX_NOTE))})` : '';
  const total = annotations.shown + annotations.notShown;
  const lines = [
    annotations.inCheckRun === undefined
      ? `${plural(total, 'annotation')} as workflow commands, since no check run could be created${why}.`
      : `${plural(annotations.inCheckRun, 'annotation')} through ${run}, then ${total - annotations.inCheckRun} as workflow commands, since updating the check run failed${why}.`,
  ];
  if (annotations.notShown > 0) {
    lines.push(
      `GitHub shows at most 10 annotations of each severity per step: **${annotations.notShown} could not be shown** as annotations. Every finding is in the tables above and in the JSON report.`,
    );
  }
  return lines.join(' ');
}

function runtimeSection(runtime: RuntimeSummary): string {
  const line = runtimeText(runtime);
  return text(`${line.charAt(0).toUpperCase()}${line.slice(1)}.`);
}

/** Counts the bytes written so far; `take` says whether `part` still fits. */
class Budget {
  private left: number;

  constructor(bytes: number) {
    this.left = bytes;
  }

  take(part: string): boolean {
    const size = Buffer.byteLength(part, 'utf8') + 1;
    if (size > this.left) return false;
    this.left -= size;
    return true;
  }
}

// Characters Markdown would read as formatting or a link anywhere in a line (the pipe is escaped on its
// own, last), and `$`, which opens GitHub's math: a Dockerfile message quoting `$TORCH` and `$CUDA`
// would show what lies between as a formula. `#` and `!` only mean something at the start of a line or
// before `[`, which never happens.
const MARKDOWN_SPECIAL = /[\\`*_[\]~$]/g;
const HTML_SPECIAL = /[&<>"]/g;
const HTML_ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/**
 * Repository text as literal Markdown on one line, safe in a table cell: GitHub's tables split cells
 * at `|` before anything else, so it is escaped as `\|` even inside `<code>`.
 */
function text(value: string): string {
  return printable(value)
    .replace(MARKDOWN_SPECIAL, '\\$&')
    .replace(HTML_SPECIAL, (ch) => HTML_ENTITY[ch] ?? ch)
    .replace(/\|/g, '\\|');
}

/** Text inside a `code span` (no escapes work there): only a backtick would end it. */
function code(value: string): string {
  return printable(value).replace(/`/g, "'");
}

/** Percent-encodes everything but unreserved characters, parentheses included (they end a Markdown link). */
function encodeUrlPart(value: string): string {
  return encodeURIComponent(value).replace(/[()'!*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}
