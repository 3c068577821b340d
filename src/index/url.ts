// URLs as the index client handles them: credentials cut out of anything shown, and the addresses a
// repository must not make the runner fetch (loopback, link-local, private networks: a cloud's
// metadata service at 169.254.169.254, an internal host).

import { isIP } from 'node:net';

/** The URL without its userinfo (`https://user:token@host/` -> `https://host/`); other text as it is. */
export function withoutCredentials(url: string): string {
  return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/@?#]*@/, '$1');
}

/** Every URL inside a text (an error message) without its userinfo. */
export function textWithoutCredentials(text: string): string {
  return text.replace(/([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/@?#\s'"]*@/g, '$1');
}

/** The user name and password written in a URL, decoded; null when it has none. */
export function urlCredentials(url: string): { username: string; password: string } | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!parsed.username && !parsed.password) return null;
  return { username: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) };
}

/** `scheme://host:port`, what credentials are bound to: they are never sent to another origin. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** The URL with a trailing `/`, as pip joins project names to an index URL. */
export function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/**
 * Is the address (an IP literal) one a repository must not make the runner reach: loopback,
 * link-local, private (RFC 1918, unique local), unspecified, carrier-grade NAT, or IPv4-mapped forms of those?
 */
export function isInternalAddress(address: string): boolean {
  const host = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const family = isIP(host);
  if (family === 4) return isInternalIpv4(host);
  if (family !== 6) return false;
  const lower = host.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return isInternalIpv4(mapped[1] as string);
  if (lower === '::' || lower === '::1') return true;
  const first = parseInt(lower.split(':')[0] || '0', 16);
  // fc00::/7 unique local, fe80::/10 link-local, fec0::/10 site-local (deprecated, still private).
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || (first & 0xffc0) === 0xfec0;
}

function isInternalIpv4(address: string): boolean {
  const [a, b] = address.split('.').map(Number) as [number, number, number, number];
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 100 && b >= 64 && b <= 127)
  );
}

/** Host names that name this machine whatever DNS says. */
export function isLocalName(hostname: string): boolean {
  const lower = hostname.toLowerCase().replace(/\.$/, '');
  return lower === 'localhost' || lower.endsWith('.localhost');
}
