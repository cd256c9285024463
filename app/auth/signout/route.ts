import { NextResponse } from 'next/server';

import { checkSameOrigin } from '@/lib/auth/action-guard';
import { signInPath } from '@/lib/auth/return-to';
import { sessionFromHeaders } from '@/lib/auth/request-credential';
import { signInOrigin } from '@/lib/security/request-origin';
import { cookieOptions, SESSION_COOKIE_NAME } from '@/lib/auth/session';
import { signOut } from '@/lib/auth/sign-in';
import { getSignInConnection } from '@/lib/azure/arm-connection';
import { getTranslations } from '@/lib/i18n/server';

/** Per visitor: never prerendered or cached. */
export const dynamic = 'force-dynamic';

/**
 * `POST /auth/signout` (the header's Sign out button): forgets the user's tokens (their cache
 * partition) and clears the session cookie. POST from the portal's own pages only, so another
 * site cannot sign people out.
 */
export async function POST(request: Request): Promise<Response> {
  if (!checkSameOrigin(request.headers).ok) return new Response((await getTranslations('signin'))('signOutForbidden'), { status: 403 });
  const connection = await getSignInConnection(signInOrigin(request.headers, request.url, process.env));
  const signedIn = await sessionFromHeaders(request.headers, request.url);
  await signOut(connection, signedIn?.session ?? null);
  const response = NextResponse.redirect(new URL(signInPath('/', 'signed-out'), connection.portalOrigin), 303);
  response.cookies.set(SESSION_COOKIE_NAME, '', cookieOptions(connection.portalOrigin, 0));
  response.headers.set('cache-control', 'no-store');
  return response;
}
