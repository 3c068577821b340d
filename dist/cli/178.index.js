export const id = 178;
export const ids = [178];
export const modules = {

/***/ 6178:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LOCAL_HEADER_SLACK: () => (/* binding */ LOCAL_HEADER_SLACK),
/* harmony export */   findMetadataEntry: () => (/* binding */ findMetadataEntry),
/* harmony export */   readEntry: () => (/* binding */ readEntry),
/* harmony export */   readWheelMetadata: () => (/* binding */ readWheelMetadata)
/* harmony export */ });
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8522);
// The one file of a wheel the checks need, `*.dist-info/METADATA`, read from the zip's central
// directory: in a whole wheel (downloaded, or lying in a find-links folder), or in pieces of one
// fetched with HTTP range requests (the tail with the central directory, then the entry), as pip's
// lazy wheel does. Pieces are given with the offset in the file where they start.

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** METADATA is small; a larger one is a damaged or hostile wheel. */
const MAX_METADATA_BYTES = 16 * 1024 * 1024;
function readWheelMetadata(zip) {
    const found = findMetadataEntry(zip, 0);
    return found.ok ? readEntry(zip, 0, found.entry) : { ok: false, reason: found.reason };
}
/** Finds `*.dist-info/METADATA` in the central directory of a piece that holds the file's end. */
function findMetadataEntry(piece, start) {
    const end = findEndOfDirectory(piece);
    if (end === -1)
        return { ok: false, reason: 'the wheel is not a zip file (no end of central directory)' };
    const entries = piece.readUInt16LE(end + 10);
    const directory = piece.readUInt32LE(end + 16);
    if (directory < start)
        return { ok: false, needFrom: directory, reason: 'the central directory starts before the piece read' };
    let offset = directory - start;
    for (let index = 0; index < entries; index++) {
        if (offset + 46 > piece.length || piece.readUInt32LE(offset) !== DIRECTORY_ENTRY)
            return { ok: false, reason: "the wheel's central directory is damaged" };
        const nameLength = piece.readUInt16LE(offset + 28);
        const entry = {
            name: piece.toString('utf8', offset + 46, offset + 46 + nameLength),
            method: piece.readUInt16LE(offset + 10),
            compressedSize: piece.readUInt32LE(offset + 20),
            size: piece.readUInt32LE(offset + 24),
            localOffset: piece.readUInt32LE(offset + 42),
        };
        offset += 46 + nameLength + piece.readUInt16LE(offset + 30) + piece.readUInt16LE(offset + 32);
        if (/^[^/]+\.dist-info\/METADATA$/.test(entry.name))
            return { ok: true, entry };
    }
    return { ok: false, reason: 'the wheel has no *.dist-info/METADATA' };
}
/** The entry's text, from a piece of the file (starting at `start`) that holds its local header and data. */
function readEntry(piece, start, entry) {
    const { name } = entry;
    if (entry.size > MAX_METADATA_BYTES || entry.compressedSize > MAX_METADATA_BYTES)
        return { ok: false, reason: `the wheel's ${name} is ${entry.size} bytes` };
    const local = entry.localOffset - start;
    if (local < 0 || local + 30 > piece.length || piece.readUInt32LE(local) !== LOCAL_HEADER)
        return { ok: false, reason: `the wheel's ${name} entry is damaged` };
    const dataStart = local + 30 + piece.readUInt16LE(local + 26) + piece.readUInt16LE(local + 28);
    const data = piece.subarray(dataStart, dataStart + entry.compressedSize);
    if (data.length !== entry.compressedSize)
        return { ok: false, reason: `the wheel's ${name} is cut short` };
    try {
        if (entry.method === 0)
            return { ok: true, text: data.toString('utf8') };
        if (entry.method === 8)
            return { ok: true, text: (0,node_zlib__WEBPACK_IMPORTED_MODULE_0__.inflateRawSync)(data, { maxOutputLength: MAX_METADATA_BYTES }).toString('utf8') };
    }
    catch (error) {
        return { ok: false, reason: `the wheel's ${name} does not inflate (${error.message})` };
    }
    return { ok: false, reason: `the wheel's ${name} uses zip method ${entry.method}` };
}
/** Bytes of a local header and extra field read beyond the name and data (extra fields are small). */
const LOCAL_HEADER_SLACK = 30 + 1024;
function findEndOfDirectory(zip) {
    // The record is 22 bytes, followed by a comment of at most 65,535.
    for (let offset = zip.length - 22; offset >= Math.max(0, zip.length - 22 - 65_535); offset--) {
        if (zip.readUInt32LE(offset) === END_OF_DIRECTORY)
            return offset;
    }
    return -1;
}


/***/ })

};
