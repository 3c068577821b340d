import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { emptyChangedFile } from '../src/github/filter.js';
import { addPatchLines, parseGitDiff } from '../src/github/unified-diff.js';

const sorted = (lines: Set<number>): number[] => [...lines].sort((a, b) => a - b);

test('an API patch gives the added and context lines of the new file', () => {
  const changed = emptyChangedFile();
  addPatchLines(
    [
      '@@ -9,7 +9,8 @@ scipy==1.11.4',
      ' pandas==2.0.3',
      ' scikit-learn==1.3.0',
      ' torch==2.1.0',
      '-numpy==1.23.5',
      '+numpy==1.24.4',
      '+nemo_toolkit[asr]==1.17.0',
      ' fastapi==0.104.1',
      ' pydantic==2.7.4',
      ' gradio==4.19.2',
      '@@ -40,2 +41,2 @@',
      ' uvicorn==0.24.0',
      '-python-dotenv==1.0.0',
      '\\ No newline at end of file',
      '+python-dotenv==1.0.1',
      '\\ No newline at end of file',
    ].join('\n'),
    changed,
  );
  assert.deepEqual(sorted(changed.added), [12, 13, 42]);
  assert.deepEqual(sorted(changed.context), [9, 10, 11, 14, 15, 16, 41]);
});

test('git diff output: modified, renamed, new, deleted, binary and quoted paths', () => {
  const text = [
    'diff --git a/requirements.txt b/requirements.txt',
    'index 3b18e51..a9e3c1f 100644',
    '--- a/requirements.txt',
    '+++ b/requirements.txt',
    '@@ -1,3 +1,3 @@',
    ' torch==2.1.0',
    '-numpy==1.23.5',
    '+numpy==1.24.4',
    ' pandas==2.0.3',
    'diff --git a/docker/Dockerfile b/images/Dockerfile',
    'similarity index 90%',
    'rename from docker/Dockerfile',
    'rename to images/Dockerfile',
    'index 1111111..2222222 100644',
    '--- a/docker/Dockerfile',
    '+++ b/images/Dockerfile',
    '@@ -1 +1 @@',
    '-FROM nvidia/cuda:11.8.0-runtime-ubuntu22.04',
    '+FROM nvidia/cuda:12.1-devel-ubuntu20.04',
    'diff --git a/constraints new.txt b/constraints new.txt',
    'new file mode 100644',
    'index 0000000..3333333',
    '--- /dev/null',
    '+++ b/constraints new.txt',
    '@@ -0,0 +1,2 @@',
    '+numpy<2',
    '+++ this line starts with two pluses',
    'diff --git a/old.txt b/old.txt',
    'deleted file mode 100644',
    'index 4444444..0000000',
    '--- a/old.txt',
    '+++ /dev/null',
    '@@ -1 +0,0 @@',
    '-flask==2.0.0',
    'diff --git a/weights.bin b/weights.bin',
    'index 5555555..6666666 100644',
    'Binary files a/weights.bin and b/weights.bin differ',
    'diff --git "a/envs/gpu\\tstack/r\\303\\251qs.txt" "b/envs/gpu\\tstack/r\\303\\251qs.txt"',
    'index 7777777..8888888 100644',
    '--- "a/envs/gpu\\tstack/r\\303\\251qs.txt"',
    '+++ "b/envs/gpu\\tstack/r\\303\\251qs.txt"',
    '@@ -5,2 +5,3 @@',
    ' a==1',
    '+diff --git a/x b/x',
    ' b==2',
    '',
  ].join('\n');
  const files = parseGitDiff(text);
  assert.deepEqual(
    [...files.keys()],
    ['requirements.txt', 'images/Dockerfile', 'constraints new.txt', 'weights.bin', 'envs/gpu\tstack/réqs.txt'],
  );
  assert.deepEqual(sorted(files.get('requirements.txt')?.added ?? new Set()), [2]);
  assert.deepEqual(sorted(files.get('requirements.txt')?.context ?? new Set()), [1, 3]);
  assert.deepEqual(sorted(files.get('images/Dockerfile')?.added ?? new Set()), [1]);
  assert.deepEqual(sorted(files.get('constraints new.txt')?.added ?? new Set()), [1, 2]);
  assert.equal(files.get('weights.bin')?.added.size, 0);
  assert.deepEqual(sorted(files.get('envs/gpu\tstack/réqs.txt')?.added ?? new Set()), [6]);
  assert.deepEqual(sorted(files.get('envs/gpu\tstack/réqs.txt')?.context ?? new Set()), [5, 7]);
});

test('files git is not asked about are listed without their lines', () => {
  const text = 'diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-x\n+y\n';
  const files = parseGitDiff(text, (path) => path !== 'a.txt');
  assert.equal(files.get('a.txt')?.added.size, 0);
});

test('a hunk whose counts lie stops at the first line that is not hunk content', () => {
  const changed = emptyChangedFile();
  addPatchLines('@@ -1,9 +1,9 @@\n+a\nnot a diff line\n+b', changed);
  assert.deepEqual(sorted(changed.added), [1]);
});

test('any text parses without throwing, in linear time', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.oneof(
          fc.constantFrom(
            '@@ -1,3 +1,4 @@',
            'diff --git a/x b/x',
            '+++ b/y',
            '--- a/y',
            '\\ No newline',
            ' ctx',
            '+add',
            '-del',
            'rename to z',
            '"',
          ),
          fc.string(),
        ),
        { maxLength: 60 },
      ),
      (lines) => {
        const text = lines.join('\n');
        parseGitDiff(text);
        addPatchLines(text, emptyChangedFile());
      },
    ),
    { numRuns: 500 },
  );
  const huge = `@@ -1,200000 +1,200000 @@\n${' x\n'.repeat(200_000)}`;
  const changed = emptyChangedFile();
  addPatchLines(huge, changed);
  assert.equal(changed.context.size, 200_000);
});
