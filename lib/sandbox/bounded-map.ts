/**
 * A Map with a ceiling and an optional time to live, for the emulator's in-memory stores. The
 * sandbox is the default deployment, so a store that only grows (one runCommand result per poll,
 * one operation per write) is a server that only grows. Oldest-first eviction: every store here
 * is written once per key and read soon after, so insertion order is also age order.
 */
export interface BoundedMapOptions {
  /** Entries kept; inserting one more drops the oldest. */
  maxEntries: number;
  /** Entries older than this are gone (on the next read or write). Default: no expiry. */
  ttlMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

interface Slot<V> {
  value: V;
  expiresAt: number;
}

export class BoundedMap<K, V> {
  readonly #slots = new Map<K, Slot<V>>();
  readonly #max: number;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(options: BoundedMapOptions) {
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) throw new Error('maxEntries must be a positive integer');
    this.#max = options.maxEntries;
    this.#ttlMs = options.ttlMs ?? Number.POSITIVE_INFINITY;
    // Late-bound, so a test that fakes Date moves this clock too.
    this.#now = options.now ?? (() => Date.now());
  }

  get size(): number {
    this.#sweep();
    return this.#slots.size;
  }

  get(key: K): V | undefined {
    const slot = this.#slots.get(key);
    if (!slot) return undefined;
    if (slot.expiresAt <= this.#now()) {
      this.#slots.delete(key);
      return undefined;
    }
    return slot.value;
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  /** Stores `value` (a new insertion: it becomes the youngest), evicting expired and oldest entries. */
  set(key: K, value: V): this {
    this.#slots.delete(key);
    this.#slots.set(key, { value, expiresAt: this.#now() + this.#ttlMs });
    this.#sweep();
    while (this.#slots.size > this.#max) this.#slots.delete(this.#slots.keys().next().value as K);
    return this;
  }

  /** Shortens an entry's life to at most `ms` from now (a result already read once). */
  expireIn(key: K, ms: number): void {
    const slot = this.#slots.get(key);
    if (slot) slot.expiresAt = Math.min(slot.expiresAt, this.#now() + ms);
  }

  delete(key: K): boolean {
    return this.#slots.delete(key);
  }

  clear(): void {
    this.#slots.clear();
  }

  /** Live entries, oldest first. */
  *entries(): IterableIterator<[K, V]> {
    this.#sweep();
    for (const [key, slot] of this.#slots) yield [key, slot.value];
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }

  /** Drops expired entries from the old end: with one TTL for all, they are the oldest. */
  #sweep(): void {
    const now = this.#now();
    for (const [key, slot] of this.#slots) {
      if (slot.expiresAt > now) {
        // `expireIn` can make a younger entry expire first; those go on their next read.
        break;
      }
      this.#slots.delete(key);
    }
  }
}
