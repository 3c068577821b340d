// `--record-profile NAME` (action: `record-profile`): after a runtime check that passed, the
// environment it verified (every installed distribution, the Python and the torch CUDA build) written
// as a profile, the same matrix file `compat-guard matrix import` prints. A stack proven on the GPU
// runner becomes the matrix the next pull request is checked against.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultRecordFile } from '../matrix/profile-name.js';
import { printProfile, type InstalledPackage, type InstalledSet, type LeftOut } from '../matrix/import.js';
import type { Finding } from '../model.js';
import { parseVersion, publicVersion } from '../pep440/version.js';
import type { ProbeResult } from './probe-result.js';

export interface RecordProfileOptions {
  name: string;
  /** Where to write it; default `compat-profile-NAME.yml` in the current folder. */
  file?: string | null;
}

/** What became of the recording: the file written, or why nothing was. */
export type RecordedProfile = { name: string; file: string } | { name: string; file: null; reason: string };

/** Tools of the environment itself, which `pip freeze` leaves out too: no repository pins them for the stack. */
const ENVIRONMENT_TOOLS = new Set(['pip', 'setuptools', 'wheel', 'distribute']);

/** The installed distributions the probe listed, as the import reads a freeze. */
export function installedSetOf(probe: ProbeResult): InstalledSet {
  const packages: InstalledPackage[] = [];
  const leftOut: LeftOut[] = [];
  for (const [key, installed] of probe.installed) {
    if (ENVIRONMENT_TOOLS.has(key)) continue;
    const version = parseVersion(installed.version);
    if (version === null) {
      leftOut.push({ key, why: `version ${JSON.stringify(installed.version)} is not PEP 440` });
      continue;
    }
    packages.push({ key, version: publicVersion(version), local: version.local === null ? null : version.local.join('.') });
  }
  return { packages, python: probe.python.version, leftOut };
}

/** The profile's text: the header names the target and the date; the CUDA is torch's own build, when it has one. */
export function recordedProfileText(probe: ProbeResult, options: { name: string; target: string; date: string }) {
  const torch = probe.torch?.ok ? probe.torch : null;
  const facts = [
    `Python ${probe.python.version}`,
    ...(torch?.version ? [`torch ${torch.version}${torch.cuda ? ` (CUDA ${torch.cuda})` : ' (no CUDA)'}`] : []),
  ];
  return printProfile(installedSetOf(probe), {
    name: options.name,
    source: options.target,
    date: options.date,
    ...(torch?.cuda ? { cuda: torch.cuda } : {}),
    madeBy: 'the compat-guard runtime check (--record-profile)',
    description: `Recorded by the runtime check of ${options.target} on ${options.date}: ${facts.join(', ')}`,
  });
}

/**
 * Writes the profile when the runtime check ran and found no error; otherwise says why not. A
 * failing environment is not a stack to check others against.
 */
export function recordProfile(
  options: RecordProfileOptions,
  /** What runRuntimeCheck returned: its findings are the runtime check's own. */
  runtime: { probe?: ProbeResult; findings: readonly Finding[]; summary: { target?: string; reason?: string } },
  today: Date = new Date(),
): RecordedProfile {
  const { name } = options;
  const notRecorded = (reason: string): RecordedProfile => ({ name, file: null, reason });
  if (runtime.probe === undefined)
    return notRecorded(`the runtime check did not run${runtime.summary.reason ? ` (${runtime.summary.reason})` : ''}`);
  const errors = runtime.findings.filter((finding) => finding.severity === 'error').length;
  if (errors > 0) return notRecorded(`the runtime check found ${errors === 1 ? '1 error' : `${errors} errors`}`);
  const text = recordedProfileText(runtime.probe, {
    name,
    target: runtime.summary.target ?? 'the environment',
    date: today.toISOString().slice(0, 10),
  });
  if (!text.ok) return notRecorded(text.error);
  const file = path.resolve(options.file || defaultRecordFile(name));
  try {
    fs.writeFileSync(file, text.text);
  } catch (error) {
    return notRecorded(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return { name, file };
}
