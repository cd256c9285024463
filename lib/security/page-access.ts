/**
 * Which requests the proxy sends to sign-in, and which get a page policy. Pure (no Next.js), so
 * the rules are unit-tested. The cookie check is only a cheap first gate for browsers: pages,
 * route handlers and server actions still verify the session themselves.
 */

/** Where a visitor without a session is sent; `returnTo` brings them back afterwards. */
export const SIGN_IN_PATH = '/signin';

/**
 * - `page`: a portal page; needs a session.
 * - `public-page`: HTML reachable without a session (sign-in, its callbacks, the sandbox
 *   identity provider's pages); gets the page policy but no redirect.
 * - `not-a-page`: APIs (they answer 401 themselves: a redirect to HTML would confuse API clients),
 *   framework assets and static files.
 */
export type RouteKind = 'page' | 'public-page' | 'not-a-page';

/** Prefixes ending with `/` also match the bare folder; others match exactly, as `x/…` or as `x.ext`. */
const PUBLIC_PAGE_PREFIXES = ['/signin', '/auth/', '/sandbox/'] as const;
const NOT_A_PAGE_PREFIXES = ['/api/', '/_next/', '/favicon.ico', '/icon', '/apple-icon', '/robots.txt', '/sitemap.xml', '/manifest.webmanifest'] as const;

/** Public files by extension (app/icon.svg and anything later added to public/). */
const STATIC_FILE = /\.(?:svg|png|jpe?g|gif|webp|avif|ico|txt|xml|webmanifest|woff2?|css|js|map)$/i;

function matchesPrefix(pathname: string, prefix: string): boolean {
  if (prefix.endsWith('/')) return pathname.startsWith(prefix) || pathname === prefix.slice(0, -1);
  return pathname === prefix || pathname.startsWith(`${prefix}/`) || pathname.startsWith(`${prefix}.`);
}

/** What kind of route `pathname` is, for the proxy's redirect and header decisions. */
export function routeKind(pathname: string): RouteKind {
  if (NOT_A_PAGE_PREFIXES.some((prefix) => matchesPrefix(pathname, prefix))) return 'not-a-page';
  if (PUBLIC_PAGE_PREFIXES.some((prefix) => matchesPrefix(pathname, prefix))) return 'public-page';
  // Only the last segment can name a file; ARM ids in /resource/... may hold dots elsewhere.
  const lastSegment = pathname.slice(pathname.lastIndexOf('/') + 1);
  return STATIC_FILE.test(lastSegment) ? 'not-a-page' : 'page';
}

/**
 * `/signin?returnTo=<path+query>`. The return target is always a same-origin path built from the
 * request's own URL, never from a parameter, so this cannot become an open redirect.
 */
export function signInRedirectPath(pathname: string, search: string): string {
  const returnTo = `${pathname || '/'}${search}`;
  return `${SIGN_IN_PATH}?${new URLSearchParams({ returnTo }).toString()}`;
}

/**
 * Only navigations are redirected. A POST to a page is a server action, which checks the session
 * itself and answers with a value the page can show; a redirect would lose that answer.
 */
export function isNavigationMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD';
}
