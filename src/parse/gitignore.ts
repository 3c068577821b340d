// The subset of .gitignore semantics discovery needs: comments, `!` negation (last match wins),
// patterns anchored by a slash, folder-only patterns ending in `/`, and nested .gitignore files whose
// patterns are relative to their own folder.
//
// Every path the walk meets is tested against every pattern in scope, so that a .gitignore of
// thousands of lines (generated ones exist; a hostile one of 100,000 took minutes) would cost
// patterns x paths regex tests. Most patterns are a plain name (`node_modules`), a plain path
// (`/build/out`) or a plain extension (`*.pyc`): those are looked up by the path's name, path or
// extensions, and only the others are tested one by one.

import { globToRegExp } from './glob.js';

export interface IgnorePattern {
  regexp: RegExp;
  negated: boolean;
  folderOnly: boolean;
}

export interface IgnoreRules {
  /** Folder of the .gitignore, repository-relative ("" for the root). */
  base: string;
  /** In the order written: the last that matches decides. */
  patterns: IgnorePattern[];
  /** The patterns by what they match, as indices into `patterns`, each list ascending. */
  byName: Map<string, number[]>;
  byPath: Map<string, number[]>;
  /** `*.tar.gz` under `.tar.gz`: a name matches when it ends with one. */
  bySuffix: Map<string, number[]>;
  /** The patterns none of the maps hold, ascending. */
  others: number[];
}

export function parseGitignore(base: string, text: string): IgnoreRules {
  const rules: IgnoreRules = { base, patterns: [], byName: new Map(), byPath: new Map(), bySuffix: new Map(), others: [] };
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
    const index = rules.patterns.push({ regexp: globToRegExp(glob), negated, folderOnly }) - 1;
    const plainTail = line.slice(1);
    if (anchored && !GLOB_SYNTAX.test(glob)) addTo(rules.byPath, glob, index);
    else if (!anchored && !GLOB_SYNTAX.test(line) && !line.includes('/')) addTo(rules.byName, line, index);
    else if (!anchored && line.startsWith('*') && plainTail.startsWith('.') && !GLOB_SYNTAX.test(plainTail) && !plainTail.includes('/'))
      addTo(rules.bySuffix, plainTail, index);
    else rules.others.push(index);
  }
  return rules;
}

/** What makes a pattern more than its own text: glob characters and escapes. */
const GLOB_SYNTAX = /[*?[\\]/;

function addTo(map: Map<string, number[]>, key: string, index: number): void {
  const indices = map.get(key);
  if (indices === undefined) map.set(key, [index]);
  else indices.push(index);
}

/** Whether `path` (repository-relative) is ignored by the rules in scope, outermost first. */
export function isIgnored(path: string, isFolder: boolean, rules: readonly IgnoreRules[]): boolean {
  let ignored = false;
  for (const scope of rules) {
    const { base } = scope;
    if (base !== '' && !path.startsWith(base + '/')) continue;
    const relative = base === '' ? path : path.slice(base.length + 1);
    const last = lastMatch(scope, relative, isFolder);
    if (last >= 0) ignored = !(scope.patterns[last] as IgnorePattern).negated;
  }
  return ignored;
}

/** The index of the last pattern of `rules` that matches `relative`, or -1. */
function lastMatch(rules: IgnoreRules, relative: string, isFolder: boolean): number {
  const name = relative.slice(relative.lastIndexOf('/') + 1);
  let last = -1;
  const consider = (indices: readonly number[] | undefined): void => {
    if (indices === undefined) return;
    for (let at = indices.length - 1; at >= 0 && (indices[at] as number) > last; at--) {
      const index = indices[at] as number;
      if (isFolder || !(rules.patterns[index] as IgnorePattern).folderOnly) {
        last = index;
        return;
      }
    }
  };
  consider(rules.byName.get(name));
  consider(rules.byPath.get(relative));
  for (let dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) consider(rules.bySuffix.get(name.slice(dot)));
  // Only a later pattern can change the answer: the others are tried from the last down to it.
  for (let at = rules.others.length - 1; at >= 0 && (rules.others[at] as number) > last; at--) {
    const index = rules.others[at] as number;
    const pattern = rules.patterns[index] as IgnorePattern;
    if ((isFolder || !pattern.folderOnly) && pattern.regexp.test(relative)) return index;
  }
  return last;
}
