// The documentation's own examples are valid: every matrix file docs/matrix.md shows whole (a YAML
// block that starts with a top-level key) loads through the CLI's `matrix` command as a repository's
// .github/compat-matrix.yml would; one that the validator refused taught users to write it wrong.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { makeTree, removeTree } from './helpers/temp-tree.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = path.join(ROOT, 'dist/cli/index.js');
const TOP_LEVEL_KEY = /^(extends|profile|profiles|rules|ignore|facts):/m;

/** The ```yaml blocks of a Markdown file, with the line each starts on. */
function yamlBlocks(file: string): Array<{ line: number; text: string }> {
  const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n');
  const blocks: Array<{ line: number; text: string }> = [];
  for (let index = 0; index < lines.length; index++) {
    if (lines[index]?.trim() !== '```yaml') continue;
    const end = lines.findIndex((line, after) => after > index && line.trim() === '```');
    blocks.push({ line: index + 2, text: lines.slice(index + 1, end).join('\n') });
    index = end;
  }
  return blocks;
}

test('every whole matrix file docs/matrix.md shows is valid', () => {
  const whole = yamlBlocks('docs/matrix.md').filter((block) => TOP_LEVEL_KEY.test(block.text));
  assert.ok(whole.length >= 4, `only ${whole.length} whole examples found`);
  for (const block of whole) {
    const root = makeTree({ '.github/compat-matrix.yml': `${block.text}\n` });
    try {
      const run = spawnSync(process.execPath, [CLI, 'matrix', '--root', root], { cwd: root, encoding: 'utf8' });
      assert.equal(run.status, 0, `docs/matrix.md:${block.line}: ${run.stderr}`);
    } finally {
      removeTree(root);
    }
  }
});
