/**
 * The fleet table's filter rules. Pure: the table and its unit test call them.
 */

import type { FleetItem } from '@/lib/domain/fleet-query';

export const ALL = 'all';

export interface FleetFilter {
  /** `all`, `managedClusters` or `connectedClusters`. */
  type: string;
  /** `all` or a provisioning state (case-insensitive). */
  state: string;
  /** `all` or a subscription id. */
  subscription: string;
  /** Free text over extension, cluster, resource group, region, version and subscription name. */
  search: string;
}

export const NO_FILTER: FleetFilter = { type: ALL, state: ALL, subscription: ALL, search: '' };

/** `AKS` or `Arc`, as users say it in every language; `unknownLabel` (in the reader's language) when there is no type. */
export function clusterTypeLabel(clusterType: string, unknownLabel: string): string {
  if (clusterType.toLowerCase() === 'managedclusters') return 'AKS';
  if (clusterType.toLowerCase() === 'connectedclusters') return 'Arc';
  return clusterType || unknownLabel;
}

/** The cluster's name and resource group, read from its id. */
export function clusterPartsOf(clusterId: string): { name: string; resourceGroup: string } {
  const segments = clusterId.split('/');
  const group = segments.findIndex((segment) => segment.toLowerCase() === 'resourcegroups');
  return { name: segments.at(-1) ?? clusterId, resourceGroup: group >= 0 ? (segments[group + 1] ?? '') : '' };
}

/** The rows a filter keeps, in their original order (the grid sorts). */
export function filterFleet(rows: readonly FleetItem[], filter: FleetFilter, subscriptionNames: ReadonlyMap<string, string>): FleetItem[] {
  const needle = filter.search.trim().toLowerCase();
  return rows.filter((row) => {
    if (filter.type !== ALL && row.clusterType.toLowerCase() !== filter.type.toLowerCase()) return false;
    if (filter.state !== ALL && row.provisioningState.toLowerCase() !== filter.state.toLowerCase()) return false;
    if (filter.subscription !== ALL && row.subscriptionId.toLowerCase() !== filter.subscription.toLowerCase()) return false;
    if (!needle) return true;
    const { name, resourceGroup } = clusterPartsOf(row.clusterId);
    const subscriptionName = subscriptionNames.get(row.subscriptionId.toLowerCase()) ?? '';
    return [row.name, name, resourceGroup, row.location, row.version, row.subscriptionId, subscriptionName].some((field) =>
      field.toLowerCase().includes(needle),
    );
  });
}

/** Distinct provisioning states present, sorted, for the state filter. */
export function statesIn(rows: readonly FleetItem[]): string[] {
  return [...new Set(rows.map((row) => row.provisioningState || 'Unknown'))].sort();
}
