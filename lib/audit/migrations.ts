import type { Migration } from '@/lib/store/types';

/**
 * The audit trail's schema, in both dialects. Times are ISO 8601 TEXT of fixed width, so text
 * order is time order and the `(at, id)` cursor works the same in SQLite and PostgreSQL.
 * `extension_key` and `subscription_key` are lower-cased copies because ARM ids compare
 * case-insensitively and neither engine's `=` does by default.
 */
export const AUDIT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'audit_entries with the cursor and reconciliation indexes',
    statements: [
      `CREATE TABLE IF NOT EXISTS audit_entries (
        id TEXT PRIMARY KEY,
        at TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        actor_name TEXT NOT NULL,
        action TEXT NOT NULL,
        cluster_id TEXT,
        extension_id TEXT,
        extension_key TEXT,
        subscription_id TEXT,
        subscription_key TEXT,
        settings TEXT,
        outcome TEXT NOT NULL,
        error_code TEXT,
        error_message TEXT,
        settled_at TEXT
      )`,
      'CREATE INDEX IF NOT EXISTS audit_entries_at_id ON audit_entries (at, id)',
      'CREATE INDEX IF NOT EXISTS audit_entries_extension ON audit_entries (extension_key, outcome)',
    ],
  },
  {
    version: 2,
    description: "an update's previous settings, and a lower-cased cluster id to filter by cluster",
    statements: [
      // Plain ADD COLUMN (SQLite has no IF NOT EXISTS here): schema_migrations runs it once.
      'ALTER TABLE audit_entries ADD COLUMN previous_settings TEXT',
      'ALTER TABLE audit_entries ADD COLUMN cluster_key TEXT',
      'UPDATE audit_entries SET cluster_key = LOWER(cluster_id) WHERE cluster_id IS NOT NULL',
      'CREATE INDEX IF NOT EXISTS audit_entries_cluster ON audit_entries (cluster_key, at)',
    ],
  },
  {
    version: 3,
    description: 'the resource a non-extension write wrote (a compute, an instance type), and its lower-cased key',
    statements: [
      'ALTER TABLE audit_entries ADD COLUMN resource_id TEXT',
      'ALTER TABLE audit_entries ADD COLUMN resource_key TEXT',
      'CREATE INDEX IF NOT EXISTS audit_entries_resource ON audit_entries (resource_key, outcome)',
    ],
  },
];

/** The component name under which these migrations are recorded. */
export const AUDIT_COMPONENT = 'audit';
