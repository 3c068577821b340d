export const id = 869;
export const ids = [869];
export const modules = {

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


/***/ }),

/***/ 7869:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  parseDockerfile: () => (/* binding */ parseDockerfile)
});

// EXTERNAL MODULE: ./lib/src/model.js
var model = __webpack_require__(4887);
// EXTERNAL MODULE: ./lib/src/parse/shell-words.js
var shell_words = __webpack_require__(7120);
;// CONCATENATED MODULE: ./lib/src/parse/dockerfile-expand.js
// Word expansion as BuildKit does it (moby/buildkit frontend/dockerfile/shell/lex.go): quote removal,
// escapes, `$X`, `${X}`, `${X:-word}`, `${X-word}`, `${X:+word}`, `${X+word}`, `${X:?msg}`,
// `${X#pat}`, `${X%pat}` (and `##`, `%%`), `${X/pat/rep}`, nested to any sensible depth, single quotes
// suppressing everything. BuildKit applies it to FROM, ARG, ENV, COPY, WORKDIR...; we apply the same
// rules to RUN words too (in `shell` mode), with the stage's ARG and ENV values as the shell would see
// them, which is good enough for reading versions: `$(...)` and backquotes are then left as written
// and the result is marked dynamic.
//
// Bounded: nesting deeper than MAX_DEPTH and results longer than MAX_VALUE are errors, and pattern
// operators give up on values too long to match cheaply (an ARG that doubles itself on each line would
// otherwise grow without limit).

function isUnknownValue(value) {
    return typeof value === 'object';
}
const MAX_DEPTH = 32;
const MAX_VALUE = 65536;
const MAX_PATTERN_SUBJECT = 4096;
class ExpansionError extends Error {
}
class Expander {
    text;
    lookup;
    options;
    pos = 0;
    /** A set: a hostile word can name thousands of variables. */
    unset = new Set();
    unknown = new Set();
    dynamic = false;
    constructor(text, lookup, options) {
        this.text = text;
        this.lookup = lookup;
        this.options = options;
    }
    run() {
        return this.processUntil(null, false, 0);
    }
    fail(message) {
        throw new ExpansionError(message);
    }
    append(result, piece) {
        if (result.length + piece.length > MAX_VALUE)
            this.fail(`expansion longer than ${MAX_VALUE} characters`);
        return result + piece;
    }
    /** Reads until `stop` (consumed) or the end; `rawEscapes` keeps escape characters (for patterns). */
    processUntil(stop, rawEscapes, depth) {
        if (depth > MAX_DEPTH)
            this.fail('expansion nested too deeply');
        const { text } = this;
        const { escape } = this.options;
        let result = '';
        while (this.pos < text.length) {
            const ch = text[this.pos];
            if (stop !== null && ch === stop) {
                this.pos += 1;
                return result;
            }
            if (ch === "'") {
                result = this.append(result, this.singleQuoted());
            }
            else if (ch === '"') {
                result = this.append(result, this.doubleQuoted(depth));
            }
            else if (ch === '$') {
                result = this.append(result, this.dollar(depth));
            }
            else if (this.options.shell && ch === '`' && escape !== '`') {
                result = this.append(result, this.substitution());
            }
            else {
                this.pos += 1;
                if (ch === escape) {
                    if (rawEscapes)
                        result = this.append(result, ch);
                    if (this.pos >= text.length)
                        break;
                    result = this.append(result, text[this.pos]);
                    this.pos += 1;
                }
                else {
                    result = this.append(result, this.plainRun(stop));
                }
            }
        }
        if (stop !== null)
            this.fail(stop === '}' ? "syntax error: missing '}'" : `missing '${stop}'`);
        return result;
    }
    /** The character just read and the ordinary ones after it, up to the next special one or `stop`. */
    plainRun(stop) {
        const { text } = this;
        const start = this.pos - 1;
        while (this.pos < text.length && !this.isSpecial(text[this.pos], stop))
            this.pos += 1;
        return text.slice(start, this.pos);
    }
    isSpecial(ch, stop) {
        return (ch === stop || ch === "'" || ch === '"' || ch === '$' || ch === this.options.escape || (this.options.shell === true && ch === '`'));
    }
    singleQuoted() {
        const close = this.text.indexOf("'", this.pos + 1);
        if (close < 0)
            this.fail('unexpected end of statement while looking for matching single-quote');
        const value = this.text.slice(this.pos + 1, close);
        this.pos = close + 1;
        return value;
    }
    doubleQuoted(depth) {
        const { text } = this;
        const { escape } = this.options;
        this.pos += 1;
        let result = '';
        while (this.pos < text.length) {
            const ch = text[this.pos];
            if (ch === '"') {
                this.pos += 1;
                return result;
            }
            if (ch === '$') {
                result = this.append(result, this.dollar(depth));
                continue;
            }
            if (this.options.shell && ch === '`' && escape !== '`') {
                result = this.append(result, this.substitution());
                continue;
            }
            this.pos += 1;
            if (ch === escape) {
                const next = text[this.pos];
                if (next === undefined)
                    continue;
                // Inside double quotes the escape only quotes these; elsewhere it stays as written.
                if (next === '"' || next === '$' || next === escape) {
                    result = this.append(result, next);
                    this.pos += 1;
                    continue;
                }
            }
            result = this.append(result, ch);
        }
        return this.fail('unexpected end of statement while looking for matching double-quote');
    }
    /** `$(...)` or a backquoted command: kept as written, since only running it tells its output. */
    substitution() {
        const end = (0,shell_words/* endOfConstruct */.Ow)(this.text, this.pos, this.options.escape);
        const value = this.text.slice(this.pos, end);
        this.pos = end;
        this.dynamic = true;
        return value;
    }
    name() {
        const { text } = this;
        const first = text[this.pos];
        if (first === undefined)
            return '';
        if (first >= '0' && first <= '9') {
            const start = this.pos;
            while (this.pos < text.length && text[this.pos] >= '0' && text[this.pos] <= '9')
                this.pos += 1;
            return text.slice(start, this.pos);
        }
        if ('@*#?-$!'.includes(first)) {
            this.pos += 1;
            return first;
        }
        const start = this.pos;
        while (this.pos < text.length && isNameChar(text[this.pos]))
            this.pos += 1;
        return text.slice(start, this.pos);
    }
    value(name) {
        const value = this.known(name);
        if (value === undefined)
            this.unset.add(name);
        return value;
    }
    /** `name`'s value; undefined when it has none, or when it is unknown (recorded in `unknown`). */
    known(name) {
        const value = this.lookup(name);
        if (!isUnknownValue(value))
            return value;
        for (const from of value.from)
            this.unknown.add(from);
        return undefined;
    }
    /** Whether `name`'s value is unknown: a construct using it is then kept as written. */
    isUnknown(name) {
        const value = this.lookup(name);
        if (!isUnknownValue(value))
            return false;
        for (const from of value.from)
            this.unknown.add(from);
        return true;
    }
    dollar(depth) {
        const { text } = this;
        const start = this.pos;
        this.pos += 1;
        if (this.options.shell && text[this.pos] === '(') {
            this.pos = start;
            return this.substitution();
        }
        if (text[this.pos] !== '{') {
            const name = this.name();
            if (name === '')
                return '$';
            if (this.isUnknown(name))
                return text.slice(start, this.pos);
            const value = this.value(name);
            if (value === undefined && this.options.keepUnset)
                return text.slice(start, this.pos);
            return value ?? '';
        }
        this.pos += 1;
        const first = text[this.pos];
        if (first === undefined)
            this.fail("syntax error: missing '}'");
        if (first === '{' || first === '}' || first === ':')
            this.fail('syntax error: bad substitution');
        const name = this.name();
        const modifier = text[this.pos];
        if (modifier === undefined)
            this.fail("syntax error: missing '}'");
        this.pos += 1;
        if (modifier === '}') {
            if (this.isUnknown(name))
                return text.slice(start, this.pos);
            const value = this.value(name);
            if (value === undefined && this.options.keepUnset)
                return text.slice(start, this.pos);
            return value ?? '';
        }
        let operator = modifier;
        let nullIsUnset = false;
        if (modifier === ':') {
            nullIsUnset = true;
            operator = text[this.pos] ?? '';
            this.pos += 1;
        }
        if (operator === '/')
            return this.replace(name, start, depth);
        if (!'+-?#%'.includes(operator) || operator === '') {
            this.fail(`unsupported modifier (${modifier === ':' ? ':' : ''}${operator}) in substitution`);
        }
        const word = this.processUntil('}', operator === '#' || operator === '%', depth + 1);
        // `${TORCH_VERSION:-2.1.2}` of an ARG without a default: the fallback is what a build without
        // --build-arg gets, read as `ARG X=default` is. Any other use depends on the value given.
        if (operator === '-' && isUnknownValue(this.lookup(name)))
            return word;
        if (this.isUnknown(name))
            return text.slice(start, this.pos);
        const value = this.known(name);
        const empty = value === undefined || (nullIsUnset && value === '');
        switch (operator) {
            case '-':
                return empty ? word : value;
            case '+':
                return empty ? '' : word;
            case '?':
                if (empty)
                    this.fail(`${name}: ${word !== '' ? word : value === undefined ? 'is not allowed to be unset' : 'is not allowed to be empty'}`);
                return value;
            default: {
                if (value === undefined) {
                    this.value(name);
                    return this.options.keepUnset ? text.slice(start, this.pos) : '';
                }
                const greedy = word.startsWith(operator);
                const pattern = parseGlob(greedy ? word.slice(1) : word, this.options.escape);
                return operator === '#' ? trimPrefix(value, pattern, greedy) : trimSuffix(value, pattern, greedy);
            }
        }
    }
    replace(name, start, depth) {
        const all = this.text[this.pos] === '/';
        if (all)
            this.pos += 1;
        const patternText = this.processUntil('/', true, depth + 1);
        const replacement = this.processUntil('}', true, depth + 1);
        if (this.isUnknown(name))
            return this.text.slice(start, this.pos);
        const value = this.known(name);
        if (value === undefined) {
            this.value(name);
            return this.options.keepUnset ? this.text.slice(start, this.pos) : '';
        }
        return replacePattern(value, parseGlob(patternText, this.options.escape), replacement, all);
    }
}
const UNICODE_NAME_CHAR = /^[\p{L}\p{N}]$/u;
/** BuildKit reads names as Unicode letters, digits and `_`. */
function isNameChar(ch) {
    return ((ch >= 'a' && ch <= 'z') ||
        (ch >= 'A' && ch <= 'Z') ||
        (ch >= '0' && ch <= '9') ||
        ch === '_' ||
        (ch > '\x7f' && UNICODE_NAME_CHAR.test(ch)));
}
function parseGlob(pattern, escape) {
    const tokens = [];
    for (let i = 0; i < pattern.length; i += 1) {
        const ch = pattern[i];
        if (ch === escape && i + 1 < pattern.length) {
            i += 1;
            tokens.push({ ch: pattern[i], wild: false });
        }
        else {
            tokens.push({ ch, wild: ch === '*' || ch === '?' });
        }
    }
    return tokens;
}
/** Whether `pattern` matches all of `subject` (the classic two-pointer wildcard match). */
function globMatches(pattern, subject) {
    let p = 0;
    let s = 0;
    let star = -1;
    let mark = 0;
    while (s < subject.length) {
        const token = pattern[p];
        if (token !== undefined && (token.wild ? token.ch === '?' : token.ch === subject[s])) {
            p += 1;
            s += 1;
        }
        else if (token !== undefined && token.wild && token.ch === '*') {
            star = p;
            mark = s;
            p += 1;
        }
        else if (star >= 0) {
            p = star + 1;
            mark += 1;
            s = mark;
        }
        else {
            return false;
        }
    }
    while (p < pattern.length && pattern[p].wild && pattern[p].ch === '*')
        p += 1;
    return p === pattern.length;
}
function cutLengths(length, greedy) {
    const lengths = [];
    for (let k = 0; k <= length; k += 1)
        lengths.push(greedy ? length - k : k);
    return lengths;
}
function trimPrefix(value, pattern, greedy) {
    if (value.length > MAX_PATTERN_SUBJECT)
        return value;
    for (const k of cutLengths(value.length, greedy)) {
        if (globMatches(pattern, value.slice(0, k)))
            return value.slice(k);
    }
    return value;
}
function trimSuffix(value, pattern, greedy) {
    if (value.length > MAX_PATTERN_SUBJECT)
        return value;
    for (const k of cutLengths(value.length, greedy)) {
        if (globMatches(pattern, value.slice(value.length - k)))
            return value.slice(0, value.length - k);
    }
    return value;
}
function replacePattern(value, pattern, replacement, all) {
    if (pattern.length === 0)
        return value;
    const literal = pattern.every((token) => !token.wild);
    if (literal) {
        const needle = pattern.map((token) => token.ch).join('');
        return all ? value.split(needle).join(replacement) : value.replace(needle, () => replacement);
    }
    // Leftmost, then longest, as BuildKit's greedy translation to a regular expression matches.
    if (value.length > MAX_PATTERN_SUBJECT / 16)
        return value;
    let result = '';
    let from = 0;
    for (let start = 0; start <= value.length; start += 1) {
        let matched = -1;
        for (let end = value.length; end > start; end -= 1) {
            if (globMatches(pattern, value.slice(start, end))) {
                matched = end;
                break;
            }
        }
        if (matched < 0)
            continue;
        result += value.slice(from, start) + replacement;
        from = matched;
        if (!all)
            break;
        start = matched - 1;
    }
    return result + value.slice(from);
}
/** Whether the shell pattern `pattern` (`*`, `?`, `\` escapes) matches all of `subject`. */
function matchesPattern(pattern, subject) {
    return globMatches(parseGlob(pattern, '\\'), subject);
}
/** Whether `raw` holds anything expansion would change: quotes, `$`, the escape, or (shell) backquotes. */
function isPlain(raw, options) {
    const escape = options.escape.charCodeAt(0);
    for (let i = 0; i < raw.length; i += 1) {
        const code = raw.charCodeAt(i);
        if (code === 0x24 || code === 0x27 || code === 0x22 || code === escape || (options.shell && code === 0x60))
            return false;
    }
    return true;
}
const NOTHING = [];
/** Expands one word as BuildKit (or, in shell mode, /bin/sh) would; never throws. */
function expandWord(raw, lookup, options) {
    // Most words are plain: no expander, no allocation.
    if (isPlain(raw, options))
        return { value: raw, unset: NOTHING, unknown: NOTHING, dynamic: false, error: null };
    const expander = new Expander(raw, lookup, options);
    try {
        const value = expander.run();
        return { value, unset: [...expander.unset], unknown: [...expander.unknown], dynamic: expander.dynamic, error: null };
    }
    catch (error) {
        if (!(error instanceof ExpansionError))
            throw error;
        return { value: raw, unset: [...expander.unset], unknown: [...expander.unknown], dynamic: expander.dynamic, error: error.message };
    }
}

;// CONCATENATED MODULE: ./lib/src/parse/dockerfile-lines.js
// From Dockerfile text to instructions, as BuildKit's parser (moby/buildkit frontend/dockerfile/parser)
// reads them: parser directives at the very top, whole-line comments, line continuations with the
// escape character (comment lines and blank lines inside a continuation are dropped), and heredocs
// (`<<EOF`, `<<-EOF`, `<<"EOF"`, several on one line) after RUN, COPY and ADD. Every instruction keeps a
// map from offsets in its logical text back to physical lines and columns, so a token found anywhere
// in it (even after continuations were joined) can be reported where it was written.


const DIRECTIVES = new Set(['escape', 'syntax', 'check']);
const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD']);
/** Go's unicode.IsSpace for the characters a Dockerfile plausibly holds. */
function isSpace(ch) {
    return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\v' || ch === '\f' || ch === '\r' || ch === '\u0085' || ch === '\u00a0';
}
function leadingSpace(text) {
    let i = 0;
    while (i < text.length && isSpace(text[i]))
        i += 1;
    return i;
}
function stripCarriageReturns(line) {
    let end = line.length;
    while (end > 0 && line[end - 1] === '\r')
        end -= 1;
    return end === line.length ? line : line.slice(0, end);
}
/** The index of the last segment that starts at or before `offset` (binary search: a line can have thousands). */
function segmentAt(segments, offset) {
    let low = 0;
    let high = segments.length - 1;
    while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (segments[mid].offset <= offset)
            low = mid;
        else
            high = mid - 1;
    }
    return low;
}
/** Where `offset` of `source.text` was written. */
function positionAt(source, offset) {
    const segment = source.segments[segmentAt(source.segments, offset)] ?? { offset: 0, line: 1, column: 1 };
    return { line: segment.line, column: segment.column + (offset - segment.offset) };
}
/** `source.text.slice(start, end)` with its positions. */
function sliceSource(source, start, end = source.text.length) {
    const { line, column } = positionAt(source, start);
    const segments = [{ offset: 0, line, column }];
    for (let index = segmentAt(source.segments, start) + 1; index < source.segments.length; index += 1) {
        const segment = source.segments[index];
        if (segment.offset >= end)
            break;
        segments.push({ offset: segment.offset - start, line: segment.line, column: segment.column });
    }
    return { text: source.text.slice(start, end), segments };
}
function isLetter(ch) {
    return ch !== undefined && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'));
}
function isAlphanumeric(ch) {
    return isLetter(ch) || (ch !== undefined && ch >= '0' && ch <= '9');
}
/**
 * A `# name=value` parser directive, read without a regular expression (BuildKit's
 * `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$` backtracks quadratically on long blank runs).
 */
function parseDirective(line) {
    let i = leadingSpace(line);
    if (line[i] !== '#')
        return null;
    i += 1;
    while (i < line.length && isSpace(line[i]))
        i += 1;
    const nameStart = i;
    if (!isLetter(line[i]))
        return null;
    while (isAlphanumeric(line[i]))
        i += 1;
    const name = line.slice(nameStart, i);
    while (i < line.length && isSpace(line[i]))
        i += 1;
    if (line[i] !== '=')
        return null;
    const value = line.slice(i + 1).trim();
    return value === '' ? null : { name: name.toLowerCase(), value };
}
/** BuildKit's continuation rule: the escape is the last non-blank character and is not itself escaped. */
function continuationAt(line, escape) {
    let end = line.length;
    while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t'))
        end -= 1;
    if (end === 0 || line[end - 1] !== escape)
        return -1;
    if (end >= 2 && line[end - 2] === escape)
        return -1;
    return end - 1;
}
function countQuotes(text) {
    let count = 0;
    for (const ch of text)
        if (ch === "'" || ch === '"')
            count += 1;
    return count;
}
/** The heredoc a word opens (`<<EOF`, `2<<-"EOF"`), read as BuildKit's ParseHeredoc does. */
function heredocWord(raw) {
    let i = 0;
    while (i < raw.length && raw[i] >= '0' && raw[i] <= '9')
        i += 1;
    if (!raw.startsWith('<<', i))
        return null;
    i += 2;
    const chomp = raw[i] === '-';
    if (chomp)
        i += 1;
    const rest = raw.slice(i);
    if (rest === '' || rest.includes('<'))
        return null;
    if ((0,shell_words/* tokenizeShell */.IC)(rest, { operators: false }).tokens.length !== 1)
        return null;
    const expanded = expandWord(rest, () => undefined, { escape: '\\', keepUnset: true });
    if (expanded.error !== null)
        return null;
    // Quotes anywhere in the delimiter (removed by the lexer) make the body literal.
    return { name: expanded.value, chomp, expand: countQuotes(rest) === countQuotes(expanded.value) };
}
function stripLeadingTabs(line) {
    let i = 0;
    while (i < line.length && line[i] === '\t')
        i += 1;
    return line.slice(i);
}
const JSON_ESCAPES = {
    '"': '"',
    '\\': '\\',
    '/': '/',
    b: '\b',
    f: '\f',
    n: '\n',
    r: '\r',
    t: '\t',
};
const HEX4 = /^[0-9a-fA-F]{4}$/;
/**
 * Reads a JSON array of strings (exec form) starting at `from`; null when the text is not exactly that
 * (BuildKit then reads the instruction in shell form).
 */
function parseJsonArgs(text, from) {
    let i = from;
    const skipSpace = () => {
        while (i < text.length && isSpace(text[i]))
            i += 1;
    };
    skipSpace();
    if (text[i] !== '[')
        return null;
    i += 1;
    const args = [];
    skipSpace();
    if (text[i] === ']') {
        i += 1;
        skipSpace();
        return i === text.length ? args : null;
    }
    for (;;) {
        skipSpace();
        if (text[i] !== '"')
            return null;
        const start = i;
        i += 1;
        let value = '';
        for (;;) {
            const ch = text[i];
            if (ch === undefined || ch < ' ')
                return null;
            if (ch === '"')
                break;
            if (ch !== '\\') {
                value += ch;
                i += 1;
                continue;
            }
            const escaped = text[i + 1];
            const simple = escaped === undefined ? undefined : JSON_ESCAPES[escaped];
            if (simple !== undefined) {
                value += simple;
                i += 2;
            }
            else if (escaped === 'u' && HEX4.test(text.slice(i + 2, i + 6))) {
                value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
                i += 6;
            }
            else {
                return null;
            }
        }
        i += 1;
        args.push({ value, start, end: i });
        skipSpace();
        if (text[i] === ',') {
            i += 1;
            continue;
        }
        if (text[i] !== ']')
            return null;
        i += 1;
        skipSpace();
        return i === text.length ? args : null;
    }
}
/** The offset where an instruction's arguments begin after its leading `--flag` words. */
function afterFlags(source, argsOffset, escape) {
    if (!source.text.startsWith('--', argsOffset))
        return argsOffset;
    const { tokens } = (0,shell_words/* tokenizeShell */.IC)(source.text.slice(argsOffset), { escape, operators: false });
    for (const token of tokens) {
        if (token.kind === 'word' && !token.raw.startsWith('--'))
            return argsOffset + token.start;
    }
    return source.text.length;
}
function heredocsOf(source, keyword, argsOffset, escape) {
    let target = keyword;
    let from = argsOffset;
    if (keyword === 'ONBUILD') {
        const sub = (0,shell_words/* tokenizeShell */.IC)(source.text.slice(argsOffset), { escape, operators: false }).tokens[0];
        if (sub === undefined || sub.kind !== 'word')
            return [];
        target = sub.raw.toUpperCase();
        from = argsOffset + sub.end;
    }
    if (!HEREDOC_INSTRUCTIONS.has(target) || !source.text.includes('<<', from))
        return [];
    if (parseJsonArgs(source.text, afterFlags(source, from, escape)) !== null)
        return [];
    const found = [];
    // BuildKit looks for heredoc words with a backslash-escaped lexer, whatever the escape directive says.
    for (const token of (0,shell_words/* tokenizeShell */.IC)(source.text, { operators: false }).tokens) {
        if (token.kind !== 'word')
            continue;
        const heredoc = heredocWord(token.raw);
        if (heredoc !== null)
            found.push(heredoc);
    }
    return found;
}
/** Reads a Dockerfile into instructions, as BuildKit's parser does; never throws. */
function readDockerfile(input) {
    const text = input.startsWith('\ufeff') ? input.slice(1) : input;
    const lines = text.split('\n');
    if (lines.length > 0 && lines[lines.length - 1] === '')
        lines.pop();
    const problems = [];
    let escape = '\\';
    let index = 0;
    const seen = new Set();
    for (; index < lines.length; index += 1) {
        const directive = parseDirective(stripCarriageReturns(lines[index]));
        if (directive === null || !DIRECTIVES.has(directive.name))
            break;
        if (seen.has(directive.name)) {
            problems.push({ line: index + 1, severity: 'error', message: `only one ${directive.name} parser directive can be used` });
            continue;
        }
        seen.add(directive.name);
        if (directive.name !== 'escape')
            continue;
        if (directive.value === '`' || directive.value === '\\')
            escape = directive.value;
        else
            problems.push({ line: index + 1, severity: 'error', message: `invalid escape token '${directive.value}' does not match \` or \\` });
    }
    const instructions = [];
    let next = 0;
    while (next < lines.length) {
        const lineNumber = next + 1;
        const raw = stripCarriageReturns(lines[next]);
        next += 1;
        const lead = leadingSpace(raw);
        if (lead === raw.length || raw[lead] === '#')
            continue;
        const first = raw.slice(lead);
        let cut = continuationAt(first, escape);
        let logical = cut >= 0 ? first.slice(0, cut) : first;
        const segments = [{ offset: 0, line: lineNumber, column: lead + 1 }];
        let endLine = lineNumber;
        while (cut >= 0) {
            if (next >= lines.length) {
                problems.push({
                    line: endLine,
                    severity: 'warning',
                    message: 'line continuation at the end of the file: the instruction ends here',
                });
                break;
            }
            const continuation = stripCarriageReturns(lines[next]);
            next += 1;
            const blank = leadingSpace(continuation);
            // BuildKit drops comment lines and blank lines inside a continuation.
            if (blank === continuation.length || continuation[blank] === '#')
                continue;
            endLine = next;
            cut = continuationAt(continuation, escape);
            segments.push({ offset: logical.length, line: next, column: 1 });
            logical += cut >= 0 ? continuation.slice(0, cut) : continuation;
        }
        // BuildKit trims the instruction before splitting it into keyword and arguments.
        logical = logical.trimEnd();
        if (logical === '')
            continue;
        let keywordEnd = 0;
        while (keywordEnd < logical.length && !isSpace(logical[keywordEnd]))
            keywordEnd += 1;
        const argsOffset = keywordEnd + leadingSpace(logical.slice(keywordEnd));
        const source = { text: logical, segments };
        const keyword = logical.slice(0, keywordEnd).toUpperCase();
        const heredocs = [];
        for (const opened of heredocsOf(source, keyword, argsOffset, escape)) {
            let body = '';
            const bodySegments = [];
            let terminated = false;
            while (next < lines.length) {
                const bodyLine = stripCarriageReturns(lines[next]);
                next += 1;
                const content = opened.chomp ? stripLeadingTabs(bodyLine) : bodyLine;
                if (content === opened.name) {
                    terminated = true;
                    break;
                }
                bodySegments.push({ offset: body.length, line: next, column: 1 + bodyLine.length - content.length });
                body += `${content}\n`;
            }
            endLine = next;
            if (!terminated) {
                problems.push({
                    line: lineNumber,
                    severity: 'error',
                    message: `unterminated heredoc <<${opened.name}: no line "${opened.name}" ends it`,
                });
            }
            if (bodySegments.length === 0)
                bodySegments.push({ offset: 0, line: endLine, column: 1 });
            heredocs.push({ ...opened, body: { text: body, segments: bodySegments }, terminated });
        }
        instructions.push({ keyword, source, argsOffset, line: lineNumber, endLine, heredocs });
    }
    return { instructions, escape, problems };
}

;// CONCATENATED MODULE: ./lib/src/parse/dockerfile-words.js
// Words of an instruction or a command with their values and where they were written, shared by the
// instruction reader (dockerfile.ts) and the RUN reader (dockerfile-run.ts).



/**
 * Whether /bin/sh would read `raw` as a pathname pattern: an unquoted `*`, or an unquoted `?` outside
 * a URL (where it starts the query, and no file name matches). `[` is left alone: `pkg[extra]` matches
 * no file either, and the shell then passes it on as written.
 */
function isPattern(raw, escape) {
    let quote = null;
    let question = false;
    for (let i = 0; i < raw.length; i += 1) {
        const ch = raw[i];
        if (quote !== null) {
            if (ch === quote)
                quote = null;
            else if (ch === escape && quote === '"')
                i += 1;
        }
        else if (ch === escape) {
            i += 1;
        }
        else if (ch === "'" || ch === '"') {
            quote = ch;
        }
        else if (ch === '*') {
            return true;
        }
        else if (ch === '?') {
            question = true;
        }
    }
    return question && !raw.includes('://');
}
function fullyQuoted(raw) {
    const quote = raw[0];
    return raw.length >= 2 && (quote === '"' || quote === "'") && raw[raw.length - 1] === quote;
}
/** The part of `word` after its character at `index` (the value of `NAME=value`, `--flag=value`). */
function wordAfter(word, index) {
    return { raw: word.raw.slice(index + 1), start: word.start + index + 1, end: word.end };
}
const explainUnset = (names) => `${names.join(', ')} ${names.length > 1 ? 'have' : 'has'} no value here (no ARG or ENV sets it)`;
function explainBuildArgs(names) {
    const many = names.length > 1;
    return `${names.join(', ')} ${many ? 'are build arguments' : 'is a build argument'} without a default, given at build time (--build-arg)`;
}
/** Expands `word` (written in `source`) and says whether its value can be trusted. */
function argOf(source, word, lookup, options, explain = explainUnset) {
    const expansion = expandWord(word.raw, lookup, options);
    let unknown = null;
    if (expansion.error !== null) {
        unknown = { message: expansion.error, severity: 'error' };
    }
    else if (expansion.dynamic) {
        unknown = { message: 'its value is computed when the command runs', severity: 'notice' };
    }
    else if (expansion.unset.length > 0) {
        // Said before a build argument: a name nothing declares is the repository's own mistake.
        unknown = { message: explain(expansion.unset), severity: 'notice' };
    }
    else if (expansion.unknown.length > 0) {
        unknown = { message: explainBuildArgs(expansion.unknown), severity: 'notice', buildArgs: expansion.unknown };
    }
    const quoted = fullyQuoted(word.raw) && expansion.value === word.raw.slice(1, -1);
    const arg = {
        value: expansion.value,
        unknown,
        source,
        start: quoted ? word.start + 1 : word.start,
        end: quoted ? word.end - 1 : word.end,
        verbatim: quoted || expansion.value === word.raw,
    };
    if (options.shell === true && isPattern(word.raw, options.escape))
        arg.glob = true;
    return arg;
}
/** The words of `source.text` from `from` on, split as BuildKit splits instruction arguments. */
function wordsOf(source, from, escape) {
    const words = [];
    for (const token of (0,shell_words/* tokenizeShell */.IC)(source.text.slice(from), { escape, operators: false }).tokens) {
        if (token.kind === 'word')
            words.push({ kind: 'word', raw: token.raw, start: token.start + from, end: token.end + from });
    }
    return words;
}
/**
 * Where `arg.value.slice(from, to)` was written: exactly when the value is verbatim, else the whole
 * word (an expanded value has no columns of its own).
 */
function spanOf(arg, from = 0, to = arg.value.length) {
    const start = arg.verbatim ? arg.start + from : arg.start;
    const end = arg.verbatim ? arg.start + to : arg.end;
    const first = positionAt(arg.source, start);
    const last = positionAt(arg.source, Math.max(start, end - 1));
    return { line: first.line, column: first.column, endLine: last.line, endColumn: last.column };
}

// EXTERNAL MODULE: ./lib/src/parse/dockerfile-image.js
var dockerfile_image = __webpack_require__(2926);
;// CONCATENATED MODULE: ./lib/src/parse/framework-images-data.js
// GENERATED by scripts/embed-image-facts.mjs from data/framework_images.csv: do not edit.
// Edit the CSV, then run `node scripts/embed-image-facts.mjs`.
/** The framework images whose Python, CUDA or torch a source states (docs/data.md). */
const FRAMEWORK_IMAGE_ROWS = [
    { "image": "pytorch/pytorch", "tag": "1.6.0-cuda10.1-cudnn7-devel", "python": "3.7", "cuda": null, "torch": null, "source": "https://github.com/pytorch/pytorch/issues/42604" },
    { "image": "pytorch/pytorch", "tag": "1.8.1-cuda11.1-cudnn8-runtime", "python": "3.8", "cuda": null, "torch": null, "source": "https://github.com/pytorch/pytorch/issues/60932" },
    { "image": "pytorch/pytorch", "tag": "1.9.0-cuda11.1-cudnn8-runtime", "python": "3.7", "cuda": null, "torch": null, "source": "https://github.com/pytorch/pytorch/issues/60932" },
    { "image": "pytorch/pytorch", "tag": "1.11.0-cuda11.3-cudnn8-devel", "python": "3.8", "cuda": null, "torch": null, "source": "https://github.com/pytorch/pytorch/issues/73714" },
    { "image": "pytorch/pytorch", "tag": "1.12.0-cuda11.3-cudnn8-devel", "python": "3.7", "cuda": null, "torch": null, "source": "https://github.com/pytorch/pytorch/issues/73714" },
    { "image": "pytorch/pytorch", "tag": "2.5.1-cuda12.4-cudnn9-runtime", "python": "3.11", "cuda": null, "torch": null, "source": "https://github.com/rlan/notebooks/issues/144" },
    { "image": "nvcr.io/nvidia/pytorch", "tag": "20.12-py3", "python": null, "cuda": "11.1.1", "torch": null, "source": "https://docs.nvidia.com/deeplearning/frameworks/pytorch-release-notes/rel_20-12.html" },
    { "image": "nvcr.io/nvidia/pytorch", "tag": "22.12-py3", "python": "3.8", "cuda": "11.8.0", "torch": null, "source": "https://docs.nvidia.com/deeplearning/frameworks/pytorch-release-notes/rel-22-12.html" },
    { "image": "nvcr.io/nvidia/pytorch", "tag": "23.08-py3", "python": "3.10", "cuda": "12.2.1", "torch": null, "source": "https://docs.nvidia.com/deeplearning/frameworks/pytorch-release-notes/rel-23-08.html" },
    { "image": "nvcr.io/nvidia/pytorch", "tag": "24.01-py3", "python": null, "cuda": "12.3.2", "torch": null, "source": "https://docs.nvidia.com/deeplearning/frameworks/pytorch-release-notes/rel-24-01.html" },
    { "image": "nvcr.io/nvidia/pytorch", "tag": "25.12-py3", "python": "3.12", "cuda": "13.1.0", "torch": "2.10.0a0+b4e4ee81d3", "source": "https://docs.nvidia.com/deeplearning/frameworks/pytorch-release-notes/rel-25-12.html" },
];

;// CONCATENATED MODULE: ./lib/src/parse/framework-images.js
// The interpreter and CUDA of framework images whose tags do not say them: Docker Hub's
// `pytorch/pytorch:<torch>-cuda<X.Y>-cudnn<N>-<flavour>` (its tag names torch and CUDA, not Python,
// which changed between releases and even between the CUDA variants of one release) and NVIDIA's
// `nvcr.io/nvidia/pytorch:YY.MM-py3` (a container release). Only tags a source states are known
// (data/framework_images.csv); any other is unknown, never guessed.


const BY_REFERENCE = new Map(FRAMEWORK_IMAGE_ROWS.map((row) => [`${row.image}:${row.tag}`, row]));
/** Docker Hub's official images may be written with their registry: `docker.io/pytorch/pytorch`. */
const DOCKER_HUB = /^(?:docker\.io\/|registry-1\.docker\.io\/|index\.docker\.io\/)/;
/** The row of a framework image the table knows, or null. */
function frameworkImageRow(image) {
    if (image.tag === null)
        return null;
    return BY_REFERENCE.get(`${image.name.replace(DOCKER_HUB, '')}:${image.tag}`) ?? null;
}
/** `2.5.1` of `pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime`: the torch release the image ships. */
const PYTORCH_TAG_TORCH = /^\d+\.\d+\.\d+(?=-)/;
/** The torch a pytorch/pytorch image ships, from its tag, with its offsets in the reference. */
function torchFromImage(image) {
    if (image.tag === null || image.name.replace(DOCKER_HUB, '') !== 'pytorch/pytorch')
        return null;
    const match = PYTORCH_TAG_TORCH.exec(image.tag);
    if (match === null)
        return null;
    const start = image.name.length + 1;
    return { version: match[0], start, end: start + match[0].length };
}
/** A package the stage's base image ships, as a requirement of the stage (Requirement.installer `image`). */
function imageRequirement(name, found, span, stage) {
    return { ...(0,model/* bareRequirement */.GW)(name, name, `==${found.version}`, span), stage, installer: 'image' };
}

// EXTERNAL MODULE: external "node:path/posix"
var posix_ = __webpack_require__(3916);
;// CONCATENATED MODULE: ./lib/src/parse/dockerfile-paths.js
// Container paths and the build-context files they came from. A `pip install -r requirements/base.txt`
// in a RUN names a path inside the image; the file the repository holds is found by walking back
// through the RUN's bind mounts and the COPY/ADD instructions of the stage and of the stages it is
// built FROM: `WORKDIR /app` + `COPY requirements/ ./requirements/` makes
// `/app/requirements/base.txt` the context's `requirements/base.txt`.


/** `path` resolved against the absolute directory `base` (a WORKDIR), normalized, without a trailing `/`. */
function joinPath(base, path) {
    return posix_.resolve(base, path);
}
/**
 * A COPY or bind-mount source as a relative, normalized path (`` for the root): a context path, or a
 * path in another stage without its leading `/`. A leading `/` or `..` cannot leave the context.
 */
function contextPath(path) {
    return posix_.resolve('/', path).slice(1);
}
function joinRelative(base, rel) {
    return base === '' ? rel : `${base}/${rel}`;
}
function hasPattern(path) {
    return path.includes('*') || path.includes('?');
}
/** A placement of `sources` (as written) at `dest` (absolute; a trailing `/` for a directory). */
function placement(sources, dest) {
    return { sources: sources.map(contextPath), root: joinPath('/', dest), intoDirectory: dest.endsWith('/') || sources.length > 1 };
}
/**
 * The source-side path that `target` (an absolute container path) came from through `placement`, or
 * null when the placement does not put anything there. Sources that may be files or folders are read
 * both ways: `COPY requirements.txt /app/` puts `/app/requirements.txt`; `COPY requirements /app/requirements`
 * puts `/app/requirements/base.txt`.
 */
function sourceOf(placement, target) {
    const { root, sources } = placement;
    const rel = root === '/' ? target.slice(1) : target.startsWith(root) && target[root.length] === '/' ? target.slice(root.length + 1) : null;
    // Later sources overwrite earlier ones.
    for (let index = sources.length - 1; index >= 0; index -= 1) {
        const source = sources[index];
        if (!placement.intoDirectory && target === root)
            return source;
        if (rel === null || rel === '')
            continue;
        const name = source.slice(source.lastIndexOf('/') + 1);
        if (name !== '' && name === rel)
            return source;
        if (hasPattern(source)) {
            const folder = source.slice(0, Math.max(0, source.lastIndexOf('/')));
            if (!rel.includes('/') && matchesPattern(name, rel))
                return joinRelative(folder, rel);
            continue;
        }
        // A single source, or the root, is a folder whose contents land in `dest`.
        if (sources.length === 1 || source === '')
            return joinRelative(source, rel);
    }
    return null;
}

// EXTERNAL MODULE: ./lib/src/parse/requirements/display.js
var display = __webpack_require__(2721);
// EXTERNAL MODULE: ./lib/src/parse/pytorch-index.js
var pytorch_index = __webpack_require__(2888);
// EXTERNAL MODULE: ./lib/src/index/url.js
var url = __webpack_require__(576);
// EXTERNAL MODULE: ./lib/src/parse/requirement.js
var parse_requirement = __webpack_require__(4873);
// EXTERNAL MODULE: ./lib/src/parse/requirements/requirement-forms.js
var requirement_forms = __webpack_require__(6870);
// EXTERNAL MODULE: ./lib/src/parse/conda-spec.js
var conda_spec = __webpack_require__(2729);
;// CONCATENATED MODULE: ./lib/src/parse/conda-install.js
// `conda install` / `conda create` / `conda update` (and mamba's and micromamba's) inside a RUN
// command: the package specs it installs into the stage, read as conda-spec.ts reads them, with the
// Python and CUDA versions they select.



/** Options of conda, mamba and micromamba install/create/update that take a value. */
const VALUE_OPTIONS = new Set([
    '-c',
    '--channel',
    '-n',
    '--name',
    '-p',
    '--prefix',
    '--file',
    '--solver',
    '--repodata-fn',
    '--experimental',
    '--subdir',
    '--platform',
    '--clone',
    '--revision',
    '-r',
    '--root-prefix',
    '--channel-priority',
    '--rc-file',
    '--log-level',
    '--category',
    '--channel-alias',
]);
/**
 * Reads the arguments after `install`/`create`/`update`. `context` (`conda install`) starts each
 * fact's source. Words whose value comes from a build argument are not read: the build decides them.
 */
function readCondaInstall(args, context, command, stage, facts) {
    // micromamba's `-f` is `--file`; conda's `-f` was `--force`, a flag.
    const valued = (option) => VALUE_OPTIONS.has(option) || (command === 'micromamba' && option === '-f');
    for (let i = 0; i < args.length; i += 1) {
        const arg = args[i];
        if (arg.value.startsWith('-')) {
            if (!arg.value.includes('=') && valued(arg.value))
                i += 1;
            continue;
        }
        if (arg.unknown !== null)
            continue;
        const spec = (0,conda_spec/* readCondaSpec */.z)(arg.value);
        if (spec === null || spec.specifier === null)
            continue;
        const span = spanOf(arg, 0, spec.end);
        const source = `${context} ${arg.value.slice(0, spec.end)}`;
        const meaning = (0,conda_spec/* condaMeaning */.b)(spec.name);
        if (meaning.kind !== 'package') {
            if (spec.version === null || spec.versionAt === null)
                continue;
            // As for every Python and CUDA fact, the version itself is the token.
            const fact = {
                version: spec.version,
                ...(0,model/* factPosition */.KW)(spanOf(arg, spec.versionAt, spec.versionAt + spec.version.length)),
                source,
                stage,
            };
            (meaning.kind === 'python' ? facts.python : facts.cuda).push(fact);
        }
        else {
            facts.requirements.push({
                ...(0,model/* bareRequirement */.GW)(spec.name, (0,model/* canonicalName */.Ew)(meaning.pypiName), spec.specifier, span),
                stage,
                installer: 'conda',
            });
        }
    }
}

;// CONCATENATED MODULE: ./lib/src/parse/uv-requirement.js
// A `uv pip install` argument as uv reads it, which is not always as pip does (uv's
// docs/pip/compatibility.md and its crates, as of uv commit 26a9dd4b, 2026-08-21):
// - uv reads no `#egg=` fragment: a URL's project name comes from its metadata, so a fragment pip 26
//   refuses (`#egg=pkg[extra]`, `#egg=pkg==1.0`) is no error to uv (crates/uv-pep508 keeps the
//   fragment as part of the URL and never looks at `egg=`).
// - uv installs only local directories as editable: `-e git+https://...` fails with "Git sources
//   cannot be editable" and `-e https://.../pkg.tar.gz` with "Remote archives cannot be editable"
//   (crates/uv-pypi-types/src/parsed_url.rs, `make_editable`), where pip accepts a VCS URL.
// - What PEP 508 refuses (`numpy=1.2`, a bad wheel name), uv refuses too (crates/uv-pep508,
//   crates/uv-pep440: "no such comparison operator"): pip's reading and message stand, naming both.


const EGG_FRAGMENT = /([#&])egg=[^&]*&?/;
const VCS_URL = /^(?:git|hg|svn|bzr)\+[A-Za-z]+:/i;
const REMOTE_URL = /^(?:https?|ftp):/i;
function readUvRequirement(text, editable) {
    if (editable) {
        const url = text.includes('@') && !VCS_URL.test(text) && !REMOTE_URL.test(text) ? text.slice(text.indexOf('@') + 1).trim() : text;
        if (VCS_URL.test(url) || REMOTE_URL.test(url)) {
            const what = VCS_URL.test(url) ? 'Git sources cannot be editable' : 'Remote archives cannot be editable';
            return {
                ok: false,
                offset: 0,
                message: `uv pip install -e ${(0,display/* redactUrl */.B)(text)}: ${what}: uv installs only local directories as editable (pip would take a VCS URL here); drop -e, or clone the repository and install its folder with -e`,
            };
        }
    }
    const egg = EGG_FRAGMENT.exec(text);
    // The fragment means nothing to uv: the requirement is read without it, and keeps its URL as written.
    const read = (0,requirement_forms/* readPipRequirement */.L)(egg === null ? text : withoutEgg(text, egg), editable);
    if (!read.ok)
        return { ...read, message: `uv, like pip, refuses this requirement: ${read.message}` };
    if (egg !== null && read.requirement.url !== null)
        read.requirement.url = (0,display/* redactUrl */.B)(text);
    return read;
}
/** `url#egg=x&subdirectory=y` -> `url#subdirectory=y`; `url#egg=x` -> `url`. */
function withoutEgg(text, egg) {
    const rest = text.slice(egg.index + egg[0].length);
    return egg[1] === '#'
        ? rest === ''
            ? text.slice(0, egg.index)
            : `${text.slice(0, egg.index)}#${rest}`
        : text.slice(0, egg.index) + (rest === '' ? '' : `&${rest}`);
}

// EXTERNAL MODULE: ./lib/src/parse/glob.js
var glob = __webpack_require__(4966);
// EXTERNAL MODULE: ./lib/src/check/rules/shell-redirect-in-requirement.js
var shell_redirect_in_requirement = __webpack_require__(3480);
;// CONCATENATED MODULE: ./lib/src/parse/dockerfile-run.js
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















const NO_BRANCHES = { branches: [], conditional: false };
/** Whether a shell word expands `name` (`$name`, `${name}`, `${name:-x}`...). */
function usesVariable(raw, name) {
    return new RegExp(`\\$(?:${name}(?![A-Za-z0-9_])|\\{${name}(?![A-Za-z0-9_]))`).test(raw);
}
/** Whether a shell word is `name`'s value and nothing else: `$name`, `${name}`, `"$name"`. */
function onlyVariable(raw, name) {
    return raw === `$${name}` || raw === `\${${name}}` || raw === `"$${name}"` || raw === `"\${${name}}"`;
}
/** Why a variable assigned in a branch, or a loop's variable, is unknown; never said (see RunScope.notChecked). */
const BRANCH_VALUE = {
    message: 'its value depends on which branch of the script ran',
    severity: 'notice',
    branch: true,
};
const LOOP_VALUE = { message: 'its value changes on each pass of the loop', severity: 'notice', branch: true };
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
const WRAPPERS = {
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
function isReadCommand(name) {
    return READ_COMMANDS.has(name) || SHELLS.has(name) || PIP_COMMAND.test(name) || PYTHON_COMMAND.test(name);
}
// pip and uv options that take a value (as the next word, or after `=`): anything else is a flag.
const dockerfile_run_VALUE_OPTIONS = new Set([
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
const LONG_NAMES = {
    r: '--requirement',
    c: '--constraint',
    e: '--editable',
    i: '--index-url',
    f: '--find-links',
};
const INDEX_KINDS = {
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
function basename(path) {
    return path.slice(path.lastIndexOf('/') + 1);
}
function stripDotSlash(path) {
    let result = path;
    while (result.startsWith('./'))
        result = result.slice(2);
    return result;
}
class ScriptReader {
    scope;
    state;
    source;
    escape;
    depth;
    outer;
    /** Why the shell variables the current word used are unknown, if one is. */
    inherited = null;
    /** The `if` and `case` commands the reader is inside, outermost first. */
    frames = [];
    /** The `||` list being read, and which side of its `||`s the current command is on. */
    orList = -1;
    orSide = 0;
    /** The index of the first requirement the current `||` list read. */
    listStart = 0;
    /** Where the command being read stands, computed once per command. */
    place = NO_BRANCHES;
    /** The current command's glued redirections, by the offset where the word before them ends. */
    glued = new Map();
    /** A download went somewhere this reader cannot place: a relative path may be one of its files. */
    fetchedSomewhere = false;
    /** Whose rules the requirement arguments being read follow: `uv pip install` reads them as uv does. */
    installer = 'pip';
    /** The number of the `pip install` whose arguments are being read (RunFacts.installs). */
    install = 0;
    /** The `for` loops being read, innermost last; `values` null when the list is not all literal words. */
    loops = [];
    lookup = (name) => {
        const variable = this.state.vars.get(name);
        if (variable === undefined)
            return this.scope.lookup(name);
        this.inherited ??= variable.unknown;
        return variable.value;
    };
    constructor(scope, state, source, escape, depth, 
    /** Where the command that runs this script stands (a `sh -c` string in an `else` arm). */
    outer = NO_BRANCHES) {
        this.scope = scope;
        this.state = state;
        this.source = source;
        this.escape = escape;
        this.depth = depth;
        this.outer = outer;
        this.newList();
    }
    newList() {
        this.orList = this.scope.nextBranchId();
        this.orSide = 0;
        this.listStart = this.scope.facts.requirements.length;
    }
    /**
     * `||`: the commands after it run only when those before it failed. The requirements read before
     * the first `||` of a list are marked as its left side only now: most lists have no `||`.
     */
    orElse() {
        if (this.orSide === 0) {
            const left = `${this.orList}:0`;
            const { requirements } = this.scope.facts;
            for (let i = this.listStart; i < requirements.length; i += 1) {
                const requirement = requirements[i];
                requirement.branches = [...(requirement.branches ?? []), left];
            }
        }
        this.orSide += 1;
    }
    /** Where the next command stands: its `if`/`case` arms and its side of the current `||` list. */
    currentPlace() {
        const branches = [...this.outer.branches];
        let conditional = this.outer.conditional || this.orSide > 0;
        for (const frame of this.frames) {
            if (frame.arm === null)
                continue;
            branches.push(`${frame.id}:${frame.arm}`);
            conditional = true;
        }
        if (this.orSide > 0)
            branches.push(`${this.orList}:${this.orSide}`);
        return { branches, conditional };
    }
    /**
     * Follows the words that open and divide `if` and `case`; `atStart`: the word begins a command.
     * Returns true when the word is a `case` pattern, which is no command.
     */
    branchWord(raw, atStart) {
        const top = this.frames[this.frames.length - 1];
        if (top?.kind === 'case' && top.expectPattern) {
            if (raw === 'esac')
                this.frames.pop();
            return raw !== 'esac';
        }
        if (!atStart || !BRANCH_WORDS.has(raw))
            return false;
        this.newList();
        switch (raw) {
            case 'if':
                this.frames.push({ kind: 'if', id: this.scope.nextBranchId(), arm: null, expectPattern: false });
                break;
            case 'then':
                // An `elif`'s `then` keeps the arm its condition opened: both run when the `elif` is reached.
                if (top?.kind === 'if' && top.arm === null)
                    top.arm = 0;
                break;
            case 'elif':
            case 'else':
                if (top?.kind === 'if')
                    top.arm = (top.arm ?? 0) + 1;
                break;
            case 'fi':
            case 'esac':
                if (top?.kind === (raw === 'fi' ? 'if' : 'case'))
                    this.frames.pop();
                break;
            default:
        }
        return false;
    }
    problem(span, severity, message) {
        this.scope.facts.problems.push({ line: span.line, column: span.column, severity, message });
    }
    argOf(word) {
        this.inherited = null;
        const arg = argOf(this.source, word, this.lookup, { escape: this.escape, shell: true, keepUnset: true }, this.scope.explainUnset);
        // `URL="...$(python --version)..." && pip install -c "$URL"`: the word is as unknown as the variable.
        if (arg.unknown === null && this.inherited !== null)
            arg.unknown = this.inherited;
        return arg;
    }
    /** Reads a script: its simple commands in order, with the heredoc bodies they read. */
    readScript(heredocs) {
        const { tokens, error } = (0,shell_words/* tokenizeShell */.IC)(this.source.text, { escape: this.escape });
        if (error !== null)
            this.problem(positionAt(this.source, error.offset), 'error', `shell syntax: ${error.message}`);
        // Bodies by delimiter, each read in order: `<<A ... <<A` takes the first A, then the second.
        const pending = new Map();
        for (const heredoc of heredocs) {
            const queue = pending.get(heredoc.name);
            if (queue === undefined)
                pending.set(heredoc.name, { bodies: [heredoc], next: 0 });
            else
                queue.bodies.push(heredoc);
        }
        let words = [];
        let bodies = [];
        let redirection = null;
        /** The last word and redirection operator, to find `numba>=1` (written without spaces). */
        let previousWord = null;
        let gluedOperator = null;
        /** `case WORD in`: the header is read up to `in`. */
        let caseHeader = false;
        const flush = () => {
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
            if (error !== null && token.start <= error.offset && error.offset < token.end)
                continue;
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
                    if (this.branchWord(token.raw, atStart))
                        continue;
                    if (atStart && token.raw === 'case')
                        caseHeader = true;
                    words.push(token);
                    previousWord = token;
                }
                else if (glue !== null && token.start === glue.end) {
                    const at = positionAt(this.source, glue.start);
                    this.glued.set(glue.after.end, {
                        operator: glue.op,
                        before: glue.after.raw,
                        target: token.raw,
                        line: at.line,
                        column: at.column,
                    });
                }
                else if (WRITES.test(redirection)) {
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
            }
            else if (SEPARATORS.has(token.op)) {
                redirection = null;
                flush();
                const top = this.frames[this.frames.length - 1];
                if (top?.kind === 'case' && top.expectPattern && token.op === ')') {
                    // `pattern)`: the commands up to `;;` are one arm.
                    top.expectPattern = false;
                    top.arm = (top.arm ?? -1) + 1;
                    this.newList();
                }
                else if (top?.kind === 'case' && CASE_ARM_ENDS.has(token.op)) {
                    top.expectPattern = true;
                }
                else if (token.op === '||') {
                    this.orElse();
                }
                else if (token.op === '&&' && this.orSide > 0) {
                    // `a || b && c` is `(a || b) && c`: c runs after either side, so it is on neither.
                    this.newList();
                }
                else if (LIST_ENDS.has(token.op)) {
                    this.newList();
                }
            }
            else {
                const op = token.op.replace(/^\d+/, '');
                redirection = shell_words/* REDIRECTIONS */.UE.has(op) ? token.op : null;
                gluedOperator =
                    (op === '>' || op === '<') && op === token.op && previousWord !== null && previousWord.end === token.start
                        ? { op, start: token.start, end: token.end, after: previousWord }
                        : null;
            }
            if (token.kind === 'operator')
                previousWord = null;
        }
        flush();
    }
    readCommand(words, bodies) {
        let first = 0;
        while (first < words.length && RESERVED_PREFIXES.has(words[first].raw)) {
            if (words[first].raw === 'done')
                this.loops.pop();
            first += 1;
        }
        if (first >= words.length)
            return;
        if (words[first].raw === 'for' && words[first + 1] !== undefined && ASSIGNABLE.test(words[first + 1].raw)) {
            // `for f in reqs/*.txt; do pip install -r $f; done`: the value changes on each pass.
            const name = words[first + 1].raw;
            this.state.vars.set(name, { value: `$${name}`, unknown: LOOP_VALUE });
            this.loops.push({ name, values: this.loopValues(words.slice(first + 2)) });
        }
        if (COMPOUND_HEADERS.has(words[first].raw))
            return;
        let command = first;
        while (command < words.length && ASSIGNMENT.test(words[command].raw))
            command += 1;
        if (command === words.length) {
            this.assign(words.slice(first).map((word) => this.argOf(word)));
            return;
        }
        // Only the commands we read are worth expanding: `rm -rf /var/lib/apt/lists/*` is not.
        const head = this.argOf(words[command]);
        if (!isReadCommand(basename(head.value)))
            return;
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
        for (const value of loop.values) {
            variables.set(loop.name, { value: value.value, unknown: null });
            // A word that is the variable alone is the list's word, where a finding about it belongs.
            this.dispatch([head, ...rest.map((word) => (onlyVariable(word.raw, loop.name) ? value : this.argOf(word)))], bodies);
        }
        if (during !== undefined)
            variables.set(loop.name, during);
    }
    /** `in a b c`: the list's words when each is a literal (no variable, substitution or pattern). */
    loopValues(words) {
        if (words[0]?.raw !== 'in' || words.length < 2)
            return null;
        const values = words.slice(1).map((word) => this.argOf(word));
        return values.every((value) => value.unknown === null && value.glob !== true && value.verbatim) ? values : null;
    }
    assign(assignments) {
        for (const arg of assignments) {
            const equals = arg.value.indexOf('=');
            if (equals <= 0)
                continue;
            // The value is kept even when it is unknown: a message quoting it still helps. One assigned in
            // a branch (`if ...; then V=a; else V=b; fi`) holds whichever arm ran, which only the build knows.
            const unknown = arg.unknown ?? (this.place.conditional ? BRANCH_VALUE : null);
            this.state.vars.set(arg.value.slice(0, equals), { value: arg.value.slice(equals + 1), unknown });
        }
    }
    /** Reads one command given as its arguments, with the heredoc bodies it reads. */
    dispatch(argv, bodies) {
        const head = argv[0];
        if (head === undefined)
            return;
        const name = basename(head.value);
        const rest = argv.slice(1);
        const versioned = VERSIONED_COMMAND.exec(name);
        if (versioned !== null && head.unknown === null) {
            const offset = head.value.length - name.length;
            const at = name.indexOf(versioned[1]);
            this.python(versioned[1], name, spanOf(head, offset + at, offset + at + versioned[1].length));
        }
        if (PIP_COMMAND.test(name))
            return this.pip(rest);
        if (PYTHON_COMMAND.test(name))
            return this.pythonCommand(rest);
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
                const wrapped = skipOptions(rest, WRAPPERS.env);
                const command = wrapped.findIndex((arg) => !ASSIGNMENT.test(arg.value));
                return command < 0 ? undefined : this.dispatch(wrapped.slice(command), bodies);
            }
            case 'sudo':
            case 'exec':
            case 'time':
            case 'nohup':
            case 'command':
            case 'nice':
                return this.dispatch(skipOptions(rest, WRAPPERS[name]), bodies);
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
                if (SHELLS.has(name))
                    this.shell(rest, bodies);
        }
    }
    /** `git clone [options] URL [DIR]`: DIR (or the URL's last part) holds files the build fetched. */
    gitClone(args) {
        const clone = args.findIndex((arg) => arg.value === 'clone');
        if (clone < 0)
            return;
        const operands = [];
        for (let i = clone + 1; i < args.length; i += 1) {
            const value = args[i].value;
            if (value === '--') {
                operands.push(...args.slice(i + 1));
                break;
            }
            if (value.startsWith('-')) {
                if (GIT_CLONE_VALUE_OPTIONS.has(value))
                    i += 1;
                continue;
            }
            operands.push(args[i]);
        }
        const [url, directory] = operands;
        if (url === undefined)
            return;
        this.fetched(directory ?? { ...url, value: basename(url.value.replace(/\/+$/, '')).replace(/\.git$/, '') });
    }
    /** `curl -o FILE URL`, `curl -O URL`, `wget -O FILE URL`, `wget URL`: the file the build downloaded. */
    download(args, name) {
        const outputs = name === 'curl' ? CURL_OUTPUT_OPTIONS : WGET_OUTPUT_OPTIONS;
        let named = null;
        const urls = [];
        for (let i = 0; i < args.length; i += 1) {
            const value = args[i].value;
            if (outputs.has(value)) {
                named = args[i + 1] ?? null;
                i += 1;
            }
            else if (value.startsWith('--output=') || value.startsWith('--output-document=')) {
                named = { ...args[i], value: value.slice(value.indexOf('=') + 1) };
            }
            else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
                urls.push(args[i]);
            }
        }
        if (named !== null && named.value !== '-')
            return this.fetched(named);
        // `curl -O URL` and `wget URL` save under the URL's last part.
        const saves = name === 'wget' || args.some((arg) => arg.value === '-O' || arg.value === '--remote-name' || /^-[a-zA-Z]*O/.test(arg.value));
        if (saves && named === null)
            for (const url of urls)
                this.fetched({ ...url, value: basename(url.value.split(/[?#]/)[0]) });
    }
    /**
     * `pip-compile -o FILE`, `uv pip compile -o FILE`, `uv export -o FILE`, `poetry export -o FILE`: a
     * requirements file the build writes itself.
     */
    compiled(args) {
        for (let i = 0; i < args.length; i += 1) {
            const value = args[i].value;
            const output = args[i + 1];
            if (COMPILE_OUTPUT_OPTIONS.has(value) && output !== undefined)
                this.wrote(output);
            else if (/^--output(?:-file)?=/.test(value))
                this.wrote({ ...args[i], value: value.slice(value.indexOf('=') + 1) });
        }
    }
    /** Records a container path the build fetched; one it cannot place (an unknown directory) hides every path not from the context after it. */
    fetched(path) {
        if (!this.wrote(path))
            this.fetchedSomewhere = true;
    }
    /** Records a file the build writes at `path`; false when the path cannot be placed. */
    wrote(path) {
        if (path.unknown !== null || path.value === '' || (this.state.cwd === null && !path.value.startsWith('/')))
            return false;
        this.scope.fetched.push(joinPath(this.state.cwd ?? '/', path.value));
        return true;
    }
    /** Whether the container path `path` is, or lies in, something the build fetched. */
    isFetched(path) {
        return this.scope.fetched.some((fetched) => path === fetched || path.startsWith(`${fetched}/`));
    }
    python(version, source, span) {
        this.scope.facts.python.push({ version, ...(0,model/* factPosition */.KW)(span), source, stage: this.scope.stage });
    }
    changeDirectory(args) {
        const target = args.find((arg) => !arg.value.startsWith('-'));
        if (target === undefined || target.unknown !== null || target.value.startsWith('~')) {
            this.state.cwd = null;
            return;
        }
        this.state.cwd = this.state.cwd === null && !target.value.startsWith('/') ? null : joinPath(this.state.cwd ?? '/', target.value);
    }
    /** `python -m pip ...`, after the interpreter's own options. */
    pythonCommand(args) {
        for (let i = 0; i < args.length; i += 1) {
            const value = args[i].value;
            if (value === '-m')
                return args[i + 1]?.value === 'pip' ? this.pip(args.slice(i + 2)) : undefined;
            if (value === '-mpip')
                return this.pip(args.slice(i + 1));
            if (!value.startsWith('-') || value === '-c' || value === '-')
                return;
            if (value === '-W' || value === '-X')
                i += 1;
        }
    }
    /** `bash -e <<EOF` or `bash -c '...'`: the body or string is a script too. */
    shell(args, bodies) {
        if (this.depth >= MAX_NESTING)
            return;
        const flag = args.findIndex((arg) => arg.value.startsWith('-') && !arg.value.startsWith('--') && arg.value.includes('c'));
        if (flag >= 0) {
            const script = args[flag + 1];
            // The outer shell expanded the string already; what is left is the inner shell's.
            if (script !== undefined && script.unknown === null)
                this.nested(scriptSource(script), new Map()).readScript([]);
            return;
        }
        if (args.some((arg) => !arg.value.startsWith('-')))
            return;
        for (const body of bodies) {
            // An unquoted delimiter lets the outer shell expand the body, with its own variables.
            this.nested(body.body, body.expand ? new Map(this.state.vars) : new Map()).readScript([]);
        }
    }
    nested(source, vars) {
        return new ScriptReader(this.scope, { vars, cwd: this.state.cwd }, source, '\\', this.depth + 1, this.place);
    }
    uv(args) {
        let i = 0;
        while (i < args.length && args[i].value.startsWith('-')) {
            i += UV_GLOBAL_VALUE_OPTIONS.has(args[i].value) ? 2 : 1;
        }
        const command = args[i]?.value;
        const sub = args[i + 1]?.value;
        if (command === 'pip' && (sub === 'install' || sub === 'sync')) {
            this.installer = 'uv';
            this.pipInstall(args.slice(i + 2), sub === 'sync');
            this.installer = 'pip';
            return;
        }
        if (command === 'export' || (command === 'pip' && sub === 'compile'))
            return this.compiled(args.slice(i + 1));
        if (command === 'python' && sub === 'install') {
            for (const arg of args.slice(i + 2))
                this.versionArg(arg, BARE_VERSION, `uv python install`);
            return;
        }
        if (command === 'venv') {
            const options = args.slice(i + 1);
            for (let j = 0; j < options.length; j += 1) {
                const option = options[j];
                if (option.value === '--python' || option.value === '-p') {
                    const value = options[j + 1];
                    if (value !== undefined)
                        this.versionArg(value, BARE_VERSION, `uv venv ${option.value}`);
                }
                else if (option.value.startsWith('--python=')) {
                    this.versionArg(option, PYTHON_OPTION, 'uv venv');
                }
            }
        }
    }
    /** Records the version `pattern` captures in `arg`, with `context` before it as the source. */
    versionArg(arg, pattern, context) {
        if (arg.unknown !== null)
            return;
        const match = pattern.exec(arg.value);
        if (match === null)
            return;
        const version = match[1];
        const at = arg.value.indexOf(version);
        const source = `${context} ${arg.value}`.trim();
        this.python(version, source, spanOf(arg, at, at + version.length));
    }
    apt(args, name) {
        const install = args.findIndex((arg) => arg.value === 'install');
        if (install < 0)
            return;
        for (const arg of args.slice(install + 1)) {
            if (arg.unknown !== null || !APT_PYTHON.test(arg.value))
                continue;
            // One fact per command: python3.10 python3.10-dev python3.10-venv all say 3.10.
            return this.versionArg(arg, APT_PYTHON, `${name} install`);
        }
        // `python3`, `python3-pip`, `python3-dev`: the distribution's own python3.
        const distro = this.scope.distroPython;
        const package3 = distro ? args.slice(install + 1).find((arg) => arg.unknown === null && APT_DISTRO_PYTHON.test(arg.value)) : undefined;
        if (distro && package3)
            this.python(distro.version, `${name} install ${package3.value} (python3 of ${distro.distro})`, spanOf(package3));
    }
    conda(args, name, bodies) {
        const command = args.find((arg) => !arg.value.startsWith('-'));
        if (command === undefined)
            return;
        if (command.value === 'run') {
            const inner = args.slice(args.indexOf(command) + 1);
            return this.dispatch(skipOptions(inner, CONDA_RUN_VALUE_OPTIONS), bodies);
        }
        if (command.value !== 'install' && command.value !== 'create' && command.value !== 'update')
            return;
        readCondaInstall(args.slice(args.indexOf(command) + 1), `${name} ${command.value}`, name, this.scope.stage, this.scope.facts);
    }
    pyenv(args) {
        if (args[0]?.value !== 'install')
            return;
        const version = args.slice(1).find((arg) => !arg.value.startsWith('-'));
        if (version !== undefined)
            this.versionArg(version, BARE_VERSION, 'pyenv install');
    }
    /** `pip [global options] install ...`: finds the subcommand. */
    pip(args) {
        for (let i = 0; i < args.length; i += 1) {
            const value = args[i].value;
            if (!value.startsWith('-')) {
                if (value === 'install')
                    this.pipInstall(args.slice(i + 1), false);
                return;
            }
            if (dockerfile_run_VALUE_OPTIONS.has(value))
                i += 1;
        }
    }
    /** The arguments of `pip install` (or `uv pip install`; `uv pip sync` takes files only). */
    pipInstall(args, filesOnly) {
        this.install = ++this.scope.facts.installs;
        for (let i = 0; i < args.length; i += 1) {
            const arg = args[i];
            const { value } = arg;
            if (value === '--') {
                for (const positional of args.slice(i + 1))
                    this.positional(positional, filesOnly);
                return;
            }
            if (value.startsWith('--')) {
                const equals = value.indexOf('=');
                const option = equals >= 0 ? value.slice(0, equals) : value;
                if (equals >= 0)
                    this.option(option, arg, equals + 1);
                else if (dockerfile_run_VALUE_OPTIONS.has(option)) {
                    i += 1;
                    const next = args[i];
                    if (next !== undefined)
                        this.option(option, next, 0);
                }
                continue;
            }
            if (value.startsWith('-') && value.length > 1) {
                for (let j = 1; j < value.length; j += 1) {
                    const letter = value[j];
                    if (!SHORT_VALUE_OPTIONS.has(letter))
                        continue;
                    const option = LONG_NAMES[letter] ?? `-${letter}`;
                    if (j + 1 < value.length)
                        this.option(option, arg, j + 1);
                    else {
                        i += 1;
                        const next = args[i];
                        if (next !== undefined)
                            this.option(option, next, 0);
                    }
                    break;
                }
                continue;
            }
            this.positional(arg, filesOnly);
        }
    }
    positional(arg, filesOnly) {
        if (filesOnly)
            this.include(arg, false);
        else
            this.requirement(arg, false);
    }
    /** An option's value: `arg.value` from `from` on (`--index-url=URL`, `-rfile`), or the whole next word. */
    option(option, arg, from) {
        const value = from === 0 ? arg : { ...arg, value: arg.value.slice(from), start: arg.verbatim ? arg.start + from : arg.start };
        switch (option) {
            case '--requirement':
                return this.include(value, false);
            case '--constraint':
                return this.include(value, true);
            case '--editable':
                return this.requirement(value, true);
            default: {
                const kind = INDEX_KINDS[option];
                if (kind !== undefined)
                    this.index(value, kind);
            }
        }
    }
    index(arg, kind) {
        const span = spanOf(arg);
        if (arg.unknown !== null) {
            this.scope.notChecked(span, arg, `package index ${(0,display/* redactUrl */.B)(arg.value)}`, 'it is not checked', this.place.conditional);
            this.scope.facts.buildTimeIndexes.push({ ...(0,model/* factPosition */.KW)(span), stage: this.scope.stage });
            return;
        }
        this.scope.facts.indexes.push({
            url: (0,display/* redactUrl */.B)(arg.value),
            ...(0,model/* factPosition */.KW)(span),
            kind,
            cuda: (0,pytorch_index/* cudaFromIndexUrl */.J)(arg.value),
            stage: this.scope.stage,
        });
    }
    include(arg, constraint) {
        const flag = constraint ? '-c' : '-r';
        const span = spanOf(arg);
        if (FETCHED_FILE.test(arg.value)) {
            this.problem(span, 'notice', `${flag} ${(0,display/* redactUrl */.B)(arg.value)} is a URL; not fetched, so its pins are not checked`);
            if (arg.unknown === null && /^https?:\/\//i.test(arg.value)) {
                this.scope.facts.remoteIncludes.push({
                    url: (0,url/* withoutCredentials */.ri)(arg.value),
                    ...(0,model/* factPosition */.KW)(span),
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
        if (arg.glob === true)
            return;
        const containerPath = arg.value.startsWith('/') ? arg.value : this.state.cwd === null ? null : joinPath(this.state.cwd, arg.value);
        // The build fetched or wrote it (a clone, a download, `> FILE`): no file of the repository.
        if (containerPath !== null && this.isFetched(containerPath))
            return;
        const resolved = containerPath === null ? null : this.scope.contextPath(containerPath);
        // After a download to a place we cannot tell, a path no COPY brings may be one of its files.
        if (resolved === null && this.fetchedSomewhere)
            return;
        // `COPY $EXAMPLE_DIR/requirements.txt ...`: copied from a path given at build time, kept as written.
        const copiedFrom = resolved === null ? [] : [...resolved.matchAll(WRITTEN_VARIABLE)].map((match) => match[1]);
        if (copiedFrom.length > 0) {
            const from = {
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
    requirement(arg, editable) {
        const span = spanOf(arg);
        if (arg.unknown !== null) {
            this.scope.notChecked(span, arg, `pip install ${arg.value}`, 'it is not checked', this.place.conditional);
            return;
        }
        if (arg.value === '')
            return;
        // `dist/*.whl`, `lmdeploy*`: the shell expands the pattern to files in the image.
        if (arg.glob === true) {
            this.copiedWheels(arg, editable);
            return;
        }
        const glued = arg.verbatim ? this.glued.get(arg.end) : undefined;
        if (glued !== undefined)
            this.redirected(glued);
        const read = this.installer === 'uv' ? readUvRequirement(arg.value, editable) : (0,requirement_forms/* readPipRequirement */.L)(arg.value, editable);
        if (!read.ok) {
            // `if [ "$EXTRAS" != "" ]; then pip install .[a,$EXTRAS]`: the condition may exclude the value
            // that makes it invalid (here the default ""), and only the build knows which values reach it.
            if (!arg.verbatim && this.place.conditional)
                return;
            const at = arg.verbatim ? spanOf(arg, read.offset, read.offset + 1) : span;
            this.problem(at, 'error', read.message);
            return;
        }
        const { name, extras, specifier, marker, url } = read.requirement;
        const unchecked = (0,parse_requirement/* tooManyClauses */.UZ)(name, specifier);
        if (unchecked !== null) {
            this.problem(span, 'warning', `pip install ${unchecked}`);
            return;
        }
        // Listed field by field: spreading into a literal that adds fields is several times slower in V8.
        const requirement = {
            name,
            key: (0,model/* canonicalName */.Ew)(name),
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
        if (this.place.branches.length > 0)
            requirement.branches = this.place.branches;
        this.scope.facts.requirements.push(requirement);
    }
    /**
     * `COPY wheels/ /wheels/` then `pip install /wheels/*.whl`: the shell expands the pattern to the files
     * of the folder, which are the repository's when COPY brought it from the build context; their wheel
     * names are read. No match says nothing: the build may write the files (`pip wheel -w`).
     */
    copiedWheels(arg, editable) {
        const slash = arg.value.lastIndexOf('/');
        const folder = slash < 0 ? '.' : arg.value.slice(0, slash) || '/';
        const pattern = arg.value.slice(slash + 1);
        if ((0,glob/* hasGlobChars */.ed)(folder) || !pattern.endsWith('.whl') || this.scope.contextFiles === undefined)
            return;
        const containerFolder = folder.startsWith('/') ? folder : this.state.cwd === null ? null : joinPath(this.state.cwd, folder);
        if (containerFolder === null || this.isFetched(containerFolder))
            return;
        // The folder a file in it comes from: COPY maps files, not the folder itself (`COPY wheels/ /wheels/`).
        const probe = this.scope.contextPath(`${containerFolder.replace(/\/$/, '')}/-`);
        if (probe === null || (probe !== '-' && !probe.endsWith('/-')))
            return;
        const contextFolder = probe.slice(0, -2);
        const matches = (0,glob/* globToRegExp */.tL)(pattern);
        for (const name of this.scope.contextFiles(contextFolder)) {
            // Not verbatim: the name is not written where the finding points, so no fix rewrites the pattern.
            if (matches.test(name))
                this.requirement({ ...arg, value: `${arg.value.slice(0, slash + 1)}${name}`, glob: false, verbatim: false }, editable);
        }
    }
    /** `pip install numba>=0.57.1`: the shell took the bound for a redirection (see the rule's module). */
    redirected(glued) {
        const written = `${glued.before}${glued.operator}${glued.target}`;
        const fix = /['"\\$`]/.test(written) ? `'${written.replace(/'/g, "'\\''")}'` : `"${written}"`;
        this.scope.facts.problems.push({
            line: glued.line,
            column: glued.column,
            severity: shell_redirect_in_requirement/* RULE */.x.severity,
            rule: shell_redirect_in_requirement/* RULE */.x.id,
            fix,
            message: (0,shell_redirect_in_requirement/* redirectMessage */.O)(glued.before, glued.operator, glued.target, fix),
        });
    }
}
/** Drops leading options (and the values of `valued` ones) up to the wrapped command. */
function skipOptions(args, valued) {
    let i = 0;
    while (i < args.length && args[i].value.startsWith('-')) {
        if (args[i].value === '--')
            return args.slice(i + 1);
        i += valued.has(args[i].value) ? 2 : 1;
    }
    return args.slice(i);
}
/** A `-c` script string's own positions: exact when it was written verbatim, else the word's start. */
function scriptSource(arg) {
    if (arg.verbatim)
        return sliceSource(arg.source, arg.start, arg.end);
    const { line, column } = positionAt(arg.source, arg.start);
    return { text: arg.value, segments: [{ offset: 0, line, column }] };
}
/**
 * Reads a shell script (a RUN command in shell form, a heredoc body) with `escape` as its escape
 * character; `heredocs` are the bodies its `<<WORD` redirections read.
 */
function readShellScript(scope, state, source, escape, heredocs) {
    new ScriptReader(scope, state, source, escape, 0).readScript(heredocs);
}
/** A body without a shebang runs in /bin/sh; with one, only a shell's is read as shell. */
function runsInShell(body) {
    if (!body.startsWith('#!'))
        return true;
    const newline = body.indexOf('\n');
    const words = body
        .slice(2, newline >= 0 ? newline : body.length)
        .trim()
        .split(/\s+/);
    const program = words[0]?.endsWith('/env') ? words.slice(1).find((word) => !word.startsWith('-')) : words[0];
    return program !== undefined && SHELLS.has(basename(program));
}
/** `RUN <<EOF` alone: BuildKit runs the body as the script (or, after a shebang, as that program). */
function readHeredocScript(scope, state, heredoc) {
    if (runsInShell(heredoc.body.text))
        new ScriptReader(scope, state, heredoc.body, '\\', 0).readScript([]);
}
/** Reads an exec-form RUN (`RUN ["pip", "install", "x"]`): no shell, so nothing is expanded. */
function readExecForm(scope, state, source, args) {
    const argv = args.map((arg) => ({
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

;// CONCATENATED MODULE: ./lib/src/parse/dockerfile.js
// The Dockerfile reader: what each build stage is built FROM, which Python and CUDA it selects, and
// what its RUN commands install with pip, read the way BuildKit reads a Dockerfile (no dockerfile-ast:
// it does not expand nested ARGs or `${X:-d}` defaults and crashes on some comment continuations).
//
//   dockerfile-lines.ts   text -> instructions (directives, continuations, heredocs, positions)
//   shell-words.ts        words and operators with their offsets, as /bin/sh or BuildKit splits them
//   dockerfile-expand.ts  BuildKit's word expansion ($X, ${X:-d}, quotes, escapes)
//   dockerfile-words.ts   a word's value and where it was written
//   dockerfile-image.ts   FROM references and the Python/CUDA versions their tags say
//   dockerfile-paths.ts   container paths back to build-context files (COPY, WORKDIR, bind mounts)
//   dockerfile-run.ts     RUN commands: pip invocations and interpreter installs
//   this file             stages: ARG and ENV scopes, FROM, COPY/ADD, WORKDIR, RUN, in order
//
// Bad input becomes a Diagnostic with its line, never an exception.









/** The value of a variable set from `arg`: unknown when the word depends on a build argument. */
function variableValue(arg) {
    return arg.unknown?.buildArgs === undefined ? arg.value : { from: arg.unknown.buildArgs };
}
/**
 * BuildKit defines these in the global scope; their values depend on the builder, so we assume the
 * usual linux/amd64 runner unless build arguments say otherwise.
 */
const AUTOMATIC_ARGS = [
    ['TARGETPLATFORM', 'linux/amd64'],
    ['TARGETOS', 'linux'],
    ['TARGETARCH', 'amd64'],
    ['TARGETVARIANT', ''],
    ['BUILDPLATFORM', 'linux/amd64'],
    ['BUILDOS', 'linux'],
    ['BUILDARCH', 'amd64'],
    ['BUILDVARIANT', ''],
];
const KNOWN_INSTRUCTIONS = new Set([
    'ADD',
    'ARG',
    'CMD',
    'COPY',
    'ENTRYPOINT',
    'ENV',
    'EXPOSE',
    'FROM',
    'HEALTHCHECK',
    'LABEL',
    'MAINTAINER',
    'ONBUILD',
    'RUN',
    'SHELL',
    'STOPSIGNAL',
    'USER',
    'VOLUME',
    'WORKDIR',
]);
const STAGE_NAME = /^[a-z][a-z0-9_.-]*$/;
const VERSION_VALUE = /^\d+\.\d+(?:\.\d+)?$/;
/** Environment variables pip and uv read their indexes from, and what each is. */
const INDEX_ENVIRONMENT = {
    PIP_INDEX_URL: 'index-url',
    UV_INDEX_URL: 'index-url',
    UV_DEFAULT_INDEX: 'index-url',
    PIP_EXTRA_INDEX_URL: 'extra-index-url',
    UV_EXTRA_INDEX_URL: 'extra-index-url',
    UV_INDEX: 'extra-index-url',
    PIP_FIND_LINKS: 'find-links',
    UV_FIND_LINKS: 'find-links',
};
const REMOTE_SOURCE = /^(?:[a-zA-Z][a-zA-Z0-9+.-]*:\/\/|git@)/;
/**
 * How many COPY instructions one path lookup may walk through (real Dockerfiles have a few dozen);
 * past it the path stays as written, so that a file with thousands of both COPY and `-r` stays fast.
 */
const MAX_PLACEMENTS_EXAMINED = 256;
const NO_FLAGS = new Map();
class DockerfileReader {
    escape;
    buildArgs;
    contextFiles;
    problems;
    stages = [];
    /** Named stages by their (lower-case) alias. */
    stagesByAlias = new Map();
    globalArgs = new Map(AUTOMATIC_ARGS);
    branchCount = 0;
    nextBranchId = () => this.branchCount++;
    /** Build arguments a notice already said are unknown: one notice per ARG and file. */
    noticedBuildArgs = new Set();
    file;
    facts;
    constructor(path, escape, buildArgs, contextFiles, 
    /** What reading the text found already; what the instructions say is added. */
    problems) {
        this.escape = escape;
        this.buildArgs = buildArgs;
        this.contextFiles = contextFiles;
        this.problems = problems;
        this.file = (0,model/* emptyFile */.sX)(path, 'dockerfile');
        this.facts = {
            requirements: this.file.requirements,
            python: this.file.python,
            cuda: this.file.cuda,
            includes: this.file.includes,
            indexes: this.file.indexes,
            buildTimeIndexes: [],
            problems: this.problems,
            installs: 0,
            remoteIncludes: [],
        };
    }
    problem(at, severity, message) {
        this.problems.push(at.column === undefined ? { line: at.line, severity, message } : { line: at.line, column: at.column, severity, message });
    }
    /**
     * Says that what `arg` gives (`what`: "FROM $BASE", "pip install $PKG") is not checked, and why. A
     * value from a build argument is said once per ARG and file, and not at all when `quiet` (a shell
     * branch that may not run).
     */
    notChecked = (span, arg, what, consequence, quiet = false) => {
        const unknown = arg.unknown;
        // A value set in a shell branch: the branch, not the repository, decides; nothing to say.
        if (unknown === null || unknown.branch === true)
            return;
        if (unknown.buildArgs !== undefined) {
            if (quiet || unknown.buildArgs.every((name) => this.noticedBuildArgs.has(name)))
                return;
            for (const name of unknown.buildArgs)
                this.noticedBuildArgs.add(name);
        }
        this.problem(span, unknown.severity, `${what}: ${unknown.message}, so ${consequence}`);
    };
    buildArg(name) {
        if (!Object.hasOwn(this.buildArgs, name))
            return undefined;
        return this.buildArgs[name] ?? { from: [name] };
    }
    get current() {
        return this.stages[this.stages.length - 1] ?? null;
    }
    globalLookup = (name) => this.globalArgs.get(name);
    arg(source, word, lookup) {
        return argOf(source, word, lookup, { escape: this.escape }, this.explainUnset);
    }
    /** A global ARG is visible in FROM only: a stage that uses it must declare it again. */
    explainUnset = (names) => {
        const global = names.filter((name) => this.globalArgs.get(name) !== undefined);
        if (global.length === 0)
            return explainUnset(names);
        const verb = names.length > 1 ? 'have' : 'has';
        return (`${names.join(', ')} ${verb} no value in this stage: an ARG before the first FROM is seen only by FROM lines ` +
            `(declare \`ARG ${global[0]}\` in the stage)`);
    };
    read(instruction) {
        const { keyword } = instruction;
        if (!KNOWN_INSTRUCTIONS.has(keyword)) {
            this.problem(instruction, 'error', `unknown instruction: ${instruction.source.text.slice(0, instruction.argsOffset).trim()}`);
            return;
        }
        if (keyword === 'FROM')
            return this.from(instruction);
        const stage = this.current;
        if (keyword === 'ARG')
            return this.declareArgs(instruction, stage);
        if (stage === null) {
            this.problem(instruction, 'error', `${keyword} before the first FROM: no build stage to run it in`);
            return;
        }
        switch (keyword) {
            case 'ENV':
                return this.env(instruction, stage);
            case 'WORKDIR':
                return this.workdir(instruction, stage);
            case 'COPY':
            case 'ADD':
                return this.copy(instruction, stage);
            case 'RUN':
                return this.run(instruction, stage);
            default: // Nothing else says what gets installed.
        }
    }
    flags(instruction, lookup) {
        const rest = afterFlags(instruction.source, instruction.argsOffset, this.escape);
        if (rest === instruction.argsOffset)
            return { flags: NO_FLAGS, rest };
        const flags = new Map();
        for (const word of wordsOf(instruction.source, instruction.argsOffset, this.escape)) {
            if (word.start >= rest)
                break;
            const equals = word.raw.indexOf('=');
            const name = (equals >= 0 ? word.raw.slice(2, equals) : word.raw.slice(2)).toLowerCase();
            const value = equals >= 0
                ? this.arg(instruction.source, wordAfter(word, equals), lookup)
                : this.arg(instruction.source, { raw: 'true', start: word.start, end: word.end }, lookup);
            const values = flags.get(name);
            if (values === undefined)
                flags.set(name, [value]);
            else
                values.push(value);
        }
        return { flags, rest };
    }
    from(instruction) {
        const { source } = instruction;
        const { flags, rest } = this.flags(instruction, this.globalLookup);
        const words = wordsOf(source, rest, this.escape);
        const index = this.stages.length;
        if (words.length !== 1 && !(words.length === 3 && words[1].raw.toLowerCase() === 'as')) {
            this.problem(instruction, 'error', words.length === 0
                ? 'FROM without an image'
                : 'FROM takes an image and an optional stage name: FROM [--platform=<platform>] <image> [AS <name>]');
        }
        let alias = null;
        const nameWord = words.length >= 3 ? words[2] : undefined;
        if (nameWord !== undefined) {
            alias = nameWord.raw.toLowerCase();
            if (!STAGE_NAME.test(alias)) {
                const at = spanOf(this.arg(source, nameWord, () => undefined));
                this.problem(at, 'error', `invalid stage name "${nameWord.raw}": it must start with a letter and hold only letters, digits, "-", "_" and "."`);
            }
        }
        const imageWord = words[0];
        const image = imageWord === undefined ? null : this.arg(source, imageWord, this.globalLookup);
        const span = image === null ? { line: instruction.line, column: 1, endLine: instruction.line, endColumn: 1 } : spanOf(image);
        const broken = image?.unknown?.severity === 'error';
        // `FROM $BASE_IMAGE` with `ARG BASE_IMAGE` and no default: the build gives the image.
        const givenAtBuild = image?.unknown?.buildArgs !== undefined;
        const ref = image === null || broken || givenAtBuild ? '' : image.value;
        if (image !== null && broken) {
            this.problem(span, 'error', `FROM ${imageWord.raw}: ${image.unknown.message}`);
        }
        else if (image !== null && givenAtBuild) {
            this.notChecked(span, image, `FROM ${imageWord.raw}`, 'the base image is not checked');
        }
        else if (image !== null && ref === '') {
            this.problem(span, 'error', `FROM ${imageWord.raw}: the image name is empty${image.unknown === null ? '' : `: ${image.unknown.message}`}`);
        }
        const parentState = ref === '' ? null : (this.stagesByAlias.get(ref.toLowerCase()) ?? null);
        const parsed = parentState === null ? (0,dockerfile_image/* parseImageRef */.Q)(ref) : { name: ref, tag: null, digest: null };
        // Checked only as written or fully expanded: a variable without a value is reported already.
        const invalid = parentState === null && ref !== '' && image?.unknown === null ? (0,dockerfile_image/* invalidReference */.n3)(parsed) : null;
        if (invalid !== null)
            this.problem(span, 'error', `FROM ${(0,display/* quoteInput */.Z)(ref)} is not a valid image reference: ${invalid}; docker build stops with "invalid reference format"`);
        const platform = flags.get('platform')?.[0]?.value ?? null;
        const stageName = alias ?? String(index);
        const imageRef = {
            ref,
            ...parsed,
            stage: alias,
            stageIndex: index,
            fromStage: parentState?.stage.name ?? null,
            platform,
            ...(0,model/* factPosition */.KW)(span),
        };
        // Facts come from real images only: what a refused reference says is never pulled.
        if (ref !== '' && invalid === null)
            this.file.images.push(imageRef);
        const stage = {
            index,
            name: stageName,
            alias,
            image: imageRef,
            parent: parentState?.stage.name ?? null,
            copies: [],
            line: instruction.line,
        };
        // "Arguments and variables are inherited from parent stages" (Docker's build variables docs).
        const env = new Map(parentState?.env ?? []);
        const args = new Map(parentState?.args ?? []);
        const state = {
            stage,
            env,
            args,
            workdir: parentState?.workdir ?? '/',
            parent: parentState,
            placements: [],
            fetched: [...(parentState?.fetched ?? [])],
            lookup: (name) => env.get(name) ?? args.get(name),
            distroPython: parentState !== null ? parentState.distroPython : invalid === null && ref !== '' ? (0,dockerfile_image/* distroPythonOf */.DV)(parsed) : null,
        };
        this.stages.push(state);
        // A later stage with the same name shadows the earlier one, as in BuildKit.
        if (alias !== null)
            this.stagesByAlias.set(alias, state);
        if (image === null || parentState !== null || ref === '' || invalid !== null)
            return;
        // A framework image whose tag does not say its Python or CUDA: the table's, on the whole tag.
        const known = frameworkImageRow(parsed);
        const wholeTag = { start: parsed.name.length + 1, end: parsed.name.length + 1 + (parsed.tag ?? '').length };
        const python = (0,dockerfile_image/* pythonFromImage */.Yf)(parsed) ?? (known?.python ? { version: known.python, ...wholeTag } : null);
        if (python !== null)
            this.file.python.push(this.imageFact(python, image, ref, stageName));
        const cuda = (0,dockerfile_image/* cudaFromImage */.dJ)(parsed) ?? (known?.cuda ? { version: known.cuda, ...wholeTag } : null);
        if (cuda !== null)
            this.file.cuda.push(this.imageFact(cuda, image, ref, stageName));
        const torch = torchFromImage(parsed);
        if (torch !== null)
            this.file.requirements.push(imageRequirement('torch', torch, spanOf(image, torch.start, torch.end), stageName));
    }
    imageFact(found, image, ref, stage) {
        return { version: found.version, ...(0,model/* factPosition */.KW)(spanOf(image, found.start, found.end)), source: ref, stage };
    }
    /** `ARG NAME`, `ARG NAME=default ...`: global before the first FROM, else declared in the stage. */
    declareArgs(instruction, stage) {
        const words = wordsOf(instruction.source, instruction.argsOffset, this.escape);
        if (words.length === 0)
            this.problem(instruction, 'error', 'ARG requires at least one argument');
        const lookup = stage?.lookup ?? this.globalLookup;
        const declared = [];
        for (const word of words) {
            const equals = word.raw.indexOf('=');
            const name = equals >= 0 ? word.raw.slice(0, equals) : word.raw;
            if (name === '') {
                this.problem(instruction, 'error', `ARG names can not be blank: ${word.raw}`);
                continue;
            }
            let value = this.buildArg(name);
            if (value === undefined && equals >= 0) {
                const expanded = this.arg(instruction.source, wordAfter(word, equals), lookup);
                if (expanded.unknown?.severity === 'error')
                    this.problem(spanOf(expanded), 'error', `ARG ${name}: ${expanded.unknown.message}`);
                value = variableValue(expanded);
            }
            // A stage's `ARG NAME` without a value brings in the global one (or the parent stage's).
            if (value === undefined)
                value = (stage === null ? undefined : stage.args.get(name)) ?? this.globalArgs.get(name);
            // Declared without a default and given no value: `--build-arg` gives it, so it is unknown, not empty.
            declared.push([name, value ?? { from: [name] }]);
        }
        // All values were expanded with the scope as it was before this instruction, as BuildKit does.
        for (const [name, value] of declared) {
            if (stage === null)
                this.globalArgs.set(name, value);
            else
                stage.args.set(name, value);
        }
        // A stage's ARG is in the environment of its RUNs; one without a value is set by --build-arg.
        if (stage === null)
            return;
        words.forEach((word, index) => {
            const [name, value] = declared[index] ?? [];
            const kind = name === undefined || !Object.hasOwn(INDEX_ENVIRONMENT, name) ? undefined : INDEX_ENVIRONMENT[name];
            if (name === undefined || kind === undefined)
                return;
            const equals = word.raw.indexOf('=');
            const written = this.arg(instruction.source, equals >= 0 ? wordAfter(word, equals) : word, () => undefined);
            // Given at build time: the index is named `$NAME`, which the index checks read as one no one can name yet.
            this.environmentIndexes({ ...written, value: typeof value === 'string' ? value : `$${name}` }, kind, stage);
        });
    }
    /** `ENV K=V K2=V2` or the legacy `ENV K V W` (the value is the rest of the line). */
    env(instruction, stage) {
        const { source } = instruction;
        const words = wordsOf(source, instruction.argsOffset, this.escape);
        const first = words[0];
        if (first === undefined) {
            this.problem(instruction, 'error', 'ENV requires at least one argument');
            return;
        }
        const pairs = [];
        if (!first.raw.includes('=')) {
            let valueStart = first.end;
            while (valueStart < source.text.length && isSpace(source.text[valueStart]))
                valueStart += 1;
            if (valueStart >= source.text.length) {
                this.problem(instruction, 'error', `ENV ${first.raw} must have two arguments: ENV <name>=<value>`);
                return;
            }
            const raw = source.text.slice(valueStart);
            pairs.push({
                name: first.raw,
                value: this.arg(source, { raw, start: valueStart, end: source.text.length }, stage.lookup),
                written: `${first.raw} ${raw}`,
            });
        }
        else {
            for (const word of words) {
                const equals = word.raw.indexOf('=');
                if (equals <= 0) {
                    this.problem(spanOf(this.arg(source, word, () => undefined)), 'error', `ENV ${word.raw}: expected <name>=<value>`);
                    continue;
                }
                const value = this.arg(source, wordAfter(word, equals), stage.lookup);
                pairs.push({ name: word.raw.slice(0, equals), value, written: word.raw });
            }
        }
        for (const { name, value, written } of pairs) {
            if (value.unknown?.severity === 'error')
                this.problem(spanOf(value), 'error', `ENV ${name}: ${value.unknown.message}`);
            stage.env.set(name, variableValue(value));
            const indexKind = INDEX_ENVIRONMENT[name];
            if (indexKind)
                this.environmentIndexes(value, indexKind, stage);
            if (name !== 'PYTHON_VERSION' && name !== 'CUDA_VERSION')
                continue;
            if (!VERSION_VALUE.test(value.value))
                continue;
            const fact = { version: value.value, ...(0,model/* factPosition */.KW)(spanOf(value)), source: `ENV ${written}`, stage: stage.stage.name };
            (name === 'PYTHON_VERSION' ? this.file.python : this.file.cuda).push(fact);
        }
    }
    /** `ENV PIP_INDEX_URL=...` and its kin: the indexes every later pip of the stage reads. */
    environmentIndexes(value, kind, stage) {
        const span = spanOf(value);
        if (value.unknown !== null) {
            this.notChecked(span, value, `package index ${(0,display/* redactUrl */.B)(value.value)}`, 'it is not checked');
            this.facts.buildTimeIndexes.push({ ...(0,model/* factPosition */.KW)(span), stage: stage.stage.name });
            return;
        }
        for (const url of value.value.split(/\s+/).filter(Boolean)) {
            this.file.indexes.push({ url: (0,display/* redactUrl */.B)(url), ...(0,model/* factPosition */.KW)(span), kind, cuda: (0,pytorch_index/* cudaFromIndexUrl */.J)(url), stage: stage.stage.name });
        }
    }
    workdir(instruction, stage) {
        const { source } = instruction;
        const raw = source.text.slice(instruction.argsOffset).trim();
        if (raw === '') {
            this.problem(instruction, 'error', 'WORKDIR requires exactly one argument');
            return;
        }
        const path = this.arg(source, { raw, start: instruction.argsOffset, end: instruction.argsOffset + raw.length }, stage.lookup);
        stage.workdir = joinPath(stage.workdir, path.value);
    }
    copy(instruction, stage) {
        const { source } = instruction;
        const { flags, rest } = this.flags(instruction, stage.lookup);
        const json = parseJsonArgs(source.text, rest);
        const values = json !== null
            ? json.map((arg) => arg.value)
            : wordsOf(source, rest, this.escape).map((word) => this.arg(source, word, stage.lookup).value);
        const dest = values.pop();
        if (dest === undefined || values.length === 0) {
            this.problem(instruction, 'error', `${instruction.keyword} requires at least two arguments: a source and a destination`);
            return;
        }
        // Heredoc sources are written inline, and remote ones come from no file of the repository.
        const remote = (value) => instruction.keyword === 'ADD' && REMOTE_SOURCE.test(value);
        for (const url of values.filter(remote)) {
            const into = dest.endsWith('/') || values.length > 1;
            stage.fetched.push(joinPath(stage.workdir, into ? `${dest}/${url.split(/[?#]/)[0].replace(/\/+$/, '').split('/').pop()}` : dest));
        }
        const sources = values.filter((value) => heredocWord(value) === null && !remote(value));
        if (sources.length === 0)
            return;
        const from = flags.get('from')?.[0]?.value ?? null;
        const named = from === null ? null : this.stageNamed(from);
        const intoDirectory = dest === '.' || dest.endsWith('/') || values.length > 1;
        const copy = {
            sources,
            dest: `${joinPath(stage.workdir, dest)}${intoDirectory ? '/' : ''}`.replace(/\/\/$/, '/'),
            fromStage: named?.stage.name ?? from,
            line: instruction.line,
        };
        stage.stage.copies.push(copy);
        stage.placements.push({ ...placement(sources, copy.dest), from: named ?? (from === null ? null : 'image') });
    }
    /** A stage by its name, or (as COPY --from allows) its index. */
    stageNamed(name) {
        const byName = this.stagesByAlias.get(name.toLowerCase());
        if (byName !== undefined)
            return byName;
        return /^\d+$/.test(name) ? (this.stages[Number(name)] ?? null) : null;
    }
    /** The context path a container path came from: through mounts, then the stage's copies (latest first). */
    resolve(mounts, stage, target) {
        for (const mount of mounts) {
            const found = sourceOf(mount, target);
            if (found !== null)
                return found;
        }
        let state = stage;
        let path = target;
        let index = stage.placements.length - 1;
        for (let examined = 0; state !== null && examined < MAX_PLACEMENTS_EXAMINED; examined += 1) {
            const copy = state.placements[index];
            if (copy === undefined) {
                // Nothing in this stage put it there: the stage it is built FROM may have.
                state = state.parent;
                index = state === null ? -1 : state.placements.length - 1;
                continue;
            }
            index -= 1;
            const found = sourceOf(copy, path);
            if (found === null)
                continue;
            if (copy.from === null)
                return found;
            // Copied from another image, it is no file of ours; from another stage, follow it there.
            if (copy.from === 'image')
                return null;
            state = copy.from;
            path = `/${found}`;
            index = state.placements.length - 1;
        }
        return null;
    }
    mounts(flags, stage) {
        const mounts = [];
        for (const flag of flags.get('mount') ?? []) {
            const fields = new Map();
            for (const field of flag.value.split(',')) {
                const equals = field.indexOf('=');
                fields.set((equals >= 0 ? field.slice(0, equals) : field).trim().toLowerCase(), equals >= 0 ? field.slice(equals + 1).trim() : '');
            }
            if ((fields.get('type') ?? 'bind') !== 'bind' || fields.has('from'))
                continue;
            const target = fields.get('target') ?? fields.get('dst') ?? fields.get('destination');
            if (target === undefined)
                continue;
            mounts.push(placement([fields.get('source') ?? fields.get('src') ?? ''], joinPath(stage.workdir, target)));
        }
        return mounts;
    }
    run(instruction, stage) {
        const { source } = instruction;
        const { flags, rest } = this.flags(instruction, stage.lookup);
        const mounts = this.mounts(flags, stage);
        const scope = {
            stage: stage.stage.name,
            lookup: stage.lookup,
            contextPath: (target) => this.resolve(mounts, stage, target),
            explainUnset: this.explainUnset,
            facts: this.facts,
            notChecked: this.notChecked,
            fetched: stage.fetched,
            nextBranchId: this.nextBranchId,
            distroPython: stage.distroPython,
            contextFiles: this.contextFiles,
        };
        const state = { vars: new Map(), cwd: stage.workdir };
        const json = parseJsonArgs(source.text, rest);
        if (json !== null) {
            readExecForm(scope, state, source, json);
            return;
        }
        // An unterminated heredoc swallowed the rest of the file: what it holds is not a script.
        const heredocs = instruction.heredocs.filter((heredoc) => heredoc.terminated);
        const only = heredocs[0];
        if (only !== undefined && heredocWord(source.text.slice(rest).trim()) !== null) {
            readHeredocScript(scope, state, only);
            return;
        }
        readShellScript(scope, state, sliceSource(source, rest), this.escape, heredocs);
    }
}
/** Reads a Dockerfile: its stages and what they install. Never throws; bad input becomes diagnostics. */
function parseDockerfile(path, text, options = {}) {
    const { instructions, escape, problems } = readDockerfile(text);
    const reader = new DockerfileReader(path, escape, options.buildArgs ?? {}, options.contextFiles, problems);
    for (const instruction of instructions)
        reader.read(instruction);
    if (reader.stages.length === 0) {
        reader.problems.push({ line: 1, severity: 'error', message: 'no FROM instruction: this is not a Dockerfile BuildKit can build' });
    }
    // Array.prototype.sort is stable: problems on one line keep the order they were found in.
    const diagnostics = reader.problems
        .sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0))
        .map((problem) => {
        const diagnostic = problem.column === undefined
            ? { file: path, line: problem.line, severity: problem.severity, message: problem.message }
            : { file: path, line: problem.line, column: problem.column, severity: problem.severity, message: problem.message };
        if (problem.rule !== undefined)
            diagnostic.rule = problem.rule;
        if (problem.fix !== undefined)
            diagnostic.fix = problem.fix;
        return diagnostic;
    });
    // Only files that have one carry the field: `parse` prints every other file as before.
    if (reader.facts.remoteIncludes.length > 0)
        reader.file.remoteIncludes = reader.facts.remoteIncludes;
    if (reader.facts.buildTimeIndexes.length > 0)
        reader.file.buildTimeIndexes = reader.facts.buildTimeIndexes;
    return { file: reader.file, diagnostics, stages: reader.stages.map((state) => state.stage) };
}


/***/ }),

/***/ 7120:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IC: () => (/* binding */ tokenizeShell),
/* harmony export */   Ow: () => (/* binding */ endOfConstruct),
/* harmony export */   UE: () => (/* binding */ REDIRECTIONS)
/* harmony export */ });
// A small POSIX-ish tokenizer: it splits text into words and operators and keeps each word exactly as
// written (quotes, escapes and expansions included) with its offsets, so that a token found in a RUN
// command maps back to its line and column in the Dockerfile. It does not expand anything: quote
// removal and `$VAR` expansion are dockerfile-expand.ts's job, because the values are known only there.
//
// Two modes:
// - shell (operators: true): what /bin/sh sees in a RUN command or a heredoc body. `&&`, `;`, `|`,
//   `(`, newlines, redirections are operators; `#` at the start of a word begins a comment; `$(...)`,
//   `$((...))` and backticks are kept inside the word they belong to, as opaque text.
// - words (operators: false): how BuildKit splits an instruction's arguments (FROM, COPY, ENV...):
//   only blanks separate words; quotes, escapes and `${...}` still group characters.
//
// Everything is one forward pass with an explicit stack (no recursion, no regular expression), so
// hostile input costs linear time and bounded stack.
/** Redirections take the next word as their target; `<<` and `<<-` take a heredoc delimiter. */
const REDIRECTIONS = new Set(['<', '>', '>>', '>|', '<>', '<&', '>&', '&>', '&>>', '<<', '<<-', '<<<']);
// Longest first, so that `&&` wins over `&` and `<<-` over `<<`.
const OPERATORS = [
    '&>>',
    '<<-',
    '<<<',
    '&&',
    '||',
    ';;',
    '|&',
    '&>',
    '>>',
    '>|',
    '<>',
    '<&',
    '>&',
    '<<',
    ';',
    '&',
    '|',
    '(',
    ')',
    '<',
    '>',
    '\n',
];
// Character codes: the scanner compares numbers, not one-character strings.
const TAB = 9;
const NEWLINE = 10;
const VTAB = 11;
const FORMFEED = 12;
const RETURN = 13;
const SPACE = 32;
const DOUBLE_QUOTE = 34;
const HASH = 35;
const DOLLAR = 36;
const AMPERSAND = 38;
const SINGLE_QUOTE = 39;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const ZERO = 48;
const NINE = 57;
const SEMICOLON = 59;
const LESS = 60;
const GREATER = 62;
const BACKQUOTE = 96;
const OPEN_BRACE = 123;
const PIPE = 124;
const CLOSE_BRACE = 125;
function isBlank(code) {
    return code === SPACE || code === TAB || code === RETURN || code === VTAB || code === FORMFEED;
}
function isOperatorStart(code) {
    return (code === SEMICOLON ||
        code === AMPERSAND ||
        code === PIPE ||
        code === OPEN_PAREN ||
        code === CLOSE_PAREN ||
        code === LESS ||
        code === GREATER ||
        code === NEWLINE);
}
function operatorAt(text, at) {
    if (!isOperatorStart(text.charCodeAt(at)))
        return null;
    for (const op of OPERATORS) {
        if (text.startsWith(op, at))
            return op;
    }
    return null;
}
function describeCloser(closer) {
    switch (closer) {
        case SINGLE_QUOTE:
            return 'single quote';
        case DOUBLE_QUOTE:
            return 'double quote';
        case BACKQUOTE:
            return 'backquote';
        case CLOSE_PAREN:
            return '$(...) command substitution';
        default:
            return '${...} expansion';
    }
}
/**
 * The open constructs of the word being scanned, innermost last. One instance serves every scan (one
 * runs at a time), so that a word costs no allocation.
 */
class ConstructStack {
    closers = [];
    opens = [];
    depth = 0;
    /** The code that closes the innermost construct, -1 when none is open. */
    top = -1;
    reset() {
        this.depth = 0;
        this.top = -1;
    }
    open(closer, where) {
        this.closers[this.depth] = closer;
        this.opens[this.depth] = where;
        this.depth += 1;
        this.top = closer;
    }
    close() {
        this.depth -= 1;
        this.top = this.depth > 0 ? this.closers[this.depth - 1] : -1;
    }
    /** Where the innermost construct opened. */
    get innermost() {
        return this.opens[this.depth - 1];
    }
}
const stack = new ConstructStack();
/**
 * Scans one word starting at `at` and returns the offset just past it (with `construct`, just past the
 * quote or expansion that opens at `at`).
 */
function scanWord(text, at, escape, shell, errors, construct = false) {
    stack.reset();
    let i = at;
    const n = text.length;
    while (i < n) {
        if (construct && i > at && stack.depth === 0)
            return i;
        const code = text.charCodeAt(i);
        const { top } = stack;
        if (top === SINGLE_QUOTE || (top === DOUBLE_QUOTE && code === DOUBLE_QUOTE) || (top !== DOUBLE_QUOTE && code === top)) {
            if (code === top)
                stack.close();
            i += 1;
            continue;
        }
        if (code === escape) {
            i += 2;
            continue;
        }
        if (top === -1 && (isBlank(code) || code === NEWLINE || (shell && isOperatorStart(code))))
            break;
        if (top !== DOUBLE_QUOTE && (code === SINGLE_QUOTE || code === DOUBLE_QUOTE)) {
            stack.open(code, i);
            i += 1;
            continue;
        }
        const next = text.charCodeAt(i + 1);
        if (code === DOLLAR && next === OPEN_BRACE) {
            stack.open(CLOSE_BRACE, i);
            i += 2;
        }
        else if (shell && code === DOLLAR && next === OPEN_PAREN) {
            stack.open(CLOSE_PAREN, i);
            i += 2;
        }
        else if (shell && code === BACKQUOTE && escape !== BACKQUOTE) {
            stack.open(BACKQUOTE, i);
            i += 1;
        }
        else {
            // Plain parentheses inside $( ... ) (a subshell or a case pattern) nest too.
            if (top === CLOSE_PAREN && code === OPEN_PAREN)
                stack.open(CLOSE_PAREN, i);
            i += 1;
        }
    }
    if (stack.depth > 0) {
        // The innermost construct is the one that is missing its end: `"torch==${V"` lacks a `}`.
        errors.push({ message: `unterminated ${describeCloser(stack.top)}`, offset: stack.innermost });
        return n;
    }
    return Math.min(i, n);
}
/** Splits `text` into words and (in shell mode) operators, each with its offsets. */
function tokenizeShell(text, options = {}) {
    const escape = (options.escape ?? '\\').charCodeAt(0);
    const shell = options.operators ?? true;
    const tokens = [];
    const errors = [];
    const n = text.length;
    let i = 0;
    while (i < n) {
        const code = text.charCodeAt(i);
        if (isBlank(code) || (!shell && code === NEWLINE)) {
            i += 1;
            continue;
        }
        // An escaped newline between words joins the lines and separates nothing.
        if (code === escape && text.charCodeAt(i + 1) === NEWLINE) {
            i += 2;
            continue;
        }
        if (shell && code === HASH) {
            while (i < n && text.charCodeAt(i) !== NEWLINE)
                i += 1;
            continue;
        }
        const op = shell ? operatorAt(text, i) : null;
        if (op !== null) {
            tokens.push({ kind: 'operator', op, start: i, end: i + op.length });
            i += op.length;
            continue;
        }
        const end = scanWord(text, i, escape, shell, errors);
        // `2>` and `2>&1`: a word of digits right before a redirection is its file descriptor.
        const after = text.charCodeAt(end);
        if (shell && (after === LESS || after === GREATER) && isAllDigits(text, i, end)) {
            const redirection = operatorAt(text, end);
            tokens.push({ kind: 'operator', op: text.slice(i, end) + redirection, start: i, end: end + redirection.length });
            i = end + redirection.length;
            continue;
        }
        tokens.push({ kind: 'word', raw: text.slice(i, end), start: i, end });
        i = end;
    }
    return { tokens, error: errors[0] ?? null };
}
/**
 * The offset just past the quote, `${...}`, `$(...)` or backquote that opens at `at`, with everything
 * nested in it; the text's length when it is unterminated.
 */
function endOfConstruct(text, at, escape = '\\') {
    return scanWord(text, at, escape.charCodeAt(0), true, [], true);
}
function isAllDigits(text, start, end) {
    for (let i = start; i < end; i += 1) {
        const code = text.charCodeAt(i);
        if (code < ZERO || code > NINE)
            return false;
    }
    return end > start;
}


/***/ })

};
