import 'server-only';

import type { TokenCredential } from '@azure/core-auth';

import { credentialFromRequest } from '@/lib/auth/request-credential';
import { AppError, toAppError, type ErrorContext } from '@/lib/errors';
import { localeOfRequest, translateAppError } from '@/lib/i18n/server';

/** API answers are per caller and change as Azure changes: never cache them anywhere. */
const NO_STORE = { 'cache-control': 'no-store' } as const;

export interface ApiErrorBody {
  error: { code: string; message: string };
}

/**
 * The JSON error every API route answers with: `{ error: { code, message } }` and the status.
 * `message` is in the language `request` asks for (Accept-Language or the portal's cookie);
 * English without a request.
 */
export function jsonError(error: AppError, request?: Request): Response {
  const message = request ? translateAppError(error, localeOfRequest(request)) : error.userMessage;
  const body: ApiErrorBody = { error: { code: error.code, message } };
  const headers: Record<string, string> = { ...NO_STORE };
  if (error.status === 401) headers['www-authenticate'] = 'Bearer';
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
  return Response.json(body, { status: error.status, headers });
}

/** A JSON success answer with the same caching rules as errors. */
export function jsonOk(body: unknown, init: { status?: number } = {}): Response {
  return Response.json(body, { status: init.status ?? 200, headers: NO_STORE });
}

/**
 * Turns anything a route throws into its JSON error, in the language of `request` (see
 * {@link jsonError}). Unexpected failures are logged on the server, in English (code and the
 * cause's name/message only: AppError messages are already redacted, and request objects, which
 * hold the caller's token, are never logged).
 */
export function handleApiError(err: unknown, context?: ErrorContext, request?: Request): Response {
  const error = toAppError(err, context);
  if (error.code === 'Unexpected') {
    const cause = error.cause instanceof Error ? `${error.cause.name}: ${error.cause.message}` : typeof error.cause;
    console.error(`[api] unexpected error${context?.action ? ` while trying to ${context.action}` : ''}: ${cause}`);
  }
  return jsonError(error, request);
}

/**
 * The caller's credential, or an `Unauthenticated` AppError (401) to throw: `Authorization:
 * Bearer <ARM access token>` when the header is sent (API clients, scripts), else the browser's
 * signed-in session. Every route and `lib/api` handler resolves its caller through this one call.
 */
export async function requireApiCredential(request: Request): Promise<TokenCredential> {
  return credentialFromRequest(request);
}
