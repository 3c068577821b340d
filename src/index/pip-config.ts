// Where pip may read its indexes from something the readers do not follow: a pip.conf copied into the
// image or written by `pip config`, PIP_CONFIG_FILE, --no-index, a netrc or uv.toml. A set that may
// use such an index cannot prove that a package or version is absent: its absences are not reported.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ParsedFile } from '../model.js';

const HINT = /pip\.conf|pip\.ini|\bpip3? config\b|PIP_CONFIG_FILE|--no-index|PIP_NO_INDEX|uv\.toml|\.netrc/;
/** Files pip reads its configuration from when they sit in the working directory or the repository's root. */
const CONFIG_FILES = ['pip.conf', 'pip.ini', 'uv.toml', '.pip/pip.conf', '.config/pip/pip.conf'];

/** For each file (repository-relative), why its sets' indexes are not all known; files with none are absent. */
export function pipConfigHints(root: string, files: readonly ParsedFile[]): Map<string, string> {
  const hints = new Map<string, string>();
  const rootConfig = CONFIG_FILES.find((name) => fs.existsSync(path.join(root, name)));
  for (const file of files) {
    if (file.kind === 'pyproject') continue;
    if (rootConfig) {
      hints.set(file.path, `the repository has ${rootConfig}, which may name other indexes`);
      continue;
    }
    let text: string;
    try {
      text = fs.readFileSync(path.join(root, file.path), 'latin1');
    } catch {
      continue;
    }
    const match = HINT.exec(text);
    if (match) hints.set(file.path, `${file.path} uses ${match[0]}, which may name other indexes`);
  }
  return hints;
}
