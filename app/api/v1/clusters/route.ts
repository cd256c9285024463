import { handleApiError, jsonOk, requireApiCredential } from '@/lib/api/respond';
import { listClusters } from '@/lib/azure/clusters';
import { pickClusterSummary } from '@/lib/domain/cluster';
import { localeOfRequest, translateAppError } from '@/lib/i18n/server';

/** Per caller, live from ARM: never prerendered or cached. */
export const dynamic = 'force-dynamic';

/**
 * `GET /api/v1/clusters` → `{ value: ClusterSummary[] }`, every AKS and Arc cluster the caller can
 * see, sorted by name. Subscriptions that could not be listed are reported in `failures` and the
 * answer is still 200.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const credential = await requireApiCredential(request);
    const { clusters, failures } = await listClusters(credential);
    const locale = localeOfRequest(request);
    return jsonOk({
      value: clusters.map(pickClusterSummary),
      ...(failures.length > 0
        ? {
            failures: failures.map(({ subscriptionId, error }) => ({
              subscriptionId,
              error: { code: error.code, message: translateAppError(error, locale) },
            })),
          }
        : {}),
    });
  } catch (err) {
    return handleApiError(err, { action: 'list clusters' }, request);
  }
}
