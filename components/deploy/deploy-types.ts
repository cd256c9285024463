/**
 * Types the deploy wizard's files share. Pure: no React, no Azure, so the server page, the hook and
 * the step views can all import them.
 */
import type { ClusterSummary } from '@/lib/domain/cluster';
import type { Finding } from '@/lib/domain/preflight/types';

/** A cluster as the wizard shows it: the home page's summary plus the subscription's name. */
export interface DeployCluster extends ClusterSummary {
  subscriptionName?: string;
  /** The AzureML extension already on the cluster, if any (the review offers to open it). */
  azureMl?: { name: string; provisioningState: string; version?: string | null };
}

/** The preflight of the picked cluster, as the cluster step and the review read it. */
export type PreflightState =
  | { status: 'idle' }
  | { status: 'loading'; clusterId: string }
  | { status: 'loaded'; clusterId: string; findings: Finding[] }
  | { status: 'failed'; clusterId: string; message: string };

/** AKS vs Arc in the words users read on the home page. */
export function clusterKindLabel(cluster: Pick<ClusterSummary, 'type' | 'distribution'>): string {
  if (cluster.type === 'managedClusters') return 'AKS';
  return cluster.distribution ? `Arc (${cluster.distribution})` : 'Arc';
}
