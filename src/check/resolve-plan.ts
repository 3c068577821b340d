// What pip's resolver is asked for each install set (pure): the set's requirements and constraints
// exactly as it installs them, one step per `pip install` (a Dockerfile stage's RUN order: what an
// earlier install put in the image is there when a later one runs), and the target the build installs
// into (the set's Python, CPython, the platform tags of its image). The shell (src/resolve/) runs pip;
// src/check/resolve-verdict.ts maps pip's answer back to these lines.

import type { IndexLocation } from '../index/client.js';
import type { CheckContext, Pin, SetView } from './context.js';
import type { Place } from './finding-builder.js';
import type { SetPlan } from './index-plan.js';
import { targetEnvironments } from './index-facts.js';
import { parseMarker } from '../parse/marker.js';
import { evaluateMarker, type MarkerEnvironment } from '../parse/marker-evaluation.js';

/** One line of a requirements or constraints file written for pip, and the pin it stands for. */
export interface ResolveLine {
  /** What pip reads: `name[extras]specifier` (constraints without extras: pip refuses them). */
  text: string;
  key: string;
  at: Place;
  /** The requirement as written, without its marker. */
  shown: string;
  /** The specifier as written ("" when unpinned). */
  specifier: string;
}

/** One `pip install`: what it is given on the command line or in files, and through `-c`. */
export interface ResolveStep {
  requirements: ResolveLine[];
  constraints: ResolveLine[];
}

export interface ResolveJob {
  setId: string;
  /** In the order the build runs them; one for a requirements file or a pyproject.toml. */
  steps: ResolveStep[];
  /** `3.11`: pip's `--python-version`. */
  python: string;
  /** pip's `--platform` tags, most specific first. */
  platforms: string[];
  /** Shown in messages: `CPython 3.11 on manylinux_2_35 x86-64`. */
  target: string;
  /** Why the target is assumed rather than read from the set (its findings are then warnings at most); null when read. */
  assumed: string | null;
  indexes: IndexLocation[];
  /** Why pip not finding a package proves nothing (an index not contacted); null when it does. */
  unprovable: string | null;
  /** How many of the set's requirements pip is not given (URLs, paths, editables, conda packages, markers that exclude the target). */
  leftOut: number;
}

/** The Python of a set that names none: what current CI runners and CUDA images mostly give. */
const DEFAULT_MINOR = '3.11';
/** glibc of a set that installs into no image: the GitHub-hosted ubuntu-22.04 runner's. */
const RUNNER_GLIBC = '2.35';
/** pyproject.toml groups `pip install .` installs (optional groups only when asked for, which a build cannot say here). */
const INSTALLED_GROUPS = new Set(['project.dependencies', 'tool.poetry.dependencies']);

export function planResolve(context: CheckContext, view: SetView, plan: SetPlan): ResolveJob | null {
  // A conda environment's pip installs over what conda put there, which pip's resolver cannot see.
  if (plan.minors.length === 0 || context.files.get(view.set.file)?.kind === 'conda') return null;
  const python =
    plan.minors.length === 1
      ? (plan.minors[0] as string)
      : plan.minors.includes(DEFAULT_MINOR)
        ? DEFAULT_MINOR
        : (plan.minors.at(-1) as string);
  const glibc = plan.imaged ? plan.glibc : RUNNER_GLIBC;
  const platforms = glibc === null ? ['musllinux_1_2_x86_64', 'musllinux_1_1_x86_64'] : manylinuxTags(glibc);
  const assumptions: string[] = [];
  if (plan.minors.length !== 1) assumptions.push(`the set names no single Python, so ${python} is assumed`);
  if (!plan.imaged) assumptions.push(`it installs into no image, so Linux x86-64 with glibc ${RUNNER_GLIBC} is assumed`);
  const target = `CPython ${python} on ${platforms[0]?.replace(/_x86_64$/, '')} x86-64`;

  // pip evaluates a requirement's marker on the machine it runs on, not for --python-version: evaluated here, for the target.
  const environment = targetEnvironments({ ...plan, minors: [python] })[0] as MarkerEnvironment;
  let leftOut = 0;
  const lineOf = (pin: Pin): ResolveLine | null => {
    const requirement = pin.requirement;
    if (
      requirement.installer === 'conda' ||
      (requirement.group !== undefined && !INSTALLED_GROUPS.has(requirement.group)) ||
      !holds(requirement.marker, environment)
    ) {
      leftOut++;
      return null;
    }
    const extras = requirement.extras.length > 0 && !requirement.constraint ? `[${requirement.extras.join(',')}]` : '';
    return {
      text: `${requirement.name}${extras}${requirement.specifier}`,
      key: pin.key,
      at: pin.at,
      shown: pin.shown,
      specifier: requirement.specifier,
    };
  };
  const pins = view.writtenWhere(() => true);
  const steps = isDockerfileSet(context, view)
    ? dockerfileSteps(context, view, pins)
    : [pins.map((pin) => ({ pin, constraint: pin.requirement.constraint }))];
  const resolveSteps: ResolveStep[] = [];
  for (const step of steps) {
    const resolveStep: ResolveStep = { requirements: [], constraints: [] };
    for (const { pin, constraint } of step) {
      const line = lineOf(pin);
      if (line) (constraint ? resolveStep.constraints : resolveStep.requirements).push(line);
    }
    if (resolveStep.requirements.length > 0) resolveSteps.push(resolveStep);
  }
  if (resolveSteps.length === 0) return null;
  return {
    setId: view.set.id,
    steps: resolveSteps,
    python,
    platforms,
    target,
    assumed: assumptions.length > 0 ? assumptions.join(', and ') : null,
    indexes: plan.indexes,
    unprovable: plan.unprovable,
    leftOut,
  };
}

/** Does the marker hold where the set installs? A marker that cannot be evaluated does not. */
function holds(marker: string | null, environment: MarkerEnvironment): boolean {
  if (marker === null) return true;
  const parsed = parseMarker(marker);
  if (!parsed.ok) return false;
  const value = evaluateMarker(parsed.marker, environment);
  return value.ok && value.value;
}

/** manylinux tags pip accepts on a glibc: `manylinux_2_Y` from the glibc's down to 2.5, and the legacy aliases. */
export function manylinuxTags(glibc: string): string[] {
  const minor = Number(glibc.split('.')[1]);
  const tags: string[] = [];
  for (let y = minor; y >= 5; y--) {
    tags.push(`manylinux_2_${y}_x86_64`);
    if (y === 17) tags.push('manylinux2014_x86_64');
    if (y === 12) tags.push('manylinux2010_x86_64');
    if (y === 5) tags.push('manylinux1_x86_64');
  }
  return [...tags, 'linux_x86_64'];
}

function isDockerfileSet(context: CheckContext, view: SetView): boolean {
  return view.set.stages !== null && context.files.get(view.set.file)?.kind === 'dockerfile';
}

interface StepPin {
  pin: Pin;
  constraint: boolean;
}

/**
 * A Dockerfile stage's pins by the `pip install` that reads them: its own arguments, and the files its
 * `-r`/`-c` name with what those include (a file read through `-c` gives constraints only).
 */
function dockerfileSteps(context: CheckContext, view: SetView, pins: readonly Pin[]): StepPin[][] {
  const dockerfile = context.files.get(view.set.file);
  const stages = new Set(view.set.stages);
  const byInstall = new Map<number, StepPin[]>();
  const stepOf = (install: number): StepPin[] => {
    let step = byInstall.get(install);
    if (!step) byInstall.set(install, (step = []));
    return step;
  };
  const byFile = new Map<string, Pin[]>();
  for (const pin of pins) {
    if (pin.file === view.set.file) {
      if (pin.requirement.install !== undefined) stepOf(pin.requirement.install).push({ pin, constraint: false });
    } else {
      const list = byFile.get(pin.file) ?? [];
      list.push(pin);
      byFile.set(pin.file, list);
    }
  }
  for (const include of dockerfile?.includes ?? []) {
    if (include.install === undefined || (include.stage != null && !stages.has(include.stage))) continue;
    const step = stepOf(include.install);
    for (const { path, constraint } of fileClosure(context, include.path, include.constraint)) {
      for (const pin of byFile.get(path) ?? []) step.push({ pin, constraint: constraint || pin.requirement.constraint });
    }
  }
  return [...byInstall.entries()].sort(([a], [b]) => a - b).map(([, step]) => step);
}

/** A file and those its `-r`/`-c` lines include, each once, with whether it is read as constraints. */
function fileClosure(context: CheckContext, root: string, constraint: boolean): Array<{ path: string; constraint: boolean }> {
  const seen = new Map<string, boolean>([[root, constraint]]);
  const queue = [root];
  for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
    const asConstraint = seen.get(path) as boolean;
    for (const include of context.files.get(path)?.includes ?? []) {
      if (seen.has(include.path)) continue;
      seen.set(include.path, asConstraint || include.constraint);
      queue.push(include.path);
    }
  }
  return [...seen.entries()].map(([path, isConstraint]) => ({ path, constraint: isConstraint }));
}
