import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerOnce } from '../src/check/pair-cache.js';

describe('answerOnce', () => {
  it('computes each pair once and keeps pairs apart, false answers included', () => {
    const cache = new Map<string, Map<string, boolean>>();
    let computed = 0;
    const ask = (a: string, b: string): boolean =>
      answerOnce(cache, a, b, () => {
        computed++;
        return a === b;
      });
    assert.deepEqual([ask('x', 'x'), ask('x', 'y'), ask('x', 'x'), ask('x', 'y'), ask('y', 'x')], [true, false, true, false, false]);
    assert.equal(computed, 3);
  });
});
