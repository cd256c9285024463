/** The bound on concurrent component reads per cluster (issue 13, item 8). */
import { describe, expect, it } from 'vitest';

import { ReadSlots } from './read-slots';

/** A read that ends when the test says so. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('ReadSlots', () => {
  it('runs at most `limit` reads per key at once; the rest start in arrival order as slots free', async () => {
    const slots = new ReadSlots(2);
    const gates = Array.from({ length: 5 }, gate);
    const started: number[] = [];
    const done = gates.map((g, i) =>
      slots.run('cluster-a', async () => {
        started.push(i);
        await g.opened;
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    expect(slots.load('cluster-a')).toEqual({ running: 2, waiting: 3 });
    gates[1].open();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    expect(await Promise.all(done)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    // The key is forgotten once idle: the map holds only clusters being read.
    expect(slots.load('cluster-a')).toEqual({ running: 0, waiting: 0 });
  });

  it('bounds each key on its own: a slow cluster does not hold up another', async () => {
    const slots = new ReadSlots(1);
    const slow = gate();
    const slowRead = slots.run('slow', () => slow.opened);
    expect(await slots.run('fast', async () => 'read')).toBe('read');
    slow.open();
    await slowRead;
  });

  it('frees the slot of a read that fails', async () => {
    const slots = new ReadSlots(1);
    await expect(slots.run('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await slots.run('a', async () => 'next')).toBe('next');
    expect(slots.load('a')).toEqual({ running: 0, waiting: 0 });
  });
});
