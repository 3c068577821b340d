// The one file of a wheel the checks need, `*.dist-info/METADATA`, read from the zip's central
// directory (a wheel downloaded whole, or lying in a find-links folder).

import { inflateRawSync } from 'node:zlib';

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** METADATA is small; a larger one is a damaged or hostile wheel. */
const MAX_METADATA_BYTES = 16 * 1024 * 1024;

export type ZipRead = { ok: true; text: string } | { ok: false; reason: string };

export function readWheelMetadata(zip: Buffer): ZipRead {
  const end = findEndOfDirectory(zip);
  if (end === -1) return { ok: false, reason: 'the wheel is not a zip file (no end of central directory)' };
  const entries = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  for (let index = 0; index < entries; index++) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== DIRECTORY_ENTRY) return { ok: false, reason: 'the wheel\'s central directory is damaged' };
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;
    if (!/^[^/]+\.dist-info\/METADATA$/.test(name)) continue;
    if (size > MAX_METADATA_BYTES) return { ok: false, reason: `the wheel's ${name} is ${size} bytes` };
    if (localOffset + 30 > zip.length || zip.readUInt32LE(localOffset) !== LOCAL_HEADER) return { ok: false, reason: `the wheel's ${name} entry is damaged` };
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    if (data.length !== compressedSize) return { ok: false, reason: `the wheel's ${name} is cut short` };
    try {
      if (method === 0) return { ok: true, text: data.toString('utf8') };
      if (method === 8) return { ok: true, text: inflateRawSync(data, { maxOutputLength: MAX_METADATA_BYTES }).toString('utf8') };
    } catch (error) {
      return { ok: false, reason: `the wheel's ${name} does not inflate (${(error as Error).message})` };
    }
    return { ok: false, reason: `the wheel's ${name} uses zip method ${method}` };
  }
  return { ok: false, reason: 'the wheel has no *.dist-info/METADATA' };
}

function findEndOfDirectory(zip: Buffer): number {
  // The record is 22 bytes, followed by a comment of at most 65,535.
  for (let offset = zip.length - 22; offset >= Math.max(0, zip.length - 22 - 65_535); offset--) {
    if (zip.readUInt32LE(offset) === END_OF_DIRECTORY) return offset;
  }
  return -1;
}
