export const id = 793;
export const ids = [793];
export const modules = {

/***/ 6793:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  installedSetOf: () => (/* binding */ installedSetOf),
  recordProfile: () => (/* binding */ recordProfile),
  recordedProfileText: () => (/* binding */ recordedProfileText)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./lib/src/matrix/profile-name.js
var profile_name = __webpack_require__(7783);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./lib/src/model.js
var model = __webpack_require__(4887);
// EXTERNAL MODULE: ./lib/src/pep440/ranges.js
var ranges = __webpack_require__(2964);
// EXTERNAL MODULE: ./lib/src/pep440/specifier.js
var specifier = __webpack_require__(720);
// EXTERNAL MODULE: ./lib/src/pep440/version.js
var pep440_version = __webpack_require__(8400);
// EXTERNAL MODULE: ./lib/src/parse/requirements/display.js
var display = __webpack_require__(2721);
// EXTERNAL MODULE: ./lib/src/parse/requirements/reader.js + 4 modules
var reader = __webpack_require__(6417);
;// CONCATENATED MODULE: ./lib/src/matrix/import.js
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
    const { file, diagnostics } = parseRequirementsFile(source, text, { constraint: false });
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
        const parsed = parseSpecifierSet(requirement.specifier);
        const pinned = parsed.ok ? exactPin(parsed.set) : null;
        if (pinned === null) {
            leftOut.push({ key: requirement.key, why: requirement.specifier === '' ? 'no version' : `not one version: ${requirement.specifier}` });
            continue;
        }
        const entry = { version: publicVersion(pinned), local: pinned.local === null ? null : localLabel(pinned.local), line: requirement.line };
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
            leftOut.push({ key: canonicalName(name), why: 'installed from a URL or path' });
            continue;
        }
        const version = parseVersion(written);
        if (version === null) {
            leftOut.push({ key: canonicalName(name), why: `version ${JSON.stringify(written)} is not PEP 440` });
            continue;
        }
        packages.push({ key: canonicalName(name), version: publicVersion(version), local: version.local === null ? null : localLabel(version.local) });
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
    const nameProblem = (0,profile_name/* profileNameProblem */.C)(options.name);
    if (nameProblem !== null)
        return { ok: false, error: nameProblem };
    const python = specifierOption('--python', options.python ?? null) ?? (set.python === null ? { ok: true, value: null } : minorSeries(set.python));
    if (!python.ok)
        return python;
    const cuda = specifierOption('--cuda', options.cuda ?? null) ?? { ok: true, value: torchCuda(set) };
    if (!cuda.ok)
        return cuda;
    const wanted = options.only ? new Set(options.only.map(model/* canonicalName */.Ew)) : null;
    const packages = set.packages
        .filter((item) => wanted === null || wanted.has(item.key))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const leftOut = set.leftOut.filter((item) => wanted === null || item.key === null || wanted.has(item.key));
    const missing = wanted === null ? [] : [...wanted].filter((key) => !packages.some((item) => item.key === key) && !leftOut.some((item) => item.key === key));
    const source = oneLine((0,display/* redactUrl */.B)(options.source));
    const doc = new dist/* Document */.yo({
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
    if (!(0,dist/* isMap */.jh)(profiles))
        return;
    for (const pair of profiles.items) {
        if (!(0,dist/* isMap */.jh)(pair.value))
            continue;
        for (const field of pair.value.items) {
            if ((0,dist/* isScalar */.jn)(field.key) && field.key.value !== 'description' && (0,dist/* isScalar */.jn)(field.value))
                field.value.type = 'QUOTE_DOUBLE';
        }
        const packages = pair.value.get('packages', true);
        if (!(0,dist/* isMap */.jh)(packages))
            continue;
        for (const item of packages.items)
            if ((0,dist/* isScalar */.jn)(item.value))
                item.value.type = 'QUOTE_DOUBLE';
    }
}
/** An option's specifier: a bare version means its series (`3.11` -> `==3.11.*`); null when not given. */
function specifierOption(option, value) {
    if (value === null)
        return null;
    const trimmed = value.trim();
    if ((0,pep440_version/* parseVersion */.ot)(trimmed) !== null)
        return minorSeries(trimmed);
    const parsed = (0,specifier/* parseSpecifierSet */.m0)(trimmed);
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

;// CONCATENATED MODULE: ./lib/src/runtime/record-profile.js
// `--record-profile NAME` (action: `record-profile`): after a runtime check that passed, the
// environment it verified (every installed distribution, the Python and the torch CUDA build) written
// as a profile, the same matrix file `compat-guard matrix import` prints. A stack proven on the GPU
// runner becomes the matrix the next pull request is checked against.





/** Tools of the environment itself, which `pip freeze` leaves out too: no repository pins them for the stack. */
const ENVIRONMENT_TOOLS = new Set(['pip', 'setuptools', 'wheel', 'distribute']);
/** The installed distributions the probe listed, as the import reads a freeze. */
function installedSetOf(probe) {
    const packages = [];
    const leftOut = [];
    for (const [key, installed] of probe.installed) {
        if (ENVIRONMENT_TOOLS.has(key))
            continue;
        const version = (0,pep440_version/* parseVersion */.ot)(installed.version);
        if (version === null) {
            leftOut.push({ key, why: `version ${JSON.stringify(installed.version)} is not PEP 440` });
            continue;
        }
        packages.push({ key, version: (0,pep440_version/* publicVersion */.Yd)(version), local: version.local === null ? null : version.local.join('.') });
    }
    return { packages, python: probe.python.version, leftOut };
}
/** The profile's text: the header names the target and the date; the CUDA is torch's own build, when it has one. */
function recordedProfileText(probe, options) {
    const torch = probe.torch?.ok ? probe.torch : null;
    const facts = [
        `Python ${probe.python.version}`,
        ...(torch?.version ? [`torch ${torch.version}${torch.cuda ? ` (CUDA ${torch.cuda})` : ' (no CUDA)'}`] : []),
    ];
    return printProfile(installedSetOf(probe), {
        name: options.name,
        source: options.target,
        date: options.date,
        ...(torch?.cuda ? { cuda: torch.cuda } : {}),
        madeBy: 'the compat-guard runtime check (--record-profile)',
        description: `Recorded by the runtime check of ${options.target} on ${options.date}: ${facts.join(', ')}`,
    });
}
/**
 * Writes the profile when the runtime check ran and found no error; otherwise says why not. A
 * failing environment is not a stack to check others against.
 */
function recordProfile(options, 
/** What runRuntimeCheck returned: its findings are the runtime check's own. */
runtime, today = new Date()) {
    const { name } = options;
    const notRecorded = (reason) => ({ name, file: null, reason });
    if (runtime.probe === undefined)
        return notRecorded(`the runtime check did not run${runtime.summary.reason ? ` (${runtime.summary.reason})` : ''}`);
    const errors = runtime.findings.filter((finding) => finding.severity === 'error').length;
    if (errors > 0)
        return notRecorded(`the runtime check found ${errors === 1 ? '1 error' : `${errors} errors`}`);
    const text = recordedProfileText(runtime.probe, {
        name,
        target: runtime.summary.target ?? 'the environment',
        date: today.toISOString().slice(0, 10),
    });
    if (!text.ok)
        return notRecorded(text.error);
    const file = external_node_path_.resolve(options.file || (0,profile_name/* defaultRecordFile */.x)(name));
    try {
        external_node_fs_.writeFileSync(file, text.text);
    }
    catch (error) {
        return notRecorded(`cannot write ${file}: ${error.code ?? error.message}`);
    }
    return { name, file };
}


/***/ })

};
