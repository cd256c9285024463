/**
 * Clusters as the portal talks about them: one normalised summary for AKS and Arc, and the
 * parsing of cluster resource ids. Pure.
 */

/** ARM resource type segment of a cluster the portal can manage. */
export type ClusterType = 'managedClusters' | 'connectedClusters';

/** Resource provider namespace that owns each cluster type. */
export const CLUSTER_PROVIDERS: Record<ClusterType, string> = {
  managedClusters: 'Microsoft.ContainerService',
  connectedClusters: 'Microsoft.Kubernetes',
};

/** One row of the cluster list, the same for AKS and Arc. */
export interface ClusterSummary {
  /** Full ARM resource id, as ARM returned it. */
  id: string;
  name: string;
  type: ClusterType;
  subscriptionId: string;
  resourceGroup: string;
  /** Azure region as ARM returned it (`eastus`, or `East US` on some Arc clusters). */
  location: string;
  /** AKS: sum of agent pool counts. Arc: `totalNodeCount` (0 when the agent has not reported). */
  nodeCount: number;
  /** Empty when ARM does not say (an Arc cluster whose agent never reported). */
  kubernetesVersion: string;
  /** ARM provisioning state; `Unknown` when ARM does not say. */
  provisioningState: string;
  /** Arc only: `k3s`, `openshift`, `aks_hci`, ... */
  distribution?: string;
  /** Arc only: `Connected`, `Offline`, `Expired`, `Connecting`. */
  connectivityStatus?: string;
}

/** Parts of a cluster resource id. `provider` and `type` come back in canonical casing. */
export interface ParsedClusterId {
  subscriptionId: string;
  resourceGroup: string;
  provider: string;
  type: ClusterType;
  name: string;
}

const CLUSTER_ID_PATTERN = /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/([^/]+)\/([^/]+)\/([^/]+)\/?$/i;

/** The canonical casing of a cluster type segment, or null when the portal cannot manage it. */
export function clusterTypeOf(segment: string): ClusterType | null {
  const lower = segment.toLowerCase();
  if (lower === 'managedclusters') return 'managedClusters';
  if (lower === 'connectedclusters') return 'connectedClusters';
  return null;
}

/**
 * Splits `/subscriptions/{s}/resourceGroups/{rg}/providers/{rp}/{type}/{name}`. ARM ids are
 * case-insensitive (Arc returns `resourcegroups`), so the match is too; the provider must be the
 * one that owns the type. Anything else (other resource types, child resources) is null.
 */
export function parseClusterId(id: string): ParsedClusterId | null {
  const match = CLUSTER_ID_PATTERN.exec(id.trim());
  if (!match) return null;
  const [, subscriptionId, resourceGroup, provider, typeSegment, name] = match;
  const type = clusterTypeOf(typeSegment);
  if (!type) return null;
  const canonicalProvider = CLUSTER_PROVIDERS[type];
  if (provider.toLowerCase() !== canonicalProvider.toLowerCase()) return null;
  return { subscriptionId, resourceGroup, provider: canonicalProvider, type, name };
}

/** Builds a cluster id in the casing ARM uses for AKS (`resourceGroups`). */
export function formatClusterId(parts: Pick<ParsedClusterId, 'subscriptionId' | 'resourceGroup' | 'type' | 'name'>): string {
  return `/subscriptions/${parts.subscriptionId}/resourceGroups/${parts.resourceGroup}/providers/${CLUSTER_PROVIDERS[parts.type]}/${parts.type}/${parts.name}`;
}

/** True when two ARM ids name the same resource (ARM ids compare case-insensitively). */
export function sameResourceId(a: string, b: string): boolean {
  return a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();
}

/** AKS node count: the sum of every agent pool's `count` (pools without a count add nothing). */
export function sumAgentPoolNodes(pools: ReadonlyArray<{ count?: number | null }> | undefined): number {
  return (pools ?? []).reduce((total, pool) => total + (pool.count ?? 0), 0);
}

/** Sorts by name, then id, so the list does not reorder between refreshes when names repeat. */
export function compareClusters(a: ClusterSummary, b: ClusterSummary): number {
  return a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.id.localeCompare(b.id);
}

/** An AKS agent pool as preflight needs it. */
export interface AgentPoolFacts {
  name: string;
  vmSize: string | null;
  count: number;
  /** `System` or `User`. */
  mode: string | null;
  /** `Linux` or `Windows`. */
  osType: string | null;
  nodeLabels: Record<string, string>;
}

/** The facts about an AKS cluster that preflight (DOMAIN.md section 6) reads. */
export interface ManagedClusterDetails {
  type: 'managedClusters';
  summary: ClusterSummary;
  /** `{ type: 'SystemAssigned' | 'UserAssigned' | 'None' }`, or null without a managed identity. */
  identity: { type: string | null } | null;
  /** `clientId` is `msi` when the cluster uses its managed identity. */
  servicePrincipalProfile: { clientId: string | null } | null;
  disableLocalAccounts: boolean;
  apiServerAccessProfile: { authorizedIPRanges: string[]; enablePrivateCluster: boolean } | null;
  agentPoolProfiles: AgentPoolFacts[];
}

/** The facts about an Arc cluster that preflight reads. */
export interface ConnectedClusterDetails {
  type: 'connectedClusters';
  summary: ClusterSummary;
  totalNodeCount: number | null;
  totalCoreCount: number | null;
  distribution: string | null;
  infrastructure: string | null;
  /** `Connected`, `Connecting`, `Offline`, `Expired`. */
  connectivityStatus: string | null;
  /** ISO 8601. */
  lastConnectivityTime: string | null;
  agentVersion: string | null;
  /** Arc clusters carry a system-assigned identity; the extension gets its own. */
  identityType: string | null;
}

export type ClusterDetails = ManagedClusterDetails | ConnectedClusterDetails;

/**
 * Exactly the public fields of a cluster summary, whatever else the object carries: what the JSON
 * API answers and what pages hand to the browser.
 */
export function pickClusterSummary(cluster: ClusterSummary): ClusterSummary {
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
