// A conda environment file (`environment.yml`, as `conda env create -f` and `mamba`/`micromamba
// create -f` read it): its channels, its conda packages (translated by conda-spec.ts to PyPI names
// and PEP 440 specifiers, or to the Python and CUDA versions they select), and its nested `pip:` list,
// which conda writes to a requirements file and installs with `pip install -r` from the environment
// file's folder once the conda packages are in: so the list is read here exactly as pip reads a
// requirements file, `-r`, `--extra-index-url` and all, at its own lines and columns.
//
// Environment files are plain block YAML in practice. They are read here line by line (the yaml
// package costs a check's start-up more than reading them does), following the forms conda's own
// `conda env export` writes and people write by hand: top-level keys, `- item` lists (indented or
// not), `- pip:` with its nested list, one-line `[a, b]` lists, quoted and plain scalars, comments.
// A form outside that (anchors, block scalars, multi-line scalars, tabs) ends the reading with one
// notice: what was read before it is checked, nothing after it is guessed.

import { bareRequirement, canonicalName, emptyFile, type Diagnostic, type ParsedFile } from '../model.js';
import { condaMeaning, readCondaSpec } from './conda-spec.js';
import { parseRequirementsFile } from './requirements/reader.js';
import { splitLines } from './text.js';

export interface CondaEnvironmentOptions {
  env?: Record<string, string | undefined>;
}

export interface CondaEnvironmentResult {
  file: ParsedFile;
  diagnostics: Diagnostic[];
}

/** A scalar of the file: its value, and where its first character is (1-based line, 0-based column). */
interface Scalar {
  value: string;
  line: number;
  column: number;
}

/**
 * Whether a file found under one of the broader names (`environment-gpu.yml`, `conda.yaml`) is a
 * conda environment file: one with a top-level `dependencies:` key.
 */
export function isCondaEnvironment(text: string): boolean {
  return /^dependencies[ \t]*:/m.test(text);
}

export function parseCondaEnvironment(path: string, text: string, options: CondaEnvironmentOptions = {}): CondaEnvironmentResult {
  const read = readEnvironmentYaml(text);
  const file: ParsedFile = {
    ...emptyFile(path, 'conda'),
    channels: read.channels.map((channel) => ({
      name: channel.value,
      line: channel.line,
      column: channel.column + 1,
      endColumn: channel.column + channel.value.length,
    })),
  };
  const diagnostics: Diagnostic[] = [];
  if (read.stoppedAt !== null) {
    diagnostics.push({
      file: path,
      line: read.stoppedAt.line,
      column: read.stoppedAt.column + 1,
      severity: 'notice',
      message: `${read.stoppedAt.why}: compat-guard reads environment files written in plain block YAML, so the entries from here on are not checked`,
    });
  }
  for (const dependency of read.dependencies) addCondaDependency(file, dependency);
  if (read.pip.length > 0) addPipList(file, diagnostics, path, text, read.pip, options);
  return { file, diagnostics };
}

/** One `dependencies:` entry: a Python project, the Python version, or a CUDA version. */
function addCondaDependency(file: ParsedFile, dependency: Scalar): void {
  const spec = readCondaSpec(dependency.value);
  if (spec === null || spec.specifier === null) return;
  const position = { line: dependency.line, column: dependency.column + 1, endColumn: dependency.column + spec.end };
  const meaning = condaMeaning(spec.name);
  if (meaning.kind !== 'package') {
    if (spec.version === null || spec.versionAt === null) return;
    // As for every Python and CUDA fact, the version itself is the token.
    const column = dependency.column + spec.versionAt;
    const fact = {
      version: spec.version,
      line: dependency.line,
      column: column + 1,
      endColumn: column + spec.version.length,
      source: dependency.value.slice(0, spec.end),
    };
    (meaning.kind === 'python' ? file.python : file.cuda).push(fact);
  } else {
    const span = { ...position, endLine: dependency.line };
    file.requirements.push({ ...bareRequirement(spec.name, canonicalName(meaning.pypiName), spec.specifier, span), installer: 'conda' });
  }
}

/**
 * The `pip:` list, read by the requirements-file reader from a text of the file's own length in which
 * each item stands at its own line and column and every other line is blank: pip sees the lines conda
 * writes for it, and every record and diagnostic points into the environment file.
 */
function addPipList(
  file: ParsedFile,
  diagnostics: Diagnostic[],
  path: string,
  text: string,
  items: readonly Scalar[],
  options: CondaEnvironmentOptions,
): void {
  const lines: string[] = splitLines(text).map(() => '');
  for (const item of items) lines[item.line - 1] = ' '.repeat(item.column) + item.value;
  // conda runs pip in the environment file's folder: `-r requirements.txt` is the file beside it, as
  // the requirements-file reader resolves it.
  const requirements = parseRequirementsFile(path, lines.join('\n'), { constraint: false, env: options.env });
  file.requirements.push(...requirements.file.requirements);
  file.indexes.push(...requirements.file.indexes);
  file.includes.push(...requirements.file.includes);
  for (const diagnostic of requirements.diagnostics) diagnostics.push({ ...diagnostic, file: path });
}

interface EnvironmentYaml {
  channels: Scalar[];
  dependencies: Scalar[];
  pip: Scalar[];
  /** Where reading stopped at a form this reader does not follow, and why; null when it read the whole file. */
  stoppedAt: { line: number; column: number; why: string } | null;
}

const TOP_LEVEL_KEY = /^([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*:(?:[ \t]+(.*))?$/;
const PIP_ENTRY = /^pip[ \t]*:(?:[ \t]+(.*))?$/;
const UNSUPPORTED_START = /^[&*!|>{?%@`]/;

/** The channels, conda packages and pip items of an environment file's plain block YAML. */
function readEnvironmentYaml(text: string): EnvironmentYaml {
  const result: EnvironmentYaml = { channels: [], dependencies: [], pip: [], stoppedAt: null };
  let section: 'channels' | 'dependencies' | 'other' | null = null;
  let itemIndent: number | null = null;
  /** The indent of the `- pip:` dash while its nested list is read; null outside it. */
  let pipDash: number | null = null;
  const lines = splitLines(text);
  for (let index = 0; index < lines.length; index++) {
    const line = index + 1;
    const raw = lines[index] as string;
    const indent = raw.length - raw.replace(/^ +/, '').length;
    const content = withoutComment(raw.slice(indent)).trimEnd();
    if (content === '' || (indent === 0 && (content === '---' || content.startsWith('%')))) continue;
    const stop = (column: number, why: string): EnvironmentYaml => ({ ...result, stoppedAt: { line, column, why } });
    if (content.startsWith('\t')) return stop(indent, 'a tab in the indentation (YAML allows only spaces there)');
    if (indent === 0 && !content.startsWith('-')) {
      if (content === '...') break;
      const key = TOP_LEVEL_KEY.exec(content);
      if (key === null) return stop(0, 'a top-level line that is not a plain `key:`');
      const name = key[1] as string;
      section = name === 'channels' || name === 'dependencies' ? name : 'other';
      itemIndent = null;
      pipDash = null;
      const value = key[2]?.trim() ?? '';
      if (value !== '' && section !== 'other') {
        const column = raw.indexOf(value, name.length);
        const flow = flowItems(value, line, column);
        if (flow === null) return stop(column, `\`${name}:\` followed by a value that is not a one-line [list]`);
        for (const item of flow) (section === 'channels' ? result.channels : result.dependencies).push(item);
      }
      continue;
    }
    if (section === 'other') continue;
    if (section === null || !(content === '-' || content.startsWith('- ')))
      return stop(indent, 'a line that is not a `- item` of the list above it');
    const itemColumn = indent + 1 + (content.length - 1 - content.slice(1).trimStart().length);
    const itemText = content.slice(itemColumn - indent);
    if (pipDash !== null && indent > pipDash) {
      const item = scalar(itemText, line, itemColumn);
      if (item === null) return stop(itemColumn, 'a pip entry that is not a plain or quoted one-line string');
      result.pip.push(item);
      continue;
    }
    pipDash = null;
    itemIndent ??= indent;
    if (indent !== itemIndent) return stop(indent, 'a list item indented unlike the items before it');
    const pip = section === 'dependencies' ? PIP_ENTRY.exec(itemText) : null;
    if (pip !== null) {
      const value = pip[1]?.trim() ?? '';
      if (value === '') {
        pipDash = indent;
        continue;
      }
      const column = raw.indexOf(value, itemColumn + 4);
      const flow = flowItems(value, line, column);
      if (flow === null || flow.length > 1) return stop(column, 'a `pip:` list written on one line (write one `- item` per line)');
      result.pip.push(...flow);
      continue;
    }
    const item = scalar(itemText, line, itemColumn);
    if (item === null) return stop(itemColumn, 'an entry that is not a plain or quoted one-line string');
    (section === 'channels' ? result.channels : result.dependencies).push(item);
  }
  return result;
}

/** A plain or quoted one-line scalar; null for anything else (a mapping, an anchor, a block scalar, escapes). */
function scalar(text: string, line: number, column: number): Scalar | null {
  if (text === '' || UNSUPPORTED_START.test(text) || text.startsWith('[') || text.startsWith('- ') || text === '-') return null;
  const quote = text[0];
  if (quote === '"' || quote === "'") {
    if (text.length < 2 || !text.endsWith(quote)) return null;
    const inner = text.slice(1, -1);
    // An escape (`\"`, `''`) would shift every column after it: such entries are not worth the guess.
    if (inner.includes(quote) || (quote === '"' && inner.includes('\\'))) return null;
    return { value: inner, line, column: column + 1 };
  }
  // `key: value` (or a bare `key:`) is a mapping, not a package.
  if (/:(?:[ \t]|$)/.test(text)) return null;
  return { value: text, line, column };
}

/** The items of a one-line flow list `[a, "b", c]`; null when `text` is not one. */
function flowItems(text: string, line: number, column: number): Scalar[] | null {
  if (!text.startsWith('[') || !text.endsWith(']')) return null;
  const items: Scalar[] = [];
  let at = 1;
  for (const piece of text.slice(1, -1).split(',')) {
    const lead = piece.length - piece.trimStart().length;
    const value = piece.trim();
    if (value !== '') {
      const item = scalar(value, line, column + at + lead);
      if (item === null) return null;
      items.push(item);
    }
    at += piece.length + 1;
  }
  return items;
}

/** The line without its comment: a `#` at the start or after a blank, outside quotes. */
function withoutComment(text: string): string {
  let quote: string | null = null;
  for (let index = 0; index < text.length; index++) {
    const c = text[index] as string;
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if ((c === '"' || c === "'") && (index === 0 || /[\s[,:-]/.test(text[index - 1] as string))) {
      quote = c;
    } else if (c === '#' && (index === 0 || /\s/.test(text[index - 1] as string))) {
      return text.slice(0, index);
    }
  }
  return text;
}
