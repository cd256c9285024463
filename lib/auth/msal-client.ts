import 'server-only';

import { request as httpsRequest, Agent } from 'node:https';

import {
  ConfidentialClientApplication,
  type ICachePlugin,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
  type TokenCacheContext,
} from '@azure/msal-node';

import type { SignInConnection } from '@/lib/azure/arm-connection';
import { getDatabase } from '@/lib/store/database';
import { TokenCacheStore } from '@/lib/store/token-cache-store';

/**
 * msal-node for the portal: one ConfidentialClientApplication per request (msal's own guidance
 * for web apps with a distributed cache), whose cache lives in the store, one encrypted partition
 * per user. A per-request app never holds two users' tokens in memory.
 *
 * A new app costs no round trip to Entra for the authority's metadata: msal-common (16.x) carries
 * the OpenID endpoints and instance-discovery aliases of the public and sovereign cloud hosts
 * (login.microsoftonline.com, .us, .cn, ...) with `{tenantid}` templating, and uses them before the
 * network (Authority.updateEndpointMetadataFromLocalSources). Checked with a live-shaped
 * authority on a machine without internet access: getAuthCodeUrl answers at once.
 */

/** Every token the portal asks for: ARM on the user's behalf, plus OpenID for who they are. */
export const SIGN_IN_SCOPES = ['https://management.azure.com/user_impersonation', 'openid', 'profile', 'offline_access'];
/** Token endpoint calls give up after this long. */
const NETWORK_TIMEOUT_MS = 15_000;

/** Cache stores per key, shared by every bundle (one migration per process). */
const STORES = Symbol.for('azureml-portal.token-cache-stores');
type StoresGlobal = typeof globalThis & { [STORES]?: Map<string, TokenCacheStore> };

/** The process's token cache store for a key. */
export function tokenCacheStore(key: Uint8Array): TokenCacheStore {
  const g = globalThis as StoresGlobal;
  g[STORES] ??= new Map();
  const id = Buffer.from(key).toString('base64');
  let store = g[STORES].get(id);
  if (!store) {
    store = new TokenCacheStore(getDatabase(), key);
    g[STORES].set(id, store);
  }
  return store;
}

/**
 * Loads one user's partition before msal reads its cache and saves it after msal changed it.
 * Without a partition key yet (the code redemption of a sign-in) it starts empty and takes the
 * key from the single account msal just wrote.
 */
export class PartitionedCachePlugin implements ICachePlugin {
  constructor(
    private readonly store: TokenCacheStore,
    private partitionKey: string | null,
  ) {}

  /** The partition this plugin reads and writes (null before a sign-in completes). */
  get partition(): string | null {
    return this.partitionKey;
  }

  async beforeCacheAccess(context: TokenCacheContext): Promise<void> {
    if (!this.partitionKey) return;
    const serialized = await this.store.read(this.partitionKey);
    if (serialized) context.tokenCache.deserialize(serialized);
  }

  async afterCacheAccess(context: TokenCacheContext): Promise<void> {
    if (!context.cacheHasChanged) return;
    const serialized = context.tokenCache.serialize();
    this.partitionKey ??= homeAccountIdOf(serialized);
    if (this.partitionKey) await this.store.write(this.partitionKey, serialized);
  }
}

/** The home account id of the only account in a serialised cache (null for none or several). */
function homeAccountIdOf(serialized: string): string | null {
  const accounts = Object.values((JSON.parse(serialized) as { Account?: Record<string, { home_account_id?: string }> }).Account ?? {});
  const ids = new Set(accounts.map((account) => account.home_account_id).filter((id): id is string => Boolean(id)));
  return ids.size === 1 ? [...ids][0] : null;
}

/** msal's network calls over an agent that trusts one extra CA (the sandbox authority's). */
class CaTrustingNetworkClient implements INetworkModule {
  readonly #agent: Agent;

  constructor(ca: string) {
    this.#agent = new Agent({ ca, keepAlive: true });
  }

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    return this.#send<T>('GET', url, options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.#send<T>('POST', url, options);
  }

  #send<T>(method: string, url: string, options?: NetworkRequestOptions, timeout = NETWORK_TIMEOUT_MS): Promise<NetworkResponse<T>> {
    return new Promise((resolve, reject) => {
      const body = options?.body ?? '';
      const req = httpsRequest(
        url,
        { method, agent: this.#agent, timeout, headers: { ...options?.headers, ...(method === 'POST' ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const headers: Record<string, string> = {};
            for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') headers[name] = value;
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = {};
            try {
              parsed = text ? JSON.parse(text) : {};
            } catch {
              parsed = { error: 'invalid_response', error_description: 'The sign-in authority did not answer JSON.' };
            }
            resolve({ headers, body: parsed as T, status: res.statusCode ?? 500 });
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`The sign-in authority did not answer within ${timeout} ms.`)));
      req.on('error', reject);
      if (method === 'POST') req.write(body);
      req.end();
    });
  }
}

// One network client per CA for the life of the process (it holds a keep-alive agent).
const NETWORK = Symbol.for('azureml-portal.msal-network');
type NetworkGlobal = typeof globalThis & { [NETWORK]?: { ca: string; client: CaTrustingNetworkClient } };

function networkClientFor(ca: string): CaTrustingNetworkClient {
  const g = globalThis as NetworkGlobal;
  if (g[NETWORK]?.ca !== ca) g[NETWORK] = { ca, client: new CaTrustingNetworkClient(ca) };
  return g[NETWORK].client;
}

/** A fresh msal app for one request, its cache bound to `partitionKey` (null while signing in). */
export function createMsalClient(connection: SignInConnection, partitionKey: string | null): { app: ConfidentialClientApplication; cache: PartitionedCachePlugin } {
  const cache = new PartitionedCachePlugin(tokenCacheStore(connection.tokenCacheKey), partitionKey);
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: connection.clientId,
      clientSecret: connection.clientSecret,
      authority: connection.authority,
      ...(connection.metadata
        ? { knownAuthorities: [new URL(connection.authority).host], authorityMetadata: connection.metadata.authorityMetadata, cloudDiscoveryMetadata: connection.metadata.cloudDiscoveryMetadata }
        : {}),
    },
    cache: { cachePlugin: cache },
    system: connection.ca ? { networkClient: networkClientFor(connection.ca) } : undefined,
  });
  return { app, cache };
}
