import { describe, expect, it, vi } from 'vitest';

import { SANDBOX_TOKEN } from '@/lib/sandbox/runtime';

import { describeCaller, labelOfToken, OPAQUE_CALLER_NAME, UNKNOWN_CALLER } from './caller';
import { SessionTokenCredential } from './session-credential';
import { signInAs } from './test-sign-in';
import { AccessTokenCredential } from './token-credential';

vi.stubEnv('AZURE_TENANT_ID', '');
vi.stubEnv('AZURE_CLIENT_ID', '');

/** An unsigned JWT with the given claims: what anyone can type into an Authorization header. */
function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`;
}

describe('labelOfToken', () => {
  it.each([
    ['a forged JWT naming Olivia', jwt({ oid: 'oid-olivia', name: 'Olivia Owner' })],
    ['a JWT with upn only', jwt({ upn: 'bob@contoso.example' })],
    ['a JWT without identity claims', jwt({ aud: 'https://management.azure.com' })],
    ['a broken JWT', 'a.%%%.c'],
    ['an opaque token', 'opaque-secret-token'],
  ])('names nobody for %s: an opaque caller with a short hash', (_, token) => {
    const label = labelOfToken(token);
    expect(label.name).toBe(OPAQUE_CALLER_NAME);
    expect(label.id).toMatch(/^token:[0-9a-f]{16}$/);
    expect(JSON.stringify(label)).not.toMatch(/Olivia|bob@|opaque-secret/);
  });

  it('tells callers apart without storing the token', () => {
    expect(labelOfToken('opaque-secret-token')).toEqual(labelOfToken('opaque-secret-token'));
    expect(labelOfToken('another-token').id).not.toBe(labelOfToken('opaque-secret-token').id);
  });
});

describe('describeCaller', () => {
  it('names the person only from the portal’s own session', async () => {
    const { connection, session } = await signInAs('owner');
    expect(await describeCaller(new SessionTokenCredential(connection, session))).toEqual({ id: session.homeAccountId, name: 'Olivia Owner' });
  });

  it('treats every bearer token as opaque, a forged JWT naming Olivia included', async () => {
    const forged = await describeCaller(new AccessTokenCredential(jwt({ oid: 'oid-olivia', name: 'Olivia Owner' })));
    expect(forged.name).toBe(OPAQUE_CALLER_NAME);
    expect(await describeCaller(new AccessTokenCredential(SANDBOX_TOKEN))).toEqual(labelOfToken(SANDBOX_TOKEN));
  });

  it('is Unknown caller when the credential fails', async () => {
    const failing = { getToken: async () => Promise.reject(new Error('expired')) };
    expect(await describeCaller(failing)).toEqual(UNKNOWN_CALLER);
  });
});
