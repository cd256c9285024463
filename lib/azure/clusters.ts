import 'server-only';

import type { ManagedCluster } from '@azure/arm-containerservice';
import type { ConnectedCluster } from '@azure/arm-hybridkubernetes';
import type { TokenCredential } from '@azure/core-auth';

import {
  compareClusters,
  parseClusterId,
  sumAgentPoolNodes,
  type ClusterDetails,
  type ClusterSummary,
  type ParsedClusterId,
} from '@/lib/domain/cluster';
import type { FleetRow } from '@/lib/domain/fleet-query';
import { AppError, toAppError } from '@/lib/errors';

import { createArmClients } from './clients';
import { mapWithConcurrency } from './concurrency';
import { listAzureMlExtensions } from './fleet';
import { listSubscriptions, type SubscriptionSummary } from './subscriptions';

/** Subscriptions listed at once. Each costs two ARM calls; ARM throttles per principal. */
export const SUBSCRIPTION_CONCURRENCY = 4;

export interface SubscriptionFailure {
  subscriptionId: string;
  subscriptionName?: string;
  error: AppError;
}

export interface ClusterListing {
  clusters: ClusterSummary[];
  /** Subscriptions whose clusters could not be listed; the others are still in `clusters`. */
  failures: SubscriptionFailure[];
  /** Every subscription the caller can see (including failed ones). */
  subscriptions: SubscriptionSummary[];
}

const UNKNOWN_STATE = 'Unknown';

function resourceGroupOf(id: string | undefined): string {
  return (id && /\/resourcegroups\/([^/]+)/i.exec(id)?.[1]) || '';
}

function subscriptionOf(id: string | undefined, fallback: string): string {
  return (id && /^\/subscriptions\/([^/]+)/i.exec(id)?.[1]) || fallback;
}

function summariseManaged(cluster: ManagedCluster, subscriptionId: string): ClusterSummary {
  return {
    id: cluster.id ?? '',
    name: cluster.name ?? '',
    type: 'managedClusters',
    subscriptionId: subscriptionOf(cluster.id, subscriptionId),
    resourceGroup: resourceGroupOf(cluster.id),
    location: cluster.location,
    nodeCount: sumAgentPoolNodes(cluster.agentPoolProfiles),
    kubernetesVersion: cluster.currentKubernetesVersion ?? cluster.kubernetesVersion ?? '',
    provisioningState: cluster.provisioningState ?? UNKNOWN_STATE,
  };
}

function summariseConnected(cluster: ConnectedCluster, subscriptionId: string): ClusterSummary {
  return {
    id: cluster.id ?? '',
    name: cluster.name ?? '',
    type: 'connectedClusters',
    subscriptionId: subscriptionOf(cluster.id, subscriptionId),
    resourceGroup: resourceGroupOf(cluster.id),
    location: cluster.location,
    nodeCount: cluster.totalNodeCount ?? 0,
    kubernetesVersion: cluster.kubernetesVersion ?? '',
    provisioningState: cluster.provisioningState ?? UNKNOWN_STATE,
    ...(cluster.distribution ? { distribution: cluster.distribution } : {}),
    ...(cluster.connectivityStatus ? { connectivityStatus: cluster.connectivityStatus } : {}),
  };
}

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of pages) items.push(item);
  return items;
}

/** AKS and Arc clusters of one subscription. */
export async function listClustersInSubscription(credential: TokenCredential, subscriptionId: string): Promise<ClusterSummary[]> {
  try {
    const clients = await createArmClients(credential, subscriptionId);
    const [managed, connected] = await Promise.all([
      collect(clients.containerService.managedClusters.list()),
      collect(clients.connectedKubernetes.connectedClusterOperations.listBySubscription()),
    ]);
    return [
      ...managed.map((cluster) => summariseManaged(cluster, subscriptionId)),
      ...connected.map((cluster) => summariseConnected(cluster, subscriptionId)),
    ];
  } catch (err) {
    throw toAppError(err, { action: `list the clusters of subscription ${subscriptionId}`, target: `/subscriptions/${subscriptionId}` });
  }
}

/**
 * Every AKS and Arc cluster in every subscription the caller can see, sorted by name. A
 * subscription that fails (no access, provider not registered, throttled) is reported in
 * `failures` and does not hide the others. Failing to list subscriptions at all throws.
 */
export async function listClusters(credential: TokenCredential): Promise<ClusterListing> {
  const subscriptions = await listSubscriptions(credential);
  type Outcome = { ok: true; clusters: ClusterSummary[] } | { ok: false; error: AppError };
  const outcomes = await mapWithConcurrency(subscriptions, SUBSCRIPTION_CONCURRENCY, async ({ subscriptionId }): Promise<Outcome> => {
    try {
      return { ok: true, clusters: await listClustersInSubscription(credential, subscriptionId) };
    } catch (err) {
      return { ok: false, error: toAppError(err) };
    }
  });
  const clusters: ClusterSummary[] = [];
  const failures: SubscriptionFailure[] = [];
  outcomes.forEach((outcome, index) => {
    const { subscriptionId, displayName } = subscriptions[index];
    if (outcome.ok) clusters.push(...outcome.clusters);
    else failures.push({ subscriptionId, subscriptionName: displayName, error: outcome.error });
  });
  return { clusters: clusters.sort(compareClusters), failures, subscriptions };
}

function invalidClusterId(clusterId: string): AppError {
  return new AppError({
    code: 'InvalidResourceId',
    status: 400,
    target: clusterId,
    userText: { key: 'resources.notAClusterId', values: { id: clusterId } },
  });
}

/** Parses a cluster id or fails with `InvalidResourceId` (400). */
export function requireClusterId(clusterId: string): ParsedClusterId {
  const parsed = parseClusterId(clusterId);
  if (!parsed) throw invalidClusterId(clusterId);
  return parsed;
}

function detailsOfManaged(cluster: ManagedCluster, subscriptionId: string): ClusterDetails {
  return {
    type: 'managedClusters',
    summary: summariseManaged(cluster, subscriptionId),
    identity: cluster.identity ? { type: cluster.identity.type ?? null } : null,
    servicePrincipalProfile: cluster.servicePrincipalProfile ? { clientId: cluster.servicePrincipalProfile.clientId ?? null } : null,
    disableLocalAccounts: cluster.disableLocalAccounts ?? false,
    apiServerAccessProfile: cluster.apiServerAccessProfile
      ? {
          authorizedIPRanges: cluster.apiServerAccessProfile.authorizedIPRanges ?? [],
          enablePrivateCluster: cluster.apiServerAccessProfile.enablePrivateCluster ?? false,
        }
      : null,
    agentPoolProfiles: (cluster.agentPoolProfiles ?? []).map((pool) => ({
      name: pool.name,
      vmSize: pool.vmSize ?? null,
      count: pool.count ?? 0,
      mode: pool.mode ?? null,
      osType: pool.osType ?? null,
      nodeLabels: pool.nodeLabels ?? {},
    })),
  };
}

function detailsOfConnected(cluster: ConnectedCluster, subscriptionId: string): ClusterDetails {
  return {
    type: 'connectedClusters',
    summary: summariseConnected(cluster, subscriptionId),
    totalNodeCount: cluster.totalNodeCount ?? null,
    totalCoreCount: cluster.totalCoreCount ?? null,
    distribution: cluster.distribution ?? null,
    infrastructure: cluster.infrastructure ?? null,
    connectivityStatus: cluster.connectivityStatus ?? null,
    lastConnectivityTime: cluster.lastConnectivityTime ? new Date(cluster.lastConnectivityTime).toISOString() : null,
    agentVersion: cluster.agentVersion ?? null,
    identityType: cluster.identity?.type ?? null,
  };
}

/** One cluster with the facts preflight needs. 404 becomes `ResourceNotFound`. */
export async function getCluster(credential: TokenCredential, clusterId: string): Promise<ClusterDetails> {
  const parsed = requireClusterId(clusterId);
  try {
    const clients = await createArmClients(credential, parsed.subscriptionId);
    if (parsed.type === 'managedClusters') {
      const cluster = await clients.containerService.managedClusters.get(parsed.resourceGroup, parsed.name);
      return detailsOfManaged(cluster, parsed.subscriptionId);
    }
    const cluster = await clients.connectedKubernetes.connectedClusterOperations.get(parsed.resourceGroup, parsed.name);
    return detailsOfConnected(cluster, parsed.subscriptionId);
  } catch (err) {
    throw toAppError(err, { action: 'read the cluster', target: clusterId });
  }
}

export interface AzureMlExtensionState {
  name: string;
  provisioningState: string;
  version: string;
}

/** A home-page row: the cluster, its subscription's name, and its AzureML extension if any. */
export type ClusterWithExtensionState = ClusterSummary & { subscriptionName?: string; azureMl?: AzureMlExtensionState };

export interface ClusterListingWithExtensionState {
  clusters: ClusterWithExtensionState[];
  failures: SubscriptionFailure[];
  /** Set when the extension query failed: clusters are listed, their AzureML state is unknown. */
  extensionStateError?: AppError;
}

/**
 * Pure join of clusters and Resource Graph rows on the cluster id (case-insensitive, as ARM ids
 * are). When a cluster somehow has two AzureML extensions, the first by name is shown.
 */
export function joinExtensionState(
  clusters: readonly ClusterSummary[],
  rows: readonly FleetRow[],
  subscriptionNames: ReadonlyMap<string, string> = new Map(),
): ClusterWithExtensionState[] {
  const byCluster = new Map<string, FleetRow>();
  for (const row of [...rows].sort((a, b) => a.name.localeCompare(b.name))) {
    const key = row.clusterId.toLowerCase();
    if (!byCluster.has(key)) byCluster.set(key, row);
  }
  return clusters.map((cluster) => {
    const row = byCluster.get(cluster.id.toLowerCase());
    const subscriptionName = subscriptionNames.get(cluster.subscriptionId.toLowerCase());
    return {
      ...cluster,
      ...(subscriptionName ? { subscriptionName } : {}),
      ...(row ? { azureMl: { name: row.name, provisioningState: row.provisioningState, version: row.version } } : {}),
    };
  });
}

/**
 * The home page's list: every cluster, with whether the AzureML extension is installed on it,
 * from ONE Resource Graph query instead of one extensions list per cluster.
 */
export async function listClustersWithExtensionState(credential: TokenCredential): Promise<ClusterListingWithExtensionState> {
  const { clusters, failures, subscriptions } = await listClusters(credential);
  const names = new Map(subscriptions.map((s) => [s.subscriptionId.toLowerCase(), s.displayName]));
  const subscriptionIds = subscriptions.map((s) => s.subscriptionId).filter((id) => !failures.some((f) => f.subscriptionId === id));
  try {
    const rows = await listAzureMlExtensions(credential, subscriptionIds);
    return { clusters: joinExtensionState(clusters, rows, names), failures };
  } catch (err) {
    return { clusters: joinExtensionState(clusters, [], names), failures, extensionStateError: toAppError(err) };
  }
}
