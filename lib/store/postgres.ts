import 'server-only';

import { Pool, type PoolConfig } from 'pg';

import { MIGRATIONS_TABLE_SQL, orderMigrations, type Database, type Migration, type SqlValue } from './types';

/** Connections per portal instance: audit writes are few and short. */
export const POSTGRES_POOL_SIZE = 4;
/** A connection attempt that takes longer than this fails (a wrong host must not hang a request). */
export const POSTGRES_CONNECT_TIMEOUT_MS = 5_000;
/** Arbitrary constant key of the advisory lock that serialises migrations across instances. */
const MIGRATION_LOCK_KEY = 7_243_911;

/** The shared store for several portal instances: a small `pg` pool on `DATABASE_URL`. */
export class PostgresDatabase implements Database {
  readonly dialect = 'postgres' as const;
  readonly #pool: Pool;

  constructor(connectionString: string, extra: Omit<PoolConfig, 'connectionString'> = {}) {
    this.#pool = new Pool({ connectionString, max: POSTGRES_POOL_SIZE, connectionTimeoutMillis: POSTGRES_CONNECT_TIMEOUT_MS, ...extra });
    // An idle connection dropped by the server emits 'error' on the pool; without a listener
    // Node would crash the portal. The next query simply opens a new connection.
    this.#pool.on('error', (err) => console.warn(`[store] idle PostgreSQL connection closed: ${err.message}`));
  }

  async execute(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    const result = await this.#pool.query(sql, [...params]);
    return { changes: result.rowCount ?? 0 };
  }

  async query<T extends object>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const result = await this.#pool.query(sql, [...params]);
    return result.rows as T[];
  }

  async migrate(component: string, migrations: readonly Migration[]): Promise<void> {
    const client = await this.#pool.connect();
    try {
      // Held for the session: instances starting together apply each migration exactly once.
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      await client.query(MIGRATIONS_TABLE_SQL);
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations WHERE component = $1', [component]);
      const applied = new Set(rows.map((row) => Number(row.version)));
      for (const migration of orderMigrations(migrations)) {
        if (applied.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          for (const statement of migration.statements) await client.query(statement);
          await client.query('INSERT INTO schema_migrations (component, version, applied_at) VALUES ($1, $2, $3)', [
            component,
            migration.version,
            new Date().toISOString(),
          ]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw err;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}
