import 'server-only';

import { mkdirSync } from 'node:fs';
import path from 'node:path';

import BetterSqlite3 from 'better-sqlite3';

import { toPositionalParams } from './sql-params';
import { MIGRATIONS_TABLE_SQL, orderMigrations, type Database, type Migration, type SqlValue } from './types';

/**
 * How long a write waits for another process holding the file's write lock (two `next start`
 * workers, or a test run beside a dev server) before failing with SQLITE_BUSY.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/**
 * The embedded store: one better-sqlite3 connection to a file, in WAL mode so readers never
 * block the writer. better-sqlite3 is synchronous; each call finishes before the promise is
 * returned, which is also why a migration can run as one uninterrupted transaction.
 */
export class SqliteDatabase implements Database {
  readonly dialect = 'sqlite' as const;
  readonly #db: BetterSqlite3.Database;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    this.#db = new BetterSqlite3(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  }

  async execute(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    const bound = toPositionalParams(sql, params);
    return { changes: this.#db.prepare(bound.sql).run(...bound.params).changes };
  }

  async query<T extends object>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const bound = toPositionalParams(sql, params);
    return this.#db.prepare(bound.sql).all(...bound.params) as T[];
  }

  async migrate(component: string, migrations: readonly Migration[]): Promise<void> {
    this.#db.exec(MIGRATIONS_TABLE_SQL);
    const applyAll = this.#db.transaction(() => {
      const applied = new Set(
        (this.#db.prepare('SELECT version FROM schema_migrations WHERE component = ?').all(component) as Array<{ version: number }>).map(
          (row) => row.version,
        ),
      );
      for (const migration of orderMigrations(migrations)) {
        if (applied.has(migration.version)) continue;
        for (const statement of migration.statements) this.#db.exec(statement);
        this.#db
          .prepare('INSERT INTO schema_migrations (component, version, applied_at) VALUES (?, ?, ?)')
          .run(component, migration.version, new Date().toISOString());
      }
    });
    // IMMEDIATE takes the write lock first, so two processes cannot both see "not applied".
    applyAll.immediate();
  }

  async close(): Promise<void> {
    this.#db.close();
  }
}
