#!/usr/bin/env node
// Checks that this commit can be released as the version package.json names, then tags it: `vX.Y.Z`
// (kept once pushed) and the moving major tag `vX` that users' workflows name (`compat-guard@v1`).
//
//   node scripts/release.mjs --dry-run            # every check, then prints the git commands; offline
//   node scripts/release.mjs --tag v1.2.3          # the release workflow: checks, tags, pushes
//
// What it checks, each from the files themselves (no network): the version is X.Y.Z and the same in
// package.json, package-lock.json and src/version.ts; the tag (when given) is that version; CHANGELOG.md
// has a section for it; the matrix schema's $id names it; action.yml runs the committed dist/index.js
// on node24 and dist/ has both bundles and no uncommitted change (the workflow bundles first); every
// `compat-guard/compat-guard@REF` in the README and docs names the major tag this release moves.
// git runs with an argument list, never through a shell.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPOSITORY = 'compat-guard/compat-guard';
const VERSION_PATTERN = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

function main(argv) {
  const dryRun = argv.includes('--dry-run');
  const tagAt = argv.indexOf('--tag');
  const tagArg = tagAt >= 0 ? argv[tagAt + 1] : undefined;
  const unknown = argv.filter((arg, index) => arg !== '--dry-run' && arg !== '--tag' && index !== tagAt + 1);
  if (unknown.length > 0 || (tagAt >= 0 && !tagArg)) {
    console.error('usage: node scripts/release.mjs [--dry-run] [--tag vX.Y.Z]');
    return 2;
  }

  const problems = [];
  const version = readJson('package.json').version;
  const parts = VERSION_PATTERN.exec(version ?? '');
  if (!parts) {
    console.error(`release: package.json's version ${JSON.stringify(version)} is not X.Y.Z`);
    return 1;
  }
  const tag = `v${version}`;
  const major = `v${parts[1]}`;
  if (tagArg !== undefined && tagArg !== tag) problems.push(`the tag ${tagArg} is not v + package.json's version (${tag})`);

  const lock = readJson('package-lock.json');
  if (lock.version !== version || lock.packages?.['']?.version !== version)
    problems.push(`package-lock.json's version is not ${version}: run npm install`);
  const toolVersion = /TOOL_VERSION = '([^']*)'/.exec(readText('src/version.ts'))?.[1];
  if (toolVersion !== version) problems.push(`src/version.ts says ${toolVersion}, package.json ${version}`);
  if (!new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\]`, 'm').test(readText('CHANGELOG.md'))) {
    problems.push(`CHANGELOG.md has no "## [${version}]" section`);
  }
  const schemaId = readJson('matrix/schema.json').$id;
  const wantedId = `https://raw.githubusercontent.com/${REPOSITORY}/${tag}/matrix/schema.json`;
  if (schemaId !== wantedId) problems.push(`matrix/schema.json's $id is ${schemaId}, not ${wantedId}`);

  const action = readText('action.yml');
  if (!/^\s+using: node24$/m.test(action) || !/^\s+main: dist\/index\.js$/m.test(action))
    problems.push('action.yml does not run dist/index.js on node24');
  for (const bundle of ['dist/index.js', 'dist/cli/index.js']) {
    if (!fs.existsSync(path.join(ROOT, bundle))) problems.push(`${bundle} is missing: run npm run bundle`);
  }
  const distChanges = git(['status', '--porcelain', '--', 'dist']).trim();
  if (distChanges) problems.push(`dist/ differs from what is committed (${distChanges.split('\n').length} files): commit a fresh bundle`);

  for (const file of documents()) {
    readText(file)
      .split('\n')
      .forEach((line, index) => {
        for (const match of line.matchAll(new RegExp(`${REPOSITORY}@([\\w.\\-]+)`, 'g'))) {
          if (match[1] !== major && match[1] !== tag)
            problems.push(`${file}:${index + 1}: ${match[0]} is not a tag this release makes (${major} or ${tag})`);
        }
      });
  }

  if (problems.length > 0) {
    for (const problem of problems) console.error(`release: ${problem}`);
    return 1;
  }
  console.log(`release: ${tag} checks out (moves ${major})`);

  const commands = [
    ...(tagArg === undefined ? [['tag', '--annotate', tag, '--message', `compat-guard ${tag}`]] : []),
    ['tag', '--force', major, `${tag}^{commit}`],
    ...(tagArg === undefined ? [['push', 'origin', `refs/tags/${tag}`]] : []),
    ['push', '--force', 'origin', `refs/tags/${major}`],
  ];
  for (const args of commands) {
    console.log(`${dryRun ? 'would run' : 'running'}: git ${args.join(' ')}`);
    if (!dryRun) git(args);
  }
  return 0;
}

/** README.md and docs/*.md: where users copy `uses:` lines from. */
function documents() {
  const docs = fs
    .readdirSync(path.join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);
  return ['README.md', ...docs];
}

function readText(file) {
  return fs.readFileSync(path.join(ROOT, file), 'utf8');
}

function readJson(file) {
  return JSON.parse(readText(file));
}

function git(args) {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

process.exitCode = main(process.argv.slice(2));
