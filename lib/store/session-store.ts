import 'server-only';

import { createHash } from 'node:crypto';

import { getDatabase } from './database';
import { migrateOnFirstUse, type Database, type Migration } from './types';

/**
 * The server side of sign-in sessions: one row per session id sealed in a session cookie. A cookie
 * is only as good as its row, so sign-out (which deletes the rows) ends the session for good, on
 * every replica sharing the store, even though the cookie itself stays valid for 8 hours.
 * The id is stored as its SHA-256: someone reading the table cannot use it, and the cookie that
 * carries it is sealed under a key the database never sees anyway.
 */

/** The component name under which these migrations are recorded. */
export const SESSION_COMPONENT = 'sessions';

export const SESSION_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'sessions: one row per live sign-in session, by hashed session id',
    statements: [
      `CREATE TABLE IF NOT EXISTS sessions (
        session_hash TEXT PRIMARY KEY,
        partition_key TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      )`,
      'CREATE INDEX IF NOT EXISTS sessions_partition ON sessions (partition_key)',
      'CREATE INDEX IF NOT EXISTS sessions_expires ON sessions (expires_at)',
    ],
  },
];

/** Expired rows deleted per sign-in at most: purging stays a small, bounded statement. */
export const SESSION_PURGE_BATCH = 100;

const hashOf = (sessionId: string) => createHash('sha256').update(sessionId, 'utf8').digest('hex');

/** Create, check and revoke sessions. Migrates on first use. */
export class SessionStore {
  readonly #ready: () => Promise<void>;

  constructor(private readonly db: Database) {
    this.#ready = migrateOnFirstUse(db, SESSION_COMPONENT, SESSION_MIGRATIONS);
  }

  /** Records a new session of a user (their token cache partition) until `expiresAt`; purges some expired rows. */
  async create(sessionId: string, partitionKey: string, expiresAt: Date, now = new Date()): Promise<void> {
    await this.#ready();
    await this.db.execute('INSERT INTO sessions (session_hash, partition_key, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
      hashOf(sessionId),
      partitionKey,
      now.toISOString(),
      expiresAt.toISOString(),
    ]);
    await this.purgeExpired(now);
  }

  /** True when the session exists, belongs to this partition and has not expired. */
  async isActive(sessionId: string, partitionKey: string, now = new Date()): Promise<boolean> {
    await this.#ready();
    const rows = await this.db.query<{ partition_key: string; expires_at: string }>(
      'SELECT partition_key, expires_at FROM sessions WHERE session_hash = $1',
      [hashOf(sessionId)],
    );
    const row = rows[0];
    return Boolean(row && row.partition_key === partitionKey && row.expires_at > now.toISOString());
  }

  /** True when the user (partition) has at least one unexpired session. */
  async hasActiveSession(partitionKey: string, now = new Date()): Promise<boolean> {
    await this.#ready();
    const rows = await this.db.query<{ one: number }>('SELECT 1 AS one FROM sessions WHERE partition_key = $1 AND expires_at > $2 LIMIT 1', [
      partitionKey,
      now.toISOString(),
    ]);
    return rows.length > 0;
  }

  /**
   * Ends every session of a user. Sign-out forgets the user's token cache, which all their sessions
   * share: ending only the current one would let another browser's cookie work again as soon as
   * the user signs in anew and the cache is refilled.
   */
  async revokeAll(partitionKey: string): Promise<number> {
    await this.#ready();
    return (await this.db.execute('DELETE FROM sessions WHERE partition_key = $1', [partitionKey])).changes;
  }

  /** Deletes at most {@link SESSION_PURGE_BATCH} expired rows; returns how many. */
  async purgeExpired(now = new Date()): Promise<number> {
    await this.#ready();
    const { changes } = await this.db.execute(
      `DELETE FROM sessions WHERE session_hash IN
         (SELECT session_hash FROM sessions WHERE expires_at <= $1 ORDER BY expires_at LIMIT $2)`,
      [now.toISOString(), SESSION_PURGE_BATCH],
    );
    return changes;
  }
}

// One per process, on globalThis: Next.js may load this module in several bundles.
const KEY = Symbol.for('azureml-portal.session-store');
type StoreGlobal = typeof globalThis & { [KEY]?: { db: Database; store: SessionStore } };

/** The session store over the process's store (or `db`), created once per database. */
export function getSessionStore(db: Database = getDatabase()): SessionStore {
  const g = globalThis as StoreGlobal;
  if (g[KEY]?.db !== db) g[KEY] = { db, store: new SessionStore(db) };
  return g[KEY].store;
}
