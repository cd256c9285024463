import { NextResponse } from 'next/server';

import { signInPath } from '@/lib/auth/return-to';
import { cookieOptions, PENDING_SIGN_IN_COOKIE_NAME, readCookie, SESSION_COOKIE_NAME, SESSION_MAX_AGE_S } from '@/lib/auth/session';
import { completeSignIn } from '@/lib/auth/sign-in';
import { signInOrigin } from '@/lib/security/request-origin';

/** Per visitor: never prerendered or cached. */
export const dynamic = 'force-dynamic';

/**
 * `GET /auth/callback?code=&state=`: the redirect URI registered for the app. Finishes the sign-in
 * started by `/auth/signin` (state, PKCE and nonce checked), sets the session cookie and returns
 * the user to where they were going. Any failure goes back to `/signin` with a reason, never to an
 * error page that could loop.
 */
export async function GET(request: Request): Promise<Response> {
  const query = new URL(request.url).searchParams;
  const outcome = await completeSignIn(signInOrigin(request.headers, request.url, process.env), query, readCookie(request.headers, PENDING_SIGN_IN_COOKIE_NAME));
  const origin = outcome.connection.portalOrigin;
  const target = outcome.ok ? outcome.returnTo : `${signInPath('/', 'failed')}&error=${outcome.reason}`;
  const response = NextResponse.redirect(new URL(target, origin), 303);
  // The pending sign-in is single use, whatever the outcome.
  response.cookies.set(PENDING_SIGN_IN_COOKIE_NAME, '', cookieOptions(origin, 0, '/auth'));
  if (outcome.ok) response.cookies.set(SESSION_COOKIE_NAME, outcome.sessionCookie, cookieOptions(origin, SESSION_MAX_AGE_S));
  response.headers.set('cache-control', 'no-store');
  return response;
}
