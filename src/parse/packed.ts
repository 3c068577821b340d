// A requirements file's requirements packed into one string and one typed array, for `check`: a
// repository of 4,000 files holds 400,000 requirements, and as objects with strings of their own
// (about 250 bytes each) they alone would pass the memory budget. The check stage reads them in place
// (RequirementTable): a set groups its requirements by package from the numbers alone, and builds a
// Requirement only for the few a rule asks about.

import { canonicalName, type PackedRequirements, type ParsedFile, type Requirement } from '../model.js';
import { NO_EXTRAS } from './requirement.js';
import { detached, SharedStrings } from './strings.js';

/** What a requirement line says (the reader's fields)... */
export type RequirementFields = Pick<Requirement, 'name' | 'extras' | 'specifier' | 'marker' | 'url'>;
/** ...and where and how it is read. A packed requirement keeps both; unpacking derives the rest. */
export type RequirementPlace = Pick<Requirement, 'editable' | 'constraint' | 'line' | 'endLine' | 'column' | 'endColumn'>;

const FIELDS = 4; // name, specifier, url, extras
const NUMBERS = 7;
const MARKER_AND_FLAGS = 4;
const FIELDS_START = 5;
const KEY_HASH = 6;
/** The flags take the low bits of MARKER_AND_FLAGS, the marker index + 1 the others. */
const FLAG_BITS = 3;
const HAS_URL = 1;
const EDITABLE = 2;
const CONSTRAINT = 4;
const TAB = 0x09;

/**
 * Packs one file's requirements at a time: `add` each, then `finish` for the file's packed form. One
 * packer serves a whole run and keeps its buffers from file to file, so that reading thousands of
 * files does not grow (and throw away) two arrays per file.
 */
export class RequirementPacker {
  private fields: string[] = [];
  private numbers = new Int32Array(NUMBERS * 64);
  private count = 0;
  private fieldsLength = 0;
  private largest = 0;
  private markers = new Map<string, number>();

  /** `strings` gives the run's one copy of each marker. */
  constructor(private readonly strings: SharedStrings = new SharedStrings()) {}

  add(requirement: RequirementFields, place: RequirementPlace): void {
    const url = requirement.url ?? '';
    // join() is a call into the runtime even for no extras, which most requirements have.
    const extras = requirement.extras.length === 0 ? '' : requirement.extras.join(',');
    const start = this.fieldsLength;
    const field = this.count * FIELDS;
    this.fields[field] = requirement.name;
    this.fields[field + 1] = requirement.specifier;
    this.fields[field + 2] = url;
    this.fields[field + 3] = extras;
    // Four fields and the tab after each (the last one's is the next requirement's start).
    this.fieldsLength += requirement.name.length + requirement.specifier.length + url.length + extras.length + FIELDS;
    let marker = -1;
    if (requirement.marker !== null) {
      marker = this.markers.get(requirement.marker) ?? -1;
      if (marker < 0) {
        marker = this.markers.size;
        this.markers.set(this.strings.share(requirement.marker), marker);
      }
    }
    const flags = (requirement.url === null ? 0 : HAS_URL) | (place.editable ? EDITABLE : 0) | (place.constraint ? CONSTRAINT : 0);
    const markerAndFlags = ((marker + 1) << FLAG_BITS) | flags;
    // A line never exceeds its endLine, and the key hash is 16 bits.
    this.largest = Math.max(this.largest, place.endLine, place.column, place.endColumn, markerAndFlags, start);
    let number = this.count * NUMBERS;
    if (number + NUMBERS > this.numbers.length) {
      const grown = new Int32Array(this.numbers.length * 2);
      grown.set(this.numbers);
      this.numbers = grown;
    }
    this.numbers[number++] = place.line;
    this.numbers[number++] = place.endLine;
    this.numbers[number++] = place.column;
    this.numbers[number++] = place.endColumn;
    this.numbers[number++] = markerAndFlags;
    this.numbers[number++] = start;
    this.numbers[number] = nameKeyHash(requirement.name);
    this.count++;
  }

  /** The file's requirements, packed; the packer is then empty, ready for the next file. */
  finish(): PackedRequirements {
    const used = this.numbers.subarray(0, this.count * NUMBERS);
    const packed: PackedRequirements = {
      count: this.count,
      // join() copies the pieces into one new string: none of them keeps the file's text alive.
      fields: this.fields.slice(0, this.count * FIELDS).join('\t'),
      numbers: this.largest <= 0xffff ? new Uint16Array(used) : used.slice(),
      markers: [...this.markers.keys()],
    };
    // Emptied, not shrunk: the names would otherwise keep the text they were cut from alive.
    this.fields.fill('', 0, this.count * FIELDS);
    this.count = 0;
    this.fieldsLength = 0;
    this.largest = 0;
    if (this.markers.size > 0) this.markers = new Map();
    // A file far longer than most would keep its buffers; let them go.
    if (this.fields.length > MAX_KEPT_FIELDS) {
      this.fields = [];
      this.numbers = new Int32Array(NUMBERS * 64);
    }
    return packed;
  }
}

/** Past this many fields (that is, requirements in one file) the packer drops its buffers after the file. */
const MAX_KEPT_FIELDS = FIELDS * 16_384;

/**
 * A number for a package's key, equal for equal keys: a set groups its requirements by it without
 * cutting their names out of the packed text, and compares the keys themselves only where two
 * requirements' numbers agree (rarely two different packages in one set). FNV-1a, folded to 16
 * bits so that it packs with the positions of most files in a Uint16Array.
 */
export function keyHash(key: string): number {
  let hash = FNV_OFFSET;
  for (let index = 0; index < key.length; index++) hash = Math.imul(hash ^ key.charCodeAt(index), FNV_PRIME);
  return folded(hash);
}

/**
 * `keyHash(canonicalName(name))` in one pass over the name, building nothing: the packer hashes
 * every requirement of the repository.
 */
export function nameKeyHash(name: string): number {
  let hash = FNV_OFFSET;
  // A run of separators is one `-` of the key, written before the next character (or at the end).
  let separator = false;
  for (let index = 0; index < name.length; index++) {
    let c = name.charCodeAt(index);
    if (c === 0x2d || c === 0x5f || c === 0x2e) {
      separator = true;
      continue;
    }
    // Lower-casing beyond ASCII is canonicalName's (no reader lets such a name through).
    if (c > 0x7f) return keyHash(canonicalName(name));
    if (separator) hash = Math.imul(hash ^ 0x2d, FNV_PRIME);
    separator = false;
    if (c >= 0x41 && c <= 0x5a) c |= 0x20;
    hash = Math.imul(hash ^ c, FNV_PRIME);
  }
  if (separator) hash = Math.imul(hash ^ 0x2d, FNV_PRIME);
  return folded(hash);
}

/** The 30 low bits of a hash, folded into 16. */
function folded(hash: number): number {
  const low = hash & 0x3fffffff;
  return (low ^ (low >>> 16)) & 0xffff;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * A file's requirements one by one, packed or not. Reading a packed one's key, specifier or whole
 * requirement cuts it out of the packed text then and there: ask only for what is needed.
 */
export interface RequirementTable {
  readonly count: number;
  /** `keyHash` of the requirement's key. */
  keyHash(index: number): number;
  /** The PEP 503 name. */
  key(index: number): string;
  /** `key(index) === key`, compared in place where the name is written as its key (most are). */
  hasKey(index: number, key: string): boolean;
  specifier(index: number): string;
  hasUrl(index: number): boolean;
  editable(index: number): boolean;
  /** Dockerfile requirements only: the stage that installs it. */
  stage(index: number): string | null | undefined;
  requirement(index: number): Requirement;
}

class PackedTable implements RequirementTable {
  readonly count: number;

  constructor(private readonly packed: PackedRequirements) {
    this.count = packed.count;
  }

  keyHash(index: number): number {
    return this.packed.numbers[index * NUMBERS + KEY_HASH] as number;
  }

  key(index: number): string {
    const { fields } = this.packed;
    const start = this.fieldsStart(index);
    return canonicalName(fields.slice(start, fields.indexOf('\t', start)));
  }

  hasKey(index: number, key: string): boolean {
    const { fields } = this.packed;
    const start = this.fieldsStart(index);
    if (fields.startsWith(key, start) && fields.charCodeAt(start + key.length) === TAB) return true;
    return this.key(index) === key;
  }

  specifier(index: number): string {
    const { fields } = this.packed;
    const start = fields.indexOf('\t', this.fieldsStart(index)) + 1;
    return fields.slice(start, fields.indexOf('\t', start));
  }

  hasUrl(index: number): boolean {
    return (this.flags(index) & HAS_URL) !== 0;
  }

  editable(index: number): boolean {
    return (this.flags(index) & EDITABLE) !== 0;
  }

  stage(): null {
    return null;
  }

  requirement(index: number): Requirement {
    const { fields, numbers, markers } = this.packed;
    const number = index * NUMBERS;
    const nameStart = numbers[number + FIELDS_START] as number;
    const nameEnd = fields.indexOf('\t', nameStart);
    const specifierEnd = fields.indexOf('\t', nameEnd + 1);
    const urlEnd = fields.indexOf('\t', specifierEnd + 1);
    const extrasEnd = index === this.count - 1 ? fields.length : fields.indexOf('\t', urlEnd + 1);
    // Name and specifier end up in findings, which outlive the file's release: copies of their own
    // keep the packed text from living on with them (a longer slice is a view into it).
    const name = detached(fields.slice(nameStart, nameEnd));
    const marker = ((numbers[number + MARKER_AND_FLAGS] as number) >> FLAG_BITS) - 1;
    const flags = this.flags(index);
    return {
      name,
      key: canonicalName(name),
      extras: urlEnd + 1 === extrasEnd ? NO_EXTRAS : fields.slice(urlEnd + 1, extrasEnd).split(','),
      specifier: detached(fields.slice(nameEnd + 1, specifierEnd)),
      marker: marker < 0 ? null : (markers[marker] as string),
      url: flags & HAS_URL ? fields.slice(specifierEnd + 1, urlEnd) : null,
      editable: (flags & EDITABLE) !== 0,
      constraint: (flags & CONSTRAINT) !== 0,
      line: numbers[number] as number,
      endLine: numbers[number + 1] as number,
      column: numbers[number + 2] as number,
      endColumn: numbers[number + 3] as number,
    };
  }

  private fieldsStart(index: number): number {
    return this.packed.numbers[index * NUMBERS + FIELDS_START] as number;
  }

  private flags(index: number): number {
    return (this.packed.numbers[index * NUMBERS + MARKER_AND_FLAGS] as number) & ((1 << FLAG_BITS) - 1);
  }
}

/** The requirements of a file read as objects (Dockerfiles, pyproject.toml, and any file outside `check`). */
class ListedTable implements RequirementTable {
  readonly count: number;

  constructor(private readonly requirements: readonly Requirement[]) {
    this.count = requirements.length;
  }

  keyHash(index: number): number {
    return keyHash(this.requirement(index).key);
  }

  key(index: number): string {
    return this.requirement(index).key;
  }

  hasKey(index: number, key: string): boolean {
    return this.requirement(index).key === key;
  }

  specifier(index: number): string {
    return this.requirement(index).specifier;
  }

  hasUrl(index: number): boolean {
    return this.requirement(index).url !== null;
  }

  editable(index: number): boolean {
    return this.requirement(index).editable;
  }

  stage(index: number): string | null | undefined {
    return this.requirement(index).stage;
  }

  requirement(index: number): Requirement {
    return this.requirements[index] as Requirement;
  }
}

export function unpackRequirements(packed: PackedRequirements): Requirement[] {
  const table = new PackedTable(packed);
  return Array.from({ length: table.count }, (_, index) => table.requirement(index));
}

/** A file's requirements as a table, whether it was read packed (by `check`) or not. */
export function requirementTable(file: ParsedFile): RequirementTable {
  const packed = packedOf(file);
  return packed ? new PackedTable(packed) : new ListedTable(file.requirements);
}

/** A file's requirements as objects, whether it was read packed (by `check`) or not. */
export function requirementsOf(file: ParsedFile): readonly Requirement[] {
  const packed = packedOf(file);
  return packed ? unpackRequirements(packed) : file.requirements;
}

function packedOf(file: ParsedFile): PackedRequirements | undefined {
  if (file.packed === RELEASED) throw new Error(`${file.path}: its requirements were already released`);
  return file.packed;
}

const RELEASED: PackedRequirements = Object.freeze({ count: 0, fields: '', numbers: new Int32Array(0), markers: [] });

/** Lets a packed file's requirements go (reading them afterwards is a bug, and throws). */
export function releaseRequirements(file: ParsedFile): void {
  if (file.packed) file.packed = RELEASED;
}
