// The committed bundles (dist/): what they must carry besides the code.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

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
});
