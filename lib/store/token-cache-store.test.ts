import { randomBytes } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { TEST_BACKENDS } from './test-backends';
import { openCacheBlob, sealCacheBlob, TokenCacheIntegrityError, TokenCacheStore } from './token-cache-store';
import type { Database } from './types';

const key = randomBytes(32);
const cache = JSON.stringify({ Account: { a: { home_account_id: 'oid-1.tid' } }, RefreshToken: { r: { secret: 'refresh-secret' } } });

describe('sealCacheBlob / openCacheBlob', () => {
  it('round-trips and hides the plaintext', async () => {
    const sealed = await sealCacheBlob(key, 'oid-1.tid', cache);
    expect(sealed).not.toContain('refresh-secret');
    expect(Buffer.from(sealed.split('.')[3] ?? '', 'base64url').toString('utf8')).not.toContain('refresh-secret');
    expect(await openCacheBlob(key, 'oid-1.tid', sealed)).toBe(cache);
  });

  it('detects a flipped bit in the ciphertext, the tag or the header', async () => {
    const sealed = await sealCacheBlob(key, 'oid-1.tid', cache);
    for (const part of [0, 2, 3, 4]) {
      const parts = sealed.split('.');
      const bytes = Buffer.from(parts[part], 'base64url');
      bytes[bytes.length - 1] ^= 1;
      parts[part] = bytes.toString('base64url');
      await expect(openCacheBlob(key, 'oid-1.tid', parts.join('.')), `part ${part}`).rejects.toBeInstanceOf(TokenCacheIntegrityError);
    }
  });

  it('refuses another key, and a blob moved to another user’s partition', async () => {
    const sealed = await sealCacheBlob(key, 'oid-1.tid', cache);
    await expect(openCacheBlob(randomBytes(32), 'oid-1.tid', sealed)).rejects.toBeInstanceOf(TokenCacheIntegrityError);
    await expect(openCacheBlob(key, 'oid-2.tid', sealed)).rejects.toBeInstanceOf(TokenCacheIntegrityError);
  });
});

for (const backend of TEST_BACKENDS) {
  describe.skipIf(!backend.available)(`TokenCacheStore on ${backend.name}`, () => {
    let db: Database;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      ({ db, dispose } = await backend.open());
    });
    afterAll(async () => dispose());

    it('keeps one encrypted partition per user, overwrites it, and forgets it', async () => {
      const store = new TokenCacheStore(db, key);
      await store.write('oid-1.tid', 'one');
      await store.write('oid-2.tid', 'two');
      await store.write('oid-1.tid', 'one, refreshed');
      expect(await store.read('oid-1.tid')).toBe('one, refreshed');
      expect(await store.read('oid-2.tid')).toBe('two');
      expect(await store.read('oid-3.tid')).toBeNull();
      const rows = await db.query<{ value: string }>('SELECT value FROM token_cache');
      expect(rows).toHaveLength(2);
      expect(rows.map((r) => r.value).join()).not.toContain('refreshed');
      await store.remove('oid-1.tid');
      expect(await store.read('oid-1.tid')).toBeNull();
      expect(await store.read('oid-2.tid')).toBe('two');
    });

    it('reads a swapped or tampered row as no cache (the user signs in again)', async () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const store = new TokenCacheStore(db, key);
      await store.write('victim', 'victim tokens');
      await store.write('attacker', 'attacker tokens');
      await db.execute("UPDATE token_cache SET value = (SELECT value FROM token_cache WHERE partition_key = 'victim') WHERE partition_key = 'attacker'");
      expect(await store.read('attacker')).toBeNull();
      expect(await new TokenCacheStore(db, randomBytes(32)).read('victim')).toBeNull();
      expect(warn).toHaveBeenCalled();
      warn.mockRestore();
    });
  });
}
