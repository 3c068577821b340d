import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { CudaFact, Diagnostic, Include, IndexFact, PythonFact, Requirement } from '../src/model.js';
import { parseDockerfile } from '../src/parse/dockerfile.js';
import type { DockerfileOptions, DockerfileParse } from '../src/parse/dockerfile.js';

function read(name: string, options?: DockerfileOptions): DockerfileParse {
  const text = readFileSync(new URL(`../../__tests__/fixtures/dockerfile/${name}`, import.meta.url), 'utf8');
  return parseDockerfile(`docker/${name}`, text, options);
}

// One line per fact, so that a failure shows what changed at a glance.
const at = (fact: { line: number; column?: number; endColumn?: number }): string => `L${fact.line}:${fact.column}-${fact.endColumn}`;

function requirements(result: DockerfileParse): string[] {
  return result.file.requirements.map((r: Requirement) => {
    const extras = r.extras.length > 0 ? `[${r.extras.join(',')}]` : '';
    const marker = r.marker === null ? '' : `; ${r.marker}`;
    const url = r.url === null ? '' : ` url=${r.url}`;
    const lines = r.endLine === r.line ? '' : ` ..L${r.endLine}`;
    return `${r.name}${extras}${r.specifier}${marker}${url}${r.editable ? ' -e' : ''} ${at(r)}${lines} (${r.stage})`;
  });
}

const versions = (facts: Array<PythonFact | CudaFact>): string[] =>
  facts.map((fact) => `${fact.version} ${at(fact)} "${fact.source}" (${fact.stage})`);
const indexes = (result: DockerfileParse): string[] =>
  result.file.indexes.map((index: IndexFact) => `${index.kind} ${index.url} cuda=${index.cuda} ${at(index)} (${index.stage})`);
const includes = (result: DockerfileParse): string[] =>
  result.file.includes.map((include: Include) => `${include.constraint ? '-c' : '-r'} ${include.path} L${include.line} (${include.stage})`);
const diagnostics = (result: DockerfileParse): string[] =>
  result.diagnostics.map((d: Diagnostic) => `${d.severity} L${d.line}:${d.column ?? '-'} ${d.message}`);
const images = (result: DockerfileParse): string[] =>
  result.file.images.map((image) =>
    [
      image.ref,
      `name=${image.name}`,
      `tag=${image.tag}`,
      `digest=${image.digest}`,
      `stage=${image.stage}#${image.stageIndex}`,
      `from=${image.fromStage}`,
      `platform=${image.platform}`,
      at(image),
    ].join(' '),
  );

describe('parseDockerfile: the seed Dockerfile (CUDA 12.1 stack)', () => {
  const result = read('seed-cuda121.Dockerfile');

  it('reads the image, its CUDA version as written, the pins and the wheel index across the continuation', () => {
    assert.equal(result.file.kind, 'dockerfile');
    assert.equal(result.file.path, 'docker/seed-cuda121.Dockerfile');
    assert.deepEqual(images(result), [
      'nvidia/cuda:12.1-devel-ubuntu20.04 name=nvidia/cuda tag=12.1-devel-ubuntu20.04 digest=null stage=null#0 from=null platform=null L2:6-39',
    ]);
    // The tag does not exist (nvidia/cuda tags carry X.Y.Z): we record it as written, the checks decide.
    assert.deepEqual(versions(result.file.cuda), ['12.1 L2:18-21 "nvidia/cuda:12.1-devel-ubuntu20.04" (0)']);
    assert.deepEqual(result.file.python, []);
    assert.deepEqual(requirements(result), [
      'torch==2.1.2 L3:17-28 (0)',
      'torchvision==0.16.2 L3:30-48 (0)',
      'torchaudio==2.1.2 L3:50-66 (0)',
    ]);
    assert.deepEqual(indexes(result), ['index-url https://download.pytorch.org/whl/cu121 cuda=12.1 L4:17-54 (0)']);
    assert.deepEqual(result.file.includes, []);
    assert.deepEqual(result.file.suppressions, []);
    assert.deepEqual(result.diagnostics, []);
  });

  it('describes the single stage', () => {
    assert.deepEqual(
      result.stages.map(({ image, ...stage }) => ({ ...stage, image: image.ref })),
      [{ index: 0, name: '0', alias: null, image: 'nvidia/cuda:12.1-devel-ubuntu20.04', parent: null, copies: [], line: 2 }],
    );
  });
});

describe('parseDockerfile: Python and CUDA per stage', () => {
  it('reads deadsnakes Python on a CUDA image, and python3.10 as a command', () => {
    const result = read('deadsnakes.Dockerfile');
    assert.deepEqual(versions(result.file.cuda), ['12.1.1 L1:18-23 "nvidia/cuda:12.1.1-cudnn8-devel-ubuntu22.04" (0)']);
    assert.deepEqual(versions(result.file.python), [
      '3.10 L7:33-36 "apt-get install python3.10" (0)',
      '3.10 L9:59-62 "python3.10" (0)',
      '3.10 L10:11-14 "python3.10" (0)',
    ]);
    assert.deepEqual(requirements(result), ['torch==2.1.2 L10:46-57 (0)']);
    assert.deepEqual(indexes(result), ['index-url https://download.pytorch.org/whl/cu121 cuda=12.1 L10:71-108 (0)']);
    assert.deepEqual(result.diagnostics, []);
  });

  it('reads python image tags, with or without a patch version or a registry', () => {
    const result = read('python-bookworm.Dockerfile');
    assert.deepEqual(versions(result.file.python), [
      '3.11.9 L1:13-18 "python:3.11.9-bookworm" (base)',
      '3.13.0rc1 L2:31-39 "docker.io/library/python:3.13.0rc1-slim" (next)',
    ]);
  });

  it('reads CUDA and Python from the tags that say them, and nothing from those that do not', () => {
    const result = read('pytorch-images.Dockerfile');
    assert.deepEqual(versions(result.file.cuda), [
      '12.1 L1:28-35 "pytorch/pytorch:2.1.2-cuda12.1-cudnn8-devel" (torch)',
      '12.1 L3:33-37 "rayproject/ray:2.9.0-py310-cu121" (ray)',
      '11.8.0 L5:28-33 "docker.io/nvidia/cuda:11.8.0-cudnn8-runtime-ubuntu22.04" (hub)',
      '12.4.1 L6:26-31 "nvcr.io/nvidia/cuda:12.4.1-base-ubuntu22.04@sha256:0f6bfcbf267e65123bcc2287e2153dedfc0f24772fb5ce84afe16ac4b2fada95" (ngc-cuda)',
    ]);
    // pytorch/pytorch tags do not say Python; NGC's 23.10-py3 is a container release.
    assert.deepEqual(versions(result.file.python), [
      '3.10 L3:27-31 "rayproject/ray:2.9.0-py310-cu121" (ray)',
      '3.12 L4:27-36 "ghcr.io/astral-sh/uv:python3.12-bookworm-slim" (uv)',
    ]);
  });

  it('reads conda, mamba and micromamba installs of Python and packages, and pip run through conda run', () => {
    const result = read('conda.Dockerfile');
    assert.deepEqual(versions(result.file.python), [
      '3.10 L2:32-35 "conda create python=3.10" (0)',
      '3.11 L4:45-48 "mamba install python=3.11.*" (0)',
      '3.12.3 L6:58-63 "micromamba install python==3.12.3" (micro)',
    ]);
    // mamba's numpy is a conda package of the stage (installer: conda), read as its PyPI project.
    assert.deepEqual(requirements(result), ['scikit-learn==1.3.2 L3:69-87 (0)', 'numpy L4:53-57 (0)', 'polars==0.20.31 L7:50-64 (micro)']);
    assert.deepEqual(
      result.file.requirements.map((requirement) => requirement.installer ?? 'pip'),
      ['pip', 'conda', 'pip'],
    );
  });

  it('reads uv python install, uv venv --python, uv pip install and uv pip sync', () => {
    const result = read('uv.Dockerfile');
    assert.deepEqual(versions(result.file.python), [
      '3.11 L4:23-26 "uv python install 3.11" (0)',
      '3.11.9 L5:22-27 "uv venv --python 3.11.9" (0)',
    ]);
    assert.deepEqual(requirements(result), ['numpy<2 L8:62-68 (0)']);
    assert.deepEqual(includes(result), ['-r requirements.lock L8 (0)', '-r requirements.lock L9 (0)']);
  });

  it('reads pyenv install, also through a path', () => {
    const result = read('pyenv.Dockerfile');
    assert.deepEqual(versions(result.file.python), [
      '3.10.13 L4:38-44 "pyenv install 3.10.13" (0)',
      '3.9.19 L6:22-27 "pyenv install 3.9.19" (0)',
    ]);
  });

  it("reads apt and apt-get installs of pythonX.Y packages, one fact per command, and python3 packages as the distribution's", () => {
    const result = read('apt-python.Dockerfile');
    assert.deepEqual(versions(result.file.python), [
      '3.10 L2:61-64 "apt-get install python3.10" (0)',
      '3.11 L3:50-53 "apt install python3.11" (0)',
      '3.12 L4:65-68 "apt-get install python3.12-dev=3.12.3-1" (0)',
      // python3-pip pulls in Ubuntu 22.04's python3.
      '3.10 L5:24-34 "apt-get install python3-pip (python3 of ubuntu 22.04)" (0)',
    ]);
  });

  it('reads ENV PYTHON_VERSION and ENV CUDA_VERSION (both ENV forms) when they hold versions', () => {
    const result = read('env-versions.Dockerfile');
    assert.deepEqual(versions(result.file.python), ['3.11.4 L2:20-25 "ENV PYTHON_VERSION=3.11.4" (0)']);
    assert.deepEqual(versions(result.file.cuda), ['12.1.1 L3:18-23 "ENV CUDA_VERSION 12.1.1" (0)']);
    assert.deepEqual(requirements(result), ['numpy==1.26.4 L6:17-24 (0)', 'pandas==2.2.2 L6:26-51 (0)']);
  });

  it('expands ENV from the parent stage, ${X%pattern} included', () => {
    const result = read('cuda-env-stage.Dockerfile');
    assert.deepEqual(versions(result.file.cuda), [
      '11.4.2 L1:20-25 "nvidia/cudagl:11.4.2-devel-ubuntu20.04" (gl)',
      '12.1.1 L2:18-23 "nvidia/cuda:12.1.1-runtime-ubuntu22.04" (base)',
      '12.1.1 L3:18-23 "ENV CUDA_VERSION=12.1.1" (base)',
      '12.1 L5:18-35 "ENV CUDA_VERSION=${CUDA_VERSION%.*}" (2)',
    ]);
  });
});

describe('parseDockerfile: FROM and stages', () => {
  it('reads registries with ports, digests, --platform (ARG-expanded) and scratch', () => {
    const result = read('image-refs.Dockerfile');
    assert.deepEqual(images(result), [
      'localhost:5000/org/img:1.2 name=localhost:5000/org/img tag=1.2 digest=null stage=local#0 from=null platform=null L1:6-31',
      'ghcr.io/org/base@sha256:4d6b4ab0f3bbd2d2dc5d4b88a05a47a4d8f3a0b1bd2c2f5a4b6a3f6e1c2d3e4f name=ghcr.io/org/base tag=null ' +
        'digest=sha256:4d6b4ab0f3bbd2d2dc5d4b88a05a47a4d8f3a0b1bd2c2f5a4b6a3f6e1c2d3e4f stage=pinned#1 from=null platform=linux/amd64 L2:29-116',
      'registry.example.com:443/team/tools name=registry.example.com:443/team/tools tag=null digest=null stage=tools#2 from=null platform=linux/amd64 L3:32-66',
      'scratch name=scratch tag=null digest=null stage=null#3 from=null platform=null L4:6-12',
    ]);
    assert.deepEqual(result.stages[3]!.copies, [{ sources: ['/app'], dest: '/app', fromStage: 'local', line: 5 }]);
    assert.deepEqual(result.diagnostics, []);
  });

  it('links FROM <stage> to its parent (names are case-insensitive) and COPY --from by name or index', () => {
    const result = read('stage-parent.Dockerfile');
    assert.deepEqual(
      result.stages.map((stage) => [stage.name, stage.alias, stage.parent, stage.image.ref]),
      [
        ['base', 'base', null, 'python:3.10-slim'],
        ['build', 'build', 'base', 'base'],
        ['2', null, 'build', 'build'],
      ],
    );
    assert.deepEqual(images(result).slice(1), [
      'base name=base tag=null digest=null stage=build#1 from=base platform=null L4:6-9',
      'build name=build tag=null digest=null stage=null#2 from=build platform=null L6:6-10',
    ]);
    assert.deepEqual(result.stages[2]!.copies, [
      { sources: ['/etc/os-release'], dest: '/tmp/', fromStage: 'base', line: 7 },
      { sources: ['/root'], dest: '/root', fromStage: 'build', line: 8 },
    ]);
    // ENV is inherited from the parent stage; ARG is not (LOCAL_ONLY falls back to its default).
    // "Arguments and variables are inherited from parent stages" (Docker's build variables docs): LOCAL_ONLY=1 from base.
    assert.deepEqual(requirements(result), ['torch==2.1.2 L5:44-55 (build)', 'local-only==1 L5:57-84 (build)']);
    assert.deepEqual(indexes(result), ['index-url https://download.pytorch.org/whl/cu121 cuda=12.1 L5:29-42 (build)']);
  });

  it('names stages by alias (lower-cased) or index, and resolves WORKDIR, COPY and COPY --from', () => {
    const result = read('multistage.Dockerfile');
    assert.deepEqual(
      result.stages.map((stage) => ({ name: stage.name, alias: stage.alias, copies: stage.copies, line: stage.line })),
      [
        {
          name: 'builder',
          alias: 'builder',
          line: 4,
          copies: [{ sources: ['requirements/'], dest: '/build/requirements/', fromStage: null, line: 8 }],
        },
        {
          name: 'runtime',
          alias: 'runtime',
          line: 11,
          copies: [
            { sources: ['/opt/venv'], dest: '/opt/venv', fromStage: 'builder', line: 12 },
            { sources: ['src/'], dest: '/app/src/', fromStage: null, line: 14 },
          ],
        },
      ],
    );
    // The global ARG expands in FROM; the version has no columns of its own there.
    assert.deepEqual(versions(result.file.python), [
      '3.11 L4:6-34 "python:3.11-slim" (builder)',
      '3.11 L11:6-34 "python:3.11-slim" (runtime)',
    ]);
    assert.deepEqual(includes(result), ['-r requirements/base.txt L9 (builder)', '-c requirements/constraints.txt L9 (builder)']);
    assert.deepEqual(requirements(result), ['gunicorn==22.0.0 L15:41-56 (runtime)']);
    assert.deepEqual(result.diagnostics, []);
  });

  it('gives a diagnostic, not an exception, for FROM without an image or with a bad stage name', () => {
    const result = read('from-without-image.Dockerfile');
    assert.deepEqual(diagnostics(result), [
      'error L1:- FROM without an image',
      'error L3:- FROM without an image',
      'error L5:6 FROM ${UNSET_BASE}: the image name is empty: UNSET_BASE has no value here (no ARG or ENV sets it)',
      'error L6:- FROM takes an image and an optional stage name: FROM [--platform=<platform>] <image> [AS <name>]',
      'error L7:21 invalid stage name "1bad": it must start with a letter and hold only letters, digits, "-", "_" and "."',
    ]);
    assert.deepEqual(
      result.stages.map((stage) => [stage.name, stage.image.ref]),
      [
        ['0', ''],
        ['1', ''],
        ['empty', ''],
        ['one', 'python:3.11'],
        ['1bad', 'python:3.11'],
      ],
    );
    // Only real images are facts.
    assert.deepEqual(
      result.file.images.map((image) => image.line),
      [6, 7],
    );
    assert.deepEqual(requirements(result), ['orphan==1.0 L2:17-27 (0)']);
  });

  it('refuses an image reference Docker cannot parse, and reads no facts from it', () => {
    const text = [
      'ARG CUDA=12.1.1',
      'FROM nvidia/cuda: AS empty-tag',
      'FROM nvidia/cuda:${CUDA}-devel-ubuntu22.04:latest AS two-tags',
      'FROM nvidia/cuda@sha256:abc AS short-digest',
      'FROM registry.example.com/Vision/cuda:12.1.1-devel-ubuntu22.04 AS capitals',
      'FROM python:.3.11-slim AS dot-tag',
      'FROM nvidia/cuda:${CUDA}-runtime-ubuntu22.04 AS fine',
      '',
    ].join('\n');
    const result = parseDockerfile('Dockerfile', text);
    const docker = '; docker build stops with "invalid reference format"';
    assert.deepEqual(diagnostics(result), [
      `error L2:6 FROM 'nvidia/cuda:' is not a valid image reference: the tag after ":" is empty${docker}`,
      `error L3:6 FROM 'nvidia/cuda:12.1.1-devel-ubuntu22.04:latest' is not a valid image reference: the repository name 'nvidia/cuda:12.1.1-devel-ubuntu22.04' is not lowercase letters and digits in "/"-separated parts, joined by ".", "_", "__" or "-"${docker}`,
      `error L4:6 FROM 'nvidia/cuda@sha256:abc' is not a valid image reference: the digest 'sha256:abc' is not <algorithm>:<at least 32 hex digits>${docker}`,
      `error L5:6 FROM 'registry.example.com/Vision/cuda:12.1.1-devel-ubuntu22.04' is not a valid image reference: the repository name 'Vision/cuda' must be lowercase${docker}`,
      `error L6:6 FROM 'python:.3.11-slim' is not a valid image reference: the tag '.3.11-slim' is not 1-128 letters, digits, "_", "." and "-", starting with no "." or "-"${docker}`,
    ]);
    // No "was never published" for what was never a reference: only the valid image is a fact.
    assert.deepEqual(
      result.file.images.map((image) => image.ref),
      ['nvidia/cuda:12.1.1-runtime-ubuntu22.04'],
    );
    assert.deepEqual(versions(result.file.cuda), ['12.1.1 L7:6-44 "nvidia/cuda:12.1.1-runtime-ubuntu22.04" (fine)']);
    assert.deepEqual(
      result.stages.map((stage) => stage.name),
      ['empty-tag', 'two-tags', 'short-digest', 'capitals', 'dot-tag', 'fine'],
    );
  });

  it('accepts the image references Docker accepts: registries with ports, IPv6, localhost, digests, separators', () => {
    const digest = `sha256:${'0123456789abcdef'.repeat(4)}`;
    const accepted = [
      'python:3.11-slim',
      'nvidia/cuda:12.1.1-cudnn8-devel-ubuntu22.04',
      'ghcr.io:443/org/sub/img:v1.2_3',
      'localhost/img',
      'localhost:5000/team/img:latest',
      '[::1]:5000/img',
      'Registry.Example.com/team/img',
      'my_registry/img__x/a-b--c.d:TAG',
      `python@${digest}`,
      `python:3.11-slim@${digest}`,
      'scratch',
    ];
    const text = accepted.map((ref) => `FROM ${ref}`).join('\n') + '\n';
    assert.deepEqual(diagnostics(parseDockerfile('Dockerfile', text)), []);
  });

  it('reports instructions before the first FROM, and a file without FROM', () => {
    assert.deepEqual(diagnostics(read('before-from.Dockerfile')), [
      'error L1:- RUN before the first FROM: no build stage to run it in',
      'error L2:- ENV before the first FROM: no build stage to run it in',
    ]);
    const empty = read('no-from.Dockerfile');
    assert.deepEqual(diagnostics(empty), ['error L1:- no FROM instruction: this is not a Dockerfile BuildKit can build']);
    assert.deepEqual(empty.stages, []);
  });
});

describe('parseDockerfile: ARG and ENV expansion', () => {
  it('expands nested global ARG defaults in FROM, and keeps global ARGs out of stages that do not declare them', () => {
    const result = read('arg-nested.Dockerfile');
    assert.deepEqual(
      images(result).map((image) => image.split(' ')[0]),
      ['nvidia/cuda:12.1.1-cudnn8-runtime-ubuntu22.04'],
    );
    assert.deepEqual(versions(result.file.cuda), ['12.1.1 L5:6-12 "nvidia/cuda:12.1.1-cudnn8-runtime-ubuntu22.04" (0)']);
    assert.deepEqual(requirements(result), ['torchvision==0.16.2 L9:62-99 (0)']);
    assert.deepEqual(indexes(result), ['extra-index-url https://download.pytorch.org/whl/cu121 cuda=12.1 L10:23-75 (0)']);
    assert.deepEqual(diagnostics(result), [
      'notice L9:17 pip install torch==2.1.2+cu${CUDA_MAJOR}${CUDA_MINOR}: CUDA_MAJOR, CUDA_MINOR have no value in this stage: ' +
        'an ARG before the first FROM is seen only by FROM lines (declare `ARG CUDA_MAJOR` in the stage), so it is not checked',
      'notice L11:18 pip install cupy-cuda12x==${CUPY}: CUPY has no value here (no ARG or ENV sets it), so it is not checked',
    ]);
  });

  it('lets build arguments replace ARG defaults, but not set undeclared ARGs', () => {
    const result = read('arg-nested.Dockerfile', {
      buildArgs: { CUDA: '12.4.1', TORCH_VERSION: '2.3.1', CUPY: '13.2.0', CUDA_MAJOR: '12' },
    });
    assert.deepEqual(versions(result.file.cuda), ['12.4.1 L5:6-12 "nvidia/cuda:12.4.1-cudnn8-runtime-ubuntu22.04" (0)']);
    assert.deepEqual(
      diagnostics(result).map((line) => line.split(':')[0]),
      ['notice L9', 'notice L11'],
    );
    assert.match(diagnostics(result)[0]!, /torch==2\.3\.1\+cu\$\{CUDA_MAJOR\}/);
  });

  it('imports a global ARG with ARG NAME, and lets ENV win over ARG', () => {
    const result = read('arg-scope.Dockerfile');
    assert.deepEqual(requirements(result), ['numpy==1.26.4 L8:17-31 (0)', 'pandas==2.0.3 L8:33-49 (0)']);
    assert.deepEqual(diagnostics(result), [
      'notice L8:51 pip install scipy==${PYTHON}: PYTHON has no value in this stage: ' +
        'an ARG before the first FROM is seen only by FROM lines (declare `ARG PYTHON` in the stage), so it is not checked',
    ]);
  });

  it('ignores build arguments named like Object.prototype keys', () => {
    const result = read('arg-scope.Dockerfile', {
      buildArgs: JSON.parse('{"__proto__": "x", "constructor": "y"}') as Record<string, string>,
    });
    assert.equal(result.file.requirements.length, 2);
  });

  it('reports ${ without } in FROM, ARG and RUN, and keeps single-quoted text literal', () => {
    const result = read('bad-substitution.Dockerfile');
    assert.deepEqual(diagnostics(result), [
      "error L2:6 FROM ${BASE: syntax error: missing '}'",
      "error L3:13 ARG VERSION: syntax error: missing '}'",
      'error L4:32 shell syntax: unterminated double quote',
      "error L5:24 Invalid requirement: 'quoted==${NOT_A_VARIABLE': Expected semicolon (after name with no version specifier) or end",
    ]);
    assert.deepEqual(result.file.images, []);
  });
});

describe('parseDockerfile: pip in RUN', () => {
  it('reads the Airflow image with a URL constraints file: a notice with the expanded URL', () => {
    const result = read('airflow-constraints.Dockerfile');
    assert.deepEqual(versions(result.file.python), ['3.11 L1:28-37 "apache/airflow:2.10.5-python3.11" (0)']);
    assert.deepEqual(requirements(result), [
      'apache-airflow==2.10.5 L6:32-67 (0)',
      'apache-airflow-providers-postgres==5.13.1 L7:7-47 (0)',
    ]);
    assert.deepEqual(result.file.includes, []);
    assert.deepEqual(diagnostics(result), [
      'notice L8:20 -c https://raw.githubusercontent.com/apache/airflow/constraints-2.10.5/constraints-3.11.txt is a URL; not fetched, so its pins are not checked',
    ]);
  });

  it('follows shell variables the RUN assigns, and says which part only the running command knows', () => {
    const result = read('airflow-shell-vars.Dockerfile');
    assert.deepEqual(requirements(result), ['apache-airflow==2.10.5 L5:17-52 (0)']);
    assert.deepEqual(diagnostics(result), [
      'notice L5:67 -c https://raw.githubusercontent.com/apache/airflow/constraints-2.10.5/constraints-$(python --version | cut -d " " -f 2 | cut -d "." -f 1-2).txt' +
        ' is a URL; not fetched, so its pins are not checked',
    ]);
  });

  it('reads pip options: skips their values, takes -r/-c/-e/indexes, paths, wheels and markers', () => {
    const result = read('pip-options.Dockerfile');
    assert.deepEqual(requirements(result), [
      ' url=. -e L4:47-47 (0)',
      'tool url=git+https://github.com/org/tool.git@v1.2#egg=tool -e L4:52-100 (0)',
      'torch==2.1.2+cu121 url=./wheels/torch-2.1.2+cu121-cp310-cp310-linux_x86_64.whl L5:7-61 (0)',
      '[gpu] url=. L5:64-69 (0)',
      'numpy>=1.21,<2 L8:8-21 (0)',
      'pandas==2.1.4; python_version >= "3.9" L8:25-62 (0)',
      'Uvicorn[standard]==0.24.0 L8:66-99 (0)',
    ]);
    assert.equal(result.file.requirements[6]!.key, 'uvicorn');
    assert.deepEqual(indexes(result), [
      'find-links https://download.pytorch.org/whl/torch_stable.html cuda=null L6:10-59 (0)',
      'extra-index-url https://download.pytorch.org/whl/cu118 cuda=11.8 L7:25-62 (0)',
      'index-url https://pypi.org/simple cuda=null L7:67-89 (0)',
    ]);
    // `-qUrrequirements.txt`: -q, -U, then -r with its value attached.
    assert.deepEqual(includes(result), ['-r requirements.txt L9 (0)']);
    assert.deepEqual(result.diagnostics, []);
  });

  it('reports a requirement pip would reject, with the parser message, and keeps the rest', () => {
    const result = read('invalid-requirement.Dockerfile');
    assert.deepEqual(requirements(result), ['ok-package==1.0 L2:36-50 (0)']);
    assert.deepEqual(diagnostics(result), [
      "error L2:22 Invalid requirement: 'torch==': Expected semicolon (after name with no version specifier) or end",
      "error L2:31 Invalid requirement: 'numpy>>1': Expected semicolon (after name with no version specifier) or end",
    ]);
  });

  it('finds pip behind venv paths, sudo, env, prefix assignments, python options, pip3.X and global options', () => {
    const result = read('venv-and-wrappers.Dockerfile');
    assert.deepEqual(requirements(result), [
      'pip==24.0 L2:63-71 (0)',
      'httpx==0.27.0 L3:33-45 (0)',
      'anyio==4.4.0 L4:40-51 (0)',
      'sniffio==1.3.1 L5:58-71 (0)',
      'h11==0.14.0 L6:21-31 (0)',
      'certifi==2024.7.4 L7:73-89 (0)',
    ]);
    assert.deepEqual(versions(result.file.python).slice(1), ['3.11 L6:8-11 "pip3.11" (0)']);
  });

  it('splits commands on subshells, groups, if/then, pipes and loops; echo text is not a command', () => {
    const result = read('subshells.Dockerfile');
    // `for p in d-pkg e-pkg; do pip install $p`: each pass installs one word of the list, found at that word.
    assert.deepEqual(requirements(result), [
      'a-pkg==1.0 L2:29-38 (0)',
      'b-pkg==2.0 L2:58-67 (0)',
      'c-pkg==3.0 L3:36-45 (0)',
      'd-pkg L5:14-18 (0)',
      'e-pkg L5:20-24 (0)',
    ]);
    assert.deepEqual(diagnostics(result), [
      'notice L6:17 pip install $(cat /pins.txt): its value is computed when the command runs, so it is not checked',
    ]);
  });

  it('reads exec form: no shell, no expansion; sh -c strings are scripts', () => {
    const result = read('exec-form.Dockerfile');
    assert.deepEqual(requirements(result), [
      'fastapi==0.104.1 L2:43-58 (0)',
      'uvicorn==0.24.0 L3:38-52 (0)',
      'pydantic==2.5.3 L4:42-61 (0)',
    ]);
    assert.deepEqual(includes(result), ['-r /req.txt L3 (0)']);
    assert.deepEqual(diagnostics(result), [
      "error L5:25 Invalid requirement: '$NOT_EXPANDED': Expected package name at the start of dependency specifier",
    ]);
  });
});

describe('parseDockerfile: -r/-c paths back to the build context', () => {
  it('resolves through WORKDIR, COPY (files, folders, JSON form), cd, parent stages and COPY --from', () => {
    const result = read('copy-resolution.Dockerfile');
    assert.deepEqual(includes(result), [
      '-r requirements/base.txt L7 (base)',
      '-c constraints.txt L7 (base)',
      '-r services/api/requirements.txt L8 (base)',
      '-r docker/gpu-requirements.txt L8 (base)',
      // Not copied from the context: the path as written, without ./
      '-r missing/requirements.txt L9 (base)',
      '-r /not/copied.txt L9 (base)',
      '-r requirements/dev.txt L13 (test)',
      // After `cd "$(mktemp -d)"` the directory is unknown.
      '-r requirements.txt L14 (test)',
      '-r requirements/base.txt L18 (2)',
    ]);
    assert.deepEqual(result.diagnostics, []);
  });

  it('resolves through RUN --mount=type=bind (default source: the context root; relative targets)', () => {
    const result = read('mount-bind.Dockerfile');
    assert.deepEqual(includes(result), [
      '-r requirements/prod.txt L6 (0)',
      '-r requirements/dev.txt L7 (0)',
      '-r third_party/extra.txt L8 (0)',
    ]);
  });

  it('resolves ADD globs and skips remote ADD sources and heredoc COPY sources', () => {
    const result = read('json-copy-add.Dockerfile');
    assert.deepEqual(result.stages[0]!.copies, [
      { sources: ['requirements-*.txt'], dest: '/opt/app/', fromStage: null, line: 4 },
      { sources: ['requirements.in', 'constraints.txt'], dest: '/opt/pins/', fromStage: null, line: 8 },
    ]);
    assert.deepEqual(includes(result), ['-r requirements-gpu.txt L9 (0)', '-c constraints.txt L9 (0)']);
    // -r /opt/remote/requirements.txt is the file the remote ADD fetched during the build: no file of the repository.
  });

  it('resolves a plain WORKDIR + COPY requirements.txt .', () => {
    assert.deepEqual(includes(read('python-slim.Dockerfile')), ['-r requirements.txt L4 (0)']);
  });
});

describe('parseDockerfile: heredocs', () => {
  it('reads a RUN <<EOF body as the script, with ARG values and continuations', () => {
    const result = read('heredoc-run.Dockerfile');
    assert.deepEqual(requirements(result), ['numpy==1.26.4 L7:5-27 (0)', 'pandas==2.2.2 L8:5-17 (0)', 'scipy==1.13.1 L9:23-35 (0)']);
    assert.deepEqual(result.diagnostics, []);
  });

  it('strips leading tabs of a <<- body and its terminator, keeping columns', () => {
    const result = read('heredoc-chomp.Dockerfile');
    assert.deepEqual(requirements(result), ['requests==2.32.3 L3:14-29 (0)', 'urllib3<3 L4:16-24 (0)', 'idna==3.7 L6:17-25 (0)']);
  });

  it('hides the outer shell variables from a body whose delimiter is quoted', () => {
    const result = read('heredoc-quoted.Dockerfile');
    assert.deepEqual(requirements(result), ['torch==2.3.1 L4:27-41 (0)', 'numpy==1.26.4 L7:13-25 (0)']);
    assert.deepEqual(diagnostics(result), [
      'notice L4:14 pip install numpy==${V}: V has no value here (no ARG or ENV sets it), so it is not checked',
    ]);
  });

  it('reads only the bodies fed to a shell when one line opens several heredocs', () => {
    const result = read('heredoc-multiple.Dockerfile');
    assert.deepEqual(requirements(result), ['black==24.4.2 L5:13-25 (0)', 'isort==5.13.2 L10:17-29 (0)']);
  });

  it('does not read bodies run by Python, by stdin or after a non-shell shebang', () => {
    const result = read('heredoc-python.Dockerfile');
    assert.deepEqual(requirements(result), ['read-me==1.0 L12:13-24 (0)']);
  });

  it('reports an unterminated heredoc and reads nothing it swallowed', () => {
    const result = read('unterminated-heredoc.Dockerfile');
    assert.deepEqual(requirements(result), ['before==1.0 L2:17-27 (0)']);
    assert.deepEqual(result.stages.length, 1);
    assert.deepEqual(diagnostics(result), ['error L3:- unterminated heredoc <<EOF: no line "EOF" ends it']);
  });

  it('consumes ONBUILD heredocs and reports unknown instructions', () => {
    const result = read('onbuild-unknown.Dockerfile');
    assert.deepEqual(requirements(result), ['real==1.0 L7:17-25 (0)']);
    assert.deepEqual(diagnostics(result), ['error L6:- unknown instruction: RNU']);
  });
});

describe('parseDockerfile: lines, continuations and directives', () => {
  it('drops comment lines and blank lines inside a continuation', () => {
    const result = read('comment-continuation.Dockerfile');
    assert.deepEqual(requirements(result), ['fastapi==0.104.1 L4:5-20 (0)', 'uvicorn==0.24.0 L6:5-19 (0)', 'pydantic==2.5.3 L8:5-19 (0)']);
  });

  it('honours # escape=` (Windows): backquote continuations, literal backslashes', () => {
    const result = read('escape-backtick.Dockerfile');
    assert.deepEqual(requirements(result), ['numpy==1.26.4 L6:17-29 (0)', 'pandas==2.2.2 L7:5-17 (0)']);
    assert.deepEqual(includes(result), ['-r requirements.txt L8 (0)']);
    assert.deepEqual(result.diagnostics, []);
  });

  it('reads directives only at the top, and reports a repeated one', () => {
    const result = read('directives.Dockerfile');
    assert.deepEqual(requirements(result), ['plain==1.0 L7:17-26 (0)', 'continued==2.0 L8:5-18 (0)']);
    assert.deepEqual(diagnostics(result), ['error L4:- only one escape parser directive can be used']);
    // After a plain comment, `# escape=` is a comment too.
    assert.deepEqual(requirements(read('directive-late.Dockerfile')), ['one==1.0 L4:17-24 (0)', 'two==2.0 L5:5-12 (0)']);
  });

  it('reports an invalid escape directive and keeps the default', () => {
    const result = read('invalid-escape.Dockerfile');
    assert.deepEqual(diagnostics(result), ["error L1:- invalid escape token 'x' does not match ` or \\"]);
    assert.deepEqual(requirements(result), ['ok==1.0 L3:17-23 (0)']);
  });

  it('reads CRLF line endings and a byte-order mark', () => {
    const result = read('crlf-bom.Dockerfile');
    assert.deepEqual(requirements(result), ['requests==2.32.3 L2:17-32 (0)', 'urllib3==2.2.2 L3:5-18 (0)']);
    assert.deepEqual(
      images(result).map((image) => image.split(' ').pop()),
      ['L1:6-21'],
    );
  });

  it('warns about a continuation at the end of the file and still reads the instruction', () => {
    const result = read('unterminated-continuation.Dockerfile');
    assert.deepEqual(requirements(result), ['last==1.0 L2:17-25 (0)']);
    assert.deepEqual(diagnostics(result), ['warning L2:- line continuation at the end of the file: the instruction ends here']);
  });
});

describe('parseDockerfile: inline text', () => {
  const parse = (text: string): DockerfileParse => parseDockerfile('Dockerfile', text);

  it('maps a token split across a continuation to where it starts and ends', () => {
    const result = parse('FROM python:3.11\nRUN pip install tor\\\nch==2.1.2\n');
    assert.deepEqual(requirements(result), ['torch==2.1.2 L2:17-9 ..L3 (0)']);
  });

  it('reads an empty file as a diagnostic', () => {
    assert.deepEqual(diagnostics(parse('')), ['error L1:- no FROM instruction: this is not a Dockerfile BuildKit can build']);
  });

  it('reads the legacy ENV form with its whole value, and ENV values that hold quotes', () => {
    const result = parse(
      'FROM python:3.11\nENV PIP_EXTRA  https://download.pytorch.org/whl/cu118 \nENV REQ="torch==2.1.2" \\\n    IDX=${PIP_EXTRA}\nRUN pip install "$REQ" --extra-index-url $IDX\n',
    );
    assert.deepEqual(requirements(result), ['torch==2.1.2 L5:17-22 (0)']);
    assert.deepEqual(indexes(result), ['extra-index-url https://download.pytorch.org/whl/cu118 cuda=11.8 L5:42-45 (0)']);
  });

  it('reads the script of sh -c / bash -lc in shell form, at its own columns', () => {
    const result = parse('FROM python:3.11\nRUN sh -c "pip install a==1" && bash -lc \'python -m pip install b==2\'\n');
    assert.deepEqual(requirements(result), ['a==1 L2:24-27 (0)', 'b==2 L2:65-68 (0)']);
  });

  it('redacts credentials in index URLs', () => {
    const result = parse('FROM python:3.11\nRUN pip install -i https://user:secret@pypi.example.com/simple x==1\n');
    assert.deepEqual(
      result.file.indexes.map((index) => index.url),
      ['https://user:****@pypi.example.com/simple'],
    );
  });
});
