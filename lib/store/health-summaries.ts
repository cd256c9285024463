import 'server-only';

import { getDatabase } from './database';
import { migrateOnFirstUse, type Database, type Migration } from './types';

/**
 * The last health summary the portal read for each extension (lib/domain/health-summary.ts), so
 * the fleet's Health column answers from the store instead of reading every cluster on every
 * listing; and the refresh claims that keep those reads to one per cluster per window across
 * viewers and replicas (lib/deploy/fleet-health.ts). A summary holds states, counts and component
 * names only: no settings, no messages, nothing secret. One row per extension, by its lower-cased
 * ARM id (the fleet's Resource Graph rows and the status page's URL differ in case).
 */

/** The component name under which these migrations are recorded. */
export const HEALTH_SUMMARIES_COMPONENT = 'health-summaries';

export const HEALTH_SUMMARIES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'extension_health (the last summary read per extension) and health_refresh_claims (who reads a cluster next)',
    statements: [
      `CREATE TABLE IF NOT EXISTS extension_health (
        extension_id TEXT PRIMARY KEY,
        summary TEXT NOT NULL,
        checked_at TEXT NOT NULL
      )`,
      `CREATE TABLE IF NOT EXISTS health_refresh_claims (
        claim_key TEXT PRIMARY KEY,
        claimed_by TEXT NOT NULL,
        claimed_at TEXT NOT NULL
      )`,
    ],
  },
];

/** A remembered summary: the JSON as written (the caller's type) and when it was read. */
export interface RememberedHealth<T> {
  /** The extension's ARM id, lower-cased. */
  extensionId: string;
  summary: T;
  /** ISO 8601: when the cluster was read, not when the row was written. */
  checkedAt: string;
}

interface Row {
  extension_id: string;
  summary: string;
  checked_at: string;
}

/**
 * Ids per `IN (...)` statement at most: one query for any listing up to this size, and far below
 * both engines' parameter limits (SQLite 32,766; PostgreSQL 65,535).
 */
export const HEALTH_SUMMARIES_BATCH = 10_000;

const keyOf = (id: string) => id.trim().replace(/\/+$/, '').toLowerCase();
const isoOf = (at: Date | string) => new Date(at).toISOString();

// One migration promise per database (tests open several; the process has one).
const ready = new WeakMap<Database, () => Promise<void>>();
function migrated(db: Database): Promise<void> {
  let migrate = ready.get(db);
  if (!migrate) ready.set(db, (migrate = migrateOnFirstUse(db, HEALTH_SUMMARIES_COMPONENT, HEALTH_SUMMARIES_MIGRATIONS)));
  return migrate();
}

/**
 * Remembers the summary of an extension as read at `checkedAt`. An older read never replaces a
 * newer one (two viewers' reads finishing out of order, or a slow refresh behind a status page).
 */
export async function rememberHealthSummary(extensionId: string, summary: object, checkedAt: Date | string, db: Database = getDatabase()): Promise<void> {
  await migrated(db);
  const at = isoOf(checkedAt);
  // Upsert in both dialects (SQLite 3.24+, PostgreSQL 9.5+); ISO text orders as time.
  await db.execute(
    `INSERT INTO extension_health (extension_id, summary, checked_at) VALUES ($1, $2, $3)
     ON CONFLICT (extension_id) DO UPDATE SET summary = excluded.summary, checked_at = excluded.checked_at
     WHERE extension_health.checked_at <= excluded.checked_at`,
    [keyOf(extensionId), JSON.stringify(summary), at],
  );
}

function parsed<T>(row: Row): RememberedHealth<T> | null {
  try {
    return { extensionId: row.extension_id, summary: JSON.parse(row.summary) as T, checkedAt: row.checked_at };
  } catch {
    return null;
  }
}

/**
 * The remembered summaries of a listing's extensions, by lower-cased id; ids without one are
 * absent. One query per {@link HEALTH_SUMMARIES_BATCH} ids: a fleet listing is one query.
 */
export async function healthSummariesOf<T>(extensionIds: readonly string[], db: Database = getDatabase()): Promise<Map<string, RememberedHealth<T>>> {
  const keys = [...new Set(extensionIds.map(keyOf))];
  const found = new Map<string, RememberedHealth<T>>();
  if (keys.length === 0) return found;
  await migrated(db);
  for (let start = 0; start < keys.length; start += HEALTH_SUMMARIES_BATCH) {
    const batch = keys.slice(start, start + HEALTH_SUMMARIES_BATCH);
    const placeholders = batch.map((_, index) => `$${index + 1}`).join(', ');
    const rows = await db.query<Row>(`SELECT extension_id, summary, checked_at FROM extension_health WHERE extension_id IN (${placeholders})`, batch);
    for (const row of rows) {
      const health = parsed<T>(row);
      if (health) found.set(row.extension_id, health);
    }
  }
  return found;
}

/**
 * Claims the next health read named `claimKey` (a cluster's id, with what else makes a read due:
 * lib/deploy/fleet-health.ts adds the provisioning state) for `holder`: true when nobody claimed
 * it since `now - windowMs` (or ever). One conditional statement, so of any number of viewers and
 * replicas asking at once exactly one wins; a claim runs out, so a holder that dies mid-read
 * delays the next read by one window at most. Its holder may give it back
 * ({@link releaseHealthRefresh}) when the read it made did not answer what the claim was for.
 */
export async function claimHealthRefresh(claimKey: string, holder: string, now: Date, windowMs: number, db: Database = getDatabase()): Promise<boolean> {
  await migrated(db);
  const { changes } = await db.execute(
    `INSERT INTO health_refresh_claims (claim_key, claimed_by, claimed_at) VALUES ($1, $2, $3)
     ON CONFLICT (claim_key) DO UPDATE SET claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at
     WHERE health_refresh_claims.claimed_at <= $4`,
    [keyOf(claimKey), holder, now.toISOString(), new Date(now.getTime() - windowMs).toISOString()],
  );
  return changes === 1;
}

/** Gives a claim back (only its holder can): the next listing may claim the read again at once. */
export async function releaseHealthRefresh(claimKey: string, holder: string, db: Database = getDatabase()): Promise<void> {
  await migrated(db);
  await db.execute('DELETE FROM health_refresh_claims WHERE claim_key = $1 AND claimed_by = $2', [keyOf(claimKey), holder]);
}
