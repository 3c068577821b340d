// The bundled matrix as data: every entry valid, the seed stacks pinned as fixed, the profiles
// consistent with the facts and the universal rules, and no reason repeating a false seed claim.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readBundledMatrix } from '../src/matrix/bundled.js';
import { loadMatrix } from '../src/matrix/load.js';
import type { Matrix, Profile } from '../src/matrix/types.js';
import { isSubset } from '../src/pep440/ranges.js';
import { parseSpecifierSet } from '../src/pep440/specifier.js';

type SpecifierSet = Extract<ReturnType<typeof parseSpecifierSet>, { ok: true }>['set'];

const loaded = loadMatrix({ bundled: readBundledMatrix() });
if (!loaded.ok) throw new Error(loaded.error);
const matrix: Matrix = loaded.matrix;

function profile(name: string): Profile {
  const found = matrix.profiles[name];
  assert.ok(found, `profile ${name}`);
  return found;
}

function specifier(text: string): SpecifierSet {
  const parsed = parseSpecifierSet(text);
  if (!parsed.ok) assert.fail(`${text}: ${parsed.message}`);
  return parsed.set;
}

/** Every text a user may read: descriptions, reasons, rule messages. */
function userFacingTexts(): string[] {
  return [
    ...Object.values(matrix.profiles).flatMap((entry) => [entry.description ?? '', ...Object.values(entry.reasons)]),
    ...matrix.rules.map((rule) => rule.message),
  ];
}

describe('bundled matrix entries', () => {
  it('every specifier parses', () => {
    for (const entry of Object.values(matrix.profiles)) {
      for (const text of [entry.python, entry.cuda, ...Object.values(entry.packages)]) if (text !== undefined) specifier(text);
    }
    for (const rule of matrix.rules) for (const text of [...Object.values(rule.when), ...Object.values(rule.require)]) specifier(text);
  });

  it('ships the documented universal rules, each with an https source', () => {
    assert.deepEqual(
      matrix.rules.map((rule) => rule.id),
      [
        'torch-numpy2',
        'fastapi-pydantic2',
        'airflow-sqlalchemy2',
        'feast-0.40-requirements',
        'mlflow-2.17-requirements',
        'gradio-python',
        'gradio-4-python',
      ],
    );
    for (const rule of matrix.rules) {
      assert.match(rule.source ?? '', /^https:\/\/\S+$/, rule.id);
      assert.equal(rule.origin.file, 'bundled:matrix/rules.yml');
    }
  });

  it('encodes the facts the rules rest on', () => {
    const rule = (id: string) => matrix.rules.find((candidate) => candidate.id === id);
    assert.deepEqual(rule('torch-numpy2')?.when, { torch: '<2.3' });
    assert.deepEqual(rule('fastapi-pydantic2')?.require, { pydantic: '<2' });
    assert.deepEqual(rule('airflow-sqlalchemy2')?.require, { sqlalchemy: '>=1.4.36,<2.0' });
    assert.deepEqual(rule('gradio-python')?.require, { python: '>=3.10' });
    assert.deepEqual(rule('gradio-4-python')?.require, { python: '>=3.8' });
    assert.deepEqual(rule('feast-0.40-requirements')?.require, {
      python: '>=3.9',
      numpy: '>=1.22,<2',
      pandas: '>=1.4.3,<3',
      pydantic: '>=2.0.0',
      protobuf: '>=4.24.0,<5',
      sqlalchemy: '>1',
      fastapi: '>=0.68.0',
    });
    assert.deepEqual(rule('mlflow-2.17-requirements')?.require, {
      numpy: '<3',
      pandas: '<3',
      sqlalchemy: '>=1.4.0,<3',
      pyarrow: '>=4,<18',
      protobuf: '>=3.12,<6',
      packaging: '<25',
      'scikit-learn': '<2',
      scipy: '<2',
      flask: '<4',
      alembic: '<2,!=1.10',
    });
  });
});

describe('seed profiles', () => {
  it('callytics-cu121 pins the stack of seed 000 as fixed there', () => {
    const callytics = profile('callytics-cu121');
    assert.equal(callytics.python, '==3.10.*');
    assert.equal(callytics.cuda, '==12.1.*');
    assert.deepEqual(callytics.packages, {
      torch: '==2.1.2',
      torchvision: '==0.16.2',
      torchaudio: '==2.1.2',
      numpy: '==1.23.5',
      pydantic: '==2.7.4',
      fastapi: '>=0.115,<0.116',
      transformers: '==4.40.2',
      datasets: '==2.19.2',
      watchdog: '==6.0.0',
      'python-dotenv': '==1.0.1',
      'nemo-toolkit': '==1.17.0',
      gradio: '==4.19.2',
    });
    assert.match(callytics.description ?? '', /GCC 9/);
    assert.match(callytics.description ?? '', /12\.1\.1-devel-ubuntu20\.04/);
  });

  it('callytics-cu121 calls its policy pins policy, and cites NeMo for NumPy', () => {
    const { reasons } = profile('callytics-cu121');
    assert.equal(reasons.python, 'profile policy');
    assert.equal(reasons.fastapi, 'profile policy');
    assert.match(reasons.cuda ?? '', /^profile policy/);
    assert.match(reasons.cuda ?? '', /extension/);
    assert.match(reasons.numpy ?? '', /NumPy 1\.24 removed/);
    assert.match(reasons.numpy ?? '', /NVIDIA\/NeMo#6824/);
  });

  it('mlops-airflow-2.10.5 pins the stack of seed 002 with the providers constraints-2.10.5 really pins', () => {
    const airflow = profile('mlops-airflow-2.10.5');
    assert.equal(airflow.python, '==3.11.*');
    assert.equal(airflow.cuda, undefined);
    assert.deepEqual(airflow.packages, {
      'apache-airflow': '==2.10.5',
      'apache-airflow-providers-postgres': '==6.0.0',
      'apache-airflow-providers-celery': '==3.10.0',
      'apache-airflow-providers-redis': '==4.0.0',
      mlflow: '==2.17.2',
      torch: '==2.5.1',
      torchvision: '==0.20.1',
      torchaudio: '==2.5.1',
      feast: '==0.40.1',
      'prometheus-client': '==0.21.1',
      'grafana-client': '==4.2.4',
      'kafka-python': '==2.0.2',
      pandas: '==2.1.4',
      numpy: '==1.24.4',
      'scikit-learn': '==1.3.2',
      fastapi: '==0.104.1',
      pydantic: '==2.5.3',
      uvicorn: '==0.24.0',
      sqlalchemy: '==1.4.53',
      'psycopg2-binary': '==2.9.9',
      redis: '==5.0.3',
    });
    assert.match(
      airflow.description ?? '',
      /--constraint https:\/\/raw\.githubusercontent\.com\/apache\/airflow\/constraints-2\.10\.5\/constraints-3\.11\.txt/,
    );
  });

  it('repeats none of the seed claims that are false', () => {
    const falseClaims: RegExp[] = [
      /gradio 4[\d.]*\s+(requires|needs)\s+python\s*(>=\s*)?3\.10/i,
      /conflicts? with pydantic/i,
      /pydantic (v?2 )?(patch|patches)/i,
      /fastapi 0\.104(\.1)? (is )?(incompatible|conflicts)/i,
      /nvidia\/cuda:12\.1-/,
      /\b12\.1-devel-ubuntu20\.04/,
      /postgres[^,;]*5\.13\.1|celery[^,;]*3\.8\.3|redis[^,;]*3\.8\.1/i,
      /must match the torch wheel|image must match/i,
    ];
    for (const text of userFacingTexts()) {
      for (const claim of falseClaims) assert.doesNotMatch(text, claim);
    }
  });
});

describe('profiles agree with the facts and the universal rules', () => {
  const exactVersion = (text: string | undefined): string | undefined => /^==([0-9.]+)$/.exec(text ?? '')?.[1];

  for (const entry of Object.values(matrix.profiles)) {
    it(`${entry.name}: torch companions and Python come from one torch_family.csv row`, () => {
      const torch = exactVersion(entry.packages.torch);
      assert.ok(torch);
      const release = matrix.facts.torch.find((row) => row.torch === torch);
      assert.ok(release, `torch ${torch} is in the facts`);
      assert.equal(exactVersion(entry.packages.torchvision), release.torchvision);
      assert.equal(exactVersion(entry.packages.torchaudio), release.torchaudio);
      assert.ok(isSubset(specifier(entry.python ?? ''), specifier(`>=${release.pythonMin},<${nextMinor(release.pythonMax)}`)));
      if (entry.cuda !== undefined) {
        const minor = torch.split('.').slice(0, 2).join('.');
        const variants = matrix.facts.torchCuda.find((row) => row.torch === minor)?.cuda ?? [];
        assert.ok(
          variants.some((cuda) => entry.cuda === `==${cuda}.*`),
          `${entry.cuda} is a wheel variant of torch ${minor}`,
        );
      }
    });

    it(`${entry.name}: meets every universal rule that applies to it`, () => {
      const pinOf = (name: string): string | undefined => (name === 'python' ? entry.python : entry.packages[name]);
      for (const rule of matrix.rules) {
        const applies = Object.entries(rule.when).every(([name, when]) => {
          const pin = pinOf(name);
          return pin !== undefined && isSubset(specifier(pin), specifier(when));
        });
        if (!applies) continue;
        for (const [name, required] of Object.entries(rule.require)) {
          const pin = pinOf(name);
          if (pin !== undefined) assert.ok(isSubset(specifier(pin), specifier(required)), `${rule.id}: ${name}${pin} within ${required}`);
        }
      }
    });
  }
});

describe('fact tables', () => {
  it('list the nvidia/cuda tags that exist, not the ones the seed used', () => {
    const tags = matrix.facts.cudaImageTags;
    assert.equal(tags['12.1.1-devel-ubuntu20.04'], 'supported');
    assert.equal(tags['12.1-devel-ubuntu20.04'], undefined);
    assert.equal(tags['11.8.0-devel-ubuntu22.04'], 'supported');
    assert.equal(tags['11.8.2-devel-ubuntu22.04'], undefined);
    assert.equal(tags['12.9.1-devel-ubuntu24.04'], 'supported');
    assert.ok(!Object.keys(tags).some((tag) => tag === 'latest'));
  });

  it('treat a tag NVIDIA lists as both supported and end of life as end of life', () => {
    assert.equal(matrix.facts.cudaImageTags['11.0.3-base-ubuntu20.04'], 'unsupported_eol');
  });

  it('cite their sources', () => {
    assert.deepEqual(matrix.facts.sources, {
      torch: 'https://github.com/pytorch/vision#installation',
      torchCuda: 'https://github.com/pytorch/pytorch/blob/main/RELEASE.md#release-compatibility-matrix',
      cudaDrivers: 'https://docs.nvidia.com/cuda/cuda-toolkit-release-notes/',
      cudaImageTags: 'https://gitlab.com/nvidia/container-images/cuda/-/blob/master/doc/supported-tags.md',
    });
  });

  it('keep the torchaudio 2.11 change and the pip pairing of torch 2.0.0', () => {
    const release = (torch: string) => matrix.facts.torch.find((row) => row.torch === torch);
    assert.equal(release('2.13.0')?.torchaudio, '2.11.0');
    assert.equal(release('2.0.0')?.torchvision, '0.15.1');
    assert.equal(release('2.0.0')?.torchaudio, '2.0.1');
  });
});

function nextMinor(minor: string): string {
  const [major, rest] = minor.split('.');
  return `${major}.${Number(rest) + 1}`;
}
