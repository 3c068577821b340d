// GitHub Actions workflow commands (`::error file=...,line=...::message`): the CLI's `--format github`
// and the action's fallback when it cannot create a check run. Escaping follows @actions/core:
// `%`, CR and LF in the message; those and `:` and `,` in property values too, since they delimit
// properties. Without it a `,` in a path would end the property and a newline in a message would start
// a command of the repository's choosing. Before that, repository text is made printable: the log
// viewer would obey an escape sequence in a path or a message, which the percent escapes leave as is.

import type { Finding } from '../model.js';
import { annotationMessage, ownAnchor, printable, type Anchor } from './finding-counts.js';

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One command line; properties that are null, undefined or "" are left out. Property values are one
 * line each, made printable here; the message may hold line breaks of ours, so its lines come printable.
 */
export function workflowCommand(command: string, properties: Record<string, string | number | null | undefined>, message: string): string {
  const written = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== null && entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${key}=${escapeProperty(printable(String(value)))}`);
  return `::${command}${written.length > 0 ? ` ${written.join(',')}` : ''}::${escapeData(message)}`;
}

/** The annotation command for `finding` at `anchor` (default: its own location). */
export function annotationCommand(finding: Finding, anchor: Anchor | null = ownAnchor(finding)): string {
  const line = anchor?.line ?? null;
  const endLine = line === null ? null : (anchor?.endLine ?? line);
  // Columns only mean something on one line, as in the Checks API.
  const sameLine = line !== null && endLine === line;
  return workflowCommand(
    finding.severity,
    {
      file: anchor?.file,
      line,
      col: sameLine ? anchor?.column : null,
      endLine,
      endColumn: sameLine ? anchor?.endColumn : null,
      title: finding.rule,
    },
    annotationMessage(finding, anchor),
  );
}

/** `check --format github`: one annotation command per finding, in order. */
export function toWorkflowCommands(findings: readonly Finding[]): string {
  return findings.map((finding) => `${annotationCommand(finding)}\n`).join('');
}
