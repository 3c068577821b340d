// Input text as compat-guard shows it, the way pip shows it: a URL with its credentials redacted
// (in records and messages alike), and text quoted as Python's repr() in messages.

import { pythonRepr } from '../../pep440/specifier.js';

/** pip's redact_auth_from_url: a password becomes `****`, a lone user name (a token) too. */
export function redactUrl(url: string): string {
  const match = URL_USERINFO.exec(url);
  if (!match) return url;
  const userinfo = match[2] as string;
  const colon = userinfo.indexOf(':');
  const redacted = colon >= 0 ? `${userinfo.slice(0, colon)}:****` : '****';
  return `${match[1]}${redacted}@${url.slice(match[0].length)}`;
}

const URL_USERINFO = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/@?#]*)@/;

/** Python's repr() of input, as pip's messages quote it; a long one is cut (a line can be megabytes). */
export function quoteInput(text: string): string {
  return pythonRepr(text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}...` : text);
}

const MAX_QUOTED = 200;
