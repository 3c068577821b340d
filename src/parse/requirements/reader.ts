// A requirements (or constraints) file as pip >= 26 reads it: `req_file.preprocess` (line joining,
// comments, `${VAR}` expansion), `break_args_options` + `shlex.split` + optparse for the options, and
// `constructors.parse_req_from_line` / `parse_editable` for the requirement itself. Every step keeps a
// map back to the physical lines, so that each record and diagnostic points at the text it came from.
//
// This module ties the steps together and records what each line means for the file: a requirement,
// index options, an include. The steps live beside it: logical-lines.ts, options.ts (over shlex.ts),
// requirement-forms.ts and includes.ts.

import { canonicalName, emptyFile, type Diagnostic, type IndexFact, type Include, type ParsedFile, type Severity } from '../../model.js';
import { stripEnd, stripStart } from '../../pep440/version.js';
import { cudaFromIndexUrl } from '../pytorch-index.js';
import { tooManyClauses } from '../requirement.js';
import { withoutCredentials } from '../../index/url.js';
import { quoteInput, redactUrl } from './display.js';
import { includeTarget } from './includes.js';
import {
  columnAt,
  expandVariables,
  lastColumnOnLine,
  lineAt,
  MAX_EXPANSION,
  positionAt,
  readLogicalLines,
  withoutComment,
  type LogicalLine,
} from './logical-lines.js';
import { findOptionStart, isEditableUse, NO_OPTIONS, parseOptions, type OptionUse } from './options.js';
import { readPipRequirement } from './requirement-forms.js';
import type { Word } from './shlex.js';

export interface RequirementsFileOptions {
  /** Read through `-c`: every requirement gets `constraint: true`, and pip's constraint rules apply. */
  constraint: boolean;
  /** Values for `${NAME}`; a name that is unset (or empty) stays as written, as in pip. */
  env?: Record<string, string | undefined>;
}

export interface RequirementsFileResult {
  file: ParsedFile;
  diagnostics: Diagnostic[];
}

export function parseRequirementsFile(path: string, text: string, options: RequirementsFileOptions): RequirementsFileResult {
  const reader = new FileReader(path, options);
  readLogicalLines(text, (logical) => reader.readLogicalLine(logical));
  return { file: reader.file, diagnostics: reader.diagnostics };
}

class FileReader {
  readonly file: ParsedFile;
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly path: string,
    private readonly options: RequirementsFileOptions,
  ) {
    this.file = emptyFile(path, options.constraint ? 'constraints' : 'requirements');
  }

  readLogicalLine(joined: LogicalLine): void {
    let line = withoutComment(joined);
    if (line === null) return;
    if (this.options.env && line.text.includes('${')) {
      const expansion = expandVariables(line, this.options.env);
      if (expansion.tooLong)
        this.report(
          line,
          0,
          'warning',
          `${expansion.tooLong} is left as written: expanding it would make the line over ${MAX_EXPANSION} characters longer`,
        );
      line = expansion.line;
    }
    this.readLine(line);
  }

  private readLine(line: LogicalLine): void {
    const { text } = line;
    const optionStart = findOptionStart(text);
    let options = NO_OPTIONS;
    if (optionStart >= 0) {
      const parsed = parseOptions(text, optionStart);
      if (!parsed.ok) {
        this.report(line, parsed.offset, 'error', parsed.message);
        return;
      }
      options = parsed.options;
    }
    const firstIgnored = options.ignored[0];
    if (firstIgnored) {
      const ignored = text.slice(firstIgnored.start, (options.ignored[options.ignored.length - 1] as Word).end);
      this.report(
        line,
        firstIgnored.start,
        'warning',
        `pip ignores ${quoteInput(ignored)}: after the first option a line holds only options (a marker goes before them)`,
      );
    }
    const args = optionStart < 0 ? text : optionStart === 0 ? '' : text.slice(0, optionStart - 1);
    const editable = options.uses.length === 0 ? undefined : options.uses.find(isEditableUse);
    if (args !== '') {
      // pip 26 takes the text before the options as the requirement, and as an editable one when the
      // line also has -e.
      if (editable)
        this.report(
          line,
          editable.start,
          'warning',
          `pip reads ${quoteInput(args.trimEnd())} as this line's editable requirement and ignores ${editable.flag} ${editable.value}`,
        );
      this.readRequirement(line, args, 0, editable !== undefined, editable ? options.uses.filter((use) => use !== editable) : options.uses);
      return;
    }
    if (editable) {
      this.readRequirement(
        line,
        editable.value as string,
        editable.valueStart,
        true,
        options.uses.filter((use) => use !== editable),
      );
      return;
    }
    this.readOptionLine(line, options.uses);
  }

  private readRequirement(line: LogicalLine, text: string, start: number, editable: boolean, uses: readonly OptionUse[]): void {
    const hashes: string[] = [];
    if (uses.length > 0) this.readRequirementOptions(line, editable, uses, hashes);
    // pip refuses an editable constraint before it reads the requirement.
    if (this.options.constraint && editable) {
      this.report(line, start, 'error', 'Editable requirements are not allowed as constraints');
      return;
    }
    const read = readPipRequirement(text, editable);
    if (!read.ok) {
      this.report(line, start + read.offset, 'error', read.message);
      return;
    }
    const fields = read.requirement;
    const unchecked = tooManyClauses(fields.name, fields.specifier);
    if (unchecked !== null) {
      this.report(line, start, 'warning', unchecked);
      return;
    }
    if (this.options.constraint) {
      const problem = !fields.name
        ? 'Unnamed requirements are not allowed as constraints'
        : fields.extras.length > 0
          ? 'Constraints cannot have extras'
          : null;
      if (problem) {
        this.report(line, start, 'error', problem);
        return;
      }
    }
    const tokenStart = start + stripStart(text, 0, text.length);
    const tokenEnd = start + stripEnd(text, tokenStart - start, text.length);
    const firstLine = lineAt(line.pieces, tokenStart);
    this.file.requirements.push({
      name: fields.name,
      key: canonicalName(fields.name),
      extras: fields.extras,
      specifier: fields.specifier,
      marker: fields.marker,
      url: fields.url,
      editable,
      constraint: this.options.constraint,
      line: firstLine,
      endLine: lineAt(line.pieces, line.text.length - 1),
      column: columnAt(line.pieces, tokenStart),
      endColumn: lastColumnOnLine(line, tokenStart, tokenEnd, firstLine),
      hashes,
    });
  }

  /** The options on a requirement's line: its hashes (into `hashes`), and those pip ignores there. */
  private readRequirementOptions(line: LogicalLine, editable: boolean, uses: readonly OptionUse[], hashes: string[]): void {
    const warned: string[] = [];
    for (const use of uses) {
      const applies = use.spec.scope === 'any-requirement' || (use.spec.scope === 'requirement' && !editable);
      if (!applies) {
        this.warnIgnored(
          line,
          use,
          warned,
          `pip ignores ${use.flag} on ${editable ? 'an editable (-e) line' : 'a requirement line'}: ${use.spec.scope === 'file' ? 'put it on a line of its own' : 'it applies to non-editable requirements only'}`,
        );
      } else if (use.spec.dest === 'hashes') {
        hashes.push(use.value as string);
      }
    }
  }

  private readOptionLine(line: LogicalLine, uses: readonly OptionUse[]): void {
    // pip follows the first -r (else the first -c) of a line and ignores everything else on it.
    const include = uses.find((use) => use.spec.dest === 'requirements') ?? uses.find((use) => use.spec.dest === 'constraints');
    const warned: string[] = [];
    if (include) {
      const flag = include.spec.dest === 'requirements' ? '-r' : '-c';
      for (const use of uses) {
        if (use !== include)
          this.warnIgnored(line, use, warned, `pip ignores ${use.flag} on a line that includes ${flag} ${include.value}`);
      }
      this.readInclude(line, include);
      return;
    }
    let indexUrl: OptionUse | null = null;
    let findLinks: OptionUse | null = null;
    for (const use of uses) {
      switch (use.spec.dest) {
        case 'index_url':
          indexUrl = use; // optparse keeps the last
          break;
        case 'extra_index_urls':
          this.addIndex(line, use, 'extra-index-url');
          break;
        case 'find_links':
          if (findLinks) this.warnIgnored(line, use, warned, `pip reads only the first ${use.flag} of a line; ${use.value} is ignored`);
          else findLinks = use;
          break;
        case 'hashes':
        case 'config_settings':
          this.warnIgnored(line, use, warned, `${use.flag} without a requirement on its line: pip ignores it`);
          break;
      }
    }
    if (indexUrl) this.addIndex(line, indexUrl, 'index-url');
    if (findLinks) this.addIndex(line, findLinks, 'find-links');
  }

  private addIndex(line: LogicalLine, use: OptionUse, kind: NonNullable<IndexFact['kind']>): void {
    const url = use.value as string;
    const at = positionAt(line.pieces, use.valueStart);
    this.file.indexes.push({
      url: redactUrl(url),
      line: at.line,
      column: at.column,
      endColumn: lastColumnOnLine(line, use.valueStart, use.valueEnd, at.line),
      kind,
      cuda: cudaFromIndexUrl(url),
    });
  }

  private readInclude(line: LogicalLine, use: OptionUse): void {
    const constraint = use.spec.dest === 'constraints';
    const flag = constraint ? '-c' : '-r';
    const written = use.value as string;
    const target = includeTarget(this.path, flag, written);
    switch (target.kind) {
      case 'url':
        this.report(line, use.valueStart, 'warning', target.message);
        if (target.fetchable) {
          const place = positionAt(line.pieces, use.valueStart);
          (this.file.remoteIncludes ??= []).push({
            url: withoutCredentials(written),
            line: place.line,
            column: place.column,
            endColumn: lastColumnOnLine(line, use.valueStart, use.valueEnd, place.line),
            constraint,
          });
        }
        return;
      case 'refused':
        this.report(line, target.atFlag ? use.start : use.valueStart, 'error', target.message);
        return;
      case 'file': {
        const include: Include = { path: target.path, line: lineAt(line.pieces, use.start), constraint };
        this.file.includes.push(include);
      }
    }
  }

  /**
   * One warning per option and line: a hostile line can repeat an option a million times. `warned`
   * lists the flags warned about so far, at most one per option pip knows.
   */
  private warnIgnored(line: LogicalLine, use: OptionUse, warned: string[], message: string): void {
    if (warned.includes(use.flag)) return;
    warned.push(use.flag);
    this.report(line, use.start, 'warning', message);
  }

  private report(line: LogicalLine, offset: number, severity: Severity, message: string): void {
    const at = positionAt(line.pieces, Math.min(offset, Math.max(0, line.text.length - 1)));
    this.diagnostics.push({ file: this.path, line: at.line, column: at.column, severity, message });
  }
}
