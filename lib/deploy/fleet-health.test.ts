/**
 * The fleet's Health column on a real store (a temp SQLite file; two connections stand for two
 * replicas), with the in-cluster read replaced by a counter: fresh summaries answer, stale ones
 * say `checking` and are refreshed after the response, one read per cluster per window whatever
 * the number of concurrent listings and replicas, a few at a time, and a failed read is `unknown`.
 */
import type { TokenCredential } from '@azure/core-auth';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { AccessTokenCredential } from '@/lib/auth/token-credential';
import type { HealthSummary } from '@/lib/domain/health-summary';
import { healthSummariesOf, rememberHealthSummary } from '@/lib/store/health-summaries';
import { TEST_BACKENDS } from '@/lib/store/test-backends';
import type { Database } from '@/lib/store/types';

import { FLEET_HEALTH_MAX_AGE_MS, FLEET_HEALTH_REFRESHES_AT_ONCE, fleetHealthOf, HealthRefresher, type ReadHealth } from './fleet-health';

const credential: TokenCredential = new AccessTokenCredential('fleet-health-test');
const sqlite = TEST_BACKENDS.find((backend) => backend.name === 'sqlite')!;
const NOW = new Date('2026-12-03T12:00:00.000Z');

let clusterSerial = 0;
/** A row on a cluster no other test used (claims last a window). */
function freshRow(state = 'Succeeded') {
  clusterSerial += 1;
  const clusterId = `/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-${clusterSerial}`;
  return { id: `${clusterId}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`, clusterId, provisioningState: state };
}

const healthy: HealthSummary = { level: 'healthy', provisioningState: 'Succeeded', ready: 15, total: 15, componentsAvailable: true, problems: [] };
const degraded: HealthSummary = { ...healthy, level: 'degraded', ready: 14, problems: [{ name: 'azureml-fe-v2', state: 'Failed', reasonCode: 'CrashLoopBackOff' }] };

/** A read that counts per extension, answers `summary`, and waits for `gate` when given one. */
function countingRead(summary: HealthSummary, gate?: Promise<void>) {
  const reads: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const read: ReadHealth = async (_credential, extensionId) => {
    reads.push(extensionId);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await (gate ?? Promise.resolve());
    await new Promise((resolve) => setTimeout(resolve, 5));
    inFlight -= 1;
    return { summary, checkedAt: NOW.toISOString() };
  };
  return { read, reads, maxInFlight: () => maxInFlight };
}

/** Collects the scheduled refreshes so a test runs them "after the response", and can await them. */
function collector() {
  const tasks: Array<Promise<void>> = [];
  return { schedule: (task: () => Promise<void>) => void tasks.push(task()), done: () => Promise.all(tasks), count: () => tasks.length };
}

describe('fleetHealthOf', () => {
  let db: Database;
  let another: () => Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, another, dispose } = await sqlite.open());
  });
  afterAll(async () => dispose());
  let now: Date;
  beforeEach(() => {
    now = NOW;
  });
  const clock = () => now;

  it('answers a summary younger than five minutes, an old one as refreshing, and checking for a missing one; old and missing refreshed after the response', async () => {
    const [fresh, old, missing] = [freshRow(), freshRow(), freshRow()];
    await rememberHealthSummary(fresh.id, healthy, new Date(NOW.getTime() - FLEET_HEALTH_MAX_AGE_MS + 1_000), db);
    await rememberHealthSummary(old.id, healthy, new Date(NOW.getTime() - FLEET_HEALTH_MAX_AGE_MS), db);
    const { read, reads } = countingRead(degraded);
    const refresher = new HealthRefresher({ read, db, now: clock });
    const after = collector();

    const health = await fleetHealthOf(credential, [fresh, old, missing], { db, now: clock, refresher, schedule: after.schedule });
    expect(health.get(fresh.id.toLowerCase())).toEqual({ state: 'known', summary: healthy, checkedAt: new Date(NOW.getTime() - FLEET_HEALTH_MAX_AGE_MS + 1_000).toISOString() });
    // The old summary stays on screen while it is read again (the row does not flip to "checking").
    expect(health.get(old.id.toLowerCase())).toEqual({ state: 'known', summary: healthy, checkedAt: new Date(NOW.getTime() - FLEET_HEALTH_MAX_AGE_MS).toISOString(), refreshing: true });
    expect(health.get(missing.id.toLowerCase())).toEqual({ state: 'checking' });
    // Nothing read before the response: the refresh is only scheduled.
    expect(reads).toEqual([]);
    expect(after.count()).toBe(1);

    await after.done();
    expect(reads.sort()).toEqual([old.id, missing.id].sort());
    const again = await fleetHealthOf(credential, [fresh, old, missing], { db, now: clock, refresher, schedule: after.schedule });
    expect([...again.values()].map((h) => h.state)).toEqual(['known', 'known', 'known']);
    expect([...again.values()].some((h) => h.state === 'known' && h.refreshing)).toBe(false);
    expect(again.get(missing.id.toLowerCase())).toMatchObject({ summary: degraded, checkedAt: NOW.toISOString() });
    expect(after.count()).toBe(1);
  });

  it('reads each cluster once for concurrent listings on two replicas, and again only in the next window', async () => {
    const rows = [freshRow(), freshRow(), freshRow()];
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const { read, reads } = countingRead(healthy, gate);
    const replicaDb = another();
    const replicas = [new HealthRefresher({ read, db, now: clock }), new HealthRefresher({ read, db: replicaDb, now: clock })];
    const after = collector();
    // Ten viewers at once, half on each replica, all finding every row unread.
    const listings = await Promise.all(
      Array.from({ length: 10 }, (_, i) => fleetHealthOf(credential, rows, { db: i % 2 ? replicaDb : db, now: clock, refresher: replicas[i % 2], schedule: after.schedule })),
    );
    expect(listings.every((health) => [...health.values()].every((h) => h.state === 'checking'))).toBe(true);
    open();
    await after.done();
    expect(reads.sort()).toEqual(rows.map((row) => row.id).sort());

    // Past the window, the summaries are old again and one read per cluster happens again.
    now = new Date(NOW.getTime() + FLEET_HEALTH_MAX_AGE_MS + 1);
    await Promise.all(replicas.map((refresher, i) => fleetHealthOf(credential, rows, { db: i ? replicaDb : db, now: clock, refresher, schedule: after.schedule })));
    await after.done();
    expect(reads).toHaveLength(2 * rows.length);
  });

  /**
   * The "state moved" tests' start: a row listed as `listedState` whose first read answered
   * Creating, read once. `answer` is what each read answers (assign to it to move ARM on); `list`
   * lists one row (the same cluster, in the state given) and answers its health.
   */
  async function readOnceAsCreating(listedState: string) {
    const row = freshRow(listedState);
    const answer: HealthSummary = { ...healthy, level: 'progressing', provisioningState: 'Creating' };
    const { read, reads } = countingRead(answer);
    const refresher = new HealthRefresher({ read, db, now: clock });
    const after = collector();
    const list = async (listed = row) => (await fleetHealthOf(credential, [listed], { db, now: clock, refresher, schedule: after.schedule })).get(row.id.toLowerCase());
    await list();
    await after.done();
    return { row, answer, reads, after, list };
  }

  it('reads again within the window when the listing shows another provisioning state (an install finished), once', async () => {
    const { row, answer, reads, after, list } = await readOnceAsCreating('Creating');
    expect(await list()).toMatchObject({ state: 'known' });

    Object.assign(answer, healthy);
    const succeeded = { ...row, provisioningState: 'Succeeded' };
    expect(await list(succeeded)).toEqual({ state: 'checking' });
    await after.done();
    await list(succeeded);
    await after.done();
    expect(reads).toHaveLength(2);
  });

  it('gives the claim back when the read saw another state than the listing (ARM and Resource Graph a moment apart), so the next listing reads again', async () => {
    const { answer, reads, after, list } = await readOnceAsCreating('Succeeded');
    Object.assign(answer, healthy);
    expect(await list()).toEqual({ state: 'checking' });
    await after.done();
    expect(reads).toHaveLength(2);
    expect(await list()).toMatchObject({ state: 'known', summary: healthy });
    await after.done();
    expect(reads).toHaveLength(2);
  });

  it(`reads ${FLEET_HEALTH_REFRESHES_AT_ONCE} clusters at a time, and the extensions of one cluster in one claim`, async () => {
    const rows = Array.from({ length: 10 }, () => freshRow());
    const second = { ...rows[0], id: rows[0].id.replace(/azureml$/, 'azureml-second') };
    const { read, reads, maxInFlight } = countingRead(healthy);
    const refresher = new HealthRefresher({ read, db, now: clock });
    const pending = refresher.refresh(credential, [...rows, second]);
    expect(refresher.pending).toBe(rows.length);
    await pending;
    expect(refresher.pending).toBe(0);
    expect(maxInFlight()).toBe(FLEET_HEALTH_REFRESHES_AT_ONCE);
    expect(reads).toHaveLength(rows.length + 1);
  });

  it('remembers a failed read as unknown as of now, so the row is known (not checking) until the next window', async () => {
    const row = freshRow('Succeeded');
    const refresher = new HealthRefresher({ read: () => Promise.reject(new Error('token expired: secret-ish detail')), db, now: clock });
    const after = collector();
    await fleetHealthOf(credential, [row], { db, now: clock, refresher, schedule: after.schedule });
    await expect(after.done()).resolves.toBeDefined();
    const health = await fleetHealthOf(credential, [row], { db, now: clock, refresher, schedule: after.schedule });
    expect(health.get(row.id.toLowerCase())).toEqual({
      state: 'known',
      checkedAt: NOW.toISOString(),
      summary: { level: 'unknown', provisioningState: 'Succeeded', ready: 0, total: 0, componentsAvailable: false, problems: [] },
    });
    const stored = await healthSummariesOf([row.id], db);
    expect(JSON.stringify([...stored.values()])).not.toContain('secret');
  });

  it('schedules no refresh when the store cannot be read (listFleet then answers every row checking)', async () => {
    const { read, reads } = countingRead(healthy);
    const broken: Database = { ...db, dialect: 'sqlite', query: () => Promise.reject(new Error('store down')), execute: db.execute.bind(db), migrate: db.migrate.bind(db), close: db.close.bind(db) };
    const after = collector();
    await expect(fleetHealthOf(credential, [freshRow()], { db: broken, now: clock, refresher: new HealthRefresher({ read, db: broken, now: clock }), schedule: after.schedule })).rejects.toThrow('store down');
    expect(after.count()).toBe(0);
    expect(reads).toEqual([]);
  });
});
