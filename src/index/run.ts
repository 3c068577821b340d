// The index checks' shell: asks each install set's indexes about its pins (each project and each
// metadata file once per run, a bounded number at once), then hands the answers to the pure rules.
// An index whose first answer is a failure is not asked again in the run: with no network, a check
// of a thousand pins costs one failed request per index, not a thousand.

import { admittedFiles, answerSet, exactVersion, metadataFile, type IndexAnswers } from '../check/index-facts.js';
import type { PlannedPin, SetPlan } from '../check/index-plan.js';
import { Specifiers } from '../check/versions.js';
import { IndexCache } from './cache.js';
import { IndexClient, type IndexLocation } from './client.js';
import type { HttpClient } from './http.js';
import type { IndexMode } from './options.js';
import type { MetadataAnswer, ProjectAnswer } from './types.js';
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
  answers: IndexAnswers;
  summary: IndexSummary;
}

export async function askIndexes(plans: readonly SetPlan[], options: IndexRunOptions): Promise<IndexRun> {
  const http = options.mode === 'offline' ? null : await httpClient(options);
  const client = new IndexClient(http, new IndexCache(options.cacheDir));
  const answers = new AnswersOfRun();
  await answers.askProjects(client, plans);
  await answers.askMetadata(client, plans);
  return { answers, summary: summarise(options.mode, plans, answers, client) };
}

/** What one index answered: the failure of its first question, standing for every project, or each project's answer. */
interface IndexAnswered {
  failure: ProjectAnswer | null;
  projects: Map<string, ProjectAnswer>;
}

/**
 * Each index's answer about each project, asked once per run however many pins name it; an index
 * that failed its first question is asked no more.
 */
class AnswersOfRun implements IndexAnswers {
  /** Each plan's locations lead to their index's answers (one per `kind url`), so that a lookup builds no key. */
  private readonly ofLocation = new Map<IndexLocation, IndexAnswered>();
  private readonly metadataOf = new Map<PlannedPin, MetadataAnswer>();

  project(location: IndexLocation, key: string): ProjectAnswer {
    const index = this.ofLocation.get(location);
    const answer = index?.failure ?? index?.projects.get(key);
    if (!answer) throw new Error(`${location.url} was not asked about ${key}`);
    return answer;
  }

  metadata(pin: PlannedPin): MetadataAnswer | null {
    return this.metadataOf.get(pin) ?? null;
  }

  async askProjects(client: IndexClient, plans: readonly SetPlan[]): Promise<void> {
    const byId = new Map<string, IndexAnswered>();
    for (const plan of plans) {
      for (const location of plan.indexes) {
        const id = `${location.kind} ${location.url}`;
        let index = byId.get(id);
        if (!index) byId.set(id, (index = { failure: null, projects: new Map() }));
        this.ofLocation.set(location, index);
      }
    }
    // The first question to each index, alone: one that fails it is asked nothing more.
    const firsts = new Map<IndexAnswered, { location: IndexLocation; key: string }>();
    for (const plan of plans)
      for (const pin of plan.pins)
        for (const location of plan.indexes) {
          const index = this.ofLocation.get(location) as IndexAnswered;
          if (!firsts.has(index)) firsts.set(index, { location, key: pin.key });
        }
    await Promise.all(
      [...firsts].map(async ([index, { location, key }]) => {
        const answer = await client.project(location, key);
        if (answer.status === 'unreachable') {
          index.failure = answer;
          return;
        }
        index.projects.set(key, answer);
        // Not waiting for the other indexes' first answers: one that is slow to fail holds up only itself.
        await this.askTheRest(client, plans, index);
      }),
    );
  }

  /** Every other project the plans pin, of an index that answered its first question. */
  private async askTheRest(client: IndexClient, plans: readonly SetPlan[], index: IndexAnswered): Promise<void> {
    const asked = new Set<string>();
    const answered: Array<Promise<void>> = [];
    for (const plan of plans) {
      for (const pin of plan.pins) {
        for (const location of plan.indexes) {
          if (this.ofLocation.get(location) !== index || index.projects.has(pin.key) || asked.has(pin.key)) continue;
          asked.add(pin.key);
          answered.push(client.project(location, pin.key).then((answer) => void index.projects.set(pin.key, answer)));
        }
      }
    }
    await Promise.all(answered);
  }

  /** Requires-Dist is read for exact pins only: a range does not say which release pip takes. */
  async askMetadata(client: IndexClient, plans: readonly SetPlan[]): Promise<void> {
    const specifiers = new Specifiers();
    const asked: Array<Promise<void>> = [];
    for (const plan of plans) {
      const set = answerSet(plan, this, specifiers);
      for (const answered of set.pins) {
        if (exactVersion(set, answered.pin) === null) continue;
        const file = metadataFile(admittedFiles(set, answered), plan);
        if (!file) continue;
        // The file is fetched as trusted as the index that lists it.
        const listing = plan.indexes.find((_, index) => {
          const answer = answered.projects[index];
          return answer?.status === 'found' && answer.page.files.includes(file);
        });
        asked.push(client.metadata(file, listing?.trusted ?? false).then((answer) => void this.metadataOf.set(answered.pin, answer)));
      }
    }
    await Promise.all(asked);
  }
}

function summarise(mode: IndexMode, plans: readonly SetPlan[], answers: IndexAnswers, client: IndexClient): IndexSummary {
  const unreachable = new Set<string>();
  const reasons = new Set<string>();
  let asked = 0;
  let answered = 0;
  let notVerified = 0;
  // Online, each set whose index did not answer says so: how many of its pins, and the first pin's reason.
  const missedBySet: string[] = [];
  for (const plan of plans) {
    let missed = 0;
    let firstReason: string | null = null;
    for (const pin of plan.pins) {
      let pinMissed = false;
      for (const location of plan.indexes) {
        const answer = answers.project(location, pin.key);
        asked++;
        if (answer.status === 'unreachable') {
          unreachable.add(withoutCredentials(location.url));
          reasons.add(answer.reason);
          if (!pinMissed) firstReason ??= answer.reason;
          pinMissed = true;
        } else answered++;
      }
      if (pinMissed) missed++;
      // absenceProven: every index answered, and an absence on them proves something.
      if (plan.unprovable !== null || plan.indexes.length === 0 || pinMissed) notVerified++;
    }
    if (firstReason !== null) missedBySet.push(`${plan.id}: ${missed} pin(s) not verified: ${firstReason}`);
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
    notices.push(...missedBySet);
  } else if (unreachable.size > 0) {
    notices.push(`${notVerified} pin(s) not verified against the package index: ${why}`);
  }
  const unprovable = new Set(plans.map((plan) => plan.unprovable).filter((reason): reason is string => reason !== null));
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
