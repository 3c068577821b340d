// Where a build's Dockerfile is: `-f`/`dockerfile` is relative to the build context (compose, bake) or
// to the working folder (`docker build -f`), the context relative to the defining file's folder or the
// working folder. Paths that leave the repository, and remote contexts (git URLs, `https://`), are null.

import * as posix from 'node:path/posix';

export function inRepository(...parts: string[]): string | null {
  const joined = posix.normalize(posix.join(...parts.map((part) => part.replace(/^\/+/, ''))));
  if (joined === '..' || joined.startsWith('../') || posix.isAbsolute(joined)) return null;
  return joined === '.' ? '' : joined.replace(/\/$/, '');
}

export function isRemoteContext(context: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith('git@') || context.endsWith('.git') || context === '-';
}

/** The Dockerfile of a build whose `dockerfile` is relative to its context (compose, bake, build-push-action). */
export function dockerfileInContext(folder: string, context: string, dockerfile: string | null): string | null {
  if (isRemoteContext(context)) return null;
  const contextPath = inRepository(folder, context);
  if (contextPath === null) return null;
  if (dockerfile !== null && posix.isAbsolute(dockerfile)) return null;
  return inRepository(contextPath, dockerfile ?? 'Dockerfile');
}
