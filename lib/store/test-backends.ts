/**
 * Test-only: the stores every store and audit test runs against. SQLite always (a temp file);
 * PostgreSQL when `TEST_DATABASE_URL` is set, each test file in its own fresh schema so files
 * running in parallel never see each other's tables.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Client } from 'pg';

import { PostgresDatabase } from './postgres';
import { SqliteDatabase } from './sqlite';
import type { Database } from './types';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

/** Printed as the skip reason when PostgreSQL is not configured. */
export const POSTGRES_SKIP_REASON =
  'PostgreSQL tests skipped: TEST_DATABASE_URL is not set. Start a local server with `.ci/run` (it installs Debian\'s ' +
  'postgresql, serves it on 127.0.0.1:54329 and exports TEST_DATABASE_URL), or run the block headed "PostgreSQL for the ' +
  'store tests" in .ci/run and then TEST_DATABASE_URL=postgres://postgres@127.0.0.1:54329/portal_test npx vitest run lib/store';

export interface TestBackend {
  name: 'sqlite' | 'postgres';
  /** False when the backend is not configured here; its tests are skipped with the reason. */
  available: boolean;
  /**
   * A new, empty store. Call `dispose` when done. `another()` opens a second connection to the
   * same store, as a second portal replica would (closed by `dispose`).
   */
  open(): Promise<{ db: Database; another: () => Database; dispose: () => Promise<void> }>;
}

const sqlite: TestBackend = {
  name: 'sqlite',
  available: true,
  async open() {
    const dir = mkdtempSync(path.join(tmpdir(), 'portal-store-'));
    const file = path.join(dir, 'portal.sqlite');
    const db = new SqliteDatabase(file);
    const others: Database[] = [];
    return {
      db,
      another: () => others[others.push(new SqliteDatabase(file)) - 1],
      dispose: async () => {
        await Promise.all(others.map((other) => other.close()));
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const postgres: TestBackend = {
  name: 'postgres',
  available: Boolean(TEST_DATABASE_URL),
  async open() {
    if (!TEST_DATABASE_URL) throw new Error(POSTGRES_SKIP_REASON);
    const schema = `test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const connect = () => new PostgresDatabase(TEST_DATABASE_URL, { options: `-c search_path=${schema}` });
    const db = connect();
    const others: Database[] = [];
    return {
      db,
      another: () => others[others.push(connect()) - 1],
      dispose: async () => {
        await Promise.all(others.map((other) => other.close()));
        await db.close();
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        await admin.end();
      },
    };
  },
};

export const TEST_BACKENDS: readonly TestBackend[] = [sqlite, postgres];
