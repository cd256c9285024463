import 'server-only';

import { readFileSync } from 'node:fs';

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
 *
 * Sandbox mode, all optional (several replicas on one simulated Azure, README "Several replicas"):
 *
 * | variable | meaning |
 * |---|---|
 * | `SANDBOX_ARM_ENDPOINT` | origin of an emulator started on its own (`npm run sandbox`); the portal starts none |
 * | `SANDBOX_ARM_CA_FILE` | that emulator's CA certificate (PEM file); required with the endpoint, and only with it |
 * | `KUBECONFIGS_DIR` | with the endpoint: the emulator's kubeconfig folder it printed (Arc component health) |
 * | `SESSION_SECRET` | as in live mode; without it the session key is random per process, so replicas must share it |
 * | `TOKEN_CACHE_KEY` | as in live mode; without it random per process (a replica could not read another's token cache) |
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

/** An ARM emulator this portal uses instead of starting its own. */
export interface ExternalSandbox {
  /** Origin, without a trailing slash. */
  endpoint: string;
  /** PEM read from {@link caFile} at start. */
  ca: string;
  caFile: string;
  /** `KUBECONFIGS_DIR`: the folder `npm run sandbox` printed, when this host can read it (Arc component health). */
  kubeconfigDir?: string;
}

export interface SandboxSettings {
  /** Absent: the portal starts its embedded emulator. */
  external?: ExternalSandbox;
  /** Shared by replicas so a cookie sealed by one opens on another; absent: random per process. */
  sessionSecret?: string;
  /** Shared by replicas so the token cache in the shared database opens everywhere; absent: random per process. */
  tokenCacheKey?: Buffer;
}

export type PortalEnvironment = { mode: 'sandbox'; sandbox: SandboxSettings } | { mode: 'live'; live: LiveSettings };

/** A configuration problem found at startup; the message names the variable. */
export class EnvironmentConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvironmentConfigError';
  }
}

type Env = Record<string, string | undefined>;
/** Reads a file as UTF-8; a parameter so tests need no file system. */
export type ReadTextFile = (path: string) => string;

const sandboxKeysSchema = z.object({
  SESSION_SECRET: liveSettingsSchema.shape.SESSION_SECRET.optional(),
  TOKEN_CACHE_KEY: tokenCacheKey.optional(),
});

/** An emulator endpoint is an origin: `https://host:port`, nothing after it. */
const emulatorOrigin = httpsUrl.refine((url) => new URL(url).origin === url, { message: 'must be an origin such as https://127.0.0.1:8443 (no path)' });

function parseExternalSandbox(value: (key: string) => string | undefined, readFile: ReadTextFile): ExternalSandbox | undefined {
  const endpoint = value('SANDBOX_ARM_ENDPOINT');
  const caFile = value('SANDBOX_ARM_CA_FILE');
  if (!endpoint && !caFile) return undefined;
  if (!endpoint || !caFile) {
    const [present, missing] = endpoint ? ['SANDBOX_ARM_ENDPOINT', 'SANDBOX_ARM_CA_FILE'] : ['SANDBOX_ARM_CA_FILE', 'SANDBOX_ARM_ENDPOINT'];
    throw new EnvironmentConfigError(
      `The external sandbox is half-configured: ${present} is set but ${missing} is missing. Set both (\`npm run sandbox\` prints them), or neither to start the embedded emulator.`,
    );
  }
  const origin = emulatorOrigin.safeParse(endpoint.trim());
  if (!origin.success) throw new EnvironmentConfigError(`SANDBOX_ARM_ENDPOINT ${origin.error.issues[0]?.message ?? 'is invalid'}.`);
  let ca: string;
  try {
    ca = readFile(caFile.trim());
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
    throw new EnvironmentConfigError(`SANDBOX_ARM_CA_FILE cannot be read (${reason}): ${caFile.trim()}. Point it at the certificate \`npm run sandbox\` wrote.`);
  }
  if (!ca.includes('-----BEGIN CERTIFICATE-----')) {
    throw new EnvironmentConfigError(`SANDBOX_ARM_CA_FILE is not a PEM certificate: ${caFile.trim()}.`);
  }
  const kubeconfigDir = value('KUBECONFIGS_DIR')?.trim();
  return { endpoint: origin.data, ca, caFile: caFile.trim(), ...(kubeconfigDir ? { kubeconfigDir } : {}) };
}

function parseSandboxSettings(value: (key: string) => string | undefined, readFile: ReadTextFile): SandboxSettings {
  const external = parseExternalSandbox(value, readFile);
  const keys = sandboxKeysSchema.safeParse({ SESSION_SECRET: value('SESSION_SECRET'), TOKEN_CACHE_KEY: value('TOKEN_CACHE_KEY') });
  if (!keys.success) {
    const problems = keys.error.issues.map((issue) => `${String(issue.path[0])} ${issue.message}`);
    throw new EnvironmentConfigError(`Sandbox mode is misconfigured: ${problems.join('; ')}.`);
  }
  return {
    ...(external ? { external } : {}),
    ...(keys.data.SESSION_SECRET ? { sessionSecret: keys.data.SESSION_SECRET } : {}),
    ...(keys.data.TOKEN_CACHE_KEY ? { tokenCacheKey: Buffer.from(keys.data.TOKEN_CACHE_KEY, 'base64') } : {}),
  };
}

/**
 * Decides the mode from an environment record (exported for tests). Pure but for reading
 * `SANDBOX_ARM_CA_FILE` through `readFile`, so a missing certificate fails at start, by name.
 */
export function parsePortalEnvironment(env: Env, readFile: ReadTextFile = (file) => readFileSync(file, 'utf8')): PortalEnvironment {
  // Blank values count as unset (`AZURE_TENANT_ID=` in a .env file).
  const blankToUndefined = (key: string) => (env[key]?.trim() ? env[key] : undefined);
  const tenant = blankToUndefined('AZURE_TENANT_ID');
  const client = blankToUndefined('AZURE_CLIENT_ID');
  if (!tenant && !client) return { mode: 'sandbox', sandbox: parseSandboxSettings(blankToUndefined, readFile) };
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
