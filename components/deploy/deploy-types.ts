/**
 * Types the deploy wizard's files share. Pure: no React, no Azure, so the server page, the hook and
 * the step views can all import them.
 */
import type { ClusterSummary } from '@/lib/domain/cluster';
import type { DeployForm } from '@/lib/domain/deploy-schema';
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

/** The update wizard's extension: the wizard opens on its current answers, its cluster and name fixed. */
export interface UpdateTarget {
  extensionId: string;
  /** Where Cancel and a started update go. */
  statusPath: string;
  /** The answers read from the extension's settings (lib/domain/update-plan.ts `formFromExtension`). */
  initialForm: DeployForm;
  /** Settings the CLI computed at install: shown read-only with why, kept by every update. */
  computed: ReadonlyArray<{ key: string; value: string; why?: string }>;
  /** Renew the certificate only: the TLS choice and the review. */
  renew: boolean;
}
