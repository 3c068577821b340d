// The run's cache of parsed specifiers: each distinct text parsed once, and bounded, so that a file
// pinning one package a million ways cannot fill memory with parsed sets.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Specifiers, type Admits } from '../src/check/versions.js';
import { specifierToString } from '../src/pep440/specifier.js';

function admitted(specifiers: Specifiers, text: string): Admits {
  const admits = specifiers.admits(text);
  assert.ok(admits, text);
  return admits;
}

test('a text is parsed once while the cache has room: the same answer, the same object', () => {
  const specifiers = new Specifiers();
  const first = specifiers.admits('>=1.24,<2');
  assert.equal(specifiers.admits('>=1.24,<2'), first);
  assert.equal(first && specifierToString(first.set), '<2,>=1.24');
  assert.equal(specifiers.admits('=>1.24'), null);
});

test('past its limit the cache starts over, and every answer stays the same', () => {
  const bounded = new Specifiers(3);
  const unbounded = new Specifiers();
  const texts = ['==1.0', '>=1.0,<2', '==2.0', '!=1.5', '~=1.4', '==1.0', '<1.0', '==2.0'];
  for (const text of texts) {
    const [a, b] = [bounded.admits(text), unbounded.admits(text)];
    assert.deepEqual(
      a && { set: specifierToString(a.set), exact: a.exact?.text ?? null },
      b && { set: specifierToString(b.set), exact: b.exact?.text ?? null },
      text,
    );
  }
  // Overlap answers survive the cache starting over in between: they are recomputed, not lost or stale.
  for (const [left, right] of [
    ['==1.0', '>=1.0,<2'],
    ['==2.0', '>=1.0,<2'],
    ['~=1.4', '!=1.5'],
    ['<1.0', '==1.0'],
  ] as const) {
    const answer = (specifiers: Specifiers): boolean => specifiers.overlap(admitted(specifiers, left), admitted(specifiers, right));
    assert.equal(answer(bounded), answer(unbounded), `${left} / ${right}`);
  }
  // The bounded cache holds at most its limit: a text seen before the last start-over is parsed anew.
  const before = bounded.admits('==1.0');
  for (const text of ['==3.0', '==3.1', '==3.2']) bounded.admits(text);
  assert.notEqual(bounded.admits('==1.0'), before);
});
