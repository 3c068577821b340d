export const id = 941;
export const ids = [941];
export const modules = {

/***/ 4941:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   matrixImport: () => (/* binding */ matrixImport)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var _parse_discover_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6781);
/* harmony import */ var _parse_requirements_display_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2721);
/* harmony import */ var _parse_text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6723);
/* harmony import */ var _import_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9157);
// The shell of `compat-guard matrix import FILE|URL [--name NAME] [--python SPEC] [--cuda SPEC]
// [--only NAME...]`: reads its arguments, the file or the URL (given on the command line, so trusted),
// and hands the text to the pure reader and printer in import.ts.





/** How long a URL may take, headers and body together. */
const FETCH_TIMEOUT_MS = 30_000;
function parseImportArguments(argv) {
    const parsed = { source: '', name: null, python: null, cuda: null, only: null };
    const sources = [];
    for (let index = 0; index < argv.length; index++) {
        const argument = argv[index];
        if (!argument.startsWith('--') || argument === '--') {
            if (argument === '--') {
                sources.push(...argv.slice(index + 1));
                break;
            }
            sources.push(argument);
            continue;
        }
        const equals = argument.indexOf('=');
        const name = equals === -1 ? argument : argument.slice(0, equals);
        if (name === '--only') {
            // `--only a b c`: names up to the next option, so the FILE comes before --only or after `--`.
            const names = equals === -1 ? [] : [argument.slice(equals + 1)];
            while (equals === -1 && index + 1 < argv.length && !argv[index + 1].startsWith('-'))
                names.push(argv[++index]);
            const split = names.flatMap((item) => item.split(',')).map((item) => item.trim()).filter((item) => item !== '');
            if (split.length === 0)
                return '--only needs at least one package name';
            parsed.only = [...(parsed.only ?? []), ...split];
            continue;
        }
        if (name !== '--name' && name !== '--python' && name !== '--cuda')
            return `unknown option ${name} for matrix import; see --help`;
        const value = equals === -1 ? argv[++index] : argument.slice(equals + 1);
        if (value === undefined || value === '')
            return `${name} needs a value`;
        if (name === '--name')
            parsed.name = value;
        else if (name === '--python')
            parsed.python = value;
        else
            parsed.cuda = value;
    }
    if (sources.length !== 1)
        return sources.length === 0 ? 'matrix import needs a FILE or URL (a constraints file, pip freeze output or pip report)' : `matrix import reads one FILE or URL (got ${sources.length})`;
    parsed.source = sources[0];
    return parsed;
}
async function matrixImport(argv, today = new Date()) {
    const parsed = parseImportArguments(argv);
    if (typeof parsed === 'string')
        return { ok: false, error: parsed };
    const read = /^https?:\/\//i.test(parsed.source) ? await fetchText(parsed.source) : readFileText(parsed.source);
    if (!read.ok)
        return read;
    const installed = (0,_import_js__WEBPACK_IMPORTED_MODULE_4__/* .readInstalledSet */ .dR)(parsed.source, read.text);
    if (!installed.ok)
        return installed;
    return (0,_import_js__WEBPACK_IMPORTED_MODULE_4__/* .printProfile */ .R6)(installed.set, {
        name: parsed.name ?? (0,_import_js__WEBPACK_IMPORTED_MODULE_4__/* .profileNameFromSource */ .qW)(parsed.source),
        source: parsed.source,
        date: today.toISOString().slice(0, 10),
        python: parsed.python,
        cuda: parsed.cuda,
        only: parsed.only,
    });
}
function readFileText(file) {
    let bytes;
    try {
        if (node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync(file).size > _parse_discover_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_FILE_BYTES */ .gZ)
            return { ok: false, error: `${file}: larger than ${_parse_discover_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_FILE_BYTES */ .gZ / 1024 / 1024} MiB` };
        bytes = node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync(file);
    }
    catch (error) {
        return { ok: false, error: `cannot read ${file}: ${error.code ?? error.message}` };
    }
    return decoded(file, bytes);
}
function decoded(source, bytes) {
    const text = (0,_parse_text_js__WEBPACK_IMPORTED_MODULE_3__/* .decodeText */ .g7)(bytes, 'constraints');
    return text.ok ? { ok: true, text: text.text } : { ok: false, error: `${source}: ${text.message}` };
}
/** The body of a URL given on the command line; any failure is one line naming the URL (without credentials). */
async function fetchText(url) {
    const shown = (0,_parse_requirements_display_js__WEBPACK_IMPORTED_MODULE_2__/* .redactUrl */ .B)(url);
    try {
        const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow' });
        if (!response.ok)
            return { ok: false, error: `cannot fetch ${shown}: HTTP ${response.status}` };
        const bytes = new Uint8Array(await response.arrayBuffer());
        if (bytes.length > _parse_discover_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_FILE_BYTES */ .gZ)
            return { ok: false, error: `${shown}: larger than ${_parse_discover_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_FILE_BYTES */ .gZ / 1024 / 1024} MiB` };
        return decoded(shown, bytes);
    }
    catch (error) {
        return { ok: false, error: `cannot fetch ${shown}: ${fetchFailure(error)}` };
    }
}
function fetchFailure(error) {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
        return `no answer within ${FETCH_TIMEOUT_MS / 1000} s`;
    const cause = error instanceof Error ? error.cause : undefined;
    return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}


/***/ }),

/***/ 9157:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R6: () => (/* binding */ printProfile),
/* harmony export */   dR: () => (/* binding */ readInstalledSet),
/* harmony export */   qW: () => (/* binding */ profileNameFromSource)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4887);
/* harmony import */ var _pep440_ranges_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2964);
/* harmony import */ var _pep440_specifier_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(720);
/* harmony import */ var _pep440_version_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8400);
/* harmony import */ var _parse_requirements_display_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2721);
/* harmony import */ var _parse_requirements_reader_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6417);
/* harmony import */ var _profile_name_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(7783);
// `compat-guard matrix import`: a profile from an environment that is known to work. Reads a
// constraints file, a `pip freeze` / `uv pip freeze` output, or a `pip install --dry-run --report`
// JSON, and prints a matrix file holding one profile: one `==` pin per package, sorted, with a comment
// naming its source and date. Pure: the shell (src/cli.ts) reads the file or URL and prints the text.








/** Reads a pip report (JSON) or a requirements-style file (constraints, freeze). `source` names it in errors. */
function readInstalledSet(source, text) {
    return text.trimStart().startsWith('{') ? readPipReport(source, text) : readFreeze(source, text);
}
function readFreeze(source, text) {
    // Read as a requirements file, not as constraints: pip refuses `-e` in a constraints file, and a
    // freeze has them; the import leaves them out with the reason either way.
    const { file, diagnostics } = (0,_parse_requirements_reader_js__WEBPACK_IMPORTED_MODULE_5__/* .parseRequirementsFile */ .w)(source, text, { constraint: false });
    const error = diagnostics.find((diagnostic) => diagnostic.severity === 'error');
    if (error !== undefined)
        return { ok: false, error: `${source}:${error.line}: ${error.message}` };
    const versions = new Map();
    const leftOut = [];
    for (const requirement of file.requirements) {
        if (requirement.editable || requirement.url !== null) {
            leftOut.push({ key: requirement.key, why: requirement.editable ? 'editable' : 'installed from a URL or path' });
            continue;
        }
        const parsed = (0,_pep440_specifier_js__WEBPACK_IMPORTED_MODULE_2__/* .parseSpecifierSet */ .m0)(requirement.specifier);
        const pinned = parsed.ok ? (0,_pep440_ranges_js__WEBPACK_IMPORTED_MODULE_1__/* .exactPin */ .ns)(parsed.set) : null;
        if (pinned === null) {
            leftOut.push({ key: requirement.key, why: requirement.specifier === '' ? 'no version' : `not one version: ${requirement.specifier}` });
            continue;
        }
        const entry = { version: (0,_pep440_version_js__WEBPACK_IMPORTED_MODULE_3__/* .publicVersion */ .Yd)(pinned), local: pinned.local === null ? null : localLabel(pinned.local), line: requirement.line };
        versions.set(requirement.key, [...(versions.get(requirement.key) ?? []), entry]);
    }
    for (const include of [...file.includes.map((item) => ({ ...item, url: item.path })), ...(file.remoteIncludes ?? [])]) {
        leftOut.push({ key: null, why: `${include.constraint ? '-c' : '-r'} ${include.url} on line ${include.line}, not followed` });
    }
    const packages = [];
    for (const [key, entries] of versions) {
        const distinct = [...new Set(entries.map((entry) => entry.version))];
        if (distinct.length > 1) {
            // A constraints file pins some packages per Python version or platform, by markers: no one pin holds.
            leftOut.push({ key, why: `pinned to ${distinct.join(' and ')} on lines ${entries.map((entry) => entry.line).join(', ')}` });
            continue;
        }
        const first = entries[0];
        packages.push({ key, version: first.version, local: first.local });
    }
    return { ok: true, set: { packages, python: null, leftOut } };
}
function localLabel(parts) {
    return parts.map(String).join('.');
}
/** `pip install --dry-run --report FILE` (report version 1): `install[].metadata`, `environment`. */
function readPipReport(source, text) {
    let report;
    try {
        report = JSON.parse(text);
    }
    catch (error) {
        return { ok: false, error: `${source}: not valid JSON (${error.message})` };
    }
    const install = isObject(report) ? report.install : undefined;
    if (!Array.isArray(install))
        return { ok: false, error: `${source}: not a pip installation report (no "install" list; make one with pip install --dry-run --report FILE)` };
    const packages = [];
    const leftOut = [];
    for (const [index, item] of install.entries()) {
        const metadata = isObject(item) ? item.metadata : undefined;
        const name = isObject(metadata) ? metadata.name : undefined;
        const written = isObject(metadata) ? metadata.version : undefined;
        if (typeof name !== 'string' || typeof written !== 'string') {
            return { ok: false, error: `${source}: install[${index}] has no metadata.name and metadata.version` };
        }
        // As a freeze's `name @ URL` lines: a project installed from a path or URL (often the repository itself) is no index release.
        if (isObject(item) && item.is_direct === true) {
            leftOut.push({ key: (0,_model_js__WEBPACK_IMPORTED_MODULE_6__/* .canonicalName */ .Ew)(name), why: 'installed from a URL or path' });
            continue;
        }
        const version = (0,_pep440_version_js__WEBPACK_IMPORTED_MODULE_3__/* .parseVersion */ .ot)(written);
        if (version === null) {
            leftOut.push({ key: (0,_model_js__WEBPACK_IMPORTED_MODULE_6__/* .canonicalName */ .Ew)(name), why: `version ${JSON.stringify(written)} is not PEP 440` });
            continue;
        }
        packages.push({ key: (0,_model_js__WEBPACK_IMPORTED_MODULE_6__/* .canonicalName */ .Ew)(name), version: (0,_pep440_version_js__WEBPACK_IMPORTED_MODULE_3__/* .publicVersion */ .Yd)(version), local: version.local === null ? null : localLabel(version.local) });
    }
    const environment = isObject(report) ? report.environment : undefined;
    const python = isObject(environment) && typeof environment.python_full_version === 'string' ? environment.python_full_version : null;
    return { ok: true, set: { packages, python, leftOut } };
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** The matrix file (`profiles: {NAME: ...}`) of one profile pinning `set`, with its header comment. */
function printProfile(set, options) {
    const nameProblem = (0,_profile_name_js__WEBPACK_IMPORTED_MODULE_7__/* .profileNameProblem */ .C)(options.name);
    if (nameProblem !== null)
        return { ok: false, error: nameProblem };
    const python = specifierOption('--python', options.python ?? null) ?? (set.python === null ? { ok: true, value: null } : minorSeries(set.python));
    if (!python.ok)
        return python;
    const cuda = specifierOption('--cuda', options.cuda ?? null) ?? { ok: true, value: torchCuda(set) };
    if (!cuda.ok)
        return cuda;
    const wanted = options.only ? new Set(options.only.map(_model_js__WEBPACK_IMPORTED_MODULE_6__/* .canonicalName */ .Ew)) : null;
    const packages = set.packages
        .filter((item) => wanted === null || wanted.has(item.key))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const leftOut = set.leftOut.filter((item) => wanted === null || item.key === null || wanted.has(item.key));
    const missing = wanted === null ? [] : [...wanted].filter((key) => !packages.some((item) => item.key === key) && !leftOut.some((item) => item.key === key));
    const source = oneLine((0,_parse_requirements_display_js__WEBPACK_IMPORTED_MODULE_4__/* .redactUrl */ .B)(options.source));
    const doc = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .Document */ .yo({
        profiles: {
            [options.name]: {
                description: options.description === undefined ? `Imported from ${source} on ${options.date}` : oneLine(options.description),
                ...(python.value === null ? {} : { python: python.value }),
                ...(cuda.value === null ? {} : { cuda: cuda.value }),
                packages: Object.fromEntries(packages.map((item) => [item.key, `==${item.version}`])),
            },
        },
    });
    doc.commentBefore = [
        ` Made by ${options.madeBy ?? 'compat-guard matrix import'} from ${source} on ${options.date}: ${packages.length === 1 ? '1 package' : `${packages.length} packages`}, each pinned to the version it names.`,
        ...(leftOut.length === 0 ? [] : [` Left out: ${leftOut.map((item) => oneLine(item.key === null ? item.why : `${item.key} (${item.why})`)).join('; ')}.`]),
        ...(missing.length === 0 ? [] : [` Asked for with --only but not in the source: ${missing.join(', ')}.`]),
        ` Add the profile under \`profiles:\` in .github/compat-matrix.yml, and \`profile: ${options.name}\` to check every pull request against it.`,
    ].join('\n');
    quoteValues(doc);
    return { ok: true, text: doc.toString({ lineWidth: 0 }) };
}
/** Specifiers in double quotes, as docs/matrix.md asks: unquoted, one that starts with `>` is not a string. */
function quoteValues(doc) {
    const profiles = doc.get('profiles', true);
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(profiles))
        return;
    for (const pair of profiles.items) {
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(pair.value))
            continue;
        for (const field of pair.value.items) {
            if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(field.key) && field.key.value !== 'description' && (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(field.value))
                field.value.type = 'QUOTE_DOUBLE';
        }
        const packages = pair.value.get('packages', true);
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(packages))
            continue;
        for (const item of packages.items)
            if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(item.value))
                item.value.type = 'QUOTE_DOUBLE';
    }
}
/** An option's specifier: a bare version means its series (`3.11` -> `==3.11.*`); null when not given. */
function specifierOption(option, value) {
    if (value === null)
        return null;
    const trimmed = value.trim();
    if ((0,_pep440_version_js__WEBPACK_IMPORTED_MODULE_3__/* .parseVersion */ .ot)(trimmed) !== null)
        return minorSeries(trimmed);
    const parsed = (0,_pep440_specifier_js__WEBPACK_IMPORTED_MODULE_2__/* .parseSpecifierSet */ .m0)(trimmed);
    if (!parsed.ok)
        return { ok: false, error: `${option} "${value}" is neither a version nor a PEP 440 specifier: ${parsed.message}` };
    return { ok: true, value: trimmed };
}
/** `3.12.9` -> `==3.12.*`; a version with one number stays `==3.*`. */
function minorSeries(version) {
    const release = version.split('.').slice(0, 2);
    return { ok: true, value: `==${release.join('.')}.*` };
}
/** The CUDA series of the torch wheel (`2.5.1+cu121` -> `==12.1.*`), or null (no torch, a CPU build). */
function torchCuda(set) {
    const torch = set.packages.find((item) => item.key === 'torch');
    const match = torch?.local ? /^cu(\d+)(\d)$/.exec(torch.local) : null;
    return match ? `==${match[1]}.${match[2]}.*` : null;
}
/** A file name or URL on one comment line: no control characters. */
function oneLine(text) {
    return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
}
/** A profile name from a file name or URL: `constraints-3.11.txt` -> `constraints-3.11`. */
function profileNameFromSource(source) {
    const last = source.replace(/[?#].*$/, '').replace(/\/+$/, '').split(/[\\/]/).pop() ?? '';
    const stem = last.replace(/\.(txt|json|in|lock)$/i, '');
    const name = stem.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
    return name === '' ? 'imported' : name;
}


/***/ })

};
