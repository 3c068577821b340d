// .gitignore patterns are looked up by the name, path or extensions of a path where they are plain,
// and tested one by one only where they are globs: the answer must be the one testing every pattern
// in order gives (the last that matches decides, outermost .gitignore first).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isIgnored, parseGitignore, type IgnoreRules } from '../src/parse/gitignore.js';

/** Every pattern tested in order, as the rules read before they were indexed. */
function ignoredTestingEach(path: string, isFolder: boolean, rules: readonly IgnoreRules[]): boolean {
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

const segment = fc.constantFrom(
  'build',
  'dist',
  'venv',
  '.venv',
  'node_modules',
  'a',
  'b',
  'x.pyc',
  'req.txt',
  'req.tar.gz',
  '.gz',
  'gz',
  'docs',
  'a.b.c',
);
const pattern = fc
  .tuple(
    fc.constantFrom('', '!', '\\!', '\\#'),
    fc.constantFrom('', '/'),
    fc.array(fc.oneof(segment, fc.constantFrom('*', '**', '*.pyc', '*.gz', '*.tar.gz', '*.', 'b?ild', '[ab]', 'x\\ ', '*x')), {
      minLength: 1,
      maxLength: 3,
    }),
    fc.constantFrom('', '/', '//'),
  )
  .map(([negation, anchor, segments, end]) => `${negation}${anchor}${segments.join('/')}${end}`);
const gitignore = fc.array(pattern, { maxLength: 12 }).map((lines) => lines.join('\n'));
const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((segments) => segments.join('/'));

test('looking patterns up gives the answer of testing each in order', () => {
  fc.assert(
    fc.property(gitignore, gitignore, path, fc.boolean(), (outer, inner, target, isFolder) => {
      const rules = [parseGitignore('', outer), parseGitignore('a', inner)];
      assert.equal(isIgnored(target, isFolder, rules), ignoredTestingEach(target, isFolder, rules));
    }),
    { numRuns: 20_000 },
  );
});

test('plain names, paths and extensions are looked up; globs are tested', () => {
  const rules = parseGitignore('', 'node_modules/\n/build/out\n*.pyc\n*.tar.gz\n!keep.pyc\nb?ild\n');
  assert.deepEqual(
    [...rules.byName.keys(), ...rules.byPath.keys(), ...rules.bySuffix.keys()],
    ['node_modules', 'keep.pyc', 'build/out', '.pyc', '.tar.gz'],
  );
  assert.deepEqual(rules.others, [5]);
  assert.equal(isIgnored('svc/node_modules', true, [rules]), true);
  assert.equal(isIgnored('svc/node_modules', false, [rules]), false);
  assert.equal(isIgnored('svc/x.pyc', false, [rules]), true);
  assert.equal(isIgnored('svc/keep.pyc', false, [rules]), false);
  assert.equal(isIgnored('pkg-1.0.tar.gz', false, [rules]), true);
  assert.equal(isIgnored('build/out', false, [rules]), true);
  assert.equal(isIgnored('svc/build/out', false, [rules]), false);
  assert.equal(isIgnored('bxild', true, [rules]), true);
});
