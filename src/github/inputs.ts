// The action's inputs (CONTRACT.md section 1), with their defaults here rather than in action.yml, and
// validation that names the input, what it accepts and what it got, in one line.

import * as path from 'node:path';
import { FAIL_ON_LEVELS, parseFailOn, type FailOn } from '../report/fail.js';
import { printable, quotedValue } from '../report/finding-counts.js';
import { ANNOTATE_MODES, parseAnnotateMode, type AnnotateMode } from './filter.js';
import { defaultRecordFile, profileNameProblem } from '../matrix/profile-name.js';
import { INDEX_MODES, isIndexMode, type IndexMode } from '../index/options.js';

export interface ActionInputs {
  /** Files, folders or globs; empty: discover in the workspace. */
  paths: string[];
  /** undefined: `.github/compat-matrix.yml` when it exists. */
  matrixFile: string | undefined;
  /** undefined: the matrix file's default profile, else `auto`. */
  profile: string | undefined;
  failOn: FailOn;
  annotate: AnnotateMode;
  token: string;
  /** Absolute. */
  reportFile: string;
  /** Absolute; null: no SARIF. */
  sarifFile: string | null;
  runtimeCheck: boolean;
  python: string | undefined;
  runtimeImage: string | undefined;
  requireGpu: boolean;
  allowUntrusted: boolean;
  /** After a runtime check that passed, write the environment as this profile; null: no. */
  recordProfile: { name: string; file: string } | null;
  /** The package index checks (CONTRACT section 6). */
  index: IndexMode;
  /** undefined: PIP_INDEX_URL, else PyPI. */
  indexUrl: string | undefined;
  extraIndexUrls: string[];
  /** Absolute; undefined: under RUNNER_TOOL_CACHE. */
  cacheDir: string | undefined;
  /** Run pip's resolver for each install set (CONTRACT section 6). */
  resolve: boolean;
  /** The check run's name: what branch protection selects as a required check. */
  checkName: string;
  /** When the pull request gets a comment with the summary. */
  comment: CommentMode;
  /** The fleet's NVIDIA driver; undefined: the matrix file's `driver:`, if any. */
  driver: string | undefined;
}

/** `never`; `on-failure`: only while a finding fails the step (then marked resolved); `always`. */
const COMMENT_MODES = ['never', 'on-failure', 'always'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];
const DEFAULT_CHECK_NAME = 'compat-guard';
/** A check run's name is one line on the pull request's checks list. */
const MAX_CHECK_NAME = 100;

const REPORT_FILE_NAME = 'compat-guard.json';
/** A wrong value is quoted up to this many characters: the error stays one readable line. */
const MAX_QUOTED_VALUE = 100;

/**
 * `input(name)` is the input's value, "" when unset (as core.getInput gives it). Relative file paths
 * are taken from `cwd` (the workspace); the report goes to `runnerTemp` unless told otherwise.
 */
export function readInputs(
  input: (name: string) => string,
  where: { cwd: string; runnerTemp: string },
): { ok: true; inputs: ActionInputs } | { ok: false; error: string } {
  const value = (name: string): string => input(name).trim();
  const optional = (name: string): string | undefined => value(name) || undefined;

  const failOn = parseFailOn(value('fail-on') || 'error');
  if (failOn === null) return invalid('fail-on', FAIL_ON_LEVELS, value('fail-on'));
  const annotate = parseAnnotateMode(value('annotate') || 'added');
  if (annotate === null) return invalid('annotate', ANNOTATE_MODES, value('annotate'));

  const index = value('index') || 'auto';
  if (!isIndexMode(index)) return invalid('index', INDEX_MODES, index);
  const comment = value('comment') || 'on-failure';
  if (!(COMMENT_MODES as readonly string[]).includes(comment)) return invalid('comment', COMMENT_MODES, value('comment'));
  const checkName = value('check-name') || DEFAULT_CHECK_NAME;
  if (checkName.length > MAX_CHECK_NAME || printable(checkName) !== checkName) {
    return {
      ok: false,
      error: `Input 'check-name' must be one line of at most ${MAX_CHECK_NAME} printable characters; got ${quotedValue(checkName, MAX_QUOTED_VALUE)}.`,
    };
  }

  const flags: Record<'runtime-check' | 'require-gpu' | 'allow-untrusted' | 'resolve', boolean> = {
    'runtime-check': false,
    'require-gpu': false,
    'allow-untrusted': false,
    resolve: false,
  };
  for (const name of Object.keys(flags) as Array<keyof typeof flags>) {
    const parsed = parseBoolean(value(name));
    if (parsed === null) return invalid(name, ['true', 'false'], value(name));
    flags[name] = parsed;
  }

  const reportFile = path.resolve(where.cwd, optional('report-file') ?? path.join(where.runnerTemp, REPORT_FILE_NAME));
  const sarif = optional('sarif-file');
  const sarifFile = sarif === undefined ? null : path.resolve(where.cwd, sarif);
  const driver = optional('driver');
  if (driver !== undefined && !/^\d+(?:\.\d+)*$/.test(driver)) {
    return { ok: false, error: `Input 'driver' must be an NVIDIA driver version such as 550.54.14 (got ${printable(driver)}).` };
  }
  if (sarifFile === reportFile) {
    return {
      ok: false,
      error: `Inputs 'report-file' and 'sarif-file' name the same file (${printable(reportFile)}): the SARIF would overwrite the JSON report. Give them different paths.`,
    };
  }
  const recordName = optional('record-profile');
  const recordFile = optional('record-profile-file');
  if (recordName !== undefined) {
    const problem = profileNameProblem(recordName);
    if (problem !== null) return { ok: false, error: `Input 'record-profile': ${printable(problem)}.` };
    if (!flags['runtime-check'])
      return { ok: false, error: `Input 'record-profile' records what the runtime check verified: set runtime-check: true as well.` };
  }
  const recordProfile =
    recordName === undefined ? null : { name: recordName, file: path.resolve(where.cwd, recordFile ?? defaultRecordFile(recordName)) };
  return {
    ok: true,
    inputs: {
      paths: splitList(input('paths')),
      matrixFile: optional('matrix'),
      profile: optional('profile'),
      failOn,
      annotate,
      token: value('github-token'),
      reportFile,
      sarifFile,
      runtimeCheck: flags['runtime-check'],
      python: optional('python'),
      runtimeImage: optional('runtime-image'),
      requireGpu: flags['require-gpu'],
      allowUntrusted: flags['allow-untrusted'],
      recordProfile,
      index,
      indexUrl: optional('index-url'),
      extraIndexUrls: splitList(input('extra-index-url')),
      cacheDir: optional('cache-dir') === undefined ? undefined : path.resolve(where.cwd, value('cache-dir')),
      resolve: flags.resolve,
      checkName,
      comment: comment as CommentMode,
      driver,
    },
  };
}

/** Newline- or comma-separated, blanks dropped. */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** The YAML 1.2 core schema's booleans, as core.getBooleanInput reads them; "" is the default, false. */
function parseBoolean(text: string): boolean | null {
  if (text === '' || text === 'false' || text === 'False' || text === 'FALSE') return false;
  if (text === 'true' || text === 'True' || text === 'TRUE') return true;
  return null;
}

function invalid(name: string, accepted: readonly string[], got: string): { ok: false; error: string } {
  return { ok: false, error: `Input '${name}' must be one of ${accepted.join(', ')}; got ${quotedValue(got, MAX_QUOTED_VALUE)}.` };
}
