/**
 * The remembered health summaries and refresh claims on each store (SQLite always, PostgreSQL
 * when configured): one row per extension whatever the case of its id, a newer read never
 * replaced by an older one, one query for a listing, and one claim per cluster per window even
 * when two replicas ask at once.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { claimHealthRefresh, healthSummariesOf, HEALTH_SUMMARIES_BATCH, rememberHealthSummary } from './health-summaries';
import { TEST_BACKENDS } from './test-backends';
import type { Database } from './types';

const CLUSTER = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-ml/providers/Microsoft.ContainerService/managedClusters/aks-prod';
const EXTENSION = `${CLUSTER}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`;
const OTHER = EXTENSION.replace('aks-prod', 'aks-other');
const healthy = { level: 'healthy', provisioningState: 'Succeeded', ready: 15, total: 15, componentsAvailable: true, problems: [] };
const degraded = { ...healthy, level: 'degraded', ready: 14, problems: [{ name: 'azureml-fe-v2', state: 'Failed', reasonCode: 'CrashLoopBackOff' }] };
const WINDOW_MS = 5 * 60_000;

for (const backend of TEST_BACKENDS) {
  describe.skipIf(!backend.available)(`health summaries on ${backend.name}`, () => {
    let db: Database;
    let another: () => Database;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      ({ db, another, dispose } = await backend.open());
    });
    afterAll(async () => dispose());

    it('remembers a summary by lower-cased id; a newer read replaces it, an older one does not', async () => {
      await rememberHealthSummary(EXTENSION, healthy, '2026-12-03T12:00:00Z', db);
      await rememberHealthSummary(EXTENSION.toUpperCase(), degraded, '2026-12-03T12:01:00Z', db);
      await rememberHealthSummary(EXTENSION, healthy, '2026-12-03T11:59:00Z', db);
      const found = await healthSummariesOf(['  ' + EXTENSION.toUpperCase()], db);
      expect([...found.values()]).toEqual([{ extensionId: EXTENSION.toLowerCase(), summary: degraded, checkedAt: '2026-12-03T12:01:00.000Z' }]);
      const rows = await db.query<Record<string, unknown>>('SELECT * FROM extension_health');
      expect(rows).toHaveLength(1);
      expect(Object.keys(rows[0]).sort()).toEqual(['checked_at', 'extension_id', 'summary']);
    });

    it('answers a listing in one query per batch, by lower-cased id, absent ones left out', async () => {
      await rememberHealthSummary(OTHER, healthy, new Date(), db);
      const query = vi.spyOn(db, 'query');
      const found = await healthSummariesOf([EXTENSION, OTHER.toUpperCase(), EXTENSION.replace('aks-prod', 'aks-unknown')], db);
      expect([...found.keys()].sort()).toEqual([EXTENSION.toLowerCase(), OTHER.toLowerCase()].sort());
      expect(query).toHaveBeenCalledTimes(1);
      query.mockClear();
      const thousand = Array.from({ length: 1_000 }, (_, i) => `${EXTENSION}-${i}`);
      expect((await healthSummariesOf([...thousand, EXTENSION], db)).size).toBe(1);
      expect(query).toHaveBeenCalledTimes(1);
      query.mockClear();
      const many = Array.from({ length: HEALTH_SUMMARIES_BATCH + 1 }, (_, i) => `${EXTENSION}-${i}`);
      expect((await healthSummariesOf(many, db)).size).toBe(0);
      expect(query).toHaveBeenCalledTimes(2);
      query.mockRestore();
      expect((await healthSummariesOf([], db)).size).toBe(0);
    });

    it('grants one claim per cluster per window, whatever the case of its id, also to two replicas at once', async () => {
      const now = new Date('2026-12-03T12:00:00Z');
      const replica = another();
      const claims = await Promise.all([
        claimHealthRefresh(CLUSTER, 'replica-a', now, WINDOW_MS, db),
        claimHealthRefresh(CLUSTER.toUpperCase(), 'replica-b', now, WINDOW_MS, replica),
        claimHealthRefresh(CLUSTER, 'replica-a2', now, WINDOW_MS, db),
      ]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await claimHealthRefresh(CLUSTER, 'later', new Date(now.getTime() + WINDOW_MS - 1), WINDOW_MS, replica)).toBe(false);
      expect(await claimHealthRefresh(OTHER, 'other cluster', now, WINDOW_MS, db)).toBe(true);
      const after = new Date(now.getTime() + WINDOW_MS);
      expect(await claimHealthRefresh(CLUSTER, 'next window', after, WINDOW_MS, replica)).toBe(true);
      expect(await claimHealthRefresh(CLUSTER, 'same window again', after, WINDOW_MS, db)).toBe(false);
    });
  });
}
