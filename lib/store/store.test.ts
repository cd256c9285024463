import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { databaseConfigFromEnv } from './database';
import { toPositionalParams } from './sql-params';
import { POSTGRES_SKIP_REASON, TEST_BACKENDS } from './test-backends';
import type { Database, Migration } from './types';

describe('databaseConfigFromEnv', () => {
  it('is SQLite under ./.data by default, and under PORTAL_DATA_DIR when set', () => {
    expect(databaseConfigFromEnv({})).toEqual({ kind: 'sqlite', file: expect.stringMatching(/[/\\]\.data[/\\]portal\.sqlite$/) });
    expect(databaseConfigFromEnv({ PORTAL_DATA_DIR: '/var/lib/portal', DATABASE_URL: ' ' })).toEqual({
      kind: 'sqlite',
      file: '/var/lib/portal/portal.sqlite',
    });
  });

  it('is PostgreSQL for a postgres:// or postgresql:// DATABASE_URL, and refuses anything else', () => {
    expect(databaseConfigFromEnv({ DATABASE_URL: 'postgres://u@db/portal' })).toEqual({ kind: 'postgres', url: 'postgres://u@db/portal' });
    expect(databaseConfigFromEnv({ DATABASE_URL: 'postgresql://u@db/portal' }).kind).toBe('postgres');
    expect(() => databaseConfigFromEnv({ DATABASE_URL: 'mysql://u@db/portal' })).toThrow(/postgres:\/\//);
  });
});

describe('toPositionalParams', () => {
  it('binds $n in order of appearance, twice when used twice', () => {
    expect(toPositionalParams('SELECT * FROM t WHERE a = $2 OR b = $1 OR c = $2', ['x', 'y'])).toEqual({
      sql: 'SELECT * FROM t WHERE a = ? OR b = ? OR c = ?',
      params: ['y', 'x', 'y'],
    });
  });

  it('refuses a placeholder without a value', () => {
    expect(() => toPositionalParams('SELECT $3', ['a'])).toThrow(RangeError);
  });
});

const NOTES: readonly Migration[] = [
  { version: 1, description: 'notes', statements: ['CREATE TABLE IF NOT EXISTS notes (id TEXT PRIMARY KEY, body TEXT NOT NULL, n INTEGER)'] },
  { version: 2, description: 'index', statements: ['CREATE INDEX IF NOT EXISTS notes_n ON notes (n)'] },
];

for (const backend of TEST_BACKENDS) {
  describe.skipIf(!backend.available)(`store on ${backend.name}`, () => {
    let db: Database;
    let dispose: () => Promise<void>;

    beforeEach(async () => {
      ({ db, dispose } = await backend.open());
    });
    afterEach(async () => dispose());

    it('applies each migration once, per component, and records it', async () => {
      await db.migrate('notes', NOTES);
      await db.migrate('notes', NOTES);
      await db.migrate('other', [{ version: 1, description: 'other', statements: ['CREATE TABLE IF NOT EXISTS other (id TEXT)'] }]);
      const applied = await db.query<{ component: string; version: number }>(
        'SELECT component, version FROM schema_migrations ORDER BY component, version',
      );
      expect(applied.map((row) => [row.component, Number(row.version)])).toEqual([
        ['notes', 1],
        ['notes', 2],
        ['other', 1],
      ]);
    });

    it('refuses two migrations with one version', async () => {
      await expect(db.migrate('dup', [NOTES[0], { ...NOTES[1], version: 1 }])).rejects.toThrow(/version 1/);
    });

    it('writes and reads with $n parameters, reporting changed rows', async () => {
      await db.migrate('notes', NOTES);
      expect(await db.execute('INSERT INTO notes (id, body, n) VALUES ($1, $2, $3)', ['a', "it's", 1])).toEqual({ changes: 1 });
      await db.execute('INSERT INTO notes (id, body, n) VALUES ($1, $2, $3)', ['b', 'second', null]);
      expect(await db.execute('UPDATE notes SET n = $1 WHERE n IS NULL OR n = $1', [7])).toEqual({ changes: 1 });
      const rows = await db.query<{ id: string; body: string; n: number }>('SELECT id, body, n FROM notes WHERE id IN ($1, $2) ORDER BY id', ['a', 'b']);
      expect(rows.map((row) => ({ ...row, n: Number(row.n) }))).toEqual([
        { id: 'a', body: "it's", n: 1 },
        { id: 'b', body: 'second', n: 7 },
      ]);
    });
  });
}

describe.skipIf(TEST_BACKENDS.every((backend) => backend.available))('store on postgres (not configured)', () => {
  it.skip(POSTGRES_SKIP_REASON, () => undefined);
});
