/** The provisioning history the status page shows after a reload, on each store. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { HISTORY_MAX_ROWS, recordSeenState, seenStatesOf } from './provisioning-history';
import { TEST_BACKENDS } from './test-backends';
import type { Database } from './types';

const EXTENSION =
  '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-ml/providers/Microsoft.ContainerService/managedClusters/aks-prod/providers/Microsoft.KubernetesConfiguration/extensions/azureml';
const at = (s: number) => new Date(Date.UTC(2026, 11, 3, 12, 0, s));

for (const backend of TEST_BACKENDS) {
  describe.skipIf(!backend.available)(`provisioning history on ${backend.name}`, () => {
    let db: Database;
    let another: () => Database;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      ({ db, another, dispose } = await backend.open());
    });
    afterAll(async () => dispose());

    it('keeps each change once, in order, whatever the case of the id, and a second replica reads it', async () => {
      expect(await recordSeenState(EXTENSION, 'Creating', at(0), db)).toBe(true);
      expect(await recordSeenState(EXTENSION.toUpperCase(), 'Creating', at(2), db)).toBe(false);
      expect(await recordSeenState(EXTENSION, 'Succeeded', at(4), db)).toBe(true);
      expect(await recordSeenState(EXTENSION, 'Succeeded', at(6), db)).toBe(false);
      const replica = another();
      expect(await seenStatesOf(EXTENSION, replica)).toEqual([
        { state: 'Creating', at: at(0).toISOString() },
        { state: 'Succeeded', at: at(4).toISOString() },
      ]);
      // The replica saw nothing of its own yet: an unchanged state is still not stored twice.
      expect(await recordSeenState(EXTENSION, 'Succeeded', at(8), replica)).toBe(false);
      expect(await recordSeenState(EXTENSION, 'Updating', at(10), replica)).toBe(true);
      expect((await seenStatesOf(EXTENSION, db)).map((s) => s.state)).toEqual(['Creating', 'Succeeded', 'Updating']);
    });

    it('costs no query for a poll that sees the state it recorded last', async () => {
      const other = EXTENSION.replace('aks-prod', 'aks-quiet');
      await recordSeenState(other, 'Succeeded', at(0), db);
      const query = vi.spyOn(db, 'query');
      const execute = vi.spyOn(db, 'execute');
      await recordSeenState(other, 'Succeeded', at(30), db);
      expect(query).not.toHaveBeenCalled();
      expect(execute).not.toHaveBeenCalled();
      query.mockRestore();
      execute.mockRestore();
    });

    it(`keeps the newest ${HISTORY_MAX_ROWS} changes of an extension`, async () => {
      const busy = EXTENSION.replace('aks-prod', 'aks-busy');
      for (let i = 0; i < HISTORY_MAX_ROWS + 5; i += 1) await recordSeenState(busy, i % 2 ? 'Succeeded' : 'Updating', new Date(at(0).getTime() + i * 1000), db);
      const kept = await seenStatesOf(busy, db);
      expect(kept).toHaveLength(HISTORY_MAX_ROWS);
      expect(kept[0].at).toBe(new Date(at(0).getTime() + 5000).toISOString());
    });
  });
}
