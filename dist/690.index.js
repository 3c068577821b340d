export const id = 690;
export const ids = [690];
export const modules = {

/***/ 5324:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fq: () => (/* binding */ containerRequireFindings),
/* harmony export */   O9: () => (/* binding */ refusedStartFinding),
/* harmony export */   js: () => (/* binding */ disablesRequire),
/* harmony export */   yw: () => (/* binding */ refusedCondition)
/* harmony export */ });
/* unused harmony exports driverCudaVersion, driverForCuda, requirementTruth */
/* harmony import */ var _driver_version_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9834);
/* harmony import */ var _place_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8346);
// The driver an nvidia/cuda image needs, as the NVIDIA container toolkit sees it. The image sets
// NVIDIA_REQUIRE_CUDA (`cuda>=12.6 brand=tesla,driver>=470,driver<471 ...`); when the container starts,
// libnvidia-container evaluates every NVIDIA_REQUIRE_* variable (JETPACK aside) against the host and
// refuses to start it when one is false, unless NVIDIA_DISABLE_REQUIRE is true. Within one variable a
// space separates alternatives (OR) and a comma joins conditions (AND); `cuda` is the CUDA version the
// host driver supports, `driver` the driver version, `brand` and `arch` the GPU's (unknown here).
// Sources: NVIDIA/libnvidia-container src/cli/dsl.c (dsl_evaluate), NVIDIA/nvidia-container-toolkit
// internal/config/image/cuda_image.go (GetRequirements, HasDisableRequire).


/** "12.6" of "12.6.3". */
function majorMinorText(version) {
    return version.split('.').slice(0, 2).join('.');
}
/**
 * The CUDA version a driver supports, as `nvidia-smi` shows it: the newest toolkit whose minimum
 * driver it meets. `beyondData`: it meets the newest toolkit the table knows, so it may support more.
 */
function driverCudaVersion(driver, drivers) {
    let best = null;
    let newest = null;
    for (const entry of drivers) {
        if (newest === null || (0,_driver_version_js__WEBPACK_IMPORTED_MODULE_0__/* .compareDriverVersions */ .T)(entry.cuda, newest.cuda) > 0)
            newest = entry;
        if ((0,_driver_version_js__WEBPACK_IMPORTED_MODULE_0__/* .compareDriverVersions */ .T)(driver, entry.minDriver) >= 0 && (best === null || (0,_driver_version_js__WEBPACK_IMPORTED_MODULE_0__/* .compareDriverVersions */ .T)(entry.cuda, best) > 0))
            best = entry.cuda;
    }
    if (best === null || newest === null)
        return null;
    return { cuda: majorMinorText(best), beyondData: best === newest.cuda };
}
/** The lowest driver that reports at least this CUDA major.minor: its first release's toolkit minimum. */
function driverForCuda(cuda, drivers) {
    let lowest = null;
    for (const entry of drivers) {
        if (majorMinorText(entry.cuda) !== majorMinorText(cuda))
            continue;
        if (lowest === null || (0,_driver_version_js__WEBPACK_IMPORTED_MODULE_0__/* .compareDriverVersions */ .T)(entry.minDriver, lowest) < 0)
            lowest = entry.minDriver;
    }
    return lowest;
}
const OPERATORS = ['>=', '<=', '!=', '>', '<', '='];
function compare(left, operator, right) {
    const order = (0,_driver_version_js__WEBPACK_IMPORTED_MODULE_0__/* .compareDriverVersions */ .T)(left, right);
    switch (operator) {
        case '>=':
            return order >= 0;
        case '<=':
            return order <= 0;
        case '!=':
            return order !== 0;
        case '>':
            return order > 0;
        case '<':
            return order < 0;
        case '=':
            return order === 0;
    }
}
/** One condition, `cuda>=12.6` or `driver<471`. */
function conditionTruth(condition, driver, drivers) {
    const operator = OPERATORS.find((candidate) => condition.includes(candidate));
    if (operator === undefined)
        return null;
    const at = condition.indexOf(operator);
    const name = condition.slice(0, at).trim().toLowerCase();
    const value = condition.slice(at + operator.length).trim();
    if (!/^\d+(?:\.\d+)*$/.test(value))
        return null;
    if (name === 'driver')
        return compare(driver, operator, value);
    if (name !== 'cuda')
        return null; // brand, arch: the probe does not know them
    const supported = driverCudaVersion(driver, drivers);
    if (supported === null)
        return null;
    const holds = compare(supported.cuda, operator, value);
    // Past the table's newest toolkit the driver may support more than the table says.
    return !holds && supported.beyondData ? null : holds;
}
/** A whole NVIDIA_REQUIRE_* value: alternatives separated by spaces, each a comma-joined AND. */
function requirementTruth(requirement, driver, drivers) {
    let result = false;
    for (const alternative of requirement.split(' ').filter((part) => part !== '')) {
        let all = true;
        for (const condition of alternative.split(',').filter((part) => part !== '')) {
            const truth = conditionTruth(condition, driver, drivers);
            if (truth === false) {
                all = false;
                break;
            }
            if (truth === null)
                all = null;
        }
        if (all === true)
            return true;
        if (all === null)
            result = null;
    }
    return result;
}
/** NVIDIA_DISABLE_REQUIRE as Go's strconv.ParseBool reads it: 1, t, T, TRUE, true, True. */
function disablesRequire(value) {
    return value !== null && ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value);
}
/** The `cuda>=X.Y` of a requirement (its first condition), e.g. "12.6". */
function requiredCuda(requirement) {
    const match = /(?:^|\s)cuda\s*>=?\s*(\d+\.\d+)/i.exec(requirement);
    return match ? match[1] : null;
}
/** What the driver must be for a `cuda>=X.Y` condition, in words. */
function toolkitNeeds(cuda, drivers) {
    const needed = driverForCuda(cuda, drivers);
    return needed ? `a driver that supports CUDA ${cuda} (>= ${needed})` : `a driver that supports CUDA ${cuda}`;
}
/** How to get past the requirement, shared by both findings. */
function ways(supported) {
    const older = supported ? `an image of CUDA ${supported} or older` : 'an image of an older CUDA';
    return (`upgrade the driver, use ${older}, or set NVIDIA_DISABLE_REQUIRE=true (ENV in the image, or docker run -e) ` +
        `when only the pip wheels' bundled CUDA needs the GPU (they run on any driver of their major's minor-version-compatibility branch, except features that need PTX JIT)`);
}
/**
 * The probe ran inside a container whose NVIDIA_REQUIRE_* the driver does not meet: this start skipped
 * the check (CDI injection, or no NVIDIA runtime hook), but a host that enforces it refuses the image.
 */
function containerRequireFindings(result, driver, matrix, related) {
    if (driver === undefined || disablesRequire(result.nvidiaDisableRequire))
        return [];
    const drivers = matrix.facts.cudaDrivers;
    const findings = [];
    for (const [name, requirement] of Object.entries(result.nvidiaRequire).sort()) {
        if (requirementTruth(requirement, driver, drivers) !== false)
            continue;
        const cuda = requiredCuda(requirement);
        const supported = driverCudaVersion(driver, drivers)?.cuda ?? null;
        findings.push((0,_place_js__WEBPACK_IMPORTED_MODULE_1__/* .unplacedFinding */ .cr)({
            rule: 'driver-too-old',
            severity: 'warning',
            message: `The NVIDIA driver ${driver}${supported ? ` (CUDA ${supported})` : ''} does not meet this image's ${name} (${requirement.split(' ')[0]}` +
                `${cuda ? `: ${toolkitNeeds(cuda, drivers)}` : ''}). It started here because the requirement was not checked, but the NVIDIA ` +
                `container toolkit checks it when docker run --gpus starts a container and refuses the image then: ${ways(supported)}.`,
            package: null,
            expected: requirement.split(' ')[0] ?? requirement,
            actual: driver,
            source: matrix.facts.sources.cudaDrivers,
        }, related));
    }
    return findings;
}
/** docker's stderr when the container toolkit refused the image: "... unsatisfied condition: cuda>=12.6, please update ...". */
function refusedCondition(stderr) {
    const match = /requirement error: unsatisfied condition: ([^,\n]+)/.exec(stderr);
    return match ? match[1].trim() : null;
}
/** The image could not start: the container toolkit found its NVIDIA_REQUIRE_CUDA unmet by this runner's driver. */
function refusedStartFinding(image, condition, driver, matrix) {
    const drivers = matrix.facts.cudaDrivers;
    const cuda = requiredCuda(condition);
    const supported = driver ? (driverCudaVersion(driver, drivers)?.cuda ?? null) : null;
    const host = driver ? `this runner's driver ${driver}${supported ? ` supports CUDA ${supported}` : ''}` : "this runner's driver is older";
    return (0,_place_js__WEBPACK_IMPORTED_MODULE_1__/* .unplacedFinding */ .cr)({
        rule: 'driver-too-old',
        severity: 'error',
        message: `docker refused to start ${image}: the NVIDIA container toolkit checks the image's NVIDIA_REQUIRE_CUDA when the container starts, ` +
            `and ${condition} is not met${cuda ? ` (it needs ${toolkitNeeds(cuda, drivers)})` : ''}; ${host}. ` +
            `The toolkit of an nvidia/cuda image needs its own minimum driver: ${ways(supported)}.`,
        package: null,
        expected: condition,
        actual: driver,
        source: matrix.facts.sources.cudaDrivers,
    });
}


/***/ }),

/***/ 9834:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ compareDriverVersions)
/* harmony export */ });
// NVIDIA driver versions ("535.104.05") and the CUDA versions of NVIDIA_REQUIRE_CUDA compare as dotted numbers.
/** Compares dotted driver versions numerically ("525" < "525.60.13" < "530.30.02"). */
function compareDriverVersions(a, b) {
    const left = a.split('.').map(Number);
    const right = b.split('.').map(Number);
    for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
        const difference = (left[index] ?? 0) - (right[index] ?? 0);
        if (difference !== 0)
            return difference;
    }
    return 0;
}


/***/ }),

/***/ 5690:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runRuntimeCheck: () => (/* binding */ runRuntimeCheck)
});

// UNUSED EXPORTS: untrustedRefusal

// EXTERNAL MODULE: ./lib/src/check/finding-builder.js
var finding_builder = __webpack_require__(8266);
// EXTERNAL MODULE: ./lib/src/model.js
var model = __webpack_require__(4887);
// EXTERNAL MODULE: ./lib/src/parse/marker.js
var marker = __webpack_require__(9546);
// EXTERNAL MODULE: ./lib/src/parse/marker-evaluation.js
var marker_evaluation = __webpack_require__(817);
// EXTERNAL MODULE: ./lib/src/pep440/specifier.js
var specifier = __webpack_require__(720);
// EXTERNAL MODULE: ./lib/src/pep440/version.js
var pep440_version = __webpack_require__(8400);
// EXTERNAL MODULE: ./lib/src/runtime/container-require.js
var container_require = __webpack_require__(5324);
// EXTERNAL MODULE: ./lib/src/runtime/driver-version.js
var driver_version = __webpack_require__(9834);
// EXTERNAL MODULE: ./lib/src/check/versions.js
var versions = __webpack_require__(480);
// EXTERNAL MODULE: ./lib/src/parse/pytorch-index.js
var pytorch_index = __webpack_require__(2888);
// EXTERNAL MODULE: ./lib/src/runtime/place.js
var place = __webpack_require__(8346);
;// CONCATENATED MODULE: ./lib/src/runtime/gpu-builds.js
// Which build of torch, jax and CuPy is installed, against the CUDA the repository expects. The usual
// way a GPU image silently runs on the CPU is a CPU wheel where a CUDA one was meant: pip took torch
// from the CPU index, `jax` came without its CUDA plugin, or a later `pip install` replaced the build. The files say CUDA is expected when a torch pin names a `+cuXYZ`
// build, when the profile has a `cuda`, or when the environment is an nvidia/cuda image (CUDA_VERSION).





const WHEEL_INDEX = 'https://download.pytorch.org/whl/';
/** The local label (`cu126`, `cpu`) of a pin that names one exact build (`==2.13.0+cu126`), or null. */
function pinnedLabel(pin) {
    for (const clause of pin.requirement.specifier.split(',')) {
        const text = clause.trim();
        if (!text.startsWith('==') || text.startsWith('==='))
            continue;
        const version = (0,pep440_version/* parseVersion */.ot)(text.slice(2).trim());
        const label = version ? (0,versions/* localLabel */.WJ)(version) : null;
        if (label !== null)
            return label.toLowerCase();
    }
    return null;
}
/** The first major version a CUDA specifier names: 12 for `==12.6.*` or `>=12.1,<13`. */
function specifierMajor(specifier) {
    const match = /(\d+)/.exec(specifier);
    return match ? Number(match[1]) : null;
}
/**
 * Where the repository says CUDA is expected: a torch pin's `+cuXYZ` label first (it names the
 * build), then the profile's cuda, then the image's CUDA toolkit. null: a CPU stack, or no word.
 */
function expectedCuda(result, torchPins, profile) {
    for (const pin of torchPins) {
        const label = pinnedLabel(pin);
        const cuda = label ? (0,pytorch_index/* cudaOfLabel */.T)(label) : null;
        if (label !== null && cuda !== null) {
            return {
                why: `${pin.file} pins ${pin.requirement.name}${pin.requirement.specifier}`,
                major: Number(cuda.split('.')[0]),
                specifier: null,
                variant: label,
                preferred: null,
            };
        }
    }
    const major = profile?.cuda ? specifierMajor(profile.cuda) : null;
    if (profile?.cuda && major !== null) {
        return { why: `profile ${profile.name} (cuda ${profile.cuda})`, major, specifier: profile.cuda, variant: null, preferred: null };
    }
    const toolkit = result.cudaVersion ? /^(\d+)\.(\d+)/.exec(result.cudaVersion) : null;
    if (toolkit) {
        return {
            why: `the image's CUDA toolkit (CUDA_VERSION ${result.cudaVersion})`,
            major: Number(toolkit[1]),
            specifier: null,
            variant: null,
            preferred: `${toolkit[1]}.${toolkit[2]}`,
        };
    }
    return null;
}
/**
 * The wheel index folder for a CUDA build of this torch: the variant the pin names, else the image's
 * CUDA when the matrix lists it for the torch minor, else the newest listed one that the profile's
 * cuda allows (or of the expected major).
 */
function torchVariant(expected, torchVersion, matrix) {
    if (expected.variant)
        return expected.variant;
    const minor = torchVersion ? (0,versions/* minorOf */.Hs)(torchVersion.split('+')[0] ?? '') : null;
    const published = matrix.facts.torchCuda.find((row) => row.torch === minor)?.cuda ?? [];
    if (expected.preferred !== null && published.includes(expected.preferred))
        return (0,versions/* cudaLabel */.k3)(expected.preferred);
    const allowed = expected.specifier ? (0,specifier/* parseSpecifierSet */.m0)(expected.specifier) : null;
    const fitting = published.filter((cuda) => allowed?.ok ? (0,specifier/* contains */.gR)(allowed.set, cuda, { prereleases: true }) : Number(cuda.split('.')[0]) === expected.major);
    const newest = fitting.sort(versions/* compareDotted */.AZ).pop();
    return newest ? (0,versions/* cudaLabel */.k3)(newest) : null;
}
/** The `+cpu` or `+rocm...` label of an installed version; the build torch reports wins over it. */
function nonCudaBuild(result) {
    const torch = result.torch;
    if (torch?.ok) {
        if (torch.cuda !== null)
            return null;
        return torch.hip ? `a ROCm build (torch.version.hip ${torch.hip}), not a CUDA one` : 'a CPU-only build (torch.version.cuda is None)';
    }
    const installed = result.installed.get('torch');
    const label = installed ? /\+(cpu|rocm[\d.]*)$/i.exec(installed.version)?.[1]?.toLowerCase() : undefined;
    if (label === undefined)
        return null;
    return label === 'cpu' ? 'a CPU-only build (+cpu)' : `a ROCm build (+${label}), not a CUDA one`;
}
function torchFindings(result, pins, matrix, profile, applies) {
    const installed = result.installed.get('torch');
    const build = installed ? nonCudaBuild(result) : null;
    const torchPins = (pins.get('torch') ?? []).filter(applies);
    // A pin that names the CPU build on purpose (`torch==2.13.0+cpu`) is the files' own choice.
    if (!installed || build === null || torchPins.some((pin) => pinnedLabel(pin) === 'cpu'))
        return [];
    const expected = expectedCuda(result, torchPins, profile);
    if (expected === null)
        return [];
    const variant = torchVariant(expected, installed.version, matrix);
    const release = installed.version.split('+')[0] ?? installed.version;
    const fix = variant
        ? `install the CUDA build from ${WHEEL_INDEX}${variant} (pip install torch==${release} --index-url ${WHEEL_INDEX}${variant})`
        : `install a CUDA ${expected.major}.x build from ${WHEEL_INDEX}cuXYZ (the folder of the CUDA version you need)`;
    return [
        (0,place/* runtimeFinding */.yK)({
            rule: 'cpu-only-build',
            severity: 'error',
            message: `${installed.name} ${installed.version} is installed, ${build}, but ${expected.why} expects a CUDA build: ` +
                `torch.cuda.is_available() is False with it, so the code falls back to the CPU or fails at .cuda() ("Torch not compiled with CUDA enabled"). ` +
                `It came from the CPU index, another platform's wheels, or a later pip install that replaced the CUDA build; ${fix}.`,
            package: 'torch',
            expected: variant ? `a CUDA build (+${variant})` : `a CUDA ${expected.major}.x build`,
            actual: `==${installed.version}`,
        }, pins.get('torch')),
    ];
}
/** `jax-cuda12-plugin`, `jax-cuda12-pjrt` -> 12. */
const JAX_CUDA_PLUGIN = /^jax-cuda(\d+)-(?:plugin|pjrt)$/;
/** The CUDA major of jax's CUDA support: its plugin packages, or an old jaxlib's `+cuda12...` label. */
function jaxCudaMajor(result) {
    for (const key of result.installed.keys()) {
        const match = JAX_CUDA_PLUGIN.exec(key);
        if (match)
            return Number(match[1]);
    }
    const jaxlib = result.installed.get('jaxlib')?.version ?? '';
    const label = /\+cuda(\d+)/i.exec(jaxlib);
    return label ? Number(label[1]) : null;
}
/** A jax pin asks for CUDA through an extra: `jax[cuda12]`, `jax[cuda12_pip]`, `jax[cuda]`. */
function jaxExtraMajor(pins) {
    for (const pin of pins) {
        for (const extra of pin.requirement.extras) {
            const match = /^cuda(\d*)/i.exec(extra);
            if (match)
                return { pin, major: match[1] ? Number(match[1]) : null };
        }
    }
    return null;
}
function jaxFindings(result, pins, profile, applies) {
    const jax = result.installed.get('jax');
    const jaxPins = (pins.get('jax') ?? []).filter(applies);
    // A ROCm plugin is another accelerator on purpose, not a CPU build.
    if (!jax || jaxPins.length === 0 || [...result.installed.keys()].some((key) => /^jax-rocm\d*-plugin$/.test(key)))
        return [];
    const extra = jaxExtraMajor(jaxPins);
    const stack = expectedCuda(result, (pins.get('torch') ?? []).filter(applies), profile);
    const expected = extra !== null
        ? {
            why: `${extra.pin.file} pins ${extra.pin.requirement.name}[${extra.pin.requirement.extras.join(',')}]${extra.pin.requirement.specifier}`,
            major: extra.major ?? stack?.major ?? 12,
            specifier: null,
            variant: null,
            preferred: null,
        }
        : stack;
    if (expected === null)
        return [];
    const installedMajor = jaxCudaMajor(result);
    const backend = result.jax?.ok && result.jax.backend ? `; jax.default_backend() is "${result.jax.backend}"` : '';
    if (installedMajor === null) {
        return [
            (0,place/* runtimeFinding */.yK)({
                rule: 'cpu-only-build',
                severity: 'error',
                message: `jax ${jax.version} is installed without a CUDA plugin (no jax-cuda${expected.major}-plugin, and jaxlib is a CPU build${backend}), ` +
                    `but ${expected.why} expects CUDA ${expected.major}: jax will run on the CPU. Install "jax[cuda${expected.major}]==${jax.version}" (it brings jax-cuda${expected.major}-plugin).`,
                package: 'jax',
                expected: `jax-cuda${expected.major}-plugin`,
                actual: `==${jax.version}`,
            }, pins.get('jax')),
        ];
    }
    if (installedMajor !== expected.major) {
        return [
            (0,place/* runtimeFinding */.yK)({
                rule: 'cuda-build-mismatch',
                severity: 'error',
                message: `jax ${jax.version} has its CUDA ${installedMajor} plugin installed, but ${expected.why} expects CUDA ${expected.major}: ` +
                    `install "jax[cuda${expected.major}]==${jax.version}" instead.`,
                package: 'jax',
                expected: `CUDA ${expected.major}.x`,
                actual: `CUDA ${installedMajor}.x`,
            }, pins.get('jax')),
        ];
    }
    return [];
}
/** `cupy-cuda12x` -> 12, `cupy-cuda11x` -> 11, `cupy-cuda102` -> 10, `cupy-cuda110` -> 11. */
function cupyPackageMajor(key) {
    const match = /^cupy-cuda(\d+?)(x|\d)$/.exec(key);
    return match ? Number(match[1]) : null;
}
function cupyFindings(result, pins, profile, applies) {
    const cupy = result.cupy;
    const key = cupy?.package ?? null;
    if (!cupy || key === null || (pins.get(key) ?? []).filter(applies).length === 0)
        return [];
    const expected = expectedCuda(result, (pins.get('torch') ?? []).filter(applies), profile);
    if (expected === null)
        return [];
    const runtime = cupy.ok && cupy.runtime !== null && cupy.runtime > 0 ? cupy.runtime : null;
    const actual = runtime !== null
        ? {
            major: Math.floor(runtime / 1000),
            text: `CUDA ${Math.floor(runtime / 1000)}.${Math.floor((runtime % 1000) / 10)} (cupy.cuda.runtime.runtimeGetVersion() is ${runtime})`,
        }
        : cupyPackageMajor(key) !== null
            ? { major: cupyPackageMajor(key), text: `CUDA ${cupyPackageMajor(key)}.x (its package name)` }
            : null;
    if (actual === null || actual.major === expected.major)
        return [];
    const installed = result.installed.get(key);
    return [
        (0,place/* runtimeFinding */.yK)({
            rule: 'cuda-build-mismatch',
            severity: 'error',
            message: `${installed?.name ?? key} ${installed?.version ?? cupy.version ?? ''} is built for ${actual.text}, but ${expected.why} expects CUDA ${expected.major}: ` +
                `install cupy-cuda${expected.major}x instead.`,
            package: key,
            expected: `cupy-cuda${expected.major}x`,
            actual: key,
        }, pins.get(key)),
    ];
}
/** torch, jax and CuPy builds that cannot use the CUDA the files expect. */
function gpuBuildFindings(result, pins, matrix, profile, applies) {
    return [
        ...torchFindings(result, pins, matrix, profile, applies),
        ...jaxFindings(result, pins, profile, applies),
        ...cupyFindings(result, pins, profile, applies),
    ];
}

;// CONCATENATED MODULE: ./lib/src/runtime/probe-findings.js
// The pure half of the runtime check: what the probe saw in the environment, set against what the
// files pin and what the matrix knows, becomes findings with the lines they belong to.










/** Every requirement of the parse, by PEP 503 name, in file order with installing lines first. */
function pinsByPackage(parse) {
    const pins = new Map();
    for (const file of parse.files) {
        for (const requirement of file.requirements) {
            // A base image's own package (pytorch/pytorch's torch) is no pin: a later pip install may replace it.
            if (requirement.installer === 'image')
                continue;
            const list = pins.get(requirement.key) ?? [];
            if (list.length === 0)
                pins.set(requirement.key, list);
            list.push({ file: file.path, requirement });
        }
    }
    for (const list of pins.values())
        list.sort((a, b) => Number(a.requirement.constraint) - Number(b.requirement.constraint));
    return pins;
}
/** Whether requirements apply in the probed environment. Marker texts recur: each is judged once. */
class MarkerJudge {
    environment;
    verdicts = new Map();
    constructor(environment) {
        this.environment = environment;
    }
    /** A marker that cannot be read or evaluated counts as applying: the parse already reported it. */
    applies(requirement) {
        const text = requirement.marker;
        if (!text)
            return true;
        let holds = this.verdicts.get(text);
        if (holds === undefined) {
            const parsed = (0,marker/* parseMarker */.gY)(text);
            const evaluated = parsed.ok ? (0,marker_evaluation/* evaluateMarker */.U)(parsed.marker, this.environment) : null;
            holds = evaluated?.ok ? evaluated.value : true;
            this.verdicts.set(text, holds);
        }
        return holds;
    }
}
function runtimeFindings(result, parse, matrix, profile, context) {
    const pins = pinsByPackage(parse);
    const markers = new MarkerJudge(result.markers);
    const verdicts = judgePins(result, pins, markers);
    const placed = holdingPinsFirst(pins, verdicts);
    const applies = (pin) => !pin.requirement.editable && markers.applies(pin.requirement);
    const findings = [
        ...versionFindings(result, pins, verdicts),
        ...pipCheckFindings(result, placed),
        ...importFindings(result, placed),
        ...gpuBuildFindings(result, placed, matrix, profile, applies),
        ...gpuFindings(result, placed, matrix, profile, context),
    ];
    return (0,finding_builder/* dedupeFindings */._4)(findings).sort(compareRuntimeFindings);
}
/** Findings on lines first (in file order), then those on no line. */
function compareRuntimeFindings(a, b) {
    return Number(a.file === null) - Number(b.file === null) || (0,finding_builder/* compareFindings */.Eg)(a, b);
}
/** Each pin against the installed version, as pip check compares (prereleases=True). */
function judgePins(result, pins, markers) {
    const verdicts = new Map();
    if (result.metadataError !== null)
        return verdicts;
    const specifiers = new Map();
    for (const [key, list] of pins) {
        const installed = result.installed.get(key);
        const version = installed ? (0,pep440_version/* parseVersion */.ot)(installed.version) : null;
        for (const pin of list) {
            const { requirement } = pin;
            if (requirement.editable || !markers.applies(requirement))
                continue;
            if (!installed) {
                // A constraint only limits what something else installs.
                if (!requirement.constraint)
                    verdicts.set(pin, 'not-installed');
                continue;
            }
            if (requirement.specifier === '' || requirement.url !== null)
                continue;
            let parsed = specifiers.get(requirement.specifier);
            if (parsed === undefined) {
                parsed = (0,specifier/* parseSpecifierSet */.m0)(requirement.specifier);
                specifiers.set(requirement.specifier, parsed);
            }
            // An unreadable specifier is already a parse diagnostic; text that is no version can still meet `===`.
            if (!parsed.ok)
                continue;
            const holds = (0,specifier/* contains */.gR)(parsed.set, version ?? installed.version, { prereleases: true });
            verdicts.set(pin, holds ? 'holds' : version === null ? 'not-a-version' : 'differs');
        }
    }
    return verdicts;
}
/**
 * The pins of each package with those the installed version meets first: the line that put a
 * package in place is where a problem with it (pip check, an import) belongs.
 */
function holdingPinsFirst(pins, verdicts) {
    const placed = new Map();
    for (const [key, list] of pins) {
        placed.set(key, [...list].sort((a, b) => Number(verdicts.get(b) === 'holds') - Number(verdicts.get(a) === 'holds')));
    }
    return placed;
}
function versionFindings(result, pins, verdicts) {
    if (result.metadataError !== null) {
        return [
            (0,place/* unplacedFinding */.cr)({
                rule: 'runtime-error',
                severity: 'error',
                message: `The installed versions could not be read in ${result.python.executable}: ${result.metadataError}.`,
                package: null,
            }),
        ];
    }
    const findings = [];
    for (const [key, list] of pins) {
        for (const pin of list) {
            const verdict = verdicts.get(pin);
            const { requirement } = pin;
            const installed = result.installed.get(key);
            if (verdict === 'not-installed') {
                findings.push((0,place/* runtimeFinding */.yK)({
                    rule: 'installed-version-mismatch',
                    severity: 'warning',
                    message: `${(0,finding_builder/* requirementText */.Pg)(requirement)} is not installed in ${result.python.executable}.`,
                    package: key,
                    expected: requirement.specifier || null,
                    actual: null,
                }, [pin]));
            }
            else if ((verdict === 'differs' || verdict === 'not-a-version') && installed) {
                const why = verdict === 'not-a-version' ? ' (not a valid PEP 440 version: only an `===` pin can match it)' : '';
                findings.push((0,place/* runtimeFinding */.yK)({
                    rule: 'installed-version-mismatch',
                    severity: 'error',
                    message: `${installed.name} ${installed.version} is installed${why}, but ${pin.file} pins ${(0,finding_builder/* requirementText */.Pg)(requirement)}.`,
                    package: key,
                    expected: requirement.specifier,
                    actual: `==${installed.version}`,
                }, [pin]));
            }
        }
    }
    return findings;
}
/** What a line of `pip check` names: the packages it concerns, the one at fault first. */
function pipCheckPackages(line) {
    const project = line.split(' ', 1)[0] ?? '';
    const requires = line.indexOf(' requires ');
    if (line.endsWith(', which is not installed.') && requires >= 0) {
        const missing = line.slice(requires + ' requires '.length, line.length - ', which is not installed.'.length);
        return [(0,model/* canonicalName */.Ew)(missing.split(/[\s;[<>=!~(]/, 1)[0] ?? ''), (0,model/* canonicalName */.Ew)(project)];
    }
    const youHave = line.lastIndexOf(', but you have ');
    if (line.includes(' has requirement ') && youHave >= 0) {
        const installed = line.slice(youHave + ', but you have '.length).split(' ')[0] ?? '';
        return [(0,model/* canonicalName */.Ew)(installed), (0,model/* canonicalName */.Ew)(project)];
    }
    if (line.endsWith(' is not supported on this platform') || line.endsWith(' is not supported on this platform.')) {
        return [(0,model/* canonicalName */.Ew)(project)];
    }
    return [];
}
function pipCheckFindings(result, pins) {
    const check = result.pipCheck;
    if (!check.ran) {
        return [
            (0,place/* unplacedFinding */.cr)({
                rule: 'runtime-error',
                severity: 'warning',
                message: `pip check did not run in ${result.python.executable}: ${check.error ?? 'no reason given'}.`,
                package: null,
            }),
        ];
    }
    const findings = [];
    for (const line of check.lines) {
        if (line === 'No broken requirements found.')
            continue;
        const named = pipCheckPackages(line).filter((key) => key !== '');
        const placed = named.find((key) => pins.has(key));
        const others = named.filter((key) => key !== placed).flatMap((key) => pins.get(key) ?? []);
        const draft = { rule: 'pip-check', severity: 'error', message: `pip check: ${line}`, package: placed ?? named[0] ?? null };
        const finding = placed ? (0,place/* runtimeFinding */.yK)(draft, pins.get(placed)) : (0,place/* unplacedFinding */.cr)(draft);
        if (others.length > 0)
            finding.related = [...(finding.related ?? []), ...(0,place/* relatedOf */.Vs)(others)];
        findings.push(finding);
    }
    return findings;
}
function importFindings(result, pins) {
    const findings = [];
    const skipped = [];
    for (const attempt of result.imports) {
        if (attempt.ok)
            continue;
        if (attempt.skipped) {
            skipped.push(attempt.module);
            continue;
        }
        const installed = result.installed.get(attempt.package);
        const from = installed ? ` (from ${installed.name} ${installed.version})` : '';
        findings.push((0,place/* runtimeFinding */.yK)({
            rule: 'import-failed',
            severity: 'error',
            message: `import ${attempt.module}${from} failed: ${attempt.error ?? 'no error message'}`,
            package: attempt.package,
            actual: installed ? `==${installed.version}` : null,
        }, pins.get(attempt.package)));
    }
    // torch installed but not among the pins: its import failure shows through the GPU probe alone.
    const torch = result.torch;
    if (torch && !torch.ok && !torch.skipped && !result.imports.some((attempt) => attempt.module === 'torch')) {
        findings.push((0,place/* runtimeFinding */.yK)({
            rule: 'import-failed',
            severity: 'error',
            message: `import torch failed: ${torch.error ?? 'no error message'}`,
            package: 'torch',
        }, pins.get('torch')));
    }
    if (torch?.skipped)
        skipped.push('torch (GPU probe)');
    if (skipped.length > 0) {
        findings.push((0,place/* unplacedFinding */.cr)({
            rule: 'runtime-error',
            severity: 'warning',
            message: `The probe's time budget ran out before it could try: ${skipped.slice(0, 20).join(', ')}${skipped.length > 20 ? ` and ${skipped.length - 20} more` : ''}. Raise the timeout or probe fewer packages.`,
            package: null,
        }));
    }
    return findings;
}
/** "12.1" from "12.1", "12.1.1" or "12.1.105"; null when it is no version. */
function majorMinor(version) {
    const parts = (version ?? '').split('.');
    const major = Number(parts[0]);
    const minor = Number(parts[1]);
    if (parts.length < 2 || !Number.isInteger(major) || !Number.isInteger(minor) || parts[0] === '' || parts[1] === '')
        return null;
    return { major, minor, text: `${major}.${minor}` };
}
/** What nvidia-smi prints as driver_version: "535.104.05". */
const DRIVER_VERSION = /^\d+(?:\.\d+)*$/;
/**
 * The lowest driver that runs a CUDA build: through minor-version compatibility (CUDA 11 and later)
 * any driver of the major's compatibility branch does (525 for 12.x); before CUDA 11 the toolkit's own
 * minimum applies. null when the matrix knows neither the minor nor the major.
 */
function minimumDriver(cuda, drivers) {
    const build = majorMinor(cuda);
    if (build === null)
        return null;
    let best = null;
    for (const entry of drivers) {
        const release = majorMinor(entry.cuda);
        if (release === null || release.major !== build.major)
            continue;
        const branch = build.major >= 11 ? entry.minorCompatMinDriver : null;
        if (branch === null && release.minor !== build.minor)
            continue;
        const needed = branch ?? entry.minDriver;
        if (best === null || (0,driver_version/* compareDriverVersions */.T)(needed, best) < 0)
            best = needed;
    }
    return best;
}
function torchLabel(torch) {
    return `torch ${torch.version ?? '(unknown version)'}`;
}
function gpuFindings(result, pins, matrix, profile, context) {
    const findings = [];
    const torch = result.torch?.ok ? result.torch : null;
    const torchPins = pins.get('torch');
    const smiGpus = result.nvidiaSmi?.ok ? result.nvidiaSmi.gpus : [];
    const visible = torch ? torch.available : smiGpus.length > 0;
    // Without require-gpu a CPU stack is fine; a CUDA build of torch that sees no device is worth a notice.
    const severity = context.requireGpu ? 'error' : torch?.cuda ? 'notice' : null;
    if (!visible && severity !== null) {
        findings.push((0,place/* unplacedFinding */.cr)({
            rule: 'gpu-not-visible',
            severity,
            message: `No CUDA device is visible in ${context.target}: ${gpuAbsenceReason(result, torch, smiGpus.length, context)}.`,
            package: torch ? 'torch' : null,
            expected: context.requireGpu ? 'a CUDA device' : null,
            actual: null,
        }, (0,place/* relatedOf */.Vs)(torchPins)));
    }
    // The oldest driver among the GPUs: the one that decides what runs.
    const drivers = smiGpus.map((gpu) => gpu.driver).filter((driver) => driver !== null && DRIVER_VERSION.test(driver));
    const driver = drivers.sort(driver_version/* compareDriverVersions */.T)[0];
    findings.push(...(0,container_require/* containerRequireFindings */.Fq)(result, driver, matrix, (0,place/* relatedOf */.Vs)(torchPins)));
    const build = torch ? majorMinor(torch.cuda) : null;
    if (!torch || build === null)
        return findings;
    if (profile?.cuda) {
        const allowed = (0,specifier/* parseSpecifierSet */.m0)(profile.cuda);
        if (allowed.ok && !(0,specifier/* contains */.gR)(allowed.set, build.text, { prereleases: true })) {
            const reason = profile.reasons.cuda ? `: ${profile.reasons.cuda}` : '';
            findings.push((0,place/* runtimeFinding */.yK)({
                rule: 'cuda-build-mismatch',
                severity: 'error',
                message: `${torchLabel(torch)} is built for CUDA ${build.text}, outside profile ${profile.name} (cuda ${profile.cuda})${reason}.`,
                package: 'torch',
                expected: profile.cuda,
                actual: build.text,
            }, torchPins));
        }
    }
    const toolkit = majorMinor(result.cudaVersion);
    if (toolkit !== null && toolkit.major !== build.major) {
        findings.push((0,place/* runtimeFinding */.yK)({
            rule: 'cuda-build-mismatch',
            severity: 'error',
            message: `${torchLabel(torch)} is built for CUDA ${build.text}, but the CUDA toolkit here is ${result.cudaVersion} (CUDA_VERSION): ` +
                `torch.utils.cpp_extension refuses to build CUDA extensions with an nvcc of another major version. ` +
                `(Running is unaffected: the wheel bundles its own CUDA runtime.)`,
            package: 'torch',
            expected: `CUDA ${build.major}.x`,
            actual: result.cudaVersion,
        }, torchPins));
    }
    const minimum = minimumDriver(build.text, matrix.facts.cudaDrivers);
    if (driver !== undefined && minimum !== null && (0,driver_version/* compareDriverVersions */.T)(driver, minimum) < 0) {
        findings.push((0,place/* unplacedFinding */.cr)({
            rule: 'driver-too-old',
            severity: 'error',
            message: `The NVIDIA driver ${driver} is older than ${minimum}, the lowest that runs CUDA ${build.text} builds ` +
                `(${torchLabel(torch)})${build.major >= 11 ? `; torch's wheels bundle their CUDA runtime, which runs on any driver of the CUDA ${build.major} minor-version-compatibility branch except for features that need PTX JIT` : ''}: ` +
                `upgrade the driver, or install a torch build for an older CUDA.`,
            package: 'torch',
            expected: `>=${minimum}`,
            actual: driver,
            source: matrix.facts.sources.cudaDrivers,
        }, (0,place/* relatedOf */.Vs)(torchPins)));
    }
    return findings;
}
function gpuAbsenceReason(result, torch, smiGpuCount, context) {
    if (torch && torch.cuda === null)
        return `${torchLabel(torch)} is a CPU-only build`;
    if (context.gpusPassed === false)
        return 'this runner has no GPU (`nvidia-smi -L` failed), so the container was started without --gpus';
    if (result.nvidiaSmi === null)
        return 'no NVIDIA driver is reachable (nvidia-smi is not on PATH)';
    if (!result.nvidiaSmi.ok)
        return `nvidia-smi failed: ${result.nvidiaSmi.error ?? 'no reason given'}`;
    if (smiGpuCount === 0)
        return 'nvidia-smi lists no GPU';
    if (torch) {
        const why = torch.error ? `: ${torch.error}` : '';
        return `nvidia-smi lists ${smiGpuCount} GPU(s), but torch.cuda.is_available() is False for ${torchLabel(torch)} (CUDA ${torch.cuda})${why}`;
    }
    return 'torch is not installed or could not be imported';
}
/** What the summary says about a run that produced a result. */
function runtimeSummary(result, target) {
    const torch = result.torch?.ok ? result.torch : null;
    const smi = result.nvidiaSmi?.ok ? result.nvidiaSmi.gpus : [];
    const gpus = smi.length > 0 ? smi : (torch?.devices ?? []).map((name) => ({ name, driver: null, memory: null }));
    return {
        status: 'ran',
        target,
        python: result.python.version || null,
        torch: torch?.version ?? null,
        cudaBuild: torch?.cuda ?? null,
        gpus,
    };
}

;// CONCATENATED MODULE: ./lib/src/runtime/probe-result.js
// What probe.py reports, and the reading of its output. The probe runs inside the environment under
// test, which may print anything: its output is validated field by field here, and whatever does not
// have the expected shape is dropped (or makes the whole result unreadable), never trusted.
/** The line prefix that marks the probe's result among whatever else the interpreter printed. */
const PROBE_SENTINEL = 'COMPAT_GUARD_PROBE_RESULT ';
/** The `probe` field of a result this code understands. */
const PROBE_FORMAT = 1;
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function probe_result_text(value) {
    return typeof value === 'string' ? value : null;
}
function probe_result_int(value) {
    return typeof value === 'number' && Number.isInteger(value) ? value : null;
}
function texts(value) {
    return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : [];
}
function readImport(value) {
    if (!isObject(value))
        return null;
    const pkg = probe_result_text(value.package);
    const module = probe_result_text(value.module);
    if (pkg === null || module === null)
        return null;
    return { package: pkg, module, ok: value.ok === true, skipped: value.skipped === true, error: probe_result_text(value.error) };
}
/** How one of the probe's library scripts (torch, jax, CuPy) went. */
function readOutcome(value) {
    return { ok: value.ok === true, skipped: value.skipped === true, error: probe_result_text(value.error) };
}
function readTorch(value) {
    if (!isObject(value))
        return null;
    return {
        ...readOutcome(value),
        version: probe_result_text(value.version),
        cuda: probe_result_text(value.cuda),
        hip: probe_result_text(value.hip),
        available: value.available === true,
        devices: texts(value.devices),
        cudnn: probe_result_int(value.cudnn),
    };
}
function readJax(value) {
    if (!isObject(value))
        return null;
    return { ...readOutcome(value), version: probe_result_text(value.version), backend: probe_result_text(value.backend) };
}
function readCupy(value) {
    if (!isObject(value))
        return null;
    return {
        ...readOutcome(value),
        package: probe_result_text(value.package),
        version: probe_result_text(value.version),
        runtime: probe_result_int(value.runtime),
    };
}
function strings(value) {
    const out = {};
    if (isObject(value)) {
        for (const [key, entry] of Object.entries(value))
            if (typeof entry === 'string')
                out[key] = entry;
    }
    return out;
}
function readNvidiaSmi(value) {
    if (!isObject(value))
        return null;
    const gpus = [];
    for (const gpu of Array.isArray(value.gpus) ? value.gpus : []) {
        if (isObject(gpu) && typeof gpu.name === 'string') {
            gpus.push({ name: gpu.name, driver: probe_result_text(gpu.driver), memory: probe_result_text(gpu.memory) });
        }
    }
    return { ok: value.ok === true, gpus, error: probe_result_text(value.error) };
}
function readPipCheck(value) {
    if (!isObject(value))
        return { ran: false, exitCode: null, lines: [], error: 'the probe reported no pip check' };
    return { ran: value.ran === true, exitCode: probe_result_int(value.exitCode), lines: texts(value.lines), error: probe_result_text(value.error) };
}
/** The result line of the probe's stdout (the last one carrying the sentinel), validated. */
function readProbeOutput(stdout) {
    const at = stdout.lastIndexOf('\n' + PROBE_SENTINEL);
    const start = at >= 0 ? at + 1 : stdout.startsWith(PROBE_SENTINEL) ? 0 : -1;
    if (start < 0)
        return { ok: false, message: 'the probe printed no result' };
    const end = stdout.indexOf('\n', start);
    const line = stdout.slice(start + PROBE_SENTINEL.length, end < 0 ? undefined : end);
    let raw;
    try {
        raw = JSON.parse(line);
    }
    catch {
        return { ok: false, message: 'the probe printed a result that is not JSON' };
    }
    if (!isObject(raw) || raw.probe !== PROBE_FORMAT || !isObject(raw.python)) {
        return { ok: false, message: `the probe's result is not in format ${PROBE_FORMAT}` };
    }
    const installed = new Map();
    if (isObject(raw.installed)) {
        for (const [key, entry] of Object.entries(raw.installed)) {
            if (isObject(entry) && typeof entry.name === 'string' && typeof entry.version === 'string') {
                installed.set(key, { name: entry.name, version: entry.version });
            }
        }
    }
    return {
        ok: true,
        result: {
            python: {
                version: probe_result_text(raw.python.version) ?? '',
                implementation: probe_result_text(raw.python.implementation) ?? '',
                executable: probe_result_text(raw.python.executable) ?? '',
            },
            markers: strings(raw.markers),
            metadataError: probe_result_text(raw.metadataError),
            installed,
            pipCheck: readPipCheck(raw.pipCheck),
            imports: Array.isArray(raw.imports) ? raw.imports.map(readImport).filter((item) => item !== null) : [],
            torch: readTorch(raw.torch),
            nvidiaSmi: readNvidiaSmi(raw.nvidiaSmi),
            jax: readJax(raw.jax),
            cupy: readCupy(raw.cupy),
            cudaVersion: probe_result_text(raw.cudaVersion),
            nvidiaRequire: strings(raw.nvidiaRequire),
            nvidiaDisableRequire: probe_result_text(raw.nvidiaDisableRequire),
        },
    };
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./lib/src/child-environment.js
var child_environment = __webpack_require__(780);
;// CONCATENATED MODULE: ./lib/src/runtime/probe-source.js
// GENERATED by scripts/embed-probe.mjs from src/runtime/probe.py: do not edit.
// Edit probe.py, then run `node scripts/embed-probe.mjs`.
/** The text of probe.py, run with `python -c`. */
const PROBE_SOURCE = "# compat-guard runtime probe: one interpreter start that reports what the environment holds.\n#\n# Usage: python -c <this file's text> BUDGET_SECONDS [DISTRIBUTION ...]\n# Prints one line \"COMPAT_GUARD_PROBE_RESULT <json>\" on stdout (the last such line counts, so that\n# anything a sitecustomize prints cannot be mistaken for the result). On stderr it prints progress\n# lines starting with \"compat-guard probe: \" (one when it starts, then one every few seconds), so\n# that a long run is never silent and a run killed for time says what it was doing.\n#\n# The probe itself imports the standard library only. Everything that may crash or hang (pip check,\n# each import, torch's CUDA initialisation, nvidia-smi) runs in its own child process with a timeout,\n# so one failure cannot hide the others, and the whole run ends inside BUDGET_SECONDS.\n# It must run on every Python an image may hold (3.6 and later): no walrus, no `X | Y` types,\n# no subprocess.run(capture_output=..., text=...).\n\nimport concurrent.futures\nimport json\nimport os\nimport platform\nimport shutil\nimport signal\nimport subprocess\nimport sys\nimport tempfile\nimport threading\nimport time\n\nSENTINEL = \"COMPAT_GUARD_PROBE_RESULT \"\nPROBE_FORMAT = 1\nERROR_CHARS = 500\nOUTPUT_BYTES = 1024 * 1024\nMAX_MODULES_PER_DISTRIBUTION = 8\nIMPORT_TIMEOUT = 60.0\nTORCH_TIMEOUT = 90.0\nPIP_CHECK_TIMEOUT = 60.0\nNVIDIA_SMI_TIMEOUT = 15.0\nPROGRESS_PREFIX = \"compat-guard probe: \"\nPROGRESS_SECONDS = 5.0\n\n# importlib.import_module with the name as an argument: a module name read from a distribution's\n# metadata is never spliced into source code.\nIMPORT_SCRIPT = \"import importlib, sys; importlib.import_module(sys.argv[1])\"\n\nTORCH_SCRIPT = r\"\"\"\nimport json, torch\ninfo = {\"version\": str(getattr(torch, \"__version__\", \"\")), \"cuda\": None, \"hip\": None, \"available\": False,\n        \"devices\": [], \"cudnn\": None, \"error\": None}\nversion = getattr(torch, \"version\", None)\ncuda_build = getattr(version, \"cuda\", None)\ninfo[\"cuda\"] = None if cuda_build is None else str(cuda_build)\nhip_build = getattr(version, \"hip\", None)\ninfo[\"hip\"] = None if hip_build is None else str(hip_build)\ntry:\n    info[\"available\"] = bool(torch.cuda.is_available())\n    if info[\"available\"]:\n        info[\"devices\"] = [str(torch.cuda.get_device_name(i)) for i in range(torch.cuda.device_count())]\nexcept Exception as error:\n    info[\"error\"] = \"%s: %s\" % (type(error).__name__, error)\ntry:\n    cudnn = torch.backends.cudnn.version()\n    info[\"cudnn\"] = None if cudnn is None else int(cudnn)\nexcept Exception:\n    pass\nprint(\"\\n\" + json.dumps(info))\n\"\"\"\n\n# jax.default_backend() is \"gpu\" only when a CUDA plugin is installed and a device is visible.\nJAX_SCRIPT = r\"\"\"\nimport json, jax\ninfo = {\"version\": str(getattr(jax, \"__version__\", \"\")), \"backend\": None, \"error\": None}\ntry:\n    info[\"backend\"] = str(jax.default_backend())\nexcept Exception as error:\n    info[\"error\"] = \"%s: %s\" % (type(error).__name__, error)\nprint(\"\\n\" + json.dumps(info))\n\"\"\"\n\n# The CUDA runtime CuPy loaded, e.g. 12060 for 12.6: it needs no device, only the CUDA libraries.\nCUPY_SCRIPT = r\"\"\"\nimport json, cupy\ninfo = {\"version\": str(getattr(cupy, \"__version__\", \"\")), \"runtime\": None, \"error\": None}\ntry:\n    info[\"runtime\"] = int(cupy.cuda.runtime.runtimeGetVersion())\nexcept Exception as error:\n    info[\"error\"] = \"%s: %s\" % (type(error).__name__, error)\nprint(\"\\n\" + json.dumps(info))\n\"\"\"\n\n\ndef canonical_name(name):\n    # PEP 503, the same as packaging.utils.canonicalize_name, without a regex.\n    out = []\n    previous_separator = False\n    for char in name.lower():\n        if char in \"-_.\":\n            if not previous_separator:\n                out.append(\"-\")\n            previous_separator = True\n        else:\n            out.append(char)\n            previous_separator = False\n    return \"\".join(out)\n\n\ndef clip(text):\n    text = text.strip()\n    return text if len(text) <= ERROR_CHARS else text[: ERROR_CHARS - 3] + \"...\"\n\n\ndef last_line(data):\n    lines = [line for line in data.decode(\"utf-8\", \"replace\").splitlines() if line.strip()]\n    return clip(lines[-1]) if lines else \"\"\n\n\ndef full_version(info):\n    version = \"%d.%d.%d\" % (info.major, info.minor, info.micro)\n    if info.releaselevel != \"final\":\n        version += info.releaselevel[0] + str(info.serial)\n    return version\n\n\ndef marker_environment():\n    # The PEP 508 marker variables, as packaging.markers.default_environment computes them.\n    return {\n        \"implementation_name\": sys.implementation.name,\n        \"implementation_version\": full_version(sys.implementation.version),\n        \"os_name\": os.name,\n        \"platform_machine\": platform.machine(),\n        \"platform_release\": platform.release(),\n        \"platform_system\": platform.system(),\n        \"platform_version\": platform.version(),\n        \"python_full_version\": platform.python_version(),\n        \"platform_python_implementation\": platform.python_implementation(),\n        \"python_version\": \".\".join(platform.python_version_tuple()[:2]),\n        \"sys_platform\": sys.platform,\n    }\n\n\nclass Deadline(object):\n    def __init__(self, seconds):\n        self.end = time.monotonic() + seconds\n\n    def timeout(self, wanted):\n        \"\"\"Seconds a child may take, or None when the budget is spent.\"\"\"\n        left = self.end - time.monotonic()\n        return min(wanted, left) if left > 0.5 else None\n\n\n# Children still running, so that a SIGTERM (the caller's time limit, or `docker stop`) takes them along.\nLIVE = set()\nLIVE_LOCK = threading.Lock()\n\n\ndef kill_group(process):\n    try:\n        if hasattr(os, \"killpg\"):\n            os.killpg(process.pid, signal.SIGKILL)\n        elif process.returncode is None:\n            process.kill()\n    except OSError:\n        pass  # already gone\n\n\ndef read_bounded(stream, tail):\n    stream.seek(0, os.SEEK_END)\n    size = stream.tell()\n    stream.seek(max(0, size - OUTPUT_BYTES) if tail else 0)\n    return stream.read(OUTPUT_BYTES)\n\n\ndef run_child(argv, timeout, capture_stdout=True, env=None):\n    \"\"\"(exit code, stdout bytes, stderr tail bytes, timed out).\n\n    Output goes to files, not pipes: a process the child leaves behind cannot keep the probe waiting\n    for end-of-file. Each child leads its own process group, killed when the child ends or times\n    out, so that nothing it started outlives it.\n    \"\"\"\n    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:\n        process = subprocess.Popen(argv, stdin=subprocess.DEVNULL,\n                                   stdout=out if capture_stdout else subprocess.DEVNULL,\n                                   stderr=err, env=env, start_new_session=True)\n        with LIVE_LOCK:\n            LIVE.add(process)\n        try:\n            process.wait(timeout=timeout)\n            timed_out = False\n        except subprocess.TimeoutExpired:\n            timed_out = True\n        finally:\n            kill_group(process)\n            process.wait()\n            with LIVE_LOCK:\n                LIVE.discard(process)\n        return process.returncode, read_bounded(out, False), read_bounded(err, True), timed_out\n\n\ndef on_terminate(signum, frame):\n    with LIVE_LOCK:\n        processes = list(LIVE)\n    for process in processes:\n        kill_group(process)\n    os._exit(128 + signum)\n\n\ndef failure_text(code, err, timed_out, timeout):\n    if timed_out:\n        return \"timed out after %d s\" % round(timeout)\n    reason = last_line(err)\n    if code is not None and code < 0:\n        try:\n            name = signal.Signals(-code).name\n        except ValueError:\n            name = \"signal %d\" % -code\n        return clip(\"killed by %s%s\" % (name, (\": \" + reason) if reason else \"\"))\n    return reason or \"exited with status %s\" % code\n\n\ndef load_distributions():\n    \"\"\"canonical name -> (name, version, Distribution); the first on sys.path wins, as for imports.\"\"\"\n    try:\n        import importlib.metadata as metadata\n    except ImportError:\n        try:\n            import importlib_metadata as metadata\n        except ImportError:\n            return None, \"importlib.metadata is not available (Python %s)\" % platform.python_version()\n    found = {}\n    for dist in metadata.distributions():\n        try:\n            fields = dist.metadata  # parsed afresh on every access: read it once\n            name, version = fields[\"Name\"], fields[\"Version\"]\n        except Exception:\n            continue\n        key = canonical_name(str(name or \"\"))\n        if key and key not in found:\n            found[key] = (str(name), str(version), dist)\n    return found, None\n\n\ndef is_module_name(name):\n    return all(part.isidentifier() for part in name.split(\".\"))\n\n\ndef top_level_modules(dist):\n    \"\"\"The importable top-level names a distribution provides: top_level.txt, else RECORD.\"\"\"\n    names = []\n    try:\n        text = dist.read_text(\"top_level.txt\")\n    except Exception:\n        text = None\n    if text:\n        names = [line.strip().replace(\"/\", \".\") for line in text.splitlines() if line.strip()]\n    else:\n        try:\n            files = dist.files or []\n        except Exception:\n            files = []\n        for path in files:\n            parts = str(path).replace(\"\\\\\", \"/\").split(\"/\")\n            head = parts[0]\n            if len(parts) == 2 and parts[1] == \"__init__.py\":\n                names.append(head)\n            elif len(parts) == 1 and (head.endswith(\".py\") or head.endswith(\".so\") or head.endswith(\".pyd\")):\n                names.append(head.split(\".\", 1)[0])\n    unique = []\n    for name in names:\n        if is_module_name(name) and name not in unique:\n            unique.append(name)\n    # Private helpers (_cffi_backend, _distutils_hack) are imported through the public names.\n    public = [name for name in unique if not name.startswith(\"_\")]\n    return (public or unique)[:MAX_MODULES_PER_DISTRIBUTION]\n\n\ndef check_import(deadline, module):\n    timeout = deadline.timeout(IMPORT_TIMEOUT)\n    if timeout is None:\n        return {\"ok\": False, \"skipped\": True, \"error\": \"not tried: the probe's time budget was spent\"}\n    code, _, err, timed_out = run_child([sys.executable, \"-c\", IMPORT_SCRIPT, module], timeout,\n                                        capture_stdout=False)\n    if code == 0 and not timed_out:\n        return {\"ok\": True, \"skipped\": False, \"error\": None}\n    return {\"ok\": False, \"skipped\": False, \"error\": failure_text(code, err, timed_out, timeout)}\n\n\ndef probe_library(deadline, script, wanted_timeout):\n    \"\"\"Runs one of the scripts above: its JSON facts with ok/skipped, or why it could not run.\"\"\"\n    timeout = deadline.timeout(wanted_timeout)\n    if timeout is None:\n        return {\"ok\": False, \"skipped\": True, \"error\": \"not tried: the probe's time budget was spent\"}\n    code, out, err, timed_out = run_child([sys.executable, \"-c\", script], timeout)\n    if code == 0 and not timed_out:\n        lines = out.decode(\"utf-8\", \"replace\").strip().splitlines()\n        try:\n            info = json.loads(lines[-1])\n        except (ValueError, IndexError):\n            return {\"ok\": False, \"skipped\": False, \"error\": \"the probe's script printed no result\"}\n        info.update({\"ok\": True, \"skipped\": False})\n        return info\n    return {\"ok\": False, \"skipped\": False, \"error\": failure_text(code, err, timed_out, timeout)}\n\n\ndef pip_check(deadline):\n    timeout = deadline.timeout(PIP_CHECK_TIMEOUT)\n    if timeout is None:\n        return {\"ran\": False, \"exitCode\": None, \"lines\": [], \"error\": \"not run: the probe's time budget was spent\"}\n    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK=\"1\", PIP_NO_INPUT=\"1\", PIP_NO_COLOR=\"1\")\n    code, out, err, timed_out = run_child([sys.executable, \"-m\", \"pip\", \"check\"], timeout, env=env)\n    if timed_out:\n        return {\"ran\": False, \"exitCode\": None, \"lines\": [], \"error\": failure_text(code, err, True, timeout)}\n    lines = [clip(line) for line in out.decode(\"utf-8\", \"replace\").splitlines() if line.strip()]\n    if code not in (0, 1) or (code == 1 and not lines):\n        return {\"ran\": False, \"exitCode\": code, \"lines\": lines, \"error\": failure_text(code, err, False, timeout)}\n    return {\"ran\": True, \"exitCode\": code, \"lines\": lines[:1000], \"error\": None}\n\n\ndef nvidia_smi(deadline):\n    executable = shutil.which(\"nvidia-smi\")\n    if executable is None:\n        return None\n    timeout = deadline.timeout(NVIDIA_SMI_TIMEOUT)\n    if timeout is None:\n        return {\"ok\": False, \"gpus\": [], \"error\": \"not run: the probe's time budget was spent\"}\n    code, out, err, timed_out = run_child(\n        [executable, \"--query-gpu=driver_version,name,memory.total\", \"--format=csv,noheader\"], timeout)\n    if code != 0 or timed_out:\n        return {\"ok\": False, \"gpus\": [], \"error\": failure_text(code, err or out, timed_out, timeout)}\n    gpus = []\n    for line in out.decode(\"utf-8\", \"replace\").splitlines():\n        fields = [field.strip() for field in line.split(\",\")]\n        if len(fields) >= 3:\n            gpus.append({\"driver\": fields[0], \"name\": \", \".join(fields[1:-1]), \"memory\": fields[-1]})\n    return {\"ok\": True, \"gpus\": gpus[:64], \"error\": None}\n\n\nclass Progress(object):\n    \"\"\"Counts the checks as they end and prints, every few seconds, how far the probe is.\"\"\"\n\n    def __init__(self):\n        self.total = 0\n        self.done = 0\n        self.running = {}  # name -> start time\n        self.lock = threading.Lock()\n        self.started = time.monotonic()\n        self.stopped = threading.Event()\n\n    def wrap(self, name, function, *args):\n        \"\"\"The function as a task that counts toward the total; called before the task is submitted.\"\"\"\n        self.total += 1\n\n        def run():\n            with self.lock:\n                self.running[name] = time.monotonic()\n            try:\n                return function(*args)\n            finally:\n                with self.lock:\n                    self.running.pop(name, None)\n                    self.done += 1\n        return run\n\n    def line(self):\n        with self.lock:\n            now = time.monotonic()\n            running = sorted(self.running.items(), key=lambda item: item[1])\n            names = \", \".join(\"%s (%d s)\" % (name, now - since) for name, since in running[:4])\n            more = \" and %d more\" % (len(running) - 4) if len(running) > 4 else \"\"\n            text = \"%d of %d checks done after %d s\" % (self.done, self.total, now - self.started)\n        return text + (\"; running: \" + names + more if names else \"\")\n\n    def report_until_stopped(self):\n        while not self.stopped.wait(PROGRESS_SECONDS):\n            say(self.line())\n\n\ndef say(text):\n    try:\n        sys.stderr.write(PROGRESS_PREFIX + text + \"\\n\")\n        sys.stderr.flush()\n    except (OSError, ValueError):\n        pass  # nobody is reading stderr: progress is a courtesy\n\n\ndef container_requirements():\n    \"\"\"The NVIDIA_REQUIRE_* variables the NVIDIA container toolkit checks at container start.\"\"\"\n    return dict((name, value) for name, value in os.environ.items()\n                if name.startswith(\"NVIDIA_REQUIRE_\") and not name.startswith(\"NVIDIA_REQUIRE_JETPACK\"))\n\n\ndef main(argv):\n    signal.signal(signal.SIGTERM, on_terminate)\n    try:\n        budget = float(argv[1])\n    except (IndexError, ValueError):\n        budget = 100.0\n    wanted = []\n    for name in argv[2:]:\n        key = canonical_name(name)\n        if key not in wanted:\n            wanted.append(key)\n    deadline = Deadline(budget)\n    distributions, metadata_error = load_distributions()\n    distributions = distributions or {}\n\n    installed = dict((key, {\"name\": name, \"version\": version})\n                     for key, (name, version, _) in distributions.items())\n    modules = []  # (distribution key, module)\n    for key in wanted:\n        if key in distributions:\n            modules.extend((key, module) for module in top_level_modules(distributions[key][2]))\n\n    cupy_key = next((key for key in sorted(distributions) if key == \"cupy\" or key.startswith(\"cupy-cuda\")), None)\n    progress = Progress()\n    workers = max(2, min(8, os.cpu_count() or 2))\n    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:\n        pip_future = pool.submit(progress.wrap(\"pip check\", pip_check, deadline))\n        smi_future = pool.submit(progress.wrap(\"nvidia-smi\", nvidia_smi, deadline))\n        # The torch probe imports torch, so it doubles as the import check of the module `torch`.\n        torch_future = None\n        if \"torch\" in distributions:\n            torch_future = pool.submit(progress.wrap(\"torch\", probe_library, deadline, TORCH_SCRIPT, TORCH_TIMEOUT))\n        jax_future = None\n        if \"jax\" in distributions:\n            jax_future = pool.submit(progress.wrap(\"jax backend\", probe_library, deadline, JAX_SCRIPT, IMPORT_TIMEOUT))\n        cupy_future = None\n        if cupy_key is not None:\n            cupy_future = pool.submit(progress.wrap(\"cupy runtime\", probe_library, deadline, CUPY_SCRIPT, IMPORT_TIMEOUT))\n        import_futures = {}\n        for _, module in modules:\n            if module not in import_futures and not (module == \"torch\" and torch_future is not None):\n                import_futures[module] = pool.submit(progress.wrap(\"import \" + module, check_import, deadline, module))\n        say(\"started in Python %s (%s); %d checks to run\" % (platform.python_version(), sys.executable, progress.total))\n        reporter = threading.Thread(target=progress.report_until_stopped)\n        reporter.daemon = True\n        reporter.start()\n        torch_info = torch_future.result() if torch_future is not None else None\n        imports = []\n        for key, module in modules:\n            if module in import_futures:\n                outcome = dict(import_futures[module].result())\n            else:\n                outcome = {\"ok\": torch_info[\"ok\"], \"skipped\": torch_info[\"skipped\"],\n                           \"error\": None if torch_info[\"ok\"] else torch_info[\"error\"]}\n            outcome.update({\"package\": key, \"module\": module})\n            imports.append(outcome)\n        cupy_info = cupy_future.result() if cupy_future is not None else None\n        if cupy_info is not None:\n            cupy_info[\"package\"] = cupy_key\n        result = {\n            \"probe\": PROBE_FORMAT,\n            \"python\": {\n                \"version\": platform.python_version(),\n                \"implementation\": platform.python_implementation(),\n                \"executable\": sys.executable,\n            },\n            \"markers\": marker_environment(),\n            \"metadataError\": metadata_error,\n            \"installed\": installed,\n            \"pipCheck\": pip_future.result(),\n            \"imports\": imports,\n            \"torch\": torch_info,\n            \"nvidiaSmi\": smi_future.result(),\n            \"jax\": jax_future.result() if jax_future is not None else None,\n            \"cupy\": cupy_info,\n            \"cudaVersion\": os.environ.get(\"CUDA_VERSION\") or None,\n            \"nvidiaRequire\": container_requirements(),\n            \"nvidiaDisableRequire\": os.environ.get(\"NVIDIA_DISABLE_REQUIRE\"),\n        }\n    progress.stopped.set()\n    say(progress.line())\n    sys.stdout.write(\"\\n\" + SENTINEL + json.dumps(result, sort_keys=True) + \"\\n\")\n    sys.stdout.flush()\n\n\nmain(sys.argv)\n";

;// CONCATENATED MODULE: ./lib/src/runtime/probe-run.js
// The shell of the runtime check: the child processes. Every child is started from an argument
// array (never through a shell), with an environment stripped of credentials, a time limit after
// which its whole process group is killed, and bounded output.







const SILENT_LOG = { line: () => undefined, startGroup: () => undefined, endGroup: () => undefined };
/** What the probe prints on stderr before each progress line (probe.py's PROGRESS_PREFIX). */
const PROGRESS_PREFIX = 'compat-guard probe: ';
/** More lines of docker pull than this are not logged (a huge image has hundreds of layers). */
const MAX_LOGGED_LINES = 1000;
const DEFAULT_TIMEOUT_MS = 120_000;
const STDOUT_LIMIT = 16 * 1024 * 1024;
const STDERR_LIMIT = 64 * 1024;
/** Between SIGTERM and SIGKILL. */
const KILL_GRACE_MS = 3_000;
const GPU_DETECT_TIMEOUT_MS = 15_000;
/** The command line that runs the probe with its arguments at the target. */
function probeCommand(target, probeArgs) {
    if (target.kind === 'python') {
        // The probe runs in a neutral folder (runProbe): a relative interpreter path means this process's folder.
        const command = target.python.includes('/') ? (0,external_node_path_.resolve)(target.python) : target.python;
        return { command, args: ['-c', PROBE_SOURCE, ...probeArgs] };
    }
    return {
        command: 'docker',
        args: [
            'run',
            '--rm',
            ...(target.gpus ? ['--gpus', 'all'] : []),
            '--entrypoint',
            target.python,
            target.image,
            '-c',
            PROBE_SOURCE,
            ...probeArgs,
        ],
    };
}
/** Kills the child's whole process group: the probe's own children (pip, imports) die with it. */
function killGroup(pid, signal) {
    if (pid === undefined)
        return;
    try {
        process.kill(-pid, signal);
    }
    catch {
        // Already gone.
    }
}
/** Calls `onLine` with each complete line of a stream, as the chunks come. */
function lineSplitter(onLine) {
    let pending = '';
    return {
        push(chunk) {
            pending += chunk;
            let end = pending.indexOf('\n');
            while (end >= 0) {
                onLine(pending.slice(0, end).replace(/\r$/, ''));
                pending = pending.slice(end + 1);
                end = pending.indexOf('\n');
            }
            // A line longer than this is not progress worth waiting for.
            if (pending.length > STDERR_LIMIT)
                pending = '';
        },
        end() {
            if (pending !== '')
                onLine(pending);
            pending = '';
        },
    };
}
/** Runs one command to its end, its time limit or its output limit, whichever comes first. */
function runChild(command, args, options) {
    return new Promise((resolve) => {
        let stdout = '';
        let stderr = '';
        let timedOut = false;
        let overflowed = false;
        let spawnError = null;
        const child = (0,external_node_child_process_.spawn)(command, args, {
            cwd: options.cwd,
            env: (0,child_environment/* childEnvironment */.Q)(process.env),
            shell: false,
            detached: true,
            stdio: ['ignore', 'pipe', 'pipe'],
            windowsHide: true,
        });
        let killTimer;
        const stop = () => {
            if (killTimer !== undefined)
                return;
            killGroup(child.pid, 'SIGTERM');
            killTimer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS);
            killTimer.unref();
        };
        const timer = setTimeout(() => {
            timedOut = true;
            stop();
        }, options.timeoutMs);
        child.stdout.setEncoding('utf8');
        child.stderr.setEncoding('utf8');
        const stdoutLines = options.onStdoutLine ? lineSplitter(options.onStdoutLine) : null;
        const stderrLines = options.onStderrLine ? lineSplitter(options.onStderrLine) : null;
        child.stdout.on('data', (chunk) => {
            if (overflowed)
                return;
            stdoutLines?.push(chunk);
            stdout += chunk;
            if (stdout.length > STDOUT_LIMIT) {
                overflowed = true;
                stdout = stdout.slice(0, STDOUT_LIMIT);
                stop();
            }
        });
        child.stderr.on('data', (chunk) => {
            stderrLines?.push(chunk);
            stderr += chunk;
            if (stderr.length > 2 * STDERR_LIMIT)
                stderr = stderr.slice(-STDERR_LIMIT);
        });
        child.on('error', (error) => {
            spawnError = error;
        });
        child.on('close', (exitCode, signal) => {
            stdoutLines?.end();
            stderrLines?.end();
            clearTimeout(timer);
            if (killTimer !== undefined)
                clearTimeout(killTimer);
            resolve({ exitCode, signal, stdout, stderr: stderr.slice(-STDERR_LIMIT), timedOut, overflowed, spawnError });
        });
    });
}
/** Whether this runner has an NVIDIA GPU: `nvidia-smi -L` runs and lists one. */
async function runnerHasGpu() {
    const outcome = await runChild('nvidia-smi', ['-L'], { timeoutMs: GPU_DETECT_TIMEOUT_MS });
    return outcome.exitCode === 0 && /^GPU \d+:/m.test(outcome.stdout);
}
/** This runner's NVIDIA driver (the oldest of its GPUs'), or null when nvidia-smi cannot say. */
async function runnerDriver() {
    const outcome = await runChild('nvidia-smi', ['--query-gpu=driver_version', '--format=csv,noheader'], {
        timeoutMs: GPU_DETECT_TIMEOUT_MS,
    });
    if (outcome.exitCode !== 0)
        return null;
    const drivers = outcome.stdout
        .split('\n')
        .map((line) => (line.split(',')[0] ?? '').trim())
        .filter((driver) => /^\d+(?:\.\d+)*$/.test(driver));
    return drivers.sort(driver_version/* compareDriverVersions */.T)[0] ?? null;
}
/** The last non-empty line of a child's error output. */
function lastLine(output) {
    const lines = output
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '');
    return lines[lines.length - 1] ?? '';
}
/** Why a run produced no usable output, in words, or null when it ran to its end. */
function childFailure(command, outcome, timeoutMs, during = '') {
    if (outcome.spawnError !== null) {
        if (outcome.spawnError.code !== 'ENOENT')
            return `${command} could not be started: ${outcome.spawnError.message}`;
        const executable = outcome.spawnError.path ?? command;
        return `${executable} was not found${executable.includes('/') ? '' : ' on PATH'}`;
    }
    if (outcome.timedOut)
        return `${command} did not finish within ${Math.round(timeoutMs / 1000)} s and was killed${during ? ` ${during}` : ''}`;
    if (outcome.overflowed)
        return `${command} printed more than ${STDOUT_LIMIT / 1024 / 1024} MiB and was killed`;
    if (outcome.exitCode === 0)
        return null;
    const reason = lastLine(outcome.stderr);
    const status = outcome.signal !== null ? `was killed by ${outcome.signal}` : `exited with status ${outcome.exitCode}`;
    return `${command} ${status}${reason ? `: ${reason}` : ''}`;
}
/** True when docker could not find the container's entrypoint executable in the image. */
function entrypointMissing(outcome) {
    return outcome.exitCode === 127 && /executable file not found|no such file or directory/i.test(outcome.stderr);
}
function seconds(fromMs, toMs) {
    return Math.round((toMs - fromMs) / 100) / 10;
}
/** The log lines of one child, at most MAX_LOGGED_LINES, the last one kept for a timeout's message. */
function logLines(log) {
    let count = 0;
    let last = '';
    return {
        line(text) {
            if (text.trim() === '')
                return;
            last = text.trim();
            count += 1;
            if (count <= MAX_LOGGED_LINES)
                log.line(text);
            else if (count === MAX_LOGGED_LINES + 1)
                log.line(`(more than ${MAX_LOGGED_LINES} lines: the rest is not shown)`);
        },
        last: () => last,
    };
}
/**
 * Runs the probe at the target. With an image and no interpreter named, `python` is tried first and
 * `python3` when the image has no `python` (Debian and Ubuntu images without python-is-python3).
 * The probe's progress lines go to the log; the time until the first one is the start phase (the
 * container or interpreter starting), the rest is the probe's.
 */
async function runProbe(target, probeArgs, options) {
    const log = options.log ?? SILENT_LOG;
    const { command, args } = probeCommand(target, probeArgs);
    const what = target.kind === 'python' ? target.python : `docker run ${target.image}`;
    // A host interpreter runs in a neutral folder: `-c` puts the working directory first on sys.path,
    // and the checked-out repository must not shadow the modules under test (or the probe's own).
    const cwd = target.kind === 'python' ? (0,external_node_os_.tmpdir)() : undefined;
    const startedAt = Date.now();
    let firstWordAt = null;
    const progress = logLines(log);
    log.startGroup(`runtime check: probe in ${what}`);
    log.line(target.kind === 'image' ? `starting a container of ${target.image} (${target.python})` : `starting ${target.python}`);
    const outcome = await runChild(command, args, {
        timeoutMs: options.timeoutMs,
        cwd,
        onStderrLine: (line) => {
            if (!line.startsWith(PROGRESS_PREFIX))
                return;
            firstWordAt ??= Date.now();
            progress.line(line.slice(PROGRESS_PREFIX.length));
        },
    });
    const endedAt = Date.now();
    log.endGroup();
    const phases = [
        { name: target.kind === 'image' ? 'container start' : 'interpreter start', seconds: seconds(startedAt, firstWordAt ?? endedAt) },
    ];
    if (firstWordAt !== null)
        phases.push({ name: 'probe', seconds: seconds(firstWordAt, endedAt) });
    if (target.kind === 'image' && options.fallbackPython !== undefined && entrypointMissing(outcome)) {
        return runProbe({ ...target, python: options.fallbackPython }, probeArgs, { timeoutMs: options.timeoutMs, log });
    }
    const during = firstWordAt === null
        ? `while ${target.kind === 'image' ? 'the container' : 'the interpreter'} was starting (the probe had not said a word yet)`
        : `while probing (${progress.last()})`;
    const failure = childFailure(what, outcome, options.timeoutMs, during);
    if (failure !== null) {
        const hint = target.kind === 'image' && /could not select device driver/i.test(outcome.stderr)
            ? ' (is the NVIDIA Container Toolkit installed and configured for docker on this runner?)'
            : '';
        return { ok: false, reason: failure + hint, refused: target.kind === 'image' ? (0,container_require/* refusedCondition */.yw)(outcome.stderr) : null, phases };
    }
    return { ok: true, stdout: outcome.stdout, phases };
}
/** Pulling a large CUDA image takes minutes: it gets its own limit, apart from the probe's. */
const PULL_TIMEOUT_MS = 15 * 60_000;
const INSPECT_TIMEOUT_MS = 30_000;
/**
 * Makes sure the image is present locally (pulling it when not), so that the probe's time limit is
 * the probe's. docker pull's lines go to the log as they come, in a group of their own.
 */
async function ensureImage(image, log = SILENT_LOG) {
    const inspected = await runChild('docker', ['image', 'inspect', '--format', '{{.Id}}', image], { timeoutMs: INSPECT_TIMEOUT_MS });
    if (inspected.exitCode === 0)
        return { ok: true, phases: [] };
    if (inspected.spawnError !== null)
        return { ok: false, reason: childFailure('docker', inspected, INSPECT_TIMEOUT_MS) ?? '', phases: [] };
    const startedAt = Date.now();
    const lines = logLines(log);
    log.startGroup(`runtime check: docker pull ${image}`);
    const pulled = await runChild('docker', ['pull', image], {
        timeoutMs: PULL_TIMEOUT_MS,
        onStdoutLine: lines.line,
        onStderrLine: lines.line,
    });
    log.endGroup();
    const phases = [{ name: 'image pull', seconds: seconds(startedAt, Date.now()) }];
    const during = lines.last() ? `while pulling (last: ${lines.last()})` : 'while pulling (docker had printed nothing yet)';
    const failure = childFailure(`docker pull ${image}`, pulled, PULL_TIMEOUT_MS, during);
    return failure === null ? { ok: true, phases } : { ok: false, reason: failure, phases };
}

;// CONCATENATED MODULE: ./lib/src/runtime/index.js
// The runtime check: run the probe in the environment the files describe (an interpreter on this
// runner, or a container image), and turn what it saw into findings. The shell (child processes) is
// probe-run.ts; the judging is probe-findings.ts.





/** Why the check did not run code that may come from a fork, and how to make it. */
function untrustedRefusal(untrusted) {
    return `refused: it would run ${untrusted} on this runner (set allow-untrusted: true to run it anyway)`;
}
/** Import checks start one interpreter each: more pinned packages than this are not import-checked. */
const MAX_PROBED_PACKAGES = 1000;
/**
 * The packages whose modules the probe imports: every package a requirement installs (constraints
 * only limit versions), in file order.
 */
function probedPackages(parse) {
    const keys = new Set();
    for (const file of parse.files) {
        for (const requirement of file.requirements)
            if (!requirement.constraint)
                keys.add(requirement.key);
    }
    return [...keys];
}
/**
 * The probe's own budget: it stops starting children when it is spent, so that it reports what it
 * has before the outer limit kills it (interpreter start and container start fit in the rest).
 */
function probeBudgetSeconds(timeoutMs) {
    return Math.max(1, Math.floor((timeoutMs * 0.8) / 1000) - 2);
}
function failure(reason, target, phases) {
    const message = `The runtime check could not run against ${target}: ${reason}.`;
    return {
        findings: [(0,place/* unplacedFinding */.cr)({ rule: 'runtime-error', severity: 'error', message, package: null })],
        summary: { status: 'skipped', reason, target, ...(phases.length > 0 ? { phases } : {}) },
    };
}
async function runRuntimeCheck(parse, matrix, profile, options) {
    // An action input left empty arrives as "".
    const image = options.image || null;
    const python = options.python || null;
    const target = image ? `image ${image}` : (python ?? 'python3');
    if (options.untrusted !== null && !options.allowUntrusted) {
        return { findings: [], summary: { status: 'skipped', reason: untrustedRefusal(options.untrusted), target } };
    }
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const packages = probedPackages(parse);
    const probeArgs = [String(probeBudgetSeconds(timeoutMs)), ...packages.slice(0, MAX_PROBED_PACKAGES)];
    const log = options.log ?? SILENT_LOG;
    const phases = [];
    let probeTarget;
    if (image) {
        const present = await ensureImage(image, log);
        phases.push(...present.phases);
        if (!present.ok)
            return failure(present.reason, target, phases);
        probeTarget = { kind: 'image', image, python: python ?? 'python', gpus: await runnerHasGpu() };
    }
    else {
        probeTarget = { kind: 'python', python: python ?? 'python3' };
    }
    const run = await runProbe(probeTarget, probeArgs, {
        timeoutMs,
        log,
        ...(image && python === null ? { fallbackPython: 'python3' } : {}),
    });
    phases.push(...run.phases);
    if (!run.ok) {
        const skipped = failure(run.reason, target, phases);
        // The container toolkit refused the image for this runner's driver: that is the finding, not a broken check.
        if (image && run.refused !== null)
            skipped.findings = [(0,container_require/* refusedStartFinding */.O9)(image, run.refused, await runnerDriver(), matrix)];
        return skipped;
    }
    const reading = readProbeOutput(run.stdout);
    if (!reading.ok)
        return failure(reading.message, target, phases);
    const findings = runtimeFindings(reading.result, parse, matrix, profile, {
        requireGpu: options.requireGpu,
        target,
        ...(probeTarget.kind === 'image' ? { gpusPassed: probeTarget.gpus } : {}),
    });
    if (packages.length > MAX_PROBED_PACKAGES) {
        const message = `Only the first ${MAX_PROBED_PACKAGES} of ${packages.length} pinned packages were import-checked.`;
        findings.push((0,place/* unplacedFinding */.cr)({ rule: 'runtime-error', severity: 'warning', message, package: null }));
    }
    // The probe's result too: --record-profile writes what it saw (record-profile.ts).
    return { findings, summary: { ...runtimeSummary(reading.result, target), phases }, probe: reading.result };
}


/***/ }),

/***/ 8346:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Vs: () => (/* binding */ relatedOf),
/* harmony export */   cr: () => (/* binding */ unplacedFinding),
/* harmony export */   yK: () => (/* binding */ runtimeFinding)
/* harmony export */ });
/* harmony import */ var _check_finding_builder_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8266);
// Where a runtime finding goes: on the line of the pin that installed the package, with the package's
// other pins related, or on no line (the runner, the driver) pointing at the pins it concerns.

/** At most this many other pins of the same package ride along as related locations. */
const MAX_RELATED = 10;
/** A runtime finding on the first pin's line, the package's other pins related; on no line without pins. */
function runtimeFinding(draft, pins) {
    const [first, ...others] = pins ?? [];
    if (first === undefined)
        return unplacedFinding(draft);
    const finding = (0,_check_finding_builder_js__WEBPACK_IMPORTED_MODULE_0__/* .makeFinding */ .MH)({ ...draft, at: pinPlace(first), related: others.slice(0, MAX_RELATED).map(pinPlace) });
    finding.origin = 'runtime';
    return finding;
}
function pinPlace(pin) {
    return { file: pin.file, span: pin.requirement };
}
function relatedOf(pins) {
    return (pins ?? []).slice(0, MAX_RELATED).map(({ file, requirement }) => ({
        file,
        line: requirement.line,
        column: requirement.column,
        endLine: requirement.endLine,
        endColumn: requirement.endColumn,
    }));
}
/** Findings on no line (the runner, the driver), pointing at the pins they concern. */
function unplacedFinding(draft, related = []) {
    const finding = { ...draft, file: null, line: null, column: null, endLine: null, endColumn: null, origin: 'runtime' };
    if (related.length > 0)
        finding.related = related;
    return finding;
}


/***/ })

};
