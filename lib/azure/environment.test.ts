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
    expect(parsePortalEnvironment({})).toEqual({ mode: 'sandbox', sandbox: {} });
    expect(parsePortalEnvironment({ AZURE_TENANT_ID: '', AZURE_CLIENT_ID: '  ' })).toEqual({ mode: 'sandbox', sandbox: {} });
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

describe('parsePortalEnvironment in sandbox mode: an emulator started on its own, keys shared by replicas', () => {
  const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
  const files: Record<string, string> = { '/run/sandbox/ca.pem': PEM, '/run/sandbox/not-a-cert.txt': 'hello' };
  const readFile = (file: string) => {
    if (file in files) return files[file];
    throw Object.assign(new Error(`ENOENT: no such file, open '${file}'`), { code: 'ENOENT' });
  };
  const EXTERNAL = { SANDBOX_ARM_ENDPOINT: 'https://127.0.0.1:8443/', SANDBOX_ARM_CA_FILE: '/run/sandbox/ca.pem' };

  it('uses the external emulator when both variables are set, with the CA read from the file', () => {
    expect(parsePortalEnvironment({ ...EXTERNAL, KUBECONFIGS_DIR: '/run/sandbox/kube' }, readFile)).toEqual({
      mode: 'sandbox',
      sandbox: { external: { endpoint: 'https://127.0.0.1:8443', ca: PEM, caFile: '/run/sandbox/ca.pem', kubeconfigDir: '/run/sandbox/kube' } },
    });
  });

  it('names the missing half when only one of the two is set', () => {
    expect(() => parsePortalEnvironment({ SANDBOX_ARM_ENDPOINT: EXTERNAL.SANDBOX_ARM_ENDPOINT }, readFile)).toThrow(
      /SANDBOX_ARM_ENDPOINT is set but SANDBOX_ARM_CA_FILE is missing/,
    );
    expect(() => parsePortalEnvironment({ SANDBOX_ARM_CA_FILE: EXTERNAL.SANDBOX_ARM_CA_FILE }, readFile)).toThrow(
      /SANDBOX_ARM_CA_FILE is set but SANDBOX_ARM_ENDPOINT is missing/,
    );
    expect(() => parsePortalEnvironment({ SANDBOX_ARM_CA_FILE: EXTERNAL.SANDBOX_ARM_CA_FILE }, readFile)).toThrow(EnvironmentConfigError);
  });

  it('names the CA file when it is missing or not a certificate', () => {
    expect(() => parsePortalEnvironment({ ...EXTERNAL, SANDBOX_ARM_CA_FILE: '/run/sandbox/gone.pem' }, readFile)).toThrow(
      /SANDBOX_ARM_CA_FILE cannot be read \(ENOENT\): \/run\/sandbox\/gone\.pem/,
    );
    expect(() => parsePortalEnvironment({ ...EXTERNAL, SANDBOX_ARM_CA_FILE: '/run/sandbox/not-a-cert.txt' }, readFile)).toThrow(
      /SANDBOX_ARM_CA_FILE is not a PEM certificate/,
    );
  });

  it('refuses an endpoint that is not an HTTPS origin', () => {
    expect(() => parsePortalEnvironment({ ...EXTERNAL, SANDBOX_ARM_ENDPOINT: 'http://127.0.0.1:8443' }, readFile)).toThrow(/SANDBOX_ARM_ENDPOINT/);
    expect(() => parsePortalEnvironment({ ...EXTERNAL, SANDBOX_ARM_ENDPOINT: 'https://127.0.0.1:8443/arm' }, readFile)).toThrow(/SANDBOX_ARM_ENDPOINT must be an origin/);
  });

  it('takes SESSION_SECRET and TOKEN_CACHE_KEY so replicas share their keys, validated as in live mode', () => {
    const shared = parsePortalEnvironment({ SESSION_SECRET: 's'.repeat(40), TOKEN_CACHE_KEY: LIVE.TOKEN_CACHE_KEY }, readFile);
    expect(shared).toEqual({ mode: 'sandbox', sandbox: { sessionSecret: 's'.repeat(40), tokenCacheKey: Buffer.alloc(32, 7) } });
    expect(() => parsePortalEnvironment({ SESSION_SECRET: 'short' }, readFile)).toThrow(/Sandbox mode is misconfigured: SESSION_SECRET must be at least 32 characters/);
    expect(() => parsePortalEnvironment({ TOKEN_CACHE_KEY: 'not base64!' }, readFile)).toThrow(/TOKEN_CACHE_KEY must be base64/);
  });
});
