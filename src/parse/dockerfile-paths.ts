// Container paths and the build-context files they came from. A `pip install -r requirements/base.txt`
// in a RUN names a path inside the image; the file the repository holds is found by walking back
// through the RUN's bind mounts and the COPY/ADD instructions of the stage and of the stages it is
// built FROM: `WORKDIR /app` + `COPY requirements/ ./requirements/` makes
// `/app/requirements/base.txt` the context's `requirements/base.txt`.

import * as posix from 'node:path/posix';
import { matchesPattern } from './dockerfile-expand.js';

/** `path` resolved against the absolute directory `base` (a WORKDIR), normalized, without a trailing `/`. */
export function joinPath(base: string, path: string): string {
  return posix.resolve(base, path);
}

/**
 * A COPY or bind-mount source as a relative, normalized path (`` for the root): a context path, or a
 * path in another stage without its leading `/`. A leading `/` or `..` cannot leave the context.
 */
function contextPath(path: string): string {
  return posix.resolve('/', path).slice(1);
}

function joinRelative(base: string, rel: string): string {
  return base === '' ? rel : `${base}/${rel}`;
}

function hasPattern(path: string): boolean {
  return path.includes('*') || path.includes('?');
}

/** Files put at a container path from `sources` (a COPY, an ADD, or a RUN bind mount). */
export interface Placement {
  /** Normalized by `contextPath`. */
  sources: string[];
  /** The absolute destination, normalized. */
  root: string;
  /** The sources go into `root` (a destination written with a trailing `/`, or several sources). */
  intoDirectory: boolean;
}

/** A placement of `sources` (as written) at `dest` (absolute; a trailing `/` for a directory). */
export function placement(sources: readonly string[], dest: string): Placement {
  return { sources: sources.map(contextPath), root: joinPath('/', dest), intoDirectory: dest.endsWith('/') || sources.length > 1 };
}

/**
 * The source-side path that `target` (an absolute container path) came from through `placement`, or
 * null when the placement does not put anything there. Sources that may be files or folders are read
 * both ways: `COPY requirements.txt /app/` puts `/app/requirements.txt`; `COPY requirements /app/requirements`
 * puts `/app/requirements/base.txt`.
 */
export function sourceOf(placement: Placement, target: string): string | null {
  const { root, sources } = placement;
  const rel =
    root === '/' ? target.slice(1) : target.startsWith(root) && target[root.length] === '/' ? target.slice(root.length + 1) : null;
  // Later sources overwrite earlier ones.
  for (let index = sources.length - 1; index >= 0; index -= 1) {
    const source = sources[index]!;
    if (!placement.intoDirectory && target === root) return source;
    if (rel === null || rel === '') continue;
    const name = source.slice(source.lastIndexOf('/') + 1);
    if (name !== '' && name === rel) return source;
    if (hasPattern(source)) {
      const folder = source.slice(0, Math.max(0, source.lastIndexOf('/')));
      if (!rel.includes('/') && matchesPattern(name, rel)) return joinRelative(folder, rel);
      continue;
    }
    // A single source, or the root, is a folder whose contents land in `dest`.
    if (sources.length === 1 || source === '') return joinRelative(source, rel);
  }
  return null;
}
