// Package names that all share one `keyHash`, as a hostile repository would craft them. The hash is
// FNV-1a folded to 16 bits from the state's low 30 bits, and the low 30 bits of an FNV-1a state after
// more text depend only on the low 30 bits before it: two blocks of text that take one state to the
// same low 30 bits can be swapped for each other in front of anything. A birthday search finds such a
// pair in some 40,000 tries; k pairs, one after another, spell 2^k names (a Joux multicollision).

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const LOW_30 = 0x3fffffff;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const BLOCK = 6;

function fnv(state: number, text: string): number {
  for (let index = 0; index < text.length; index++) state = Math.imul(state ^ text.charCodeAt(index), FNV_PRIME);
  return state;
}

/** `count` distinct package names (canonical keys: lower-case letters and digits) with one keyHash. */
export function namesSharingKeyHash(count: number): string[] {
  // A fixed sequence of blocks, so that every run crafts the same names.
  let seed = 1;
  const nextBlock = (): string => {
    let block = '';
    for (let index = 0; index < BLOCK; index++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      block += ALPHABET[(seed >>> 16) % ALPHABET.length];
    }
    return block;
  };
  let names = ['c'];
  let state = fnv(FNV_OFFSET, 'c');
  while (names.length < count) {
    const seen = new Map<number, string>();
    let pair: [string, string] | null = null;
    while (pair === null) {
      const block = nextBlock();
      const low = fnv(state, block) & LOW_30;
      const other = seen.get(low);
      if (other !== undefined && other !== block) pair = [other, block];
      else seen.set(low, block);
    }
    const [first, second] = pair;
    names = names.flatMap((name) => [name + first, name + second]);
    state = fnv(state, first);
  }
  return names.slice(0, count);
}
