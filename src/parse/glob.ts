// Path globs as .gitignore, the action's `paths` input and the matrix's `ignore.paths` use them:
// `**` crosses folders, `*` and `?` stay inside one, `[...]` is a character class.

const cache = new Map<string, RegExp>();

/** A regular expression matching whole repository-relative paths (with `/`). */
export function globToRegExp(glob: string): RegExp {
  const cached = cache.get(glob);
  if (cached) return cached;
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string;
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        const atSegmentEnd = i + 2 === glob.length || glob[i + 2] === '/';
        if (atSegmentStart && atSegmentEnd) {
          // `**/` matches zero or more whole folders; a trailing `**` matches everything below.
          source += i + 2 === glob.length ? '.*' : '(?:.*/)?';
          i += 2;
          continue;
        }
      }
      source += '[^/]*';
    } else if (ch === '?') {
      source += '[^/]';
    } else if (ch === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) {
        source += '\\[';
      } else {
        let body = glob.slice(i + 1, close).replace(/\\/g, '\\\\');
        if (body.startsWith('!')) body = '^' + body.slice(1);
        source += `[${body}]`;
        i = close;
      }
    } else if (ch === '\\' && i + 1 < glob.length) {
      source += escapeRegExp(glob[++i] as string);
    } else {
      source += escapeRegExp(ch);
    }
  }
  const regexp = new RegExp(`^${source}$`);
  // Globs come from the repository's own configuration: a handful per run; the bound only keeps a
  // hostile .gitignore from growing the cache without end.
  if (cache.size > 1000) cache.clear();
  cache.set(glob, regexp);
  return regexp;
}

export function matchesGlob(path: string, glob: string): boolean {
  return globToRegExp(glob).test(path);
}

export function hasGlobChars(text: string): boolean {
  return /[*?[]/.test(text);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
