import { describe, expect, it, vi } from 'vitest';

import { decodeJwtPayload } from './test-jwt';
import { completeSignIn } from './sign-in';
import { SessionTokenCredential } from './session-credential';
import { authorizeAs, signInAs, TEST_PORTAL_ORIGIN } from './test-sign-in';

vi.stubEnv('AZURE_TENANT_ID', '');
vi.stubEnv('AZURE_CLIENT_ID', '');

describe('sign-in through the sandbox identity provider', () => {
  it('redeems the code with PKCE, starts a session and gets a delegated ARM token', async () => {
    const outcome = await signInAs('owner', '/fleet');
    expect(outcome.session).toMatchObject({ name: 'Olivia Owner', username: 'olivia.owner@contoso.example' });
    expect(outcome.returnTo).toBe('/fleet');
    // A compact JWE (five parts): the browser cannot read who is signed in, let alone a token.
    expect(outcome.sessionCookie.split('.')).toHaveLength(5);
    expect(outcome.sessionCookie).not.toContain('olivia');
    const token = await new SessionTokenCredential(outcome.connection, outcome.session).getToken();
    expect(decodeJwtPayload(token.token)).toMatchObject({ upn: 'olivia.owner@contoso.example', scp: 'user_impersonation' });
  });

  it('rejects a callback whose state is not the one it sent', async () => {
    const { query, pendingCookie } = await authorizeAs('owner');
    query.set('state', 'forged-state');
    expect(await completeSignIn(TEST_PORTAL_ORIGIN, query, pendingCookie)).toMatchObject({ ok: false, reason: 'state-mismatch' });
  });

  it('rejects a callback without its pending sign-in, or with another sign-in’s', async () => {
    const first = await authorizeAs('owner');
    const second = await authorizeAs('reader');
    expect(await completeSignIn(TEST_PORTAL_ORIGIN, first.query, undefined)).toMatchObject({ ok: false, reason: 'no-pending-sign-in' });
    expect(await completeSignIn(TEST_PORTAL_ORIGIN, first.query, second.pendingCookie)).toMatchObject({ ok: false, reason: 'state-mismatch' });
  });

  it('refuses to redeem a code twice', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { query, pendingCookie } = await authorizeAs('contributor');
    expect((await completeSignIn(TEST_PORTAL_ORIGIN, query, pendingCookie)).ok).toBe(true);
    expect(await completeSignIn(TEST_PORTAL_ORIGIN, query, pendingCookie)).toMatchObject({ ok: false, reason: 'redemption-failed' });
    // Logged by name only: the authority's answer and the code never reach the log.
    expect(warn).toHaveBeenCalledWith(expect.not.stringContaining(query.get('code') ?? '-'));
    warn.mockRestore();
  });

  it('never returns to another site', async () => {
    expect((await signInAs('owner', 'https://evil.example/')).returnTo).toBe('/');
  });
});
