// remote-file-conflict: a pin of an install set that a file it names by URL (`-c URL`, `-r URL`)
// excludes. pip reads that file with the set, so no version satisfies both and it stops with
// ResolutionImpossible. The URL's lines cannot be annotated: the finding sits on the repository's
// pin, quoting the remote line and naming the URL and its line, with the `-c`/`-r` line related.
// Pure: the shell (src/index/remote-files.ts) fetches and reads the files.

import type { Finding, InstallSet, ParsedFile, ParseResult, RemoteInclude, Requirement, RuleInfo } from '../../model.js';
import { intersects } from '../../pep440/ranges.js';
import { parseSpecifierSet, type SpecifierSet } from '../../pep440/specifier.js';
import { requirementText } from '../finding-builder.js';

export const RULE: RuleInfo = {
  id: 'remote-file-conflict',
  severity: 'error',
  summary: 'a pin that a constraints or requirements file named by URL (-c/-r URL) excludes',
};

/** A fetched file, read as a requirements file: its requirements carry their line in it. */
export interface RemoteFile {
  url: string;
  requirements: readonly Requirement[];
}

/** A requirement both sides can be compared on: a version specifier, no URL, no marker (whether it holds is not known here). */
function comparable(requirement: Requirement): SpecifierSet | null {
  if (requirement.specifier === '' || requirement.url !== null || requirement.editable || requirement.marker !== null) return null;
  const parsed = parseSpecifierSet(requirement.specifier);
  return parsed.ok ? parsed.set : null;
}

/** The set's facts of `file`: every one, or in the set's own Dockerfile only those of its stages. */
function inSet<T extends { stage?: string | null }>(set: InstallSet, file: ParsedFile, facts: readonly T[]): T[] {
  const stages = file.path === set.file && set.stages ? new Set(set.stages) : null;
  return facts.filter((fact) => stages === null || fact.stage == null || stages.has(fact.stage));
}

export function checkRemoteFiles(parse: ParseResult, fetched: ReadonlyMap<string, RemoteFile>): Finding[] {
  const files = new Map(parse.files.map((file) => [file.path, file]));
  const findings: Finding[] = [];
  // A file in two sets, with the same remote file, would give the same finding twice.
  const seen = new Set<string>();
  for (const set of parse.installSets) {
    const members = set.files.flatMap((path) => files.get(path) ?? []);
    const includes = members.flatMap((file) =>
      inSet(set, file, file.remoteIncludes ?? []).map((include) => ({ include, file: file.path })),
    );
    if (includes.length === 0) continue;
    const pins = members.flatMap((file) => inSet(set, file, file.requirements).map((requirement) => ({ requirement, file: file.path })));
    for (const { include, file: includedFrom } of includes) {
      const remote = fetched.get(include.url);
      if (remote === undefined) continue;
      const remoteByKey = new Map<string, Requirement[]>();
      for (const line of remote.requirements) remoteByKey.set(line.key, [...(remoteByKey.get(line.key) ?? []), line]);
      for (const pin of pins) {
        const mine = remoteByKey.get(pin.requirement.key) ? comparable(pin.requirement) : null;
        if (mine === null) continue;
        for (const line of remoteByKey.get(pin.requirement.key) ?? []) {
          const theirs = comparable(line);
          if (theirs === null || intersects(mine, theirs)) continue;
          const key = `${pin.file}:${pin.requirement.line}:${pin.requirement.column}|${include.url}:${line.line}`;
          if (seen.has(key)) continue;
          seen.add(key);
          findings.push(conflict(pin.requirement, pin.file, line, include, includedFrom));
        }
      }
    }
  }
  return findings;
}

function conflict(pin: Requirement, file: string, line: Requirement, include: RemoteInclude, includedFrom: string): Finding {
  const flag = include.constraint ? '-c' : '-r';
  const theirs = requirementText(line);
  const where = `${include.url}:${line.line}`;
  const what = include.constraint ? 'constraints' : 'requirements';
  return {
    rule: RULE.id,
    severity: RULE.severity,
    message:
      `${requirementText(pin)} is excluded by ${theirs} at ${where} (the ${what} file named by ${flag} at ${includedFrom}:${include.line}): ` +
      `no version satisfies both, so pip stops with ResolutionImpossible. Pin ${theirs}, or use ${what} that allow ${requirementText(pin)}.`,
    file,
    line: pin.line,
    column: pin.column,
    endLine: pin.endLine,
    endColumn: pin.endColumn,
    package: pin.key,
    expected: line.specifier,
    actual: pin.specifier,
    fix: theirs,
    related: [
      {
        file: includedFrom,
        line: include.line,
        ...(include.column === undefined ? {} : { column: include.column }),
        message: `${flag} ${include.url}`,
      },
    ],
    source: include.url,
  };
}
