// Text that comes in pieces (a JSON report of tens of thousands of findings: jsonPieces), written
// without ever being one string. Used by both entry points' shells.

import * as fs from 'node:fs';

/** About this many characters go to each write: a report comes in hundreds of pieces, some of them a comma and a line break. */
const WRITE_SIZE = 65_536;

/** Hands the pieces to `send` gathered into chunks of about WRITE_SIZE characters. */
export function sendInChunks(pieces: Iterable<string>, send: (chunk: string) => void): void {
  let pending = '';
  for (const piece of pieces) {
    pending += piece;
    if (pending.length >= WRITE_SIZE) {
      send(pending);
      pending = '';
    }
  }
  if (pending) send(pending);
}

/** Writes the pieces to `file` (created, or emptied first). */
export function writePiecesToFile(file: string, pieces: Iterable<string>): void {
  const fd = fs.openSync(file, 'w');
  try {
    sendInChunks(pieces, (chunk) => fs.writeSync(fd, chunk));
  } finally {
    fs.closeSync(fd);
  }
}
