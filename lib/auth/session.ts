import 'server-only';

import { randomBytes } from 'node:crypto';

import { EncryptJWT, jwtDecrypt } from 'jose';

import type { SessionStore } from '@/lib/store/session-store';

import { SESSION_COOKIE_NAME } from './session-cookie';

/**
 * The two cookies of sign-in, both encrypted JWTs (JWE `dir` + `A256GCM` through `jose`) so the
 * browser can neither read nor forge them:
 *
 * - the session ({@link SESSION_COOKIE_NAME}): ids only (who, which cache partition, a random
 *   session id), never a token; tokens stay in the server-side cache. The session id must have
 *   its row in the store ({@link openSession}): sign-out deletes it, so a copied cookie dies
 *   with the session instead of living out its 8 hours;
 * - the pending sign-in (`azureml_portal_signin`): state, nonce, PKCE verifier and return path
 *   between the redirect to the authority and the callback, for ten minutes.
 *
 * Expiry is inside the encrypted payload (`exp`), so a cookie kept past its max age is refused
 * even if the browser still sends it.
 */

/** How long a session lasts without signing in again (a working day). */
export const SESSION_MAX_AGE_S = 8 * 60 * 60;
/** How long the authority may take to send the user back. */
export const PENDING_SIGN_IN_MAX_AGE_S = 10 * 60;
/** Cookie holding the pending sign-in; scoped to `/auth` so pages never carry it. */
export const PENDING_SIGN_IN_COOKIE_NAME = 'azureml_portal_signin';
/** Clock skew tolerated between portal instances, in seconds. */
const CLOCK_TOLERANCE_S = 30;
/** Distinguishes the two cookie kinds, so one can never be replayed as the other. */
const SESSION_PURPOSE = 'session';
const PENDING_PURPOSE = 'pending-sign-in';

/** Who is signed in. */
export interface SessionData {
  /** MSAL home account id: the user's token cache partition. */
  homeAccountId: string;
  /** Display name, for the header. */
  name: string;
  /** Sign-in name (UPN). */
  username: string;
  /** Random id of this sign-in; its row in the session store keeps the cookie alive. */
  sessionId: string;
}

/** Random bytes of a session id: unguessable, and not derived from anything about the user. */
const SESSION_ID_BYTES = 32;

/** What the callback needs to finish a sign-in it started. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

async function seal(key: Uint8Array, purpose: string, payload: Record<string, string>, maxAgeS: number, now: number): Promise<string> {
  const issuedAt = Math.floor(now / 1000);
  return new EncryptJWT({ ...payload, purpose })
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + maxAgeS)
    .encrypt(key);
}

async function unseal(key: Uint8Array, purpose: string, sealed: string | undefined, now: number): Promise<Record<string, unknown> | null> {
  if (!sealed) return null;
  try {
    const { payload } = await jwtDecrypt(sealed, key, {
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256GCM'],
      clockTolerance: CLOCK_TOLERANCE_S,
      currentDate: new Date(now),
    });
    return payload.purpose === purpose ? payload : null;
  } catch {
    // Expired, tampered, written under another key (a restart in sandbox mode): no session.
    return null;
  }
}

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/** Encrypts a session for the cookie. */
export function sealSession(key: Uint8Array, session: SessionData, now = Date.now()): Promise<string> {
  const { homeAccountId, name, username, sessionId } = session;
  return seal(key, SESSION_PURPOSE, { homeAccountId, name, username, sid: sessionId }, SESSION_MAX_AGE_S, now);
}

/**
 * The session in a cookie value, or null when it is missing, expired, tampered or foreign, or has
 * no session id (a cookie of the format before server-side sessions: it cannot be revoked, so it
 * is not honoured). Only the cookie: {@link openSession} also checks the store.
 */
export async function unsealSession(key: Uint8Array, sealed: string | undefined, now = Date.now()): Promise<SessionData | null> {
  const payload = await unseal(key, SESSION_PURPOSE, sealed, now);
  const homeAccountId = text(payload?.homeAccountId);
  const sessionId = text(payload?.sid);
  if (!payload || !homeAccountId || !sessionId) return null;
  return { homeAccountId, name: text(payload.name) ?? homeAccountId, username: text(payload.username) ?? '', sessionId };
}

/** Starts a session: a new random id, its row in the store (8 hours), and the sealed cookie. */
export async function beginSession(
  key: Uint8Array,
  identity: Omit<SessionData, 'sessionId'>,
  sessions: SessionStore,
  now = Date.now(),
): Promise<{ session: SessionData; sessionCookie: string }> {
  const session: SessionData = { ...identity, sessionId: randomBytes(SESSION_ID_BYTES).toString('base64url') };
  await sessions.create(session.sessionId, session.homeAccountId, new Date(now + SESSION_MAX_AGE_S * 1000), new Date(now));
  return { session, sessionCookie: await sealSession(key, session, now) };
}

/**
 * The session of a cookie when its row is still in the store (not signed out, not expired), else
 * null. Checked on every request, against the shared store: a sign-out on one replica holds on
 * all. A store failure throws: authentication fails closed.
 */
export async function openSession(key: Uint8Array, sealed: string | undefined, sessions: SessionStore, now = Date.now()): Promise<SessionData | null> {
  const session = await unsealSession(key, sealed, now);
  if (!session) return null;
  return (await sessions.isActive(session.sessionId, session.homeAccountId, new Date(now))) ? session : null;
}

/** Encrypts a pending sign-in for its cookie. */
export function sealPendingSignIn(key: Uint8Array, pending: PendingSignIn, now = Date.now()): Promise<string> {
  return seal(key, PENDING_PURPOSE, { ...pending }, PENDING_SIGN_IN_MAX_AGE_S, now);
}

/** The pending sign-in, or null when missing, expired or tampered. */
export async function unsealPendingSignIn(key: Uint8Array, sealed: string | undefined, now = Date.now()): Promise<PendingSignIn | null> {
  const payload = await unseal(key, PENDING_PURPOSE, sealed, now);
  const state = text(payload?.state);
  const nonce = text(payload?.nonce);
  const codeVerifier = text(payload?.codeVerifier);
  if (!state || !nonce || !codeVerifier) return null;
  return { state, nonce, codeVerifier, returnTo: text(payload?.returnTo) ?? '/' };
}

/** Cookie attributes: HttpOnly, SameSite=Lax, Secure everywhere but plain-HTTP localhost. */
export function cookieOptions(portalOrigin: string, maxAgeS: number, path = '/') {
  const url = new URL(portalOrigin);
  const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  return { httpOnly: true, sameSite: 'lax' as const, secure: url.protocol === 'https:' || !loopback, path, maxAge: maxAgeS };
}

/** Reads one cookie from a raw `Cookie` header (route handlers and plain `Request`s in tests). */
export function readCookie(headers: Headers, name: string): string | undefined {
  for (const part of (headers.get('cookie') ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

export { SESSION_COOKIE_NAME };
