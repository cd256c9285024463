/**
 * Test-only: signs a sandbox user in through the real flow (msal's authorize URL, the sandbox
 * authorize step, msal's code redemption) against the process's emulator, as the browser would.
 */
import { authorizeSandboxUser, parseAuthorizeRequest } from './sandbox-authorize';
import { beginSignIn, completeSignIn, type SignInOutcome } from './sign-in';

/** The origin tests pretend the portal runs on. */
export const TEST_PORTAL_ORIGIN = 'http://localhost:3999';

/** The callback query the browser would bring back, and the pending cookie it would carry. */
export async function authorizeAs(user: string, returnTo = '/'): Promise<{ query: URLSearchParams; pendingCookie: string }> {
  const { url, pendingCookie } = await beginSignIn(TEST_PORTAL_ORIGIN, returnTo);
  const authorize = new URL(url);
  // The browser must land on the portal's own authorize page, not on the emulator.
  if (`${authorize.origin}${authorize.pathname}` !== `${TEST_PORTAL_ORIGIN}/sandbox/authorize`) throw new Error(`unexpected authorize URL ${authorize.origin}${authorize.pathname}`);
  const request = parseAuthorizeRequest(Object.fromEntries(authorize.searchParams), TEST_PORTAL_ORIGIN);
  if ('error' in request) throw new Error(request.error);
  const callback = new URL(await authorizeSandboxUser(request, user, TEST_PORTAL_ORIGIN));
  return { query: callback.searchParams, pendingCookie };
}

/** A completed sign-in; throws when it did not start a session. */
export async function signInAs(user: string, returnTo = '/'): Promise<Extract<SignInOutcome, { ok: true }>> {
  const { query, pendingCookie } = await authorizeAs(user, returnTo);
  const outcome = await completeSignIn(TEST_PORTAL_ORIGIN, query, pendingCookie);
  if (!outcome.ok) throw new Error(`sign-in failed: ${outcome.reason}`);
  return outcome;
}
