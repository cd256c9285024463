/**
 * Signs a sandbox user (`owner`, `contributor`, `reader`) in against a test's emulator, the way
 * the portal's msal client does (authorize with PKCE, then the token endpoint), and hands back a
 * credential carrying their access token: requests then act with that user's roles.
 */
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:https';

import { AccessTokenCredential } from '@/lib/auth/token-credential';
import type { Emulator } from '@/lib/sandbox/emulator';
import { SANDBOX_CLIENT_ID, SANDBOX_IDENTITY_TENANT_ID } from '@/lib/sandbox/identities';
import { armRequest } from '@/lib/sandbox/test-client';

const REDIRECT_URI = 'http://localhost/auth/callback';

function postForm(emu: Pick<Emulator, 'endpoint' | 'ca'>, path: string, form: Record<string, string>): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, emu.endpoint), { method: 'POST', ca: emu.ca, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>));
    });
    req.on('error', reject);
    req.end(new URLSearchParams(form).toString());
  });
}

/** The user's ARM access token from this emulator's sign-in authority. */
export async function sandboxUserToken(emu: Pick<Emulator, 'endpoint' | 'ca'>, user: string): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const minted = await armRequest(emu, 'POST', '/_sandbox/identity/authorize', {
    token: null,
    body: {
      user,
      clientId: SANDBOX_CLIENT_ID,
      redirectUri: REDIRECT_URI,
      codeChallenge: createHash('sha256').update(verifier).digest('base64url'),
      codeChallengeMethod: 'S256',
      nonce: 'n',
    },
  });
  const { code } = minted.body as { code: string };
  const tokens = await postForm(emu, `/${SANDBOX_IDENTITY_TENANT_ID}/oauth2/v2.0/token`, {
    grant_type: 'authorization_code',
    client_id: SANDBOX_CLIENT_ID,
    code,
    code_verifier: verifier,
    redirect_uri: REDIRECT_URI,
  });
  if (typeof tokens.access_token !== 'string') throw new Error(`sandbox sign-in of ${user} failed: ${String(tokens.error)}`);
  return tokens.access_token;
}

/** A credential acting as the sandbox user (a new object each time: clients are cached per credential). */
export async function sandboxUserCredential(emu: Pick<Emulator, 'endpoint' | 'ca'>, user: string): Promise<AccessTokenCredential> {
  return new AccessTokenCredential(await sandboxUserToken(emu, user));
}
