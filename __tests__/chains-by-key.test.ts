import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ChainsByKey, END } from '../src/check/chains-by-key.js';
import { keyHash } from '../src/parse/packed.js';
import { namesSharingKeyHash } from './helpers/colliding-names.js';

/** Every chain of `chains`, as its items in order, by key; and the first items of `repeated`. */
function read(
  chains: ChainsByKey,
  keys: readonly string[],
  hash: (key: string) => number,
): { chains: Map<string, number[]>; repeated: number[] } {
  const found = new Map<string, number[]>();
  for (const key of new Set(keys)) {
    const items: number[] = [];
    for (let item = chains.find(key, hash(key)); item !== END; item = chains.next(item)) items.push(item);
    found.set(key, items);
  }
  return { chains: found, repeated: [...chains.repeated] };
}

/** The same, the plain way: a Map of each key's items, and each key's first item in the order its second comes. */
function expected(keys: readonly string[], added: readonly number[]): { chains: Map<string, number[]>; repeated: number[] } {
  const chains = new Map<string, number[]>(keys.map((key) => [key, []]));
  const repeated: number[] = [];
  for (const item of added) {
    const items = chains.get(keys[item] as string) as number[];
    if (items.push(item) === 2) repeated.push(items[0] as number);
  }
  return { chains, repeated };
}

describe('ChainsByKey', () => {
  it('chains the items of each key in the order added, whatever hashes collide', () => {
    // More keys than a hash gives cells to, so that one hash for all crowds most of them out.
    const key = fc.constantFrom(...'abcdefghijklmnopqrst');
    // Hashes from a perfect one to one that puts every key in one cell.
    const hashes = [(text: string) => text.charCodeAt(0), (text: string) => text.charCodeAt(0) % 2, () => 7];
    const chains = new ChainsByKey();
    fc.assert(
      fc.property(fc.array(key, { maxLength: 40 }), fc.constantFrom(...hashes), fc.boolean(), (keys, hash, skipSome) => {
        // Reused across runs, as set views reuse it: each reset forgets the last run's items.
        chains.reset(keys.length, { keyOf: (item) => keys[item] as string, hasKey: (item, key) => keys[item] === key });
        const added = keys.map((_, item) => item).filter((item) => !skipSome || item % 3 !== 1);
        for (const item of added) chains.add(item, hash(keys[item] as string));
        assert.deepEqual(read(chains, keys, hash), expected(keys, added));
      }),
    );
  });

  it('finds nothing for a key never added', () => {
    const chains = new ChainsByKey();
    const keys = ['a', 'b'];
    chains.reset(2, { keyOf: (item) => keys[item] as string, hasKey: (item, key) => keys[item] === key });
    chains.add(0, 5);
    chains.add(1, 5);
    assert.equal(chains.find('c', 5), END);
    assert.equal(chains.find('a', 6), END);
    assert.deepEqual(chains.repeated, []);
  });

  it('reads keys a bounded number of times per item, however many keys share a hash', () => {
    // Names crafted to share one keyHash all probed one run of cells, each add comparing its key with
    // every key before it: 30,000 of them took 36 s in one requirements file.
    const names = namesSharingKeyHash(4096);
    const keys = [...names, ...names.slice(0, 100), 'numpy', names[0] as string];
    let reads = 0;
    const chains = new ChainsByKey();
    chains.reset(keys.length, {
      keyOf: (item) => {
        reads++;
        return keys[item] as string;
      },
      hasKey: (item, key) => {
        reads++;
        return keys[item] === key;
      },
    });
    keys.forEach((key, item) => chains.add(item, keyHash(key)));
    const added = keys.map((_, item) => item);
    assert.deepEqual(read(chains, keys, keyHash), expected(keys, added));
    // At most a few dozen reads an item (a hash's keys with cells, then its own key): linear, where
    // comparing each key with all before it would read about 8,000,000 times.
    assert.ok(reads < 40 * keys.length, `${reads} key reads for ${keys.length} items`);
  });

  it('groups more packages than there are 16-bit hashes', () => {
    // A 200,000-line requirements file. Probing from `hash & mask` left every cell past the 65,536th
    // empty, so that each add walked one long run of full cells (20 s for this set; npm run bench times
    // such repositories, the test checks what they find).
    const keys = Array.from({ length: 200_000 }, (_, index) => `package-${index}`);
    const chains = new ChainsByKey();
    chains.reset(keys.length, { keyOf: (item) => keys[item] as string, hasKey: (item, key) => keys[item] === key });
    keys.forEach((key, item) => chains.add(item, keyHash(key)));
    assert.ok(keys.every((key, item) => chains.find(key, keyHash(key)) === item && chains.next(item) === END));
  });
});
