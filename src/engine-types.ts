// The result of one `check`, shared by the CLI and the action: what was read, under which profile,
// and every finding. Report writers (src/report/) take this and nothing else.

import type { Diagnostic, FileKind, Finding } from './model.js';
import type { Matrix, ProfileChoice } from './matrix/types.js';
import type { RecordedProfile } from './runtime/record-profile.js';
import type { IndexSummary } from './index/run.js';
import type { ResolveSummary } from './resolve/run.js';

export interface CheckResult {
  tool: { name: 'compat-guard'; version: string };
  /** The profile used, with why; null when only the universal facts applied. */
  profile: ProfileChoice | null;
  files: Array<{ path: string; kind: FileKind }>;
  /** Static findings first (sorted by file, line, column, rule), then runtime findings. */
  findings: Finding[];
  /** Input that could not be read as written (also present in findings as rule `parse-error`). */
  diagnostics: Diagnostic[];
  matrix: Matrix;
  /** Set when the runtime check ran or was refused: what the summary says about it. */
  runtime?: RuntimeSummary;
  /** Set when asked to record the checked environment as a profile: the file written, or why none was. */
  recordedProfile?: RecordedProfile;
  /** Set when the package indexes were asked (CONTRACT section 6). */
  index?: IndexSummary;
  /** Set when pip's resolver ran (CONTRACT section 6 `resolve`). */
  resolve?: ResolveSummary;
}

export interface RuntimeSummary {
  /** `ran`, or `skipped` with the reason (fork PR without allow-untrusted, no interpreter...). */
  status: 'ran' | 'skipped';
  reason?: string;
  /** Interpreter or image it ran against. */
  target?: string;
  python?: string | null;
  torch?: string | null;
  cudaBuild?: string | null;
  gpus?: Array<{ name: string; driver: string | null; memory: string | null }>;
  /** How long each phase took (image pull, container or interpreter start, probe), in order. */
  phases?: RuntimePhase[];
}

export interface RuntimePhase {
  name: string;
  seconds: number;
}
