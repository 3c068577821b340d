// The repository's own projects: the names its pyproject.toml files (and a root setup.py or
// setup.cfg) publish. A pin of one of them (`mylib[asr]` in mylib's own optional dependencies) is
// installed from the checkout, not from an index: asking the index would call an unpublished
// project "not found".

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'smol-toml';
import { canonicalName, type ParsedFile } from '../model.js';

export function ownProjects(root: string, files: readonly ParsedFile[]): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    if (file.kind !== 'pyproject') continue;
    try {
      const toml = parse(fs.readFileSync(path.join(root, file.path), 'utf8')) as {
        project?: { name?: unknown };
        tool?: { poetry?: { name?: unknown } };
      };
      for (const name of [toml.project?.name, toml.tool?.poetry?.name]) if (typeof name === 'string') names.add(canonicalName(name));
    } catch {
      // The reader has reported a pyproject.toml that does not parse.
    }
  }
  for (const [file, pattern] of [
    ['setup.py', /\bname\s*=\s*["']([A-Za-z0-9._-]+)["']/],
    ['setup.cfg', /^\s*name\s*=\s*([A-Za-z0-9._-]+)\s*$/m],
  ] as const) {
    try {
      const match = pattern.exec(fs.readFileSync(path.join(root, file), 'utf8'));
      if (match) names.add(canonicalName(match[1] as string));
    } catch {
      // No such file.
    }
  }
  return names;
}
