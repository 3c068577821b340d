// The installers besides pip: conda environment files, conda/mamba/micromamba installs in RUN, and
// `uv pip install`, which follows uv's rules where they differ from pip's.

import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { runChecks } from '../src/check/index.js';
import type { Finding, ParseResult } from '../src/model.js';
import { parseCondaEnvironment } from '../src/parse/conda-environment.js';
import { readCondaSpec } from '../src/parse/conda-spec.js';
import { parseTexts, readFolder, testMatrix, testProfile } from './helpers/matrix-fixture.js';

const fixture = (area: string): string => fileURLToPath(new URL(`../../__tests__/fixtures/${area}/`, import.meta.url));

function spec(text: string): string {
  const read = readCondaSpec(text);
  return read === null ? 'null' : `${read.name} ${read.specifier ?? '(unchecked)'} ${read.version ?? '-'} ${text.slice(0, read.end)}`;
}

function findings(parse: ParseResult, profile?: { torch?: string; numpy?: string; python?: string; cuda?: string }): Finding[] {
  const packages: Record<string, string> = {};
  if (profile?.torch) packages['torch'] = profile.torch;
  if (profile?.numpy) packages['numpy'] = profile.numpy;
  const matrix = profile
    ? testMatrix({
        profile: 'stack',
        profiles: [
          testProfile('stack', {
            packages,
            ...(profile.python ? { python: profile.python } : {}),
            ...(profile.cuda ? { cuda: profile.cuda } : {}),
          }),
        ],
      })
    : testMatrix();
  const outcome = runChecks(parse, matrix, { profile: 'auto' });
  assert.ok(outcome.ok);
  return outcome.findings;
}

const brief = (finding: Finding): string =>
  `${finding.file}:${finding.line}:${finding.column} ${finding.severity} ${finding.rule}${finding.fix ? ` -> ${finding.fix}` : ''}`;

describe('conda package specs', () => {
  it('translate conda version syntax to the PEP 440 set it means', () => {
    assert.deepEqual(
      [
        'numpy=1.11',
        'numpy==1.11',
        'numpy 1.11',
        'numpy=1.11.*',
        'numpy 1.11*',
        'numpy>=1.8,<2',
        'numpy',
        'numpy=1.11.1=py310_0',
        'numpy 1.11.1 py310_0',
        'python=3.10.*=*_cpython',
        'numpy=1.11.1|1.11.3',
        'openssl=1.1.1w',
        'pytorch::pytorch=2.1',
        'conda-forge/linux-64::numpy!=1.20',
        "numpy[version='>=1.8']",
        'numpy~=1.21.0',
        '--yes',
        './local/pkg',
      ].map(spec),
      [
        'numpy ==1.11.* 1.11 numpy=1.11',
        'numpy ==1.11 1.11 numpy==1.11',
        'numpy ==1.11 1.11 numpy 1.11',
        'numpy ==1.11.* 1.11 numpy=1.11.*',
        'numpy ==1.11.* 1.11 numpy 1.11*',
        'numpy >=1.8,<2 - numpy>=1.8,<2',
        'numpy  - numpy',
        'numpy ==1.11.1 1.11.1 numpy=1.11.1',
        'numpy ==1.11.1 1.11.1 numpy 1.11.1',
        'python ==3.10.* 3.10 python=3.10.*',
        'numpy (unchecked) - numpy=1.11.1|1.11.3',
        'openssl (unchecked) - openssl=1.1.1w',
        'pytorch ==2.1.* 2.1 pytorch::pytorch=2.1',
        'numpy !=1.20 - conda-forge/linux-64::numpy!=1.20',
        "numpy >=1.8 - numpy[version='>=1.8']",
        'numpy ~=1.21.0 - numpy~=1.21.0',
        'null',
        'null',
      ],
    );
  });
});

describe('conda environment files', () => {
  it('are read with their channels, conda packages as PyPI projects, Python, CUDA, and the pip list at its own lines', () => {
    const result = readFolder(fixture('conda'));
    assert.deepEqual(result.diagnostics, []);
    assert.deepEqual(
      result.files.map((file) => `${file.path} ${file.kind}`),
      ['gpu/environment.yml conda', 'gpu/requirements-extra.txt requirements'],
    );
    const environment = result.files[0]!;
    assert.deepEqual(
      environment.channels?.map((channel) => `${channel.name} L${channel.line}:${channel.column}-${channel.endColumn}`),
      ['pytorch L4:5-11', 'nvidia L5:5-10', 'conda-forge L6:5-15'],
    );
    assert.deepEqual(
      environment.requirements.map(
        (requirement) =>
          `${requirement.name}/${requirement.key}${requirement.specifier} L${requirement.line}:${requirement.column}-${requirement.endColumn} ${requirement.installer ?? 'pip'}`,
      ),
      [
        'pytorch/torch==2.1.2 L9:5-26 conda',
        'torchvision/torchvision==0.16.2 L11:5-23 conda',
        'numpy/numpy>=1.24,<2 L12:6-19 conda',
        'libgcc-ng/libgcc-ng==11.2.0 L14:5-20 conda',
        'pip/pip L15:5-7 conda',
        'transformers/transformers==4.36.2 L17:7-26 pip',
        'accelerate/accelerate>=0.25 L20:8-23 pip',
      ],
    );
    assert.deepEqual(
      environment.python.map((fact) => `${fact.version} L${fact.line}:${fact.column}-${fact.endColumn} ${fact.source}`),
      ['3.10 L8:12-15 python=3.10'],
    );
    assert.deepEqual(
      environment.cuda.map((fact) => `${fact.version} L${fact.line}:${fact.column}-${fact.endColumn} ${fact.source}`),
      ['12.1 L10:18-21 pytorch-cuda=12.1'],
    );
    assert.deepEqual(
      environment.indexes.map((index) => `${index.url} ${index.cuda} L${index.line}`),
      ['https://download.pytorch.org/whl/cu121 12.1 L18'],
    );
    // The pip list's -r is the file beside the environment file, installed with it: one install set.
    assert.deepEqual(
      result.installSets.map((set) => `${set.id}: ${set.files.join(', ')}`),
      ['gpu/environment.yml: gpu/environment.yml, gpu/requirements-extra.txt'],
    );
  });

  it('leave a YAML file without dependencies alone (a workflow named conda.yml)', () => {
    const result = parseTexts({ '.github/workflows/conda.yml': 'name: ci\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n' });
    assert.deepEqual(result.files, []);
    assert.deepEqual(result.diagnostics, []);
  });

  it("read lists at the key's own indent, one-line lists and comments, and stop with one notice at YAML they do not follow", () => {
    const flat = parseCondaEnvironment(
      'environment.yml',
      'channels: [conda-forge, "pytorch"]\ndependencies:\n- python=3.11  # the interpreter\n- pip:\n  - "numpy==1.26.4"\n',
    );
    assert.deepEqual(flat.diagnostics, []);
    assert.deepEqual(
      flat.file.channels?.map((channel) => `${channel.name}:${channel.column}`),
      ['conda-forge:12', 'pytorch:26'],
    );
    assert.deepEqual(
      flat.file.python.map((fact) => `${fact.version} L${fact.line}:${fact.column}`),
      ['3.11 L3:10'],
    );
    assert.deepEqual(
      flat.file.requirements.map((requirement) => `${requirement.name}${requirement.specifier} L${requirement.line}:${requirement.column}`),
      ['numpy==1.26.4 L5:6'],
    );
    const anchored = parseCondaEnvironment('environment.yml', 'dependencies:\n  - numpy=1.26\n  - &torch pytorch=2.1\n  - scipy\n');
    assert.deepEqual(
      anchored.diagnostics.map((diagnostic) => `${diagnostic.severity} L${diagnostic.line}:${diagnostic.column}`),
      ['notice L3:5'],
    );
    assert.match(anchored.diagnostics[0]!.message, /not checked/);
    assert.deepEqual(
      anchored.file.requirements.map((requirement) => requirement.name),
      ['numpy'],
    );
  });

  it('report what pip refuses in the pip list at its place in the environment file', () => {
    const result = parseCondaEnvironment('environment.yml', 'dependencies:\n  - pip:\n      - numpy=1.26.4\n');
    assert.deepEqual(
      result.diagnostics.map((diagnostic) => `${diagnostic.file} ${diagnostic.severity} L${diagnostic.line}:${diagnostic.column}`),
      ['environment.yml error L3:14'],
    );
  });
});

describe('conda environments in the checks', () => {
  const environment = (python: string, torch: string): string =>
    `dependencies:\n  - python=${python}\n  - pytorch-cuda=12.1\n  - pip:\n    - torch==${torch}\n    - numpy==1.26.4\n`;

  it('give the pip list their Python: torch-python-unsupported fires for a wheel that has no build for it, and not on the fixed twin', () => {
    assert.deepEqual(findings(parseTexts({ 'environment.yml': environment('3.12', '2.1.2') })).map(brief), [
      'environment.yml:5:7 error torch-python-unsupported -> torch==2.3.0',
    ]);
    assert.deepEqual(findings(parseTexts({ 'environment.yml': environment('3.10', '2.1.2') })).map(brief), []);
  });

  it("check conda packages, Python and CUDA against the profile, and suggest the fix in conda's syntax", () => {
    const text = 'dependencies:\n  - python=3.10\n  - pytorch-cuda=11.8\n  - pytorch=2.1.2\n';
    assert.deepEqual(
      findings(parseTexts({ 'environment.yml': text }), { torch: '==2.5.1', python: '==3.11.*', cuda: '==12.1.*' }).map(brief),
      [
        'environment.yml:2:12 error python-outside-profile -> 3.11',
        'environment.yml:3:18 error cuda-outside-profile -> 12.1',
        'environment.yml:4:5 error pin-outside-profile -> pytorch==2.5.1',
      ],
    );
    // `pytorch=2.5.1` is conda's fuzzy match (2.5.1.*): only `==` pins exactly what the profile pins.
    const fixed = 'dependencies:\n  - python=3.11\n  - pytorch-cuda=12.1\n  - pytorch==2.5.1\n';
    assert.deepEqual(
      findings(parseTexts({ 'environment.yml': fixed }), { torch: '==2.5.1', python: '==3.11.*', cuda: '==12.1.*' }).map(brief),
      [],
    );
  });

  it('name conda as the installer of an unpinned conda package', () => {
    const [unpinned] = findings(parseTexts({ 'environment.yml': 'dependencies:\n  - pytorch\n' }), { torch: '==2.5.1' });
    assert.equal(unpinned && brief(unpinned), 'environment.yml:2:5 warning unpinned -> pytorch==2.5.1');
    assert.match(unpinned!.message, /^pytorch has no version, so conda installs whatever is newest; profile stack pins torch==2\.5\.1/);
  });

  it('do not call a conda pin and the pip pin installed over it a conflict; two conda pins that cannot meet are one', () => {
    const layered = 'dependencies:\n  - numpy=1.24\n  - pip:\n    - numpy==1.26.4\n';
    assert.deepEqual(findings(parseTexts({ 'environment.yml': layered })).map(brief), []);
    const clashing = 'dependencies:\n  - numpy=1.24\n  - numpy>=1.26\n';
    const [conflict] = findings(parseTexts({ 'environment.yml': clashing }));
    assert.equal(conflict && brief(conflict), 'environment.yml:3:5 error conflicting-pin -> numpy==1.24.*');
    assert.match(conflict!.message, /conda's solver stops/);
  });

  it("do not apply the PyPI wheels' torch facts to conda's own torch builds", () => {
    const text = 'dependencies:\n  - python=3.12\n  - pytorch=2.1.2\n  - torchvision=0.15.2\n';
    assert.deepEqual(findings(parseTexts({ 'environment.yml': text })).map(brief), []);
  });
});

describe('installers in RUN', () => {
  it('conda, mamba and micromamba installs give the stage packages, Python and CUDA; build-argument values and | are not read', () => {
    const result = readFolder(fixture('installers'), ['conda.Dockerfile']);
    const file = result.files[0]!;
    assert.deepEqual(
      file.requirements.map(
        (requirement) =>
          `${requirement.name}/${requirement.key}${requirement.specifier} L${requirement.line}:${requirement.column}-${requirement.endColumn}`,
      ),
      ['pytorch/torch==2.1.2.* L3:43-55', 'torchvision/torchvision>=0.16,<0.17 L3:76-98', 'scipy/scipy==1.11.4 L5:38-63'],
    );
    assert.deepEqual(
      file.python.map((fact) => `${fact.version} L${fact.line}:${fact.column} ${fact.source}`),
      ['3.10 L3:108 conda install python=3.10'],
    );
    assert.deepEqual(
      file.cuda.map((fact) => `${fact.version} L${fact.line}:${fact.column} ${fact.source}`),
      ['12.1 L3:70 conda install pytorch-cuda=12.1'],
    );
    assert.deepEqual(result.diagnostics, []);
  });

  it('uv pip install follows uv: an egg fragment pip 26 refuses is fine, an editable Git URL is refused, PEP 508 errors name both', () => {
    const result = readFolder(fixture('installers'), ['uv-egg.Dockerfile']);
    assert.deepEqual(
      result.diagnostics.map((diagnostic) => `L${diagnostic.line} ${diagnostic.severity} ${diagnostic.message.slice(0, 60)}`),
      [
        "L4 error The 'tool[cli]' egg fragment is invalid (pip 26 reads only a",
        'L5 error uv pip install -e git+https://github.com/example/lib.git#egg',
        'L7 error uv, like pip, refuses this requirement: Invalid requirement:',
      ],
    );
    assert.match(result.diagnostics[1]!.message, /Git sources cannot be editable: uv installs only local directories/);
    const uvLine = result.files[0]!.requirements.find((requirement) => requirement.line === 3);
    assert.equal(uvLine?.url, 'git+https://github.com/example/tool.git@v1.2#egg=tool[cli]');
  });
});

describe('the conda readers on any text', () => {
  it('never throw, and place every record and diagnostic on a line of the file', () => {
    const piece = fc.constantFrom(
      'dependencies:',
      'channels:',
      'name: x',
      '  - ',
      '- ',
      'pip:',
      '    - ',
      'python=3.10',
      'numpy>=1,<2',
      '"',
      "'",
      '#',
      '[',
      ']',
      ',',
      '&a',
      '\t',
      ' ',
      '\n',
      '=',
      '|',
      '::',
      'pytorch-cuda=12.1',
      '-r x.txt',
      'a==1',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        const lines = text.split('\n').length;
        const { file, diagnostics } = parseCondaEnvironment('environment.yml', text);
        for (const at of [...file.requirements, ...file.python, ...file.cuda, ...diagnostics]) assert.ok(at.line >= 1 && at.line <= lines);
        for (const word of pieces) readCondaSpec(word);
      }),
      { numRuns: 500 },
    );
  });
});
