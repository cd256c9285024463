import 'server-only';

/**
 * At most `limit` reads in flight per key, the others waiting their turn in arrival order. For
 * the expensive component read (a runCommand whose answer is some 100 KB of kubectl JSON, parsed
 * twice): 200 distinct callers of one cluster each need their own read (coalescing cannot share
 * one across callers), and holding all 200 answers and their parse trees at once is what made
 * the heap grow under load (bench/README.md "Memory"). A waiting read holds only a closure.
 * Keys are forgotten when their last read ends, so the map is as large as the keys in use.
 */
export class ReadSlots {
  readonly #limit: number;
  readonly #keys = new Map<string, { running: number; waiting: Array<() => void> }>();

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error('limit must be a positive integer');
    this.#limit = limit;
  }

  /** Reads in flight and waiting for `key` (tests). */
  load(key: string): { running: number; waiting: number } {
    const slot = this.#keys.get(key);
    return { running: slot?.running ?? 0, waiting: slot?.waiting.length ?? 0 };
  }

  async run<T>(key: string, read: () => Promise<T>): Promise<T> {
    let slot = this.#keys.get(key);
    if (!slot) {
      slot = { running: 0, waiting: [] };
      this.#keys.set(key, slot);
    }
    if (slot.running >= this.#limit) await new Promise<void>((resolve) => slot.waiting.push(resolve));
    else slot.running += 1;
    try {
      return await read();
    } finally {
      // Hand the slot straight to the next in line (running stays the same), else give it back.
      const next = slot.waiting.shift();
      if (next) next();
      else if (--slot.running === 0) this.#keys.delete(key);
    }
  }
}
