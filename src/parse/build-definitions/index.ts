// Where a repository defines its Docker builds, and the build arguments each passes: compose files,
// GitHub workflows, bake files, shell scripts and Makefiles. Pure: files come through DefinitionFiles.

import { readBake } from './bake.js';
import { readCompose } from './compose.js';
import { isBakeFile, isBuildScript, isComposeFile, isWorkflowFile } from './names.js';
import { readBuildScript } from './script.js';
import type { BuildDefinitionsRead, DefinitionFiles } from './types.js';
import { readWorkflow } from './workflow.js';

export type { BuildDefinition, BuildDefinitionsRead, DefinitionFiles, Origin, PulledImage } from './types.js';

/** Compose files, workflows, bake files and build scripts are far smaller; a bigger file is not read for builds. */
const MAX_DEFINITION_CHARS = 1_000_000;

/** Every build the files define; `paths` are repository-relative, as isBuildDefinitionFile accepted them. */
export function readBuildDefinitions(paths: readonly string[], files: DefinitionFiles): BuildDefinitionsRead {
  const read: BuildDefinitionsRead = { builds: [], images: [], notes: [] };
  for (const path of [...paths].sort()) {
    const text = files.read(path);
    if (text === null) continue;
    if (text.length > MAX_DEFINITION_CHARS) {
      // A script that big is an installer or generated, not where builds are defined: passed over quietly.
      if (!isBuildScript(path))
        read.notes.push({ file: path, line: 1, message: `over ${MAX_DEFINITION_CHARS} characters, not read as a build definition` });
      continue;
    }
    const one = isWorkflowFile(path)
      ? readWorkflow(path, text, files)
      : isComposeFile(path)
        ? readCompose(path, text, files)
        : isBakeFile(path)
          ? readBake(path, text)
          : { builds: readBuildScript(text, { file: path, firstLine: 1, folder: folderOf(path) }, files), images: [], notes: [] };
    read.builds.push(...one.builds);
    read.images.push(...one.images);
    read.notes.push(...one.notes);
  }
  return read;
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}
