import 'server-only';

import { z } from 'zod';

/**
 * Which Azure the portal talks to, decided once from the environment.
 *
 * Live mode: `AZURE_TENANT_ID` and `AZURE_CLIENT_ID` are both set. The other live variables:
 *
 * | variable | required | meaning |
 * |---|---|---|
 * | `AZURE_TENANT_ID` | yes | Entra tenant users sign in to |
 * | `AZURE_CLIENT_ID` | yes | app registration (client) id |
 * | `AZURE_CLIENT_SECRET` | yes | its client secret (confidential client for the code flow) |
 * | `PORTAL_BASE_URL` | yes | public origin of the portal, for the redirect URI |
 * | `SESSION_SECRET` | yes | at least 32 characters; encrypts the session cookie |
 * | `TOKEN_CACHE_KEY` | yes | 32 random bytes, base64 (`openssl rand -base64 32`); encrypts the token cache at rest |
 * | `AZURE_ARM_ENDPOINT` | no | default `https://management.azure.com` |
 * | `AZURE_AUTHORITY_HOST` | no | default `https://login.microsoftonline.com` |
 *
 * With none of `AZURE_TENANT_ID` / `AZURE_CLIENT_ID` set the portal runs in sandbox mode against
 * the embedded ARM emulator. Setting only one of them, or setting both but missing another
 * required live variable, is a startup error that names the variable: a half-configured live
 * portal must not silently fall back to the sandbox.
 */
export type PortalMode = 'live' | 'sandbox';

export const DEFAULT_ARM_ENDPOINT = 'https://management.azure.com';
export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
const MIN_SESSION_SECRET_LENGTH = 32;
/** AES-256-GCM needs exactly 32 key bytes. */
export const TOKEN_CACHE_KEY_BYTES = 32;

/** Standard base64 decoding exactly {@link TOKEN_CACHE_KEY_BYTES} bytes (what `openssl rand -base64 32` prints). */
const tokenCacheKey = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'must be base64 (generate one with `openssl rand -base64 32`)')
  .refine((value) => Buffer.from(value, 'base64').length === TOKEN_CACHE_KEY_BYTES, {
    message: `must decode to ${TOKEN_CACHE_KEY_BYTES} bytes (generate one with \`openssl rand -base64 32\`)`,
  });

const httpsUrl = z
  .url({ protocol: /^https$/ })
  .transform((url) => url.replace(/\/+$/, ''));

const liveSettingsSchema = z.object({
  AZURE_TENANT_ID: z.string().trim().min(1),
  AZURE_CLIENT_ID: z.string().trim().min(1),
  AZURE_CLIENT_SECRET: z.string().min(1),
  PORTAL_BASE_URL: z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, '')),
  SESSION_SECRET: z.string().min(MIN_SESSION_SECRET_LENGTH, `must be at least ${MIN_SESSION_SECRET_LENGTH} characters`),
  TOKEN_CACHE_KEY: tokenCacheKey,
  AZURE_ARM_ENDPOINT: httpsUrl.default(DEFAULT_ARM_ENDPOINT),
  AZURE_AUTHORITY_HOST: httpsUrl.default(DEFAULT_AUTHORITY_HOST),
});

export interface LiveSettings {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  portalBaseUrl: string;
  sessionSecret: string;
  /** The 32-byte key that encrypts the token cache at rest. */
  tokenCacheKey: Buffer;
  armEndpoint: string;
  authorityHost: string;
}

export type PortalEnvironment = { mode: 'sandbox' } | { mode: 'live'; live: LiveSettings };

/** A configuration problem found at startup; the message names the variable. */
export class EnvironmentConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvironmentConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Pure: decides the mode from an environment record (exported for tests). */
export function parsePortalEnvironment(env: Env): PortalEnvironment {
  // Blank values count as unset (`AZURE_TENANT_ID=` in a .env file).
  const blankToUndefined = (key: string) => (env[key]?.trim() ? env[key] : undefined);
  const tenant = blankToUndefined('AZURE_TENANT_ID');
  const client = blankToUndefined('AZURE_CLIENT_ID');
  if (!tenant && !client) return { mode: 'sandbox' };
  if (!tenant || !client) {
    const missing = tenant ? 'AZURE_CLIENT_ID' : 'AZURE_TENANT_ID';
    const present = tenant ? 'AZURE_TENANT_ID' : 'AZURE_CLIENT_ID';
    throw new EnvironmentConfigError(
      `Live mode is half-configured: ${present} is set but ${missing} is missing. Set ${missing}, or unset ${present} to run the sandbox.`,
    );
  }

  const candidate = Object.fromEntries(
    Object.keys(liveSettingsSchema.shape).map((key) => [key, blankToUndefined(key)]),
  );
  const parsed = liveSettingsSchema.safeParse(candidate);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? 'environment');
      return candidate[variable] === undefined ? `${variable} is missing` : `${variable} ${issue.message}`;
    });
    throw new EnvironmentConfigError(`Live mode (AZURE_TENANT_ID and AZURE_CLIENT_ID are set) is misconfigured: ${problems.join('; ')}.`);
  }
  const value = parsed.data;
  return {
    mode: 'live',
    live: {
      tenantId: value.AZURE_TENANT_ID,
      clientId: value.AZURE_CLIENT_ID,
      clientSecret: value.AZURE_CLIENT_SECRET,
      portalBaseUrl: value.PORTAL_BASE_URL,
      sessionSecret: value.SESSION_SECRET,
      tokenCacheKey: Buffer.from(value.TOKEN_CACHE_KEY, 'base64'),
      armEndpoint: value.AZURE_ARM_ENDPOINT,
      authorityHost: value.AZURE_AUTHORITY_HOST,
    },
  };
}

let cached: PortalEnvironment | undefined;

/** The environment, read and validated on first use and then kept for the life of the process. */
export function getPortalEnvironment(): PortalEnvironment {
  cached ??= parsePortalEnvironment(process.env);
  return cached;
}

export function getPortalMode(): PortalMode {
  return getPortalEnvironment().mode;
}

/** The live settings; throws when the portal runs in sandbox mode. */
export function getLiveSettings(): LiveSettings {
  const environment = getPortalEnvironment();
  if (environment.mode !== 'live') {
    throw new EnvironmentConfigError('Live settings requested, but the portal runs in sandbox mode (AZURE_TENANT_ID and AZURE_CLIENT_ID are not set).');
  }
  return environment.live;
}
