import 'server-only';

import { hkdfSync, randomBytes } from 'node:crypto';

import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, SANDBOX_IDENTITY_TENANT_ID } from '@/lib/sandbox/identities';
import { ensureSandbox, type SandboxConnection } from '@/lib/sandbox/runtime';

import { getPortalEnvironment, type SandboxSettings } from './environment';

/**
 * THE place where the portal decides which ARM it talks to. Live: the real ARM endpoint. Sandbox:
 * the embedded emulator on loopback HTTPS, or the one `SANDBOX_ARM_ENDPOINT` names (started on its
 * own with `npm run sandbox`, shared by replicas), trusted through its own CA for these clients only.
 * Everything else (SDK calls, error handling, auth) is identical in both modes; apart from
 * lib/sandbox itself, this is the only module that knows the sandbox exists.
 */

/** ARM tokens are issued for this resource whatever endpoint serves the calls. */
export const ARM_SCOPE = 'https://management.azure.com/.default';

export interface ArmConnection {
  /** Origin of ARM, without a trailing slash. */
  endpoint: string;
  /** Extra CA to trust (sandbox only). TLS verification is never turned off. */
  tlsOptions?: { ca: string };
  credentialScopes: string[];
}

/** The embedded emulator, or the external one the environment names (`SANDBOX_ARM_ENDPOINT`). */
export function sandboxEmulator(settings: SandboxSettings): Promise<SandboxConnection> {
  return ensureSandbox(settings.external);
}

export async function getArmConnection(): Promise<ArmConnection> {
  const environment = getPortalEnvironment();
  if (environment.mode === 'live') {
    return { endpoint: environment.live.armEndpoint, credentialScopes: [ARM_SCOPE] };
  }
  const emulator = await sandboxEmulator(environment.sandbox);
  return { endpoint: emulator.endpoint, tlsOptions: tlsOptionsFor(emulator.ca), credentialScopes: [ARM_SCOPE] };
}

/**
 * One TLS settings object per CA, on `globalThis` so every Next.js bundle shares it. The SDKs'
 * HTTP client keeps one keep-alive https.Agent per settings *object* (a WeakMap by identity): a
 * fresh `{ ca }` per request meant a new Agent, a new TLS context (the CA parsed, OpenSSL's root
 * store copied) and a new handshake for every client of every request, which is where most of the
 * memory of 200 distinct pollers went (bench/README.md). An Agent is only a connection pool: the
 * caller's token goes in each request's header, so sharing it never mixes callers.
 */
const TLS_OPTIONS = Symbol.for('azureml-portal.sandbox-tls-options');
type TlsGlobal = typeof globalThis & { [TLS_OPTIONS]?: { ca: string } };

export function tlsOptionsFor(ca: string): { ca: string } {
  const g = globalThis as TlsGlobal;
  if (g[TLS_OPTIONS]?.ca !== ca) g[TLS_OPTIONS] = { ca };
  return g[TLS_OPTIONS];
}

/** The delegated scope every ARM call is made with: ARM acts as the signed-in person. */
export const ARM_USER_IMPERSONATION_SCOPE = 'https://management.azure.com/user_impersonation';

/**
 * Where users sign in and which keys protect their session, decided here with the ARM endpoint
 * so the two never disagree. Live: Entra ID (`AZURE_AUTHORITY_HOST/AZURE_TENANT_ID`) with the keys
 * from the environment. Sandbox: the running emulator's own sign-in authority on its loopback
 * endpoint (trusted through its CA), with random per-process keys unless `SESSION_SECRET` and
 * `TOKEN_CACHE_KEY` are set: alone, a restart signs everyone out, which is what a sandbox should
 * do; replicas sharing one emulator and one database set both, so a session begun on one opens on
 * the other.
 */
export interface SignInConnection {
  mode: 'live' | 'sandbox';
  /** e.g. `https://login.microsoftonline.com/<tenant>` or `https://127.0.0.1:PORT/<tenant>`. */
  authority: string;
  clientId: string;
  clientSecret: string;
  /**
   * Sandbox only: the authority's metadata for msal (`authorityMetadata`, `cloudDiscoveryMetadata`),
   * so msal never calls the real instance discovery. The authorize endpoint is a page of the portal
   * itself (`/sandbox/authorize` on `portalOrigin`): the browser would not trust the emulator.
   */
  metadata?: { authorityMetadata: string; cloudDiscoveryMetadata: string };
  /** Extra CA to trust for the token endpoint (sandbox only). */
  ca?: string;
  /** Origin of the emulator (sandbox only), where the authorize page asks for codes. */
  emulatorEndpoint?: string;
  /** Public origin of the portal: the redirect URI is `${portalOrigin}/auth/callback`. */
  portalOrigin: string;
  /** 32 bytes: encrypts the session cookie. */
  sessionKey: Uint8Array;
  /** 32 bytes: encrypts the token cache at rest. */
  tokenCacheKey: Uint8Array;
}

/** The sandbox authority's tenant alias, and the first segment of the portal's authorize page. */
const SANDBOX_AUTHORITY_ALIAS = 'sandbox';

// Per-process random keys for the sandbox, shared by every Next.js bundle through globalThis.
const SANDBOX_KEYS = Symbol.for('azureml-portal.sandbox-sign-in-keys');
type KeysGlobal = typeof globalThis & { [SANDBOX_KEYS]?: { sessionKey: Uint8Array; tokenCacheKey: Uint8Array } };

function sandboxKeys(settings: SandboxSettings): { sessionKey: Uint8Array; tokenCacheKey: Uint8Array } {
  const g = globalThis as KeysGlobal;
  g[SANDBOX_KEYS] ??= {
    sessionKey: settings.sessionSecret ? sessionKeyFromSecret(settings.sessionSecret) : randomBytes(32),
    tokenCacheKey: settings.tokenCacheKey ? new Uint8Array(settings.tokenCacheKey) : randomBytes(32),
  };
  return g[SANDBOX_KEYS];
}

/** The session key from `SESSION_SECRET` (any length from 32 characters): HKDF to exactly 32 bytes. */
function sessionKeyFromSecret(secret: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, 'azureml-portal', 'session-cookie-v1', 32));
}

/**
 * The sign-in authority and keys. `requestOrigin` is the origin the browser used (sandbox only:
 * live mode always uses `PORTAL_BASE_URL`, never a Host header).
 */
export async function getSignInConnection(requestOrigin: string): Promise<SignInConnection> {
  const environment = getPortalEnvironment();
  if (environment.mode === 'live') {
    const live = environment.live;
    return {
      mode: 'live',
      authority: `${live.authorityHost}/${live.tenantId}`,
      clientId: live.clientId,
      clientSecret: live.clientSecret,
      portalOrigin: live.portalBaseUrl,
      sessionKey: sessionKeyFromSecret(live.sessionSecret),
      tokenCacheKey: new Uint8Array(live.tokenCacheKey),
    };
  }
  const emulator = await sandboxEmulator(environment.sandbox);
  // msal keys its cache by host:port, so the authority follows the running emulator's endpoint;
  // after a restart on another port the cache simply misses and users sign in again.
  // The authority's path is `sandbox`, a tenant alias (as Entra accepts a tenant's domain name):
  // msal rewrites the first path segment of every endpoint to the authority's, and the authorize
  // page lives at `/sandbox/authorize` on the portal. The token endpoint names the tenant id.
  const authority = `${emulator.endpoint}/${SANDBOX_AUTHORITY_ALIAS}`;
  const tenantBase = `${emulator.endpoint}/${SANDBOX_IDENTITY_TENANT_ID}`;
  const host = new URL(emulator.endpoint).host;
  const authorityMetadata = {
    issuer: `${tenantBase}/v2.0`,
    authorization_endpoint: `${requestOrigin}/${SANDBOX_AUTHORITY_ALIAS}/authorize`,
    token_endpoint: `${tenantBase}/oauth2/v2.0/token`,
    end_session_endpoint: `${requestOrigin}/signin`,
    jwks_uri: `${tenantBase}/discovery/v2.0/keys`,
  };
  const cloudDiscoveryMetadata = {
    tenant_discovery_endpoint: `${tenantBase}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  };
  return {
    mode: 'sandbox',
    authority,
    clientId: SANDBOX_CLIENT_ID,
    clientSecret: SANDBOX_CLIENT_SECRET,
    metadata: { authorityMetadata: JSON.stringify(authorityMetadata), cloudDiscoveryMetadata: JSON.stringify(cloudDiscoveryMetadata) },
    ca: emulator.ca,
    emulatorEndpoint: emulator.endpoint,
    portalOrigin: requestOrigin,
    ...sandboxKeys(environment.sandbox),
  };
}
