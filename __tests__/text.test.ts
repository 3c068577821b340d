import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeText, splitLines } from '../src/parse/text.js';

const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));
const bytes = (...parts: Array<number[] | string>): Uint8Array =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part, 'latin1')] : part)));

function utf16(text: string, bigEndian: boolean): number[] {
  const out: number[] = [];
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (bigEndian) out.push(unit >> 8, unit & 0xff);
    else out.push(unit & 0xff, unit >> 8);
  }
  return out;
}

function utf32(text: string, bigEndian: boolean): number[] {
  const out: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    const be = [(code >>> 24) & 0xff, (code >>> 16) & 0xff, (code >>> 8) & 0xff, code & 0xff];
    out.push(...(bigEndian ? be : be.reverse()));
  }
  return out;
}

describe('decodeText', () => {
  it('reads plain UTF-8', () => {
    assert.deepEqual(decodeText(utf8('torch==2.1.2\nnumpy==1.23.5 # 고정\n')), {
      ok: true,
      text: 'torch==2.1.2\nnumpy==1.23.5 # 고정\n',
      encoding: 'utf-8',
    });
  });

  it('drops a UTF-8 byte-order mark', () => {
    assert.deepEqual(decodeText(bytes([0xef, 0xbb, 0xbf], 'numpy==1.23.5\n')), { ok: true, text: 'numpy==1.23.5\n', encoding: 'utf-8' });
  });

  it('reads UTF-16 with either byte-order mark', () => {
    const text = 'torch==2.1.2\r\nnemo_toolkit[asr]==1.17.0\r\n';
    assert.deepEqual(decodeText(bytes([0xff, 0xfe], utf16(text, false))), { ok: true, text, encoding: 'utf-16-le' });
    assert.deepEqual(decodeText(bytes([0xfe, 0xff], utf16(text, true))), { ok: true, text, encoding: 'utf-16-be' });
  });

  it('reads UTF-32 before UTF-16, whose mark is a prefix of it', () => {
    const text = 'watchdog[watchmedo]==6.0.0 # 👀\n';
    assert.deepEqual(decodeText(bytes([0xff, 0xfe, 0x00, 0x00], utf32(text, false))), { ok: true, text, encoding: 'utf-32-le' });
    assert.deepEqual(decodeText(bytes([0x00, 0x00, 0xfe, 0xff], utf32(text, true))), { ok: true, text, encoding: 'utf-32-be' });
  });

  it('follows a latin-1 coding cookie on the first line', () => {
    const decoded = decodeText(bytes('# -*- coding: latin-1 -*-\n# caf', [0xe9], '\nnumpy==1.23.5\n'));
    assert.deepEqual(decoded, { ok: true, text: '# -*- coding: latin-1 -*-\n# café\nnumpy==1.23.5\n', encoding: 'latin-1' });
  });

  it('follows a cookie on the second line, not on the third', () => {
    const second = decodeText(bytes('#!/usr/bin/env pip\n# vim: set fileencoding=cp1252 :\n# ', [0x80], '\n'));
    assert.deepEqual(second, { ok: true, text: '#!/usr/bin/env pip\n# vim: set fileencoding=cp1252 :\n# €\n', encoding: 'cp1252' });
    const third = decodeText(bytes('# one\n# two\n# coding: latin-1\n# ', [0xe9], '\n'));
    assert.equal(third.ok && third.encoding, 'latin-1');
    assert.ok(third.ok && third.caveat?.message.includes('not valid UTF-8'), 'the cookie on line 3 is ignored: this is the fallback');
  });

  it('reads a cookie only on a line that starts with #', () => {
    const decoded = decodeText(bytes('numpy==1.23.5  # coding: latin-1\n'));
    assert.deepEqual(decoded, { ok: true, text: 'numpy==1.23.5  # coding: latin-1\n', encoding: 'utf-8' });
  });

  it('knows Python codec names TextDecoder spells differently', () => {
    const korean = decodeText(bytes('# coding: euc_kr\n# ', [0xc7, 0xd1], '\n'));
    assert.deepEqual(korean, { ok: true, text: '# coding: euc_kr\n# 한\n', encoding: 'euc_kr' });
    const ascii = decodeText(bytes('# coding: ascii\n# ', [0xe9], '\n'));
    assert.equal(ascii.ok, false, 'ascii does not take 0xe9');
  });

  it('refuses an encoding Python does not know', () => {
    assert.deepEqual(decodeText(bytes('# coding: klingon\nnumpy\n')), {
      ok: false,
      message: "unknown encoding 'klingon' in the coding cookie on line 1; not read",
      at: { line: 1 },
    });
    assert.deepEqual(decodeText(bytes('#!/usr/bin/env pip\n# coding: klingon\n')), {
      ok: false,
      message: "unknown encoding 'klingon' in the coding cookie on line 2; not read",
      at: { line: 2 },
    });
  });

  it('falls back to latin-1 for bytes that are not UTF-8, and says so', () => {
    const decoded = decodeText(bytes('numpy==1.23.5 # caf', [0xe9], '\n'));
    assert.equal(decoded.ok, true);
    assert.ok(decoded.ok);
    assert.equal(decoded.text, 'numpy==1.23.5 # café\n');
    assert.equal(decoded.encoding, 'latin-1');
    assert.deepEqual(decoded.caveat, {
      severity: 'warning',
      message:
        "not valid UTF-8 and no coding cookie: read as latin-1; pip would use the locale encoding and fails under a UTF-8 locale (add '# -*- coding: latin-1 -*-' or save the file as UTF-8)",
      at: { line: 1, column: 20 },
    });
  });

  it('places the warning at the first byte that is not UTF-8, after well-formed UTF-8', () => {
    // é in UTF-8 on line 2, then a cp1252 curly quote (0x93) on line 3: the file is neither.
    const decoded = decodeText(bytes('numpy==1.24.4\n# caf', [0xc3, 0xa9], '\r\n# ', [0x93], 'quoted', [0x94], '\n'));
    assert.ok(decoded.ok);
    assert.deepEqual(decoded.caveat?.at, { line: 3, column: 3 });
    // Overlong, surrogate and truncated sequences are not UTF-8 either.
    for (const [bad, column] of [
      [[0xc0, 0xaf], 2],
      [[0xed, 0xa0, 0x80], 2],
      [[0xe2, 0x82], 2],
      [[0xf4, 0x90, 0x80, 0x80], 2],
    ] as Array<[number[], number]>) {
      const read = decodeText(bytes('x', bad, '\n'));
      assert.ok(read.ok);
      assert.deepEqual(read.caveat?.at, { line: 1, column }, JSON.stringify(bad));
    }
  });

  it('gives advice that fits the kind of file, and follows a coding cookie only in requirements files', () => {
    const latin1 = bytes('# -*- coding: latin-1 -*-\n# Jos', [0xe9], '\n');
    const advice = (kind: 'requirements' | 'constraints' | 'pyproject' | 'dockerfile'): string | undefined => {
      const decoded = decodeText(latin1, kind);
      assert.ok(decoded.ok);
      return decoded.caveat?.message;
    };
    assert.equal(advice('requirements'), undefined);
    assert.equal(advice('constraints'), undefined);
    // TOML is UTF-8 by definition and Docker knows no cookie: the cookie changes nothing, and is not advised.
    assert.equal(
      advice('pyproject'),
      'not valid UTF-8: read as latin-1; TOML must be UTF-8, and pip refuses to read the file (save it as UTF-8)',
    );
    assert.equal(
      advice('dockerfile'),
      'not valid UTF-8: read as latin-1; Docker reads a Dockerfile as UTF-8 and hands other bytes to RUN commands as they are (save the file as UTF-8)',
    );
    // pip refuses such a pyproject.toml: an error, though the file is still read for the rest.
    const pyproject = decodeText(latin1, 'pyproject');
    assert.equal(pyproject.ok && pyproject.caveat?.severity, 'error');
    assert.doesNotMatch(advice('pyproject') ?? '', /coding/);
    assert.doesNotMatch(advice('dockerfile') ?? '', /coding/);
  });

  it('refuses binary content with the offset of the NUL byte, and its line and column', () => {
    assert.deepEqual(decodeText(bytes('torch==2.1.2\n', [0x00, 0x01], 'PK')), {
      ok: false,
      message: 'binary file (NUL byte at offset 13); not read',
      at: { line: 2, column: 1 },
    });
    assert.deepEqual(decodeText(bytes('# coding: latin-1\n', [0x00])), {
      ok: false,
      message: 'binary file (NUL byte at offset 18); not read',
      at: { line: 2, column: 1 },
    });
    assert.deepEqual(decodeText(bytes([0xff, 0xfe], utf16('ab\u0000', false))), {
      ok: false,
      message: 'binary file (NUL byte at offset 6); not read',
      at: { line: 1, column: 3 },
    });
  });

  it('places the NUL as the readers count lines (CRLF, CR, LF) and columns (UTF-16 code units)', () => {
    // A NUL padding the end of a file a tool saved badly, after CRLF lines and a two-byte é.
    const padded = decodeText(bytes('numpy==1.24.4\r\npandas==2.0.3\r\n# caf', [0xc3, 0xa9], ' ', [0x00, 0x00]));
    assert.deepEqual(padded, { ok: false, message: 'binary file (NUL byte at offset 38); not read', at: { line: 3, column: 8 } });
    // A lone CR ends a line too; a byte that is not UTF-8 counts as the one latin-1 character it would be read as.
    assert.deepEqual(decodeText(bytes('a\rb', [0xe9], 'c', [0x00])), {
      ok: false,
      message: 'binary file (NUL byte at offset 5); not read',
      at: { line: 2, column: 4 },
    });
    // UTF-32: after an astral character, which is two code units.
    assert.deepEqual(decodeText(bytes([0xff, 0xfe, 0x00, 0x00], utf32('x\n\u{1f600}\u0000', false))), {
      ok: false,
      message: 'binary file (NUL byte at offset 16); not read',
      at: { line: 2, column: 3 },
    });
    // A declared encoding decodes what comes before the NUL: 한 is two bytes of EUC-KR and one character.
    assert.deepEqual(decodeText(bytes('# coding: euc_kr\n# ', [0xc7, 0xd1, 0x00])), {
      ok: false,
      message: 'binary file (NUL byte at offset 21); not read',
      at: { line: 2, column: 4 },
    });
  });

  it('refuses UTF-16 with an odd number of bytes', () => {
    const decoded = decodeText(bytes([0xff, 0xfe, 0x61, 0x00, 0x62]));
    assert.equal(decoded.ok, false);
  });

  it('reads an empty file', () => {
    assert.deepEqual(decodeText(new Uint8Array()), { ok: true, text: '', encoding: 'utf-8' });
  });
});

describe('splitLines', () => {
  it('splits on LF, CRLF and CR alike', () => {
    assert.deepEqual(splitLines('a\nb\r\nc\rd'), ['a', 'b', 'c', 'd']);
  });

  it('adds no line for a final terminator, and keeps blank lines', () => {
    assert.deepEqual(splitLines('a\n\nb\n'), ['a', '', 'b']);
    assert.deepEqual(splitLines('a\r\n'), ['a']);
    assert.deepEqual(splitLines(''), []);
    assert.deepEqual(splitLines('\n'), ['']);
  });

  it('keeps a CR-LF pair as one break, not two', () => {
    assert.deepEqual(splitLines('a\r\r\nb'), ['a', '', 'b']);
  });
});
