import 'server-only';

import type { TokenCredential } from '@azure/core-auth';

import { getDefaultSandboxCredential } from '@/lib/azure/arm-connection';

import { AccessTokenCredential } from './token-credential';

/** `Bearer <token>`: one scheme word, one token, nothing else (RFC 6750 token68 characters). */
const BEARER_PATTERN = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i;

/**
 * The caller's ARM token from `Authorization: Bearer <token>`, for API clients (CLI scripts,
 * tests). Missing, empty or malformed headers give null, never an exception.
 */
export function credentialFromAuthorizationHeader(headers: Headers): TokenCredential | null {
  const header = headers.get('authorization')?.trim();
  if (!header) return null;
  const token = BEARER_PATTERN.exec(header)?.[1];
  return token ? new AccessTokenCredential(token) : null;
}

/**
 * The credential server components use to render a page for the current visitor.
 *
 * Browser sessions (sign-in) are not built yet; until they are, this is whatever the connection
 * layer offers when nobody is signed in: the sandbox's default user in sandbox mode, null in live
 * mode (the page then asks the visitor to sign in).
 */
export async function getPageCredential(): Promise<TokenCredential | null> {
  return getDefaultSandboxCredential();
}
