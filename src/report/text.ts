// The report people read in a terminal or a job log: findings grouped by file, each on one line with
// its position, severity, message and rule, the fix under it; then the profile and why, the runtime
// check, and the counts. Text from the repository goes through `printable`, so a crafted path or message
// cannot forge lines (or terminal escape sequences) of its own.

import type { CheckResult, RuntimeSummary } from '../engine-types.js';
import type { Finding, Severity } from '../model.js';
import type { IndexSummary } from '../index/run.js';
import { countBySeverity, countsText, plural, printable } from './finding-counts.js';

export interface TextOptions {
  /** ANSI colours; only when the output is a terminal (or a log that renders them). */
  color: boolean;
}

const SEVERITY_WIDTH = 'warning'.length;
const NO_FILE = '(no file)';

type Style = 'bold' | 'dim' | 'red' | 'yellow' | 'cyan' | 'green';
const ANSI: Record<Style, string> = { bold: '1', dim: '2', red: '31', yellow: '33', cyan: '36', green: '32' };
const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', notice: 'cyan' };

export function formatText(result: CheckResult, options: TextOptions): string {
  const paint = (style: Style, text: string): string => (options.color ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text);
  const lines: string[] = [];

  for (const [file, findings] of groupByFile(result.findings)) {
    lines.push(paint('bold', file === null ? NO_FILE : printable(file)));
    const positions = findings.map(positionText);
    // reduce, not Math.max(...): a file can hold more findings than a call has room for arguments.
    const width = positions.reduce((widest, position) => Math.max(widest, position.length), 0);
    const lead = width === 0 ? 2 : 2 + width + 2;
    const indent = ' '.repeat(lead + SEVERITY_WIDTH + 2);
    findings.forEach((finding, index) => {
      const position = width === 0 ? '  ' : `  ${paint('dim', (positions[index] ?? '').padStart(width))}  `;
      const severity = paint(SEVERITY_STYLE[finding.severity], finding.severity.padEnd(SEVERITY_WIDTH));
      const preExisting = finding.inDiff === false ? paint('dim', '  (pre-existing)') : '';
      lines.push(`${position}${severity}  ${printable(finding.message)}  ${paint('dim', `[${printable(finding.rule)}]`)}${preExisting}`);
      if (finding.fix) lines.push(`${indent}${paint('green', `fix: ${printable(finding.fix)}`)}`);
    });
    lines.push('');
  }

  lines.push(
    result.profile
      ? `Profile: ${paint('bold', printable(result.profile.name))} (${printable(result.profile.reason)})`
      : 'Profile: none (only the universal facts apply)',
  );
  if (result.runtime) lines.push(`Runtime check: ${runtimeText(result.runtime)}`);
  if (result.index) lines.push(`Package index: ${indexText(result.index)}`);

  const counts = countBySeverity(result.findings);
  const total = result.findings.length;
  const checked = plural(result.files.length, 'file');
  if (total === 0) {
    lines.push(paint('green', result.files.length === 0 ? 'No findings: no files to check.' : `No findings in ${checked}.`));
  } else {
    const style: Style = counts.error > 0 ? 'red' : counts.warning > 0 ? 'yellow' : 'cyan';
    // Not "N findings in M files": a file that could not be read is not among the files checked, and a
    // runtime finding is in no file, so the findings' files and the files checked are different counts.
    lines.push(paint(style, `${plural(total, 'finding')}: ${countsText(counts)} (${checked} checked).`));
  }
  return `${lines.join('\n')}\n`;
}

/** Findings by file, files in the order they first appear (the result is sorted by file already). */
function groupByFile(findings: readonly Finding[]): Map<string | null, Finding[]> {
  const groups = new Map<string | null, Finding[]>();
  for (const finding of findings) {
    const group = groups.get(finding.file);
    if (group) group.push(finding);
    else groups.set(finding.file, [finding]);
  }
  return groups;
}

function positionText(finding: Finding): string {
  if (finding.line === null) return '';
  return finding.column === null ? `${finding.line}` : `${finding.line}:${finding.column}`;
}

/** `auto, 12 requests, 3 from the cache` and the notices, one per line. */
export function indexText(index: IndexSummary): string {
  const head = `${index.mode}, ${plural(index.requests, 'request')}, ${index.fromCache} from the cache`;
  return [head, ...index.notices.map((notice) => `  notice: ${printable(notice)}`)].join('\n');
}

/** `ran on python3: Python 3.10.12, torch 2.1.0+cu121 (CUDA 12.1), 1 GPU (NVIDIA H100, driver 550.54)`. */
export function runtimeText(runtime: RuntimeSummary): string {
  if (runtime.status === 'skipped')
    return `skipped${runtime.reason ? `: ${printable(runtime.reason)}` : ''}${printable(phasesText(runtime))}`;
  const facts: string[] = [];
  if (runtime.python) facts.push(`Python ${runtime.python}`);
  if (runtime.torch) facts.push(`torch ${runtime.torch}${runtime.cudaBuild ? ` (CUDA ${runtime.cudaBuild})` : ''}`);
  if (runtime.gpus) {
    const gpus = runtime.gpus.map((gpu) => `${gpu.name}${gpu.driver ? `, driver ${gpu.driver}` : ''}`);
    facts.push(runtime.gpus.length === 0 ? 'no GPU' : `${plural(runtime.gpus.length, 'GPU')} (${gpus.join('; ')})`);
  }
  const target = runtime.target ? ` on ${runtime.target}` : '';
  return printable(`ran${target}${facts.length > 0 ? `: ${facts.join(', ')}` : ''}${phasesText(runtime)}`);
}

/** `; took: image pull 41.2 s, container start 3.1 s, probe 12.0 s`, or nothing when no phase ran. */
function phasesText(runtime: RuntimeSummary): string {
  if (!runtime.phases || runtime.phases.length === 0) return '';
  return `; took: ${runtime.phases.map((phase) => `${phase.name} ${phase.seconds.toFixed(1)} s`).join(', ')}`;
}
