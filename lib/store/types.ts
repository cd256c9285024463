/**
 * The store's contract, shared by the SQLite and PostgreSQL implementations. Deliberately small:
 * statements with `$1`-style parameters, rows back as plain objects, and per-component ordered
 * migrations. Anything richer (an ORM, query builders) would have to be kept in step for two
 * dialects; these few calls cannot drift.
 */

/** A bound parameter. Both dialects store these natively; JSON goes in as text. */
export type SqlValue = string | number | null;

/**
 * One schema change: an ordered list of statements valid in BOTH SQLite and PostgreSQL (TEXT and
 * INTEGER columns, `IF NOT EXISTS`, no dialect-specific types). Versions only ever grow.
 */
export interface Migration {
  version: number;
  /** What the change is for; kept in the code for readers, not stored. */
  description: string;
  statements: readonly string[];
}

export interface Database {
  /** Which engine answers; for logs and tests only: SQL must not branch on it. */
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs a write. `sql` uses `$1`, `$2`… placeholders in both dialects. */
  execute(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
  /** Runs a read and returns its rows. Column names come back as written in the SQL. */
  query<T extends object>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /**
   * Applies the migrations of one component (`audit`, `token-cache`…) that are not applied yet,
   * in version order, each in its own transaction. Safe when several portal instances start at
   * once (PostgreSQL: an advisory lock; SQLite: an immediate transaction).
   */
  migrate(component: string, migrations: readonly Migration[]): Promise<void>;
  close(): Promise<void>;
}

/** The bookkeeping table both implementations create before any component's migrations. */
export const MIGRATIONS_TABLE_SQL = `CREATE TABLE IF NOT EXISTS schema_migrations (
  component TEXT NOT NULL,
  version INTEGER NOT NULL,
  applied_at TEXT NOT NULL,
  PRIMARY KEY (component, version)
)`;

/**
 * A component's "migrate before the first statement": the first call runs `db.migrate`, later
 * calls share its promise. A failed migration is retried on the next call rather than poisoning
 * the process. The audit trail and the token cache each hold one.
 */
export function migrateOnFirstUse(db: Database, component: string, migrations: readonly Migration[]): () => Promise<void> {
  let ready: Promise<void> | undefined;
  return () => {
    ready ??= db.migrate(component, migrations).catch((err: unknown) => {
      ready = undefined;
      throw err;
    });
    return ready;
  };
}

/** Migrations in version order, refusing duplicates (a copy-paste slip would skip a change). */
export function orderMigrations(migrations: readonly Migration[]): Migration[] {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((migration, index) => {
    if (index > 0 && sorted[index - 1].version === migration.version) {
      throw new Error(`Two migrations have version ${migration.version}`);
    }
  });
  return sorted;
}
