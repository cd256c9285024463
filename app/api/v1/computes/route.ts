import { readJsonBody } from '@/lib/api/read-json-body';
import { handleApiError, jsonError, jsonOk, requireApiCredential } from '@/lib/api/respond';
import { attachCluster, computeStatusUrl, detachCompute, listClusterComputes } from '@/lib/deploy/attach-service';
import { AppError } from '@/lib/errors';
import { domainTextFor, localeOfRequest } from '@/lib/i18n/server';

/** Per caller, live from ARM: never prerendered or cached. */
export const dynamic = 'force-dynamic';

/** Idempotency keys are client-made ids (a UUID is 36 characters); longer ones are refused (as for extensions). */
const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

function requireParam(request: Request, name: 'clusterId' | 'id'): string {
  const value = new URL(request.url).searchParams.get(name)?.trim();
  if (value) return value;
  throw new AppError(
    name === 'clusterId'
      ? { code: 'BadRequest', status: 400, userText: { key: 'api.passClusterId' } }
      : { code: 'InvalidResourceId', status: 400, userText: { key: 'resources.notAComputeId', values: { id: '' } } },
  );
}

/**
 * `POST /api/v1/computes` `{ clusterId, workspaceId, name, namespace?, identity?, defaultInstanceType?, workloads? }`
 * → 202 `{ id, statusUrl }` once ARM accepted the attach (poll `statusUrl`); 409 `{ findings }` when
 * the attach preflight finds a blocking problem (nothing written: another subscription, the
 * extension not Succeeded, the name taken, no computes/write on the workspace); 422
 * `{ errors: [{ key, message }] }` when a field is wrong. `Idempotency-Key` as for
 * `POST /api/v1/extensions`. Messages follow Accept-Language (English by default).
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const credential = await requireApiCredential(request);
    const idempotencyKey = request.headers.get('idempotency-key')?.trim() || undefined;
    if (idempotencyKey && idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
      return jsonError(new AppError({ code: 'BadRequest', status: 400, userText: { key: 'api.idempotencyKeyTooLong', values: { max: MAX_IDEMPOTENCY_KEY_LENGTH } } }), request);
    }
    const body = await readJsonBody(request);
    if (!body.ok) return body.response;
    const result = await attachCluster(credential, body.json, { idempotencyKey }, domainTextFor(localeOfRequest(request)));
    if (result.ok) return jsonOk({ id: result.id, statusUrl: result.statusUrl }, { status: 202 });
    if ('findings' in result) return jsonOk({ findings: result.findings }, { status: 409 });
    return jsonOk({ errors: result.errors }, { status: 422 });
  } catch (err) {
    return handleApiError(err, { action: 'attach the cluster to the workspace' }, request);
  }
}

/**
 * `GET /api/v1/computes?clusterId=` → `{ value: [{ id, name, workspaceId, workspaceName, namespace?, provisioningState }] }`:
 * the Kubernetes computes of the cluster across the workspaces the caller sees in its subscription.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const credential = await requireApiCredential(request);
    return jsonOk({ value: await listClusterComputes(credential, requireParam(request, 'clusterId')) });
  } catch (err) {
    return handleApiError(err, { action: 'list the computes of the workspace' }, request);
  }
}

/**
 * `DELETE /api/v1/computes?id=<compute resource id>` → 202 `{ id, statusUrl }`: the detach was
 * accepted (the compute leaves the workspace; the cluster and its extension stay). Polling
 * `statusUrl` answers 404 once it is gone.
 */
export async function DELETE(request: Request): Promise<Response> {
  try {
    const credential = await requireApiCredential(request);
    const id = requireParam(request, 'id');
    await detachCompute(credential, id);
    return jsonOk({ id, statusUrl: computeStatusUrl(id) }, { status: 202 });
  } catch (err) {
    return handleApiError(err, { action: 'detach the compute' }, request);
  }
}
