import 'server-only';

import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { InteractionRequiredAuthError, ServerError } from '@azure/msal-node';

import { ARM_USER_IMPERSONATION_SCOPE, type SignInConnection } from '@/lib/azure/arm-connection';
import { AppError } from '@/lib/errors';

import { createMsalClient } from './msal-client';
import type { SessionData } from './session';

/**
 * Marks a {@link SessionTokenCredential} across Next.js bundles (each may load its own copy of
 * this class, so `instanceof` can miss). Only server code builds credentials, from an unsealed,
 * store-checked session: that is what makes {@link sessionOfCredential} a verified identity.
 */
const SESSION_CREDENTIAL = Symbol.for('azureml-portal.session-credential');

/** A cached access token is reused until this close to its expiry (msal refreshes earlier anyway). */
const REUSE_MARGIN_MS = 2 * 60_000;

/** The error every page, action and route maps to "sign in again". */
export function sessionExpiredError(cause?: unknown): AppError {
  return new AppError({
    code: 'Unauthenticated',
    status: 401,
    userText: { key: 'auth.sessionExpired' },
    cause,
  });
}

/** True when msal says only a new interactive sign-in helps (refresh token revoked, expired, missing). */
export function needsInteraction(err: unknown): boolean {
  if (err instanceof InteractionRequiredAuthError) return true;
  return err instanceof ServerError && (err.errorCode === 'invalid_grant' || err.errorCode === 'interaction_required');
}

/** ARM's resource, however a caller names it (`.default`, `user_impersonation`, the legacy host). */
const ARM_RESOURCE = /^https:\/\/management\.(azure\.com|core\.windows\.net)\/*(\/|$)/i;

/**
 * The scopes msal is asked for: ARM's `user_impersonation` for every ARM scope (ARM accepts it for
 * every call), and any other resource's scopes as given: the AKS AAD server app's
 * `6dae42f8-4368-4678-94ff-3960e28e3630/.default` for runCommand's `clusterToken`, which msal gets
 * from the same refresh token (the consent the sign-in asked for covers it in Entra, as for az).
 */
export function sessionScopesFor(requested: string | string[] | undefined): string[] {
  const scopes = (Array.isArray(requested) ? requested : requested ? [requested] : []).filter(Boolean);
  const other = scopes.filter((scope) => !ARM_RESOURCE.test(scope));
  return other.length > 0 ? other : [ARM_USER_IMPERSONATION_SCOPE];
}

/**
 * The signed-in user's delegated credential: every `getToken` is msal's `acquireTokenSilent` on
 * the session's account, from (and refreshing into) the user's encrypted cache partition, for
 * `https://management.azure.com/user_impersonation` when the SDK asks for ARM (whatever ARM scope
 * it names), or for the other resource it names ({@link sessionScopesFor}). When msal cannot get a
 * token without the user, it throws the 401 `AppError` of {@link sessionExpiredError}.
 */
export class SessionTokenCredential implements TokenCredential {
  readonly [SESSION_CREDENTIAL] = true;
  readonly #connection: SignInConnection;
  readonly #session: SessionData;
  /** The last token per scope set (ARM's, the AKS AAD server app's). */
  readonly #last = new Map<string, AccessToken>();

  constructor(connection: SignInConnection, session: SessionData) {
    this.#connection = connection;
    this.#session = session;
  }

  /** Who this credential acts for (ids and names only). */
  get session(): SessionData {
    return this.#session;
  }

  async getToken(scopes?: string | string[]): Promise<AccessToken> {
    const wanted = sessionScopesFor(scopes);
    const key = wanted.join(' ');
    const last = this.#last.get(key);
    if (last && last.expiresOnTimestamp - Date.now() > REUSE_MARGIN_MS) return last;
    const { app } = createMsalClient(this.#connection, this.#session.homeAccountId);
    try {
      const account = await app.getTokenCache().getAccountByHomeId(this.#session.homeAccountId);
      if (!account) throw sessionExpiredError();
      const result = await app.acquireTokenSilent({ account, scopes: wanted });
      if (!result?.accessToken) throw sessionExpiredError();
      const token: AccessToken = { token: result.accessToken, expiresOnTimestamp: result.expiresOn?.getTime() ?? Date.now() + 5 * 60_000, tokenType: 'Bearer' };
      this.#last.set(key, token);
      return token;
    } catch (err) {
      if (err instanceof AppError) throw err;
      if (needsInteraction(err)) throw sessionExpiredError(err);
      throw err;
    }
  }

  /** Keeps tokens and the session out of logs and serialised errors. */
  toJSON(): Record<string, never> {
    return {};
  }
}

/** The session a credential acts for when it is the portal's own session credential, else null (bearer tokens). */
export function sessionOfCredential(credential: TokenCredential): SessionData | null {
  return (credential as { [SESSION_CREDENTIAL]?: unknown })[SESSION_CREDENTIAL] === true ? (credential as SessionTokenCredential).session : null;
}
