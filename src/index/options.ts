// The index checks' settings as the CLI and the action read them; kept apart from the client so that
// reading options loads no HTTP code.

import * as os from 'node:os';
import * as path from 'node:path';

export type IndexMode = 'auto' | 'online' | 'offline' | 'required';
export const INDEX_MODES: readonly IndexMode[] = ['auto', 'online', 'offline', 'required'];

export function isIndexMode(value: string): value is IndexMode {
  return (INDEX_MODES as readonly string[]).includes(value);
}

/** `$XDG_CACHE_HOME/compat-guard`, else `~/.cache/compat-guard`. */
export function defaultCacheDir(env: Record<string, string | undefined>): string {
  return path.join(env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache'), 'compat-guard');
}
