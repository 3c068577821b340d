// Build variants: a Dockerfile checked once per distinct set of build arguments its builds pass (the
// compose services, workflow matrix combinations, bake targets and scripts that build it). Pure: the
// builds come in as records, the findings of each variant's check come in as findings.
//
// What a variant adds is what its check finds and the check with the ARG defaults does not: each
// such finding names the variant, and its related locations are where the values were written, so
// that a pull request that changes a matrix line has the finding in its diff.

import type { Finding, RelatedLocation } from '../model.js';
import type { BuildDefinition, Origin } from '../parse/build-definitions/index.js';
import { RULE as BUILD_ARGS_NOT_CHECKED } from './rules/build-args-not-checked.js';

/** Variants checked per Dockerfile; the others are counted in one notice. */
export const MAX_VARIANTS_PER_DOCKERFILE = 64;
/** Related locations one finding names at most (a finding of every variant could name every matrix line). */
const MAX_RELATED = 8;

export const VARIANT_RULES = [BUILD_ARGS_NOT_CHECKED];

export interface BuildVariant {
  dockerfile: string;
  /** The values by name, as `--build-arg NAME=value`; null: computed when the build runs, unknown here. */
  args: Record<string, string | null>;
  /** `with CUDA_VERSION=11.3.1 and UBUNTU_VERSION=22.04 from .github/workflows/docker.yml matrix job build`. */
  label: string;
  origins: Origin[];
}

export interface VariantSelection {
  variants: BuildVariant[];
  /** Distinct variants past MAX_VARIANTS_PER_DOCKERFILE. */
  left: number;
}

/**
 * The distinct variants of one Dockerfile. Only the ARGs it declares count (a build argument nothing
 * declares changes nothing, BuildKit only warns); a build that passes none of them is the check with
 * the defaults, which runs anyway. A computed value (a secret, `$(date)`, a matrix from `fromJSON`)
 * makes its ARG unknown in the variant, as an ARG without a default is: what depends on it is not
 * checked, the rest is. A build that passes only computed values adds nothing to the defaults' check.
 */
export function variantsOf(dockerfile: string, builds: readonly BuildDefinition[], declared: ReadonlySet<string>): VariantSelection {
  const byKey = new Map<string, BuildVariant>();
  let left = 0;
  for (const build of builds) {
    if (build.dockerfile !== dockerfile) continue;
    const used = build.args.filter((arg) => declared.has(arg.name));
    if (used.every((arg) => arg.value === null)) continue;
    const args = Object.fromEntries(used.map((arg) => [arg.name, arg.value]));
    const key = JSON.stringify(Object.entries(args).sort(([a], [b]) => (a < b ? -1 : 1)));
    if (byKey.has(key)) continue;
    if (byKey.size >= MAX_VARIANTS_PER_DOCKERFILE) {
      left += 1;
      continue;
    }
    const known = used.filter((arg) => arg.value !== null);
    const computed = used.filter((arg) => arg.value === null).map((arg) => arg.name);
    const unchecked = computed.length === 0 ? '' : `, ${listed(computed)} computed when it runs, not checked`;
    const label = `with ${listed(known.map((arg) => `${arg.name}=${arg.value}`))} from ${build.source}${unchecked}`;
    // A finding of the variant comes from its known values: those are the places to change.
    byKey.set(key, { dockerfile, args, label, origins: known.flatMap((arg) => arg.origins) });
  }
  return { variants: [...byKey.values()], left };
}

/** `a`, `a and b`, `a, b and c`. */
function listed(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : (items[0] as string);
}

function findingKey(finding: Finding): string {
  return `${finding.rule}\u0000${finding.file}\u0000${finding.line}\u0000${finding.column}\u0000${finding.message}`;
}

/**
 * The findings the variants add to the check with the defaults (`baseline`): each once, named by the
 * first variant that gives it (and how many others do), or, when every variant gives it, once for all.
 */
export function variantFindings(
  baseline: readonly Finding[],
  runs: ReadonlyArray<{ variant: BuildVariant; findings: readonly Finding[] }>,
): Finding[] {
  const known = new Set(baseline.map(findingKey));
  const found = new Map<string, { finding: Finding; variants: BuildVariant[] }>();
  for (const { variant, findings } of runs) {
    for (const finding of findings) {
      const key = findingKey(finding);
      // Notices (a driver minimum, a value not checked) would repeat for every variant; the defaults' are enough.
      if (known.has(key) || finding.severity === 'notice') continue;
      const entry = found.get(key);
      if (entry === undefined) found.set(key, { finding, variants: [variant] });
      else if (!entry.variants.includes(variant)) entry.variants.push(variant);
    }
  }
  const byDockerfile = new Map<string, number>();
  for (const { variant } of runs) byDockerfile.set(variant.dockerfile, (byDockerfile.get(variant.dockerfile) ?? 0) + 1);
  return [...found.values()].map(({ finding, variants }) => {
    const first = variants[0] as BuildVariant;
    const all = variants.length > 1 && variants.length === byDockerfile.get(first.dockerfile);
    const others = variants.length - 1;
    const which = all
      ? `with the build arguments of each of the ${variants.length} builds found for ${first.dockerfile}`
      : `${first.label}${others > 0 ? `; also ${others} other build${others > 1 ? 's' : ''} of it` : ''}`;
    const origins = all ? variants.flatMap((variant) => variant.origins) : first.origins;
    // No `fix`: it would rewrite the Dockerfile's `${ARG}` words into one variant's literal; the value to change is at the origin.
    return { ...finding, message: `${finding.message} (${which})`, fix: null, related: relatedOf(finding.related ?? [], origins) };
  });
}

function relatedOf(own: readonly RelatedLocation[], origins: readonly Origin[]): RelatedLocation[] {
  const related = [...own];
  const seen = new Set(related.map((location) => `${location.file}:${location.line}`));
  for (const origin of origins) {
    const key = `${origin.file}:${origin.line}`;
    if (seen.has(key) || related.length >= own.length + MAX_RELATED) continue;
    seen.add(key);
    related.push({ file: origin.file, line: origin.line, message: 'build argument value' });
  }
  return related;
}
