export const id = 906;
export const ids = [906];
export const modules = {

/***/ 8906:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runResolver: () => (/* binding */ runResolver)
});

// EXTERNAL MODULE: ./lib/src/check/index.js + 32 modules
var check = __webpack_require__(4450);
// EXTERNAL MODULE: ./lib/src/check/resolve-verdict.js + 3 modules
var resolve_verdict = __webpack_require__(4851);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./lib/src/index/url.js
var index_url = __webpack_require__(576);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./lib/src/child-environment.js
var child_environment = __webpack_require__(780);
// EXTERNAL MODULE: ./lib/src/model.js
var model = __webpack_require__(4887);
;// CONCATENATED MODULE: ./lib/src/resolve/pip.js
// Runs pip's resolver for one step of an install set: `python -m pip install --dry-run --report`
// for the set's target, wheels only, never a shell, never a build backend (`--only-binary=:all:`
// makes pip refuse every sdist rather than run its setup.py), with an environment that holds no
// token, no action input and no pip setting of this machine (every setting pip reads is ours).







/** pip settings of this machine that may stay: how it reaches the network, not what it installs. */
const KEPT_PIP_VARIABLES = new Set(['PIP_CERT', 'PIP_CLIENT_CERT', 'PIP_PROXY', 'PIP_DEFAULT_TIMEOUT']);
/** What pip prints when an index did not answer (so "no version found" proves nothing). */
const NETWORK_TROUBLE = /Retrying \(Retry\(|NewConnectionError|ConnectTimeoutError|ReadTimeoutError|Could not fetch URL|SSLError|ProxyError|Max retries exceeded/;
const VERDICT = /ResolutionImpossible|No matching distribution found for/;
/** The environment pip runs in: no credentials, no INPUT_*, no PIP_* or UV_* setting but the network ones, no config file. */
function pipEnvironment(env) {
    const kept = (0,child_environment/* childEnvironment */.Q)(env);
    for (const name of Object.keys(kept)) {
        const upper = name.toUpperCase();
        if ((upper.startsWith('PIP_') && !KEPT_PIP_VARIABLES.has(upper)) ||
            upper.startsWith('UV_') ||
            upper === 'PYTHONPATH' ||
            upper === 'PYTHONHOME')
            delete kept[name];
    }
    return { ...kept, PIP_CONFIG_FILE: external_node_os_.devNull, PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1' };
}
/** pip's version (`23.2.1`), or why there is none. */
async function pipVersion(options) {
    const run = await execute(options.python, ['-m', 'pip', '--version'], options.env, 30_000);
    if (run.error)
        return { ok: false, reason: run.error };
    const version = /^pip (\d+(?:\.\d+)*)/.exec(run.stdout.trim())?.[1];
    return version
        ? { ok: true, version }
        : { ok: false, reason: `\`${options.python} -m pip --version\` printed no version (${firstLine(run.stdout + run.stderr)})` };
}
/** pip 22.2 added `--dry-run` with `--report`. */
function pipIsRecentEnough(version) {
    const [major = 0, minor = 0] = version.split('.').map(Number);
    return major > 22 || (major === 22 && minor >= 2);
}
/** pip's argument list for one step (files in `dir`): no shell ever reads it. */
function pipArguments(job, dir, cacheDir, indexes, verbose) {
    const args = [
        '-m',
        'pip',
        'install',
        '--dry-run',
        '--ignore-installed',
        verbose ? '-vv' : '--progress-bar=off',
        // pip takes --platform and --python-version only for a --target install; nothing is written there.
        '--target',
        external_node_path_.join(dir, 'target'),
        '--report',
        external_node_path_.join(dir, 'report.json'),
        '--python-version',
        job.python,
        '--implementation',
        'cp',
        '--only-binary=:all:',
        '--retries',
        '1',
        '--timeout',
        '15',
    ];
    for (const platform of job.platforms)
        args.push('--platform', platform);
    args.push(...(cacheDir ? ['--cache-dir', cacheDir] : ['--no-cache-dir']));
    let first = true;
    for (const index of indexes) {
        if (index.kind === 'find-links')
            args.push('--find-links', index.url);
        else {
            args.push(first ? '--index-url' : '--extra-index-url', index.url);
            first = false;
        }
    }
    if (first)
        args.push('--no-index');
    args.push('-r', external_node_path_.join(dir, 'requirements.txt'), '-c', external_node_path_.join(dir, 'constraints.txt'));
    return args;
}
async function runPipStep(job, step, indexes, options) {
    const dir = await promises_.mkdtemp(external_node_path_.join(external_node_os_.tmpdir(), 'compat-guard-resolve-'));
    try {
        await promises_.writeFile(external_node_path_.join(dir, 'requirements.txt'), step.requirements.map((line) => `${line.text}\n`).join(''));
        await promises_.writeFile(external_node_path_.join(dir, 'constraints.txt'), step.constraints.map((line) => `${line.text}\n`).join(''));
        const run = await execute(options.python, pipArguments(job, dir, options.cacheDir, indexes, false), options.env, options.timeoutMs);
        if (run.error)
            return { status: 'fault', reason: run.error };
        const output = `${run.stdout}\n${run.stderr}`;
        if (run.code === 0)
            return readReport(external_node_path_.join(dir, 'report.json'));
        if (NETWORK_TROUBLE.test(output))
            return { status: 'fault', network: true, reason: `a package index did not answer pip (${networkCause(output)})` };
        if (!VERDICT.test(output))
            return { status: 'fault', reason: `pip failed: ${lastLines(output)}` };
        if (!/No matching distribution found for/.test(output))
            return { status: 'failed', output };
        // Why no file fits is only in pip's debug log ("No sources permitted for x"): asked again, verbosely.
        const verbose = await execute(options.python, pipArguments(job, dir, options.cacheDir, indexes, true), options.env, options.timeoutMs);
        return { status: 'failed', output: verbose.error ? output : `${verbose.stdout}\n${verbose.stderr}` };
    }
    finally {
        await promises_.rm(dir, { recursive: true, force: true });
    }
}
async function readReport(file) {
    try {
        const report = JSON.parse(await promises_.readFile(file, 'utf8'));
        const installs = (report.install ?? []).flatMap((entry) => {
            const { name, version } = entry.metadata ?? {};
            if (!name || !version)
                return [];
            return [
                { key: (0,model/* canonicalName */.Ew)(name), version, requested: entry.requested === true, requiresDist: entry.metadata?.requires_dist ?? [] },
            ];
        });
        return { status: 'resolved', installs };
    }
    catch (error) {
        return { status: 'fault', reason: `pip's report could not be read (${error.message})` };
    }
}
function execute(command, args, env, timeoutMs) {
    return new Promise((resolve) => {
        (0,external_node_child_process_.execFile)(command, args, { env, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024, encoding: 'utf8', windowsHide: true }, (error, stdout, stderr) => {
            if (!error)
                return resolve({ code: 0, stdout, stderr });
            const failure = error;
            if (failure.code === 'ENOENT')
                return resolve({ code: -1, stdout, stderr, error: `${command} was not found` });
            if (failure.killed)
                return resolve({ code: -1, stdout, stderr, error: `pip took longer than ${Math.round(timeoutMs / 1000)} s` });
            if (typeof failure.code !== 'number')
                return resolve({ code: -1, stdout, stderr, error: `${command} could not run (${failure.message})` });
            if (/No module named pip/.test(stderr))
                return resolve({ code: failure.code, stdout, stderr, error: `${command} has no pip` });
            resolve({ code: failure.code, stdout, stderr });
        });
    });
}
/** The short cause inside urllib3's retry warning ("Temporary failure in name resolution"), else its first line. */
function networkCause(output) {
    const cause = /Failed to establish a new connection: (?:\[Errno -?\d+\] )?([^'"]+)|(Connection refused|Read timed out|Connect timeout|SSLError|ProxyError)/.exec(output);
    return cause ? (cause[1] ?? cause[2] ?? '').trim() : firstLine(output.split('\n').find((line) => NETWORK_TROUBLE.test(line)) ?? '');
}
/** pip masks passwords in what it prints; a URL's user info is cut here too, before any notice shows it. */
function firstLine(text) {
    return (0,index_url/* textWithoutCredentials */.Af)((text.trim().split('\n')[0] ?? '').trim()).slice(0, 200);
}
function lastLines(text) {
    return (0,index_url/* textWithoutCredentials */.Af)(text.trim().split('\n').slice(-2).join(' ').trim()).slice(0, 300);
}

;// CONCATENATED MODULE: ./lib/src/resolve/run.js
// The resolver's shell: checks pip once, then runs each install set's steps (in build order, one
// after the other) with a bounded number of sets at once. Whatever keeps pip from giving a verdict
// (no pip, an old one, a timeout, an index down) is one notice, and the static findings stand.




async function resolveSets(jobs, options) {
    const pipOptions = {
        python: options.python ?? 'python3',
        cacheDir: options.cacheDir ? external_node_path_.join(options.cacheDir, 'pip') : null,
        timeoutMs: options.timeoutMs ?? 120_000,
        env: pipEnvironment(options.env),
    };
    const summary = { pip: null, sets: jobs.length, resolved: 0, failed: 0, faults: 0, skipped: 0, notices: [] };
    if (jobs.length === 0)
        return { sets: [], summary };
    const version = await pipVersion(pipOptions);
    if (!version.ok || !pipIsRecentEnough(version.version)) {
        const why = version.ok
            ? `${pipOptions.python} has pip ${version.version}, and --resolve needs pip 22.2 or later (--dry-run --report)`
            : version.reason;
        summary.notices.push(`pip's resolver did not run: ${why}; the static checks ran as usual`);
        summary.faults = jobs.length;
        return { sets: [], summary };
    }
    summary.pip = version.version;
    const skipped = new Set();
    // Indexes that did not answer pip: a later set that reads the same ones is not run (no network: one failed run, not one per set).
    const unanswered = new Map();
    const sets = [];
    const faults = [];
    const queue = [...jobs];
    const worker = async () => {
        for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
            // Resolved against other indexes than the build's, a set's verdict would prove nothing.
            const refused = job.indexes
                .map((index) => ({ index, why: refusal(index, options.allowInternal) }))
                .find((entry) => entry.why !== null);
            const skip = job.unprovable ??
                (refused
                    ? `the repository's index ${(0,index_url/* withoutCredentials */.ri)(refused.index.url)} is ${refused.why} (allow-untrusted lets pip use it)`
                    : null);
            if (skip) {
                summary.skipped++;
                skipped.add(skip);
                continue;
            }
            const indexes = job.indexes;
            const set = { job, steps: [], pip: version.version };
            const indexKey = indexes.map((index) => `${index.kind} ${index.url}`).join('\n');
            for (const step of job.steps) {
                const known = unanswered.get(indexKey);
                const result = known ? { status: 'fault', reason: known } : await runPipStep(job, step, indexes, pipOptions);
                if (result.status === 'fault' && result.network)
                    unanswered.set(indexKey, result.reason);
                set.steps.push({ step, result });
                // What a later step installs depends on what this one did.
                if (result.status !== 'resolved')
                    break;
            }
            const last = set.steps.at(-1)?.result;
            if (last?.status === 'fault') {
                summary.faults++;
                faults.push(`${job.setId}: ${last.reason}`);
            }
            else if (last?.status === 'failed')
                summary.failed++;
            else
                summary.resolved++;
            sets.push(set);
        }
    };
    // Sets resolved at once: one per core.
    const parallel = Math.max(1, Math.min(external_node_os_.availableParallelism(), jobs.length));
    await Promise.all(Array.from({ length: parallel }, worker));
    sets.sort((a, b) => jobs.indexOf(a.job) - jobs.indexOf(b.job));
    if (faults.length > 0)
        summary.notices.push(`pip's resolver gave no verdict on ${faults.length} of ${jobs.length} install set(s) (${faults.slice(0, 2).join('; ')}); their static findings stand`);
    if (skipped.size > 0)
        summary.notices.push(`pip's resolver skipped ${summary.skipped} install set(s): ${[...skipped].slice(0, 2).join('; ')}`);
    return { sets, summary };
}
/** Why pip must not be sent to an index the repository names; null when it may be. */
function refusal(index, allowInternal) {
    if (index.trusted || allowInternal)
        return null;
    let url;
    try {
        url = new URL(index.url);
    }
    catch {
        return null; // a local find-links folder: pip reads it as a path
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
        return `a ${url.protocol} URL`;
    if ((0,index_url/* isLocalName */.Hy)(url.hostname) || (0,index_url/* isInternalAddress */.Kk)(url.hostname))
        return 'an internal address';
    return null;
}

;// CONCATENATED MODULE: ./lib/src/resolve/check.js
// --resolve in the engine: pip's verdict on each set (src/resolve/run.ts), its failures as findings,
// and the resolved versions checked by the matrix and universal rules (src/check/resolve-verdict.ts).



async function runResolver(parse, matrix, jobs, checked, options) {
    const run = await resolveSets(jobs, options);
    const findings = (0,resolve_verdict/* checkResolutions */._J)(run.sets, parse.files, matrix);
    // The check of the resolved versions runs under the profile the whole repository got (or none).
    const recheckMatrix = checked.profile ? matrix : { ...matrix, profile: null, profiles: {} };
    for (const set of run.sets) {
        const pins = (0,resolve_verdict/* resolvedPins */.BE)(set);
        const installSet = parse.installSets.find((candidate) => candidate.id === set.job.setId);
        if (!pins || !installSet)
            continue;
        const recheck = (0,resolve_verdict/* pinsToRecheck */.n8)(pins);
        if (recheck.length === 0)
            continue;
        const again = (0,check/* runChecks */.JT)((0,resolve_verdict/* resolvedParse */.Mf)(parse, installSet, recheck), recheckMatrix, { profile: checked.profile?.name ?? 'auto' });
        if (again.ok)
            findings.push(...(0,resolve_verdict/* markResolved */.Ex)(again.findings, recheck, set.job, checked.findings));
    }
    const replaced = (finding) => findings.some((resolved) => resolved.rule === finding.rule &&
        resolved.file === finding.file &&
        resolved.line === finding.line &&
        resolved.package === finding.package);
    return { findings, statics: checked.findings.filter((finding) => !replaced(finding)), summary: run.summary };
}


/***/ })

};
