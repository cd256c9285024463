import 'server-only';

import type { TokenCredential } from '@azure/core-auth';

import { ARM_SCOPE } from '@/lib/azure/arm-connection';
import { getPortalMode } from '@/lib/azure/environment';

/** Who is acting, as a label for people (the audit trail). */
export interface CallerLabel {
  id: string;
  name: string;
}

/** What the trail says when the token tells nothing usable. */
export const UNKNOWN_CALLER: CallerLabel = { id: 'unknown', name: 'Unknown caller' };

/** Sandbox user names are short opaque tokens (the default is `sandbox-user`). */
const SANDBOX_NAME = /^[A-Za-z0-9._-]{1,64}$/;
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
 * `upn`, `unique_name`). Opaque tokens are named only in sandbox mode, where the emulator treats
 * any token as a user name; in live mode an opaque token is a secret and is never stored.
 */
export function labelOfToken(token: string, mode: 'live' | 'sandbox'): CallerLabel {
  const payload = decodeJwtPayload(token);
  if (payload) {
    const id = claim(payload, 'oid', 'sub');
    const name = claim(payload, 'name', 'preferred_username', 'upn', 'unique_name');
    if (!id && !name) return UNKNOWN_CALLER;
    return { id: id ?? name ?? UNKNOWN_CALLER.id, name: name ?? id ?? UNKNOWN_CALLER.name };
  }
  if (mode === 'sandbox' && SANDBOX_NAME.test(token)) return { id: token, name: token };
  return UNKNOWN_CALLER;
}

/**
 * Who a credential acts for, for the audit trail: labels only, never for authorisation (the
 * claims are not verified). Sign-in (a later issue) will pass the session's user instead; this
 * is the seam. Never throws: an unreadable token is "Unknown caller".
 */
export async function describeCaller(credential: TokenCredential): Promise<CallerLabel> {
  try {
    const token = await credential.getToken(ARM_SCOPE);
    return token?.token ? labelOfToken(token.token, getPortalMode()) : UNKNOWN_CALLER;
  } catch {
    return UNKNOWN_CALLER;
  }
}
