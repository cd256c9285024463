import { describe, expect, it, vi } from 'vitest';

import { SANDBOX_TOKEN } from '@/lib/sandbox/runtime';

import { decodeJwtPayload } from './test-jwt';
import { credentialFromAuthorizationHeader, credentialFromRequest } from './request-credential';
import { SESSION_COOKIE_NAME } from './session-cookie';
import { signOut } from './sign-in';
import { signInAs } from './test-sign-in';
import { AccessTokenCredential, DEFAULT_TOKEN_LIFETIME_MS } from './token-credential';

vi.stubEnv('AZURE_TENANT_ID', '');
vi.stubEnv('AZURE_CLIENT_ID', '');

describe('credentialFromAuthorizationHeader', () => {
  it('wraps a bearer token', async () => {
    const credential = credentialFromAuthorizationHeader(new Headers({ authorization: 'Bearer eyJ0eXAi.abc-_~+/=' }));
    const token = await credential?.getToken('https://management.azure.com/.default');
    expect(token?.token).toBe('eyJ0eXAi.abc-_~+/=');
  });

  it('accepts any casing of the scheme', () => {
    expect(credentialFromAuthorizationHeader(new Headers({ authorization: 'bearer abc' }))).not.toBeNull();
  });

  it.each(['', 'Bearer', 'Bearer ', 'Basic abc', 'Bearer a b', 'Token abc', 'Bearer "quoted"'])('rejects %j', (header) => {
    expect(credentialFromAuthorizationHeader(new Headers(header ? { authorization: header } : {}))).toBeNull();
  });
});

describe('AccessTokenCredential', () => {
  it('expires in about an hour unless told otherwise', async () => {
    const before = Date.now();
    const token = await new AccessTokenCredential('t').getToken();
    expect(token.expiresOnTimestamp).toBeGreaterThanOrEqual(before + DEFAULT_TOKEN_LIFETIME_MS);
    expect((await new AccessTokenCredential('t', 42).getToken()).expiresOnTimestamp).toBe(42);
  });

  it('never serialises its token', () => {
    expect(JSON.stringify({ credential: new AccessTokenCredential('very-secret') })).not.toContain('very-secret');
  });
});

describe('credentialFromRequest: one rule for every route', () => {
  const url = 'http://localhost:3999/api/v1/clusters';

  it('takes the bearer header, else the session cookie, else 401', async () => {
    const bearer = await credentialFromRequest(new Request(url, { headers: { authorization: `Bearer ${SANDBOX_TOKEN}` } }));
    expect((await bearer.getToken('scope'))?.token).toBe(SANDBOX_TOKEN);

    const { sessionCookie } = await signInAs('reader');
    const cookie = `${SESSION_COOKIE_NAME}=${sessionCookie}`;
    const fromSession = await credentialFromRequest(new Request(url, { headers: { cookie } }));
    expect(decodeJwtPayload((await fromSession.getToken('scope'))?.token ?? '')?.upn).toBe('rita.reader@contoso.example');

    await expect(credentialFromRequest(new Request(url))).rejects.toMatchObject({ code: 'Unauthenticated', status: 401 });
  });

  it('refuses a malformed header even with a session, and a forged or foreign cookie', async () => {
    const { sessionCookie } = await signInAs('owner');
    const cookie = `${SESSION_COOKIE_NAME}=${sessionCookie}`;
    await expect(credentialFromRequest(new Request(url, { headers: { cookie, authorization: 'Basic abc' } }))).rejects.toMatchObject({ status: 401 });
    await expect(credentialFromRequest(new Request(url, { headers: { cookie: `${SESSION_COOKIE_NAME}=${sessionCookie.slice(0, -4)}AAAA` } }))).rejects.toMatchObject({ status: 401 });
  });
});

describe('sign-out ends the session server-side', () => {
  const url = 'http://localhost:3999/api/v1/clusters';

  it('refuses a cookie saved before sign-out, even after the user signs in anew', async () => {
    const first = await signInAs('owner');
    const saved = `${SESSION_COOKIE_NAME}=${first.sessionCookie}`;
    expect(await credentialFromRequest(new Request(url, { headers: { cookie: saved } }))).toBeDefined();
    await signOut(first.connection, first.session);
    await expect(credentialFromRequest(new Request(url, { headers: { cookie: saved } }))).rejects.toMatchObject({ status: 401 });

    const second = await signInAs('owner');
    await expect(credentialFromRequest(new Request(url, { headers: { cookie: saved } }))).rejects.toMatchObject({ status: 401 });
    expect(await credentialFromRequest(new Request(url, { headers: { cookie: `${SESSION_COOKIE_NAME}=${second.sessionCookie}` } }))).toBeDefined();
  });
});
