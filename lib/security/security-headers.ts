/**
 * The response headers that protect every page: a Content-Security-Policy built per request
 * around a nonce, and the fixed headers that go with it. Pure functions (no Next.js, no I/O), so
 * `proxy.ts` applies them and unit tests read them without a server.
 */

/** Inputs of {@link buildContentSecurityPolicy}. */
export interface CspOptions {
  /** Fresh per request (see {@link createNonce}); Next.js finds it in the request's CSP header. */
  nonce: string;
  /** `next dev`: React rebuilds server error stacks with `eval`, and the dev overlay injects styles. */
  dev: boolean;
}

/**
 * The page policy. Scripts: only those carrying the nonce, plus what they load (`'strict-dynamic'`,
 * so Next's chunk loader works without listing chunks). Styles: Griffel's server-inserted and
 * runtime `<style>` elements carry the nonce (components/fluent-providers.tsx), so `style-src`
 * needs no `'unsafe-inline'`; only `style` *attributes* are allowed inline (`style-src-attr`), because
 * server-rendered markup carries a few (`<body style>`, Fluent slots) and attributes cannot load
 * or run anything. Browsers without `style-src-attr` fall back to `style-src` and merely drop those
 * attributes' styling.
 */
export function buildContentSecurityPolicy({ nonce, dev }: CspOptions): string {
  const nonceSource = `'nonce-${nonce}'`;
  const directives: ReadonlyArray<readonly string[]> = [
    ['default-src', "'self'"],
    ['script-src', "'self'", nonceSource, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    // The dev overlay inserts styles without a nonce; production never relaxes this.
    ['style-src', "'self'", ...(dev ? ["'unsafe-inline'"] : [nonceSource])],
    ['style-src-attr', "'unsafe-inline'"],
    ['img-src', "'self'", 'data:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
    // No `upgrade-insecure-requests`: the portal loads nothing over http, and on a plain-http
    // internal deployment it would rewrite the portal's own assets to an https that is not there.
  ];
  return directives.map((parts) => parts.join(' ')).join('; ');
}

/**
 * The policy for JSON and other non-HTML answers: nothing may load from them and nobody may frame
 * them, so a response rendered as a document by mistake can do no harm.
 */
export const NON_DOCUMENT_CSP = "default-src 'none'; frame-ancestors 'none'";

/** HSTS for a year; no `preload`, which is a commitment for the whole domain and its owner's call. */
export const HSTS_VALUE = 'max-age=31536000; includeSubDomains';

/**
 * Headers every answer carries. HSTS only where it means something: a browser would otherwise pin
 * `localhost` to HTTPS for a year and break every other local app on that host.
 */
export function baseSecurityHeaders({ hsts }: { hsts: boolean }): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    // Old browsers ignore frame-ancestors; X-Frame-Options covers them.
    'X-Frame-Options': 'DENY',
    ...(hsts ? { 'Strict-Transport-Security': HSTS_VALUE } : {}),
  };
}

const LOOPBACK_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** True for `localhost`, `127.0.0.1` and `[::1]`, with or without a port (a Host header's form). */
export function isLoopbackHost(host: string | null | undefined): boolean {
  if (!host) return true;
  const value = host.trim().toLowerCase();
  const hostname = value.startsWith('[') ? value.slice(0, value.indexOf(']') + 1) : value.split(':')[0];
  return LOOPBACK_HOSTNAMES.has(hostname) || hostname.endsWith('.localhost');
}

/** 128 random bits, base64: unguessable per request, as CSP Level 3 asks of a nonce. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
