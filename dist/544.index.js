export const id = 544;
export const ids = [544];
export const modules = {

/***/ 3544:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readSdistMetadata: () => (/* binding */ readSdistMetadata)
/* harmony export */ });
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8522);
/* harmony import */ var _metadata_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8372);
// An sdist's PKG-INFO, read from its .tar.gz: trusted for Requires-Dist and Requires-Python only from
// Metadata-Version 2.2 on, where those fields are not marked dynamic (PEP 643); older sdists compute
// them when built, which is not done here.


/** An unpacked sdist larger than this is not read. */
const MAX_UNPACKED_BYTES = 128 * 1024 * 1024;
function readSdistMetadata(filename, archive) {
    if (!/\.tar\.gz$|\.tgz$/i.test(filename))
        return { ok: false, reason: `${filename}: only .tar.gz sdists are read` };
    let tar;
    try {
        tar = (0,node_zlib__WEBPACK_IMPORTED_MODULE_0__.gunzipSync)(archive, { maxOutputLength: MAX_UNPACKED_BYTES });
    }
    catch (error) {
        return { ok: false, reason: `${filename} does not unpack (${error.message})` };
    }
    for (let offset = 0; offset + 512 <= tar.length;) {
        const header = tar.subarray(offset, offset + 512);
        if (header.every((byte) => byte === 0))
            break;
        const name = field(header, 0, 100);
        const prefix = field(header, 345, 155);
        const size = parseInt(field(header, 124, 12).trim() || '0', 8);
        const type = String.fromCharCode(header[156] ?? 0);
        const path = prefix ? `${prefix}/${name}` : name;
        const body = tar.subarray(offset + 512, offset + 512 + size);
        if ((type === '0' || type === '\0') && /^[^/]+\/PKG-INFO$/.test(path)) {
            const text = body.toString('utf8');
            const parsed = (0,_metadata_js__WEBPACK_IMPORTED_MODULE_1__/* .parseCoreMetadata */ .U)(text);
            if (!parsed.ok)
                return { ok: false, reason: `${filename}: PKG-INFO: ${parsed.reason}` };
            if (!(0,_metadata_js__WEBPACK_IMPORTED_MODULE_1__/* .sdistMetadataUsable */ .f)(parsed))
                return {
                    ok: false,
                    reason: `${filename}: PKG-INFO is Metadata-Version ${parsed.metadataVersion ?? '?'} or marks its requirements dynamic, so they are known only once it is built`,
                };
            return { ok: true, text };
        }
        if (!Number.isFinite(size) || size < 0)
            break;
        offset += 512 + Math.ceil(size / 512) * 512;
    }
    return { ok: false, reason: `${filename} has no PKG-INFO at its top` };
}
function field(header, start, length) {
    const bytes = header.subarray(start, start + length);
    const end = bytes.indexOf(0);
    return bytes.toString('utf8', 0, end === -1 ? length : end);
}


/***/ })

};
