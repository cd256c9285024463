import { randomBytes } from 'node:crypto';

import { EncryptJWT } from 'jose';
import { describe, expect, it } from 'vitest';

import {
  cookieOptions,
  PENDING_SIGN_IN_MAX_AGE_S,
  readCookie,
  sealPendingSignIn,
  sealSession,
  SESSION_MAX_AGE_S,
  unsealPendingSignIn,
  unsealSession,
} from './session';

const key = randomBytes(32);
const session = { homeAccountId: 'oid.tid', name: 'Olivia Owner', username: 'olivia.owner@contoso.example', sessionId: 'sid-1' };
const pending = { state: 's', nonce: 'n', codeVerifier: 'v', returnTo: '/fleet' };

describe('session cookie', () => {
  it('round-trips ids only, encrypted', async () => {
    const sealed = await sealSession(key, session);
    expect(sealed).not.toContain('Olivia');
    expect(await unsealSession(key, sealed)).toEqual(session);
  });

  it('is refused once older than its max age', async () => {
    const issued = Date.now();
    const sealed = await sealSession(key, session, issued);
    expect(await unsealSession(key, sealed, issued + (SESSION_MAX_AGE_S - 60) * 1000)).toEqual(session);
    expect(await unsealSession(key, sealed, issued + (SESSION_MAX_AGE_S + 60) * 1000)).toBeNull();
  });

  it('is refused when tampered with, written under another key, or missing', async () => {
    const sealed = await sealSession(key, session);
    const parts = sealed.split('.');
    const ciphertext = Buffer.from(parts[3], 'base64url');
    ciphertext[0] ^= 1;
    parts[3] = ciphertext.toString('base64url');
    expect(await unsealSession(key, parts.join('.'))).toBeNull();
    expect(await unsealSession(randomBytes(32), sealed)).toBeNull();
    expect(await unsealSession(key, undefined)).toBeNull();
    expect(await unsealSession(key, 'not-a-jwe')).toBeNull();
  });

  it('refuses a cookie of the old format, without a session id: it could never be revoked', async () => {
    const now = Math.floor(Date.now() / 1000);
    const old = await new EncryptJWT({ homeAccountId: session.homeAccountId, name: session.name, username: session.username, purpose: 'session' })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .encrypt(key);
    expect(await unsealSession(key, old)).toBeNull();
  });

  it('never accepts a pending sign-in as a session, or the reverse', async () => {
    expect(await unsealSession(key, await sealPendingSignIn(key, pending))).toBeNull();
    expect(await unsealPendingSignIn(key, await sealSession(key, session))).toBeNull();
  });
});

describe('pending sign-in cookie', () => {
  it('round-trips and expires after its max age', async () => {
    const issued = Date.now();
    const sealed = await sealPendingSignIn(key, pending, issued);
    expect(await unsealPendingSignIn(key, sealed, issued)).toEqual(pending);
    expect(await unsealPendingSignIn(key, sealed, issued + (PENDING_SIGN_IN_MAX_AGE_S + 60) * 1000)).toBeNull();
  });
});

describe('cookieOptions', () => {
  it('is HttpOnly and SameSite=Lax, Secure except on plain-HTTP loopback', () => {
    expect(cookieOptions('http://localhost:3000', 60)).toMatchObject({ httpOnly: true, sameSite: 'lax', secure: false });
    expect(cookieOptions('http://127.0.0.1:3000', 60).secure).toBe(false);
    expect(cookieOptions('https://portal.contoso.example', 60).secure).toBe(true);
    expect(cookieOptions('http://portal.contoso.example', 60).secure).toBe(true);
  });
});

describe('readCookie', () => {
  it('finds one cookie among several', () => {
    const headers = new Headers({ cookie: 'a=1; azureml_portal_session=abc.def; b=2' });
    expect(readCookie(headers, 'azureml_portal_session')).toBe('abc.def');
    expect(readCookie(headers, 'missing')).toBeUndefined();
  });
});
