import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { jsonPieces } from '../src/report/json-pieces.js';

describe('jsonPieces', () => {
  it('joins to exactly what JSON.stringify(value, null, 2) writes, for any plain object', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue()), fc.constant(undefined))), (value) => {
      assert.equal([...jsonPieces(value)].join(''), `${JSON.stringify(value, null, 2)}\n`);
    }));
  });

  it('gives each element of a top-level array a piece of its own', () => {
    const report = { tool: { name: 'compat-guard' }, findings: [{ rule: 'a', message: 'line\nbreak' }, { rule: 'b' }], counts: {}, none: [] };
    const pieces = [...jsonPieces(report)];
    assert.equal(pieces.join(''), `${JSON.stringify(report, null, 2)}\n`);
    assert.equal(pieces.filter((piece) => piece.includes('"rule"')).length, 2);
  });
});
