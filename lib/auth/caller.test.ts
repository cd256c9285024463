import { describe, expect, it, vi } from 'vitest';

import { SANDBOX_TOKEN } from '@/lib/sandbox/runtime';

import { describeCaller, labelOfToken, UNKNOWN_CALLER } from './caller';
import { AccessTokenCredential } from './token-credential';

vi.stubEnv('AZURE_TENANT_ID', '');
vi.stubEnv('AZURE_CLIENT_ID', '');

/** An unsigned JWT with the given claims (signature checks are ARM's job, not the label's). */
function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`;
}

describe('labelOfToken', () => {
  it('names a JWT caller by oid and name', () => {
    expect(labelOfToken(jwt({ oid: 'o-1', name: 'Ada Admin', upn: 'ada@contoso.example' }), 'live')).toEqual({ id: 'o-1', name: 'Ada Admin' });
  });

  it('falls back to preferred_username, upn and sub', () => {
    expect(labelOfToken(jwt({ sub: 's-1', preferred_username: 'ada@contoso.example' }), 'live')).toEqual({ id: 's-1', name: 'ada@contoso.example' });
    expect(labelOfToken(jwt({ upn: 'bob@contoso.example' }), 'live')).toEqual({ id: 'bob@contoso.example', name: 'bob@contoso.example' });
  });

  it('is Unknown caller for a JWT without identity claims or with a broken payload', () => {
    expect(labelOfToken(jwt({ aud: 'https://management.azure.com' }), 'live')).toEqual(UNKNOWN_CALLER);
    expect(labelOfToken('a.%%%.c', 'live')).toEqual(UNKNOWN_CALLER);
  });

  it('never stores an opaque token in live mode, and names sandbox users by their token', () => {
    expect(labelOfToken('opaque-secret-token', 'live')).toEqual(UNKNOWN_CALLER);
    expect(labelOfToken(SANDBOX_TOKEN, 'sandbox')).toEqual({ id: 'sandbox-user', name: 'sandbox-user' });
    expect(labelOfToken('x'.repeat(65), 'sandbox')).toEqual(UNKNOWN_CALLER);
  });
});

describe('describeCaller', () => {
  it('reads the credential’s token (sandbox mode)', async () => {
    expect(await describeCaller(new AccessTokenCredential(SANDBOX_TOKEN))).toEqual({ id: 'sandbox-user', name: 'sandbox-user' });
    expect(await describeCaller(new AccessTokenCredential(jwt({ oid: 'o-2', name: 'Eve' })))).toEqual({ id: 'o-2', name: 'Eve' });
  });

  it('is Unknown caller when the credential fails', async () => {
    const failing = { getToken: async () => Promise.reject(new Error('expired')) };
    expect(await describeCaller(failing)).toEqual(UNKNOWN_CALLER);
  });
});
