// A set's requirements grouped by package, in typed arrays sized once per set: a large repository's
// sets add hundreds of thousands of requirements in all, and a Map growing entry by entry would
// allocate (and rehash) for most of them. Items are found by a hash of their key, and their keys are
// read only where two hashes agree: for a packed requirement, reading its key means cutting its name
// out of the packed text. A hash is 16 bits, so that names sharing one are easy to craft: past a
// handful of keys of one hash, the others are found by their key in a Map (see CROWDED).

/** No item: the end of a chain, or an empty cell. */
export const END = -1;

/** How a ChainsByKey reads its items' keys (only where hashes agree). */
export interface ItemKeys {
  keyOf(item: number): string;
  /** `keyOf(item) === key`, answered without building the item's key where that is cheaper. */
  hasKey(item: number, key: string): boolean;
}

/**
 * Items numbered 0 to `items - 1`, each added at most once with the hash of its key (a 16-bit
 * integer), and chained with the earlier items of the same key in the order they were added.
 * `reset` starts over with another set's items, reusing the arrays: allocating them for each set
 * cost more than the rest of grouping its requirements.
 */
export class ChainsByKey {
  /** Open addressing, at most half full: each used cell holds one key's hash and its chain's first and last item. */
  private cellHash = new Int32Array(0);
  private cellFirst = new Int32Array(0);
  private cellLast = new Int32Array(0);
  private mask = 0;
  /** 32 less log2 of the cell count: a hash's first cell is in the top bits of its product with FIBONACCI. */
  private shift = 32;
  /** By item: the next item of its chain, or END. */
  private nextItem = new Int32Array(0);
  /** The first item of each chain that has a second, in the order the second was added. */
  repeated: number[] = [];
  /** The chains of the keys past the CROWDED first of their hash, which have no cell, by key. */
  private crowded = new Map<string, Chain>();
  private keys: ItemKeys = NO_KEYS;

  /** Forgets every item, and makes room for `items` new ones (none before the first reset). */
  reset(items: number, keys: ItemKeys): void {
    let cells = 1;
    while (cells < 2 * items) cells *= 2;
    if (cells > this.cellFirst.length) {
      this.cellHash = new Int32Array(cells);
      this.cellFirst = new Int32Array(cells);
      this.cellLast = new Int32Array(cells);
    }
    // Grown as the table is, so that a few sets of growing size do not each allocate.
    if (items > this.nextItem.length) this.nextItem = new Int32Array(cells);
    this.cellFirst.fill(END, 0, cells);
    this.mask = cells - 1;
    this.shift = 32 - Math.log2(cells);
    this.repeated = [];
    if (this.crowded.size > 0) this.crowded = new Map();
    this.keys = keys;
  }

  add(item: number, hash: number): void {
    let cell = this.home(hash);
    let passed = 0;
    for (let first = this.cellFirst[cell] as number; first !== END; first = this.cellFirst[cell] as number) {
      if (this.cellHash[cell] === hash) {
        if (this.keys.hasKey(item, this.keys.keyOf(first))) break;
        // No more than CROWDED keys of a hash have cells: all of them are passed, none the item's.
        if (++passed === CROWDED) {
          this.addCrowded(item);
          return;
        }
      }
      cell = (cell + 1) & this.mask;
    }
    this.nextItem[item] = END;
    const first = this.cellFirst[cell] as number;
    if (first === END) {
      this.cellHash[cell] = hash;
      this.cellFirst[cell] = item;
    } else {
      const last = this.cellLast[cell] as number;
      if (last === first) this.repeated.push(first);
      this.nextItem[last] = item;
    }
    this.cellLast[cell] = item;
  }

  /** `add` for an item whose key is none of the CROWDED keys of its hash that have cells. */
  private addCrowded(item: number): void {
    const key = this.keys.keyOf(item);
    this.nextItem[item] = END;
    const chain = this.crowded.get(key);
    if (chain === undefined) {
      this.crowded.set(key, { first: item, last: item });
      return;
    }
    if (chain.last === chain.first) this.repeated.push(chain.first);
    this.nextItem[chain.last] = item;
    chain.last = item;
  }

  /** The first item of `key` (whose hash is `hash`), or END. */
  find(key: string, hash: number): number {
    let passed = 0;
    for (let cell = this.home(hash); this.cellFirst[cell] !== END; cell = (cell + 1) & this.mask) {
      const first = this.cellFirst[cell] as number;
      if (this.cellHash[cell] === hash) {
        if (this.keys.hasKey(first, key)) return first;
        if (++passed === CROWDED) return this.crowded.get(key)?.first ?? END;
      }
    }
    return END;
  }

  /**
   * The cell a hash's probe starts at. Hashes are 16-bit: `hash & mask` would leave every cell past the
   * 65,536th unused, so that a set of more packages than that piles them into one run of full cells
   * which every add walks (a 200,000-line file took 20 s). Fibonacci hashing spreads them over the table.
   * (`>>> 32` shifts by nothing: the mask of a one-cell table keeps it at 0.)
   */
  private home(hash: number): number {
    return (Math.imul(hash, FIBONACCI) >>> this.shift) & this.mask;
  }

  /** The item of the same key added after this one, or END. */
  next(item: number): number {
    return this.nextItem[item] as number;
  }
}

/** 2^32 divided by the golden ratio, odd. */
const FIBONACCI = 0x9e3779b9;
/**
 * At most this many keys of one hash get cells; the others go to a Map by key. Names crafted to share
 * a hash would otherwise all land in one run of cells, each add comparing its key with every key
 * before it: 30,000 such names took 36 s. Two packages of one set rarely share a hash at all, so
 * that the Map costs nothing in the usual case.
 */
const CROWDED = 8;
const NO_KEYS: ItemKeys = { keyOf: () => '', hasKey: () => false };

/** The first and last item of a key's chain. */
interface Chain {
  first: number;
  last: number;
}
