// Can a requirement's environment marker hold where the set installs, and can two markers hold at
// once? Markers are evaluated in a fixed sample of environments (Python 3.6 to 3.15 on Linux,
// Windows and macOS, x86-64 and ARM, CPython and PyPy): two pins under `python_version < "3.10"` and
// `python_version >= "3.10"` never meet in any of them, so they never conflict.

import { parseMarker } from '../parse/marker.js';
import { MarkerEnvironments, type MarkerEnvironment } from '../parse/marker-evaluation.js';
import { contains, type SpecifierSet } from '../pep440/specifier.js';
import { answerOnce } from './pair-cache.js';

const PYTHON_MINORS = ['3.6', '3.7', '3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14', '3.15'];
/** A first and a late patch, for `python_full_version` comparisons. */
const PATCHES = ['0', '20'];
const SYSTEMS = [
  { sys_platform: 'linux', platform_system: 'Linux', os_name: 'posix', machines: ['x86_64', 'aarch64'] },
  { sys_platform: 'win32', platform_system: 'Windows', os_name: 'nt', machines: ['AMD64', 'ARM64'] },
  { sys_platform: 'darwin', platform_system: 'Darwin', os_name: 'posix', machines: ['x86_64', 'arm64'] },
];
const IMPLEMENTATIONS = [
  { implementation_name: 'cpython', platform_python_implementation: 'CPython' },
  { implementation_name: 'pypy', platform_python_implementation: 'PyPy' },
];

/** The sample, in the order of a Truth's flags. */
export const ENVIRONMENTS: readonly MarkerEnvironment[] = PYTHON_MINORS.flatMap((minor) =>
  PATCHES.flatMap((patch) =>
    SYSTEMS.flatMap(({ machines, ...system }) =>
      machines.flatMap((platform_machine) =>
        IMPLEMENTATIONS.map((implementation) => ({
          ...system,
          ...implementation,
          platform_machine,
          python_version: minor,
          python_full_version: `${minor}.${patch}`,
          implementation_version: `${minor}.${patch}`,
          platform_release: '',
          platform_version: '',
          extras: [],
          dependency_groups: [],
        })),
      ),
    ),
  ),
);

/** Which sample environments something holds in: one flag per environment. */
type Truth = Uint8Array;

export class MarkerSpace {
  /** Built at the first marker evaluated: a repository without markers never needs it (1.6 ms of a one-file check). */
  private environments: MarkerEnvironments | null = null;
  private readonly truths = new Map<string, Truth>();
  private readonly pythonMasks = new Map<SpecifierSet, Truth | null>();
  private readonly holdsFor = new Map<SpecifierSet | null, Map<string, boolean>>();

  /** Can the marker hold with an interpreter `python` admits (null: any)? Asked once per distinct marker. */
  holds(marker: string, python: SpecifierSet | null): boolean {
    return answerOnce(this.holdsFor, python, marker, () => this.canHoldTogether([marker], python));
  }

  /**
   * Where the marker holds. A marker that does not parse (the reader reported it) or that packaging
   * could not evaluate is taken to hold everywhere: better a finding too many than a conflict missed.
   */
  private truth(marker: string): Truth {
    let truth = this.truths.get(marker);
    if (!truth) {
      const parsed = parseMarker(marker);
      truth = parsed.ok
        ? Uint8Array.from((this.environments ??= new MarkerEnvironments(ENVIRONMENTS)).evaluate(parsed.marker), (evaluation) =>
            evaluation.ok && !evaluation.value ? 0 : 1,
          )
        : new Uint8Array(ENVIRONMENTS.length).fill(1);
      this.truths.set(marker, truth);
    }
    return truth;
  }

  /**
   * The environments whose interpreter `python` admits; null when it admits none of them (Python 2,
   * 3.16), for such an interpreter says nothing about the markers.
   */
  private pythonMask(python: SpecifierSet): Truth | null {
    let mask = this.pythonMasks.get(python);
    if (mask === undefined) {
      const admitted = Uint8Array.from(ENVIRONMENTS, (environment) =>
        contains(python, environment.python_full_version, { prereleases: true }) ? 1 : 0,
      );
      mask = admitted.includes(1) ? admitted : null;
      this.pythonMasks.set(python, mask);
    }
    return mask;
  }

  /** Can all these markers (null: none) hold at once, with an interpreter `python` admits (null: any)? */
  canHoldTogether(markers: ReadonlyArray<string | null>, python: SpecifierSet | null = null): boolean {
    // Plain loops: the duplicates check asks this for every two pins of a package.
    const truths: Truth[] = [];
    for (const marker of markers) if (marker !== null) truths.push(this.truth(marker));
    // No marker is no condition: an interpreter alone never keeps a pin out.
    if (truths.length === 0) return true;
    const mask = python ? this.pythonMask(python) : null;
    if (mask) truths.push(mask);
    for (let index = 0; index < ENVIRONMENTS.length; index++) {
      if (holdEverywhere(truths, index)) return true;
    }
    return false;
  }
}

function holdEverywhere(truths: readonly Truth[], index: number): boolean {
  for (const truth of truths) if (truth[index] !== 1) return false;
  return true;
}
