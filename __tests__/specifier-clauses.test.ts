// A specifier of more clauses than the checks read (MAX_SPECIFIER_CLAUSES) leaves its requirement out
// of the checks with a warning at its line, in each reader, and the rest of the file is still read.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDockerfile } from '../src/parse/dockerfile.js';
import { parsePyproject } from '../src/parse/pyproject.js';
import { MAX_SPECIFIER_CLAUSES, tooManyClauses } from '../src/parse/requirement.js';
import { parseRequirementsFile } from '../src/parse/requirements/reader.js';

/** `!=1.0.0,!=1.0.1,...`: the way such a set gets written, by a script excluding every bad release. */
function exclusions(count: number): string {
  return Array.from({ length: count }, (_, index) => `!=1.${Math.floor(index / 100)}.${index % 100}`).join(',');
}

test('up to the limit a specifier is read whole; past it, the warning says how many clauses and that pip reads it', () => {
  assert.equal(tooManyClauses('numpy', exclusions(MAX_SPECIFIER_CLAUSES)), null);
  assert.equal(
    tooManyClauses('numpy', exclusions(MAX_SPECIFIER_CLAUSES + 1)),
    `numpy: a specifier of ${MAX_SPECIFIER_CLAUSES + 1} clauses; compat-guard checks at most ${MAX_SPECIFIER_CLAUSES} per requirement, so this requirement is not checked (pip reads it)`,
  );
});

test('a requirements file, a pyproject.toml and a Dockerfile each warn at the line and read on', () => {
  const long = `numpy${exclusions(MAX_SPECIFIER_CLAUSES + 1)}`;
  const requirements = parseRequirementsFile('requirements.txt', `torch==2.1.2\n${long}\nscipy==1.11.4\n`, { constraint: false });
  const pyproject = parsePyproject(
    'pyproject.toml',
    `[project]\nname = "asr"\ndependencies = [\n  "torch==2.1.2",\n  "${long}",\n  "scipy==1.11.4",\n]\n`,
  );
  const dockerfile = parseDockerfile('Dockerfile', `FROM python:3.11-slim\nRUN pip install torch==2.1.2 '${long}' scipy==1.11.4\n`);
  for (const [parsed, line] of [
    [requirements, 2],
    [pyproject, 5],
    [dockerfile, 2],
  ] as const) {
    assert.deepEqual(
      parsed.file.requirements.map((requirement) => requirement.key),
      ['torch', 'scipy'],
      parsed.file.path,
    );
    assert.deepEqual(
      parsed.diagnostics.map((diagnostic) => [diagnostic.line, diagnostic.severity]),
      [[line, 'warning']],
      parsed.file.path,
    );
    assert.match(
      parsed.diagnostics[0]?.message ?? '',
      /numpy: a specifier of 1001 clauses; compat-guard checks at most 1000/,
      parsed.file.path,
    );
  }
});

test('a Poetry dependency warns at its key, named by its dotted path', () => {
  const parsed = parsePyproject(
    'pyproject.toml',
    `[tool.poetry.dependencies]\npython = "^3.10"\nnumpy = "${exclusions(MAX_SPECIFIER_CLAUSES + 1)}"\nscipy = "1.11.4"\n`,
  );
  assert.deepEqual(
    parsed.file.requirements.map((requirement) => requirement.key),
    ['scipy'],
  );
  assert.deepEqual(
    parsed.diagnostics.map((diagnostic) => [diagnostic.line, diagnostic.severity]),
    [[3, 'warning']],
  );
  assert.match(parsed.diagnostics[0]?.message ?? '', /^tool\.poetry\.dependencies\.numpy: a specifier of 1001 clauses/);
});
