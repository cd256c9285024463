/**
 * The sandbox's sign-in authority: a small Entra ID look-alike on the emulator's origin, so the
 * portal's msal-node code runs offline exactly as in live mode.
 *
 * - `POST /{tenantId}/oauth2/v2.0/token` (form-encoded, as msal sends it): `authorization_code`
 *   with PKCE (S256) and `refresh_token` grants. Answers access, id and refresh tokens.
 * - `POST /_sandbox/identity/authorize` (JSON): the portal's sandbox authorize page asks for a
 *   code bound to user, client, redirect URI, PKCE challenge, nonce and scope. The browser never
 *   talks to the emulator (it would not trust its certificate).
 * - `POST /_sandbox/identity/revoke` (JSON `{ user }`): drops the user's refresh tokens (tests of
 *   an expired sign-in).
 *
 * Access tokens are HS256 JWTs signed with a per-instance secret; {@link IdentityProvider.principalOf}
 * tells ARM routes who is calling. Tokens this provider did not issue (`Bearer sandbox`) are
 * "opaque" and keep full rights, so API clients and tests work without signing in.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

import { jwtVerify, SignJWT } from 'jose';

import { AKS_AAD_SERVER_APP_ID } from '@/lib/domain/entra-apps';

import { BoundedMap } from '../bounded-map';
import { ArmError, bodyObject, ok, type ApiResponse } from '../http';
import { findSandboxIdentity, SANDBOX_CLIENT_ID, SANDBOX_IDENTITY_TENANT_ID, type SandboxIdentity } from '../identities';
import type { Router } from '../router';

/** ARM's resource id: the audience of the access tokens issued here for ARM. */
const ARM_AUDIENCE = 'https://management.azure.com';
/** How long a code may wait for redemption (Entra: 10 minutes). */
const CODE_LIFETIME_MS = 5 * 60_000;
/**
 * Codes waiting to be redeemed. A sign-in redeems its code within a second; abandoned ones
 * expire with CODE_LIFETIME_MS. 1,000 is far above any honest burst of sign-ins and caps what
 * a script calling `authorize` in a loop can make the emulator hold.
 */
export const MAX_PENDING_CODES = 1_000;
/**
 * Refresh tokens kept (about 100 bytes each). They never expire on their own (concurrent
 * refreshes must not sign anyone out), so a ceiling is the bound: past it the oldest sign-in
 * must sign in again, as after a revocation.
 */
export const MAX_REFRESH_TOKENS = 10_000;
/** Default access token lifetime; tests shorten it to force refresh-token grants. */
export const DEFAULT_ACCESS_TOKEN_LIFETIME_S = 3600;
const TOKEN_PATH = /^\/([^/]+)\/oauth2\/v2\.0\/token$/i;
/** Scopes that ask for OpenID tokens, not for a resource; they never appear on an access token. */
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

interface PendingCode {
  user: SandboxIdentity;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce?: string;
  scope: string;
  expiresAt: number;
}

/** The resource a scope asks for (`<resource>/<scope>`), as Entra reads it. */
function audienceOf(resourceScope: string): string {
  const first = resourceScope.split(' ')[0] ?? '';
  return first.toLowerCase().startsWith(`${AKS_AAD_SERVER_APP_ID}/`) ? AKS_AAD_SERVER_APP_ID : ARM_AUDIENCE;
}

/**
 * The identity provider of the emulator a router belongs to, so routes registered on that router
 * (runCommand's `clusterToken`) can verify its tokens without holding its secret.
 */
const PROVIDERS_BY_ROUTER = new WeakMap<Router, IdentityProvider>();

/**
 * What runCommand makes of a `clusterToken`: `opaque` (not a JWT: full rights, as for ARM's
 * opaque tokens in tests), `valid` (issued here for the AKS AAD server app to a sandbox user) or
 * `invalid` (anything else: expired, tampered, or a token for another audience such as ARM's).
 */
export async function clusterTokenVerdict(router: Router, token: string): Promise<'opaque' | 'valid' | 'invalid'> {
  if (token.split('.').length !== 3) return 'opaque';
  const provider = PROVIDERS_BY_ROUTER.get(router);
  if (!provider) return 'invalid';
  return (await provider.principalOf(token, AKS_AAD_SERVER_APP_ID)).kind === 'user' ? 'valid' : 'invalid';
}

/** Who an ARM request acts for. */
export type Principal = { kind: 'opaque' } | { kind: 'user'; user: SandboxIdentity } | { kind: 'invalid'; reason: string };

function oauthError(status: number, error: string, description: string): ApiResponse {
  // msal reads `error` / `error_description`; `suberror: bad_token` makes it ask the user to sign in again.
  return { status, body: { error, error_description: description, ...(error === 'invalid_grant' ? { suberror: 'bad_token' } : {}) } };
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function requireString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || !value) throw new ArmError(400, 'InvalidRequestContent', `'${field}' is required.`);
  return value;
}

/** One emulator instance's identity provider (codes and refresh tokens live in memory). */
export class IdentityProvider {
  readonly #secret = randomBytes(32);
  readonly #codes = new BoundedMap<string, PendingCode>({ maxEntries: MAX_PENDING_CODES, ttlMs: CODE_LIFETIME_MS });
  /** refresh token → user oid and the scope it was granted for. */
  readonly #refreshTokens = new BoundedMap<string, { oid: string; scope: string; clientId: string }>({ maxEntries: MAX_REFRESH_TOKENS });

  constructor(private readonly accessTokenLifetimeS: number = DEFAULT_ACCESS_TOKEN_LIFETIME_S) {}

  /** True for the token endpoint, which the emulator serves before bearer auth and JSON parsing. */
  static isTokenPath(pathname: string): boolean {
    return TOKEN_PATH.test(pathname);
  }

  /** `POST /_sandbox/identity/authorize` and `/revoke` (JSON, on the admin prefix). */
  register(router: Router): void {
    PROVIDERS_BY_ROUTER.set(router, this);
    router.add('POST', '/_sandbox/identity/authorize', (ctx) => {
      const body = bodyObject(ctx);
      const user = findSandboxIdentity(requireString(body, 'user'));
      if (!user) throw new ArmError(404, 'UserNotFound', 'No sandbox user has that name.');
      const clientId = requireString(body, 'clientId');
      if (clientId !== SANDBOX_CLIENT_ID) throw new ArmError(400, 'UnauthorizedClient', 'Unknown client id.');
      if (body.codeChallengeMethod !== 'S256') throw new ArmError(400, 'InvalidRequest', 'PKCE with S256 is required.');
      const code = randomBytes(24).toString('base64url');
      this.#codes.set(code, {
        user,
        clientId,
        redirectUri: requireString(body, 'redirectUri'),
        codeChallenge: requireString(body, 'codeChallenge'),
        nonce: typeof body.nonce === 'string' ? body.nonce : undefined,
        scope: typeof body.scope === 'string' ? body.scope : '',
        expiresAt: Date.now() + CODE_LIFETIME_MS,
      });
      return ok({ code });
    });
    router.add('POST', '/_sandbox/identity/revoke', (ctx) => {
      const user = findSandboxIdentity(requireString(bodyObject(ctx), 'user'));
      if (!user) throw new ArmError(404, 'UserNotFound', 'No sandbox user has that name.');
      let revoked = 0;
      for (const [token, grant] of this.#refreshTokens) {
        if (grant.oid === user.oid) {
          this.#refreshTokens.delete(token);
          revoked += 1;
        }
      }
      return ok({ revoked });
    });
  }

  /** `POST /{tenant}/oauth2/v2.0/token` with a form-encoded body. */
  async token(pathname: string, origin: string, raw: Buffer): Promise<ApiResponse> {
    const tenant = TOKEN_PATH.exec(pathname)?.[1] ?? '';
    if (tenant.toLowerCase() !== SANDBOX_IDENTITY_TENANT_ID) return oauthError(400, 'invalid_tenant', `Tenant '${tenant}' is not the sandbox tenant.`);
    const form = new URLSearchParams(raw.toString('utf8'));
    if (form.get('client_id') !== SANDBOX_CLIENT_ID) return oauthError(401, 'invalid_client', 'Unknown client id.');
    const grant = form.get('grant_type');
    if (grant === 'authorization_code') return this.#redeemCode(form, tenant, origin);
    if (grant === 'refresh_token') return this.#refresh(form, tenant, origin);
    return oauthError(400, 'unsupported_grant_type', `grant_type '${grant ?? ''}' is not supported.`);
  }

  async #redeemCode(form: URLSearchParams, tenant: string, origin: string): Promise<ApiResponse> {
    const code = form.get('code') ?? '';
    const pending = this.#codes.get(code);
    // Single use, whatever happens next (RFC 6749 4.1.2).
    this.#codes.delete(code);
    if (!pending || pending.expiresAt < Date.now()) return oauthError(400, 'invalid_grant', 'The authorization code is unknown, used or expired.');
    if (pending.redirectUri !== form.get('redirect_uri')) return oauthError(400, 'invalid_grant', 'redirect_uri does not match the authorization request.');
    const verifier = form.get('code_verifier') ?? '';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    if (!verifier || !sameText(challenge, pending.codeChallenge)) return oauthError(400, 'invalid_grant', 'PKCE verification failed: code_verifier does not match code_challenge.');
    const refreshToken = randomBytes(32).toString('base64url');
    this.#refreshTokens.set(refreshToken, { oid: pending.user.oid, scope: pending.scope, clientId: pending.clientId });
    return this.#tokens(pending.user, pending.scope, tenant, origin, refreshToken, pending.nonce);
  }

  async #refresh(form: URLSearchParams, tenant: string, origin: string): Promise<ApiResponse> {
    const grant = this.#refreshTokens.get(form.get('refresh_token') ?? '');
    const user = grant ? findSandboxIdentity(grant.oid) : undefined;
    if (!grant || !user) return oauthError(400, 'invalid_grant', 'The refresh token was revoked or is unknown. Sign in again.');
    // The same refresh token stays valid: concurrent refreshes of one user must not log them out.
    return this.#tokens(user, form.get('scope') ?? grant.scope, tenant, origin, form.get('refresh_token') ?? '');
  }

  async #tokens(user: SandboxIdentity, scope: string, tenant: string, origin: string, refreshToken: string, nonce?: string): Promise<ApiResponse> {
    const now = Math.floor(Date.now() / 1000);
    const resourceScope = scope.split(/\s+/).filter((s) => s && !OIDC_SCOPES.has(s.toLowerCase())).join(' ');
    const claims = { oid: user.oid, upn: user.upn, name: user.name, tid: tenant };
    // The audience is the resource the scope names: ARM, or the AKS AAD server app (clusterToken).
    const audience = audienceOf(resourceScope);
    const accessToken = await new SignJWT({ ...claims, ...(audience === ARM_AUDIENCE ? { scp: 'user_impersonation' } : {}) })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(`${origin}/${tenant}/`)
      .setAudience(audience)
      .setSubject(user.oid)
      .setIssuedAt(now)
      .setExpirationTime(now + this.accessTokenLifetimeS)
      .sign(this.#secret);
    const idToken = await new SignJWT({ ...claims, preferred_username: user.upn, ...(nonce ? { nonce } : {}) })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(`${origin}/${tenant}/v2.0`)
      .setAudience(SANDBOX_CLIENT_ID)
      .setSubject(user.oid)
      .setIssuedAt(now)
      .setExpirationTime(now + this.accessTokenLifetimeS)
      .sign(this.#secret);
    const clientInfo = Buffer.from(JSON.stringify({ uid: user.oid, utid: tenant })).toString('base64url');
    return ok(
      {
        token_type: 'Bearer',
        scope: resourceScope || `${ARM_AUDIENCE}/user_impersonation`,
        expires_in: this.accessTokenLifetimeS,
        ext_expires_in: this.accessTokenLifetimeS,
        access_token: accessToken,
        refresh_token: refreshToken,
        id_token: idToken,
        client_info: clientInfo,
      },
      { 'Cache-Control': 'no-store' },
    );
  }

  /**
   * Who a bearer token acts for. Three dot-separated parts make a JWT: it must be one of ours,
   * unexpired, for `audience` (ARM unless told). Anything else is an opaque token with full rights (API clients, tests).
   */
  async principalOf(token: string, audience: string = ARM_AUDIENCE): Promise<Principal> {
    if (token.split('.').length !== 3) return { kind: 'opaque' };
    try {
      const { payload } = await jwtVerify(token, this.#secret, { audience, algorithms: ['HS256'] });
      const user = typeof payload.oid === 'string' ? findSandboxIdentity(payload.oid) : undefined;
      return user ? { kind: 'user', user } : { kind: 'invalid', reason: 'The token names no sandbox user.' };
    } catch (err) {
      return { kind: 'invalid', reason: err instanceof Error ? err.message : 'The token could not be verified.' };
    }
  }
}
