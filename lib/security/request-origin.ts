/**
 * The portal's own origin as a request sees it, and the server-action Origin rule `proxy.ts`
 * applies. `X-Forwarded-Host`/`X-Forwarded-Proto` are any client's to send, so they count only
 * when the operator says a reverse proxy sets them (`TRUST_FORWARDED_HEADERS=true`). Pure.
 */

/** Whether `X-Forwarded-*` headers come from a trusted reverse proxy (`TRUST_FORWARDED_HEADERS=true`). */
export function trustsForwardedHeaders(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.TRUST_FORWARDED_HEADERS?.trim().toLowerCase() === 'true';
}

/** Characters a Host header may hold (name or IP literal, optional port); anything else is ignored. */
const HOST_PATTERN = /^[A-Za-z0-9.\-[\]:]+$/;

const firstValue = (value: string | null) => value?.split(',')[0]?.trim() || null;

/**
 * `scheme://host[:port]` this request was sent to: the forwarded pair when trusted, else `Host`
 * with the scheme the server listened on (`listeningUrl`, e.g. `request.url`). Null without a
 * usable host.
 */
export function requestOrigin(headers: Headers, listeningUrl: string, trustForwarded: boolean): string | null {
  const listening = new URL(listeningUrl);
  const host = (trustForwarded ? firstValue(headers.get('x-forwarded-host')) : null) ?? headers.get('host')?.trim() ?? listening.host;
  const forwardedProto = trustForwarded ? firstValue(headers.get('x-forwarded-proto'))?.toLowerCase() : undefined;
  const scheme = forwardedProto === 'https' || forwardedProto === 'http' ? forwardedProto : listening.protocol.replace(':', '');
  if (!host || !HOST_PATTERN.test(host)) return null;
  try {
    return new URL(`${scheme}://${host}`).origin;
  } catch {
    return null;
  }
}

/** A server action is a POST carrying Next.js's `Next-Action` header. */
export function isServerActionRequest(method: string, headers: Headers): boolean {
  return method.toUpperCase() === 'POST' && headers.has('next-action');
}

/**
 * Pure: is this server action's Origin foreign (another scheme, host or port, or opaque), or does
 * the browser say the post is cross-site? Next.js would throw a 500 on it; the proxy answers 403
 * first. A missing Origin is left to the action's own guard (`lib/auth/action-guard.ts`).
 */
export function isForeignActionOrigin(headers: Headers, portalOrigin: string | null): boolean {
  const fetchSite = headers.get('sec-fetch-site');
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') return true;
  const origin = headers.get('origin')?.trim();
  if (!origin) return false;
  try {
    return portalOrigin === null || new URL(origin).origin !== new URL(portalOrigin).origin;
  } catch {
    return true;
  }
}

/** True for `localhost`, `*.localhost`, `127.0.0.1` and `[::1]` (an origin's hostname). */
function isLoopbackHostname(hostname: string): boolean {
  const name = hostname.toLowerCase();
  return name === 'localhost' || name.endsWith('.localhost') || name === '127.0.0.1' || name === '[::1]';
}

/**
 * The origin sign-in redirects (the callback URI, the sandbox authorize page) are built on. Never
 * an arbitrary `Host`: a forged one would send the browser, and a code, to a host of the sender's
 * choosing (and poison any cache in between). In order: `PORTAL_BASE_URL`; the forwarded origin
 * when `TRUST_FORWARDED_HEADERS=true`; the request's origin when its host is loopback (the sandbox
 * on a laptop); else `http://localhost:<PORT>`, so a portal reached under another name needs
 * `PORTAL_BASE_URL`, as live mode always does.
 */
export function signInOrigin(headers: Headers, listeningUrl: string, env: Readonly<Record<string, string | undefined>>): string {
  const configured = env.PORTAL_BASE_URL?.trim();
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      // An unparsable PORTAL_BASE_URL stops a live portal at start (lib/azure/environment.ts); here, fall through.
    }
  }
  const trusted = trustsForwardedHeaders(env);
  const origin = requestOrigin(headers, listeningUrl, trusted);
  if (origin && (trusted || isLoopbackHostname(new URL(origin).hostname))) return origin;
  return `http://localhost:${env.PORT?.trim() || '3000'}`;
}
