// A requirements file's requirements packed into one string and one Int32Array, for `check`: a
// repository of 4,000 files holds 400,000 requirements, and as objects with strings of their own
// (about 250 bytes each) they alone would pass the memory budget. The check stage unpacks the files of
// one install set at a time and drops the objects when the set is checked.

import { canonicalName, type ParsedFile, type Requirement } from '../model.js';

export interface PackedRequirements {
  readonly count: number;
  /** FIELDS strings per requirement, joined with tabs (the readers never leave a tab in them). */
  readonly fields: string;
  /** NUMBERS numbers per requirement: line, endLine, column, endColumn, marker index (-1: none), flags. */
  readonly numbers: Int32Array;
  /** The distinct markers of the file. */
  readonly markers: readonly string[];
}

/** What a packed requirement keeps: a requirements file's requirement, minus what unpacking derives. */
export type PackableRequirement = Omit<Requirement, 'key' | 'hashes' | 'stage' | 'group'>;

const FIELDS = 4; // name, specifier, url, extras
const NUMBERS = 6;
const HAS_URL = 1;
const EDITABLE = 2;
const CONSTRAINT = 4;

export class RequirementPacker {
  private readonly fields: string[] = [];
  private readonly numbers: number[] = [];
  private readonly markers = new Map<string, number>();

  /** `share` gives the run's one copy of a marker (see SharedStrings). */
  constructor(private readonly share: (marker: string) => string = (marker) => marker) {}

  add(requirement: PackableRequirement): void {
    this.fields.push(requirement.name, requirement.specifier, requirement.url ?? '', requirement.extras.join(','));
    let marker = -1;
    if (requirement.marker !== null) {
      marker = this.markers.get(requirement.marker) ?? -1;
      if (marker < 0) {
        marker = this.markers.size;
        this.markers.set(this.share(requirement.marker), marker);
      }
    }
    const flags = (requirement.url === null ? 0 : HAS_URL) | (requirement.editable ? EDITABLE : 0) | (requirement.constraint ? CONSTRAINT : 0);
    this.numbers.push(requirement.line, requirement.endLine, requirement.column, requirement.endColumn, marker, flags);
  }

  finish(): PackedRequirements {
    // join() copies the pieces into one new string: none of them keeps the file's text alive.
    return { count: this.numbers.length / NUMBERS, fields: this.fields.join('\t'), numbers: new Int32Array(this.numbers), markers: [...this.markers.keys()] };
  }
}

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
      marker: marker < 0 ? null : (markers[marker] as string),
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
