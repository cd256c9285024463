import 'server-only';

import { CompactEncrypt, compactDecrypt } from 'jose';

import { migrateOnFirstUse, type Database, type Migration } from './types';

/**
 * The MSAL token cache, one row per user partition (the home account id), encrypted at rest with
 * AES-256-GCM (JWE `dir` + `A256GCM` through `jose`: a maintained implementation rather than
 * hand-written crypto). The partition key is in the JWE's authenticated header, so a row copied
 * onto another user's partition fails to open instead of handing them someone else's tokens.
 */

/** The component name under which these migrations are recorded. */
export const TOKEN_CACHE_COMPONENT = 'token-cache';

export const TOKEN_CACHE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'token_cache: one encrypted MSAL cache per user partition',
    statements: [
      `CREATE TABLE IF NOT EXISTS token_cache (
        partition_key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      )`,
    ],
  },
];

/** A stored cache that does not decrypt under this key and partition: tampered, moved or re-keyed. */
export class TokenCacheIntegrityError extends Error {
  constructor(partitionKey: string) {
    super(`The token cache of partition '${partitionKey}' failed its integrity check.`);
    this.name = 'TokenCacheIntegrityError';
  }
}

/** Header parameter carrying the partition key (authenticated, not encrypted). */
const PARTITION_HEADER = 'pk';

/** Encrypts a serialised cache for one partition. `key` must be 32 bytes. */
export async function sealCacheBlob(key: Uint8Array, partitionKey: string, plaintext: string): Promise<string> {
  return new CompactEncrypt(new TextEncoder().encode(plaintext))
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', [PARTITION_HEADER]: partitionKey })
    .encrypt(key);
}

/** Decrypts what {@link sealCacheBlob} wrote; throws {@link TokenCacheIntegrityError} on any mismatch. */
export async function openCacheBlob(key: Uint8Array, partitionKey: string, sealed: string): Promise<string> {
  try {
    const { plaintext, protectedHeader } = await compactDecrypt(sealed, key, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] });
    if (protectedHeader[PARTITION_HEADER] !== partitionKey) throw new TokenCacheIntegrityError(partitionKey);
    return new TextDecoder().decode(plaintext);
  } catch {
    throw new TokenCacheIntegrityError(partitionKey);
  }
}

/** Read, write and forget one user's encrypted cache. Migrates on first use. */
export class TokenCacheStore {
  readonly #ready: () => Promise<void>;

  constructor(
    private readonly db: Database,
    private readonly key: Uint8Array,
  ) {
    if (key.length !== 32) throw new TypeError('The token cache key must be 32 bytes.');
    this.#ready = migrateOnFirstUse(db, TOKEN_CACHE_COMPONENT, TOKEN_CACHE_MIGRATIONS);
  }

  /**
   * The partition's serialised cache, or null when there is none. A row that fails its integrity
   * check reads as null too (logged): the user signs in again rather than being locked out.
   */
  async read(partitionKey: string): Promise<string | null> {
    await this.#ready();
    const rows = await this.db.query<{ value: string }>('SELECT value FROM token_cache WHERE partition_key = $1', [partitionKey]);
    if (!rows[0]) return null;
    try {
      return await openCacheBlob(this.key, partitionKey, rows[0].value);
    } catch (err) {
      console.warn(`[token-cache] ${err instanceof Error ? err.message : 'unreadable entry'} It is ignored; the user will sign in again.`);
      return null;
    }
  }

  async write(partitionKey: string, serialized: string): Promise<void> {
    await this.#ready();
    const sealed = await sealCacheBlob(this.key, partitionKey, serialized);
    // Upsert in both dialects: ON CONFLICT works in SQLite 3.24+ and PostgreSQL 9.5+.
    await this.db.execute(
      `INSERT INTO token_cache (partition_key, value, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (partition_key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      [partitionKey, sealed, new Date().toISOString()],
    );
  }

  /** Forgets the partition (sign-out). */
  async remove(partitionKey: string): Promise<void> {
    await this.#ready();
    await this.db.execute('DELETE FROM token_cache WHERE partition_key = $1', [partitionKey]);
  }
}
