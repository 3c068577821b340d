// What pip's resolver printed, read back (pure): the "Cannot install ... because" sentence, the
// "The conflict is caused by:" lines, the releases it found none of, and the files it skipped because
// they are sources only. pip 22.2 to 26 word these the same way.

import { canonicalName } from '../model.js';
import type { ResolveLine, ResolveStep } from './resolve-plan.js';

/** pip's own lines under "The conflict is caused by:", trimmed. */
export function conflictCauses(output: string): string[] {
  const lines = output.split('\n');
  const start = lines.findIndex((line) => line.trim() === 'The conflict is caused by:');
  if (start < 0) return [];
  const causes: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!/^\s+\S/.test(line)) break;
    causes.push(line.trim());
  }
  return causes;
}

/** The step's lines pip names as the sides of a conflict: in "Cannot install A and B", and in its causes. */
export function conflictSides(output: string, step: ResolveStep): ResolveLine[] {
  const sides: ResolveLine[] = [];
  const add = (line: ResolveLine | undefined): void => {
    if (line && !sides.includes(line)) sides.push(line);
  };
  const cannot = /Cannot install (.+?) because these package versions have conflicting dependencies/.exec(output)?.[1] ?? '';
  for (const item of cannot.split(/, | and /)) {
    // `-r /tmp/.../requirements.txt (line 2)`: the line of the file written for pip.
    const fromFile = /^-(r|c) .* \(line (\d+)\)$/.exec(item.trim());
    if (fromFile) add((fromFile[1] === 'c' ? step.constraints : step.requirements)[Number(fromFile[2]) - 1]);
    else add(lineNamed(step.requirements, item));
  }
  for (const cause of conflictCauses(output)) {
    const requested = /^The user requested (\(constraint\) )?(.+)$/.exec(cause);
    if (requested) add(lineNamed(requested[1] ? step.constraints : step.requirements, requested[2] as string));
    const depends = /^(\S+) \S+ depends on /.exec(cause);
    if (depends) add(lineNamed(step.requirements, depends[1] as string));
  }
  return sides;
}

/** The requirements pip found no release of: `[requirement, pip's "Could not find" line]`. */
export function notFound(output: string): Array<{ requirement: string; key: string; words: string }> {
  const found: Array<{ requirement: string; key: string; words: string }> = [];
  for (const match of output.matchAll(/No matching distribution found for (\S+)/g)) {
    const requirement = match[1] as string;
    const key = keyOf(requirement);
    if (key === null || found.some((known) => known.key === key)) continue;
    const words =
      output
        .split('\n')
        .map((line) => line.replace(/^ERROR: /, '').trim())
        .find((line) => line.startsWith(`Could not find a version that satisfies the requirement ${requirement}`)) ??
      `No matching distribution found for ${requirement}`;
    found.push({ requirement, key, words });
  }
  return found;
}

/** The source distributions pip skipped for the project under `--only-binary` (its debug log's "No sources permitted"). */
export function sourcesOnly(output: string, key: string): string[] {
  const files: string[] = [];
  for (const match of output.matchAll(/No sources permitted for (\S+): (\S+)/g)) {
    if (keyOf(match[1] as string) === key) files.push((match[2] as string).split('/').at(-1) ?? (match[2] as string));
  }
  return files;
}

/** The line of the project a requirement string names. */
export function lineNamed(lines: readonly ResolveLine[], requirement: string): ResolveLine | undefined {
  const key = keyOf(requirement);
  return key === null ? undefined : lines.find((line) => line.key === key);
}

function keyOf(requirement: string): string | null {
  const name = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/.exec(requirement.trim())?.[0];
  return name ? canonicalName(name) : null;
}
