// What pip can install under a known interpreter: pip skips every release whose Requires-Python
// excludes it, so under Python 3.8 an unpinned `numpy` resolves to 1.24.x at most and can never be
// NumPy 2. A rule that worries about the newest releases of a range asks here first.

import type { CheckContext, SetView } from './context.js';
import { setPython } from './context.js';
import { compareDotted, minorOf, type Admits } from './versions.js';

/**
 * The first release of a package that requires a newer Python than the one before: numpy's
 * Requires-Python per release on PyPI (1.20.0 `>=3.7`, 1.22.0 `>=3.8`, 1.25.0 `>=3.9`, 2.1.0
 * `>=3.10`, 2.3.0 `>=3.11`; https://pypi.org/project/numpy/#history). Fixed facts of published
 * releases: they never change.
 */
const PYTHON_FLOORS: Readonly<Record<string, ReadonlyArray<{ release: string; python: string }>>> = {
  numpy: [
    { release: '1.20', python: '3.7' },
    { release: '1.22', python: '3.8' },
    { release: '1.25', python: '3.9' },
    { release: '2.1', python: '3.10' },
    { release: '2.3', python: '3.11' },
  ],
};

/**
 * The versions of `key` a range admits that pip can install under the set's interpreter, or null
 * when the set's Python is not one known minor or the package has no floors here (then the range
 * stands as written). `numpy` under Python 3.8 -> `<1.25`.
 */
export function admittedUnderPython(context: CheckContext, view: SetView, key: string, specifier: string): Admits | null {
  const floors = Object.hasOwn(PYTHON_FLOORS, key) ? PYTHON_FLOORS[key] : undefined;
  const python = setPython(view);
  const minor = python ? minorOf(python.fact.version) : null;
  if (!floors || !minor) return null;
  const ceiling = floors.find((floor) => compareDotted(floor.python, minor) > 0);
  if (!ceiling) return null;
  return context.specifiers.admits(specifier === '' ? `<${ceiling.release}` : `${specifier},<${ceiling.release}`);
}
