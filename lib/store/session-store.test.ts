/**
 * Server-side sessions on each store (SQLite always, PostgreSQL when configured): a sealed cookie
 * is honoured only while its row lives, so sign-out ends it for good.
 */
import { randomBytes } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { beginSession, openSession, SESSION_MAX_AGE_S } from '@/lib/auth/session';

import { SESSION_PURGE_BATCH, SessionStore } from './session-store';
import { TEST_BACKENDS } from './test-backends';
import type { Database } from './types';

const key = randomBytes(32);
const olivia = { homeAccountId: 'oid-olivia.tid', name: 'Olivia Owner', username: 'olivia.owner@contoso.example' };
const rita = { homeAccountId: 'oid-rita.tid', name: 'Rita Reader', username: 'rita.reader@contoso.example' };

for (const backend of TEST_BACKENDS) {
  describe.skipIf(!backend.available)(`sessions on ${backend.name}`, () => {
    let db: Database;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      ({ db, dispose } = await backend.open());
    });
    afterAll(async () => dispose());

    it('honours a cookie while its row lives; sign-out ends it, and a new sign-in does not revive it', async () => {
      const store = new SessionStore(db);
      const before = await beginSession(key, olivia, store);
      const ritas = await beginSession(key, rita, store);
      expect(await openSession(key, before.sessionCookie, store)).toEqual(before.session);

      expect(await store.revokeAll(olivia.homeAccountId)).toBe(1);
      expect(await openSession(key, before.sessionCookie, store)).toBeNull();

      const after = await beginSession(key, olivia, store);
      expect(after.session.sessionId).not.toBe(before.session.sessionId);
      expect(await openSession(key, after.sessionCookie, store)).toEqual(after.session);
      expect(await openSession(key, before.sessionCookie, store)).toBeNull();
      // Another user's session is untouched, and a second store (another replica) sees the same.
      expect(await openSession(key, ritas.sessionCookie, new SessionStore(db))).toEqual(ritas.session);
      expect(await openSession(key, after.sessionCookie, new SessionStore(db))).toEqual(after.session);
    });

    it('ends every session of the user at sign-out: the token cache they share is gone', async () => {
      const store = new SessionStore(db);
      const user = { ...olivia, homeAccountId: 'oid-two-browsers.tid' };
      const laptop = await beginSession(key, user, store);
      const phone = await beginSession(key, user, store);
      expect(await store.revokeAll(user.homeAccountId)).toBe(2);
      expect(await openSession(key, laptop.sessionCookie, store)).toBeNull();
      expect(await openSession(key, phone.sessionCookie, store)).toBeNull();
      expect(await store.hasActiveSession(user.homeAccountId)).toBe(false);
    });

    it('never stores the session id, and refuses a row of another user', async () => {
      const store = new SessionStore(db);
      const { session } = await beginSession(key, { ...rita, homeAccountId: 'oid-hash.tid' }, store);
      const rows = await db.query<{ session_hash: string }>('SELECT session_hash FROM sessions');
      expect(rows.map((row) => row.session_hash).join()).not.toContain(session.sessionId);
      expect(await store.isActive(session.sessionId, 'oid-someone-else.tid')).toBe(false);
    });

    it('purges expired rows, a bounded batch at a time', async () => {
      const store = new SessionStore(db);
      const past = new Date(Date.UTC(2020, 0, 1));
      await store.purgeExpired();
      for (let n = 0; n < SESSION_PURGE_BATCH + 5; n += 1) {
        await db.execute('INSERT INTO sessions (session_hash, partition_key, created_at, expires_at) VALUES ($1, $2, $3, $3)', [`old-${n}`, 'oid-old.tid', past.toISOString()]);
      }
      const expired = async () => (await db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM sessions WHERE expires_at <= $1', [new Date().toISOString()]))[0].n;
      expect(Number(await expired())).toBe(SESSION_PURGE_BATCH + 5);
      // Signing in purges one batch; the next purge takes the rest.
      const fresh = await beginSession(key, { ...olivia, homeAccountId: 'oid-fresh.tid' }, store);
      expect(Number(await expired())).toBe(5);
      expect(await store.purgeExpired()).toBe(5);
      expect(await openSession(key, fresh.sessionCookie, store)).toEqual(fresh.session);
    });

    it('refuses a row past its expiry even before it is purged', async () => {
      const store = new SessionStore(db);
      const issued = Date.now();
      const { sessionCookie } = await beginSession(key, { ...olivia, homeAccountId: 'oid-late.tid' }, store, issued);
      // The cookie's own expiry allows 30 s of clock skew; the row does not.
      expect(await openSession(key, sessionCookie, store, issued + SESSION_MAX_AGE_S * 1000 + 10_000)).toBeNull();
    });
  });
}
