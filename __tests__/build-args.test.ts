// Build arguments from where builds are defined (compose, workflows, bake, scripts): each Dockerfile
// checked once per distinct set, a variant's findings named by it and related to where its values are.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { variantFindings, variantsOf } from '../src/check/variants.js';
import { runCheck } from '../src/engine.js';
import type { Finding } from '../src/model.js';
import { readHcl } from '../src/parse/build-definitions/hcl.js';
import { readBuildDefinitions, type BuildDefinition, type DefinitionFiles } from '../src/parse/build-definitions/index.js';

const FIXTURES = fileURLToPath(new URL('../../__tests__/fixtures/build-args/', import.meta.url));

async function check(name: string): Promise<Finding[]> {
  const outcome = await runCheck({ root: `${FIXTURES}${name}`, env: {} });
  assert.ok(outcome.ok);
  return outcome.result.findings.filter((finding) => finding.severity !== 'notice');
}

function summary(finding: Finding): string {
  const related = (finding.related ?? []).map((location) => `${location.file}:${location.line}`).join(' ');
  return `${finding.file}:${finding.line} ${finding.rule} ${/\((with [^()]*(?:\([^()]*\))?[^()]*)\)$/.exec(finding.message)?.[1] ?? '-'} @ ${related}`;
}

function memoryFiles(files: Record<string, string>): DefinitionFiles {
  return { read: (path) => files[path] ?? null, isFile: (path) => Object.hasOwn(files, path) };
}

function argsOf(build: BuildDefinition): string {
  return build.args.map((arg) => `${arg.name}=${arg.value ?? '?'}`).join(' ');
}

test('compose: a service whose .env value makes an unpublished image is an error naming the service, related to .env and the args line', async () => {
  assert.deepEqual((await check('compose')).map(summary), [
    'Dockerfile:3 cuda-image-tag-unknown with CUDA_VERSION=12.7.0 from docker-compose.yml service bad, profile train @ .env:2 docker-compose.yml:20',
    'docker-compose.yml:29 cuda-image-tag-unknown - @ ',
  ]);
});

test("compose: an image a service pulls is checked on its line (an ignore comment, an unknown value and a build's own name are not)", async () => {
  const outcome = await runCheck({ root: `${FIXTURES}compose`, env: {} });
  assert.ok(outcome.ok);
  const images = outcome.result.findings.filter((finding) => finding.file === 'docker-compose.yml');
  assert.deepEqual(
    images.map((finding) => `${finding.line}:${finding.column}-${finding.endColumn} ${finding.rule} ${finding.fix}`),
    ['29:13-51 cuda-image-tag-unknown null', '33:12-53 cuda-driver-minimum null'],
  );
});

test('workflow: the matrix combination include adds is checked, the excluded one is not, and a fromJSON matrix stays unchecked', async () => {
  const label = 'with CUDA_VERSION=11.3.0, UBUNTU_VERSION=20.04 and CUDA_TAG=cu113 from .github/workflows/docker.yml matrix build';
  const matrixLines =
    '.github/workflows/docker.yml:18 .github/workflows/docker.yml:27 .github/workflows/docker.yml:19 .github/workflows/docker.yml:28 .github/workflows/docker.yml:20 .github/workflows/docker.yml:29';
  assert.deepEqual((await check('workflow')).map(summary), [
    `docker/Dockerfile:3 cuda-image-tag-unknown ${label} @ ${matrixLines}`,
    `docker/Dockerfile:6 torch-cuda-variant-missing ${label} @ docker/Dockerfile:6 ${matrixLines}`,
  ]);
});

test('scripts and Makefiles: literal --build-arg values are checked, computed ones are not', async () => {
  assert.deepEqual((await check('script')).map(summary), [
    'docker/Dockerfile:3 cuda-image-tag-unknown with CUDA_VERSION=11.8 and CUDA_TAG=cu118 from build.sh:6 docker build @ build.sh:7 build.sh:8',
    'docker/Dockerfile:3 cuda-torch-build-mismatch with CUDA_VERSION=11.8.0 and CUDA_TAG=cu117 from Makefile:4 docker build @ docker/Dockerfile:6 Makefile:4',
    'docker/Dockerfile:6 torch-cuda-variant-missing with CUDA_VERSION=11.8.0 and CUDA_TAG=cu117 from Makefile:4 docker build @ docker/Dockerfile:6 Makefile:4',
  ]);
});

test('bake: variable defaults and matrix values reach the args; a function call stays unchecked', async () => {
  assert.deepEqual((await check('bake')).map(summary), [
    'images/Dockerfile:2 cuda-image-tag-unknown with CUDA_VERSION=11.7.0 from docker-bake.hcl target legacy @ docker-bake.hcl:7 docker-bake.hcl:30',
  ]);
});

test('a computed build argument is unknown in its variant: what depends on it is unchecked, the rest of the build is checked', async () => {
  assert.deepEqual((await check('computed')).map(summary), [
    'Dockerfile:3 cuda-image-tag-eol with CUDA_VERSION=12.5.0 from .github/workflows/image.yml matrix image, TORCH_INDEX_URL and GIT_SHA computed when it runs, not checked @ .github/workflows/image.yml:8 .github/workflows/image.yml:14',
    'Dockerfile:3 cuda-image-tag-unknown with CUDA_VERSION=12.7.0 from build.sh:4 docker build, TORCH_INDEX_URL computed when it runs, not checked @ build.sh:4',
  ]);
});

test("a computed build argument does not take its ARG's default: the legacy build's index is not compared with cu121", async () => {
  const findings = await check('computed');
  assert.ok(!findings.some((finding) => finding.rule === 'cuda-torch-build-mismatch'));
});

test('an index given at build time is not taken for PyPI: only the stage that installs from PyPI is compared with its image', async () => {
  assert.deepEqual(
    (await check('index-from-build')).map((finding) => `${finding.file}:${finding.line} ${finding.rule}`),
    ['Dockerfile:7 cuda-torch-build-mismatch'],
  );
});

test('compose services: NVIDIA_DISABLE_REQUIRE turns the fleet driver check off; a service that requests no GPU gets a warning, one that does an error', async () => {
  const outcome = await runCheck({ root: `${FIXTURES}compose-gpu`, env: {}, driver: '545.23.08' });
  assert.ok(outcome.ok);
  assert.deepEqual(
    outcome.result.findings
      .filter((finding) => finding.rule === 'fleet-driver-too-old')
      .map((finding) => `${finding.line} ${finding.severity}`),
    ['4 error', '27 warning'],
  );
  assert.match(outcome.result.findings.find((finding) => finding.line === 27)?.message ?? '', /the service requests none/);
});

test("the fleet's driver is checked against the images of the build variants too", async () => {
  const outcome = await runCheck({ root: `${FIXTURES}compose`, env: {}, driver: '520.61.05' });
  assert.ok(outcome.ok);
  const labels = outcome.result.findings
    .filter((finding) => finding.rule === 'fleet-driver-too-old' && finding.file === 'Dockerfile')
    .map((finding) => /\((with [^()]*)\)$/.exec(finding.message)?.[1] ?? 'defaults');
  assert.deepEqual(labels.sort(), ['defaults', 'with CUDA_VERSION=12.1.1 from docker-compose.yml service good']);
});

test('compose services: the driver minimum notice of a service with NVIDIA_DISABLE_REQUIRE does not say the toolkit refuses it', async () => {
  const outcome = await runCheck({ root: `${FIXTURES}compose-gpu`, env: {} });
  assert.ok(outcome.ok);
  const notices = outcome.result.findings.filter((finding) => finding.rule === 'cuda-driver-minimum');
  assert.deepEqual(
    notices.map((finding) => `${finding.line} ${finding.message.includes('NVIDIA_REQUIRE_CUDA')}`),
    ['4 true', '13 false', '22 false', '27 true'],
  );
});

test('a variant finding carries no fix: the value to change is where the build argument is written', async () => {
  const [finding] = await check('compose');
  assert.equal(finding?.fix, null);
});

test('compose: args as a map or a list, extends, a build string, values from the shell unknown', () => {
  const read = readBuildDefinitions(
    ['app/compose.yaml'],
    memoryFiles({
      'app/compose.yaml': [
        'services:',
        '  base:',
        '    build: ./img',
        '  map:',
        '    extends: base',
        '    build:',
        '      context: ./img',
        '      args: {A: "1", B: 2.10, FROM_SHELL: }',
        '  list:',
        '    extends: {file: other.yml, service: web}',
        '  remote:',
        '    build: https://github.com/x/y.git',
        '',
      ].join('\n'),
      'app/other.yml':
        'services:\n  web:\n    build:\n      context: ../web\n      dockerfile: Dockerfile.gpu\n      args: ["A=${A_VALUE:-3}", "B"]\n',
    }),
  );
  assert.deepEqual(
    read.builds.map((build) => `${build.dockerfile} ${argsOf(build)} (${build.source})`),
    [
      'app/img/Dockerfile  (app/compose.yaml service base)',
      'app/img/Dockerfile A=1 B=2.10 FROM_SHELL=? (app/compose.yaml service map)',
      'web/Dockerfile.gpu A=3 B=? (app/compose.yaml service list)',
    ],
  );
});

test('workflow: include joins the combinations it does not change and adds the others; run steps expand matrix and env', () => {
  const read = readBuildDefinitions(
    ['.github/workflows/ci.yml'],
    memoryFiles({
      '.github/workflows/ci.yml': [
        'env:',
        '  PY: "3.11"',
        'jobs:',
        '  images:',
        '    strategy:',
        '      matrix:',
        '        torch: [{version: "2.3.1", cuda: cu121}, {version: "2.1.2", cuda: cu118}]',
        '        include:',
        '          - torch: {version: "2.1.2", cuda: cu118}',
        '            base: jammy',
        '          - extra: yes',
        '    env:',
        '      BASE: ${{ matrix.base }}',
        '    steps:',
        '      - run: docker build --build-arg BASE="$BASE" -f docker/Dockerfile docker',
        '      - name: build',
        '        working-directory: docker',
        '        run: docker build --build-arg TORCH=${{ matrix.torch.version }} --build-arg PY=${{ env.PY }} --build-arg SHA=${{ github.sha }} .',
        '',
      ].join('\n'),
      'docker/Dockerfile': 'FROM python\n',
    }),
  );
  assert.deepEqual(
    read.builds.map((build) => argsOf(build)),
    [
      // The first combination has no `base`: GitHub gives null, written as an empty string.
      'BASE=',
      'BASE=jammy',
      'TORCH=2.3.1 PY=3.11 SHA=?',
      'TORCH=2.1.2 PY=3.11 SHA=?',
    ],
  );
  assert.deepEqual(read.builds[1]?.args[0]?.origins, [
    { file: '.github/workflows/ci.yml', line: 10 },
    { file: '.github/workflows/ci.yml', line: 13 },
    { file: '.github/workflows/ci.yml', line: 15 },
  ]);
  assert.deepEqual(read.builds[2]?.args[0]?.origins, [
    { file: '.github/workflows/ci.yml', line: 7 },
    { file: '.github/workflows/ci.yml', line: 18 },
  ]);
});

test('workflow: a matrix key a combination lacks is an empty string, unless an expression may bring it; folded build-args are read as the action reads them', () => {
  const read = readBuildDefinitions(
    ['.github/workflows/ci.yml'],
    memoryFiles({
      '.github/workflows/ci.yml': [
        'jobs:',
        '  closed:',
        '    strategy:',
        '      matrix:',
        '        cuda: ["12.1.1", "11.8.0"]',
        '        include:',
        '          - cuda: "12.1.1"',
        '            tag: cu121',
        '    steps:',
        '      - uses: docker/build-push-action@v6',
        '        with:',
        '          build-args: >-',
        '            CUDA_VERSION=${{ matrix.cuda }}',
        '',
        '            CUDA_TAG=${{ matrix.tag }}',
        '      - uses: docker/build-push-action@v6',
        '        with:',
        '          build-args: >',
        '            CUDA_VERSION=${{ matrix.cuda }}',
        '            CUDA_TAG=cu118',
        '  open:',
        '    strategy:',
        '      matrix:',
        '        cuda: ["12.1.1"]',
        '        include: ${{ fromJSON(needs.setup.outputs.extra) }}',
        '    steps:',
        '      - run: docker build --build-arg CUDA_TAG=${{ matrix.tag }} .',
        '',
      ].join('\n'),
      Dockerfile: 'FROM python\n',
    }),
  );
  assert.deepEqual(
    read.builds.map((build) => argsOf(build)),
    [
      'CUDA_VERSION=12.1.1 CUDA_TAG=cu121',
      'CUDA_VERSION=11.8.0 CUDA_TAG=',
      // `>` folds the two lines into `CUDA_VERSION=... CUDA_TAG=cu118`: one argument, not the value meant.
      'CUDA_VERSION=?',
      'CUDA_VERSION=?',
      'CUDA_TAG=?',
    ],
  );
  assert.deepEqual(
    read.builds[0]?.args.map((arg) => arg.origins.at(-1)?.line),
    [13, 15],
  );
  assert.deepEqual(
    read.builds[2]?.args.map((arg) => arg.origins.at(-1)?.line),
    [19],
  );
});

test('the HCL reader reads blocks, attributes, lists, objects and JSON, and leaves expressions unknown', () => {
  const hcl = readHcl(
    'variable "V" {\n  default = "1"\n}\ntarget "t" {\n  args = {\n    A = "x-${V}"\n    B = upper("y")\n    C = V\n  }\n  tags = ["a", "b"]\n}\n',
  );
  const target = hcl.get('target');
  assert.equal(target?.kind, 'object');
  const t = target.kind === 'object' ? target.entries.get('t') : undefined;
  const args = t?.kind === 'object' ? t.entries.get('args') : undefined;
  assert.deepEqual(
    args?.kind === 'object'
      ? [...args.entries].map(([key, value]) => `${key}:${value.kind === 'string' ? value.text : value.kind}@${value.line}`)
      : [],
    ['A:x-${V}@6', 'B:other@7', 'C:${V}@8'],
  );
  const json = readHcl('{"target": {"t": {"args": {"A": "1"}}}}');
  assert.equal(json.get('target')?.kind, 'object');
});

test('variants: distinct sets only, ARGs the Dockerfile does not declare ignored, a build of computed values only adds nothing, past the limit counted', () => {
  const build = (value: string | null, extra = 'x'): BuildDefinition => ({
    dockerfile: 'Dockerfile',
    source: 'ci',
    args: [
      { name: 'CUDA', value, origins: [] },
      { name: 'UNDECLARED', value: extra, origins: [] },
    ],
  });
  const builds = [build('1'), build('1', 'y'), build(null), ...Array.from({ length: 70 }, (_, index) => build(`2.${index}`))];
  const selection = variantsOf('Dockerfile', builds, new Set(['CUDA']));
  assert.equal(selection.variants.length, 64);
  assert.equal(selection.left, 7);
  assert.deepEqual(selection.variants[0]?.args, { CUDA: '1' });
  const mixed = variantsOf(
    'Dockerfile',
    [
      {
        dockerfile: 'Dockerfile',
        source: 'ci',
        args: [
          { name: 'CUDA', value: '2', origins: [{ file: 'ci', line: 3 }] },
          { name: 'INDEX', value: null, origins: [{ file: 'ci', line: 4 }] },
        ],
      },
    ],
    new Set(['CUDA', 'INDEX']),
  );
  assert.deepEqual(
    mixed.variants.map((variant) => [variant.args, variant.label, variant.origins]),
    [[{ CUDA: '2', INDEX: null }, 'with CUDA=2 from ci, INDEX computed when it runs, not checked', [{ file: 'ci', line: 3 }]]],
  );
});

test('variants: a finding of the defaults is not repeated, one of every variant is given once, notices of variants are dropped', () => {
  const finding = (message: string, severity: Finding['severity'] = 'error'): Finding => ({
    rule: 'r',
    severity,
    message,
    file: 'Dockerfile',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 2,
    package: null,
  });
  const variant = (label: string) => ({ dockerfile: 'Dockerfile', args: {}, label, origins: [{ file: 'ci.yml', line: label.length }] });
  const a = variant('with A=1 from ci');
  const b = variant('with A=22 from ci');
  const found = variantFindings(
    [finding('base')],
    [
      { variant: a, findings: [finding('base'), finding('all'), finding('only a'), finding('note', 'notice')] },
      { variant: b, findings: [finding('base'), finding('all')] },
    ],
  );
  assert.deepEqual(
    found.map((item) => item.message),
    ['all (with the build arguments of each of the 2 builds found for Dockerfile)', 'only a (with A=1 from ci)'],
  );
  assert.deepEqual(
    found[0]?.related?.map((location) => location.line),
    [16, 17],
  );
});

test('build scripts: flags with values are skipped, --build-arg= and --file= read, a build arg without a value is unknown', () => {
  const read = readBuildDefinitions(
    ['tools/release.sh'],
    memoryFiles({
      'tools/release.sh': [
        'docker buildx build --platform linux/amd64 -t x:1 --build-arg=A=1 --build-arg B --file=img/Dockerfile.gpu --target prod img',
        'docker build -t "$TAG" --build-arg C=\'two words\' ../img',
        'echo docker build',
        '',
      ].join('\n'),
      'img/Dockerfile.gpu': 'FROM x\n',
      'img/Dockerfile': 'FROM y\n',
    }),
  );
  assert.deepEqual(
    read.builds.map((build) => `${build.dockerfile} ${argsOf(build)} (${build.source})`),
    ['img/Dockerfile.gpu A=1 B=? (tools/release.sh:1 docker build)', 'img/Dockerfile C=two words (tools/release.sh:2 docker build)'],
  );
});

test('docker-bake.json: targets with context, dockerfile and args', () => {
  const read = readBuildDefinitions(
    ['ci/docker-bake.json'],
    memoryFiles({
      'ci/docker-bake.json':
        '{\n  "variable": {"CUDA": {"default": "12.1.1"}},\n  "target": {\n    "gpu": {\n      "context": "../img",\n      "dockerfile": "Dockerfile.gpu",\n      "args": {"CUDA_VERSION": "${CUDA}", "OTHER": "x"}\n    }\n  }\n}\n',
    }),
  );
  assert.deepEqual(
    read.builds.map((build) => `${build.dockerfile} ${argsOf(build)} (${build.source})`),
    ['img/Dockerfile.gpu CUDA_VERSION=12.1.1 OTHER=x (ci/docker-bake.json target gpu)'],
  );
  assert.deepEqual(read.builds[0]?.args[0]?.origins, [
    { file: 'ci/docker-bake.json', line: 2 },
    { file: 'ci/docker-bake.json', line: 7 },
  ]);
});

test('hostile build definitions: deep HCL nesting, unclosed expressions and alias bombs are read without a stack overflow', () => {
  assert.equal(readHcl(`x = ${'['.repeat(100_000)}`).get('x')?.kind, 'list');
  assert.ok(readHcl('a {'.repeat(100_000)).has('a'));
  const unclosed = `jobs:\n  j:\n    steps:\n      - run: docker build --build-arg A=${'${{ x '.repeat(50_000)} .\n`;
  // The shell reads the unclosed `${` to the end of the script: no context, so no build.
  assert.deepEqual(
    readBuildDefinitions(['.github/workflows/a.yml'], memoryFiles({ '.github/workflows/a.yml': unclosed, Dockerfile: '' })).builds,
    [],
  );
  const bomb = [
    'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
    'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]',
    'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    'jobs:',
    '  j:',
    '    strategy:',
    '      matrix:',
    '        v: [*d, *d]',
    '        exclude: [{v: *d}]',
    '    steps:',
    '      - run: docker build --build-arg A=${{ matrix.v }} .',
    '',
  ].join('\n');
  assert.equal(
    readBuildDefinitions(['.github/workflows/a.yml'], memoryFiles({ '.github/workflows/a.yml': bomb, Dockerfile: '' })).builds.length,
    2,
  );
});

test('a check of chosen paths still uses the build arguments of their builds, and leaves compose images it was not pointed at alone', async () => {
  const outcome = await runCheck({ root: `${FIXTURES}compose`, paths: ['Dockerfile'], env: {} });
  assert.ok(outcome.ok);
  assert.deepEqual(
    outcome.result.findings
      .filter((finding) => finding.severity === 'error')
      .map((finding) => `${finding.file}:${finding.line} ${finding.rule}`),
    ['Dockerfile:3 cuda-image-tag-unknown'],
  );
});

test('workflow: a step whose if: leaves a combination out does not build it, and an if: that cannot be read about the matrix builds nothing', () => {
  const workflow = readFileSync(`${FIXTURES}workflow/.github/workflows/docker.yml`, 'utf8');
  const read = readBuildDefinitions(
    ['.github/workflows/docker.yml'],
    memoryFiles({ '.github/workflows/docker.yml': workflow, 'docker/Dockerfile': '' }),
  );
  assert.deepEqual(read.builds.filter((build) => build.source.endsWith('conditional')).map(argsOf), [
    'CUDA_VERSION=12.1.1 UBUNTU_VERSION=22.04',
    'CUDA_VERSION=12.1.1 UBUNTU_VERSION=22.04',
  ]);
});
