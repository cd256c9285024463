import 'server-only';

import type { TokenCredential } from '@azure/core-auth';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';

import { getSignInConnection } from '@/lib/azure/arm-connection';
import { getPortalEnvironment } from '@/lib/azure/environment';
import { AppError } from '@/lib/errors';
import { getSessionStore } from '@/lib/store/session-store';

import { signInPath } from './return-to';
import { openSession, readCookie, SESSION_COOKIE_NAME, type SessionData } from './session';
import { SessionTokenCredential } from './session-credential';
import { AccessTokenCredential } from './token-credential';

/**
 * Who is acting, for every entry point: API routes ({@link credentialFromRequest}), pages
 * ({@link getPageCredential}) and server actions ({@link getActionCredential}). One rule: an
 * `Authorization: Bearer` header when one is sent (malformed is a 401, never a fallback), else
 * the browser's signed-in session. Nobody is ever signed in by default.
 */

/** `Bearer <token>`: one scheme word, one token, nothing else (RFC 6750 token68 characters). */
const BEARER_PATTERN = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i;

/**
 * The caller's ARM token from `Authorization: Bearer <token>`, for API clients (CLI scripts,
 * tests). Missing, empty or malformed headers give null, never an exception.
 */
export function credentialFromAuthorizationHeader(requestHeaders: Headers): TokenCredential | null {
  const header = requestHeaders.get('authorization')?.trim();
  if (!header) return null;
  const token = BEARER_PATTERN.exec(header)?.[1];
  return token ? new AccessTokenCredential(token) : null;
}

/** The origin the browser used, from the request headers (sandbox sign-in only; live uses PORTAL_BASE_URL). */
export function originOf(requestHeaders: Headers, fallbackUrl?: string): string {
  const host = requestHeaders.get('x-forwarded-host')?.split(',')[0]?.trim() || requestHeaders.get('host');
  const proto = requestHeaders.get('x-forwarded-proto')?.split(',')[0]?.trim() || (fallbackUrl ? new URL(fallbackUrl).protocol.replace(':', '') : 'http');
  if (host && /^[A-Za-z0-9.\-[\]:]+$/.test(host)) return `${proto === 'https' ? 'https' : 'http'}://${host}`;
  return fallbackUrl ? new URL(fallbackUrl).origin : 'http://localhost';
}

/** The signed-in session in these headers' cookie, or null. */
export async function sessionFromHeaders(requestHeaders: Headers, fallbackUrl?: string): Promise<{ session: SessionData; credential: SessionTokenCredential } | null> {
  const sealed = readCookie(requestHeaders, SESSION_COOKIE_NAME);
  if (!sealed) return null;
  const connection = await getSignInConnection(originOf(requestHeaders, fallbackUrl));
  // The cookie AND its row in the shared store: a signed-out session is refused on every replica.
  const session = await openSession(connection.sessionKey, sealed, getSessionStore());
  return session ? { session, credential: new SessionTokenCredential(connection, session) } : null;
}

function unauthenticated(): AppError {
  return new AppError({
    code: 'Unauthenticated',
    status: 401,
    userText: { key: 'auth.signInOrBearer' },
  });
}

/**
 * THE credential of an API request: the bearer header when sent, else the session cookie; else
 * throws the 401 `AppError`. A header that is sent but malformed is refused even with a session,
 * so a script's mistake never silently runs as whoever is signed in in the browser.
 */
export async function credentialFromRequest(request: Request): Promise<TokenCredential> {
  if (request.headers.get('authorization') !== null) {
    const credential = credentialFromAuthorizationHeader(request.headers);
    if (credential) return credential;
    throw unauthenticated();
  }
  const signedIn = await sessionFromHeaders(request.headers, request.url);
  if (signedIn) return signedIn.credential;
  throw unauthenticated();
}

/**
 * The session of the current render, read once per request: the layout (the header's name) and the
 * page (its credential) both ask, and share the unsealed session and its credential (whose token
 * the page then fetches once). Server actions read afresh (`getActionCredential`): they may have
 * just set the cookie.
 */
const renderSession = cache(async () => sessionFromHeaders(await cookieHeaders()));

/** The signed-in user of the current render (ids and names), or null. */
export async function getSignedInUser(): Promise<SessionData | null> {
  return (await renderSession())?.session ?? null;
}

/** next/headers' request headers with the cookie store's view of the cookies (actions may have just set one). */
async function cookieHeaders(): Promise<Headers> {
  const requestHeaders = new Headers(await headers());
  const sealed = (await cookies()).get(SESSION_COOKIE_NAME)?.value;
  requestHeaders.set('cookie', sealed ? `${SESSION_COOKIE_NAME}=${sealed}` : '');
  return requestHeaders;
}

/**
 * The credential a page renders with. Without a session, or when the session can no longer get
 * a token (expired, refresh token revoked), redirects to `/signin?returnTo=<returnTo>`: a page
 * never renders for nobody. The first token is fetched here so that an expired sign-in is a
 * redirect, not an error in the middle of the page.
 */
export async function getPageCredential(returnTo: string): Promise<TokenCredential> {
  // Reading the environment first: a misconfigured live portal must fail loudly, not redirect.
  getPortalEnvironment();
  const signedIn = await renderSession();
  if (!signedIn) redirect(signInPath(returnTo));
  try {
    await signedIn.credential.getToken();
  } catch (err) {
    if (err instanceof AppError && err.status === 401) redirect(signInPath(returnTo, 'expired'));
    throw err;
  }
  return signedIn.credential;
}

/** The credential of a server action, or null when nobody is signed in (the action answers so). */
export async function getActionCredential(): Promise<TokenCredential | null> {
  return (await sessionFromHeaders(await cookieHeaders()))?.credential ?? null;
}
