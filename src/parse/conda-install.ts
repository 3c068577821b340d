// `conda install` / `conda create` / `conda update` (and mamba's and micromamba's) inside a RUN
// command: the package specs it installs into the stage, read as conda-spec.ts reads them, with the
// Python and CUDA versions they select.

import { bareRequirement, canonicalName, factPosition, type CudaFact, type PythonFact, type Requirement } from '../model.js';
import { condaMeaning, readCondaSpec } from './conda-spec.js';
import { spanOf, type Arg } from './dockerfile-words.js';

/** Where the specs' facts go: the stage's own lists. */
export interface CondaInstallFacts {
  requirements: Requirement[];
  python: PythonFact[];
  cuda: CudaFact[];
}

/** Options of conda, mamba and micromamba install/create/update that take a value. */
const VALUE_OPTIONS = new Set([
  '-c',
  '--channel',
  '-n',
  '--name',
  '-p',
  '--prefix',
  '--file',
  '--solver',
  '--repodata-fn',
  '--experimental',
  '--subdir',
  '--platform',
  '--clone',
  '--revision',
  '-r',
  '--root-prefix',
  '--channel-priority',
  '--rc-file',
  '--log-level',
  '--category',
  '--channel-alias',
]);

/**
 * Reads the arguments after `install`/`create`/`update`. `context` (`conda install`) starts each
 * fact's source. Words whose value comes from a build argument are not read: the build decides them.
 */
export function readCondaInstall(args: readonly Arg[], context: string, command: string, stage: string, facts: CondaInstallFacts): void {
  // micromamba's `-f` is `--file`; conda's `-f` was `--force`, a flag.
  const valued = (option: string): boolean => VALUE_OPTIONS.has(option) || (command === 'micromamba' && option === '-f');
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as Arg;
    if (arg.value.startsWith('-')) {
      if (!arg.value.includes('=') && valued(arg.value)) i += 1;
      continue;
    }
    if (arg.unknown !== null) continue;
    const spec = readCondaSpec(arg.value);
    if (spec === null || spec.specifier === null) continue;
    const span = spanOf(arg, 0, spec.end);
    const source = `${context} ${arg.value.slice(0, spec.end)}`;
    const meaning = condaMeaning(spec.name);
    if (meaning.kind !== 'package') {
      if (spec.version === null || spec.versionAt === null) continue;
      // As for every Python and CUDA fact, the version itself is the token.
      const fact = {
        version: spec.version,
        ...factPosition(spanOf(arg, spec.versionAt, spec.versionAt + spec.version.length)),
        source,
        stage,
      };
      (meaning.kind === 'python' ? facts.python : facts.cuda).push(fact);
    } else {
      facts.requirements.push({
        ...bareRequirement(spec.name, canonicalName(meaning.pypiName), spec.specifier, span),
        stage,
        installer: 'conda',
      });
    }
  }
}
