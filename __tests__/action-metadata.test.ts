// action.yml as the Marketplace and the runner read it, and the README's inputs table beside it: the
// same inputs in both, every one read by the code (an input action.yml lists but the code ignores is a
// setting that silently does nothing), node24, and branding.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { readInputs } from '../src/github/inputs.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const action = parseYaml(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, unknown>;
  runs: { using: string; main: string };
  branding?: { icon?: string; color?: string };
};

test('action.yml runs the committed bundle on node24 and has Marketplace branding', () => {
  assert.deepEqual(action.runs, { using: 'node24', main: 'dist/index.js' });
  assert.ok(action.branding?.icon && action.branding.color);
});

test("the README's inputs table lists exactly action.yml's inputs", () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Inputs and outputs'));
  const table = section.slice(0, section.indexOf('\n\n', section.indexOf('| input |')));
  const documented = [...table.matchAll(/^\| `([a-z-]+)` \|/gm)].map((match) => match[1]).sort();
  assert.deepEqual(documented, Object.keys(action.inputs).sort());
});

test('every input action.yml lists is read by the code', () => {
  const asked = new Set<string>();
  readInputs(
    (name) => {
      asked.add(name);
      return '';
    },
    { cwd: ROOT, runnerTemp: ROOT },
  );
  // Inputs read elsewhere than readInputs would be listed here with where they are read.
  const missing = Object.keys(action.inputs).filter((name) => !asked.has(name));
  assert.deepEqual(missing, []);
});
