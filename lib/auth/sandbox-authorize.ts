import 'server-only';

import { request as httpsRequest } from 'node:https';

import { getSignInConnection } from '@/lib/azure/arm-connection';
import { englishErrorText, type ErrorMessageKey } from '@/lib/i18n/error-text';
import { findSandboxIdentity, SANDBOX_IDENTITIES, type SandboxIdentity } from '@/lib/sandbox/identities';

import { CALLBACK_PATH } from './sign-in';

/**
 * The sandbox identity provider's authorize step, served by the portal (the browser cannot trust
 * the emulator's certificate): read the authorize request msal built, let the visitor pick a
 * sandbox user, ask the emulator (server-side, over its CA) for a code bound to that user and the
 * request's PKCE challenge, nonce and redirect URI, and send the browser back to the callback.
 */

/** The parameters of an authorize request that matter to the sandbox. */
export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  state: string;
  nonce: string;
  codeChallenge: string;
  scope: string;
  loginHint?: string;
}

/** Who can sign in (for the sign-in and authorize pages). */
export function sandboxUsers(): readonly SandboxIdentity[] {
  return SANDBOX_IDENTITIES;
}

/** Why an authorize request was refused: `error` in English, `errorKey` in the `errors` namespace for the reader's language. */
export interface AuthorizeRefusal {
  error: string;
  errorKey: ErrorMessageKey;
}

const refuse = (errorKey: ErrorMessageKey): AuthorizeRefusal => ({ error: englishErrorText(errorKey), errorKey });

/**
 * Pure: the authorize request in `params`, or an error for the page to show. The redirect URI
 * must be this portal's own callback, so the page can never bounce a code to another site.
 */
export function parseAuthorizeRequest(params: Record<string, string | string[] | undefined>, portalOrigin: string): AuthorizeRequest | AuthorizeRefusal {
  const one = (name: string) => (typeof params[name] === 'string' ? (params[name] as string) : '');
  if (one('response_type') !== 'code') return refuse('auth.authorizeCodeFlowOnly');
  if (one('code_challenge_method') !== 'S256' || !one('code_challenge')) return refuse('auth.authorizePkceRequired');
  if (!one('state') || !one('nonce')) return refuse('auth.authorizeNoStateOrNonce');
  if (one('redirect_uri') !== `${portalOrigin}${CALLBACK_PATH}`) return refuse('auth.authorizeForeignRedirect');
  return {
    clientId: one('client_id'),
    redirectUri: one('redirect_uri'),
    state: one('state'),
    nonce: one('nonce'),
    codeChallenge: one('code_challenge'),
    scope: one('scope'),
    loginHint: one('login_hint') || undefined,
  };
}

function postJson(url: string, ca: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = httpsRequest(url, { method: 'POST', ca, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 500, json: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown> });
        } catch (err) {
          reject(err);
        }
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * Signs `userHandle` in: a code from the emulator, then the callback URL with `code` and `state`.
 * Throws when the user is unknown or the emulator refuses.
 */
export async function authorizeSandboxUser(request: AuthorizeRequest, userHandle: string, portalOrigin: string): Promise<string> {
  const user = findSandboxIdentity(userHandle);
  if (!user) throw new Error('No sandbox user has that name.');
  const connection = await getSignInConnection(portalOrigin);
  if (!connection.emulatorEndpoint || !connection.ca) throw new Error('The sandbox identity provider runs in sandbox mode only.');
  const { status, json } = await postJson(`${connection.emulatorEndpoint}/_sandbox/identity/authorize`, connection.ca, {
    user: user.key,
    clientId: request.clientId,
    redirectUri: request.redirectUri,
    codeChallenge: request.codeChallenge,
    codeChallengeMethod: 'S256',
    nonce: request.nonce,
    scope: request.scope,
  });
  if (status !== 200 || typeof json.code !== 'string') throw new Error('The sandbox identity provider refused the sign-in.');
  const callback = new URL(request.redirectUri);
  callback.searchParams.set('code', json.code);
  callback.searchParams.set('state', request.state);
  return callback.toString();
}
