// docker-bake.hcl / docker-bake.json (and docker-bake.override.*): each target's `context`,
// `dockerfile` and `args`, with `inherits` followed, `variable` defaults interpolated, and one build per
// combination of a target's `matrix`. What the HCL reader cannot evaluate (functions, conditionals) is
// unknown.

import * as posix from 'node:path/posix';
import { readHcl, type HclValue } from './hcl.js';
import { interpolate, type KnownVariable } from './interpolate.js';
import { dockerfileInContext } from './paths.js';
import type { BuildArg, BuildDefinitionsRead, Origin } from './types.js';

const MAX_COMBINATIONS = 256;
const MAX_INHERITS = 8;

interface Target {
  context: string | null;
  dockerfile: string | null;
  args: Map<string, BuildArg>;
}

export function readBake(path: string, text: string): BuildDefinitionsRead {
  const read: BuildDefinitionsRead = { builds: [], images: [], notes: [] };
  const top = readHcl(text);
  const origin = (value: HclValue): Origin => ({ file: path, line: value.line });
  const variables = new Map<string, KnownVariable>();
  for (const [name, block] of entriesOf(top.get('variable'))) {
    const value = block.kind === 'object' ? block.entries.get('default') : undefined;
    if (value?.kind === 'string') variables.set(name, { value: value.text, origin: origin(value) });
  }
  const targets = new Map(entriesOf(top.get('target')));
  const folder = posix.dirname(path) === '.' ? '' : posix.dirname(path);

  const targetOf = (name: string, scope: Map<string, KnownVariable>, depth: number): Target => {
    const block = targets.get(name);
    const target: Target = { context: null, dockerfile: null, args: new Map() };
    if (block?.kind !== 'object') return target;
    if (depth < MAX_INHERITS) {
      const inherits = block.entries.get('inherits');
      for (const parent of inherits?.kind === 'list' ? inherits.items : []) {
        if (parent.kind !== 'string') continue;
        const base = targetOf(parent.text, scope, depth + 1);
        target.context = base.context ?? target.context;
        target.dockerfile = base.dockerfile ?? target.dockerfile;
        for (const [argName, arg] of base.args) target.args.set(argName, arg);
      }
    }
    const text = (value: HclValue | undefined): string | null | undefined => {
      if (value === undefined) return undefined;
      if (value.kind !== 'string') return null;
      const interpolated = interpolate(value.text, scope).value;
      return interpolated === null || interpolated.includes('${') ? null : interpolated;
    };
    const context = text(block.entries.get('context'));
    const dockerfile = text(block.entries.get('dockerfile'));
    if (context !== undefined) target.context = context ?? '\u0001';
    if (dockerfile !== undefined) target.dockerfile = dockerfile ?? '\u0001';
    for (const [argName, value] of entriesOf(block.entries.get('args'))) {
      const interpolated = value.kind === 'string' ? interpolate(value.text, scope) : { value: null, origins: [] };
      const known = interpolated.value !== null && !interpolated.value.includes('${');
      target.args.set(argName, {
        name: argName,
        value: known ? interpolated.value : null,
        origins: [...interpolated.origins, origin(value)],
      });
    }
    return target;
  };

  for (const [name, block] of targets) {
    if (block.kind !== 'object') continue;
    for (const combination of matrixCombinations(block.entries.get('matrix'), origin)) {
      const scope = new Map([...variables, ...combination]);
      const target = targetOf(name, scope, 0);
      if (target.context === '\u0001' || target.dockerfile === '\u0001') continue;
      const dockerfile = dockerfileInContext(folder, target.context ?? '.', target.dockerfile);
      if (dockerfile === null) continue;
      read.builds.push({
        dockerfile,
        args: [...target.args.values()],
        source: `${path} target ${name}${combination.size > 0 ? ' matrix' : ''}`,
      });
    }
  }
  return read;
}

function entriesOf(value: HclValue | undefined): Array<[string, HclValue]> {
  return value?.kind === 'object' ? [...value.entries] : [];
}

/** A target's `matrix = { cuda = ["11.8", "12.1"] }`: every combination, as variables; one empty one without a matrix. */
function matrixCombinations(matrix: HclValue | undefined, origin: (value: HclValue) => Origin): Array<Map<string, KnownVariable>> {
  let combinations: Array<Map<string, KnownVariable>> = [new Map()];
  for (const [name, list] of entriesOf(matrix)) {
    const values = list.kind === 'list' ? list.items.filter((item) => item.kind === 'string') : [];
    combinations = combinations
      .flatMap((combination) => values.map((value) => new Map(combination).set(name, { value: value.text, origin: origin(value) })))
      .slice(0, MAX_COMBINATIONS);
  }
  return combinations;
}
