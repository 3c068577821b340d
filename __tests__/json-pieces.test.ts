import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { jsonPieces } from '../src/report/json-pieces.js';

describe('jsonPieces', () => {
  it('joins to exactly what JSON.stringify(value, null, 2) writes, for any plain object', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue()), fc.constant(undefined))), (value) => {
        assert.equal([...jsonPieces(value)].join(''), `${JSON.stringify(value, null, 2)}\n`);
      }),
    );
  });

  it('gives a top-level array pieces of a few dozen elements each, none of them the whole array', () => {
    const findings = Array.from({ length: 100 }, (_, index) => ({ rule: `r${index}`, message: 'line\nbreak', related: [{ line: index }] }));
    const report = { tool: { name: 'compat-guard' }, findings, counts: {}, none: [] };
    const pieces = [...jsonPieces(report)];
    assert.equal(pieces.join(''), `${JSON.stringify(report, null, 2)}\n`);
    const withFindings = pieces.filter((piece) => piece.includes('"rule"'));
    assert.ok(withFindings.length >= 3);
    assert.ok(withFindings.every((piece) => (piece.match(/"rule"/g) ?? []).length <= 32));
  });

  it('leaves out or writes as null what JSON.stringify does', () => {
    const value = {
      gone: undefined,
      fn: () => 1,
      nothing: { toJSON: () => undefined },
      date: new Date(0),
      list: [undefined, () => 1, Symbol('s'), { toJSON: () => 'kept' }, null],
    };
    assert.equal([...jsonPieces(value)].join(''), `${JSON.stringify(value, null, 2)}\n`);
  });
});
