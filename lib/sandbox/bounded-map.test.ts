/** The emulator's stores keep at most N entries and forget expired ones. */
import { describe, expect, it } from 'vitest';
import { BoundedMap } from './bounded-map';

function clock(start = 0) {
  const c = { t: start, now: () => c.t };
  return c;
}

describe('BoundedMap', () => {
  it.each([1, 3, 10])('keeps the newest %i entries of %i + 1 inserts', (max) => {
    const map = new BoundedMap<number, string>({ maxEntries: max });
    for (let i = 0; i <= max; i++) map.set(i, `v${i}`);
    expect(map.size).toBe(max);
    expect(map.get(0)).toBeUndefined();
    expect(map.get(max)).toBe(`v${max}`);
  });

  it('re-setting a key makes it the youngest, so it is evicted last', () => {
    const map = new BoundedMap<string, number>({ maxEntries: 2 });
    map.set('a', 1).set('b', 2).set('a', 3).set('c', 4);
    expect([...map].map(([k]) => k)).toEqual(['a', 'c']);
  });

  it.each([
    { at: 999, alive: true },
    { at: 1000, alive: false },
  ])('an entry set at 0 with a 1000 ms TTL read at $at ms is alive: $alive', ({ at, alive }) => {
    const c = clock();
    const map = new BoundedMap<string, number>({ maxEntries: 10, ttlMs: 1000, now: c.now });
    map.set('k', 1);
    c.t = at;
    expect(map.get('k') !== undefined).toBe(alive);
    expect(map.size).toBe(alive ? 1 : 0);
  });

  it('a write sweeps expired entries even if nobody reads them again', () => {
    const c = clock();
    const map = new BoundedMap<number, number>({ maxEntries: 100, ttlMs: 50, now: c.now });
    for (let i = 0; i < 10; i++) map.set(i, i);
    c.t = 60;
    map.set(99, 99);
    expect([...map].map(([k]) => k)).toEqual([99]);
  });

  it('expireIn shortens a life, never lengthens it', () => {
    const c = clock();
    const map = new BoundedMap<string, number>({ maxEntries: 10, ttlMs: 1000, now: c.now });
    map.set('read', 1).set('other', 2);
    map.expireIn('read', 100);
    map.expireIn('other', 5000);
    c.t = 100;
    expect(map.get('read')).toBeUndefined();
    c.t = 999;
    expect(map.get('other')).toBe(2);
    c.t = 1000;
    expect(map.get('other')).toBeUndefined();
  });

  it('refuses a ceiling that is not a positive integer', () => {
    expect(() => new BoundedMap({ maxEntries: 0 })).toThrow(/maxEntries/);
  });
});
