export const id = 548;
export const ids = [548];
export const modules = {

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
