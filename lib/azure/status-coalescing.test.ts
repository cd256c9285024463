/** The status coalescing caches keep a ceiling and forget past windows (issue 13, item 8). */
import { afterEach, describe, expect, it, vi } from 'vitest';

import { coalesce, type CacheEntry } from './extension-status';

const WINDOW_MS = 2_000;

afterEach(() => {
  vi.useRealTimers();
});

function counter() {
  let reads = 0;
  return { read: () => Promise.resolve(++reads), reads: () => reads };
}

describe('coalesce', () => {
  it.each([1, 2, 5])('keeps at most %i entries: inserting one more evicts the oldest caller', async (max) => {
    vi.useFakeTimers({ toFake: ['Date'], now: 10 * WINDOW_MS });
    const cache = new Map<string, CacheEntry<number>>();
    const reads = counter();
    for (let i = 0; i <= max; i++) await coalesce(cache, `caller-${i}`, WINDOW_MS, reads.read, max);
    expect(cache.size).toBe(max);
    expect(cache.has('caller-0')).toBe(false);
    // The newest is still shared; the evicted one reads again.
    await coalesce(cache, `caller-${max}`, WINDOW_MS, reads.read, max);
    expect(reads.reads()).toBe(max + 1);
    await coalesce(cache, 'caller-0', WINDOW_MS, reads.read, max);
    expect(reads.reads()).toBe(max + 2);
  });

  it('shares one read per key and window, and drops every entry of a past window on the next read', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: 10 * WINDOW_MS });
    const cache = new Map<string, CacheEntry<number>>();
    const reads = counter();
    for (let i = 0; i < 100; i++) await coalesce(cache, 'one-caller', WINDOW_MS, reads.read);
    for (let i = 0; i < 50; i++) await coalesce(cache, `caller-${i}`, WINDOW_MS, reads.read);
    expect(reads.reads()).toBe(51);
    expect(cache.size).toBe(51);
    vi.setSystemTime(11 * WINDOW_MS);
    await coalesce(cache, 'late', WINDOW_MS, reads.read);
    expect([...cache.keys()]).toEqual(['late']);
  });
});

/** A Map that counts the entries its iterators hand out: how much of the cache a read walks. */
class CountingMap<K, V> extends Map<K, V> {
  visited = 0;
  *entries(): MapIterator<[K, V]> {
    for (const entry of super.entries()) {
      this.visited += 1;
      yield entry;
    }
  }
  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
}

describe('coalesce, work per read', () => {
  it('walks only past windows, not every caller of the current one', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: 10 * WINDOW_MS });
    const cache = new CountingMap<string, CacheEntry<number>>();
    const reads = counter();
    const callers = 1_000;
    for (let i = 0; i < callers; i++) await coalesce(cache, `caller-${i}`, WINDOW_MS, reads.read);
    for (let i = 0; i < callers; i++) await coalesce(cache, `caller-${i}`, WINDOW_MS, reads.read);
    expect(reads.reads()).toBe(callers);
    // One entry looked at per read (the oldest, still current): walking all would be ~1,000,000.
    expect(cache.visited).toBeLessThanOrEqual(2 * callers);
    vi.setSystemTime(11 * WINDOW_MS);
    await coalesce(cache, 'late', WINDOW_MS, reads.read);
    expect([...cache.keys()]).toEqual(['late']);
  });
});
