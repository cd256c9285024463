/**
 * The trail's filters, its previous settings and its second migration, on each store: SQLite
 * always, PostgreSQL when TEST_DATABASE_URL is set (lib/store/test-backends.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { POSTGRES_SKIP_REASON, TEST_BACKENDS } from '@/lib/store/test-backends';
import type { Database } from '@/lib/store/types';

import { parseAuditFilter, type AuditFilter } from './filter';
import { AUDIT_COMPONENT, AUDIT_MIGRATIONS } from './migrations';
import { createAuditTrail, type AuditTrail } from './trail';
import type { AuditEntry, AuditInput } from './types';

const PROD = '6f1c2a4e-8b3d-4c57-9a2e-1d0b5c7e9f31';
const EDGE = '3a7e5b90-1f2d-4c8e-b6a4-9d0c1e2f3a4b';
const cluster = (sub: string, name: string) => `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/${name}`;
const extension = (sub: string, name: string) => `${cluster(sub, name)}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`;
const ada = { id: 'oid-ada', name: 'Ada Admin' };
const bob = { id: 'oid-bob', name: 'Bob Builder' };

function write(sub: string, name: string, extra: Partial<AuditInput> = {}): AuditInput {
  return { actor: ada, action: 'create', clusterId: cluster(sub, name), extensionId: extension(sub, name), outcome: 'accepted', ...extra };
}

/** 2026-11-{day} at noon UTC, plus `ms` milliseconds. */
const day = (d: number, ms = 0) => new Date(Date.UTC(2026, 10, d, 12, 0, 0, ms));

const names = (entries: AuditEntry[]) => entries.map((entry) => entry.clusterId?.split('/').at(-1) ?? entry.settings?.namespace);

/** A valid filter from query text, as the route reads it. */
function filterOf(query: string): AuditFilter {
  const parsed = parseAuditFilter(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(`bad test filter ${query}: ${parsed.problem.key}`);
  return parsed.filter;
}

for (const backend of TEST_BACKENDS) {
  describe.skipIf(!backend.available)(`audit filters on ${backend.name}`, () => {
    let db: Database;
    let trail: AuditTrail;
    let dispose: () => Promise<void>;

    beforeEach(async () => {
      const opened = await backend.open();
      db = opened.db;
      dispose = opened.dispose;
      trail = createAuditTrail(db);
      await trail.record(write(PROD, 'aks-alpha'), day(1));
      await trail.record(write(PROD, 'aks-beta', { action: 'update', actor: bob, outcome: 'failed', error: { code: 'ExtensionOperationFailed', message: 'Helm: E40002 timed out' } }), day(2));
      await trail.record(write(EDGE, 'AKS-Gamma', { action: 'delete', outcome: 'succeeded' }), day(3));
      await trail.record({ actor: bob, action: 'register-provider', subscriptionId: EDGE, settings: { namespace: 'Microsoft.Relay' }, outcome: 'succeeded' }, day(4));
      await trail.record(write(PROD, 'aks_100%', { outcome: 'refused' }), day(5));
    });
    afterEach(async () => dispose());

    const list = async (query: string, limit?: number) => (await trail.list({ filter: filterOf(query), ...(limit ? { limit } : {}) })).value;

    it('filters by cluster id or name, case-insensitively, and by subscription', async () => {
      expect(names(await list(`cluster=${encodeURIComponent(cluster(PROD, 'AKS-ALPHA'))}`))).toEqual(['aks-alpha']);
      expect(names(await list('cluster=aks-gamma'))).toEqual(['AKS-Gamma']);
      // A name is the id's whole last segment: "alpha" is not aks-alpha, and LIKE's % and _ are literal.
      expect(await list('cluster=alpha')).toEqual([]);
      expect(names(await list(`cluster=${encodeURIComponent('aks_100%')}`))).toEqual(['aks_100%']);
      expect(await list(`cluster=${encodeURIComponent('aks_10%')}`)).toEqual([]);
      expect(names(await list(`subscription=${EDGE.toUpperCase()}`))).toEqual(['Microsoft.Relay', 'AKS-Gamma']);
    });

    it('filters by user, action, outcome and a date range (whole UTC days)', async () => {
      expect(names(await list('user=bob'))).toEqual(['Microsoft.Relay', 'aks-beta']);
      expect(names(await list('user=oid-ada&action=create'))).toEqual(['aks_100%', 'aks-alpha']);
      expect(names(await list('outcome=failed'))).toEqual(['aks-beta']);
      expect(names(await list('from=2026-11-02&to=2026-11-03'))).toEqual(['AKS-Gamma', 'aks-beta']);
      expect(names(await list('to=2026-11-01'))).toEqual(['aks-alpha']);
      expect(names(await list(`from=${encodeURIComponent(day(4).toISOString())}`))).toEqual(['aks_100%', 'Microsoft.Relay']);
      expect(names(await list(`to=${encodeURIComponent(day(4, -1).toISOString())}`))).toEqual(['AKS-Gamma', 'aks-beta', 'aks-alpha']);
    });

    it('searches cluster and extension names, the user and the error text', async () => {
      expect(names(await list('search=E40002'))).toEqual(['aks-beta']);
      expect(names(await list('search=helm: e4'))).toEqual(['aks-beta']);
      expect(names(await list('search=builder'))).toEqual(['Microsoft.Relay', 'aks-beta']);
      expect(names(await list('search=gamma'))).toEqual(['AKS-Gamma']);
      expect((await list('search=azureml')).length).toBe(4);
      expect(await list('search=nothing-like-this')).toEqual([]);
    });

    it('combines filters with the caller subscriptions and keeps cursor paging', async () => {
      for (let n = 0; n < 5; n += 1) await trail.record(write(PROD, 'aks-alpha', { outcome: 'failed' }), day(6, n));
      const filter = filterOf('cluster=aks-alpha&outcome=failed');
      const seen: string[] = [];
      let before: string | undefined;
      do {
        const page = await trail.list({ filter, limit: 2, subscriptionIds: [PROD], ...(before ? { before } : {}) });
        expect(page.value.length).toBeLessThanOrEqual(2);
        seen.push(...page.value.map((entry) => entry.id));
        before = page.nextCursor;
      } while (before);
      expect(seen).toHaveLength(5);
      expect(new Set(seen).size).toBe(5);
      expect(await trail.list({ filter, subscriptionIds: [EDGE] })).toEqual({ value: [] });
    });

    it("keeps an update's previous values of the keys it sent, sanitised like its settings", async () => {
      const entry = await trail.record(
        write(PROD, 'aks-upd', {
          action: 'update',
          settings: { inferenceRouterHA: 'False', relayserver: 'on', sslCname: 'new.contoso.com', storagePassword: 'new-p@ss' },
          previousSettings: { inferenceRouterHA: 'True', sslCname: 'old.contoso.com', storagePassword: 'old-p@ss', untouched: 'x' },
          protectedKeys: ['sslCname'],
        }),
        day(7),
      );
      expect(entry.previousSettings).toEqual({ inferenceRouterHA: 'True' });
      const [stored] = await list('cluster=aks-upd');
      expect(stored).toMatchObject({ settings: { inferenceRouterHA: 'False', relayserver: 'on' }, previousSettings: { inferenceRouterHA: 'True' } });
      expect(JSON.stringify(stored)).not.toMatch(/p@ss|contoso|untouched/);
      const added = await trail.record(write(PROD, 'aks-add', { action: 'update', settings: { a: '1' }, previousSettings: {} }), day(8));
      expect((await list('cluster=aks-add'))[0].previousSettings).toEqual({});
      expect(added.previousSettings).toEqual({});
    });
  });

  describe.skipIf(!backend.available)(`audit migration 2 on ${backend.name}`, () => {
    it('keeps the rows of a version-1 trail and lets them be filtered by cluster', async () => {
      const { db, dispose } = await backend.open();
      try {
        await db.migrate(AUDIT_COMPONENT, AUDIT_MIGRATIONS.filter((migration) => migration.version === 1));
        await db.execute(
          `INSERT INTO audit_entries (id, at, actor_id, actor_name, action, cluster_id, extension_id, extension_key, subscription_id, subscription_key, settings, outcome)
           VALUES ('old-1', $1, 'oid', 'Old Admin', 'create', $2, NULL, NULL, $3, $4, NULL, 'succeeded')`,
          [day(1).toISOString(), cluster(PROD, 'AKS-Old'), PROD, PROD],
        );
        const trail = createAuditTrail(db);
        const [entry] = (await trail.list({ filter: filterOf('cluster=aks-old') })).value;
        expect(entry).toMatchObject({ id: 'old-1', actor: { name: 'Old Admin' }, clusterId: cluster(PROD, 'AKS-Old') });
        expect(entry.previousSettings).toBeUndefined();
      } finally {
        await dispose();
      }
    });
  });
}

describe.skipIf(TEST_BACKENDS.every((backend) => backend.available))('PostgreSQL', () => {
  it.skip(POSTGRES_SKIP_REASON, () => undefined);
});
