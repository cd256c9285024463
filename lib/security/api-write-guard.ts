/**
 * The rule `proxy.ts` applies to every JSON API write before any route runs: a page on another
 * site (or another port of the same host, which SameSite=Lax counts as the same site) can make a
 * signed-in browser POST with its cookie through `fetch(..., {mode: 'no-cors'})` or a
 * `<form enctype="text/plain">`. Both send a body that is not `application/json` (a browser
 * sends JSON cross-origin only after a CORS preflight the portal never approves), and both carry
 * a foreign Origin or Sec-Fetch-Site. Pure: headers in, verdict out.
 */

/** Methods that change something; GET, HEAD and OPTIONS are never refused here. */
const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** What a write may be refused for: 403 (not from the portal's page) or 415 (not JSON). */
export type ApiWriteVerdict =
  | { ok: true }
  | { ok: false; status: 403; code: 'CrossOriginRefused'; reason: 'missing-origin' | 'foreign-origin' | 'cross-site-fetch' }
  | { ok: false; status: 415; code: 'UnsupportedMediaType' };

/** Inputs of {@link checkApiWrite}. */
export interface ApiWriteRequest {
  method: string;
  pathname: string;
  headers: Headers;
  /** The portal's own origin (`PORTAL_BASE_URL`, else the scheme and `Host` the request came to). */
  portalOrigin: string;
  /** Whether the request carries the session cookie. */
  hasSessionCookie: boolean;
}

/** `scheme://host[:port]` of `value`, normalised by the URL parser (default ports dropped), or null. */
function originKey(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/** True when the request sends a body: a length above zero or a chunked stream. */
function hasBody(headers: Headers): boolean {
  const length = headers.get('content-length');
  if (length !== null) return Number(length) > 0;
  return headers.has('transfer-encoding');
}

/** `application/json`, with or without parameters (`; charset=utf-8`), any case. */
function isJsonContentType(value: string | null): boolean {
  return value?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * Pure: may this API write go on? Order matters: a cookie write from elsewhere is a 403 whatever
 * its body, so a forged request learns nothing more. Bearer callers (scripts, the CLI) hold no
 * cookie the browser could attach, so they need no Origin, but their bodies must be JSON too.
 */
export function checkApiWrite(request: ApiWriteRequest): ApiWriteVerdict {
  if (!request.pathname.startsWith('/api/') || !WRITE_METHODS.has(request.method.toUpperCase())) return { ok: true };
  const bearer = /^Bearer\s/i.test(request.headers.get('authorization')?.trim() ?? '');
  if (request.hasSessionCookie && !bearer) {
    const fetchSite = request.headers.get('sec-fetch-site');
    if (fetchSite === 'cross-site' || fetchSite === 'same-site') return { ok: false, status: 403, code: 'CrossOriginRefused', reason: 'cross-site-fetch' };
    const origin = request.headers.get('origin')?.trim();
    if (!origin) return { ok: false, status: 403, code: 'CrossOriginRefused', reason: 'missing-origin' };
    const expected = originKey(request.portalOrigin);
    if (!expected || originKey(origin) !== expected) return { ok: false, status: 403, code: 'CrossOriginRefused', reason: 'foreign-origin' };
  }
  if (hasBody(request.headers) && !isJsonContentType(request.headers.get('content-type'))) return { ok: false, status: 415, code: 'UnsupportedMediaType' };
  return { ok: true };
}
