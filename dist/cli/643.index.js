export const id = 643;
export const ids = [643];
export const modules = {

/***/ 1053:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  yF: () => (/* binding */ SetView),
  gC: () => (/* binding */ buildContext),
  gV: () => (/* binding */ compareReadOrder),
  Xi: () => (/* binding */ factSpan),
  Z3: () => (/* binding */ interpreterSpecifier),
  eC: () => (/* binding */ ownValue),
  wh: () => (/* binding */ profileAllows),
  u3: () => (/* binding */ profileReason),
  Vi: () => (/* binding */ setPython)
});

// UNUSED EXPORTS: Pin

// EXTERNAL MODULE: ./lib/src/check/finding-builder.js
var finding_builder = __webpack_require__(8266);
// EXTERNAL MODULE: ./lib/src/parse/marker.js
var parse_marker = __webpack_require__(9546);
// EXTERNAL MODULE: ./lib/src/parse/marker-evaluation.js
var marker_evaluation = __webpack_require__(817);
// EXTERNAL MODULE: ./lib/src/pep440/specifier.js
var specifier = __webpack_require__(720);
// EXTERNAL MODULE: ./lib/src/check/pair-cache.js
var pair_cache = __webpack_require__(9770);
;// CONCATENATED MODULE: ./lib/src/check/markers.js
// Can a requirement's environment marker hold where the set installs, and can two markers hold at
// once? Markers are evaluated in a fixed sample of environments (Python 3.6 to 3.15 on Linux,
// Windows and macOS, x86-64 and ARM, CPython and PyPy): two pins under `python_version < "3.10"` and
// `python_version >= "3.10"` never meet in any of them, so they never conflict.




const PYTHON_MINORS = ['3.6', '3.7', '3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14', '3.15'];
/** A first and a late patch, for `python_full_version` comparisons. */
const PATCHES = ['0', '20'];
const SYSTEMS = [
    { sys_platform: 'linux', platform_system: 'Linux', os_name: 'posix', machines: ['x86_64', 'aarch64'] },
    { sys_platform: 'win32', platform_system: 'Windows', os_name: 'nt', machines: ['AMD64', 'ARM64'] },
    { sys_platform: 'darwin', platform_system: 'Darwin', os_name: 'posix', machines: ['x86_64', 'arm64'] },
];
const IMPLEMENTATIONS = [
    { implementation_name: 'cpython', platform_python_implementation: 'CPython' },
    { implementation_name: 'pypy', platform_python_implementation: 'PyPy' },
];
/** The sample, in the order of a Truth's flags. */
const ENVIRONMENTS = PYTHON_MINORS.flatMap((minor) => PATCHES.flatMap((patch) => SYSTEMS.flatMap(({ machines, ...system }) => machines.flatMap((platform_machine) => IMPLEMENTATIONS.map((implementation) => ({
    ...system,
    ...implementation,
    platform_machine,
    python_version: minor,
    python_full_version: `${minor}.${patch}`,
    implementation_version: `${minor}.${patch}`,
    platform_release: '',
    platform_version: '',
    extras: [],
    dependency_groups: [],
}))))));
class MarkerSpace {
    /** Built at the first marker evaluated: a repository without markers never needs it (1.6 ms of a one-file check). */
    environments = null;
    truths = new Map();
    pythonMasks = new Map();
    holdsFor = new Map();
    /** Can the marker hold with an interpreter `python` admits (null: any)? Asked once per distinct marker. */
    holds(marker, python) {
        return (0,pair_cache/* answerOnce */.U)(this.holdsFor, python, marker, () => this.canHoldTogether([marker], python));
    }
    /**
     * Where the marker holds. A marker that does not parse (the reader reported it) or that packaging
     * could not evaluate is taken to hold everywhere: better a finding too many than a conflict missed.
     */
    truth(marker) {
        let truth = this.truths.get(marker);
        if (!truth) {
            const parsed = (0,parse_marker/* parseMarker */.gY)(marker);
            truth = parsed.ok
                ? Uint8Array.from((this.environments ??= new marker_evaluation/* MarkerEnvironments */.x(ENVIRONMENTS)).evaluate(parsed.marker), (evaluation) => evaluation.ok && !evaluation.value ? 0 : 1)
                : new Uint8Array(ENVIRONMENTS.length).fill(1);
            this.truths.set(marker, truth);
        }
        return truth;
    }
    /**
     * The environments whose interpreter `python` admits; null when it admits none of them (Python 2,
     * 3.16), for such an interpreter says nothing about the markers.
     */
    pythonMask(python) {
        let mask = this.pythonMasks.get(python);
        if (mask === undefined) {
            const admitted = Uint8Array.from(ENVIRONMENTS, (environment) => (0,specifier/* contains */.gR)(python, environment.python_full_version, { prereleases: true }) ? 1 : 0);
            mask = admitted.includes(1) ? admitted : null;
            this.pythonMasks.set(python, mask);
        }
        return mask;
    }
    /** Can all these markers (null: none) hold at once, with an interpreter `python` admits (null: any)? */
    canHoldTogether(markers, python = null) {
        // Plain loops: the duplicates check asks this for every two pins of a package.
        const truths = [];
        for (const marker of markers)
            if (marker !== null)
                truths.push(this.truth(marker));
        // No marker is no condition: an interpreter alone never keeps a pin out.
        if (truths.length === 0)
            return true;
        const mask = python ? this.pythonMask(python) : null;
        if (mask)
            truths.push(mask);
        for (let index = 0; index < ENVIRONMENTS.length; index++) {
            if (holdEverywhere(truths, index))
                return true;
        }
        return false;
    }
}
function holdEverywhere(truths, index) {
    for (const truth of truths)
        if (truth[index] !== 1)
            return false;
    return true;
}

// EXTERNAL MODULE: ./lib/src/check/versions.js
var versions = __webpack_require__(480);
;// CONCATENATED MODULE: ./lib/src/check/context.js
// What the rule families look at: each install set as the requirements, interpreters, CUDA versions,
// images and indexes pip and Docker see together. A set's view is built when the set is checked: its
// pins grouped by package.



/** A requirement with a version specifier pip can resolve (URL and path requirements are not pins). */
class Pin {
    requirement;
    file;
    specifiers;
    key;
    at;
    text;
    constructor(requirement, file, specifiers) {
        this.requirement = requirement;
        this.file = file;
        this.specifiers = specifiers;
        this.key = requirement.key;
        this.at = { file, span: requirement };
    }
    /**
     * The requirement as written, without its marker (`requirementText`), made once: a package pinned
     * many ways names its first pin in each of thousands of findings.
     */
    get shown() {
        this.text ??= (0,finding_builder/* requirementText */.Pg)(this.requirement);
        return this.text;
    }
    /** True when the requirement names no version at all. */
    get unpinned() {
        return this.requirement.specifier === '';
    }
    /**
     * What the specifier admits; the empty set (everything) when the requirement has no specifier.
     * Looked up each time, not kept: the run's cache is bounded, and a package pinned a million ways
     * kept a parsed set in each of its million pins (600 MB).
     */
    get admits() {
        // The readers only return requirements whose specifier parses (others become diagnostics).
        return this.specifiers.admits(this.requirement.specifier) ?? this.specifiers.admits('');
    }
}
/**
 * One install set as the rule families see it. A pin whose marker cannot hold for the set's
 * interpreter is never installed, so it is never checked; markers are evaluated only for the packages
 * a rule asks about.
 */
class SetView {
    set;
    context;
    pythons = [];
    /** pyproject.toml `requires-python`. */
    requiresPython = [];
    cuda = [];
    images = [];
    indexes = [];
    /** The set reads a package index whose URL is known only at build time (ParsedFile.buildTimeIndexes). */
    readsBuildTimeIndex = false;
    /** The interpreters the set may install into (its own Python, else its requires-python, else the profile's); null when nothing says. */
    python;
    /** The pins the set's files write (not URLs, paths, editables or other stages'): the files in order, each file's lines in order. */
    written = [];
    /** The written pins by package, in the order of `written`. */
    writtenByKey = new Map();
    /** The packages written more than once, in the order their second pin is written. */
    repeatedKeys = [];
    /** `pinsOf`'s answers. */
    installedByKey = new Map();
    readPositions;
    /** The set's `torchCudaSubjects`, once found. */
    torchBuilds;
    constructor(set, context) {
        this.set = set;
        this.context = context;
        for (const path of set.files) {
            const file = context.files.get(path);
            if (!file)
                continue;
            // Only the stages of this set count in its own Dockerfile; other files count whole.
            const stages = path === set.file && set.stages ? new Set(set.stages) : null;
            const inSet = (stage) => stages === null || stage == null || stages.has(stage);
            for (const fact of file.python)
                if (inSet(fact.stage))
                    this.pythons.push({ fact, file: path });
            for (const fact of file.cuda)
                if (inSet(fact.stage))
                    this.cuda.push({ fact, file: path });
            for (const fact of file.indexes)
                if (inSet(fact.stage))
                    this.indexes.push({ fact, file: path });
            if (file.buildTimeIndexes?.some((fact) => inSet(fact.stage)))
                this.readsBuildTimeIndex = true;
            for (const fact of file.images)
                if (inSet(imageStage(fact)))
                    this.images.push({ fact, file: path });
            if (file.requiresPython)
                this.requiresPython.push({ fact: file.requiresPython, file: path });
            for (const requirement of file.requirements) {
                if (requirement.url !== null || requirement.editable || !inSet(requirement.stage))
                    continue;
                const pin = new Pin(requirement, path, context.specifiers);
                this.written.push(pin);
                const pins = this.writtenByKey.get(pin.key);
                if (pins === undefined)
                    this.writtenByKey.set(pin.key, [pin]);
                else if (pins.push(pin) === 2)
                    this.repeatedKeys.push(pin.key);
            }
        }
        this.python = interpreterOf(this, context);
    }
    /** Can the pin's marker hold with the set's interpreter (so that pip may install it)? */
    installs(pin) {
        const marker = pin.requirement.marker;
        return marker === null || this.context.markers.holds(marker, this.python);
    }
    /** The pins of a package the set installs, in order. */
    pinsOf(key) {
        const written = this.writtenByKey.get(key);
        if (written === undefined)
            return NO_PINS;
        let pins = this.installedByKey.get(key);
        if (pins === undefined) {
            pins = written.filter((pin) => this.installs(pin));
            this.installedByKey.set(key, pins);
        }
        return pins;
    }
    /**
     * Every pin of these packages the set's files write, marker or not: the files in order, each
     * file's lines in order (`compareReadOrder` gives pip's reading order).
     */
    writtenOf(keys) {
        return this.written.filter((pin) => keys.includes(pin.key));
    }
    /** Every pin the set's files write whose specifier passes `test`, in the order of `writtenOf`. */
    writtenWhere(test) {
        return this.written.filter((pin) => test(pin.requirement.specifier));
    }
    /** Each package the set installs more than one pin of, with those pins in order, in the order its second pin is written. */
    pinnedTwice() {
        return this.repeatedKeys.map((key) => this.pinsOf(key)).filter((pins) => pins.length >= 2);
    }
    /**
     * Where pip reads each file of the set: the lines of the includes that lead to it (`[]` for the
     * root, `[4]` for a file the root includes at line 4, `[4, 2]` for one that file includes at 2).
     */
    get readAt() {
        this.readPositions ??= readPositions(this.set, this.context.files);
        return this.readPositions;
    }
}
const NO_PINS = Object.freeze([]);
function buildContext(parse, matrix, profile, specifiers = new versions/* Specifiers */.sZ()) {
    const files = new Map(parse.files.map((file) => [file.path, file]));
    return { matrix, profile, files, specifiers, markers: new MarkerSpace(), allowed: new Map() };
}
function interpreterOf(view, context) {
    const specifier = interpreterSpecifier(view, context);
    return specifier === undefined ? null : (context.specifiers.admits(specifier)?.set ?? null);
}
/** The set's interpreters as a specifier: its own Python, else its requires-python, else the profile's. */
function interpreterSpecifier(view, context) {
    const python = setPython(view);
    return python ? (0,versions/* versionSpecifier */.zL)(python.fact.version) : (view.requiresPython[0]?.fact.specifier ?? context.profile?.python);
}
function readPositions(set, files) {
    const positions = new Map([[set.file, []]]);
    const queue = [set.file];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        const position = positions.get(next);
        for (const include of files.get(next)?.includes ?? []) {
            if (positions.has(include.path) || (next === set.file && set.stages && include.stage != null && !set.stages.includes(include.stage)))
                continue;
            positions.set(include.path, [...position, include.line]);
            queue.push(include.path);
        }
    }
    return positions;
}
/** Orders two pins of one set as pip reads them: an included file's lines come where it is included. */
function compareReadOrder(view, a, b) {
    // A pin's place is the include lines leading to its file, then its own line; compared as two
    // lists without building them (a sort asks this many times).
    const left = view.readAt.get(a.file) ?? UNREACHED;
    const right = view.readAt.get(b.file) ?? UNREACHED;
    const place = (path, line, index) => (index < path.length ? path[index] : line);
    const compared = Math.min(left.length, right.length) + 1;
    for (let index = 0; index < compared; index++) {
        const difference = place(left, a.requirement.line, index) - place(right, b.requirement.line, index);
        if (difference !== 0)
            return difference;
    }
    return left.length - right.length;
}
/** The place of a file pip does not reach through the set's includes: after every other. */
const UNREACHED = [Infinity];
/** A stage is known by its `AS` name, or by its 0-based index when it has none. */
function imageStage(image) {
    return image.stage ?? (image.stageIndex === undefined ? null : String(image.stageIndex));
}
/**
 * The interpreter the set installs into: the last one its Dockerfile stages select (a later stage
 * or a later line replaces an earlier one), or null when the set does not say.
 */
function setPython(view) {
    let last = null;
    for (const python of view.pythons)
        if (!last || (python.file === last.file && python.fact.line > last.fact.line))
            last = python;
    return last;
}
/** The span of a fact that may only know its line: its first column when no columns are known. */
function factSpan(fact) {
    return { line: fact.line, column: fact.column ?? 1, endLine: fact.endLine ?? fact.line, endColumn: fact.endColumn ?? fact.column ?? 1 };
}
/** What the profile allows for a package, or for `python` / `cuda`; null when it says nothing. */
function profileAllows(context, key, pseudo) {
    const profile = context.profile;
    if (!profile)
        return null;
    const cacheKey = pseudo ? `:${key}` : key;
    let allowed = context.allowed.get(cacheKey);
    if (allowed === undefined) {
        const specifier = pseudo
            ? key === 'python'
                ? profile.python
                : key === 'cuda'
                    ? profile.cuda
                    : undefined
            : ownValue(profile.packages, key);
        const admits = specifier === undefined ? null : context.specifiers.admits(specifier);
        allowed = specifier !== undefined && admits ? { specifier, admits } : null;
        context.allowed.set(cacheKey, allowed);
    }
    return allowed;
}
/** Why the profile pins `key`, as its reasons say; "profile policy" when they say nothing. */
function profileReason(profile, key) {
    return ownValue(profile.reasons, key) ?? 'profile policy';
}
/** `record[key]` for the record's own keys only: a package may be called `constructor`. */
function ownValue(record, key) {
    return Object.hasOwn(record, key) ? record[key] : undefined;
}


/***/ }),

/***/ 8266:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Eg: () => (/* binding */ compareFindings),
/* harmony export */   Gi: () => (/* binding */ requirementWith),
/* harmony export */   MH: () => (/* binding */ makeFinding),
/* harmony export */   Pg: () => (/* binding */ requirementText),
/* harmony export */   _4: () => (/* binding */ dedupeFindings)
/* harmony export */ });
// How every check builds, orders and de-duplicates its findings, so that all rule families speak
// the same way: the token to change, what to write instead, and the other location involved.
/** The requirement as a user would write it with `specifier` instead of its own (marker kept). */
function requirementWith(requirement, specifier) {
    const extras = requirement.extras.length > 0 ? `[${requirement.extras.join(',')}]` : '';
    const marker = requirement.marker ? `; ${requirement.marker}` : '';
    return `${requirement.name}${extras}${specifier}${marker}`;
}
/** The requirement as written, without its marker: what messages quote. */
function requirementText(requirement) {
    const extras = requirement.extras.length > 0 ? `[${requirement.extras.join(',')}]` : '';
    return `${requirement.name}${extras}${requirement.specifier}`;
}
function makeFinding(draft) {
    const { span } = draft.at;
    const finding = {
        rule: draft.rule,
        severity: draft.severity,
        message: draft.message,
        file: draft.at.file,
        line: span.line,
        column: span.column,
        endLine: span.endLine,
        endColumn: span.endColumn,
        package: draft.package,
        expected: draft.expected ?? null,
        actual: draft.actual ?? null,
        fix: draft.fix ?? null,
    };
    if (draft.related && draft.related.length > 0)
        finding.related = draft.related.map(relatedLocation);
    if (draft.source)
        finding.source = draft.source;
    return finding;
}
function relatedLocation(place) {
    const location = {
        file: place.file,
        line: place.span.line,
        column: place.span.column,
        endLine: place.span.endLine,
        endColumn: place.span.endColumn,
    };
    if (place.message)
        location.message = place.message;
    return location;
}
/** File, then line, then column, then rule, then message: the order people read findings in. */
function compareFindings(a, b) {
    return (compareText(a.file ?? '', b.file ?? '') ||
        (a.line ?? 0) - (b.line ?? 0) ||
        (a.column ?? 0) - (b.column ?? 0) ||
        compareText(a.rule, b.rule) ||
        compareText(a.message, b.message));
}
function compareText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
/**
 * The same problem reached through two install sets (a requirements file on its own and inside the
 * Dockerfile stage that installs it) is one finding; their related locations are merged.
 */
function dedupeFindings(findings) {
    // The same problem is at the same place: each finding is compared with those at its place only
    // (cheaper than a key of every field for every finding of a large repository).
    const byFile = new Map();
    const kept = [];
    for (const finding of findings) {
        let places = byFile.get(finding.file ?? NONE);
        if (!places) {
            places = new Map();
            byFile.set(finding.file ?? NONE, places);
        }
        const place = `${finding.line ?? NONE}:${finding.column ?? NONE}`;
        let atPlace = places.get(place);
        if (!atPlace) {
            atPlace = [];
            places.set(place, atPlace);
        }
        const same = atPlace.find((other) => sameProblem(other, finding));
        if (!same) {
            atPlace.push(finding);
            kept.push(finding);
            continue;
        }
        for (const location of finding.related ?? []) {
            const related = same.related ?? (same.related = []);
            if (!related.some((other) => other.file === location.file && other.line === location.line && other.column === location.column)) {
                related.push(location);
            }
        }
    }
    return kept;
}
/** An absent field, as a key: absent, null and empty are alike. */
const NONE = '';
/** Same rule, span and package, and the same fix for it (at the same file, line and column); the message may differ. */
function sameProblem(a, b) {
    const alike = (x, y) => (x ?? NONE) === (y ?? NONE);
    return (a.rule === b.rule &&
        alike(a.endLine, b.endLine) &&
        alike(a.endColumn, b.endColumn) &&
        alike(a.package, b.package) &&
        alike(a.expected, b.expected) &&
        alike(a.actual, b.actual) &&
        alike(a.fix, b.fix));
}


/***/ }),

/***/ 1441:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ decidingPins),
/* harmony export */   w: () => (/* binding */ fromImage)
/* harmony export */ });
/* harmony import */ var _versions_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(480);
// A package the base image ships (`torch` of `FROM pytorch/pytorch:2.5.1-...`) counts as the set's
// pin of it until the set installs a version the image's copy does not meet: pip then replaces it.
// A bare name or a range the image's copy meets leaves it in place ("Requirement already satisfied").

/** The pins of `key` that decide what the set runs. */
function decidingPins(view, key) {
    const pins = view.pinsOf(key);
    const shipped = pins.filter(fromImage);
    if (shipped.length === 0)
        return pins;
    const installed = pins.filter((pin) => !fromImage(pin));
    const replaced = installed.some((pin) => shipped.every((own) => (0,_versions_js__WEBPACK_IMPORTED_MODULE_0__/* .fit */ .Uj)(own.admits, pin.admits.set) === 'outside'));
    return replaced ? installed : pins;
}
function fromImage(pin) {
    return pin.requirement.installer === 'image';
}


/***/ }),

/***/ 9907:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ho: () => (/* binding */ listedFiles),
/* harmony export */   Lk: () => (/* binding */ nearestReleases),
/* harmony export */   Us: () => (/* binding */ targetEnvironments),
/* harmony export */   Xt: () => (/* binding */ pinFinding),
/* harmony export */   ZQ: () => (/* binding */ answerSet),
/* harmony export */   aB: () => (/* binding */ metadataFile),
/* harmony export */   eA: () => (/* binding */ absenceProven),
/* harmony export */   ij: () => (/* binding */ admittedFiles),
/* harmony export */   y: () => (/* binding */ exactVersion),
/* harmony export */   y8: () => (/* binding */ fitsTarget)
/* harmony export */ });
/* harmony import */ var _index_files_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5774);
/* harmony import */ var _pep440_version_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8400);
/* harmony import */ var _pep440_specifier_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(720);
// What the index answers mean for a pin, shared by the index rules and by the shell that decides
// which metadata to fetch (pure): the releases the indexes list, those a pin admits, whether every
// index answered, and the environments Requires-Dist markers are evaluated in.



/** A finding of an index rule on a pin: at the pin's token, about its package, resting on `source`. */
function pinFinding(rule, pin, fields) {
    const draft = {
        rule: rule.id,
        severity: fields.severity ?? rule.severity,
        at: pin.at,
        package: pin.key,
        message: fields.message,
        actual: fields.actual ?? null,
        source: fields.source,
    };
    if (fields.related)
        draft.related = fields.related;
    return draft;
}
/**
 * The set's pins with what its indexes said of each. A pin that no index answered is left out: no
 * rule judges a pin without an answer, and with no network that is every pin of every set.
 */
function answerSet(plan, answers, specifiers) {
    const pins = [];
    for (const pin of plan.pins) {
        const projects = plan.indexes.map((location) => answers.project(location, pin.key));
        if (projects.some((answer) => answer.status !== 'unreachable'))
            pins.push({ pin, projects, metadata: answers.metadata(pin) });
    }
    return { plan, pins, specifiers };
}
/** Did every index answer (found or missing), and may an absence be taken as proof? */
function absenceProven(set, pin) {
    return set.plan.unprovable === null && pin.projects.length > 0 && pin.projects.every((answer) => answer.status !== 'unreachable');
}
/** Every file of the pin's project the indexes list, with its version (files whose name says none are left out). */
function listedFiles(pin) {
    // Each rule asks; the versions are parsed once per pin.
    let files = listed.get(pin);
    if (!files) {
        files = readListedFiles(pin);
        listed.set(pin, files);
    }
    return files;
}
const listed = new WeakMap();
function readListedFiles(pin) {
    const files = [];
    for (const answer of pin.projects) {
        if (answer.status !== 'found')
            continue;
        for (const file of answer.page.files) {
            const release = (0,_index_files_js__WEBPACK_IMPORTED_MODULE_0__/* .fileRelease */ .oB)(file.filename, pin.pin.key);
            const version = release ? (0,_pep440_version_js__WEBPACK_IMPORTED_MODULE_1__/* .parseVersion */ .ot)(release.version) : null;
            if (version)
                files.push({ file, version, source: answer.page.source });
        }
    }
    return files;
}
/** The files of the releases the pin admits (pre-releases too: pip takes one when nothing else matches). */
function admittedFiles(set, pin, files = listedFiles(pin)) {
    const admits = set.specifiers.admits(pin.pin.requirement.specifier);
    if (!admits)
        return [];
    return files.filter((listed) => (0,_pep440_specifier_js__WEBPACK_IMPORTED_MODULE_2__/* .contains */ .gR)(admits.set, listed.version, { prereleases: true }));
}
/** The version an exact pin names; null for ranges. */
function exactVersion(set, pin) {
    return set.specifiers.admits(pin.requirement.specifier)?.exact ?? null;
}
/** The file whose metadata stands for the release: a wheel the target can use, else any wheel (metadata files first). */
function metadataFile(files, plan) {
    const wheels = files.filter((listed) => listed.file.filename.toLowerCase().endsWith('.whl') && listed.file.yanked === null);
    const fitting = wheels.filter((listed) => fitsTarget(listed.file, plan));
    // An sdist last: its PKG-INFO is read only where it can be trusted (src/index/sdist.ts).
    const sdists = files.filter((listed) => (0,_index_files_js__WEBPACK_IMPORTED_MODULE_0__/* .parseWheelName */ .CI)(listed.file.filename) === null && listed.file.yanked === null);
    const ordered = [...fitting, ...wheels, ...files.filter((listed) => listed.file.hasMetadata), ...sdists];
    return (ordered.find((listed) => listed.file.hasMetadata) ?? ordered[0])?.file ?? null;
}
/** Would pip install this wheel where the set installs (its one Python minor, its glibc)? null when the set's target is not known that well. */
function fitsTarget(file, plan) {
    const minor = plan.minors.length === 1 ? plan.minors[0] : undefined;
    const wheel = (0,_index_files_js__WEBPACK_IMPORTED_MODULE_0__/* .parseWheelName */ .CI)(file.filename);
    if (minor === undefined || plan.glibc === null || !wheel)
        return null;
    return (0,_index_files_js__WEBPACK_IMPORTED_MODULE_0__/* .wheelFitsTarget */ .PJ)(wheel, { python: minor, glibc: plan.glibc });
}
/** The releases nearest to a version the indexes do not have: the closest below and above it. */
function nearestReleases(files, version, count = 3) {
    const versions = new Map();
    for (const listed of files)
        if (listed.file.yanked === null)
            versions.set(listed.version.text, listed.version);
    const sorted = [...versions.values()].sort(_pep440_version_js__WEBPACK_IMPORTED_MODULE_1__/* .compareVersions */ .Zy);
    if (version === null)
        return sorted.slice(-count).map(show);
    const above = sorted.findIndex((candidate) => (0,_pep440_version_js__WEBPACK_IMPORTED_MODULE_1__/* .compareVersions */ .Zy)(candidate, version) > 0);
    const split = above === -1 ? sorted.length : above;
    return [...sorted.slice(Math.max(0, split - count + 1), split), ...sorted.slice(split, split + 1)].map(show);
}
function show(version) {
    return version.text;
}
/** CPython on Linux x86-64, for each minor the set may install into. */
function targetEnvironments(plan) {
    return plan.minors.map((minor) => ({
        implementation_name: 'cpython',
        platform_python_implementation: 'CPython',
        implementation_version: `${minor}.0`,
        python_version: minor,
        python_full_version: `${minor}.0`,
        os_name: 'posix',
        sys_platform: 'linux',
        platform_system: 'Linux',
        platform_machine: 'x86_64',
        platform_release: '',
        platform_version: '',
        extras: [],
        dependency_groups: [],
    }));
}


/***/ }),

/***/ 7253:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gx: () => (/* binding */ filesWithUnknownIndexes),
/* harmony export */   LX: () => (/* binding */ DEFAULT_INDEX),
/* harmony export */   kq: () => (/* binding */ planIndexSet)
/* harmony export */ });
/* unused harmony export PlannedPin */
/* harmony import */ var _pep440_ranges_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2964);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1053);
/* harmony import */ var _finding_builder_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8266);
/* harmony import */ var _image_pins_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1441);
/* harmony import */ var _versions_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(480);
// What the index checks ask about each install set, decided from the set alone (pure): which
// indexes pip would read for it, which of them may be contacted, where it installs (Python, glibc),
// and the pins pip would install. The shell (src/index/run.ts) asks the indexes; the rules
// (src/check/rules/) judge the answers.





const DEFAULT_INDEX = 'https://pypi.org/simple';
/**
 * A pin the index checks ask about. It keeps its requirement and file, not the set's Pin: the plans
 * of every set are held until the indexes answer, and the Pins can go with their set's view.
 */
class PlannedPin {
    requirement;
    file;
    profilePinned;
    constructor(requirement, file, 
    /** The profile pins this package: when two pins disagree, the other is the one to change. */
    profilePinned) {
        this.requirement = requirement;
        this.file = file;
        this.profilePinned = profilePinned;
    }
    get key() {
        return this.requirement.key;
    }
    get at() {
        return { file: this.file, span: this.requirement };
    }
    /** The requirement as written, without its marker. */
    get shown() {
        return (0,_finding_builder_js__WEBPACK_IMPORTED_MODULE_4__/* .requirementText */ .Pg)(this.requirement);
    }
}
/** Python minors considered when a set does not name one. */
const MINORS = ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14'];
function planIndexSet(context, view, options, unknownIndexFiles) {
    const indexes = [];
    const skipped = [];
    const add = (location) => {
        // `https://host/simple` and `https://host/simple/` are one index.
        const same = (known) => known.kind === location.kind && known.url.replace(/\/+$/, '') === location.url.replace(/\/+$/, '');
        if (!indexes.some(same))
            indexes.push(location);
    };
    const fromRepository = (url, kind) => {
        if (options.untrusted === null)
            add({ url, kind, trusted: false });
        else
            skipped.push(url);
    };
    // pip keeps the last --index-url it reads; every --extra-index-url and --find-links add to it.
    const indexUrl = view.indexes.filter((index) => index.fact.kind === 'index-url').at(-1);
    if (indexUrl)
        fromRepository(indexUrl.fact.url, 'index');
    if (!indexUrl || options.untrusted !== null)
        add({ url: options.indexUrl, kind: 'index', trusted: true });
    for (const index of view.indexes) {
        if (index.fact.kind === 'extra-index-url' || index.fact.kind === undefined)
            fromRepository(index.fact.url, 'index');
        else if (index.fact.kind === 'find-links')
            fromRepository(index.fact.url, 'find-links');
    }
    for (const url of options.extraIndexUrls)
        add({ url, kind: 'index', trusted: true });
    let unprovable = null;
    if (skipped.length > 0)
        unprovable = `the repository's index ${skipped[0]} is not contacted for ${options.untrusted}`;
    const unknown = view.set.files.find((file) => unknownIndexFiles.has(file));
    if (unknown)
        unprovable = unknownIndexFiles.get(unknown);
    const python = (0,_context_js__WEBPACK_IMPORTED_MODULE_1__/* .interpreterSpecifier */ .Z3)(view, context) ?? null;
    const pins = view
        .writtenWhere(() => true)
        // The base image's packages are not fetched from an index.
        .filter((pin) => !pin.requirement.constraint && !(0,_image_pins_js__WEBPACK_IMPORTED_MODULE_2__/* .fromImage */ .w)(pin) && !options.ownProjects?.has(pin.key) && view.installs(pin))
        .map((pin) => new PlannedPin(pin.requirement, pin.file, (0,_context_js__WEBPACK_IMPORTED_MODULE_1__/* .profileAllows */ .wh)(context, pin.key, false) !== null));
    const own = (0,_context_js__WEBPACK_IMPORTED_MODULE_1__/* .setPython */ .Vi)(view);
    const pythonAt = own ? { file: own.file, span: (0,_context_js__WEBPACK_IMPORTED_MODULE_1__/* .factSpan */ .Xi)(own.fact) } : null;
    return {
        id: view.set.id,
        indexes,
        unprovable,
        python,
        pythonAt,
        minors: setMinors(view, context),
        glibc: setGlibc(view),
        imaged: view.images.length > 0,
        pins,
    };
}
/**
 * The files whose sets may read an index nobody can name here, with why: one the reader could not
 * know (a build argument, an unset variable), or one a pip configuration names.
 */
function filesWithUnknownIndexes(diagnostics, configured = new Map()) {
    const unknown = new Map(configured);
    for (const diagnostic of diagnostics) {
        if (/^package index .*, so it is not checked$/.test(diagnostic.message))
            unknown.set(diagnostic.file, `${diagnostic.file} names a package index whose URL is only known at build time`);
    }
    return unknown;
}
function setMinors(view, context) {
    const own = (0,_context_js__WEBPACK_IMPORTED_MODULE_1__/* .setPython */ .Vi)(view);
    const minor = own ? (0,_versions_js__WEBPACK_IMPORTED_MODULE_3__/* .minorOf */ .Hs)(own.fact.version) : null;
    if (minor)
        return [minor];
    const python = view.python;
    if (!python)
        return MINORS;
    return MINORS.filter((candidate) => {
        const admits = context.specifiers.admits(`==${candidate}.*`);
        return admits !== null && (0,_pep440_ranges_js__WEBPACK_IMPORTED_MODULE_0__/* .intersects */ .HY)(python, admits.set);
    });
}
/** glibc of Linux distributions, by the names image tags use. */
const GLIBC = {
    'ubuntu18.04': '2.27',
    'ubuntu20.04': '2.31',
    'ubuntu22.04': '2.35',
    'ubuntu24.04': '2.39',
    buster: '2.28',
    bullseye: '2.31',
    bookworm: '2.36',
    trixie: '2.41',
    ubi8: '2.28',
    ubi9: '2.34',
    rockylinux8: '2.28',
    rockylinux9: '2.34',
};
/** manylinux2014: what pip on any distribution of the last decade accepts. */
const DEFAULT_GLIBC = '2.17';
/** The glibc of the set's last image, from its tag or name; musl (Alpine) images get none. */
function setGlibc(view) {
    const image = view.images.filter((candidate) => !candidate.fact.fromStage).at(-1)?.fact;
    if (!image)
        return DEFAULT_GLIBC;
    const text = `${image.name}:${image.tag ?? ''}`.toLowerCase();
    if (/alpine|musl/.test(text))
        return null;
    for (const [name, glibc] of Object.entries(GLIBC))
        if (text.includes(name))
            return glibc;
    // The official python images without a distribution in the tag are Debian bookworm or later.
    if (/^(?:docker\.io\/)?(?:library\/)?python$/.test(image.name))
        return GLIBC.bookworm;
    const ubuntu = /^(?:.*\/)?ubuntu:(\d+\.\d+)/.exec(text);
    if (ubuntu)
        return GLIBC[`ubuntu${ubuntu[1]}`] ?? DEFAULT_GLIBC;
    return DEFAULT_GLIBC;
}


/***/ }),

/***/ 3283:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  H: () => (/* binding */ INDEX_RULES),
  checkIndexAnswers: () => (/* binding */ checkIndexAnswers),
  withoutRestatedLocalBuilds: () => (/* binding */ withoutRestatedLocalBuilds)
});

// NAMESPACE OBJECT: ./lib/src/check/rules/package-not-found.js
var package_not_found_namespaceObject = {};
__webpack_require__.r(package_not_found_namespaceObject);
__webpack_require__.d(package_not_found_namespaceObject, {
  RULE: () => (RULE),
  check: () => (check)
});

// NAMESPACE OBJECT: ./lib/src/check/rules/version-not-found.js
var version_not_found_namespaceObject = {};
__webpack_require__.r(version_not_found_namespaceObject);
__webpack_require__.d(version_not_found_namespaceObject, {
  RULE: () => (version_not_found_RULE),
  check: () => (version_not_found_check)
});

// NAMESPACE OBJECT: ./lib/src/check/rules/version-yanked.js
var version_yanked_namespaceObject = {};
__webpack_require__.r(version_yanked_namespaceObject);
__webpack_require__.d(version_yanked_namespaceObject, {
  RULE: () => (version_yanked_RULE),
  check: () => (version_yanked_check)
});

// NAMESPACE OBJECT: ./lib/src/check/rules/requires-python-mismatch.js
var requires_python_mismatch_namespaceObject = {};
__webpack_require__.r(requires_python_mismatch_namespaceObject);
__webpack_require__.d(requires_python_mismatch_namespaceObject, {
  RULE: () => (requires_python_mismatch_RULE),
  check: () => (requires_python_mismatch_check)
});

// NAMESPACE OBJECT: ./lib/src/check/rules/no-wheel-for-target.js
var no_wheel_for_target_namespaceObject = {};
__webpack_require__.r(no_wheel_for_target_namespaceObject);
__webpack_require__.d(no_wheel_for_target_namespaceObject, {
  RULE: () => (no_wheel_for_target_RULE),
  check: () => (no_wheel_for_target_check)
});

// NAMESPACE OBJECT: ./lib/src/check/rules/requires-dist-conflict.js
var requires_dist_conflict_namespaceObject = {};
__webpack_require__.r(requires_dist_conflict_namespaceObject);
__webpack_require__.d(requires_dist_conflict_namespaceObject, {
  RULE: () => (requires_dist_conflict_RULE),
  check: () => (requires_dist_conflict_check)
});

// EXTERNAL MODULE: ./lib/src/check/finding-builder.js
var finding_builder = __webpack_require__(8266);
// EXTERNAL MODULE: ./lib/src/check/index-facts.js
var index_facts = __webpack_require__(9907);
;// CONCATENATED MODULE: ./lib/src/check/rules/package-not-found.js
// package-not-found: no index of the set has the project at all.

const RULE = {
    id: 'package-not-found',
    severity: 'error',
    summary: "a pinned project that none of the install set's package indexes has",
};
function check(set, emit) {
    for (const answered of set.pins) {
        if (!(0,index_facts/* absenceProven */.eA)(set, answered) || !answered.projects.every((answer) => answer.status === 'missing'))
            continue;
        const { pin } = answered;
        const where = answered.projects.map((answer) => answer.source).join(', ');
        emit((0,index_facts/* pinFinding */.Xt)(RULE, pin, {
            message: `${pin.shown}: no project "${pin.requirement.name}" on ${where}, so pip stops with "No matching distribution found". ` +
                `A typo, or a package published elsewhere (name that index with --extra-index-url). ` +
                `Anyone may register this name on a public index: fix the name before a build installs whatever is published under it.`,
            source: answered.projects[0]?.source ?? null,
        }));
    }
}

;// CONCATENATED MODULE: ./lib/src/check/rules/version-not-found.js
// version-not-found: the project exists, but no release the pin admits does.

const version_not_found_RULE = {
    id: 'version-not-found',
    severity: 'error',
    summary: "a pin no release on the install set's package indexes satisfies",
};
function version_not_found_check(set, emit) {
    for (const answered of set.pins) {
        const found = answered.projects.filter((answer) => answer.status === 'found');
        if (found.length === 0 || !(0,index_facts/* absenceProven */.eA)(set, answered))
            continue;
        const { pin } = answered;
        const exact = (0,index_facts/* exactVersion */.y)(set, pin);
        const files = (0,index_facts/* listedFiles */.Ho)(answered);
        // pip passes over yanked files unless the pin names the version exactly.
        const admitted = (0,index_facts/* admittedFiles */.ij)(set, answered, files).filter((listed) => exact !== null || listed.file.yanked === null);
        if (admitted.length > 0)
            continue;
        const nearest = (0,index_facts/* nearestReleases */.Lk)(files, exact);
        emit((0,index_facts/* pinFinding */.Xt)(version_not_found_RULE, pin, {
            message: `${pin.shown}: no release of ${pin.requirement.name} on ${found.map((answer) => answer.page.source).join(', ')} satisfies ${pin.requirement.specifier}, ` +
                `so pip stops with "No matching distribution found". ` +
                (nearest.length > 0
                    ? `The nearest releases are ${nearest.join(', ')}: pin one of them.`
                    : 'The index lists no installable release of it.'),
            actual: pin.requirement.specifier,
            source: found[0]?.page.source ?? null,
        }));
    }
}

;// CONCATENATED MODULE: ./lib/src/check/rules/version-yanked.js
// version-yanked: the exact pin selects a release whose every file the index has yanked (PEP 592).

const version_yanked_RULE = { id: 'version-yanked', severity: 'warning', summary: 'an exact pin of a release the index has yanked' };
function version_yanked_check(set, emit) {
    for (const answered of set.pins) {
        const { pin } = answered;
        if ((0,index_facts/* exactVersion */.y)(set, pin) === null)
            continue;
        const admitted = (0,index_facts/* admittedFiles */.ij)(set, answered);
        if (admitted.length === 0 || admitted.some((listed) => listed.file.yanked === null))
            continue;
        const reason = admitted.map((listed) => listed.file.yanked).find((text) => text) ?? null;
        emit((0,index_facts/* pinFinding */.Xt)(version_yanked_RULE, pin, {
            message: `${pin.shown}: ${pin.requirement.name} ${admitted[0]?.version.text} is yanked on ${admitted[0]?.source}` +
                (reason ? ` ("${reason}")` : ' (no reason given)') +
                `. pip installs a yanked release only because it is pinned exactly, with a warning; it was withdrawn for a reason. Pin a release that is not yanked.`,
            actual: pin.requirement.specifier,
            source: admitted[0]?.source ?? null,
        }));
    }
}

// EXTERNAL MODULE: ./lib/src/pep440/ranges.js
var ranges = __webpack_require__(2964);
;// CONCATENATED MODULE: ./lib/src/check/rules/requires-python-mismatch.js
// requires-python-mismatch: every file of the release the pin admits declares a Requires-Python
// that excludes each interpreter the set may install into, so pip skips them all.


const requires_python_mismatch_RULE = {
    id: 'requires-python-mismatch',
    severity: 'error',
    summary: "a pinned release whose Requires-Python excludes the install set's Python",
};
function requires_python_mismatch_check(set, emit) {
    const python = set.plan.python === null ? null : set.specifiers.admits(set.plan.python);
    if (!python)
        return;
    for (const answered of set.pins) {
        const { pin } = answered;
        const exact = (0,index_facts/* exactVersion */.y)(set, pin) !== null;
        const admitted = (0,index_facts/* admittedFiles */.ij)(set, answered).filter((listed) => exact || listed.file.yanked === null);
        if (admitted.length === 0)
            continue;
        const metadataPython = answered.metadata?.ok ? answered.metadata.metadata.requiresPython : null;
        const excluding = [];
        for (const listed of admitted) {
            const requires = listed.file.requiresPython ?? (exact ? metadataPython : null);
            const admits = requires === null ? null : set.specifiers.admits(requires);
            // A file that says nothing (or nothing readable) may install: pip does not skip it.
            if (!admits || (0,ranges/* intersects */.HY)(admits.set, python.set))
                break;
            excluding.push({ listed, requires: requires });
        }
        if (excluding.length !== admitted.length)
            continue;
        const first = excluding[0];
        const releases = [...new Set(excluding.map((entry) => entry.listed.version.text))];
        emit((0,index_facts/* pinFinding */.Xt)(requires_python_mismatch_RULE, pin, {
            message: `${pin.shown}: ${pin.requirement.name} ${releases.slice(0, 3).join(', ')}${releases.length > 3 ? ', ...' : ''} requires Python ${first.requires} ` +
                `(Requires-Python on ${first.listed.source}), and this install set's Python is ${set.plan.python}, ` +
                `so pip skips every file of it and stops with "No matching distribution found". Pin a release that supports the set's Python, or change the Python.`,
            actual: pin.requirement.specifier,
            source: first.listed.source,
            ...(set.plan.pythonAt ? { related: [{ ...set.plan.pythonAt, message: `the install set's Python (${set.plan.python})` }] } : {}),
        }));
    }
}

// EXTERNAL MODULE: ./lib/src/index/files.js
var files = __webpack_require__(5774);
;// CONCATENATED MODULE: ./lib/src/check/rules/no-wheel-for-target.js
// no-wheel-for-target: the pinned release publishes wheels, none of them for where the set
// installs (CPython of its version on Linux x86-64 with its image's glibc): pip builds the sdist
// (compilers, headers, minutes) or, without one, fails.


const no_wheel_for_target_RULE = {
    id: 'no-wheel-for-target',
    severity: 'warning',
    summary: "a pinned release with wheels, none for the install set's Python and platform (an error when it has no sdist either)",
};
function no_wheel_for_target_check(set, emit) {
    const { plan } = set;
    if (plan.glibc === null || plan.minors.length !== 1)
        return;
    for (const answered of set.pins) {
        const { pin } = answered;
        if ((0,index_facts/* exactVersion */.y)(set, pin) === null)
            continue;
        const admitted = (0,index_facts/* admittedFiles */.ij)(set, answered);
        const wheels = admitted.filter((listed) => (0,files/* parseWheelName */.CI)(listed.file.filename) !== null);
        // A release with no wheel at all is a plain sdist package: building it is how it always installs.
        if (wheels.length === 0 || wheels.some((listed) => (0,index_facts/* fitsTarget */.y8)(listed.file, plan)))
            continue;
        const sdist = admitted.length > wheels.length;
        // Without an image the platform is assumed (Linux x86-64): a warning, not a promise.
        const severity = sdist || !plan.imaged ? 'warning' : 'error';
        const release = `${pin.requirement.name} ${admitted[0]?.version.text}`;
        const target = `CPython ${plan.minors[0]} on manylinux x86-64 (glibc ${plan.glibc})`;
        emit((0,index_facts/* pinFinding */.Xt)(no_wheel_for_target_RULE, pin, {
            severity,
            message: sdist
                ? `${pin.shown}: ${release} has no wheel for ${target}, so pip builds it from its sdist: a compiler and the library's headers in the image, and minutes per build. Pin a release with a wheel for this Python, or change the Python.`
                : `${pin.shown}: ${release} has no wheel for ${target} and no sdist, so pip stops with "No matching distribution found". Pin a release with a wheel for this Python, or change the Python.`,
            actual: pin.requirement.specifier,
            source: admitted[0]?.source ?? null,
        }));
    }
}

// EXTERNAL MODULE: ./lib/src/pep440/specifier.js
var specifier = __webpack_require__(720);
// EXTERNAL MODULE: ./lib/src/parse/marker.js
var parse_marker = __webpack_require__(9546);
// EXTERNAL MODULE: ./lib/src/parse/marker-evaluation.js
var marker_evaluation = __webpack_require__(817);
// EXTERNAL MODULE: ./lib/src/parse/requirement.js
var requirement = __webpack_require__(4873);
// EXTERNAL MODULE: ./lib/src/model.js
var model = __webpack_require__(4887);
;// CONCATENATED MODULE: ./lib/src/check/rules/requires-dist-conflict.js
// requires-dist-conflict: an exactly pinned release requires (Requires-Dist, for the set's Python on
// Linux and the extras the pin asks for) a version of another package that the set's own pin of it
// excludes. pip cannot install both: ResolutionImpossible.







const requires_dist_conflict_RULE = {
    id: 'requires-dist-conflict',
    severity: 'error',
    summary: "a pinned release requires a version of another package that the install set's pin of it excludes",
};
function requires_dist_conflict_check(set, emit) {
    const environments = (0,index_facts/* targetEnvironments */.Us)(set.plan);
    for (const requirer of set.pins) {
        if (!requirer.metadata?.ok || (0,index_facts/* exactVersion */.y)(set, requirer.pin) === null)
            continue;
        const { metadata, source } = requirer.metadata;
        for (const text of metadata.requiresDist) {
            const required = (0,requirement/* parseRequirement */.pP)(text);
            if (!required.ok || required.url !== null || required.specifier === '')
                continue;
            if (!appliesEverywhere(required, requirer.pin, environments))
                continue;
            const wanted = set.specifiers.admits(required.specifier);
            if (!wanted)
                continue;
            const key = (0,model/* canonicalName */.Ew)(required.name);
            for (const other of set.plan.pins) {
                if (other.key !== key || other.key === requirer.pin.key)
                    continue;
                const pinned = set.specifiers.admits(other.requirement.specifier);
                if (!pinned)
                    continue;
                const compatible = pinned.exact ? (0,specifier/* contains */.gR)(wanted.set, pinned.exact, { prereleases: true }) : (0,ranges/* intersects */.HY)(wanted.set, pinned.set);
                if (compatible)
                    continue;
                emit(conflict(requirer, metadata.name, metadata.version, `${required.name}${required.specifier}`, other, source));
            }
        }
    }
}
/** Does the requirement hold in every environment the set may install into, with the extras the pin asks for? */
function appliesEverywhere(required, requirer, environments) {
    if (required.marker === null)
        return true;
    const marker = (0,parse_marker/* parseMarker */.gY)(required.marker);
    if (!marker.ok || environments.length === 0)
        return false;
    const extras = ['', ...requirer.requirement.extras];
    return environments.every((environment) => extras.some((extra) => {
        const result = (0,marker_evaluation/* evaluateMarker */.U)(marker.marker, environment, extra);
        return result.ok && result.value;
    }));
}
function conflict(requirer, name, version, requirement, other, source) {
    const release = `${name} ${version}`;
    // Change the side the profile does not pin; when both or neither are, the required package's pin.
    const onRequirer = other.profilePinned && !requirer.pin.profilePinned;
    const changed = onRequirer ? requirer.pin : other;
    const kept = onRequirer ? other : requirer.pin;
    const message = onRequirer
        ? `${requirer.pin.shown}: ${release} requires ${requirement}; ${other.shown} is pinned in this install set (the profile's pin), so pip cannot install both together (ResolutionImpossible), and installing one after the other breaks the first. Pin a release of ${name} that accepts ${other.shown}.`
        : `${other.shown}: ${release} requires ${requirement}; ${other.shown} is pinned here, so pip cannot install both together (ResolutionImpossible), and installing one after the other breaks the first. Pin ${other.requirement.name} inside ${requirement}, or a release of ${name} that accepts ${other.shown}.`;
    return {
        rule: requires_dist_conflict_RULE.id,
        severity: requires_dist_conflict_RULE.severity,
        at: changed.at,
        package: changed.key,
        message,
        expected: onRequirer ? null : requirement.slice(other.requirement.name.length),
        actual: changed.requirement.specifier,
        related: [{ ...kept.at, message: `${kept.shown} (${onRequirer ? 'pinned here' : `requires ${requirement}`})` }],
        source,
    };
}

// EXTERNAL MODULE: ./lib/src/check/suppress.js
var suppress = __webpack_require__(4818);
// EXTERNAL MODULE: ./lib/src/check/versions.js
var versions = __webpack_require__(480);
;// CONCATENATED MODULE: ./lib/src/check/index-rules.js
// The index rules (src/check/rules/), run on what the indexes answered for each install set; their
// findings go through the suppressions and de-duplication every finding goes through.










const RULES = [package_not_found_namespaceObject, version_not_found_namespaceObject, version_yanked_namespaceObject, requires_python_mismatch_namespaceObject, no_wheel_for_target_namespaceObject, requires_dist_conflict_namespaceObject];
const INDEX_RULES = RULES.map((rule) => rule.RULE);
function checkIndexAnswers(plans, answers, files, matrix) {
    const findings = [];
    const emit = (draft) => findings.push((0,finding_builder/* makeFinding */.MH)(draft));
    const specifiers = new versions/* Specifiers */.sZ();
    // One set's answers at a time: what the rules read of a set goes once they have read it.
    for (const plan of plans) {
        const set = (0,index_facts/* answerSet */.ZQ)(plan, answers, specifiers);
        // The rules judge answered pins only: with no network or an empty cache no set has one, and a
        // one-file check need not compile the rules to learn it (about 0.3 ms of its start-up).
        if (set.pins.length === 0)
            continue;
        for (const rule of RULES)
            rule.check(set, emit);
    }
    return (0,suppress/* applySuppressions */.p)((0,finding_builder/* dedupeFindings */._4)(findings), files, matrix.ignore).sort(finding_builder/* compareFindings */.Eg);
}
/**
 * The rules that already say why a `+cuXYZ` pin cannot be found, with the index that serves it: a
 * `version-not-found` on the same pin would say it twice, less precisely.
 */
const LOCAL_BUILD_RULES = new Set(['torch-index-label-mismatch', 'local-version-without-index', 'torch-cuda-variant-missing']);
/** The index findings, less each `version-not-found` on a pin that one of LOCAL_BUILD_RULES' findings names. */
function withoutRestatedLocalBuilds(indexFindings, staticFindings) {
    const named = new Set();
    for (const finding of staticFindings) {
        if (!LOCAL_BUILD_RULES.has(finding.rule) || finding.severity !== 'error')
            continue;
        named.add(`${finding.file}:${finding.line}:${finding.column}`);
        for (const related of finding.related ?? [])
            named.add(`${related.file}:${related.line}:${related.column ?? null}`);
    }
    return indexFindings.filter((finding) => finding.rule !== version_not_found_RULE.id || !named.has(`${finding.file}:${finding.line}:${finding.column}`));
}


/***/ }),

/***/ 4450:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  y0: () => (/* binding */ RULES),
  Eg: () => (/* reexport */ finding_builder/* compareFindings */.Eg),
  JT: () => (/* binding */ runChecks)
});

// NAMESPACE OBJECT: ./lib/src/check/rules/pin-outside-profile.js
var pin_outside_profile_namespaceObject = {};
__webpack_require__.r(pin_outside_profile_namespaceObject);
__webpack_require__.d(pin_outside_profile_namespaceObject, {
  RULE: () => (pin_outside_profile_RULE),
  message: () => (message)
});

// NAMESPACE OBJECT: ./lib/src/check/rules/range-wider-than-profile.js
var range_wider_than_profile_namespaceObject = {};
__webpack_require__.r(range_wider_than_profile_namespaceObject);
__webpack_require__.d(range_wider_than_profile_namespaceObject, {
  RULE: () => (range_wider_than_profile_RULE),
  message: () => (range_wider_than_profile_message)
});

// NAMESPACE OBJECT: ./lib/src/check/rules/unpinned.js
var unpinned_namespaceObject = {};
__webpack_require__.r(unpinned_namespaceObject);
__webpack_require__.d(unpinned_namespaceObject, {
  RULE: () => (unpinned_RULE),
  message: () => (unpinned_message)
});

// EXTERNAL MODULE: ./lib/src/check/context.js + 1 modules
var check_context = __webpack_require__(1053);
// EXTERNAL MODULE: ./lib/src/check/versions.js
var check_versions = __webpack_require__(480);
;// CONCATENATED MODULE: ./lib/src/check/cuda-tags.js
// nvidia/cuda image tags: `<X.Y.Z>-[cudnn...-]<base|runtime|devel>-<os>`. The facts table is a snapshot
// of NVIDIA's lists of supported and end-of-life tags, taken on a date (facts.asOf.cudaImageTags). A
// tag it does not list was never published only where the snapshot is complete for the tag's CUDA
// minor and OS: the minor is end of life (NVIDIA publishes nothing new for it), or the tag is not
// newer than the newest image the snapshot lists for that minor on that OS (NVIDIA does not publish
// an older patch after a newer one). A newer patch, a newer minor or an OS the snapshot has no image
// of for that minor may have been published since: not verified. Tags NVIDIA removed (CUDA 10 and
// older, the old X.Y tags, `latest`) are removed, under its support policy.

const TAG = /^(\d+)\.(\d+)((?:\.\d+)*)-(.+)$/;
const FLAVOURS = ['devel', 'runtime', 'base'];
function parseCudaTag(tag) {
    const match = TAG.exec(tag);
    if (!match)
        return null;
    const variant = match[4];
    const parts = variant.split('-');
    return {
        version: `${match[1]}.${match[2]}${match[3]}`,
        minor: `${match[1]}.${match[2]}`,
        variant,
        flavour: FLAVOURS.find((flavour) => parts.includes(flavour)) ?? null,
    };
}
/** Docker Hub's `nvidia/cuda`, under any registry prefix (`docker.io/`, `nvcr.io/`, a mirror). */
function isNvidiaCudaImage(image) {
    return image.name === 'nvidia/cuda' || image.name.endsWith('/nvidia/cuda');
}
/** `nvidia/cuda:11.8.0-devel-ubuntu20.04` with another tag. */
function withTag(image, tag) {
    return `${image.name}:${tag}`;
}
/** `cudnn8-devel-ubuntu20.04` -> `ubuntu20.04`. */
function osOf(variant) {
    return variant.slice(variant.lastIndexOf('-') + 1);
}
/** The tag table grouped by variant and by minor, newest version first. */
class CudaTagIndex {
    byVariant = new Map();
    byMinor = new Map();
    constructor(tags) {
        for (const [tag, status] of Object.entries(tags)) {
            const parsed = parseCudaTag(tag);
            if (!parsed)
                continue;
            const known = this.byVariant.get(parsed.variant) ?? [];
            known.push({ version: parsed.version, minor: parsed.minor, status });
            this.byVariant.set(parsed.variant, known);
            const minor = this.byMinor.get(parsed.minor) ?? { endOfLife: true, versionsByOs: new Map() };
            minor.endOfLife &&= status === 'unsupported_eol';
            const os = osOf(parsed.variant);
            const versions = minor.versionsByOs.get(os) ?? [];
            if (!versions.includes(parsed.version))
                versions.push(parsed.version);
            minor.versionsByOs.set(os, versions);
            this.byMinor.set(parsed.minor, minor);
        }
        for (const known of this.byVariant.values())
            known.sort((a, b) => (0,check_versions/* compareDotted */.AZ)(b.version, a.version));
        for (const minor of this.byMinor.values()) {
            for (const versions of minor.versionsByOs.values())
                versions.sort((a, b) => (0,check_versions/* compareDotted */.AZ)(b, a));
        }
    }
    /** The listed minors, oldest first. */
    minors() {
        return [...this.byMinor.keys()].sort(check_versions/* compareDotted */.AZ);
    }
    listedMinor(minor) {
        return this.byMinor.get(minor) ?? null;
    }
    /**
     * The newest published tag of `variant` whose version `accept`s, preferring supported ones (or
     * only supported ones); null when none.
     */
    newest(variant, accept, supportedOnly = false) {
        const candidates = (this.byVariant.get(variant) ?? []).filter((known) => accept(known.version));
        const supported = candidates.find((known) => known.status === 'supported');
        const best = supportedOnly ? supported : (supported ?? candidates[0]);
        return best ? `${best.version}-${variant}` : null;
    }
    /** The published versions of `variant` in one minor, newest first. */
    versionsOf(variant, minor) {
        return (this.byVariant.get(variant) ?? []).filter((known) => known.minor === minor).map((known) => known.version);
    }
    /** The newest published tag of the same minor and variant (12.1-devel-ubuntu20.04 -> 12.1.1-devel-ubuntu20.04). */
    sameMinor(tag, supportedOnly = false) {
        return this.newest(tag.variant, (version) => version.startsWith(`${tag.minor}.`), supportedOnly);
    }
}
const indexes = new WeakMap();
/** Built once per matrix: the table has 1,400 rows. */
function cudaTagIndex(facts) {
    let index = indexes.get(facts);
    if (!index) {
        index = new CudaTagIndex(facts.cudaImageTags);
        indexes.set(facts, index);
    }
    return index;
}
/** NVIDIA's policy for the tags it publishes and the end-of-life tags it deletes from Docker Hub. */
const SUPPORT_POLICY_SOURCE = 'https://gitlab.com/nvidia/container-images/cuda/-/blob/master/doc/support-policy.md';
function unlistedTag(written, tag, tags, asOf) {
    const snapshot = `the bundled list of ${asOf ?? "NVIDIA's tags"}`;
    if (!tag) {
        return written === 'latest'
            ? { verdict: 'removed', why: 'NVIDIA removed the latest tag: every nvidia/cuda tag names its CUDA version' }
            : { verdict: 'never-published', why: 'nvidia/cuda tags are <X.Y.Z>-<base|runtime|devel>-<os>' };
    }
    const minors = tags.minors();
    const oldest = minors[0];
    if (oldest !== undefined && (0,check_versions/* compareDotted */.AZ)(tag.minor, oldest) < 0) {
        return {
            verdict: 'removed',
            why: `NVIDIA removed the images of CUDA ${tag.minor.split('.')[0]}.x and older from Docker Hub (its tag lists start at CUDA ${oldest})`,
        };
    }
    if (tag.version.split('.').length < 3) {
        return tag.minor === oldest
            ? {
                verdict: 'removed',
                why: `NVIDIA removed the old tags without a patch version (such as 11.0-base); CUDA ${tag.minor} images are tagged X.Y.Z`,
            }
            : { verdict: 'never-published', why: 'nvidia/cuda tags always carry the full X.Y.Z version' };
    }
    const listed = tags.listedMinor(tag.minor);
    const os = osOf(tag.variant);
    if (!listed) {
        const sameMajor = minors.filter((minor) => minor.split('.')[0] === tag.minor.split('.')[0]);
        const after = sameMajor.find((minor) => (0,check_versions/* compareDotted */.AZ)(minor, tag.minor) > 0);
        if (after === undefined)
            return {
                verdict: 'unverified',
                why: `CUDA ${tag.minor} is newer than ${snapshot}, which ends at CUDA ${sameMajor.at(-1) ?? minors.at(-1)}`,
            };
        const before = sameMajor.filter((minor) => (0,check_versions/* compareDotted */.AZ)(minor, tag.minor) < 0).at(-1);
        return {
            verdict: 'never-published',
            why: `NVIDIA published no CUDA ${tag.minor} images: its tags go from CUDA ${before ?? tag.minor.split('.')[0]} to ${after}`,
        };
    }
    const versions = listed.versionsByOs.get(os) ?? [];
    const newest = versions[0];
    if (!listed.endOfLife) {
        if (newest === undefined)
            return { verdict: 'unverified', why: `${snapshot} has no ${os} image of CUDA ${tag.minor}` };
        if ((0,check_versions/* compareDotted */.AZ)(tag.version, newest) > 0)
            return { verdict: 'unverified', why: `${snapshot} ends at ${newest} for CUDA ${tag.minor} on ${os}` };
    }
    const published = tags.versionsOf(tag.variant, tag.minor);
    if (published.length > 0)
        return { verdict: 'never-published', why: `CUDA ${tag.minor} ${tag.variant} images exist only as ${published.join(', ')}` };
    const endOfLife = listed.endOfLife ? `CUDA ${tag.minor} is end of life, and ` : '';
    return { verdict: 'never-published', why: `${endOfLife}no ${tag.variant} image was published for CUDA ${tag.minor}` };
}

// EXTERNAL MODULE: ./lib/src/check/finding-builder.js
var finding_builder = __webpack_require__(8266);
// EXTERNAL MODULE: ./lib/src/pep440/specifier.js
var pep440_specifier = __webpack_require__(720);
// EXTERNAL MODULE: ./lib/src/parse/pytorch-index.js
var pytorch_index = __webpack_require__(2888);
;// CONCATENATED MODULE: ./lib/src/check/subjects.js
// Everything a specifier can be checked against, in one shape: a package pin, the interpreter a
// stage selects or a pyproject requires, the CUDA version an image, a wheel index or a `+cu121`
// label selects. Each knows its token, how messages quote it, and how to rewrite it.






/** The pseudo-packages of `when`/`require` and of a profile's `python`/`cuda`. */
const PYTHON = 'python';
const CUDA = 'cuda';
/**
 * A package pin as a subject. A class, not a literal with a closure: every set makes one for each
 * pin a rule looks at, and its place and quotation are built only for a finding (most pins are fine).
 */
class PinSubject {
    pin;
    pseudo = false;
    constructor(pin) {
        this.pin = pin;
    }
    get key() {
        return this.pin.key;
    }
    get at() {
        return this.pin.at;
    }
    get admits() {
        return this.pin.admits;
    }
    get shown() {
        return this.pin.shown;
    }
    get actual() {
        return this.pin.requirement.specifier;
    }
    fixFor(specifier) {
        return (0,finding_builder/* requirementWith */.Gi)(this.pin.requirement, specifier);
    }
}
function pinSubject(pin) {
    return new PinSubject(pin);
}
/**
 * Every interpreter a set names: each Python a Dockerfile stage selects (its token is the version
 * itself: `3.9` of `python3.9`, `3.12` of `python:3.12-slim`) and each pyproject `requires-python`.
 */
function pythonSubjects(view, context) {
    const subjects = view.pythons.map((python) => pythonFactSubject(python, context));
    return [...subjects, ...requiresPythonSubjects(view, context)].filter((subject) => subject !== null);
}
/** The interpreter the set installs into (the last one its stages select) and its requires-python. */
function setPythonSubjects(view, context) {
    const python = (0,check_context/* setPython */.Vi)(view);
    const subjects = [python ? pythonFactSubject(python, context) : null, ...requiresPythonSubjects(view, context)];
    return subjects.filter((subject) => subject !== null);
}
function pythonFactSubject({ fact, file }, context) {
    const admits = context.specifiers.version(fact.version);
    if (!admits)
        return null;
    return {
        key: PYTHON,
        pseudo: true,
        at: { file, span: (0,check_context/* factSpan */.Xi)(fact) },
        admits,
        shown: `Python ${fact.version} (${fact.source})`,
        actual: fact.version,
        fixFor: (specifier) => (0,check_versions/* namedRelease */.bs)(specifier),
        pin: null,
    };
}
function requiresPythonSubjects(view, context) {
    return view.requiresPython.map(({ fact, file }) => {
        const admits = context.specifiers.admits(fact.specifier);
        if (!admits)
            return null;
        return {
            key: PYTHON,
            pseudo: true,
            at: { file, span: (0,check_context/* factSpan */.Xi)(fact) },
            admits,
            shown: `requires-python ${fact.specifier}`,
            actual: fact.specifier,
            fixFor: (specifier) => specifier,
            pin: null,
        };
    });
}
/**
 * Every CUDA version a set names: base images (an nvidia/cuda image is rewritten whole, to a tag that
 * exists), `ENV CUDA_VERSION`, PyTorch wheel indexes (`/whl/cu121`) and `+cu121` local labels.
 */
function cudaSubjects(view, context) {
    return [...imageCudaSubjects(view, context), ...wheelCudaSubjects(view, context, view.writtenWhere(mayHaveLocalLabel))];
}
/** The CUDA versions of the set's base images and `ENV CUDA_VERSION` lines. */
function imageCudaSubjects(view, context) {
    const subjects = [];
    for (const { fact, file } of view.cuda) {
        const admits = context.specifiers.version(fact.version);
        if (!admits)
            continue;
        const image = view.images.find((candidate) => candidate.file === file && candidate.fact.line === fact.line && candidate.fact.ref === fact.source);
        const nvidia = image && isNvidiaCudaImage(image.fact) ? nvidiaImageSubject(image, context) : null;
        if (nvidia) {
            subjects.push(nvidia);
        }
        else {
            subjects.push({
                key: CUDA,
                pseudo: true,
                at: { file, span: (0,check_context/* factSpan */.Xi)(fact) },
                admits,
                shown: `CUDA ${fact.version} (${fact.source})`,
                actual: fact.version,
                // A version inside another image's tag (pytorch/pytorch:...-cuda12.1-...) has no safe rewrite.
                fixFor: (specifier) => (image ? null : (0,check_versions/* namedRelease */.bs)(specifier)),
                pin: null,
            });
        }
    }
    return subjects;
}
/** The torch family's wheel packages: their `+cu121` labels name the CUDA build. */
const TORCH_WHEELS = ['torch', 'torchvision', 'torchaudio'];
/** A local label comes after a `+`: a pin without one is passed over before its specifier is analysed (or its pin built). */
function mayHaveLocalLabel(specifier) {
    return specifier.includes('+');
}
/**
 * The CUDA build the set's torch wheels come from: the PyTorch indexes it installs from and the
 * `+cuXYZ` labels of its torch-family pins; none when the set installs no torch.
 */
function torchCudaSubjects(view, context) {
    // Three families ask: found once per set.
    view.torchBuilds ??=
        view.pinsOf('torch').length === 0
            ? []
            : wheelCudaSubjects(view, context, view.writtenOf(TORCH_WHEELS).filter((pin) => mayHaveLocalLabel(pin.requirement.specifier)));
    return view.torchBuilds;
}
/** The set's PyTorch indexes, and the `+cuXYZ` labels of those of `labelled` (pins that may have one) the set installs. */
function wheelCudaSubjects(view, context, labelled) {
    const subjects = [];
    for (const { fact, file } of view.indexes) {
        const cuda = fact.cuda;
        const admits = cuda && cuda !== 'cpu' ? context.specifiers.version(cuda) : null;
        if (!cuda || !admits)
            continue;
        subjects.push({
            key: CUDA,
            pseudo: true,
            at: { file, span: (0,check_context/* factSpan */.Xi)(fact) },
            admits,
            shown: `CUDA ${cuda} (${fact.url})`,
            actual: cuda,
            fixFor: (specifier) => {
                const minor = (0,check_versions/* minorOf */.Hs)((0,check_versions/* namedRelease */.bs)(specifier) ?? '');
                return minor ? fact.url.replace((0,check_versions/* cudaLabel */.k3)(cuda), (0,check_versions/* cudaLabel */.k3)(minor)) : null;
            },
            pin: null,
        });
    }
    for (const pin of labelled) {
        if (!view.installs(pin))
            continue;
        const exact = pin.admits.exact;
        const label = exact ? (0,check_versions/* localLabel */.WJ)(exact) : null;
        const cuda = label ? (0,pytorch_index/* cudaOfLabel */.T)(label) : null;
        const admits = cuda ? context.specifiers.version(cuda) : null;
        if (!exact || !cuda || !admits)
            continue;
        subjects.push({
            key: CUDA,
            pseudo: true,
            at: pin.at,
            admits,
            shown: `CUDA ${cuda} (${pin.shown})`,
            actual: cuda,
            fixFor: (specifier) => {
                const minor = (0,check_versions/* minorOf */.Hs)((0,check_versions/* namedRelease */.bs)(specifier) ?? '');
                return minor ? (0,finding_builder/* requirementWith */.Gi)(pin.requirement, `==${exact.release.join('.')}+${(0,check_versions/* cudaLabel */.k3)(minor)}`) : null;
            },
            pin,
        });
    }
    return subjects;
}
/** An nvidia/cuda base image as a CUDA subject: rewritten whole, to the newest published tag that fits. */
function nvidiaImageSubject(image, context) {
    const { fact, file } = image;
    const tag = fact.tag === null ? null : parseCudaTag(fact.tag);
    const admits = tag ? context.specifiers.version(tag.version) : null;
    if (!tag || !admits)
        return null;
    return {
        key: CUDA,
        pseudo: true,
        at: { file, span: (0,check_context/* factSpan */.Xi)(fact) },
        admits,
        shown: `CUDA ${tag.version} (${fact.ref})`,
        actual: tag.version,
        fixFor: (specifier) => {
            // The tag table is built on first use: most image subjects are never rewritten.
            const allowed = context.specifiers.admits(specifier);
            const replacement = allowed
                ? cudaTagIndex(context.matrix.facts).newest(tag.variant, (version) => (0,pep440_specifier/* contains */.gR)(allowed.set, version))
                : null;
            return replacement ? withTag(fact, replacement) : null;
        },
        pin: null,
    };
}
/** Does the subject fit the profile? null when the profile says nothing about it. */
function fitsProfile(context, subject) {
    const allowed = (0,check_context/* profileAllows */.wh)(context, subject.key, subject.pseudo);
    return allowed ? (0,check_versions/* fit */.Uj)(subject.admits, allowed.admits.set) === 'inside' : null;
}
/**
 * When two things disagree, the one to change: under a profile the side that deviates from it
 * (`other`, when `usual` is the profile's and `other` is not); otherwise `usual`.
 */
function sideToChange(context, usual, other) {
    return fitsProfile(context, usual) === true && fitsProfile(context, other) === false ? other : usual;
}
/** The closing sentence of a message: what to write instead. */
function instead(subject, fix, specifier) {
    if (fix)
        return `${subject.pin ? 'Pin' : 'Use'} ${fix} instead.`;
    return `Choose a version inside ${subject.key}${specifier}.`;
}

;// CONCATENATED MODULE: ./lib/src/check/rules/cuda-image-tag-unverified.js
// cuda-image-tag-unverified: an nvidia/cuda tag past the horizon of the bundled tag list. The list is
// a snapshot of NVIDIA's supported and end-of-life tags taken on a date; a newer patch, a newer minor
// or an OS the snapshot has no image of for that minor may have been published since, so its
// absence proves nothing (a notice, never an error). src/check/cuda-tags.ts decides which tags are
// past the horizon.


const RULE = {
    id: 'cuda-image-tag-unverified',
    severity: 'notice',
    summary: 'an nvidia/cuda tag newer than the bundled tag list: it may exist, compat-guard cannot tell offline',
};
/** `listed`: the snapshot's newest tag of the same minor and variant, to name as a known-good fallback. */
function unverifiedTagFinding(facts, file, image, why, listed) {
    const source = facts.sources.cudaImageTags;
    const asOf = facts.asOf.cudaImageTags ?? 'an unknown date';
    const fallback = listed ? ` If docker pull fails with "manifest unknown", ${listed} is in the list.` : '';
    return (0,finding_builder/* makeFinding */.MH)({
        rule: RULE.id,
        severity: RULE.severity,
        at: { file: file.path, span: (0,check_context/* factSpan */.Xi)(image) },
        package: null,
        expected: null,
        actual: image.tag,
        source,
        message: `${image.ref} is not in the bundled list of nvidia/cuda tags of ${asOf}, so it is not verified: ${why}, and NVIDIA may have published it since (${source}).${fallback}`,
    });
}

// EXTERNAL MODULE: ./lib/src/check/image-pins.js
var image_pins = __webpack_require__(1441);
;// CONCATENATED MODULE: ./lib/src/check/pypi-torch.js
// torch installed from plain PyPI is a CUDA build too: each release's Linux x86_64 wheel bundles one
// CUDA version (torch 1.13 and 2.0: 11.7; 2.1 to 2.4: 12.1; ...; facts.torchCuda[].pypi, from the
// nvidia-*-cuXX pins in the wheels' metadata). A set knows its torch comes from PyPI only when it
// names no index and no find-links location at all (in pip options, requirements files or pip's and
// uv's environment variables): any of them may serve another build.



/** The CUDA build of the set's exactly pinned torch when it comes from plain PyPI; null when unknown. */
function pypiTorchBuild(view, context) {
    if (view.indexes.length > 0 || view.readsBuildTimeIndex)
        return null;
    for (const torch of view.pinsOf('torch')) {
        const exact = torch.admits.exact;
        // A local label (+cu121, +cpu) is a build PyPI does not have: another rule's business. The base
        // image's torch (pytorch/pytorch) is the build of its tag's CUDA, a CUDA fact of its own.
        if (!exact || (0,check_versions/* localLabel */.WJ)(exact) !== null || !view.installs(torch) || (0,image_pins/* fromImage */.w)(torch))
            continue;
        const minor = `${exact.release[0] ?? 0}.${exact.release[1] ?? 0}`;
        const cuda = context.matrix.facts.torchCuda.find((row) => row.torch === minor)?.pypi ?? null;
        const admits = cuda === null ? null : context.specifiers.version(cuda);
        if (cuda === null || admits === null)
            continue;
        const pin = pinSubject(torch);
        return {
            key: CUDA,
            pseudo: true,
            at: pin.at,
            admits,
            actual: cuda,
            pin: torch,
            shown: `CUDA ${cuda} (${pin.shown} from PyPI, whose Linux wheels of torch ${minor} bundle CUDA ${cuda})`,
            // Another CUDA means another index, not another PyPI pin: no single rewrite.
            fixFor: () => null,
        };
    }
    return null;
}

;// CONCATENATED MODULE: ./lib/src/check/rules/cuda-image-tag-unknown.js
// cuda-image-tag-unknown: an nvidia/cuda image tag that was never published, or that NVIDIA removed
// (docs/data.md). src/check/cuda.ts decides, from the bundled tag list, which tags these are.


const cuda_image_tag_unknown_RULE = {
    id: 'cuda-image-tag-unknown',
    severity: 'error',
    summary: 'an nvidia/cuda image tag that was never published, or that NVIDIA removed',
};
/** The error on a tag that cannot be pulled; `replacement` is the tag to suggest, when there is one. */
function unknownTagFinding(at, image, written, unlisted, replacement, source) {
    const fix = replacement ? withTag(image, replacement) : null;
    const removed = unlisted.verdict === 'removed';
    const why = removed ? `${unlisted.why} (${SUPPORT_POLICY_SOURCE})` : `${unlisted.why} (${source})`;
    return (0,finding_builder/* makeFinding */.MH)({
        rule: cuda_image_tag_unknown_RULE.id,
        severity: cuda_image_tag_unknown_RULE.severity,
        at,
        package: null,
        expected: replacement,
        actual: written,
        fix,
        source: removed ? SUPPORT_POLICY_SOURCE : source,
        message: `${image.tag === null ? `${image.ref} (no tag: Docker pulls :latest)` : image.ref} ${removed ? 'was removed from Docker Hub' : 'was never published'}, so docker pull fails with "manifest unknown": ${why}. ${fix ? `Use ${fix} instead.` : 'Choose a tag from the list of published tags.'}`,
    });
}

;// CONCATENATED MODULE: ./lib/src/check/rules/cuda-image-tag-eol.js
// cuda-image-tag-eol: an nvidia/cuda image tag that is end-of-life in NVIDIA's tag list; NVIDIA
// deletes end-of-life tags from Docker Hub six months after their end of life (its support policy;
// docs/data.md).


const cuda_image_tag_eol_RULE = {
    id: 'cuda-image-tag-eol',
    severity: 'warning',
    summary: 'an nvidia/cuda image tag that is end-of-life (NVIDIA deletes EOL tags from Docker Hub)',
};
/** The warning on an end-of-life tag, suggesting a supported tag of the same minor, else of the same major. */
function eolTagFinding(at, image, written, tag, tags, source) {
    const replacement = tag
        ? (tags.sameMinor(tag, true) ?? tags.newest(tag.variant, (version) => version.split('.')[0] === tag.minor.split('.')[0], true))
        : null;
    const fix = replacement ? withTag(image, replacement) : null;
    return (0,finding_builder/* makeFinding */.MH)({
        rule: cuda_image_tag_eol_RULE.id,
        severity: cuda_image_tag_eol_RULE.severity,
        at,
        package: null,
        expected: replacement,
        actual: written,
        fix,
        source,
        message: `${image.ref} is end-of-life in NVIDIA's tag list, and NVIDIA deletes end-of-life tags from Docker Hub six months after their end of life, so builds that pull it will start failing (${source}). ${fix ? `Use ${fix} instead.` : 'Move to a supported CUDA version.'}`,
    });
}

;// CONCATENATED MODULE: ./lib/src/check/rules/fleet-driver-too-old.js
// fleet-driver-too-old: the team declared the NVIDIA driver of its hosts (`driver:` in the matrix file,
// the `driver` input, --driver), and an image or a torch build needs a newer one.
//
// nvidia/cuda images set NVIDIA_REQUIRE_CUDA (`cuda>=12.6 brand=tesla,driver>=535,driver<536 ...`),
// which the NVIDIA container toolkit checks when the container starts: space-separated conditions are
// alternatives, comma-separated ones all must hold. `cuda>=12.6` asks for a driver that supports CUDA
// 12.6 itself (minor-version compatibility does not count): one at least CUDA 12.6's release driver.
// The `brand=...,driver>=535,driver<536` alternatives let long-lived driver branches start the image
// on the GPU brands they name; which branches an image lists varies by image, so a fleet on such a
// branch gets a warning, not an error. NVIDIA_DISABLE_REQUIRE=true turns the check off: a compose
// service that sets it runs its image unchecked. A compose service that requests no GPU (no
// `deploy.resources.reservations.devices`, `runtime: nvidia` or `gpus:`) gets the check only on a
// host whose default runtime is nvidia: a warning there too.
//
// A torch wheel bundles its CUDA runtime and runs on any driver of that CUDA major's minor-version
// compatibility branch (12.x: >= 525; 13.x: >= 580); an older one cannot load it at all.



const fleet_driver_too_old_RULE = {
    id: 'fleet-driver-too-old',
    severity: 'error',
    summary: "an image or torch build that needs a newer NVIDIA driver than the fleet's declared driver",
};
/** How the container toolkit reads NVIDIA_REQUIRE_* (and NVIDIA_DISABLE_REQUIRE). */
const REQUIRE_SOURCE = 'https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/latest/docker-specialized.html';
/**
 * The driver branches nvidia/cuda images list as `brand=...,driver>=B,driver<B+1` alternatives (the
 * long-lived datacenter branches); a fleet on one of them may start an image its CUDA minimum refuses.
 */
const BRAND_BRANCHES = new Set(['418', '440', '450', '460', '470', '510', '515', '525', '535', '550', '570']);
/** The matrix's declared driver (--driver and the input are put there by runChecks), or null. */
function fleetDriverOf(facts) {
    const driver = facts.driver;
    if (!driver)
        return null;
    return {
        version: driver.version,
        declaredBy: driver.origin.line > 0 ? `${driver.origin.file}:${driver.origin.line}` : driver.origin.file,
    };
}
/** The newest CUDA minor whose release driver the fleet's driver meets, e.g. 550.54.14 -> "12.4"; null below every row. */
function cudaOfDriver(drivers, driver) {
    let best = null;
    for (const row of drivers) {
        if ((0,check_versions/* compareDotted */.AZ)(row.minDriver, driver) > 0)
            continue;
        const minor = (0,check_versions/* minorOf */.Hs)(row.cuda);
        if (minor && (best === null || (0,check_versions/* compareDotted */.AZ)(minor, best) > 0))
            best = minor;
    }
    return best;
}
/** The lowest release driver of a CUDA minor (its GA's): what `cuda>=X.Y` asks for. */
function releaseDriverOf(drivers, minor) {
    let lowest = null;
    for (const row of drivers) {
        if ((0,check_versions/* minorOf */.Hs)(row.cuda) === minor && (lowest === null || (0,check_versions/* compareDotted */.AZ)(row.minDriver, lowest) < 0))
            lowest = row.minDriver;
    }
    return lowest;
}
/** The image's CUDA minor needs a newer driver than the fleet's: a finding, else null. */
function imageDriverFinding(facts, fleet, file, image, cuda) {
    // The compose service that runs it sets NVIDIA_DISABLE_REQUIRE: the toolkit checks nothing.
    if (image.runtime?.requireDisabled === true)
        return null;
    const minor = (0,check_versions/* minorOf */.Hs)(cuda);
    const needed = minor ? releaseDriverOf(facts.cudaDrivers, minor) : null;
    if (!minor || !needed || (0,check_versions/* compareDotted */.AZ)(fleet.version, needed) >= 0)
        return null;
    const supports = cudaOfDriver(facts.cudaDrivers, fleet.version);
    const branch = fleet.version.split('.')[0];
    const brand = BRAND_BRANCHES.has(branch);
    const at = { file: file.path, span: (0,check_context/* factSpan */.Xi)(image) };
    const upTo = supports ? `supports CUDA up to ${supports}` : 'is older than every CUDA release in the data';
    // A service that asks for no GPU gets the toolkit's check only where the host's default runtime is nvidia.
    const withoutGpu = image.runtime?.gpuRequested === false;
    const whereGpu = withoutGpu
        ? 'where the container gets GPUs (the service requests none: only a host whose default runtime is nvidia gives them), '
        : '';
    const consequence = brand
        ? `the container toolkit refuses to start it unless the GPUs are of a brand that its brand=...,driver>=${branch},driver<${Number(branch) + 1} alternatives name (datacenter and professional GPUs, on images that list branch ${branch}), or NVIDIA_DISABLE_REQUIRE is set`
        : 'the container toolkit refuses to start it ("unsatisfied condition: cuda>=' + minor + '") unless NVIDIA_DISABLE_REQUIRE is set';
    return (0,finding_builder/* makeFinding */.MH)({
        rule: fleet_driver_too_old_RULE.id,
        severity: brand || withoutGpu ? 'warning' : 'error',
        at,
        package: null,
        expected: `>=${needed}`,
        actual: fleet.version,
        source: REQUIRE_SOURCE,
        message: `The fleet's driver ${fleet.version} (${fleet.declaredBy}) ${upTo}; ${image.ref} sets NVIDIA_REQUIRE_CUDA=cuda>=${minor}, so it needs >= ${needed}: ${whereGpu}${consequence} (${REQUIRE_SOURCE}; ${facts.sources.cudaDrivers}).`,
    });
}
/** A torch build of CUDA `cuda` (from an index, a +cuXYZ label or PyPI) that the fleet's driver cannot load. */
function torchDriverFinding(facts, fleet, at, shown, cuda) {
    const major = cuda.split('.')[0];
    // Minor-version compatibility: the lowest driver that runs any CUDA of this major.
    const row = facts.cudaDrivers.find((candidate) => candidate.cuda.split('.')[0] === major && candidate.minorCompatMinDriver !== null);
    const needed = row?.minorCompatMinDriver ?? null;
    if (!needed || (0,check_versions/* compareDotted */.AZ)(fleet.version, needed) >= 0)
        return null;
    return (0,finding_builder/* makeFinding */.MH)({
        rule: fleet_driver_too_old_RULE.id,
        severity: 'error',
        at,
        package: 'torch',
        expected: `>=${needed}`,
        actual: fleet.version,
        source: facts.sources.cudaDrivers,
        message: `The fleet's driver ${fleet.version} (${fleet.declaredBy}) cannot run torch built for ${shown}: CUDA ${major}.x needs a driver >= ${needed} even with minor-version compatibility, so torch.cuda.is_available() is False and CUDA calls fail (${facts.sources.cudaDrivers}).`,
    });
}

;// CONCATENATED MODULE: ./lib/src/check/rules/cuda-driver-minimum.js
// cuda-driver-minimum: the minimum NVIDIA host driver for the image's CUDA version (cuda_drivers),
// said where no fleet driver is declared (with one, fleet-driver-too-old checks it instead).





const cuda_driver_minimum_RULE = {
    id: 'cuda-driver-minimum',
    severity: 'notice',
    summary: "the minimum NVIDIA host driver for the image's CUDA version",
};
const driverTables = new WeakMap();
/** The driver row of a CUDA version; for "12.1" (no patch) the newest patch's, the most demanding. */
function driverFor(facts, version) {
    let table = driverTables.get(facts);
    if (!table) {
        table = new Map(facts.cudaDrivers.map((row) => [row.cuda, row]));
        driverTables.set(facts, table);
    }
    const exact = table.get(version);
    if (exact)
        return exact;
    const minor = (0,check_versions/* minorOf */.Hs)(version);
    let newest = null;
    for (const row of table.values()) {
        if ((0,check_versions/* minorOf */.Hs)(row.cuda) === minor && (!newest || (0,check_versions/* compareDotted */.AZ)(row.cuda, newest.cuda) > 0))
            newest = row;
    }
    return newest;
}
/** The notice for an image of CUDA `cuda`; null when the driver table does not know that version. */
function driverMinimumFinding(facts, file, image, cuda) {
    const driver = driverFor(facts, cuda);
    if (!driver)
        return null;
    const source = facts.sources.cudaDrivers;
    const at = { file: file.path, span: (0,check_context/* factSpan */.Xi)(image) };
    const minor = (0,check_versions/* minorOf */.Hs)(cuda);
    const started = minor ? releaseDriverOf(facts.cudaDrivers, minor) : null;
    // nvidia/cuda images set NVIDIA_REQUIRE_CUDA, which minor-version compatibility does not satisfy
    // (unless the service that runs the image turns the check off).
    const requirement = isNvidiaCudaImage(image) && minor && started && image.runtime?.requireDisabled !== true
        ? `; the image sets NVIDIA_REQUIRE_CUDA=cuda>=${minor}, which the NVIDIA container toolkit checks when the container starts, so a driver older than ${started} is refused even with CUDA minor-version compatibility, unless the GPU's brand and driver branch are among the brand=... alternatives it lists or NVIDIA_DISABLE_REQUIRE is set (${REQUIRE_SOURCE}). Declare the fleet's driver (driver: in the matrix file, or --driver) to have it checked`
        : driver.minorCompatMinDriver
            ? ` (or >= ${driver.minorCompatMinDriver} with CUDA minor-version compatibility)`
            : '';
    return (0,finding_builder/* makeFinding */.MH)({
        rule: cuda_driver_minimum_RULE.id,
        severity: cuda_driver_minimum_RULE.severity,
        at,
        package: null,
        expected: `>=${driver.minDriver}`,
        actual: null,
        source,
        message: `${image.ref} (CUDA ${cuda}) needs NVIDIA driver >= ${driver.minDriver} on the host (${source})${requirement}.`,
    });
}

;// CONCATENATED MODULE: ./lib/src/check/rules/cuda-torch-build-mismatch.js
// cuda-torch-build-mismatch: the CUDA image's toolkit differs from the CUDA build of the torch wheels
// the stage installs. torch wheels bundle their own CUDA runtime, so the image's CUDA only matters to
// nvcc, which torch's cpp_extension refuses when its major version differs from torch.version.cuda
// (and warns about on a minor difference). Run by src/check/cuda.ts for each install set.




const cuda_torch_build_mismatch_RULE = {
    id: 'cuda-torch-build-mismatch',
    severity: 'error',
    summary: "the CUDA image's toolkit differs from the CUDA build of the torch wheels the stage installs",
};
/** Where torch decides whether nvcc suits its CUDA build. */
const CPP_EXTENSION_SOURCE = 'https://github.com/pytorch/pytorch/blob/main/torch/utils/cpp_extension.py';
/** Each nvidia/cuda image of the set against each torch CUDA build (`fromPypi`: the one build is PyPI's). */
function check(context, view, builds, fromPypi, findings) {
    for (const image of view.images) {
        if (!isNvidiaCudaImage(image.fact))
            continue;
        // PyPI's aarch64 torch wheels are not the CUDA build its x86_64 ones are.
        if (fromPypi && image.fact.platform && !image.fact.platform.includes('amd64'))
            continue;
        const subject = nvidiaImageSubject(image, context);
        const tag = image.fact.tag === null ? null : parseCudaTag(image.fact.tag);
        if (!subject || !tag)
            continue;
        for (const build of builds) {
            const difference = cudaDifference(tag.minor, build.actual);
            if (difference === null)
                continue;
            findings.push(buildMismatch(context, image, subject, tag, build, difference));
        }
    }
}
function cudaDifference(imageMinor, buildMinor) {
    if (imageMinor === buildMinor)
        return null;
    return imageMinor.split('.')[0] === buildMinor.split('.')[0] ? 'minor' : 'major';
}
function buildMismatch(context, image, subject, tag, build, difference) {
    const devel = tag.flavour === 'devel';
    const severity = !devel ? 'notice' : difference === 'major' ? 'error' : 'warning';
    const consequence = !devel
        ? `torch wheels bundle their own CUDA runtime, so this ${tag.flavour ?? 'non-devel'} image runs them as long as the host driver suits CUDA ${build.actual}; it only matters when building CUDA extensions, which needs a devel image of the same CUDA major`
        : difference === 'major'
            ? `torch's cpp_extension refuses to build CUDA extensions with an nvcc whose major version differs from torch.version.cuda (${build.actual})`
            : `torch's cpp_extension warns when nvcc's minor version differs from torch.version.cuda (${build.actual}); extensions may fail to build or load`;
    const source = CPP_EXTENSION_SOURCE;
    const profileCuda = (0,check_context/* profileAllows */.wh)(context, 'cuda', true);
    if (profileCuda && sideToChange(context, subject, build) === build) {
        const fix = build.fixFor(profileCuda.specifier);
        return (0,finding_builder/* makeFinding */.MH)({
            rule: cuda_torch_build_mismatch_RULE.id,
            severity,
            at: build.at,
            package: build.pin?.key ?? null,
            expected: tag.minor,
            actual: build.actual,
            fix,
            source,
            related: [{ ...subject.at, message: image.fact.ref }],
            message: `torch comes from ${build.shown} but the image is ${image.fact.ref}: ${consequence} (${source}). ${instead(build, fix, profileCuda.specifier)}`,
        });
    }
    const replacement = cudaTagIndex(context.matrix.facts).sameMinor({ minor: build.actual, variant: tag.variant });
    const fix = replacement ? withTag(image.fact, replacement) : null;
    return (0,finding_builder/* makeFinding */.MH)({
        rule: cuda_torch_build_mismatch_RULE.id,
        severity,
        at: subject.at,
        package: null,
        expected: build.actual,
        actual: tag.version,
        fix,
        source,
        related: [{ ...build.at, message: build.shown }],
        message: `${image.fact.ref} has CUDA ${tag.version} but torch comes from ${build.shown}: ${consequence} (${source}). ${fix ? `Use ${fix} instead.` : `Use an nvidia/cuda ${tag.variant} image of CUDA ${build.actual}.`}`,
    });
}

;// CONCATENATED MODULE: ./lib/src/check/cuda.js
// CUDA base images: does the nvidia/cuda tag exist, is it still supported, does its toolkit suit the
// torch build the stage installs, and which host driver it needs.
//
// Facts (docs/data.md): nvidia/cuda tags always carry the full X.Y.Z version and end-of-life
// tags are deleted from Docker Hub six months after EOL; the bundled tag list is a snapshot, so a tag
// past it is only a notice (cuda-tags.ts decides); torch wheels bundle their own CUDA runtime, so the
// image's CUDA only matters to nvcc, which torch's cpp_extension refuses when its major version
// differs from torch.version.cuda (and warns about on a minor difference). Each rule is in
// src/check/rules/ (cuda-*.ts, fleet-driver-too-old.ts); this file decides which one an image or a
// set gets.










const CUDA_RULES = [
    cuda_image_tag_unknown_RULE,
    RULE,
    fleet_driver_too_old_RULE,
    cuda_image_tag_eol_RULE,
    cuda_torch_build_mismatch_RULE,
    cuda_driver_minimum_RULE,
];
/** The file-level part: each image of each file once, whatever sets include it. */
function checkCudaImages(context, findings) {
    const facts = context.matrix.facts;
    // Without the tag table (it is loaded only for repositories that use nvidia/cuda) every tag would look unknown.
    const knowsTags = Object.keys(facts.cudaImageTags).length > 0;
    const fleet = fleetDriverOf(context.matrix);
    for (const file of context.files.values()) {
        for (const image of file.images) {
            const cannotPull = knowsTags && checkImageTag(context, file, image, findings);
            if (!cannotPull)
                driverCheck(facts, fleet, file, image, findings);
        }
    }
}
/**
 * Reports an nvidia/cuda tag that was never published, was removed, is past the bundled list's date or
 * is end-of-life; true when it cannot be pulled.
 */
function checkImageTag(context, file, image, findings) {
    // Docker pulls `:latest` for a reference with neither tag nor digest.
    const written = image.tag ?? (image.digest === null ? 'latest' : null);
    if (!isNvidiaCudaImage(image) || written === null)
        return false;
    const facts = context.matrix.facts;
    const status = (0,check_context/* ownValue */.eC)(facts.cudaImageTags, written);
    // A supported tag is the usual case: only a tag to report needs the tag table (built on first use).
    if (status === 'supported')
        return false;
    const at = { file: file.path, span: (0,check_context/* factSpan */.Xi)(image) };
    const tags = cudaTagIndex(facts);
    const tag = parseCudaTag(written);
    const source = facts.sources.cudaImageTags;
    if (status === undefined) {
        const unlisted = unlistedTag(written, tag, tags, facts.asOf.cudaImageTags);
        const replacement = tag ? tags.sameMinor(tag) : null;
        if (unlisted.verdict === 'unverified') {
            findings.push(unverifiedTagFinding(facts, file, image, unlisted.why, replacement ? withTag(image, replacement) : null));
            return false;
        }
        findings.push(unknownTagFinding(at, image, written, unlisted, replacement, source));
        return true;
    }
    findings.push(eolTagFinding(at, image, written, tag, tags, source));
    return false;
}
/**
 * Per image that names a CUDA version: with a declared fleet driver, an error when it is too old (and
 * nothing when it suffices); without one, a notice of what the host's driver must be.
 */
function driverCheck(facts, fleet, file, image, findings) {
    const cuda = file.cuda.find((fact) => fact.line === image.line && fact.source === image.ref);
    if (cuda && fleet) {
        // Only nvidia/cuda images are known to set NVIDIA_REQUIRE_CUDA.
        const tooOld = isNvidiaCudaImage(image) ? imageDriverFinding(facts, fleet, file, image, cuda.version) : null;
        if (tooOld)
            findings.push(tooOld);
        return;
    }
    if (!cuda)
        return;
    const minimum = driverMinimumFinding(facts, file, image, cuda.version);
    if (minimum)
        findings.push(minimum);
}
/** A stage that installs torch from a cuXYZ index (or +cuXYZ wheels, or plain PyPI) on an nvidia/cuda image. */
function checkCudaSet(context, view, findings) {
    const indexBuilds = torchCudaSubjects(view, context);
    const pypi = indexBuilds.length === 0 ? pypiTorchBuild(view, context) : null;
    const builds = pypi ? [pypi] : indexBuilds;
    if (builds.length === 0)
        return;
    const fleet = fleetDriverOf(context.matrix);
    if (fleet) {
        for (const build of builds) {
            const tooOld = torchDriverFinding(context.matrix.facts, fleet, build.at, build.shown, build.actual);
            if (tooOld)
                findings.push(tooOld);
        }
    }
    check(context, view, builds, pypi !== null, findings);
}

;// CONCATENATED MODULE: ./lib/src/check/rules/conflicting-pin.js
// conflicting-pin: two pins of one package in one install set that no version satisfies together.
// The pass that finds them (pins that meet, specifiers that do not overlap) is src/check/duplicates.ts.



const conflicting_pin_RULE = {
    id: 'conflicting-pin',
    severity: 'error',
    summary: 'two pins of one package in one install set that no version satisfies together',
};
/** The finding on the later pin, the earlier one related. */
function conflictFinding(context, later, earlier) {
    // Agree on the profile's pin when there is one; else on the earlier pin.
    const allowed = (0,check_context/* profileAllows */.wh)(context, later.key, false);
    const target = allowed && (0,check_versions/* fit */.Uj)(earlier.admits, allowed.admits.set) !== 'inside' ? allowed.specifier : earlier.requirement.specifier;
    const fix = (0,finding_builder/* requirementWith */.Gi)(later.requirement, target);
    return (0,finding_builder/* makeFinding */.MH)({
        rule: conflicting_pin_RULE.id,
        severity: conflicting_pin_RULE.severity,
        at: later.at,
        package: later.key,
        expected: target,
        actual: later.requirement.specifier,
        fix,
        related: [{ ...earlier.at, message: earlier.shown }],
        message: `${later.shown} conflicts with ${earlier.shown} at ${earlier.file}:${earlier.requirement.line}: no version satisfies both, so ${later.requirement.installer === 'conda' ? "conda's solver stops (UnsatisfiableError)" : 'pip stops with ResolutionImpossible'} (or, in separate RUN commands, the later install silently replaces the earlier). Pin ${fix} in both places, or delete one.`,
    });
}

;// CONCATENATED MODULE: ./lib/src/check/rules/duplicate-pin.js
// duplicate-pin: the same package pinned identically twice in one install set. The pass that finds
// identical variants that meet is src/check/duplicates.ts; this file decides which repeats are noise.

const duplicate_pin_RULE = {
    id: 'duplicate-pin',
    severity: 'notice',
    summary: 'the same package pinned identically twice in one install set',
};
/** Whether `later`, written the same way as `earlier`, is a repeat worth a notice. */
function isNoisyRepeat(earlier, later) {
    return earlier !== later && isPinned(later) && writtenTogether(earlier, later);
}
/**
 * Whether a repeated pin is one list written twice: the same file and, in a pyproject.toml, the same
 * group. The same pin in two files (a base file and a per-recipe one, a Dockerfile and the file it
 * installs) or in two optional-dependency groups (which a `dev` or `all` extra often repeats) is each
 * list being complete on its own, not noise to remove.
 */
function writtenTogether(earlier, later) {
    return earlier.file === later.file && earlier.requirement.group === later.requirement.group;
}
/** Only a pin can be repeated: `pip install -U pip setuptools` in two RUNs names no version to keep in step. */
function isPinned(pin) {
    return pin.requirement.specifier !== '';
}
/** The notice on the later pin, the earlier one related. */
function duplicateFinding(later, earlier) {
    return (0,finding_builder/* makeFinding */.MH)({
        rule: duplicate_pin_RULE.id,
        severity: duplicate_pin_RULE.severity,
        at: later.at,
        package: later.key,
        expected: null,
        actual: later.requirement.specifier,
        fix: null,
        related: [{ ...earlier.at, message: earlier.shown }],
        message: `${later.shown} repeats ${earlier.shown} at ${earlier.file}:${earlier.requirement.line}; one of them can go, so that a later change cannot update one and miss the other.`,
    });
}

;// CONCATENATED MODULE: ./lib/src/check/duplicates.js
// The pass behind conflicting-pin and duplicate-pin (src/check/rules/): one package pinned more than
// once inside one install set (across its files too). Two specifiers no version satisfies both is
// a conflict pip cannot resolve; the same pin twice is noise. Specifiers that differ but overlap are not reported: pip installs a version both allow, and a constraints file
// narrowing a requirement is the normal way to pin. Pins under markers that cannot hold together
// (`python_version < "3.10"` and `>= "3.10"`) never meet, so they never conflict.



const DUPLICATE_RULES = [conflicting_pin_RULE, duplicate_pin_RULE];
/**
 * A package written more than this many different ways in one set is compared with its first
 * variants only: hostile input must not make the check quadratic.
 */
const MAX_VARIANTS_COMPARED = 64;
function checkDuplicatesSet(context, view, findings) {
    const python = view.python;
    for (const group of view.pinnedTwice()) {
        // "Later" is as pip reads them: an included file's pins come at the line that includes it.
        const pins = view.set.files.length > 1 ? [...group].sort((a, b) => (0,check_context/* compareReadOrder */.gV)(view, a, b)) : group;
        // The first pin of each distinct (specifier, extras, marker), in order.
        const variants = [];
        for (const later of pins) {
            let conflicting;
            let identical;
            for (const earlier of variants) {
                if (!identical && sameVariant(earlier, later))
                    identical = earlier;
                if (!conflicting && meet(context, earlier, later, python) && !context.specifiers.overlap(earlier.admits, later.admits))
                    conflicting = earlier;
            }
            if (conflicting)
                findings.push(conflictFinding(context, later, conflicting));
            else if (identical && isNoisyRepeat(identical, later) && meet(context, identical, later, python)) {
                findings.push(duplicateFinding(later, identical));
            }
            if (!identical && variants.length < MAX_VARIANTS_COMPARED)
                variants.push(later);
        }
    }
}
/** Can both pins be installed at once, with an interpreter of the set, by commands that both run? */
function meet(context, earlier, later, python) {
    if (branchesExclusive(earlier.requirement.branches, later.requirement.branches))
        return false;
    // conda installs its packages, then pip its list over them: pip replaces conda's version, neither fails.
    if (earlier.requirement.installer !== later.requirement.installer)
        return false;
    const first = earlier.requirement.marker;
    const second = later.requirement.marker;
    return (first === null && second === null) || context.markers.canHoldTogether([first, second], python);
}
/**
 * Whether two RUN commands are in different arms of one shell branch (`if ... else`, `case`, `a || b`),
 * so that no run of the build executes both.
 */
function branchesExclusive(first, second) {
    if (first === undefined || second === undefined)
        return false;
    for (const place of first) {
        const colon = place.indexOf(':');
        const id = place.slice(0, colon + 1);
        if (second.some((other) => other.startsWith(id) && other !== place))
            return true;
    }
    return false;
}
/** Same specifier, extras and marker: the same pin written twice. */
function sameVariant(a, b) {
    const left = a.requirement;
    const right = b.requirement;
    return (left.specifier === right.specifier &&
        (left.marker ?? '') === (right.marker ?? '') &&
        left.extras.length === right.extras.length &&
        left.extras.every((extra, index) => extra === right.extras[index]));
}

// EXTERNAL MODULE: ./lib/src/model.js
var model = __webpack_require__(4887);
;// CONCATENATED MODULE: ./lib/src/check/finding-cap.js
// A bound on the findings one rule keeps in one file. Each line can give a finding, and a file can
// hold millions of lines: one package pinned on every line of an 18 MB file gave a million findings
// and took 42 s and 3 GB (a 32 MB file, the most the reader takes, would need about twice that). No
// reader acts on the thousandth finding of one rule in one file; past that, the rule's findings there
// are counted and reported as one.

/** Findings of one rule kept in one file, counted by the places they are at. */
const MAX_FINDINGS_PER_RULE_AND_FILE = 1_000;
class FindingCap {
    limit;
    /** By rule and file: the places kept so far. */
    kept = new Map();
    leftOut = new Map();
    /** `limit`: a seam for tests, which reach it with a few findings. */
    constructor(limit = MAX_FINDINGS_PER_RULE_AND_FILE) {
        this.limit = limit;
    }
    /** A sink that adds to `list` the findings the cap keeps. */
    into(list) {
        return {
            push: (finding) => {
                if (this.keeps(finding))
                    list.push(finding);
            },
        };
    }
    /**
     * Places, not findings, are counted: the same problem reached through two install sets is one
     * finding after de-duplication, and must not use up the rule's room twice.
     */
    keeps(finding) {
        if (finding.file === null)
            return true;
        const key = `${finding.rule}\u0000${finding.file}`;
        const place = `${finding.line ?? ''}:${finding.column ?? ''}`;
        let places = this.kept.get(key);
        if (!places) {
            places = new Set();
            this.kept.set(key, places);
        }
        if (places.has(place))
            return true;
        if (places.size < this.limit) {
            places.add(place);
            return true;
        }
        const line = finding.line ?? 1;
        const left = this.leftOut.get(key);
        if (!left) {
            this.leftOut.set(key, { lines: new Set([line]), first: finding, last: finding, severity: finding.severity });
            return false;
        }
        left.lines.add(line);
        if (line < (left.first.line ?? 1))
            left.first = finding;
        if (line > (left.last.line ?? 1))
            left.last = finding;
        if ((0,model/* severityRank */.qs)(finding.severity) > (0,model/* severityRank */.qs)(left.severity))
            left.severity = finding.severity;
        return false;
    }
    /** For each rule and file past the limit, one finding over the lines left out that says how many they are. */
    summaries() {
        return [...this.leftOut.values()].map(({ lines, first, last, severity }) => ({
            rule: first.rule,
            severity,
            message: `${first.rule} findings on ${lines.size} more ${lines.size === 1 ? 'line' : 'lines'} of ${first.file} are not listed, from line ${first.line ?? 1} on: a report keeps at most ${this.limit} per rule and file, for no reader acts on more. Fix those listed (often one mistake repeated) and check again to see the rest.`,
            file: first.file,
            line: first.line,
            column: first.column,
            endLine: last.endLine ?? last.line,
            endColumn: last.endColumn,
            package: null,
            expected: null,
            actual: null,
            fix: null,
        }));
    }
}

;// CONCATENATED MODULE: ./lib/src/check/python-ceilings.js
// What pip can install under a known interpreter: pip skips every release whose Requires-Python
// excludes it, so under Python 3.8 an unpinned `numpy` resolves to 1.24.x at most and can never be
// NumPy 2. A rule that worries about the newest releases of a range asks here first.


/**
 * The first release of a package that requires a newer Python than the one before: numpy's
 * Requires-Python per release on PyPI (1.20.0 `>=3.7`, 1.22.0 `>=3.8`, 1.25.0 `>=3.9`, 2.1.0
 * `>=3.10`, 2.3.0 `>=3.11`; https://pypi.org/project/numpy/#history). Fixed facts of published
 * releases: they never change.
 */
const PYTHON_FLOORS = {
    numpy: [
        { release: '1.20', python: '3.7' },
        { release: '1.22', python: '3.8' },
        { release: '1.25', python: '3.9' },
        { release: '2.1', python: '3.10' },
        { release: '2.3', python: '3.11' },
    ],
};
/**
 * The versions of `key` a range admits that pip can install under the set's interpreter, or null
 * when the set's Python is not one known minor or the package has no floors here (then the range
 * stands as written). `numpy` under Python 3.8 -> `<1.25`.
 */
function admittedUnderPython(context, view, key, specifier) {
    const floors = Object.hasOwn(PYTHON_FLOORS, key) ? PYTHON_FLOORS[key] : undefined;
    const python = (0,check_context/* setPython */.Vi)(view);
    const minor = python ? (0,check_versions/* minorOf */.Hs)(python.fact.version) : null;
    if (!floors || !minor)
        return null;
    const ceiling = floors.find((floor) => (0,check_versions/* compareDotted */.AZ)(floor.python, minor) > 0);
    if (!ceiling)
        return null;
    return context.specifiers.admits(specifier === '' ? `<${ceiling.release}` : `${specifier},<${ceiling.release}`);
}

;// CONCATENATED MODULE: ./lib/src/check/matrix-rules.js
// The matrix's `rules:` (the bundled universal rules and the repository's own): inside each install
// set, when every `when` pin matches, every `require` must hold. `python` stands for the set's
// interpreter. The finding carries the rule's id, severity, message and source.






function checkMatrixRulesSet(context, view, findings) {
    const subjects = subjectsOfSet(view, context);
    for (const rule of parsedRules(context))
        checkRule(rule, subjects, context, view, findings);
}
const parsedRulesOfRun = new WeakMap();
/** The matrix's rules with their specifiers analysed, once per run (not once per set). */
function parsedRules(context) {
    let rules = parsedRulesOfRun.get(context);
    if (!rules) {
        rules = context.matrix.rules.map((rule) => parseRule(rule, context)).filter((rule) => rule !== null);
        parsedRulesOfRun.set(context, rules);
    }
    return rules;
}
/** null when a specifier does not parse: the matrix loader validates them, so this is defensive only. */
function parseRule(rule, context) {
    const when = rulePins(rule.when, context);
    const require = rulePins(rule.require, context);
    return when && require ? { rule, when, require } : null;
}
function rulePins(pins, context) {
    const parsed = [];
    for (const [key, specifier] of Object.entries(pins)) {
        const admits = context.specifiers.admits(specifier);
        if (!admits)
            return null;
        parsed.push({ key, specifier, admits });
    }
    return parsed;
}
/** The set's subjects by key, built once per set (a rule may compare them by identity). */
function subjectsOfSet(view, context) {
    const cache = new Map();
    return (key) => {
        let subjects = cache.get(key);
        if (!subjects) {
            if (key !== PYTHON && view.pinsOf(key).length === 0)
                return NO_SUBJECTS; // most packages of most sets
            subjects = key === PYTHON ? setPythonSubjects(view, context) : (0,image_pins/* decidingPins */.C)(view, key).map(pinSubject);
            cache.set(key, subjects);
        }
        return subjects;
    };
}
const NO_SUBJECTS = Object.freeze([]);
function checkRule({ rule, when, require }, subjects, context, view, findings) {
    // A `when` pin matches when all it admits is inside: an exact pin inside, or a subset range.
    const triggers = [];
    for (const pin of when) {
        const matching = firstInside(subjects(pin.key), pin.admits);
        if (!matching)
            return;
        triggers.push(matching);
    }
    for (const pin of require) {
        for (const subject of subjects(pin.key)) {
            const verdict = (0,check_versions/* fit */.Uj)(subject.admits, pin.admits.set);
            if (verdict === 'inside' || triggers.includes(subject))
                continue;
            // A range whose outside part needs a newer Python than the set's is never installed there.
            const installable = verdict === 'wider' && subject.pin ? admittedUnderPython(context, view, subject.key, subject.pin.requirement.specifier) : null;
            if (installable && (0,check_versions/* fit */.Uj)(installable, pin.admits.set) === 'inside')
                continue;
            // Unpinned beside the base image's torch: the image ships its own copy, which works with its
            // torch, and pip leaves an installed package that meets a bare name alone.
            if (verdict === 'wider' &&
                subject.pin?.requirement.specifier === '' &&
                triggers.some((trigger) => trigger.pin !== null && (0,image_pins/* fromImage */.w)(trigger.pin)))
                continue;
            // A range that could still meet the rule is a risk, not a certainty: at most a warning.
            const severity = verdict === 'outside' ? rule.severity : rule.severity === 'notice' ? 'notice' : 'warning';
            const deviating = profileDeviation(context, subject, triggers);
            findings.push(deviating
                ? blameTrigger(rule, severity, deviating, subject, context)
                : blameRequired(rule, severity, subject, pin, verdict === 'outside', triggers, context));
        }
    }
}
/** The first subject all of whose versions `admits` allows (a function, not a closure made per rule and set). */
function firstInside(subjects, admits) {
    for (const subject of subjects)
        if ((0,check_versions/* fit */.Uj)(subject.admits, admits.set) === 'inside')
            return subject;
    return undefined;
}
/** The `when` pin to blame instead of the required one, with the profile's specifier for it; null when none. */
function profileDeviation(context, required, triggers) {
    for (const trigger of triggers) {
        const allowed = (0,check_context/* profileAllows */.wh)(context, trigger.key, trigger.pseudo);
        if (allowed && sideToChange(context, required, trigger) === trigger)
            return { trigger, specifier: allowed.specifier };
    }
    return null;
}
function blameTrigger(rule, severity, deviating, required, context) {
    const { trigger, specifier } = deviating;
    const fix = trigger.fixFor(specifier);
    return (0,finding_builder/* makeFinding */.MH)({
        rule: rule.id,
        severity,
        at: trigger.at,
        package: trigger.pin?.key ?? null,
        expected: specifier,
        actual: trigger.actual,
        fix,
        source: rule.source ?? null,
        related: [{ ...required.at, message: required.shown }],
        message: `${sentence(rule.message)} Found ${trigger.shown} with ${required.shown}; profile ${context.profile?.name} pins ${trigger.key}${specifier}. ${instead(trigger, fix, specifier)}`,
    });
}
function blameRequired(rule, severity, required, requirement, outside, triggers, context) {
    const { key, specifier } = requirement;
    // The profile's own pin when it meets the rule; else the rule's requirement itself.
    const allowed = (0,check_context/* profileAllows */.wh)(context, key, required.pseudo);
    const target = allowed && (0,check_versions/* fit */.Uj)(allowed.admits, requirement.admits.set) === 'inside' ? allowed.specifier : specifier;
    const fix = required.fixFor(target);
    const found = triggers.length > 0 ? ` with ${triggers.map((trigger) => trigger.shown).join(' and ')}` : '';
    const what = outside ? `Found ${required.shown}${found}.` : `${required.shown} also admits versions outside ${key}${specifier}${found}.`;
    return (0,finding_builder/* makeFinding */.MH)({
        rule: rule.id,
        severity,
        at: required.at,
        package: required.pin?.key ?? null,
        expected: specifier,
        actual: required.actual,
        fix,
        source: rule.source ?? null,
        related: triggers.map((trigger) => ({ ...trigger.at, message: trigger.shown })),
        message: `${sentence(rule.message)} ${what} ${instead(required, fix, target)}`,
    });
}
/** A rule's message as a sentence of its own. */
function sentence(text) {
    const trimmed = text.trim();
    return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

// EXTERNAL MODULE: ./lib/src/runtime/rules.js
var runtime_rules = __webpack_require__(6258);
;// CONCATENATED MODULE: ./lib/src/check/rules/pin-outside-profile.js
// pin-outside-profile: an exact pin outside the profile's specifier, or a range that admits none of
// its versions. Found by the pass in src/check/profile.ts.
const pin_outside_profile_RULE = {
    id: 'pin-outside-profile',
    severity: 'error',
    summary: "an exact pin outside the profile's specifier, or a range that admits none of its versions",
};
function message(said, pin) {
    const what = pin.admits.exact ? 'is outside' : 'admits no version of';
    return `${said.subject.shown} ${what} profile ${said.profile} (${said.wanted}): ${said.reason}. ${said.advice}`;
}

;// CONCATENATED MODULE: ./lib/src/check/rules/range-wider-than-profile.js
// range-wider-than-profile: a range that also admits versions outside the profile's specifier.
// Found by the pass in src/check/profile.ts.
const range_wider_than_profile_RULE = {
    id: 'range-wider-than-profile',
    severity: 'warning',
    summary: "a range that also admits versions outside the profile's specifier",
};
function range_wider_than_profile_message(said) {
    return `${said.subject.shown} also admits versions outside profile ${said.profile} (${said.wanted}): ${said.reason}. ${said.advice}`;
}

;// CONCATENATED MODULE: ./lib/src/check/rules/unpinned.js
// unpinned: a requirement without a version for a package the profile pins. Found by the pass in
// src/check/profile.ts.
const unpinned_RULE = {
    id: 'unpinned',
    severity: 'warning',
    summary: 'a requirement without a version for a package the profile pins',
};
function unpinned_message(said, pin) {
    return `${said.subject.shown} has no version, so ${pin.requirement.installer ?? 'pip'} installs whatever is newest; profile ${said.profile} pins ${said.wanted}: ${said.reason}. ${said.advice}`;
}

;// CONCATENATED MODULE: ./lib/src/check/profile.js
// The profile's own pins, checked in each install set: the passes behind the profile rules in
// src/check/rules/ (pin-outside-profile, range-wider-than-profile, unpinned, python-outside-profile,
// cuda-outside-profile). An exact pin outside the profile, or a range that cannot meet it, is an
// error; a range that also admits versions outside it is a warning; no specifier at all for a
// package the profile pins is a warning (a constraints-file pin of the package in the same set
// counts as its pin).








/** Every package the profile pins, against its pins in the set: one of three rules, or nothing. */
function checkProfilePackages(context, view, findings) {
    const profile = context.profile;
    if (!profile)
        return;
    for (const key of Object.keys(profile.packages)) {
        const pins = (0,image_pins/* decidingPins */.C)(view, key);
        const allowed = pins.length > 0 ? (0,check_context/* profileAllows */.wh)(context, key, false) : null;
        if (!allowed)
            continue;
        const reason = (0,check_context/* profileReason */.u3)(profile, key);
        const pinnedSomewhere = pins.some((pin) => !pin.unpinned);
        const wanted = `${key}${allowed.specifier}`;
        for (const pin of pins) {
            if (pin.unpinned && pinnedSomewhere)
                continue;
            const verdict = pin.unpinned ? 'unpinned' : (0,check_versions/* fit */.Uj)(pin.admits, allowed.admits.set);
            if (verdict === 'inside')
                continue;
            const subject = pinSubject(pin);
            const fix = subject.fixFor(allowed.specifier);
            const draft = { at: pin.at, package: key, expected: allowed.specifier, fix, actual: pin.unpinned ? null : pin.requirement.specifier };
            const said = { subject, profile: profile.name, wanted, reason, advice: instead(subject, fix, allowed.specifier) };
            const rule = verdict === 'unpinned' ? unpinned_namespaceObject : verdict === 'outside' ? pin_outside_profile_namespaceObject : range_wider_than_profile_namespaceObject;
            findings.push((0,finding_builder/* makeFinding */.MH)({
                ...draft,
                rule: rule.RULE.id,
                severity: rule.RULE.severity,
                message: rule.message(said, pin),
            }));
        }
    }
}
/** Python and CUDA: only a version the profile cannot meet is reported; a library's wider range is normal. */
function checkOutsideProfile(context, subjects, key, rule, findings) {
    const profile = context.profile;
    if (!profile)
        return;
    const allowed = (0,check_context/* profileAllows */.wh)(context, key, true);
    if (!allowed)
        return;
    const reason = (0,check_context/* profileReason */.u3)(profile, key);
    for (const subject of subjects) {
        if ((0,check_versions/* fit */.Uj)(subject.admits, allowed.admits.set) !== 'outside')
            continue;
        const fix = subject.fixFor(allowed.specifier);
        findings.push((0,finding_builder/* makeFinding */.MH)({
            rule: rule.id,
            severity: rule.severity,
            at: subject.at,
            package: subject.pin?.key ?? null,
            expected: allowed.specifier,
            actual: subject.actual,
            fix,
            message: `${subject.shown} is outside profile ${profile.name} (${key}${allowed.specifier}): ${reason}. ${instead(subject, fix, allowed.specifier)}`,
        }));
    }
}

;// CONCATENATED MODULE: ./lib/src/check/rules/python-outside-profile.js
// python-outside-profile: a stage's Python, or a pyproject's requires-python, outside the profile's
// python. Only a version the profile cannot meet is reported: a library's wider range is normal.


const python_outside_profile_RULE = {
    id: 'python-outside-profile',
    severity: 'error',
    summary: "a stage's Python, or a pyproject's requires-python, outside the profile's python",
};
function python_outside_profile_check(context, view, findings) {
    if (!context.profile)
        return;
    checkOutsideProfile(context, pythonSubjects(view, context), PYTHON, python_outside_profile_RULE, findings);
}

;// CONCATENATED MODULE: ./lib/src/check/rules/cuda-outside-profile.js
// cuda-outside-profile: a base image's CUDA, a wheel index's cuXYZ or a +cuXYZ version outside the
// profile's cuda. Only a version the profile cannot meet is reported.


const cuda_outside_profile_RULE = {
    id: 'cuda-outside-profile',
    severity: 'error',
    summary: "a base image's CUDA, a wheel index's cuXYZ or a +cuXYZ version outside the profile's cuda",
};
function cuda_outside_profile_check(context, view, findings) {
    if (!context.profile)
        return;
    checkOutsideProfile(context, cudaSubjects(view, context), CUDA, cuda_outside_profile_RULE, findings);
}

// EXTERNAL MODULE: ./lib/src/matrix/load.js
var load = __webpack_require__(256);
;// CONCATENATED MODULE: ./lib/src/check/profile-select.js
// Which profile a check runs under. A name given by the user always wins; `auto` takes the
// repository matrix's `profile:`, else the profile the repository's own pins clearly point at, else
// none (universal facts only).


const AUTO_PROFILE = 'auto';
/**
 * Evidence `auto` needs to pick a profile from pins alone: at least this many of the profile's
 * packages pinned exactly at a version the profile allows...
 */
const MIN_MATCHING_PINS = 3;
/** ...and at least this many times as many as the next best profile (so a tie never picks one). */
const LEAD_FACTOR = 2;
/** `named` is who gave an explicit name, for the reason (`--profile`, `the profile input`). */
function selectProfile(parse, matrix, requested, named = '--profile', specifiers = new check_versions/* Specifiers */.sZ()) {
    if (requested !== AUTO_PROFILE)
        return chosen(matrix, requested, `named by ${named}`);
    if (matrix.profile !== null)
        return chosen(matrix, matrix.profile, `named by ${matrix.files[matrix.files.length - 1] ?? 'the matrix'}`);
    return inferred(parse, matrix, specifiers);
}
function chosen(matrix, name, reason) {
    const profile = (0,load/* resolveProfileName */.bo)(matrix, name);
    if ('error' in profile)
        return { ok: false, error: profile.error };
    return { ok: true, profile, choice: { name: profile.name, reason } };
}
/** The profile whose packages the repository pins most, when the evidence is clear. */
function inferred(parse, matrix, specifiers) {
    // Every exact pin of a package some profile pins, by package: a package pinned anywhere counts
    // once per version. Other packages cannot count.
    const profiled = new Set(Object.values(matrix.profiles).flatMap((profile) => Object.keys(profile.packages)));
    const pinned = new Map();
    for (const file of parse.files) {
        for (const { key, url, specifier } of file.requirements) {
            if (!profiled.has(key) || url !== null || specifier === '')
                continue;
            const versions = pinned.get(key) ?? new Set();
            versions.add(specifier);
            pinned.set(key, versions);
        }
    }
    // Each distinct specifier is analysed once, after the walk.
    const exactPins = new Map();
    for (const [key, texts] of pinned) {
        const exact = [...texts].filter((text) => specifiers.admits(text)?.exact);
        if (exact.length > 0)
            exactPins.set(key, new Set(exact));
    }
    const ranked = Object.values(matrix.profiles)
        .map((profile) => ({ profile, matching: matchingPins(profile, exactPins, specifiers) }))
        .sort((a, b) => b.matching - a.matching || (a.profile.name < b.profile.name ? -1 : 1));
    const [best, next] = ranked;
    const runnerUp = next?.matching ?? 0;
    if (!best || best.matching < MIN_MATCHING_PINS || best.matching < LEAD_FACTOR * runnerUp) {
        return { ok: true, profile: null, choice: null };
    }
    const total = Object.keys(best.profile.packages).length;
    const nextBest = next && runnerUp > 0 ? ` (next best: ${next.profile.name} with ${runnerUp})` : '';
    return {
        ok: true,
        profile: best.profile,
        choice: { name: best.profile.name, reason: `pins ${best.matching} of ${total} packages of ${best.profile.name}${nextBest}` },
    };
}
/** A package counts when every exact pin of it in the repository is inside the profile. */
function matchingPins(profile, exactPins, specifiers) {
    let matching = 0;
    for (const [key, specifier] of Object.entries(profile.packages)) {
        const allowed = specifiers.admits(specifier);
        const pinned = exactPins.get(key);
        if (!allowed || !pinned)
            continue;
        let inside = true;
        for (const text of pinned) {
            const pin = specifiers.admits(text);
            if (!pin || (0,check_versions/* fit */.Uj)(pin, allowed.set) !== 'inside')
                inside = false;
        }
        if (inside)
            matching++;
    }
    return matching;
}

// EXTERNAL MODULE: ./lib/src/matrix/schema-validate.js
var schema_validate = __webpack_require__(4510);
;// CONCATENATED MODULE: ./lib/src/check/rules/unknown-rule-id.js
// unknown-rule-id: an ignore comment (`# compat-guard: ignore[rule-id]`) or a matrix `ignore:` entry
// that names no rule this version knows silences nothing, so the finding it was written for (a typo,
// a rule renamed in the writer's head, a rule of another tool) still shows. Known: the built-in rules
// (static and runtime) and the matrix's own rules, bundled and the repository's.

const unknown_rule_id_RULE = {
    id: 'unknown-rule-id',
    severity: 'warning',
    summary: 'an ignore comment or a matrix ignore entry names a rule id compat-guard does not know: it silences nothing',
};
const EVERY_RULE = '*';
/** One finding per unknown id, at the comment's line or the matrix entry's. */
function checkUnknownRuleIds(files, matrix, builtIn) {
    const known = new Set([EVERY_RULE, ...builtIn.map((rule) => rule.id), ...matrix.rules.map((rule) => rule.id)]);
    const findings = [];
    for (const file of files) {
        for (const { line, rules } of file.suppressions) {
            for (const rule of rules) {
                if (!known.has(rule))
                    findings.push(unknown(rule, `ignore[${rule}]`, file.path, line, known));
            }
        }
    }
    for (const entry of matrix.ignore) {
        // Entries of the bundled matrix are this version's own; only a file's entry has a place to point at.
        if (!known.has(entry.rule) && entry.at)
            findings.push(unknown(entry.rule, `ignore: rule: ${entry.rule}`, entry.at.file, entry.at.line, known));
    }
    return findings;
}
function unknown(rule, written, file, line, known) {
    const suggestion = (0,schema_validate/* didYouMean */.au)(rule, [...known].filter((id) => id !== EVERY_RULE));
    return {
        rule: unknown_rule_id_RULE.id,
        severity: unknown_rule_id_RULE.severity,
        message: `${written} names no rule compat-guard knows${suggestion ? ` (did you mean ${suggestion}?)` : ''}, so it silences nothing. ` +
            'Rule ids are listed in docs/rules.md; a rule of the matrix file counts by its id.',
        file,
        line,
        column: null,
        endLine: line,
        endColumn: null,
        package: null,
        fix: suggestion,
    };
}

;// CONCATENATED MODULE: ./lib/src/check/rules/parse-error.js
// parse-error: a line pip, Docker or TOML would reject, or a file that could not be read. The readers
// under src/parse/ find these as diagnostics; src/engine.ts turns each into a finding, with the
// severity the reader gave it.
const parse_error_RULE = {
    id: 'parse-error',
    severity: 'error',
    summary: 'a line pip, Docker or TOML would reject, or a file that could not be read (severity as the reader says)',
};

// EXTERNAL MODULE: ./lib/src/check/suppress.js
var suppress = __webpack_require__(4818);
// EXTERNAL MODULE: ./lib/src/pep440/version.js
var pep440_version = __webpack_require__(8400);
;// CONCATENATED MODULE: ./lib/src/check/rules/local-version-without-index.js
// local-version-without-index: `torch==2.1.2+cu118` in an install set that names no index and no
// find-links location. PyPI refuses uploads with a local version label (PEP 440 reserves them for
// builds not published upstream; docs/data.md), so pip, looking on PyPI alone, finds no matching
// distribution. The PyTorch wheel index serves each torch-family `+<variant>` build at
// https://download.pytorch.org/whl/<variant>.
//
// A Dockerfile stage shows the whole pip command and its environment: an error there. A requirements
// file or pyproject.toml is often installed with the index given on the command line (pytorch/serve's
// torch_cu92.txt with `-f .../torch_stable.html` from its install script), which compat-guard cannot
// see: a notice.



const local_version_without_index_RULE = {
    id: 'local-version-without-index',
    severity: 'error',
    summary: 'a torch-family pin with a local version label (+cu118) in an install set with no index that serves it: PyPI has no local versions (a notice outside Dockerfiles)',
};
/** The specification of local version identifiers (not for public index servers). */
const LOCAL_VERSION_SOURCE = 'https://packaging.python.org/en/latest/specifications/version-specifiers/#local-version-identifiers';
/** The variants the PyTorch index serves under /whl/<variant>: cu118, cpu, rocm6.2, xpu. */
const PYTORCH_VARIANT = /^(?:cu\d+|cpu|rocm\d+(?:\.\d+)*|xpu)$/;
function checkLocalVersions(context, view, findings) {
    // Any index or find-links location may serve the build; torch-index-label-mismatch judges PyTorch ones.
    if (view.indexes.length > 0 || view.readsBuildTimeIndex)
        return;
    const inDockerfile = context.files.get(view.set.file)?.kind === 'dockerfile';
    for (const pin of view.writtenOf(TORCH_WHEELS)) {
        const exact = pin.admits.exact;
        const label = exact ? (0,check_versions/* localLabel */.WJ)(exact) : null;
        if (!exact || label === null || !view.installs(pin))
            continue;
        const subject = pinSubject(pin);
        const index = PYTORCH_VARIANT.test(label) ? `https://download.pytorch.org/whl/${label}` : null;
        const where = inDockerfile
            ? 'this stage names no index or find-links location'
            : 'this file names no index or find-links location (one given on the command line or in pip.conf is not seen here)';
        findings.push((0,finding_builder/* makeFinding */.MH)({
            rule: local_version_without_index_RULE.id,
            severity: inDockerfile ? 'error' : 'notice',
            at: subject.at,
            package: pin.key,
            expected: index,
            actual: subject.actual,
            fix: null,
            source: LOCAL_VERSION_SOURCE,
            message: `${subject.shown} has the local version label +${label}, which PyPI does not accept, and ${where}, so pip finds no matching distribution (${LOCAL_VERSION_SOURCE}). ${index ? `Add --extra-index-url ${index} (the PyTorch index that serves +${label} builds).` : 'Add the index that serves this build, or pin the version without its label.'}`,
        }));
    }
}

;// CONCATENATED MODULE: ./lib/src/check/rules/torch-family-mismatch.js
// torch-family-mismatch: torchvision or torchaudio is not the release built for the pinned torch
// (torch_family). Run by src/check/torch.ts for each torch pin: an exact pin against its companions'
// releases, a range against a companion pinned exactly.






const torch_family_mismatch_RULE = {
    id: 'torch-family-mismatch',
    severity: 'error',
    summary: 'torchvision or torchaudio is not the release built for the pinned torch',
};
const COMPANIONS = ['torchvision', 'torchaudio'];
function checkCompanion(context, view, torch, release, companion, releases, findings) {
    const expected = release[companion];
    const expectedVersion = expected === null ? null : (0,pep440_version/* parseVersion */.ot)(expected);
    if (expected === null || !expectedVersion)
        return;
    const builtForThis = builtReleases(release, companion)
        .map(pep440_version/* parseVersion */.ot)
        .filter((version) => version !== null);
    for (const pin of view.pinsOf(companion)) {
        if (pin.unpinned || pin.requirement.installer === 'conda')
            continue;
        const exact = pin.admits.exact;
        if (inSeries(expected, pin.admits.exact))
            continue;
        // A local label (+cu121) names the build, not another release.
        const matches = builtForThis.some((version) => exact ? (0,check_versions/* releaseKey */.DR)(exact) === (0,check_versions/* releaseKey */.DR)(version) : (0,pep440_specifier/* contains */.gR)(pin.admits.set, version, { prereleases: true }));
        if (matches)
            continue;
        const subject = pinSubject(pin);
        const source = context.matrix.facts.sources.torch;
        const fact = `torch ${release.torch} pairs with torchvision ${release.torchvision}${release.torchaudio === null ? '' : ` and torchaudio ${release.torchaudio}`}`;
        const builtFor = exact ? torchFor(releases, companion, (0,check_versions/* releaseKey */.DR)(exact)) : null;
        // The base image's torch is not rewritten: the companion is what to change.
        const imageTorch = torch.pin !== null && (0,image_pins/* fromImage */.w)(torch.pin);
        if (builtFor && !imageTorch && sideToChange(context, subject, torch) === torch) {
            const fix = torch.fixFor(`==${builtFor.torch}`);
            findings.push((0,finding_builder/* makeFinding */.MH)({
                rule: torch_family_mismatch_RULE.id,
                severity: 'error',
                at: torch.at,
                package: 'torch',
                expected: `==${builtFor.torch}`,
                actual: torch.actual,
                fix,
                source,
                related: [{ ...subject.at, message: subject.shown }],
                message: `${torch.shown} does not match ${subject.shown}, which is built for torch ${builtFor.torch} (${source}); profile ${context.profile?.name} pins ${subject.shown}. ${instead(torch, fix, `==${builtFor.torch}`)}`,
            }));
            continue;
        }
        const label = exact?.local ? `+${exact.local.join('.')}` : '';
        const wanted = inSeries(expected, null) ? `==${expected}.*` : `==${expected}`;
        const fix = subject.fixFor(wanted === `==${expected}` ? `${wanted}${label}` : wanted);
        // pip does not stop over the image's torch: it replaces it with the torch the companion requires.
        const outcome = imageTorch
            ? ` The base image ships ${torch.shown}, so pip replaces it with the torch ${subject.shown} requires, downloaded from the index: another build than the image's, and its CUDA may differ.`
            : '';
        findings.push((0,finding_builder/* makeFinding */.MH)({
            rule: torch_family_mismatch_RULE.id,
            severity: imageTorch ? 'warning' : 'error',
            at: subject.at,
            package: companion,
            expected: wanted,
            actual: subject.actual,
            fix,
            source,
            related: [{ ...torch.at, message: torch.shown }],
            message: `${subject.shown} is not built for ${torch.shown}: ${fact} (${source}).${outcome} ${instead(subject, fix, wanted)}`,
        }));
    }
}
/**
 * A companion written as a series in torch_family.csv (`0.2`, two parts) is any release of it:
 * torchvision's own table pairs those old torch releases with a minor only (torchvision 0.2.x is pure
 * Python and pins no torch). A range is not judged against a series.
 */
function inSeries(expected, exact) {
    const series = expected.split('.');
    if (series.length !== 2)
        return false;
    return exact === null || series.every((part, index) => String(Number(part)) === String(exact.release[index] ?? 0));
}
/**
 * A torch range beside an exactly pinned companion: before torch 2.11 each torchvision and torchaudio
 * release requires one exact torch, so when the range admits none of the releases the companion was
 * built for, pip cannot install both. A range that admits one of them is fine. Not judged: a
 * companion the table does not know, a series row (`0.2`: pins no torch), and torchaudio >= 2.11,
 * which serves every later torch, releases past the table included.
 */
function checkCompanionForRange(context, view, torch, companion, releases, findings) {
    for (const pin of view.pinsOf(companion)) {
        const exact = pin.admits.exact;
        if (!exact || (companion === 'torchaudio' && (0,check_versions/* compareDotted */.AZ)((0,check_versions/* releaseKey */.DR)(exact), '2.11') >= 0))
            continue;
        const builtFor = [...releases.values()].filter((row) => builtReleases(row, companion).some((written) => {
            const version = inSeries(written, null) ? null : (0,pep440_version/* parseVersion */.ot)(written);
            return version !== null && (0,check_versions/* releaseKey */.DR)(version) === (0,check_versions/* releaseKey */.DR)(exact);
        }));
        if (builtFor.length === 0)
            continue;
        if (builtFor.some((row) => (0,pep440_specifier/* contains */.gR)(torch.admits.set, row.torch, { prereleases: true })))
            continue;
        const torchSubject = pinSubject(torch);
        const subject = pinSubject(pin);
        const admitted = [...releases.values()].filter((row) => (0,pep440_specifier/* contains */.gR)(torch.admits.set, row.torch, { prereleases: true }));
        const newest = admitted.sort((a, b) => (0,check_versions/* compareDotted */.AZ)(b.torch, a.torch))[0];
        const wanted = newest?.[companion] ?? null;
        const specifier = wanted === null ? null : inSeries(wanted, null) ? `==${wanted}.*` : `==${wanted}`;
        const fix = specifier === null ? null : subject.fixFor(specifier);
        const source = context.matrix.facts.sources.torch;
        const torches = builtFor.map((row) => row.torch).join(', ');
        findings.push((0,finding_builder/* makeFinding */.MH)({
            rule: torch_family_mismatch_RULE.id,
            severity: 'error',
            at: subject.at,
            package: companion,
            expected: specifier,
            actual: subject.actual,
            fix,
            source,
            related: [{ ...torchSubject.at, message: torchSubject.shown }],
            message: `${subject.shown} is built for torch ${torches}, which ${torchSubject.shown} does not admit, so pip cannot install both (${source}). ${fix ? `Pin ${fix} (built for torch ${newest?.torch}, the newest release the range admits) instead.` : `Widen ${torchSubject.shown} to admit torch ${torches}.`}`,
        }));
    }
}
/** The newest torch release the companion version was built for. */
function torchFor(releases, companion, companionRelease) {
    let found = null;
    for (const row of releases.values()) {
        const built = builtReleases(row, companion).some((written) => {
            const version = (0,pep440_version/* parseVersion */.ot)(written);
            return version !== null && (0,check_versions/* releaseKey */.DR)(version) === companionRelease;
        });
        if (built && (!found || (0,check_versions/* compareDotted */.AZ)(row.torch, found.torch) > 0))
            found = row;
    }
    return found;
}
/** Every release of the companion built for this torch: its row's, and the others the table lists for the same torch. */
function builtReleases(row, companion) {
    const written = row[companion];
    if (written === null)
        return [];
    return [written, ...((companion === 'torchvision' ? row.torchvisionAlso : row.torchaudioAlso) ?? [])];
}

;// CONCATENATED MODULE: ./lib/src/check/rules/torch-python-unsupported.js
// torch-python-unsupported: the install set's Python is outside the exactly pinned torch release's
// supported Python minors (torch_family). Run by src/check/torch.ts for each torch pin.





const torch_python_unsupported_RULE = {
    id: 'torch-python-unsupported',
    severity: 'error',
    summary: "the install set's Python is outside the pinned torch release's supported Python versions",
};
function torch_python_unsupported_check(context, view, torch, release, findings) {
    const supported = `>=${release.pythonMin},<${nextMinor(release.pythonMax)}`;
    const allowed = context.specifiers.admits(supported);
    if (!allowed)
        return;
    const source = context.matrix.facts.sources.torch;
    const pythons = setPythonSubjects(view, context);
    if (pythons.length === 0)
        movingPythonNotice(view, torch, release, supported, source, findings);
    for (const python of pythons) {
        if ((0,check_versions/* fit */.Uj)(python.admits, allowed.set) !== 'outside')
            continue;
        const fact = `torch ${release.torch} supports Python ${release.pythonMin} to ${release.pythonMax} (${source})`;
        const profilePython = (0,check_context/* profileAllows */.wh)(context, python.key, true);
        if (profilePython && sideToChange(context, torch, python) === python) {
            const fix = python.fixFor(profilePython.specifier);
            findings.push((0,finding_builder/* makeFinding */.MH)({
                rule: torch_python_unsupported_RULE.id,
                severity: 'error',
                at: python.at,
                package: null,
                expected: supported,
                actual: python.actual,
                fix,
                source,
                related: [{ ...torch.at, message: torch.shown }],
                message: `${python.shown} cannot run ${torch.shown}: ${fact}. ${instead(python, fix, profilePython.specifier)}`,
            }));
            continue;
        }
        // A requires-python range names no one interpreter to find a release for.
        const minor = (0,pep440_version/* parseVersion */.ot)(python.actual) ? (0,check_versions/* minorOf */.Hs)(python.actual) : null;
        const replacement = minor ? nearestSupporting(context.matrix.facts.torch, release, minor) : null;
        const fix = replacement ? torch.fixFor(`==${replacement.torch}`) : null;
        findings.push((0,finding_builder/* makeFinding */.MH)({
            rule: torch_python_unsupported_RULE.id,
            severity: 'error',
            at: torch.at,
            package: 'torch',
            expected: supported,
            actual: python.actual,
            fix,
            source,
            related: [{ ...python.at, message: python.shown }],
            message: `${torch.shown} does not support ${python.shown}: ${fact}. ${fix ? `Pin ${fix} (the nearest release that supports it) instead.` : `Choose a torch release that supports it.`}`,
        }));
    }
}
/**
 * `python:3-slim`, `python:latest`, `python` (no tag): the tag follows each new Python release, so the
 * interpreter is not fixed and the check cannot say whether this torch has a wheel for it. It says
 * so (a notice) instead of guessing.
 */
function movingPythonNotice(view, torch, release, supported, source, findings) {
    for (const { fact, file } of view.images) {
        const repository = fact.name.slice(fact.name.lastIndexOf('/') + 1);
        if (repository !== 'python' || fact.digest !== null || (fact.tag !== null && /^\d+\.\d+/.test(fact.tag)))
            continue;
        findings.push((0,finding_builder/* makeFinding */.MH)({
            rule: torch_python_unsupported_RULE.id,
            severity: 'notice',
            at: { file, span: (0,check_context/* factSpan */.Xi)(fact) },
            package: null,
            expected: supported,
            actual: fact.tag ?? 'latest',
            source,
            related: [{ ...torch.at, message: torch.shown }],
            message: `${fact.ref} names no Python minor: the tag moves to each new Python release, so whether ${torch.shown} (Python ${release.pythonMin} to ${release.pythonMax}) has a wheel for it is not checked (${source}). Pin the image to a Python minor, such as python:${release.pythonMax}-slim.`,
        }));
    }
}
/** "3.11" -> "3.12". */
function nextMinor(minor) {
    const [major, rest] = minor.split('.');
    return `${major}.${Number(rest ?? 0) + 1}`;
}
/** The torch release closest to `from` that supports Python `minor`: newer when Python is too new, older when too old. */
function nearestSupporting(rows, from, minor) {
    const tooNew = (0,check_versions/* compareDotted */.AZ)(minor, from.pythonMax) > 0;
    const candidates = rows
        .filter((row) => (0,check_versions/* compareDotted */.AZ)(row.pythonMin, minor) <= 0 && (0,check_versions/* compareDotted */.AZ)(minor, row.pythonMax) <= 0)
        .filter((row) => (tooNew ? (0,check_versions/* compareDotted */.AZ)(row.torch, from.torch) > 0 : (0,check_versions/* compareDotted */.AZ)(row.torch, from.torch) < 0))
        .sort((a, b) => (0,check_versions/* compareDotted */.AZ)(a.torch, b.torch));
    return (tooNew ? candidates[0] : candidates[candidates.length - 1]) ?? null;
}

;// CONCATENATED MODULE: ./lib/src/check/rules/torch-cuda-variant-missing.js
// torch-cuda-variant-missing: the PyTorch wheel index publishes no build of the exactly pinned torch
// for that CUDA version (torch_cuda). Run by src/check/torch.ts for each torch pin not from the base
// image.




const torch_cuda_variant_missing_RULE = {
    id: 'torch-cuda-variant-missing',
    severity: 'error',
    summary: "the PyTorch wheel index publishes no build of the pinned torch for that CUDA version (a notice where the bundled list is not the index's complete list)",
};
function torch_cuda_variant_missing_check(context, view, torch, findings) {
    const exact = torch.admits.exact;
    if (!exact)
        return;
    const torchMinor = `${exact.release[0] ?? 0}.${exact.release[1] ?? 0}`;
    const variants = context.matrix.facts.torchCuda.find((row) => row.torch === torchMinor);
    if (!variants)
        return;
    const source = context.matrix.facts.sources.torchCuda;
    const published = variants.cuda.map(check_versions/* cudaLabel */.k3).join(', ');
    const torchText = pinSubject(torch).shown;
    for (const build of torchCudaSubjects(view, context)) {
        if (variants.cuda.includes(build.actual))
            continue;
        const related = build.pin === torch ? [] : [{ ...torch.at, message: torchText }];
        if (!variants.complete) {
            // RELEASE.md lists the headline variants; the index serves more for some releases (2.10.0 as cu129).
            findings.push((0,finding_builder/* makeFinding */.MH)({
                rule: torch_cuda_variant_missing_RULE.id,
                severity: 'notice',
                at: build.at,
                package: build.pin?.key ?? null,
                expected: published,
                actual: (0,check_versions/* cudaLabel */.k3)(build.actual),
                source,
                related,
                message: `The ${(0,check_versions/* cudaLabel */.k3)(build.actual)} build of torch ${torchMinor} (${torchText}) is not verified: torch ${torchMinor}'s headline variants are ${published} (${source}), and the bundled list of ${context.matrix.facts.asOf.torchCuda ?? 'an unknown date'} is not the wheel index's complete list for it, which sometimes serves more. If pip finds no matching distribution, use one of those.`,
            }));
            continue;
        }
        const replacement = preferredVariant(context, variants.cuda, build.actual);
        const fix = build.fixFor(`==${replacement}.*`);
        findings.push((0,finding_builder/* makeFinding */.MH)({
            rule: torch_cuda_variant_missing_RULE.id,
            severity: 'error',
            at: build.at,
            package: build.pin?.key ?? null,
            expected: published,
            actual: (0,check_versions/* cudaLabel */.k3)(build.actual),
            fix,
            source,
            related,
            message: `The PyTorch wheel index has no ${(0,check_versions/* cudaLabel */.k3)(build.actual)} build of torch ${torchMinor} (${torchText}): torch ${torchMinor} is published for ${published} and no other CUDA variant (${source}). ${instead(build, fix, `==${replacement}.*`)}`,
        }));
    }
}
/** The variant to suggest: the profile's CUDA when published, else the newest of the same major, else the newest. */
function preferredVariant(context, published, wanted) {
    const sorted = [...published].sort((a, b) => (0,check_versions/* compareDotted */.AZ)(b, a));
    const profileCuda = (0,check_context/* profileAllows */.wh)(context, 'cuda', true);
    const inProfile = profileCuda
        ? sorted.find((cuda) => {
            const admits = context.specifiers.version(cuda);
            return admits !== null && (0,check_versions/* fit */.Uj)(admits, profileCuda.admits.set) !== 'outside';
        })
        : undefined;
    const sameMajor = sorted.find((cuda) => cuda.split('.')[0] === wanted.split('.')[0]);
    return inProfile ?? sameMajor ?? sorted[0];
}

;// CONCATENATED MODULE: ./lib/src/check/rules/torch-index-label-mismatch.js
// torch-index-label-mismatch: a `+cuXYZ` pin that none of the install set's PyTorch indexes serves.



const torch_index_label_mismatch_RULE = {
    id: 'torch-index-label-mismatch',
    severity: 'error',
    summary: "a `+cuXYZ` pin that none of the install set's PyTorch indexes serves",
};
/**
 * `torch==2.1.2+cu121` installs only from an index that serves cu121 builds: plain PyPI has no
 * `+cuXYZ` wheels, so when every PyTorch index of the set serves another CUDA, pip finds no such
 * version. A set with no PyTorch CUDA index is left alone (the wheels may come from find-links).
 */
function torch_index_label_mismatch_check(context, view, findings) {
    const builds = torchCudaSubjects(view, context);
    const indexes = builds.filter((build) => build.pin === null);
    if (indexes.length === 0)
        return;
    const served = new Set(indexes.map((index) => index.actual));
    const index = indexes[0];
    for (const label of builds) {
        if (label.pin === null || served.has(label.actual))
            continue;
        const blamed = sideToChange(context, label, index);
        const other = blamed === label ? index : label;
        const fix = blamed.fixFor(`==${other.actual}.*`);
        findings.push((0,finding_builder/* makeFinding */.MH)({
            rule: torch_index_label_mismatch_RULE.id,
            severity: 'error',
            at: blamed.at,
            package: label.pin.key,
            expected: (0,check_versions/* cudaLabel */.k3)(other.actual),
            actual: (0,check_versions/* cudaLabel */.k3)(blamed.actual),
            fix,
            related: [{ ...other.at, message: other.shown }],
            message: `${(0,finding_builder/* requirementText */.Pg)(label.pin.requirement)} asks for a ${(0,check_versions/* cudaLabel */.k3)(label.actual)} build, but this install set's PyTorch index serves ${[...served].map(check_versions/* cudaLabel */.k3).join(', ')} builds (${index.shown}): a +${(0,check_versions/* cudaLabel */.k3)(label.actual)} wheel is published only on the PyTorch index for ${(0,check_versions/* cudaLabel */.k3)(label.actual)} and plain PyPI has none, so pip finds no matching distribution. ${instead(blamed, fix, `==${other.actual}.*`)}`,
        }));
    }
}

;// CONCATENATED MODULE: ./lib/src/check/torch.js
// torch and its companions, from the facts tables: torchvision and torchaudio are built for one torch
// release (torch_family), each release supports a range of Python minors, and the PyTorch wheel
// index publishes a few CUDA variants per torch minor (torch_cuda). Checked when torch is pinned
// exactly; a range leaves pip free to pick a matching release, unless a companion pinned exactly
// needs a torch the range does not admit. The rules are in src/check/rules/torch-*.ts; this file runs
// them pin by pin.









const TORCH_RULES = [
    torch_family_mismatch_RULE,
    torch_python_unsupported_RULE,
    torch_cuda_variant_missing_RULE,
    torch_index_label_mismatch_RULE,
    local_version_without_index_RULE,
];
function checkTorchSet(context, view, findings) {
    const releases = torchReleases(context.matrix.facts);
    for (const torch of (0,image_pins/* decidingPins */.C)(view, 'torch')) {
        // The facts are the PyPI wheels'; conda channels build their own (conda-forge for other Pythons and CUDAs).
        if (torch.requirement.installer === 'conda')
            continue;
        if (!torch.admits.exact && !torch.unpinned) {
            for (const companion of COMPANIONS)
                checkCompanionForRange(context, view, torch, companion, releases, findings);
            continue;
        }
        const release = torch.admits.exact ? releases.get((0,check_versions/* releaseKey */.DR)(torch.admits.exact)) : undefined;
        if (!release)
            continue;
        const torchSubject = pinSubject(torch);
        for (const companion of COMPANIONS)
            checkCompanion(context, view, torchSubject, release, companion, releases, findings);
        torch_python_unsupported_check(context, view, torchSubject, release, findings);
        // The image's torch is the build it ships, not one an index is asked for.
        if (!(0,image_pins/* fromImage */.w)(torch))
            torch_cuda_variant_missing_check(context, view, torch, findings);
    }
    torch_index_label_mismatch_check(context, view, findings);
    checkLocalVersions(context, view, findings);
}
const releaseTables = new WeakMap();
/** torch release (without trailing zeros) -> its row; built once per matrix. */
function torchReleases(facts) {
    let table = releaseTables.get(facts);
    if (!table) {
        table = new Map();
        for (const row of facts.torch) {
            const version = (0,pep440_version/* parseVersion */.ot)(row.torch);
            if (version)
                table.set((0,check_versions/* releaseKey */.DR)(version), row);
        }
        releaseTables.set(facts, table);
    }
    return table;
}

// EXTERNAL MODULE: ./lib/src/check/rules/shell-redirect-in-requirement.js
var shell_redirect_in_requirement = __webpack_require__(3480);
// EXTERNAL MODULE: ./lib/src/check/index-rules.js + 6 modules
var index_rules = __webpack_require__(3283);
// EXTERNAL MODULE: ./lib/src/check/index-plan.js
var index_plan = __webpack_require__(7253);
// EXTERNAL MODULE: ./lib/src/check/variants.js
var variants = __webpack_require__(4219);
// EXTERNAL MODULE: ./lib/src/check/index-facts.js
var index_facts = __webpack_require__(9907);
// EXTERNAL MODULE: ./lib/src/parse/marker.js
var parse_marker = __webpack_require__(9546);
// EXTERNAL MODULE: ./lib/src/parse/marker-evaluation.js
var marker_evaluation = __webpack_require__(817);
;// CONCATENATED MODULE: ./lib/src/check/resolve-plan.js
// What pip's resolver is asked for each install set (pure): the set's requirements and constraints
// exactly as it installs them, one step per `pip install` (a Dockerfile stage's RUN order: what an
// earlier install put in the image is there when a later one runs), and the target the build installs
// into (the set's Python, CPython, the platform tags of its image). The shell (src/resolve/) runs pip;
// src/check/resolve-verdict.ts maps pip's answer back to these lines.



/** The Python of a set that names none: what current CI runners and CUDA images mostly give. */
const DEFAULT_MINOR = '3.11';
/** glibc of a set that installs into no image: the GitHub-hosted ubuntu-22.04 runner's. */
const RUNNER_GLIBC = '2.35';
/** pyproject.toml groups `pip install .` installs (optional groups only when asked for, which a build cannot say here). */
const INSTALLED_GROUPS = new Set(['project.dependencies', 'tool.poetry.dependencies']);
function planResolve(context, view, plan) {
    // A conda environment's pip installs over what conda put there, which pip's resolver cannot see.
    if (plan.minors.length === 0 || context.files.get(view.set.file)?.kind === 'conda')
        return null;
    const python = plan.minors.length === 1
        ? plan.minors[0]
        : plan.minors.includes(DEFAULT_MINOR)
            ? DEFAULT_MINOR
            : plan.minors.at(-1);
    const glibc = plan.imaged ? plan.glibc : RUNNER_GLIBC;
    const platforms = glibc === null ? ['musllinux_1_2_x86_64', 'musllinux_1_1_x86_64'] : manylinuxTags(glibc);
    const assumptions = [];
    if (plan.minors.length !== 1)
        assumptions.push(`the set names no single Python, so ${python} is assumed`);
    if (!plan.imaged)
        assumptions.push(`it installs into no image, so Linux x86-64 with glibc ${RUNNER_GLIBC} is assumed`);
    const target = `CPython ${python} on ${platforms[0]?.replace(/_x86_64$/, '')} x86-64`;
    // pip evaluates a requirement's marker on the machine it runs on, not for --python-version: evaluated here, for the target.
    const environment = (0,index_facts/* targetEnvironments */.Us)({ ...plan, minors: [python] })[0];
    let leftOut = 0;
    const lineOf = (pin) => {
        const requirement = pin.requirement;
        if (requirement.installer === 'conda' ||
            (requirement.group !== undefined && !INSTALLED_GROUPS.has(requirement.group)) ||
            !holds(requirement.marker, environment)) {
            leftOut++;
            return null;
        }
        const extras = requirement.extras.length > 0 && !requirement.constraint ? `[${requirement.extras.join(',')}]` : '';
        return {
            text: `${requirement.name}${extras}${requirement.specifier}`,
            key: pin.key,
            at: pin.at,
            shown: pin.shown,
            specifier: requirement.specifier,
        };
    };
    const pins = view.writtenWhere(() => true);
    const steps = isDockerfileSet(context, view)
        ? dockerfileSteps(context, view, pins)
        : [pins.map((pin) => ({ pin, constraint: pin.requirement.constraint }))];
    const resolveSteps = [];
    for (const step of steps) {
        const resolveStep = { requirements: [], constraints: [] };
        for (const { pin, constraint } of step) {
            const line = lineOf(pin);
            if (line)
                (constraint ? resolveStep.constraints : resolveStep.requirements).push(line);
        }
        if (resolveStep.requirements.length > 0)
            resolveSteps.push(resolveStep);
    }
    if (resolveSteps.length === 0)
        return null;
    return {
        setId: view.set.id,
        steps: resolveSteps,
        python,
        platforms,
        target,
        assumed: assumptions.length > 0 ? assumptions.join(', and ') : null,
        indexes: plan.indexes,
        unprovable: plan.unprovable,
        leftOut,
    };
}
/** Does the marker hold where the set installs? A marker that cannot be evaluated does not. */
function holds(marker, environment) {
    if (marker === null)
        return true;
    const parsed = (0,parse_marker/* parseMarker */.gY)(marker);
    if (!parsed.ok)
        return false;
    const value = (0,marker_evaluation/* evaluateMarker */.U)(parsed.marker, environment);
    return value.ok && value.value;
}
/** manylinux tags pip accepts on a glibc: `manylinux_2_Y` from the glibc's down to 2.5, and the legacy aliases. */
function manylinuxTags(glibc) {
    const minor = Number(glibc.split('.')[1]);
    const tags = [];
    for (let y = minor; y >= 5; y--) {
        tags.push(`manylinux_2_${y}_x86_64`);
        if (y === 17)
            tags.push('manylinux2014_x86_64');
        if (y === 12)
            tags.push('manylinux2010_x86_64');
        if (y === 5)
            tags.push('manylinux1_x86_64');
    }
    return [...tags, 'linux_x86_64'];
}
function isDockerfileSet(context, view) {
    return view.set.stages !== null && context.files.get(view.set.file)?.kind === 'dockerfile';
}
/**
 * A Dockerfile stage's pins by the `pip install` that reads them: its own arguments, and the files its
 * `-r`/`-c` name with what those include (a file read through `-c` gives constraints only).
 */
function dockerfileSteps(context, view, pins) {
    const dockerfile = context.files.get(view.set.file);
    const stages = new Set(view.set.stages);
    const byInstall = new Map();
    const stepOf = (install) => {
        let step = byInstall.get(install);
        if (!step)
            byInstall.set(install, (step = []));
        return step;
    };
    const byFile = new Map();
    for (const pin of pins) {
        if (pin.file === view.set.file) {
            if (pin.requirement.install !== undefined)
                stepOf(pin.requirement.install).push({ pin, constraint: false });
        }
        else {
            const list = byFile.get(pin.file) ?? [];
            list.push(pin);
            byFile.set(pin.file, list);
        }
    }
    for (const include of dockerfile?.includes ?? []) {
        if (include.install === undefined || (include.stage != null && !stages.has(include.stage)))
            continue;
        const step = stepOf(include.install);
        for (const { path, constraint } of fileClosure(context, include.path, include.constraint)) {
            for (const pin of byFile.get(path) ?? [])
                step.push({ pin, constraint: constraint || pin.requirement.constraint });
        }
    }
    return [...byInstall.entries()].sort(([a], [b]) => a - b).map(([, step]) => step);
}
/** A file and those its `-r`/`-c` lines include, each once, with whether it is read as constraints. */
function fileClosure(context, root, constraint) {
    const seen = new Map([[root, constraint]]);
    const queue = [root];
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
        const asConstraint = seen.get(path);
        for (const include of context.files.get(path)?.includes ?? []) {
            if (seen.has(include.path))
                continue;
            seen.set(include.path, asConstraint || include.constraint);
            queue.push(include.path);
        }
    }
    return [...seen.entries()].map(([path, isConstraint]) => ({ path, constraint: isConstraint }));
}

// EXTERNAL MODULE: ./lib/src/check/resolve-verdict.js + 3 modules
var resolve_verdict = __webpack_require__(4851);
// EXTERNAL MODULE: ./lib/src/check/rules/remote-file-conflict.js
var remote_file_conflict = __webpack_require__(9777);
;// CONCATENATED MODULE: ./lib/src/check/index.js
// The check stage: facts (a ParseResult) and a matrix in, findings out. Pure: no file system, no
// network, no @actions. Each rule family lives in its own file; this one picks the profile, runs
// them all set by set, and applies what every finding goes through (suppressions, de-duplication,
// order).



























/** Built-in rule ids; the matrix's `rules:` add their own. */
const RULES = [
    pin_outside_profile_RULE,
    range_wider_than_profile_RULE,
    unpinned_RULE,
    python_outside_profile_RULE,
    cuda_outside_profile_RULE,
    ...TORCH_RULES,
    ...CUDA_RULES,
    ...DUPLICATE_RULES,
    shell_redirect_in_requirement/* RULE */.x,
    remote_file_conflict/* RULE */.x,
    ...index_rules/* INDEX_RULES */.H,
    ...resolve_verdict/* RESOLVE_RULES */.nw,
    ...variants/* VARIANT_RULES */.el,
    parse_error_RULE,
    unknown_rule_id_RULE,
];
function runChecks(parse, bundledAndRepository, options) {
    const matrix = options.driver === undefined
        ? bundledAndRepository
        : { ...bundledAndRepository, driver: { version: options.driver, origin: { file: options.driverNamedBy ?? '--driver', line: 0 } } };
    // Shared so that each distinct specifier text is parsed once in the whole run.
    const specifiers = new check_versions/* Specifiers */.sZ();
    const selection = options.sameProfileAs === undefined
        ? selectProfile(parse, matrix, options.profile, options.profileNamedBy, specifiers)
        : options.sameProfileAs === null
            ? { ok: true, profile: null, choice: null }
            : { ...selectProfile(parse, matrix, options.sameProfileAs.name, undefined, specifiers), choice: options.sameProfileAs };
    if (!selection.ok)
        return selection;
    const context = (0,check_context/* buildContext */.gC)(parse, matrix, selection.profile, specifiers);
    // One list per family, joined in this order: de-duplication keeps the first of equal findings.
    const profile = [];
    const rules = [];
    const torch = [];
    const cuda = [];
    const duplicates = [];
    const cap = new FindingCap();
    const toProfile = cap.into(profile);
    const toRules = cap.into(rules);
    const toTorch = cap.into(torch);
    const toCuda = cap.into(cuda);
    const toDuplicates = cap.into(duplicates);
    checkCudaImages(context, toCuda);
    const indexPlans = [];
    const resolveJobs = [];
    const unknownIndexFiles = options.indexPlan ? (0,index_plan/* filesWithUnknownIndexes */.Gx)(parse.diagnostics, options.indexPlan.configuredFiles) : null;
    for (const set of parse.installSets) {
        const view = new check_context/* SetView */.yF(set, context);
        checkProfilePackages(context, view, toProfile);
        python_outside_profile_check(context, view, toProfile);
        cuda_outside_profile_check(context, view, toProfile);
        checkMatrixRulesSet(context, view, toRules);
        checkTorchSet(context, view, toTorch);
        checkCudaSet(context, view, toCuda);
        checkDuplicatesSet(context, view, toDuplicates);
        if (options.indexPlan && unknownIndexFiles) {
            const plan = (0,index_plan/* planIndexSet */.kq)(context, view, options.indexPlan, unknownIndexFiles);
            indexPlans.push(plan);
            const job = options.resolvePlan ? planResolve(context, view, plan) : null;
            if (job)
                resolveJobs.push(job);
        }
    }
    const unknownIds = checkUnknownRuleIds(parse.files, matrix, [...RULES, ...runtime_rules/* RUNTIME_RULES */.F]);
    const findings = [...profile, ...rules, ...torch, ...cuda, ...duplicates, ...cap.summaries(), ...unknownIds];
    const kept = (0,suppress/* applySuppressions */.p)((0,finding_builder/* dedupeFindings */._4)(findings), parse.files, matrix.ignore);
    const outcome = { ok: true, findings: kept.sort(finding_builder/* compareFindings */.Eg), profile: selection.choice };
    if (options.indexPlan)
        outcome.indexPlans = indexPlans;
    if (options.resolvePlan)
        outcome.resolveJobs = resolveJobs;
    return outcome;
}


/***/ }),

/***/ 9770:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ answerOnce)
/* harmony export */ });
// A question about two things, answered once per pair for the whole check.
/** The answer stored under (`first`, `second`), computed by `answer` the first time it is asked. */
function answerOnce(cache, first, second, answer) {
    let answers = cache.get(first);
    if (!answers) {
        answers = new Map();
        cache.set(first, answers);
    }
    let known = answers.get(second);
    if (known === undefined) {
        known = answer();
        answers.set(second, known);
    }
    return known;
}


/***/ }),

/***/ 4851:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  nw: () => (/* binding */ RESOLVE_RULES),
  _J: () => (/* binding */ checkResolutions),
  Ex: () => (/* binding */ markResolved),
  n8: () => (/* binding */ pinsToRecheck),
  Mf: () => (/* binding */ resolvedParse),
  BE: () => (/* binding */ resolvedPins)
});

// NAMESPACE OBJECT: ./lib/src/check/rules/resolution-impossible.js
var resolution_impossible_namespaceObject = {};
__webpack_require__.r(resolution_impossible_namespaceObject);
__webpack_require__.d(resolution_impossible_namespaceObject, {
  RULE: () => (RULE),
  check: () => (check)
});

// NAMESPACE OBJECT: ./lib/src/check/rules/resolution-needs-sdist.js
var resolution_needs_sdist_namespaceObject = {};
__webpack_require__.r(resolution_needs_sdist_namespaceObject);
__webpack_require__.d(resolution_needs_sdist_namespaceObject, {
  RULE: () => (resolution_needs_sdist_RULE),
  check: () => (resolution_needs_sdist_check)
});

// EXTERNAL MODULE: ./lib/src/model.js
var model = __webpack_require__(4887);
// EXTERNAL MODULE: ./lib/src/check/finding-builder.js
var finding_builder = __webpack_require__(8266);
;// CONCATENATED MODULE: ./lib/src/check/pip-output.js
// What pip's resolver printed, read back (pure): the "Cannot install ... because" sentence, the
// "The conflict is caused by:" lines, the releases it found none of, and the files it skipped because
// they are sources only. pip 22.2 to 26 word these the same way.

/** pip's own lines under "The conflict is caused by:", trimmed. */
function conflictCauses(output) {
    const lines = output.split('\n');
    const start = lines.findIndex((line) => line.trim() === 'The conflict is caused by:');
    if (start < 0)
        return [];
    const causes = [];
    for (const line of lines.slice(start + 1)) {
        if (!/^\s+\S/.test(line))
            break;
        causes.push(line.trim());
    }
    return causes;
}
/** The step's lines pip names as the sides of a conflict: in "Cannot install A and B", and in its causes. */
function conflictSides(output, step) {
    const sides = [];
    const add = (line) => {
        if (line && !sides.includes(line))
            sides.push(line);
    };
    const cannot = /Cannot install (.+?) because these package versions have conflicting dependencies/.exec(output)?.[1] ?? '';
    for (const item of cannot.split(/, | and /)) {
        // `-r /tmp/.../requirements.txt (line 2)`: the line of the file written for pip.
        const fromFile = /^-(r|c) .* \(line (\d+)\)$/.exec(item.trim());
        if (fromFile)
            add((fromFile[1] === 'c' ? step.constraints : step.requirements)[Number(fromFile[2]) - 1]);
        else
            add(lineNamed(step.requirements, item));
    }
    for (const cause of conflictCauses(output)) {
        const requested = /^The user requested (\(constraint\) )?(.+)$/.exec(cause);
        if (requested)
            add(lineNamed(requested[1] ? step.constraints : step.requirements, requested[2]));
        const depends = /^(\S+) \S+ depends on /.exec(cause);
        if (depends)
            add(lineNamed(step.requirements, depends[1]));
    }
    return sides;
}
/** The requirements pip found no release of: `[requirement, pip's "Could not find" line]`. */
function notFound(output) {
    const found = [];
    for (const match of output.matchAll(/No matching distribution found for (\S+)/g)) {
        const requirement = match[1];
        const key = keyOf(requirement);
        if (key === null || found.some((known) => known.key === key))
            continue;
        const words = output
            .split('\n')
            .map((line) => line.replace(/^ERROR: /, '').trim())
            .find((line) => line.startsWith(`Could not find a version that satisfies the requirement ${requirement}`)) ??
            `No matching distribution found for ${requirement}`;
        found.push({ requirement, key, words });
    }
    return found;
}
/** The source distributions pip skipped for the project under `--only-binary` (its debug log's "No sources permitted"). */
function sourcesOnly(output, key) {
    const files = [];
    for (const match of output.matchAll(/No sources permitted for (\S+): (\S+)/g)) {
        if (keyOf(match[1]) === key)
            files.push(match[2].split('/').at(-1) ?? match[2]);
    }
    return files;
}
/** The line of the project a requirement string names. */
function lineNamed(lines, requirement) {
    const key = keyOf(requirement);
    return key === null ? undefined : lines.find((line) => line.key === key);
}
function keyOf(requirement) {
    const name = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/.exec(requirement.trim())?.[0];
    return name ? (0,model/* canonicalName */.Ew)(name) : null;
}

;// CONCATENATED MODULE: ./lib/src/check/rules/resolution-impossible.js
// resolution-impossible: pip's own resolver, run for the set's target before the build, cannot
// install the set: its requirements and constraints conflict (transitively too), or a requirement
// has no release at all for the target. The finding quotes pip and sits on each side it names.

const RULE = {
    id: 'resolution-impossible',
    severity: 'error',
    summary: "pip's resolver, run for the install set's Python and platform, cannot install the set (pip's words quoted)",
};
function check(set, emit) {
    const { job } = set;
    // A target the set does not name is assumed: what pip does there is likely, not certain.
    const severity = job.assumed ? 'warning' : RULE.severity;
    const assumed = job.assumed ? ` (${job.assumed})` : '';
    for (const { step, result } of set.steps) {
        if (result.status !== 'failed')
            continue;
        const causes = conflictCauses(result.output);
        if (causes.length > 0) {
            const sides = conflictSides(result.output, step);
            const quoted = `"The conflict is caused by: ${causes.join('; ')}"`;
            for (const side of sides) {
                emit({
                    rule: RULE.id,
                    severity,
                    at: side.at,
                    package: side.key,
                    message: `pip ${set.pip} cannot install this set for ${job.target}${assumed}: ${quoted}. Change one side's pin so that both can hold (pip names ${sides.map((other) => other.shown).join(', ')}).`,
                    related: sides.filter((other) => other !== side).map((other) => ({ ...other.at, message: other.shown })),
                });
            }
            continue;
        }
        for (const missing of notFound(result.output)) {
            // A release that only has sources is the other rule's: pip would build it, not fail.
            if (sourcesOnly(result.output, missing.key).length > 0 || job.unprovable)
                continue;
            const line = lineNamed(step.requirements, missing.requirement) ?? step.requirements[0];
            if (!line)
                continue;
            const pulled = line.key === missing.key ? '' : ` (pulled in by this set's requirements; pip names ${missing.requirement})`;
            emit({
                rule: RULE.id,
                severity,
                at: line.at,
                package: line.key,
                message: `pip ${set.pip} finds nothing to install for ${missing.requirement} on ${job.target}${assumed}${pulled}: "${missing.words}". Pin a release that publishes a wheel for this Python and platform, or change the Python.`,
            });
        }
    }
}

;// CONCATENATED MODULE: ./lib/src/check/rules/resolution-needs-sdist.js
// resolution-needs-sdist: pip's resolver, run wheels-only for the set's target, stops at a package
// whose only fitting files are source distributions. The build would compile it (running its build
// backend); the check runs none, so it says so and resolves the set no further.

const resolution_needs_sdist_RULE = {
    id: 'resolution-needs-sdist',
    severity: 'notice',
    summary: "pip would build a package of the install set from its sdist (no wheel for the set's Python and platform); not built, so the set is not resolved further",
};
function resolution_needs_sdist_check(set, emit) {
    const { job } = set;
    for (const { step, result } of set.steps) {
        if (result.status !== 'failed')
            continue;
        for (const missing of notFound(result.output)) {
            const files = sourcesOnly(result.output, missing.key);
            if (files.length === 0)
                continue;
            const line = lineNamed(step.requirements, missing.requirement) ?? step.requirements[0];
            if (!line)
                continue;
            const pulled = line.key === missing.key ? '' : ` (which this set's requirements pull in)`;
            emit({
                rule: resolution_needs_sdist_RULE.id,
                severity: resolution_needs_sdist_RULE.severity,
                at: line.at,
                package: line.key,
                message: `${missing.requirement}${pulled} has no wheel for ${job.target}, only sources (${files.slice(0, 2).join(', ')}): the build compiles it (a compiler and headers in the image). compat-guard builds nothing, so the rest of this set is not resolved.`,
            });
        }
    }
}

// EXTERNAL MODULE: ./lib/src/check/suppress.js
var suppress = __webpack_require__(4818);
;// CONCATENATED MODULE: ./lib/src/check/resolve-verdict.js
// pip's verdict on each install set, mapped back to its lines (pure). A set pip cannot install gets
// the resolver rules' findings (src/check/rules/resolution-*.ts); a set it resolves gets its resolved
// versions as facts: the set is checked again with each resolved package pinned where it is written
// (or, when only pulled in, where the requirement that pulls it in is written), and what that check
// finds on those lines is reported, marked as resolved.





const RULES = [resolution_impossible_namespaceObject, resolution_needs_sdist_namespaceObject];
const RESOLVE_RULES = RULES.map((rule) => rule.RULE);
function checkResolutions(sets, files, matrix) {
    const findings = [];
    const emit = (draft) => findings.push((0,finding_builder/* makeFinding */.MH)(draft));
    for (const set of sets)
        for (const rule of RULES)
            rule.check(set, emit);
    return (0,suppress/* applySuppressions */.p)((0,finding_builder/* dedupeFindings */._4)(findings), files, matrix.ignore).sort(finding_builder/* compareFindings */.Eg);
}
/**
 * What the set installs in the end, when pip resolved every step; null otherwise. A later step that
 * names a package again replaces it (pip reinstalls what the command line asks for); one that only
 * pulls it in keeps what an earlier step installed (pip keeps an installed package that satisfies).
 */
function resolvedPins(set) {
    const pins = new Map();
    for (const { step, result } of set.steps) {
        if (result.status !== 'resolved')
            return null;
        const anchors = anchorsOf(step, result.installs);
        for (const install of result.installs) {
            const anchor = anchors.get(install.key);
            if (!anchor || (pins.has(install.key) && !install.requested))
                continue;
            pins.set(install.key, { key: install.key, version: install.version, line: anchor, written: anchor.key === install.key });
        }
    }
    return [...pins.values()];
}
/** For each installed package, its own written line, else the first written requirement that pulls it in. */
function anchorsOf(step, installs) {
    const requires = new Map(installs.map((install) => [install.key, install.requiresDist.map(requirementKey).filter((key) => key !== null)]));
    const anchors = new Map();
    const queue = [];
    for (const line of step.requirements) {
        if (anchors.has(line.key) || !requires.has(line.key))
            continue;
        anchors.set(line.key, line);
        queue.push(line.key);
    }
    for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
        for (const needed of requires.get(key) ?? []) {
            if (anchors.has(needed) || !requires.has(needed))
                continue;
            anchors.set(needed, anchors.get(key));
            queue.push(needed);
        }
    }
    return anchors;
}
function requirementKey(text) {
    const name = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/.exec(text)?.[1];
    return name ? (0,model/* canonicalName */.Ew)(name) : null;
}
/** The pins whose resolved version says more than what is written (not an exact pin of that very version). */
function pinsToRecheck(pins) {
    return pins.filter((pin) => !pin.written || pin.line.specifier !== `==${pin.version}`);
}
/**
 * The set alone, its files as written but with each resolved package pinned to the version pip
 * resolves: `numpy` becomes `numpy==2.0.0` on its line; a package only pulled in is added, pinned, on
 * the line of what pulls it in.
 */
function resolvedParse(parse, set, pins) {
    const files = parse.files
        .filter((file) => set.files.includes(file.path))
        .map((file) => {
        const requirements = [];
        for (const requirement of file.requirements) {
            const own = pins.find((pin) => pin.written && at(pin, file.path, requirement) && pin.key === requirement.key);
            requirements.push(own && !requirement.constraint ? { ...requirement, specifier: `==${own.version}` } : requirement);
            for (const pulled of pins) {
                if (pulled.written || !at(pulled, file.path, requirement) || requirement.key !== pulled.line.key)
                    continue;
                requirements.push({
                    ...requirement,
                    name: pulled.key,
                    key: pulled.key,
                    extras: [],
                    specifier: `==${pulled.version}`,
                    marker: null,
                    url: null,
                    editable: false,
                    constraint: false,
                });
            }
        }
        return { ...file, requirements };
    });
    return { files, installSets: [set], diagnostics: [] };
}
function at(pin, file, requirement) {
    const { span } = pin.line.at;
    return pin.line.at.file === file && span.line === requirement.line && span.column === requirement.column;
}
/**
 * The findings of the resolved check that rest on a resolved version, each saying so: what is
 * written, what pip resolves it to today, for which target. A package the set only pulls in, or a
 * target the set does not name, makes it a warning at most: today's index and the other packages'
 * metadata decide that version, not the set.
 */
function markResolved(findings, pins, job, statics) {
    const marked = [];
    for (const finding of findings) {
        const pin = pins.find((candidate) => candidate.key === finding.package && candidate.line.at.file === finding.file && candidate.line.at.span.line === finding.line);
        if (!pin ||
            statics.some((known) => known.rule === finding.rule && known.line === finding.line && known.file === finding.file && known.message === finding.message))
            continue;
        const what = pin.written
            ? `${pin.line.shown} ${pin.line.specifier === '' ? 'is unpinned' : 'admits more than one release'}; pip resolves it to ${pin.version} today`
            : `${pin.line.shown} pulls in ${pin.key}, which pip resolves to ${pin.version} today`;
        const severity = (!pin.written || job.assumed) && (0,model/* severityRank */.qs)(finding.severity) > (0,model/* severityRank */.qs)('warning') ? 'warning' : finding.severity;
        const assumed = job.assumed ? `; ${job.assumed}` : '';
        marked.push({ ...finding, severity, message: `Resolved: ${what} for ${job.target}${assumed}. ${finding.message}` });
    }
    return marked;
}


/***/ }),

/***/ 7635:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ notCheckedFinding),
/* harmony export */   x: () => (/* binding */ RULE)
/* harmony export */ });
// build-args-not-checked: build arguments found for a Dockerfile that were not checked, past the
// variant limit (src/check/variants.ts) or in a build definition that could not be read
// (src/build-variants.ts, which reads them).
const RULE = {
    id: 'build-args-not-checked',
    severity: 'notice',
    summary: 'build arguments found for a Dockerfile that were not checked (past the variant limit, or in a build definition that could not be read)',
};
/** The notice, on a line of the Dockerfile or of the build definition. */
function notCheckedFinding(file, line, message) {
    return {
        rule: RULE.id,
        severity: RULE.severity,
        message,
        file,
        line,
        column: null,
        endLine: line,
        endColumn: null,
        package: null,
    };
}


/***/ }),

/***/ 9777:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W: () => (/* binding */ checkRemoteFiles),
/* harmony export */   x: () => (/* binding */ RULE)
/* harmony export */ });
/* harmony import */ var _pep440_ranges_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2964);
/* harmony import */ var _pep440_specifier_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(720);
/* harmony import */ var _finding_builder_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8266);
// remote-file-conflict: a pin of an install set that a file it names by URL (`-c URL`, `-r URL`)
// excludes. pip reads that file with the set, so no version satisfies both and it stops with
// ResolutionImpossible. The URL's lines cannot be annotated: the finding sits on the repository's
// pin, quoting the remote line and naming the URL and its line, with the `-c`/`-r` line related.
// Pure: the shell (src/index/remote-files.ts) fetches and reads the files.



const RULE = {
    id: 'remote-file-conflict',
    severity: 'error',
    summary: 'a pin that a constraints or requirements file named by URL (-c/-r URL) excludes',
};
/** A requirement both sides can be compared on: a version specifier, no URL, no marker (whether it holds is not known here). */
function comparable(requirement) {
    if (requirement.specifier === '' || requirement.url !== null || requirement.editable || requirement.marker !== null)
        return null;
    const parsed = (0,_pep440_specifier_js__WEBPACK_IMPORTED_MODULE_1__/* .parseSpecifierSet */ .m0)(requirement.specifier);
    return parsed.ok ? parsed.set : null;
}
/** The set's facts of `file`: every one, or in the set's own Dockerfile only those of its stages. */
function inSet(set, file, facts) {
    const stages = file.path === set.file && set.stages ? new Set(set.stages) : null;
    return facts.filter((fact) => stages === null || fact.stage == null || stages.has(fact.stage));
}
function checkRemoteFiles(parse, fetched) {
    const files = new Map(parse.files.map((file) => [file.path, file]));
    const findings = [];
    // A file in two sets, with the same remote file, would give the same finding twice.
    const seen = new Set();
    for (const set of parse.installSets) {
        const members = set.files.flatMap((path) => files.get(path) ?? []);
        const includes = members.flatMap((file) => inSet(set, file, file.remoteIncludes ?? []).map((include) => ({ include, file: file.path })));
        if (includes.length === 0)
            continue;
        const pins = members.flatMap((file) => inSet(set, file, file.requirements).map((requirement) => ({ requirement, file: file.path })));
        for (const { include, file: includedFrom } of includes) {
            const remote = fetched.get(include.url);
            if (remote === undefined)
                continue;
            const remoteByKey = new Map();
            for (const line of remote.requirements)
                remoteByKey.set(line.key, [...(remoteByKey.get(line.key) ?? []), line]);
            for (const pin of pins) {
                const mine = remoteByKey.get(pin.requirement.key) ? comparable(pin.requirement) : null;
                if (mine === null)
                    continue;
                for (const line of remoteByKey.get(pin.requirement.key) ?? []) {
                    const theirs = comparable(line);
                    if (theirs === null || (0,_pep440_ranges_js__WEBPACK_IMPORTED_MODULE_0__/* .intersects */ .HY)(mine, theirs))
                        continue;
                    const key = `${pin.file}:${pin.requirement.line}:${pin.requirement.column}|${include.url}:${line.line}`;
                    if (seen.has(key))
                        continue;
                    seen.add(key);
                    findings.push(conflict(pin.requirement, pin.file, line, include, includedFrom));
                }
            }
        }
    }
    return findings;
}
function conflict(pin, file, line, include, includedFrom) {
    const flag = include.constraint ? '-c' : '-r';
    const theirs = (0,_finding_builder_js__WEBPACK_IMPORTED_MODULE_2__/* .requirementText */ .Pg)(line);
    const where = `${include.url}:${line.line}`;
    const what = include.constraint ? 'constraints' : 'requirements';
    return {
        rule: RULE.id,
        severity: RULE.severity,
        message: `${(0,_finding_builder_js__WEBPACK_IMPORTED_MODULE_2__/* .requirementText */ .Pg)(pin)} is excluded by ${theirs} at ${where} (the ${what} file named by ${flag} at ${includedFrom}:${include.line}): ` +
            `no version satisfies both, so pip stops with ResolutionImpossible. Pin ${theirs}, or use ${what} that allow ${(0,_finding_builder_js__WEBPACK_IMPORTED_MODULE_2__/* .requirementText */ .Pg)(pin)}.`,
        file,
        line: pin.line,
        column: pin.column,
        endLine: pin.endLine,
        endColumn: pin.endColumn,
        package: pin.key,
        expected: line.specifier,
        actual: pin.specifier,
        fix: theirs,
        related: [
            {
                file: includedFrom,
                line: include.line,
                ...(include.column === undefined ? {} : { column: include.column }),
                message: `${flag} ${include.url}`,
            },
        ],
        source: include.url,
    };
}


/***/ }),

/***/ 3480:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ redirectMessage),
/* harmony export */   x: () => (/* binding */ RULE)
/* harmony export */ });
// shell-redirect-in-requirement: `pip install numba>=0.57.1` in a RUN line: /bin/sh reads the
// unquoted `>` as a redirection, so pip installs any numba and the shell writes pip's output to a file
// named `=0.57.1`. Found by the RUN reader (src/parse/dockerfile-run.ts), which sees the shell's
// tokens; the bound is dropped from what is checked, as the shell drops it from what pip installs.
const RULE = {
    id: 'shell-redirect-in-requirement',
    severity: 'warning',
    summary: 'an unquoted `>` or `<` in a `pip install` argument of a RUN line, which the shell reads as a redirection',
};
/**
 * The message for `written` (`numba`), whose bound `operator` + `target` (`>`, `=0.57.1`) the shell
 * took as a redirection; `fix` is the argument quoted.
 */
function redirectMessage(written, operator, target, fix) {
    const effect = operator.startsWith('<')
        ? `reads pip's input from a file named ${target} (the command fails where there is none)`
        : `writes pip's output to a file named ${target}`;
    return `pip install ${written}${operator}${target}: the shell reads the unquoted ${operator} as a redirection, so pip installs ${written} with no bound and the shell ${effect}. Quote the argument: ${fix}`;
}


/***/ }),

/***/ 4818:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ applySuppressions)
/* harmony export */ });
/* harmony import */ var _parse_glob_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4966);
// What the user chose not to hear: `# compat-guard: ignore[rule-id]` on a line, and the matrix's
// `ignore:` entries (a rule id or `*`, optionally limited to path globs).

const EVERY_RULE = '*';
function applySuppressions(findings, files, ignore) {
    const silencedByFile = new Map();
    for (const file of files) {
        if (file.suppressions.length > 0)
            silencedByFile.set(file.path, new Map(file.suppressions.map((entry) => [entry.line, entry.rules])));
    }
    return findings.filter((finding) => !silencedInline(finding, silencedByFile) && !ignore.some((entry) => ignores(entry, finding)));
}
/** A requirement continued over several lines may carry its comment on any of them. */
function silencedInline(finding, silencedByFile) {
    if (finding.file === null || finding.line === null)
        return false;
    const byLine = silencedByFile.get(finding.file);
    if (!byLine)
        return false;
    const last = Math.max(finding.line, finding.endLine ?? finding.line);
    for (let line = finding.line; line <= last; line++) {
        const rules = byLine.get(line);
        if (rules && (rules.includes(finding.rule) || rules.includes(EVERY_RULE)))
            return true;
    }
    return false;
}
function ignores(entry, finding) {
    if (entry.rule !== EVERY_RULE && entry.rule !== finding.rule)
        return false;
    if (!entry.paths)
        return true;
    const file = finding.file;
    return file !== null && entry.paths.some((glob) => matchesPathOrFolder(file, glob));
}
/** `docs` and `docs/**` both cover everything under docs/. */
function matchesPathOrFolder(path, glob) {
    if ((0,_parse_glob_js__WEBPACK_IMPORTED_MODULE_0__/* .matchesGlob */ .kt)(path, glob))
        return true;
    for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) {
        if ((0,_parse_glob_js__WEBPACK_IMPORTED_MODULE_0__/* .matchesGlob */ .kt)(path.slice(0, slash), glob))
            return true;
    }
    return false;
}


/***/ }),

/***/ 4219:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IM: () => (/* binding */ variantsOf),
/* harmony export */   Wc: () => (/* binding */ variantFindings),
/* harmony export */   d$: () => (/* binding */ MAX_VARIANTS_PER_DOCKERFILE),
/* harmony export */   el: () => (/* binding */ VARIANT_RULES)
/* harmony export */ });
/* harmony import */ var _rules_build_args_not_checked_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7635);
// Build variants: a Dockerfile checked once per distinct set of build arguments its builds pass (the
// compose services, workflow matrix combinations, bake targets and scripts that build it). Pure: the
// builds come in as records, the findings of each variant's check come in as findings.
//
// What a variant adds is what its check finds and the check with the ARG defaults does not: each
// such finding names the variant, and its related locations are where the values were written, so
// that a pull request that changes a matrix line has the finding in its diff.

/** Variants checked per Dockerfile; the others are counted in one notice. */
const MAX_VARIANTS_PER_DOCKERFILE = 64;
/** Related locations one finding names at most (a finding of every variant could name every matrix line). */
const MAX_RELATED = 8;
const VARIANT_RULES = [_rules_build_args_not_checked_js__WEBPACK_IMPORTED_MODULE_0__/* .RULE */ .x];
/**
 * The distinct variants of one Dockerfile. Only the ARGs it declares count (a build argument nothing
 * declares changes nothing, BuildKit only warns); a build that passes none of them is the check with
 * the defaults, which runs anyway. A computed value (a secret, `$(date)`, a matrix from `fromJSON`)
 * makes its ARG unknown in the variant, as an ARG without a default is: what depends on it is not
 * checked, the rest is. A build that passes only computed values adds nothing to the defaults' check.
 */
function variantsOf(dockerfile, builds, declared) {
    const byKey = new Map();
    let left = 0;
    for (const build of builds) {
        if (build.dockerfile !== dockerfile)
            continue;
        const used = build.args.filter((arg) => declared.has(arg.name));
        if (used.every((arg) => arg.value === null))
            continue;
        const args = Object.fromEntries(used.map((arg) => [arg.name, arg.value]));
        const key = JSON.stringify(Object.entries(args).sort(([a], [b]) => (a < b ? -1 : 1)));
        if (byKey.has(key))
            continue;
        if (byKey.size >= MAX_VARIANTS_PER_DOCKERFILE) {
            left += 1;
            continue;
        }
        const known = used.filter((arg) => arg.value !== null);
        const computed = used.filter((arg) => arg.value === null).map((arg) => arg.name);
        const unchecked = computed.length === 0 ? '' : `, ${listed(computed)} computed when it runs, not checked`;
        const label = `with ${listed(known.map((arg) => `${arg.name}=${arg.value}`))} from ${build.source}${unchecked}`;
        // A finding of the variant comes from its known values: those are the places to change.
        byKey.set(key, { dockerfile, args, label, origins: known.flatMap((arg) => arg.origins) });
    }
    return { variants: [...byKey.values()], left };
}
/** `a`, `a and b`, `a, b and c`. */
function listed(items) {
    return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : items[0];
}
function findingKey(finding) {
    return `${finding.rule}\u0000${finding.file}\u0000${finding.line}\u0000${finding.column}\u0000${finding.message}`;
}
/**
 * The findings the variants add to the check with the defaults (`baseline`): each once, named by the
 * first variant that gives it (and how many others do), or, when every variant gives it, once for all.
 */
function variantFindings(baseline, runs) {
    const known = new Set(baseline.map(findingKey));
    const found = new Map();
    for (const { variant, findings } of runs) {
        for (const finding of findings) {
            const key = findingKey(finding);
            // Notices (a driver minimum, a value not checked) would repeat for every variant; the defaults' are enough.
            if (known.has(key) || finding.severity === 'notice')
                continue;
            const entry = found.get(key);
            if (entry === undefined)
                found.set(key, { finding, variants: [variant] });
            else if (!entry.variants.includes(variant))
                entry.variants.push(variant);
        }
    }
    const byDockerfile = new Map();
    for (const { variant } of runs)
        byDockerfile.set(variant.dockerfile, (byDockerfile.get(variant.dockerfile) ?? 0) + 1);
    return [...found.values()].map(({ finding, variants }) => {
        const first = variants[0];
        const all = variants.length > 1 && variants.length === byDockerfile.get(first.dockerfile);
        const others = variants.length - 1;
        const which = all
            ? `with the build arguments of each of the ${variants.length} builds found for ${first.dockerfile}`
            : `${first.label}${others > 0 ? `; also ${others} other build${others > 1 ? 's' : ''} of it` : ''}`;
        const origins = all ? variants.flatMap((variant) => variant.origins) : first.origins;
        // No `fix`: it would rewrite the Dockerfile's `${ARG}` words into one variant's literal; the value to change is at the origin.
        return { ...finding, message: `${finding.message} (${which})`, fix: null, related: relatedOf(finding.related ?? [], origins) };
    });
}
function relatedOf(own, origins) {
    const related = [...own];
    const seen = new Set(related.map((location) => `${location.file}:${location.line}`));
    for (const origin of origins) {
        const key = `${origin.file}:${origin.line}`;
        if (seen.has(key) || related.length >= own.length + MAX_RELATED)
            continue;
        seen.add(key);
        related.push({ file: origin.file, line: origin.line, message: 'build argument value' });
    }
    return related;
}


/***/ }),

/***/ 480:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AZ: () => (/* binding */ compareDotted),
/* harmony export */   DR: () => (/* binding */ releaseKey),
/* harmony export */   Hs: () => (/* binding */ minorOf),
/* harmony export */   Uj: () => (/* binding */ fit),
/* harmony export */   WJ: () => (/* binding */ localLabel),
/* harmony export */   bs: () => (/* binding */ namedRelease),
/* harmony export */   k3: () => (/* binding */ cudaLabel),
/* harmony export */   sZ: () => (/* binding */ Specifiers),
/* harmony export */   zL: () => (/* binding */ versionSpecifier)
/* harmony export */ });
/* harmony import */ var _pep440_specifier_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(720);
/* harmony import */ var _pep440_ranges_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2964);
/* harmony import */ var _pair_cache_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9770);
// Version questions every rule family asks, in PEP 440 set terms: does this pin fit that specifier,
// what release and minor is this version, what CUDA does a `+cu121` label name.



/**
 * Parses each distinct specifier text once, and answers each question about two of them once: a
 * check over 400,000 lines sees few distinct texts (the benchmark's 4,000 files, about 3,600).
 */
class Specifiers {
    maxParsed;
    parsed = new Map();
    overlaps = new Map();
    versions = new Map();
    /** `maxParsed`: past this many distinct texts the caches start over. */
    constructor(maxParsed = MAX_PARSED_SPECIFIERS) {
        this.maxParsed = maxParsed;
    }
    /** null when the text is not a PEP 440 specifier set (the reader or the loader has said so). */
    admits(text) {
        let entry = this.parsed.get(text);
        if (entry === undefined) {
            // Answers are only remembered, never needed: starting over costs time only where texts recur.
            if (this.parsed.size >= this.maxParsed) {
                this.parsed.clear();
                this.overlaps.clear();
            }
            const result = (0,_pep440_specifier_js__WEBPACK_IMPORTED_MODULE_0__/* .parseSpecifierSet */ .m0)(text);
            entry = result.ok ? { set: result.set, exact: (0,_pep440_ranges_js__WEBPACK_IMPORTED_MODULE_1__/* .exactPin */ .ns)(result.set) } : null;
            this.parsed.set(text, entry);
        }
        return entry;
    }
    /** Is there a version (pre-release or not) both admit? */
    overlap(a, b) {
        return (0,_pair_cache_js__WEBPACK_IMPORTED_MODULE_2__/* .answerOnce */ .U)(this.overlaps, a, b, () => (0,_pep440_ranges_js__WEBPACK_IMPORTED_MODULE_1__/* .intersects */ .HY)(a.set, b.set));
    }
    /** A version as written in a fact ("3.10", "12.1.1"): the whole minor when no patch is given. */
    version(version) {
        let entry = this.versions.get(version);
        if (entry === undefined) {
            entry = this.admits(versionSpecifier(version));
            this.versions.set(version, entry);
        }
        return entry;
    }
}
/**
 * Distinct specifier texts remembered at once. A parsed set costs about 600 bytes: a file pinning
 * one package a million different ways would otherwise hold 600 MB of them.
 */
const MAX_PARSED_SPECIFIERS = 65_536;
const DIGITS = /^\d+$/;
/**
 * "3.10" means any 3.10.x release (not 3.10's pre-releases, which no image or apt package ships);
 * "3.11.9" means exactly that.
 */
function versionSpecifier(version) {
    const parts = version.split('.');
    const last = parts.length - 1;
    if (parts.length >= 3 || !DIGITS.test(parts[last]))
        return `==${version}`;
    const next = [...parts.slice(0, last), String(Number(parts[last]) + 1)].join('.');
    return `>=${version},<${next}`;
}
/**
 * How a pin relates to an allowed set. An exact pin of a pre-release counts as what pip installs
 * (pip accepts a pre-release the user names); a local label (`+cu121`) matches `==2.1.2` as in pip.
 */
function fit(pin, allowed) {
    if (pin.exact)
        return (0,_pep440_specifier_js__WEBPACK_IMPORTED_MODULE_0__/* .contains */ .gR)(allowed, pin.exact, { prereleases: true }) ? 'inside' : 'outside';
    if (!(0,_pep440_ranges_js__WEBPACK_IMPORTED_MODULE_1__/* .intersects */ .HY)(pin.set, allowed))
        return 'outside';
    return (0,_pep440_ranges_js__WEBPACK_IMPORTED_MODULE_1__/* .isSubset */ .HS)(pin.set, allowed) ? 'inside' : 'wider';
}
/** The release numbers of a version without trailing zeros, so that `2.1` and `2.1.0` agree: "2.1.2". */
function releaseKey(version) {
    const release = version.release.map(String);
    while (release.length > 1 && release[release.length - 1] === '0')
        release.pop();
    return release.join('.');
}
/** "2.1.2" -> "2.1"; "3.10" -> "3.10"; null when there is no minor. */
function minorOf(version) {
    const parts = version.split('.');
    return parts.length >= 2 ? `${parts[0]}.${parts[1]}` : null;
}
/** The local label of a version (`cu121` of `2.1.2+cu121`), or null. */
function localLabel(version) {
    return version.local === null ? null : version.local.join('.');
}
/** "12.1" -> `cu121`. */
function cudaLabel(cuda) {
    return `cu${cuda.replace('.', '')}`;
}
/** Numeric comparison of dotted release strings ("3.9" < "3.10"). */
function compareDotted(a, b) {
    const left = a.split('.');
    const right = b.split('.');
    for (let index = 0; index < Math.max(left.length, right.length); index++) {
        const difference = Number(left[index] ?? 0) - Number(right[index] ?? 0);
        if (difference !== 0)
            return difference;
    }
    return 0;
}
/** The release a specifier names on its own (`==1.23.5`, `==3.10.*`), for suggesting a replacement. */
function namedRelease(specifier) {
    const match = NAMED_RELEASE.exec(specifier.trim());
    return match ? match[1] : null;
}
const NAMED_RELEASE = /^===?\s*(\d+(?:\.\d+)*)(?:\.\*)?$/;


/***/ }),

/***/ 780:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ childEnvironment)
/* harmony export */ });
// The environment of every child process (git, the runtime check's interpreter, docker): the parent's
// minus the workflow's credentials. The token must not reach a program the repository may influence
// (an interpreter importing its packages, git running its hooks or filters) nor anything it starts.
/** Variables that hold credentials of the workflow, by exact name. */
const SECRET_VARIABLES = new Set([
    'GITHUB_TOKEN',
    'ACTIONS_RUNTIME_TOKEN',
    'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
    'ACTIONS_ID_TOKEN_REQUEST_URL',
]);
const SECRET_WORDS = ['TOKEN', 'SECRET', 'PASSWORD'];
/**
 * The environment a child gets: the parent's minus the workflow's credentials, every action input
 * (`INPUT_*`, which carries the github-token input) and anything named like a secret.
 */
function childEnvironment(env) {
    const kept = {};
    for (const [name, value] of Object.entries(env)) {
        const upper = name.toUpperCase();
        if (value === undefined || SECRET_VARIABLES.has(upper) || upper.startsWith('INPUT_'))
            continue;
        if (SECRET_WORDS.some((word) => upper.includes(word)))
            continue;
        kept[name] = value;
    }
    return kept;
}


/***/ }),

/***/ 7643:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  main: () => (/* binding */ main)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:module"
var external_node_module_ = __webpack_require__(8995);
// EXTERNAL MODULE: ./lib/src/model.js
var model = __webpack_require__(4887);
// EXTERNAL MODULE: ./lib/src/parse/build-definitions/names.js
var names = __webpack_require__(2950);
// EXTERNAL MODULE: ./lib/src/parse/dockerfile-image.js
var dockerfile_image = __webpack_require__(2926);
// EXTERNAL MODULE: ./lib/src/parse/text.js
var parse_text = __webpack_require__(6723);
;// CONCATENATED MODULE: ./lib/src/parse/suppressions.js
// `# compat-guard: ignore[rule-a, rule-b]` silences those rules on one line. Written at the end of a
// line it covers that line; on a line of its own it covers the next line that is not blank or a
// comment (the only place a Dockerfile allows it inside a RUN continuation).

const MARKER = 'compat-guard:';
const DIRECTIVE = /#\s*compat-guard:\s*ignore\[([^\]]*)\]/;
/** The suppressions of a file's text. */
function scanSuppressions(text) {
    // Most files have none: one search instead of a pass over every line.
    return text.includes(MARKER) ? scanLines((0,parse_text/* splitLines */.uz)(text)) : [];
}
function scanLines(lines) {
    const found = [];
    let pending = null;
    for (let index = 0; index < lines.length; index++) {
        const text = lines[index];
        const trimmed = text.trimStart();
        const isComment = trimmed.startsWith('#');
        const match = text.includes(MARKER) ? DIRECTIVE.exec(text) : null;
        if (match) {
            const rules = match[1]
                .split(',')
                .map((rule) => rule.trim())
                .filter(Boolean);
            if (isComment)
                pending = [...(pending ?? []), ...rules];
            else
                found.push({ line: index + 1, rules });
            continue;
        }
        if (pending && trimmed !== '' && !isComment) {
            found.push({ line: index + 1, rules: pending });
            pending = null;
        }
    }
    return mergeByLine(found);
}
function mergeByLine(suppressions) {
    const byLine = new Map();
    for (const { line, rules } of suppressions) {
        const set = byLine.get(line) ?? new Set();
        for (const rule of rules)
            set.add(rule);
        byLine.set(line, set);
    }
    return [...byLine].sort((a, b) => a[0] - b[0]).map(([line, rules]) => ({ line, rules: [...rules] }));
}

// EXTERNAL MODULE: ./lib/src/parse/discover.js + 1 modules
var discover = __webpack_require__(6781);
;// CONCATENATED MODULE: ./lib/src/parse/readers.js
// The readers of the file kinds a repository may well not have (Dockerfiles, pyproject.toml, conda
// environment files), loaded for the kinds it has: each is a chunk of the bundle of its own, and
// loading them all was a sizeable part of a small check's start-up (the TOML parser alone is 70 KB).
// Requirements files are always read, and their reader is loaded with the rest of the code.
/** The readers of `kinds` (the kinds of the files to read; a file's includes are requirements files). */
async function loadReaders(kinds) {
    const wanted = new Set(kinds);
    const [dockerfile, pyproject, conda] = await Promise.all([
        wanted.has('dockerfile') ? __webpack_require__.e(/* import() */ 869).then(__webpack_require__.bind(__webpack_require__, 7869)) : null,
        wanted.has('pyproject') ? Promise.all(/* import() */[__webpack_require__.e(605), __webpack_require__.e(750)]).then(__webpack_require__.bind(__webpack_require__, 3750)) : null,
        wanted.has('conda') ? __webpack_require__.e(/* import() */ 213).then(__webpack_require__.bind(__webpack_require__, 6213)) : null,
    ]);
    return {
        ...(dockerfile ? { dockerfile: dockerfile.parseDockerfile } : {}),
        ...(pyproject ? { pyproject: pyproject.parsePyproject } : {}),
        ...(conda ? { conda: { isCondaEnvironment: conda.isCondaEnvironment, parseCondaEnvironment: conda.parseCondaEnvironment } } : {}),
    };
}

// EXTERNAL MODULE: external "node:path/posix"
var posix_ = __webpack_require__(3916);
// EXTERNAL MODULE: ./lib/src/child-environment.js
var child_environment = __webpack_require__(780);
;// CONCATENATED MODULE: ./lib/src/github/git.js
// git in the workspace, as a child process with an argument array (never a shell string), bounded in
// time and output, never prompting for credentials, and without the token: a fetch authenticates with
// what actions/checkout left in the repository's configuration, not with the action's inputs.




const TIMEOUT_MS = 120_000;
const MAX_OUTPUT_BYTES = 512 * 1024 * 1024;
function gitEnvironment() {
    return { ...(0,child_environment/* childEnvironment */.Q)(process.env), GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };
}
/**
 * node:child_process, loaded on first use rather than with this module: a check outside any git
 * checkout (the CLI on a plain folder) starts no git, and loading the module is part of a small
 * check's start-up.
 */
function childProcess() {
    return (0,external_node_module_.createRequire)(import.meta.url)('node:child_process');
}
function runGit(args, cwd) {
    return new Promise((resolve) => {
        childProcess().execFile('git', args, {
            cwd,
            encoding: 'utf8',
            timeout: TIMEOUT_MS,
            maxBuffer: MAX_OUTPUT_BYTES,
            env: gitEnvironment(),
            windowsHide: true,
        }, (error, stdout, stderr) => {
            if (!error) {
                resolve({ ok: true, stdout, error: '' });
                return;
            }
            const said = stderr
                .split('\n')
                .find((line) => line.trim() !== '')
                ?.trim();
            resolve({ ok: false, stdout, error: said ?? error.message.split('\n')[0] ?? 'git failed' });
        });
    });
}
/**
 * The files git tracks below `root`, relative to it with `/`, or null where git cannot tell (no git,
 * not a checkout, a checkout git refuses as unsafe). `core.fsmonitor` is switched off: a configured
 * monitor is a program git would start.
 */
function trackedFiles(root) {
    if (!gitMayFindRepository(root))
        return null;
    let stdout;
    try {
        stdout = childProcess().execFileSync('git', ['-c', 'core.fsmonitor=false', 'ls-files', '-z', '--cached', '--', '.'], {
            cwd: root,
            encoding: 'utf8',
            timeout: TIMEOUT_MS,
            maxBuffer: MAX_OUTPUT_BYTES,
            env: gitEnvironment(),
            stdio: ['ignore', 'pipe', 'ignore'],
            windowsHide: true,
        });
    }
    catch {
        return null;
    }
    return new Set(stdout.split('\0').filter((file) => file !== ''));
}
/**
 * Whether git run in `root` could find a repository: GIT_DIR names one, or a `.git` (a folder, or the
 * file of a worktree or submodule) is in `root` or a folder above it. Without either, git fails
 * ("not a git repository"), and asking it would only cost a process start.
 */
function gitMayFindRepository(root) {
    if (gitEnvironment().GIT_DIR !== undefined)
        return true;
    for (let folder = external_node_path_.resolve(root);; folder = external_node_path_.dirname(folder)) {
        if (external_node_fs_.existsSync(external_node_path_.join(folder, '.git')))
            return true;
        if (external_node_path_.dirname(folder) === folder)
            return false;
    }
}

// EXTERNAL MODULE: ./lib/src/parse/requirements/reader.js + 4 modules
var reader = __webpack_require__(6417);
;// CONCATENATED MODULE: ./lib/src/parse/repository.js
// A repository as one ParseResult: every discovered file read once, `-r`/`-c` includes and the files
// Dockerfiles `pip install -r` followed, and the install sets (which files pip installs together).







/** Reads the files under `root` that `targets` select (folders, files, globs; default: all). */
async function readRepository(root, targets = [], options = {}) {
    const discovered = discoverRepository(root, targets);
    options.discovered?.(discovered.files.length);
    const readers = await loadReaders(discovered.files.map((file) => file.kind));
    return readDiscovered(discovered, { ...options, readers });
}
function discoverRepository(root, targets) {
    const discovered = (0,discover/* discoverFiles */.ZO)(root, targets, trackedFiles(root));
    return { files: discovered.files, source: (0,discover/* createFileSource */.I8)(root, discovered.plainFiles), diagnostics: discovered.diagnostics };
}
/** Reads what discoverRepository found, with `options.readers` loaded for the kinds it found. */
function readDiscovered(discovered, options) {
    const result = parseRepository(discovered.files, discovered.source, options);
    result.diagnostics = [...discovered.diagnostics, ...result.diagnostics];
    return result;
}
/**
 * The environment pip would expand, minus anything secret-looking: an expanded `${GITHUB_TOKEN}` would
 * otherwise end up in reports and annotations.
 */
function expandableEnvironment(env) {
    const safe = {};
    for (const [name, value] of Object.entries(env)) {
        if (/TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|_KEY$|^INPUT_|^ACTIONS_/i.test(name))
            continue;
        safe[name] = value;
    }
    return safe;
}
/** The pure core of readRepository: everything comes through `source`. */
function parseRepository(discovered, fileSource, options = {}) {
    const reading = {
        env: options.env ?? {},
        readers: options.readers ?? {},
        buildArgs: options.buildArgs ?? new Map(),
        files: new Map(),
        stages: new Map(),
        diagnostics: [],
    };
    // A file can include another a hundred thousand times: the queue is read from its head (shift() on
    // a long queue made that quadratic), and each path is looked up on disk once.
    const source = rememberingIsFile(fileSource);
    const pending = [...discovered];
    for (let head = 0; head < pending.length; head++) {
        const next = pending[head];
        if (reading.files.has(next.path))
            continue;
        const parsed = readOne(next.path, next.kind, source, reading);
        if (!parsed)
            continue;
        if (parsed.kind === 'dockerfile') {
            parsed.includes = parsed.includes.flatMap((include) => resolveBuildContextPath(parsed.path, include, source, reading.diagnostics) ?? []);
        }
        for (const include of parsed.includes) {
            if (!reading.files.has(include.path) && source.isFile(include.path)) {
                pending.push({ path: include.path, kind: include.constraint ? 'constraints' : 'requirements' });
            }
            else if (!source.isFile(include.path)) {
                reading.diagnostics.push(unreadInclude(parsed.path, include, source));
            }
        }
    }
    const files = [...reading.files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    reportIncludeCycles(files, reading.files, reading.diagnostics);
    return { files, installSets: buildInstallSets(files, reading), diagnostics: reading.diagnostics };
}
function readOne(path, kind, source, reading) {
    const bytes = source.read(path);
    if (!bytes.ok) {
        reading.diagnostics.push({ file: path, line: 1, severity: 'error', message: `${path} ${bytes.message}` });
        return null;
    }
    const decoded = (0,parse_text/* decodeText */.g7)(bytes.bytes, kind);
    if (!decoded.ok) {
        reading.diagnostics.push({
            file: path,
            line: decoded.at?.line ?? 1,
            column: decoded.at?.column,
            severity: 'error',
            message: `${path}: ${decoded.message}`,
        });
        return null;
    }
    if (decoded.caveat) {
        const { severity, message, at } = decoded.caveat;
        reading.diagnostics.push({ file: path, line: at.line, column: at.column, severity, message: `${path}: ${message}` });
    }
    let parsed;
    if (kind === 'conda') {
        const conda = loaded(reading.readers.conda, kind);
        // `environment-gpu.yml` or `conda.yaml` without `dependencies:` is some other tool's file.
        if (!conda.isCondaEnvironment(decoded.text))
            return null;
        parsed = conda.parseCondaEnvironment(path, decoded.text, { env: reading.env });
    }
    else if (kind === 'dockerfile') {
        const buildArgs = reading.buildArgs.get(path);
        const contextFiles = (folder) => {
            for (const candidate of contextCandidates(path, folder)) {
                const names = source.list?.(candidate);
                if (names)
                    return names;
            }
            return [];
        };
        const dockerfile = loaded(reading.readers.dockerfile, kind)(path, decoded.text, buildArgs ? { buildArgs, contextFiles } : { contextFiles });
        reading.stages.set(path, dockerfile.stages);
        parsed = dockerfile;
    }
    else if (kind === 'pyproject') {
        parsed = loaded(reading.readers.pyproject, kind)(path, decoded.text);
    }
    else {
        parsed = (0,reader/* parseRequirementsFile */.w)(path, decoded.text, {
            constraint: kind === 'constraints',
            env: reading.env,
        });
    }
    parsed.file.suppressions = scanSuppressions(decoded.text);
    reading.files.set(path, parsed.file);
    // A loop, not push(...): a file can hold more diagnostics than a call has room for arguments.
    for (const diagnostic of parsed.diagnostics)
        reading.diagnostics.push(diagnostic);
    return parsed.file;
}
/** A reader the caller must have loaded (loadReaders) for the kinds of the files it reads. */
function loaded(reader, kind) {
    if (reader === undefined)
        throw new Error(`the ${kind} reader is not loaded: loadReaders must be given the kinds of the files read`);
    return reader;
}
/** `source`, answering isFile once per path. */
function rememberingIsFile(source) {
    const answers = new Map();
    return {
        read: (path) => source.read(path),
        leadsOutside: (path) => source.leadsOutside(path),
        list: (path) => source.list?.(path) ?? null,
        isFile: (path) => {
            let answer = answers.get(path);
            if (answer === undefined) {
                answer = source.isFile(path);
                answers.set(path, answer);
            }
            return answer;
        },
    };
}
/** Why an include is not read: it leads out of the repository through a symlink (`etc -> /etc`), or nothing is there. */
function unreadInclude(file, include, source) {
    const flag = include.constraint ? '-c' : '-r';
    return source.leadsOutside(include.path)
        ? {
            file,
            line: include.line,
            severity: 'error',
            message: `${flag} ${include.path} leads outside the repository through a symlink; not read`,
        }
        : { file, line: include.line, severity: 'warning', message: `${flag} ${include.path}: no such file in the repository; not checked` };
}
/**
 * A Dockerfile names files relative to its build context, which the repository does not record: the
 * Dockerfile's own folder is the usual context, the repository root the next most usual. An absolute
 * path the reader could not trace back through COPY is a file inside the image, not in the repository.
 */
function resolveBuildContextPath(dockerfile, include, source, diagnostics) {
    if (include.path.startsWith('/')) {
        diagnostics.push({
            file: dockerfile,
            line: include.line,
            severity: 'notice',
            message: `pip install -r ${include.path}: no COPY or mount brings this file from the build context; not checked`,
        });
        return null;
    }
    const candidates = contextCandidates(dockerfile, include.path);
    const found = candidates.find((candidate) => source.isFile(candidate));
    if (found !== undefined)
        return { ...include, path: found };
    const outside = candidates.find((candidate) => source.leadsOutside(candidate));
    const message = candidates.length === 0
        ? `pip install -r ${include.path} refers outside the repository; not read`
        : outside !== undefined
            ? `pip install -r ${include.path}: ${outside} leads outside the repository through a symlink; not read`
            : `pip install -r ${include.path}: not found in the build context (looked for ${candidates.join(' and ')}); not checked`;
    diagnostics.push({ file: dockerfile, line: include.line, severity: 'warning', message });
    return null;
}
/** Where a build-context path may be in the repository: from the Dockerfile's folder, then from the root. */
function contextCandidates(dockerfile, contextPath) {
    const written = contextPath.replace(/^\.\//, '');
    return [...new Set([posix_.normalize(posix_.join(posix_.dirname(dockerfile), written)), posix_.normalize(written)])].filter((candidate) => !candidate.startsWith('../') && candidate !== '..');
}
function reportIncludeCycles(files, byPath, diagnostics) {
    const state = new Map();
    const reported = new Set();
    for (const file of files) {
        if (file.kind === 'dockerfile' || state.has(file.path))
            continue;
        // Iterative depth-first search: include chains can be arbitrarily long.
        const stack = [{ path: file.path, next: 0 }];
        state.set(file.path, 'open');
        while (stack.length > 0) {
            const top = stack[stack.length - 1];
            const includes = byPath.get(top.path)?.includes ?? [];
            if (top.next >= includes.length) {
                state.set(top.path, 'done');
                stack.pop();
                continue;
            }
            const include = includes[top.next++];
            const seen = state.get(include.path);
            if (seen === 'open') {
                const chain = [...stack.slice(stack.findIndex((frame) => frame.path === include.path)).map((frame) => frame.path), include.path];
                const key = [...chain].sort().join('\n');
                if (!reported.has(key)) {
                    reported.add(key);
                    diagnostics.push({
                        file: top.path,
                        line: include.line,
                        severity: 'error',
                        message: `include cycle: ${chain.join(' -> ')} (pip would recurse without end)`,
                    });
                }
            }
            else if (seen === undefined && byPath.has(include.path)) {
                state.set(include.path, 'open');
                stack.push({ path: include.path, next: 0 });
            }
        }
    }
}
function buildInstallSets(files, reading) {
    const included = new Set();
    for (const file of files) {
        if (file.kind !== 'dockerfile')
            for (const include of file.includes)
                included.add(include.path);
    }
    // The files each root (a requirements file nothing includes) installs with it.
    const closures = new Map();
    const reached = new Set();
    for (const file of files) {
        // A file an environment's pip list installs is checked with the environment.
        if (file.kind === 'conda')
            for (const path of closure([file.path], reading.files))
                reached.add(path);
        if ((file.kind === 'requirements' || file.kind === 'constraints') && !included.has(file.path)) {
            const installed = closure([file.path], reading.files);
            closures.set(file.path, installed);
            for (const path of installed)
                reached.add(path);
        }
    }
    const sets = [];
    for (const file of files) {
        if (file.kind === 'requirements' || file.kind === 'constraints') {
            // Files that only a `-r` cycle includes are reached from no root, yet they are someone's
            // requirements: each such cycle is checked as one set, named by its first file.
            if (reached.has(file.path) && !closures.has(file.path))
                continue;
            const installed = closures.get(file.path) ?? closure([file.path], reading.files);
            for (const path of installed)
                reached.add(path);
            sets.push({ id: file.path, file: file.path, stages: null, files: installed });
        }
        else if (file.kind === 'pyproject') {
            sets.push({ id: file.path, file: file.path, stages: null, files: [file.path] });
        }
        else if (file.kind === 'conda') {
            // An environment is an install set of its own, with the files its pip list installs.
            sets.push({ id: file.path, file: file.path, stages: null, files: closure([file.path], reading.files) });
        }
        else {
            for (const set of dockerfileSets(file, reading))
                sets.push(set);
        }
    }
    return sets;
}
/**
 * Build stages of one Dockerfile checked as install sets. Each set holds its stage's whole FROM chain,
 * so that a file of thousands of stages each built FROM the one before cost the square of their
 * number (20,000 stages did not finish in minutes); real Dockerfiles have a handful.
 */
const MAX_CHECKED_STAGES = 100;
/**
 * One set per stage (the first MAX_CHECKED_STAGES): the stage and the stages it is built FROM, and
 * every file they pip-install.
 */
function dockerfileSets(file, reading) {
    const all = reading.stages.get(file.path) ?? [];
    const stages = all.length > MAX_CHECKED_STAGES ? all.slice(0, MAX_CHECKED_STAGES) : all;
    const firstUnchecked = all[MAX_CHECKED_STAGES];
    if (firstUnchecked) {
        reading.diagnostics.push({
            file: file.path,
            line: firstUnchecked.line,
            severity: 'warning',
            message: `${all.length} build stages: the first ${MAX_CHECKED_STAGES} are checked, each with the stages it is built FROM, and the others from here on are not (the files they pip install -r are still checked on their own)`,
        });
    }
    const byName = new Map(stages.map((stage) => [stage.name, stage]));
    return stages.map((stage) => {
        const chain = [];
        for (let current = stage; current && !chain.includes(current.name); current = current.parent ? byName.get(current.parent) : undefined) {
            chain.push(current.name);
        }
        const installed = file.includes
            .filter((include) => include.stage != null && chain.includes(include.stage))
            .map((include) => include.path);
        return {
            id: stages.length === 1 ? file.path : `${file.path}#${stage.name}`,
            file: file.path,
            stages: chain,
            files: [file.path, ...closure(installed, reading.files).filter((path) => path !== file.path)],
        };
    });
}
function closure(roots, byPath) {
    const seen = new Set();
    const queue = [...roots];
    for (let head = 0; head < queue.length; head++) {
        const path = queue[head];
        if (seen.has(path))
            continue;
        seen.add(path);
        for (const include of byPath.get(path)?.includes ?? [])
            if (!seen.has(include.path))
                queue.push(include.path);
    }
    return [...seen].filter((path) => byPath.has(path));
}

// EXTERNAL MODULE: ./lib/src/check/variants.js
var check_variants = __webpack_require__(4219);
// EXTERNAL MODULE: ./lib/src/check/rules/build-args-not-checked.js
var build_args_not_checked = __webpack_require__(7635);
;// CONCATENATED MODULE: ./lib/src/build-variants.js
// The shell side of build variants: find the repository's build definitions, and read each Dockerfile
// again once per distinct set of build arguments its builds pass. The check layer
// (src/check/variants.ts) decides what the variants add.










/**
 * `pulledImages`: read the images compose services pull too (when the whole repository is checked; a
 * check of chosen paths checks what they build, not compose files it was not pointed at).
 */
async function readBuildVariants(root, parse, options, pulledImages) {
    const read = { runs: [], pulled: null, notices: [] };
    const dockerfiles = parse.files.filter((file) => file.kind === 'dockerfile').map((file) => file.path);
    if (dockerfiles.length === 0 && !pulledImages)
        return read;
    const definitionFiles = (0,discover/* listFiles */.CS)(root, names/* isBuildDefinitionFile */.Af);
    if (dockerfiles.length === 0 && !definitionFiles.some(names/* isComposeFile */.Pv))
        return read;
    // Loaded only when there is a Dockerfile or a compose file: the readers bring the yaml package, a sizeable part of a small check's start-up.
    const { readBuildDefinitions } = await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(238)]).then(__webpack_require__.bind(__webpack_require__, 8238));
    const readers = await loadReaders(['dockerfile']);
    const source = (0,discover/* createFileSource */.I8)(root);
    const files = {
        read: (path) => {
            const bytes = source.read(path);
            if (!bytes.ok)
                return null;
            const decoded = (0,parse_text/* decodeText */.g7)(bytes.bytes);
            return decoded.ok ? decoded.text : null;
        },
        isFile: (path) => source.isFile(path),
    };
    const definitions = readBuildDefinitions(definitionFiles, files);
    if (pulledImages)
        read.pulled = pulledImageFiles(definitions.images, files);
    for (const note of definitions.notes)
        read.notices.push((0,build_args_not_checked/* notCheckedFinding */.I)(note.file, note.line, `${note.message}; the build arguments it may pass are not checked`));
    for (const dockerfile of dockerfiles) {
        const text = files.read(dockerfile);
        if (text === null)
            continue;
        const selection = (0,check_variants/* variantsOf */.IM)(dockerfile, definitions.builds, declaredArgNames(text));
        if (selection.left > 0) {
            read.notices.push((0,build_args_not_checked/* notCheckedFinding */.I)(dockerfile, 1, `${selection.left} more distinct sets of build arguments are passed to ${dockerfile} by the builds found for it; the first ${check_variants/* MAX_VARIANTS_PER_DOCKERFILE */.d$} are checked, these are not`));
        }
        for (const variant of selection.variants) {
            const buildArgs = new Map([[dockerfile, variant.args]]);
            read.runs.push({
                variant,
                parse: parseRepository([{ path: dockerfile, kind: 'dockerfile' }], source, { ...options, buildArgs, readers }),
            });
        }
    }
    return read;
}
function pulledImageFiles(images, files) {
    const byFile = new Map();
    for (const image of images) {
        const parsed = (0,dockerfile_image/* parseImageRef */.Q)(image.ref);
        if ((0,dockerfile_image/* invalidReference */.n3)(parsed) !== null)
            continue;
        let file = byFile.get(image.file);
        if (file === undefined) {
            // Read as a Dockerfile's images are, for the image checks only: it is never listed or installed.
            const suppressions = scanSuppressions(files.read(image.file) ?? '');
            file = { ...(0,model/* emptyFile */.sX)(image.file, 'dockerfile'), suppressions };
            byFile.set(image.file, file);
        }
        const position = { line: image.line, column: image.column, endColumn: image.endColumn };
        file.images.push({ ref: image.ref, ...parsed, stage: null, runtime: image.runtime, ...position });
        const cuda = (0,dockerfile_image/* cudaFromImage */.dJ)(parsed);
        if (cuda !== null)
            file.cuda.push({ version: cuda.version, ...position, source: image.ref, stage: null });
    }
    return byFile.size === 0 ? null : { files: [...byFile.values()], installSets: [], diagnostics: [] };
}
/** The names the Dockerfile's ARG instructions declare (a build argument nothing declares changes nothing). */
function declaredArgNames(text) {
    const names = new Set();
    for (const match of text.matchAll(/^[ \t]*ARG[ \t]+([^\r\n]*)/gim)) {
        for (const word of match[1].split(/\s+/)) {
            const name = word.split('=')[0];
            if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
                names.add(name);
        }
    }
    return names;
}

// EXTERNAL MODULE: ./lib/src/check/index.js + 32 modules
var check = __webpack_require__(4450);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
;// CONCATENATED MODULE: ./lib/src/matrix/bundled.js
// Reads the bundled matrix (the repository's matrix/ folder) from disk. The loader (load.ts) is pure;
// this is the shell side. The same code runs from lib/src/matrix/ (tests), dist/index.js (the
// action) and dist/cli/index.js (the CLI), so the folder is found by walking up from this module to
// the first folder that holds matrix/schema.json - the top of the action's checkout or the package.
//
// The hand-written parts (profiles.yml, rules.yml) come with their compiled form,
// matrix/compiled/<name>.json (scripts/generate-matrix.mjs writes it, CI checks it), which spares
// every run the YAML parser (why that is worth it: src/matrix/effective.ts); the loader uses it only
// while it matches the text.



/** Bundled files are shown with this prefix, so that they never read as a file of the checked repository. */
const BUNDLED_PREFIX = 'bundled:';
const SCHEMA_FILE = 'schema.json';
/** The parts written by hand, as YAML; the others are generated as JSON. */
const HAND_WRITTEN_PARTS = ['profiles.yml', 'rules.yml'];
/** The parts every check needs, in the order they are merged. */
const BUNDLED_PARTS = [...HAND_WRITTEN_PARTS, 'torch.yml', 'cuda-drivers.yml'];
/** 1,300+ nvidia/cuda tags: only needed when a Dockerfile uses an nvidia/cuda image. */
const CUDA_IMAGE_TAGS_PART = 'cuda-image-tags.yml';
let matrixDirectory = null;
/** The bundled matrix/ folder. Throws when compat-guard is installed without it. */
function bundledMatrixDirectory() {
    if (matrixDirectory !== null)
        return matrixDirectory;
    const start = (0,external_node_path_.dirname)((0,external_node_url_.fileURLToPath)(import.meta.url));
    for (let directory = start;; directory = (0,external_node_path_.dirname)(directory)) {
        const candidate = (0,external_node_path_.join)(directory, 'matrix');
        if ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(candidate, SCHEMA_FILE))) {
            matrixDirectory = candidate;
            return candidate;
        }
        if ((0,external_node_path_.dirname)(directory) === directory) {
            throw new Error(`compat-guard's bundled matrix (matrix/${SCHEMA_FILE}) was not found in ${start} or any folder above it`);
        }
    }
}
/**
 * The schema and the bundled matrix files, ready for loadMatrix. `file` is `bundled:matrix/<name>`.
 * `needCudaImageTags: false` skips the nvidia/cuda tag table (its facts are then empty).
 */
function readBundledMatrix(options = {}) {
    const directory = bundledMatrixDirectory();
    const parts = [SCHEMA_FILE, ...BUNDLED_PARTS, ...(options.needCudaImageTags === false ? [] : [CUDA_IMAGE_TAGS_PART])];
    return parts.map((name) => {
        const source = { file: `${BUNDLED_PREFIX}matrix/${name}`, text: (0,external_node_fs_.readFileSync)((0,external_node_path_.join)(directory, name), 'utf8') };
        const compiled = HAND_WRITTEN_PARTS.includes(name) ? readCompiled((0,external_node_path_.join)(directory, 'compiled', `${name}.json`)) : null;
        return compiled === null ? source : { ...source, compiled };
    });
}
/** The compiled form of a hand-written part; null when it is missing or unreadable (the YAML is then parsed). */
function readCompiled(file) {
    try {
        return JSON.parse((0,external_node_fs_.readFileSync)(file, 'utf8'));
    }
    catch {
        return null;
    }
}

// EXTERNAL MODULE: ./lib/src/matrix/load.js
var load = __webpack_require__(256);
;// CONCATENATED MODULE: ./lib/src/matrix/effective.js
// The effective matrix of a repository: the bundled matrix merged with the repository's matrix file.
// Reads files (shell); the merging itself is loadMatrix's.






const DEFAULT_MATRIX_FILES = ['.github/compat-matrix.yml', '.github/compat-matrix.yaml'];
/**
 * `explicit` (absolute, or relative to the root) must exist; without it the default locations are
 * tried. The nvidia/cuda tag table is large and only needed when a Dockerfile uses those images.
 */
async function loadEffectiveMatrix(root, explicit, options = {}) {
    const repository = readRepositoryMatrix(root, explicit);
    if (!repository.ok)
        return repository;
    return loadMatrixReadingYamlOnDemand({
        bundled: readBundledMatrix({ needCudaImageTags: options.needCudaImageTags ?? true }),
        bundledValidated: true,
        repository: repository.source,
    });
}
/**
 * loadMatrix with the YAML reader (and the yaml package it brings) loaded only when the load needs it:
 * up front for a file that is YAML (a repository's matrix file, usually, or a hand-written bundled
 * file edited since it was compiled), and for the line of a problem, which only the reader finds: a
 * load that fails without it is done again with it. A run without a matrix file of its own reads the
 * bundled JSON and compiled files only and never loads it. That is what matrix/compiled/ is for:
 * without it, a one-file check on Node 24 took 18-21 ms (about 12%) longer to start, and start-up
 * already misses its target of 2x bare node (docs/benchmarks.md, "Start-up").
 */
async function loadMatrixReadingYamlOnDemand(input) {
    const sources = [...input.bundled, ...(input.repository ? [input.repository] : [])];
    if (sources.some(load/* needsYamlReader */.kY))
        return (0,load/* loadMatrix */.iu)({ ...input, yaml: await loadYamlReader() });
    const result = (0,load/* loadMatrix */.iu)({ ...input, yaml: null });
    return result.ok ? result : (0,load/* loadMatrix */.iu)({ ...input, yaml: await loadYamlReader() });
}
function loadYamlReader() {
    return Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(940)]).then(__webpack_require__.bind(__webpack_require__, 940));
}
function readRepositoryMatrix(root, explicit) {
    const repository = (0,discover/* createFileSource */.I8)(root);
    for (const candidate of explicit ? [explicit] : DEFAULT_MATRIX_FILES) {
        const absolute = external_node_path_.resolve(root, candidate);
        const relative = external_node_path_.relative(root, absolute);
        const inside = !(relative.startsWith('..') || external_node_path_.isAbsolute(relative));
        const shown = inside ? relative.split(external_node_path_.sep).join('/') : absolute;
        if (!explicit && !external_node_fs_.existsSync(absolute))
            continue;
        // A file of the repository is read as its other files are: one that is a symlink out of it
        // (whose text error messages would show), a FIFO that never ends or a huge one is refused.
        const read = inside ? repository.read(shown) : readOutside(absolute);
        if (!read.ok)
            return { ok: false, error: `${shown}: cannot read the matrix file (${read.message})` };
        const decoded = yamlText(read.bytes);
        if (!decoded.ok)
            return { ok: false, error: `${shown}:${decoded.line}: ${decoded.message}` };
        return { ok: true, source: { file: shown, text: decoded.text } };
    }
    return { ok: true, source: null };
}
function readOutside(absolute) {
    try {
        return { ok: true, bytes: external_node_fs_.readFileSync(absolute) };
    }
    catch (error) {
        const code = error.code;
        return { ok: false, message: code === 'ENOENT' ? 'no such file' : code ?? 'error' };
    }
}
/**
 * The text of a YAML file as YAML reads a stream (YAML 1.2, section 5.2): in the Unicode encoding its
 * byte-order mark names (Windows editors save UTF-16 with one), else UTF-8. Read as UTF-8 whatever its
 * mark, a UTF-16 matrix was one string of letters and NULs: "expected a mapping, got a string". Bytes
 * that are not UTF-8 are refused where they are: replaced, they would reach the checks as keys and
 * versions that nobody wrote.
 */
function yamlText(bytes) {
    const marked = (0,parse_text/* decodeMarked */.bG)(bytes);
    if (marked !== null)
        return marked.ok ? { ok: true, text: marked.text } : { ok: false, line: marked.at?.line ?? 1, message: marked.message };
    const utf8 = (0,parse_text/* decodeUtf8 */._6)(bytes);
    if (utf8.ok)
        return utf8;
    return { ok: false, line: utf8.at.line, message: `not valid UTF-8 at column ${utf8.at.column ?? 1}: a YAML file is UTF-8 or UTF-16 (save the file as UTF-8)` };
}

// EXTERNAL MODULE: ./lib/src/check/rules/remote-file-conflict.js
var remote_file_conflict = __webpack_require__(9777);
// EXTERNAL MODULE: ./lib/src/check/suppress.js
var suppress = __webpack_require__(4818);
// EXTERNAL MODULE: ./lib/src/check/index-plan.js
var index_plan = __webpack_require__(7253);
;// CONCATENATED MODULE: ./lib/src/index/own-projects.js
// The repository's own projects: the names its pyproject.toml files (and a root setup.py or
// setup.cfg) publish. A pin of one of them (`mylib[asr]` in mylib's own optional dependencies) is
// installed from the checkout, not from an index: asking the index would call an unpublished
// project "not found".



async function ownProjects(root, files) {
    const names = new Set();
    const pyprojects = files.filter((file) => file.kind === 'pyproject');
    // The TOML reader is loaded only for a repository with a pyproject.toml (see parse/readers.ts).
    if (pyprojects.length > 0) {
        const { isTable, readToml } = await Promise.all(/* import() */[__webpack_require__.e(605), __webpack_require__.e(548)]).then(__webpack_require__.bind(__webpack_require__, 5548));
        for (const file of pyprojects) {
            let text;
            try {
                text = external_node_fs_.readFileSync(external_node_path_.join(root, file.path), 'utf8');
            }
            catch {
                continue;
            }
            // A pyproject.toml that does not parse has been reported by the reader.
            const read = readToml(text);
            if (!read.ok)
                continue;
            const { project, tool } = read.document.root;
            const poetry = isTable(tool) ? tool['poetry'] : undefined;
            for (const table of [project, poetry]) {
                const name = isTable(table) ? table['name'] : undefined;
                if (typeof name === 'string')
                    names.add((0,model/* canonicalName */.Ew)(name));
            }
        }
    }
    for (const [file, pattern] of [
        ['setup.py', /\bname\s*=\s*["']([A-Za-z0-9._-]+)["']/],
        ['setup.cfg', /^\s*name\s*=\s*([A-Za-z0-9._-]+)\s*$/m],
    ]) {
        try {
            const match = pattern.exec(external_node_fs_.readFileSync(external_node_path_.join(root, file), 'utf8'));
            if (match)
                names.add((0,model/* canonicalName */.Ew)(match[1]));
        }
        catch {
            // No such file.
        }
    }
    return names;
}

;// CONCATENATED MODULE: ./lib/src/index/pip-config.js
// Where pip may read its indexes from something the readers do not follow: a pip.conf copied into the
// image or written by `pip config`, PIP_CONFIG_FILE, --no-index, a netrc or uv.toml. A set that may
// use such an index cannot prove that a package or version is absent: its absences are not reported.


const HINT = /pip\.conf|pip\.ini|\bpip3? config\b|PIP_CONFIG_FILE|--no-index|PIP_NO_INDEX|uv\.toml|\.netrc/;
/** Files pip reads its configuration from when they sit in the working directory or the repository's root. */
const CONFIG_FILES = ['pip.conf', 'pip.ini', 'uv.toml', '.pip/pip.conf', '.config/pip/pip.conf'];
/** For each file (repository-relative), why its sets' indexes are not all known; files with none are absent. */
function pipConfigHints(root, files) {
    const hints = new Map();
    const rootConfig = CONFIG_FILES.find((name) => external_node_fs_.existsSync(external_node_path_.join(root, name)));
    for (const file of files) {
        if (file.kind === 'pyproject')
            continue;
        if (rootConfig) {
            hints.set(file.path, `the repository has ${rootConfig}, which may name other indexes`);
            continue;
        }
        let text;
        try {
            text = external_node_fs_.readFileSync(external_node_path_.join(root, file.path), 'latin1');
        }
        catch {
            continue;
        }
        const match = HINT.exec(text);
        if (match)
            hints.set(file.path, `${file.path} uses ${match[0]}, which may name other indexes`);
    }
    return hints;
}

// EXTERNAL MODULE: ./lib/src/version.js
var version = __webpack_require__(1294);
;// CONCATENATED MODULE: ./lib/src/engine.js
// One check from start to end, shared by the CLI and the action: read the repository, load the
// matrix, run the checks (and the runtime check when asked), and hand back a CheckResult.














async function runCheck(options) {
    const root = external_node_path_.resolve(options.root);
    if (!isFolder(root))
        return { ok: false, error: `root ${options.root} is not a folder` };
    const readOptions = { env: expandableEnvironment(options.env ?? process.env) };
    const parse = await readRepository(root, options.paths ?? [], { ...readOptions, discovered: keepYoungGenerationSmall });
    // Each Dockerfile again with the build arguments its compose files, workflows, bake files and scripts pass.
    const variants = await readBuildVariants(root, parse, readOptions, (options.paths ?? []).length === 0);
    const needCudaImageTags = [parse, ...variants.runs.map((run) => run.parse), ...(variants.pulled ? [variants.pulled] : [])].some((read) => read.files.some((file) => file.images.some((image) => image.name.endsWith('nvidia/cuda'))));
    const loaded = await loadEffectiveMatrix(root, options.matrixFile ?? null, { needCudaImageTags });
    if (!loaded.ok)
        return loaded;
    const matrix = loaded.matrix;
    const env = options.env ?? process.env;
    const index = options.index ?? null;
    const remote = index ? await checkRemoteIncludes(parse, matrix, index) : null;
    // The fleet's driver holds for every image checked: the build variants' and the compose services' too.
    const fleetDriver = options.driver ? { driver: options.driver, driverNamedBy: options.driverNamedBy ?? '--driver' } : {};
    const checked = (0,check/* runChecks */.JT)(parse, matrix, {
        profile: options.profile ?? 'auto',
        ...(options.profileNamedBy ? { profileNamedBy: options.profileNamedBy } : {}),
        ...fleetDriver,
        resolvePlan: Boolean(options.resolve && index),
        ...(index
            ? {
                indexPlan: {
                    indexUrl: index.indexUrl || env.PIP_INDEX_URL || index_plan/* DEFAULT_INDEX */.LX,
                    extraIndexUrls: index.extraIndexUrls ?? [],
                    untrusted: index.allowUntrusted ? null : (index.untrusted ?? null),
                    configuredFiles: pipConfigHints(root, parse.files),
                    ownProjects: await ownProjects(root, parse.files),
                },
            }
            : {}),
    });
    if (!checked.ok)
        return checked;
    let indexFindings = [];
    let indexSummary;
    if (index && checked.indexPlans) {
        // Loaded only when asked: a static check needs no HTTP client.
        const { askIndexes } = await __webpack_require__.e(/* import() */ 574).then(__webpack_require__.bind(__webpack_require__, 5574));
        const { checkIndexAnswers, withoutRestatedLocalBuilds } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 3283));
        const run = await askIndexes(checked.indexPlans, {
            mode: index.mode,
            cacheDir: index.cacheDir,
            env,
            allowInternal: index.allowUntrusted ?? false,
            givenUrls: [index.indexUrl ?? '', ...(index.extraIndexUrls ?? [])].filter(Boolean),
        });
        if (index.mode === 'required' && run.summary.unreachable.length > 0) {
            return {
                ok: false,
                error: `--index required: no answer from ${run.summary.unreachable.join(', ')} (${run.summary.notices[0] ?? 'unreachable'})`,
            };
        }
        indexFindings = withoutRestatedLocalBuilds(checkIndexAnswers(checked.indexPlans, run.answers, parse.files, matrix), checked.findings);
        indexSummary = run.summary;
        if (remote) {
            indexSummary.requests += remote.requests;
            indexSummary.fromCache += remote.fromCache;
        }
    }
    let staticFindings = checked.findings;
    let resolveSummary;
    if (options.resolve && index && checked.resolveJobs) {
        // Loaded only when asked: the static check must not pay for child-process code.
        const { runResolver } = await __webpack_require__.e(/* import() */ 906).then(__webpack_require__.bind(__webpack_require__, 8906));
        const resolved = index.mode === 'offline'
            ? null
            : await runResolver(parse, matrix, checked.resolveJobs, checked, {
                cacheDir: index.cacheDir,
                env,
                allowInternal: index.allowUntrusted ?? false,
                ...(options.resolve.python ? { python: options.resolve.python } : {}),
                ...(options.resolve.timeoutMs ? { timeoutMs: options.resolve.timeoutMs } : {}),
            });
        if (resolved) {
            indexFindings = [...indexFindings, ...resolved.findings];
            staticFindings = resolved.statics;
            resolveSummary = resolved.summary;
        }
        indexSummary?.notices.push(...(resolved ? resolved.summary.notices : ["pip's resolver did not run: --index offline"]));
    }
    const baseline = [...parse.diagnostics.map(diagnosticFinding), ...staticFindings];
    const variantRuns = variants.runs.map(({ variant, parse: read }) => {
        const variantChecked = (0,check/* runChecks */.JT)(read, matrix, {
            profile: 'auto',
            sameProfileAs: checked.profile,
            ...fleetDriver,
        });
        return { variant, findings: [...read.diagnostics.map(diagnosticFinding), ...(variantChecked.ok ? variantChecked.findings : [])] };
    });
    const pulled = variants.pulled === null
        ? null
        : (0,check/* runChecks */.JT)(variants.pulled, matrix, { profile: 'auto', sameProfileAs: checked.profile, ...fleetDriver });
    const pulledFindings = pulled?.ok ? pulled.findings : [];
    const findings = [
        ...baseline,
        ...(0,check_variants/* variantFindings */.Wc)(baseline, variantRuns),
        ...pulledFindings,
        ...variants.notices,
        ...indexFindings,
        ...(remote?.findings ?? []),
    ].sort(check/* compareFindings */.Eg);
    const result = {
        tool: { name: 'compat-guard', version: version/* TOOL_VERSION */.w },
        profile: checked.profile,
        files: parse.files.map((file) => ({ path: file.path, kind: file.kind })),
        findings,
        diagnostics: parse.diagnostics,
        matrix,
    };
    if (indexSummary)
        result.index = indexSummary;
    if (resolveSummary)
        result.resolve = resolveSummary;
    if (options.runtime) {
        // Loaded only when asked: the static check must not pay for child-process code.
        const { runRuntimeCheck } = await __webpack_require__.e(/* import() */ 690).then(__webpack_require__.bind(__webpack_require__, 5690));
        const profile = checked.profile ? (matrix.profiles[checked.profile.name] ?? null) : null;
        const runtime = await runRuntimeCheck(parse, matrix, profile, options.runtime);
        result.findings = [...result.findings, ...runtime.findings];
        result.runtime = runtime.summary;
        if (options.recordProfile)
            result.recordedProfile = (await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(836)]).then(__webpack_require__.bind(__webpack_require__, 6836))).recordProfile(options.recordProfile, runtime);
    }
    return { ok: true, result };
}
/** The findings of the repository's remote `-c`/`-r` files; the parse's diagnostics say what was and was not fetched. */
async function checkRemoteIncludes(parse, matrix, options) {
    if (!parse.files.some((file) => file.remoteIncludes))
        return null;
    // Loaded only when a file names one: a static check needs no HTTP client.
    const { readRemoteFiles, diagnosticsAfterFetch } = await __webpack_require__.e(/* import() */ 537).then(__webpack_require__.bind(__webpack_require__, 9537));
    const read = await readRemoteFiles(parse, options);
    parse.diagnostics = diagnosticsAfterFetch(parse, read);
    const findings = (0,suppress/* applySuppressions */.p)((0,remote_file_conflict/* checkRemoteFiles */.W)(parse, read.files), parse.files, matrix.ignore);
    return { findings, requests: read.requests, fromCache: read.fromCache };
}
function diagnosticFinding(diagnostic) {
    const finding = {
        rule: diagnostic.rule ?? 'parse-error',
        severity: diagnostic.severity,
        message: diagnostic.message,
        file: diagnostic.file,
        line: diagnostic.line,
        column: diagnostic.column ?? null,
        endLine: diagnostic.line,
        endColumn: null,
        package: null,
    };
    if (diagnostic.fix !== undefined)
        finding.fix = diagnostic.fix;
    return finding;
}
function isFolder(target) {
    try {
        return external_node_fs_.statSync(target).isDirectory();
    }
    catch {
        return false;
    }
}
/** From how many files a repository's reading is worth the V8 setting below. */
const LARGE_REPOSITORY_FILES = 1_000;
/**
 * The one heap setting compat-guard keeps, for large repositories only. Reading thousands of files
 * makes hundreds of thousands of records that live until the report, and V8 answers that by growing
 * its young generation, on Node 24 by about 130 MB of peak memory at 4,000 files: the 512 MB target
 * of docs/benchmarks.md was missed without it (490-530 MB; 360 MB with it, in the same time). V8
 * reads the flag as the heap grows, so setting it after start-up works. Smaller repositories skip it:
 * loading node:v8 costs about 5 ms, a sixth of a one-file check's own start-up.
 */
function keepYoungGenerationSmall(files) {
    if (files < LARGE_REPOSITORY_FILES)
        return;
    const v8 = (0,external_node_module_.createRequire)(import.meta.url)('node:v8');
    v8.setFlagsFromString('--semi-space-growth-factor=1');
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./lib/src/index/options.js
// The index checks' settings as the CLI and the action read them; kept apart from the client so that
// reading options loads no HTTP code.


const INDEX_MODES = ['auto', 'online', 'offline', 'required'];
function isIndexMode(value) {
    return INDEX_MODES.includes(value);
}
/** `$XDG_CACHE_HOME/compat-guard`, else `~/.cache/compat-guard`. */
function defaultCacheDir(env) {
    return external_node_path_.join(env.XDG_CACHE_HOME || external_node_path_.join(env.HOME || external_node_os_.homedir(), '.cache'), 'compat-guard');
}

// EXTERNAL MODULE: ./lib/src/matrix/profile-name.js
var profile_name = __webpack_require__(7783);
// EXTERNAL MODULE: ./lib/src/report/finding-counts.js
var finding_counts = __webpack_require__(8181);
;// CONCATENATED MODULE: ./lib/src/report/fail.js
// The `fail-on` threshold, shared by the action's step result and the CLI's exit status.


const FAIL_ON_LEVELS = [...model/* SEVERITIES */.oC, 'never'];
function parseFailOn(text) {
    return FAIL_ON_LEVELS.includes(text) ? text : null;
}
function isAtOrAbove(severity, failOn) {
    return failOn !== 'never' && (0,model/* severityRank */.qs)(severity) >= (0,model/* severityRank */.qs)(failOn);
}
/** The in-scope findings at or above the threshold: the run fails when there is one. */
function failingFindings(findings, failOn) {
    return findings.filter((finding) => (0,finding_counts/* isInScope */.yX)(finding) && isAtOrAbove(finding.severity, failOn));
}
/** Whether the run fails: an in-scope finding at or above the threshold (the CLI's exit status 1). */
function failsAt(findings, failOn) {
    return failingFindings(findings, failOn).length > 0;
}

;// CONCATENATED MODULE: ./lib/src/report/json.js
// The JSON report (CONTRACT.md section 3): `check --format json` and the action's `report-file`.
// Every finding carries every field, null where it does not apply, so that scripts need no guards.

function toJsonReport(result) {
    return {
        tool: { name: result.tool.name, version: result.tool.version },
        profile: result.profile?.name ?? null,
        profileReason: result.profile?.reason ?? null,
        files: result.files.map((file) => ({ path: file.path, kind: file.kind })),
        findings: result.findings.map(toJsonFinding),
        counts: (0,finding_counts/* countBySeverity */.Ot)(result.findings),
        diagnostics: result.diagnostics,
        runtime: result.runtime ?? null,
        ...(result.index ? { index: result.index } : {}),
        ...(result.resolve ? { resolve: result.resolve } : {}),
    };
}
function toJsonFinding(finding) {
    return {
        rule: finding.rule,
        severity: finding.severity,
        message: finding.message,
        file: finding.file,
        line: finding.line,
        column: finding.column,
        endLine: finding.endLine,
        endColumn: finding.endColumn,
        package: finding.package,
        expected: finding.expected ?? null,
        actual: finding.actual ?? null,
        fix: finding.fix ?? null,
        related: finding.related && finding.related.length > 0 ? finding.related : null,
        inDiff: finding.inDiff ?? null,
        source: finding.source ?? null,
        origin: finding.origin ?? 'static',
    };
}

;// CONCATENATED MODULE: ./lib/src/report/text.js
// The report people read in a terminal or a job log: findings grouped by file, each on one line with
// its position, severity, message and rule, the fix under it; then the profile and why, the runtime
// check, and the counts. Text from the repository goes through `printable`, so a crafted path or message
// cannot forge lines (or terminal escape sequences) of its own.

const SEVERITY_WIDTH = 'warning'.length;
const NO_FILE = '(no file)';
const ANSI = { bold: '1', dim: '2', red: '31', yellow: '33', cyan: '36', green: '32' };
const SEVERITY_STYLE = { error: 'red', warning: 'yellow', notice: 'cyan' };
function formatText(result, options) {
    const paint = (style, text) => (options.color ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text);
    const lines = [];
    for (const [file, findings] of groupByFile(result.findings)) {
        lines.push(paint('bold', file === null ? NO_FILE : (0,finding_counts/* printable */.g$)(file)));
        const positions = findings.map(positionText);
        // reduce, not Math.max(...): a file can hold more findings than a call has room for arguments.
        const width = positions.reduce((widest, position) => Math.max(widest, position.length), 0);
        const lead = width === 0 ? 2 : 2 + width + 2;
        const indent = ' '.repeat(lead + SEVERITY_WIDTH + 2);
        findings.forEach((finding, index) => {
            const position = width === 0 ? '  ' : `  ${paint('dim', (positions[index] ?? '').padStart(width))}  `;
            const severity = paint(SEVERITY_STYLE[finding.severity], finding.severity.padEnd(SEVERITY_WIDTH));
            const preExisting = finding.inDiff === false ? paint('dim', '  (pre-existing)') : '';
            lines.push(`${position}${severity}  ${(0,finding_counts/* printable */.g$)(finding.message)}  ${paint('dim', `[${(0,finding_counts/* printable */.g$)(finding.rule)}]`)}${preExisting}`);
            if (finding.fix)
                lines.push(`${indent}${paint('green', `fix: ${(0,finding_counts/* printable */.g$)(finding.fix)}`)}`);
        });
        lines.push('');
    }
    lines.push(result.profile
        ? `Profile: ${paint('bold', (0,finding_counts/* printable */.g$)(result.profile.name))} (${(0,finding_counts/* printable */.g$)(result.profile.reason)})`
        : 'Profile: none (only the universal facts apply)');
    if (result.runtime)
        lines.push(`Runtime check: ${runtimeText(result.runtime)}`);
    if (result.index)
        lines.push(`Package index: ${indexText(result.index)}`);
    const counts = (0,finding_counts/* countBySeverity */.Ot)(result.findings);
    const total = result.findings.length;
    const checked = (0,finding_counts/* plural */.LS)(result.files.length, 'file');
    if (total === 0) {
        lines.push(paint('green', result.files.length === 0 ? 'No findings: no files to check.' : `No findings in ${checked}.`));
    }
    else {
        const style = counts.error > 0 ? 'red' : counts.warning > 0 ? 'yellow' : 'cyan';
        // Not "N findings in M files": a file that could not be read is not among the files checked, and a
        // runtime finding is in no file, so the findings' files and the files checked are different counts.
        lines.push(paint(style, `${(0,finding_counts/* plural */.LS)(total, 'finding')}: ${(0,finding_counts/* countsText */.WN)(counts)} (${checked} checked).`));
    }
    return `${lines.join('\n')}\n`;
}
/** Findings by file, files in the order they first appear (the result is sorted by file already). */
function groupByFile(findings) {
    const groups = new Map();
    for (const finding of findings) {
        const group = groups.get(finding.file);
        if (group)
            group.push(finding);
        else
            groups.set(finding.file, [finding]);
    }
    return groups;
}
function positionText(finding) {
    if (finding.line === null)
        return '';
    return finding.column === null ? `${finding.line}` : `${finding.line}:${finding.column}`;
}
/** `auto, 12 requests, 3 from the cache` and the notices, one per line. */
function indexText(index) {
    const head = `${index.mode}, ${(0,finding_counts/* plural */.LS)(index.requests, 'request')}, ${index.fromCache} from the cache`;
    return [head, ...index.notices.map((notice) => `  notice: ${(0,finding_counts/* printable */.g$)(notice)}`)].join('\n');
}
/** `ran on python3: Python 3.10.12, torch 2.1.0+cu121 (CUDA 12.1), 1 GPU (NVIDIA H100, driver 550.54)`. */
function runtimeText(runtime) {
    if (runtime.status === 'skipped')
        return `skipped${runtime.reason ? `: ${(0,finding_counts/* printable */.g$)(runtime.reason)}` : ''}${(0,finding_counts/* printable */.g$)(phasesText(runtime))}`;
    const facts = [];
    if (runtime.python)
        facts.push(`Python ${runtime.python}`);
    if (runtime.torch)
        facts.push(`torch ${runtime.torch}${runtime.cudaBuild ? ` (CUDA ${runtime.cudaBuild})` : ''}`);
    if (runtime.gpus) {
        const gpus = runtime.gpus.map((gpu) => `${gpu.name}${gpu.driver ? `, driver ${gpu.driver}` : ''}`);
        facts.push(runtime.gpus.length === 0 ? 'no GPU' : `${(0,finding_counts/* plural */.LS)(runtime.gpus.length, 'GPU')} (${gpus.join('; ')})`);
    }
    const target = runtime.target ? ` on ${runtime.target}` : '';
    return (0,finding_counts/* printable */.g$)(`ran${target}${facts.length > 0 ? `: ${facts.join(', ')}` : ''}${phasesText(runtime)}`);
}
/** `; took: image pull 41.2 s, container start 3.1 s, probe 12.0 s`, or nothing when no phase ran. */
function phasesText(runtime) {
    if (!runtime.phases || runtime.phases.length === 0)
        return '';
    return `; took: ${runtime.phases.map((phase) => `${phase.name} ${phase.seconds.toFixed(1)} s`).join(', ')}`;
}

;// CONCATENATED MODULE: ./lib/src/report/workflow-commands.js
// GitHub Actions workflow commands (`::error file=...,line=...::message`): the CLI's `--format github`
// and the action's fallback when it cannot create a check run. Escaping follows @actions/core:
// `%`, CR and LF in the message; those and `:` and `,` in property values too, since they delimit
// properties. Without it a `,` in a path would end the property and a newline in a message would start
// a command of the repository's choosing. Before that, repository text is made printable: the log
// viewer would obey an escape sequence in a path or a message, which the percent escapes leave as is.

function escapeData(text) {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(text) {
    return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
/**
 * One command line; properties that are null, undefined or "" are left out. Property values are one
 * line each, made printable here; the message may hold line breaks of ours, so its lines come printable.
 */
function workflowCommand(command, properties, message) {
    const written = Object.entries(properties)
        .filter((entry) => entry[1] !== null && entry[1] !== undefined && entry[1] !== '')
        .map(([key, value]) => `${key}=${escapeProperty((0,finding_counts/* printable */.g$)(String(value)))}`);
    return `::${command}${written.length > 0 ? ` ${written.join(',')}` : ''}::${escapeData(message)}`;
}
/** The annotation command for `finding` at `anchor` (default: its own location). */
function annotationCommand(finding, anchor = (0,finding_counts/* ownAnchor */.Y4)(finding)) {
    const line = anchor?.line ?? null;
    const endLine = line === null ? null : (anchor?.endLine ?? line);
    // Columns only mean something on one line, as in the Checks API.
    const sameLine = line !== null && endLine === line;
    return workflowCommand(finding.severity, {
        file: anchor?.file,
        line,
        col: sameLine ? anchor?.column : null,
        endLine,
        endColumn: sameLine ? anchor?.endColumn : null,
        title: finding.rule,
    }, (0,finding_counts/* annotationMessage */.L0)(finding, anchor));
}
/** `check --format github`: one annotation command per finding, in order. */
function toWorkflowCommands(findings) {
    return findings.map((finding) => `${annotationCommand(finding)}\n`).join('');
}

;// CONCATENATED MODULE: ./lib/src/runtime/log.js
// The two places the runtime check's progress goes: plain lines for the CLI (stderr: stdout is the
// report), and the Actions log, where each phase is a collapsible group. Lines quote docker and the
// probe, which run the image under check: they are made printable, and in the Actions log each one
// starts with "| " so that nothing the image prints can start a workflow command (`::add-mask::`...).

/** Progress as plain lines: a group's title, then its lines indented. */
function plainLog(write) {
    return {
        line: (text) => write(`  ${(0,finding_counts/* printable */.g$)(text)}`),
        startGroup: (title) => write((0,finding_counts/* printable */.g$)(title)),
        endGroup: () => undefined,
    };
}
/** Progress in the Actions log: each phase a collapsible group (core.startGroup), each line behind "| ". */
function groupedLog(core) {
    return {
        line: (text) => core.info(`| ${printable(text)}`),
        startGroup: (title) => core.startGroup(`compat-guard ${printable(title)}`),
        endGroup: () => core.endGroup(),
    };
}

;// CONCATENATED MODULE: ./lib/src/cli.js
// `compat-guard check|parse|matrix`: the same engine as the action, for a terminal or any CI.
// Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 the run itself is wrong.
// Kept free of @actions/* so that starting it costs little more than starting node. Run through
// src/cli-entry.ts.















const USAGE = `compat-guard ${version/* TOOL_VERSION */.w}: check Python requirement pins, Python versions and CUDA images against a compatibility matrix

Usage:
  compat-guard check [PATH...] [--root DIR] [--matrix FILE] [--profile NAME|auto] [--fail-on LEVEL]
                     [--format text|json|sarif|github] [--output FILE] [--runtime] [--python PATH]
                     [--runtime-image IMAGE] [--require-gpu] [--color|--no-color] [--driver VERSION]
                     [--record-profile NAME [--record-profile-file FILE]]   with the runtime check
                     [--index auto|online|offline|required] [--index-url URL] [--extra-index-url URL]...
                     [--cache-dir DIR] [--resolve]
  compat-guard parse [PATH...] [--root DIR]            JSON of what was read
  compat-guard matrix [--matrix FILE] [--profile NAME] [--root DIR]   the effective matrix, as YAML
  compat-guard matrix import FILE|URL [--name NAME] [--python SPEC] [--cuda SPEC] [--only NAME...]
                     a profile from a constraints file, pip freeze output or pip --report JSON

PATH is a file, folder or glob (default: the root, which defaults to the current folder).
--fail-on is error (default), warning, notice or never.
--index: ask the package indexes about each pin (default auto: skipped with one notice when none answers;
offline: the cache only; required: an unreachable index exits 2). See docs/index.md.
--resolve: run pip's resolver (python3 -m pip, 22.2 or later, dry run) for each install set's target.
--driver is the NVIDIA driver of the hosts that run the images (wins over driver: in the matrix file).
Exit status: 0 nothing at or above --fail-on; 1 findings at or above it; 2 the run itself is wrong.
Docs: https://github.com/compat-guard/compat-guard#readme`;
/** Thrown for a wrong command line; main() prints it as one line and exits 2. */
class UsageError extends Error {
}
const VALUE_OPTIONS = new Set([
    '--root',
    '--matrix',
    '--profile',
    '--fail-on',
    '--format',
    '--output',
    '--python',
    '--runtime-image',
    '--record-profile',
    '--record-profile-file',
    '--index',
    '--index-url',
    '--extra-index-url',
    '--cache-dir',
    '--driver',
]);
const FLAG_OPTIONS = new Set(['--runtime', '--require-gpu', '--color', '--no-color', '--resolve']);
const ALLOWED = {
    check: new Set([...VALUE_OPTIONS, ...FLAG_OPTIONS]),
    parse: new Set(['--root']),
    matrix: new Set(['--matrix', '--profile', '--root']),
};
function parseArguments(argv) {
    const [first, ...rest] = argv;
    if (first !== 'check' && first !== 'parse' && first !== 'matrix') {
        throw new UsageError(first === undefined
            ? 'missing command (check, parse or matrix); see --help'
            : `unknown command "${first}" (expected check, parse or matrix)`);
    }
    const options = {
        command: first,
        paths: [],
        root: '.',
        matrix: null,
        profile: 'auto',
        driver: null,
        failOn: 'error',
        format: 'text',
        output: null,
        runtime: false,
        python: null,
        runtimeImage: null,
        requireGpu: false,
        color: null,
        recordProfile: null,
        recordProfileFile: null,
        index: 'auto',
        indexUrl: null,
        extraIndexUrls: [],
        cacheDir: null,
        resolve: false,
    };
    for (let i = 0; i < rest.length; i++) {
        const argument = rest[i];
        if (argument === '--') {
            options.paths.push(...rest.slice(i + 1));
            break;
        }
        if (!argument.startsWith('-') || argument === '-') {
            if (first === 'matrix')
                throw new UsageError(`matrix takes no paths (got "${argument}")`);
            options.paths.push(argument);
            continue;
        }
        const equals = argument.indexOf('=');
        const name = equals === -1 ? argument : argument.slice(0, equals);
        if (!ALLOWED[first].has(name))
            throw new UsageError(`unknown option ${name} for ${first}; see --help`);
        if (FLAG_OPTIONS.has(name)) {
            if (equals !== -1)
                throw new UsageError(`${name} takes no value`);
            if (name === '--runtime')
                options.runtime = true;
            else if (name === '--require-gpu')
                options.requireGpu = true;
            else if (name === '--resolve')
                options.resolve = true;
            else
                options.color = name === '--color';
            continue;
        }
        const value = equals === -1 ? rest[++i] : argument.slice(equals + 1);
        if (value === undefined || value === '')
            throw new UsageError(`${name} needs a value`);
        applyValue(options, name, value);
    }
    return options;
}
function applyValue(options, name, value) {
    switch (name) {
        case '--root':
            options.root = value;
            break;
        case '--matrix':
            options.matrix = value;
            break;
        case '--profile':
            options.profile = value;
            break;
        case '--output':
            options.output = value;
            break;
        case '--python':
            options.python = value;
            break;
        case '--runtime-image':
            options.runtimeImage = value;
            break;
        case '--record-profile': {
            const problem = (0,profile_name/* profileNameProblem */.C)(value);
            if (problem !== null)
                throw new UsageError(`--record-profile: ${problem}`);
            options.recordProfile = value;
            break;
        }
        case '--record-profile-file':
            options.recordProfileFile = value;
            break;
        case '--index-url':
            options.indexUrl = value;
            break;
        case '--extra-index-url':
            options.extraIndexUrls.push(value);
            break;
        case '--cache-dir':
            options.cacheDir = value;
            break;
        case '--index':
            if (!isIndexMode(value))
                throw new UsageError(`--index must be auto, online, offline or required (got "${value}")`);
            options.index = value;
            break;
        case '--driver':
            if (!/^\d+(?:\.\d+)*$/.test(value))
                throw new UsageError(`--driver must be an NVIDIA driver version such as 550.54.14 (got "${value}")`);
            options.driver = value;
            break;
        case '--fail-on':
            if (value !== 'error' && value !== 'warning' && value !== 'notice' && value !== 'never') {
                throw new UsageError(`--fail-on must be error, warning, notice or never (got "${value}")`);
            }
            options.failOn = value;
            break;
        case '--format':
            if (value !== 'text' && value !== 'json' && value !== 'sarif' && value !== 'github') {
                throw new UsageError(`--format must be text, json, sarif or github (got "${value}")`);
            }
            options.format = value;
            break;
    }
}
async function cli_check(options) {
    const root = external_node_path_.resolve(options.root);
    const runtime = options.runtime || options.python || options.runtimeImage;
    if (options.recordProfileFile !== null && options.recordProfile === null)
        throw new UsageError('--record-profile-file needs --record-profile NAME');
    if (options.recordProfile !== null && !runtime)
        throw new UsageError('--record-profile records what the runtime check verified: add --runtime (or --python / --runtime-image)');
    const outcome = await runCheck({
        root,
        paths: options.paths.map((target) => external_node_path_.relative(root, external_node_path_.resolve(target)) || '.'),
        matrixFile: options.matrix ? external_node_path_.resolve(options.matrix) : null,
        profile: options.profile,
        ...(options.driver ? { driver: options.driver } : {}),
        recordProfile: options.recordProfile === null ? null : { name: options.recordProfile, file: options.recordProfileFile },
        runtime: runtime
            ? {
                python: options.python ?? 'python3',
                image: options.runtimeImage,
                requireGpu: options.requireGpu,
                allowUntrusted: true,
                untrusted: null,
                // Progress goes to stderr: stdout is the report. Plain lines, no @actions/core on the CLI's path.
                log: plainLog((line) => process.stderr.write(`compat-guard: ${line}\n`)),
            }
            : null,
        index: {
            mode: options.index,
            indexUrl: options.indexUrl,
            extraIndexUrls: options.extraIndexUrls,
            cacheDir: options.cacheDir ? external_node_path_.resolve(options.cacheDir) : defaultCacheDir(process.env),
        },
        resolve: options.resolve ? {} : null,
    });
    if (!outcome.ok)
        throw new UsageError(outcome.error);
    const { result } = outcome;
    let text;
    // SARIF is loaded only when asked: its fingerprints need node:crypto, a sizeable part of a small check's start-up.
    if (options.format === 'json')
        text = JSON.stringify(toJsonReport(result), null, 2) + '\n';
    else if (options.format === 'sarif')
        text = JSON.stringify((await __webpack_require__.e(/* import() */ 111).then(__webpack_require__.bind(__webpack_require__, 6111))).toSarif(result), null, 2) + '\n';
    else if (options.format === 'github')
        text = toWorkflowCommands(result.findings);
    else
        text = formatText(result, { color: options.color ?? wantsColor(options.output) });
    write(options.output, text);
    const recorded = result.recordedProfile;
    if (recorded) {
        // On stderr: stdout may be the report itself (--format json).
        process.stderr.write((0,finding_counts/* printable */.g$)(recorded.file === null
            ? `compat-guard: profile ${recorded.name} not recorded: ${recorded.reason}`
            : `compat-guard: profile ${recorded.name} recorded in ${recorded.file}`) + '\n');
    }
    return failsAt(result.findings, options.failOn) ? 1 : 0;
}
async function parse(options) {
    const root = external_node_path_.resolve(options.root);
    const targets = options.paths.map((target) => external_node_path_.relative(root, external_node_path_.resolve(target)) || '.');
    const { files, diagnostics } = await readRepository(root, targets, { env: expandableEnvironment(process.env) });
    write(null, JSON.stringify({ files, diagnostics }, null, 2) + '\n');
    return 0;
}
async function matrix(options) {
    const loaded = await loadEffectiveMatrix(external_node_path_.resolve(options.root), options.matrix ? external_node_path_.resolve(options.matrix) : null);
    if (!loaded.ok)
        throw new UsageError(loaded.error);
    const profile = options.profile === 'auto' ? (loaded.matrix.profile ?? undefined) : options.profile;
    if (profile !== undefined) {
        const resolved = (0,load/* resolveProfileName */.bo)(loaded.matrix, profile);
        if ('error' in resolved)
            throw new UsageError(resolved.error);
    }
    // Loaded only for this command: printing needs the yaml package, which a check does without.
    const { printMatrix } = await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(53)]).then(__webpack_require__.bind(__webpack_require__, 3053));
    write(null, printMatrix(loaded.matrix, profile === undefined ? {} : { profile }));
    return 0;
}
async function matrixImport(argv) {
    // Loaded only for this command, like printing the matrix: it needs the yaml package.
    const imported = await (await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(941)]).then(__webpack_require__.bind(__webpack_require__, 4941))).matrixImport(argv);
    if (!imported.ok)
        throw new UsageError(imported.error);
    write(null, imported.text);
    return 0;
}
function wantsColor(output) {
    if (output || process.env.NO_COLOR)
        return false;
    if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0')
        return true;
    return process.stdout.isTTY === true;
}
function write(output, text) {
    if (output)
        external_node_fs_.writeFileSync(output, text);
    else
        process.stdout.write(text);
}
async function main(argv) {
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
        process.stdout.write(USAGE + '\n');
        return argv.length === 0 ? 2 : 0;
    }
    if (argv[0] === '--version' || argv[0] === '-V') {
        process.stdout.write(version/* TOOL_VERSION */.w + '\n');
        return 0;
    }
    try {
        if (argv[0] === 'matrix' && argv[1] === 'import')
            return await matrixImport(argv.slice(2));
        const options = parseArguments(argv);
        if (options.command === 'parse')
            return await parse(options);
        if (options.command === 'matrix')
            return await matrix(options);
        return await cli_check(options);
    }
    catch (error) {
        // One line, no stack trace: a wrong run is the user's to fix, an unexpected error is ours to report.
        // The reason may quote the matrix file or a path: printable, so that it cannot act on the terminal.
        const message = error instanceof UsageError ? error.message : `internal error: ${error?.message ?? String(error)}`;
        process.stderr.write(`compat-guard: ${(0,finding_counts/* printable */.g$)(message)}\n`);
        return 2;
    }
}


/***/ }),

/***/ 5774:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CI: () => (/* binding */ parseWheelName),
/* harmony export */   PJ: () => (/* binding */ wheelFitsTarget),
/* harmony export */   oB: () => (/* binding */ fileRelease)
/* harmony export */ });
/* unused harmony export sdistVersion */
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4887);
// Distribution file names (wheels and sdists) and which wheels an install target can use: the tags
// pip's packaging.tags.sys_tags() gives for CPython on Linux x86-64 with a given glibc.

function parseWheelName(filename) {
    if (!filename.toLowerCase().endsWith('.whl'))
        return null;
    const parts = filename.slice(0, -4).split('-');
    if (parts.length !== 5 && parts.length !== 6)
        return null;
    const [name, version] = parts;
    const [python, abi, platform] = parts.slice(-3);
    const tags = [];
    for (const p of python.split('.'))
        for (const a of abi.split('.'))
            for (const pl of platform.split('.'))
                tags.push({ python: p.toLowerCase(), abi: a.toLowerCase(), platform: pl.toLowerCase() });
    return { key: (0,_model_js__WEBPACK_IMPORTED_MODULE_0__/* .canonicalName */ .Ew)(name), version, tags };
}
const SDIST_SUFFIXES = ['.tar.gz', '.zip', '.tar.bz2', '.tgz', '.tar'];
/** The version of an sdist of project `key` (`Foo_Bar-1.0.tar.gz` -> `1.0`); null when the file is not one. */
function sdistVersion(filename, key) {
    const lower = filename.toLowerCase();
    const suffix = SDIST_SUFFIXES.find((candidate) => lower.endsWith(candidate));
    if (!suffix)
        return null;
    const stem = filename.slice(0, -suffix.length);
    // The name may itself hold dashes: split where the part before is the project's name.
    for (let dash = stem.indexOf('-'); dash !== -1; dash = stem.indexOf('-', dash + 1)) {
        if ((0,_model_js__WEBPACK_IMPORTED_MODULE_0__/* .canonicalName */ .Ew)(stem.slice(0, dash)) === key)
            return stem.slice(dash + 1) || null;
    }
    return null;
}
/** The project key and version a file is of; null when its name is not a distribution's. */
function fileRelease(filename, key) {
    const wheel = parseWheelName(filename);
    if (wheel)
        return wheel.key === key ? { version: wheel.version, wheel } : null;
    const version = sdistVersion(filename, key);
    return version === null ? null : { version, wheel: null };
}
/** Would pip on the target install this wheel (one of its tags among the target's)? */
function wheelFitsTarget(wheel, target) {
    const [major, minor] = target.python.split('.').map(Number);
    const cp = `cp${major}${minor}`;
    return wheel.tags.some(({ python, abi, platform }) => {
        if (!platformFits(platform, target.glibc))
            return false;
        if (abi === 'none')
            return python === cp || python === `py${major}` || pyMinorAtMost(python, major, minor);
        if (abi === 'abi3')
            return cpMinorAtMost(python, major, minor);
        return python === cp && (abi === cp || abi === `${cp}m`);
    });
}
function pyMinorAtMost(tag, major, minor) {
    const match = /^py(\d)(\d+)$/.exec(tag);
    return match !== null && Number(match[1]) === major && Number(match[2]) <= minor;
}
function cpMinorAtMost(tag, major, minor) {
    const match = /^cp(\d)(\d+)$/.exec(tag);
    return match !== null && Number(match[1]) === major && Number(match[2]) <= minor;
}
const LEGACY_MANYLINUX = { manylinux1: '2.5', manylinux2010: '2.12', manylinux2014: '2.17' };
function platformFits(platform, glibc) {
    if (platform === 'any' || platform === 'linux_x86_64')
        return true;
    if (!platform.endsWith('_x86_64'))
        return false;
    const stem = platform.slice(0, -'_x86_64'.length);
    const legacy = LEGACY_MANYLINUX[stem];
    const match = legacy ? /^(\d+)\.(\d+)$/.exec(legacy) : /^manylinux_(\d+)_(\d+)$/.exec(stem);
    if (!match)
        return false;
    const [major, minor] = glibc.split('.').map(Number);
    const needMajor = Number(match[1]);
    const needMinor = Number(match[2]);
    return needMajor < major || (needMajor === major && needMinor <= minor);
}


/***/ }),

/***/ 576:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Af: () => (/* binding */ textWithoutCredentials),
/* harmony export */   Ay: () => (/* binding */ withTrailingSlash),
/* harmony export */   Hy: () => (/* binding */ isLocalName),
/* harmony export */   Kk: () => (/* binding */ isInternalAddress),
/* harmony export */   O4: () => (/* binding */ urlCredentials),
/* harmony export */   ri: () => (/* binding */ withoutCredentials),
/* harmony export */   yv: () => (/* binding */ originOf)
/* harmony export */ });
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7030);
// URLs as the index client handles them: credentials cut out of anything shown, and the addresses a
// repository must not make the runner fetch (loopback, link-local, private networks: a cloud's
// metadata service at 169.254.169.254, an internal host).

/** The URL without its userinfo (`https://user:token@host/` -> `https://host/`); other text as it is. */
function withoutCredentials(url) {
    return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/@?#]*@/, '$1');
}
/** Every URL inside a text (an error message) without its userinfo. */
function textWithoutCredentials(text) {
    return text.replace(/([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/@?#\s'"]*@/g, '$1');
}
/** The user name and password written in a URL, decoded; null when it has none. */
function urlCredentials(url) {
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return null;
    }
    if (!parsed.username && !parsed.password)
        return null;
    return { username: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) };
}
/** `scheme://host:port`, what credentials are bound to: they are never sent to another origin. */
function originOf(url) {
    try {
        const parsed = new URL(url);
        return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
    }
    catch {
        return null;
    }
}
/** The URL with a trailing `/`, as pip joins project names to an index URL. */
function withTrailingSlash(url) {
    return url.endsWith('/') ? url : `${url}/`;
}
/**
 * Is the address (an IP literal) one a repository must not make the runner reach: loopback,
 * link-local, private (RFC 1918, unique local), unspecified, carrier-grade NAT, or IPv4-mapped forms of those?
 */
function isInternalAddress(address) {
    const host = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
    const family = (0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIP)(host);
    if (family === 4)
        return isInternalIpv4(host);
    if (family !== 6)
        return false;
    const lower = host.toLowerCase();
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
    if (mapped)
        return isInternalIpv4(mapped[1]);
    if (lower === '::' || lower === '::1')
        return true;
    const first = parseInt(lower.split(':')[0] || '0', 16);
    // fc00::/7 unique local, fe80::/10 link-local, fec0::/10 site-local (deprecated, still private).
    return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || (first & 0xffc0) === 0xfec0;
}
function isInternalIpv4(address) {
    const [a, b] = address.split('.').map(Number);
    return (a === 0 ||
        a === 10 ||
        a === 127 ||
        (a === 169 && b === 254) ||
        (a === 172 && b >= 16 && b <= 31) ||
        (a === 192 && b === 168) ||
        (a === 100 && b >= 64 && b <= 127));
}
/** Host names that name this machine whatever DNS says. */
function isLocalName(hostname) {
    const lower = hostname.toLowerCase().replace(/\.$/, '');
    return lower === 'localhost' || lower.endsWith('.localhost');
}


/***/ }),

/***/ 2337:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ MatrixFileError)
/* harmony export */ });
// The error that ends loading a matrix file, in its own module so that load.ts and the YAML reader it
// loads lazily (yaml-read.ts) can both throw it without importing each other.
/** Ends the load; caught in loadMatrix and turned into its one-line error. */
class MatrixFileError extends Error {
    constructor(file, line, path, message) {
        super(`${file}:${line}: ${path === '' ? '' : `${path}: `}${message}`);
    }
}


/***/ }),

/***/ 256:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   bo: () => (/* binding */ resolveProfileName),
/* harmony export */   iu: () => (/* binding */ loadMatrix),
/* harmony export */   kY: () => (/* binding */ needsYamlReader)
/* harmony export */ });
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4887);
/* harmony import */ var _pep440_specifier_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(720);
/* harmony import */ var _file_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2337);
/* harmony import */ var _schema_validate_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4510);
// Builds the effective matrix from the bundled matrix files and the repository's matrix file.
// Pure: the shell reads the texts (src/matrix/bundled.ts and the repository file) and passes them in.
//
// Every file goes through the same steps: YAML syntax, matrix/schema.json (which arrives as one of
// the bundled files), then the checks a schema cannot express (duplicate names after PEP 503
// normalisation, duplicate rule ids, unknown `extends`, inheritance cycles, unknown `profile`).
// The first problem ends the load with one line: `file:line: key: what is wrong`. A run takes the
// bundled files, as committed, without their schema check (LoadMatrixInput.bundledValidated): the
// tests do it.
//
// The generated bundled files (matrix/torch.yml, cuda-drivers.yml, cuda-image-tags.yml) are JSON,
// which is YAML too: they are read with JSON.parse, many times faster than a YAML parser on a cold
// start, and parsed as YAML only when a line number is needed. The hand-written ones (profiles.yml,
// rules.yml) arrive with their compiled form (scripts/generate-matrix.mjs): the value and key lines
// YAML would give, taken as they are while they were compiled from the very text at hand.




/** In `when`/`require`, this name stands for the interpreter version of the install set. */
const PYTHON_PSEUDO_PACKAGE = 'python';
/** Keys of a profile's `reasons` that are not packages. */
const PROFILE_FIELD_REASONS = ['python', 'cuda'];
/** The `format`s matrix/schema.json uses, checked with our PEP 440 implementation. */
const MATRIX_FORMATS = {
    'pep440-specifier': (value) => {
        const parsed = (0,_pep440_specifier_js__WEBPACK_IMPORTED_MODULE_0__/* .parseSpecifierSet */ .m0)(value);
        return parsed.ok ? null : parsed.message;
    },
};
function loadMatrix(input) {
    try {
        const schemaSource = input.bundled.find((source) => source.file.endsWith('.json'));
        if (schemaSource === undefined) {
            return { ok: false, error: 'the bundled matrix has no schema.json: the installation of compat-guard is incomplete' };
        }
        const validator = (0,_schema_validate_js__WEBPACK_IMPORTED_MODULE_2__/* .createValidator */ .fH)(parseSchema(schemaSource), MATRIX_FORMATS);
        const bundled = input.bundled
            .filter((source) => source !== schemaSource)
            .map((source) => readMatrixFile(source, input.bundledValidated && !needsYamlReader(source) ? null : validator, input.yaml ?? null));
        const repository = input.repository ? readMatrixFile(input.repository, validator, input.yaml ?? null) : null;
        return { ok: true, matrix: buildMatrix(bundled, repository) };
    }
    catch (error) {
        if (error instanceof _file_error_js__WEBPACK_IMPORTED_MODULE_1__/* .MatrixFileError */ .a)
            return { ok: false, error: error.message };
        throw error;
    }
}
/** The profile called `name`, or why there is none. */
function resolveProfileName(matrix, name) {
    const profile = Object.hasOwn(matrix.profiles, name) ? matrix.profiles[name] : undefined;
    return profile ?? { error: unknownProfile(name, Object.keys(matrix.profiles)) };
}
/** `unknown profile "x" (did you mean "y"? known: a, b, c)`, the did-you-mean only for a likely typo. */
function unknownProfile(name, known) {
    if (known.length === 0)
        return `unknown profile ${(0,_schema_validate_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(name)} (the matrix defines no profiles)`;
    const suggestion = (0,_schema_validate_js__WEBPACK_IMPORTED_MODULE_2__/* .didYouMean */ .au)(name, known);
    return `unknown profile ${(0,_schema_validate_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(name)} (${suggestion === null ? '' : `did you mean ${JSON.stringify(suggestion)}? `}known: ${[...known].sort().join(', ')})`;
}
function parseSchema(source) {
    try {
        const schema = JSON.parse(source.text);
        if (typeof schema === 'object' && schema !== null && !Array.isArray(schema))
            return schema;
    }
    catch (error) {
        throw new _file_error_js__WEBPACK_IMPORTED_MODULE_1__/* .MatrixFileError */ .a(source.file, 1, '', `not valid JSON (${error.message})`);
    }
    throw new _file_error_js__WEBPACK_IMPORTED_MODULE_1__/* .MatrixFileError */ .a(source.file, 1, '', 'a JSON Schema must be an object');
}
/**
 * Leading blank and `#` lines, where what follows starts with `{`: a file that may be JSON. (JSON has
 * no comments, but the generated files keep theirs: "do not edit" and the editor's schema line.)
 */
const JSON_AFTER_COMMENTS = /^(?:[ \t]*(?:#.*)?\r?\n)*(?=[ \t]*\{)/;
/**
 * Whether loadMatrix needs the YAML reader for the file's value: it is neither compiled from this very
 * text nor JSON. (The reader may still be needed for the line of a problem.)
 */
function needsYamlReader(source) {
    return compiledForm(source) === undefined && !JSON_AFTER_COMMENTS.test(source.text);
}
/** The file's compiled form, while it was compiled from the file's text. */
function compiledForm(source) {
    return source.compiled?.text === source.text ? source.compiled : undefined;
}
/** `validator` null: the file was validated ahead of the run (LoadMatrixInput.bundledValidated). */
function readMatrixFile(source, validator, reader) {
    let parsed = null;
    const yaml = () => {
        if (reader === null)
            throw new _file_error_js__WEBPACK_IMPORTED_MODULE_1__/* .MatrixFileError */ .a(source.file, 1, '', 'the YAML reader is needed (for a YAML file, or the line of a problem), and none was given');
        parsed ??= reader.parseYaml(source.text);
        return [reader, parsed];
    };
    const compiled = compiledForm(source);
    const value = compiled === undefined ? readValue(source, yaml) : compiled.value;
    const locate = (path, part) => {
        const [{ locateIn }, document] = yaml();
        return locateIn(document, path, part);
    };
    const [schemaError] = value === undefined || validator === null ? [] : validator.validate(value, locate, 1);
    if (schemaError !== undefined) {
        throw new _file_error_js__WEBPACK_IMPORTED_MODULE_1__/* .MatrixFileError */ .a(source.file, schemaError.line, schemaError.path, schemaError.message);
    }
    // The schema admits string keys only, so a value that passed it holds plain objects, no Maps.
    const data = (value ?? {});
    const lineAt = (path) => compiled?.keyLines[JSON.stringify(path)] ?? locate(path, 'key').line;
    const file = { file: source.file, data, lineAt };
    checkNames(file);
    return file;
}
/** The file's value: JSON.parse for a file that is JSON, else the YAML reader's. */
function readValue(source, yaml) {
    const json = readJson(source.text);
    if (json !== undefined)
        return json;
    const [{ yamlValue }, document] = yaml();
    return yamlValue(source.file, document);
}
/** The file's value if it is JSON (after leading comments); undefined for the YAML reader to read. */
function readJson(text) {
    const comments = JSON_AFTER_COMMENTS.exec(text);
    if (comments === null)
        return undefined;
    try {
        return JSON.parse(text.slice(comments[0].length));
    }
    catch {
        // A YAML flow mapping, or not valid at all: the YAML reader decides and reports.
        return undefined;
    }
}
/** Package names that collide once normalised, and `python` where only packages belong. */
function checkNames(file) {
    const checkPins = (pins, path, allowPython) => {
        if (pins === undefined)
            return;
        const seen = new Map();
        for (const name of Object.keys(pins)) {
            const key = (0,_model_js__WEBPACK_IMPORTED_MODULE_3__/* .canonicalName */ .Ew)(name);
            const location = [...path, name];
            if (!allowPython && key === PYTHON_PSEUDO_PACKAGE) {
                fail(file, location, 'the interpreter is set with the profile\'s "python" key, not as a package');
            }
            const earlier = seen.get(key);
            if (earlier !== undefined)
                fail(file, location, `${(0,_schema_validate_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(name)} and ${(0,_schema_validate_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(earlier)} name the same package (${key})`);
            seen.set(key, name);
        }
    };
    for (const [name, profile] of Object.entries(file.data.profiles ?? {})) {
        checkPins(profile.packages, ['profiles', name, 'packages'], false);
        checkPins(profile.reasons, ['profiles', name, 'reasons'], true);
    }
    (file.data.rules ?? []).forEach((rule, index) => {
        checkPins(rule.when, ['rules', index, 'when'], true);
        checkPins(rule.require, ['rules', index, 'require'], true);
    });
}
function fail(file, path, message) {
    throw new _file_error_js__WEBPACK_IMPORTED_MODULE_1__/* .MatrixFileError */ .a(file.file, file.lineAt(path), (0,_schema_validate_js__WEBPACK_IMPORTED_MODULE_2__/* .dottedPath */ .wM)(path), message);
}
function buildMatrix(bundled, repository) {
    const startsEmpty = repository?.data.extends === 'none';
    // Bundled profiles, rules and ignore entries give way to `extends: none`; facts always stay.
    const policyFiles = [...(startsEmpty ? [] : bundled), ...(repository ? [repository] : [])];
    const allFiles = [...bundled, ...(repository ? [repository] : [])];
    const profiles = resolveProfiles(policyFiles);
    const rules = collectRules(startsEmpty ? [] : bundled);
    for (const rule of repository ? collectRules([repository]) : []) {
        const index = rules.findIndex((existing) => existing.id === rule.id);
        if (index === -1)
            rules.push(rule);
        else
            rules[index] = rule;
    }
    let profile = null;
    for (const file of policyFiles) {
        const name = file.data.profile;
        if (name === undefined)
            continue;
        if (!Object.hasOwn(profiles, name))
            fail(file, ['profile'], unknownProfile(name, Object.keys(profiles)));
        profile = name;
    }
    // The fleet's driver: the last file that declares one (the repository's) wins.
    let driver = null;
    for (const file of policyFiles) {
        if (file.data.driver !== undefined)
            driver = { version: file.data.driver, origin: { file: file.file, line: file.lineAt(['driver']) } };
    }
    return {
        profile,
        driver,
        profiles,
        rules,
        ignore: policyFiles.flatMap((file) => (file.data.ignore ?? []).map((entry, index) => file === repository ? { ...entry, at: { file: file.file, line: file.lineAt(['ignore', index, 'rule']) } } : { ...entry })),
        facts: mergeFacts(allFiles),
        files: allFiles.map((file) => file.file),
    };
}
/** Rules of `files` in order, with ids unique among them. */
function collectRules(files) {
    const rules = [];
    const firstSeen = new Map();
    for (const file of files) {
        (file.data.rules ?? []).forEach((rule, index) => {
            const line = file.lineAt(['rules', index]);
            const earlier = firstSeen.get(rule.id);
            if (earlier !== undefined)
                fail(file, ['rules', index, 'id'], `duplicate rule id ${(0,_schema_validate_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(rule.id)} (first defined at ${earlier})`);
            firstSeen.set(rule.id, `${file.file}:${line}`);
            rules.push({
                id: rule.id,
                when: canonicalPins(rule.when ?? {}),
                require: canonicalPins(rule.require),
                severity: rule.severity ?? 'error',
                message: rule.message,
                ...(rule.source === undefined ? {} : { source: rule.source }),
                origin: { file: file.file, line },
            });
        });
    }
    return rules;
}
function canonicalPins(pins) {
    const result = {};
    for (const [name, specifier] of Object.entries(pins))
        result[(0,_model_js__WEBPACK_IMPORTED_MODULE_3__/* .canonicalName */ .Ew)(name)] = specifier;
    return result;
}
/** Profiles by name (a later file's profile replaces an earlier one of the same name), inheritance applied. */
function resolveProfiles(files) {
    const entries = new Map();
    for (const file of files) {
        for (const [name, document] of Object.entries(file.data.profiles ?? {}))
            entries.set(name, { name, document, file });
    }
    const resolved = new Map();
    for (const start of entries.values()) {
        if (resolved.has(start.name))
            continue;
        // Walk up the `extends` chain to a resolved or root profile, then resolve back down: no recursion.
        const chain = [start];
        const onChain = new Set([start.name]);
        let child = start;
        let parentName = start.document.extends;
        while (parentName !== undefined && !resolved.has(parentName)) {
            const parent = entries.get(parentName);
            if (parent === undefined)
                failProfile(child, ['extends'], unknownProfile(parentName, [...entries.keys()]));
            if (onChain.has(parentName)) {
                const cycle = [...chain.slice(chain.indexOf(parent)).map((link) => link.name), parentName];
                const hint = cycle.length === 2 ? ' (to change a profile, give yours a new name and extend that one)' : '';
                failProfile(child, ['extends'], `inheritance cycle ${cycle.join(' -> ')}${hint}`);
            }
            chain.push(parent);
            onChain.add(parentName);
            child = parent;
            parentName = parent.document.extends;
        }
        let resolvedParent = parentName === undefined ? null : (resolved.get(parentName) ?? null);
        for (const entry of chain.reverse()) {
            resolvedParent = resolveProfile(entry, resolvedParent);
            resolved.set(entry.name, resolvedParent);
        }
    }
    const profiles = {};
    for (const name of entries.keys()) {
        const profile = resolved.get(name);
        if (profile !== undefined)
            profiles[name] = profile;
    }
    return profiles;
}
function failProfile(entry, path, message) {
    return fail(entry.file, ['profiles', entry.name, ...path], message);
}
/** The profile with its parent applied: its own settings win, and a pin it changes drops the parent's reason. */
function resolveProfile(entry, parent) {
    const { document } = entry;
    const ownPackages = canonicalPins(document.packages ?? {});
    const ownReasons = canonicalPins(document.reasons ?? {});
    const repinned = new Set(Object.keys(ownPackages));
    if (document.python !== undefined)
        repinned.add('python');
    if (document.cuda !== undefined)
        repinned.add('cuda');
    const inheritedReasons = Object.entries(parent?.reasons ?? {}).filter(([key]) => !repinned.has(key));
    const python = document.python ?? parent?.python;
    const cuda = document.cuda ?? parent?.cuda;
    const profile = {
        name: entry.name,
        ...(document.description === undefined ? {} : { description: document.description }),
        ...(document.extends === undefined ? {} : { extends: document.extends }),
        ...(python === undefined ? {} : { python }),
        ...(cuda === undefined ? {} : { cuda }),
        packages: { ...parent?.packages, ...ownPackages },
        reasons: { ...Object.fromEntries(inheritedReasons), ...ownReasons },
        origin: { file: entry.file.file, line: entry.file.lineAt(['profiles', entry.name]) },
    };
    for (const [name, key] of Object.keys(document.reasons ?? {}).map((name) => [name, (0,_model_js__WEBPACK_IMPORTED_MODULE_3__/* .canonicalName */ .Ew)(name)])) {
        const explains = PROFILE_FIELD_REASONS.includes(key)
            ? profile[key] !== undefined
            : Object.hasOwn(profile.packages, key);
        if (!explains) {
            const suggestion = (0,_schema_validate_js__WEBPACK_IMPORTED_MODULE_2__/* .didYouMean */ .au)(key, [...Object.keys(profile.packages), ...PROFILE_FIELD_REASONS]);
            failProfile(entry, ['reasons', name], `profile ${(0,_schema_validate_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(entry.name)} pins no ${(0,_schema_validate_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(name)}${suggestion ? ` (did you mean ${JSON.stringify(suggestion)}?)` : ''}`);
        }
    }
    return profile;
}
/** Fact tables of every file, rows merged by key: a later file's row replaces an earlier one. */
function mergeFacts(files) {
    const torch = new Map();
    const torchCuda = new Map();
    const cudaDrivers = new Map();
    const cudaImageTags = {};
    const sources = { torch: '', torchCuda: '', cudaDrivers: '', cudaImageTags: '' };
    const asOf = { torchCuda: null, cudaImageTags: null };
    for (const { data } of files) {
        const facts = data.facts;
        if (facts === undefined)
            continue;
        if (facts.torch) {
            sources.torch = facts.torch.source;
            for (const [version, row] of Object.entries(facts.torch.releases))
                torch.set(version, { torch: version, ...row });
        }
        if (facts.torchCuda) {
            sources.torchCuda = facts.torchCuda.source;
            asOf.torchCuda = facts.torchCuda.asOf ?? null;
            const complete = new Set(facts.torchCuda.complete ?? []);
            const pypi = facts.torchCuda.pypi ?? {};
            for (const [minor, cuda] of Object.entries(facts.torchCuda.variants)) {
                torchCuda.set(minor, { torch: minor, cuda: [...cuda], complete: complete.has(minor), pypi: Object.hasOwn(pypi, minor) ? pypi[minor] : null });
            }
        }
        if (facts.cudaDrivers) {
            sources.cudaDrivers = facts.cudaDrivers.source;
            for (const [cuda, row] of Object.entries(facts.cudaDrivers.toolkits))
                cudaDrivers.set(cuda, { cuda, ...row });
        }
        if (facts.cudaImageTags) {
            sources.cudaImageTags = facts.cudaImageTags.source;
            asOf.cudaImageTags = facts.cudaImageTags.asOf ?? null;
            Object.assign(cudaImageTags, facts.cudaImageTags.tags);
        }
    }
    return {
        torch: [...torch.values()],
        torchCuda: [...torchCuda.values()],
        cudaDrivers: [...cudaDrivers.values()],
        cudaImageTags,
        asOf,
        sources,
    };
}


/***/ }),

/***/ 7783:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ profileNameProblem),
/* harmony export */   x: () => (/* binding */ defaultRecordFile)
/* harmony export */ });
// What may name a profile (matrix/schema.json's profileName), checked where a name is given on the
// command line or as an action input. Its own module: the CLI checks a name before loading yaml.
const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Where `--record-profile NAME` writes the profile unless told: `compat-profile-NAME.yml`. */
function defaultRecordFile(name) {
    return `compat-profile-${name}.yml`;
}
/** Why `name` cannot name a profile, or null. */
function profileNameProblem(name) {
    return PROFILE_NAME.test(name) ? null : `profile name ${JSON.stringify(name)} may hold only letters, digits, '.', '_' and '-', and starts with a letter or digit`;
}


/***/ }),

/***/ 4510:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CO: () => (/* binding */ NonStringKey),
/* harmony export */   au: () => (/* binding */ didYouMean),
/* harmony export */   fH: () => (/* binding */ createValidator),
/* harmony export */   hD: () => (/* binding */ quote),
/* harmony export */   wM: () => (/* binding */ dottedPath)
/* harmony export */ });
// Validates a matrix document against matrix/schema.json so that every error names the line it is
// on. It implements the subset of JSON Schema (draft 2020-12) that the schema uses - type, enum,
// properties, additionalProperties, propertyNames, required, minProperties, items, minItems,
// minLength, pattern, format, title and $ref into $defs - rather than pulling in a validator: the
// schema is ours, and the messages are the product (file, line, key, what is wrong, with a
// did-you-mean for misspelt keys).
//
// It checks plain values (what JSON.parse or the YAML reader in load.ts gives), not YAML nodes, and
// asks where a value was written only when it reports an error: for a file read as JSON, finding a
// line means parsing it again as YAML, and errors are rare (the bundled matrix is validated by the
// tests, and a repository's matrix file on every run).
/**
 * A key of a mapping that is not a string, as a path segment: YAML reads an unquoted 2.10 as the
 * number 2.1, which must be told apart from a key "2.1" when its line is looked up.
 */
class NonStringKey {
    value;
    constructor(value) {
        this.value = value;
    }
}
/** The longest value quoted in a message; hostile input must not produce megabyte error lines. */
const MAX_QUOTED_LENGTH = 60;
/** Suggestions only for short keys, so that distance computation stays cheap. */
const MAX_SUGGESTION_KEY_LENGTH = 64;
/** What a schema expects, in words; what a value is found to be is said by `foundWords`. */
const TYPE_WORDS = {
    object: 'a mapping',
    array: 'a list',
    string: 'a string',
    number: 'a number',
    integer: 'an integer',
    boolean: 'a boolean',
    null: 'null',
};
/** `"value"`, escaped and cut to a readable length. */
function quote(value) {
    const cut = value.length > MAX_QUOTED_LENGTH ? `${value.slice(0, MAX_QUOTED_LENGTH)}...` : value;
    return JSON.stringify(cut);
}
/** The candidate closest to `word` by edit distance, if close enough to be a likely typo. */
function didYouMean(word, candidates) {
    if (word.length > MAX_SUGGESTION_KEY_LENGTH)
        return null;
    const lower = word.toLowerCase();
    let best = null;
    let bestDistance = Math.max(1, Math.floor(word.length / 3)) + 1;
    for (const candidate of candidates) {
        if (candidate.length > MAX_SUGGESTION_KEY_LENGTH)
            continue;
        const distance = editDistance(lower, candidate.toLowerCase());
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}
function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
    for (let i = 1; i <= a.length; i += 1) {
        const current = [i];
        for (let j = 1; j <= b.length; j += 1) {
            const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
            current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
        }
        previous = current;
    }
    return previous[b.length] ?? 0;
}
/** `profiles.my-stack.packages`, `rules[0].when`: how messages name a path. */
function dottedPath(path) {
    return path.reduce((text, segment) => {
        if (typeof segment === 'number')
            return `${text}[${segment}]`;
        const key = segment instanceof NonStringKey ? String(segment.value) : segment;
        return text === '' ? key : `${text}.${key}`;
    }, '');
}
/** A `$ref` the schema does not define; reported wherever it is used. */
class UnresolvedRef {
    ref;
    constructor(ref) {
        this.ref = ref;
    }
}
function createValidator(schema, formats = {}) {
    // Everything derived from the schema is computed once per subschema, not once per value: the
    // bundled facts alone are thousands of values.
    const patterns = new Map();
    const patternOf = (source) => {
        let pattern = patterns.get(source);
        if (pattern === undefined) {
            pattern = new RegExp(source, 'u');
            patterns.set(source, pattern);
        }
        return pattern;
    };
    const resolved = new Map();
    const resolve = (subschema) => {
        let result = resolved.get(subschema);
        if (result === undefined) {
            result = resolveRef(schema, subschema);
            resolved.set(subschema, result);
        }
        return result;
    };
    const typesBySchema = new Map();
    const typesOf = (subschema) => {
        let types = typesBySchema.get(subschema);
        if (types === undefined) {
            types = expectedTypes(subschema);
            typesBySchema.set(subschema, types);
        }
        return types;
    };
    return {
        validate(root, locate, limit) {
            const errors = [];
            // The path of the value being checked, copied only into an error.
            const path = [];
            /** An error at the value (or key) being checked, shown under its first `shownDepth` path segments. */
            const report = (part, message, shownDepth = path.length) => {
                if (errors.length >= limit)
                    return;
                const location = locate([...path], part);
                const text = typeof message === 'string' ? message : message(location);
                errors.push({ line: location.line, path: dottedPath(path.slice(0, shownDepth)), message: text });
            };
            const check = (value, rawSchema, part) => {
                if (errors.length >= limit)
                    return;
                const subschema = resolve(rawSchema);
                if (subschema instanceof UnresolvedRef) {
                    report(part, `the schema refers to ${quote(subschema.ref)}, which it does not define`);
                    return;
                }
                const actual = typeOf(value);
                const expected = typesOf(subschema);
                if (expected !== null && !typeMatches(actual, expected)) {
                    const scalar = actual !== 'null' && !isCollection(value);
                    report(part, (location) => {
                        const hint = scalar && expected.includes('string')
                            ? ` (put it in quotes: ${JSON.stringify(location.source ?? String(value))})`
                            : '';
                        return `expected ${expected.map((type) => TYPE_WORDS[type]).join(' or ')}, got ${foundWords(actual, location.source)}${hint}`;
                    });
                    return;
                }
                if (Array.isArray(subschema.enum) && !isCollection(value) && !subschema.enum.includes(value)) {
                    const allowed = subschema.enum.map((option) => JSON.stringify(option));
                    const suggestion = typeof value === 'string'
                        ? didYouMean(value, subschema.enum.filter((option) => typeof option === 'string'))
                        : null;
                    report(part, `${quote(String(value))} is not one of ${allowed.join(', ')}${suggestion ? ` (did you mean ${JSON.stringify(suggestion)}?)` : ''}`);
                    return;
                }
                if (typeof value === 'string') {
                    checkString(value, subschema, part);
                }
                else if (Array.isArray(value)) {
                    checkSeq(value, subschema);
                }
                else if (isCollection(value)) {
                    checkMap(value, subschema);
                }
            };
            const checkString = (value, subschema, part) => {
                const title = typeof subschema.title === 'string' ? subschema.title : null;
                if (typeof subschema.minLength === 'number' && value.length < subschema.minLength) {
                    report(part, subschema.minLength === 1 ? 'must not be empty' : `must be at least ${subschema.minLength} characters long`);
                    return;
                }
                if (typeof subschema.pattern === 'string' && !patternOf(subschema.pattern).test(value)) {
                    report(part, title ? `${quote(value)} is not a valid ${title}` : `${quote(value)} does not match ${subschema.pattern}`);
                    return;
                }
                if (typeof subschema.format === 'string') {
                    const why = formats[subschema.format]?.(value) ?? null;
                    if (why !== null)
                        report(part, `${quote(value)} is not a valid ${title ?? subschema.format} (${why})`);
                }
            };
            const checkMap = (value, subschema) => {
                const properties = (subschema.properties ?? {});
                const propertyNames = subschema.propertyNames;
                const additional = subschema.additionalProperties;
                const present = Array.isArray(subschema.required) ? new Set() : null;
                let count = 0;
                const checkEntry = (rawKey, child) => {
                    const key = String(rawKey);
                    present?.add(key);
                    const declared = Object.hasOwn(properties, key) ? properties[key] : undefined;
                    if (declared !== undefined) {
                        check(child, declared, 'value');
                        return;
                    }
                    if (additional === false) {
                        const known = Object.keys(properties);
                        const suggestion = didYouMean(key, known);
                        report('key', `unknown key ${quote(key)} (${suggestion ? `did you mean ${JSON.stringify(suggestion)}?` : `expected one of: ${known.join(', ')}`})`, path.length - 1);
                        return;
                    }
                    if (propertyNames !== undefined) {
                        const before = errors.length;
                        check(rawKey, propertyNames, 'key');
                        if (errors.length > before)
                            return;
                    }
                    if (typeof additional === 'object')
                        check(child, additional, 'value');
                };
                const visit = (rawKey, child) => {
                    count += 1;
                    path.push(typeof rawKey === 'string' ? rawKey : new NonStringKey(rawKey));
                    checkEntry(rawKey, child);
                    path.pop();
                };
                if (value instanceof Map) {
                    for (const [rawKey, child] of value)
                        if (errors.length < limit)
                            visit(rawKey, child);
                }
                else {
                    // Object.keys, not entries: no pair per key, and no iterator to destructure, which is
                    // slow before the JIT has warmed up - and this runs once, cold, over thousands of keys.
                    const record = value;
                    for (const key of Object.keys(record))
                        if (errors.length < limit)
                            visit(key, record[key]);
                }
                if (present !== null) {
                    for (const key of subschema.required) {
                        if (typeof key === 'string' && !present.has(key))
                            report('value', `missing required key ${JSON.stringify(key)}`);
                    }
                }
                if (typeof subschema.minProperties === 'number' && count < subschema.minProperties) {
                    report('value', `must have at least ${subschema.minProperties} ${subschema.minProperties === 1 ? 'entry' : 'entries'}`);
                }
            };
            const checkSeq = (value, subschema) => {
                if (typeof subschema.minItems === 'number' && value.length < subschema.minItems) {
                    const minItems = subschema.minItems;
                    report('value', () => `must have at least ${minItems} ${minItems === 1 ? 'item' : 'items'}`);
                    return;
                }
                const items = subschema.items;
                if (items === undefined)
                    return;
                value.forEach((item, index) => {
                    path.push(index);
                    check(item, items, 'value');
                    path.pop();
                });
            };
            check(root, schema, 'value');
            return errors;
        },
    };
}
/** `subschema` with its `$ref` followed; a $ref's siblings (e.g. minProperties beside it) apply as well. */
function resolveRef(schema, subschema) {
    const ref = subschema.$ref;
    if (typeof ref !== 'string')
        return subschema;
    const prefix = '#/$defs/';
    const defs = schema.$defs;
    const target = ref.startsWith(prefix) && defs ? defs[ref.slice(prefix.length)] : undefined;
    if (target === undefined)
        return new UnresolvedRef(ref);
    const { $ref: _ref, ...siblings } = subschema;
    return { ...target, ...siblings };
}
/** A mapping or a list: anything typeOf does not call a scalar. */
function isCollection(value) {
    return typeof value === 'object' && value !== null;
}
// YAML 1.2's core schema integers; any other number it reads (`3.10`, `1e3`, `.inf`) is a float.
const YAML_INTEGER = /^[-+]?(?:[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
/**
 * What a value is, in the words of the YAML it was written in: a number is an integer or a float by
 * how it is written, as YAML types it (`1e3` is the float 1000, though JSON Schema would call it an
 * integer). Without the text as written, by its value.
 */
function foundWords(actual, source) {
    if (actual !== 'integer' && actual !== 'number')
        return TYPE_WORDS[actual];
    const integer = source === undefined ? actual === 'integer' : YAML_INTEGER.test(source);
    return integer ? 'an integer' : 'a float';
}
function typeOf(value) {
    if (value === null || value === undefined)
        return 'null';
    if (Array.isArray(value))
        return 'array';
    switch (typeof value) {
        case 'object':
            return 'object';
        case 'number':
            return Number.isInteger(value) ? 'integer' : 'number';
        case 'bigint':
            return 'integer';
        case 'boolean':
            return 'boolean';
        default:
            return 'string';
    }
}
/** The types a schema admits, from `type` or, failing that, from its `enum`; null when any type goes. */
function expectedTypes(subschema) {
    const { type } = subschema;
    if (typeof type === 'string')
        return [type];
    if (Array.isArray(type))
        return type;
    if (Array.isArray(subschema.enum)) {
        return [...new Set(subschema.enum.map((value) => (value === null ? 'null' : typeof value)))];
    }
    return null;
}
function typeMatches(actual, expected) {
    return expected.includes(actual) || (actual === 'integer' && expected.includes('number'));
}


/***/ }),

/***/ 4887:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ew: () => (/* binding */ canonicalName),
/* harmony export */   GW: () => (/* binding */ bareRequirement),
/* harmony export */   KW: () => (/* binding */ factPosition),
/* harmony export */   oC: () => (/* binding */ SEVERITIES),
/* harmony export */   qs: () => (/* binding */ severityRank),
/* harmony export */   sX: () => (/* binding */ emptyFile)
/* harmony export */ });
// The records that flow parse -> check -> report. They are plain data (JSON-serialisable) so that
// `compat-guard parse` and the JSON report can print them as they are, and `check` reads the same
// records `parse` prints.
//
// Positions are 1-based and both ends are inclusive, as the contract's example shows: the
// 13-character token `numpy==1.24.4` at column 1 has endColumn 13. (SARIF's endColumn is exclusive:
// its writer adds one.)
/** Highest first. */
const SEVERITIES = ['error', 'warning', 'notice'];
/** 2 for error, 1 for warning, 0 for notice: compare with `>=`. */
function severityRank(severity) {
    return severity === 'error' ? 2 : severity === 'warning' ? 1 : 0;
}
/** A fact's position from its token's span: `endLine` only where the token ends on a later line. */
function factPosition(span) {
    if (span.endLine === span.line)
        return { line: span.line, column: span.column, endColumn: span.endColumn };
    return { line: span.line, column: span.column, endLine: span.endLine, endColumn: span.endColumn };
}
/**
 * A requirement of a name and a specifier only (no extras, marker or URL), at `span`: what a conda spec or
 * a base image's tag gives, as opposed to a PEP 508 string.
 */
function bareRequirement(name, key, specifier, span) {
    return {
        name,
        key,
        extras: [],
        specifier,
        marker: null,
        url: null,
        editable: false,
        constraint: false,
        line: span.line,
        endLine: span.endLine,
        column: span.column,
        endColumn: span.endColumn,
    };
}
/** A file with nothing read from it yet: each reader fills the lists (key order is `parse`'s output order). */
function emptyFile(path, kind) {
    return { path, kind, requirements: [], python: [], cuda: [], images: [], indexes: [], includes: [], suppressions: [] };
}
/** PEP 503 name normalisation. */
function canonicalName(name) {
    // Most names are already normal: check before building a new string.
    for (let index = 0; index < name.length; index++) {
        const c = name.charCodeAt(index);
        const normal = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c === 0x2d && name.charCodeAt(index - 1) !== 0x2d);
        if (!normal)
            return name.replace(/[-_.]+/g, '-').toLowerCase();
    }
    return name;
}


/***/ }),

/***/ 2950:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Af: () => (/* binding */ isBuildDefinitionFile),
/* harmony export */   Kn: () => (/* binding */ isBakeFile),
/* harmony export */   Kr: () => (/* binding */ isWorkflowFile),
/* harmony export */   Pv: () => (/* binding */ isComposeFile),
/* harmony export */   QZ: () => (/* binding */ isBuildScript)
/* harmony export */ });
// Which repository files may define builds, by name alone: kept apart from the readers so that the
// file walk can ask without loading the yaml package.
/** `compose.yaml`, `docker-compose.yml`, `docker-compose.gpu.yml`, `compose.override.yaml`... */
function isComposeFile(path) {
    const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
    return /^(?:docker-)?compose(?:[.-][^/]*)?\.ya?ml$/.test(base);
}
function isWorkflowFile(path) {
    return /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path);
}
function isBakeFile(path) {
    return /^docker-bake(?:\.override)?\.(?:hcl|json)$/.test(path.slice(path.lastIndexOf('/') + 1));
}
/** Shell scripts and Makefiles, where `docker build` lines are. */
function isBuildScript(path) {
    const base = path.slice(path.lastIndexOf('/') + 1);
    return /\.(?:sh|bash)$/.test(base) || /^(?:GNU)?[Mm]akefile$/.test(base) || base.endsWith('.mk');
}
function isBuildDefinitionFile(path) {
    return isComposeFile(path) || isWorkflowFile(path) || isBakeFile(path) || isBuildScript(path);
}


/***/ }),

/***/ 6781:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  gZ: () => (/* binding */ MAX_FILE_BYTES),
  I8: () => (/* binding */ createFileSource),
  ZO: () => (/* binding */ discoverFiles),
  CS: () => (/* binding */ listFiles)
});

// UNUSED EXPORTS: kindOfPath

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./lib/src/parse/glob.js
var parse_glob = __webpack_require__(4966);
;// CONCATENATED MODULE: ./lib/src/parse/gitignore.js
// The subset of .gitignore semantics discovery needs: comments, `!` negation (last match wins),
// patterns anchored by a slash, folder-only patterns ending in `/`, and nested .gitignore files whose
// patterns are relative to their own folder.
//
// Every path the walk meets is tested against every pattern in scope, so that a .gitignore of
// thousands of lines (generated ones exist; a hostile one of 100,000 took minutes) would cost
// patterns x paths regex tests. Most patterns are a plain name (`node_modules`), a plain path
// (`/build/out`) or a plain extension (`*.pyc`): those are looked up by the path's name, path or
// extensions, and only the others are tested one by one.

function parseGitignore(base, text) {
    const rules = { base, patterns: [], byName: new Map(), byPath: new Map(), bySuffix: new Map(), others: [] };
    for (const raw of text.split(/\r?\n/)) {
        let line = raw.replace(/(?<!\\)\s+$/, '');
        if (line === '' || line.startsWith('#'))
            continue;
        const negated = line.startsWith('!');
        if (negated)
            line = line.slice(1);
        if (line.startsWith('\\#') || line.startsWith('\\!'))
            line = line.slice(1);
        const folderOnly = line.endsWith('/');
        if (folderOnly)
            line = line.slice(0, -1);
        if (line === '')
            continue;
        // A slash at the start or in the middle anchors the pattern to the .gitignore's folder.
        const anchored = line.slice(0, -1).includes('/') || line.startsWith('/');
        const glob = anchored ? line.replace(/^\//, '') : `**/${line}`;
        const index = rules.patterns.push({ regexp: (0,parse_glob/* globToRegExp */.tL)(glob), negated, folderOnly }) - 1;
        const plainTail = line.slice(1);
        if (anchored && !GLOB_SYNTAX.test(glob))
            addTo(rules.byPath, glob, index);
        else if (!anchored && !GLOB_SYNTAX.test(line) && !line.includes('/'))
            addTo(rules.byName, line, index);
        else if (!anchored && line.startsWith('*') && plainTail.startsWith('.') && !GLOB_SYNTAX.test(plainTail) && !plainTail.includes('/'))
            addTo(rules.bySuffix, plainTail, index);
        else
            rules.others.push(index);
    }
    return rules;
}
/** What makes a pattern more than its own text: glob characters and escapes. */
const GLOB_SYNTAX = /[*?[\\]/;
function addTo(map, key, index) {
    const indices = map.get(key);
    if (indices === undefined)
        map.set(key, [index]);
    else
        indices.push(index);
}
/** Whether `path` (repository-relative) is ignored by the rules in scope, outermost first. */
function isIgnored(path, isFolder, rules) {
    let ignored = false;
    for (const scope of rules) {
        const { base } = scope;
        if (base !== '' && !path.startsWith(base + '/'))
            continue;
        const relative = base === '' ? path : path.slice(base.length + 1);
        const last = lastMatch(scope, relative, isFolder);
        if (last >= 0)
            ignored = !scope.patterns[last].negated;
    }
    return ignored;
}
/** The index of the last pattern of `rules` that matches `relative`, or -1. */
function lastMatch(rules, relative, isFolder) {
    const name = relative.slice(relative.lastIndexOf('/') + 1);
    let last = -1;
    const consider = (indices) => {
        if (indices === undefined)
            return;
        for (let at = indices.length - 1; at >= 0 && indices[at] > last; at--) {
            const index = indices[at];
            if (isFolder || !rules.patterns[index].folderOnly) {
                last = index;
                return;
            }
        }
    };
    consider(rules.byName.get(name));
    consider(rules.byPath.get(relative));
    for (let dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1))
        consider(rules.bySuffix.get(name.slice(dot)));
    // Only a later pattern can change the answer: the others are tried from the last down to it.
    for (let at = rules.others.length - 1; at >= 0 && rules.others[at] > last; at--) {
        const index = rules.others[at];
        const pattern = rules.patterns[index];
        if ((isFolder || !pattern.folderOnly) && pattern.regexp.test(relative))
            return index;
    }
    return last;
}

;// CONCATENATED MODULE: ./lib/src/parse/discover.js
// Finding and reading the repository's files: the only part of the reader that touches the file
// system. Nothing outside the root is ever read: explicit paths, includes and symlinks that lead out
// are refused with a diagnostic.




/** Larger files are refused: no requirements file or Dockerfile is anywhere near this. */
const MAX_FILE_BYTES = 32 * 1024 * 1024;
/** Bounds a walk through a pathological tree; the rest of the repository is still checked. */
const MAX_ENTRIES = 500_000;
const SKIPPED_FOLDERS = new Set([
    '.git',
    '.hg',
    '.svn',
    'node_modules',
    '.tox',
    '.nox',
    '.venv',
    'venv',
    'site-packages',
    '__pycache__',
    '.eggs',
    '.mypy_cache',
    '.pytest_cache',
    '.ruff_cache',
    'build',
    'dist',
    '_build',
    '.cache',
]);
/**
 * Names that end in `.in` but are templates, not pip-tools inputs: setuptools manifests, CMake,
 * autoconf and automake inputs, and any `NAME.EXT.in` that renders to another kind of file.
 */
const TEMPLATE_IN = /^(?:manifest|makefile|config|configure)(?:[._-].*)?\.in$|\.(?:cmake|h|hh|hpp|c|cc|cpp|cu|py|pyx|pxd|sh|bash|txt|cfg|ini|toml|ya?ml|json|xml|html?|pc|spec|rst|md|am|ac|m4|conf|service|desktop|rb|js|ts|tmpl|j2)\.in$/i;
/**
 * Files named like a Dockerfile that are not one: BuildKit's per-Dockerfile ignore file, notes,
 * scripts, and templates rendered into a Dockerfile (`Dockerfile-uv.jinja`, `Dockerfile.in`).
 */
const NOT_A_DOCKERFILE = /\.(?:dockerignore|md|rst|txt|sh|py|ya?ml|json|toml|lock|jinja2?|j2|tmpl|tpl|template|in|erb|mustache|hbs|njk|bak|orig|swp)$/i;
function isDockerfileName(lower) {
    if (NOT_A_DOCKERFILE.test(lower))
        return false;
    return (lower === 'dockerfile' ||
        lower === 'containerfile' ||
        /^(?:dockerfile[._-]|containerfile\.)/.test(lower) ||
        lower.endsWith('.dockerfile'));
}
/**
 * The names conda environment files go by: `environment.yml` and `.yaml`, and the broader
 * `environment*.yml` and `conda*.yml` (kept only where conda-environment.ts `isCondaEnvironment` says so).
 */
function isCondaEnvironmentName(base) {
    return /^(?:environment|conda)[^/]*\.ya?ml$/i.test(base);
}
/**
 * The kind a discovered file is read as, or null when discovery leaves it alone. `isFile` answers
 * whether a repository-relative path is a file: `X.in` is a pip-tools input only beside the `X.txt`
 * compiled from it (without it, only the names below say so).
 */
function kindOfPath(relativePath, isFile = () => false) {
    const base = relativePath.slice(relativePath.lastIndexOf('/') + 1);
    const lower = base.toLowerCase();
    if (base === 'pyproject.toml')
        return 'pyproject';
    if (isDockerfileName(lower))
        return 'dockerfile';
    if (isCondaEnvironmentName(base))
        return 'conda';
    const inRequirementsFolder = /(^|\/)requirements\//i.test(relativePath);
    if (lower.endsWith('.txt')) {
        if (lower.startsWith('constraints'))
            return 'constraints';
        if (lower.startsWith('requirement') || /[-_]requirements\.txt$/.test(lower) || inRequirementsFolder)
            return 'requirements';
        return null;
    }
    // pip-tools and `uv pip compile` inputs; everything else named *.in is a template of some other file.
    if (!lower.endsWith('.in') || TEMPLATE_IN.test(lower))
        return null;
    if (lower.startsWith('constraints'))
        return 'constraints';
    if (lower.startsWith('requirement') || inRequirementsFolder || isFile(`${relativePath.slice(0, -3)}.txt`))
        return 'requirements';
    return null;
}
/** The kind of a file the user named explicitly: its name decides, else it is read as requirements. */
function kindOfExplicitPath(relativePath) {
    const known = kindOfPath(relativePath);
    if (known)
        return known;
    const lower = relativePath.toLowerCase();
    if (lower.endsWith('.toml'))
        return 'pyproject';
    if (lower.endsWith('.yml') || lower.endsWith('.yaml'))
        return 'conda';
    if (/(docker|container)file/.test(lower))
        return 'dockerfile';
    return 'requirements';
}
function toRelative(root, absolute) {
    const relative = external_node_path_.relative(root, absolute);
    if (relative === '')
        return '';
    if (relative.startsWith('..') || external_node_path_.isAbsolute(relative))
        return null;
    return relative.split(external_node_path_.sep).join('/');
}
/**
 * `plainFiles`: regular files the walk reached through real folders (no symlink on the way), which
 * need no symlink resolution; they are opened with O_NOFOLLOW, so that one replaced by a symlink since
 * the walk is refused rather than followed.
 */
function createFileSource(root, plainFiles = new Set()) {
    const realRoot = safeRealpath(root) ?? root;
    const buffer = new ReadBuffer();
    const resolveInside = (relativePath) => {
        const absolute = external_node_path_.resolve(root, relativePath);
        if (toRelative(root, absolute) === null)
            return { ok: false, message: 'outside the repository; not read' };
        let real;
        try {
            // The native realpath is one system call; the JavaScript one lstats every path component.
            real = external_node_fs_.realpathSync.native(absolute);
        }
        catch (error) {
            const code = error.code;
            if (code === 'ELOOP')
                return { ok: false, message: 'symlink loop; not read' };
            if (code === 'ENOENT')
                return { ok: false, message: 'no such file' };
            return { ok: false, message: `cannot be read (${code ?? 'error'})` };
        }
        if (toRelative(realRoot, real) === null) {
            return { ok: false, message: 'is a symlink to outside the repository; not read' };
        }
        return { ok: true, real };
    };
    return {
        list(relativePath) {
            const resolved = resolveInside(relativePath === '' ? '.' : relativePath);
            if (!resolved.ok)
                return null;
            try {
                return external_node_fs_.readdirSync(resolved.real, { withFileTypes: true })
                    .filter((entry) => entry.isFile())
                    .map((entry) => entry.name)
                    .sort();
            }
            catch {
                return null;
            }
        },
        read(relativePath) {
            if (plainFiles.has(relativePath))
                return readRegularFile(external_node_path_.join(root, relativePath), NO_FOLLOW, buffer);
            const resolved = resolveInside(relativePath);
            return resolved.ok ? readRegularFile(resolved.real, 0, buffer) : resolved;
        },
        isFile(relativePath) {
            if (plainFiles.has(relativePath))
                return true;
            const resolved = resolveInside(relativePath);
            if (!resolved.ok)
                return false;
            try {
                return external_node_fs_.statSync(resolved.real).isFile();
            }
            catch {
                return false;
            }
        },
        leadsOutside(relativePath) {
            const absolute = external_node_path_.resolve(root, relativePath);
            if (toRelative(root, absolute) === null)
                return true;
            // The longest part of the path that exists decides: a missing file below `etc -> /etc` is outside
            // too, and so is one below a link to a place outside that does not exist (`etc -> /gone`).
            for (let existing = absolute; toRelative(root, existing) !== null; existing = external_node_path_.dirname(existing)) {
                const real = safeRealpath(existing);
                if (real !== null)
                    return toRelative(realRoot, real) === null;
                const target = danglingLinkTarget(existing);
                if (target !== null && toRelative(realRoot, external_node_path_.resolve(external_node_path_.dirname(existing), target)) === null)
                    return true;
            }
            return false;
        },
    };
}
/**
 * `tracked`: the files git tracks below the root (see trackedFiles), or null outside a git checkout.
 * A tracked file is read even where a .gitignore pattern matches it: .gitignore hides untracked files
 * only. Without git, .gitignore patterns hide what they match.
 */
function discoverFiles(root, targets, tracked = null) {
    const diagnostics = [];
    const plainFiles = new Set();
    const found = new Map();
    const globs = [];
    const folders = [];
    const excluded = exclusions(targets);
    const included = targets.filter((target) => !target.startsWith('!'));
    for (const target of included.length > 0 ? included : ['.']) {
        if ((0,parse_glob/* hasGlobChars */.ed)(target)) {
            globs.push((0,parse_glob/* globToRegExp */.tL)(target.replace(/^\.\//, '')));
            continue;
        }
        const relative = toRelative(root, external_node_path_.resolve(root, target));
        if (relative === null) {
            diagnostics.push({ file: target, line: 1, severity: 'error', message: `${target} is outside the repository root ${root}; not read` });
            continue;
        }
        let stat;
        try {
            stat = external_node_fs_.statSync(external_node_path_.resolve(root, target));
        }
        catch {
            diagnostics.push({ file: relative || '.', line: 1, severity: 'error', message: `${target}: no such file or folder` });
            continue;
        }
        if (!stat.isDirectory()) {
            found.set(relative, kindOfExplicitPath(relative));
        }
        else if (!leadsInside(root, relative)) {
            // Walked, a folder that is a symlink out of the root would have its tree listed, and the names of its files reported.
            diagnostics.push({
                file: relative,
                line: 1,
                severity: 'error',
                message: `${relative} is a symlink to outside the repository; not read`,
            });
        }
        else {
            folders.push(relative);
        }
    }
    for (const folder of folders) {
        walk(root, folder, diagnostics, tracked, (file, plain, isFile) => {
            const kind = kindOfPath(file, isFile);
            if (!kind)
                return;
            found.set(file, kind);
            if (plain)
                plainFiles.add(file);
        });
    }
    if (globs.length > 0) {
        walk(root, '', diagnostics, tracked, (file) => {
            if (globs.some((glob) => glob.test(file)))
                found.set(file, found.get(file) ?? kindOfExplicitPath(file));
        });
    }
    const files = [...found]
        .filter(([file]) => !excluded.some((exclude) => exclude(file)))
        .map(([file, kind]) => ({ path: file, kind }))
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { files, diagnostics, plainFiles };
}
/** What the `!` targets leave out: `!docs` (the folder's tree, or that file), `!legacy/*.in` (a glob's matches). */
function exclusions(targets) {
    return targets
        .filter((target) => target.startsWith('!'))
        .map((target) => target.slice(1).trim().replace(/^\.\//, '').replace(/\/+$/, ''))
        .filter((pattern) => pattern !== '')
        .map((pattern) => {
        if ((0,parse_glob/* hasGlobChars */.ed)(pattern)) {
            const glob = (0,parse_glob/* globToRegExp */.tL)(pattern);
            return (file) => glob.test(file);
        }
        return (file) => file === pattern || file.startsWith(`${pattern}/`);
    });
}
/**
 * The repository's files that `accept` takes (besides the files checked: build definitions), walked
 * as discovery walks (.gitignore, skipped folders, symlinked folders not followed); walk warnings are
 * discoverFiles' to give, so they are not repeated here.
 */
function listFiles(root, accept) {
    const files = [];
    walk(root, '', [], null, (file) => {
        if (accept(file))
            files.push(file);
    });
    return files.sort();
}
/** Breadth-first, iterative (deep trees cannot overflow the stack), symlinked folders not followed. */
function walk(root, start, diagnostics, tracked, onFile) {
    const trackedFolders = tracked === null ? null : foldersOf(tracked);
    // A start folder given by the user may itself be (or lie below) a symlink: its files are not plain.
    const startIsReal = isRealFolder(root, start);
    // `ignored`: the folder is ignored and entered only for the files git tracks in it.
    const queue = [
        { folder: start, ignores: inheritedIgnores(root, start), ignored: false },
    ];
    let entries = 0;
    // Read from its head: shift() on a queue of many thousand folders moves all the others each time.
    for (let head = 0; head < queue.length; head++) {
        const { folder, ignores: inherited, ignored: folderIgnored, } = queue[head];
        const absolute = external_node_path_.join(root, folder);
        let names;
        try {
            names = external_node_fs_.readdirSync(absolute, { withFileTypes: true });
        }
        catch (error) {
            // Said, not skipped quietly: a path past the system's limit (deep folders of long names) or a
            // folder without read permission hides every file below it.
            const code = error.code ?? 'error';
            diagnostics.push({
                file: folder || '.',
                line: 1,
                severity: 'warning',
                message: `folder cannot be searched (${code}); the files below it are not checked`,
            });
            continue;
        }
        if (names.some((entry) => entry.name === 'pyvenv.cfg'))
            continue; // a virtual environment
        const ignores = names.some((entry) => entry.name === '.gitignore') ? withGitignore(root, folder, inherited) : inherited;
        const prefix = folder === '' ? '' : `${folder}/`;
        const fileNames = new Set(names.filter((entry) => !entry.isDirectory()).map((entry) => entry.name));
        const isFile = (relativePath) => relativePath.startsWith(prefix) && fileNames.has(relativePath.slice(prefix.length));
        for (const entry of names) {
            if (++entries > MAX_ENTRIES) {
                diagnostics.push({
                    file: folder || '.',
                    line: 1,
                    severity: 'warning',
                    message: `more than ${MAX_ENTRIES} entries below the root; the rest was not searched`,
                });
                return;
            }
            const relative = folder === '' ? entry.name : `${folder}/${entry.name}`;
            if (entry.isDirectory()) {
                if (SKIPPED_FOLDERS.has(entry.name) || entry.name.endsWith('.egg-info'))
                    continue;
                const ignored = folderIgnored || isIgnored(relative, true, ignores);
                if (ignored && !trackedFolders?.has(relative))
                    continue;
                queue.push({ folder: relative, ignores, ignored });
            }
            else if (entry.isFile() || entry.isSymbolicLink()) {
                if (!tracked?.has(relative) && (folderIgnored || isIgnored(relative, false, ignores)))
                    continue;
                onFile(relative, startIsReal && entry.isFile(), isFile);
            }
        }
    }
}
/** Every folder that holds one of `files`, at any depth: a walk must enter them even when ignored. */
function foldersOf(files) {
    const folders = new Set();
    for (const file of files) {
        for (let slash = file.lastIndexOf('/'); slash > 0; slash = file.lastIndexOf('/', slash - 1)) {
            const folder = file.slice(0, slash);
            if (folders.has(folder))
                break;
            folders.add(folder);
        }
    }
    return folders;
}
/** True when `folder` (relative to the root) is reached from the root without passing a symlink. */
function isRealFolder(root, folder) {
    if (folder === '')
        return true;
    const realRoot = safeRealpath(root);
    const real = safeRealpath(external_node_path_.join(root, folder));
    return realRoot !== null && real !== null && real === external_node_path_.join(realRoot, folder);
}
/** True when `folder` (relative to the root), symlinks resolved, is the root or inside it. */
function leadsInside(root, folder) {
    const realRoot = safeRealpath(root);
    const real = safeRealpath(external_node_path_.join(root, folder));
    return realRoot !== null && real !== null && toRelative(realRoot, real) !== null;
}
function withGitignore(root, folder, inherited) {
    // Read as the checked files are: a symlink is not followed (git does not follow one either), so
    // that no file outside the root is read, and a FIFO or /dev/zero in its place cannot hang the walk.
    const read = readRegularFile(external_node_path_.join(root, folder, '.gitignore'), NO_FOLLOW, new ReadBuffer());
    return read.ok ? [...inherited, parseGitignore(folder, new TextDecoder().decode(read.bytes))] : inherited;
}
/** The .gitignore files of the folders above `start`, so that a walk from a sub-folder honours them. */
function inheritedIgnores(root, start) {
    if (start === '')
        return [];
    let rules = [];
    const parts = start.split('/');
    for (let depth = 0; depth < parts.length; depth++) {
        rules = withGitignore(root, parts.slice(0, depth).join('/'), rules);
    }
    return rules;
}
const NO_FOLLOW = external_node_fs_.constants.O_NOFOLLOW ?? 0;
/** One open, fstat, read and close: the file's bytes, or why they were not read. */
function readRegularFile(absolute, flags, buffer) {
    let fd;
    try {
        // O_NONBLOCK: opening a FIFO must not wait for a writer (fstat then refuses it).
        fd = external_node_fs_.openSync(absolute, external_node_fs_.constants.O_RDONLY | (external_node_fs_.constants.O_NONBLOCK ?? 0) | flags);
    }
    catch (error) {
        const code = error.code;
        return { ok: false, message: code === 'ELOOP' ? 'is a symlink; not read' : `cannot be read (${code ?? 'error'})` };
    }
    try {
        const stat = external_node_fs_.fstatSync(fd);
        if (!stat.isFile())
            return { ok: false, message: 'not a regular file; not read' };
        if (stat.size > MAX_FILE_BYTES)
            return { ok: false, message: `${stat.size} bytes, over the ${MAX_FILE_BYTES}-byte limit; not read` };
        return { ok: true, bytes: buffer.readAll(fd, stat.size) };
    }
    catch (error) {
        return { ok: false, message: `cannot be read (${error.code ?? 'error'})` };
    }
    finally {
        external_node_fs_.closeSync(fd);
    }
}
/**
 * One buffer for every file of a run: thousands of files read into buffers of their own would leave
 * the allocator holding their memory long after the texts were decoded.
 */
class ReadBuffer {
    // Allocated at the first read: the walk makes one per folder for its .gitignore, which most lack.
    bytes = Buffer.alloc(0);
    /** The whole file: `size` is what fstat said, but a file can grow or shrink while it is read. */
    readAll(fd, size) {
        if (this.bytes.length <= size)
            this.bytes = Buffer.allocUnsafe(Math.max(size + 1, 64 * 1024));
        let length = 0;
        for (;;) {
            if (length === this.bytes.length) {
                if (length > MAX_FILE_BYTES)
                    throw Object.assign(new Error('too large'), { code: 'EFBIG' });
                const larger = Buffer.allocUnsafe(length * 2);
                this.bytes.copy(larger, 0, 0, length);
                this.bytes = larger;
            }
            const read = external_node_fs_.readSync(fd, this.bytes, length, this.bytes.length - length, null);
            if (read === 0)
                return this.bytes.subarray(0, length);
            length += read;
        }
    }
}
/** What a symlink that leads nowhere names, or null for anything else. */
function danglingLinkTarget(file) {
    try {
        return external_node_fs_.lstatSync(file).isSymbolicLink() ? external_node_fs_.readlinkSync(file) : null;
    }
    catch {
        return null;
    }
}
function safeRealpath(target) {
    try {
        return external_node_fs_.realpathSync(target);
    }
    catch {
        return null;
    }
}


/***/ }),

/***/ 2926:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DV: () => (/* binding */ distroPythonOf),
/* harmony export */   Q: () => (/* binding */ parseImageRef),
/* harmony export */   Yf: () => (/* binding */ pythonFromImage),
/* harmony export */   dJ: () => (/* binding */ cudaFromImage),
/* harmony export */   n3: () => (/* binding */ invalidReference)
/* harmony export */ });
/* harmony import */ var _requirements_display_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2721);
// Image references (`FROM` arguments) and what their tags say about Python and CUDA.
//
// A reference is `[registry[:port]/]path[:tag][@digest]`: the tag is after the last `:` that follows
// the last `/` (a registry port comes before a `/`), the digest after `@`. The versions are read from
// the tags that say them: `python:3.11-slim`, `nvidia/cuda:12.1.1-devel-ubuntu22.04`,
// `pytorch/pytorch:2.1.2-cuda12.1-cudnn8-devel`, `rayproject/ray:2.9.0-py310-cu121`,
// `ghcr.io/astral-sh/uv:python3.12-bookworm-slim`. The version is recorded as written, even for tags
// that were never published (`nvidia/cuda:12.1-devel-ubuntu20.04`): whether it exists is for the checks.
// `pytorch/pytorch` tags do not say Python, and NGC's `nvcr.io/nvidia/pytorch:23.10-py3` tags are
// container releases, not CUDA versions: nothing is read from their tags (framework-images.ts knows
// the tags a source describes).

function parseImageRef(ref) {
    const at = ref.indexOf('@');
    const digest = at >= 0 ? ref.slice(at + 1) : null;
    const nameAndTag = at >= 0 ? ref.slice(0, at) : ref;
    const colon = nameAndTag.lastIndexOf(':');
    if (colon > nameAndTag.lastIndexOf('/')) {
        return { name: nameAndTag.slice(0, colon), tag: nameAndTag.slice(colon + 1), digest };
    }
    return { name: nameAndTag, tag: null, digest };
}
/**
 * Why Docker refuses `image` as a reference ("invalid reference format" before anything is pulled), or
 * null for one it accepts: the grammar of the distribution/reference package that Docker and BuildKit
 * parse references with. A first path component with a `.` or a `:`, `localhost`, or capitals is a
 * registry; the rest of the path is lowercase.
 */
function invalidReference(image) {
    if (image.digest !== null && !DIGEST.test(image.digest))
        return `the digest ${(0,_requirements_display_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteInput */ .Z)(image.digest)} is not <algorithm>:<at least 32 hex digits>`;
    if (image.tag !== null && !TAG.test(image.tag)) {
        return image.tag === ''
            ? 'the tag after ":" is empty'
            : `the tag ${(0,_requirements_display_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteInput */ .Z)(image.tag)} is not 1-128 letters, digits, "_", "." and "-", starting with no "." or "-"`;
    }
    const slash = image.name.indexOf('/');
    const first = slash < 0 ? '' : image.name.slice(0, slash);
    const registry = first !== '' && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase()) ? first : null;
    if (registry !== null && !REGISTRY.test(registry))
        return `the registry ${(0,_requirements_display_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteInput */ .Z)(registry)} is not a host name or address with an optional port`;
    const repository = registry === null ? image.name : image.name.slice(slash + 1);
    if (!REPOSITORY.test(repository)) {
        return repository !== repository.toLowerCase() && REPOSITORY.test(repository.toLowerCase())
            ? `the repository name ${(0,_requirements_display_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteInput */ .Z)(repository)} must be lowercase`
            : `the repository name ${(0,_requirements_display_js__WEBPACK_IMPORTED_MODULE_0__/* .quoteInput */ .Z)(repository)} is not lowercase letters and digits in "/"-separated parts, joined by ".", "_", "__" or "-"`;
    }
    return null;
}
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REPOSITORY = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
const HOST_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const REGISTRY = new RegExp(`^(?:${HOST_COMPONENT}(?:\\.${HOST_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`);
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
/** `3.11` and `3.11.9` in `3.11-slim`, `3.11.9-bookworm`, `3.13.0rc1`; not `3-slim`. */
const LEADING_PYTHON = /^\d+\.\d+(?:\.\d+)?(?:(?:a|b|rc)\d+)?(?=-|$)/;
const LEADING_CUDA = /^\d+\.\d+(?:\.\d+)?(?=-|$)/;
/** A tag component naming the interpreter: `python3.12`, `py3.10`, `py310`. */
const PYTHON_COMPONENT = /^py(?:thon)?(3)\.?(\d{1,2})$/;
/** A tag component naming CUDA: `cuda12.1`, `cuda12.1.1`, `cu121`, `cu118`. */
const CUDA_COMPONENT = /^(?:cuda(\d+\.\d+(?:\.\d+)?)|cu(\d{1,2}?)(\d))$/;
function lastPathComponents(name, count) {
    return name.split('/').slice(-count).join('/');
}
/** The tag's `-`-separated components with their offsets in the tag. */
function tagComponents(tag) {
    const components = [];
    let start = 0;
    for (const text of tag.split('-')) {
        components.push({ text, start });
        start += text.length + 1;
    }
    return components;
}
/** Versions are reported with offsets in the reference: the tag starts after `name:`. */
function pythonFromImage(image) {
    if (image.tag === null)
        return null;
    const offset = image.name.length + 1;
    if (lastPathComponents(image.name, 1) === 'python') {
        const match = LEADING_PYTHON.exec(image.tag);
        return match === null ? null : { version: match[0], start: offset, end: offset + match[0].length };
    }
    for (const component of tagComponents(image.tag)) {
        const match = PYTHON_COMPONENT.exec(component.text);
        if (match === null)
            continue;
        const start = offset + component.start;
        return { version: `${match[1]}.${match[2]}`, start, end: start + component.text.length };
    }
    return null;
}
function cudaFromImage(image) {
    if (image.tag === null)
        return null;
    const offset = image.name.length + 1;
    const repository = lastPathComponents(image.name, 2);
    if (repository === 'nvidia/cuda' || repository === 'nvidia/cudagl') {
        const match = LEADING_CUDA.exec(image.tag);
        return match === null ? null : { version: match[0], start: offset, end: offset + match[0].length };
    }
    for (const component of tagComponents(image.tag)) {
        const match = CUDA_COMPONENT.exec(component.text);
        if (match === null)
            continue;
        const start = offset + component.start;
        const version = match[1] ?? `${match[2]}.${match[3]}`;
        return { version, start, end: start + component.text.length };
    }
    return null;
}
/**
 * The `python3` a distribution release installs (`apt-get install python3`), by the release's version
 * and code name: Ubuntu's and Debian's package archives (packages.ubuntu.com, packages.debian.org).
 */
const DISTRO_PYTHON = {
    'ubuntu18.04': '3.6',
    ubuntubionic: '3.6',
    'ubuntu20.04': '3.8',
    ubuntufocal: '3.8',
    'ubuntu22.04': '3.10',
    ubuntujammy: '3.10',
    'ubuntu24.04': '3.12',
    ubuntunoble: '3.12',
    debian10: '3.7',
    debianbuster: '3.7',
    debian11: '3.9',
    debianbullseye: '3.9',
    debian12: '3.11',
    debianbookworm: '3.11',
    debian13: '3.13',
    debiantrixie: '3.13',
};
/** Debian code names also name the OS in other images' tags (`python:3.11-bookworm`, `node:20-bullseye`). */
const DEBIAN_CODE_NAMES = new Set(['buster', 'bullseye', 'bookworm', 'trixie']);
/**
 * The python3 of the distribution `image` runs: `ubuntu:22.04`, `debian:bookworm-slim`, and images
 * whose tag names their OS (`nvidia/cuda:12.4.1-devel-ubuntu22.04`, `<...>-ubuntu24.04`,
 * `node:20-bookworm`). Null for an image that says no release (`ubuntu:latest`: it moves) and for
 * one that brings its own Python (`python:3-bookworm`, `...-py310`): its `python3` comes first on PATH.
 */
function distroPythonOf(image) {
    const repository = lastPathComponents(image.name, 1);
    if (image.tag === null || repository === 'python' || pythonFromImage(image) !== null)
        return null;
    if (repository === 'ubuntu' || repository === 'debian') {
        const release = image.tag.split('-')[0] ?? '';
        return distroPython(repository, release);
    }
    for (const component of image.tag.split('-')) {
        const ubuntu = /^ubuntu(\d\d\.\d\d)$/.exec(component);
        if (ubuntu)
            return distroPython('ubuntu', ubuntu[1]);
        if (DEBIAN_CODE_NAMES.has(component))
            return distroPython('debian', component);
    }
    return null;
}
function distroPython(distro, release) {
    const version = DISTRO_PYTHON[`${distro}${release}`];
    return version === undefined ? null : { distro: `${distro} ${release}`, version };
}


/***/ }),

/***/ 4966:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ed: () => (/* binding */ hasGlobChars),
/* harmony export */   kt: () => (/* binding */ matchesGlob),
/* harmony export */   tL: () => (/* binding */ globToRegExp)
/* harmony export */ });
// Path globs as .gitignore, the action's `paths` input and the matrix's `ignore.paths` use them:
// `**` crosses folders, `*` and `?` stay inside one, `[...]` is a character class.
const cache = new Map();
/** A regular expression matching whole repository-relative paths (with `/`). */
function globToRegExp(glob) {
    const cached = cache.get(glob);
    if (cached)
        return cached;
    let source = '';
    for (let i = 0; i < glob.length; i++) {
        const ch = glob[i];
        if (ch === '*') {
            if (glob[i + 1] === '*') {
                const atSegmentStart = i === 0 || glob[i - 1] === '/';
                const atSegmentEnd = i + 2 === glob.length || glob[i + 2] === '/';
                if (atSegmentStart && atSegmentEnd) {
                    // `**/` matches zero or more whole folders; a trailing `**` matches everything below.
                    source += i + 2 === glob.length ? '.*' : '(?:.*/)?';
                    i += 2;
                    continue;
                }
            }
            source += '[^/]*';
        }
        else if (ch === '?') {
            source += '[^/]';
        }
        else if (ch === '[') {
            const close = glob.indexOf(']', i + 2);
            if (close === -1) {
                source += '\\[';
            }
            else {
                let body = glob.slice(i + 1, close).replace(/\\/g, '\\\\');
                if (body.startsWith('!'))
                    body = '^' + body.slice(1);
                source += `[${body}]`;
                i = close;
            }
        }
        else if (ch === '\\' && i + 1 < glob.length) {
            source += escapeRegExp(glob[++i]);
        }
        else {
            source += escapeRegExp(ch);
        }
    }
    const regexp = new RegExp(`^${source}$`);
    // Globs come from the repository's own configuration: a handful per run; the bound only keeps a
    // hostile .gitignore from growing the cache without end.
    if (cache.size > 1000)
        cache.clear();
    cache.set(glob, regexp);
    return regexp;
}
function matchesGlob(path, glob) {
    return globToRegExp(glob).test(path);
}
function hasGlobChars(text) {
    return /[*?[]/.test(text);
}
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}


/***/ }),

/***/ 817:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ evaluateMarker),
/* harmony export */   x: () => (/* binding */ MarkerEnvironments)
/* harmony export */ });
/* harmony import */ var _pep440_specifier_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(720);
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4887);
// Evaluating PEP 508 markers as packaging's `Marker.evaluate` (>= 26) does, in a list of environments at
// once; one environment is the list of one.
//
// Why a list: the checks ask where a marker can hold among 240 sample environments, and a 5 MB marker
// of 166,666 comparisons took 16-18 s evaluated in them one at a time. A comparison reads one variable,
// so it is evaluated once for each distinct value of that variable among the environments, not once
// for each environment; its outcomes are sets of environments, as bits (environment e is bit e & 31
// of word e >> 5), combined for `and` and `or` a word at a time.


/**
 * `Marker.evaluate(environment)` for a requirement being installed with extra `extra` (none: "").
 * Where packaging raises, the result says why.
 */
function evaluateMarker(marker, environment, extra = '') {
    return new MarkerEnvironments([environment], extra).evaluate(marker)[0];
}
/** A fixed list of environments that markers are evaluated in, all at once. */
class MarkerEnvironments {
    environments;
    words;
    /** Every environment. */
    everywhere;
    /** The distinct values of each variable looked up so far. */
    valuesOf = new Map();
    extra;
    /** `extra`: the extra the requirement is installed with, in every environment (none: ""). */
    constructor(environments, extra = '') {
        this.environments = environments;
        this.words = (environments.length + 31) >>> 5;
        this.everywhere = new Uint32Array(this.words);
        for (let environment = 0; environment < environments.length; environment++)
            setBit(this.everywhere, environment);
        this.extra = extra ? (0,_model_js__WEBPACK_IMPORTED_MODULE_1__/* .canonicalName */ .Ew)(extra) : '';
    }
    /** What the marker gives in each environment, in their order. */
    evaluate(marker) {
        const raised = new Raised(this.environments.length);
        const holds = this.whereTrue(marker, raised);
        return this.environments.map((_, environment) => {
            const message = raised.messages[environment];
            return message !== undefined ? { ok: false, message } : { ok: true, value: hasBit(holds, environment) };
        });
    }
    /**
     * Where the node is true. As packaging does, every comparison is evaluated (an error anywhere
     * raises) before `and` and `or` combine them, `and` binding tighter.
     */
    whereTrue(node, raised) {
        if (node.type === 'comparison')
            return this.whereComparisonTrue(node, raised);
        const { words } = this;
        // Where some finished run of items joined by `and` holds, and where the current run does.
        const anyRun = new Uint32Array(words);
        const run = this.everywhere.slice();
        for (let index = 0; index < node.items.length; index++) {
            if (index > 0 && node.joins[index - 1] === 'or') {
                for (let word = 0; word < words; word++)
                    anyRun[word] = anyRun[word] | run[word];
                run.set(this.everywhere);
            }
            const holds = this.whereTrue(node.items[index], raised);
            for (let word = 0; word < words; word++)
                run[word] = run[word] & holds[word];
        }
        for (let word = 0; word < words; word++)
            run[word] = run[word] | anyRun[word];
        return run;
    }
    whereComparisonTrue(comparison, raised) {
        const holds = new Uint32Array(this.words);
        for (const { value, where } of this.distinctValues(lookedUp(comparison))) {
            const result = compare(comparison, value);
            if (result === true) {
                for (let word = 0; word < where.length; word++)
                    holds[word] = holds[word] | where[word];
            }
            else if (result !== false) {
                raised.note(where, result);
            }
        }
        return holds;
    }
    distinctValues(variable) {
        let values = this.valuesOf.get(variable);
        if (values === undefined) {
            const byValue = new Map();
            this.environments.forEach((environment, index) => {
                const value = lookup(environment, this.extra, variable);
                // compare() reads nothing else of an environment: equal values give equal outcomes.
                const id = value === undefined ? 'undefined' : typeof value === 'string' ? `string ${value}` : `set ${JSON.stringify(value)}`;
                let shared = byValue.get(id);
                if (shared === undefined) {
                    shared = { value, where: new Uint32Array(this.words) };
                    byValue.set(id, shared);
                }
                setBit(shared.where, index);
            });
            values = [...byValue.values()];
            this.valuesOf.set(variable, values);
        }
        return values;
    }
}
/** Where evaluation raised so far, with the message of the first comparison that raised in each environment. */
class Raised {
    messages;
    where;
    constructor(environments) {
        this.messages = new Array(environments);
        this.where = new Uint32Array((environments + 31) >>> 5);
    }
    note(where, message) {
        for (let word = 0; word < where.length; word++) {
            const fresh = where[word] & ~this.where[word];
            if (fresh === 0)
                continue;
            this.where[word] = this.where[word] | fresh;
            for (let bit = 0; bit < 32; bit++)
                if ((fresh & (1 << bit)) !== 0)
                    this.messages[word * 32 + bit] = message;
        }
    }
}
function setBit(bits, index) {
    bits[index >>> 5] = bits[index >>> 5] | (1 << (index & 31));
}
function hasBit(bits, index) {
    return (bits[index >>> 5] & (1 << (index & 31))) !== 0;
}
// packaging compares as PEP 440 versions only for these variables, and only when operator and
// value read as a specifier (`>=3.8`). Otherwise values compare as strings, and for strings `<`
// and `>` are never true, `<=` and `>=` mean `==`, and `~=` and `===` raise.
const VERSION_KEYS = new Set(['implementation_version', 'platform_release', 'python_full_version', 'python_version']);
function lookup(env, extra, key) {
    if (key === 'extra')
        return extra;
    if (!Object.prototype.hasOwnProperty.call(env, key))
        return undefined;
    const value = env[key];
    if (typeof value === 'string') {
        // packaging repairs what platform.python_version() reports for untagged builds.
        return key === 'python_full_version' && value.endsWith('+') ? value + 'local' : value;
    }
    return Array.isArray(value) ? value : undefined;
}
function setRepr(values) {
    return values.length === 0 ? 'frozenset()' : `{${values.map(_pep440_specifier_js__WEBPACK_IMPORTED_MODULE_0__/* .pythonRepr */ .Up).join(', ')}}`;
}
// The specifier `python_version >= "3.8"` compares with, read once per comparison.
const specifiers = new WeakMap();
function specifierOf(c, rhs) {
    let spec = specifiers.get(c);
    if (spec === undefined) {
        spec = (0,_pep440_specifier_js__WEBPACK_IMPORTED_MODULE_0__/* .parseSpecifier */ .as)(c.op + rhs);
        specifiers.set(c, spec);
    }
    return spec;
}
/**
 * What a comparison looks up, as packaging does: a variable on the left, whose right side is taken as
 * written; otherwise the right side names it (even when it is a quoted string). The one thing it reads
 * of the environment.
 */
function lookedUp(c) {
    return c.lhs.kind === 'variable' ? c.lhs.value : c.rhs.value;
}
/** The comparison, where the variable it looks up has `found`: true, false, or why packaging raises. */
function compare(c, found) {
    const key = lookedUp(c);
    let lhs;
    let rhs;
    if (c.lhs.kind === 'variable') {
        lhs = found;
        rhs = c.rhs.value;
    }
    else {
        lhs = c.lhs.value;
        rhs = found;
    }
    if (lhs === undefined || rhs === undefined)
        return `Marker variable ${(0,_pep440_specifier_js__WEBPACK_IMPORTED_MODULE_0__/* .pythonRepr */ .Up)(key)} is not defined in the environment`;
    if (typeof lhs !== 'string') {
        return `Marker variable ${(0,_pep440_specifier_js__WEBPACK_IMPORTED_MODULE_0__/* .pythonRepr */ .Up)(key)} holds a set and cannot be compared on the left of ${c.op}`;
    }
    if (key === 'extras' || key === 'dependency_groups') {
        lhs = (0,_model_js__WEBPACK_IMPORTED_MODULE_1__/* .canonicalName */ .Ew)(lhs);
        rhs = typeof rhs === 'string' ? (0,_model_js__WEBPACK_IMPORTED_MODULE_1__/* .canonicalName */ .Ew)(rhs) : rhs.map(_model_js__WEBPACK_IMPORTED_MODULE_1__/* .canonicalName */ .Ew);
    }
    if (VERSION_KEYS.has(key) && typeof rhs === 'string') {
        const spec = c.lhs.kind === 'variable' ? specifierOf(c, rhs) : (0,_pep440_specifier_js__WEBPACK_IMPORTED_MODULE_0__/* .parseSpecifier */ .as)(c.op + rhs);
        if (spec !== null)
            return (0,_pep440_specifier_js__WEBPACK_IMPORTED_MODULE_0__/* .specifierContains */ .IK)(spec, lhs, { prereleases: true });
    }
    switch (c.op) {
        case 'in':
            return rhs.includes(lhs);
        case 'not in':
            return !rhs.includes(lhs);
        case '<':
        case '>':
            return false;
        case '<=':
        case '==':
        case '>=':
            return lhs === rhs;
        case '!=':
            return lhs !== rhs;
        default: {
            const shown = typeof rhs === 'string' ? (0,_pep440_specifier_js__WEBPACK_IMPORTED_MODULE_0__/* .pythonRepr */ .Up)(rhs) : setRepr(rhs);
            return `Undefined <Op(${(0,_pep440_specifier_js__WEBPACK_IMPORTED_MODULE_0__/* .pythonRepr */ .Up)(c.op)})> on ${(0,_pep440_specifier_js__WEBPACK_IMPORTED_MODULE_0__/* .pythonRepr */ .Up)(lhs)} and ${shown}.`;
        }
    }
}


/***/ }),

/***/ 9546:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   gY: () => (/* binding */ parseMarker),
/* harmony export */   t7: () => (/* binding */ readMarker)
/* harmony export */ });
/* unused harmony export MAX_MARKER_NESTING */
/* harmony import */ var _model_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4887);
/* harmony import */ var _pep508_tokenizer_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5620);
// PEP 508 environment markers, read as packaging (>= 26) reads them: the Marker tree and its grammar
// (one function per rule, as in packaging's `_parser.py`, through the tokens of pep508-tokenizer.ts,
// with packaging's error messages and offsets). Evaluating a marker is marker-evaluation.ts's; printing
// one as `str(Marker)` does is the tests' (__tests__/helpers/pep508-strings.ts), which compare trees
// with packaging's printed vectors.
//
// The grammar is recursive, as packaging's is, so nesting is capped (MAX_MARKER_NESTING): pip cannot
// read deeper markers either.
//
// Where packaging 26.x releases differ, this follows the newest behaviour: `extra` comparisons are
// normalised inside parentheses too, the parentheses of a nested group survive printing, a value
// holding a double quote is printed in single quotes, and a malformed quoted string is reported as
// "Invalid quoted string".


// ---------------------------------------------------------------------------------------------
// The grammar.
/**
 * The deepest parentheses read. packaging's parser takes two Python frames per level, so pip fails
 * with RecursionError at about 490 levels (pip 23, whose parser was pyparsing, below 100). Ours, and
 * printing and evaluation, recurse too: on Node's default stack a first call survives about 3,500
 * levels (more once V8 has optimised them). A thousand is well past what pip reads and well inside
 * what Node can.
 */
const MAX_MARKER_NESTING = 1_000;
/** A marker as packaging's `Marker(text)` reads it. */
function parseMarker(text) {
    const tokenizer = new _pep508_tokenizer_js__WEBPACK_IMPORTED_MODULE_0__/* .Tokenizer */ ._(text);
    try {
        const marker = readMarker(tokenizer);
        tokenizer.expect('END', 'end of marker expression');
        return { ok: true, marker };
    }
    catch (error) {
        if (error instanceof _pep508_tokenizer_js__WEBPACK_IMPORTED_MODULE_0__/* .Pep508SyntaxError */ .c)
            return { ok: false, message: error.message, offset: error.offset };
        throw error;
    }
}
// One function per rule, as in packaging's `_parser.py`, each under its rule. They throw
// Pep508SyntaxError (through Tokenizer.fail) where packaging raises.
/**
 * marker = marker_atom (BOOLOP marker_atom)*
 *
 * `nesting` is how many parentheses are open around it. requirement.ts reads a requirement's marker
 * with it.
 */
function readMarker(tokenizer, nesting = 0) {
    const items = [readMarkerAtom(tokenizer, nesting)];
    const joins = [];
    while (tokenizer.check('BOOLOP')) {
        joins.push(tokenizer.read());
        items.push(readMarkerAtom(tokenizer, nesting));
    }
    return { type: 'group', items, joins };
}
/**
 * marker_atom = WS? LEFT_PARENTHESIS WS? marker WS? RIGHT_PARENTHESIS WS?
 *             | WS? marker_item WS?
 */
function readMarkerAtom(tokenizer, nesting) {
    tokenizer.consume('WS');
    let atom;
    if (tokenizer.check('LEFT_PARENTHESIS')) {
        if (nesting === MAX_MARKER_NESTING) {
            tokenizer.fail(`Parentheses nested more than ${MAX_MARKER_NESTING} deep: pip cannot read them either (its parser fails with RecursionError at about 490)`);
        }
        tokenizer.read();
        tokenizer.consume('WS');
        atom = readMarker(tokenizer, nesting + 1);
        tokenizer.consume('WS');
        if (!tokenizer.check('RIGHT_PARENTHESIS')) {
            tokenizer.fail('Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression');
        }
        tokenizer.read();
    }
    else {
        atom = readMarkerItem(tokenizer);
    }
    tokenizer.consume('WS');
    return atom;
}
/** marker_item = WS? marker_var WS? marker_op WS? marker_var WS? */
function readMarkerItem(tokenizer) {
    tokenizer.consume('WS');
    const lhs = readMarkerVar(tokenizer);
    tokenizer.consume('WS');
    const op = readMarkerOp(tokenizer);
    tokenizer.consume('WS');
    const rhs = readMarkerVar(tokenizer);
    tokenizer.consume('WS');
    return normalizeNames({ type: 'comparison', lhs, op, rhs });
}
/** marker_var = VARIABLE | QUOTED_STRING */
function readMarkerVar(tokenizer) {
    if (tokenizer.check('VARIABLE'))
        return { kind: 'variable', value: variableNamed(tokenizer.read()) };
    if (!tokenizer.check('QUOTED_STRING'))
        tokenizer.fail('Expected a marker variable or quoted string');
    const value = decodeQuoted(tokenizer.read());
    // The caret points at the end of the string.
    if (value === null)
        tokenizer.fail('Invalid quoted string');
    return { kind: 'string', value };
}
/** marker_op = IN | NOT WS IN | OP */
function readMarkerOp(tokenizer) {
    if (tokenizer.check('IN')) {
        tokenizer.read();
        return 'in';
    }
    if (tokenizer.check('NOT')) {
        tokenizer.read();
        tokenizer.expect('WS', "whitespace after 'not'");
        tokenizer.expect('IN', "'in' after 'not'");
        return 'not in';
    }
    if (!tokenizer.check('OP'))
        tokenizer.fail('Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in');
    return tokenizer.read();
}
/** packaging's name for a variable: dotted aliases are spelt with `_`, `python_implementation` in full. */
function variableNamed(spelling) {
    const name = spelling.replace('.', '_');
    return (name === 'python_implementation' ? 'platform_python_implementation' : name);
}
/** packaging normalises the names compared with `extra`, `extras` and `dependency_groups` as it reads them. */
function normalizeNames(c) {
    const { lhs, rhs } = c;
    if (lhs.kind === 'variable' && rhs.kind === 'string' && lhs.value === 'extra') {
        return { ...c, rhs: { kind: 'string', value: (0,_model_js__WEBPACK_IMPORTED_MODULE_1__/* .canonicalName */ .Ew)(rhs.value) } };
    }
    if (rhs.kind === 'variable' &&
        lhs.kind === 'string' &&
        (rhs.value === 'extra' || rhs.value === 'extras' || rhs.value === 'dependency_groups')) {
        return { ...c, lhs: { kind: 'string', value: (0,_model_js__WEBPACK_IMPORTED_MODULE_1__/* .canonicalName */ .Ew)(lhs.value) } };
    }
    return c;
}
// ---------------------------------------------------------------------------------------------
// Quoted strings.
function hexValue(s, i, digits) {
    let value = 0;
    for (let k = 0; k < digits; k++) {
        const d = parseInt(s.charAt(i + k), 16);
        if (Number.isNaN(d))
            return -1;
        value = value * 16 + d;
    }
    return value;
}
const SIMPLE_ESCAPES = {
    '\\': '\\',
    "'": "'",
    '"': '"',
    a: '\x07',
    b: '\b',
    f: '\f',
    n: '\n',
    r: '\r',
    t: '\t',
    v: '\v',
};
/**
 * The value of a quoted-string token, as `ast.literal_eval` computes it: Python escapes are
 * decoded; a raw line break or NUL, a lone surrogate, a bad escape, or an escaped closing quote
 * make it invalid (null). `\N{name}` needs Python's Unicode name table and is refused.
 */
function decodeQuoted(token) {
    const body = token.slice(1, -1);
    let simple = true;
    for (let i = 0; i < body.length; i++) {
        const c = body.charCodeAt(i);
        if (c === 0x5c || c === 0x0a || c === 0x0d || c === 0 || (c >= 0xd800 && c <= 0xdfff)) {
            simple = false;
            break;
        }
    }
    if (simple)
        return body;
    let out = '';
    for (let i = 0; i < body.length; i++) {
        const c = body.charCodeAt(i);
        if (c === 0x0a || c === 0x0d || c === 0)
            return null;
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < body.length) {
            const d = body.charCodeAt(i + 1);
            if (d < 0xdc00 || d > 0xdfff)
                return null;
            out += body.slice(i, i + 2);
            i++;
            continue;
        }
        if (c >= 0xd800 && c <= 0xdfff)
            return null;
        if (c !== 0x5c) {
            out += body.charAt(i);
            continue;
        }
        i++;
        if (i >= body.length)
            return null;
        const e = body.charAt(i);
        const simpleEscape = SIMPLE_ESCAPES[e];
        if (simpleEscape !== undefined) {
            out += simpleEscape;
        }
        else if (e === '\n') {
            // a line continuation
        }
        else if (e === '\r') {
            if (body.charAt(i + 1) === '\n')
                i++;
        }
        else if (e >= '0' && e <= '7') {
            let value = 0;
            let k = 0;
            while (k < 3 && i + k < body.length && body.charAt(i + k) >= '0' && body.charAt(i + k) <= '7') {
                value = value * 8 + (body.charCodeAt(i + k) - 0x30);
                k++;
            }
            out += String.fromCharCode(value);
            i += k - 1;
        }
        else if (e === 'x' || e === 'u' || e === 'U') {
            const digits = e === 'x' ? 2 : e === 'u' ? 4 : 8;
            const value = hexValue(body, i + 1, digits);
            if (value < 0 || value > 0x10ffff)
                return null;
            out += value <= 0xffff ? String.fromCharCode(value) : String.fromCodePoint(value);
            i += digits;
        }
        else if (e === 'N') {
            return null;
        }
        else {
            // Python keeps an unknown escape as written; the character after it is read as usual.
            out += '\\';
            i--;
        }
    }
    return out;
}


/***/ }),

/***/ 5620:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ Tokenizer),
/* harmony export */   c: () => (/* binding */ Pep508SyntaxError)
/* harmony export */ });
/* harmony import */ var _pep440_specifier_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(720);
// The tokens of PEP 508 dependency specifiers and markers, and the tokenizer that the recursive-descent
// parsers in requirement.ts and marker.ts read them through. It follows packaging's `_tokenizer.py`
// (>= 26): the same token names, the same `check` / `expect` / `read` / `consume` steps, and errors
// that carry packaging's message and the offset its caret points at (0-based UTF-16 index).
//
// Tokens are matched by small functions rather than regular expressions: packaging's `\b` and `\w` are
// Python's Unicode ones, and SPECIFIER is PEP 440's own reader (src/pep440/specifier.ts).

/**
 * A syntax error where packaging raises `InvalidRequirement` / `InvalidMarker`. Not an Error: the
 * parsers catch it at once, and a stack trace would cost more than reading the requirement.
 */
class Pep508SyntaxError {
    message;
    offset;
    constructor(message, offset) {
        this.message = message;
        this.offset = offset;
    }
}
/** `[ \t]+`: the only whitespace the requirement grammar skips. */
function skipBlanks(s, i) {
    for (;;) {
        const c = s.charCodeAt(i);
        if (c !== 0x20 && c !== 0x09)
            return i;
        i++;
    }
}
/** Python's `$`: the end, or just before a final newline. */
function isEndAt(s, i) {
    return i === s.length || (i === s.length - 1 && s.charCodeAt(i) === 0x0a);
}
const WORD_CHAR = /[\p{L}\p{N}_]/u;
/** Python's `\w` (Unicode letters, digits and numerics, `_`) for the code point at i. */
function isWordAt(s, i) {
    if (i < 0 || i >= s.length)
        return false;
    const c = s.charCodeAt(i);
    if (c < 0x80) {
        return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x5f;
    }
    return WORD_CHAR.test(String.fromCodePoint(s.codePointAt(i)));
}
/** Python's `\w` for the code point that ends just before i. */
function isWordBefore(s, i) {
    if (i <= 0)
        return false;
    const c = s.charCodeAt(i - 1);
    return c >= 0xdc00 && c <= 0xdfff && i >= 2 ? isWordAt(s, i - 2) : isWordAt(s, i - 1);
}
/** Python's `\b` at i. */
function isWordBoundary(s, i) {
    return isWordBefore(s, i) !== isWordAt(s, i);
}
/** `\bword\b` at i. */
function keywordAt(s, i, word) {
    return s.startsWith(word, i) && isWordBoundary(s, i) && isWordBoundary(s, i + word.length);
}
/** A character of packaging's IDENTIFIER: ASCII letters and digits, `.`, `_` and `-`. */
function isIdentifierChar(c) {
    return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x2e || c === 0x5f || c === 0x2d;
}
/**
 * packaging's IDENTIFIER, `\b[a-zA-Z0-9][a-zA-Z0-9._-]*\b`: where it ends, or -1. The closing
 * `\b` makes the regex give back trailing `.`/`-` that no word character follows.
 */
function matchIdentifier(s, i) {
    const c = s.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a)))
        return -1;
    if (i > 0 && !isWordBoundary(s, i))
        return -1;
    let end = i + 1;
    while (end < s.length && isIdentifierChar(s.charCodeAt(end)))
        end++;
    while (end > i && !isWordBoundary(s, end))
        end--;
    return end > i ? end : -1;
}
/** `[^ \t]+`: a URL runs to the next blank, so a `;` right after it is part of it. */
function matchUrl(s, i) {
    let end = i;
    while (end < s.length && s.charCodeAt(end) !== 0x20 && s.charCodeAt(end) !== 0x09)
        end++;
    return end > i ? end : -1;
}
/**
 * `\+[a-z0-9]+...`: only its first two characters decide whether it matches, and packaging's check is
 * case-sensitive, so `>=1.0+ABC` falls through to the next error.
 */
function matchLocalLabelTrail(s, i) {
    if (s.charCodeAt(i) !== 0x2b)
        return -1;
    const c = s.charCodeAt(i + 1);
    return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) ? i + 2 : -1;
}
/** `'[^']*'|"[^"]*"`: the token runs to the next quote of its kind, whatever precedes it. */
function matchQuotedString(s, i) {
    const quote = s.charCodeAt(i);
    if (quote !== 0x22 && quote !== 0x27)
        return -1;
    const close = s.indexOf(quote === 0x22 ? '"' : "'", i + 1);
    return close < 0 ? -1 : close + 1;
}
/** `===|==|~=|!=|<=|>=|<|>`, the longest first. */
const OPERATORS = ['===', '==', '~=', '!=', '<=', '>=', '<', '>'];
function matchOperator(s, i) {
    for (const operator of OPERATORS)
        if (s.startsWith(operator, i))
            return i + operator.length;
    return -1;
}
/** `\b(or|and)\b` */
function matchBooleanOperator(s, i) {
    if (keywordAt(s, i, 'or'))
        return i + 2;
    return keywordAt(s, i, 'and') ? i + 3 : -1;
}
/** The spellings packaging's VARIABLE alternation tries, in its order; the dotted ones are old aliases. */
const VARIABLE_SPELLINGS = [
    'python_version',
    'python_full_version',
    'os_name',
    'os.name',
    'sys_platform',
    'sys.platform',
    'platform_release',
    'platform_system',
    'platform_version',
    'platform.version',
    'platform_machine',
    'platform.machine',
    'platform_python_implementation',
    'platform.python_implementation',
    'python_implementation',
    'implementation_name',
    'implementation_version',
    'extras',
    'extra',
    'dependency_groups',
];
/** The spellings by their first character, each list in packaging's order. */
const SPELLINGS_BY_FIRST = new Map();
for (const spelling of VARIABLE_SPELLINGS) {
    const first = spelling.charCodeAt(0);
    SPELLINGS_BY_FIRST.set(first, [...(SPELLINGS_BY_FIRST.get(first) ?? []), spelling]);
}
/** `\b(python_version|...)\b`: an alternative that no `\b` follows gives way to the next, as in the regex. */
function matchVariable(s, i) {
    const spellings = SPELLINGS_BY_FIRST.get(s.charCodeAt(i));
    if (spellings === undefined || isWordBefore(s, i))
        return -1;
    for (const spelling of spellings) {
        if (s.startsWith(spelling, i) && isWordBoundary(s, i + spelling.length))
            return i + spelling.length;
    }
    return -1;
}
function matchChar(s, i, c) {
    return s.charCodeAt(i) === c ? i + 1 : -1;
}
/** Where the token of this kind starting at i ends, or -1 when there is none. */
function matchToken(kind, s, i) {
    // The most frequent first: a string switch tries its cases in order.
    switch (kind) {
        case 'WS': {
            const end = skipBlanks(s, i);
            return end > i ? end : -1;
        }
        case 'END':
            return isEndAt(s, i) ? i : -1;
        case 'SPECIFIER':
            return (0,_pep440_specifier_js__WEBPACK_IMPORTED_MODULE_0__/* .matchSpecifier */ .Y_)(s, i);
        case 'VARIABLE':
            return matchVariable(s, i);
        case 'QUOTED_STRING':
            return matchQuotedString(s, i);
        case 'LEFT_PARENTHESIS':
            return matchChar(s, i, 0x28);
        case 'OP':
            return matchOperator(s, i);
        case 'BOOLOP':
            return matchBooleanOperator(s, i);
        case 'IN':
            return keywordAt(s, i, 'in') ? i + 2 : -1;
        case 'NOT':
            return keywordAt(s, i, 'not') ? i + 3 : -1;
        case 'IDENTIFIER':
            return matchIdentifier(s, i);
        case 'COMMA':
            return matchChar(s, i, 0x2c);
        case 'SEMICOLON':
            return matchChar(s, i, 0x3b);
        case 'LEFT_BRACKET':
            return matchChar(s, i, 0x5b);
        case 'RIGHT_BRACKET':
            return matchChar(s, i, 0x5d);
        case 'RIGHT_PARENTHESIS':
            return matchChar(s, i, 0x29);
        case 'AT':
            return matchChar(s, i, 0x40);
        case 'URL':
            return matchUrl(s, i);
        case 'VERSION_PREFIX_TRAIL':
            return s.startsWith('.*', i) ? i + 2 : -1;
        case 'VERSION_LOCAL_LABEL_TRAIL':
            return matchLocalLabelTrail(s, i);
    }
}
/**
 * Reads `source` one token at a time from `position`. As in packaging, `check` looks for a token of
 * one kind at the current position and holds it; `read` takes the held token and moves past it.
 */
class Tokenizer {
    source;
    position;
    heldEnd = -1;
    constructor(source, position = 0) {
        this.source = source;
        this.position = position;
    }
    /** Whether a token of this kind comes next; unless `peek`, it is held for `read`. */
    check(kind, peek = false) {
        const end = matchToken(kind, this.source, this.position);
        if (end < 0)
            return false;
        if (!peek)
            this.heldEnd = end;
        return true;
    }
    /** Reads a token of this kind, or fails with "Expected <expected>". */
    expect(kind, expected) {
        if (!this.check(kind))
            this.fail(`Expected ${expected}`);
        return this.read();
    }
    /** The text of the token `check` held, moving past it. */
    read() {
        const text = this.source.slice(this.position, this.heldEnd);
        this.position = this.heldEnd;
        this.heldEnd = -1;
        return text;
    }
    /** Moves past a token of this kind if one comes next. */
    consume(kind) {
        const end = matchToken(kind, this.source, this.position);
        if (end >= 0)
            this.position = end;
    }
    /** packaging's `raise_syntax_error`: `offset` is where its caret points, the end of the span. */
    fail(message, offset = this.position) {
        throw new Pep508SyntaxError(message, offset);
    }
}


/***/ }),

/***/ 2888:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ cudaFromIndexUrl),
/* harmony export */   T: () => (/* binding */ cudaOfLabel)
/* harmony export */ });
// Which CUDA build a PyTorch wheel index serves. The index names it in one path segment:
// `https://download.pytorch.org/whl/cu121` (also `/whl/nightly/cu124`, `/whl/test/cu118`, the old
// find-links page `/whl/cu113/torch_stable.html`) and mirrors keep the layout
// (`https://mirrors.aliyun.com/pytorch-wheels/cu121`). `cu121` is CUDA 12.1: the last digit is the minor.
const INDEX_ROOTS = new Set(['whl', 'pytorch-wheels']);
const CHANNELS = new Set(['nightly', 'test']);
const CUDA_SEGMENT = /^cu(\d{1,2})(\d)$/;
const QUERY_OR_FRAGMENT = /[?#]/;
/** `.../whl/cu121` -> "12.1", `.../whl/cpu` -> "cpu", anything else -> null. */
function cudaFromIndexUrl(url) {
    const schemeEnd = url.indexOf('://');
    if (schemeEnd < 0)
        return null;
    const pathStart = url.indexOf('/', schemeEnd + 3);
    if (pathStart < 0)
        return null;
    const queryStart = url.search(QUERY_OR_FRAGMENT);
    if (queryStart >= 0 && queryStart < pathStart)
        return null;
    const path = url.slice(pathStart + 1, queryStart < 0 ? undefined : queryStart);
    const segments = path.split('/');
    for (let index = 0; index < segments.length; index++) {
        if (!INDEX_ROOTS.has(segments[index].toLowerCase()))
            continue;
        let variant = (segments[index + 1] ?? '').toLowerCase();
        if (CHANNELS.has(variant))
            variant = (segments[index + 2] ?? '').toLowerCase();
        if (variant === 'cpu')
            return 'cpu';
        const cuda = cudaOfLabel(variant);
        if (cuda)
            return cuda;
    }
    return null;
}
/** A CUDA variant label, as in index paths and local versions: `cu121` -> "12.1", `cu92` -> "9.2"; null otherwise. */
function cudaOfLabel(label) {
    const match = CUDA_SEGMENT.exec(label);
    return match ? `${Number(match[1])}.${match[2]}` : null;
}


/***/ }),

/***/ 4873:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cg: () => (/* binding */ NO_EXTRAS),
/* harmony export */   UZ: () => (/* binding */ tooManyClauses),
/* harmony export */   pP: () => (/* binding */ parseRequirement)
/* harmony export */ });
/* unused harmony export MAX_SPECIFIER_CLAUSES */
/* harmony import */ var _marker_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9546);
/* harmony import */ var _pep508_tokenizer_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5620);
/* harmony import */ var _pep440_specifier_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(720);
/* harmony import */ var _pep440_version_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8400);
// PEP 508 requirement strings, read as packaging's `Requirement(text)` (>= 26) reads them, with its
// error messages. This only reads the requirement itself: requirements-file syntax (options,
// `-r`, hashes, continuations, comments) is the caller's.
//
// Offsets are 0-based UTF-16 indices into the text, at the place packaging's caret points.




/**
 * Clauses of one specifier the checks read. pip reads any number; a set of hundreds of thousands (a
 * 5 MB line of `!=` clauses) costs the checks about 500 MB to lay out, six of them in one file 2 GB,
 * and no real pin needs more than a few dozen.
 */
const MAX_SPECIFIER_CLAUSES = 1_000;
/**
 * Why a requirement whose specifier has more clauses than the checks read is left out of them, or
 * null: the readers report it as a warning at the requirement and keep it out of the facts.
 */
function tooManyClauses(name, specifier) {
    // A clause is at least two characters and a comma: a shorter set cannot have too many.
    if (specifier.length < 3 * MAX_SPECIFIER_CLAUSES)
        return null;
    let clauses = 1;
    for (let index = 0; index < specifier.length; index++)
        if (specifier.charCodeAt(index) === 0x2c)
            clauses++;
    if (clauses <= MAX_SPECIFIER_CLAUSES)
        return null;
    return `${name}: a specifier of ${clauses} clauses; compat-guard checks at most ${MAX_SPECIFIER_CLAUSES} per requirement, so this requirement is not checked (pip reads it)`;
}
/** The extras of every requirement that has none: most have none, and need no array of their own. */
const NO_EXTRAS = Object.freeze([]);
function fail(message, offset) {
    return { ok: false, message, offset };
}
function removeWhitespace(s) {
    let out = '';
    let from = 0;
    for (let i = 0; i < s.length; i++) {
        if ((0,_pep440_version_js__WEBPACK_IMPORTED_MODULE_3__/* .isPythonWhitespace */ .c4)(s.charCodeAt(i))) {
            out += s.slice(from, i);
            from = i + 1;
        }
    }
    return from === 0 ? s : out + s.slice(from);
}
function trimBlanksEnd(s, start, end) {
    while (end > start && (s.charCodeAt(end - 1) === 0x20 || s.charCodeAt(end - 1) === 0x09))
        end--;
    return s.slice(start, end);
}
/**
 * Reads a requirement as packaging's `Requirement(text)` does. `specifier` is the specifier set
 * as written with whitespace removed ("" when none), `marker` the marker as written, extras as
 * written (in order, duplicates kept).
 */
function parseRequirement(text) {
    try {
        const { name, extras, specifier, specifierStart, marker, url } = readRequirement(new _pep508_tokenizer_js__WEBPACK_IMPORTED_MODULE_1__/* .Tokenizer */ ._(text));
        // The grammar lets `===` run over commas, which SpecifierSet then splits: `===a,b` is invalid.
        if (specifier.includes('===')) {
            const set = (0,_pep440_specifier_js__WEBPACK_IMPORTED_MODULE_2__/* .parseSpecifierSet */ .m0)(specifier);
            if (!set.ok)
                return fail(set.message, specifierStart);
        }
        return { ok: true, name, extras, specifier, marker, url };
    }
    catch (error) {
        if (error instanceof _pep508_tokenizer_js__WEBPACK_IMPORTED_MODULE_1__/* .Pep508SyntaxError */ .c)
            return fail(error.message, error.offset);
        throw error;
    }
}
/** requirement = WS? IDENTIFIER WS? extras WS? requirement_details END */
function readRequirement(tokenizer) {
    tokenizer.consume('WS');
    const name = tokenizer.expect('IDENTIFIER', 'package name at the start of dependency specifier');
    tokenizer.consume('WS');
    const extras = readExtras(tokenizer);
    tokenizer.consume('WS');
    const { url, specifier, specifierStart, marker } = readRequirementDetails(tokenizer);
    tokenizer.expect('END', 'end of dependency specifier');
    return { name, extras, url, specifier, specifierStart, marker };
}
/**
 * requirement_details = AT WS? URL (WS requirement_marker?)?
 *                     | specifier WS? requirement_marker?
 */
function readRequirementDetails(tokenizer) {
    if (tokenizer.check('AT')) {
        tokenizer.read();
        tokenizer.consume('WS');
        const url = tokenizer.expect('URL', 'URL after @');
        tokenizer.consume('WS');
        const marker = tokenizer.check('END', true) ? null : readRequirementMarker(tokenizer, 'semicolon (after URL and whitespace)');
        return { url, specifier: '', specifierStart: 0, marker };
    }
    const { specifier, start } = readSpecifier(tokenizer);
    tokenizer.consume('WS');
    if (tokenizer.check('END', true))
        return { url: null, specifier, specifierStart: start, marker: null };
    const expected = specifier
        ? 'comma (within version specifier), semicolon (after version specifier)'
        : 'semicolon (after name with no version specifier)';
    return { url: null, specifier, specifierStart: start, marker: readRequirementMarker(tokenizer, expected) };
}
/** requirement_marker = SEMICOLON marker WS?  (the marker as written, blanks around it dropped) */
function readRequirementMarker(tokenizer, expected) {
    if (!tokenizer.check('SEMICOLON'))
        tokenizer.fail(`Expected ${expected} or end`);
    tokenizer.read();
    tokenizer.consume('WS');
    const start = tokenizer.position;
    (0,_marker_js__WEBPACK_IMPORTED_MODULE_0__/* .readMarker */ .t7)(tokenizer);
    tokenizer.consume('WS');
    return trimBlanksEnd(tokenizer.source, start, tokenizer.position);
}
/** extras = (LEFT_BRACKET WS? extras_list? WS? RIGHT_BRACKET)? */
function readExtras(tokenizer) {
    if (!tokenizer.check('LEFT_BRACKET'))
        return NO_EXTRAS;
    tokenizer.read();
    tokenizer.consume('WS');
    const extras = readExtrasList(tokenizer);
    tokenizer.consume('WS');
    if (!tokenizer.check('RIGHT_BRACKET'))
        tokenizer.fail('Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras');
    tokenizer.read();
    return extras;
}
/** extras_list = IDENTIFIER (WS? COMMA WS? IDENTIFIER)* */
function readExtrasList(tokenizer) {
    if (!tokenizer.check('IDENTIFIER'))
        return NO_EXTRAS;
    const extras = [tokenizer.read()];
    for (;;) {
        tokenizer.consume('WS');
        if (tokenizer.check('IDENTIFIER', true))
            tokenizer.fail('Expected comma between extra names');
        if (!tokenizer.check('COMMA'))
            return extras;
        tokenizer.read();
        tokenizer.consume('WS');
        extras.push(tokenizer.expect('IDENTIFIER', 'extra name after comma'));
    }
}
/**
 * specifier = LEFT_PARENTHESIS WS? version_many WS? RIGHT_PARENTHESIS
 *           | WS? version_many WS?
 */
function readSpecifier(tokenizer) {
    const parenthesised = tokenizer.check('LEFT_PARENTHESIS');
    if (parenthesised)
        tokenizer.read();
    tokenizer.consume('WS');
    const start = tokenizer.position;
    const specifier = readVersionMany(tokenizer);
    tokenizer.consume('WS');
    if (parenthesised) {
        if (!tokenizer.check('RIGHT_PARENTHESIS')) {
            tokenizer.fail('Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after version specifier');
        }
        tokenizer.read();
    }
    return { specifier, start };
}
/** version_many = (SPECIFIER (WS? COMMA WS? SPECIFIER)*)?  (the set as written, whitespace dropped) */
function readVersionMany(tokenizer) {
    const start = tokenizer.position;
    let end = start;
    while (tokenizer.check('SPECIFIER')) {
        const op = tokenizer.source.charCodeAt(tokenizer.position);
        tokenizer.read();
        end = tokenizer.position;
        if (tokenizer.check('VERSION_PREFIX_TRAIL', true)) {
            const message = op === 0x3d || op === 0x21
                ? '.* suffix cannot be used after pre-release, post-release, developmental release, or local version labels'
                : '.* suffix can only be used with `==` or `!=` operators';
            tokenizer.fail(message, tokenizer.position + 1);
        }
        if (tokenizer.check('VERSION_LOCAL_LABEL_TRAIL', true)) {
            tokenizer.fail('Local version label can only be used with `==` or `!=` operators');
        }
        tokenizer.consume('WS');
        if (!tokenizer.check('COMMA'))
            break;
        tokenizer.read();
        end = tokenizer.position;
        tokenizer.consume('WS');
    }
    // Between the tokens there are only blanks and commas: one slice, whitespace dropped.
    return removeWhitespace(tokenizer.source.slice(start, end));
}


/***/ }),

/***/ 2721:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ redactUrl),
/* harmony export */   Z: () => (/* binding */ quoteInput)
/* harmony export */ });
/* harmony import */ var _pep440_specifier_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(720);
// Input text as compat-guard shows it, the way pip shows it: a URL with its credentials redacted
// (in records and messages alike), and text quoted as Python's repr() in messages.

/** pip's redact_auth_from_url: a password becomes `****`, a lone user name (a token) too. */
function redactUrl(url) {
    const match = URL_USERINFO.exec(url);
    if (!match)
        return url;
    const userinfo = match[2];
    const colon = userinfo.indexOf(':');
    const redacted = colon >= 0 ? `${userinfo.slice(0, colon)}:****` : '****';
    return `${match[1]}${redacted}@${url.slice(match[0].length)}`;
}
const URL_USERINFO = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/@?#]*)@/;
/** Python's repr() of input, as pip's messages quote it; a long one is cut (a line can be megabytes). */
function quoteInput(text) {
    return (0,_pep440_specifier_js__WEBPACK_IMPORTED_MODULE_0__/* .pythonRepr */ .Up)(text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}...` : text);
}
const MAX_QUOTED = 200;


/***/ }),

/***/ 6417:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  w: () => (/* binding */ parseRequirementsFile)
});

// EXTERNAL MODULE: ./lib/src/model.js
var model = __webpack_require__(4887);
// EXTERNAL MODULE: ./lib/src/pep440/version.js
var version = __webpack_require__(8400);
// EXTERNAL MODULE: ./lib/src/parse/pytorch-index.js
var pytorch_index = __webpack_require__(2888);
// EXTERNAL MODULE: ./lib/src/parse/requirement.js
var requirement = __webpack_require__(4873);
// EXTERNAL MODULE: ./lib/src/index/url.js
var url = __webpack_require__(576);
// EXTERNAL MODULE: ./lib/src/parse/requirements/display.js
var display = __webpack_require__(2721);
// EXTERNAL MODULE: external "node:path/posix"
var posix_ = __webpack_require__(3916);
;// CONCATENATED MODULE: ./lib/src/parse/requirements/includes.js
// What a `-r` / `-c` line of a requirements file names: a file of the repository (its path from the
// repository's root), a URL pip fetches during the install (not read here), or something we refuse
// to read (no file at all, or a path outside the repository).


/** The target of `flag` (`-r` or `-c`) `written` in the file at `fromFile` (a path from the repository's root). */
function includeTarget(fromFile, flag, written) {
    if (INCLUDE_URL.test(written)) {
        // A `${VAR}` left as written (unset) makes a URL that is not the one the build fetches.
        const fetchable = REMOTE_INCLUDE_URL.test(written) && !written.includes('${');
        return { kind: 'url', message: `${flag} ${(0,display/* redactUrl */.B)(written)} is a URL; not fetched`, fetchable };
    }
    if (written === '')
        return { kind: 'refused', message: `${flag} names no file; pip cannot open it`, atFlag: true };
    const resolved = posix_.normalize(posix_.join(posix_.dirname(fromFile), written));
    if (posix_.isAbsolute(written) || resolved === '..' || resolved.startsWith('../'))
        return { kind: 'refused', message: `${flag} ${written} refers outside the repository; not read`, atFlag: false };
    return { kind: 'file', path: resolved };
}
// pip's SCHEME_RE: these includes are fetched, not read from the repository.
const INCLUDE_URL = /^(http|https|file):/i;
const REMOTE_INCLUDE_URL = /^https?:\/\//i;

// EXTERNAL MODULE: ./lib/src/parse/text.js
var parse_text = __webpack_require__(6723);
;// CONCATENATED MODULE: ./lib/src/parse/requirements/logical-lines.js
// pip's req_file.preprocess, the part that makes logical lines of a file's text: physical lines
// (split where Python's str.splitlines() splits), joined at a trailing `\` (join_lines), comments
// cut (ignore_comments) and `${VAR}` expanded (expand_env_variables). A logical line keeps pieces that
// map each of its offsets back to a physical line and column, for records and diagnostics.


/** Splits `text` into physical lines and hands each logical line to `emit` (see LineJoiner for how long it lives). */
function readLogicalLines(text, emit) {
    const joiner = new LineJoiner(emit);
    const lines = (0,parse_text/* splitLines */.uz)(text);
    const pythonOnlyBreaks = PYTHON_ONLY_LINE_BREAK.test(text);
    for (let index = 0; index < lines.length; index++) {
        const line = lines[index];
        // Python's str.splitlines() (which pip uses) also breaks at these; an editor does not, so the
        // pieces keep the physical line's number.
        if (pythonOnlyBreaks && PYTHON_ONLY_LINE_BREAK.test(line)) {
            let column = 0;
            for (const piece of line.split(PYTHON_ONLY_LINE_BREAK)) {
                joiner.push(piece, index + 1, column);
                column += piece.length + 1;
            }
        }
        else {
            joiner.push(line, index + 1, 0);
        }
    }
    joiner.end();
}
const PYTHON_ONLY_LINE_BREAK = /[\v\f\x1c-\x1e\x85\u2028\u2029]/;
/** The physical line of a logical line's offset (positionAt's line, without building a Position). */
function lineAt(pieces, offset) {
    return pieces[pieceIndexAt(pieces, offset)].line;
}
/** The 1-based column of a logical line's offset (positionAt's column, without building a Position). */
function columnAt(pieces, offset) {
    const piece = pieces[pieceIndexAt(pieces, offset)];
    const delta = Math.max(0, Math.min(offset - piece.start, piece.span - 1));
    return piece.column + delta + 1;
}
function positionAt(pieces, offset) {
    return { line: lineAt(pieces, offset), column: columnAt(pieces, offset) };
}
/** Index of the last piece that starts at or before `offset` (binary search: a joined line can have many). */
function pieceIndexAt(pieces, offset) {
    let low = 0;
    let high = pieces.length - 1;
    while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (pieces[middle].start <= offset)
            low = middle;
        else
            high = middle - 1;
    }
    return low;
}
/** Appends the pieces of `[from, to)` to `into`, re-based at `base`. */
function slicePieces(pieces, from, to, base, into = []) {
    for (let index = pieceIndexAt(pieces, from); index < pieces.length; index++) {
        const piece = pieces[index];
        if (piece.start >= to)
            break;
        const start = Math.max(piece.start, from);
        const end = Math.min(piece.start + piece.length, to);
        if (end <= start)
            continue;
        const skipped = start - piece.start;
        const literal = piece.span === piece.length;
        into.push({
            start: base + start - from,
            length: end - start,
            line: piece.line,
            column: literal ? piece.column + skipped : piece.column,
            span: literal ? end - start : piece.span,
        });
    }
    return into;
}
/**
 * The lines it emits, and their pieces, are its own and valid only during the call to `emit`: it
 * reuses them for the next line (a line and a piece per physical line were a sixth of what reading
 * a large file allocated). Whatever outlives the call copies the numbers it needs.
 */
class LineJoiner {
    emit;
    parts = [];
    pieces = [];
    length = 0;
    single = { start: 0, length: 0, line: 0, column: 0, span: 0 };
    singleLine = { text: '', pieces: [this.single] };
    joinedLine = { text: '', pieces: this.pieces };
    constructor(emit) {
        this.emit = emit;
    }
    push(text, line, column) {
        const comment = isCommentLine(text);
        if (comment || !text.endsWith('\\')) {
            if (this.parts.length === 0) {
                if (comment)
                    return;
                const single = this.single;
                single.length = single.span = text.length;
                single.line = line;
                single.column = column;
                this.singleLine.text = text;
                this.emit(this.singleLine);
                return;
            }
            // pip appends the comment line after a space, so that the comment pass drops it.
            if (comment)
                this.append(' ' + text, line, column - 1);
            else
                this.append(text, line, column);
            this.flush();
            return;
        }
        // pip strips every backslash at both ends (line.strip("\\")), not just the last one.
        let first = 0;
        while (first < text.length && text.charCodeAt(first) === BACKSLASH)
            first++;
        let last = text.length;
        while (last > first && text.charCodeAt(last - 1) === BACKSLASH)
            last--;
        this.append(text.slice(first, last), line, column + first);
    }
    end() {
        if (this.parts.length > 0)
            this.flush();
    }
    append(text, line, column) {
        this.pieces.push({ start: this.length, length: text.length, line, column, span: text.length });
        this.parts.push(text);
        this.length += text.length;
    }
    flush() {
        this.joinedLine.text = this.parts.join('');
        this.emit(this.joinedLine);
        this.parts.length = 0;
        this.pieces.length = 0;
        this.length = 0;
    }
}
const BACKSLASH = 0x5c;
function isCommentLine(text) {
    return text.charCodeAt((0,version/* stripStart */.fM)(text, 0, text.length)) === HASH;
}
const HASH = 0x23;
/**
 * pip's ignore_comments for one logical line: the line without its comment and the blanks around
 * what is left, or null when nothing is.
 */
function withoutComment(joined) {
    const raw = joined.text;
    const comment = commentStart(raw);
    const start = (0,version/* stripStart */.fM)(raw, 0, comment);
    const end = (0,version/* stripEnd */.Gl)(raw, start, comment);
    if (end === start)
        return null;
    return start === 0 && end === raw.length
        ? joined
        : {
            text: raw.slice(start, end),
            pieces: start === 0 && joined.pieces.length === 1 ? joined.pieces : slicePieces(joined.pieces, start, end, 0),
        };
}
/** Where pip's COMMENT_RE `(^|\s+)#.*$` starts cutting: a `#` at the start or after whitespace. */
function commentStart(text) {
    for (let index = text.indexOf('#'); index >= 0; index = text.indexOf('#', index + 1)) {
        if (index === 0 || (0,version/* isPythonWhitespace */.c4)(text.charCodeAt(index - 1)))
            return index;
    }
    return text.length;
}
// ---------------------------------------------------------------------------------------------
// pip's expand_env_variables: `${NAME}` with NAME in [A-Z0-9_], set and not empty, is replaced
// everywhere in the line, one name after another (a later name also replaces what an earlier value
// brought in). Each name is expanded once: pip repeats a name as often as the line names it, which
// changes the result only for a value that contains its own `${NAME}`, and then without bound.
const ENV_VARIABLE = /\$\{([A-Z0-9_]+)\}/g;
/** An expanded line may grow this much past its written length; pip's limit is memory. */
const MAX_EXPANSION = 1_000_000;
function expandVariables(line, env) {
    let { text, pieces } = line;
    let tooLong = null;
    const tokens = new Set();
    for (const match of line.text.matchAll(ENV_VARIABLE))
        tokens.add(match[0]);
    for (const token of tokens) {
        const value = env[token.slice(2, -1)];
        if (!value)
            continue;
        let count = 0;
        for (let at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + token.length))
            count++;
        if (count === 0)
            continue;
        if (text.length + count * (value.length - token.length) > line.text.length + MAX_EXPANSION) {
            tooLong ??= token;
            continue;
        }
        const nextPieces = [];
        const parts = [];
        let from = 0;
        let length = 0;
        for (let at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + token.length)) {
            slicePieces(pieces, from, at, length, nextPieces);
            parts.push(text.slice(from, at), value);
            length += at - from;
            const source = positionAt(pieces, at);
            nextPieces.push({ start: length, length: value.length, line: source.line, column: source.column - 1, span: token.length });
            length += value.length;
            from = at + token.length;
        }
        slicePieces(pieces, from, text.length, length, nextPieces);
        parts.push(text.slice(from));
        text = parts.join('');
        pieces = nextPieces;
    }
    return { line: { text, pieces }, tooLong };
}
/** 1-based column of the last non-blank character of `[from, to)` that lies on physical line `physical`. */
function lastColumnOnLine(line, from, to, physical) {
    const { pieces, text } = line;
    let limit = to;
    for (let index = pieceIndexAt(pieces, from) + 1; index < pieces.length; index++) {
        const piece = pieces[index];
        if (piece.start >= to)
            break;
        if (piece.line !== physical) {
            limit = piece.start;
            break;
        }
    }
    let last = limit - 1;
    while (last > from && (0,version/* isPythonWhitespace */.c4)(text.charCodeAt(last)))
        last--;
    return columnAt(pieces, Math.max(from, last));
}

// EXTERNAL MODULE: ./lib/src/pep440/specifier.js
var specifier = __webpack_require__(720);
;// CONCATENATED MODULE: ./lib/src/parse/requirements/shlex.js
// Python's shlex.split in POSIX mode without comments, as pip's requirements-file reader calls it on
// a line's options: the words, each with its offsets in the line, for positions in diagnostics.
function isShlexSpace(char) {
    return char === ' ' || char === '\t' || char === '\r' || char === '\n';
}
function shlexSplit(text, from) {
    if (!SHLEX_SPECIAL.test(from === 0 ? text : text.slice(from)))
        return { ok: true, words: splitAtBlanks(text, from) };
    const words = [];
    let state = 'space';
    let value = '';
    let start = from;
    for (let index = from; index < text.length; index++) {
        const char = text[index];
        if (state === 'space' || state === 'word') {
            if (isShlexSpace(char)) {
                if (state === 'word')
                    words.push({ value, start, end: index });
                state = 'space';
                value = '';
                continue;
            }
            if (state === 'space') {
                state = 'word';
                start = index;
            }
            if (char === "'" || char === '"') {
                state = char;
            }
            else if (char === '\\') {
                if (index + 1 >= text.length)
                    return { ok: false, message: 'No escaped character' };
                value += text[++index];
            }
            else {
                value += char;
            }
        }
        else if (char === state) {
            state = 'word';
        }
        else if (char === '\\' && state === '"') {
            if (index + 1 >= text.length)
                return { ok: false, message: 'No escaped character' };
            const next = text[++index];
            // Inside double quotes a backslash escapes only `"` and `\`; before anything else it stays.
            value += next === '"' || next === '\\' ? next : '\\' + next;
        }
        else {
            value += char;
        }
    }
    if (state === "'" || state === '"')
        return { ok: false, message: 'No closing quotation' };
    // A word ends at a blank or at the end; quotes make a word even when it is empty (`''`).
    if (state === 'word')
        words.push({ value, start, end: text.length });
    return { ok: true, words };
}
/** Quotes and backslashes: without them, shlex's words are the runs between blanks. */
const SHLEX_SPECIAL = /['"\\]/;
function splitAtBlanks(text, from) {
    const words = [];
    let start = from;
    // The regex engine skips a long word (a 64-digit hash) much faster than a loop over its characters.
    BLANKS.lastIndex = from;
    for (;;) {
        const blanks = BLANKS.exec(text);
        const end = blanks ? blanks.index : text.length;
        if (end > start)
            words.push({ value: text.slice(start, end), start, end });
        if (!blanks)
            return words;
        start = BLANKS.lastIndex;
    }
}
/** shlex's whitespace in POSIX mode. */
const BLANKS = /[ \t\r\n]+/g;

;// CONCATENATED MODULE: ./lib/src/parse/requirements/options.js
// The options of a requirements-file line: pip's break_args_options (where the options begin), then
// optparse over shlex's words with the options pip registers for requirements files
// (req_file.SUPPORTED_OPTIONS + SUPPORTED_OPTIONS_REQ), with optparse's and pip's messages for what
// they refuse. What an option does to the file is the reader's business.



const STRONG_HASHES = ['sha256', 'sha384', 'sha512'];
const FEATURES = ['fast-deps', 'inprocess-build-deps', 'venv-isolation', 'truststore', 'no-binary-enable-wheel-cache', 'build-constraint'];
const checkFormatControl = (value) => value.startsWith('-') ? '--no-binary / --only-binary option requires 1 argument.' : null;
const checkReleaseControl = (value) => value.startsWith('-') ? '--all-releases / --only-final option requires 1 argument.' : null;
const OPTIONS = [
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
        check: (value, flag) => FEATURES.includes(value)
            ? null
            : `option ${flag}: invalid choice: ${(0,display/* quoteInput */.Z)(value)} (choose from ${FEATURES.map(specifier/* pythonRepr */.Up).join(', ')})`,
    },
    {
        dest: 'hashes',
        flags: ['--hash'],
        takesValue: true,
        scope: 'requirement',
        check: (value, flag) => {
            const colon = value.indexOf(':');
            if (colon < 0)
                return `Arguments to ${flag} must be a hash name followed by a value, like --hash=sha256:abcde...`;
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
const SHORT_OPTIONS = new Map(OPTIONS.flatMap((spec) => spec.flags.filter((flag) => !flag.startsWith('--')).map((flag) => [flag, spec])));
/** In the order optparse registered them: its "ambiguous option" message lists them so. */
const LONG_OPTIONS = new Map(OPTIONS.flatMap((spec) => spec.flags.filter((flag) => flag.startsWith('--')).map((flag) => [flag, spec])));
const BUILD_SETTINGS_INSTEAD = 'pass build settings with -C/--config-settings';
/** Options pip once read in requirements files, and pip install options people put there. */
const NOT_REQUIREMENTS_FILE_OPTIONS = new Map([
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
const NO_OPTIONS = { uses: [], ignored: [] };
/** optparse's parse_args over the words of `text` from `start`, as pip's line parser calls it. */
function parseOptions(text, start) {
    const split = shlexSplit(text, start);
    if (!split.ok)
        return { ok: false, message: `Could not split options: ${(0,display/* quoteInput */.Z)(text.slice(start))}: ${split.message}`, offset: start };
    const words = split.words;
    const uses = [];
    const ignored = [];
    for (let index = 0; index < words.length; index++) {
        const word = words[index];
        const arg = word.value;
        if (arg === '--') {
            for (let rest = index + 1; rest < words.length; rest++)
                ignored.push(words[rest]);
            break;
        }
        let spec;
        let flag;
        let value = null;
        let valueStart = word.end;
        let valueEnd = word.end;
        if (arg.startsWith('--')) {
            const equals = arg.indexOf('=');
            const written = equals < 0 ? arg : arg.slice(0, equals);
            const matched = matchLongOption(written);
            if (!matched.ok)
                return { ok: false, message: matched.message, offset: word.start };
            spec = LONG_OPTIONS.get(matched.flag);
            flag = matched.flag;
            if (equals >= 0) {
                if (!spec.takesValue)
                    return { ok: false, message: `${flag} option does not take a value`, offset: word.start };
                value = arg.slice(equals + 1);
                valueStart = Math.min(word.start + equals + 1, word.end);
            }
        }
        else if (arg.startsWith('-') && arg.length > 1) {
            flag = arg.slice(0, 2);
            spec = SHORT_OPTIONS.get(flag);
            if (!spec)
                return { ok: false, message: noSuchOption(flag), offset: word.start };
            // Every short option here takes a value: the rest of the word, else the next word.
            if (arg.length > 2) {
                value = arg.slice(2);
                valueStart = Math.min(word.start + 2, word.end);
            }
        }
        else {
            ignored.push(word);
            continue;
        }
        if (spec.takesValue && value === null) {
            const next = words[index + 1];
            if (!next)
                return { ok: false, message: `${flag} option requires 1 argument`, offset: word.start };
            value = next.value;
            valueStart = next.start;
            valueEnd = next.end;
            index++;
        }
        const problem = value !== null && spec.check ? spec.check(value, flag) : null;
        if (problem)
            return { ok: false, message: problem, offset: valueStart };
        uses.push({ spec, flag, value, start: word.start, valueStart, valueEnd });
    }
    return { ok: true, options: { uses, ignored } };
}
/** optparse accepts any unambiguous prefix of a long option. */
function matchLongOption(written) {
    if (LONG_OPTIONS.has(written))
        return { ok: true, flag: written };
    const candidates = [...LONG_OPTIONS.keys()].filter((flag) => flag.startsWith(written));
    if (candidates.length === 1)
        return { ok: true, flag: candidates[0] };
    if (candidates.length === 0)
        return { ok: false, message: noSuchOption(written) };
    return { ok: false, message: `ambiguous option: ${written} (${candidates.sort().join(', ')}?)` };
}
function noSuchOption(flag) {
    const why = NOT_REQUIREMENTS_FILE_OPTIONS.get(flag);
    return why ? `no such option: ${flag} (${why})` : `no such option: ${flag}`;
}
function isEditableUse(use) {
    return use.spec.dest === 'editables';
}
/** pip's break_args_options: the first space-separated token that starts with `-` begins the options. */
function findOptionStart(text) {
    for (let at = 0; at < text.length;) {
        if (text.charCodeAt(at) === DASH)
            return at;
        const space = text.indexOf(' ', at);
        if (space < 0)
            return -1;
        at = space + 1;
    }
    return -1;
}
const DASH = 0x2d;

// EXTERNAL MODULE: ./lib/src/parse/requirements/requirement-forms.js
var requirement_forms = __webpack_require__(6870);
;// CONCATENATED MODULE: ./lib/src/parse/requirements/reader.js
// A requirements (or constraints) file as pip >= 26 reads it: `req_file.preprocess` (line joining,
// comments, `${VAR}` expansion), `break_args_options` + `shlex.split` + optparse for the options, and
// `constructors.parse_req_from_line` / `parse_editable` for the requirement itself. Every step keeps a
// map back to the physical lines, so that each record and diagnostic points at the text it came from.
//
// This module ties the steps together and records what each line means for the file: a requirement,
// index options, an include. The steps live beside it: logical-lines.ts, options.ts (over shlex.ts),
// requirement-forms.ts and includes.ts.










function parseRequirementsFile(path, text, options) {
    const reader = new FileReader(path, options);
    readLogicalLines(text, (logical) => reader.readLogicalLine(logical));
    return { file: reader.file, diagnostics: reader.diagnostics };
}
class FileReader {
    path;
    options;
    file;
    diagnostics = [];
    constructor(path, options) {
        this.path = path;
        this.options = options;
        this.file = (0,model/* emptyFile */.sX)(path, options.constraint ? 'constraints' : 'requirements');
    }
    readLogicalLine(joined) {
        let line = withoutComment(joined);
        if (line === null)
            return;
        if (this.options.env && line.text.includes('${')) {
            const expansion = expandVariables(line, this.options.env);
            if (expansion.tooLong)
                this.report(line, 0, 'warning', `${expansion.tooLong} is left as written: expanding it would make the line over ${MAX_EXPANSION} characters longer`);
            line = expansion.line;
        }
        this.readLine(line);
    }
    readLine(line) {
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
            const ignored = text.slice(firstIgnored.start, options.ignored[options.ignored.length - 1].end);
            this.report(line, firstIgnored.start, 'warning', `pip ignores ${(0,display/* quoteInput */.Z)(ignored)}: after the first option a line holds only options (a marker goes before them)`);
        }
        const args = optionStart < 0 ? text : optionStart === 0 ? '' : text.slice(0, optionStart - 1);
        const editable = options.uses.length === 0 ? undefined : options.uses.find(isEditableUse);
        if (args !== '') {
            // pip 26 takes the text before the options as the requirement, and as an editable one when the
            // line also has -e.
            if (editable)
                this.report(line, editable.start, 'warning', `pip reads ${(0,display/* quoteInput */.Z)(args.trimEnd())} as this line's editable requirement and ignores ${editable.flag} ${editable.value}`);
            this.readRequirement(line, args, 0, editable !== undefined, editable ? options.uses.filter((use) => use !== editable) : options.uses);
            return;
        }
        if (editable) {
            this.readRequirement(line, editable.value, editable.valueStart, true, options.uses.filter((use) => use !== editable));
            return;
        }
        this.readOptionLine(line, options.uses);
    }
    readRequirement(line, text, start, editable, uses) {
        const hashes = [];
        if (uses.length > 0)
            this.readRequirementOptions(line, editable, uses, hashes);
        // pip refuses an editable constraint before it reads the requirement.
        if (this.options.constraint && editable) {
            this.report(line, start, 'error', 'Editable requirements are not allowed as constraints');
            return;
        }
        const read = (0,requirement_forms/* readPipRequirement */.L)(text, editable);
        if (!read.ok) {
            this.report(line, start + read.offset, 'error', read.message);
            return;
        }
        const fields = read.requirement;
        const unchecked = (0,requirement/* tooManyClauses */.UZ)(fields.name, fields.specifier);
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
        const tokenStart = start + (0,version/* stripStart */.fM)(text, 0, text.length);
        const tokenEnd = start + (0,version/* stripEnd */.Gl)(text, tokenStart - start, text.length);
        const firstLine = lineAt(line.pieces, tokenStart);
        this.file.requirements.push({
            name: fields.name,
            key: (0,model/* canonicalName */.Ew)(fields.name),
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
    readRequirementOptions(line, editable, uses, hashes) {
        const warned = [];
        for (const use of uses) {
            const applies = use.spec.scope === 'any-requirement' || (use.spec.scope === 'requirement' && !editable);
            if (!applies) {
                this.warnIgnored(line, use, warned, `pip ignores ${use.flag} on ${editable ? 'an editable (-e) line' : 'a requirement line'}: ${use.spec.scope === 'file' ? 'put it on a line of its own' : 'it applies to non-editable requirements only'}`);
            }
            else if (use.spec.dest === 'hashes') {
                hashes.push(use.value);
            }
        }
    }
    readOptionLine(line, uses) {
        // pip follows the first -r (else the first -c) of a line and ignores everything else on it.
        const include = uses.find((use) => use.spec.dest === 'requirements') ?? uses.find((use) => use.spec.dest === 'constraints');
        const warned = [];
        if (include) {
            const flag = include.spec.dest === 'requirements' ? '-r' : '-c';
            for (const use of uses) {
                if (use !== include)
                    this.warnIgnored(line, use, warned, `pip ignores ${use.flag} on a line that includes ${flag} ${include.value}`);
            }
            this.readInclude(line, include);
            return;
        }
        let indexUrl = null;
        let findLinks = null;
        for (const use of uses) {
            switch (use.spec.dest) {
                case 'index_url':
                    indexUrl = use; // optparse keeps the last
                    break;
                case 'extra_index_urls':
                    this.addIndex(line, use, 'extra-index-url');
                    break;
                case 'find_links':
                    if (findLinks)
                        this.warnIgnored(line, use, warned, `pip reads only the first ${use.flag} of a line; ${use.value} is ignored`);
                    else
                        findLinks = use;
                    break;
                case 'hashes':
                case 'config_settings':
                    this.warnIgnored(line, use, warned, `${use.flag} without a requirement on its line: pip ignores it`);
                    break;
            }
        }
        if (indexUrl)
            this.addIndex(line, indexUrl, 'index-url');
        if (findLinks)
            this.addIndex(line, findLinks, 'find-links');
    }
    addIndex(line, use, kind) {
        const url = use.value;
        const at = positionAt(line.pieces, use.valueStart);
        this.file.indexes.push({
            url: (0,display/* redactUrl */.B)(url),
            line: at.line,
            column: at.column,
            endColumn: lastColumnOnLine(line, use.valueStart, use.valueEnd, at.line),
            kind,
            cuda: (0,pytorch_index/* cudaFromIndexUrl */.J)(url),
        });
    }
    readInclude(line, use) {
        const constraint = use.spec.dest === 'constraints';
        const flag = constraint ? '-c' : '-r';
        const written = use.value;
        const target = includeTarget(this.path, flag, written);
        switch (target.kind) {
            case 'url':
                this.report(line, use.valueStart, 'warning', target.message);
                if (target.fetchable) {
                    const place = positionAt(line.pieces, use.valueStart);
                    (this.file.remoteIncludes ??= []).push({
                        url: (0,url/* withoutCredentials */.ri)(written),
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
                const include = { path: target.path, line: lineAt(line.pieces, use.start), constraint };
                this.file.includes.push(include);
            }
        }
    }
    /**
     * One warning per option and line: a hostile line can repeat an option a million times. `warned`
     * lists the flags warned about so far, at most one per option pip knows.
     */
    warnIgnored(line, use, warned, message) {
        if (warned.includes(use.flag))
            return;
        warned.push(use.flag);
        this.report(line, use.start, 'warning', message);
    }
    report(line, offset, severity, message) {
        const at = positionAt(line.pieces, Math.min(offset, Math.max(0, line.text.length - 1)));
        this.diagnostics.push({ file: this.path, line: at.line, column: at.column, severity, message });
    }
}


/***/ }),

/***/ 6870:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ readPipRequirement),
/* harmony export */   u: () => (/* binding */ normaliseExtras)
/* harmony export */ });
/* harmony import */ var _pep440_version_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8400);
/* harmony import */ var _marker_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9546);
/* harmony import */ var _requirement_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4873);
/* harmony import */ var _display_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2721);
// What pip reads as the requirement of a requirements-file line (or a `pip install` argument):
// constructors.parse_req_from_line for a plain line (PEP 508, a URL, a local path or archive, a wheel
// file name) and parse_editable for `-e` (a local project or a VCS URL with its `#egg=` name).
//
// Where pip asks the file system (is `./pkg` a directory? does `foo.whl` exist?) we cannot: a
// path-looking requirement is read as the local project or archive it names, which is what pip does
// whenever the path exists.




// urllib.parse.urlsplit: a scheme is a letter, then letters, digits, `+`, `-`, `.`, before the first `:`.
const URL_SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const VCS_SCHEMES = [
    'bzr+http',
    'bzr+https',
    'bzr+ssh',
    'bzr+sftp',
    'bzr+ftp',
    'bzr+lp',
    'bzr+file',
    'git+http',
    'git+https',
    'git+ssh',
    'git+git',
    'git+file',
    'hg+file',
    'hg+http',
    'hg+https',
    'hg+ssh',
    'hg+static-http',
    'svn+ssh',
    'svn+http',
    'svn+https',
    'svn+svn',
    'svn+file',
];
const VCS_NAMES = ['bzr', 'git', 'hg', 'svn'];
const URL_SCHEMES = new Set(['http', 'https', 'file', 'ftp', ...VCS_SCHEMES]);
const ARCHIVE_EXTENSIONS = [
    '.whl',
    '.zip',
    '.tar.bz2',
    '.tbz',
    '.tar.xz',
    '.txz',
    '.tlz',
    '.tar.lz',
    '.tar.lzma',
    '.tar.gz',
    '.tgz',
    '.tar',
];
const EGG_FRAGMENT = /[#&]egg=([^&]*)/;
const VERSION_OPERATOR_CHAR = /[<>=]/;
const PROJECT_NAME = /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;
const SENTENCE_END = /[.?!]$/;
const SPECIFIER_OPERATORS = ['~=', '==', '!=', '<=', '>=', '<', '>', '==='];
function urlScheme(text) {
    if (!text.includes(':'))
        return null;
    const match = URL_SCHEME.exec(text);
    return match ? match[1].toLowerCase() : null;
}
/** pip's vcs.is_url: a scheme pip fetches from. */
function isPipUrl(text) {
    const scheme = urlScheme(text.trimStart());
    return scheme !== null && URL_SCHEMES.has(scheme);
}
function looksLikePath(text) {
    return text.includes('/') || text.startsWith('.');
}
/**
 * pip reads a path-looking requirement as a local project only when that directory exists; we cannot
 * look, so we take it for one when it is written the way paths are (no blanks, quotes, operators or
 * brackets), and otherwise read it as pip reads a missing path: as PEP 508, which refuses it.
 */
function isPlausiblePath(path) {
    return PLAUSIBLE_PATH.test(path);
}
const PLAUSIBLE_PATH = /^[^\s<>=!;,()*$"'`|[\]]+$/;
function isArchive(path) {
    return ARCHIVE_SUFFIX.test(path);
}
const ARCHIVE_SUFFIX = new RegExp(`(?:${ARCHIVE_EXTENSIONS.map((extension) => extension.replaceAll('.', '\\.')).join('|')})$`, 'i');
/** pip's strip_extras: a trailing `[...]` (with no `]` inside) after at least one character. */
function stripExtras(text) {
    if (!text.endsWith(']'))
        return { path: text, extras: null };
    const open = text.lastIndexOf('[');
    if (open < 1 || open >= text.length - 2 || text.indexOf(']', open) !== text.length - 1)
        return { path: text, extras: null };
    return { path: text.slice(0, open).trimEnd(), extras: text.slice(open) };
}
/** Reads one requirement as pip reads the text of a requirements-file line (or a `pip install` argument). */
function readPipRequirement(text, editable) {
    return editable ? readEditable(text) : readPlain(text);
}
/** parse_req_from_line for a line that is not editable. */
function readPlain(text) {
    const separator = isPipUrl(text) ? '; ' : ';';
    const cut = text.indexOf(separator);
    let marker = null;
    if (cut >= 0) {
        const markerStart = (0,_pep440_version_js__WEBPACK_IMPORTED_MODULE_0__/* .stripStart */ .fM)(text, cut + separator.length, text.length);
        const markerEnd = (0,_pep440_version_js__WEBPACK_IMPORTED_MODULE_0__/* .stripEnd */ .Gl)(text, markerStart, text.length);
        if (markerEnd > markerStart) {
            marker = text.slice(markerStart, markerEnd);
            const checked = checkedMarker(marker);
            if (!checked.ok) {
                return {
                    ok: false,
                    message: `Invalid requirement: ${(0,_display_js__WEBPACK_IMPORTED_MODULE_3__/* .quoteInput */ .Z)((0,_pep440_version_js__WEBPACK_IMPORTED_MODULE_0__/* .pythonTrim */ .PE)(text.slice(0, cut)))}: ${checked.message}`,
                    offset: markerStart + checked.offset,
                };
            }
        }
    }
    const offset = (0,_pep440_version_js__WEBPACK_IMPORTED_MODULE_0__/* .stripStart */ .fM)(text, 0, cut < 0 ? text.length : cut);
    const name = text.slice(offset, (0,_pep440_version_js__WEBPACK_IMPORTED_MODULE_0__/* .stripEnd */ .Gl)(text, offset, cut < 0 ? text.length : cut));
    if (isPipUrl(name))
        return fromLink(name, name, [], marker, offset);
    const { path, extras } = stripExtras(name);
    if (isArchive(path)) {
        // pip: a missing archive whose name has an `@` after a non-path part is a PEP 508 `name @ url`.
        const at = name.indexOf('@');
        if (!(at >= 0 && !looksLikePath(name.slice(0, at))))
            return fromLocalPath(path, extras, marker, offset);
    }
    else if (looksLikePath(name) && isPlausiblePath(path) && !isUrlRequirement(name)) {
        return fromLocalPath(path, extras, marker, offset);
    }
    const parsed = (0,_requirement_js__WEBPACK_IMPORTED_MODULE_2__/* .parseRequirement */ .pP)(name);
    if (!parsed.ok) {
        const hint = name.includes('/')
            ? 'It looks like a path.'
            : name.includes('=') && !SPECIFIER_OPERATORS.some((operator) => name.includes(operator))
                ? '= is not a valid operator. Did you mean == ?'
                : '';
        const message = `Invalid requirement: ${(0,_display_js__WEBPACK_IMPORTED_MODULE_3__/* .quoteInput */ .Z)(name)}: ${parsed.message}`;
        return {
            ok: false,
            message: hint ? `${message}${SENTENCE_END.test(message) ? '' : '.'} Hint: ${hint}` : message,
            offset: offset + parsed.offset,
        };
    }
    return {
        ok: true,
        requirement: {
            name: parsed.name,
            extras: normaliseExtras(parsed.extras),
            specifier: parsed.specifier,
            marker,
            url: parsed.url === null ? null : (0,_display_js__WEBPACK_IMPORTED_MODULE_3__/* .redactUrl */ .B)(parsed.url),
        },
    };
}
/** parseMarker, remembered: a repository writes the same few markers on line after line. */
function checkedMarker(marker) {
    let checked = CHECKED_MARKERS.get(marker);
    if (checked === undefined) {
        checked = (0,_marker_js__WEBPACK_IMPORTED_MODULE_1__/* .parseMarker */ .gY)(marker);
        if (CHECKED_MARKERS.size >= MAX_CHECKED_MARKERS)
            CHECKED_MARKERS.clear();
        CHECKED_MARKERS.set(marker, checked);
    }
    return checked;
}
const CHECKED_MARKERS = new Map();
const MAX_CHECKED_MARKERS = 4096;
function isUrlRequirement(text) {
    if (!text.includes('@'))
        return false;
    const parsed = (0,_requirement_js__WEBPACK_IMPORTED_MODULE_2__/* .parseRequirement */ .pP)(text);
    return parsed.ok && parsed.url !== null;
}
function readEditable(text) {
    // pip first tries `name[extras] @ url ; marker`.
    const direct = (0,_requirement_js__WEBPACK_IMPORTED_MODULE_2__/* .parseRequirement */ .pP)(text);
    if (direct.ok && direct.url !== null) {
        return {
            ok: true,
            requirement: {
                name: direct.name,
                extras: normaliseExtras(direct.extras),
                specifier: '',
                marker: direct.marker,
                url: (0,_display_js__WEBPACK_IMPORTED_MODULE_3__/* .redactUrl */ .B)(direct.url),
            },
        };
    }
    const { path, extras } = stripExtras(text);
    const scheme = urlScheme(path);
    // A local project: a path (taken to be a directory, as pip checks), or a file: URL with its #egg=.
    if (scheme === 'file' || (scheme === null && isPlausiblePath(path)))
        return fromLocalPath(path, extras, null, 0);
    let url = text;
    const vcs = VCS_NAMES.find((name) => text.toLowerCase().startsWith(`${name}:`));
    if (vcs)
        url = `${vcs}+${text}`;
    if (!VCS_SCHEMES.includes(urlScheme(url) ?? '')) {
        return {
            ok: false,
            message: `${text} is not a valid editable requirement. It should either be a path to a local project or a VCS URL (beginning with ${VCS_SCHEMES.join(', ')}).`,
            offset: 0,
        };
    }
    const egg = eggName(url);
    if (egg === null)
        return {
            ok: false,
            message: `Could not detect requirement name for '${text}', please specify one with your_package_name @ URL`,
            offset: 0,
        };
    if (!egg.ok)
        return egg;
    return { ok: true, requirement: { name: egg.name, extras: [], specifier: '', marker: null, url: (0,_display_js__WEBPACK_IMPORTED_MODULE_3__/* .redactUrl */ .B)(text) } };
}
function fromLocalPath(path, extras, marker, offset) {
    let extraNames = [];
    if (extras !== null) {
        // pip reads path extras as the extras of a placeholder requirement.
        const parsed = (0,_requirement_js__WEBPACK_IMPORTED_MODULE_2__/* .parseRequirement */ .pP)(`placeholder${extras.toLowerCase()}`);
        if (!parsed.ok)
            return { ok: false, message: `Invalid requirement: ${(0,_display_js__WEBPACK_IMPORTED_MODULE_3__/* .quoteInput */ .Z)(path + extras)}: ${parsed.message}`, offset: offset + path.length };
        extraNames = normaliseExtras(parsed.extras);
    }
    return fromLink(path, path, extraNames, marker, offset);
}
/** A URL or a path: a wheel names its project and version; anything else, its `#egg=` fragment or nothing. */
function fromLink(link, written, extras, marker, offset) {
    const filename = linkFilename(link);
    if (filename.endsWith('.whl')) {
        const wheel = parseWheelFilename(filename);
        if (!wheel.ok)
            return { ok: false, message: wheel.message, offset };
        // pip then reads `name==version` as a requirement, which refuses a name PEP 508 does not allow.
        const pinned = `${wheel.name}==${wheel.version}`;
        const parsed = (0,_requirement_js__WEBPACK_IMPORTED_MODULE_2__/* .parseRequirement */ .pP)(pinned);
        if (!parsed.ok)
            return { ok: false, message: `Invalid requirement: ${(0,_display_js__WEBPACK_IMPORTED_MODULE_3__/* .quoteInput */ .Z)(pinned)}: ${parsed.message}`, offset };
        return { ok: true, requirement: { name: parsed.name, extras, specifier: parsed.specifier, marker, url: (0,_display_js__WEBPACK_IMPORTED_MODULE_3__/* .redactUrl */ .B)(written) } };
    }
    const egg = urlScheme(link) === null ? null : eggName(link);
    if (egg !== null && !egg.ok)
        return { ...egg, offset: offset + egg.offset };
    return { ok: true, requirement: { name: egg?.name ?? '', extras, specifier: '', marker, url: (0,_display_js__WEBPACK_IMPORTED_MODULE_3__/* .redactUrl */ .B)(written) } };
}
function eggName(url) {
    const match = EGG_FRAGMENT.exec(url);
    if (!match)
        return null;
    const fragment = match[1];
    if (PROJECT_NAME.test(fragment))
        return { ok: true, name: fragment };
    let hint = '';
    if (VERSION_OPERATOR_CHAR.test(fragment))
        hint = 'Version specifiers are silently ignored for URL references. Remove them. ';
    if (fragment.includes('[') && fragment.includes(']'))
        hint += "Try using the Direct URL requirement syntax: 'name[extra] @ URL'";
    if (!hint)
        hint = 'Egg fragments can only be a valid project name.';
    return {
        ok: false,
        message: `The '${fragment}' egg fragment is invalid (pip 26 reads only a bare project name there). ${hint.trim()}`,
        offset: match.index,
    };
}
/** Link.filename: the last path segment, percent-decoded. */
function linkFilename(link) {
    let path = link;
    const scheme = urlScheme(link);
    if (scheme !== null) {
        const rest = link.slice(scheme.length + 1);
        const pathStart = rest.startsWith('//') ? rest.indexOf('/', 2) : 0;
        path = pathStart < 0 ? '' : rest.slice(pathStart);
        const end = path.search(QUERY_OR_FRAGMENT);
        if (end >= 0)
            path = path.slice(0, end);
    }
    while (path.endsWith('/'))
        path = path.slice(0, -1);
    const name = path.slice(path.lastIndexOf('/') + 1);
    try {
        return decodeURIComponent(name);
    }
    catch {
        return name;
    }
}
const QUERY_OR_FRAGMENT = /[?#]/;
// packaging checks the name part with `^[\w\d._]*$` (Unicode \w).
const WHEEL_NAME = /^[\p{L}\p{N}_.]*$/u;
/** packaging.utils.parse_wheel_filename, as far as pip uses it: the name and the version. */
function parseWheelFilename(filename) {
    const stem = filename.slice(0, -4);
    const dashes = stem.split('-').length - 1;
    if (dashes !== 4 && dashes !== 5)
        return { ok: false, message: `Invalid wheel filename (wrong number of parts): ${(0,_display_js__WEBPACK_IMPORTED_MODULE_3__/* .quoteInput */ .Z)(stem)}` };
    const [namePart, versionPart] = stem.split('-');
    if (namePart.includes('__') || !WHEEL_NAME.test(namePart))
        return { ok: false, message: `Invalid project name: ${(0,_display_js__WEBPACK_IMPORTED_MODULE_3__/* .quoteInput */ .Z)(stem)}` };
    const version = (0,_pep440_version_js__WEBPACK_IMPORTED_MODULE_0__/* .parseVersion */ .ot)(versionPart);
    if (version === null)
        return { ok: false, message: `Invalid wheel filename (invalid version): ${(0,_display_js__WEBPACK_IMPORTED_MODULE_3__/* .quoteInput */ .Z)(stem)}` };
    return { ok: true, name: namePart, version: (0,_pep440_version_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeVersion */ .Qj)(version) };
}
/** Extras as the records keep them: lower case, sorted, each once. */
function normaliseExtras(extras) {
    if (extras.length === 0)
        return _requirement_js__WEBPACK_IMPORTED_MODULE_2__/* .NO_EXTRAS */ .Cg;
    // Most lists are written that way already: checked in one pass, they need no copy.
    if (isNormalExtras(extras))
        return extras;
    return [...new Set(extras.map((extra) => extra.toLowerCase()))].sort();
}
/** Lower case, and each name after the one before it in code-unit order (as sort() orders them). */
function isNormalExtras(extras) {
    for (let index = 0; index < extras.length; index++) {
        const extra = extras[index];
        if (extra !== extra.toLowerCase() || (index > 0 && !(extras[index - 1] < extra)))
            return false;
    }
    return true;
}


/***/ }),

/***/ 6723:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _6: () => (/* binding */ decodeUtf8),
/* harmony export */   bG: () => (/* binding */ decodeMarked),
/* harmony export */   g7: () => (/* binding */ decodeText),
/* harmony export */   uz: () => (/* binding */ splitLines)
/* harmony export */ });
// Bytes -> text the way pip reads a requirements file (pip 26 `req_file._decode_req_file`), and the one
// line splitter every reader shares.
//
// pip's order: a byte-order mark picks the encoding; otherwise a PEP 263 coding cookie on one of the
// first two lines; otherwise UTF-8; and when UTF-8 fails, the locale's preferred encoding (with a
// warning). A CI runner's locale is C.UTF-8, where that last step fails too and pip stops; a developer's
// Windows machine would use cp1252. We cannot know the locale that will install the file, so we read
// the bytes as latin-1 - every byte is a character, so the file is still checked - and say so in
// `warning`: the fix is the same whatever the locale (a coding cookie, or UTF-8).
//
// pyproject.toml and Dockerfiles are read the same way but for the coding cookie, which means nothing
// to TOML (always UTF-8) or to Docker (UTF-8, other bytes passed on as they are): for them the
// warning's advice is to save the file as UTF-8.
// pip's order matters: the UTF-16 LE mark is a prefix of the UTF-32 LE mark, so UTF-32 is tried first.
const BYTE_ORDER_MARKS = [
    { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
    { bytes: [0xff, 0xfe, 0x00, 0x00], encoding: 'utf-32-le' },
    { bytes: [0x00, 0x00, 0xfe, 0xff], encoding: 'utf-32-be' },
    { bytes: [0xff, 0xfe], encoding: 'utf-16-le' },
    { bytes: [0xfe, 0xff], encoding: 'utf-16-be' },
];
// PEP 263 as pip matches it: bytes, anywhere in a line that starts with `#`.
const CODING_COOKIE = /coding[:=][ \t\n\r\f\v]*([-\w.]+)/;
const NEWLINE = 0x0a;
const HASH = 0x23;
/** Decodes a requirements file as pip would, and the other kinds as pip would but for the coding cookie. */
function decodeText(bytes, kind = 'requirements') {
    const marked = decodeMarked(bytes);
    if (marked !== null) {
        // pip opens pyproject.toml as UTF-8, mark and all: its TOML reader then stops at line 1, column 1.
        if (kind === 'pyproject' && marked.ok)
            marked.caveat = { severity: 'error', message: pyprojectWithMark(marked.encoding), at: { line: 1, column: 1 } };
        return marked;
    }
    const cookie = kind === 'requirements' || kind === 'constraints' ? findCodingCookie(bytes) : null;
    if (cookie)
        return decodeDeclared(bytes, cookie.name, cookie.line);
    const nul = bytes.indexOf(0);
    // UTF-8 or latin-1, as the file would be read: a NUL is never part of a UTF-8 sequence, so the text
    // before it decodes alone.
    if (nul >= 0)
        return binary(nul, strictDecode('utf-8', bytes.subarray(0, nul)) ?? decodeLatin1(bytes.subarray(0, nul)));
    const utf8 = strictDecode('utf-8', bytes);
    if (utf8 !== null)
        return { ok: true, text: utf8, encoding: 'utf-8' };
    const text = decodeLatin1(bytes);
    // Latin-1 is one character per byte: the text before the first bad byte is as long as the bytes are.
    const at = positionAfter(text.slice(0, firstNonUtf8(bytes)));
    return {
        ok: true,
        text,
        encoding: 'latin-1',
        caveat: { severity: kind === 'pyproject' ? 'error' : 'warning', message: LATIN1_FALLBACK[kind], at },
    };
}
/** Bytes that start with a byte-order mark, decoded in the Unicode encoding it names; null without one. */
function decodeMarked(bytes) {
    const mark = BYTE_ORDER_MARKS.find((candidate) => startsWith(bytes, candidate.bytes));
    return mark === undefined ? null : decodeUnicode(bytes.subarray(mark.bytes.length), mark.encoding, mark.bytes.length);
}
/** UTF-8 bytes as text; for bytes that are not, where the first one that is not UTF-8 sits. */
function decodeUtf8(bytes) {
    const text = strictDecode('utf-8', bytes);
    if (text !== null)
        return { ok: true, text };
    // The bytes before the first bad one are well-formed: their text gives its line and column.
    return { ok: false, at: positionAfter(new TextDecoder().decode(bytes.subarray(0, firstNonUtf8(bytes)))) };
}
/** Why pip cannot read a pyproject.toml that starts with a byte-order mark (`encoding`: the one it names). */
function pyprojectWithMark(encoding) {
    if (encoding === 'utf-8') {
        return "starts with a UTF-8 byte-order mark: pip reads pyproject.toml as UTF-8 as it is, and its TOML reader refuses the mark ('Invalid statement'); read here without it (save the file as UTF-8 without a byte-order mark)";
    }
    return `${encoding.toUpperCase()} (byte-order mark): pip reads pyproject.toml as UTF-8 and cannot read it; read here as ${encoding.slice(0, 6).toUpperCase()} (save the file as UTF-8)`;
}
const PIP_LATIN1_FALLBACK = 'not valid UTF-8 and no coding cookie: read as latin-1; pip would use the locale encoding and fails under a UTF-8 locale' +
    " (add '# -*- coding: latin-1 -*-' or save the file as UTF-8)";
/** What reading a file as latin-1 means for whoever reads it for real, and what to do about it. */
const LATIN1_FALLBACK = {
    requirements: PIP_LATIN1_FALLBACK,
    constraints: PIP_LATIN1_FALLBACK,
    pyproject: 'not valid UTF-8: read as latin-1; TOML must be UTF-8, and pip refuses to read the file (save it as UTF-8)',
    dockerfile: 'not valid UTF-8: read as latin-1; Docker reads a Dockerfile as UTF-8 and hands other bytes to RUN commands as they are' +
        ' (save the file as UTF-8)',
    conda: 'not valid UTF-8: read as latin-1; conda reads environment files as UTF-8 (save the file as UTF-8)',
};
/** Offset of the first byte that is not part of a well-formed UTF-8 sequence (RFC 3629); the length when none is. */
function firstNonUtf8(bytes) {
    let index = 0;
    while (index < bytes.length) {
        const lead = bytes[index];
        if (lead < 0x80) {
            index++;
            continue;
        }
        const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
        if (length === 0)
            return index;
        // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
        const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
        const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
        const second = bytes[index + 1] ?? 0;
        if (second < low || second > high)
            return index;
        for (let next = 2; next < length; next++) {
            const continuation = bytes[index + next] ?? 0;
            if (continuation < 0x80 || continuation > 0xbf)
                return index;
        }
        index += length;
    }
    return bytes.length;
}
/** Splits on CRLF, CR and LF; the lines come without terminators and a final terminator adds no line. */
function splitLines(text) {
    // Splitting at a string is much faster than at a regex, and most files have only LF.
    const lines = text.includes('\r') ? text.split(LINE_BREAK) : text.split('\n');
    if (lines.length > 0 && lines[lines.length - 1] === '')
        lines.pop();
    return lines;
}
const LINE_BREAK = /\r\n|\r|\n/;
function startsWith(bytes, prefix) {
    if (bytes.length < prefix.length)
        return false;
    return prefix.every((byte, index) => bytes[index] === byte);
}
function findCodingCookie(bytes) {
    let start = 0;
    for (let line = 1; line <= 2 && start <= bytes.length; line++) {
        const newline = bytes.indexOf(NEWLINE, start);
        const end = newline < 0 ? bytes.length : newline;
        if (bytes[start] === HASH) {
            // A cookie is ASCII by definition; latin-1 maps bytes to the same code points, so the match
            // positions of the pattern are those of pip's bytes regex.
            const match = CODING_COOKIE.exec(decodeLatin1(bytes.subarray(start, end)));
            if (match)
                return { name: match[1], line };
        }
        if (newline < 0)
            break;
        start = newline + 1;
    }
    return null;
}
function decodeDeclared(bytes, declared, line) {
    const encoding = pythonEncoding(declared);
    if (encoding === null)
        return { ok: false, message: `unknown encoding '${declared}' in the coding cookie on line ${line}; not read`, at: { line } };
    if (isUnicode(encoding))
        return decodeUnicode(bytes, encoding.decoder, 0);
    const nul = bytes.indexOf(0);
    // The declared encodings keep NUL a byte of its own, so the text before it decodes alone.
    if (nul >= 0)
        return binary(nul, decodeBytes(bytes.subarray(0, nul), encoding) ?? decodeLatin1(bytes.subarray(0, nul)));
    const text = decodeBytes(bytes, encoding);
    if (text === null)
        return { ok: false, message: `not valid ${encoding.name} as its coding cookie on line ${line} declares; not read` };
    return { ok: true, text, encoding: encoding.name };
}
function decodeBytes(bytes, encoding) {
    if (encoding.decoder === 'latin-1')
        return decodeLatin1(bytes);
    if (encoding.decoder === 'ascii')
        return decodeAscii(bytes);
    if (encoding.decoder === 'cp1252')
        return decodeCp1252(bytes);
    return strictDecode(encoding.decoder, bytes);
}
function isUnicode(encoding) {
    return UNICODE_ENCODINGS.has(encoding.decoder);
}
const UNICODE_ENCODINGS = new Set(['utf-8', 'utf-16-le', 'utf-16-be', 'utf-32-le', 'utf-32-be']);
// Python's codec names and their common aliases (encodings.aliases), normalised as Python normalises
// them: lower case, runs of other punctuation as `_`.
const PYTHON_CODECS = new Map([
    [['utf_8', 'utf8', 'u8', 'utf', 'cp65001', 'utf_8_sig'], { name: 'utf-8', decoder: 'utf-8' }],
    [
        ['latin_1', 'latin1', 'latin', 'l1', 'iso_8859_1', 'iso8859_1', '8859', 'cp819', 'iso_ir_100', 'csisolatin1'],
        { name: 'latin-1', decoder: 'latin-1' },
    ],
    [
        ['ascii', 'us_ascii', '646', 'us', 'ansi_x3.4_1968', 'cp367', 'csascii', 'ibm367', 'iso646_us', 'iso_ir_6'],
        { name: 'ascii', decoder: 'ascii' },
    ],
    [['utf_16', 'utf16', 'u16', 'utf_16_le', 'utf_16le'], { name: 'utf-16-le', decoder: 'utf-16-le' }],
    [['utf_16_be', 'utf_16be'], { name: 'utf-16-be', decoder: 'utf-16-be' }],
    [['utf_32', 'utf32', 'u32', 'utf_32_le', 'utf_32le'], { name: 'utf-32-le', decoder: 'utf-32-le' }],
    [['utf_32_be', 'utf_32be'], { name: 'utf-32-be', decoder: 'utf-32-be' }],
    [['cp1252', 'windows_1252'], { name: 'cp1252', decoder: 'cp1252' }],
    [['cp949', 'uhc', 'ms949'], { name: 'cp949', decoder: 'euc-kr' }],
].flatMap(([aliases, encoding]) => aliases.map((alias) => [alias, encoding])));
const CODEC_PUNCTUATION = /[^a-z0-9.]+/g;
function pythonEncoding(declared) {
    const normalised = declared.toLowerCase().replace(CODEC_PUNCTUATION, '_');
    const known = PYTHON_CODECS.get(normalised);
    if (known)
        return known;
    // Python's other codecs (cp1252, euc_kr, shift_jis, gbk, koi8_r, iso8859_15, ...) under their WHATWG label.
    for (const label of [normalised.replace(/_/g, '-'), normalised]) {
        try {
            new TextDecoder(label);
            return { name: normalised, decoder: label };
        }
        catch {
            // not a label TextDecoder knows; try the next spelling
        }
    }
    return null;
}
function decodeUnicode(bytes, encoding, offset) {
    const text = encoding === 'utf-8'
        ? strictDecode('utf-8', bytes)
        : encoding === 'utf-16-le' || encoding === 'utf-16-be'
            ? strictDecode(encoding.replace('utf-16-', 'utf-16'), bytes)
            : decodeUtf32(bytes, encoding === 'utf-32-be');
    if (text === null)
        return { ok: false, message: `not valid ${encoding.toUpperCase()} (byte-order mark or coding cookie); not read` };
    const nul = text.indexOf('\u0000');
    if (nul >= 0)
        return binary(offset + unicodeByteOffset(text, nul, encoding), text.slice(0, nul));
    return { ok: true, text, encoding };
}
/** Byte offset of the UTF-16 code unit `index` of `text` in its `encoding` form. */
function unicodeByteOffset(text, index, encoding) {
    if (encoding === 'utf-8')
        return Buffer.byteLength(text.slice(0, index), 'utf8');
    if (encoding === 'utf-16-le' || encoding === 'utf-16-be')
        return index * 2;
    let codePoints = 0;
    for (let unit = 0; unit < index; unit++) {
        const code = text.charCodeAt(unit);
        if (code < 0xd800 || code > 0xdbff)
            codePoints++;
    }
    return codePoints * 4;
}
/** A binary file: a NUL at byte `offset`, after the text `before`, which places it at a line and column. */
function binary(offset, before) {
    return { ok: false, message: `binary file (NUL byte at offset ${offset}); not read`, at: positionAfter(before) };
}
const CR = 0x0d;
/** Where the character after `text` is: line breaks counted as splitLines splits (CRLF, CR, LF). */
function positionAfter(text) {
    let line = 1;
    let lineStart = 0;
    for (let index = 0; index < text.length; index++) {
        const code = text.charCodeAt(index);
        if (code === CR && text.charCodeAt(index + 1) === NEWLINE)
            index++;
        if (code === CR || code === NEWLINE) {
            line++;
            lineStart = index + 1;
        }
    }
    return { line, column: text.length - lineStart + 1 };
}
function strictDecode(label, bytes) {
    try {
        return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
    }
    catch {
        return null;
    }
}
function decodeLatin1(bytes) {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}
function decodeAscii(bytes) {
    for (const byte of bytes)
        if (byte > 0x7f)
            return null;
    return decodeLatin1(bytes);
}
// cp1252's 0x80-0x9F; Python leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined (a decoding error).
const CP1252_HIGH = '\u20ac\u0000\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u0000\u017d\u0000' +
    '\u0000\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u0000\u017e\u0178';
function decodeCp1252(bytes) {
    const latin1 = decodeLatin1(bytes);
    let out = '';
    let from = 0;
    for (let index = 0; index < latin1.length; index++) {
        const code = latin1.charCodeAt(index);
        if (code < 0x80 || code > 0x9f)
            continue;
        const mapped = CP1252_HIGH[code - 0x80];
        if (mapped === '\u0000')
            return null;
        out += latin1.slice(from, index) + mapped;
        from = index + 1;
    }
    return from === 0 ? latin1 : out + latin1.slice(from);
}
function decodeUtf32(bytes, bigEndian) {
    if (bytes.length % 4 !== 0)
        return null;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const parts = [];
    const chunk = [];
    for (let offset = 0; offset < bytes.length; offset += 4) {
        const codePoint = view.getUint32(offset, !bigEndian);
        if (codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff))
            return null;
        chunk.push(codePoint);
        if (chunk.length === 4096) {
            parts.push(String.fromCodePoint(...chunk));
            chunk.length = 0;
        }
    }
    parts.push(String.fromCodePoint(...chunk));
    return parts.join('');
}


/***/ }),

/***/ 2964:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HS: () => (/* binding */ isSubset),
/* harmony export */   HY: () => (/* binding */ intersects),
/* harmony export */   ns: () => (/* binding */ exactPin)
/* harmony export */ });
/* unused harmony exports intersect, toRanges, commonVersion, versionOutside */
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8400);
/* harmony import */ var _specifier_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(720);
// Set algebra over PEP 440 versions: what a specifier set admits, as a union of intervals of
// packaging's total order, so that checks can ask "can both hold?" and "does this pin imply that
// policy?" exactly, without enumerating versions.
//
// Every operator except `===` admits a set of *versions* (all spellings of 1.0 alike). Its
// boundaries are cuts between versions, and they fall where packaging puts them:
// - `<V` (V final or post) stops below V.dev0: it excludes every pre-release of V.
// - `<=V`, `==V` and `!=V` take in V's local versions (V+anything); `==V+l` is the single point.
// - `>V` (V final or pre) starts above all of V's post-releases and local versions; `>V.postN`
//   and `>V.devN` start at the next post/dev release.
// - `==X.*` and `~=X.Y` are [X.dev0, next prefix .dev0).
// `===` compares text, so a set with `===` holds at most one spelling (case aside) and is kept as
// that "identity" string; `intersects` and `isSubset` treat it as one more candidate.
//
// The one place this is not exact: an odd `~=` whose text puts a pre/post/dev part into
// packaging's prefix (`~=1.0.c.1` -> prefix `1.0rc0`). packaging then matches on how many release
// components the candidate *writes* (`1.0rc0` but not `1.0.0rc0`); here both count.


const MIN_VERSION = (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .versionFromParts */ .hP)({ release: [0], dev: 0 });
const MIN = Object.freeze({ kind: 'before', version: MIN_VERSION });
const MAX = Object.freeze({ kind: 'max' });
const EVERYTHING = Object.freeze([Object.freeze({ lower: MIN, upper: MAX })]);
function increment(n) {
    if (typeof n === 'bigint')
        return n + 1n;
    return n + 1 > Number.MAX_SAFE_INTEGER ? BigInt(n) + 1n : n + 1;
}
function before(version) {
    return { kind: 'before', version };
}
/** Above V and every V+local: the next public version is right there (its .devN+1, .postN+1.dev0 or .post0.dev0). */
function afterLocals(v) {
    if (v.dev !== null)
        return before((0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .versionFromParts */ .hP)({ ...v, dev: increment(v.dev), local: null }));
    if (v.post !== null)
        return before((0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .versionFromParts */ .hP)({ ...v, post: increment(v.post), dev: 0, local: null }));
    return before((0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .versionFromParts */ .hP)({ ...v, post: 0, dev: 0, local: null }));
}
/** Above V (no dev, no post), its locals and post-releases. */
function afterPosts(v) {
    if (v.pre !== null) {
        return before((0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .versionFromParts */ .hP)({ ...v, pre: [v.pre[0], increment(v.pre[1])], dev: 0, local: null }));
    }
    return { kind: 'afterPosts', version: v.local === null ? v : (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .versionFromParts */ .hP)({ ...v, local: null }) };
}
/** Is `w` below an `afterPosts` cut of final release `v`? Everything up to v's epoch and release is. */
function belowPostCeiling(w, v) {
    if (w.epoch < v.epoch || w.epoch > v.epoch)
        return w.epoch < v.epoch;
    return (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .compareReleases */ .c0)(w.release, v.release) <= 0;
}
function compareCuts(a, b) {
    if (a.kind === 'max' || b.kind === 'max')
        return a.kind === b.kind ? 0 : a.kind === 'max' ? 1 : -1;
    if (a.kind === 'afterPosts' && b.kind === 'afterPosts') {
        const e = a.version.epoch < b.version.epoch ? -1 : a.version.epoch > b.version.epoch ? 1 : 0;
        return e || (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .compareReleases */ .c0)(a.version.release, b.version.release);
    }
    if (a.kind === 'afterPosts')
        return belowPostCeiling(b.version, a.version) ? 1 : -1;
    if (b.kind === 'afterPosts')
        return belowPostCeiling(a.version, b.version) ? -1 : 1;
    return (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .compareVersions */ .Zy)(a.version, b.version) || (a.kind === b.kind ? 0 : a.kind === 'before' ? -1 : 1);
}
// Cuts on either side of a public version have no version between them only when normalised
// as above, which every constructor here does; so an interval is empty exactly when lower >= upper.
function interval(lower, upper) {
    return compareCuts(lower, upper) < 0 ? [{ lower, upper }] : [];
}
/** `out` with the interval between the cuts added, unless it is empty. */
function addInterval(out, lower, upper) {
    if (compareCuts(lower, upper) < 0)
        out.push({ lower, upper });
    return out;
}
/**
 * The versions both admit; with `firstOnly`, only the lowest interval of them (enough to know whether
 * there are any). Where both draw the same bound, `a`'s cut is kept.
 */
function intersect(a, b, firstOnly = false) {
    const out = [];
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length && !(firstOnly && out.length > 0)) {
        const x = a[i];
        const y = b[j];
        const lower = compareCuts(x.lower, y.lower) >= 0 ? x.lower : y.lower;
        const upper = compareCuts(x.upper, y.upper) <= 0 ? x.upper : y.upper;
        addInterval(out, lower, upper);
        if (compareCuts(x.upper, y.upper) < 0)
            i++;
        else
            j++;
    }
    return out;
}
function complement(a) {
    const out = [];
    let lower = MIN;
    for (const x of a) {
        addInterval(out, lower, x.lower);
        if (x.upper.kind === 'max')
            return out;
        lower = x.upper;
    }
    return addInterval(out, lower, MAX);
}
/** The epoch/release prefix pattern as an interval, [P.dev0, next P.dev0). */
function prefixIntervals(p) {
    if (p.impossible)
        return [];
    if (p.tail.length > 0)
        return tailIntervals(p);
    const { epoch, release } = p;
    const last = release.length - 1;
    const next = [...release.slice(0, last), increment(release[last])];
    const lower = (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .versionFromParts */ .hP)({ epoch, release, dev: 0 });
    return interval(before(lower), before((0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .versionFromParts */ .hP)({ epoch, release: next, dev: 0 })));
}
const TAIL_PART = /^(a|b|rc|post|dev)(0|[1-9][0-9]*)$/;
/**
 * A prefix ending in pre/post/dev parts (`1.0rc0`, `1.0.post0`): the versions of that release whose
 * pre/post/dev parts start with those (see the note at the top on trailing zeros).
 */
function tailIntervals(p) {
    let pre = null;
    let post = null;
    let dev = null;
    let stage = 0; // 1 after pre, 2 after post, 3 after dev: parts must come in this order
    for (const part of p.tail) {
        const m = TAIL_PART.exec(part);
        if (!m)
            return [];
        const label = m[1];
        const n = m[2].length <= 15 ? Number(m[2]) : BigInt(m[2]);
        const next = label === 'post' ? 2 : label === 'dev' ? 3 : 1;
        if (next <= stage)
            return [];
        stage = next;
        if (next === 1)
            pre = [label, n];
        else if (next === 2)
            post = n;
        else
            dev = n;
    }
    const base = { epoch: p.epoch, release: p.release };
    if (stage === 3) {
        const v = (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .versionFromParts */ .hP)({ ...base, pre, post, dev });
        return interval(before(v), afterLocals(v));
    }
    if (stage === 2) {
        const v = (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .versionFromParts */ .hP)({ ...base, pre, post, dev: 0 });
        return interval(before(v), before((0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .versionFromParts */ .hP)({ ...base, pre, post: increment(post), dev: 0 })));
    }
    const first = (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .versionFromParts */ .hP)({ ...base, pre, dev: 0 });
    return interval(before(first), afterPosts((0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .versionFromParts */ .hP)({ ...base, pre })));
}
function specifierIntervals(spec) {
    if (spec.operator === '===')
        return EVERYTHING;
    const t = spec.target;
    if (t === null)
        return [];
    switch (spec.operator) {
        case '>=':
            return interval(before(t), MAX);
        case '<=':
            return interval(MIN, afterLocals(t));
        case '>':
            return interval(t.dev !== null || t.post !== null ? afterLocals(t) : afterPosts(t), MAX);
        case '<':
            return interval(MIN, before((0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .isPrerelease */ .V1)(t) ? t : (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .versionFromParts */ .hP)({ ...t, dev: 0, local: null })));
        case '~=':
            return intersect(interval(before(t), MAX), spec.prefix ? prefixIntervals(spec.prefix) : []);
        case '==':
        case '!=': {
            let equal;
            if (spec.prefix)
                equal = prefixIntervals(spec.prefix);
            else if (t.local !== null)
                equal = interval(before(t), { kind: 'after', version: t });
            else
                equal = interval(before(t), afterLocals(t));
            return spec.operator === '==' ? equal : complement(equal);
        }
    }
}
const rangeCache = new WeakMap();
/** What `set` admits, as intervals (plus the `===` text, if any). Cached per set object. */
function toRanges(set) {
    const hit = rangeCache.get(set);
    if (hit)
        return hit;
    let identity = null;
    for (const spec of set.specifiers) {
        if (spec.operator === '===' && identity === null)
            identity = { text: spec.version, member: false };
    }
    const intervals = admittedByAll(set.specifiers);
    if (identity !== null)
        identity = { text: identity.text, member: (0,_specifier_js__WEBPACK_IMPORTED_MODULE_1__/* .contains */ .gR)(set, identity.text, { prereleases: true }) };
    const result = Object.freeze({ intervals: Object.freeze(intervals), identity });
    rangeCache.set(set, result);
    return result;
}
/**
 * The versions all of `specifiers` admit (all versions when there are none), in one sweep over their
 * intervals' cuts in order: an interval starts at a cut where the last of the specifiers starts to
 * admit, and stops at the next where one of them stops. Folding the specifiers one by one into a
 * growing list of intervals took time quadratic in them (`!=1.0,!=1.1,...` ten thousand long: 20 s),
 * and intersecting them in pairs, then pairs of pairs, built a list at each level (five megabytes of
 * `!=` clauses: 5 s and 900 MB). Where several specifiers draw the same bound, the earliest one's cut
 * is kept, as intersecting them in order would keep it: its spelling is the one a witness shows.
 */
function admittedByAll(specifiers) {
    // Every cut but those at either end: an interval from the lowest version on admits from the start
    // (MIN being the cut there, as if EVERYTHING came first), and one up to MAX never stops. Each
    // specifier's intervals are dropped as soon as their cuts are taken.
    const cuts = [];
    const starts = [];
    let admitting = 0;
    for (const specifier of specifiers) {
        const intervals = specifierIntervals(specifier);
        for (let index = 0; index < intervals.length; index++) {
            const { lower, upper } = intervals[index];
            if (lower === MIN || compareCuts(lower, MIN) === 0)
                admitting++;
            else {
                cuts.push(lower);
                starts.push(true);
            }
            if (upper.kind !== 'max') {
                cuts.push(upper);
                starts.push(false);
            }
        }
    }
    const order = [];
    for (let index = 0; index < cuts.length; index++)
        order.push(index);
    if (!inOrder(cuts))
        sortByCut(order, cuts);
    const out = [];
    let lower = admitting === specifiers.length ? MIN : null;
    for (let first = 0; first < order.length;) {
        const cut = cuts[order[first]];
        let started = null;
        let stopped = null;
        let next = first;
        for (; next < order.length && compareCuts(cuts[order[next]], cut) === 0; next++) {
            const event = order[next];
            if (starts[event]) {
                admitting++;
                started ??= cuts[event];
            }
            else {
                admitting--;
                stopped ??= cuts[event];
            }
        }
        // A specifier's intervals never touch, so that none stops and starts again at one cut: where one
        // stops, the interval ends.
        if (lower !== null && stopped !== null) {
            out.push({ lower, upper: stopped });
            lower = null;
        }
        else if (lower === null && admitting === specifiers.length)
            lower = started;
        first = next;
    }
    if (lower !== null)
        out.push({ lower, upper: MAX });
    return out;
}
/** Are the cuts in order already (as those of one specifier, or of clauses written in order, are)? */
function inOrder(cuts) {
    for (let index = 1; index < cuts.length; index++)
        if (compareCuts(cuts[index - 1], cuts[index]) > 0)
            return false;
    return true;
}
/**
 * Sorts `order` (indices into `cuts`) by cut, equal cuts kept in the order given (the sort is
 * stable). Most cuts are told apart by their coarse position alone, a number compared far faster
 * than two versions.
 */
function sortByCut(order, cuts) {
    const positions = new Float64Array(cuts.length);
    for (let index = 0; index < cuts.length; index++)
        positions[index] = coarsePosition(cuts[index]);
    order.sort((a, b) => positions[a] - positions[b] || compareCuts(cuts[a], cuts[b]));
}
/**
 * A number that never orders two cuts the other way round from compareCuts, telling apart most cuts
 * of different releases: the epoch and the first three release numbers, in 13 bits each. A number
 * too large for its bits takes the largest value and zeros after it, so that cuts it cannot tell
 * apart get equal numbers (as do cuts of one release, whatever their pre, post, dev or local parts).
 */
function coarsePosition(cut) {
    if (cut.kind === 'max')
        return Infinity;
    const { epoch, release } = cut.version;
    let position = 0;
    let capped = false;
    for (let index = -1; index < 3; index++) {
        const value = capped ? 0 : Math.min(Number(index < 0 ? epoch : (release[index] ?? 0)), COARSE_CAP);
        capped ||= value === COARSE_CAP;
        position = position * (COARSE_CAP + 1) + value;
    }
    return position;
}
const COARSE_CAP = 2 ** 13 - 1;
/** A version strictly inside the interval, spelled in its normal form. */
function witness(x) {
    const { lower, upper } = x;
    if (lower.kind === 'before')
        return (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeVersion */ .Qj)(lower.version);
    if (lower.kind === 'after') {
        // A longer local label sorts just above. Extend it with a segment that stays below `upper`:
        // below the segment where `upper` extends the same label, if it does (strings sort before numbers).
        const v = lower.version;
        const label = v.local ?? [];
        let segment = 'a';
        if (upper.kind === 'before' || upper.kind === 'after') {
            const u = upper.version;
            const next = u.local?.[label.length];
            const sameLabelSoFar = (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .versionFromParts */ .hP)({ ...u, local: u.local?.slice(0, label.length) ?? null });
            if (next !== undefined && (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .compareVersions */ .Zy)(sameLabelSoFar, v) === 0) {
                segment = typeof next === 'string' ? '0' + next : 'a';
            }
        }
        return (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeVersion */ .Qj)((0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .versionFromParts */ .hP)({ ...v, local: [...label, segment] }));
    }
    // Above V's post-releases but below anything greater: V with enough `.0`s and a `.1`.
    const v = lower.version;
    const zeros = (upper.kind === 'max' ? 0 : upper.version.release.length) + 1;
    return (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeVersion */ .Qj)((0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .versionFromParts */ .hP)({ epoch: v.epoch, release: [...v.release, ...new Array(zeros).fill(0), 1] }));
}
/** Another spelling of the same version, for a candidate that must differ from a `===` text. */
function respell(version, avoid) {
    return version.toLowerCase() === avoid.toLowerCase() ? 'v' + version : version;
}
/** A candidate (version text) both sets contain, pre-releases included; null when there is none. */
function commonVersion(a, b) {
    const ra = toRanges(a);
    const rb = toRanges(b);
    if (ra.identity || rb.identity) {
        for (const text of [ra.identity?.text, rb.identity?.text]) {
            if (text !== undefined && (0,_specifier_js__WEBPACK_IMPORTED_MODULE_1__/* .contains */ .gR)(a, text, { prereleases: true }) && (0,_specifier_js__WEBPACK_IMPORTED_MODULE_1__/* .contains */ .gR)(b, text, { prereleases: true })) {
                return text;
            }
        }
        return null;
    }
    const both = intersect(ra.intervals, rb.intervals);
    return both.length > 0 ? witness(both[0]) : null;
}
const NOT_A_VERSION = 'not-a-version';
/** A candidate `a` contains and `b` does not, pre-releases included; null when `a` is a subset of `b`. */
function versionOutside(a, b) {
    const ra = toRanges(a);
    const rb = toRanges(b);
    if (ra.identity) {
        return ra.identity.member && !(0,_specifier_js__WEBPACK_IMPORTED_MODULE_1__/* .contains */ .gR)(b, ra.identity.text, { prereleases: true }) ? ra.identity.text : null;
    }
    if (rb.identity) {
        // b holds one spelling at most; any version of a has another.
        const first = ra.intervals[0];
        return first ? respell(witness(first), rb.identity.text) : null;
    }
    const outside = intersect(ra.intervals, complement(rb.intervals));
    if (outside.length > 0)
        return witness(outside[0]);
    // The empty set alone also holds strings that are no version at all (as packaging's `contains`
    // says); a set with specifiers and no `===` holds none, even one that admits every version.
    return a.specifiers.length === 0 && b.specifiers.length > 0 ? NOT_A_VERSION : null;
}
/** Is there a version (pre-release or not) both sets contain? */
function intersects(a, b) {
    // Two pins `==V` and `==W` (what a package pinned twice usually is) share a version exactly when one
    // holds the other's, its local versions being the only others either holds: no ranges needed, where
    // a requirements file pinning one package 200,000 ways laid out the ranges of each.
    const pinnedA = pinnedTarget(a);
    const pinnedB = pinnedTarget(b);
    if (pinnedA !== null && pinnedB !== null)
        return (0,_specifier_js__WEBPACK_IMPORTED_MODULE_1__/* .contains */ .gR)(a, pinnedB, { prereleases: true }) || (0,_specifier_js__WEBPACK_IMPORTED_MODULE_1__/* .contains */ .gR)(b, pinnedA, { prereleases: true });
    const ra = toRanges(a);
    const rb = toRanges(b);
    // As commonVersion answers, without building the whole intersection or spelling a version of it.
    if (ra.identity || rb.identity)
        return commonVersion(a, b) !== null;
    return intersect(ra.intervals, rb.intervals, true).length > 0;
}
/** Does `b` contain every version `a` contains? */
function isSubset(a, b) {
    return versionOutside(a, b) === null;
}
/**
 * The one version `set` pins: `==1.2.3`, `===1.2.3`, `==1.2.3+cu121`, or anything equivalent
 * (`>=1.2.3,<=1.2.3`). A public version also admits its local versions (`==1.2.3` lets pip install
 * 1.2.3+cu121); that still counts as pinning 1.2.3. null for ranges, `==1.2.*`, and empty sets.
 */
function exactPin(set) {
    // The usual pin, `==V` alone, pins V: what the intervals below would say, without building them.
    const pinned = pinnedTarget(set);
    if (pinned !== null)
        return pinned;
    const ranges = toRanges(set);
    if (ranges.identity)
        return ranges.identity.member ? (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .parseVersion */ .ot)(ranges.identity.text) : null;
    if (ranges.intervals.length !== 1)
        return null;
    const { lower, upper } = ranges.intervals[0];
    if (lower.kind !== 'before' || upper.kind === 'max' || upper.kind === 'afterPosts')
        return null;
    const v = lower.version;
    if (upper.kind === 'after')
        return (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .compareVersions */ .Zy)(v, upper.version) === 0 ? v : null;
    if (v.local !== null)
        return null;
    const next = afterLocals(v);
    return next.kind === 'before' && (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .compareVersions */ .Zy)(next.version, upper.version) === 0 ? v : null;
}
/** V for a set that is `==V` alone (not `==V.*`), the usual pin; else null. */
function pinnedTarget(set) {
    const only = set.specifiers.length === 1 ? set.specifiers[0] : null;
    return only && only.operator === '==' && !only.prefix && only.target ? only.target : null;
}


/***/ }),

/***/ 720:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IK: () => (/* binding */ specifierContains),
/* harmony export */   Up: () => (/* binding */ pythonRepr),
/* harmony export */   Y_: () => (/* binding */ matchSpecifier),
/* harmony export */   as: () => (/* binding */ parseSpecifier),
/* harmony export */   gR: () => (/* binding */ contains),
/* harmony export */   m0: () => (/* binding */ parseSpecifierSet)
/* harmony export */ });
/* unused harmony exports compareCodePoints, specifierToString */
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8400);
// PEP 440 specifier sets, read and applied exactly as packaging (>= 26) does: `parseSpecifierSet`
// accepts what `SpecifierSet(text)` accepts, `contains` answers what `SpecifierSet.contains`
// answers and `specifierToString` prints what `str(SpecifierSet)` prints.
//
// Two things that surprise people, both packaging's behaviour and both pinned by the vectors:
// - `contains(set, v)` with no `prereleases` option accepts a pre-release whenever the set's
//   operators do. packaging's "exclude pre-releases unless nothing else matches" rule is a rule
//   about filtering a list of candidates; asked about one version, nothing else matches.
// - `~=` computes its prefix from the specifier *text* (packaging's `_version_split`), so
//   `~=1.0.c1` means `>=1.0rc1, ==1.0.*` (not `==1.*`) and `~=v1.0` matches nothing.

// ---------------------------------------------------------------------------------------------
// The specifier grammar (packaging's Specifier._specifier_regex_str), as a scanner.
function isDigitAt(s, i) {
    const c = s.charCodeAt(i);
    return c >= 0x30 && c <= 0x39;
}
function scanDigits(s, i) {
    while (isDigitAt(s, i))
        i++;
    return i;
}
function isSeparatorAt(s, i) {
    const c = s.charCodeAt(i);
    return c === 0x2d || c === 0x5f || c === 0x2e;
}
function isAsciiAlnumAt(s, i) {
    const c = s.charCodeAt(i) | 0x20;
    return isDigitAt(s, i) || (c >= 0x61 && c <= 0x7a);
}
/**
 * Does `word` (lower-case ASCII) start at s[i], case-insensitively? With `unicode`, also the
 * non-ASCII letters Python's IGNORECASE folds onto ASCII ones (U+0130 and U+0131 for i, U+017F for
 * s, U+212A for k): the `~=` branch of packaging's regex is not ASCII-only, the other branches are.
 */
function wordAt(s, i, word, unicode) {
    if (i + word.length > s.length)
        return false;
    for (let k = 0; k < word.length; k++) {
        const c = s.charCodeAt(i + k);
        const w = word.charCodeAt(k);
        if ((c | 0x20) === w)
            continue;
        if (!unicode)
            return false;
        if (w === 0x69 && (c === 0x130 || c === 0x131))
            continue;
        if (w === 0x73 && c === 0x17f)
            continue;
        if (w === 0x6b && c === 0x212a)
            continue;
        return false;
    }
    return true;
}
const PRE_WORDS = ['alpha', 'beta', 'preview', 'pre', 'a', 'b', 'c', 'rc'];
const POST_WORDS = ['post', 'rev', 'r'];
const DEV_WORDS = ['dev'];
function scanWordGroup(s, i, words, unicode) {
    let k = i;
    if (isSeparatorAt(s, k))
        k++;
    const c = s.charCodeAt(k);
    if (!((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) && !(unicode && c >= 0x80))
        return i;
    for (const word of words) {
        if (wordAt(s, k, word, unicode)) {
            k += word.length;
            if (isSeparatorAt(s, k))
                k++;
            return scanDigits(s, k);
        }
    }
    return i;
}
/** `v? ([0-9]+!)? [0-9]+(\.[0-9]+)*`, with at least two release components for `~=`. */
function scanVersionCore(s, i, twoComponents) {
    if ((s.charCodeAt(i) | 0x20) === 0x76)
        i++;
    let j = scanDigits(s, i);
    // The epoch group is optional and not possessive: `1!.0` backtracks to release `1`.
    if (j > i && s.charCodeAt(j) === 0x21 && isDigitAt(s, j + 1)) {
        i = j + 1;
        j = scanDigits(s, i);
    }
    if (j === i)
        return -1;
    let components = 1;
    while (s.charCodeAt(j) === 0x2e && isDigitAt(s, j + 1)) {
        j = scanDigits(s, j + 1);
        components++;
    }
    return twoComponents && components < 2 ? -1 : j;
}
/** Optional pre, post and dev segments. */
function scanSuffix(s, i, unicode) {
    i = scanWordGroup(s, i, PRE_WORDS, unicode);
    if (s.charCodeAt(i) === 0x2d && isDigitAt(s, i + 1))
        i = scanDigits(s, i + 1);
    else
        i = scanWordGroup(s, i, POST_WORDS, unicode);
    return scanWordGroup(s, i, DEV_WORDS, unicode);
}
/**
 * Where packaging's specifier pattern, matched at `start` (not anchored at the end), stops; -1
 * when it does not match. This is the SPECIFIER token of the requirement grammar.
 */
function matchSpecifier(s, start) {
    if (s.startsWith('===', start)) {
        let i = (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .stripStart */ .fM)(s, start + 3, s.length);
        while (i < s.length) {
            const c = s.charCodeAt(i);
            if (c === 0x3b || c === 0x29 || (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .isPythonWhitespace */ .c4)(c))
                break;
            i++;
        }
        return i;
    }
    const c0 = s.charCodeAt(start);
    const c1 = s.charCodeAt(start + 1);
    if ((c0 === 0x3d || c0 === 0x21) && c1 === 0x3d) {
        const i = scanVersionCore(s, (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .stripStart */ .fM)(s, start + 2, s.length), false);
        if (i < 0)
            return -1;
        if (s.charCodeAt(i) === 0x2e && s.charCodeAt(i + 1) === 0x2a)
            return i + 2;
        let j = scanSuffix(s, i, false);
        if (s.charCodeAt(j) === 0x2b && isAsciiAlnumAt(s, j + 1)) {
            j++;
            for (;;) {
                while (isAsciiAlnumAt(s, j))
                    j++;
                if (isSeparatorAt(s, j) && isAsciiAlnumAt(s, j + 1))
                    j++;
                else
                    break;
            }
        }
        return j;
    }
    if (c0 === 0x7e && c1 === 0x3d) {
        const i = scanVersionCore(s, (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .stripStart */ .fM)(s, start + 2, s.length), true);
        return i < 0 ? -1 : scanSuffix(s, i, true);
    }
    if (c0 === 0x3c || c0 === 0x3e) {
        const i = scanVersionCore(s, (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .stripStart */ .fM)(s, start + (c1 === 0x3d ? 2 : 1), s.length), false);
        return i < 0 ? -1 : scanSuffix(s, i, false);
    }
    return -1;
}
// ---------------------------------------------------------------------------------------------
// Reading.
const PREFIX_SPLIT = /^([0-9]+)((?:a|b|c|rc)[0-9]+)$/;
/** packaging's `_version_split`: epoch, then the dot-separated parts, `0a1` split in two. */
function versionSplit(version) {
    const bang = version.lastIndexOf('!');
    const result = [(bang < 0 ? '' : version.slice(0, bang)) || '0'];
    for (const item of version.slice(bang + 1).split('.')) {
        const m = PREFIX_SPLIT.exec(item);
        if (m)
            result.push(m[1], m[2]);
        else
            result.push(item);
    }
    return result;
}
function isAsciiDigits(s) {
    if (s.length === 0)
        return false;
    for (let i = 0; i < s.length; i++)
        if (!isDigitAt(s, i))
            return false;
    return true;
}
function digitsToNumber(s) {
    return s.length <= 15 ? Number(s) : BigInt(s);
}
function prefixPattern(components) {
    let numeric = 0;
    while (numeric < components.length && isAsciiDigits(components[numeric]))
        numeric++;
    // No numeric epoch and release to start with: no candidate has that prefix.
    if (numeric < 2)
        return Object.freeze({ epoch: 0, release: Object.freeze([]), tail: Object.freeze([]), impossible: true });
    return Object.freeze({
        epoch: digitsToNumber(components[0]),
        release: Object.freeze(components.slice(1, numeric).map(digitsToNumber)),
        tail: Object.freeze(components.slice(numeric)),
        impossible: false,
    });
}
const SUFFIX_STARTS = ['dev', 'a', 'b', 'rc', 'post'];
/** `~=`'s prefix exactly as packaging's `_compare_compatible` derives it from the text. */
function compatiblePrefix(versionText) {
    const components = versionSplit(versionText);
    let taken = 0;
    while (taken < components.length && !SUFFIX_STARTS.some((p) => components[taken].startsWith(p)))
        taken++;
    const kept = components.slice(0, taken - 1);
    const joined = `${kept[0] ?? ''}!${kept.slice(1).join('.')}`;
    const parsed = (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .parseVersion */ .ot)(joined);
    return prefixPattern(versionSplit(parsed ? (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeVersion */ .Qj)(parsed) : joined));
}
/** One specifier, as packaging's `Specifier(text)` reads it; null where it raises. */
function parseSpecifier(text) {
    const start = (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .stripStart */ .fM)(text, 0, text.length);
    const end = matchSpecifier(text, start);
    if (end < 0 || (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .stripStart */ .fM)(text, end, text.length) !== text.length)
        return null;
    const spec = (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .pythonTrim */ .PE)(text);
    const opLength = spec.startsWith('===') ? 3 : spec.charCodeAt(1) === 0x3d ? 2 : 1;
    const operator = spec.slice(0, opLength);
    const version = (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .pythonTrim */ .PE)(spec.slice(opLength));
    const wildcard = (operator === '==' || operator === '!=') && version.endsWith('.*');
    const target = (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .parseVersion */ .ot)(wildcard ? version.slice(0, -2) : version);
    let prefix = null;
    if (wildcard)
        prefix = target ? prefixPattern(versionSplit((0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeVersion */ .Qj)(target))) : null;
    else if (operator === '~=' && target)
        prefix = compatiblePrefix(version);
    return Object.freeze({ operator, version, wildcard, target, prefix });
}
// Requirement files repeat the same few specifier sets; a direct-mapped cache keeps those (and
// their ranges, cached per set object) without the cost a growing Map puts on every miss.
const CACHE_SLOTS = 4096;
const cacheKeys = new Array(CACHE_SLOTS);
const cacheValues = new Array(CACHE_SLOTS);
function slotOf(text) {
    let h = text.length;
    for (let i = 0; i < text.length; i++)
        h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    return (h >>> 0) % CACHE_SLOTS;
}
/** A comma-separated specifier set, as packaging's `SpecifierSet(text)` reads it. */
function parseSpecifierSet(text) {
    const slot = slotOf(text);
    if (cacheKeys[slot] === text)
        return cacheValues[slot];
    const result = parseSetUncached(text);
    cacheKeys[slot] = text;
    cacheValues[slot] = result;
    return result;
}
function parseSetUncached(text) {
    const specifiers = [];
    // packaging splits on every comma and drops empty pieces, so `>=1.0,` and `,>=1.0` are valid.
    for (const piece of text.split(',')) {
        const stripped = (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .pythonTrim */ .PE)(piece);
        if (stripped === '')
            continue;
        const spec = parseSpecifier(stripped);
        if (spec === null)
            return Object.freeze({ ok: false, message: `Invalid specifier: ${pythonRepr(stripped)}` });
        specifiers.push(spec);
    }
    return Object.freeze({ ok: true, set: Object.freeze({ specifiers: Object.freeze(specifiers) }) });
}
// ---------------------------------------------------------------------------------------------
// Matching.
function suffixComponents(v) {
    const out = [];
    if (v.pre !== null)
        out.push(v.pre[0] + String(v.pre[1]));
    if (v.post !== null)
        out.push('post' + String(v.post));
    if (v.dev !== null)
        out.push('dev' + String(v.dev));
    return out;
}
/** packaging's `_compare_equal` for `X.*`: the candidate's public version, zero-padded, starts with the prefix. */
function prefixMatches(p, v) {
    if (p.impossible || v.epoch < p.epoch || v.epoch > p.epoch)
        return false;
    const n = p.release.length;
    for (let i = 0; i < n; i++) {
        const x = v.release[i] ?? 0;
        const y = p.release[i];
        if (x < y || x > y)
            return false;
    }
    if (p.tail.length === 0)
        return true;
    if (v.release.length > n)
        return false;
    const suffix = suffixComponents(v);
    if (suffix.length < p.tail.length)
        return false;
    return p.tail.every((t, j) => t === suffix[j]);
}
function sameBase(a, b) {
    return (!(a.epoch < b.epoch || a.epoch > b.epoch) &&
        (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .compareReleases */ .c0)(a.release, b.release) === 0 &&
        (a.pre === null ? b.pre === null : b.pre !== null && a.pre[0] === b.pre[0] && !(a.pre[1] < b.pre[1] || a.pre[1] > b.pre[1])));
}
function equalsTarget(v, t) {
    return t.local === null ? (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .comparePublicVersions */ .CC)(v, t) === 0 : (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .compareVersions */ .Zy)(v, t) === 0;
}
function lowerEquals(a, b) {
    return a === b || a.toLowerCase() === b.toLowerCase();
}
/** One operator applied to a parsed candidate; `text` is the candidate as `===` sees it. */
function operatorMatches(spec, v, text) {
    if (spec.operator === '===')
        return lowerEquals(text, spec.version);
    const t = spec.target;
    if (t === null)
        return false;
    switch (spec.operator) {
        case '==':
            return spec.prefix ? prefixMatches(spec.prefix, v) : equalsTarget(v, t);
        case '!=':
            return !(spec.prefix ? prefixMatches(spec.prefix, v) : equalsTarget(v, t));
        case '<=':
            return (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .comparePublicVersions */ .CC)(v, t) <= 0;
        case '>=':
            return (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .comparePublicVersions */ .CC)(v, t) >= 0;
        case '~=':
            return (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .comparePublicVersions */ .CC)(v, t) >= 0 && spec.prefix !== null && prefixMatches(spec.prefix, v);
        case '<':
            if ((0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .compareVersions */ .Zy)(v, t) >= 0)
                return false;
            // PEP 440: `<V` excludes pre-releases of V unless V is one; V.dev0 is the earliest of them.
            return (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .isPrerelease */ .V1)(t) || !(0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .isPrerelease */ .V1)(v) || (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .compareVersions */ .Zy)(v, (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .versionFromParts */ .hP)({ ...t, dev: 0, local: null })) < 0;
        case '>':
            if ((0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .compareVersions */ .Zy)(v, t) <= 0)
                return false;
            // PEP 440: `>V` excludes V's post-releases (unless V is one) and V's local versions.
            if (t.post === null && t.dev === null && v.post !== null && sameBase(v, t))
                return false;
            return v.local === null || (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .comparePublicVersions */ .CC)(v, t) !== 0;
    }
}
function candidateText(candidate) {
    // `===` compares what it is given: a string as written, a Version in its normal form.
    return typeof candidate === 'string' ? candidate : (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeVersion */ .Qj)(candidate);
}
/** packaging's `Specifier.contains(candidate, prereleases)` for one specifier. */
function specifierContains(spec, candidate, options) {
    return contains({ specifiers: [spec] }, candidate, options);
}
/** packaging's `SpecifierSet.contains(candidate, prereleases)`. */
function contains(set, candidate, options) {
    const v = typeof candidate === 'string' ? (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .parseVersion */ .ot)(candidate) : candidate;
    if (v === null) {
        // Text that is no version can only satisfy `===` (and the empty set).
        for (const spec of set.specifiers) {
            if (spec.operator !== '===' || !lowerEquals(candidate, spec.version))
                return false;
        }
        return true;
    }
    if (options?.prereleases === false && (0,_version_js__WEBPACK_IMPORTED_MODULE_0__/* .isPrerelease */ .V1)(v))
        return false;
    let text = null;
    for (const spec of set.specifiers) {
        if (spec.operator === '===')
            text ??= candidateText(candidate);
        if (!operatorMatches(spec, v, text ?? ''))
            return false;
    }
    return true;
}
// ---------------------------------------------------------------------------------------------
// Printing.
function canonicalKey(spec) {
    if (spec.operator === '===' || spec.version.endsWith('.*') || spec.target === null) {
        return spec.operator + spec.version;
    }
    const t = spec.target;
    if (spec.operator === '~=')
        return spec.operator + normalizeVersion(t);
    // packaging's canonicalize_version: trailing zeros of the release dropped (one kept).
    let n = t.release.length;
    while (n > 1 && t.release[n - 1] === 0)
        n--;
    return spec.operator + normalizeVersion(n === t.release.length ? t : { ...t, release: t.release.slice(0, n) });
}
// Surrogates sort above U+E000..U+FFFF in code point order but below them in UTF-16 order.
function codePointKey(unit) {
    return unit >= 0xd800 && unit <= 0xdfff ? unit + 0x2000 : unit >= 0xe000 ? unit - 0x800 : unit;
}
/** Python's string ordering (by code point). */
function compareCodePoints(a, b) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
        const x = a.charCodeAt(i);
        const y = b.charCodeAt(i);
        if (x !== y)
            return codePointKey(x) - codePointKey(y);
    }
    return a.length - b.length;
}
/** `str(SpecifierSet)`: sorted, duplicates (by packaging's equality) dropped, comma-joined. */
function specifierToString(set) {
    const entries = set.specifiers.map((s) => ({ text: s.operator + s.version, key: canonicalKey(s) }));
    entries.sort((a, b) => compareCodePoints(a.text, b.text));
    const seen = new Set();
    const out = [];
    for (const e of entries) {
        if (seen.has(e.key))
            continue;
        seen.add(e.key);
        out.push(e.text);
    }
    return out.join(',');
}
const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
/** Python's `repr()` of a string, for messages that quote input as packaging's do. */
function pythonRepr(s) {
    const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
    let out = quote;
    for (const ch of s) {
        const cp = ch.codePointAt(0);
        if (ch === '\\' || ch === quote)
            out += '\\' + ch;
        else if (ch === '\n')
            out += '\\n';
        else if (ch === '\r')
            out += '\\r';
        else if (ch === '\t')
            out += '\\t';
        else if (cp === 0x20 || !NOT_PRINTABLE.test(ch))
            out += ch;
        else if (cp < 0x100)
            out += '\\x' + cp.toString(16).padStart(2, '0');
        else if (cp < 0x10000)
            out += '\\u' + cp.toString(16).padStart(4, '0');
        else
            out += '\\U' + cp.toString(16).padStart(8, '0');
    }
    return out + quote;
}


/***/ }),

/***/ 8400:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CC: () => (/* binding */ comparePublicVersions),
/* harmony export */   Gl: () => (/* binding */ stripEnd),
/* harmony export */   PE: () => (/* binding */ pythonTrim),
/* harmony export */   Qj: () => (/* binding */ normalizeVersion),
/* harmony export */   V1: () => (/* binding */ isPrerelease),
/* harmony export */   Yd: () => (/* binding */ publicVersion),
/* harmony export */   Zy: () => (/* binding */ compareVersions),
/* harmony export */   c0: () => (/* binding */ compareReleases),
/* harmony export */   c4: () => (/* binding */ isPythonWhitespace),
/* harmony export */   fM: () => (/* binding */ stripStart),
/* harmony export */   hP: () => (/* binding */ versionFromParts),
/* harmony export */   ot: () => (/* binding */ parseVersion)
/* harmony export */ });
/* unused harmony export baseVersion */
// PEP 440 versions, read, ordered and printed exactly as packaging (>= 26) does: `parseVersion`
// accepts what `Version()` accepts, `compareVersions` is packaging's ordering and
// `normalizeVersion` is `str(Version(...))`.
//
// The reader is a hand-written scanner that follows packaging's regular expression, possessive
// quantifiers included (packaging uses them on Python >= 3.11.5), so that it costs no regex and
// no exception per call.
// Python refuses int() of a string longer than this (sys.int_info.default_max_str_digits), so
// Version() raises on such a component: it is no version.
const MAX_DIGITS = 4300;
/** Python's `str.isspace()`, which is also what `\s` and `str.strip()` use. */
function isPythonWhitespace(code) {
    if (code <= 0x20)
        return code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code >= 0x1c && code <= 0x1f);
    if (code < 0x85)
        return false;
    return (code === 0x85 ||
        code === 0xa0 ||
        code === 0x1680 ||
        (code >= 0x2000 && code <= 0x200a) ||
        code === 0x2028 ||
        code === 0x2029 ||
        code === 0x202f ||
        code === 0x205f ||
        code === 0x3000);
}
// str.strip() as indices into [from, to), for readers that trim without cutting copies.
/** The first index of [from, to) that is no Python whitespace (`to` when there is none). */
function stripStart(text, from, to) {
    while (from < to && isPythonWhitespace(text.charCodeAt(from)))
        from++;
    return from;
}
/** One past the last index of [from, to) that is no Python whitespace (`from` when there is none). */
function stripEnd(text, from, to) {
    while (to > from && isPythonWhitespace(text.charCodeAt(to - 1)))
        to--;
    return to;
}
/** Python's str.strip(): the text itself when there is nothing to strip. */
function pythonTrim(text) {
    const start = stripStart(text, 0, text.length);
    const end = stripEnd(text, start, text.length);
    return start === 0 && end === text.length ? text : text.slice(start, end);
}
function isDigit(code) {
    return code >= 0x30 && code <= 0x39;
}
function isSeparator(code) {
    return code === 0x2e || code === 0x2d || code === 0x5f; // . - _
}
function isAsciiAlnum(code) {
    return isDigit(code) || (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}
function scanDigits(s, i) {
    while (i < s.length && isDigit(s.charCodeAt(i)))
        i++;
    return i;
}
/** The digits s[start, end) as a number, or a bigint when a number could not hold them; null past Python's limit. */
function toNumber(s, start, end) {
    const length = end - start;
    if (length <= 15) {
        let n = 0;
        for (let i = start; i < end; i++)
            n = n * 10 + (s.charCodeAt(i) - 0x30);
        return n;
    }
    if (length > MAX_DIGITS)
        return null;
    let first = start;
    while (first < end - 1 && s.charCodeAt(first) === 0x30)
        first++;
    return end - first <= 15 ? toNumber(s, first, end) : BigInt(s.slice(first, end));
}
/** Does s, from i, spell `word` (ASCII, case-insensitively)? */
function hasWordAt(s, i, word) {
    if (i + word.length > s.length)
        return false;
    for (let k = 0; k < word.length; k++) {
        if ((s.charCodeAt(i + k) | 0x20) !== word.charCodeAt(k))
            return false;
    }
    return true;
}
// In the order packaging's alternation tries them, so that `alpha` wins over `a`.
const PRE_SPELLINGS = [
    ['alpha', 'a'],
    ['a', 'a'],
    ['beta', 'b'],
    ['b', 'b'],
    ['preview', 'rc'],
    ['pre', 'rc'],
    ['c', 'rc'],
    ['rc', 'rc'],
];
const POST_SPELLINGS = ['post', 'rev', 'r'];
/** Parses a version as packaging's `Version()` does; null where it raises. */
function parseVersion(s) {
    // packaging's fast path for digits and dots; same result as the full grammar.
    let releaseOnly = true;
    for (let i = 0; i < s.length && releaseOnly; i++) {
        const c = s.charCodeAt(i);
        releaseOnly = isDigit(c) || c === 0x2e;
    }
    const version = releaseOnly ? parseRelease(s) : parseFull(s);
    // A hostile version of a million components, read or not, must not leave room for them behind.
    if (releaseRead.length > LONG_RELEASE)
        releaseRead.length = 0;
    return version;
}
/**
 * The release numbers of the version being read, copied out at its end into an array of their size:
 * an array grown by push has room for 16, three times a version's usual share of memory, and versions
 * are kept for the whole run (a set of 400,000 clauses keeps one for each).
 */
const releaseRead = [];
const LONG_RELEASE = 64;
function parseRelease(s) {
    let count = 0;
    let start = 0;
    for (let i = 0; i <= s.length; i++) {
        if (i === s.length || s.charCodeAt(i) === 0x2e) {
            if (i === start)
                return null;
            const n = toNumber(s, start, i);
            if (n === null)
                return null;
            releaseRead[count++] = n;
            start = i + 1;
        }
    }
    return freezeVersion(s, 0, releaseRead.slice(0, count), null, null, null, null);
}
function parseFull(s) {
    let i = stripStart(s, 0, s.length);
    const end = stripEnd(s, i, s.length);
    if (i < end && (s.charCodeAt(i) | 0x20) === 0x76)
        i++; // v
    let epoch = 0;
    let j = scanDigits(s, i);
    if (j > i && j < end && s.charCodeAt(j) === 0x21) {
        const n = toNumber(s, i, j);
        if (n === null)
            return null;
        epoch = n;
        i = j + 1;
        j = scanDigits(s, i);
    }
    if (j === i)
        return null;
    let count = 0;
    for (;;) {
        const n = toNumber(s, i, j);
        if (n === null)
            return null;
        releaseRead[count++] = n;
        i = j;
        if (i + 1 < end && s.charCodeAt(i) === 0x2e && isDigit(s.charCodeAt(i + 1))) {
            j = scanDigits(s, i + 1);
            i = i + 1;
        }
        else
            break;
    }
    let pre = null;
    {
        let k = i;
        if (k < end && isSeparator(s.charCodeAt(k)))
            k++;
        for (const [spelling, label] of PRE_SPELLINGS) {
            if (k + spelling.length <= end && hasWordAt(s, k, spelling)) {
                k += spelling.length;
                if (k < end && isSeparator(s.charCodeAt(k)))
                    k++;
                const d = scanDigits(s, k);
                const n = d > k ? toNumber(s, k, d) : 0;
                if (n === null)
                    return null;
                pre = [label, n];
                i = d;
                break;
            }
        }
    }
    let post = null;
    if (i + 1 < end && s.charCodeAt(i) === 0x2d && isDigit(s.charCodeAt(i + 1))) {
        const d = scanDigits(s, i + 1);
        post = toNumber(s, i + 1, d);
        if (post === null)
            return null;
        i = d;
    }
    else {
        let k = i;
        if (k < end && isSeparator(s.charCodeAt(k)))
            k++;
        for (const spelling of POST_SPELLINGS) {
            if (k + spelling.length <= end && hasWordAt(s, k, spelling)) {
                k += spelling.length;
                if (k < end && isSeparator(s.charCodeAt(k)))
                    k++;
                const d = scanDigits(s, k);
                post = d > k ? toNumber(s, k, d) : 0;
                if (post === null)
                    return null;
                i = d;
                break;
            }
        }
    }
    let dev = null;
    {
        let k = i;
        if (k < end && isSeparator(s.charCodeAt(k)))
            k++;
        if (k + 3 <= end && hasWordAt(s, k, 'dev')) {
            k += 3;
            if (k < end && isSeparator(s.charCodeAt(k)))
                k++;
            const d = scanDigits(s, k);
            dev = d > k ? toNumber(s, k, d) : 0;
            if (dev === null)
                return null;
            i = d;
        }
    }
    let local = null;
    if (i < end && s.charCodeAt(i) === 0x2b) {
        local = [];
        let k = i + 1;
        for (;;) {
            const segStart = k;
            while (k < end && isAsciiAlnum(s.charCodeAt(k)))
                k++;
            if (k === segStart)
                return null;
            const seg = parseLocalSegment(s, segStart, k);
            if (seg === null)
                return null;
            local.push(seg);
            if (k + 1 < end && isSeparator(s.charCodeAt(k)) && isAsciiAlnum(s.charCodeAt(k + 1)))
                k++;
            else
                break;
        }
        i = k;
    }
    if (i !== end)
        return null;
    return freezeVersion(s, epoch, releaseRead.slice(0, count), pre, post, dev, local);
}
function parseLocalSegment(s, start, end) {
    for (let k = start; k < end; k++) {
        if (!isDigit(s.charCodeAt(k)))
            return s.slice(start, end).toLowerCase();
    }
    return toNumber(s, start, end);
}
function freezeVersion(text, epoch, release, pre, post, dev, local) {
    return Object.freeze({
        text,
        epoch,
        release: Object.freeze(release),
        pre: pre === null ? null : Object.freeze(pre),
        post,
        dev,
        local: local === null ? null : Object.freeze(local),
    });
}
/** Builds a version from its parts (like `Version.from_parts`); its `text` is its normal form. */
function versionFromParts(parts) {
    const pre = parts.pre ?? null;
    // One object, frozen once its text is printed from it: ranges build a version for every bound they
    // draw, and a draft copied into the version cost as much again.
    const version = {
        text: '',
        epoch: parts.epoch ?? 0,
        release: Object.freeze([...parts.release]),
        pre: pre === null ? null : Object.freeze([pre[0], pre[1]]),
        post: parts.post ?? null,
        dev: parts.dev ?? null,
        local: parts.local ? Object.freeze([...parts.local]) : null,
    };
    version.text = normalizeVersion(version);
    return Object.freeze(version);
}
function compareNumbers(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
/** Release segments compare as if the shorter were padded with zeros (packaging strips trailing zeros). */
function compareReleases(a, b) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
        const c = compareNumbers(a[i] ?? 0, b[i] ?? 0);
        if (c !== 0)
            return c;
    }
    return 0;
}
const PRE_RANK = { a: 0, b: 1, rc: 2 };
/**
 * packaging's rank of the pre-release part: a dev release with neither pre nor post sorts before
 * every pre-release of its release (-1), a version with no pre-release after them all (3).
 */
function preReleaseRank(v) {
    if (v.pre !== null)
        return PRE_RANK[v.pre[0]];
    return v.post === null && v.dev !== null ? -1 : 3;
}
/** Everything but the local label: epoch, release, pre, post, dev. */
function comparePublic(a, b) {
    let c = compareNumbers(a.epoch, b.epoch);
    if (c !== 0)
        return c;
    c = compareReleases(a.release, b.release);
    if (c !== 0)
        return c;
    c = preReleaseRank(a) - preReleaseRank(b);
    if (c !== 0)
        return c;
    if (a.pre !== null && b.pre !== null) {
        c = compareNumbers(a.pre[1], b.pre[1]);
        if (c !== 0)
            return c;
    }
    if (a.post === null || b.post === null) {
        if (a.post !== b.post)
            return a.post === null ? -1 : 1;
    }
    else {
        c = compareNumbers(a.post, b.post);
        if (c !== 0)
            return c;
    }
    // A dev release sorts before the same version without one.
    if (a.dev === null || b.dev === null)
        return a.dev === b.dev ? 0 : a.dev === null ? 1 : -1;
    return compareNumbers(a.dev, b.dev);
}
function compareLocals(a, b) {
    if (a === null || b === null)
        return a === b ? 0 : a === null ? -1 : 1;
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
        const x = a[i];
        const y = b[i];
        if (typeof x === 'string') {
            // PEP 440: alphanumeric segments sort before numeric ones.
            if (typeof y !== 'string')
                return -1;
            if (x !== y)
                return x < y ? -1 : 1;
        }
        else {
            if (typeof y === 'string')
                return 1;
            const c = compareNumbers(x, y);
            if (c !== 0)
                return c;
        }
    }
    return a.length - b.length;
}
/** packaging's ordering: negative, zero or positive. `1.0 == 1.0.0`; `1.0 < 1.0+local`. */
function compareVersions(a, b) {
    return comparePublic(a, b) || compareLocals(a.local, b.local);
}
/** `a` with its local label dropped, compared with `b` (what most specifier operators do). */
function comparePublicVersions(a, b) {
    return comparePublic(a, b) || (b.local === null ? 0 : -1);
}
/** `str(Version(text))`. */
function normalizeVersion(v) {
    let out = baseVersion(v);
    if (v.pre !== null)
        out += v.pre[0] + String(v.pre[1]);
    if (v.post !== null)
        out += '.post' + String(v.post);
    if (v.dev !== null)
        out += '.dev' + String(v.dev);
    if (v.local !== null)
        out += '+' + v.local.join('.');
    return out;
}
/** packaging's `Version.public`: the normal form without the local label. */
function publicVersion(v) {
    const s = normalizeVersion(v);
    const plus = s.indexOf('+');
    return plus < 0 ? s : s.slice(0, plus);
}
/** packaging's `Version.base_version`: epoch and release only, e.g. `1!2.0`. */
function baseVersion(v) {
    const release = v.release.join('.');
    return v.epoch === 0 ? release : `${String(v.epoch)}!${release}`;
}
/** packaging's `is_prerelease`: a pre-release or dev release. */
function isPrerelease(v) {
    return v.pre !== null || v.dev !== null;
}


/***/ }),

/***/ 8181:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L0: () => (/* binding */ annotationMessage),
/* harmony export */   LS: () => (/* binding */ plural),
/* harmony export */   Ot: () => (/* binding */ countBySeverity),
/* harmony export */   WN: () => (/* binding */ countsText),
/* harmony export */   Y4: () => (/* binding */ ownAnchor),
/* harmony export */   g$: () => (/* binding */ printable),
/* harmony export */   vW: () => (/* binding */ messageWithFix),
/* harmony export */   yX: () => (/* binding */ isInScope)
/* harmony export */ });
/* unused harmony exports locationText, clip, quotedValue */
// Small facts about findings that every report format states the same way: how many of each
// severity, which are in scope, and how a location reads.
function countBySeverity(findings) {
    const counts = { error: 0, warning: 0, notice: 0 };
    for (const finding of findings)
        counts[finding.severity]++;
    return counts;
}
/**
 * A finding decides the result and is annotated unless a diff filter put it outside the change
 * (`inDiff: false`): outside a pull request, and in the CLI, every finding is in scope.
 */
function isInScope(finding) {
    return finding.inDiff !== false;
}
/** The message and, on its own line, what to write instead (SARIF's message; JSON escapes it). */
function messageWithFix(finding) {
    return finding.fix ? `${finding.message}\nFix: ${finding.fix}` : finding.message;
}
/** The finding's own location as an anchor; null when it belongs to no file. */
function ownAnchor(finding) {
    if (finding.file === null)
        return null;
    return { file: finding.file, line: finding.line, column: finding.column, endLine: finding.endLine, endColumn: finding.endColumn };
}
/**
 * What an annotation at `anchor` says about `finding`: the message, the fix and where it was reported,
 * a line each, each line printable (the line breaks are ours, never the repository's).
 */
function annotationMessage(finding, anchor) {
    const lines = [printable(finding.message)];
    if (finding.fix)
        lines.push(`Fix: ${printable(finding.fix)}`);
    if (anchor?.reportedAt)
        lines.push(`Reported at ${printable(anchor.reportedAt)}.`);
    return lines.join('\n');
}
/** `requirements.txt:12:1`, `requirements.txt:12`, `requirements.txt`, or null for no file. */
function locationText(file, line, column) {
    if (file === null)
        return null;
    if (line === null || line === undefined)
        return file;
    return column === null || column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
}
/** At most `max` characters, an ellipsis marking the cut. */
function clip(text, max) {
    // An escape, not the character: see __tests__/bundle.test.ts on the bundle's text.
    return text.length > max ? `${text.slice(0, max - 1)}\u2026` : text;
}
/**
 * A value from the environment or an input, quoted for a one-line error: cut at `max` characters,
 * quoted as JSON (a newline shows as \n), then made printable (JSON leaves bidirectional overrides).
 */
function quotedValue(text, max) {
    return printable(JSON.stringify(clip(text, max)));
}
/** `1 error`, `2 errors`. */
function plural(count, noun) {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
/** `2 errors, 1 warning, 0 notices`. */
function countsText(counts) {
    return `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.notice, 'notice')}`;
}
// Characters a terminal or a log viewer obeys instead of showing: C0 and C1 controls and DEL (colours,
// cursor moves, new lines, a terminal's title), the Unicode line and paragraph separators, and the
// bidirectional formatting characters (text shown in an order other than the one it has).
const NOT_SHOWN_AS_IS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const SHORT_ESCAPES = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };
/**
 * Text from the repository (paths, names, messages that quote them) for a person to read: on one line,
 * each control character shown as an escape, as Python's repr() writes it (`\x1b`, `\n`, `\u202e`).
 * A newline or an escape sequence in a file must neither forge a line of our output nor act on the
 * terminal, and it must not vanish either: the reader sees what the file holds.
 */
function printable(text) {
    return text.replace(NOT_SHOWN_AS_IS, (ch) => SHORT_ESCAPES[ch] ?? codeEscape(ch.charCodeAt(0)));
}
function codeEscape(code) {
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}


/***/ }),

/***/ 6258:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ RUNTIME_RULES)
/* harmony export */ });
// The runtime check's rules, for the rule catalog (SARIF, the summary's links) and unknown-rule-id.
// docs/runtime.md says what each one means.
const RUNTIME_RULES = [
    { id: 'pip-check', severity: 'error', summary: '`pip check` reports a broken or missing dependency in the installed environment' },
    {
        id: 'installed-version-mismatch',
        severity: 'error',
        summary: 'the installed version is outside the pin (error), or a pinned package is not installed (warning)',
    },
    { id: 'import-failed', severity: 'error', summary: 'a module of a pinned distribution fails to import in a fresh interpreter' },
    {
        id: 'gpu-not-visible',
        severity: 'error',
        summary: 'no CUDA device is visible (error with require-gpu, else a notice for a CUDA build of torch)',
    },
    {
        id: 'cpu-only-build',
        severity: 'error',
        summary: 'a CPU-only (or ROCm) torch, or jax without its CUDA plugin, is installed where a +cuXYZ pin, the profile or the image expects CUDA',
    },
    {
        id: 'cuda-build-mismatch',
        severity: 'error',
        summary: "torch's CUDA build is outside the profile's cuda or of another major than the image's CUDA toolkit; jax's or CuPy's CUDA major differs from the expected one",
    },
    {
        id: 'driver-too-old',
        severity: 'error',
        summary: "the NVIDIA driver is older than torch's CUDA build needs, or the container toolkit refuses the image's NVIDIA_REQUIRE_CUDA (warning: unmet inside a container that started anyway)",
    },
    { id: 'runtime-error', severity: 'error', summary: 'the probe could not run, or part of it could not (pip check, time budget)' },
];


/***/ }),

/***/ 1294:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   w: () => (/* binding */ TOOL_VERSION)
/* harmony export */ });
/** The version reports and SARIF carry; a test keeps it equal to package.json's. */
const TOOL_VERSION = '1.0.0';


/***/ })

};
