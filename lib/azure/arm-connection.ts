import 'server-only';

import type { TokenCredential } from '@azure/core-auth';

import { AccessTokenCredential } from '@/lib/auth/token-credential';
import { ensureSandbox, SANDBOX_TOKEN } from '@/lib/sandbox/runtime';

import { getPortalEnvironment } from './environment';

/**
 * THE place where the portal decides which ARM it talks to. Live: the real ARM endpoint. Sandbox:
 * the embedded emulator on loopback HTTPS, trusted through its own CA for these clients only.
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

export async function getArmConnection(): Promise<ArmConnection> {
  const environment = getPortalEnvironment();
  if (environment.mode === 'live') {
    return { endpoint: environment.live.armEndpoint, credentialScopes: [ARM_SCOPE] };
  }
  const emulator = await ensureSandbox();
  return { endpoint: emulator.endpoint, tlsOptions: { ca: emulator.ca }, credentialScopes: [ARM_SCOPE] };
}

/**
 * The credential to use when a request carries none of its own: the sandbox's default user in
 * sandbox mode, nobody (null) in live mode. Lives here so auth code needs no sandbox branch.
 */
export function getDefaultSandboxCredential(): TokenCredential | null {
  return getPortalEnvironment().mode === 'sandbox' ? new AccessTokenCredential(SANDBOX_TOKEN) : null;
}
