import { describe, expect, it, vi } from 'vitest';

import { SANDBOX_TOKEN } from '@/lib/sandbox/runtime';

import { credentialFromAuthorizationHeader, getPageCredential } from './request-credential';
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

describe('getPageCredential', () => {
  it('is the default sandbox user in sandbox mode', async () => {
    const credential = await getPageCredential();
    expect((await credential?.getToken('scope'))?.token).toBe(SANDBOX_TOKEN);
  });
});
