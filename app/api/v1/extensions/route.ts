import { handleDeleteExtension, handleListExtensions, handleUpdateExtension } from '@/lib/api/extension-management';
import { handleListFleet } from '@/lib/api/fleet';
import { handleApiError, jsonError, jsonOk, requireApiCredential } from '@/lib/api/respond';
import { createExtension } from '@/lib/deploy/deploy-service';
import { domainTextFor, localeOfRequest } from '@/lib/i18n/server';
import { AppError } from '@/lib/errors';

import { readCliRequest } from '@/lib/api/cli-request-body';

/** Per caller, live from ARM: never prerendered or cached. */
export const dynamic = 'force-dynamic';

/** Idempotency keys are client-made ids (a UUID is 36 characters); longer ones are refused. */
const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/**
 * `POST /api/v1/extensions` with a `CliRequest` → 202 `{ id, statusUrl }` once ARM accepted the
 * install (poll `statusUrl`). 409 `{ findings }` when preflight finds a blocking problem, 422
 * `{ errors: [{ key, message }] }` when a rule fails. An `Idempotency-Key` header makes the same
 * caller's repeat of the same body (a double-click) within 10 minutes return the first answer
 * without a second install; the key with another body is 422 `IdempotencyKeyReused`. A create
 * waits for another create on the same cluster (409 `Conflict`, retryable, if that takes over two
 * minutes). Messages follow Accept-Language (English by default).
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const credential = await requireApiCredential(request);
    const idempotencyKey = request.headers.get('idempotency-key')?.trim() || undefined;
    if (idempotencyKey && idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
      return jsonError(new AppError({ code: 'BadRequest', status: 400, userText: { key: 'api.idempotencyKeyTooLong', values: { max: MAX_IDEMPOTENCY_KEY_LENGTH } } }), request);
    }
    const body = await readCliRequest(request);
    if (!body.ok) return body.response;
    const result = await createExtension(credential, body.request, { idempotencyKey }, domainTextFor(localeOfRequest(request)));
    if (result.ok) return jsonOk({ id: result.id, statusUrl: result.statusUrl }, { status: 202 });
    if ('findings' in result) return jsonOk({ findings: result.findings }, { status: 409 });
    return jsonOk({ errors: result.errors }, { status: 422 });
  } catch (err) {
    return handleApiError(err, { action: 'install the extension' }, request);
  }
}

/**
 * `GET /api/v1/extensions?clusterId=` → the extensions on one cluster; without `clusterId`, every
 * AzureML extension the caller can see (the fleet, one Resource Graph query).
 */
export function GET(request: Request): Promise<Response> {
  return new URL(request.url).searchParams.get('clusterId') ? handleListExtensions(request) : handleListFleet(request);
}

/** `PATCH /api/v1/extensions?id=` → update settings; impacts need `confirmImpacts: true`. */
export function PATCH(request: Request): Promise<Response> {
  return handleUpdateExtension(request);
}

/** `DELETE /api/v1/extensions?id=&force=true` → 202 `{ id, statusUrl }`. */
export function DELETE(request: Request): Promise<Response> {
  return handleDeleteExtension(request);
}
