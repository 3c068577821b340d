// Real Python environments for the runtime tests, made offline: `python3 -m venv` (pip comes from
// ensurepip's bundled wheel) with hand-made distributions copied into its site-packages from
// __tests__/fixtures/runtime/site-packages. Nothing depends on wheels that happen to lie on the machine.

import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Matrix } from '../../src/matrix/types.js';
import type { ParseResult } from '../../src/model.js';

export interface PythonEnv {
  /** The venv's interpreter. */
  python: string;
  sitePackages: string;
}

// Compiled to lib/__tests__/helpers/: three levels up is the repository root.
const FIXTURE_SITE_PACKAGES = fixturePath('site-packages');

/** The system interpreter the venvs are made from, or null when the machine has none. */
export function systemPython(): string | null {
  try {
    execFileSync('python3', ['-c', 'import venv, ensurepip'], { stdio: 'ignore', timeout: 30_000 });
    return 'python3';
  } catch {
    return null;
  }
}

let made: Promise<PythonEnv> | null = null;
const folders: string[] = [];

/**
 * One venv per test file (the module is loaded once per file), made on first use: creating it
 * takes seconds. Removed when the process exits.
 */
export function fixtureEnv(): Promise<PythonEnv> {
  made ??= Promise.resolve().then(() => venvWith(FIXTURE_SITE_PACKAGES));
  return made;
}

/** A venv made now whose site-packages holds a copy of `sitePackages` (a folder of hand-made distributions). */
export function venvWith(sitePackages: string): PythonEnv {
  const folder = temporaryFolder('compat-guard-venv-');
  const venv = join(folder, 'venv');
  execFileSync('python3', ['-m', 'venv', venv], { stdio: 'ignore', timeout: 120_000 });
  const python = join(venv, 'bin', 'python');
  const purelib = execFileSync(python, ['-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])'], {
    encoding: 'utf8',
  }).trim();
  cpSync(sitePackages, purelib, { recursive: true });
  return { python, sitePackages: purelib };
}

/** A folder under __tests__/fixtures/runtime/, as a path. */
export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../../../__tests__/fixtures/runtime/${name}`, import.meta.url));
}

/** A fresh temporary folder, removed when the process exits. */
export function temporaryFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  folders.push(folder);
  return folder;
}

/** Writes an executable script (a stand-in for docker, nvidia-smi...). */
export function writeExecutable(path: string, text: string): void {
  writeFileSync(path, text);
  chmodSync(path, 0o755);
}

process.on('exit', () => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** The fixture repository that describes this environment: its parse (as `compat-guard parse` prints it) and matrix. */
export function fixtureParse(): ParseResult {
  return JSON.parse(readFixture('parse.json')) as ParseResult;
}

export function fixtureMatrix(): Matrix {
  return JSON.parse(readFixture('matrix.json')) as Matrix;
}

/** A file under __tests__/fixtures/runtime/. */
export function readFixture(name: string): string {
  return readFileSync(new URL(`../../../__tests__/fixtures/runtime/${name}`, import.meta.url), 'utf8');
}
