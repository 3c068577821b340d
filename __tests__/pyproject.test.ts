import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Requirement } from '../src/model.js';
import { parsePyproject, poetryConstraintToPep440 } from '../src/parse/pyproject.js';

const fixture = (name: string): URL => new URL(`../../__tests__/fixtures/pyproject/${name}`, import.meta.url);
const readFixture = (name: string) => parsePyproject('pyproject.toml', readFileSync(fixture(`${name}.toml`), 'utf8'));

function find(requirements: readonly Requirement[], key: string, group?: string): Requirement {
  const found = requirements.filter((requirement) => requirement.key === key && (group === undefined || requirement.group === group));
  assert.equal(found.length, 1, `${key}: ${JSON.stringify(found)}`);
  return found[0] as Requirement;
}

describe('parsePyproject: fixtures', () => {
  // Each *.expected.json holds this reader's records, checked by hand against the TOML beside it.
  for (const name of ['pep621', 'any-order', 'pep735', 'poetry', 'wrong-types', 'wrong-types-poetry', 'broken', 'bad-values']) {
    it(`reads ${name}.toml as recorded`, () => {
      const { file, diagnostics } = readFixture(name);
      const expected = JSON.parse(readFileSync(fixture(`${name}.expected.json`), 'utf8'));
      assert.deepEqual(
        { requirements: file.requirements, requiresPython: file.requiresPython, indexes: file.indexes, diagnostics },
        expected,
      );
      assert.equal(file.kind, 'pyproject');
      assert.deepEqual([file.includes, file.python, file.cuda, file.images, file.suppressions], [[], [], [], [], []]);
    });
  }
});

describe('parsePyproject: PEP 621', () => {
  const { file, diagnostics } = readFixture('pep621');

  it('reads dependencies with the position of the string, comments and one-line pairs included', () => {
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(find(file.requirements, 'nemo-toolkit'), {
      name: 'nemo_toolkit',
      key: 'nemo-toolkit',
      extras: ['asr'],
      specifier: '==1.17.0',
      marker: null,
      url: null,
      editable: false,
      constraint: false,
      line: 16,
      endLine: 16,
      column: 6,
      endColumn: 30,
      group: 'project.dependencies',
    });
    const uvicorn = find(file.requirements, 'uvicorn');
    assert.deepEqual([uvicorn.line, uvicorn.column, uvicorn.endColumn, uvicorn.extras], [19, 26, 56, ['standard']]);
    assert.equal(find(file.requirements, 'pydantic').specifier, '>=2.7,<3');
    assert.equal(find(file.requirements, 'watchdog').marker, "platform_system != 'Windows'");
    assert.equal(find(file.requirements, 'demucs').url, 'git+https://github.com/facebookresearch/demucs@e976d93');
  });

  it('names the group of every requirement', () => {
    const groups = [...new Set(file.requirements.map((requirement) => requirement.group))];
    assert.deepEqual(groups, [
      'project.dependencies',
      'project.optional-dependencies.gpu',
      'project.optional-dependencies.dev',
      'build-system.requires',
    ]);
    assert.deepEqual(find(file.requirements, 'setuptools-scm').extras, ['toml']);
  });

  it('reads requires-python as a specifier with its position', () => {
    assert.deepEqual(file.requiresPython, { specifier: '>=3.10,<3.12', line: 9, column: 20, endColumn: 32 });
  });

  it('finds values in tables declared in any order, under dotted and quoted keys, in literal and multi-line strings', () => {
    const { file: any, diagnostics: none } = readFixture('any-order');
    assert.deepEqual(none, []);
    assert.deepEqual(
      any.requirements.map((requirement) => [requirement.key, requirement.group, requirement.line, requirement.column]),
      [
        ['torch', 'project.dependencies', 14, 18],
        ['numpy', 'project.dependencies', 14, 33],
        ['pandas', 'project.dependencies', 14, 54],
        ['fastapi', 'project.optional-dependencies.serve', 9, 11],
        ['pytest', 'dependency-groups.test', 20, 10],
        ['ruff', 'dependency-groups.lint', 21, 11],
        ['setuptools', 'build-system.requires', 2, 27],
      ],
    );
    assert.deepEqual(any.requiresPython, { specifier: '>=3.10', line: 16, column: 22, endColumn: 27 });
  });
});

describe('parsePyproject: PEP 735 dependency groups', () => {
  const { file, diagnostics } = readFixture('pep735');

  it('reads the groups and follows includes by normalised name', () => {
    assert.deepEqual(
      file.requirements
        .filter((requirement) => requirement.group?.startsWith('dependency-groups.'))
        .map((requirement) => `${requirement.group} ${requirement.key}`),
      [
        'dependency-groups.test pytest',
        'dependency-groups.test pytest-cov',
        'dependency-groups.typing mypy',
        'dependency-groups.typing types-requests',
        'dependency-groups.docs mkdocs-material',
        'dependency-groups.Typing pyright',
      ],
    );
  });

  it('reports missing includes, cycles, clashing names and bad entries, each on its line', () => {
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.line, diagnostic.message]),
      [
        [10, "dependency group 'docs' includes 'missing-group', which is not defined"],
        [12, 'dependency groups include each other: loop-a -> loop-b -> loop-a'],
        [13, "dependency group 'Typing' has the same normalised name as 'typing'"],
        [14, 'dependency-groups.bad[0] must be a PEP 508 string or {include-group = "..."}, not an integer (42)'],
        [14, 'dependency-groups.bad[1] must be a PEP 508 string or {include-group = "..."}, not a table'],
        [
          14,
          "Invalid requirement 'not a requirement ===' in dependency-groups.bad: Expected semicolon (after name with no version specifier) or end",
        ],
      ],
    );
  });
});

describe('parsePyproject: Poetry', () => {
  const { file, diagnostics } = readFixture('poetry');
  const specifier = (key: string): string => find(file.requirements, key).specifier;

  it('translates caret, tilde, wildcard and bare constraints as Poetry defines them', () => {
    assert.deepEqual(
      ['nemo-toolkit', 'numpy', 'pandas', 'scipy', 'requests', 'tqdm', 'librosa', 'pydantic', 'onnx', 'rich', 'typer', 'mypy'].map(
        (key) => [key, specifier(key)],
      ),
      [
        ['nemo-toolkit', '>=1.17.0,<2.0.0'],
        ['numpy', '>=1.23.5,<1.24.0'],
        ['pandas', '>=2.0,<2.3'],
        ['scipy', '>=1.10,<1.14'],
        ['requests', '==2.*'],
        ['tqdm', ''],
        ['librosa', '==0.10.2.post1'],
        ['pydantic', '>=2.7,<3.0.0'],
        ['onnx', '>=0.0.3,<0.0.4'],
        ['rich', '>=0.2.3,<0.3.0'],
        ['typer', '>=1,<2.0.0'],
        ['mypy', '~=1.10'],
      ],
    );
  });

  it('reads tables: extras, markers, python, platform, git, path and url sources', () => {
    assert.deepEqual(find(file.requirements, 'nemo-toolkit').extras, ['asr']);
    assert.equal(find(file.requirements, 'uvloop').marker, "sys_platform != 'win32'");
    assert.equal(find(file.requirements, 'tomli').marker, 'python_version < "3.11"');
    assert.equal(find(file.requirements, 'pywin32').marker, 'sys_platform == "win32"');
    assert.equal(find(file.requirements, 'youtokentome').url, 'git+https://github.com/gburlet/YouTokenToMe.git@dependencies');
    assert.deepEqual(
      [find(file.requirements, 'callytics-common').url, find(file.requirements, 'callytics-common').editable],
      ['../common', true],
    );
    assert.equal(find(file.requirements, 'kenlm').url, 'https://github.com/kpu/kenlm/archive/master.zip');
  });

  it('reads one requirement per alternative of a multiple-constraint dependency', () => {
    const opencv = file.requirements.filter((requirement) => requirement.key === 'opencv-python');
    assert.deepEqual(
      opencv.map((requirement) => [requirement.specifier, requirement.marker, requirement.line]),
      [
        ['<4.9', 'python_version < "3.11"', 31],
        ['>=4.9,<5.0.0', 'python_version >= "3.11"', 32],
      ],
    );
  });

  it('points a Poetry requirement at its key', () => {
    const torch = find(file.requirements, 'torch');
    assert.deepEqual([torch.line, torch.column, torch.endColumn, torch.group], [9, 1, 55, 'tool.poetry.dependencies']);
    assert.equal(find(file.requirements, 'pytest').group, 'tool.poetry.group.dev.dependencies');
    assert.equal(find(file.requirements, 'mypy').group, 'tool.poetry.group.lint.dependencies');
  });

  it('takes python as requires-python, and || alternatives as a notice', () => {
    assert.deepEqual(file.requiresPython, { specifier: '>=3.10,<4.0.0', line: 8, column: 11, endColumn: 15 });
    assert.equal(find(file.requirements, 'gradio').specifier, '');
    assert.deepEqual(diagnostics, [
      {
        file: 'pyproject.toml',
        line: 29,
        column: 1,
        severity: 'notice',
        message: "tool.poetry.dependencies.gradio: '^4.19 || ^5.0': alternatives (||) have no PEP 440 equivalent; read as unconstrained",
      },
    ]);
  });

  it('passes over python in a group or dev-dependencies, as poetry-core does, and takes it only from the main dependencies', () => {
    const text = [
      '[tool.poetry.dependencies]',
      'python = "^3.10"',
      'torch = "2.1.2"',
      '',
      '[tool.poetry.dev-dependencies]',
      'python = "^3.8"',
      '',
      '[tool.poetry.group.test.dependencies]',
      'Python = "3.9.*"',
      'pytest = "^8.0"',
      '',
    ].join('\n');
    const { file: read, diagnostics: said } = parsePyproject('pyproject.toml', text);
    assert.deepEqual(
      read.requirements.map((requirement) => `${requirement.key}${requirement.specifier}`),
      ['torch==2.1.2', 'pytest>=8.0,<9.0.0'],
    );
    assert.equal(read.requiresPython?.specifier, '>=3.10,<4.0.0');
    assert.deepEqual(said, []);
  });

  it('ends a value written as a multi-line string on its last line, at the column there', () => {
    const text = [
      '[project]',
      'name = "asr"',
      'requires-python = """>=3.10,',
      '  <3.13"""',
      'dependencies = ["""',
      'numpy==1.26.4"""]',
      '',
    ].join('\n');
    const { file: read } = parsePyproject('pyproject.toml', text);
    assert.deepEqual(read.requiresPython, { specifier: '>=3.10,<3.13', line: 3, column: 19, endLine: 4, endColumn: 10 });
    const numpy = find(read.requirements, 'numpy');
    assert.deepEqual([numpy.line, numpy.column, numpy.endLine, numpy.endColumn], [5, 17, 6, 16]);
  });

  it('places a dependency written as a table of its own, and a table of the wrong type, at its header', () => {
    const text = [
      '[tool.poetry]',
      'name = "asr"',
      '',
      '[tool.poetry.dependencies.torch]',
      'version = "2.1.2"',
      'source = "cu121"',
      '',
      '[[tool.poetry.group]]',
      'name = "test"',
      '',
    ].join('\n');
    const { file: read, diagnostics: said } = parsePyproject('pyproject.toml', text);
    const torch = find(read.requirements, 'torch');
    assert.deepEqual([torch.line, torch.column, torch.endLine, torch.endColumn], [4, 1, 4, 32]);
    assert.deepEqual(
      said.map((diagnostic) => [diagnostic.line, diagnostic.column, diagnostic.message]),
      [[8, 1, 'tool.poetry.group must be a table, not an array']],
    );
  });

  it('reads package sources as indexes, with the CUDA build and without credentials', () => {
    assert.deepEqual(file.indexes, [
      { url: 'https://download.pytorch.org/whl/cu121', line: 44, column: 8, endColumn: 45, kind: 'extra-index-url', cuda: '12.1' },
      { url: 'https://deploy:****@pypi.internal.example.com/simple', line: 49, column: 8, endColumn: 61, kind: 'index-url', cuda: null },
    ]);
  });
});

describe('poetryConstraintToPep440', () => {
  const cases: Array<[string, string | null]> = [
    ['^1.2.3', '>=1.2.3,<2.0.0'],
    ['^1.2', '>=1.2,<2.0.0'],
    ['^1', '>=1,<2.0.0'],
    ['^0.2.3', '>=0.2.3,<0.3.0'],
    ['^0.0.3', '>=0.0.3,<0.0.4'],
    ['^0.0', '>=0.0,<0.1.0'],
    ['^0', '>=0,<1.0.0'],
    ['~1.2.3', '>=1.2.3,<1.3.0'],
    ['~1.2', '>=1.2,<1.3.0'],
    ['~1', '>=1,<2.0.0'],
    ['~=1.2', '~=1.2'],
    ['1.2.*', '==1.2.*'],
    ['*', ''],
    ['', ''],
    ['1.2.3', '==1.2.3'],
    ['=1.2.3', '==1.2.3'],
    ['==1.2.3', '==1.2.3'],
    ['>=1,<2', '>=1,<2'],
    ['>=1.2,<1.5', '>=1.2,<1.5'],
    ['>= 1.2, < 1.5', '>=1.2,<1.5'],
    ['>=1.2 <1.5', '>=1.2,<1.5'],
    ['!=1.5', '!=1.5'],
    ['^1.2.3b1', '>=1.2.3b1,<2.0.0'],
    ['^2.7, !=2.7.1', '>=2.7,<3.0.0,!=2.7.1'],
    ['^1.2 || ^2.0', null],
    ['>=', null],
    ['^x', null],
  ];
  for (const [constraint, expected] of cases) {
    it(`${JSON.stringify(constraint)} -> ${JSON.stringify(expected)}`, () => {
      const translated = poetryConstraintToPep440(constraint);
      assert.deepEqual(translated.ok ? translated.specifier : null, expected);
    });
  }
});

describe('parsePyproject: broken and hostile input', () => {
  it('reports invalid TOML once, at the line and column the TOML parser names', () => {
    assert.deepEqual(readFixture('broken').diagnostics, [
      {
        file: 'pyproject.toml',
        line: 6,
        column: 5,
        severity: 'error',
        message: 'invalid TOML: Expected comma (,) token; pyproject.toml not read',
      },
    ]);
  });

  it('reports a file that ends inside an array at the end of its last line, not on a line after it', () => {
    // The parser says line 5, column 1: past the last line, where no annotation can be shown.
    const cut = '[project]\r\nname = "callytics"\r\ndependencies = [\r\n    "torch==2.1.2",\r\n';
    assert.deepEqual(parsePyproject('pyproject.toml', cut).diagnostics, [
      {
        file: 'pyproject.toml',
        line: 4,
        column: 20,
        severity: 'error',
        message: 'invalid TOML: Unspecified values are invalid at the end of the file; pyproject.toml not read',
      },
    ]);
  });

  it('reports wrong value types with their line', () => {
    assert.deepEqual(
      readFixture('wrong-types').diagnostics.map((diagnostic) => [diagnostic.line, diagnostic.message]),
      [
        [3, "project.dependencies must be an array of PEP 508 strings, not a string ('numpy==1.23.5')"],
        // Unquoted, 3.10 is the float 3.1: the message shows why it must be quoted.
        [4, 'project.requires-python must be a PEP 440 specifier string, not a float (3.1)'],
        [5, 'project.optional-dependencies must be a table, not an array'],
        [8, "build-system.requires must be an array of PEP 508 strings, not a string ('setuptools>=68')"],
        [11, 'dependency-groups.dev must be an array of PEP 508 strings and {include-group = "..."} tables, not a string (\'pytest\')'],
        [14, 'tool.poetry.dependencies must be a table, not an array'],
      ],
    );
  });

  it('reports each Poetry and uv key of the wrong type at the key, by its dotted name, and reads the rest', () => {
    const { file, diagnostics } = readFixture('wrong-types-poetry');
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.line, diagnostic.column, diagnostic.severity, diagnostic.message]),
      [
        [8, 18, 'error', 'tool.poetry.dependencies.youtokentome.git must be a string, not an integer (5)'],
        [9, 48, 'error', "tool.poetry.dependencies.torch.extras must be an array of strings, not a string ('cuda')"],
        [10, 32, 'error', 'tool.poetry.dependencies.librosa.markers must be a string, not an integer (3)'],
        [11, 30, 'error', 'tool.poetry.dependencies.pywin32.platform must be a string, not an array'],
        [12, 29, 'error', 'tool.poetry.dependencies.tomli.python must be a string, not a float (3.11)'],
        [13, 42, 'error', "tool.poetry.dependencies.callytics-common.develop must be a boolean, not a string ('yes')"],
        [14, 64, 'error', 'tool.poetry.dependencies.demucs.rev must be a string, not an integer (244805011)'],
        [15, 18, 'error', 'tool.poetry.dependencies.opencv-python[0] must be a version string or a table, not an array'],
        [16, 50, 'error', 'tool.poetry.dependencies.scipy.extras[1] must be a string, not an integer (1)'],
        [20, 12, 'error', 'tool.poetry.group.dev.dependencies.pytest.version must be a string, not an integer (8)'],
        [25, 1, 'error', 'tool.poetry.source[0].url must be a string, not an integer (2)'],
        [31, 1, 'error', 'tool.poetry.source[1].priority must be a string, not an integer (1)'],
        [40, 1, 'error', 'tool.uv.index[0].url must be a string, not a boolean (true)'],
        [45, 1, 'error', "tool.uv.index[1].default must be a boolean, not a string ('yes')"],
      ],
    );
    // A dependency or source with a key of the wrong type is not guessed at; everything else is read.
    assert.deepEqual(
      file.requirements.map((requirement) => `${requirement.key}${requirement.specifier}`),
      ['opencv-python>=4.9,<5.0.0', 'pandas>=2.0,<3.0.0', 'mypy>=1.10,<2.0.0'],
    );
    assert.deepEqual(file.requiresPython?.specifier, '>=3.10,<4.0.0');
    assert.deepEqual(
      file.indexes.map((index) => index.url),
      ['https://download.pytorch.org/whl/cu118'],
    );
  });

  it('reports tool tables, source lists and include-group of the wrong type', () => {
    const messages = (text: string): string[] =>
      parsePyproject('pyproject.toml', text).diagnostics.map((diagnostic) => `${diagnostic.line}: ${diagnostic.message}`);
    assert.deepEqual(messages('tool = "black"\n'), ["1: tool must be a table, not a string ('black')"]);
    assert.deepEqual(messages('[tool]\npoetry = ["numpy"]\nuv = 3\n'), [
      '2: tool.poetry must be a table, not an array',
      '3: tool.uv must be a table, not an integer (3)',
    ]);
    assert.deepEqual(messages('[tool.uv]\nindex = "https://download.pytorch.org/whl/cu121"\n'), [
      "2: tool.uv.index must be an array of tables, not a string ('https://download.pytorch.org/whl/cu121')",
    ]);
    assert.deepEqual(messages('[tool.poetry]\nsource = ["https://download.pytorch.org/whl/cu121", 1979-05-27T07:32:00Z]\n'), [
      "2: tool.poetry.source[0] must be a table, not a string ('https://download.pytorch.org/whl/cu121')",
      '2: tool.poetry.source[1] must be a table, not a date-time',
    ]);
    assert.deepEqual(messages('[dependency-groups]\ntest = ["pytest"]\ndev = [{ include-group = ["test"] }]\n'), [
      "3: dependency-groups.dev[0].include-group must be a string (a group's name), not an array",
    ]);
  });

  it('names a key that holds a dot quoted, as TOML writes it, so that the dotted name reads back as the same key', () => {
    const text = [
      '[tool.poetry.dependencies]',
      '"zope.interface" = "^x"',
      '"ruamel.yaml" = { version = "0.18", python = 3 }',
      '',
      '[tool.poetry.group."ml.gpu".dependencies]',
      'torch = "^x"',
      '',
      '[dependency-groups]',
      '"docs.site" = ["mkdocs>>1"]',
      '',
    ].join('\n');
    const messages = parsePyproject('pyproject.toml', text).diagnostics.map((diagnostic) => `${diagnostic.line}: ${diagnostic.message}`);
    assert.deepEqual(messages, [
      `2: tool.poetry.dependencies."zope.interface": '^x': ^x is not a version Poetry reads; read as unconstrained`,
      '3: tool.poetry.dependencies."ruamel.yaml".python must be a string, not an integer (3)',
      `6: tool.poetry.group."ml.gpu".dependencies.torch: '^x': ^x is not a version Poetry reads; read as unconstrained`,
      `9: Invalid requirement 'mkdocs>>1' in dependency-groups."docs.site": Expected semicolon (after name with no version specifier) or end`,
    ]);
  });

  it('reads an empty file, and a file with nothing it knows', () => {
    assert.deepEqual(parsePyproject('pyproject.toml', ''), {
      file: {
        path: 'pyproject.toml',
        kind: 'pyproject',
        requirements: [],
        python: [],
        cuda: [],
        images: [],
        indexes: [],
        includes: [],
        suppressions: [],
        requiresPython: null,
      },
      diagnostics: [],
    });
    assert.deepEqual(parsePyproject('pyproject.toml', '[tool.black]\nline-length = 100\n').diagnostics, []);
  });

  it('survives deep nesting and a long array', () => {
    const deep = `[project]\nname = "x"\nurls = ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    assert.equal(parsePyproject('pyproject.toml', deep).diagnostics.length, 1);
    const many = `[project]\ndependencies = [\n${Array.from({ length: 20_000 }, (_, index) => `  "pkg-${index}==1.0.${index}",`).join('\n')}\n]\n`;
    const { file } = parsePyproject('pyproject.toml', many);
    assert.equal(file.requirements.length, 20_000);
    assert.equal(file.requirements[19_999]?.line, 20_002);
  });
});
