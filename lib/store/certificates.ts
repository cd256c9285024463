import 'server-only';

import { getDatabase } from './database';
import { migrateOnFirstUse, type Database, type Migration } from './types';

/**
 * What the portal remembers of the certificate an extension serves HTTPS with, so the status page
 * and the fleet can warn before it expires: only its public facts (subject, DNS names, end of
 * validity, which anyone connecting to the endpoint sees). Never the PEM text and never the key:
 * ARM does not return protected settings, so the portal keeps what it needs when it sends them
 * (install, and the lead's renewal). One row per extension, by its lower-cased ARM id (ARM ids
 * are case-insensitive; the fleet's Resource Graph rows and the status page's URL differ in case).
 */

/** The component name under which these migrations are recorded. */
export const CERTIFICATES_COMPONENT = 'certificates';

export const CERTIFICATES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'extension_certificates: the public facts of the certificate each extension was given',
    statements: [
      `CREATE TABLE IF NOT EXISTS extension_certificates (
        extension_id TEXT PRIMARY KEY,
        subject TEXT NOT NULL,
        sans TEXT NOT NULL,
        not_after TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        recorded_by TEXT
      )`,
    ],
  },
];

/** The public facts kept (the shape of `CertificateSummary` in lib/domain/pem-checks.ts). */
export interface CertificateFacts {
  /** The subject as OpenSSL prints it, one `K=V` per line. */
  subject: string;
  /** DNS names of the subject alternative names. */
  sans: string[];
  /** ISO 8601. */
  notAfter: string;
}

/** A remembered certificate: its facts, and when (and by whom, when known) they were recorded. */
export interface RememberedCertificate extends CertificateFacts {
  /** The extension's ARM id, lower-cased. */
  extensionId: string;
  /** ISO 8601. */
  recordedAt: string;
  /** Who sent the certificate (the caller's id as the audit trail names it), when known. */
  recordedBy: string | null;
}

interface Row {
  extension_id: string;
  subject: string;
  sans: string;
  not_after: string;
  recorded_at: string;
  recorded_by: string | null;
}

/** Ids per `IN (...)` statement at most: far below both engines' parameter limits. */
export const CERTIFICATES_BATCH = 500;

const keyOf = (extensionId: string) => extensionId.trim().toLowerCase();

// One migration promise per database (tests open several; the process has one).
const ready = new WeakMap<Database, () => Promise<void>>();
function migrated(db: Database): Promise<void> {
  let migrate = ready.get(db);
  if (!migrate) ready.set(db, (migrate = migrateOnFirstUse(db, CERTIFICATES_COMPONENT, CERTIFICATES_MIGRATIONS)));
  return migrate();
}

function sansOf(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((name): name is string => typeof name === 'string') : [];
  } catch {
    return [];
  }
}

const fromRow = (row: Row): RememberedCertificate => ({
  extensionId: row.extension_id,
  subject: row.subject,
  sans: sansOf(row.sans),
  notAfter: row.not_after,
  recordedAt: row.recorded_at,
  recordedBy: row.recorded_by ?? null,
});

/**
 * Remembers (or replaces: a renewal) the certificate of an extension. Copies only the three public
 * fields, so a caller passing a richer object cannot make the store keep anything else.
 */
export async function rememberCertificate(
  extensionId: string,
  summary: CertificateFacts,
  options: { recordedBy?: string; now?: Date; db?: Database } = {},
): Promise<void> {
  const db = options.db ?? getDatabase();
  await migrated(db);
  const notAfter = new Date(summary.notAfter);
  if (Number.isNaN(notAfter.getTime())) throw new RangeError('The certificate summary has no valid notAfter date.');
  // Upsert in both dialects: ON CONFLICT works in SQLite 3.24+ and PostgreSQL 9.5+.
  await db.execute(
    `INSERT INTO extension_certificates (extension_id, subject, sans, not_after, recorded_at, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (extension_id) DO UPDATE SET subject = excluded.subject, sans = excluded.sans, not_after = excluded.not_after,
       recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by`,
    [
      keyOf(extensionId),
      summary.subject,
      JSON.stringify([...summary.sans]),
      notAfter.toISOString(),
      (options.now ?? new Date()).toISOString(),
      options.recordedBy ?? null,
    ],
  );
}

/** The remembered certificate of one extension (any case of its id), or null when none is. */
export async function certificateOf(extensionId: string, db: Database = getDatabase()): Promise<RememberedCertificate | null> {
  await migrated(db);
  const rows = await db.query<Row>(
    'SELECT extension_id, subject, sans, not_after, recorded_at, recorded_by FROM extension_certificates WHERE extension_id = $1',
    [keyOf(extensionId)],
  );
  return rows[0] ? fromRow(rows[0]) : null;
}

/**
 * The remembered certificates of many extensions (the fleet), by lower-cased extension id; ids
 * without one are absent. One query per {@link CERTIFICATES_BATCH} ids: a fleet page is one query.
 */
export async function certificatesOf(extensionIds: readonly string[], db: Database = getDatabase()): Promise<Map<string, RememberedCertificate>> {
  const keys = [...new Set(extensionIds.map(keyOf))];
  const found = new Map<string, RememberedCertificate>();
  if (keys.length === 0) return found;
  await migrated(db);
  for (let start = 0; start < keys.length; start += CERTIFICATES_BATCH) {
    const batch = keys.slice(start, start + CERTIFICATES_BATCH);
    const placeholders = batch.map((_, index) => `$${index + 1}`).join(', ');
    const rows = await db.query<Row>(
      `SELECT extension_id, subject, sans, not_after, recorded_at, recorded_by FROM extension_certificates WHERE extension_id IN (${placeholders})`,
      batch,
    );
    for (const row of rows) found.set(row.extension_id, fromRow(row));
  }
  return found;
}

/** Forgets the certificate of an extension (its delete). True when there was one. */
export async function forgetCertificate(extensionId: string, db: Database = getDatabase()): Promise<boolean> {
  await migrated(db);
  const { changes } = await db.execute('DELETE FROM extension_certificates WHERE extension_id = $1', [keyOf(extensionId)]);
  return changes > 0;
}
