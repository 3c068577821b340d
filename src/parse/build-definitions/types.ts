// What a build definition (a compose service, a workflow step, a bake target, a `docker build` line)
// says about one Dockerfile build: which Dockerfile, and the build arguments it passes, each with the
// place its value came from. Plain records; the check layer turns them into variants.

import type { ContainerRuntime } from '../../model.js';

/** A place in a repository file: where a build argument's value is written. */
export interface Origin {
  file: string;
  /** 1-based. */
  line: number;
}

export interface BuildArg {
  name: string;
  /** The value as the build passes it; null when it is computed (a secret, `$(date)`, an unset variable). */
  value: string | null;
  /** Where the value came from, the most specific place first (a matrix entry, then the `build-args` line). */
  origins: Origin[];
}

export interface BuildDefinition {
  /** Repository-relative path of the Dockerfile built, with `/`. */
  dockerfile: string;
  args: BuildArg[];
  /** Where the build is defined, for messages: `docker-compose.yml service api`. */
  source: string;
}

/** An image a compose service runs as it is (`image:` without `build:`), pulled from a registry. */
export interface PulledImage {
  ref: string;
  /** What the service says about how its container gets GPUs. */
  runtime: ContainerRuntime;
  file: string;
  line: number;
  /** 1-based columns of the reference, `endColumn` exclusive. */
  column: number;
  endColumn: number;
}

export interface BuildDefinitionsRead {
  builds: BuildDefinition[];
  images: PulledImage[];
  /** Build definitions that could not be read as written (YAML syntax, an unreadable matrix). */
  notes: Array<{ file: string; line: number; message: string }>;
}

/** How a definition reader reaches other files of the repository (`.env`, an `extends` file). */
export interface DefinitionFiles {
  /** The file's text, or null when there is none. */
  read(path: string): string | null;
  isFile(path: string): boolean;
}
