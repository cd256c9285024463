/**
 * Named locks on each store (SQLite always, PostgreSQL when configured), each test with two
 * connections to one store: two portal replicas.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LockStore, LockTimeoutError } from './locks';
import { TEST_BACKENDS } from './test-backends';

for (const backend of TEST_BACKENDS) {
  describe.skipIf(!backend.available)(`locks on ${backend.name}`, () => {
    let replicas: [LockStore, LockStore];
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      const opened = await backend.open();
      dispose = opened.dispose;
      replicas = [new LockStore(opened.db), new LockStore(opened.another())];
    });
    afterAll(async () => dispose());

    it('lets one holder at a time in, across two replicas, and every waiter in the end', async () => {
      let inside = 0;
      let most = 0;
      const entered: number[] = [];
      const work = (i: number) => async () => {
        most = Math.max(most, ++inside);
        entered.push(i);
        await sleep(15);
        inside--;
        return i;
      };
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => replicas[i % 2].withLock('create:cluster-a', work(i))));
      expect(results).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(most).toBe(1);
      expect(entered).toHaveLength(10);
    });

    it('does not serialise different names', async () => {
      let inside = 0;
      let most = 0;
      const work = async () => {
        most = Math.max(most, ++inside);
        await sleep(50);
        inside--;
      };
      await Promise.all([replicas[0].withLock('create:cluster-b', work), replicas[1].withLock('create:cluster-c', work)]);
      expect(most).toBe(2);
    });

    it('gives up after the wait without running the work', async () => {
      let ran = false;
      let release!: () => void;
      const held = replicas[0].withLock('create:cluster-d', () => new Promise<void>((resolve) => (release = resolve)));
      await expect.poll(() => release).toBeDefined();
      const waited = replicas[1].withLock('create:cluster-d', async () => (ran = true), { waitMs: 150 });
      await expect(waited).rejects.toBeInstanceOf(LockTimeoutError);
      expect(ran).toBe(false);
      release();
      await held;
      expect(await replicas[1].withLock('create:cluster-d', async () => 'after release', { waitMs: 150 })).toBe('after release');
    });

    it('frees the lock of a holder that died (its lease runs out), not before', async () => {
      expect(await replicas[0].tryAcquire('create:cluster-e', 'a-killed-replica', 300)).toBe(true);
      expect(await replicas[1].tryAcquire('create:cluster-e', 'someone', 300)).toBe(false);
      const started = Date.now();
      expect(await replicas[1].withLock('create:cluster-e', async () => 'taken over')).toBe('taken over');
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    });

    it('keeps a live holder’s lease past its length, and releases it when the work throws', async () => {
      const work = replicas[0].withLock(
        'create:cluster-f',
        async () => {
          await sleep(250);
          throw new Error('ARM said no');
        },
        { leaseMs: 60 },
      );
      await sleep(150);
      expect(await replicas[1].tryAcquire('create:cluster-f', 'intruder', 60), 'the renewed lease still holds').toBe(false);
      await expect(work).rejects.toThrow('ARM said no');
      expect(await replicas[1].tryAcquire('create:cluster-f', 'next', 60), 'released after the throw').toBe(true);
    });
  });
}
