// What a RUN command installs: every pip invocation (`pip install`, `pip3.10 install`,
// `python -m pip install`, `/opt/venv/bin/pip install`, `uv pip install`, `conda run ... pip install`,
// in shell form, exec form, `sh -c` strings and heredoc bodies run by a shell) with its requirement
// arguments, `-r`/`-c` files and indexes; and the Python interpreter the command selects
// (`apt-get install python3.10`, `conda install python=3.10`, `uv python install 3.11`,
// `pyenv install 3.10.13`, `python3.10 -m pip`).
//
// Commands are read the way /bin/sh splits them (shell-words.ts) and their words expanded with the
// stage's ARG and ENV values plus the variables the same RUN assigns (`V=1 && pip install x==$V`),
// following `cd` so that relative paths resolve against the right directory.

import type { CudaFact, Include, IndexFact, ParsedFile, PythonFact, RemoteInclude, Requirement, Span } from '../model.js';
import { withoutCredentials } from '../index/url.js';
import { canonicalName, factPosition } from '../model.js';
import { tooManyClauses } from './requirement.js';
import { redactUrl } from './requirements/display.js';
import { readPipRequirement } from './requirements/requirement-forms.js';
import { cudaFromIndexUrl } from './pytorch-index.js';
import { REDIRECTIONS, tokenizeShell } from './shell-words.js';
import type { ShellWord } from './shell-words.js';
import { readCondaInstall } from './conda-install.js';
import { expandWord } from './dockerfile-expand.js';
import { readUvRequirement } from './uv-requirement.js';
import type { Lookup } from './dockerfile-expand.js';
import { positionAt, sliceSource } from './dockerfile-lines.js';
import type { Heredoc, JsonArg, Problem, SourceText } from './dockerfile-lines.js';
import { argOf, explainBuildArgs, spanOf } from './dockerfile-words.js';
import type { Arg, UnsetExplainer } from './dockerfile-words.js';
import { joinPath } from './dockerfile-paths.js';
import { globToRegExp, hasGlobChars } from './glob.js';
import { redirectMessage, RULE as REDIRECT_RULE } from '../check/rules/shell-redirect-in-requirement.js';
import type { DistroPython } from './dockerfile-image.js';

/** Everything a Dockerfile's RUN commands say, in the order they say it. */
export interface RunFacts {
  requirements: Requirement[];
  python: PythonFact[];
  /** CUDA versions conda packages select (`pytorch-cuda=12.1`). */
  cuda: CudaFact[];
  includes: Include[];
  indexes: IndexFact[];
  /** See ParsedFile.buildTimeIndexes. */
  buildTimeIndexes: NonNullable<ParsedFile['buildTimeIndexes']>;
  problems: Problem[];
  /** How many `pip install` commands the file's RUN instructions ran so far (numbers them in build order). */
  installs: number;
  /** `-r`/`-c` of http(s) URLs whose value is known. */
  remoteIncludes: RemoteInclude[];
}

/** What a RUN command runs in: its stage, and what the stage knows. */
export interface RunScope {
  stage: string;
  /** The stage's ARG and ENV values. */
  lookup: Lookup;
  /** The build-context path a container path was copied or mounted from, or null. */
  contextPath(containerPath: string): string | null;
  explainUnset: UnsetExplainer;
  facts: RunFacts;
  /**
   * Says that what `arg` gives is not checked, and why (see DockerfileReader.notChecked): `quiet`
   * when the command runs only in one branch of the script.
   */
  notChecked(span: Span, arg: Arg, what: string, consequence: string, quiet: boolean): void;
  /**
   * Container paths (files or folders) the build fetched or wrote itself (`git clone`, `curl -o`,
   * `ADD URL`, `> FILE`): the stage's, kept across its RUNs.
   */
  fetched: string[];
  /** A number no other shell branch of the file has. */
  nextBranchId(): number;
  /** The python3 of the stage's distribution (`apt-get install python3`), when its image says it. */
  distroPython?: DistroPython | null;
  /** The names of the repository's files in a build-context folder (contextPath's), when the reader has the repository. */
  contextFiles?: ((contextFolder: string) => readonly string[]) | undefined;
}

/** A shell variable; `unknown` says why its value is not what the build will see. */
export interface ShellVariable {
  value: string;
  unknown: Arg['unknown'];
}

/** The shell's own state while it runs one script. */
export interface ShellState {
  vars: Map<string, ShellVariable>;
  /** The working directory; null once a `cd` went somewhere we cannot tell. */
  cwd: string | null;
}

/** Where a command stands in the script's branches: see Requirement.branches. */
interface BranchPlace {
  /** `id:arm` for each branch the command is in. */
  branches: readonly string[];
  /** The command runs only when a branch is taken (a `then`, `else` or `case` arm, the right of `||`). */
  conditional: boolean;
}

/** An `if` or `case` being read: which arm its commands are in (null: the condition or the header, which always run). */
interface BranchFrame {
  kind: 'if' | 'case';
  id: number;
  arm: number | null;
  /** `case` only: the next words are a pattern, up to `)`. */
  expectPattern: boolean;
}

/** A `>` or `<` written against the word before it and the word after it (`numba>=0.57.1`). */
interface GluedRedirection {
  operator: string;
  /** The words before and after it, as written. */
  before: string;
  target: string;
  line: number;
  column: number;
}

const NO_BRANCHES: BranchPlace = { branches: [], conditional: false };
/** Whether a shell word expands `name` (`$name`, `${name}`, `${name:-x}`...). */
function usesVariable(raw: string, name: string): boolean {
  return new RegExp(`\\$(?:${name}(?![A-Za-z0-9_])|\\{${name}(?![A-Za-z0-9_]))`).test(raw);
}

/** Whether a shell word is `name`'s value and nothing else: `$name`, `${name}`, `"$name"`. */
function onlyVariable(raw: string, name: string): boolean {
  return raw === `$${name}` || raw === `\${${name}}` || raw === `"$${name}"` || raw === `"\${${name}}"`;
}

/** Why a variable assigned in a branch, or a loop's variable, is unknown; never said (see RunScope.notChecked). */
const BRANCH_VALUE: NonNullable<Arg['unknown']> = {
  message: 'its value depends on which branch of the script ran',
  severity: 'notice',
  branch: true,
};
const LOOP_VALUE: NonNullable<Arg['unknown']> = { message: 'its value changes on each pass of the loop', severity: 'notice', branch: true };
const ASSIGNABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh']);
const RESERVED_PREFIXES = new Set(['!', '{', '}', 'if', 'then', 'else', 'elif', 'do', 'while', 'until', 'fi', 'done', 'esac']);
const COMPOUND_HEADERS = new Set(['for', 'case', 'select', 'function']);
const SEPARATORS = new Set(['&&', '||', ';', ';;', ';&', ';;&', '&', '|', '|&', '(', ')', '\n']);
/** Separators after which a new list starts: a `||` before them no longer decides what runs. */
const LIST_ENDS = new Set([';', ';;', ';&', ';;&', '&', '(', ')', '\n']);
const CASE_ARM_ENDS = new Set([';;', ';&', ';;&']);
/** Redirections that write their target file: `>`, `>>`, `>|`, `&>`, `2>`. */
const WRITES = /^\d*(?:>|>>|>\||&>|&>>)$/;
/** Words that open, divide or close a compound command; a `||` list does not reach across them. */
const BRANCH_WORDS = new Set(['if', 'then', 'elif', 'else', 'fi', 'case', 'esac', 'do', 'done', 'while', 'until', '{', '}']);
const MAX_NESTING = 8;

/** Commands that run the command after their options, with the options that take a value. */
const WRAPPERS: Readonly<Record<string, ReadonlySet<string>>> = {
  sudo: new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U']),
  env: new Set(['-u', '-C', '-S']),
  nice: new Set(['-n']),
  exec: new Set(),
  time: new Set(),
  nohup: new Set(),
  command: new Set(),
};
const GIT_CLONE_VALUE_OPTIONS = new Set([
  '-b',
  '--branch',
  '-o',
  '--origin',
  '-c',
  '--config',
  '--depth',
  '--reference',
  '--reference-if-able',
  '-u',
  '--upload-pack',
  '-j',
  '--jobs',
  '--separate-git-dir',
  '--shallow-since',
  '--shallow-exclude',
  '--template',
  '--filter',
]);
const CURL_OUTPUT_OPTIONS = new Set(['-o', '--output']);
const COMPILE_OUTPUT_OPTIONS = new Set(['-o', '--output', '--output-file']);
const WGET_OUTPUT_OPTIONS = new Set(['-O', '--output-document']);
const CONDA_RUN_VALUE_OPTIONS = new Set(['-n', '--name', '-p', '--prefix', '--cwd', '-a', '--attach', '-r', '--root-prefix']);
/** The commands `dispatch` reads, besides pip, python and shells. */
const READ_COMMANDS = new Set([
  ...Object.keys(WRAPPERS),
  'export',
  'declare',
  'typeset',
  'readonly',
  'local',
  'cd',
  'uv',
  'apt-get',
  'apt',
  'aptitude',
  'conda',
  'mamba',
  'micromamba',
  'pyenv',
  'git',
  'curl',
  'wget',
  'pip-compile',
  'poetry',
]);

function isReadCommand(name: string): boolean {
  return READ_COMMANDS.has(name) || SHELLS.has(name) || PIP_COMMAND.test(name) || PYTHON_COMMAND.test(name);
}

// pip and uv options that take a value (as the next word, or after `=`): anything else is a flag.
const VALUE_OPTIONS = new Set([
  '--requirement',
  '--constraint',
  '--editable',
  '--target',
  '--platform',
  '--python-version',
  '--implementation',
  '--abi',
  '--root',
  '--prefix',
  '--src',
  '--upgrade-strategy',
  '--index-url',
  '--extra-index-url',
  '--find-links',
  '--no-binary',
  '--only-binary',
  '--progress-bar',
  '--report',
  '--config-settings',
  '--config-setting',
  '--global-option',
  '--install-option',
  '--build-option',
  '--trusted-host',
  '--proxy',
  '--retries',
  '--timeout',
  '--exists-action',
  '--log',
  '--log-file',
  '--cache-dir',
  '--cert',
  '--client-cert',
  '--python',
  '--use-feature',
  '--use-deprecated',
  '--keyring-provider',
  '--root-user-action',
  '--group',
  '--resume-retries',
  '--build-constraint',
  '--uploaded-prior-to',
  '--index',
  '--default-index',
  '--index-strategy',
  '--prerelease',
  '--resolution',
  '--override',
  '--extra',
  '--upgrade-package',
  '--reinstall-package',
  '--no-build-package',
  '--no-binary-package',
  '--exclude-newer',
  '--python-platform',
  '--torch-backend',
  '--link-mode',
  '--directory',
  '--project',
  '--config-file',
  '--color',
  '--fork-strategy',
  '--refresh-package',
]);
const SHORT_VALUE_OPTIONS = new Set(['r', 'c', 'e', 't', 'i', 'f', 'C', 'p', 'P', 'b']);
const LONG_NAMES: Readonly<Record<string, string>> = {
  r: '--requirement',
  c: '--constraint',
  e: '--editable',
  i: '--index-url',
  f: '--find-links',
};
const INDEX_KINDS: Readonly<Record<string, IndexFact['kind']>> = {
  '--index-url': 'index-url',
  '--default-index': 'index-url',
  '--extra-index-url': 'extra-index-url',
  '--index': 'extra-index-url',
  '--find-links': 'find-links',
};
const UV_GLOBAL_VALUE_OPTIONS = new Set(['--cache-dir', '--directory', '--project', '--config-file', '--color', '--python', '-p']);

const PIP_COMMAND = /^pip(?:\d+(?:\.\d+)?)?$/;
const PYTHON_COMMAND = /^python(?:\d+(?:\.\d+)?)?$/;
/** `python3.10`, `pip3.10`: the interpreter is in the command's name. */
const VERSIONED_COMMAND = /^(?:python|pip)(\d+\.\d+)$/;
const APT_PYTHON = /^python(\d+\.\d+)(?:[-=:].*)?$/;
/** The unversioned packages that pull in the distribution's python3. */
const APT_DISTRO_PYTHON = /^python3(?:-(?:pip|dev|venv|full|minimal))?(?:[=:].*)?$/;
const BARE_VERSION = /^(?:cpython-)?(\d+\.\d+(?:\.\d+)?)$/;
const PYTHON_OPTION = /^--python=(?:cpython-)?(\d+\.\d+(?:\.\d+)?)$/;
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
/** A variable left as written in a path: the value of a build argument given at build time. */
const WRITTEN_VARIABLE = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;
/** pip fetches these `-r`/`-c` files instead of reading them from the repository. */
const FETCHED_FILE = /^(?:http|https|file):/i;

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function stripDotSlash(path: string): string {
  let result = path;
  while (result.startsWith('./')) result = result.slice(2);
  return result;
}

class ScriptReader {
  /** Why the shell variables the current word used are unknown, if one is. */
  private inherited: Arg['unknown'] = null;
  /** The `if` and `case` commands the reader is inside, outermost first. */
  private readonly frames: BranchFrame[] = [];
  /** The `||` list being read, and which side of its `||`s the current command is on. */
  private orList = -1;
  private orSide = 0;
  /** The index of the first requirement the current `||` list read. */
  private listStart = 0;
  /** Where the command being read stands, computed once per command. */
  private place: BranchPlace = NO_BRANCHES;
  /** The current command's glued redirections, by the offset where the word before them ends. */
  private glued = new Map<number, GluedRedirection>();
  /** A download went somewhere this reader cannot place: a relative path may be one of its files. */
  private fetchedSomewhere = false;
  /** Whose rules the requirement arguments being read follow: `uv pip install` reads them as uv does. */
  private installer: 'pip' | 'uv' = 'pip';
  /** The number of the `pip install` whose arguments are being read (RunFacts.installs). */
  private install = 0;
  /** The `for` loops being read, innermost last; `values` null when the list is not all literal words. */
  private readonly loops: Array<{ name: string; values: Arg[] | null }> = [];

  private readonly lookup: Lookup = (name) => {
    const variable = this.state.vars.get(name);
    if (variable === undefined) return this.scope.lookup(name);
    this.inherited ??= variable.unknown;
    return variable.value;
  };

  constructor(
    private readonly scope: RunScope,
    private readonly state: ShellState,
    private readonly source: SourceText,
    private readonly escape: string,
    private readonly depth: number,
    /** Where the command that runs this script stands (a `sh -c` string in an `else` arm). */
    private readonly outer: BranchPlace = NO_BRANCHES,
  ) {
    this.newList();
  }

  private newList(): void {
    this.orList = this.scope.nextBranchId();
    this.orSide = 0;
    this.listStart = this.scope.facts.requirements.length;
  }

  /**
   * `||`: the commands after it run only when those before it failed. The requirements read before
   * the first `||` of a list are marked as its left side only now: most lists have no `||`.
   */
  private orElse(): void {
    if (this.orSide === 0) {
      const left = `${this.orList}:0`;
      const { requirements } = this.scope.facts;
      for (let i = this.listStart; i < requirements.length; i += 1) {
        const requirement = requirements[i]!;
        requirement.branches = [...(requirement.branches ?? []), left];
      }
    }
    this.orSide += 1;
  }

  /** Where the next command stands: its `if`/`case` arms and its side of the current `||` list. */
  private currentPlace(): BranchPlace {
    const branches = [...this.outer.branches];
    let conditional = this.outer.conditional || this.orSide > 0;
    for (const frame of this.frames) {
      if (frame.arm === null) continue;
      branches.push(`${frame.id}:${frame.arm}`);
      conditional = true;
    }
    if (this.orSide > 0) branches.push(`${this.orList}:${this.orSide}`);
    return { branches, conditional };
  }

  /**
   * Follows the words that open and divide `if` and `case`; `atStart`: the word begins a command.
   * Returns true when the word is a `case` pattern, which is no command.
   */
  private branchWord(raw: string, atStart: boolean): boolean {
    const top = this.frames[this.frames.length - 1];
    if (top?.kind === 'case' && top.expectPattern) {
      if (raw === 'esac') this.frames.pop();
      return raw !== 'esac';
    }
    if (!atStart || !BRANCH_WORDS.has(raw)) return false;
    this.newList();
    switch (raw) {
      case 'if':
        this.frames.push({ kind: 'if', id: this.scope.nextBranchId(), arm: null, expectPattern: false });
        break;
      case 'then':
        // An `elif`'s `then` keeps the arm its condition opened: both run when the `elif` is reached.
        if (top?.kind === 'if' && top.arm === null) top.arm = 0;
        break;
      case 'elif':
      case 'else':
        if (top?.kind === 'if') top.arm = (top.arm ?? 0) + 1;
        break;
      case 'fi':
      case 'esac':
        if (top?.kind === (raw === 'fi' ? 'if' : 'case')) this.frames.pop();
        break;
      default:
    }
    return false;
  }

  private problem(span: Span | { line: number; column: number }, severity: Problem['severity'], message: string): void {
    this.scope.facts.problems.push({ line: span.line, column: span.column, severity, message });
  }

  private argOf(word: ShellWord): Arg {
    this.inherited = null;
    const arg = argOf(this.source, word, this.lookup, { escape: this.escape, shell: true, keepUnset: true }, this.scope.explainUnset);
    // `URL="...$(python --version)..." && pip install -c "$URL"`: the word is as unknown as the variable.
    if (arg.unknown === null && this.inherited !== null) arg.unknown = this.inherited;
    return arg;
  }

  /** Reads a script: its simple commands in order, with the heredoc bodies they read. */
  readScript(heredocs: Heredoc[]): void {
    const { tokens, error } = tokenizeShell(this.source.text, { escape: this.escape });
    if (error !== null) this.problem(positionAt(this.source, error.offset), 'error', `shell syntax: ${error.message}`);
    // Bodies by delimiter, each read in order: `<<A ... <<A` takes the first A, then the second.
    const pending = new Map<string, { bodies: Heredoc[]; next: number }>();
    for (const heredoc of heredocs) {
      const queue = pending.get(heredoc.name);
      if (queue === undefined) pending.set(heredoc.name, { bodies: [heredoc], next: 0 });
      else queue.bodies.push(heredoc);
    }
    let words: ShellWord[] = [];
    let bodies: Heredoc[] = [];
    let redirection: string | null = null;
    /** The last word and redirection operator, to find `numba>=1` (written without spaces). */
    let previousWord: ShellWord | null = null;
    let gluedOperator: { op: string; start: number; end: number; after: ShellWord } | null = null;
    /** `case WORD in`: the header is read up to `in`. */
    let caseHeader = false;
    const flush = (): void => {
      if (words.length > 0) {
        this.place = this.currentPlace();
        this.readCommand(words, bodies);
      }
      words = [];
      bodies = [];
      this.glued = new Map();
    };
    for (const token of tokens) {
      // The word the syntax error is in would only repeat it.
      if (error !== null && token.start <= error.offset && error.offset < token.end) continue;
      if (token.kind === 'word') {
        const glue = gluedOperator;
        gluedOperator = null;
        if (redirection === null) {
          if (caseHeader && token.raw === 'in') {
            caseHeader = false;
            words = [];
            this.frames.push({ kind: 'case', id: this.scope.nextBranchId(), arm: null, expectPattern: true });
            continue;
          }
          const atStart = words.every((word) => RESERVED_PREFIXES.has(word.raw));
          if (this.branchWord(token.raw, atStart)) continue;
          if (atStart && token.raw === 'case') caseHeader = true;
          words.push(token);
          previousWord = token;
        } else if (glue !== null && token.start === glue.end) {
          const at = positionAt(this.source, glue.start);
          this.glued.set(glue.after.end, {
            operator: glue.op,
            before: glue.after.raw,
            target: token.raw,
            line: at.line,
            column: at.column,
          });
        } else if (WRITES.test(redirection)) {
          // `grep '^torch' reqs.txt > /tmp/torch.txt`: a file the build writes itself.
          this.wrote(this.argOf(token));
        }
        if (redirection !== null && (redirection.endsWith('<<') || redirection.endsWith('<<-'))) {
          const name = expandWord(token.raw, () => undefined, { escape: '\\', keepUnset: true }).value;
          const queue = pending.get(name);
          const body = queue?.bodies[queue.next];
          if (queue !== undefined && body !== undefined) {
            queue.next += 1;
            bodies.push(body);
          }
        }
        redirection = null;
      } else if (SEPARATORS.has(token.op)) {
        redirection = null;
        flush();
        const top = this.frames[this.frames.length - 1];
        if (top?.kind === 'case' && top.expectPattern && token.op === ')') {
          // `pattern)`: the commands up to `;;` are one arm.
          top.expectPattern = false;
          top.arm = (top.arm ?? -1) + 1;
          this.newList();
        } else if (top?.kind === 'case' && CASE_ARM_ENDS.has(token.op)) {
          top.expectPattern = true;
        } else if (token.op === '||') {
          this.orElse();
        } else if (token.op === '&&' && this.orSide > 0) {
          // `a || b && c` is `(a || b) && c`: c runs after either side, so it is on neither.
          this.newList();
        } else if (LIST_ENDS.has(token.op)) {
          this.newList();
        }
      } else {
        const op = token.op.replace(/^\d+/, '');
        redirection = REDIRECTIONS.has(op) ? token.op : null;
        gluedOperator =
          (op === '>' || op === '<') && op === token.op && previousWord !== null && previousWord.end === token.start
            ? { op, start: token.start, end: token.end, after: previousWord }
            : null;
      }
      if (token.kind === 'operator') previousWord = null;
    }
    flush();
  }

  private readCommand(words: ShellWord[], bodies: Heredoc[]): void {
    let first = 0;
    while (first < words.length && RESERVED_PREFIXES.has(words[first]!.raw)) {
      if (words[first]!.raw === 'done') this.loops.pop();
      first += 1;
    }
    if (first >= words.length) return;
    if (words[first]!.raw === 'for' && words[first + 1] !== undefined && ASSIGNABLE.test(words[first + 1]!.raw)) {
      // `for f in reqs/*.txt; do pip install -r $f; done`: the value changes on each pass.
      const name = words[first + 1]!.raw;
      this.state.vars.set(name, { value: `$${name}`, unknown: LOOP_VALUE });
      this.loops.push({ name, values: this.loopValues(words.slice(first + 2)) });
    }
    if (COMPOUND_HEADERS.has(words[first]!.raw)) return;
    let command = first;
    while (command < words.length && ASSIGNMENT.test(words[command]!.raw)) command += 1;
    if (command === words.length) {
      this.assign(words.slice(first).map((word) => this.argOf(word)));
      return;
    }
    // Only the commands we read are worth expanding: `rm -rf /var/lib/apt/lists/*` is not.
    const head = this.argOf(words[command]!);
    if (!isReadCommand(basename(head.value))) return;
    const rest = words.slice(command + 1);
    const loop = [...this.loops]
      .reverse()
      .find((candidate) => candidate.values !== null && rest.some((word) => usesVariable(word.raw, candidate.name)));
    if (loop === undefined) {
      this.dispatch([head, ...rest.map((word) => this.argOf(word))], bodies);
      return;
    }
    // `for p in a b c; do pip install $p; done` installs a, b and c: the command is read once per value.
    const variables = this.state.vars;
    const during = variables.get(loop.name);
    for (const value of loop.values as Arg[]) {
      variables.set(loop.name, { value: value.value, unknown: null });
      // A word that is the variable alone is the list's word, where a finding about it belongs.
      this.dispatch([head, ...rest.map((word) => (onlyVariable(word.raw, loop.name) ? value : this.argOf(word)))], bodies);
    }
    if (during !== undefined) variables.set(loop.name, during);
  }

  /** `in a b c`: the list's words when each is a literal (no variable, substitution or pattern). */
  private loopValues(words: readonly ShellWord[]): Arg[] | null {
    if (words[0]?.raw !== 'in' || words.length < 2) return null;
    const values = words.slice(1).map((word) => this.argOf(word));
    return values.every((value) => value.unknown === null && value.glob !== true && value.verbatim) ? values : null;
  }

  private assign(assignments: Arg[]): void {
    for (const arg of assignments) {
      const equals = arg.value.indexOf('=');
      if (equals <= 0) continue;
      // The value is kept even when it is unknown: a message quoting it still helps. One assigned in
      // a branch (`if ...; then V=a; else V=b; fi`) holds whichever arm ran, which only the build knows.
      const unknown = arg.unknown ?? (this.place.conditional ? BRANCH_VALUE : null);
      this.state.vars.set(arg.value.slice(0, equals), { value: arg.value.slice(equals + 1), unknown });
    }
  }

  /** Reads one command given as its arguments, with the heredoc bodies it reads. */
  dispatch(argv: Arg[], bodies: Heredoc[]): void {
    const head = argv[0];
    if (head === undefined) return;
    const name = basename(head.value);
    const rest = argv.slice(1);
    const versioned = VERSIONED_COMMAND.exec(name);
    if (versioned !== null && head.unknown === null) {
      const offset = head.value.length - name.length;
      const at = name.indexOf(versioned[1]!);
      this.python(versioned[1]!, name, spanOf(head, offset + at, offset + at + versioned[1]!.length));
    }
    if (PIP_COMMAND.test(name)) return this.pip(rest);
    if (PYTHON_COMMAND.test(name)) return this.pythonCommand(rest);
    switch (name) {
      case 'export':
      case 'declare':
      case 'typeset':
      case 'readonly':
      case 'local':
        return this.assign(rest.filter((arg) => ASSIGNMENT.test(arg.value)));
      case 'cd':
        return this.changeDirectory(rest);
      case 'env': {
        const wrapped = skipOptions(rest, WRAPPERS.env!);
        const command = wrapped.findIndex((arg) => !ASSIGNMENT.test(arg.value));
        return command < 0 ? undefined : this.dispatch(wrapped.slice(command), bodies);
      }
      case 'sudo':
      case 'exec':
      case 'time':
      case 'nohup':
      case 'command':
      case 'nice':
        return this.dispatch(skipOptions(rest, WRAPPERS[name]!), bodies);
      case 'uv':
        return this.uv(rest);
      case 'apt-get':
      case 'apt':
      case 'aptitude':
        return this.apt(rest, name);
      case 'conda':
      case 'mamba':
      case 'micromamba':
        return this.conda(rest, name, bodies);
      case 'pyenv':
        return this.pyenv(rest);
      case 'git':
        return this.gitClone(rest);
      case 'curl':
      case 'wget':
        return this.download(rest, name);
      case 'pip-compile':
        return this.compiled(rest);
      case 'poetry':
        return rest[0]?.value === 'export' ? this.compiled(rest.slice(1)) : undefined;
      default:
        if (SHELLS.has(name)) this.shell(rest, bodies);
    }
  }

  /** `git clone [options] URL [DIR]`: DIR (or the URL's last part) holds files the build fetched. */
  private gitClone(args: Arg[]): void {
    const clone = args.findIndex((arg) => arg.value === 'clone');
    if (clone < 0) return;
    const operands: Arg[] = [];
    for (let i = clone + 1; i < args.length; i += 1) {
      const value = args[i]!.value;
      if (value === '--') {
        operands.push(...args.slice(i + 1));
        break;
      }
      if (value.startsWith('-')) {
        if (GIT_CLONE_VALUE_OPTIONS.has(value)) i += 1;
        continue;
      }
      operands.push(args[i]!);
    }
    const [url, directory] = operands;
    if (url === undefined) return;
    this.fetched(directory ?? { ...url, value: basename(url.value.replace(/\/+$/, '')).replace(/\.git$/, '') });
  }

  /** `curl -o FILE URL`, `curl -O URL`, `wget -O FILE URL`, `wget URL`: the file the build downloaded. */
  private download(args: Arg[], name: string): void {
    const outputs = name === 'curl' ? CURL_OUTPUT_OPTIONS : WGET_OUTPUT_OPTIONS;
    let named: Arg | null = null;
    const urls: Arg[] = [];
    for (let i = 0; i < args.length; i += 1) {
      const value = args[i]!.value;
      if (outputs.has(value)) {
        named = args[i + 1] ?? null;
        i += 1;
      } else if (value.startsWith('--output=') || value.startsWith('--output-document=')) {
        named = { ...args[i]!, value: value.slice(value.indexOf('=') + 1) };
      } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
        urls.push(args[i]!);
      }
    }
    if (named !== null && named.value !== '-') return this.fetched(named);
    // `curl -O URL` and `wget URL` save under the URL's last part.
    const saves =
      name === 'wget' || args.some((arg) => arg.value === '-O' || arg.value === '--remote-name' || /^-[a-zA-Z]*O/.test(arg.value));
    if (saves && named === null) for (const url of urls) this.fetched({ ...url, value: basename(url.value.split(/[?#]/)[0]!) });
  }

  /**
   * `pip-compile -o FILE`, `uv pip compile -o FILE`, `uv export -o FILE`, `poetry export -o FILE`: a
   * requirements file the build writes itself.
   */
  private compiled(args: Arg[]): void {
    for (let i = 0; i < args.length; i += 1) {
      const value = args[i]!.value;
      const output = args[i + 1];
      if (COMPILE_OUTPUT_OPTIONS.has(value) && output !== undefined) this.wrote(output);
      else if (/^--output(?:-file)?=/.test(value)) this.wrote({ ...args[i]!, value: value.slice(value.indexOf('=') + 1) });
    }
  }

  /** Records a container path the build fetched; one it cannot place (an unknown directory) hides every path not from the context after it. */
  private fetched(path: Arg): void {
    if (!this.wrote(path)) this.fetchedSomewhere = true;
  }

  /** Records a file the build writes at `path`; false when the path cannot be placed. */
  private wrote(path: Arg): boolean {
    if (path.unknown !== null || path.value === '' || (this.state.cwd === null && !path.value.startsWith('/'))) return false;
    this.scope.fetched.push(joinPath(this.state.cwd ?? '/', path.value));
    return true;
  }

  /** Whether the container path `path` is, or lies in, something the build fetched. */
  private isFetched(path: string): boolean {
    return this.scope.fetched.some((fetched) => path === fetched || path.startsWith(`${fetched}/`));
  }

  private python(version: string, source: string, span: Span): void {
    this.scope.facts.python.push({ version, ...factPosition(span), source, stage: this.scope.stage });
  }

  private changeDirectory(args: Arg[]): void {
    const target = args.find((arg) => !arg.value.startsWith('-'));
    if (target === undefined || target.unknown !== null || target.value.startsWith('~')) {
      this.state.cwd = null;
      return;
    }
    this.state.cwd = this.state.cwd === null && !target.value.startsWith('/') ? null : joinPath(this.state.cwd ?? '/', target.value);
  }

  /** `python -m pip ...`, after the interpreter's own options. */
  private pythonCommand(args: Arg[]): void {
    for (let i = 0; i < args.length; i += 1) {
      const value = args[i]!.value;
      if (value === '-m') return args[i + 1]?.value === 'pip' ? this.pip(args.slice(i + 2)) : undefined;
      if (value === '-mpip') return this.pip(args.slice(i + 1));
      if (!value.startsWith('-') || value === '-c' || value === '-') return;
      if (value === '-W' || value === '-X') i += 1;
    }
  }

  /** `bash -e <<EOF` or `bash -c '...'`: the body or string is a script too. */
  private shell(args: Arg[], bodies: Heredoc[]): void {
    if (this.depth >= MAX_NESTING) return;
    const flag = args.findIndex((arg) => arg.value.startsWith('-') && !arg.value.startsWith('--') && arg.value.includes('c'));
    if (flag >= 0) {
      const script = args[flag + 1];
      // The outer shell expanded the string already; what is left is the inner shell's.
      if (script !== undefined && script.unknown === null) this.nested(scriptSource(script), new Map()).readScript([]);
      return;
    }
    if (args.some((arg) => !arg.value.startsWith('-'))) return;
    for (const body of bodies) {
      // An unquoted delimiter lets the outer shell expand the body, with its own variables.
      this.nested(body.body, body.expand ? new Map(this.state.vars) : new Map()).readScript([]);
    }
  }

  private nested(source: SourceText, vars: Map<string, ShellVariable>): ScriptReader {
    return new ScriptReader(this.scope, { vars, cwd: this.state.cwd }, source, '\\', this.depth + 1, this.place);
  }

  private uv(args: Arg[]): void {
    let i = 0;
    while (i < args.length && args[i]!.value.startsWith('-')) {
      i += UV_GLOBAL_VALUE_OPTIONS.has(args[i]!.value) ? 2 : 1;
    }
    const command = args[i]?.value;
    const sub = args[i + 1]?.value;
    if (command === 'pip' && (sub === 'install' || sub === 'sync')) {
      this.installer = 'uv';
      this.pipInstall(args.slice(i + 2), sub === 'sync');
      this.installer = 'pip';
      return;
    }
    if (command === 'export' || (command === 'pip' && sub === 'compile')) return this.compiled(args.slice(i + 1));
    if (command === 'python' && sub === 'install') {
      for (const arg of args.slice(i + 2)) this.versionArg(arg, BARE_VERSION, `uv python install`);
      return;
    }
    if (command === 'venv') {
      const options = args.slice(i + 1);
      for (let j = 0; j < options.length; j += 1) {
        const option = options[j]!;
        if (option.value === '--python' || option.value === '-p') {
          const value = options[j + 1];
          if (value !== undefined) this.versionArg(value, BARE_VERSION, `uv venv ${option.value}`);
        } else if (option.value.startsWith('--python=')) {
          this.versionArg(option, PYTHON_OPTION, 'uv venv');
        }
      }
    }
  }

  /** Records the version `pattern` captures in `arg`, with `context` before it as the source. */
  private versionArg(arg: Arg, pattern: RegExp, context: string): void {
    if (arg.unknown !== null) return;
    const match = pattern.exec(arg.value);
    if (match === null) return;
    const version = match[1]!;
    const at = arg.value.indexOf(version);
    const source = `${context} ${arg.value}`.trim();
    this.python(version, source, spanOf(arg, at, at + version.length));
  }

  private apt(args: Arg[], name: string): void {
    const install = args.findIndex((arg) => arg.value === 'install');
    if (install < 0) return;
    for (const arg of args.slice(install + 1)) {
      if (arg.unknown !== null || !APT_PYTHON.test(arg.value)) continue;
      // One fact per command: python3.10 python3.10-dev python3.10-venv all say 3.10.
      return this.versionArg(arg, APT_PYTHON, `${name} install`);
    }
    // `python3`, `python3-pip`, `python3-dev`: the distribution's own python3.
    const distro = this.scope.distroPython;
    const package3 = distro ? args.slice(install + 1).find((arg) => arg.unknown === null && APT_DISTRO_PYTHON.test(arg.value)) : undefined;
    if (distro && package3)
      this.python(distro.version, `${name} install ${package3.value} (python3 of ${distro.distro})`, spanOf(package3));
  }

  private conda(args: Arg[], name: string, bodies: Heredoc[]): void {
    const command = args.find((arg) => !arg.value.startsWith('-'));
    if (command === undefined) return;
    if (command.value === 'run') {
      const inner = args.slice(args.indexOf(command) + 1);
      return this.dispatch(skipOptions(inner, CONDA_RUN_VALUE_OPTIONS), bodies);
    }
    if (command.value !== 'install' && command.value !== 'create' && command.value !== 'update') return;
    readCondaInstall(args.slice(args.indexOf(command) + 1), `${name} ${command.value}`, name, this.scope.stage, this.scope.facts);
  }

  private pyenv(args: Arg[]): void {
    if (args[0]?.value !== 'install') return;
    const version = args.slice(1).find((arg) => !arg.value.startsWith('-'));
    if (version !== undefined) this.versionArg(version, BARE_VERSION, 'pyenv install');
  }

  /** `pip [global options] install ...`: finds the subcommand. */
  private pip(args: Arg[]): void {
    for (let i = 0; i < args.length; i += 1) {
      const value = args[i]!.value;
      if (!value.startsWith('-')) {
        if (value === 'install') this.pipInstall(args.slice(i + 1), false);
        return;
      }
      if (VALUE_OPTIONS.has(value)) i += 1;
    }
  }

  /** The arguments of `pip install` (or `uv pip install`; `uv pip sync` takes files only). */
  private pipInstall(args: Arg[], filesOnly: boolean): void {
    this.install = ++this.scope.facts.installs;
    for (let i = 0; i < args.length; i += 1) {
      const arg = args[i]!;
      const { value } = arg;
      if (value === '--') {
        for (const positional of args.slice(i + 1)) this.positional(positional, filesOnly);
        return;
      }
      if (value.startsWith('--')) {
        const equals = value.indexOf('=');
        const option = equals >= 0 ? value.slice(0, equals) : value;
        if (equals >= 0) this.option(option, arg, equals + 1);
        else if (VALUE_OPTIONS.has(option)) {
          i += 1;
          const next = args[i];
          if (next !== undefined) this.option(option, next, 0);
        }
        continue;
      }
      if (value.startsWith('-') && value.length > 1) {
        for (let j = 1; j < value.length; j += 1) {
          const letter = value[j]!;
          if (!SHORT_VALUE_OPTIONS.has(letter)) continue;
          const option = LONG_NAMES[letter] ?? `-${letter}`;
          if (j + 1 < value.length) this.option(option, arg, j + 1);
          else {
            i += 1;
            const next = args[i];
            if (next !== undefined) this.option(option, next, 0);
          }
          break;
        }
        continue;
      }
      this.positional(arg, filesOnly);
    }
  }

  private positional(arg: Arg, filesOnly: boolean): void {
    if (filesOnly) this.include(arg, false);
    else this.requirement(arg, false);
  }

  /** An option's value: `arg.value` from `from` on (`--index-url=URL`, `-rfile`), or the whole next word. */
  private option(option: string, arg: Arg, from: number): void {
    const value: Arg = from === 0 ? arg : { ...arg, value: arg.value.slice(from), start: arg.verbatim ? arg.start + from : arg.start };
    switch (option) {
      case '--requirement':
        return this.include(value, false);
      case '--constraint':
        return this.include(value, true);
      case '--editable':
        return this.requirement(value, true);
      default: {
        const kind = INDEX_KINDS[option];
        if (kind !== undefined) this.index(value, kind);
      }
    }
  }

  private index(arg: Arg, kind: IndexFact['kind']): void {
    const span = spanOf(arg);
    if (arg.unknown !== null) {
      this.scope.notChecked(span, arg, `package index ${redactUrl(arg.value)}`, 'it is not checked', this.place.conditional);
      this.scope.facts.buildTimeIndexes.push({ ...factPosition(span), stage: this.scope.stage });
      return;
    }
    this.scope.facts.indexes.push({
      url: redactUrl(arg.value),
      ...factPosition(span),
      kind,
      cuda: cudaFromIndexUrl(arg.value),
      stage: this.scope.stage,
    });
  }

  private include(arg: Arg, constraint: boolean): void {
    const flag = constraint ? '-c' : '-r';
    const span = spanOf(arg);
    if (FETCHED_FILE.test(arg.value)) {
      this.problem(span, 'notice', `${flag} ${redactUrl(arg.value)} is a URL; not fetched, so its pins are not checked`);
      if (arg.unknown === null && /^https?:\/\//i.test(arg.value)) {
        this.scope.facts.remoteIncludes.push({
          url: withoutCredentials(arg.value),
          ...factPosition(span),
          constraint,
          stage: this.scope.stage,
        });
      }
      return;
    }
    if (arg.unknown !== null) {
      this.scope.notChecked(span, arg, `${flag} ${arg.value}`, 'it is not checked', this.place.conditional);
      return;
    }
    // `-r reqs/*.txt`: the shell expands the pattern to files in the image.
    if (arg.glob === true) return;
    const containerPath = arg.value.startsWith('/') ? arg.value : this.state.cwd === null ? null : joinPath(this.state.cwd, arg.value);
    // The build fetched or wrote it (a clone, a download, `> FILE`): no file of the repository.
    if (containerPath !== null && this.isFetched(containerPath)) return;
    const resolved = containerPath === null ? null : this.scope.contextPath(containerPath);
    // After a download to a place we cannot tell, a path no COPY brings may be one of its files.
    if (resolved === null && this.fetchedSomewhere) return;
    // `COPY $EXAMPLE_DIR/requirements.txt ...`: copied from a path given at build time, kept as written.
    const copiedFrom = resolved === null ? [] : [...resolved.matchAll(WRITTEN_VARIABLE)].map((match) => match[1]!);
    if (copiedFrom.length > 0) {
      const from: Arg = {
        ...arg,
        unknown: {
          message: `it is copied from ${resolved}, and ${explainBuildArgs(copiedFrom)}`,
          severity: 'notice',
          buildArgs: copiedFrom,
        },
      };
      this.scope.notChecked(span, from, `${flag} ${arg.value}`, 'it is not checked', this.place.conditional);
      return;
    }
    this.scope.facts.includes.push({
      path: resolved ?? stripDotSlash(arg.value),
      line: span.line,
      constraint,
      stage: this.scope.stage,
      install: this.install,
    });
  }

  private requirement(arg: Arg, editable: boolean): void {
    const span = spanOf(arg);
    if (arg.unknown !== null) {
      this.scope.notChecked(span, arg, `pip install ${arg.value}`, 'it is not checked', this.place.conditional);
      return;
    }
    if (arg.value === '') return;
    // `dist/*.whl`, `lmdeploy*`: the shell expands the pattern to files in the image.
    if (arg.glob === true) {
      this.copiedWheels(arg, editable);
      return;
    }
    const glued = arg.verbatim ? this.glued.get(arg.end) : undefined;
    if (glued !== undefined) this.redirected(glued);
    const read = this.installer === 'uv' ? readUvRequirement(arg.value, editable) : readPipRequirement(arg.value, editable);
    if (!read.ok) {
      // `if [ "$EXTRAS" != "" ]; then pip install .[a,$EXTRAS]`: the condition may exclude the value
      // that makes it invalid (here the default ""), and only the build knows which values reach it.
      if (!arg.verbatim && this.place.conditional) return;
      const at = arg.verbatim ? spanOf(arg, read.offset, read.offset + 1) : span;
      this.problem(at, 'error', read.message);
      return;
    }
    const { name, extras, specifier, marker, url } = read.requirement;
    const unchecked = tooManyClauses(name, specifier);
    if (unchecked !== null) {
      this.problem(span, 'warning', `pip install ${unchecked}`);
      return;
    }
    // Listed field by field: spreading into a literal that adds fields is several times slower in V8.
    const requirement: Requirement = {
      name,
      key: canonicalName(name),
      extras,
      specifier,
      marker,
      url,
      editable,
      constraint: false,
      line: span.line,
      endLine: span.endLine,
      column: span.column,
      endColumn: span.endColumn,
      stage: this.scope.stage,
      install: this.install,
    };
    if (this.place.branches.length > 0) requirement.branches = this.place.branches;
    this.scope.facts.requirements.push(requirement);
  }

  /**
   * `COPY wheels/ /wheels/` then `pip install /wheels/*.whl`: the shell expands the pattern to the files
   * of the folder, which are the repository's when COPY brought it from the build context; their wheel
   * names are read. No match says nothing: the build may write the files (`pip wheel -w`).
   */
  private copiedWheels(arg: Arg, editable: boolean): void {
    const slash = arg.value.lastIndexOf('/');
    const folder = slash < 0 ? '.' : arg.value.slice(0, slash) || '/';
    const pattern = arg.value.slice(slash + 1);
    if (hasGlobChars(folder) || !pattern.endsWith('.whl') || this.scope.contextFiles === undefined) return;
    const containerFolder = folder.startsWith('/') ? folder : this.state.cwd === null ? null : joinPath(this.state.cwd, folder);
    if (containerFolder === null || this.isFetched(containerFolder)) return;
    // The folder a file in it comes from: COPY maps files, not the folder itself (`COPY wheels/ /wheels/`).
    const probe = this.scope.contextPath(`${containerFolder.replace(/\/$/, '')}/-`);
    if (probe === null || (probe !== '-' && !probe.endsWith('/-'))) return;
    const contextFolder = probe.slice(0, -2);
    const matches = globToRegExp(pattern);
    for (const name of this.scope.contextFiles(contextFolder)) {
      // Not verbatim: the name is not written where the finding points, so no fix rewrites the pattern.
      if (matches.test(name))
        this.requirement({ ...arg, value: `${arg.value.slice(0, slash + 1)}${name}`, glob: false, verbatim: false }, editable);
    }
  }

  /** `pip install numba>=0.57.1`: the shell took the bound for a redirection (see the rule's module). */
  private redirected(glued: GluedRedirection): void {
    const written = `${glued.before}${glued.operator}${glued.target}`;
    const fix = /['"\\$`]/.test(written) ? `'${written.replace(/'/g, "'\\''")}'` : `"${written}"`;
    this.scope.facts.problems.push({
      line: glued.line,
      column: glued.column,
      severity: REDIRECT_RULE.severity,
      rule: REDIRECT_RULE.id,
      fix,
      message: redirectMessage(glued.before, glued.operator, glued.target, fix),
    });
  }
}

/** Drops leading options (and the values of `valued` ones) up to the wrapped command. */
function skipOptions(args: Arg[], valued: ReadonlySet<string>): Arg[] {
  let i = 0;
  while (i < args.length && args[i]!.value.startsWith('-')) {
    if (args[i]!.value === '--') return args.slice(i + 1);
    i += valued.has(args[i]!.value) ? 2 : 1;
  }
  return args.slice(i);
}

/** A `-c` script string's own positions: exact when it was written verbatim, else the word's start. */
function scriptSource(arg: Arg): SourceText {
  if (arg.verbatim) return sliceSource(arg.source, arg.start, arg.end);
  const { line, column } = positionAt(arg.source, arg.start);
  return { text: arg.value, segments: [{ offset: 0, line, column }] };
}

/**
 * Reads a shell script (a RUN command in shell form, a heredoc body) with `escape` as its escape
 * character; `heredocs` are the bodies its `<<WORD` redirections read.
 */
export function readShellScript(scope: RunScope, state: ShellState, source: SourceText, escape: string, heredocs: Heredoc[]): void {
  new ScriptReader(scope, state, source, escape, 0).readScript(heredocs);
}

/** A body without a shebang runs in /bin/sh; with one, only a shell's is read as shell. */
function runsInShell(body: string): boolean {
  if (!body.startsWith('#!')) return true;
  const newline = body.indexOf('\n');
  const words = body
    .slice(2, newline >= 0 ? newline : body.length)
    .trim()
    .split(/\s+/);
  const program = words[0]?.endsWith('/env') ? words.slice(1).find((word) => !word.startsWith('-')) : words[0];
  return program !== undefined && SHELLS.has(basename(program));
}

/** `RUN <<EOF` alone: BuildKit runs the body as the script (or, after a shebang, as that program). */
export function readHeredocScript(scope: RunScope, state: ShellState, heredoc: Heredoc): void {
  if (runsInShell(heredoc.body.text)) new ScriptReader(scope, state, heredoc.body, '\\', 0).readScript([]);
}

/** Reads an exec-form RUN (`RUN ["pip", "install", "x"]`): no shell, so nothing is expanded. */
export function readExecForm(scope: RunScope, state: ShellState, source: SourceText, args: JsonArg[]): void {
  const argv = args.map((arg): Arg => ({
    value: arg.value,
    unknown: null,
    source,
    start: arg.start + 1,
    end: arg.end - 1,
    // Escapes (`\"`) make the written text longer than the value.
    verbatim: arg.end - arg.start - 2 === arg.value.length,
  }));
  new ScriptReader(scope, state, source, '\\', 0).dispatch(argv, []);
}
