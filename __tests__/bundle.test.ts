// The committed bundles (dist/): what they must carry besides the code, and what a small CLI run leaves unloaded.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { makeTree, removeTree } from './helpers/temp-tree.js';

const root = new URL('../../', import.meta.url);

describe('dist/', () => {
  it('licenses.txt names the licence of every dependency the action bundles', () => {
    const { dependencies } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { dependencies: Record<string, string> };
    const licenses = readFileSync(new URL('dist/licenses.txt', root), 'utf8').split('\n');
    for (const name of Object.keys(dependencies)) assert.ok(licenses.includes(name), `${name} is missing from dist/licenses.txt`);
  });

  it("the CLI bundle carries no GitHub client: octokit and its rate limiter are the action's alone", () => {
    const cli = new URL('dist/cli/', root);
    for (const name of readdirSync(cli).filter((file) => file.endsWith('.js'))) {
      const text = readFileSync(new URL(name, cli), 'utf8');
      for (const marker of ['octokit', 'Bottleneck']) assert.ok(!text.includes(marker), `dist/cli/${name} contains ${marker}`);
    }
  });

  it("the CLI's first chunks are Latin-1 text, which V8 holds one byte a character", () => {
    // One character past U+00FF (an ellipsis in a message, a letter in a comment) makes the whole
    // chunk two-byte text: 1.1 MB instead of 556 KB to decode and hold, about 1 ms of a one-file
    // check (docs/benchmarks.md, "Start-up"). Write such characters as \u escapes in src/.
    const entry = readFileSync(new URL('dist/cli/index.js', root), 'utf8');
    const chunks = [...entry.matchAll(/__nccwpck_require__\.e\((?:\/\* import\(\) \*\/ )?(\d+)\)/g)].map((match) => match[1]);
    assert.ok(chunks.length > 0, 'the entry loads its chunks');
    for (const chunk of chunks) {
      const text = readFileSync(new URL(`dist/cli/${chunk}.index.js`, root), 'utf8');
      const at = text.search(/[^\u0000-\u00ff]/u);
      assert.equal(at, -1, `dist/cli/${chunk}.index.js: ${JSON.stringify(text.slice(Math.max(0, at - 60), at + 10))}`);
    }
  });

  it('a one-file offline check loads neither the HTTP client (node:dns) nor the archive readers (node:zlib)', (t) => {
    // They are chunks of their own, loaded when a run asks an index or reads a wheel: a small check's
    // start-up paid for both (docs/benchmarks.md, "Start-up"). Node's list of the built-in modules it
    // loaded is not documented: where it is missing, there is nothing to check.
    if (!Array.isArray((process as { moduleLoadList?: unknown }).moduleLoadList)) return t.skip('no process.moduleLoadList');
    const tree = makeTree({
      'requirements.txt': 'numpy==1.23.5\ntorch==2.1.2\n',
      'cache/.keep': '',
      'loaded.cjs': "process.on('exit', () => process.stderr.write(JSON.stringify(process.moduleLoadList)));\n",
    });
    after(() => removeTree(tree));
    const cli = fileURLToPath(new URL('dist/cli/index.js', root));
    const argv = [
      '--require',
      path.join(tree, 'loaded.cjs'),
      cli,
      'check',
      '--root',
      tree,
      '--index',
      'offline',
      '--cache-dir',
      path.join(tree, 'cache'),
    ];
    const run = spawnSync(process.execPath, argv, { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    assert.equal(run.status, 0, run.stderr);
    const loaded = JSON.parse(run.stderr) as string[];
    assert.ok(loaded.includes('NativeModule fs'), 'the list names the built-in modules');
    for (const name of ['dns', 'dns/promises', 'zlib', 'http', 'https'])
      assert.ok(!loaded.includes(`NativeModule ${name}`), `node:${name} was loaded`);
  });
});
