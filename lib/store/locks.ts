import 'server-only';

import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { getDatabase } from './database';
import { migrateOnFirstUse, type Database, type Migration } from './types';

/**
 * Named mutual exclusion across every portal process sharing the store: a lease row per held lock.
 *
 * A row rather than PostgreSQL's advisory locks or SQLite's write lock: both of those are tied to
 * one connection held for the whole critical section (a pool connection pinned across ARM calls
 * that take seconds, or every other write in the SQLite file blocked behind a preflight). A row
 * needs only the two statements both dialects share (`INSERT ... ON CONFLICT DO NOTHING`, a
 * conditional `UPDATE`), holds no connection while waiting, and a holder that dies (kill -9, a
 * lost node) frees it when its lease runs out instead of never.
 */

export const LOCK_COMPONENT = 'locks';

export const LOCK_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'locks: one lease row per held named lock',
    statements: [
      `CREATE TABLE IF NOT EXISTS locks (
        name TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        expires_at TEXT NOT NULL
      )`,
    ],
  },
];

export interface LockOptions {
  /** How long a lease lasts unless renewed: what a dead holder costs the next caller. */
  leaseMs?: number;
  /** How long to wait for the lock before giving up with {@link LockTimeoutError}. */
  waitMs?: number;
}

/** A dead holder's lock frees itself after this; a live holder renews every third of it. */
export const DEFAULT_LEASE_MS = 30_000;
/** Long enough for a few creates on a slow cluster to go first (preflight + PUT each). */
export const DEFAULT_WAIT_MS = 120_000;
const FIRST_RETRY_MS = 25;
/** ISO-8601 text: ordered as text in both dialects (INTEGER is 32-bit in PostgreSQL: no epoch ms). */
const iso = (ms: number) => new Date(ms).toISOString();
const MAX_RETRY_MS = 500;

/** The lock stayed held by someone else for the whole wait. Nothing was done under it. */
export class LockTimeoutError extends Error {
  constructor(readonly lockName: string, readonly waitedMs: number) {
    super(`Lock ${lockName} was still held after ${waitedMs} ms`);
    this.name = 'LockTimeoutError';
  }
}

export class LockStore {
  readonly #ready: () => Promise<void>;

  constructor(
    private readonly db: Database,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.#ready = migrateOnFirstUse(db, LOCK_COMPONENT, LOCK_MIGRATIONS);
  }

  /** One attempt: true when `holder` now holds `name` (free, or its lease ran out). */
  async tryAcquire(name: string, holder: string, leaseMs: number): Promise<boolean> {
    await this.#ready();
    const now = this.now();
    const expiresAt = iso(now + leaseMs);
    const inserted = await this.db.execute('INSERT INTO locks (name, holder, expires_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING', [
      name,
      holder,
      expiresAt,
    ]);
    if (inserted.changes === 1) return true;
    // Taking over an expired lease is one conditional statement: of two callers, one wins.
    const taken = await this.db.execute('UPDATE locks SET holder = $2, expires_at = $3 WHERE name = $1 AND expires_at <= $4', [name, holder, expiresAt, iso(now)]);
    return taken.changes === 1;
  }

  /** Extends a held lease; false when it was lost (expired and taken over). */
  async renew(name: string, holder: string, leaseMs: number): Promise<boolean> {
    const renewed = await this.db.execute('UPDATE locks SET expires_at = $3 WHERE name = $1 AND holder = $2', [name, holder, iso(this.now() + leaseMs)]);
    return renewed.changes === 1;
  }

  async release(name: string, holder: string): Promise<void> {
    await this.db.execute('DELETE FROM locks WHERE name = $1 AND holder = $2', [name, holder]);
  }

  /**
   * Runs `work` holding `name`: waits (polling with backoff, no connection held) up to `waitMs`,
   * renews the lease while `work` runs, releases it after, whatever `work` did.
   */
  async withLock<T>(name: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
    const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
    const holder = randomUUID();
    const started = this.now();
    for (let delay = FIRST_RETRY_MS; !(await this.tryAcquire(name, holder, leaseMs)); delay = Math.min(delay * 2, MAX_RETRY_MS)) {
      const waited = this.now() - started;
      if (waited >= waitMs) throw new LockTimeoutError(name, waited);
      // Jitter: waiters released together do not all retry in the same millisecond.
      await sleep(Math.min(delay * (0.5 + Math.random()), Math.max(waitMs - waited, 1)));
    }
    const renewal = setInterval(() => void this.renew(name, holder, leaseMs).catch(() => undefined), Math.max(leaseMs / 3, 10));
    renewal.unref();
    try {
      return await work();
    } finally {
      clearInterval(renewal);
      await this.release(name, holder);
    }
  }
}

const KEY = Symbol.for('azureml-portal.locks');
type LocksGlobal = typeof globalThis & { [KEY]?: { db: Database; store: LockStore } };

/** The process's lock store, on the process's database (shared by every replica on PostgreSQL). */
export function getLockStore(): LockStore {
  const g = globalThis as LocksGlobal;
  const db = getDatabase();
  if (g[KEY]?.db !== db) g[KEY] = { db, store: new LockStore(db) };
  return g[KEY].store;
}
