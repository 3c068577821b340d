import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Diagnostic, Requirement } from '../src/model.js';
import { cudaFromIndexUrl } from '../src/parse/pytorch-index.js';
import { parseRequirementsFile, type RequirementsFileResult } from '../src/parse/requirements/reader.js';
import { readPipRequirement } from '../src/parse/requirements/requirement-forms.js';
import { decodeText } from '../src/parse/text.js';

const fixture = (name: string): URL => new URL(`../../__tests__/fixtures/requirements/${name}`, import.meta.url);

function read(
  text: string,
  options: { constraint?: boolean; env?: Record<string, string | undefined>; path?: string } = {},
): RequirementsFileResult {
  return parseRequirementsFile(options.path ?? 'requirements.txt', text, {
    constraint: options.constraint ?? false,
    ...(options.env ? { env: options.env } : {}),
  });
}

/** The fields pip decides, without positions. */
function meaning(requirement: Requirement): Pick<Requirement, 'name' | 'extras' | 'specifier' | 'marker' | 'url' | 'editable'> {
  const { name, extras, specifier, marker, url, editable } = requirement;
  return { name, extras, specifier, marker, url, editable };
}

function only<T>(items: readonly T[]): T {
  assert.equal(items.length, 1, `expected one, got ${JSON.stringify(items)}`);
  return items[0] as T;
}

describe('parseRequirementsFile: fixtures', () => {
  // Each *.expected.json holds this reader's records; when they were written, every record was
  // checked field by field against pip 26.2.1's own parser (name, extras, specifier set, marker,
  // URL, editable, hashes, and which lines pip rejects).
  for (const name of ['ml-stack', 'nemo-asr.lock', 'airflow-2.10.5-image-freeze', 'rejected']) {
    it(`reads ${name}.txt as recorded`, () => {
      const decoded = decodeText(readFileSync(fixture(`${name}.txt`)));
      assert.ok(decoded.ok);
      const { file, diagnostics } = parseRequirementsFile(`requirements/${name}.txt`, decoded.text, { constraint: false, env: {} });
      const expected = JSON.parse(readFileSync(fixture(`${name}.expected.json`), 'utf8'));
      assert.deepEqual({ requirements: file.requirements, indexes: file.indexes, includes: file.includes, diagnostics }, expected);
      assert.equal(file.kind, 'requirements');
      assert.deepEqual([file.python, file.cuda, file.images, file.suppressions], [[], [], [], []]);
    });
  }

  it('reads every line of the hashed lock: 156 pins, each with its hashes and its first line', () => {
    const { file, diagnostics } = read(readFileSync(fixture('nemo-asr.lock.txt'), 'utf8'));
    assert.deepEqual(diagnostics, []);
    assert.equal(file.requirements.length, 156);
    assert.ok(file.requirements.every((requirement) => (requirement.hashes ?? []).length >= 1 && requirement.endLine > requirement.line));
    const torch = file.requirements.find((requirement) => requirement.key === 'torch');
    assert.deepEqual(torch && { ...meaning(torch), line: torch.line, endLine: torch.endLine }, {
      name: 'torch',
      extras: [],
      specifier: '==2.1.2+cu121',
      marker: null,
      url: null,
      editable: false,
      line: 717,
      endLine: 720,
    });
  });
});

describe('parseRequirementsFile: the records of an ML stack', () => {
  const { file } = read(readFileSync(fixture('ml-stack.txt'), 'utf8'));
  const byName = (name: string): Requirement =>
    only(file.requirements.filter((requirement) => requirement.name === name && !requirement.editable));

  it('reads extras, lower-cased and sorted, with the token span', () => {
    assert.deepEqual(byName('nemo_toolkit'), {
      name: 'nemo_toolkit',
      key: 'nemo-toolkit',
      extras: ['asr'],
      specifier: '==1.17.0',
      marker: null,
      url: null,
      editable: false,
      constraint: false,
      line: 19,
      endLine: 19,
      column: 1,
      endColumn: 25,
      hashes: [],
    });
    assert.deepEqual(meaning(byName('watchdog')), {
      name: 'watchdog',
      extras: ['watchmedo'],
      specifier: '==6.0.0',
      marker: null,
      url: null,
      editable: false,
    });
    assert.deepEqual(byName('transformers').extras, ['sentencepiece', 'torch']);
  });

  it('keeps the specifier as written, whitespace removed, and the marker as written', () => {
    assert.deepEqual(meaning(byName('Flask_SQLAlchemy')), {
      name: 'Flask_SQLAlchemy',
      extras: ['async'],
      specifier: '>=3.0,<4',
      marker: 'python_version < "3.11"',
      url: null,
      editable: false,
    });
    assert.equal(byName('hydra-core').specifier, '>=1.2.0,<1.4');
    assert.equal(byName('pydub').specifier, '==0.25.1');
    assert.equal(byName('backports.zoneinfo').marker, 'python_version<"3.9"');
    assert.deepEqual([byName('python-dotenv').specifier, byName('python-dotenv').endColumn], ['==1.0.1', 20]);
    assert.deepEqual(meaning(only(read('torchmetrics (>= 1.4.0.post0, < 1.5) ; python_version >= "3.9"').file.requirements)), {
      name: 'torchmetrics',
      extras: [],
      specifier: '>=1.4.0.post0,<1.5',
      marker: 'python_version >= "3.9"',
      url: null,
      editable: false,
    });
  });

  it('ends a requirement token before its comment', () => {
    const numpy = byName('numpy');
    assert.deepEqual([numpy.column, numpy.endColumn], [1, 13]);
  });

  it('gives a hash continuation the first line, the last line and every hash', () => {
    const deepspeed = byName('deepspeed');
    assert.deepEqual([deepspeed.line, deepspeed.endLine, deepspeed.column, deepspeed.endColumn], [106, 107, 1, 17]);
    assert.deepEqual(deepspeed.hashes, ['sha256:0c7e3d8f1a2b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5']);
  });

  it('reads editables, local paths, wheels and URLs', () => {
    const editables = file.requirements.filter((requirement) => requirement.editable).map(meaning);
    assert.deepEqual(editables, [
      { name: '', extras: [], specifier: '', marker: null, url: '.', editable: true },
      { name: '', extras: ['dev'], specifier: '', marker: null, url: './packages/callytics-common', editable: true },
      {
        name: 'nemo_toolkit',
        extras: [],
        specifier: '',
        marker: null,
        url: 'git+https://github.com/NVIDIA/NeMo.git@v1.17.0#egg=nemo_toolkit',
        editable: true,
      },
    ]);
    assert.deepEqual(meaning(byName('kenlm')), {
      name: 'kenlm',
      extras: [],
      specifier: '==0.2.0',
      marker: null,
      url: './vendor/wheels/kenlm-0.2.0-cp310-cp310-linux_x86_64.whl',
      editable: false,
    });
    assert.deepEqual(
      meaning(byName('openai-whisper')).url,
      'git+https://github.com/openai/whisper.git@ba3f3cd54b0e5b8ce1ab3de13e32122d0d5f98ab#egg=openai-whisper',
    );
    assert.deepEqual(meaning(byName('demucs')), {
      name: 'demucs',
      extras: [],
      specifier: '',
      marker: null,
      url: 'git+https://github.com/facebookresearch/demucs@e976d93ecc3865e5757426930257e200846a520a',
      editable: false,
    });
    assert.deepEqual(meaning(byName('apex')).marker, 'platform_system == "Linux"');
    const wheel = file.requirements.find((requirement) => requirement.url?.startsWith('https://download.pytorch.org/whl/cu121/torch-'));
    assert.deepEqual(wheel && [wheel.name, wheel.specifier], ['torch', '==2.1.2+cu121']);
    const unnamed = file.requirements
      .filter((requirement) => requirement.name === '' && !requirement.editable)
      .map((requirement) => requirement.url);
    assert.deepEqual(unnamed, ['./packages/diarization', 'https://example.com/packages/webrtcvad-2.0.10.tar.gz']);
  });

  it('records indexes with the CUDA build they serve, and the includes', () => {
    assert.deepEqual(file.indexes, [
      { url: 'https://download.pytorch.org/whl/cu121', line: 4, column: 13, endColumn: 50, kind: 'index-url', cuda: '12.1' },
      { url: 'https://pypi.org/simple', line: 5, column: 19, endColumn: 41, kind: 'extra-index-url', cuda: null },
      { url: 'https://download.pytorch.org/whl/torch_stable.html', line: 7, column: 4, endColumn: 53, kind: 'find-links', cuda: null },
    ]);
    assert.deepEqual(file.includes, [
      { path: 'requirements/base.txt', line: 12, constraint: false },
      { path: 'constraints/cuda121.txt', line: 13, constraint: true },
    ]);
  });
});

describe('parseRequirementsFile: options as optparse reads them', () => {
  it('takes -i in every spelling, abbreviations included', () => {
    const text = [
      '-ihttps://download.pytorch.org/whl/cu118',
      '-i https://download.pytorch.org/whl/cu121',
      '--index-url=https://download.pytorch.org/whl/nightly/cu124',
      '--index-url https://download.pytorch.org/whl/cpu',
      '--index https://download.pytorch.org/whl/test/cu126',
      '--pypi-url https://pypi.org/simple',
      '--extra-index-url https://download.pytorch.org/whl/cu128',
      '--extra https://mirrors.aliyun.com/pytorch-wheels/cu121',
    ].join('\n');
    const { file, diagnostics } = read(text);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(
      file.indexes.map((index) => [index.line, index.kind, index.cuda, index.column]),
      [
        [1, 'index-url', '11.8', 3],
        [2, 'index-url', '12.1', 4],
        [3, 'index-url', '12.4', 13],
        [4, 'index-url', 'cpu', 13],
        [5, 'index-url', '12.6', 9],
        [6, 'index-url', null, 12],
        [7, 'extra-index-url', '12.8', 19],
        [8, 'extra-index-url', '12.1', 9],
      ],
    );
  });

  it('accepts the file-wide options pip 26 reads', () => {
    const text = [
      '--no-index',
      '--find-links=./wheelhouse',
      '--no-binary :all:',
      '--only-binary=numpy,scipy',
      '--prefer-binary',
      '--pre',
      '--trusted-host download.pytorch.org',
      '--require-hashes',
      '--no-require-hashes',
      '--use-feature=fast-deps',
      '--all-releases torch',
      '--only-final=:all:',
    ].join('\n');
    const { file, diagnostics } = read(text);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(file.requirements, []);
    assert.deepEqual(file.indexes, [{ url: './wheelhouse', line: 2, column: 14, endColumn: 25, kind: 'find-links', cuda: null }]);
  });

  it('applies --hash and -C to their requirement and warns about options pip ignores there', () => {
    const { file, diagnostics } = read(
      'flash-attn==2.5.8 -C --build-option=--no-isolation --hash sha256:aa --hash=sha512:bb --index-url https://x/simple',
    );
    assert.deepEqual(only(file.requirements).hashes, ['sha256:aa', 'sha512:bb']);
    assert.deepEqual(file.indexes, []);
    assert.deepEqual(diagnostics, [
      {
        file: 'requirements.txt',
        line: 1,
        column: 86,
        severity: 'warning',
        message: 'pip ignores --index-url on a requirement line: put it on a line of its own',
      },
    ]);
  });

  it('warns where pip drops text without a word', () => {
    const text = [
      'torch==2.1.2 --hash=sha256:aa ; python_version < "3.12"',
      '--hash=sha256:bb',
      '-r base.txt --index-url https://download.pytorch.org/whl/cu121',
      '-e ./pkg --hash=sha256:cc',
      '-f https://a.example -f https://b.example',
    ].join('\n');
    const { file, diagnostics } = read(text);
    assert.deepEqual(meaning(only(file.requirements.filter((requirement) => requirement.name === 'torch'))).marker, null);
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.line, diagnostic.column, diagnostic.severity, diagnostic.message]),
      [
        [
          1,
          31,
          'warning',
          `pip ignores '; python_version < "3.12"': after the first option a line holds only options (a marker goes before them)`,
        ],
        [2, 1, 'warning', '--hash without a requirement on its line: pip ignores it'],
        [3, 13, 'warning', 'pip ignores --index-url on a line that includes -r base.txt'],
        [4, 10, 'warning', 'pip ignores --hash on an editable (-e) line: it applies to non-editable requirements only'],
        [5, 22, 'warning', 'pip reads only the first -f of a line; https://b.example is ignored'],
      ],
    );
    assert.deepEqual(file.includes, [{ path: 'base.txt', line: 3, constraint: false }]);
    assert.deepEqual(
      file.indexes.map((index) => index.url),
      ['https://a.example'],
    );
  });

  it('reads a quoted editable requirement as one word', () => {
    const { file, diagnostics } = read('-e "mypkg[gpu] @ git+https://github.com/org/mypkg.git@v2"');
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(meaning(only(file.requirements)), {
      name: 'mypkg',
      extras: ['gpu'],
      specifier: '',
      marker: null,
      url: 'git+https://github.com/org/mypkg.git@v2',
      editable: true,
    });
  });
});

describe('parseRequirementsFile: what pip rejects', () => {
  const rejected = (line: string, options: { constraint?: boolean } = {}): Diagnostic[] => {
    const { file, diagnostics } = read(line, options);
    assert.deepEqual(file.requirements, [], `${line} must not become a requirement`);
    return diagnostics;
  };

  const cases: Array<[string, number, string]> = [
    [
      'numpy==1.24.4 --install-option="--prefix=/opt"',
      15,
      'no such option: --install-option (pip 23.1 removed it; pass build settings with -C/--config-settings)',
    ],
    [
      'nemo_toolkit[asr]==1.17.0 --global-option=build_ext',
      27,
      'no such option: --global-option (pip 25.3 removed it; pass build settings with -C/--config-settings)',
    ],
    [
      '--process-dependency-links',
      1,
      'no such option: --process-dependency-links (pip 19.0 removed it; write the dependency as name @ URL)',
    ],
    ['--no-deps', 1, 'no such option: --no-deps (a pip install option; requirements files do not accept it)'],
    ['--pr', 1, 'ambiguous option: --pr (--pre, --prefer-binary?)'],
    ['--no- x', 1, 'ambiguous option: --no- (--no-binary, --no-index, --no-require-hashes?)'],
    ['--index-url', 1, '--index-url option requires 1 argument'],
    ['-r', 1, '-r option requires 1 argument'],
    ['-x', 1, 'no such option: -x'],
    ['--pre=yes', 1, '--pre option does not take a value'],
    [
      '--use-feature=2020-resolver',
      15,
      "option --use-feature: invalid choice: '2020-resolver' (choose from 'fast-deps', 'inprocess-build-deps', 'venv-isolation', 'truststore', 'no-binary-enable-wheel-cache', 'build-constraint')",
    ],
    ['torch==2.1.2 --hash=md5:0123', 21, 'Allowed hash algorithms for --hash are sha256, sha384, sha512.'],
    ['torch==2.1.2 --hash=0123', 21, 'Arguments to --hash must be a hash name followed by a value, like --hash=sha256:abcde...'],
    ['flash-attn==2.5.8 -C no-equals-sign', 22, 'Arguments to -C must be of the form KEY=VAL'],
    ['--no-binary -x', 13, '--no-binary / --only-binary option requires 1 argument.'],
    ['--only-final -x', 14, '--all-releases / --only-final option requires 1 argument.'],
    ["--hash='unterminated", 1, `Could not split options: "--hash='unterminated": No closing quotation`],
    [
      'numpy=1.24.4',
      6,
      "Invalid requirement: 'numpy=1.24.4': Expected semicolon (after name with no version specifier) or end. Hint: = is not a valid operator. Did you mean == ?",
    ],
    [
      'numpy==1.24.4 extra',
      15,
      "Invalid requirement: 'numpy==1.24.4 extra': Expected comma (within version specifier), semicolon (after version specifier) or end",
    ],
    [
      'watchdog[watchmedo==6.0.0',
      19,
      "Invalid requirement: 'watchdog[watchmedo==6.0.0': Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras",
    ],
    [
      'pydantic>=2.7,<3 ; python_version >>> "3.8"',
      36,
      "Invalid requirement: 'pydantic>=2.7,<3': Expected a marker variable or quoted string",
    ],
    [
      'foo#not-a-comment==1',
      4,
      "Invalid requirement: 'foo#not-a-comment==1': Expected semicolon (after name with no version specifier) or end",
    ],
    [
      '-e git+https://github.com/NVIDIA/NeMo.git@v1.17.0',
      4,
      "Could not detect requirement name for 'git+https://github.com/NVIDIA/NeMo.git@v1.17.0', please specify one with your_package_name @ URL",
    ],
    [
      'git+https://github.com/openai/whisper.git#egg=openai-whisper[cli]',
      42,
      "The 'openai-whisper[cli]' egg fragment is invalid (pip 26 reads only a bare project name there). Try using the Direct URL requirement syntax: 'name[extra] @ URL'",
    ],
    [
      'git+https://github.com/openai/whisper.git#egg=whisper==1.0',
      42,
      "The 'whisper==1.0' egg fragment is invalid (pip 26 reads only a bare project name there). Version specifiers are silently ignored for URL references. Remove them.",
    ],
    ['./dist/bad_wheel-1.0.whl', 1, "Invalid wheel filename (wrong number of parts): 'bad_wheel-1.0'"],
    ['./dist/torch-two-cp310-cp310-linux_x86_64.whl', 1, "Invalid wheel filename (invalid version): 'torch-two-cp310-cp310-linux_x86_64'"],
  ];
  for (const [line, column, message] of cases) {
    it(`rejects ${line}`, () => {
      assert.deepEqual(rejected(line), [{ file: 'requirements.txt', line: 1, column, severity: 'error', message }]);
    });
  }

  it('reads a path-looking requirement that no path is written like as PEP 508, as pip reads a missing path', () => {
    assert.deepEqual(rejected('./pkg>=1.0 ; python_version < "3.8"'), [
      {
        file: 'requirements.txt',
        line: 1,
        column: 1,
        severity: 'error',
        message:
          "Invalid requirement: './pkg>=1.0': Expected package name at the start of dependency specifier. Hint: It looks like a path.",
      },
    ]);
  });

  it('takes the text before -e as the editable requirement, as pip 26 does', () => {
    const { file, diagnostics } = read('./packages/asr -e ./packages/other');
    assert.deepEqual(meaning(only(file.requirements)), {
      name: '',
      extras: [],
      specifier: '',
      marker: null,
      url: './packages/asr',
      editable: true,
    });
    assert.deepEqual(
      only(diagnostics).message,
      "pip reads './packages/asr' as this line's editable requirement and ignores -e ./packages/other",
    );
    assert.match(
      only(rejected('torch==2.1.2 -e .').filter((diagnostic) => diagnostic.severity === 'error')).message,
      /^torch==2\.1\.2 is not a valid editable requirement/,
    );
  });

  it('rejects an editable that is neither a path nor a VCS URL', () => {
    const [diagnostic] = rejected('-e https://example.com/archive/nemo-1.17.0.zip');
    assert.match(
      diagnostic?.message ?? '',
      /^https:\/\/example\.com\/archive\/nemo-1\.17\.0\.zip is not a valid editable requirement\. It should either be a path to a local project or a VCS URL \(beginning with bzr\+http, .*svn\+file\)\.$/,
    );
  });

  it('applies the constraint-file rules', () => {
    const text = ['./local-pkg', '-e git+https://github.com/x/y.git#egg=y', 'requests[socks]==2.31.0', 'numpy==1.23.5'].join('\n');
    const { file, diagnostics } = read(text, { constraint: true });
    assert.equal(file.kind, 'constraints');
    assert.deepEqual(
      file.requirements.map((requirement) => [requirement.key, requirement.constraint]),
      [['numpy', true]],
    );
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.line, diagnostic.message]),
      [
        [1, 'Unnamed requirements are not allowed as constraints'],
        [2, 'Editable requirements are not allowed as constraints'],
        [3, 'Constraints cannot have extras'],
      ],
    );
  });

  it('reads the lines around a rejected one', () => {
    const { file, diagnostics } = read('torch==2.1.2\n--global-option=x\nnumpy==1.23.5\n');
    assert.deepEqual(
      file.requirements.map((requirement) => requirement.key),
      ['torch', 'numpy'],
    );
    assert.equal(only(diagnostics).line, 2);
  });
});

describe('parseRequirementsFile: lines, continuations and comments as pip joins them', () => {
  it('joins a backslash continuation and keeps the first line', () => {
    const { file } = read('numpy \\\n  ==1.23.5 \\\n  ; python_version < "3.11"\n');
    assert.deepEqual(only(file.requirements), {
      name: 'numpy',
      key: 'numpy',
      extras: [],
      specifier: '==1.23.5',
      marker: 'python_version < "3.11"',
      url: null,
      editable: false,
      constraint: false,
      line: 1,
      endLine: 3,
      column: 1,
      endColumn: 5,
      hashes: [],
    });
  });

  it('ends a continuation at a comment line, whose text is dropped', () => {
    const { file } = read('torch==2.1.2 \\\n# torchvision==0.16.2\ntorchaudio==2.1.2\n');
    assert.deepEqual(
      file.requirements.map((requirement) => [requirement.key, requirement.line, requirement.endLine]),
      [
        ['torch', 1, 1],
        ['torchaudio', 3, 3],
      ],
    );
  });

  it('lets a comment swallow the line a backslash joins to it, as pip does', () => {
    const { file } = read('scipy # pinned below \\\nnumpy==1.23.5\n');
    assert.deepEqual(
      file.requirements.map((requirement) => requirement.key),
      ['scipy'],
    );
  });

  it('takes # as a comment only at the start or after whitespace', () => {
    const { file } = read('numpy==1.23.5\t# tab\nhttps://example.com/pkg-1.0.tar.gz#egg=pkg\n');
    assert.deepEqual(
      file.requirements.map((requirement) => [requirement.name, requirement.url]),
      [
        ['numpy', null],
        ['pkg', 'https://example.com/pkg-1.0.tar.gz#egg=pkg'],
      ],
    );
  });

  it('strips every backslash at both ends of a continued line, and joins one at the end of the file', () => {
    const { file } = read('\\\\numpy\\\\\n==1.23.5\\');
    assert.deepEqual(meaning(only(file.requirements)), {
      name: 'numpy',
      extras: [],
      specifier: '==1.23.5',
      marker: null,
      url: null,
      editable: false,
    });
  });

  it('reads CRLF files as LF files', () => {
    const lf = readFileSync(fixture('ml-stack.txt'), 'utf8');
    assert.deepEqual(read(lf.replace(/\n/g, '\r\n')), read(lf));
  });

  it('reads a UTF-16 file with a BOM and a latin-1 file with a cookie', () => {
    const utf16 = decodeText(new Uint8Array([0xff, 0xfe, ...Buffer.from('torch==2.1.2\r\nnumpy==1.23.5\r\n', 'utf16le')]));
    assert.ok(utf16.ok);
    assert.deepEqual(
      read(utf16.text).file.requirements.map((requirement) => requirement.key),
      ['torch', 'numpy'],
    );
    const latin1 = decodeText(new Uint8Array(Buffer.from('# -*- coding: latin-1 -*-\nnumpy==1.23.5  # r\xe9sum\xe9\n', 'latin1')));
    assert.ok(latin1.ok);
    assert.deepEqual(
      read(latin1.text).file.requirements.map((requirement) => [requirement.key, requirement.line]),
      [['numpy', 2]],
    );
  });

  it("breaks lines where Python's splitlines does, keeping the editor's line number", () => {
    const { file } = read('torch==2.1.2\fnumpy==1.23.5\n');
    assert.deepEqual(
      file.requirements.map((requirement) => [requirement.key, requirement.line, requirement.column, requirement.endColumn]),
      [
        ['torch', 1, 1, 12],
        ['numpy', 1, 14, 26],
      ],
    );
  });

  it('treats only ASCII space as the separator before options, as pip splits the line', () => {
    const { diagnostics } = read('numpy==1.23.5\t--hash=sha256:aa');
    assert.match(only(diagnostics).message, /^Invalid requirement: 'numpy==1\.23\.5\\t--hash=sha256:aa'/);
  });
});

describe('parseRequirementsFile: ${VAR} expansion', () => {
  const env = { TORCH_INDEX: 'https://download.pytorch.org/whl/cu121', GH_TOKEN: 'ghp_abc123', EMPTY: '', lower: 'x', PKG: 'torch' };

  it('expands ${NAME} and maps columns back to the written text', () => {
    const { file, diagnostics } = read('--index-url ${TORCH_INDEX}\n${PKG}==2.1.2 ; python_version >= "3.8"\n', { env });
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(file.indexes, [
      { url: 'https://download.pytorch.org/whl/cu121', line: 1, column: 13, endColumn: 26, kind: 'index-url', cuda: '12.1' },
    ]);
    assert.deepEqual(only(file.requirements), {
      name: 'torch',
      key: 'torch',
      extras: [],
      specifier: '==2.1.2',
      marker: 'python_version >= "3.8"',
      url: null,
      editable: false,
      constraint: false,
      line: 2,
      endLine: 2,
      column: 1,
      endColumn: 39,
      hashes: [],
    });
  });

  it('leaves unset, empty, lower-case and $NAME variables as written', () => {
    const text = ['${UNSET}==1.0', '${EMPTY}==1.0', '${lower}==1.0', '$PKG==1.0'].join('\n');
    const { file, diagnostics } = read(text, { env });
    assert.deepEqual(file.requirements, []);
    assert.deepEqual(
      diagnostics.map((diagnostic) => diagnostic.message),
      [
        "Invalid requirement: '${UNSET}==1.0': Expected package name at the start of dependency specifier",
        "Invalid requirement: '${EMPTY}==1.0': Expected package name at the start of dependency specifier",
        "Invalid requirement: '${lower}==1.0': Expected package name at the start of dependency specifier",
        "Invalid requirement: '$PKG==1.0': Expected package name at the start of dependency specifier",
      ],
    );
  });

  it('expands nothing without an environment', () => {
    const { file } = read('--extra-index-url https://${GH_TOKEN}@example.com/simple\n');
    assert.equal(only(file.indexes).url, 'https://****@example.com/simple');
  });

  it('never repeats a credential, expanded or written', () => {
    const { file } = read(
      '--extra-index-url https://${GH_TOKEN}@example.com/simple\nmypkg @ git+https://ci:hunter2@github.com/org/mypkg.git\n',
      { env },
    );
    assert.equal(only(file.indexes).url, 'https://****@example.com/simple');
    assert.equal(only(file.requirements).url, 'git+https://ci:****@github.com/org/mypkg.git');
  });

  it('replaces every occurrence, one name after another, as str.replace does', () => {
    const { file } = read('${PKG}-audio==1 ; extra == "${PKG}"\n', { env });
    assert.deepEqual([only(file.requirements).name, only(file.requirements).marker], ['torch-audio', 'extra == "torch"']);
    const chained = read('${A}==1.0 ; extra == "${B}"\n', { env: { A: 'x${B}', B: 'y' } });
    assert.deepEqual([only(chained.file.requirements).name, only(chained.file.requirements).marker], ['xy', 'extra == "y"']);
  });

  it('stops a line from growing past a million characters', () => {
    const { file, diagnostics } = read(`pkg==1.0 ; extra == "${'${A}'.repeat(1000)}"\n`, { env: { A: 'a'.repeat(2000) } });
    assert.equal(only(file.requirements).marker, `extra == "${'${A}'.repeat(1000)}"`);
    assert.deepEqual(only(diagnostics), {
      file: 'requirements.txt',
      line: 1,
      column: 1,
      severity: 'warning',
      message: '${A} is left as written: expanding it would make the line over 1000000 characters longer',
    });
  });
});

describe('parseRequirementsFile: includes', () => {
  it('resolves -r and -c against the including file, POSIX-normalised', () => {
    const text = [
      '-r base.txt',
      '--requirement=../common/dev.txt',
      '-c ./constraints/../constraints/cu121.txt',
      '--constraint sub/pins.txt',
    ].join('\n');
    const { file, diagnostics } = read(text, { path: 'services/asr/requirements.txt' });
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(file.includes, [
      { path: 'services/asr/base.txt', line: 1, constraint: false },
      { path: 'services/common/dev.txt', line: 2, constraint: false },
      { path: 'services/asr/constraints/cu121.txt', line: 3, constraint: true },
      { path: 'services/asr/sub/pins.txt', line: 4, constraint: true },
    ]);
  });

  it('refuses includes outside the repository and does not fetch URLs', () => {
    const text = [
      '-r ../../etc/passwd',
      '-r /etc/passwd',
      '-c https://raw.githubusercontent.com/apache/airflow/constraints-2.10.5/constraints-3.11.txt',
      '-r file:///etc/hosts',
    ].join('\n');
    const { file, diagnostics } = read(text);
    assert.deepEqual(file.includes, []);
    assert.deepEqual(diagnostics, [
      {
        file: 'requirements.txt',
        line: 1,
        column: 4,
        severity: 'error',
        message: '-r ../../etc/passwd refers outside the repository; not read',
      },
      {
        file: 'requirements.txt',
        line: 2,
        column: 4,
        severity: 'error',
        message: '-r /etc/passwd refers outside the repository; not read',
      },
      {
        file: 'requirements.txt',
        line: 3,
        column: 4,
        severity: 'warning',
        message: '-c https://raw.githubusercontent.com/apache/airflow/constraints-2.10.5/constraints-3.11.txt is a URL; not fetched',
      },
      { file: 'requirements.txt', line: 4, column: 4, severity: 'warning', message: '-r file:///etc/hosts is a URL; not fetched' },
    ]);
  });

  it('allows .. that stays inside the repository', () => {
    assert.deepEqual(read('-r ../requirements.txt', { path: 'docker/requirements.txt' }).file.includes, [
      { path: 'requirements.txt', line: 1, constraint: false },
    ]);
    assert.equal(only(read('-r ../requirements.txt').diagnostics).severity, 'error');
  });
});

describe('readPipRequirement', () => {
  it('splits a URL requirement at "; " and a plain one at ";"', () => {
    assert.deepEqual(readPipRequirement('https://x.example/pkg-1.0-py3-none-any.whl; python_version >= "3.8"', false), {
      ok: true,
      requirement: {
        name: 'pkg',
        extras: [],
        specifier: '==1.0',
        marker: 'python_version >= "3.8"',
        url: 'https://x.example/pkg-1.0-py3-none-any.whl',
      },
    });
    assert.deepEqual(readPipRequirement('pkg @ https://x.example/a.zip;python_version>"3"', false), {
      ok: true,
      requirement: { name: 'pkg', extras: [], specifier: '', marker: 'python_version>"3"', url: 'https://x.example/a.zip' },
    });
  });

  it('reads a missing archive with an @ as a PEP 508 URL requirement', () => {
    assert.deepEqual(readPipRequirement('pkg@https://x.example/pkg-1.0.tar.gz', false), {
      ok: true,
      requirement: { name: 'pkg', extras: [], specifier: '', marker: null, url: 'https://x.example/pkg-1.0.tar.gz' },
    });
  });
});

describe('cudaFromIndexUrl', () => {
  const cases: Array<[string, string | null]> = [
    ['https://download.pytorch.org/whl/cu121', '12.1'],
    ['https://download.pytorch.org/whl/cu118/', '11.8'],
    ['https://download.pytorch.org/whl/cu92', '9.2'],
    ['https://download.pytorch.org/whl/cu130', '13.0'],
    ['https://download.pytorch.org/whl/cpu', 'cpu'],
    ['https://download.pytorch.org/whl/nightly/cu124', '12.4'],
    ['https://download.pytorch.org/whl/cu113/torch_stable.html', '11.3'],
    ['https://download.pytorch.org/whl/torch_stable.html', null],
    ['https://download.pytorch.org/whl/rocm6.0', null],
    ['https://pypi.org/simple', null],
    ['https://download.pytorch.org/whl/cu121?x=1', '12.1'],
    ['download.pytorch.org/whl/cu121', null],
  ];
  for (const [url, cuda] of cases) it(`${url} -> ${cuda}`, () => assert.equal(cudaFromIndexUrl(url), cuda));
});

describe('parseRequirementsFile: size and hostile input', () => {
  it('reads 200,000 lines', () => {
    const lines: string[] = [];
    for (let index = 0; index < 200_000; index++) lines.push(`package-${index}==1.${index % 97}.${index}  # pinned`);
    const { file, diagnostics } = read(lines.join('\n'));
    assert.equal(file.requirements.length, 200_000);
    assert.deepEqual(diagnostics, []);
    assert.equal(file.requirements[199_999]?.line, 200_000);
  });

  it('reads a 5 MB line and keeps its message short', () => {
    const { file, diagnostics } = read(`numpy==1.23.5 ; python_version >= "${'3'.repeat(5_000_000)}`);
    assert.deepEqual(file.requirements, []);
    assert.ok(only(diagnostics).message.length < 600);
    const long = read(`-e ${'x/'.repeat(2_500_000)}`);
    assert.equal(only(long.file.requirements).url?.length, 5_000_000);
  });

  it('reads a line of a million words after the options', () => {
    const { file, diagnostics } = read(`numpy==1.23.5 --hash=sha256:aa -- ${'x '.repeat(1_000_000)}`);
    assert.deepEqual(only(file.requirements).hashes, ['sha256:aa']);
    assert.equal(only(diagnostics).severity, 'warning');
  });

  it('warns once per option of a line that repeats it', () => {
    const { diagnostics } = read(`--hash=sha256:aa ${'-i https://x.example/simple '.repeat(100_000)}`);
    assert.deepEqual(
      diagnostics.map((diagnostic) => diagnostic.message),
      ['--hash without a requirement on its line: pip ignores it'],
    );
    assert.equal(read(`torch==2.1.2 ${'-i https://x.example/simple '.repeat(100_000)}`).diagnostics.length, 1);
  });

  it('reads 100,000 continuation lines with a variable on each', () => {
    const text = `pkg==1.0 \\\n${'  --hash=sha256:${HASH} \\\n'.repeat(100_000)}`;
    const { file } = read(text, { env: { HASH: 'ab' } });
    const expandedFirst = read(`\${HASH}-pkg==1.0 \\\n${'  --hash=sha256:ab \\\n'.repeat(100_000)}`, { env: { HASH: 'ab' } });
    assert.equal(only(expandedFirst.file.requirements).name, 'ab-pkg');
    assert.equal(only(file.requirements).hashes?.length, 100_000);
    assert.equal(only(file.requirements).endLine, 100_001);
  });
});
