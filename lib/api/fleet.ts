import 'server-only';

import type { TokenCredential } from '@azure/core-auth';

import { listAzureMlExtensions } from '@/lib/azure/fleet';
import { listSubscriptions } from '@/lib/azure/subscriptions';
import type { FleetItem, FleetRow } from '@/lib/domain/fleet-query';

import { handleApiError, jsonOk, requireApiCredential } from './respond';

export interface FleetListing {
  value: FleetItem[];
  /** Names of the subscriptions the caller can see, for labels and the subscription filter. */
  subscriptions: Array<{ subscriptionId: string; displayName: string }>;
}

/**
 * Every Azure ML extension in every subscription the caller can see: the subscription list, then
 * ONE paged Resource Graph query that also brings each cluster's region.
 */
export async function listFleet(credential: TokenCredential): Promise<FleetListing> {
  const subscriptions = await listSubscriptions(credential);
  const rows = await listAzureMlExtensions(
    credential,
    subscriptions.map((s) => s.subscriptionId),
  );
  return {
    value: rows.map(toFleetItem),
    subscriptions: subscriptions.map(({ subscriptionId, displayName }) => ({ subscriptionId, displayName })),
  };
}

function toFleetItem(row: FleetRow): FleetItem {
  return {
    id: row.id,
    name: row.name,
    clusterId: row.clusterId,
    clusterType: row.clusterType,
    subscriptionId: row.subscriptionId,
    location: row.location ?? '',
    version: row.version,
    provisioningState: row.provisioningState,
  };
}

/**
 * `GET /api/v1/extensions` without `clusterId` → `{ value: FleetItem[], subscriptions }`.
 * Credentials as the other extension routes: the bearer header, else the page visitor's.
 */
export async function handleListFleet(request: Request): Promise<Response> {
  try {
    const credential = await requireApiCredential(request);
    return jsonOk(await listFleet(credential));
  } catch (err) {
    return handleApiError(err, { action: 'list the Azure Machine Learning extensions' }, request);
  }
}
