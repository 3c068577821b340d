export const id = 213;
export const ids = [213];
export const modules = {

/***/ 6213:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   isCondaEnvironment: () => (/* binding */ isCondaEnvironment),
/* harmony export */   parseCondaEnvironment: () => (/* binding */ parseCondaEnvironment)
/* harmony export */ });
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4887);
/* harmony import */ var _conda_spec_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2729);
/* harmony import */ var _requirements_reader_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6417);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6723);
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




/**
 * Whether a file found under one of the broader names (`environment-gpu.yml`, `conda.yaml`) is a
 * conda environment file: one with a top-level `dependencies:` key.
 */
function isCondaEnvironment(text) {
    return /^dependencies[ \t]*:/m.test(text);
}
function parseCondaEnvironment(path, text, options = {}) {
    const read = readEnvironmentYaml(text);
    const file = {
        ...(0,_model_js__WEBPACK_IMPORTED_MODULE_3__/* .emptyFile */ .sX)(path, 'conda'),
        channels: read.channels.map((channel) => ({
            name: channel.value,
            line: channel.line,
            column: channel.column + 1,
            endColumn: channel.column + channel.value.length,
        })),
    };
    const diagnostics = [];
    if (read.stoppedAt !== null) {
        diagnostics.push({
            file: path,
            line: read.stoppedAt.line,
            column: read.stoppedAt.column + 1,
            severity: 'notice',
            message: `${read.stoppedAt.why}: compat-guard reads environment files written in plain block YAML, so the entries from here on are not checked`,
        });
    }
    for (const dependency of read.dependencies)
        addCondaDependency(file, dependency);
    if (read.pip.length > 0)
        addPipList(file, diagnostics, path, text, read.pip, options);
    return { file, diagnostics };
}
/** One `dependencies:` entry: a Python project, the Python version, or a CUDA version. */
function addCondaDependency(file, dependency) {
    const spec = (0,_conda_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .readCondaSpec */ .z)(dependency.value);
    if (spec === null || spec.specifier === null)
        return;
    const position = { line: dependency.line, column: dependency.column + 1, endColumn: dependency.column + spec.end };
    const meaning = (0,_conda_spec_js__WEBPACK_IMPORTED_MODULE_0__/* .condaMeaning */ .b)(spec.name);
    if (meaning.kind !== 'package') {
        if (spec.version === null || spec.versionAt === null)
            return;
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
    }
    else {
        const span = { ...position, endLine: dependency.line };
        file.requirements.push({ ...(0,_model_js__WEBPACK_IMPORTED_MODULE_3__/* .bareRequirement */ .GW)(spec.name, (0,_model_js__WEBPACK_IMPORTED_MODULE_3__/* .canonicalName */ .Ew)(meaning.pypiName), spec.specifier, span), installer: 'conda' });
    }
}
/**
 * The `pip:` list, read by the requirements-file reader from a text of the file's own length in which
 * each item stands at its own line and column and every other line is blank: pip sees the lines conda
 * writes for it, and every record and diagnostic points into the environment file.
 */
function addPipList(file, diagnostics, path, text, items, options) {
    const lines = (0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .splitLines */ .uz)(text).map(() => '');
    for (const item of items)
        lines[item.line - 1] = ' '.repeat(item.column) + item.value;
    // conda runs pip in the environment file's folder: `-r requirements.txt` is the file beside it, as
    // the requirements-file reader resolves it.
    const requirements = (0,_requirements_reader_js__WEBPACK_IMPORTED_MODULE_1__/* .parseRequirementsFile */ .w)(path, lines.join('\n'), { constraint: false, env: options.env });
    file.requirements.push(...requirements.file.requirements);
    file.indexes.push(...requirements.file.indexes);
    file.includes.push(...requirements.file.includes);
    for (const diagnostic of requirements.diagnostics)
        diagnostics.push({ ...diagnostic, file: path });
}
const TOP_LEVEL_KEY = /^([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*:(?:[ \t]+(.*))?$/;
const PIP_ENTRY = /^pip[ \t]*:(?:[ \t]+(.*))?$/;
const UNSUPPORTED_START = /^[&*!|>{?%@`]/;
/** The channels, conda packages and pip items of an environment file's plain block YAML. */
function readEnvironmentYaml(text) {
    const result = { channels: [], dependencies: [], pip: [], stoppedAt: null };
    let section = null;
    let itemIndent = null;
    /** The indent of the `- pip:` dash while its nested list is read; null outside it. */
    let pipDash = null;
    const lines = (0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .splitLines */ .uz)(text);
    for (let index = 0; index < lines.length; index++) {
        const line = index + 1;
        const raw = lines[index];
        const indent = raw.length - raw.replace(/^ +/, '').length;
        const content = withoutComment(raw.slice(indent)).trimEnd();
        if (content === '' || (indent === 0 && (content === '---' || content.startsWith('%'))))
            continue;
        const stop = (column, why) => ({ ...result, stoppedAt: { line, column, why } });
        if (content.startsWith('\t'))
            return stop(indent, 'a tab in the indentation (YAML allows only spaces there)');
        if (indent === 0 && !content.startsWith('-')) {
            if (content === '...')
                break;
            const key = TOP_LEVEL_KEY.exec(content);
            if (key === null)
                return stop(0, 'a top-level line that is not a plain `key:`');
            const name = key[1];
            section = name === 'channels' || name === 'dependencies' ? name : 'other';
            itemIndent = null;
            pipDash = null;
            const value = key[2]?.trim() ?? '';
            if (value !== '' && section !== 'other') {
                const column = raw.indexOf(value, name.length);
                const flow = flowItems(value, line, column);
                if (flow === null)
                    return stop(column, `\`${name}:\` followed by a value that is not a one-line [list]`);
                for (const item of flow)
                    (section === 'channels' ? result.channels : result.dependencies).push(item);
            }
            continue;
        }
        if (section === 'other')
            continue;
        if (section === null || !(content === '-' || content.startsWith('- ')))
            return stop(indent, 'a line that is not a `- item` of the list above it');
        const itemColumn = indent + 1 + (content.length - 1 - content.slice(1).trimStart().length);
        const itemText = content.slice(itemColumn - indent);
        if (pipDash !== null && indent > pipDash) {
            const item = scalar(itemText, line, itemColumn);
            if (item === null)
                return stop(itemColumn, 'a pip entry that is not a plain or quoted one-line string');
            result.pip.push(item);
            continue;
        }
        pipDash = null;
        itemIndent ??= indent;
        if (indent !== itemIndent)
            return stop(indent, 'a list item indented unlike the items before it');
        const pip = section === 'dependencies' ? PIP_ENTRY.exec(itemText) : null;
        if (pip !== null) {
            const value = pip[1]?.trim() ?? '';
            if (value === '') {
                pipDash = indent;
                continue;
            }
            const column = raw.indexOf(value, itemColumn + 4);
            const flow = flowItems(value, line, column);
            if (flow === null || flow.length > 1)
                return stop(column, 'a `pip:` list written on one line (write one `- item` per line)');
            result.pip.push(...flow);
            continue;
        }
        const item = scalar(itemText, line, itemColumn);
        if (item === null)
            return stop(itemColumn, 'an entry that is not a plain or quoted one-line string');
        (section === 'channels' ? result.channels : result.dependencies).push(item);
    }
    return result;
}
/** A plain or quoted one-line scalar; null for anything else (a mapping, an anchor, a block scalar, escapes). */
function scalar(text, line, column) {
    if (text === '' || UNSUPPORTED_START.test(text) || text.startsWith('[') || text.startsWith('- ') || text === '-')
        return null;
    const quote = text[0];
    if (quote === '"' || quote === "'") {
        if (text.length < 2 || !text.endsWith(quote))
            return null;
        const inner = text.slice(1, -1);
        // An escape (`\"`, `''`) would shift every column after it: such entries are not worth the guess.
        if (inner.includes(quote) || (quote === '"' && inner.includes('\\')))
            return null;
        return { value: inner, line, column: column + 1 };
    }
    // `key: value` (or a bare `key:`) is a mapping, not a package.
    if (/:(?:[ \t]|$)/.test(text))
        return null;
    return { value: text, line, column };
}
/** The items of a one-line flow list `[a, "b", c]`; null when `text` is not one. */
function flowItems(text, line, column) {
    if (!text.startsWith('[') || !text.endsWith(']'))
        return null;
    const items = [];
    let at = 1;
    for (const piece of text.slice(1, -1).split(',')) {
        const lead = piece.length - piece.trimStart().length;
        const value = piece.trim();
        if (value !== '') {
            const item = scalar(value, line, column + at + lead);
            if (item === null)
                return null;
            items.push(item);
        }
        at += piece.length + 1;
    }
    return items;
}
/** The line without its comment: a `#` at the start or after a blank, outside quotes. */
function withoutComment(text) {
    let quote = null;
    for (let index = 0; index < text.length; index++) {
        const c = text[index];
        if (quote !== null) {
            if (c === quote)
                quote = null;
        }
        else if ((c === '"' || c === "'") && (index === 0 || /[\s[,:-]/.test(text[index - 1]))) {
            quote = c;
        }
        else if (c === '#' && (index === 0 || /\s/.test(text[index - 1]))) {
            return text.slice(0, index);
        }
    }
    return text;
}


/***/ }),

/***/ 2729:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ condaMeaning),
/* harmony export */   z: () => (/* binding */ readCondaSpec)
/* harmony export */ });
/* harmony import */ var _pep440_specifier_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(720);
// One conda package spec (a MatchSpec as `conda install` and environment files take it) read into what
// it means to the checks: which PyPI project (or which Python or CUDA version) it names, and the
// PEP 440 specifier that admits the same versions.
//
// conda's rules (conda/models/match_spec.py `_parse_spec_str`, and the "Package match
// specifications" page of the conda user guide):
//   `numpy=1.11`         fuzzy: 1.11, 1.11.0, 1.11.3, ... (conda adds `*`)   -> `==1.11.*`
//   `numpy==1.11`        exact                                               -> `==1.11`
//   `numpy 1.11`         a bare version is exact                             -> `==1.11`
//   `numpy=1.11.*`, `numpy 1.11*`                                            -> `==1.11.*`
//   `numpy=1.11.1=py310_0`, `numpy 1.11.1 py310_0`: version, then a build string; with a build
//                        string `=1.11.1` is exact (conda adds `*` only when no build follows)
//   `numpy>=1.8,<2`      `,` is AND, as in PEP 440
//   `numpy=1.11.1|1.11.3` `|` is OR, which PEP 440 cannot write: read as no specifier
//   `conda-forge::numpy`, `pytorch/linux-64::pytorch`: a channel (and subdir) before `::`
//   `numpy[version='>=1.8']`: the key-value form
// A spec whose version cannot be written in PEP 440 (`openssl=1.1.1w`, `|`, parentheses) keeps its
// name with `specifier: null`: the package is there, its versions are not checked.

/**
 * conda packages whose PyPI project has another name. Only names checked against the channels'
 * own recipes: `pytorch` is torch (pytorch and conda-forge channels); conda-forge's `pytorch-gpu` and
 * `pytorch-cpu` are metapackages pinning `pytorch` to their own version. Names such as `py-opencv`
 * (versioned unlike opencv-python) are left as they are.
 */
const PYPI_NAMES = {
    pytorch: 'torch',
    'pytorch-gpu': 'torch',
    'pytorch-cpu': 'torch',
};
/**
 * conda packages that select a CUDA version rather than install a Python project: the pytorch
 * channel's `pytorch-cuda`, defaults' `cudatoolkit`, conda-forge's `cuda-version`, and NVIDIA's
 * `cuda` / `cuda-toolkit` metapackages (versioned as the CUDA release they install).
 */
const CUDA_PACKAGES = new Set(['pytorch-cuda', 'cudatoolkit', 'cuda-version', 'cuda', 'cuda-toolkit']);
function condaMeaning(name) {
    if (name === 'python')
        return { kind: 'python' };
    if (CUDA_PACKAGES.has(name))
        return { kind: 'cuda' };
    return { kind: 'package', pypiName: PYPI_NAMES[name] ?? name };
}
const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*/;
const PLAIN_VERSION = /^[0-9A-Za-z_.+!-]+$/;
const OPERATOR = /^(?:==|!=|>=|<=|~=|>|<|=)/;
/** A version the facts can use: `3.10`, `12.1.1`. */
const DOTTED = /^\d+(?:\.\d+){1,2}$/;
/** Reads `text` as a conda MatchSpec; null when it is not one (an option, an empty word, a URL, a file). */
function readCondaSpec(text) {
    let start = 0;
    const colons = text.lastIndexOf('::');
    const channel = colons >= 0 ? text.slice(0, colons) : null;
    if (colons >= 0)
        start = colons + 2;
    const rest = text.slice(start);
    if (rest.includes('/') || rest.includes('://'))
        return null;
    const named = NAME.exec(rest);
    if (named === null)
        return null;
    const name = named[0].toLowerCase();
    const nameEnd = start + named[0].length;
    let tail = text.slice(nameEnd);
    let versionText;
    let hasBuild;
    let end = text.length;
    if (tail.startsWith('[')) {
        // `numpy[version='>=1.8',build=py310*]`: only the version key matters here.
        const version = /\bversion\s*=\s*(?:'([^']*)'|"([^"]*)"|([^,\]\s]*))/.exec(tail);
        versionText = version ? (version[1] ?? version[2] ?? version[3] ?? '') : '';
        return finish(text, name, channel, nameEnd, end, versionText.trim(), false);
    }
    tail = tail.trim();
    if (tail === '')
        return finish(text, name, channel, nameEnd, nameEnd, '', false);
    if (tail.includes(' ')) {
        // The space-separated form `numpy 1.11 py310_0`, or `numpy >=1.8` with a space after the name.
        const words = tail.split(/\s+/);
        versionText = words[0];
        hasBuild = words.length > 1;
        end = text.indexOf(versionText, nameEnd) + versionText.length;
    }
    else {
        // `=1.11.1=py310_0`: a second `=` (not part of an operator) starts the build string.
        const build = /(?<![=!<>~])=(?![=])/g;
        build.lastIndex = tail.startsWith('==') ? 2 : tail.startsWith('=') ? 1 : 0;
        const found = build.exec(tail);
        const versionEnd = found !== null && found.index > 0 && !/[,|]/.test(tail.slice(0, found.index)) ? found.index : tail.length;
        hasBuild = versionEnd < tail.length;
        versionText = tail.slice(0, versionEnd);
        end = text.indexOf(versionText, nameEnd) + versionText.length;
    }
    return finish(text, name, channel, nameEnd, end, versionText, hasBuild);
}
function finish(text, name, channel, nameEnd, end, written, hasBuild) {
    const { specifier, version } = translateVersion(written, hasBuild);
    const versionAt = version === null ? null : text.indexOf(version, nameEnd);
    return { name, channel, specifier, version, versionAt: versionAt === null || versionAt < 0 ? null : versionAt, end };
}
/** conda's version field -> a PEP 440 specifier set, and the single version it names, if one. */
function translateVersion(written, hasBuild) {
    if (written === '' || written === '*')
        return { specifier: '', version: null };
    if (/[|()]/.test(written))
        return { specifier: null, version: null };
    const clauses = [];
    let single = null;
    const pieces = written.split(',');
    for (const piece of pieces) {
        const clause = translateClause(piece.trim(), hasBuild);
        if (clause === null)
            return { specifier: null, version: null };
        clauses.push(clause.specifier);
        if (pieces.length === 1)
            single = clause.version;
    }
    const specifier = clauses.join(',');
    return (0,_pep440_specifier_js__WEBPACK_IMPORTED_MODULE_0__/* .parseSpecifierSet */ .m0)(specifier).ok ? { specifier, version: single } : { specifier: null, version: null };
}
function translateClause(clause, hasBuild) {
    const operator = OPERATOR.exec(clause)?.[0] ?? '';
    let version = clause.slice(operator.length).trim();
    let star = false;
    if (version.endsWith('.*')) {
        version = version.slice(0, -2);
        star = true;
    }
    else if (version.endsWith('*')) {
        version = version.slice(0, -1);
        star = true;
    }
    if (version === '' || !PLAIN_VERSION.test(version))
        return null;
    const named = DOTTED.test(version) ? version : null;
    switch (operator) {
        case '=':
            // Fuzzy unless a build string follows (conda's `_parse_spec_str`).
            return { specifier: star || !hasBuild ? `==${version}.*` : `==${version}`, version: named };
        case '':
        case '==':
            return { specifier: star ? `==${version}.*` : `==${version}`, version: named };
        case '!=':
            return { specifier: star ? `!=${version}.*` : `!=${version}`, version: null };
        default:
            // `>=1.8*` means `>=1.8` to conda.
            return { specifier: `${operator}${version}`, version: null };
    }
}


/***/ })

};
