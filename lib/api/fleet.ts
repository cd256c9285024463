import 'server-only';

import type { TokenCredential } from '@azure/core-auth';

import { requireRequestCredential } from '@/lib/api/extension-management';
import { listClustersInSubscription, SUBSCRIPTION_CONCURRENCY } from '@/lib/azure/clusters';
import { mapWithConcurrency } from '@/lib/azure/concurrency';
import { listAzureMlExtensions } from '@/lib/azure/fleet';
import { listSubscriptions } from '@/lib/azure/subscriptions';
import type { ClusterSummary } from '@/lib/domain/cluster';
import type { FleetRow } from '@/lib/domain/fleet-query';
import { toAppError } from '@/lib/errors';

import { handleApiError, jsonOk } from './respond';

/** One extension of the fleet, as `GET /api/v1/extensions` (no clusterId) and `/fleet` show it. */
export interface FleetItem {
  id: string;
  name: string;
  clusterId: string;
  /** `managedClusters` (AKS) or `connectedClusters` (Arc). */
  clusterType: string;
  subscriptionId: string;
  /** The cluster's region (extensions have none of their own); empty when unknown. */
  location: string;
  version: string;
  provisioningState: string;
}

export interface FleetListing {
  value: FleetItem[];
  /** Names of the subscriptions the caller can see, for labels and the subscription filter. */
  subscriptions: Array<{ subscriptionId: string; displayName: string }>;
  /** Subscriptions whose cluster regions could not be read: their rows have an empty location. */
  failures?: Array<{ subscriptionId: string; error: { code: string; message: string } }>;
}

/** Pure: fleet rows with the region of their cluster (ids compare case-insensitively, as in ARM). */
export function joinFleetLocations(rows: readonly FleetRow[], clusters: readonly ClusterSummary[]): FleetItem[] {
  const regions = new Map(clusters.map((cluster) => [cluster.id.toLowerCase(), cluster.location]));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    clusterId: row.clusterId,
    clusterType: row.clusterType,
    subscriptionId: row.subscriptionId,
    location: row.location || regions.get(row.clusterId.toLowerCase()) || '',
    version: row.version,
    provisioningState: row.provisioningState,
  }));
}

/**
 * Every Azure ML extension in every subscription the caller can see: ONE paged Resource Graph
 * query, then the cluster lists of only those subscriptions that have extensions, because
 * Resource Graph reports no region for extension resources. A subscription whose clusters cannot
 * be listed still shows its extensions (without region) and is reported in `failures`.
 */
export async function listFleet(credential: TokenCredential): Promise<FleetListing> {
  const subscriptions = await listSubscriptions(credential);
  const rows = await listAzureMlExtensions(
    credential,
    subscriptions.map((s) => s.subscriptionId),
  );
  const needRegions = [...new Set(rows.filter((row) => !row.location).map((row) => row.subscriptionId.toLowerCase()))];
  const failures: NonNullable<FleetListing['failures']> = [];
  const clusterLists = await mapWithConcurrency(needRegions, SUBSCRIPTION_CONCURRENCY, async (subscriptionId) => {
    try {
      return await listClustersInSubscription(credential, subscriptionId);
    } catch (err) {
      const error = toAppError(err);
      failures.push({ subscriptionId, error: { code: error.code, message: error.userMessage } });
      return [];
    }
  });
  return {
    value: joinFleetLocations(rows, clusterLists.flat()),
    subscriptions: subscriptions.map(({ subscriptionId, displayName }) => ({ subscriptionId, displayName })),
    ...(failures.length > 0 ? { failures } : {}),
  };
}

/**
 * `GET /api/v1/extensions` without `clusterId` → `{ value: FleetItem[], subscriptions, failures? }`.
 * Credentials as the other extension routes: the bearer header, else the page visitor's.
 */
export async function handleListFleet(request: Request): Promise<Response> {
  try {
    const credential = await requireRequestCredential(request);
    return jsonOk(await listFleet(credential));
  } catch (err) {
    return handleApiError(err, { action: 'list the Azure Machine Learning extensions' });
  }
}
