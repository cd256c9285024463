import { NextResponse, type NextRequest } from 'next/server';

import { SESSION_COOKIE_NAME } from '@/lib/auth/session-cookie';
import { AppError } from '@/lib/errors';
import { localeOfRequest, translateAppError } from '@/lib/i18n/server';
import { checkApiWrite, type ApiWriteVerdict } from '@/lib/security/api-write-guard';
import { rateLimitClientKey } from '@/lib/security/client-key';
import { hasMalformedPercentEncoding } from '@/lib/security/malformed-path';
import { DEFAULT_API_WRITES_PER_MINUTE, DEFAULT_SIGN_INS_PER_MINUTE, perMinuteFromEnv, RateLimiter } from '@/lib/security/rate-limit';
import { isForeignActionOrigin, isServerActionRequest, requestOrigin, trustsForwardedHeaders } from '@/lib/security/request-origin';
import { isNavigationMethod, routeKind, signInRedirectPath } from '@/lib/security/page-access';
import {
  baseSecurityHeaders,
  buildContentSecurityPolicy,
  createNonce,
  isLoopbackHost,
  NON_DOCUMENT_CSP,
} from '@/lib/security/security-headers';

/** The request header that carries the nonce to the root layout (read with `headers()`). */
const NONCE_HEADER = 'x-nonce';

/** The host the browser used: the first `X-Forwarded-Host` when forwarded headers are trusted, else `Host`. */
function publicHost(request: NextRequest): string | null {
  const forwarded = trustsForwardedHeaders(process.env) ? request.headers.get('x-forwarded-host')?.split(',')[0]?.trim() : undefined;
  return forwarded || request.headers.get('host');
}

/** The portal's own origin: `PORTAL_BASE_URL`, else the origin this request was sent to (see `requestOrigin`). */
function portalOriginOf(request: NextRequest): string | null {
  const configured = process.env.PORTAL_BASE_URL?.trim();
  if (configured) return configured;
  return requestOrigin(request.headers, request.url, trustsForwardedHeaders(process.env));
}

/** `error`'s message in the caller's language; English when the language cookie is malformed (it is percent-decoded), never a 500. */
function translated(error: AppError, request: NextRequest): string {
  try {
    return translateAppError(error, localeOfRequest(request));
  } catch {
    return error.userMessage;
  }
}

/** The API's usual `{ error: { code, message } }` for a refused write, in the caller's language. */
function refusedWrite(request: NextRequest, verdict: Exclude<ApiWriteVerdict, { ok: true }>): NextResponse {
  const error = new AppError(
    verdict.status === 403
      ? { code: 'AuthorizationFailed', status: 403, userText: { key: 'auth.foreignOrigin' } }
      : { code: 'BadRequest', status: 415, userText: { key: 'api.contentTypeNotJson' } },
  );
  const body = { error: { code: verdict.code, message: translated(error, request) } };
  return NextResponse.json(body, { status: verdict.status, headers: { 'cache-control': 'no-store' } });
}

/** The sign-in cookie of a flow in progress (lib/auth/session.ts; that module is server-only). */
const PENDING_SIGN_IN_COOKIE = 'azureml_portal_signin';

/** Paths that start or finish a sign-in, limited per client like API writes. */
const SIGN_IN_PATHS: readonly string[] = ['/auth/signin', '/auth/callback', '/sandbox/authorize'];

const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** One limiter per kind, per process, built on first use (the env overrides are read then). */
const limiters: { apiWrites?: RateLimiter; signIns?: RateLimiter } = {};

/** The limiter this request counts against, or null. */
function limiterFor(request: NextRequest): RateLimiter | null {
  const { pathname } = request.nextUrl;
  if (pathname.startsWith('/api/') && WRITE_METHODS.has(request.method.toUpperCase())) {
    limiters.apiWrites ??= new RateLimiter({ capacity: perMinuteFromEnv(process.env.RATE_LIMIT_API_WRITES_PER_MINUTE, DEFAULT_API_WRITES_PER_MINUTE) });
    return limiters.apiWrites;
  }
  if (SIGN_IN_PATHS.includes(pathname)) {
    limiters.signIns ??= new RateLimiter({ capacity: perMinuteFromEnv(process.env.RATE_LIMIT_SIGN_INS_PER_MINUTE, DEFAULT_SIGN_INS_PER_MINUTE) });
    return limiters.signIns;
  }
  return null;
}

/** 429 with Retry-After when this client spent its budget, else null. */
function rateLimited(request: NextRequest): NextResponse | null {
  const limiter = limiterFor(request);
  if (!limiter) return null;
  const cookies = [request.cookies.get(SESSION_COOKIE_NAME)?.value, request.cookies.get(PENDING_SIGN_IN_COOKIE)?.value];
  const client = rateLimitClientKey(request.headers, cookies, trustsForwardedHeaders(process.env));
  if (!client) return null;
  const decision = limiter.take(client);
  if (decision.ok) return null;
  const error = new AppError({ code: 'Throttled', status: 429, userText: { key: 'api.rateLimited', values: { seconds: decision.retryAfterSeconds } } });
  const body = { error: { code: error.code, message: translated(error, request) } };
  return NextResponse.json(body, { status: 429, headers: { 'retry-after': String(decision.retryAfterSeconds), 'cache-control': 'no-store' } });
}

function applyHeaders(response: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/**
 * Runs before every page and API request (not before framework assets, see `config`):
 * - pages get a per-request nonce and a Content-Security-Policy built around it. Next.js reads
 *   the nonce from the *request's* CSP header and puts it on its own scripts; the layout reads
 *   `x-nonce` to put it on Griffel's style elements;
 * - page navigations without the session cookie go to `/signin?returnTo=…`. Only presence is
 *   checked here (cheap, no crypto); the session's validity is checked where it is used;
 * - API writes from another origin with the session cookie are refused (403), and API bodies
 *   that are not JSON too (415): see `lib/security/api-write-guard.ts`;
 * - every answer gets nosniff, Referrer-Policy, X-Frame-Options and, off loopback, HSTS.
 */
export function proxy(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  const base = baseSecurityHeaders({ hsts: !isLoopbackHost(publicHost(request)) });

  if (hasMalformedPercentEncoding(pathname)) {
    // Next.js would throw decoding the route's parameters: a bare 500 without these headers.
    return applyHeaders(new NextResponse('Bad request: the address has a malformed percent-escape.', { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } }), { ...base, 'Content-Security-Policy': NON_DOCUMENT_CSP });
  }
  const throttled = rateLimited(request);
  if (throttled) return applyHeaders(throttled, { ...base, 'Content-Security-Policy': NON_DOCUMENT_CSP });
  if (isServerActionRequest(request.method, request.headers) && isForeignActionOrigin(request.headers, portalOriginOf(request))) {
    // Next.js throws (a 500) on a foreign Origin; a refusal is a 403 with the security headers.
    return applyHeaders(new NextResponse(null, { status: 403, headers: { 'cache-control': 'no-store' } }), { ...base, 'Content-Security-Policy': NON_DOCUMENT_CSP });
  }

  const kind = routeKind(pathname);
  if (kind === 'not-a-page') {
    const verdict = checkApiWrite({
      method: request.method,
      pathname,
      headers: request.headers,
      portalOrigin: portalOriginOf(request) ?? '',
      hasSessionCookie: request.cookies.has(SESSION_COOKIE_NAME),
    });
    if (!verdict.ok) return applyHeaders(refusedWrite(request, verdict), { ...base, 'Content-Security-Policy': NON_DOCUMENT_CSP });
    // JSON and files: no HTML, so no nonce; the strict non-document policy instead.
    return applyHeaders(NextResponse.next(), { ...base, 'Content-Security-Policy': NON_DOCUMENT_CSP });
  }
  if (kind === 'page' && isNavigationMethod(request.method) && !request.cookies.has(SESSION_COOKIE_NAME)) {
    const target = new URL(signInRedirectPath(pathname, search), request.url);
    return applyHeaders(NextResponse.redirect(target), base);
  }

  const nonce = createNonce();
  const csp = buildContentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === 'development' });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(NONCE_HEADER, nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  return applyHeaders(response, { ...base, 'Content-Security-Policy': csp });
}

export const config = {
  matcher: [
    // Everything but build assets and image optimisation, which carry no HTML and change only
    // with a build (next.config.js gives them nosniff). Prefetches are included: they render
    // pages and need the same session rule.
    '/((?!_next/static|_next/image).*)',
  ],
};
