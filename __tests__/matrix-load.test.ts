import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { BUNDLED_PARTS, CUDA_IMAGE_TAGS_PART, bundledMatrixDirectory, bundledSchemaPath, readBundledMatrix } from '../src/matrix/bundled.js';
import { loadMatrix, resolveProfileName, type LoadMatrixResult } from '../src/matrix/load.js';
import { printMatrix } from '../src/matrix/print.js';
import type { Matrix } from '../src/matrix/types.js';
import { parseSpecifierSet } from '../src/pep440/specifier.js';

const REPOSITORY_FILE = '.github/compat-matrix.yml';
const bundled = readBundledMatrix({ needCudaImageTags: false });

function fixture(name: string): string {
  return readFileSync(new URL(`../../__tests__/fixtures/matrix/${name}`, import.meta.url), 'utf8');
}

function loadRepository(text: string): LoadMatrixResult {
  return loadMatrix({ bundled, repository: { file: REPOSITORY_FILE, text } });
}

function matrixOf(result: LoadMatrixResult): Matrix {
  if (!result.ok) assert.fail(result.error);
  return result.matrix;
}

function errorOf(result: LoadMatrixResult): string {
  if (result.ok) assert.fail('expected the matrix to be rejected');
  return result.error;
}

describe('loading the bundled matrix', () => {
  it('finds matrix/ above the compiled module and names files bundled:matrix/<name>', () => {
    assert.ok(bundledSchemaPath().endsWith('matrix/schema.json'));
    assert.deepEqual(
      readBundledMatrix().map((source) => source.file),
      ['schema.json', ...BUNDLED_PARTS, CUDA_IMAGE_TAGS_PART].map((name) => `bundled:matrix/${name}`),
    );
  });

  it('reads every matrix/*.yml file, the image tags only when asked', () => {
    const onDisk = readdirSync(bundledMatrixDirectory()).filter((name) => name.endsWith('.yml')).sort();
    assert.deepEqual(onDisk, [...BUNDLED_PARTS, CUDA_IMAGE_TAGS_PART].sort());
    assert.ok(!bundled.some((source) => source.file.endsWith(CUDA_IMAGE_TAGS_PART)));
  });

  it('loads without a repository file: both seed profiles, the universal rules, the facts', () => {
    const matrix = matrixOf(loadMatrix({ bundled: readBundledMatrix() }));
    assert.equal(matrix.profile, null);
    assert.deepEqual(Object.keys(matrix.profiles).sort(), ['callytics-cu121', 'mlops-airflow-2.10.5']);
    assert.deepEqual(matrix.ignore, []);
    assert.equal(matrix.facts.torch.length, 37);
    assert.equal(matrix.facts.torchCuda.length, 16);
    assert.equal(matrix.facts.cudaDrivers.length, 56);
    assert.equal(Object.keys(matrix.facts.cudaImageTags).length, 1317);
    assert.deepEqual(matrix.files, [...BUNDLED_PARTS, CUDA_IMAGE_TAGS_PART].map((name) => `bundled:matrix/${name}`));
    const rule = matrix.rules.find((candidate) => candidate.id === 'torch-numpy2');
    assert.deepEqual(rule && { when: rule.when, require: rule.require, severity: rule.severity, origin: rule.origin }, {
      when: { torch: '<2.3' },
      require: { numpy: '<2' },
      severity: 'error',
      origin: { file: 'bundled:matrix/rules.yml', line: 9 },
    });
  });

  it('leaves the tag table empty, with no source, when the tags were not read', () => {
    const matrix = matrixOf(loadMatrix({ bundled }));
    assert.deepEqual(matrix.facts.cudaImageTags, {});
    assert.equal(matrix.facts.sources.cudaImageTags, '');
    assert.match(matrix.facts.sources.torch, /^https:\/\//);
  });

  it('turns torch_family.csv rows into typed releases', () => {
    const matrix = matrixOf(loadMatrix({ bundled }));
    assert.deepEqual(matrix.facts.torch.find((release) => release.torch === '2.1.2'), {
      torch: '2.1.2', torchvision: '0.16.2', torchaudio: '2.1.2', pythonMin: '3.8', pythonMax: '3.11',
    });
    assert.deepEqual(matrix.facts.torchCuda.find((row) => row.torch === '2.10'), { torch: '2.10', cuda: ['12.6', '12.8', '13.0'] });
    assert.deepEqual(matrix.facts.cudaDrivers.find((row) => row.cuda === '12.1.1'), {
      cuda: '12.1.1', minDriver: '530.30.02', minorCompatMinDriver: '525',
    });
    assert.equal(matrix.facts.cudaDrivers.find((row) => row.cuda === '10.2.89')?.minorCompatMinDriver, null);
  });
});

describe('merging a repository matrix', () => {
  const matrix = matrixOf(loadRepository(fixture('team-matrix.yml')));

  it('takes the default profile from the repository file', () => {
    assert.equal(matrix.profile, 'speech-training');
    assert.deepEqual(matrix.files.at(-1), REPOSITORY_FILE);
  });

  it('applies inheritance: child pins win, python and cuda are inherited, names are normalised', () => {
    const profile = matrix.profiles['speech-training'];
    assert.ok(profile);
    assert.equal(profile.extends, 'callytics-cu121');
    assert.equal(profile.description, 'Training image for the speech models');
    assert.equal(profile.python, '==3.10.*');
    assert.equal(profile.cuda, '==12.1.*');
    assert.equal(profile.packages.numpy, '==1.22.4');
    assert.equal(profile.packages.soundfile, '>=0.12,<0.13');
    assert.equal(profile.packages['nemo-toolkit'], '==1.17.0');
    assert.deepEqual(profile.origin, { file: REPOSITORY_FILE, line: 8 });
  });

  it('merges reasons, dropping the parent reason of a pin the child changed', () => {
    const reasons = matrix.profiles['speech-training']?.reasons ?? {};
    assert.equal(reasons.numpy, undefined);
    assert.equal(reasons.python, 'profile policy');
    assert.equal(reasons.soundfile, 'the 0.12 series reads the FLAC files our recorders write');
  });

  it('keeps the bundled profiles beside the repository ones', () => {
    assert.ok(matrix.profiles['callytics-cu121']);
    assert.equal(matrix.profiles['callytics-cu121']?.packages.numpy, '==1.23.5');
  });

  it('appends new rules and replaces a bundled rule with the same id in place', () => {
    const ids = matrix.rules.map((rule) => rule.id);
    assert.equal(ids.filter((id) => id === 'gradio-python').length, 1);
    assert.equal(ids.at(-1), 'nemo-numpy');
    const gradio = matrix.rules.find((rule) => rule.id === 'gradio-python');
    assert.deepEqual(gradio?.require, { python: '>=3.11' });
    assert.equal(gradio?.severity, 'warning');
    assert.deepEqual(gradio?.origin, { file: REPOSITORY_FILE, line: 24 });
    assert.deepEqual(matrix.rules.find((rule) => rule.id === 'nemo-numpy')?.when, { 'nemo-toolkit': '==1.17.*' });
  });

  it('collects ignore entries', () => {
    assert.deepEqual(matrix.ignore, [
      { rule: 'unpinned', paths: ['docs/**', 'notebooks/**'] },
      { rule: '*', paths: ['third_party/**'] },
    ]);
  });

  it('lets a repository profile replace a bundled one of the same name', () => {
    const replaced = matrixOf(loadRepository('profiles:\n  callytics-cu121:\n    python: "==3.11.*"\n'));
    assert.deepEqual(replaced.profiles['callytics-cu121']?.packages, {});
    assert.equal(replaced.profiles['callytics-cu121']?.python, '==3.11.*');
  });

  it('starts from nothing with extends: none, but keeps the facts and merges fact rows by key', () => {
    const standalone = matrixOf(loadRepository(fixture('standalone-matrix.yml')));
    assert.deepEqual(Object.keys(standalone.profiles), ['base', 'inference']);
    assert.deepEqual(standalone.rules, []);
    assert.deepEqual(standalone.profiles.inference?.packages, { numpy: '>=2,<3', torch: '==2.6.0', torchvision: '==0.21.0' });
    assert.equal(standalone.profiles.inference?.python, '==3.12.*');
    assert.equal(standalone.facts.torch.length, 38);
    assert.equal(standalone.facts.torch.at(-1)?.torch, '2.14.0');
    assert.equal(standalone.facts.sources.torch, 'https://example.com/internal/torch-builds');
    assert.equal(standalone.facts.cudaDrivers.length, 56);
  });

  it('accepts an empty file as "nothing to add"', () => {
    const empty = matrixOf(loadRepository('# nothing here yet\n'));
    assert.equal(empty.profile, null);
    assert.equal(Object.keys(empty.profiles).length, 2);
  });
});

describe('errors name the file, the line and the key', () => {
  const cases: Array<[fixture: string, error: string]> = [
    ['broken-yaml.yml', `${REPOSITORY_FILE}:5: invalid YAML: `],
    ['unknown-key.yml', `${REPOSITORY_FILE}:5: profiles.my-stack: unknown key "pakages" (did you mean "packages"?)`],
    ['wrong-type.yml', `${REPOSITORY_FILE}:4: profiles.my-stack.python: expected a string, got a number (put it in quotes: "3.10")`],
    ['unquoted-specifier.yml', `${REPOSITORY_FILE}:5: invalid YAML: Block scalar header includes extra characters: >=1.22 (a value that starts with "!" or ">" must be quoted, e.g. numpy: ">=1.22,<2")`],
    ['unknown-extends.yml', `${REPOSITORY_FILE}:3: profiles.my-stack.extends: unknown profile "mlops-airflow-2.10" (did you mean "mlops-airflow-2.10.5"? known: callytics-cu121, mlops-airflow-2.10.5, my-stack)`],
    ['cycle.yml', `${REPOSITORY_FILE}:10: profiles.common.extends: inheritance cycle gpu -> base -> common -> gpu`],
    ['duplicate-rule.yml', `${REPOSITORY_FILE}:6: rules[1].id: duplicate rule id "pandas-numpy" (first defined at ${REPOSITORY_FILE}:2)`],
    ['unknown-profile.yml', `${REPOSITORY_FILE}:2: profile: unknown profile "callytics-cu118" (did you mean "callytics-cu121"? known: callytics-cu121, mlops-airflow-2.10.5)`],
    ['bad-rule-id.yml', `${REPOSITORY_FILE}:2: rules[0].id: "Torch_Numpy" is not a valid rule id (kebab-case: lower-case letters and digits joined by '-', and '.' inside a version, as in feast-0.40-requirements)`],
    ['same-package-twice.yml', `${REPOSITORY_FILE}:5: profiles.my-stack.packages.scikit_learn: "scikit_learn" and "scikit-learn" name the same package (scikit-learn)`],
    ['reason-without-pin.yml', `${REPOSITORY_FILE}:7: profiles.my-stack.reasons.nunpy: profile "my-stack" pins no "nunpy" (did you mean "numpy"?)`],
    ['missing-require.yml', `${REPOSITORY_FILE}:2: rules[0]: missing required key "require"`],
    ['bad-severity.yml', `${REPOSITORY_FILE}:5: rules[0].severity: "eror" is not one of "error", "warning", "notice" (did you mean "error"?)`],
    ['alias.yml', `${REPOSITORY_FILE}:6: profiles.gpu.packages: aliases (*name) are not supported in a matrix file: write the value out`],
  ];
  for (const [name, expected] of cases) {
    it(name, () => {
      const error = errorOf(loadRepository(fixture(`errors/${name}`)));
      if (expected.endsWith(': ')) assert.ok(error.startsWith(expected), error);
      else assert.equal(error, expected);
      assert.ok(!error.includes('\n'), 'one line');
    });
  }

  it('a specifier that does not parse, with the parser\'s reason', () => {
    const parsed = parseSpecifierSet('==1.24.x');
    assert.ok(!parsed.ok);
    assert.equal(
      errorOf(loadRepository(fixture('errors/bad-specifier.yml'))),
      `${REPOSITORY_FILE}:6: profiles.my-stack.packages.numpy: "==1.24.x" is not a valid PEP 440 specifier (${parsed.message})`,
    );
  });

  it('a profile that extends itself, with what to do instead', () => {
    assert.equal(
      errorOf(loadRepository('profiles:\n  callytics-cu121:\n    extends: callytics-cu121\n')),
      `${REPOSITORY_FILE}:3: profiles.callytics-cu121.extends: inheritance cycle callytics-cu121 -> callytics-cu121 (to change a profile, give yours a new name and extend that one)`,
    );
  });

  it('a profile of the bundled matrix is unknown after extends: none', () => {
    assert.match(
      errorOf(loadRepository('extends: none\nprofiles:\n  mine:\n    extends: callytics-cu121\n')),
      /^\.github\/compat-matrix\.yml:4: profiles\.mine\.extends: unknown profile "callytics-cu121"/,
    );
  });

  it('python is not a package of a profile', () => {
    assert.equal(
      errorOf(loadRepository('profiles:\n  mine:\n    packages:\n      python: "==3.11.*"\n')),
      `${REPOSITORY_FILE}:4: profiles.mine.packages.python: the interpreter is set with the profile's "python" key, not as a package`,
    );
  });

  it('a document that is not a mapping', () => {
    assert.equal(errorOf(loadRepository('- numpy==1.24.4\n')), `${REPOSITORY_FILE}:1: expected a mapping, got a list`);
  });

  it('a missing schema', () => {
    assert.match(errorOf(loadMatrix({ bundled: bundled.filter((source) => !source.file.endsWith('.json')) })), /no schema\.json/);
  });

  it('hostile input ends in an error, quickly', () => {
    const started = Date.now();
    const deep = `profiles: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    assert.match(errorOf(loadRepository(deep)), /^\.github\/compat-matrix\.yml:1: /);
    const longKey = `profiles:\n  mine:\n    ${'p'.repeat(1000)}: 1\n`;
    assert.match(errorOf(loadRepository(longKey)), /unknown key "p{60}\.\.\."/);
    assert.ok(Date.now() - started < 2000);
  });
});

describe('resolveProfileName', () => {
  const matrix = matrixOf(loadMatrix({ bundled }));
  it('returns the profile', () => {
    const profile = resolveProfileName(matrix, 'callytics-cu121');
    assert.ok(!('error' in profile));
    assert.equal(profile.name, 'callytics-cu121');
  });
  it('lists the known profiles for an unknown one', () => {
    assert.deepEqual(resolveProfileName(matrix, 'x'), { error: 'unknown profile "x" (known: callytics-cu121, mlops-airflow-2.10.5)' });
    assert.deepEqual(resolveProfileName(matrix, 'toString'), { error: 'unknown profile "toString" (known: callytics-cu121, mlops-airflow-2.10.5)' });
  });
});

describe('printMatrix', () => {
  const matrix = matrixOf(loadRepository(fixture('team-matrix.yml')));

  it('prints a matrix file that loads back to the same profiles, rules and ignore entries', () => {
    const printed = printMatrix(matrix, {});
    const reloaded = matrixOf(loadRepository(printed));
    assert.equal(reloaded.profile, 'speech-training');
    const withoutOrigin = (m: Matrix) => ({
      profiles: Object.values(m.profiles).map(({ origin: _origin, extends: _extends, ...rest }) => rest),
      rules: m.rules.map(({ origin: _origin, ...rest }) => rest),
      ignore: m.ignore,
    });
    assert.deepEqual(withoutOrigin(reloaded), withoutOrigin(matrix));
  });

  it('says where entries come from and summarises the facts', () => {
    const printed = printMatrix(matrixOf(loadMatrix({ bundled: readBundledMatrix() })), {});
    assert.match(printed, /# from bundled:matrix\/profiles\.yml:9\n {2}callytics-cu121:/);
    assert.match(printed, /when: \{ torch: "<2\.3" \}/);
    assert.match(printed, /torch: 37 torch releases/);
    assert.match(printed, /cudaImageTags: 1317 nvidia\/cuda tags, 616 supported, 701 end of life/);
    assert.ok(!printed.includes('13.1.0-base-ubuntu24.04'));
    assert.ok(printed.length < 20_000);
  });

  it('prints only the profile asked for, as the default', () => {
    const printed = printMatrix(matrix, { profile: 'callytics-cu121' });
    const doc = parseDocument(printed).toJS() as { profile: string; profiles: Record<string, unknown> };
    assert.equal(doc.profile, 'callytics-cu121');
    assert.deepEqual(Object.keys(doc.profiles), ['callytics-cu121']);
    assert.match(printed, /cudaImageTags: not loaded/);
  });
});
