export const id = 238;
export const ids = [238];
export const modules = {

/***/ 8238:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  readBuildDefinitions: () => (/* binding */ readBuildDefinitions)
});

// EXTERNAL MODULE: external "node:path/posix"
var posix_ = __webpack_require__(3916);
;// CONCATENATED MODULE: ./lib/src/parse/build-definitions/hcl.js
// The part of HCL that docker-bake.hcl files use, read into plain values with their lines: blocks with
// labels (`target "app" { ... }`), attributes (`args = { A = "1" }`), strings (kept as written, `${...}`
// included, for the caller to interpolate), numbers, booleans, lists and objects. JSON is read by the
// same code (an object whose keys are quoted and separated by `:`). Anything else (function calls,
// conditionals, `for` expressions, heredocs) is read as `other`: its value is unknown.
function tokenize(text) {
    const tokens = [];
    let line = 1;
    let i = 0;
    while (i < text.length) {
        const ch = text[i];
        if (ch === '\n') {
            tokens.push({ kind: 'newline', text: '\n', line });
            line += 1;
            i += 1;
        }
        else if (ch === ' ' || ch === '\t' || ch === '\r') {
            i += 1;
        }
        else if (ch === '#' || text.startsWith('//', i)) {
            while (i < text.length && text[i] !== '\n')
                i += 1;
        }
        else if (text.startsWith('/*', i)) {
            const end = text.indexOf('*/', i + 2);
            const stop = end < 0 ? text.length : end + 2;
            for (; i < stop; i++)
                if (text[i] === '\n')
                    line += 1;
        }
        else if (ch === '"') {
            const start = line;
            let value = '';
            let depth = 0;
            i += 1;
            while (i < text.length && (text[i] !== '"' || depth > 0) && text[i] !== '\n') {
                if (text[i] === '\\') {
                    const next = text[i + 1] ?? '';
                    value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
                    i += 2;
                    continue;
                }
                if (text.startsWith('${', i))
                    depth += 1;
                else if (text[i] === '}' && depth > 0)
                    depth -= 1;
                value += text[i];
                i += 1;
            }
            i += 1;
            tokens.push({ kind: 'string', text: value, line: start });
        }
        else if (/[A-Za-z0-9_.-]/.test(ch)) {
            const start = i;
            while (i < text.length && /[A-Za-z0-9_.-]/.test(text[i]))
                i += 1;
            tokens.push({ kind: 'word', text: text.slice(start, i), line });
        }
        else {
            // `<<EOT` heredocs and operators are single punctuation here; what they belong to reads as `other`.
            tokens.push({ kind: 'punct', text: ch, line });
            i += 1;
        }
    }
    return tokens;
}
/** Lists and objects nested deeper than this are read as `other` (bake files nest two or three levels). */
const MAX_DEPTH = 32;
class Parser {
    tokens;
    at = 0;
    depth = 0;
    constructor(tokens) {
        this.tokens = tokens;
    }
    peek() {
        return this.tokens[this.at];
    }
    skipNewlines() {
        while (this.peek()?.kind === 'newline')
            this.at += 1;
    }
    /** A body: attributes and blocks until `}` or the end; blocks become nested objects keyed by their labels. */
    body() {
        this.depth += 1;
        try {
            return this.blockBody();
        }
        finally {
            this.depth -= 1;
        }
    }
    blockBody() {
        const entries = new Map();
        for (;;) {
            this.skipNewlines();
            const first = this.peek();
            if (first === undefined || (first.kind === 'punct' && first.text === '}'))
                return entries;
            this.at += 1;
            if (first.kind !== 'word' && first.kind !== 'string') {
                this.skipLine();
                continue;
            }
            const next = this.peek();
            if (next?.kind === 'punct' && (next.text === '=' || next.text === ':')) {
                this.at += 1;
                entries.set(first.text, this.expression());
                continue;
            }
            const labels = [];
            while (this.peek()?.kind === 'string' || this.peek()?.kind === 'word')
                labels.push(this.tokens[this.at++].text);
            if (!(this.peek()?.kind === 'punct' && this.peek()?.text === '{')) {
                this.skipLine();
                continue;
            }
            this.at += 1;
            if (this.depth >= MAX_DEPTH) {
                this.skipLine();
                continue;
            }
            const block = { kind: 'object', entries: this.body(), line: first.line };
            this.at += 1;
            // `target "app" {}` lands at entries.target.entries.app.
            let holder = entries;
            for (const key of [first.text, ...labels.slice(0, -1)]) {
                let child = holder.get(key);
                if (child?.kind !== 'object') {
                    child = { kind: 'object', entries: new Map(), line: first.line };
                    holder.set(key, child);
                }
                holder = child.entries;
            }
            const last = labels[labels.length - 1];
            if (last === undefined)
                holder.set(first.text, block);
            else
                holder.set(last, block);
        }
    }
    skipLine() {
        let depth = 0;
        for (let token = this.peek(); token !== undefined; token = this.peek()) {
            if (token.kind === 'newline' && depth === 0)
                return;
            if (token.kind === 'punct' && '{[('.includes(token.text))
                depth += 1;
            if (token.kind === 'punct' && '}])'.includes(token.text)) {
                if (depth === 0)
                    return;
                depth -= 1;
            }
            this.at += 1;
        }
    }
    expression() {
        this.skipNewlines();
        const token = this.peek();
        if (token === undefined)
            return { kind: 'other', line: 1 };
        if (this.depth >= MAX_DEPTH) {
            this.skipLine();
            return { kind: 'other', line: token.line };
        }
        this.depth += 1;
        try {
            return this.value(token);
        }
        finally {
            this.depth -= 1;
        }
    }
    value(token) {
        const start = this.at;
        let value;
        if (token.kind === 'string') {
            this.at += 1;
            value = { kind: 'string', text: token.text, line: token.line };
        }
        else if (token.kind === 'word' && /^(?:-?[0-9][0-9.]*|true|false)$/.test(token.text)) {
            this.at += 1;
            value = { kind: 'string', text: token.text, line: token.line };
        }
        else if (token.kind === 'word' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(token.text)) {
            // A bare variable: `args = { CUDA = CUDA_VERSION }`.
            this.at += 1;
            value = { kind: 'string', text: `\${${token.text}}`, line: token.line };
        }
        else if (token.kind === 'punct' && token.text === '[') {
            this.at += 1;
            const items = [];
            for (;;) {
                this.skipNewlines();
                const next = this.peek();
                if (next === undefined)
                    break;
                if (next.kind === 'punct' && next.text === ']') {
                    this.at += 1;
                    break;
                }
                if (next.kind === 'punct' && next.text === ',') {
                    this.at += 1;
                    continue;
                }
                const before = this.at;
                items.push(this.expression());
                if (this.at === before)
                    this.at += 1;
            }
            value = { kind: 'list', items, line: token.line };
        }
        else if (token.kind === 'punct' && token.text === '{') {
            this.at += 1;
            const entries = new Map();
            for (;;) {
                this.skipNewlines();
                const key = this.peek();
                if (key === undefined)
                    break;
                this.at += 1;
                if (key.kind === 'punct' && key.text === '}')
                    break;
                if (key.kind === 'punct' && key.text === ',')
                    continue;
                const separator = this.peek();
                if ((key.kind === 'word' || key.kind === 'string') &&
                    separator?.kind === 'punct' &&
                    (separator.text === '=' || separator.text === ':')) {
                    this.at += 1;
                    entries.set(key.text, this.expression());
                }
            }
            value = { kind: 'object', entries, line: token.line };
        }
        else {
            this.skipLine();
            return { kind: 'other', line: token.line };
        }
        // `"a" == b ? x : y`, `f(x)`, `x.y`: what follows a value on its line makes it an expression we do not evaluate.
        const after = this.peek();
        if (after !== undefined && after.kind !== 'newline' && !(after.kind === 'punct' && ',}]'.includes(after.text))) {
            this.at = start;
            this.skipLine();
            return { kind: 'other', line: token.line };
        }
        return value;
    }
}
/** A bake file's top level: HCL blocks and attributes, or a JSON object, as one map. */
function readHcl(text) {
    const parser = new Parser(tokenize(text));
    if (text.trimStart().startsWith('{')) {
        const value = parser.expression();
        return value.kind === 'object' ? value.entries : new Map();
    }
    return parser.body();
}

;// CONCATENATED MODULE: ./lib/src/parse/build-definitions/interpolate.js
// `${VAR}`, `${VAR:-default}`, `$VAR` and `$$` as compose and bake interpolate them, from variables
// whose values (and the line that sets them) are known. A variable with no known value makes the
// whole result unknown: the build gets whatever the shell that runs it has.
const REFERENCE = /\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])((?:[^{}]|\{[^{}]*\})*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;
function interpolate(text, variables) {
    const origins = [];
    let unknown = false;
    const value = text.replace(REFERENCE, (whole, braced, operator, word, plain) => {
        if (whole === '$$')
            return '$';
        const name = (braced ?? plain);
        const known = variables.get(name);
        if (known?.origin)
            origins.push(known.origin);
        const set = known !== undefined && (known.value !== '' || operator === undefined || !operator.startsWith(':'));
        if (operator?.endsWith('-')) {
            if (set)
                return known.value;
            const inner = interpolate(word ?? '', variables);
            origins.push(...inner.origins);
            if (inner.value === null)
                unknown = true;
            return inner.value ?? '';
        }
        if (operator?.endsWith('+')) {
            if (known === undefined)
                unknown = true;
            return set ? (word ?? '') : '';
        }
        if (known === undefined)
            unknown = true;
        return known?.value ?? '';
    });
    return { value: unknown ? null : value, origins };
}
/** A `.env` file as compose reads it: `NAME=value` lines, `export ` allowed, quotes removed, `#` comments. */
function readDotenv(file, text) {
    const variables = new Map();
    text.split(/\r?\n|\r/).forEach((raw, index) => {
        const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(raw);
        if (!match)
            return;
        let value = match[2].trim();
        const quote = value[0];
        if ((quote === '"' || quote === "'") && value.lastIndexOf(quote) > 0)
            value = value.slice(1, value.lastIndexOf(quote));
        else
            value = value.replace(/\s+#.*$/, '');
        variables.set(match[1], { value, origin: { file, line: index + 1 } });
    });
    return variables;
}

;// CONCATENATED MODULE: ./lib/src/parse/build-definitions/paths.js
// Where a build's Dockerfile is: `-f`/`dockerfile` is relative to the build context (compose, bake) or
// to the working folder (`docker build -f`), the context relative to the defining file's folder or the
// working folder. Paths that leave the repository, and remote contexts (git URLs, `https://`), are null.

function inRepository(...parts) {
    const joined = posix_.normalize(posix_.join(...parts.map((part) => part.replace(/^\/+/, ''))));
    if (joined === '..' || joined.startsWith('../') || posix_.isAbsolute(joined))
        return null;
    return joined === '.' ? '' : joined.replace(/\/$/, '');
}
function isRemoteContext(context) {
    return /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith('git@') || context.endsWith('.git') || context === '-';
}
/** The Dockerfile of a build whose `dockerfile` is relative to its context (compose, bake, build-push-action). */
function dockerfileInContext(folder, context, dockerfile) {
    if (isRemoteContext(context))
        return null;
    const contextPath = inRepository(folder, context);
    if (contextPath === null)
        return null;
    if (dockerfile !== null && posix_.isAbsolute(dockerfile))
        return null;
    return inRepository(contextPath, dockerfile ?? 'Dockerfile');
}

;// CONCATENATED MODULE: ./lib/src/parse/build-definitions/bake.js
// docker-bake.hcl / docker-bake.json (and docker-bake.override.*): each target's `context`,
// `dockerfile` and `args`, with `inherits` followed, `variable` defaults interpolated, and one build per
// combination of a target's `matrix`. What the HCL reader cannot evaluate (functions, conditionals) is
// unknown.




const MAX_COMBINATIONS = 256;
const MAX_INHERITS = 8;
function readBake(path, text) {
    const read = { builds: [], images: [], notes: [] };
    const top = readHcl(text);
    const origin = (value) => ({ file: path, line: value.line });
    const variables = new Map();
    for (const [name, block] of entriesOf(top.get('variable'))) {
        const value = block.kind === 'object' ? block.entries.get('default') : undefined;
        if (value?.kind === 'string')
            variables.set(name, { value: value.text, origin: origin(value) });
    }
    const targets = new Map(entriesOf(top.get('target')));
    const folder = posix_.dirname(path) === '.' ? '' : posix_.dirname(path);
    const targetOf = (name, scope, depth) => {
        const block = targets.get(name);
        const target = { context: null, dockerfile: null, args: new Map() };
        if (block?.kind !== 'object')
            return target;
        if (depth < MAX_INHERITS) {
            const inherits = block.entries.get('inherits');
            for (const parent of inherits?.kind === 'list' ? inherits.items : []) {
                if (parent.kind !== 'string')
                    continue;
                const base = targetOf(parent.text, scope, depth + 1);
                target.context = base.context ?? target.context;
                target.dockerfile = base.dockerfile ?? target.dockerfile;
                for (const [argName, arg] of base.args)
                    target.args.set(argName, arg);
            }
        }
        const text = (value) => {
            if (value === undefined)
                return undefined;
            if (value.kind !== 'string')
                return null;
            const interpolated = interpolate(value.text, scope).value;
            return interpolated === null || interpolated.includes('${') ? null : interpolated;
        };
        const context = text(block.entries.get('context'));
        const dockerfile = text(block.entries.get('dockerfile'));
        if (context !== undefined)
            target.context = context ?? '\u0001';
        if (dockerfile !== undefined)
            target.dockerfile = dockerfile ?? '\u0001';
        for (const [argName, value] of entriesOf(block.entries.get('args'))) {
            const interpolated = value.kind === 'string' ? interpolate(value.text, scope) : { value: null, origins: [] };
            const known = interpolated.value !== null && !interpolated.value.includes('${');
            target.args.set(argName, {
                name: argName,
                value: known ? interpolated.value : null,
                origins: [...interpolated.origins, origin(value)],
            });
        }
        return target;
    };
    for (const [name, block] of targets) {
        if (block.kind !== 'object')
            continue;
        for (const combination of matrixCombinations(block.entries.get('matrix'), origin)) {
            const scope = new Map([...variables, ...combination]);
            const target = targetOf(name, scope, 0);
            if (target.context === '\u0001' || target.dockerfile === '\u0001')
                continue;
            const dockerfile = dockerfileInContext(folder, target.context ?? '.', target.dockerfile);
            if (dockerfile === null)
                continue;
            read.builds.push({
                dockerfile,
                args: [...target.args.values()],
                source: `${path} target ${name}${combination.size > 0 ? ' matrix' : ''}`,
            });
        }
    }
    return read;
}
function entriesOf(value) {
    return value?.kind === 'object' ? [...value.entries] : [];
}
/** A target's `matrix = { cuda = ["11.8", "12.1"] }`: every combination, as variables; one empty one without a matrix. */
function matrixCombinations(matrix, origin) {
    let combinations = [new Map()];
    for (const [name, list] of entriesOf(matrix)) {
        const values = list.kind === 'list' ? list.items.filter((item) => item.kind === 'string') : [];
        combinations = combinations
            .flatMap((combination) => values.map((value) => new Map(combination).set(name, { value: value.text, origin: origin(value) })))
            .slice(0, MAX_COMBINATIONS);
    }
    return combinations;
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./lib/src/runtime/container-require.js
var container_require = __webpack_require__(5324);
;// CONCATENATED MODULE: ./lib/src/parse/build-definitions/yaml-nodes.js
// Walking a YAML document node by node, so that every value keeps its line: aliases are followed and
// `<<` merge keys are looked into, as compose files use them to share build settings.

/** The document, or the line and message of its first syntax error. */
function readYaml(text) {
    const lineCounter = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text.replace(/\r(?!\n)/g, '\n'), { lineCounter, prettyErrors: false, uniqueKeys: false });
    const problem = doc.errors[0];
    if (problem !== undefined) {
        return {
            ok: false,
            line: lineCounter.linePos(Math.max(0, Math.min(problem.pos[0], text.length - 1))).line,
            message: problem.message.split('\n')[0] ?? '',
        };
    }
    return { ok: true, file: { doc, lineCounter } };
}
/** A node with its aliases followed (a bounded number of times: an alias cycle ends). */
function resolved(file, node) {
    let current = node;
    for (let hops = 0; (0,dist/* isAlias */.Vj)(current) && hops < 16; hops++)
        current = current.resolve(file.doc);
    return current === null || current === undefined || (0,dist/* isAlias */.Vj)(current) ? null : current;
}
function asMap(file, node) {
    const found = resolved(file, node);
    return (0,dist/* isMap */.jh)(found) ? found : null;
}
/** The value under `key`, looking into `<<` merges after the map's own keys, as YAML merge keys mean. */
function mapGet(file, node, key, depth = 0) {
    const map = asMap(file, node);
    if (map === null || depth > 8)
        return null;
    for (const pair of map.items) {
        if ((0,dist/* isPair */.tO)(pair) && (0,dist/* isScalar */.jn)(pair.key) && String(pair.key.value) === key)
            return resolved(file, pair.value);
    }
    for (const pair of map.items) {
        if (!(0,dist/* isPair */.tO)(pair) || !(0,dist/* isScalar */.jn)(pair.key) || pair.key.value !== '<<')
            continue;
        const merged = resolved(file, pair.value);
        const sources = (0,dist/* isSeq */.oP)(merged) ? merged.items : [merged];
        for (const source of sources) {
            const found = mapGet(file, source, key, depth + 1);
            if (found !== null)
                return found;
        }
    }
    return null;
}
/** A map's entries (merged ones after its own), keys as strings. */
function mapEntries(file, node, depth = 0) {
    const map = asMap(file, node);
    if (map === null || depth > 8)
        return [];
    const own = [];
    const merged = [];
    for (const pair of map.items) {
        if (!(0,dist/* isPair */.tO)(pair) || !(0,dist/* isScalar */.jn)(pair.key))
            continue;
        if (pair.key.value === '<<') {
            const value = resolved(file, pair.value);
            for (const source of (0,dist/* isSeq */.oP)(value) ? value.items : [value])
                merged.push(...mapEntries(file, source, depth + 1));
            continue;
        }
        own.push([String(pair.key.value), pair.key, resolved(file, pair.value)]);
    }
    const seen = new Set(own.map(([key]) => key));
    return [...own, ...merged.filter(([key]) => !seen.has(key))];
}
function seqItems(file, node) {
    const found = resolved(file, node);
    return (0,dist/* isSeq */.oP)(found) ? found.items.flatMap((item) => resolved(file, item) ?? []) : [];
}
/** A scalar as a string (numbers and booleans as YAML wrote them); null for anything else. */
function scalarText(file, node) {
    const found = resolved(file, node);
    if (!(0,dist/* isScalar */.jn)(found) || found.value === null || found.value === undefined)
        return null;
    if (typeof found.value === 'number' && found.source !== undefined && /^[0-9.]+$/.test(found.source))
        return found.source;
    return String(found.value);
}
/** The 1-based line where a node starts. */
function lineOf(file, node, fallback = 1) {
    const range = node?.range;
    return range === undefined ? fallback : file.lineCounter.linePos(range[0]).line;
}
/** The 1-based line and column where a node starts. */
function positionOf(file, node) {
    const range = node?.range;
    if (range === undefined)
        return { line: 1, column: 1 };
    const { line, col } = file.lineCounter.linePos(range[0]);
    return { line, column: col };
}

;// CONCATENATED MODULE: ./lib/src/parse/build-definitions/compose.js
// Compose files: each service's `build` (a context string, or a map with `context`, `dockerfile` and
// `args` as a map or a `NAME=value` list), after `${VAR:-default}` interpolation from the `.env`
// file next to the compose file, and with `extends` (same file or another) followed. Services under
// `profiles` are builds too: the label says which profile builds them.






/** `extends` chains longer than this are cut (compose refuses cycles; we just stop). */
const MAX_EXTENDS = 8;
function readCompose(path, text, files) {
    const read = { builds: [], images: [], notes: [] };
    const document = openCompose(path, text, files, read);
    if (document === null)
        return read;
    for (const [name, , service] of mapEntries(document.yaml, mapGet(document.yaml, document.yaml.doc.contents, 'services'))) {
        const build = serviceBuild(document, service, files, read, 0);
        if (build === null) {
            if (mapGet(document.yaml, service, 'build') === null && mapGet(document.yaml, service, 'extends') === null) {
                pulledImage(document, mapGet(document.yaml, service, 'image'), serviceRuntime(document, service), read);
            }
            continue;
        }
        const profiles = seqItems(document.yaml, mapGet(document.yaml, service, 'profiles'))
            .map((item) => scalarText(document.yaml, item))
            .filter(Boolean);
        const profile = profiles.length > 0 ? `, profile ${profiles.join(', ')}` : '';
        read.builds.push({ ...build, source: `${path} service ${name}${profile}` });
    }
    return read;
}
/** A service without a build runs its `image:` as pulled (with a build, `image:` only names the result). */
function pulledImage(document, node, runtime, read) {
    const written = scalarText(document.yaml, node);
    if (node === null || written === null)
        return;
    const ref = interpolate(written, document.variables).value;
    if (ref === null || ref === '')
        return;
    const at = positionOf(document.yaml, node);
    const column = at.column + ((0,dist/* isScalar */.jn)(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') ? 1 : 0);
    read.images.push({ ref, runtime, file: document.path, line: at.line, column, endColumn: column + written.length });
}
/**
 * How the service's container gets GPUs (compose's GPU support page: `deploy.resources.reservations.devices`
 * with `capabilities: [gpu]` or `driver: nvidia`, and the older `runtime: nvidia` and `gpus:`), and
 * whether its `environment:` sets NVIDIA_DISABLE_REQUIRE true (an `env_file:` is not read).
 */
function serviceRuntime(document, service) {
    const { yaml } = document;
    const devices = seqItems(yaml, mapGet(yaml, mapGet(yaml, mapGet(yaml, mapGet(yaml, service, 'deploy'), 'resources'), 'reservations'), 'devices'));
    const gpuDevice = devices.some((device) => scalarText(yaml, mapGet(yaml, device, 'driver')) === 'nvidia' ||
        seqItems(yaml, mapGet(yaml, device, 'capabilities')).some((capability) => scalarText(yaml, capability) === 'gpu'));
    const gpuRequested = gpuDevice || scalarText(yaml, mapGet(yaml, service, 'runtime')) === 'nvidia' || mapGet(yaml, service, 'gpus') !== null;
    return { gpuRequested, requireDisabled: (0,container_require/* disablesRequire */.js)(environmentValue(document, service, 'NVIDIA_DISABLE_REQUIRE')) };
}
/** A service's `environment:` entry (a map, or a `NAME=value` list), interpolated; null when unset or unknown. */
function environmentValue(document, service, name) {
    const { yaml } = document;
    const environment = mapGet(yaml, service, 'environment');
    let written = scalarText(yaml, mapGet(yaml, environment, name));
    for (const item of seqItems(yaml, environment)) {
        const entry = scalarText(yaml, item);
        if (entry?.startsWith(`${name}=`))
            written = entry.slice(name.length + 1);
    }
    return written === null ? null : interpolate(written, document.variables).value;
}
function openCompose(path, text, files, read) {
    const parsed = readYaml(text);
    if (!parsed.ok) {
        read.notes.push({ file: path, line: parsed.line, message: `not read as a compose file: ${parsed.message}` });
        return null;
    }
    const dotenv = posix_.join(posix_.dirname(path), '.env');
    const envText = files.read(dotenv);
    return { path, yaml: parsed.file, variables: envText === null ? new Map() : readDotenv(dotenv, envText) };
}
/** A service's build, its own settings over those of the service it extends. */
function serviceBuild(document, service, files, read, depth) {
    const { yaml } = document;
    const base = depth < MAX_EXTENDS ? extendedBuild(document, mapGet(yaml, service, 'extends'), files, read, depth) : null;
    const build = mapGet(yaml, service, 'build');
    if (build === null)
        return base;
    const folder = posix_.dirname(document.path);
    const contextText = scalarText(yaml, build) ?? scalarText(yaml, mapGet(yaml, build, 'context'));
    const dockerfileNode = mapGet(yaml, build, 'dockerfile');
    const context = contextText === null ? '.' : interpolate(contextText, document.variables).value;
    const dockerfileText = scalarText(yaml, dockerfileNode);
    const dockerfileName = dockerfileText === null ? null : interpolate(dockerfileText, document.variables).value;
    if (context === null || (dockerfileText !== null && dockerfileName === null))
        return null;
    const dockerfile = dockerfileInContext(folder === '.' ? '' : folder, context, dockerfileName);
    if (dockerfile === null)
        return null;
    const args = new Map((base?.dockerfile === dockerfile ? base.args : []).map((arg) => [arg.name, arg]));
    for (const arg of composeArgs(document, mapGet(yaml, build, 'args')))
        args.set(arg.name, arg);
    return { dockerfile, args: [...args.values()] };
}
function extendedBuild(document, extendsNode, files, read, depth) {
    if (extendsNode === null)
        return null;
    const { yaml } = document;
    const serviceName = scalarText(yaml, extendsNode) ?? scalarText(yaml, mapGet(yaml, extendsNode, 'service'));
    if (serviceName === null)
        return null;
    const otherFile = scalarText(yaml, mapGet(yaml, extendsNode, 'file'));
    let target = document;
    if (otherFile !== null) {
        const otherPath = posix_.normalize(posix_.join(posix_.dirname(document.path), otherFile));
        const otherText = otherPath.startsWith('../') ? null : files.read(otherPath);
        const opened = otherText === null ? null : openCompose(otherPath, otherText, files, read);
        if (opened === null)
            return null;
        target = opened;
    }
    const service = mapGet(target.yaml, mapGet(target.yaml, target.yaml.doc.contents, 'services'), serviceName);
    return service === null ? null : serviceBuild(target, service, files, read, depth + 1);
}
/** `args:` as a map (`NAME: value`) or a list (`- NAME=value`); a name without a value comes from the shell: unknown. */
function composeArgs(document, node) {
    const { yaml } = document;
    const args = [];
    const add = (name, written, line) => {
        const origin = { file: document.path, line };
        if (written === null) {
            args.push({ name, value: null, origins: [origin] });
            return;
        }
        const value = interpolate(written, document.variables);
        args.push({ name, value: value.value, origins: [...value.origins, origin] });
    };
    const items = seqItems(yaml, node);
    if (items.length > 0) {
        for (const item of items) {
            const text = scalarText(yaml, item);
            if (text === null)
                continue;
            const equals = text.indexOf('=');
            add(equals < 0 ? text : text.slice(0, equals), equals < 0 ? null : text.slice(equals + 1), lineOf(yaml, item));
        }
        return args;
    }
    for (const [name, key, value] of mapEntries(yaml, node))
        add(name, scalarText(yaml, value), lineOf(yaml, value ?? key));
    return args;
}

// EXTERNAL MODULE: ./lib/src/parse/build-definitions/names.js
var names = __webpack_require__(2950);
// EXTERNAL MODULE: ./lib/src/parse/shell-words.js
var shell_words = __webpack_require__(7120);
;// CONCATENATED MODULE: ./lib/src/parse/build-definitions/script.js
// `docker build` and `docker buildx build` commands in shell scripts, Makefiles and workflow `run:`
// steps: `--build-arg NAME=value`, `-f`/`--file` and the context, plain literals only. A word with an
// expansion (`$VAR`, `$(cmd)`, `$(MAKE_VAR)`, a `${{ }}` left over) is unknown: as a build argument
// it makes that argument unknown; as the context or Dockerfile it makes the build unreadable.



/** `docker build` flags that take a value (the next word, unless written `--flag=value`). */
const VALUE_FLAGS = new Set([
    '-t',
    '--tag',
    '--target',
    '--platform',
    '--cache-from',
    '--cache-to',
    '--label',
    '--network',
    '--secret',
    '--ssh',
    '-o',
    '--output',
    '--progress',
    '--builder',
    '--iidfile',
    '--metadata-file',
    '--add-host',
    '--shm-size',
    '--ulimit',
    '-m',
    '--memory',
    '--memory-swap',
    '--build-context',
    '--annotation',
    '--attest',
    '--call',
    '--allow',
    '--cgroup-parent',
    '--cpu-period',
    '--cpu-quota',
    '-c',
    '--cpu-shares',
    '--cpuset-cpus',
    '--cpuset-mems',
    '--isolation',
    '--sbom',
    '--provenance',
]);
function readBuildScript(text, place, files) {
    const builds = [];
    const lineStarts = [0];
    for (let i = 0; i < text.length; i++)
        if (text[i] === '\n')
            lineStarts.push(i + 1);
    const lineAt = (offset) => {
        let low = 0;
        let high = lineStarts.length - 1;
        while (low < high) {
            const middle = (low + high + 1) >> 1;
            if (lineStarts[middle] <= offset)
                low = middle;
            else
                high = middle - 1;
        }
        return place.firstLine + low;
    };
    let command = [];
    const finish = () => {
        const build = buildOf(command, place, files, lineAt);
        if (build !== null)
            builds.push(build);
        command = [];
    };
    for (const token of (0,shell_words/* tokenizeShell */.IC)(text).tokens) {
        if (token.kind === 'operator')
            finish();
        else
            command.push(token);
    }
    finish();
    return builds;
}
/** The word without its quotes, or null when it holds an expansion. */
function literal(raw, unknownMarker) {
    if (/[$`]/.test(raw) || (unknownMarker !== undefined && raw.includes(unknownMarker)))
        return null;
    let value = '';
    for (let i = 0; i < raw.length; i++) {
        const ch = raw[i];
        if (ch === "'") {
            const end = raw.indexOf("'", i + 1);
            value += raw.slice(i + 1, end < 0 ? raw.length : end);
            i = end < 0 ? raw.length : end;
        }
        else if (ch === '"') {
            continue;
        }
        else if (ch === '\\') {
            value += raw[i + 1] ?? '';
            i += 1;
        }
        else {
            value += ch;
        }
    }
    return value;
}
function buildOf(words, place, files, lineAt) {
    const raw = words.map((word) => word.raw);
    // `sudo docker build`, `DOCKER_BUILDKIT=1 docker build`, `docker buildx build`, `docker image build`.
    const docker = raw.findIndex((word) => word === 'docker' || word.endsWith('/docker'));
    if (docker < 0)
        return null;
    let at = docker + 1;
    if (raw[at] === 'buildx' || raw[at] === 'image')
        at += 1;
    if (raw[at] !== 'build')
        return null;
    const args = [];
    const positional = [];
    let dockerfile = null;
    for (let i = at + 1; i < words.length; i++) {
        const word = words[i];
        const equals = word.raw.indexOf('=');
        const flag = word.raw.startsWith('--') && equals > 0 ? word.raw.slice(0, equals) : word.raw;
        const inlineValue = flag !== word.raw ? { ...word, raw: word.raw.slice(equals + 1) } : null;
        if (flag === '--build-arg' || flag === '-f' || flag === '--file') {
            const value = inlineValue ?? words[++i] ?? null;
            if (value === null)
                break;
            if (flag === '--build-arg')
                args.push(buildArg(value, place, lineAt));
            else
                dockerfile = value;
        }
        else if (VALUE_FLAGS.has(flag)) {
            if (inlineValue === null)
                i += 1;
        }
        else if (!word.raw.startsWith('-')) {
            positional.push(word);
        }
    }
    // Exactly one context; more words mean the command is not what we think it is.
    if (positional.length !== 1)
        return null;
    const context = literal(positional[0].raw, place.unknownMarker);
    const file = dockerfile === null ? null : literal(dockerfile.raw, place.unknownMarker);
    if (context === null || isRemoteContext(context) || (dockerfile !== null && file === null))
        return null;
    const path = locateDockerfile(place.folder, context, file, files);
    if (path === null)
        return null;
    return { dockerfile: path, args, source: `${place.file}:${lineAt(words[docker].start)} docker build` };
}
function buildArg(word, place, lineAt) {
    const origin = { file: place.file, line: lineAt(word.start) };
    const text = literal(word.raw, place.unknownMarker);
    // The name is written plainly even when the value is not: `--build-arg CUDA=$CUDA`.
    const name = (text ?? word.raw.replace(/["']/g, '')).split('=')[0];
    if (text === null || !text.includes('='))
        return { name, value: null, origins: [origin] };
    return { name, value: text.slice(text.indexOf('=') + 1), origins: [origin] };
}
/**
 * `-f` is relative to where the command runs, the context too; scripts are run from the repository
 * root or from their own folder, so both are tried and the first that holds the Dockerfile wins.
 */
function locateDockerfile(folder, context, file, files) {
    for (const working of [...new Set([folder, ''])]) {
        const contextPath = inRepository(working, context);
        if (contextPath === null)
            continue;
        const path = file === null ? inRepository(contextPath, 'Dockerfile') : posix_.isAbsolute(file) ? null : inRepository(working, file);
        if (path !== null && files.isFile(path))
            return path;
    }
    return null;
}

;// CONCATENATED MODULE: ./lib/src/parse/build-definitions/workflow.js
// GitHub workflows: `docker/build-push-action` steps (`context`, `file`, `build-args`) and `run:`
// steps with `docker build` lines, once per combination of the job's `strategy.matrix` (the product
// of its lists, less `exclude`, with `include` as GitHub applies it). `${{ matrix.x }}` and
// `${{ env.X }}` (a workflow, job or step `env:` entry, itself made of literals and matrix values)
// take their values, and so do `$X` and `${X}` in a `run:` script when `env:` sets X; any other
// expression is unknown. A value's origins are the matrix entry and the `env:` line it went through.




/** GitHub runs at most 256 jobs per matrix; a bigger product is cut there. */
const workflow_MAX_COMBINATIONS = 256;
/** Stands for an expression whose value is not known, inside text handed on to the script reader. */
const UNKNOWN = '\u0001unknown\u0001';
function readWorkflow(path, text, files) {
    const read = { builds: [], images: [], notes: [] };
    const parsed = readYaml(text);
    if (!parsed.ok) {
        read.notes.push({ file: path, line: parsed.line, message: `not read as a workflow: ${parsed.message}` });
        return read;
    }
    const workflow = parsed.file;
    const root = workflow.doc.contents;
    const workflowEnv = literalEnv(workflow, mapGet(workflow, root, 'env'), new Map());
    for (const [jobId, , job] of mapEntries(workflow, mapGet(workflow, root, 'jobs'))) {
        const matrixNode = mapGet(workflow, mapGet(workflow, job, 'strategy'), 'matrix');
        const combinations = matrixNode === null ? [new Map()] : (0,dist/* isMap */.jh)(matrixNode) ? workflow_matrixCombinations(workflow, path, matrixNode) : [null];
        // `cuda: ${{ fromJSON(...) }}` or `include: ${{ ... }}` may bring keys no combination shows here.
        const matrixKnown = matrixNode === null || ((0,dist/* isMap */.jh)(matrixNode) && mapEntries(workflow, matrixNode).every(([, , value]) => value === null || (0,dist/* isSeq */.oP)(value)));
        const jobEnv = literalEnv(workflow, mapGet(workflow, job, 'env'), workflowEnv);
        for (const step of seqItems(workflow, mapGet(workflow, job, 'steps'))) {
            for (const combination of combinations) {
                const scope = {
                    workflow,
                    text,
                    path,
                    combination,
                    matrixKnown,
                    env: literalEnv(workflow, mapGet(workflow, step, 'env'), jobEnv),
                };
                // A combination the job's or the step's `if:` may leave out is not a build we can vouch for.
                if (!mayRun(scope, mapGet(workflow, job, 'if')) || !mayRun(scope, mapGet(workflow, step, 'if')))
                    continue;
                const source = `${path} ${combination !== null && combination.size > 0 ? 'matrix' : 'job'} ${jobId}`;
                for (const build of stepBuilds(scope, step, files))
                    read.builds.push({ ...build, source });
            }
        }
    }
    return read;
}
/**
 * Whether an `if:` lets this combination run, as far as the matrix decides it: `matrix.x == 'v'` and
 * `!=` clauses joined by `&&` are evaluated; other clauses that name the matrix (`||`, functions,
 * parentheses) make it unknown, which counts as not running. Clauses about anything else (the event,
 * the branch) are taken to hold: the build is one the project defines.
 */
function mayRun(scope, condition) {
    const written = scalarText(scope.workflow, condition);
    if (written === null || !written.includes('matrix'))
        return true;
    const expression = written.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
    if (/\|\||[()]/.test(expression))
        return false;
    return expression.split('&&').every((clause) => {
        if (!clause.includes('matrix'))
            return true;
        const comparison = /^\s*matrix((?:\.[A-Za-z0-9_-]+)+)\s*(==|!=)\s*(?:'([^']*)'|"([^"]*)"|([A-Za-z0-9_.-]+))\s*$/.exec(clause);
        if (comparison === null)
            return false;
        const value = expressionValue(`matrix${comparison[1]}`, scope, []);
        if (value === UNKNOWN)
            return false;
        const literal = comparison[3] ?? comparison[4] ?? comparison[5] ?? '';
        // GitHub compares strings without regard to case.
        return (value.toLowerCase() === literal.toLowerCase()) === (comparison[2] === '==');
    });
}
/** `env:` entries over the inherited ones (a step's over its job's over the workflow's). */
function literalEnv(workflow, node, inherited) {
    const env = new Map(inherited);
    for (const [name, key, value] of mapEntries(workflow, node))
        env.set(name, { text: scalarText(workflow, value), line: lineOf(workflow, value ?? key) });
    return env;
}
function workflow_matrixCombinations(workflow, path, matrix) {
    const entry = (node) => ({ node, origin: { file: path, line: lineOf(workflow, node) } });
    const lists = [];
    for (const [key, , value] of mapEntries(workflow, matrix)) {
        if (key === 'include' || key === 'exclude' || value === null)
            continue;
        lists.push([key, seqItems(workflow, value).map(entry)]);
    }
    let combinations = lists.length === 0 ? [] : [new Map()];
    for (const [key, entries] of lists) {
        combinations = combinations
            .flatMap((combination) => entries.map((value) => new Map(combination).set(key, value)))
            .slice(0, workflow_MAX_COMBINATIONS);
    }
    const excludes = seqItems(workflow, mapGet(workflow, matrix, 'exclude')).map((item) => objectEntries(workflow, item, entry));
    combinations = combinations.filter((combination) => !excludes.some((exclude) => exclude.size > 0 && [...exclude].every(([key, value]) => sameValue(workflow, combination.get(key), value))));
    const originalKeys = new Set(lists.map(([key]) => key));
    const originals = [...combinations];
    for (const item of seqItems(workflow, mapGet(workflow, matrix, 'include'))) {
        const include = objectEntries(workflow, item, entry);
        let added = false;
        for (const combination of originals) {
            // An include joins every original combination whose original values it does not change.
            if ([...include].every(([key, value]) => !originalKeys.has(key) || sameValue(workflow, combination.get(key), value))) {
                for (const [key, value] of include)
                    combination.set(key, value);
                added = true;
            }
        }
        if (!added && combinations.length < workflow_MAX_COMBINATIONS)
            combinations.push(new Map(include));
    }
    return combinations;
}
function objectEntries(workflow, node, entry) {
    return new Map(mapEntries(workflow, node).flatMap(([key, , value]) => (value === null ? [] : [[key, entry(value)]])));
}
/** Whether two matrix values are equal, as GitHub compares them; values that alias too much never are. */
function sameValue(workflow, a, b) {
    if (a === undefined)
        return false;
    try {
        const json = (entry) => JSON.stringify(entry.node.toJS(workflow.doc, { maxAliasCount: 100 }));
        return json(a) === json(b);
    }
    catch {
        return false;
    }
}
function stepBuilds(scope, step, files) {
    const { workflow } = scope;
    const uses = scalarText(workflow, mapGet(workflow, step, 'uses'));
    if (uses !== null && /^docker\/build-push-action@/.test(uses)) {
        const build = buildPushAction(scope, mapGet(workflow, step, 'with'));
        return build === null ? [] : [build];
    }
    const run = resolved(workflow, mapGet(workflow, step, 'run'));
    const script = scalarText(workflow, run);
    if (run === null || script === null || !/\bdocker\b/.test(script))
        return [];
    const substituted = shellVariables(substitute(script, scope, []).text, scope, []);
    // A block scalar's text starts on the line after its `|` or `>`.
    const block = (0,dist/* isScalar */.jn)(run) && (run.type === 'BLOCK_LITERAL' || run.type === 'BLOCK_FOLDED');
    const firstLine = lineOf(workflow, run) + (block ? 1 : 0);
    const builds = readBuildScript(substituted, { file: scope.path, firstLine, folder: workingDirectory(scope, step), unknownMarker: UNKNOWN }, files);
    return builds.map((build) => ({ dockerfile: build.dockerfile, args: build.args.map((arg) => withMatrixOrigins(arg, script, scope)) }));
}
function workingDirectory(scope, step) {
    const written = scalarText(scope.workflow, mapGet(scope.workflow, step, 'working-directory'));
    return (written === null || written.includes('${{') ? null : inRepository(written)) ?? '';
}
/** A `run:` build arg's origin gains the matrix entries its line's expressions name. */
function withMatrixOrigins(arg, script, scope) {
    // The argument's word: `NAME=` up to the first blank outside a `${{ }}`.
    const word = new RegExp(`--build-arg[= ]+["']?${escapeRegExp(arg.name)}=((?:\\$\\{\\{[^}]*\\}\\}|\\S)*)`).exec(script);
    if (word === null)
        return arg;
    const origins = [];
    shellVariables(substitute(word[1], scope, origins).text, scope, origins);
    return { ...arg, origins: [...origins, ...arg.origins] };
}
function buildPushAction(scope, inputs) {
    const { workflow } = scope;
    const text = (name) => {
        const value = scalarText(workflow, mapGet(workflow, inputs, name));
        return value === null ? null : substitute(value, scope, []).text;
    };
    const context = text('context') ?? '.';
    const file = text('file');
    if (context.includes(UNKNOWN) || file?.includes(UNKNOWN))
        return null;
    // `file` is relative to the workspace, not to the context (unlike compose's `dockerfile`).
    const dockerfile = file === null ? dockerfileInContext('', context, null) : inRepository(file);
    if (dockerfile === null)
        return null;
    const argsNode = resolved(workflow, mapGet(workflow, inputs, 'build-args'));
    const written = scalarText(workflow, argsNode);
    const args = [];
    if (argsNode !== null && written !== null) {
        const block = (0,dist/* isScalar */.jn)(argsNode) && (argsNode.type === 'BLOCK_LITERAL' || argsNode.type === 'BLOCK_FOLDED');
        const folded = (0,dist/* isScalar */.jn)(argsNode) && argsNode.type === 'BLOCK_FOLDED';
        const first = lineOf(workflow, argsNode) + (block ? 1 : 0);
        // The action takes each line of the value as one build argument (commas included).
        written.split('\n').forEach((line, index) => {
            const trimmed = line.trim();
            const equals = trimmed.indexOf('=');
            if (equals <= 0)
                return;
            const name = trimmed.slice(0, equals);
            const origins = [];
            const value = substitute(trimmed.slice(equals + 1), scope, origins).text;
            // `>` joins lines into one: `A=1 B=2` is then one argument whose value is not what the author meant to pass.
            const joined = folded && /\s[A-Za-z_][A-Za-z0-9_]*=/.test(value);
            args.push({
                name,
                value: value.includes(UNKNOWN) || joined ? null : value.replace(/^(["'])(.*)\1$/, '$2'),
                origins: [...origins, { file: scope.path, line: folded ? foldedLine(scope, argsNode, name, first) : first + index }],
            });
        });
    }
    return { dockerfile, args };
}
/** The line where `NAME=` starts in a folded scalar's text (its value's lines no longer match the text's). */
function foldedLine(scope, node, name, first) {
    const range = node.range;
    if (range === undefined || range === null)
        return first;
    const lines = scope.text.slice(range[0], range[1]).split('\n');
    const at = lines.findIndex((line, index) => index > 0 && line.trimStart().startsWith(`${name}=`));
    return at < 0 ? first : first + at - 1;
}
/**
 * `$X` and `${X}` in a `run:` script, for the X that `env:` sets (the shell could set X again; scripts
 * that build images rarely do). Other variables stay as written, and make their word unknown.
 */
function shellVariables(script, scope, origins) {
    return script.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (whole, braced, plain) => {
        const entry = scope.env.get((braced ?? plain));
        return entry === undefined ? whole : envValue(entry, scope, origins);
    });
}
/** An `env:` entry's value with its expressions resolved (`env.*` in it is not looked up again). */
function envValue(entry, scope, origins) {
    if (entry.text === null)
        return UNKNOWN;
    const used = [];
    const value = substitute(entry.text, { ...scope, env: new Map() }, used).text;
    origins.push(...used, { file: scope.path, line: entry.line });
    return value;
}
/** The text with each `${{ ... }}` replaced by its value, or by the unknown marker. */
function substitute(text, scope, origins) {
    return { text: replaceExpressions(text, (written) => expressionValue(written.trim(), scope, origins)) };
}
/**
 * `text` with `replace` applied to the inside of each `${{ ... }}`. A scan, not a lazy regular
 * expression: thousands of unclosed `${{` would make that one quadratic.
 */
function replaceExpressions(text, replace) {
    let replaced = '';
    let at = 0;
    for (let open = text.indexOf('${{'); open >= 0; open = text.indexOf('${{', at)) {
        const close = text.indexOf('}}', open + 3);
        if (close < 0)
            break;
        replaced += text.slice(at, open) + replace(text.slice(open + 3, close));
        at = close + 2;
    }
    return replaced + text.slice(at);
}
function expressionValue(expression, scope, origins) {
    const matrixPath = /^matrix((?:\.[A-Za-z0-9_-]+)+)$/.exec(expression);
    if (matrixPath) {
        const [key, ...rest] = matrixPath[1].slice(1).split('.');
        const entry = scope.combination?.get(key);
        // GitHub gives null for a key this combination lacks, and writes null as an empty string.
        if (entry === undefined)
            return scope.combination !== null && scope.matrixKnown ? '' : UNKNOWN;
        let node = entry.node;
        for (const part of rest) {
            const parent = resolved(scope.workflow, node);
            node = mapGet(scope.workflow, parent, part);
            if (node === null)
                return (0,dist/* isMap */.jh)(parent) ? '' : UNKNOWN;
        }
        const value = scalarText(scope.workflow, node);
        if (value === null)
            return UNKNOWN;
        origins.push(rest.length > 0 && node !== null ? { file: scope.path, line: lineOf(scope.workflow, node) } : entry.origin);
        return value;
    }
    const envName = /^env\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(expression);
    const entry = envName === null ? undefined : scope.env.get(envName[1]);
    return entry === undefined ? UNKNOWN : envValue(entry, scope, origins);
}
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

;// CONCATENATED MODULE: ./lib/src/parse/build-definitions/index.js
// Where a repository defines its Docker builds, and the build arguments each passes: compose files,
// GitHub workflows, bake files, shell scripts and Makefiles. Pure: files come through DefinitionFiles.





/** Compose files, workflows, bake files and build scripts are far smaller; a bigger file is not read for builds. */
const MAX_DEFINITION_CHARS = 1_000_000;
/** Every build the files define; `paths` are repository-relative, as isBuildDefinitionFile accepted them. */
function readBuildDefinitions(paths, files) {
    const read = { builds: [], images: [], notes: [] };
    for (const path of [...paths].sort()) {
        const text = files.read(path);
        if (text === null)
            continue;
        if (text.length > MAX_DEFINITION_CHARS) {
            // A script that big is an installer or generated, not where builds are defined: passed over quietly.
            if (!(0,names/* isBuildScript */.QZ)(path))
                read.notes.push({ file: path, line: 1, message: `over ${MAX_DEFINITION_CHARS} characters, not read as a build definition` });
            continue;
        }
        const one = (0,names/* isWorkflowFile */.Kr)(path)
            ? readWorkflow(path, text, files)
            : (0,names/* isComposeFile */.Pv)(path)
                ? readCompose(path, text, files)
                : (0,names/* isBakeFile */.Kn)(path)
                    ? readBake(path, text)
                    : { builds: readBuildScript(text, { file: path, firstLine: 1, folder: folderOf(path) }, files), images: [], notes: [] };
        read.builds.push(...one.builds);
        read.images.push(...one.images);
        read.notes.push(...one.notes);
    }
    return read;
}
function folderOf(path) {
    const slash = path.lastIndexOf('/');
    return slash < 0 ? '' : path.slice(0, slash);
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


/***/ }),

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
