// The subset of .gitignore semantics discovery needs: comments, `!` negation (last match wins),
// patterns anchored by a slash, folder-only patterns ending in `/`, and nested .gitignore files whose
// patterns are relative to their own folder.

import { globToRegExp } from './glob.js';

interface IgnorePattern {
  regexp: RegExp;
  negated: boolean;
  folderOnly: boolean;
}

export interface IgnoreRules {
  /** Folder of the .gitignore, repository-relative ("" for the root). */
  base: string;
  patterns: IgnorePattern[];
}

export function parseGitignore(base: string, text: string): IgnoreRules {
  const patterns: IgnorePattern[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.replace(/(?<!\\)\s+$/, '');
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    if (negated) line = line.slice(1);
    if (line.startsWith('\\#') || line.startsWith('\\!')) line = line.slice(1);
    const folderOnly = line.endsWith('/');
    if (folderOnly) line = line.slice(0, -1);
    if (line === '') continue;
    // A slash at the start or in the middle anchors the pattern to the .gitignore's folder.
    const anchored = line.slice(0, -1).includes('/') || line.startsWith('/');
    const glob = anchored ? line.replace(/^\//, '') : `**/${line}`;
    patterns.push({ regexp: globToRegExp(glob), negated, folderOnly });
  }
  return { base, patterns };
}

/** Whether `path` (repository-relative) is ignored by the rules in scope, outermost first. */
export function isIgnored(path: string, isFolder: boolean, rules: readonly IgnoreRules[]): boolean {
  let ignored = false;
  for (const { base, patterns } of rules) {
    if (base !== '' && !path.startsWith(base + '/')) continue;
    const relative = base === '' ? path : path.slice(base.length + 1);
    for (const pattern of patterns) {
      if (pattern.folderOnly && !isFolder) continue;
      if (pattern.regexp.test(relative)) ignored = !pattern.negated;
    }
  }
  return ignored;
}
