// Credentials for private indexes, only from where pip takes them outside the repository: the user
// info of index URLs the environment or the workflow gives (PIP_INDEX_URL, PIP_EXTRA_INDEX_URL,
// UV_INDEX_URL, UV_EXTRA_INDEX_URL, the index-url inputs), and ~/.netrc (or $NETRC). Each is bound
// to its origin and sent nowhere else.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Credential } from './http.js';
import { originOf, urlCredentials } from './url.js';

const INDEX_ENVIRONMENT = ['PIP_INDEX_URL', 'PIP_EXTRA_INDEX_URL', 'UV_INDEX_URL', 'UV_EXTRA_INDEX_URL', 'UV_DEFAULT_INDEX', 'UV_INDEX'];

export function gatherCredentials(
  givenUrls: readonly string[],
  env: Record<string, string | undefined>,
): (origin: string) => Credential | undefined {
  const credentials = new Map<string, Credential>();
  const fromEnvironment = INDEX_ENVIRONMENT.flatMap((name) => (env[name] ?? '').split(/\s+/).filter(Boolean));
  for (const url of [...givenUrls, ...fromEnvironment]) {
    const credential = urlCredentials(url);
    const origin = originOf(url);
    if (credential && origin && !credentials.has(origin)) credentials.set(origin, credential);
  }
  const netrc = readNetrc(env.NETRC || path.join(env.HOME || os.homedir(), '.netrc'));
  return (origin) => credentials.get(origin) ?? netrcFor(netrc, origin);
}

interface NetrcEntry {
  machine: string | null;
  login: string;
  password: string;
}

function netrcFor(entries: readonly NetrcEntry[], origin: string): Credential | undefined {
  const host = new URL(origin).hostname;
  const entry = entries.find((candidate) => candidate.machine === host) ?? entries.find((candidate) => candidate.machine === null);
  return entry ? { username: entry.login, password: entry.password } : undefined;
}

/** The machine, login and password of a netrc file; none when it cannot be read. */
function readNetrc(file: string): NetrcEntry[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return parseNetrc(text);
}

export function parseNetrc(text: string): NetrcEntry[] {
  const entries: NetrcEntry[] = [];
  const tokens = text
    .replace(/^\s*#.*$/gm, '')
    .split(/\s+/)
    .filter(Boolean);
  let current: NetrcEntry | null = null;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (token === 'machine' || token === 'default') {
      current = { machine: token === 'machine' ? (tokens[++index] ?? '') : null, login: '', password: '' };
      entries.push(current);
    } else if (token === 'login' && current) current.login = tokens[++index] ?? '';
    else if (token === 'password' && current) current.password = tokens[++index] ?? '';
    else if (token === 'account') index++;
    else if (token === 'macdef') break; // a macro runs to a blank line; nothing after it is read here
  }
  return entries;
}
