import { describe, expect, it, vi } from 'vitest';

import { SANDBOX_TOKEN } from '@/lib/sandbox/runtime';

import { describeCaller, labelOfToken, OPAQUE_CALLER_NAME, UNKNOWN_CALLER } from './caller';
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
    expect(labelOfToken(jwt({ oid: 'o-1', name: 'Ada Admin', upn: 'ada@contoso.example' }))).toEqual({ id: 'o-1', name: 'Ada Admin' });
  });

  it('falls back to preferred_username, upn and sub', () => {
    expect(labelOfToken(jwt({ sub: 's-1', preferred_username: 'ada@contoso.example' }))).toEqual({ id: 's-1', name: 'ada@contoso.example' });
    expect(labelOfToken(jwt({ upn: 'bob@contoso.example' }))).toEqual({ id: 'bob@contoso.example', name: 'bob@contoso.example' });
  });

  it('is Unknown caller for a JWT without identity claims; a broken payload is just an opaque token', () => {
    expect(labelOfToken(jwt({ aud: 'https://management.azure.com' }))).toEqual(UNKNOWN_CALLER);
    expect(labelOfToken('a.%%%.c').name).toBe(OPAQUE_CALLER_NAME);
  });

  it('never stores an opaque token: a short hash tells callers apart', () => {
    const label = labelOfToken('opaque-secret-token');
    expect(label.name).toBe(OPAQUE_CALLER_NAME);
    expect(label.id).toMatch(/^token:[0-9a-f]{16}$/);
    expect(JSON.stringify(label)).not.toContain('opaque-secret-token');
    expect(labelOfToken('opaque-secret-token')).toEqual(label);
    expect(labelOfToken('another-token').id).not.toBe(label.id);
  });
});

describe('describeCaller', () => {
  it('reads the credential’s token', async () => {
    expect(await describeCaller(new AccessTokenCredential(SANDBOX_TOKEN))).toEqual(labelOfToken(SANDBOX_TOKEN));
    expect(await describeCaller(new AccessTokenCredential(jwt({ oid: 'o-2', name: 'Eve' })))).toEqual({ id: 'o-2', name: 'Eve' });
  });

  it('is Unknown caller when the credential fails', async () => {
    const failing = { getToken: async () => Promise.reject(new Error('expired')) };
    expect(await describeCaller(failing)).toEqual(UNKNOWN_CALLER);
  });
});
