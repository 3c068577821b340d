// A bound on the findings one rule keeps in one file. Each line can give a finding, and a file can
// hold millions of lines: one package pinned on every line of an 18 MB file gave a million findings
// and took 42 s and 3 GB (a 32 MB file, the most the reader takes, would need about twice that). No
// reader acts on the thousandth finding of one rule in one file; past that, the rule's findings there
// are counted and reported as one.

import { severityRank, type Finding } from '../model.js';

/** Findings of one rule kept in one file, counted by the places they are at. */
export const MAX_FINDINGS_PER_RULE_AND_FILE = 1_000;

/** Where a rule family puts its findings: an array, or a FindingCap's list. */
export interface FindingSink {
  push(finding: Finding): void;
}

interface LeftOut {
  /**
   * The lines of the findings left out: a file installed by two sets (on its own, and by a
   * Dockerfile stage) gives each of them twice, and lines, unlike findings, are not counted twice.
   */
  lines: Set<number>;
  /**
   * The first and the last finding left out, by line: the summary spans them, so that a pull request
   * that changes any line in between still has it in its diff.
   */
  first: Finding;
  last: Finding;
  severity: Finding['severity'];
}

export class FindingCap {
  /** By rule and file: the places kept so far. */
  private readonly kept = new Map<string, Set<string>>();
  private readonly leftOut = new Map<string, LeftOut>();

  /** `limit`: a seam for tests, which reach it with a few findings. */
  constructor(private readonly limit = MAX_FINDINGS_PER_RULE_AND_FILE) {}

  /** A sink that adds to `list` the findings the cap keeps. */
  into(list: Finding[]): FindingSink {
    return {
      push: (finding) => {
        if (this.keeps(finding)) list.push(finding);
      },
    };
  }

  /**
   * Places, not findings, are counted: the same problem reached through two install sets is one
   * finding after de-duplication, and must not use up the rule's room twice.
   */
  private keeps(finding: Finding): boolean {
    if (finding.file === null) return true;
    const key = `${finding.rule}\u0000${finding.file}`;
    const place = `${finding.line ?? ''}:${finding.column ?? ''}`;
    let places = this.kept.get(key);
    if (!places) {
      places = new Set();
      this.kept.set(key, places);
    }
    if (places.has(place)) return true;
    if (places.size < this.limit) {
      places.add(place);
      return true;
    }
    const line = finding.line ?? 1;
    const left = this.leftOut.get(key);
    if (!left) {
      this.leftOut.set(key, { lines: new Set([line]), first: finding, last: finding, severity: finding.severity });
      return false;
    }
    left.lines.add(line);
    if (line < (left.first.line ?? 1)) left.first = finding;
    if (line > (left.last.line ?? 1)) left.last = finding;
    if (severityRank(finding.severity) > severityRank(left.severity)) left.severity = finding.severity;
    return false;
  }

  /** For each rule and file past the limit, one finding over the lines left out that says how many they are. */
  summaries(): Finding[] {
    return [...this.leftOut.values()].map(({ lines, first, last, severity }) => ({
      rule: first.rule,
      severity,
      message: `${first.rule} findings on ${lines.size} more ${lines.size === 1 ? 'line' : 'lines'} of ${first.file} are not listed, from line ${first.line ?? 1} on: a report keeps at most ${this.limit} per rule and file, for no reader acts on more. Fix those listed (often one mistake repeated) and check again to see the rest.`,
      file: first.file,
      line: first.line,
      column: first.column,
      endLine: last.endLine ?? last.line,
      endColumn: last.endColumn,
      package: null,
      expected: null,
      actual: null,
      fix: null,
    }));
  }
}
