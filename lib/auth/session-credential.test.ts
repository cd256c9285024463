import { request } from 'node:https';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { AppError } from '@/lib/errors';
import { ensureSandbox } from '@/lib/sandbox/runtime';

import { decodeJwtPayload } from './test-jwt';
import { tokenCacheStore } from './msal-client';
import { SessionTokenCredential } from './session-credential';
import { signOut } from './sign-in';
import { signInAs } from './test-sign-in';

vi.stubEnv('AZURE_TENANT_ID', '');
vi.stubEnv('AZURE_CLIENT_ID', '');

/** The emulator's test hook: drop every refresh token of a user (as an admin revoking sessions). */
async function revoke(user: string): Promise<void> {
  const { endpoint, ca } = await ensureSandbox();
  await new Promise<void>((resolve, reject) => {
    const body = JSON.stringify({ user });
    const req = request(`${endpoint}/_sandbox/identity/revoke`, { method: 'POST', ca, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`revoke answered ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const TWO_HOURS_MS = 2 * 60 * 60 * 1000;

afterEach(() => vi.useRealTimers());

describe('SessionTokenCredential', () => {
  it('asks for the resource the caller names: ARM for any ARM scope, the AKS AAD server app for a clusterToken', async () => {
    const { connection, session } = await signInAs('contributor');
    const credential = new SessionTokenCredential(connection, session);
    const arm = await credential.getToken('https://management.azure.com/.default');
    const aks = await credential.getToken('6dae42f8-4368-4678-94ff-3960e28e3630/.default');
    expect(decodeJwtPayload(arm.token)).toMatchObject({ aud: 'https://management.azure.com', upn: 'carlos.contributor@contoso.example' });
    expect(decodeJwtPayload(aks.token)).toMatchObject({ aud: '6dae42f8-4368-4678-94ff-3960e28e3630', upn: 'carlos.contributor@contoso.example' });
    // Each is kept for its own resource: asking for ARM again does not hand out the AKS token.
    expect((await credential.getToken(['https://management.core.windows.net//.default'])).token).toBe(arm.token);
    expect((await credential.getToken('6dae42f8-4368-4678-94ff-3960e28e3630/.default')).token).toBe(aks.token);
  });

  it('acts for its own user only: caches are partitioned per user', async () => {
    const owner = await signInAs('owner');
    const reader = await signInAs('reader');
    expect(owner.session.homeAccountId).not.toBe(reader.session.homeAccountId);
    const ownerToken = await new SessionTokenCredential(owner.connection, owner.session).getToken();
    const readerToken = await new SessionTokenCredential(reader.connection, reader.session).getToken();
    expect(decodeJwtPayload(ownerToken.token)?.upn).toBe('olivia.owner@contoso.example');
    expect(decodeJwtPayload(readerToken.token)?.upn).toBe('rita.reader@contoso.example');
    const stored = await tokenCacheStore(owner.connection.tokenCacheKey).read(owner.session.homeAccountId);
    expect(stored).toContain(owner.session.homeAccountId);
    expect(stored).not.toContain(reader.session.homeAccountId);
  });

  it('refreshes an expired access token with the refresh token', async () => {
    const { connection, session } = await signInAs('contributor');
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + TWO_HOURS_MS });
    const token = await new SessionTokenCredential(connection, session).getToken();
    expect(token.expiresOnTimestamp).toBeGreaterThan(Date.now());
  });

  it('is a 401 "sign in again" once the refresh token is revoked and the access token expired', async () => {
    const { connection, session } = await signInAs('reader');
    await revoke('reader');
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + TWO_HOURS_MS });
    const failure = await new SessionTokenCredential(connection, session).getToken().catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'Unauthenticated', status: 401 });
  });

  it('is a 401 after sign-out: the user’s cache partition is gone', async () => {
    const { connection, session } = await signInAs('owner');
    await signOut(connection, session);
    await expect(new SessionTokenCredential(connection, session).getToken()).rejects.toMatchObject({ status: 401 });
  });
});
