import 'server-only';

import { randomUUID } from 'node:crypto';

import type { TokenCredential } from '@azure/core-auth';
import { after } from 'next/server';

import type { FleetHealth } from '@/lib/domain/fleet-query';
import { summarizeHealth, type HealthSummary } from '@/lib/domain/health-summary';
import { claimHealthRefresh, healthSummariesOf, releaseHealthRefresh, rememberHealthSummary, type RememberedHealth } from '@/lib/store/health-summaries';
import type { Database } from '@/lib/store/types';

import { readExtensionStatus } from './status-service';

/**
 * The fleet's Health column: each row's health summary from the store (what the last reader of
 * that extension saw: a status page, or the fleet's own refresh), and a background refresh for
 * rows whose summary is missing, old, or of another provisioning state than the listing shows (an
 * install or update finished since). The ARM budget, whatever the number of viewers and replicas:
 * at most one refresh per cluster and provisioning state per {@link FLEET_HEALTH_MAX_AGE_MS} (so
 * one per cluster per 5 minutes for a settled fleet), claimed in the store so two replicas or two
 * viewers never both read; a refresh is one `readExtensionStatus` (one extension GET, one
 * in-cluster read: a runCommand on AKS, one cluster GET).
 *
 * Trade-off (README "Fleet health"): a summary is shared by every viewer the listing shows that
 * extension to, read with the credential of whoever's listing found it old. Resource Graph already
 * scoped each listing to its caller, and a summary carries states, counts and component names,
 * no settings or messages.
 */

/**
 * A remembered summary younger than this answers the row (when of the provisioning state the
 * listing shows); an older one is refreshed. Also the claim's window: one read per cluster per it.
 */
export const FLEET_HEALTH_MAX_AGE_MS = 5 * 60_000;
/** Clusters refreshed at once per process: 1,000 stale rows do not start 1,000 runCommands together. */
export const FLEET_HEALTH_REFRESHES_AT_ONCE = 4;

/** What a listing tells the refresh about a row. */
export interface FleetHealthRow {
  id: string;
  clusterId: string;
  provisioningState: string;
}

/** One health read: the summary, and when the cluster was read (ISO 8601). */
export type ReadHealth = (credential: TokenCredential, extensionId: string) => Promise<{ summary: HealthSummary; checkedAt: string }>;

/** The status page's read (it remembers the summary itself as well; the newer write wins). */
const readThroughStatus: ReadHealth = async (credential, extensionId) => {
  const status = await readExtensionStatus(credential, extensionId);
  return { summary: summarizeHealth(status), checkedAt: status.observedAt };
};

/**
 * What a failed refresh remembers: unknown as of now, so the row says so (and the claim holds
 * the next try to the next window) instead of "checking" forever. No error text: it may name
 * things the summary must not carry.
 */
export function unknownHealth(provisioningState: string): HealthSummary {
  return { ...summarizeHealth({ provisioningState, components: [], componentsAvailable: false }), level: 'unknown' };
}

/** Runs `task` after the response is sent (Next's `after`); outside a request (tests, scripts), at once in the background. */
export function afterResponse(task: () => Promise<void>): void {
  try {
    after(task);
  } catch {
    void task();
  }
}

interface RefresherOptions {
  read?: ReadHealth;
  limit?: number;
  now?: () => Date;
  db?: Database;
  maxAgeMs?: number;
}

/**
 * The process's refresh queue: one job per cluster queued or running (a second listing that finds
 * the same row old joins the first job), {@link FLEET_HEALTH_REFRESHES_AT_ONCE} running at a time,
 * and each job reads only after winning the cluster's claim in the store.
 */
export class HealthRefresher {
  readonly #read: ReadHealth;
  readonly #limit: number;
  readonly #now: () => Date;
  readonly #db: Database | undefined;
  readonly #maxAgeMs: number;
  readonly #holder = randomUUID();
  readonly #jobs = new Map<string, Promise<void>>();
  readonly #waiting: Array<() => void> = [];
  #running = 0;

  constructor(options: RefresherOptions = {}) {
    this.#read = options.read ?? readThroughStatus;
    this.#limit = options.limit ?? FLEET_HEALTH_REFRESHES_AT_ONCE;
    this.#now = options.now ?? (() => new Date());
    this.#db = options.db;
    this.#maxAgeMs = options.maxAgeMs ?? FLEET_HEALTH_MAX_AGE_MS;
  }

  /** Clusters queued or being read (tests, the bench's wait). */
  get pending(): number {
    return this.#jobs.size;
  }

  /** Refreshes the rows' clusters; resolves when every job it started or joined has ended. Never rejects. */
  refresh(credential: TokenCredential, rows: readonly FleetHealthRow[]): Promise<void> {
    const byCluster = new Map<string, FleetHealthRow[]>();
    for (const row of rows) {
      const key = row.clusterId.toLowerCase();
      byCluster.set(key, [...(byCluster.get(key) ?? []), row]);
    }
    const jobs = [...byCluster].map(([cluster, clusterRows]) => {
      let job = this.#jobs.get(cluster);
      if (!job) {
        job = this.#inTurn(() => this.#refreshCluster(credential, cluster, clusterRows)).finally(() => this.#jobs.delete(cluster));
        this.#jobs.set(cluster, job);
      }
      return job;
    });
    return Promise.all(jobs).then(() => undefined);
  }

  async #inTurn(work: () => Promise<void>): Promise<void> {
    if (this.#running >= this.#limit) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#running += 1;
    try {
      await work();
    } catch {
      // A store that cannot be reached: the rows stay "checking" and the next listing tries again.
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running -= 1;
    }
  }

  async #refreshCluster(credential: TokenCredential, cluster: string, rows: readonly FleetHealthRow[]): Promise<void> {
    // A new provisioning state in the listing (an operation ended) earns one more read in the window.
    const states = [...new Set(rows.map((row) => row.provisioningState.toLowerCase()))].sort().join(',');
    const claim = `${cluster}|${states}`;
    if (!(await claimHealthRefresh(claim, this.#holder, this.#now(), this.#maxAgeMs, this.#db))) return;
    // Usually one row: the azureml namespace holds one Azure ML extension per cluster.
    let answered = true;
    for (const row of rows) {
      const read = await this.#read(credential, row.id).catch(() => ({ summary: unknownHealth(row.provisioningState), checkedAt: this.#now().toISOString() }));
      await rememberHealthSummary(row.id, read.summary, read.checkedAt, this.#db);
      answered &&= read.summary.provisioningState.toLowerCase() === row.provisioningState.toLowerCase();
    }
    // ARM and Resource Graph disagree for a moment after an operation ends (the read saw Creating,
    // the listing Succeeded): the read did not answer the listing's state, so the claim goes back
    // and the next listing reads again, instead of the row saying "checking" for the whole window.
    if (!answered) await releaseHealthRefresh(claim, this.#holder, this.#db);
  }
}

const KEY = Symbol.for('azureml-portal.fleet-health-refresher');
type RefresherGlobal = typeof globalThis & { [KEY]?: HealthRefresher };

/** The process's refresher, on `globalThis`: the fleet page and the API route are separate bundles. */
export function getHealthRefresher(): HealthRefresher {
  const g = globalThis as RefresherGlobal;
  g[KEY] ??= new HealthRefresher();
  return g[KEY];
}

/** Young enough, and read in the state the listing shows (a summary of `Creating` says nothing once Succeeded). */
function isCurrent(known: RememberedHealth<HealthSummary>, row: FleetHealthRow, now: Date): boolean {
  const young = now.getTime() - new Date(known.checkedAt).getTime() < FLEET_HEALTH_MAX_AGE_MS;
  return young && known.summary.provisioningState?.toLowerCase() === row.provisioningState.toLowerCase();
}

export interface FleetHealthOptions {
  now?: () => Date;
  db?: Database;
  refresher?: HealthRefresher;
  /** When the refresh runs: after the response by default ({@link afterResponse}). */
  schedule?: (task: () => Promise<void>) => void;
}

/**
 * Each row's health, by lower-cased extension id, from ONE store read: `known` when the
 * remembered summary is younger than {@link FLEET_HEALTH_MAX_AGE_MS} (or older, of the same
 * provisioning state, marked `refreshing`), else `checking`; the clusters of rows not current are
 * refreshed after the response with `credential`.
 */
export async function fleetHealthOf(credential: TokenCredential, rows: readonly FleetHealthRow[], options: FleetHealthOptions = {}): Promise<Map<string, FleetHealth>> {
  const now = (options.now ?? (() => new Date()))();
  const remembered = await healthSummariesOf<HealthSummary>(
    rows.map((row) => row.id),
    options.db,
  );
  const health = new Map<string, FleetHealth>();
  const stale: FleetHealthRow[] = [];
  for (const row of rows) {
    const key = row.id.toLowerCase();
    const known = remembered.get(key);
    if (known && isCurrent(known, row, now)) {
      health.set(key, { state: 'known', summary: known.summary, checkedAt: known.checkedAt });
      continue;
    }
    // Only old (same provisioning state): still worth showing while it is read again. A summary of
    // another state (read while Creating, now Succeeded) would mislead: the row says checking.
    const sameState = known?.summary.provisioningState?.toLowerCase() === row.provisioningState.toLowerCase();
    health.set(key, known && sameState ? { state: 'known', summary: known.summary, checkedAt: known.checkedAt, refreshing: true } : { state: 'checking' });
    stale.push(row);
  }
  if (stale.length > 0) {
    const refresher = options.refresher ?? getHealthRefresher();
    (options.schedule ?? afterResponse)(() => refresher.refresh(credential, stale));
  }
  return health;
}
