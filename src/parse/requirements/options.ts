// The options of a requirements-file line: pip's break_args_options (where the options begin), then
// optparse over shlex's words with the options pip registers for requirements files
// (req_file.SUPPORTED_OPTIONS + SUPPORTED_OPTIONS_REQ), with optparse's and pip's messages for what
// they refuse. What an option does to the file is the reader's business.

import { pythonRepr } from '../../pep440/specifier.js';
import { quoteInput } from './display.js';
import { shlexSplit, type Word } from './shlex.js';

type OptionScope = 'file' | 'requirement' | 'any-requirement';

export interface OptionSpec {
  dest: string;
  /** Its short and long spellings, in the order pip registers them. */
  flags: readonly string[];
  takesValue: boolean;
  /** `file`: only on a line without a requirement; `requirement`: per requirement (not editable); `any-requirement`: both kinds. */
  scope: OptionScope;
  /** pip's callback or choices check: the optparse error for a bad value, or null. */
  check?: (value: string, flag: string) => string | null;
}

const STRONG_HASHES = ['sha256', 'sha384', 'sha512'];
const FEATURES = ['fast-deps', 'inprocess-build-deps', 'venv-isolation', 'truststore', 'no-binary-enable-wheel-cache', 'build-constraint'];

const checkFormatControl = (value: string): string | null =>
  value.startsWith('-') ? '--no-binary / --only-binary option requires 1 argument.' : null;
const checkReleaseControl = (value: string): string | null =>
  value.startsWith('-') ? '--all-releases / --only-final option requires 1 argument.' : null;

const OPTIONS: readonly OptionSpec[] = [
  { dest: 'index_url', flags: ['-i', '--index-url', '--pypi-url'], takesValue: true, scope: 'file' },
  { dest: 'extra_index_urls', flags: ['--extra-index-url'], takesValue: true, scope: 'file' },
  { dest: 'no_index', flags: ['--no-index'], takesValue: false, scope: 'file' },
  { dest: 'constraints', flags: ['-c', '--constraint'], takesValue: true, scope: 'file' },
  { dest: 'requirements', flags: ['-r', '--requirement'], takesValue: true, scope: 'file' },
  { dest: 'editables', flags: ['-e', '--editable'], takesValue: true, scope: 'file' },
  { dest: 'find_links', flags: ['-f', '--find-links'], takesValue: true, scope: 'file' },
  { dest: 'no_binary', flags: ['--no-binary'], takesValue: true, scope: 'file', check: checkFormatControl },
  { dest: 'only_binary', flags: ['--only-binary'], takesValue: true, scope: 'file', check: checkFormatControl },
  { dest: 'prefer_binary', flags: ['--prefer-binary'], takesValue: false, scope: 'file' },
  { dest: 'require_hashes', flags: ['--require-hashes'], takesValue: false, scope: 'file' },
  { dest: 'no_require_hashes', flags: ['--no-require-hashes'], takesValue: false, scope: 'file' },
  { dest: 'pre', flags: ['--pre'], takesValue: false, scope: 'file' },
  { dest: 'all_releases', flags: ['--all-releases'], takesValue: true, scope: 'file', check: checkReleaseControl },
  { dest: 'only_final', flags: ['--only-final'], takesValue: true, scope: 'file', check: checkReleaseControl },
  { dest: 'trusted_hosts', flags: ['--trusted-host'], takesValue: true, scope: 'file' },
  {
    dest: 'features_enabled',
    flags: ['--use-feature'],
    takesValue: true,
    scope: 'file',
    check: (value, flag) =>
      FEATURES.includes(value)
        ? null
        : `option ${flag}: invalid choice: ${quoteInput(value)} (choose from ${FEATURES.map(pythonRepr).join(', ')})`,
  },
  {
    dest: 'hashes',
    flags: ['--hash'],
    takesValue: true,
    scope: 'requirement',
    check: (value, flag) => {
      const colon = value.indexOf(':');
      if (colon < 0) return `Arguments to ${flag} must be a hash name followed by a value, like --hash=sha256:abcde...`;
      return STRONG_HASHES.includes(value.slice(0, colon)) ? null : `Allowed hash algorithms for ${flag} are ${STRONG_HASHES.join(', ')}.`;
    },
  },
  {
    dest: 'config_settings',
    flags: ['-C', '--config-settings'],
    takesValue: true,
    scope: 'any-requirement',
    check: (value, flag) => (value.includes('=') ? null : `Arguments to ${flag} must be of the form KEY=VAL`),
  },
];

const SHORT_OPTIONS: ReadonlyMap<string, OptionSpec> = new Map(
  OPTIONS.flatMap((spec) => spec.flags.filter((flag) => !flag.startsWith('--')).map((flag) => [flag, spec] as [string, OptionSpec])),
);
/** In the order optparse registered them: its "ambiguous option" message lists them so. */
const LONG_OPTIONS: ReadonlyMap<string, OptionSpec> = new Map(
  OPTIONS.flatMap((spec) => spec.flags.filter((flag) => flag.startsWith('--')).map((flag) => [flag, spec] as [string, OptionSpec])),
);

const BUILD_SETTINGS_INSTEAD = 'pass build settings with -C/--config-settings';
/** Options pip once read in requirements files, and pip install options people put there. */
const NOT_REQUIREMENTS_FILE_OPTIONS: ReadonlyMap<string, string> = new Map([
  ['--global-option', `pip 25.3 removed it; ${BUILD_SETTINGS_INSTEAD}`],
  ['--install-option', `pip 23.1 removed it; ${BUILD_SETTINGS_INSTEAD}`],
  ['--build-option', `a pip wheel option, never read in requirements files; ${BUILD_SETTINGS_INSTEAD}`],
  ['--process-dependency-links', 'pip 19.0 removed it; write the dependency as name @ URL'],
  ['-Z', 'pip removed it'],
  ['--always-unzip', 'pip removed it'],
  ['--allow-external', 'pip removed it'],
  ['--allow-all-external', 'pip removed it'],
  ['--allow-unverified', 'pip removed it'],
  ['--no-deps', 'a pip install option; requirements files do not accept it'],
  ['--upgrade', 'a pip install option; requirements files do not accept it'],
  ['-U', 'a pip install option; requirements files do not accept it'],
  ['--user', 'a pip install option; requirements files do not accept it'],
  ['--no-cache-dir', 'a pip install option; requirements files do not accept it'],
  ['--force-reinstall', 'a pip install option; requirements files do not accept it'],
  ['--no-build-isolation', 'a pip install option; requirements files do not accept it'],
]);

export interface OptionUse {
  spec: OptionSpec;
  /** The option's name as optparse reports it: the short flag, or the full long flag. */
  flag: string;
  value: string | null;
  /** Offsets in the logical line: the option word, and its value. */
  start: number;
  valueStart: number;
  valueEnd: number;
}

export interface ParsedOptions {
  uses: readonly OptionUse[];
  /** Words optparse leaves as arguments; pip drops them without a word. */
  ignored: readonly Word[];
}

export const NO_OPTIONS: ParsedOptions = { uses: [], ignored: [] };

type OptionsResult = { ok: true; options: ParsedOptions } | { ok: false; message: string; offset: number };

/** optparse's parse_args over the words of `text` from `start`, as pip's line parser calls it. */
export function parseOptions(text: string, start: number): OptionsResult {
  const split = shlexSplit(text, start);
  if (!split.ok)
    return { ok: false, message: `Could not split options: ${quoteInput(text.slice(start))}: ${split.message}`, offset: start };
  const words = split.words;
  const uses: OptionUse[] = [];
  const ignored: Word[] = [];
  for (let index = 0; index < words.length; index++) {
    const word = words[index] as Word;
    const arg = word.value;
    if (arg === '--') {
      for (let rest = index + 1; rest < words.length; rest++) ignored.push(words[rest] as Word);
      break;
    }
    let spec: OptionSpec | undefined;
    let flag: string;
    let value: string | null = null;
    let valueStart = word.end;
    let valueEnd = word.end;
    if (arg.startsWith('--')) {
      const equals = arg.indexOf('=');
      const written = equals < 0 ? arg : arg.slice(0, equals);
      const matched = matchLongOption(written);
      if (!matched.ok) return { ok: false, message: matched.message, offset: word.start };
      spec = LONG_OPTIONS.get(matched.flag) as OptionSpec;
      flag = matched.flag;
      if (equals >= 0) {
        if (!spec.takesValue) return { ok: false, message: `${flag} option does not take a value`, offset: word.start };
        value = arg.slice(equals + 1);
        valueStart = Math.min(word.start + equals + 1, word.end);
      }
    } else if (arg.startsWith('-') && arg.length > 1) {
      flag = arg.slice(0, 2);
      spec = SHORT_OPTIONS.get(flag);
      if (!spec) return { ok: false, message: noSuchOption(flag), offset: word.start };
      // Every short option here takes a value: the rest of the word, else the next word.
      if (arg.length > 2) {
        value = arg.slice(2);
        valueStart = Math.min(word.start + 2, word.end);
      }
    } else {
      ignored.push(word);
      continue;
    }
    if (spec.takesValue && value === null) {
      const next = words[index + 1];
      if (!next) return { ok: false, message: `${flag} option requires 1 argument`, offset: word.start };
      value = next.value;
      valueStart = next.start;
      valueEnd = next.end;
      index++;
    }
    const problem = value !== null && spec.check ? spec.check(value, flag) : null;
    if (problem) return { ok: false, message: problem, offset: valueStart };
    uses.push({ spec, flag, value, start: word.start, valueStart, valueEnd });
  }
  return { ok: true, options: { uses, ignored } };
}

/** optparse accepts any unambiguous prefix of a long option. */
function matchLongOption(written: string): { ok: true; flag: string } | { ok: false; message: string } {
  if (LONG_OPTIONS.has(written)) return { ok: true, flag: written };
  const candidates = [...LONG_OPTIONS.keys()].filter((flag) => flag.startsWith(written));
  if (candidates.length === 1) return { ok: true, flag: candidates[0] as string };
  if (candidates.length === 0) return { ok: false, message: noSuchOption(written) };
  return { ok: false, message: `ambiguous option: ${written} (${candidates.sort().join(', ')}?)` };
}

function noSuchOption(flag: string): string {
  const why = NOT_REQUIREMENTS_FILE_OPTIONS.get(flag);
  return why ? `no such option: ${flag} (${why})` : `no such option: ${flag}`;
}

export function isEditableUse(use: OptionUse): boolean {
  return use.spec.dest === 'editables';
}

/** pip's break_args_options: the first space-separated token that starts with `-` begins the options. */
export function findOptionStart(text: string): number {
  for (let at = 0; at < text.length;) {
    if (text.charCodeAt(at) === DASH) return at;
    const space = text.indexOf(' ', at);
    if (space < 0) return -1;
    at = space + 1;
  }
  return -1;
}

const DASH = 0x2d;
