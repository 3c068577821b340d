import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { jsonPieces } from '../src/report/json-pieces.js';
import { sendInChunks, writePiecesToFile } from '../src/write-pieces.js';

describe('sendInChunks', () => {
  it('gathers small pieces into writes of about 64 KB, losing and reordering nothing', () => {
    const pieces = Array.from({ length: 20_000 }, (_, index) => `piece ${index},\n`);
    const chunks: string[] = [];
    sendInChunks(pieces, (chunk) => chunks.push(chunk));
    assert.equal(chunks.join(''), pieces.join(''));
    assert.ok(chunks.length >= 2 && chunks.length < 10, `${chunks.length} writes for ${pieces.join('').length} characters`);
    for (const chunk of chunks.slice(0, -1)) assert.ok(chunk.length >= 65_536);
  });

  it('sends nothing for no pieces, or only empty ones', () => {
    const chunks: string[] = [];
    sendInChunks(['', ''], (chunk) => chunks.push(chunk));
    assert.deepEqual(chunks, []);
  });
});

describe('writePiecesToFile', () => {
  it('writes a JSON report in pieces that reads back as the report, replacing what the file held', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'compat-guard-write-'));
    const file = path.join(folder, 'compat-guard.json');
    fs.writeFileSync(file, 'an older, longer report '.repeat(10_000));
    const report = {
      tool: { name: 'compat-guard' },
      findings: Array.from({ length: 3000 }, (_, index) => ({
        rule: 'conflicting-pin',
        line: index,
        message: 'numpy==1.24.4 conflicts with numpy==1.23.5',
      })),
    };
    writePiecesToFile(file, jsonPieces(report));
    assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), report);
    fs.rmSync(folder, { recursive: true, force: true });
  });
});
