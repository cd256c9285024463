import 'server-only';

import { headers } from 'next/headers';

import { AppError } from '@/lib/errors';

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
 * Pure: does `Origin` name the host this request was sent to (`X-Forwarded-Host` behind a
 * reverse proxy, else `Host`)? A browser cannot forge either on a cross-site request: Origin is
 * set by the browser, and X-Forwarded-Host is not a header a page may send without CORS approval.
 */
export function checkSameOrigin(requestHeaders: Headers): OriginCheck {
  const origin = requestHeaders.get('origin')?.trim();
  if (!origin) return { ok: false, reason: 'missing-origin' };
  // Sandboxed iframes and some redirects send "null": no page of ours does.
  if (origin === 'null') return { ok: false, reason: 'opaque-origin' };
  const fetchSite = requestHeaders.get('sec-fetch-site');
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') return { ok: false, reason: 'cross-site-fetch' };
  const host = requestHeaders.get('x-forwarded-host')?.split(',')[0]?.trim() || requestHeaders.get('host')?.trim();
  if (!host) return { ok: false, reason: 'missing-host' };
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return { ok: false, reason: 'foreign-origin' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'foreign-origin' };
  return normaliseHost(url.host, url.protocol) === normaliseHost(host, url.protocol) ? { ok: true } : { ok: false, reason: 'foreign-origin' };
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
