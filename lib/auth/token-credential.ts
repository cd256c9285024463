import 'server-only';

import type { AccessToken, TokenCredential } from '@azure/core-auth';

/** Assumed lifetime of a bearer token whose expiry we were not told (ARM tokens live 60-90 min). */
export const DEFAULT_TOKEN_LIFETIME_MS = 60 * 60 * 1000;

/**
 * A TokenCredential over an access token someone else obtained (the caller's `Authorization`
 * header, or the signed-in session). It never refreshes: when ARM rejects the token the call
 * fails with 401 and the user signs in again. Scopes are ignored because the token was issued
 * for ARM already.
 */
export class AccessTokenCredential implements TokenCredential {
  readonly #token: string;
  readonly #expiresOnTimestamp: number;

  constructor(token: string, expiresOnTimestamp?: number) {
    if (!token) throw new TypeError('AccessTokenCredential needs a non-empty token');
    this.#token = token;
    this.#expiresOnTimestamp = expiresOnTimestamp ?? Date.now() + DEFAULT_TOKEN_LIFETIME_MS;
  }

  // Scopes and options do not matter: the token was issued for ARM already.
  async getToken(): Promise<AccessToken> {
    return { token: this.#token, expiresOnTimestamp: this.#expiresOnTimestamp, tokenType: 'Bearer' };
  }

  /** Keeps the token out of logs and serialised errors. */
  toJSON(): Record<string, never> {
    return {};
  }
}
