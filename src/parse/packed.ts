// A requirements file's requirements packed into one string and one Int32Array, for `check`: a
// repository of 4,000 files holds 400,000 requirements, and as objects with strings of their own
// (about 250 bytes each) they alone would pass the memory budget. The check stage unpacks the files of
// one install set at a time and drops the objects when the set is checked.

import { canonicalName, type ParsedFile, type Requirement } from '../model.js';
import { SharedStrings } from './strings.js';

export interface PackedRequirements {
  readonly count: number;
  /** FIELDS strings per requirement, joined with tabs (the readers never leave a tab in them). */
  readonly fields: string;
  /**
   * NUMBERS numbers per requirement: line, endLine, column, endColumn, marker index + 1 (0: none),
   * flags. 16 bits each when they all fit (every file short of 65,536 lines and columns), else 32.
   */
  readonly numbers: Uint16Array | Int32Array;
  /** The distinct markers of the file. */
  readonly markers: readonly string[];
}

/** What a requirement line says (the reader's fields)... */
export type RequirementFields = Pick<Requirement, 'name' | 'extras' | 'specifier' | 'marker' | 'url'>;
/** ...and where and how it is read. A packed requirement keeps both; unpacking derives the rest. */
export type RequirementPlace = Pick<Requirement, 'editable' | 'constraint' | 'line' | 'endLine' | 'column' | 'endColumn'>;

const FIELDS = 4; // name, specifier, url, extras
const NUMBERS = 6;
const HAS_URL = 1;
const EDITABLE = 2;
const CONSTRAINT = 4;

/**
 * Packs one file's requirements at a time: `add` each, then `finish` for the file's packed form. One
 * packer serves a whole run and keeps its buffers from file to file, so that reading thousands of
 * files does not grow (and throw away) two arrays per file.
 */
export class RequirementPacker {
  private fields: string[] = [];
  private numbers = new Int32Array(NUMBERS * 64);
  private count = 0;
  private largest = 0;
  private markers = new Map<string, number>();

  /** `strings` gives the run's one copy of each marker. */
  constructor(private readonly strings: SharedStrings = new SharedStrings()) {}

  add(requirement: RequirementFields, place: RequirementPlace): void {
    const field = this.count * FIELDS;
    this.fields[field] = requirement.name;
    this.fields[field + 1] = requirement.specifier;
    this.fields[field + 2] = requirement.url ?? '';
    this.fields[field + 3] = requirement.extras.join(',');
    let marker = 0;
    if (requirement.marker !== null) {
      marker = this.markers.get(requirement.marker) ?? 0;
      if (marker === 0) {
        marker = this.markers.size + 1;
        this.markers.set(this.strings.share(requirement.marker), marker);
      }
    }
    const flags = (requirement.url === null ? 0 : HAS_URL) | (place.editable ? EDITABLE : 0) | (place.constraint ? CONSTRAINT : 0);
    // A line never exceeds its endLine, and flags stay below 8.
    this.largest = Math.max(this.largest, place.endLine, place.endColumn, place.column, marker);
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
    this.numbers[number++] = marker;
    this.numbers[number] = flags;
    this.count++;
  }

  /** The file's requirements, packed; the packer is then empty, ready for the next file. */
  finish(): PackedRequirements {
    const used = this.numbers.subarray(0, this.count * NUMBERS);
    const packed: PackedRequirements = {
      count: this.count,
      // join() copies the pieces into one new string: none of them keeps the file's text alive.
      fields: this.fields.slice(0, this.count * FIELDS).join('\t'),
      numbers: this.largest <= 0xffff ? Uint16Array.from(used) : used.slice(),
      markers: [...this.markers.keys()],
    };
    // Emptied, not shrunk: the names would otherwise keep the text they were cut from alive.
    this.fields.fill('', 0, this.count * FIELDS);
    this.count = 0;
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

export function unpackRequirements(packed: PackedRequirements): Requirement[] {
  const fields = packed.fields.split('\t');
  const { numbers, markers } = packed;
  const requirements: Requirement[] = new Array(packed.count);
  for (let index = 0; index < packed.count; index++) {
    const field = index * FIELDS;
    const number = index * NUMBERS;
    const name = fields[field] as string;
    const extras = fields[field + 3] as string;
    const marker = numbers[number + 4] as number;
    const flags = numbers[number + 5] as number;
    requirements[index] = {
      name,
      key: canonicalName(name),
      extras: extras === '' ? NO_EXTRAS : extras.split(','),
      specifier: fields[field + 1] as string,
      marker: marker === 0 ? null : (markers[marker - 1] as string),
      url: flags & HAS_URL ? (fields[field + 2] as string) : null,
      editable: (flags & EDITABLE) !== 0,
      constraint: (flags & CONSTRAINT) !== 0,
      line: numbers[number] as number,
      endLine: numbers[number + 1] as number,
      column: numbers[number + 2] as number,
      endColumn: numbers[number + 3] as number,
    };
  }
  return requirements;
}

/** Shared by every requirement without extras (most of them). */
export const NO_EXTRAS: readonly string[] = Object.freeze([]);

/** A file's requirements, whether it was read packed (by `check`) or not. */
export function requirementsOf(file: ParsedFile): readonly Requirement[] {
  if (file.packed === RELEASED) throw new Error(`${file.path}: its requirements were already released`);
  return file.packed ? unpackRequirements(file.packed) : file.requirements;
}

const RELEASED: PackedRequirements = Object.freeze({ count: 0, fields: '', numbers: new Int32Array(0), markers: [] });

/** Lets a packed file's requirements go (reading them afterwards is a bug, and throws). */
export function releaseRequirements(file: ParsedFile): void {
  if (file.packed) file.packed = RELEASED;
}
