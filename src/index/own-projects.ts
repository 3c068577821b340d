// The repository's own projects: the names its pyproject.toml files (and a root setup.py or
// setup.cfg) publish. A pin of one of them (`mylib[asr]` in mylib's own optional dependencies) is
// installed from the checkout, not from an index: asking the index would call an unpublished
// project "not found".

import * as fs from 'node:fs';
import * as path from 'node:path';
import { canonicalName, type ParsedFile } from '../model.js';

export async function ownProjects(root: string, files: readonly ParsedFile[]): Promise<Set<string>> {
  const names = new Set<string>();
  const pyprojects = files.filter((file) => file.kind === 'pyproject');
  // The TOML reader is loaded only for a repository with a pyproject.toml (see parse/readers.ts).
  if (pyprojects.length > 0) {
    const { isTable, readToml } = await import('../parse/toml.js');
    for (const file of pyprojects) {
      let text: string;
      try {
        text = fs.readFileSync(path.join(root, file.path), 'utf8');
      } catch {
        continue;
      }
      // A pyproject.toml that does not parse has been reported by the reader.
      const read = readToml(text);
      if (!read.ok) continue;
      const { project, tool } = read.document.root;
      const poetry = isTable(tool) ? tool['poetry'] : undefined;
      for (const table of [project, poetry]) {
        const name = isTable(table) ? table['name'] : undefined;
        if (typeof name === 'string') names.add(canonicalName(name));
      }
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
