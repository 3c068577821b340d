// Where a repository defines its Docker builds, and the build arguments each passes: compose files,
// GitHub workflows, bake files, shell scripts and Makefiles. Pure: files come through DefinitionFiles.

import { readBake } from './bake.js';
import { readCompose } from './compose.js';
import { isBakeFile, isComposeFile, isWorkflowFile } from './names.js';
import { readBuildScript } from './script.js';
import type { BuildDefinitionsRead, DefinitionFiles } from './types.js';
import { readWorkflow } from './workflow.js';

export type { BuildArg, BuildDefinition, BuildDefinitionsRead, DefinitionFiles, Origin, PulledImage } from './types.js';

/** Every build the files define; `paths` are repository-relative, as isBuildDefinitionFile accepted them. */
export function readBuildDefinitions(paths: readonly string[], files: DefinitionFiles): BuildDefinitionsRead {
  const read: BuildDefinitionsRead = { builds: [], images: [], notes: [] };
  for (const path of [...paths].sort()) {
    const text = files.read(path);
    if (text === null) continue;
    const one = isWorkflowFile(path) ? readWorkflow(path, text, files)
      : isComposeFile(path) ? readCompose(path, text, files)
        : isBakeFile(path) ? readBake(path, text)
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
