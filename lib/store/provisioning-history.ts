import 'server-only';

import { getDatabase } from './database';
import { migrateOnFirstUse, type Database, type Migration } from './types';

/**
 * The provisioning states the portal saw for each extension, with when it first saw each, so the
 * status page's history survives a reload and is the same for every viewer and replica. ARM
 * keeps only the creation and last modification times: the states in between are known only to
 * whoever watched, and the portal is what watched. One row per change (a state repeated in a row
 * is not stored again), at most {@link HISTORY_MAX_ROWS} per extension, by lower-cased ARM id.
 */

export const PROVISIONING_HISTORY_COMPONENT = 'provisioning-history';

export const PROVISIONING_HISTORY_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'provisioning_history: the provisioning states the portal saw, per extension, with times',
    statements: [
      `CREATE TABLE IF NOT EXISTS provisioning_history (
        extension_id TEXT NOT NULL,
        seen_at TEXT NOT NULL,
        state TEXT NOT NULL,
        PRIMARY KEY (extension_id, seen_at, state)
      )`,
    ],
  },
];

/** Rows kept per extension: the oldest go first (an install, then years of updates, stays small). */
export const HISTORY_MAX_ROWS = 100;

/** One state the portal saw, and when it first saw it (ISO 8601). */
export interface SeenState {
  state: string;
  at: string;
}

const keyOf = (extensionId: string) => extensionId.trim().replace(/\/+$/, '').toLowerCase();

const ready = new WeakMap<Database, () => Promise<void>>();
function migrated(db: Database): Promise<void> {
  let migrate = ready.get(db);
  if (!migrate) ready.set(db, (migrate = migrateOnFirstUse(db, PROVISIONING_HISTORY_COMPONENT, PROVISIONING_HISTORY_MIGRATIONS)));
  return migrate();
}

/**
 * The last state this process recorded per extension, so a poll of an unchanged state costs no
 * query. Bounded: past it, a poll reads the last row again (one query), nothing is lost.
 */
const LAST_RECORDED_MAX = 5_000;
const lastRecorded = new Map<string, string>();
function remember(key: string, state: string): void {
  lastRecorded.delete(key);
  if (lastRecorded.size >= LAST_RECORDED_MAX) lastRecorded.delete(lastRecorded.keys().next().value as string);
  lastRecorded.set(key, state);
}

/**
 * Records that `state` was seen at `at`, unless it is the state last recorded for the extension.
 * Two replicas seeing the same change at once may both record it: harmless, and rare.
 */
export async function recordSeenState(extensionId: string, state: string, at: Date = new Date(), db: Database = getDatabase()): Promise<boolean> {
  const key = keyOf(extensionId);
  const memoKey = `${key}|${dbKey(db)}`;
  if (lastRecorded.get(memoKey) === state) return false;
  await migrated(db);
  const last = await db.query<{ state: string }>('SELECT state FROM provisioning_history WHERE extension_id = $1 ORDER BY seen_at DESC LIMIT 1', [key]);
  if (last[0]?.state === state) {
    remember(memoKey, state);
    return false;
  }
  await db.execute('INSERT INTO provisioning_history (extension_id, seen_at, state) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [key, at.toISOString(), state]);
  await db.execute(
    `DELETE FROM provisioning_history WHERE extension_id = $1 AND seen_at NOT IN (
       SELECT seen_at FROM provisioning_history WHERE extension_id = $1 ORDER BY seen_at DESC LIMIT ${HISTORY_MAX_ROWS})`,
    [key],
  );
  remember(memoKey, state);
  return true;
}

/** The states seen for an extension, oldest first. */
export async function seenStatesOf(extensionId: string, db: Database = getDatabase()): Promise<SeenState[]> {
  await migrated(db);
  const rows = await db.query<{ state: string; seen_at: string }>(
    'SELECT state, seen_at FROM provisioning_history WHERE extension_id = $1 ORDER BY seen_at ASC',
    [keyOf(extensionId)],
  );
  return rows.map((row) => ({ state: row.state, at: row.seen_at }));
}

// Tests open several stores in one process: the memo is per store.
const dbKeys = new WeakMap<Database, number>();
let nextDbKey = 0;
function dbKey(db: Database): number {
  let k = dbKeys.get(db);
  if (k === undefined) dbKeys.set(db, (k = nextDbKey += 1));
  return k;
}
