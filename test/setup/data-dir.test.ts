import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { databaseConfigFromEnv, SQLITE_FILE_NAME } from '@/lib/store/database';

import { TEST_DATA_DIR_PREFIX } from './data-dir';

describe('the test setup (test/setup/data-dir.ts)', () => {
  it("gives this file a fresh temporary data directory, where the portal's store will be", () => {
    const dir = process.env.PORTAL_DATA_DIR ?? '';
    expect(path.dirname(dir)).toBe(tmpdir());
    expect(path.basename(dir).startsWith(TEST_DATA_DIR_PREFIX)).toBe(true);
    // Nothing of another test file: a directory shared by the run would hold their portal.sqlite.
    expect(readdirSync(dir)).toEqual([]);
    expect(databaseConfigFromEnv(process.env)).toEqual({ kind: 'sqlite', file: path.join(dir, SQLITE_FILE_NAME) });
  });
});
