import 'server-only';

import path from 'node:path';

import { PostgresDatabase } from './postgres';
import { SqliteDatabase } from './sqlite';
import type { Database } from './types';

/**
 * Where the portal keeps its own data (audit trail, later the token cache). ONE environment
 * variable chooses the engine: `DATABASE_URL` (postgres://…) for a store shared by several portal
 * instances, otherwise an embedded SQLite file `${PORTAL_DATA_DIR:-./.data}/portal.sqlite`,
 * created on first use.
 */

/** Data directory when `PORTAL_DATA_DIR` is not set (relative to the working directory; gitignored). */
export const DEFAULT_DATA_DIR = './.data';
/** The SQLite file's name inside the data directory. */
export const SQLITE_FILE_NAME = 'portal.sqlite';

export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Pure: the store an environment asks for. A blank variable counts as unset; a `DATABASE_URL`
 * that is not postgres:// or postgresql:// is an error rather than a silent fallback to SQLite,
 * which would split the trail between instances without anyone noticing.
 */
export function databaseConfigFromEnv(env: Env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//i.test(url)) {
      throw new Error('DATABASE_URL must start with postgres:// or postgresql:// (leave it unset for the embedded SQLite store).');
    }
    return { kind: 'postgres', url };
  }
  const dir = env.PORTAL_DATA_DIR?.trim() || DEFAULT_DATA_DIR;
  return { kind: 'sqlite', file: path.resolve(dir, SQLITE_FILE_NAME) };
}

/** Opens (without migrating) the store a config names. Callers own the result and close it. */
export function openDatabase(config: DatabaseConfig): Database {
  return config.kind === 'postgres' ? new PostgresDatabase(config.url) : new SqliteDatabase(config.file);
}

// One store per process. Next.js may load this module in several bundles (route handlers, server
// components, actions), so the instance lives on globalThis under a registered symbol.
const KEY = Symbol.for('azureml-portal.database');
type StoreGlobal = typeof globalThis & { [KEY]?: Database };

/** The process's store, opened from the environment on first use. */
export function getDatabase(): Database {
  const g = globalThis as StoreGlobal;
  g[KEY] ??= openDatabase(databaseConfigFromEnv(process.env));
  return g[KEY];
}
