// Compose files: each service's `build` (a context string, or a map with `context`, `dockerfile` and
// `args` as a map or a `NAME=value` list), after `${VAR:-default}` interpolation from the `.env`
// file next to the compose file, and with `extends` (same file or another) followed. Services under
// `profiles` are builds too: the label says which profile builds them.

import * as posix from 'node:path/posix';
import { isScalar, type Node } from 'yaml';
import { interpolate, readDotenv, type KnownVariable } from './interpolate.js';
import { dockerfileInContext } from './paths.js';
import type { ContainerRuntime } from '../../model.js';
import { disablesRequire } from '../../runtime/container-require.js';
import type { BuildArg, BuildDefinition, BuildDefinitionsRead, DefinitionFiles } from './types.js';
import { lineOf, mapEntries, mapGet, positionOf, readYaml, scalarText, seqItems, type YamlFile } from './yaml-nodes.js';

/** `extends` chains longer than this are cut (compose refuses cycles; we just stop). */
const MAX_EXTENDS = 8;

interface ComposeDocument {
  path: string;
  yaml: YamlFile;
  variables: Map<string, KnownVariable>;
}

export function readCompose(path: string, text: string, files: DefinitionFiles): BuildDefinitionsRead {
  const read: BuildDefinitionsRead = { builds: [], images: [], notes: [] };
  const document = openCompose(path, text, files, read);
  if (document === null) return read;
  for (const [name, , service] of mapEntries(document.yaml, mapGet(document.yaml, document.yaml.doc.contents, 'services'))) {
    const build = serviceBuild(document, service, files, read, 0);
    if (build === null) {
      if (mapGet(document.yaml, service, 'build') === null && mapGet(document.yaml, service, 'extends') === null) {
        pulledImage(document, mapGet(document.yaml, service, 'image'), serviceRuntime(document, service), read);
      }
      continue;
    }
    const profiles = seqItems(document.yaml, mapGet(document.yaml, service, 'profiles'))
      .map((item) => scalarText(document.yaml, item))
      .filter(Boolean);
    const profile = profiles.length > 0 ? `, profile ${profiles.join(', ')}` : '';
    read.builds.push({ ...build, source: `${path} service ${name}${profile}` });
  }
  return read;
}

/** A service without a build runs its `image:` as pulled (with a build, `image:` only names the result). */
function pulledImage(document: ComposeDocument, node: Node | null, runtime: ContainerRuntime, read: BuildDefinitionsRead): void {
  const written = scalarText(document.yaml, node);
  if (node === null || written === null) return;
  const ref = interpolate(written, document.variables).value;
  if (ref === null || ref === '') return;
  const at = positionOf(document.yaml, node);
  const column = at.column + (isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') ? 1 : 0);
  read.images.push({ ref, runtime, file: document.path, line: at.line, column, endColumn: column + written.length });
}

/**
 * How the service's container gets GPUs (compose's GPU support page: `deploy.resources.reservations.devices`
 * with `capabilities: [gpu]` or `driver: nvidia`, and the older `runtime: nvidia` and `gpus:`), and
 * whether its `environment:` sets NVIDIA_DISABLE_REQUIRE true (an `env_file:` is not read).
 */
function serviceRuntime(document: ComposeDocument, service: Node | null): ContainerRuntime {
  const { yaml } = document;
  const devices = seqItems(
    yaml,
    mapGet(yaml, mapGet(yaml, mapGet(yaml, mapGet(yaml, service, 'deploy'), 'resources'), 'reservations'), 'devices'),
  );
  const gpuDevice = devices.some(
    (device) =>
      scalarText(yaml, mapGet(yaml, device, 'driver')) === 'nvidia' ||
      seqItems(yaml, mapGet(yaml, device, 'capabilities')).some((capability) => scalarText(yaml, capability) === 'gpu'),
  );
  const gpuRequested =
    gpuDevice || scalarText(yaml, mapGet(yaml, service, 'runtime')) === 'nvidia' || mapGet(yaml, service, 'gpus') !== null;
  return { gpuRequested, requireDisabled: disablesRequire(environmentValue(document, service, 'NVIDIA_DISABLE_REQUIRE')) };
}

/** A service's `environment:` entry (a map, or a `NAME=value` list), interpolated; null when unset or unknown. */
function environmentValue(document: ComposeDocument, service: Node | null, name: string): string | null {
  const { yaml } = document;
  const environment = mapGet(yaml, service, 'environment');
  let written = scalarText(yaml, mapGet(yaml, environment, name));
  for (const item of seqItems(yaml, environment)) {
    const entry = scalarText(yaml, item);
    if (entry?.startsWith(`${name}=`)) written = entry.slice(name.length + 1);
  }
  return written === null ? null : interpolate(written, document.variables).value;
}

function openCompose(path: string, text: string, files: DefinitionFiles, read: BuildDefinitionsRead): ComposeDocument | null {
  const parsed = readYaml(text);
  if (!parsed.ok) {
    read.notes.push({ file: path, line: parsed.line, message: `not read as a compose file: ${parsed.message}` });
    return null;
  }
  const dotenv = posix.join(posix.dirname(path), '.env');
  const envText = files.read(dotenv);
  return { path, yaml: parsed.file, variables: envText === null ? new Map() : readDotenv(dotenv, envText) };
}

/** A service's build, its own settings over those of the service it extends. */
function serviceBuild(
  document: ComposeDocument,
  service: Node | null,
  files: DefinitionFiles,
  read: BuildDefinitionsRead,
  depth: number,
): Omit<BuildDefinition, 'source'> | null {
  const { yaml } = document;
  const base = depth < MAX_EXTENDS ? extendedBuild(document, mapGet(yaml, service, 'extends'), files, read, depth) : null;
  const build = mapGet(yaml, service, 'build');
  if (build === null) return base;
  const folder = posix.dirname(document.path);
  const contextText = scalarText(yaml, build) ?? scalarText(yaml, mapGet(yaml, build, 'context'));
  const dockerfileNode = mapGet(yaml, build, 'dockerfile');
  const context = contextText === null ? '.' : interpolate(contextText, document.variables).value;
  const dockerfileText = scalarText(yaml, dockerfileNode);
  const dockerfileName = dockerfileText === null ? null : interpolate(dockerfileText, document.variables).value;
  if (context === null || (dockerfileText !== null && dockerfileName === null)) return null;
  const dockerfile = dockerfileInContext(folder === '.' ? '' : folder, context, dockerfileName);
  if (dockerfile === null) return null;
  const args = new Map((base?.dockerfile === dockerfile ? base.args : []).map((arg) => [arg.name, arg]));
  for (const arg of composeArgs(document, mapGet(yaml, build, 'args'))) args.set(arg.name, arg);
  return { dockerfile, args: [...args.values()] };
}

function extendedBuild(
  document: ComposeDocument,
  extendsNode: Node | null,
  files: DefinitionFiles,
  read: BuildDefinitionsRead,
  depth: number,
): Omit<BuildDefinition, 'source'> | null {
  if (extendsNode === null) return null;
  const { yaml } = document;
  const serviceName = scalarText(yaml, extendsNode) ?? scalarText(yaml, mapGet(yaml, extendsNode, 'service'));
  if (serviceName === null) return null;
  const otherFile = scalarText(yaml, mapGet(yaml, extendsNode, 'file'));
  let target = document;
  if (otherFile !== null) {
    const otherPath = posix.normalize(posix.join(posix.dirname(document.path), otherFile));
    const otherText = otherPath.startsWith('../') ? null : files.read(otherPath);
    const opened = otherText === null ? null : openCompose(otherPath, otherText, files, read);
    if (opened === null) return null;
    target = opened;
  }
  const service = mapGet(target.yaml, mapGet(target.yaml, target.yaml.doc.contents, 'services'), serviceName);
  return service === null ? null : serviceBuild(target, service, files, read, depth + 1);
}

/** `args:` as a map (`NAME: value`) or a list (`- NAME=value`); a name without a value comes from the shell: unknown. */
function composeArgs(document: ComposeDocument, node: Node | null): BuildArg[] {
  const { yaml } = document;
  const args: BuildArg[] = [];
  const add = (name: string, written: string | null, line: number): void => {
    const origin = { file: document.path, line };
    if (written === null) {
      args.push({ name, value: null, origins: [origin] });
      return;
    }
    const value = interpolate(written, document.variables);
    args.push({ name, value: value.value, origins: [...value.origins, origin] });
  };
  const items = seqItems(yaml, node);
  if (items.length > 0) {
    for (const item of items) {
      const text = scalarText(yaml, item);
      if (text === null) continue;
      const equals = text.indexOf('=');
      add(equals < 0 ? text : text.slice(0, equals), equals < 0 ? null : text.slice(equals + 1), lineOf(yaml, item));
    }
    return args;
  }
  for (const [name, key, value] of mapEntries(yaml, node)) add(name, scalarText(yaml, value), lineOf(yaml, value ?? key));
  return args;
}
