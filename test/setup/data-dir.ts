/**
 * vitest `setupFiles`: one store per test file. Each file gets its own PORTAL_DATA_DIR, a fresh
 * temporary directory, so what one file writes to the portal's SQLite store (audit rows,
 * remembered certificates, sessions) is never read by another: a shared directory made tests
 * depend on which files ran before them.
 *
 * This runs in the file's own worker before its imports, so before anything opens the store.
 * The store is a per-process singleton (lib/store/database.ts keeps it on globalThis) and needs no
 * reset: vitest runs each test file in a fresh worker (`isolate`, vitest.config.mts), so the
 * singleton is first opened after this, under this directory. DATABASE_URL is left alone: the
 * PostgreSQL tests open their own schema through TEST_DATABASE_URL (lib/store/test-backends.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll } from 'vitest';

/** The prefix of every test file's data directory under the system's temp directory. */
export const TEST_DATA_DIR_PREFIX = 'azureml-portal-vitest-';

const dir = mkdtempSync(path.join(tmpdir(), TEST_DATA_DIR_PREFIX));
process.env.PORTAL_DATA_DIR = dir;

// Hooks run in reverse order of registration: this one after the file's own, once nothing writes.
afterAll(() => rmSync(dir, { recursive: true, force: true }));
