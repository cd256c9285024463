import { handleApiError, jsonOk, requireApiCredential } from '@/lib/api/respond';
import { listAttachWorkspaces } from '@/lib/deploy/attach-service';
import { AppError } from '@/lib/errors';

/** Per caller, live from ARM: never prerendered or cached. */
export const dynamic = 'force-dynamic';

/**
 * `GET /api/v1/workspaces?clusterId=` → `{ value: [{ id, name, location, resourceGroup }] }`: the
 * Azure ML workspaces the caller can see in the cluster's subscription, the only ones it can be
 * attached to (Azure ML cannot attach a cluster from another subscription). 400 without a cluster
 * id or for one that is not a cluster's, 401 without a credential.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const credential = await requireApiCredential(request);
    const clusterId = new URL(request.url).searchParams.get('clusterId')?.trim();
    if (!clusterId) throw new AppError({ code: 'BadRequest', status: 400, userText: { key: 'api.passClusterId' } });
    const workspaces = await listAttachWorkspaces(credential, clusterId);
    return jsonOk({ value: workspaces.map(({ id, name, location, resourceGroup }) => ({ id, name, location, resourceGroup })) });
  } catch (err) {
    return handleApiError(err, { action: 'list the Azure Machine Learning workspaces' }, request);
  }
}
