export const id = 940;
export const ids = [940];
export const modules = {

/***/ 940:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   locateIn: () => (/* binding */ locateIn),
/* harmony export */   parseYaml: () => (/* binding */ parseYaml),
/* harmony export */   yamlValue: () => (/* binding */ yamlValue)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _file_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2337);
/* harmony import */ var _schema_validate_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4510);
// Reading a matrix file as YAML: its value, and where a value is written. The loader (load.ts) gets
// this module from the shell, which loads it only when a run may need it (src/matrix/effective.ts):
// loading the yaml package is a sizeable part of a small check's start-up, and most runs read only
// JSON and compiled files.



function parseYaml(text) {
    const lineCounter = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .LineCounter */ .HN();
    // YAML 1.2 breaks lines at CR, LF and CRLF; the yaml package only at LF. A CR alone becomes an LF
    // of the same length, so that a file saved with CR line ends reads as YAML reads it, and every
    // offset (and line) stays the file's.
    const lines = text.replace(LONE_CR, '\n');
    return { doc: (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(lines, { lineCounter, prettyErrors: false }), lineCounter, length: text.length };
}
const LONE_CR = /\r(?!\n)/g;
/** The document's value; undefined for a file with nothing but comments, which adds nothing (it is not an error). */
function yamlValue(file, { doc, lineCounter, length }) {
    const problem = doc.errors[0] ?? doc.warnings[0];
    if (problem !== undefined) {
        // A problem at the end of the file (a flow map left open) is placed after its last line break,
        // on a line the file does not have: it is shown on the line of the last character instead.
        const line = lineCounter.linePos(Math.max(0, Math.min(problem.pos[0], length - 1))).line;
        throw new _file_error_js__WEBPACK_IMPORTED_MODULE_1__/* .MatrixFileError */ .a(file, line, '', yamlMessage(problem.code, problem.message));
    }
    return doc.contents === null ? undefined : plainValue(doc.contents, file, lineCounter);
}
/**
 * The document as plain values, refusing what a matrix file must not use: aliases, and keys that
 * are not scalars. A mapping with a key that is not a string (an unquoted 2.10 is the number 2.1)
 * becomes a Map, for the validator to report with the key as written.
 */
function plainValue(root, file, lineCounter) {
    const path = [];
    const refuse = (node, message, fallbackLine = 1) => {
        throw new _file_error_js__WEBPACK_IMPORTED_MODULE_1__/* .MatrixFileError */ .a(file, lineOfNode(lineCounter, node) ?? fallbackLine, (0,_schema_validate_js__WEBPACK_IMPORTED_MODULE_2__/* .dottedPath */ .wM)(path), message);
    };
    const convert = (node) => {
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(node))
            return refuse(node, 'aliases (*name) are not supported in a matrix file: write the value out');
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node))
            return node.value;
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(node)) {
            return node.items.map((item, index) => {
                path.push(index);
                const value = convert(item);
                path.pop();
                return value;
            });
        }
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node))
            return null; // no node at all: an empty value
        const entries = [];
        for (const pair of node.items) {
            if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.key))
                return refuse(pair.key, 'keys must be plain strings', lineOfNode(lineCounter, node) ?? 1);
            path.push(String(pair.key.value));
            entries.push([pair.key.value, convert(pair.value)]);
            path.pop();
        }
        // fromEntries defines keys as own properties, so a `__proto__` key stays a key.
        return entries.every(([key]) => typeof key === 'string') ? Object.fromEntries(entries) : new Map(entries);
    };
    return convert(root);
}
/** YAML's message on one line, with the usual cause of the errors people hit in a matrix. */
function yamlMessage(code, message) {
    const firstLine = message.split('\n', 1)[0] ?? message;
    const quoteHint = code === 'TAG_RESOLVE_FAILED' || firstLine.startsWith('Block scalar header')
        ? ' (a value that starts with "!" or ">" must be quoted, e.g. numpy: ">=1.22,<2")'
        : '';
    return `invalid YAML: ${firstLine}${quoteHint}`;
}
/**
 * Where the entry at `path` is written: the line of its key (a list item's first line) or of its
 * value, and a scalar's text. A path that leaves the document ends at the deepest entry it reaches.
 */
function locateIn({ doc, lineCounter }, path, part) {
    let value = doc.contents;
    let key = null;
    for (const segment of path) {
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(value)) {
            const keyValue = segment instanceof _schema_validate_js__WEBPACK_IMPORTED_MODULE_2__/* .NonStringKey */ .CO ? segment.value : segment;
            const pair = value.items.find((item) => (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(item.key) && item.key.value === keyValue);
            if (pair === undefined)
                break;
            key = pair.key;
            value = pair.value;
        }
        else if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(value) && typeof segment === 'number' && segment < value.items.length) {
            value = value.items[segment];
            key = value;
        }
        else {
            break;
        }
    }
    const keyLine = lineOfNode(lineCounter, key) ?? 1;
    const target = part === 'key' ? key : value;
    const line = part === 'key' ? keyLine : (lineOfNode(lineCounter, value) ?? keyLine);
    return { line, source: (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(target) ? target.source : undefined };
}
function lineOfNode(lineCounter, node) {
    const start = node?.range?.[0];
    return start === undefined ? null : lineCounter.linePos(start).line;
}


/***/ })

};
