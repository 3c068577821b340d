// The index checks' shell: asks each install set's indexes about its pins (each project and each
// metadata file once per run, a bounded number at once), then hands the answers to the pure rules.
// An index whose first answer is a failure is not asked again in the run: with no network, a check
// of a thousand pins costs one failed request per index, not a thousand.

import { absenceProven, admittedFiles, exactVersion, metadataFile, type AnsweredPin, type AnsweredSet } from '../check/index-facts.js';
import type { SetPlan } from '../check/index-plan.js';
import { Specifiers } from '../check/versions.js';
import { IndexCache } from './cache.js';
import { IndexClient, type IndexLocation } from './client.js';
import type { HttpClient } from './http.js';
import type { IndexMode } from './options.js';
import type { ProjectAnswer } from './types.js';
import { withoutCredentials } from './url.js';

/** What the report says about the index checks (CONTRACT section 6, plus what the summary shows). */
export interface IndexSummary {
  mode: IndexMode;
  requests: number;
  fromCache: number;
  /** Indexes that gave no answer, without credentials. */
  unreachable: string[];
  /** Pins whose absence or presence could not be verified (an index did not answer, or was not contacted). */
  notVerified: number;
  /** One line each, shown as notices (not findings): the checks skipped, and why. */
  notices: string[];
}

export interface IndexRunOptions {
  mode: IndexMode;
  cacheDir: string | null;
  /** Credentials come from these URLs (the workflow's or command line's) and the environment's. */
  givenUrls: string[];
  env: Record<string, string | undefined>;
  /** Internal addresses may be reached for URLs the repository gives. */
  allowInternal: boolean;
}

export interface IndexRun {
  sets: AnsweredSet[];
  summary: IndexSummary;
}

export async function askIndexes(plans: readonly SetPlan[], options: IndexRunOptions): Promise<IndexRun> {
  const http = options.mode === 'offline' ? null : await httpClient(options);
  const client = new IndexClient(http, new IndexCache(options.cacheDir));
  const asker = new ProjectAsker(client);
  const specifiers = new Specifiers();
  const sets = await Promise.all(
    plans.map(async (plan): Promise<AnsweredSet> => {
      const pins = await Promise.all(
        plan.pins.map(async (pin): Promise<AnsweredPin> => ({
          pin,
          metadata: null,
          projects: await Promise.all(plan.indexes.map((location) => asker.ask(location, pin.key))),
        })),
      );
      const set: AnsweredSet = { plan, pins, specifiers };
      // Requires-Dist is read for exact pins only: a range does not say which release pip takes.
      await Promise.all(
        pins.map(async (answered) => {
          if (exactVersion(set, answered.pin) === null) return;
          const file = metadataFile(admittedFiles(set, answered), plan);
          if (!file) return;
          // The file is fetched as trusted as the index that lists it.
          const listing = plan.indexes.find((_, index) => {
            const answer = answered.projects[index];
            return answer?.status === 'found' && answer.page.files.includes(file);
          });
          answered.metadata = await client.metadata(file, listing?.trusted ?? false);
        }),
      );
      return set;
    }),
  );
  return { sets, summary: summarise(options.mode, sets, client) };
}

/** Asks each index about each project once, and an index that failed its first question no more. */
class ProjectAsker {
  readonly failed = new Map<string, string>();
  private readonly first = new Map<string, Promise<ProjectAnswer>>();

  constructor(private readonly client: IndexClient) {}

  async ask(location: IndexLocation, key: string): Promise<ProjectAnswer> {
    const id = `${location.kind} ${location.url}`;
    let first = this.first.get(id);
    if (!first) {
      first = this.client.project(location, key);
      this.first.set(id, first);
      const answer = await first;
      if (answer.status === 'unreachable') this.failed.set(id, answer.reason);
      return answer;
    }
    await first;
    const failure = this.failed.get(id);
    if (failure !== undefined) return { status: 'unreachable', source: withoutCredentials(location.url), reason: failure };
    return this.client.project(location, key);
  }
}

function summarise(mode: IndexMode, sets: readonly AnsweredSet[], client: IndexClient): IndexSummary {
  const unreachable = new Set<string>();
  const reasons = new Set<string>();
  let asked = 0;
  let answered = 0;
  let notVerified = 0;
  for (const set of sets) {
    for (const pin of set.pins) {
      for (const [index, answer] of pin.projects.entries()) {
        asked++;
        if (answer.status === 'unreachable') {
          unreachable.add(withoutCredentials(set.plan.indexes[index]?.url ?? answer.source));
          reasons.add(answer.reason);
        } else answered++;
      }
      if (!absenceProven(set, pin)) notVerified++;
    }
  }
  const notices: string[] = [];
  const why = [...reasons].slice(0, 2).join('; ');
  if (asked > 0 && answered === 0) {
    notices.push(
      mode === 'offline'
        ? `index checks skipped: --index offline and nothing in the cache (${why})`
        : `index checks skipped: no package index answered (${why}); the static checks ran as usual`,
    );
  } else if (mode === 'online') {
    // Asked for explicitly: each set whose index did not answer says so.
    for (const set of sets) {
      const missed = set.pins.filter((pin) => pin.projects.some((answer) => answer.status === 'unreachable'));
      const reason = missed[0]?.projects.find((answer) => answer.status === 'unreachable');
      if (reason?.status === 'unreachable') notices.push(`${set.plan.id}: ${missed.length} pin(s) not verified: ${reason.reason}`);
    }
  } else if (unreachable.size > 0) {
    notices.push(`${notVerified} pin(s) not verified against the package index: ${why}`);
  }
  const unprovable = new Set(sets.map((set) => set.plan.unprovable).filter((reason): reason is string => reason !== null));
  for (const reason of unprovable) notices.push(`absent packages and versions are not reported where ${reason}`);
  return { mode, ...client.counts, unreachable: [...unreachable], notVerified, notices };
}

/**
 * The HTTP client, loaded only for a run that may ask an index: an offline run reads the cache alone
 * and need not load it (nor node:dns, which it brings).
 */
async function httpClient(options: IndexRunOptions): Promise<HttpClient> {
  const [{ HttpClient }, { gatherCredentials }] = await Promise.all([import('./http.js'), import('./credentials.js')]);
  return new HttpClient({
    // auto gives up sooner: on a runner without network it must not hold the check up.
    timeoutMs: options.mode === 'auto' ? 10_000 : 15_000,
    retries: options.mode === 'auto' ? 1 : 2,
    concurrency: 16,
    maxRetryWaitMs: 20_000,
    credentials: gatherCredentials(options.givenUrls, options.env),
    allowInternal: options.allowInternal,
  });
}
