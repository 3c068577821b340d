// The shell side of build variants: find the repository's build definitions, and read each Dockerfile
// again once per distinct set of build arguments its builds pass. The check layer
// (src/check/variants.ts) decides what the variants add.

import { emptyFile, type Finding, type ParsedFile, type ParseResult } from './model.js';
import type { DefinitionFiles, PulledImage } from './parse/build-definitions/index.js';
import { isBuildDefinitionFile, isComposeFile } from './parse/build-definitions/names.js';
import { cudaFromImage, invalidReference, parseImageRef } from './parse/dockerfile-image.js';
import { scanSuppressions } from './parse/suppressions.js';
import { createFileSource, listFiles } from './parse/discover.js';
import { loadReaders } from './parse/readers.js';
import { parseRepository, type ReadOptions } from './parse/repository.js';
import { decodeText } from './parse/text.js';
import { MAX_VARIANTS_PER_DOCKERFILE, variantsOf, type BuildVariant } from './check/variants.js';
import { notCheckedFinding } from './check/rules/build-args-not-checked.js';

export interface VariantRead {
  variant: BuildVariant;
  /** The Dockerfile (and what it installs) read with the variant's build arguments. */
  parse: ParseResult;
}

export interface BuildVariantsRead {
  runs: VariantRead[];
  /**
   * The images compose services pull (`image:` without `build:`), one file per compose file, checked
   * as a Dockerfile's FROM images are; null when there are none.
   */
  pulled: ParseResult | null;
  /** Build arguments found and not checked, as notices. */
  notices: Finding[];
}

/**
 * `pulledImages`: read the images compose services pull too (when the whole repository is checked; a
 * check of chosen paths checks what they build, not compose files it was not pointed at).
 */
export async function readBuildVariants(
  root: string,
  parse: ParseResult,
  options: ReadOptions,
  pulledImages: boolean,
): Promise<BuildVariantsRead> {
  const read: BuildVariantsRead = { runs: [], pulled: null, notices: [] };
  const dockerfiles = parse.files.filter((file) => file.kind === 'dockerfile').map((file) => file.path);
  if (dockerfiles.length === 0 && !pulledImages) return read;
  const definitionFiles = listFiles(root, isBuildDefinitionFile);
  if (dockerfiles.length === 0 && !definitionFiles.some(isComposeFile)) return read;
  // Loaded only when there is a Dockerfile or a compose file: the readers bring the yaml package, a sizeable part of a small check's start-up.
  const { readBuildDefinitions } = await import('./parse/build-definitions/index.js');
  const readers = await loadReaders(['dockerfile']);
  const source = createFileSource(root);
  const files: DefinitionFiles = {
    read: (path) => {
      const bytes = source.read(path);
      if (!bytes.ok) return null;
      const decoded = decodeText(bytes.bytes);
      return decoded.ok ? decoded.text : null;
    },
    isFile: (path) => source.isFile(path),
  };
  const definitions = readBuildDefinitions(definitionFiles, files);
  if (pulledImages) read.pulled = pulledImageFiles(definitions.images, files);
  for (const note of definitions.notes)
    read.notices.push(notCheckedFinding(note.file, note.line, `${note.message}; the build arguments it may pass are not checked`));
  for (const dockerfile of dockerfiles) {
    const text = files.read(dockerfile);
    if (text === null) continue;
    const selection = variantsOf(dockerfile, definitions.builds, declaredArgNames(text));
    if (selection.left > 0) {
      read.notices.push(
        notCheckedFinding(
          dockerfile,
          1,
          `${selection.left} more distinct sets of build arguments are passed to ${dockerfile} by the builds found for it; the first ${MAX_VARIANTS_PER_DOCKERFILE} are checked, these are not`,
        ),
      );
    }
    for (const variant of selection.variants) {
      const buildArgs = new Map([[dockerfile, variant.args]]);
      read.runs.push({
        variant,
        parse: parseRepository([{ path: dockerfile, kind: 'dockerfile' }], source, { ...options, buildArgs, readers }),
      });
    }
  }
  return read;
}

function pulledImageFiles(images: readonly PulledImage[], files: DefinitionFiles): ParseResult | null {
  const byFile = new Map<string, ParsedFile>();
  for (const image of images) {
    const parsed = parseImageRef(image.ref);
    if (invalidReference(parsed) !== null) continue;
    let file = byFile.get(image.file);
    if (file === undefined) {
      // Read as a Dockerfile's images are, for the image checks only: it is never listed or installed.
      const suppressions = scanSuppressions(files.read(image.file) ?? '');
      file = { ...emptyFile(image.file, 'dockerfile'), suppressions };
      byFile.set(image.file, file);
    }
    const position = { line: image.line, column: image.column, endColumn: image.endColumn };
    file.images.push({ ref: image.ref, ...parsed, stage: null, runtime: image.runtime, ...position });
    const cuda = cudaFromImage(parsed);
    if (cuda !== null) file.cuda.push({ version: cuda.version, ...position, source: image.ref, stage: null });
  }
  return byFile.size === 0 ? null : { files: [...byFile.values()], installSets: [], diagnostics: [] };
}

/** The names the Dockerfile's ARG instructions declare (a build argument nothing declares changes nothing). */
function declaredArgNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(/^[ \t]*ARG[ \t]+([^\r\n]*)/gim)) {
    for (const word of (match[1] as string).split(/\s+/)) {
      const name = word.split('=')[0] as string;
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) names.add(name);
    }
  }
  return names;
}
