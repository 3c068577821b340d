// Which repository files may define builds, by name alone: kept apart from the readers so that the
// file walk can ask without loading the yaml package.

/** `compose.yaml`, `docker-compose.yml`, `docker-compose.gpu.yml`, `compose.override.yaml`... */
export function isComposeFile(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return /^(?:docker-)?compose(?:[.-][^/]*)?\.ya?ml$/.test(base);
}

export function isWorkflowFile(path: string): boolean {
  return /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path);
}

export function isBakeFile(path: string): boolean {
  return /^docker-bake(?:\.override)?\.(?:hcl|json)$/.test(path.slice(path.lastIndexOf('/') + 1));
}

/** Shell scripts and Makefiles, where `docker build` lines are. */
export function isBuildScript(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return /\.(?:sh|bash)$/.test(base) || /^(?:GNU)?[Mm]akefile$/.test(base) || base.endsWith('.mk');
}

export function isBuildDefinitionFile(path: string): boolean {
  return isComposeFile(path) || isWorkflowFile(path) || isBakeFile(path) || isBuildScript(path);
}
