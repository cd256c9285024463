import { describe, expect, it } from 'vitest';

import { DEFAULT_ARM_ENDPOINT, DEFAULT_AUTHORITY_HOST, EnvironmentConfigError, parsePortalEnvironment } from './environment';

const LIVE = {
  AZURE_TENANT_ID: 'tenant',
  AZURE_CLIENT_ID: 'client',
  AZURE_CLIENT_SECRET: 'secret',
  PORTAL_BASE_URL: 'https://portal.contoso.example/',
  SESSION_SECRET: 'x'.repeat(32),
  TOKEN_CACHE_KEY: Buffer.alloc(32, 7).toString('base64'),
};

describe('parsePortalEnvironment', () => {
  it('is sandbox with no Azure settings, or blank ones', () => {
    expect(parsePortalEnvironment({})).toEqual({ mode: 'sandbox' });
    expect(parsePortalEnvironment({ AZURE_TENANT_ID: '', AZURE_CLIENT_ID: '  ' })).toEqual({ mode: 'sandbox' });
  });

  it('is live with tenant and client id, applying the documented defaults', () => {
    expect(parsePortalEnvironment(LIVE)).toEqual({
      mode: 'live',
      live: {
        tenantId: 'tenant',
        clientId: 'client',
        clientSecret: 'secret',
        portalBaseUrl: 'https://portal.contoso.example',
        sessionSecret: 'x'.repeat(32),
        tokenCacheKey: Buffer.alloc(32, 7),
        armEndpoint: DEFAULT_ARM_ENDPOINT,
        authorityHost: DEFAULT_AUTHORITY_HOST,
      },
    });
  });

  it('takes ARM and authority overrides (sovereign clouds)', () => {
    const env = parsePortalEnvironment({ ...LIVE, AZURE_ARM_ENDPOINT: 'https://management.usgovcloudapi.net/', AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.us' });
    expect(env.mode === 'live' && env.live.armEndpoint).toBe('https://management.usgovcloudapi.net');
  });

  it('names the missing half of a half-configured live mode', () => {
    expect(() => parsePortalEnvironment({ AZURE_TENANT_ID: 'tenant' })).toThrow(/AZURE_CLIENT_ID is missing/);
    expect(() => parsePortalEnvironment({ AZURE_CLIENT_ID: 'client' })).toThrow(/AZURE_TENANT_ID is missing/);
    expect(() => parsePortalEnvironment({ AZURE_CLIENT_ID: 'client' })).toThrow(EnvironmentConfigError);
  });

  it('names every other missing or invalid live variable', () => {
    expect(() => parsePortalEnvironment({ AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c' })).toThrow(
      /AZURE_CLIENT_SECRET is missing; PORTAL_BASE_URL is missing; SESSION_SECRET is missing/,
    );
    expect(() => parsePortalEnvironment({ ...LIVE, SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET must be at least 32 characters/);
    expect(() => parsePortalEnvironment({ ...LIVE, AZURE_ARM_ENDPOINT: 'http://insecure.example' })).toThrow(/AZURE_ARM_ENDPOINT/);
    expect(() => parsePortalEnvironment({ ...LIVE, TOKEN_CACHE_KEY: undefined })).toThrow(/TOKEN_CACHE_KEY is missing/);
    expect(() => parsePortalEnvironment({ ...LIVE, TOKEN_CACHE_KEY: Buffer.alloc(16).toString('base64') })).toThrow(/TOKEN_CACHE_KEY must decode to 32 bytes/);
    expect(() => parsePortalEnvironment({ ...LIVE, TOKEN_CACHE_KEY: 'not base64!' })).toThrow(/TOKEN_CACHE_KEY must be base64/);
  });
});
