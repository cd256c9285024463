/**
 * The audit trail on each store: the same tests on SQLite and (when configured) PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { createAuditTrail, InvalidAuditCursorError, type AuditTrail } from '@/lib/audit/trail';
import type { AuditInput } from '@/lib/audit/types';

import { POSTGRES_SKIP_REASON, TEST_BACKENDS } from './test-backends';

const PROD = '6f1c2a4e-8b3d-4c57-9a2e-1d0b5c7e9f31';
const EDGE = '3a7e5b90-1f2d-4c8e-b6a4-9d0c1e2f3a4b';
const cluster = (sub: string, name: string) => `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/${name}`;
const extension = (sub: string, name: string) => `${cluster(sub, name)}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`;
const actor = { id: 'oid-1', name: 'Ada Admin' };

function create(sub: string, name: string, extra: Partial<AuditInput> = {}): AuditInput {
  return { actor, action: 'create', clusterId: cluster(sub, name), extensionId: extension(sub, name), outcome: 'accepted', ...extra };
}

/** Entries one millisecond apart, so order is by time, not by insertion. */
const at = (n: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, 0, n));

for (const backend of TEST_BACKENDS) {
  describe.skipIf(!backend.available)(`audit trail on ${backend.name}`, () => {
    let trail: AuditTrail;
    let dispose: () => Promise<void>;

    let db: Awaited<ReturnType<typeof backend.open>>['db'];

    beforeEach(async () => {
      const opened = await backend.open();
      db = opened.db;
      trail = createAuditTrail(opened.db);
      dispose = opened.dispose;
    });
    afterEach(async () => dispose());

    it('lists newest first and pages with a cursor, without gaps or repeats', async () => {
      for (let n = 0; n < 7; n += 1) await trail.record(create(PROD, `aks-${n}`), at(n));
      const first = await trail.list({ limit: 3 });
      const second = await trail.list({ limit: 3, before: first.nextCursor });
      const third = await trail.list({ limit: 3, before: second.nextCursor });
      const names = [first, second, third].flatMap((page) => page.value.map((entry) => entry.clusterId?.split('/').at(-1)));
      expect(names).toEqual(['aks-6', 'aks-5', 'aks-4', 'aks-3', 'aks-2', 'aks-1', 'aks-0']);
      expect(third.nextCursor).toBeUndefined();
      expect(first.value[0]).toEqual({
        id: expect.any(String),
        at: at(6).toISOString(),
        actor,
        action: 'create',
        clusterId: cluster(PROD, 'aks-6'),
        extensionId: extension(PROD, 'aks-6'),
        subscriptionId: PROD,
        outcome: 'accepted',
      });
    });

    it('keeps entries of the same millisecond apart by id', async () => {
      for (let n = 0; n < 4; n += 1) await trail.record(create(PROD, `same-${n}`), at(0));
      const first = await trail.list({ limit: 2 });
      const second = await trail.list({ limit: 2, before: first.nextCursor });
      const ids = [...first.value, ...second.value].map((entry) => entry.id);
      expect(new Set(ids).size).toBe(4);
      expect(ids).toEqual([...ids].sort().reverse());
    });

    it('never stores protected settings or secret-looking keys', async () => {
      await trail.record(
        create(PROD, 'aks-secret', {
          settings: { enableTraining: 'True', sslCname: 'ml.contoso.com', sslCertPemFile: '-----BEGIN CERTIFICATE-----', storagePassword: 'p@ss', relayConnectionString: 'Endpoint=sb://x' },
          protectedKeys: ['sslCertPemFile', 'sslCname'],
        }),
      );
      const [entry] = (await trail.list()).value;
      expect(entry.settings).toEqual({ enableTraining: 'True' });
      expect(JSON.stringify(entry)).not.toMatch(/BEGIN CERTIFICATE|p@ss|sb:\/\//);
    });

    it('shows only the subscriptions asked for', async () => {
      await trail.record(create(PROD, 'aks-prod'), at(1));
      await trail.record(create(EDGE, 'aks-edge'), at(2));
      await trail.record({ actor, action: 'register-provider', subscriptionId: EDGE.toUpperCase(), outcome: 'succeeded' }, at(3));
      const edge = await trail.list({ subscriptionIds: [EDGE] });
      expect(edge.value.map((entry) => entry.action)).toEqual(['register-provider', 'create']);
      expect((await trail.list({ subscriptionIds: [] })).value).toEqual([]);
      expect((await trail.list()).value).toHaveLength(3);
    });

    it('settles an accepted create once, when a read sees it Failed', async () => {
      const id = extension(PROD, 'aks-fails-ha');
      await trail.record(create(PROD, 'aks-fails-ha'), at(1));
      expect(await trail.reconcile(id, 'Creating')).toBe(0);
      const error = { code: 'ExtensionOperationFailed', message: 'health check E40002' };
      expect(await trail.reconcile(id.toUpperCase(), 'Failed', error)).toBe(1);
      expect(await trail.reconcile(id, 'Failed', error)).toBe(0);
      expect(await trail.reconcile(id, 'Succeeded')).toBe(0);
      const [entry] = (await trail.list()).value;
      expect(entry).toMatchObject({ outcome: 'failed', error });
    });

    it('settles by the status vocabulary: Canceled ends a write as failed, a state nobody knows settles nothing', async () => {
      const id = extension(PROD, 'aks-canceled');
      await trail.record(create(PROD, 'aks-canceled'), at(1));
      expect(await trail.reconcile(id, 'Reticulating')).toBe(0);
      expect(await trail.reconcile(id, 'Accepted')).toBe(0);
      expect(await trail.reconcile(id, 'Canceled')).toBe(1);
      const entry = (await trail.list()).value.find((e) => e.extensionId === id);
      expect(entry).toMatchObject({ outcome: 'failed', error: { code: 'Canceled' } });
    });

    it('lets repeated polls of a settled extension skip the database until the next write', async () => {
      const id = extension(PROD, 'aks-polled');
      await trail.record(create(PROD, 'aks-polled'), at(1));
      expect(await trail.reconcile(id, 'Succeeded')).toBe(1);
      const execute = vi.spyOn(db, 'execute');
      for (let poll = 0; poll < 5; poll += 1) expect(await trail.reconcile(id, 'Succeeded')).toBe(0);
      expect(execute).not.toHaveBeenCalled();

      await trail.record({ ...create(PROD, 'aks-polled'), action: 'update' }, new Date());
      execute.mockClear();
      expect(await trail.reconcile(id, 'Succeeded')).toBe(1);
      expect(execute).toHaveBeenCalledTimes(1);
      execute.mockRestore();
    });

    it('settles only the newest accepted write, and not one recorded after the read began', async () => {
      const id = extension(PROD, 'aks-two');
      await trail.record(create(PROD, 'aks-two'), at(1));
      await trail.record({ ...create(PROD, 'aks-two'), action: 'update' }, at(5));
      expect(await trail.reconcile(id, 'Succeeded', undefined, at(3))).toBe(1);
      expect(await trail.reconcile(id, 'Deleted')).toBe(0);
      const [update, created] = (await trail.list()).value;
      expect([update.outcome, created.outcome]).toEqual(['accepted', 'succeeded']);
      expect(created.error).toBeUndefined();
    });

    it('refuses a cursor it did not make', async () => {
      await expect(trail.list({ before: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidAuditCursorError);
    });
  });
}

describe.skipIf(TEST_BACKENDS.every((backend) => backend.available))('audit trail on postgres (not configured)', () => {
  it.skip(POSTGRES_SKIP_REASON, () => undefined);
});
