/**
 * Rows of writes that are not extension writes (an attach, a detach, an instance-type write): they
 * carry `resourceId` (migration v3), a compute's status read settles an accepted attach or detach
 * by the compute id, nothing that settles extension rows touches them, and the reconciler reads
 * their compute (never an extension). SQLite, and PostgreSQL when TEST_DATABASE_URL is set.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { TEST_BACKENDS } from '@/lib/store/test-backends';

import { createAuditReconciler, readerOf, settlementOf, type ExtensionRead } from './reconciler';
import { createAuditTrail, type AuditTrail } from './trail';
import type { AuditAction, AuditEntry } from './types';

const SUB = '6f1c2a4e-8b3d-4c57-9a2e-1d0b5c7e9f31';
const CLUSTER = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-a`;
const EXTENSION = `${CLUSTER}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`;
const compute = (name: string) => `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw/computes/${name}`;
const OLIVIA = { id: 'oid-olivia.tid', name: 'Olivia Owner' };
const NOW = new Date(Date.UTC(2026, 5, 1, 12));
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

describe('readerOf and settlementOf for resource writes', () => {
  const entry = (action: AuditAction, ids: Partial<AuditEntry>): AuditEntry => ({ id: 'x', at: NOW.toISOString(), actor: OLIVIA, action, outcome: 'accepted', ...ids });
  it('reads a compute for an attach or detach, an extension for an extension write, nothing for the rest', () => {
    expect(readerOf(entry('attach', { clusterId: CLUSTER, resourceId: compute('c1') }))).toBe('resource');
    expect(readerOf(entry('detach', { resourceId: compute('c1') }))).toBe('resource');
    expect(readerOf(entry('attach', { clusterId: CLUSTER }))).toBe('none');
    expect(readerOf(entry('create', { clusterId: CLUSTER, extensionId: EXTENSION }))).toBe('extension');
    expect(readerOf(entry('register-provider', { subscriptionId: SUB }))).toBe('none');
  });
  it.each<[AuditAction, ExtensionRead & { kind: 'state' | 'not-found' }, string | null]>([
    ['attach', { kind: 'state', provisioningState: 'Succeeded' }, 'succeeded'],
    ['attach', { kind: 'state', provisioningState: 'Failed' }, 'failed'],
    ['attach', { kind: 'state', provisioningState: 'Creating' }, null],
    ['attach', { kind: 'not-found' }, 'not-found'],
    ['detach', { kind: 'not-found' }, 'succeeded'],
    ['detach', { kind: 'state', provisioningState: 'Deleting' }, null],
    ['detach', { kind: 'state', provisioningState: 'Succeeded' }, 'failed'],
  ])('%s that reads %j settles as %s', (action, read, outcome) => {
    expect(settlementOf(action, read)?.outcome ?? null).toBe(outcome);
  });
});

for (const backend of TEST_BACKENDS) {
  describe.skipIf(!backend.available)(`resource rows on ${backend.name}`, () => {
    let trail: AuditTrail;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      const opened = await backend.open();
      trail = createAuditTrail(opened.db);
      dispose = opened.dispose;
    });
    afterEach(async () => dispose());

    const attach = (name: string, at: Date, action: AuditAction = 'attach', outcome: 'pending' | 'accepted' = 'accepted') =>
      trail.record({ actor: OLIVIA, action, clusterId: CLUSTER, resourceId: compute(name), settings: { namespace: 'default' }, outcome }, at);

    it('keeps the resource id, the subscription and the cluster; searching finds the compute by name', async () => {
      const recorded = await attach('c1', minutesAgo(1));
      const [listed] = (await trail.list()).value;
      expect(listed).toEqual(recorded);
      expect(listed).toMatchObject({ resourceId: compute('c1'), clusterId: CLUSTER, subscriptionId: SUB, settings: { namespace: 'default' } });
      expect(listed.extensionId).toBeUndefined();
      expect((await trail.list({ filter: { search: 'C1' } })).value).toHaveLength(1);
      expect((await trail.list({ filter: { action: 'attach' } })).value).toHaveLength(1);
      expect((await trail.list({ filter: { action: 'create' } })).value).toHaveLength(0);
    });

    it('derives the subscription from the resource id when there is no cluster (a detach read from its compute)', async () => {
      await trail.record({ actor: OLIVIA, action: 'detach', resourceId: compute('c9'), outcome: 'accepted' }, minutesAgo(1));
      expect((await trail.list()).value[0].subscriptionId).toBe(SUB);
    });

    it("a compute's status read settles its attach (case-insensitively) and a 404 its detach; extension reads never do", async () => {
      await attach('c1', minutesAgo(3));
      await attach('c2', minutesAgo(2), 'detach');
      await trail.record({ actor: OLIVIA, action: 'create', clusterId: CLUSTER, extensionId: EXTENSION, outcome: 'accepted' }, minutesAgo(2));
      // An extension read of the same cluster's extension leaves the compute rows alone, and the other way round.
      expect(await trail.reconcile(compute('c1'), 'Succeeded')).toBe(0);
      expect(await trail.reconcileResource(EXTENSION, 'Succeeded')).toBe(0);
      expect(await trail.reconcileResource(compute('c1').toUpperCase(), 'Creating')).toBe(0);
      expect(await trail.reconcileResource(compute('c1').toUpperCase(), 'Succeeded')).toBe(1);
      expect(await trail.reconcileResource(compute('c2'), 'Succeeded')).toBe(0); // a detach is not ended by Succeeded
      expect(await trail.reconcileResource(compute('c2'), 'Deleted')).toBe(1);
      const byTarget = Object.fromEntries((await trail.list()).value.map((e) => [(e.resourceId ?? e.extensionId ?? '').split('/').at(-1), e.outcome]));
      expect(byTarget).toEqual({ c1: 'succeeded', c2: 'succeeded', azureml: 'accepted' });
    });

    it('a failed attach keeps the compute error', async () => {
      await attach('c3', minutesAgo(1));
      expect(await trail.reconcileResource(compute('c3'), 'Failed', { code: 'ExtensionNotReady', message: 'No Azure ML extension.' })).toBe(1);
      expect((await trail.list()).value[0]).toMatchObject({ outcome: 'failed', error: { code: 'ExtensionNotReady', message: 'No Azure ML extension.' } });
    });

    it('the reconciler reads the compute of an open attach, never as an extension, and leaves instance types to their writer', async () => {
      await attach('c1', minutesAgo(30));
      await attach('c2', minutesAgo(30), 'detach', 'pending');
      await trail.record({ actor: OLIVIA, action: 'apply-instance-type', clusterId: CLUSTER, resourceId: `${CLUSTER}/instanceTypes/gpu`, outcome: 'pending' }, minutesAgo(30));
      const extensionReads: string[] = [];
      const resourceReads: string[] = [];
      const world: Record<string, ExtensionRead> = { [compute('c1')]: { kind: 'state', provisioningState: 'Succeeded' }, [compute('c2')]: { kind: 'not-found' } };
      const pass = createAuditReconciler(
        {
          trail,
          readExtension: async (entry) => {
            extensionReads.push(entry.extensionId ?? '(none)');
            return { kind: 'no-credential' };
          },
          readResource: async (entry) => {
            resourceReads.push(entry.resourceId ?? '');
            return world[entry.resourceId ?? ''] ?? { kind: 'no-credential' };
          },
          now: () => NOW,
          sleep: async () => {},
        },
        { graceMs: 10 * 60_000, maxAgeMs: 24 * 60 * 60_000, maxRows: 10, spacingMs: 0 },
      );
      expect(await pass()).toEqual({ checked: 3, settled: 2 });
      expect(extensionReads).toEqual([]);
      expect(resourceReads).toHaveLength(3);
      const outcomes = Object.fromEntries((await trail.list()).value.map((e) => [e.resourceId?.split('/').at(-1), e.outcome]));
      expect(outcomes).toEqual({ c1: 'succeeded', c2: 'succeeded', gpu: 'pending' });
    });
  });
}
