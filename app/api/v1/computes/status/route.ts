import { handleApiError, jsonOk, requireApiCredential } from '@/lib/api/respond';
import { readComputeStatus } from '@/lib/deploy/attach-service';
import { AppError } from '@/lib/errors';
import { domainTextFor, localeOfRequest } from '@/lib/i18n/server';

/** Per caller, live from ARM: never prerendered or cached. */
export const dynamic = 'force-dynamic';

/**
 * `GET /api/v1/computes/status?id=<compute resource id>` → `{ id, name, workspaceId, workspaceName,
 * provisioningState, namespace?, defaultInstanceType?, errors: [{ code, message, fix? }], terminal }`.
 * Reading a terminal state settles the attach's audit row; 404 once a detach finished (and settles it).
 * 400 for an id that is not a compute's, 401 without a credential.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const credential = await requireApiCredential(request);
    const id = new URL(request.url).searchParams.get('id')?.trim() ?? '';
    if (!id) throw new AppError({ code: 'InvalidResourceId', status: 400, userText: { key: 'resources.notAComputeId', values: { id } } });
    return jsonOk(await readComputeStatus(credential, id, domainTextFor(localeOfRequest(request))));
  } catch (err) {
    return handleApiError(err, { action: 'read the compute' }, request);
  }
}
