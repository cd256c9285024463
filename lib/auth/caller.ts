import 'server-only';

import { createHash } from 'node:crypto';

import type { TokenCredential } from '@azure/core-auth';

import { ARM_SCOPE } from '@/lib/azure/arm-connection';

import { sessionOfCredential } from './session-credential';

/** Who is acting, as a label for people (the audit trail). */
export interface CallerLabel {
  id: string;
  name: string;
}

/** What the trail says when the credential gives nothing usable. */
export const UNKNOWN_CALLER: CallerLabel = { id: 'unknown', name: 'Unknown caller' };

/** The name of every bearer-token caller: the portal cannot verify who a token belongs to. */
export const OPAQUE_CALLER_NAME = 'API caller (opaque token)';
/** Hex characters of the token's SHA-256 kept as its id: enough to tell callers apart, useless to replay. */
const OPAQUE_ID_HEX = 16;

/**
 * Pure: the label of a bearer token. ALWAYS opaque, whatever the token looks like: the portal
 * cannot check a token's signature (sandbox tokens are HS256 under the emulator's secret; live
 * ones would need Entra's keys and audience rules), and a JWT's unverified claims are whatever the
 * sender typed: `{"oid": "<Olivia>", "name": "Olivia Owner"}` would put rows in Olivia's name.
 * The token is a secret: only a short hash of it is kept, so entries of one caller still group.
 */
export function labelOfToken(token: string): CallerLabel {
  const hash = createHash('sha256').update(token, 'utf8').digest('hex').slice(0, OPAQUE_ID_HEX);
  return { id: `token:${hash}`, name: OPAQUE_CALLER_NAME };
}

/**
 * Who a credential acts for, for the audit trail and per-caller keys (idempotency): labels only,
 * never for authorisation. Only the portal's own session names a person (its id is the msal home
 * account id, its name the one the sign-in returned, both sealed in the session cookie by the
 * portal); any other credential is an opaque bearer token. Never throws.
 */
export async function describeCaller(credential: TokenCredential): Promise<CallerLabel> {
  const session = sessionOfCredential(credential);
  if (session) return { id: session.homeAccountId, name: session.name };
  try {
    const token = await credential.getToken(ARM_SCOPE);
    return token?.token ? labelOfToken(token.token) : UNKNOWN_CALLER;
  } catch {
    return UNKNOWN_CALLER;
  }
}
