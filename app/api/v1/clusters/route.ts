import { handleApiError, jsonOk, requireApiCredential } from '@/lib/api/respond';
import { listClusters } from '@/lib/azure/clusters';
import type { ClusterSummary } from '@/lib/domain/cluster';

/** Per caller, live from ARM: never prerendered or cached. */
export const dynamic = 'force-dynamic';

/** Exactly the public fields, whatever else a summary object may carry. */
function toApiCluster(cluster: ClusterSummary): ClusterSummary {
  return {
    id: cluster.id,
    name: cluster.name,
    type: cluster.type,
    subscriptionId: cluster.subscriptionId,
    resourceGroup: cluster.resourceGroup,
    location: cluster.location,
    nodeCount: cluster.nodeCount,
    kubernetesVersion: cluster.kubernetesVersion,
    provisioningState: cluster.provisioningState,
    ...(cluster.distribution !== undefined ? { distribution: cluster.distribution } : {}),
    ...(cluster.connectivityStatus !== undefined ? { connectivityStatus: cluster.connectivityStatus } : {}),
  };
}

/**
 * `GET /api/v1/clusters` → `{ value: ClusterSummary[] }`, every AKS and Arc cluster the caller can
 * see, sorted by name. Subscriptions that could not be listed are reported in `failures` and the
 * answer is still 200.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const credential = await requireApiCredential(request);
    const { clusters, failures } = await listClusters(credential);
    return jsonOk({
      value: clusters.map(toApiCluster),
      ...(failures.length > 0
        ? {
            failures: failures.map(({ subscriptionId, error }) => ({
              subscriptionId,
              error: { code: error.code, message: error.userMessage },
            })),
          }
        : {}),
    });
  } catch (err) {
    return handleApiError(err, { action: 'list clusters' });
  }
}
