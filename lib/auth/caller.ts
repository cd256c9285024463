import 'server-only';

import { createHash } from 'node:crypto';

import type { TokenCredential } from '@azure/core-auth';

import { ARM_SCOPE } from '@/lib/azure/arm-connection';

/** Who is acting, as a label for people (the audit trail). */
export interface CallerLabel {
  id: string;
  name: string;
}

/** What the trail says when the token tells nothing usable. */
export const UNKNOWN_CALLER: CallerLabel = { id: 'unknown', name: 'Unknown caller' };

/** The name of a caller whose token is opaque (not a JWT), such as an API client's. */
export const OPAQUE_CALLER_NAME = 'API caller (opaque token)';
/** Hex characters of the token's SHA-256 kept as its id: enough to tell callers apart, useless to replay. */
const OPAQUE_ID_HEX = 16;
/** Longest label kept from a claim. */
const MAX_LABEL_LENGTH = 200;

function claim(payload: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = payload[name];
    if (typeof value === 'string' && value.trim()) return value.trim().slice(0, MAX_LABEL_LENGTH);
  }
  return undefined;
}

/**
 * Pure: the JWT payload of a token, or null when it is not a JWT. The signature is NOT checked:
 * ARM checks the token on every call; here it only names the caller in the trail.
 */
export function decodeJwtPayload(token: string): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Pure: the label of a token. JWT: `oid` (else `sub`) and `name` (else `preferred_username`,
 * `upn`, `unique_name`). An opaque token names no one and is a secret: the trail keeps only a
 * short hash of it, so entries of one caller can be told apart without storing the token.
 */
export function labelOfToken(token: string): CallerLabel {
  const payload = decodeJwtPayload(token);
  if (payload) {
    const id = claim(payload, 'oid', 'sub');
    const name = claim(payload, 'name', 'preferred_username', 'upn', 'unique_name');
    if (!id && !name) return UNKNOWN_CALLER;
    return { id: id ?? name ?? UNKNOWN_CALLER.id, name: name ?? id ?? UNKNOWN_CALLER.name };
  }
  const hash = createHash('sha256').update(token, 'utf8').digest('hex').slice(0, OPAQUE_ID_HEX);
  return { id: `token:${hash}`, name: OPAQUE_CALLER_NAME };
}

/**
 * Who a credential acts for, for the audit trail: labels only, never for authorisation (the
 * claims are not verified). A signed-in user's token is a JWT naming them. Never throws: an
 * unreadable token is "Unknown caller".
 */
export async function describeCaller(credential: TokenCredential): Promise<CallerLabel> {
  try {
    const token = await credential.getToken(ARM_SCOPE);
    return token?.token ? labelOfToken(token.token) : UNKNOWN_CALLER;
  } catch {
    return UNKNOWN_CALLER;
  }
}
