import 'server-only';

import { randomBytes, timingSafeEqual } from 'node:crypto';

import { CryptoProvider } from '@azure/msal-node';

import { getSignInConnection, type SignInConnection } from '@/lib/azure/arm-connection';
import { getSessionStore } from '@/lib/store/session-store';

import { createMsalClient, SIGN_IN_SCOPES, tokenCacheStore } from './msal-client';
import { safeReturnTo } from './return-to';
import { beginSession, sealPendingSignIn, unsealPendingSignIn, type SessionData } from './session';

/**
 * The authorization code flow with PKCE, as three steps the `/auth/*` route handlers call:
 * {@link beginSignIn} (redirect to the authority), {@link completeSignIn} (the callback: check
 * state, redeem the code with the verifier, check the nonce, start a session) and
 * {@link signOut}. Live and sandbox run this same code; only the connection differs.
 */

/** Path of the callback route; the redirect URI is this on the portal's origin. */
export const CALLBACK_PATH = '/auth/callback';
const pkce = new CryptoProvider();

/** The redirect URI registered for the app (`<PORTAL_BASE_URL>/auth/callback` in live mode). */
export function redirectUriOf(connection: SignInConnection): string {
  return `${connection.portalOrigin}${CALLBACK_PATH}`;
}

/** Where the browser goes to sign in, and the sealed pending sign-in for its cookie. */
export async function beginSignIn(
  requestOrigin: string,
  returnTo: unknown,
  loginHint?: string,
): Promise<{ url: string; pendingCookie: string; connection: SignInConnection }> {
  const connection = await getSignInConnection(requestOrigin);
  const { verifier, challenge } = await pkce.generatePkceCodes();
  const state = randomBytes(32).toString('base64url');
  const nonce = randomBytes(32).toString('base64url');
  const { app } = createMsalClient(connection, null);
  const url = await app.getAuthCodeUrl({
    scopes: SIGN_IN_SCOPES,
    redirectUri: redirectUriOf(connection),
    codeChallenge: challenge,
    codeChallengeMethod: 'S256',
    state,
    nonce,
    responseMode: 'query',
    ...(loginHint ? { loginHint } : {}),
  });
  const pendingCookie = await sealPendingSignIn(connection.sessionKey, { state, nonce, codeVerifier: verifier, returnTo: safeReturnTo(returnTo) });
  return { url, pendingCookie, connection };
}

/** Why a callback did not start a session; each maps to a message on the sign-in page. */
export type SignInFailure = 'no-pending-sign-in' | 'state-mismatch' | 'authority-error' | 'redemption-failed';

export type SignInOutcome =
  | { ok: true; session: SessionData; sessionCookie: string; returnTo: string; connection: SignInConnection }
  | { ok: false; reason: SignInFailure; connection: SignInConnection };

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The callback. `query` is the callback URL's query; `pendingCookie` the sealed pending sign-in.
 * The state is compared here AND by msal (passed as `{ code, state }`, without which msal skips
 * the check); the nonce goes to msal, which rejects an id_token carrying another one.
 */
export async function completeSignIn(requestOrigin: string, query: URLSearchParams, pendingCookie: string | undefined): Promise<SignInOutcome> {
  const connection = await getSignInConnection(requestOrigin);
  const pending = await unsealPendingSignIn(connection.sessionKey, pendingCookie);
  if (!pending) return { ok: false, reason: 'no-pending-sign-in', connection };
  const state = query.get('state') ?? '';
  if (!sameText(state, pending.state)) return { ok: false, reason: 'state-mismatch', connection };
  const code = query.get('code');
  if (query.get('error') || !code) return { ok: false, reason: 'authority-error', connection };

  const { app, cache } = createMsalClient(connection, null);
  try {
    const result = await app.acquireTokenByCode(
      { code, scopes: SIGN_IN_SCOPES, redirectUri: redirectUriOf(connection), codeVerifier: pending.codeVerifier, state: pending.state, nonce: pending.nonce },
      { code, state },
    );
    const homeAccountId = result.account?.homeAccountId;
    if (!homeAccountId || cache.partition !== homeAccountId) return { ok: false, reason: 'redemption-failed', connection };
    const identity = {
      homeAccountId,
      name: result.account?.name || result.account?.username || homeAccountId,
      username: result.account?.username ?? '',
    };
    const { session, sessionCookie } = await beginSession(connection.sessionKey, identity, getSessionStore());
    return { ok: true, session, sessionCookie, returnTo: pending.returnTo, connection };
  } catch (err) {
    // The reason only: msal errors can quote the authority's response, never log request data.
    console.warn(`[auth] code redemption failed: ${err instanceof Error ? err.name : typeof err}`);
    return { ok: false, reason: 'redemption-failed', connection };
  }
}

/**
 * Ends the user's sessions server-side (every replica then refuses their cookies, see
 * `SessionStore.revokeAll` for why all of them) and forgets their tokens (their cache partition).
 * The caller clears the cookie.
 */
export async function signOut(connection: SignInConnection, session: SessionData | null): Promise<void> {
  if (!session) return;
  await getSessionStore().revokeAll(session.homeAccountId);
  await tokenCacheStore(connection.tokenCacheKey).remove(session.homeAccountId);
}
