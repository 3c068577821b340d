// What the user chose not to hear: `# compat-guard: ignore[rule-id]` on a line, and the matrix's
// `ignore:` entries (a rule id or `*`, optionally limited to path globs).

import type { IgnoreEntry } from '../matrix/types.js';
import type { Finding, ParsedFile } from '../model.js';
import { matchesGlob } from '../parse/glob.js';

const EVERY_RULE = '*';

export function applySuppressions(findings: readonly Finding[], files: readonly ParsedFile[], ignore: readonly IgnoreEntry[]): Finding[] {
  const silencedByFile = new Map<string, Map<number, string[]>>();
  for (const file of files) {
    if (file.suppressions.length > 0) silencedByFile.set(file.path, new Map(file.suppressions.map((entry) => [entry.line, entry.rules])));
  }
  return findings.filter((finding) => !silencedInline(finding, silencedByFile) && !ignore.some((entry) => ignores(entry, finding)));
}

/** A requirement continued over several lines may carry its comment on any of them. */
function silencedInline(finding: Finding, silencedByFile: Map<string, Map<number, string[]>>): boolean {
  if (finding.file === null || finding.line === null) return false;
  const byLine = silencedByFile.get(finding.file);
  if (!byLine) return false;
  const last = Math.max(finding.line, finding.endLine ?? finding.line);
  for (let line = finding.line; line <= last; line++) {
    const rules = byLine.get(line);
    if (rules && (rules.includes(finding.rule) || rules.includes(EVERY_RULE))) return true;
  }
  return false;
}

function ignores(entry: IgnoreEntry, finding: Finding): boolean {
  if (entry.rule !== EVERY_RULE && entry.rule !== finding.rule) return false;
  if (!entry.paths) return true;
  const file = finding.file;
  return file !== null && entry.paths.some((glob) => matchesPathOrFolder(file, glob));
}

/** `docs` and `docs/**` both cover everything under docs/. */
function matchesPathOrFolder(path: string, glob: string): boolean {
  if (matchesGlob(path, glob)) return true;
  for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) {
    if (matchesGlob(path.slice(0, slash), glob)) return true;
  }
  return false;
}
