export const id = 750;
export const ids = [750,548];
export const modules = {

/***/ 3750:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parsePyproject: () => (/* binding */ parsePyproject),
/* harmony export */   poetryConstraintToPep440: () => (/* binding */ poetryConstraintToPep440)
/* harmony export */ });
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4887);
/* harmony import */ var _pep440_specifier_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(720);
/* harmony import */ var _pytorch_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2888);
/* harmony import */ var _requirement_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4873);
/* harmony import */ var _requirements_display_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2721);
/* harmony import */ var _requirements_requirement_forms_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6870);
/* harmony import */ var _toml_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5548);
// pyproject.toml: the requirements it declares (PEP 621 project tables, PEP 735 dependency groups,
// build-system requires, Poetry's own tables) and the interpreter it asks for, each at the line and
// column where it is written, as `readToml` (./toml.ts) gives them.







function parsePyproject(path, text) {
    const file = { ...(0,_model_js__WEBPACK_IMPORTED_MODULE_6__/* .emptyFile */ .sX)(path, 'pyproject'), requiresPython: null };
    const read = (0,_toml_js__WEBPACK_IMPORTED_MODULE_5__.readToml)(text);
    if (!read.ok) {
        const { message, line, column } = read.error;
        return {
            file,
            diagnostics: [{ file: path, line, column, severity: 'error', message: `invalid TOML: ${message}; pyproject.toml not read` }],
        };
    }
    const reader = new PyprojectReader(path, file, text, read.document);
    reader.read(read.document.root);
    const diagnostics = reader.diagnostics.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
    return { file, diagnostics };
}
// ---------------------------------------------------------------------------------------------
class PyprojectReader {
    path;
    file;
    text;
    document;
    diagnostics = [];
    constructor(path, file, text, document) {
        this.path = path;
        this.file = file;
        this.text = text;
        this.document = document;
    }
    read(root) {
        const project = this.table(root, ['project']);
        if (project) {
            this.readPep508Array(project['dependencies'], ['project', 'dependencies']);
            const optional = this.table(project, ['project', 'optional-dependencies']);
            for (const [extra, entries] of Object.entries(optional ?? {}))
                this.readPep508Array(entries, ['project', 'optional-dependencies', extra]);
            this.readRequiresPython(project['requires-python']);
        }
        this.readDependencyGroups(this.table(root, ['dependency-groups']));
        const buildSystem = this.table(root, ['build-system']);
        if (buildSystem)
            this.readPep508Array(buildSystem['requires'], ['build-system', 'requires']);
        const tool = this.table(root, ['tool']);
        const poetry = tool && this.table(tool, ['tool', 'poetry']);
        if (poetry)
            this.readPoetry(poetry);
        const uv = tool && this.table(tool, ['tool', 'uv']);
        this.readIndexes(poetry, uv);
    }
    /** `value` at `path` as a table; a diagnostic and null when it is something else. */
    table(parent, path) {
        const value = parent[path[path.length - 1]];
        if (value === undefined)
            return null;
        if ((0,_toml_js__WEBPACK_IMPORTED_MODULE_5__.isTable)(value))
            return value;
        this.wrongType(path, value, 'a table');
        return null;
    }
    readPep508Array(value, path) {
        if (value === undefined)
            return;
        if (!Array.isArray(value)) {
            this.wrongType(path, value, 'an array of PEP 508 strings');
            return;
        }
        value.forEach((entry, index) => {
            if (typeof entry === 'string')
                this.addPep508(entry, [...path, index], groupName(path));
            else
                this.wrongType([...path, index], entry, 'a PEP 508 string');
        });
    }
    addPep508(text, path, group) {
        const parsed = (0,_requirement_js__WEBPACK_IMPORTED_MODULE_2__/* .parseRequirement */ .pP)(text);
        const span = this.content(path);
        if (!parsed.ok) {
            const at = this.document.position(span.exact ? span.start + parsed.offset : span.start);
            this.report(at, 'error', `Invalid requirement ${(0,_requirements_display_js__WEBPACK_IMPORTED_MODULE_3__/* .quoteInput */ .Z)(text)} in ${group}: ${parsed.message}`);
            return;
        }
        const unchecked = (0,_requirement_js__WEBPACK_IMPORTED_MODULE_2__/* .tooManyClauses */ .UZ)(parsed.name, parsed.specifier);
        if (unchecked !== null) {
            this.report(this.document.position(span.start), 'warning', `${unchecked} (in ${group})`);
            return;
        }
        this.file.requirements.push(this.requirement(parsed, this.spanOf(span), group, false));
    }
    requirement(parsed, span, group, editable) {
        return {
            name: parsed.name,
            key: (0,_model_js__WEBPACK_IMPORTED_MODULE_6__/* .canonicalName */ .Ew)(parsed.name),
            extras: (0,_requirements_requirement_forms_js__WEBPACK_IMPORTED_MODULE_4__/* .normaliseExtras */ .u)(parsed.extras),
            specifier: parsed.specifier,
            marker: parsed.marker,
            url: parsed.url === null ? null : (0,_requirements_display_js__WEBPACK_IMPORTED_MODULE_3__/* .redactUrl */ .B)(parsed.url),
            editable,
            constraint: false,
            ...span,
            group,
        };
    }
    readRequiresPython(value) {
        if (value === undefined)
            return;
        if (typeof value !== 'string') {
            this.wrongType(['project', 'requires-python'], value, 'a PEP 440 specifier string');
            return;
        }
        this.setRequiresPython(value, ['project', 'requires-python'], 'project.requires-python');
    }
    setRequiresPython(specifier, path, where) {
        const span = this.content(path);
        const checked = (0,_pep440_specifier_js__WEBPACK_IMPORTED_MODULE_0__/* .parseSpecifierSet */ .m0)(specifier);
        if (!checked.ok) {
            this.report(this.document.position(span.start), 'error', `${where} ${(0,_requirements_display_js__WEBPACK_IMPORTED_MODULE_3__/* .quoteInput */ .Z)(specifier)} is not a PEP 440 specifier: ${checked.message}`);
            return;
        }
        this.file.requiresPython = { specifier: specifier.replace(WHITESPACE, ''), ...(0,_model_js__WEBPACK_IMPORTED_MODULE_6__/* .factPosition */ .KW)(this.spanOf(span)) };
    }
    readDependencyGroups(groups) {
        if (!groups)
            return;
        // PEP 735: names compare normalised; includes must name a group; no cycles.
        const byKey = new Map();
        for (const name of Object.keys(groups)) {
            const key = (0,_model_js__WEBPACK_IMPORTED_MODULE_6__/* .canonicalName */ .Ew)(name);
            const earlier = byKey.get(key);
            if (earlier !== undefined)
                this.reportAt(['dependency-groups', name], 'error', `dependency group '${name}' has the same normalised name as '${earlier}'`);
            else
                byKey.set(key, name);
        }
        const includes = new Map();
        for (const [name, entries] of Object.entries(groups)) {
            const path = ['dependency-groups', name];
            if (!Array.isArray(entries)) {
                this.wrongType(path, entries, 'an array of PEP 508 strings and {include-group = "..."} tables');
                continue;
            }
            const included = [];
            entries.forEach((entry, index) => {
                const entryPath = [...path, index];
                if (typeof entry === 'string') {
                    this.addPep508(entry, entryPath, groupName(path));
                }
                else if ((0,_toml_js__WEBPACK_IMPORTED_MODULE_5__.isTable)(entry) && Object.keys(entry).length === 1 && entry['include-group'] !== undefined) {
                    const target = entry['include-group'];
                    if (typeof target !== 'string')
                        this.wrongType([...entryPath, 'include-group'], target, "a string (a group's name)");
                    else if (byKey.has((0,_model_js__WEBPACK_IMPORTED_MODULE_6__/* .canonicalName */ .Ew)(target)))
                        included.push(byKey.get((0,_model_js__WEBPACK_IMPORTED_MODULE_6__/* .canonicalName */ .Ew)(target)));
                    else
                        this.reportAt([...entryPath, 'include-group'], 'error', `dependency group '${name}' includes '${target}', which is not defined`);
                }
                else {
                    this.wrongType(entryPath, entry, 'a PEP 508 string or {include-group = "..."}');
                }
            });
            includes.set(name, included);
        }
        this.reportGroupCycles(includes);
    }
    reportGroupCycles(includes) {
        const state = new Map();
        for (const root of includes.keys()) {
            if (state.has(root))
                continue;
            // Iterative depth-first search: group chains can be long.
            const stack = [{ name: root, next: 0 }];
            state.set(root, 'open');
            while (stack.length > 0) {
                const top = stack[stack.length - 1];
                const targets = includes.get(top.name) ?? [];
                if (top.next >= targets.length) {
                    state.set(top.name, 'done');
                    stack.pop();
                    continue;
                }
                const target = targets[top.next++];
                if (state.get(target) === 'open') {
                    const chain = [...stack.slice(stack.findIndex((frame) => frame.name === target)).map((frame) => frame.name), target];
                    this.reportAt(['dependency-groups', top.name], 'error', `dependency groups include each other: ${chain.join(' -> ')}`);
                }
                else if (!state.has(target)) {
                    state.set(target, 'open');
                    stack.push({ name: target, next: 0 });
                }
            }
        }
    }
    readPoetry(poetry) {
        const tables = [];
        const main = this.table(poetry, ['tool', 'poetry', 'dependencies']);
        if (main)
            tables.push([main, ['tool', 'poetry', 'dependencies']]);
        const legacyDev = this.table(poetry, ['tool', 'poetry', 'dev-dependencies']);
        if (legacyDev)
            tables.push([legacyDev, ['tool', 'poetry', 'dev-dependencies']]);
        const groups = this.table(poetry, ['tool', 'poetry', 'group']);
        for (const [name, group] of Object.entries(groups ?? {})) {
            if (!(0,_toml_js__WEBPACK_IMPORTED_MODULE_5__.isTable)(group)) {
                this.wrongType(['tool', 'poetry', 'group', name], group, 'a table');
                continue;
            }
            const dependencies = this.table(group, ['tool', 'poetry', 'group', name, 'dependencies']);
            if (dependencies)
                tables.push([dependencies, ['tool', 'poetry', 'group', name, 'dependencies']]);
        }
        for (const [dependencies, path] of tables) {
            for (const [name, value] of Object.entries(dependencies)) {
                // poetry-core never reads `python` as a package: in the main dependencies it is the Python
                // constraint, and in a group or dev-dependencies it is passed over.
                if (name.toLowerCase() !== 'python')
                    this.readPoetryDependency(name, value, [...path, name], groupName(path));
                else if (path.length === 3 && path[2] === 'dependencies')
                    this.readPoetryPython(value, [...path, name]);
            }
        }
    }
    readPoetryPython(value, path) {
        if (typeof value !== 'string') {
            this.wrongType(path, value, 'a version constraint string');
            return;
        }
        const translated = poetryConstraintToPep440(value);
        if (!translated.ok) {
            this.reportAt(path, 'notice', `tool.poetry.dependencies.python ${(0,_requirements_display_js__WEBPACK_IMPORTED_MODULE_3__/* .quoteInput */ .Z)(value)}: ${translated.message}; the Python version is not checked`);
            return;
        }
        // PEP 621 requires-python wins: Poetry 2 reads it first too.
        if (!this.file.requiresPython)
            this.setRequiresPython(translated.specifier, path, 'tool.poetry.dependencies.python');
    }
    readPoetryDependency(name, value, path, group) {
        if (Array.isArray(value)) {
            // Multiple-constraint dependencies: one requirement per alternative, each with its own markers.
            value.forEach((entry, index) => {
                if (Array.isArray(entry))
                    this.wrongType([...path, index], entry, 'a version string or a table');
                else
                    this.readPoetryDependency(name, entry, [...path, index], group);
            });
            return;
        }
        const spec = typeof value === 'string' ? { version: value } : (0,_toml_js__WEBPACK_IMPORTED_MODULE_5__.isTable)(value) ? value : null;
        if (spec === null) {
            this.wrongType(path, value, 'a version string, a table or an array of tables');
            return;
        }
        // Poetry refuses the whole file over a key of the wrong type; what the dependency means is unknown.
        if (!this.keysTyped(spec, path, POETRY_DEPENDENCY_KEYS))
            return;
        const built = poetryRequirementText(name, spec);
        if (!built.ok) {
            this.reportAt(path, built.severity, `${group}.${tomlKey(name)}: ${built.message}`);
            if (built.severity === 'error')
                return;
        }
        const text = built.ok ? built.text : built.fallback;
        const parsed = (0,_requirement_js__WEBPACK_IMPORTED_MODULE_2__/* .parseRequirement */ .pP)(text);
        if (!parsed.ok) {
            this.reportAt(path, 'error', `${group}.${tomlKey(name)}: reads as ${(0,_requirements_display_js__WEBPACK_IMPORTED_MODULE_3__/* .quoteInput */ .Z)(text)}, which is not a valid requirement: ${parsed.message}`);
            return;
        }
        const unchecked = (0,_requirement_js__WEBPACK_IMPORTED_MODULE_2__/* .tooManyClauses */ .UZ)(parsed.name, parsed.specifier);
        if (unchecked !== null) {
            this.reportAt(path, 'warning', `${group}.${unchecked}`);
            return;
        }
        // A Poetry dependency is its key and its value: `torch = { version = "2.1.2", source = "cu121" }`.
        const located = this.document.find(path);
        const start = located?.keyStart ?? located?.start ?? 0;
        this.file.requirements.push(this.requirement(parsed, this.spanOf({ start, end: located?.end ?? start + 1 }), group, spec['develop'] === true));
    }
    /** Package indexes that name a CUDA build: Poetry's `[[tool.poetry.source]]` and uv's `[[tool.uv.index]]`. */
    readIndexes(poetry, uv) {
        const lists = [
            [
                poetry?.['source'],
                ['tool', 'poetry', 'source'],
                POETRY_SOURCE_KEYS,
                (entry) => entry['priority'] === 'primary' || entry['priority'] === 'default' || entry['default'] === true,
            ],
            [uv?.['index'], ['tool', 'uv', 'index'], UV_INDEX_KEYS, (entry) => entry['default'] === true],
        ];
        for (const [list, path, keys, isDefault] of lists) {
            if (list === undefined)
                continue;
            if (!Array.isArray(list)) {
                this.wrongType(path, list, 'an array of tables');
                continue;
            }
            list.forEach((entry, index) => {
                if (!(0,_toml_js__WEBPACK_IMPORTED_MODULE_5__.isTable)(entry)) {
                    this.wrongType([...path, index], entry, 'a table');
                    return;
                }
                // A source with no url (Poetry's PyPI, named only) names no index of its own.
                if (!this.keysTyped(entry, [...path, index], keys) || typeof entry['url'] !== 'string')
                    return;
                const span = this.spanOf(this.content([...path, index, 'url']));
                const fact = {
                    url: (0,_requirements_display_js__WEBPACK_IMPORTED_MODULE_3__/* .redactUrl */ .B)(entry['url']),
                    line: span.line,
                    column: span.column,
                    endColumn: span.endColumn,
                    kind: isDefault(entry) ? 'index-url' : 'extra-index-url',
                    cuda: (0,_pytorch_index_js__WEBPACK_IMPORTED_MODULE_1__/* .cudaFromIndexUrl */ .J)(entry['url']),
                };
                this.file.indexes.push(fact);
            });
        }
    }
    /** The characters of a string value inside its quotes (the whole value for anything else). */
    content(path) {
        const located = this.document.find(path);
        if (!located)
            return { start: 0, end: 1, exact: false };
        const quote = this.text[located.start];
        if ((quote === '"' || quote === "'") && this.text[located.start + 1] !== quote) {
            const inner = { start: located.start + 1, end: located.end - 1 };
            // Offsets inside map one to one onto the value: a one-line string without escapes.
            return { ...inner, exact: quote === "'" || !this.text.slice(inner.start, inner.end).includes('\\') };
        }
        return { start: located.start, end: located.end, exact: false };
    }
    spanOf(span) {
        const start = this.document.position(span.start);
        const end = this.document.position(Math.max(span.start, span.end - 1));
        return { line: start.line, endLine: end.line, column: start.column, endColumn: end.column };
    }
    /** Whether each of `keys` that `table` has is of its type; a diagnostic for each that is not. */
    keysTyped(table, path, keys) {
        let typed = true;
        for (const [key, type] of keys) {
            const value = table[key];
            if (value === undefined)
                continue;
            if (type === 'array of strings' && Array.isArray(value)) {
                value.forEach((entry, index) => {
                    if (typeof entry === 'string')
                        return;
                    this.wrongType([...path, key, index], entry, 'a string');
                    typed = false;
                });
            }
            else if (type === 'array of strings' || typeof value !== type) {
                this.wrongType([...path, key], value, type === 'array of strings' ? 'an array of strings' : `a ${type}`);
                typed = false;
            }
        }
        return typed;
    }
    wrongType(path, value, expected) {
        this.reportAt(path, 'error', `${dotted(path)} must be ${expected}, not ${describe(value)}`);
    }
    reportAt(path, severity, message) {
        const located = this.document.find(path);
        this.report(this.document.position(located?.keyStart ?? located?.start ?? 0), severity, message);
    }
    report(at, severity, message) {
        this.diagnostics.push({ file: this.path, line: at.line, column: at.column, severity, message });
    }
}
const WHITESPACE = /\s+/g;
const POETRY_DEPENDENCY_KEYS = [
    ['version', 'string'],
    ['extras', 'array of strings'],
    ['markers', 'string'],
    ['platform', 'string'],
    ['python', 'string'],
    ['git', 'string'],
    ['rev', 'string'],
    ['tag', 'string'],
    ['branch', 'string'],
    ['subdirectory', 'string'],
    ['url', 'string'],
    ['path', 'string'],
    ['develop', 'boolean'],
];
const POETRY_SOURCE_KEYS = [
    ['url', 'string'],
    ['priority', 'string'],
    ['default', 'boolean'],
];
const UV_INDEX_KEYS = [
    ['url', 'string'],
    ['default', 'boolean'],
];
/** What a value is, in TOML's words, with the value itself when it is a scalar. */
function describe(value) {
    if (typeof value === 'string')
        return `a string (${(0,_requirements_display_js__WEBPACK_IMPORTED_MODULE_3__/* .quoteInput */ .Z)(value)})`;
    // Integers are read as BigInt, so every number is a float.
    if (typeof value === 'bigint')
        return `an integer (${value})`;
    if (typeof value === 'number')
        return `a float (${value})`;
    if (typeof value === 'boolean')
        return `a boolean (${value})`;
    if (Array.isArray(value))
        return 'an array';
    if ((0,_toml_js__WEBPACK_IMPORTED_MODULE_5__.isTable)(value))
        return 'a table';
    return value.kind === 'local-date' ? 'a date' : value.kind === 'local-time' ? 'a time' : 'a date-time';
}
/** `project.optional-dependencies.gpu`, `dependency-groups.dev[2]`. */
function dotted(path) {
    return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? tomlKey(part) : `.${tomlKey(part)}`)).join('');
}
/** A key as TOML writes it: bare where it can be, else quoted, so that `"zope.interface"` reads as one key. */
function tomlKey(key) {
    return BARE_KEY.test(key) ? key : JSON.stringify(key);
}
const BARE_KEY = /^[A-Za-z0-9_-]+$/;
function groupName(path) {
    return dotted(path.filter((part) => typeof part === 'string'));
}
const CONSTRAINT_OPERATORS = ['===', '==', '!=', '~=', '>=', '<=', '>', '<', '^', '~', '='];
const RELEASE = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/;
/** `3`, `3.10`, `3.10.*`: what `python_version` holds; anything finer is `python_full_version`. */
const MINOR_VERSION = /^\d+(\.\d+)?(\.\*)?$/;
/**
 * `^1.2.3` -> `>=1.2.3,<2.0.0`, `^0.2.3` -> `>=0.2.3,<0.3.0`, `^0.0.3` -> `>=0.0.3,<0.0.4`,
 * `~1.2.3` -> `>=1.2.3,<1.3.0`, `1.2.*` -> `==1.2.*`, `*` -> ``, `1.2.3` -> `==1.2.3`,
 * `>=1.2,<1.5` and `>=1.2 <1.5` as they are. `||` alternatives have no PEP 440 form.
 */
function poetryConstraintToPep440(constraint) {
    const text = constraint.trim();
    if (text.includes('|'))
        return { ok: false, message: 'alternatives (||) have no PEP 440 equivalent' };
    const clauses = [];
    let at = 0;
    while (at < text.length) {
        while (at < text.length && (text[at] === ',' || text[at] === ' ' || text[at] === '\t'))
            at++;
        if (at >= text.length)
            break;
        const operator = CONSTRAINT_OPERATORS.find((candidate) => text.startsWith(candidate, at)) ?? '';
        at += operator.length;
        while (at < text.length && (text[at] === ' ' || text[at] === '\t'))
            at++;
        const start = at;
        while (at < text.length && text[at] !== ',' && text[at] !== ' ' && text[at] !== '\t')
            at++;
        const version = text.slice(start, at);
        if (version === '')
            return { ok: false, message: `${operator || 'a constraint'} without a version` };
        const clause = translateClause(operator, version);
        if (!clause.ok)
            return clause;
        if (clause.specifier !== '')
            clauses.push(clause.specifier);
    }
    return { ok: true, specifier: clauses.join(',') };
}
function translateClause(operator, version) {
    if (operator === '^' || operator === '~') {
        const release = RELEASE.exec(version);
        if (!release)
            return { ok: false, message: `${operator}${version} is not a version Poetry reads` };
        const major = Number(release[1]);
        const minor = release[2] === undefined ? undefined : Number(release[2]);
        const patch = release[3] === undefined ? undefined : Number(release[3]);
        let upper;
        if (operator === '~')
            upper = minor === undefined ? `${major + 1}.0.0` : `${major}.${minor + 1}.0`;
        else if (major > 0 || minor === undefined)
            upper = `${major + 1}.0.0`;
        else if (minor > 0 || patch === undefined)
            upper = `0.${minor + 1}.0`;
        else
            upper = `0.0.${patch + 1}`;
        return { ok: true, specifier: `>=${version},<${upper}` };
    }
    if (operator === '' && version === '*')
        return { ok: true, specifier: '' };
    if (operator === '' || operator === '=')
        return { ok: true, specifier: `==${version}` };
    return { ok: true, specifier: `${operator}${version}` };
}
/** The PEP 508 requirement a Poetry dependency table means; the reader has checked the types of its keys. */
function poetryRequirementText(name, spec) {
    const extras = Array.isArray(spec['extras']) ? spec['extras'].filter((extra) => typeof extra === 'string') : [];
    const head = extras.length > 0 ? `${name}[${extras.join(',')}]` : name;
    const markers = [];
    if (typeof spec['markers'] === 'string')
        markers.push(spec['markers']);
    if (typeof spec['platform'] === 'string')
        markers.push(`sys_platform == "${spec['platform']}"`);
    if (typeof spec['python'] === 'string') {
        const python = poetryConstraintToPep440(spec['python']);
        if (!python.ok)
            return { ok: false, severity: 'error', message: `python = ${(0,_requirements_display_js__WEBPACK_IMPORTED_MODULE_3__/* .quoteInput */ .Z)(spec['python'])}: ${python.message}`, fallback: head };
        markers.push(...pythonMarkers(python.specifier));
    }
    const marker = markers.length === 0
        ? ''
        : ` ; ${markers.map((part) => (markers.length > 1 && part.includes(' or ') ? `(${part})` : part)).join(' and ')}`;
    const url = poetryUrl(spec);
    if (url !== null)
        return { ok: true, text: `${head} @ ${url}${marker}` };
    // No version: any version (the reader has checked that one given is a string).
    if (typeof spec['version'] !== 'string')
        return { ok: true, text: `${head}${marker}` };
    const version = poetryConstraintToPep440(spec['version']);
    if (!version.ok) {
        return {
            ok: false,
            severity: 'notice',
            message: `${(0,_requirements_display_js__WEBPACK_IMPORTED_MODULE_3__/* .quoteInput */ .Z)(spec['version'])}: ${version.message}; read as unconstrained`,
            fallback: `${head}${marker}`,
        };
    }
    return { ok: true, text: `${head}${version.specifier}${marker}` };
}
/** Poetry's `git`/`path`/`url` sources as a PEP 508 URL. */
function poetryUrl(spec) {
    if (typeof spec['git'] === 'string') {
        const git = spec['git'].startsWith('git+') ? spec['git'] : `git+${spec['git']}`;
        const reference = [spec['rev'], spec['tag'], spec['branch']].find((candidate) => typeof candidate === 'string');
        const subdirectory = typeof spec['subdirectory'] === 'string' ? `#subdirectory=${spec['subdirectory']}` : '';
        return `${git}${reference ? `@${reference}` : ''}${subdirectory}`;
    }
    if (typeof spec['url'] === 'string')
        return spec['url'];
    if (typeof spec['path'] === 'string')
        return spec['path'];
    return null;
}
/** `>=3.8,<4.0.0` -> `python_version >= "3.8"`, `python_full_version < "4.0.0"`. */
function pythonMarkers(specifier) {
    if (specifier === '')
        return [];
    return specifier.split(',').map((clause) => {
        const operator = CONSTRAINT_OPERATORS.find((candidate) => clause.startsWith(candidate)) ?? '';
        const version = clause.slice(operator.length);
        const field = MINOR_VERSION.test(version) ? 'python_version' : 'python_full_version';
        return `${field} ${operator} "${version}"`;
    });
}


/***/ }),

/***/ 5548:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   isTable: () => (/* binding */ isTable),
/* harmony export */   readToml: () => (/* binding */ readToml)
/* harmony export */ });
/* unused harmony exports TomlDateTime, TomlDocument */
/* harmony import */ var toml_eslint_parser__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9605);
// TOML with positions: the one reader of pyproject.toml, giving each value with where it is written.
//
// The syntax is toml-eslint-parser's (the parser behind eslint-plugin-toml; MIT): it follows TOML 1.0
// and 1.1 (it passes toml-test's cases but for three bare carriage returns it lets through), gives every
// key and value of its tree a source range, and names the line and column of a syntax error. It was
// chosen over a reader of our own because it is maintained and exercised far beyond pyproject files,
// and over smol-toml (read before, with a second scanner of our own for positions) because smol-toml
// gives values without positions. It reads TOML 1.1, as smol-toml did: tomli >= 2.4 (which pip uses
// before Python 3.11) reads 1.1, so a file written in 1.1 is not one pip is sure to refuse.
//
// The tree is turned here into plain values (tables with no prototype, so that a `__proto__` key is a
// key) and, beside them, the place of every value: written after a `=`, inside an array or an inline
// table, or opened by a `[header]` (the header's place); a table that only dotted keys open has none.

function isTable(value) {
    return typeof value === 'object' && !Array.isArray(value) && !(value instanceof TomlDateTime);
}
/** A date, a time or both, as written: pyproject.toml has no use for one but to say that it is one. */
class TomlDateTime {
    kind;
    text;
    constructor(kind, text) {
        this.kind = kind;
        this.text = text;
    }
}
function readToml(text) {
    const lines = new LineStarts(text);
    try {
        // TOML allows a byte-order mark before the first line (toml-test's valid/utf8-bom-*); the parser
        // refuses it, so it reads the mark as a space, which keeps every offset where it is.
        const program = (0,toml_eslint_parser__WEBPACK_IMPORTED_MODULE_0__/* .parseTOML */ .MD)(text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text, { tomlVersion: '1.1' });
        const root = Object.create(null);
        const places = new PlaceTree();
        for (const statement of program.body[0].body) {
            if (statement.type === 'TOMLKeyValue') {
                addKeyValue(root, places, [], statement);
                continue;
            }
            const { resolvedKey: path, kind } = statement;
            const table = openTable(root, path, kind === 'array');
            // A header's table is written where the header is; an array of tables, where its first header is.
            const header = { start: statement.range[0], end: text.indexOf(']', statement.key.range[1]) + (kind === 'array' ? 2 : 1) };
            places.add(path, { ...header, keyStart: header.start });
            if (kind === 'array' && path[path.length - 1] === 0)
                places.add(path.slice(0, -1), { ...header, keyStart: header.start });
            for (const entry of statement.body)
                addKeyValue(table, places, path, entry);
        }
        return { ok: true, document: new TomlDocument(root, places, lines) };
    }
    catch (error) {
        if (error instanceof toml_eslint_parser__WEBPACK_IMPORTED_MODULE_0__/* .ParseError */ .mB) {
            // The parser's message names what it expected, not that the text ran out before it came.
            const message = error.index >= text.length ? `${error.message} at the end of the file` : error.message;
            return { ok: false, error: { message, ...lines.onScreen(error.index) } };
        }
        // The parser and the walk above recurse once per level of nesting; thousands of levels run out of stack.
        if (error instanceof RangeError)
            return { ok: false, error: { message: 'arrays or tables nested too deeply to read', line: 1, column: 1 } };
        throw error;
    }
}
class TomlDocument {
    root;
    places;
    lines;
    constructor(root, places, lines) {
        this.root = root;
        this.places = places;
        this.lines = lines;
    }
    /**
     * Where the value at `path` is written; for a value with no place of its own (a table opened by a
     * header, or a key the file does not have), the place of the nearest value around it that has one.
     */
    find(path) {
        return this.places.find(path);
    }
    /** The line and column (both from 1, the column in UTF-16 code units) of an offset into the text. */
    position(offset) {
        return this.lines.position(offset);
    }
}
function addKeyValue(table, places, tablePath, entry) {
    const keys = keyNames(entry.key);
    const path = [...tablePath, ...keys];
    let target = table;
    for (const key of keys.slice(0, -1))
        target = (target[key] ??= Object.create(null));
    target[keys[keys.length - 1]] = contentValue(entry.value, places, path, entry.key.range[0]);
}
/** The value of `node`, with its place and the places of everything inside it recorded under `path`. */
function contentValue(node, places, path, keyStart) {
    places.add(path, { start: node.range[0], end: node.range[1], ...(keyStart === undefined ? {} : { keyStart }) });
    switch (node.type) {
        case 'TOMLArray':
            return node.elements.map((element, index) => contentValue(element, places, [...path, index]));
        case 'TOMLInlineTable': {
            const table = Object.create(null);
            for (const entry of node.body)
                addKeyValue(table, places, path, entry);
            return table;
        }
        case 'TOMLValue':
            switch (node.kind) {
                case 'integer':
                    return node.bigint;
                case 'string':
                case 'float':
                case 'boolean':
                    return node.value;
                default:
                    return new TomlDateTime(node.kind, node.datetime);
            }
    }
}
function keyNames(key) {
    return key.keys.map((part) => (part.type === 'TOMLBare' ? part.name : part.value));
}
/** The table a `[header]` or `[[header]]` opens; the parser has checked that the path may be opened. */
function openTable(root, path, arrayOfTables) {
    let target = root;
    const last = arrayOfTables ? path.length - 2 : path.length - 1;
    for (const key of path.slice(0, last)) {
        const container = target;
        target = (container[key] ??= Object.create(null));
    }
    const table = Object.create(null);
    if (!arrayOfTables) {
        const name = path[last];
        const existing = target[name];
        // A table that dotted keys or a deeper header has already opened is the same table.
        if (existing !== undefined)
            return existing;
        target[name] = table;
        return table;
    }
    const list = (target[path[last]] ??= []);
    list.push(table);
    return table;
}
/** The places of values, in a tree that follows their key paths. */
class PlaceTree {
    root = new PlaceNode();
    add(path, place) {
        let node = this.root;
        for (const key of path) {
            let child = node.children.get(key);
            if (!child)
                node.children.set(key, (child = new PlaceNode()));
            node = child;
        }
        node.place = place;
    }
    find(path) {
        let node = this.root;
        let found;
        for (const key of path) {
            node = node.children.get(key);
            if (!node)
                break;
            found = node.place ?? found;
        }
        return found;
    }
}
class PlaceNode {
    place;
    children = new Map();
}
class LineStarts {
    text;
    starts = [0];
    constructor(text) {
        this.text = text;
        for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1))
            this.starts.push(index + 1);
    }
    position(offset) {
        let low = 0;
        let high = this.starts.length - 1;
        while (low < high) {
            const middle = (low + high + 1) >> 1;
            if (this.starts[middle] <= offset)
                low = middle;
            else
                high = middle - 1;
        }
        return { line: low + 1, column: offset - this.starts[low] + 1 };
    }
    /**
     * An error's position where an annotation can show it: the end of a file that ends with a line break
     * (an array or table left open) is on the line after the last, so it is put after the last line's text.
     */
    onScreen(offset) {
        if (offset < this.text.length || !this.text.endsWith('\n'))
            return this.position(offset);
        return this.position(offset - (this.text.endsWith('\r\n') ? 2 : 1));
    }
}


/***/ })

};
