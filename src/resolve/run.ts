// The resolver's shell: checks pip once, then runs each install set's steps (in build order, one
// after the other) with a bounded number of sets at once. Whatever keeps pip from giving a verdict
// (no pip, an old one, a timeout, an index down) is one notice, and the static findings stand.

import * as os from 'node:os';
import * as path from 'node:path';
import type { IndexLocation } from '../index/client.js';
import type { ResolveJob } from '../check/resolve-plan.js';
import type { ResolvedSet } from '../check/resolve-verdict.js';
import { isInternalAddress, isLocalName, withoutCredentials } from '../index/url.js';
import { pipEnvironment, pipIsRecentEnough, pipVersion, runPipStep, type PipOptions } from './pip.js';

export interface ResolveRunOptions {
  /** The interpreter whose pip resolves; default `python3`. */
  python?: string;
  /** compat-guard's cache folder: pip's HTTP cache goes in its `pip` folder; null: none. */
  cacheDir: string | null;
  /** Per pip run; default 120 s. */
  timeoutMs?: number;
  env: NodeJS.ProcessEnv;
  /** Repository-given indexes at internal addresses (or file: URLs) may be used. */
  allowInternal: boolean;
}

/** What the report says about the resolver (CONTRACT section 6). */
export interface ResolveSummary {
  pip: string | null;
  sets: number;
  resolved: number;
  failed: number;
  /** Sets pip gave no verdict on. */
  faults: number;
  /** Sets not given to pip, because pip could not be given their indexes (see the notices). */
  skipped: number;
  /** One line each, shown as notices. */
  notices: string[];
}

export async function resolveSets(
  jobs: readonly ResolveJob[],
  options: ResolveRunOptions,
): Promise<{ sets: ResolvedSet[]; summary: ResolveSummary }> {
  const pipOptions: PipOptions = {
    python: options.python ?? 'python3',
    cacheDir: options.cacheDir ? path.join(options.cacheDir, 'pip') : null,
    timeoutMs: options.timeoutMs ?? 120_000,
    env: pipEnvironment(options.env),
  };
  const summary: ResolveSummary = { pip: null, sets: jobs.length, resolved: 0, failed: 0, faults: 0, skipped: 0, notices: [] };
  if (jobs.length === 0) return { sets: [], summary };
  const version = await pipVersion(pipOptions);
  if (!version.ok || !pipIsRecentEnough(version.version)) {
    const why = version.ok
      ? `${pipOptions.python} has pip ${version.version}, and --resolve needs pip 22.2 or later (--dry-run --report)`
      : version.reason;
    summary.notices.push(`pip's resolver did not run: ${why}; the static checks ran as usual`);
    summary.faults = jobs.length;
    return { sets: [], summary };
  }
  summary.pip = version.version;

  const skipped = new Set<string>();
  // Indexes that did not answer pip: a later set that reads the same ones is not run (no network: one failed run, not one per set).
  const unanswered = new Map<string, string>();
  const sets: ResolvedSet[] = [];
  const faults: string[] = [];
  const queue = [...jobs];
  const worker = async (): Promise<void> => {
    for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
      // Resolved against other indexes than the build's, a set's verdict would prove nothing.
      const refused = job.indexes
        .map((index) => ({ index, why: refusal(index, options.allowInternal) }))
        .find((entry) => entry.why !== null);
      const skip =
        job.unprovable ??
        (refused
          ? `the repository's index ${withoutCredentials(refused.index.url)} is ${refused.why} (allow-untrusted lets pip use it)`
          : null);
      if (skip) {
        summary.skipped++;
        skipped.add(skip);
        continue;
      }
      const indexes = job.indexes;
      const set: ResolvedSet = { job, steps: [], pip: version.version };
      const indexKey = indexes.map((index) => `${index.kind} ${index.url}`).join('\n');
      for (const step of job.steps) {
        const known = unanswered.get(indexKey);
        const result = known ? { status: 'fault' as const, reason: known } : await runPipStep(job, step, indexes, pipOptions);
        if (result.status === 'fault' && result.network) unanswered.set(indexKey, result.reason);
        set.steps.push({ step, result });
        // What a later step installs depends on what this one did.
        if (result.status !== 'resolved') break;
      }
      const last = set.steps.at(-1)?.result;
      if (last?.status === 'fault') {
        summary.faults++;
        faults.push(`${job.setId}: ${last.reason}`);
      } else if (last?.status === 'failed') summary.failed++;
      else summary.resolved++;
      sets.push(set);
    }
  };
  // Sets resolved at once: one per core.
  const parallel = Math.max(1, Math.min(os.availableParallelism(), jobs.length));
  await Promise.all(Array.from({ length: parallel }, worker));
  sets.sort((a, b) => jobs.indexOf(a.job) - jobs.indexOf(b.job));

  if (faults.length > 0)
    summary.notices.push(
      `pip's resolver gave no verdict on ${faults.length} of ${jobs.length} install set(s) (${faults.slice(0, 2).join('; ')}); their static findings stand`,
    );
  if (skipped.size > 0)
    summary.notices.push(`pip's resolver skipped ${summary.skipped} install set(s): ${[...skipped].slice(0, 2).join('; ')}`);
  return { sets, summary };
}

/** Why pip must not be sent to an index the repository names; null when it may be. */
function refusal(index: IndexLocation, allowInternal: boolean): string | null {
  if (index.trusted || allowInternal) return null;
  let url: URL;
  try {
    url = new URL(index.url);
  } catch {
    return null; // a local find-links folder: pip reads it as a path
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `a ${url.protocol} URL`;
  if (isLocalName(url.hostname) || isInternalAddress(url.hostname)) return 'an internal address';
  return null;
}
