import { NextResponse } from 'next/server';

import { cookieOptions, PENDING_SIGN_IN_COOKIE_NAME, PENDING_SIGN_IN_MAX_AGE_S } from '@/lib/auth/session';
import { beginSignIn } from '@/lib/auth/sign-in';
import { signInOrigin } from '@/lib/security/request-origin';

/** Per visitor: never prerendered or cached. */
export const dynamic = 'force-dynamic';

/** Longest `login_hint` passed on (a UPN); anything longer is dropped, not trimmed. */
const MAX_LOGIN_HINT_LENGTH = 256;

/**
 * `GET /auth/signin?returnTo=<path>[&login_hint=<upn>]`: starts the authorization code flow with
 * PKCE. The state, nonce, verifier and (checked) return path go into a short-lived encrypted
 * cookie scoped to `/auth`; the browser goes to the authority (Entra ID, or the sandbox's
 * authorize page). `returnTo` is validated here and again when used.
 */
export async function GET(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const hint = params.get('login_hint') ?? undefined;
  const { url, pendingCookie, connection } = await beginSignIn(
    signInOrigin(request.headers, request.url, process.env),
    params.get('returnTo'),
    hint && hint.length <= MAX_LOGIN_HINT_LENGTH ? hint : undefined,
  );
  const response = NextResponse.redirect(url, 303);
  response.cookies.set(PENDING_SIGN_IN_COOKIE_NAME, pendingCookie, cookieOptions(connection.portalOrigin, PENDING_SIGN_IN_MAX_AGE_S, '/auth'));
  response.headers.set('cache-control', 'no-store');
  return response;
}
