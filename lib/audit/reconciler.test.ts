/**
 * The reconciler over a real trail (SQLite, and PostgreSQL when configured), with the ARM read,
 * the clock and the pause injected: no timers, no Azure.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { TEST_BACKENDS } from '@/lib/store/test-backends';

import { createAuditReconciler, DEFAULT_RECONCILE_INTERVAL_MS, DEFAULT_RECONCILE_OPTIONS, NOT_FOUND_ERROR, reconcileScheduleFromEnv, settlementOf, UNVERIFIED_ERROR, type ExtensionRead } from './reconciler';
import { createAuditTrail, type AuditTrail } from './trail';
import type { AuditAction, AuditEntry, AuditOutcome } from './types';

const SUB = '6f1c2a4e-8b3d-4c57-9a2e-1d0b5c7e9f31';
const extension = (name: string) => `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/${name}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`;
const OLIVIA = { id: 'oid-olivia.tid', name: 'Olivia Owner' };
const BEARER = { id: 'token:0123456789abcdef', name: 'API caller (opaque token)' };
const NOW = new Date(Date.UTC(2026, 5, 1, 12));
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);
const OPTIONS = { graceMs: 10 * 60_000, maxAgeMs: 24 * 60 * 60_000, maxRows: 3, spacingMs: 250 };

describe('reconcileScheduleFromEnv', () => {
  it.each([
    [{}, DEFAULT_RECONCILE_INTERVAL_MS, DEFAULT_RECONCILE_OPTIONS.graceMs],
    [{ AUDIT_RECONCILE_INTERVAL_MS: '2000', AUDIT_RECONCILE_GRACE_MS: '1500' }, 2000, 1500],
    [{ AUDIT_RECONCILE_INTERVAL_MS: ' ', AUDIT_RECONCILE_GRACE_MS: '0' }, DEFAULT_RECONCILE_INTERVAL_MS, DEFAULT_RECONCILE_OPTIONS.graceMs],
    [{ AUDIT_RECONCILE_INTERVAL_MS: '-5', AUDIT_RECONCILE_GRACE_MS: 'soon' }, DEFAULT_RECONCILE_INTERVAL_MS, DEFAULT_RECONCILE_OPTIONS.graceMs],
  ])('%j: every %i ms, rows older than %i ms', (env, intervalMs, graceMs) => {
    const schedule = reconcileScheduleFromEnv(env);
    expect(schedule).toEqual({ intervalMs, options: { ...DEFAULT_RECONCILE_OPTIONS, graceMs } });
  });
});

describe('settlementOf', () => {
  it.each<[AuditAction, ExtensionRead & { kind: 'state' | 'not-found' }, AuditOutcome | null]>([
    ['create', { kind: 'state', provisioningState: 'Succeeded' }, 'succeeded'],
    ['update', { kind: 'state', provisioningState: 'Failed', error: { code: 'E40002' } }, 'failed'],
    ['create', { kind: 'state', provisioningState: 'Creating' }, null],
    ['create', { kind: 'not-found' }, 'not-found'],
    ['update', { kind: 'not-found' }, 'not-found'],
    ['delete', { kind: 'not-found' }, 'succeeded'],
    ['delete', { kind: 'state', provisioningState: 'Deleting' }, null],
    ['delete', { kind: 'state', provisioningState: 'Succeeded' }, 'failed'],
  ])('%s that reads %j settles as %s', (action, read, outcome) => {
    expect(settlementOf(action, read)?.outcome ?? null).toBe(outcome);
  });
});

for (const backend of TEST_BACKENDS) {
  describe.skipIf(!backend.available)(`reconcileOpenAuditRows on ${backend.name}`, () => {
    let trail: AuditTrail;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      const opened = await backend.open();
      trail = createAuditTrail(opened.db);
      dispose = opened.dispose;
    });
    afterEach(async () => dispose());

    async function open(name: string, at: Date, outcome: 'pending' | 'accepted' = 'pending', actor = OLIVIA, action: AuditAction = 'create') {
      return trail.record({ actor, action, extensionId: extension(name), outcome }, at);
    }

    function reconciler(world: Record<string, ExtensionRead>) {
      const reads: string[] = [];
      const sleeps: number[] = [];
      const pass = createAuditReconciler(
        {
          trail,
          readExtension: async (entry: AuditEntry) => {
            reads.push(entry.extensionId ?? '');
            if (entry.actor.id.startsWith('token:')) return { kind: 'no-credential' };
            const read = world[entry.extensionId ?? ''];
            if (!read) throw new Error('ARM unavailable');
            return read;
          },
          now: () => NOW,
          sleep: async (ms) => void sleeps.push(ms),
        },
        OPTIONS,
      );
      return { pass, reads, sleeps };
    }

    const outcomes = async () => Object.fromEntries((await trail.list()).value.map((e) => [e.extensionId?.split('/')[8], [e.outcome, e.error?.code]]));

    it('settles old open rows to succeeded, failed and not found; leaves young and in-progress ones', async () => {
      await open('aks-crashed', minutesAgo(60)); // kill -9 after the PUT: pending, extension there
      await open('aks-failed', minutesAgo(50), 'accepted');
      await open('aks-vanished', minutesAgo(40), 'accepted');
      await open('aks-young', minutesAgo(2));
      const { pass, reads, sleeps } = reconciler({
        [extension('aks-crashed')]: { kind: 'state', provisioningState: 'Succeeded' },
        [extension('aks-failed')]: { kind: 'state', provisioningState: 'Failed', error: { code: 'E40002', message: 'health check' } },
        [extension('aks-vanished')]: { kind: 'not-found' },
      });
      expect(await pass()).toEqual({ checked: 3, settled: 3 });
      expect(await outcomes()).toEqual({
        'aks-crashed': ['succeeded', undefined],
        'aks-failed': ['failed', 'E40002'],
        'aks-vanished': ['not-found', NOT_FOUND_ERROR.code],
        'aks-young': ['pending', undefined],
      });
      expect(reads).toHaveLength(3);
      expect(sleeps).toEqual([OPTIONS.spacingMs, OPTIONS.spacingMs]);
    });

    it('reads at most maxRows per pass and rotates, so rows nobody can read do not starve the rest', async () => {
      for (let n = 0; n < 3; n += 1) await open(`aks-bearer-${n}`, minutesAgo(100 - n), 'accepted', BEARER);
      await open('aks-later', minutesAgo(30), 'accepted');
      const { pass, reads } = reconciler({ [extension('aks-later')]: { kind: 'state', provisioningState: 'Succeeded' } });
      expect(await pass()).toEqual({ checked: 3, settled: 0 });
      expect(await pass()).toEqual({ checked: 1, settled: 1 });
      expect(reads).toHaveLength(4);
      expect((await outcomes())['aks-later']).toEqual(['succeeded', undefined]);
    });

    it('marks rows nobody could check as unverified after the maximum age, and keeps a failing read open', async () => {
      await open('aks-bearer-old', minutesAgo(25 * 60), 'accepted', BEARER);
      await open('aks-bearer-new', minutesAgo(60), 'accepted', BEARER);
      await open('aks-arm-down', minutesAgo(60));
      const { pass } = reconciler({});
      expect(await pass()).toEqual({ checked: 2, settled: 1 });
      expect(await outcomes()).toEqual({
        'aks-bearer-old': ['unverified', UNVERIFIED_ERROR.code],
        'aks-bearer-new': ['accepted', undefined],
        'aks-arm-down': ['pending', undefined],
      });
    });

    it('never overrides a row settled meanwhile by a status read', async () => {
      const entry = await open('aks-raced', minutesAgo(60), 'accepted');
      await trail.reconcile(extension('aks-raced'), 'Failed', { code: 'E1', message: 'seen by a reader' });
      expect(await trail.settleOpen(entry.id, 'succeeded')).toBe(0);
      expect((await outcomes())['aks-raced']).toEqual(['failed', 'E1']);
    });
  });
}
