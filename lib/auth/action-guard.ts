import 'server-only';

import { headers } from 'next/headers';

import { AppError } from '@/lib/errors';
import { trustsForwardedHeaders } from '@/lib/security/request-origin';

/**
 * Server actions are plain POSTs to a page, reachable by any site a signed-in user visits. Every
 * action that writes must come from the portal's own pages. Next.js compares Origin with Host too,
 * but lets a request *without* Origin through with a warning; this guard refuses it, and keeps the
 * rule in our code if that default ever changes.
 */

/** Why a request was refused: shown nowhere to the caller, kept for tests and logs. */
export type OriginCheck = { ok: true } | { ok: false; reason: 'missing-origin' | 'opaque-origin' | 'missing-host' | 'cross-site-fetch' | 'foreign-origin' };

const DEFAULT_PORTS: Readonly<Record<string, string>> = { 'http:': '80', 'https:': '443' };

/** `host[:port]` in lower case, without the scheme's default port. */
function normaliseHost(host: string, protocol: string): string {
  const value = host.trim().toLowerCase();
  const defaultPort = DEFAULT_PORTS[protocol];
  return defaultPort && value.endsWith(`:${defaultPort}`) ? value.slice(0, -(defaultPort.length + 1)) : value;
}

/**
 * Pure: does `Origin` name the origin this request was sent to? That is `PORTAL_BASE_URL` when set
 * (scheme, host and port compared); else `Host`, or the first `X-Forwarded-Host` and
 * `X-Forwarded-Proto` when `TRUST_FORWARDED_HEADERS=true` (any client can send those headers, so
 * they count only behind a proxy that sets them). Without either, headers alone do not tell the
 * scheme; `proxy.ts` compares it with the URL the server listened on before any action runs.
 */
export function checkSameOrigin(requestHeaders: Headers, env: Readonly<Record<string, string | undefined>> = process.env): OriginCheck {
  const origin = requestHeaders.get('origin')?.trim();
  if (!origin) return { ok: false, reason: 'missing-origin' };
  // Sandboxed iframes and some redirects send "null": no page of ours does.
  if (origin === 'null') return { ok: false, reason: 'opaque-origin' };
  const fetchSite = requestHeaders.get('sec-fetch-site');
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') return { ok: false, reason: 'cross-site-fetch' };
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return { ok: false, reason: 'foreign-origin' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'foreign-origin' };
  const configured = env.PORTAL_BASE_URL?.trim();
  if (configured) return sameOrigin(url.origin, configured) ? { ok: true } : { ok: false, reason: 'foreign-origin' };
  const trusted = trustsForwardedHeaders(env);
  const host = (trusted ? requestHeaders.get('x-forwarded-host')?.split(',')[0]?.trim() : undefined) || requestHeaders.get('host')?.trim();
  if (!host) return { ok: false, reason: 'missing-host' };
  const forwardedProto = trusted ? requestHeaders.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() : undefined;
  if (forwardedProto && `${forwardedProto}:` !== url.protocol) return { ok: false, reason: 'foreign-origin' };
  return normaliseHost(url.host, url.protocol) === normaliseHost(host, url.protocol) ? { ok: true } : { ok: false, reason: 'foreign-origin' };
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/** The refusal an action throws (or turns into its own "forbidden" value). */
export class ForeignOriginError extends AppError {
  constructor(readonly reason: Exclude<OriginCheck, { ok: true }>['reason']) {
    super({
      code: 'AuthorizationFailed',
      status: 403,
      userText: { key: 'auth.foreignOrigin' },
    });
    this.name = 'ForeignOriginError';
  }
}

/** Throws {@link ForeignOriginError} unless the request comes from the portal's own origin. */
export function assertSameOrigin(requestHeaders: Headers): void {
  const check = checkSameOrigin(requestHeaders);
  if (!check.ok) throw new ForeignOriginError(check.reason);
}

/**
 * For server actions: the current request's headers through {@link checkSameOrigin}. Actions
 * return their own "forbidden" value when this is false, so a refusal reads like any other answer.
 */
export async function isSameOriginAction(): Promise<boolean> {
  return checkSameOrigin(await headers()).ok;
}
