export const id = 691;
export const ids = [691];
export const modules = {

/***/ 9691:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   gatherCredentials: () => (/* binding */ gatherCredentials),
/* harmony export */   parseNetrc: () => (/* binding */ parseNetrc)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var _url_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(576);
// Credentials for private indexes, only from where pip takes them outside the repository: the user
// info of index URLs the environment or the workflow gives (PIP_INDEX_URL, PIP_EXTRA_INDEX_URL,
// UV_INDEX_URL, UV_EXTRA_INDEX_URL, the index-url inputs), and ~/.netrc (or $NETRC). Each is bound
// to its origin and sent nowhere else.




const INDEX_ENVIRONMENT = ['PIP_INDEX_URL', 'PIP_EXTRA_INDEX_URL', 'UV_INDEX_URL', 'UV_EXTRA_INDEX_URL', 'UV_DEFAULT_INDEX', 'UV_INDEX'];
function gatherCredentials(givenUrls, env) {
    const credentials = new Map();
    const fromEnvironment = INDEX_ENVIRONMENT.flatMap((name) => (env[name] ?? '').split(/\s+/).filter(Boolean));
    for (const url of [...givenUrls, ...fromEnvironment]) {
        const credential = (0,_url_js__WEBPACK_IMPORTED_MODULE_3__/* .urlCredentials */ .O4)(url);
        const origin = (0,_url_js__WEBPACK_IMPORTED_MODULE_3__/* .originOf */ .yv)(url);
        if (credential && origin && !credentials.has(origin))
            credentials.set(origin, credential);
    }
    const netrc = readNetrc(env.NETRC || node_path__WEBPACK_IMPORTED_MODULE_2__.join(env.HOME || node_os__WEBPACK_IMPORTED_MODULE_1__.homedir(), '.netrc'));
    return (origin) => credentials.get(origin) ?? netrcFor(netrc, origin);
}
function netrcFor(entries, origin) {
    const host = new URL(origin).hostname;
    const entry = entries.find((candidate) => candidate.machine === host) ?? entries.find((candidate) => candidate.machine === null);
    return entry ? { username: entry.login, password: entry.password } : undefined;
}
/** The machine, login and password of a netrc file; none when it cannot be read. */
function readNetrc(file) {
    let text;
    try {
        text = node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync(file, 'utf8');
    }
    catch {
        return [];
    }
    return parseNetrc(text);
}
function parseNetrc(text) {
    const entries = [];
    const tokens = text
        .replace(/^\s*#.*$/gm, '')
        .split(/\s+/)
        .filter(Boolean);
    let current = null;
    for (let index = 0; index < tokens.length; index++) {
        const token = tokens[index];
        if (token === 'machine' || token === 'default') {
            current = { machine: token === 'machine' ? (tokens[++index] ?? '') : null, login: '', password: '' };
            entries.push(current);
        }
        else if (token === 'login' && current)
            current.login = tokens[++index] ?? '';
        else if (token === 'password' && current)
            current.password = tokens[++index] ?? '';
        else if (token === 'account')
            index++;
        else if (token === 'macdef')
            break; // a macro runs to a blank line; nothing after it is read here
    }
    return entries;
}


/***/ })

};
