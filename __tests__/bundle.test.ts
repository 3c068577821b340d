// The committed bundles (dist/): what they must carry besides the code.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const root = new URL('../../', import.meta.url);

describe('dist/', () => {
  it('licenses.txt names the licence of every dependency the action bundles', () => {
    const { dependencies } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { dependencies: Record<string, string> };
    const licenses = readFileSync(new URL('dist/licenses.txt', root), 'utf8').split('\n');
    for (const name of Object.keys(dependencies)) assert.ok(licenses.includes(name), `${name} is missing from dist/licenses.txt`);
  });
});
