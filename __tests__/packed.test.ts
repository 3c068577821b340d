import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { canonicalName, type Requirement } from '../src/model.js';
import { runChecks } from '../src/check/index.js';
import { loadEffectiveMatrix } from '../src/matrix/effective.js';
import {
  keyHash,
  nameKeyHash,
  RequirementPacker,
  requirementsOf,
  requirementTable,
  unpackRequirements,
  type RequirementTable,
} from '../src/parse/packed.js';
import { readRepository } from '../src/parse/repository.js';
import { parseRequirementsFile } from '../src/parse/requirements/reader.js';
import { SharedStrings } from '../src/parse/strings.js';

const fixture = (name: string): string => readFileSync(new URL(`../../__tests__/fixtures/requirements/${name}`, import.meta.url), 'utf8');

/** A requirement as `check` sees it: everything but the `--hash` values, which packing drops. */
function withoutHashes(requirement: Requirement): Requirement {
  const { hashes: _hashes, ...rest } = requirement;
  return rest;
}

describe('packed requirements (what check reads)', () => {
  for (const name of ['ml-stack.txt', 'nemo-asr.lock.txt', 'airflow-2.10.5-image-freeze.txt', 'rejected.txt']) {
    it(`unpack ${name} to the requirements the plain reader returns, hashes aside`, () => {
      const plain = parseRequirementsFile(name, fixture(name), { constraint: false, env: {} });
      const packed = parseRequirementsFile(name, fixture(name), { constraint: false, env: {}, packer: new RequirementPacker() });
      assert.deepEqual(packed.file.requirements, []);
      assert.ok(packed.file.packed && packed.file.packed.count === plain.file.requirements.length);
      assert.deepEqual(requirementsOf(packed.file), plain.file.requirements.map(withoutHashes));
      assert.deepEqual(packed.diagnostics, plain.diagnostics);
      assert.deepEqual([packed.file.indexes, packed.file.includes], [plain.file.indexes, plain.file.includes]);
    });
  }

  it('keeps URLs, editables, extras, markers and constraints apart', () => {
    const text = [
      'torch[opt,CUDA]==2.1.2 ; python_version < "3.12"',
      '-e git+https://github.com/org/tool.git#egg=tool',
      'pkg @ https://example.com/pkg-1.0.tar.gz ; sys_platform == "linux"',
      'numpy==1.23.5 ; python_version < "3.12"',
      'plain',
    ].join('\n');
    const plain = parseRequirementsFile('r.txt', text, { constraint: false });
    const packed = parseRequirementsFile('r.txt', text, { constraint: false, packer: new RequirementPacker() });
    assert.deepEqual(requirementsOf(packed.file), plain.file.requirements.map(withoutHashes));
    // The one marker written twice is stored once.
    assert.deepEqual(packed.file.packed?.markers, ['python_version < "3.12"', 'sys_platform == "linux"']);
    const constraints = parseRequirementsFile('c.txt', 'numpy==1.23.5\n', { constraint: true, packer: new RequirementPacker() });
    assert.equal(unpackRequirements(constraints.file.packed!)[0]?.constraint, true);
  });

  it('stores positions in 16 bits when they fit, and in 32 when a line or column does not', () => {
    const short = parseRequirementsFile('r.txt', 'numpy==1.23.5\n', { constraint: false, packer: new RequirementPacker() });
    assert.ok(short.file.packed?.numbers instanceof Uint16Array);
    // A requirement on line 70,001, and one whose end column is past 65,535.
    const text = `${'\n'.repeat(70_000)}numpy==1.23.5\nscipy==1.11.4 ; python_version < "3.12"${' '.repeat(70_000)}and python_version >= "3.9"\n`;
    const plain = parseRequirementsFile('r.txt', text, { constraint: false });
    const packed = parseRequirementsFile('r.txt', text, { constraint: false, packer: new RequirementPacker() });
    assert.ok(packed.file.packed?.numbers instanceof Int32Array);
    assert.deepEqual(requirementsOf(packed.file), plain.file.requirements.map(withoutHashes));
    assert.deepEqual(
      requirementsOf(packed.file).map((requirement) => [requirement.line, requirement.endColumn > 0xffff]),
      [
        [70_001, false],
        [70_002, true],
      ],
    );
  });

  it('packs each file on its own when one packer reads file after file', () => {
    const packer = new RequirementPacker();
    const many = Array.from({ length: 20_000 }, (_, index) => `pkg${index}==1.${index} ; python_version < "3.${index % 3}"`).join('\n');
    const files = [many, 'numpy==1.23.5\n', fixture('ml-stack.txt'), many, 'scipy==1.11.4 ; sys_platform == "linux"\n'];
    for (const [index, text] of files.entries()) {
      const plain = parseRequirementsFile(`r${index}.txt`, text, { constraint: false });
      const packed = parseRequirementsFile(`r${index}.txt`, text, { constraint: false, packer });
      assert.deepEqual(requirementsOf(packed.file), plain.file.requirements.map(withoutHashes));
    }
  });

  it('shares one copy of a marker across the files of a run', () => {
    const strings = new SharedStrings();
    const first = parseRequirementsFile('a.txt', 'a==1 ; python_version < "3.12"\n', {
      constraint: false,
      packer: new RequirementPacker(strings),
    });
    const second = parseRequirementsFile('b.txt', 'b==1 ; python_version < "3.12"\n', {
      constraint: false,
      packer: new RequirementPacker(strings),
    });
    assert.equal(first.file.packed?.markers[0], second.file.packed?.markers[0]);
  });
});

/** Everything a table says about each of its requirements. */
function tableRows(table: RequirementTable): unknown[] {
  return Array.from({ length: table.count }, (_, index) => ({
    keyHash: table.keyHash(index),
    key: table.key(index),
    specifier: table.specifier(index),
    hasUrl: table.hasUrl(index),
    hasItsKey: table.hasKey(index, table.key(index)),
    hasAnother: table.hasKey(index, `${table.key(index)}-other`),
    editable: table.editable(index),
    stage: table.stage(index) ?? null,
    requirement: table.requirement(index),
  }));
}

describe('requirement tables (how check reads requirements in place)', () => {
  for (const name of ['ml-stack.txt', 'nemo-asr.lock.txt', 'rejected.txt']) {
    it(`read ${name} packed as they read it unpacked, and as the requirements say`, () => {
      const plain = parseRequirementsFile(name, fixture(name), { constraint: false, env: {} });
      const packed = parseRequirementsFile(name, fixture(name), { constraint: false, env: {}, packer: new RequirementPacker() });
      const rows = tableRows(requirementTable(packed.file));
      assert.deepEqual(rows, tableRows(requirementTable({ ...plain.file, requirements: plain.file.requirements.map(withoutHashes) })));
      assert.deepEqual(
        rows,
        plain.file.requirements.map(withoutHashes).map((requirement) => ({
          keyHash: keyHash(requirement.key),
          key: requirement.key,
          specifier: requirement.specifier,
          hasUrl: requirement.url !== null,
          hasItsKey: true,
          hasAnother: false,
          editable: requirement.editable,
          stage: null,
          requirement,
        })),
      );
    });
  }

  it('read URLs, editables, extras and markers packed as unpacked', () => {
    const text =
      '-e git+https://github.com/org/tool.git#egg=tool\nFlask_SQLAlchemy[Opt]==3.1; python_version < "3.12"\npkg @ https://example.com/pkg-1.0.tar.gz\nplain\n';
    const plain = parseRequirementsFile('r.txt', text, { constraint: false });
    const packed = parseRequirementsFile('r.txt', text, { constraint: false, packer: new RequirementPacker() });
    assert.deepEqual(
      tableRows(requirementTable(packed.file)),
      tableRows(requirementTable({ ...plain.file, requirements: plain.file.requirements.map(withoutHashes) })),
    );
  });

  it('hash a name as they hash its key', () => {
    const char = fc.constantFrom('a', 'z', 'A', 'Z', '0', '9', '-', '_', '.', 'İ', 'ß', 'é');
    fc.assert(
      fc.property(
        fc.array(char, { maxLength: 12 }).map((chars) => chars.join('')),
        (name) => nameKeyHash(name) === keyHash(canonicalName(name)),
      ),
    );
    assert.equal(nameKeyHash('Flask_SQLAlchemy'), keyHash('flask-sqlalchemy'));
  });

  it('hash keys to 16-bit integers, so that they pack with the positions of a file', () => {
    fc.assert(
      fc.property(fc.string(), (key) => {
        const hash = keyHash(key);
        return Number.isInteger(hash) && hash >= 0 && hash < 2 ** 16;
      }),
    );
  });
});

describe('releasing requirements after their last set', () => {
  it('finds what keeping them finds, and a later read of a released file throws', async () => {
    const root = new URL('../../examples/callytics-broken', import.meta.url).pathname;
    const loaded = await loadEffectiveMatrix(root, null);
    assert.ok(loaded.ok);
    const kept = readRepository(root, [], { pack: true });
    const released = readRepository(root, [], { pack: true });
    const keeping = runChecks(kept, loaded.matrix, { profile: 'auto' });
    const releasing = runChecks(released, loaded.matrix, { profile: 'auto', releaseRequirements: true });
    assert.ok(keeping.ok && releasing.ok && keeping.findings.length > 0);
    assert.deepEqual(releasing.findings, keeping.findings);
    const file = released.files.find((candidate) => candidate.packed !== undefined);
    assert.ok(file);
    assert.throws(() => requirementsOf(file), /already released/);
    assert.throws(() => requirementTable(file), /already released/);
  });
});

describe('canonicalName', () => {
  it('agrees with the PEP 503 rule on any name, normal already or not', () => {
    const pep503 = (name: string): string => name.replace(/[-_.]+/g, '-').toLowerCase();
    const char = fc.constantFrom('a', 'z', 'A', 'Z', '0', '9', '-', '_', '.', 'İ', 'ß');
    fc.assert(
      fc.property(
        fc.array(char, { maxLength: 12 }).map((chars) => chars.join('')),
        (name) => canonicalName(name) === pep503(name),
      ),
    );
    assert.equal(canonicalName('Flask_SQLAlchemy'), 'flask-sqlalchemy');
    assert.equal(canonicalName('torch--audio'), 'torch-audio');
  });
});
