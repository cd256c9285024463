/**
 * AKS limitations of the seed's "Limitações": how the cluster authenticates and who may reach its
 * API server. Arc clusters pass all three (they have no such properties). Pure.
 */
import { clusterArgs, type RuleContext } from '../context';
import type { Finding } from '../types';

/**
 * AKS reports `servicePrincipalProfile.clientId = "msi"` for managed-identity clusters; anything
 * else (a GUID) is a service principal. A cluster without an identity, or with type `None`, is
 * one too: Azure ML does not support service principals on AKS (seed, "Limitações").
 */
export function servicePrincipalRule(context: RuleContext): Finding | null {
  const cluster = context.facts.cluster;
  if (cluster.type !== 'managedClusters') return null;
  const identityType = cluster.identity?.type ?? null;
  const clientId = cluster.servicePrincipalProfile?.clientId ?? null;
  const noIdentity = identityType === null || identityType.toLowerCase() === 'none';
  const spClient = clientId !== null && clientId.toLowerCase() !== 'msi';
  if (!noIdentity && !spClient) return null;
  const who = spClient ? `the service principal ${clientId}` : 'a service principal';
  return {
    code: 'service-principal-identity',
    severity: 'error',
    message: `${cluster.summary.name} authenticates with ${who}${noIdentity ? ' and has no managed identity' : ''}. Azure Machine Learning supports only AKS clusters with a managed identity (system- or user-assigned).`,
    fix: `Convert the cluster: \`az aks update ${clusterArgs(cluster)} --enable-managed-identity\`, then delete and recreate every node pool (updating them is not enough), then run preflight again.`,
  };
}

/**
 * Azure ML does not support AKS clusters with `disableLocalAccounts` (seed, "Limitações").
 * Trusted Access (preview) is the documented exception; ARM's cluster body does not show it, so
 * the block names it instead of guessing.
 */
export function localAccountsRule(context: RuleContext): Finding | null {
  const cluster = context.facts.cluster;
  if (cluster.type !== 'managedClusters' || !cluster.disableLocalAccounts) return null;
  return {
    code: 'local-accounts-disabled',
    severity: 'error',
    message: `${cluster.summary.name} has local accounts disabled (disableLocalAccounts is true). Azure Machine Learning does not support AKS clusters without local accounts.`,
    fix: `Enable local accounts: \`az aks update ${clusterArgs(cluster)} --enable-local-accounts\`. (Only if you have set up Trusted Access for Azure Machine Learning, a preview feature, can you ignore this.)`,
  };
}

/**
 * The Azure ML control plane calls the API server from the region's paired region too, so both
 * regions' ranges must be allowed (seed). Pairs of the regions the portal commonly sees; others
 * are named generically.
 */
export const PAIRED_REGIONS: Readonly<Record<string, string>> = {
  eastus: 'westus', westus: 'eastus', eastus2: 'centralus', centralus: 'eastus2',
  westus2: 'westcentralus', westus3: 'eastus', northeurope: 'westeurope', westeurope: 'northeurope',
  uksouth: 'ukwest', ukwest: 'uksouth', francecentral: 'francesouth', germanywestcentral: 'germanynorth',
  swedencentral: 'swedensouth', southeastasia: 'eastasia', eastasia: 'southeastasia',
  australiaeast: 'australiasoutheast', japaneast: 'japanwest', canadacentral: 'canadaeast',
};

/** AKS with API-server authorized IP ranges: warn, the Azure ML control plane must be allowed. */
export function authorizedIpRangesRule(context: RuleContext): Finding | null {
  const cluster = context.facts.cluster;
  if (cluster.type !== 'managedClusters') return null;
  const ranges = cluster.apiServerAccessProfile?.authorizedIPRanges ?? [];
  if (ranges.length === 0) return null;
  const region = cluster.summary.location.toLowerCase().replace(/\s+/g, '');
  const paired = PAIRED_REGIONS[region];
  const regions = paired ? `${region} and its paired region ${paired}` : `${region} and its paired region`;
  return {
    code: 'authorized-ip-ranges',
    severity: 'warning',
    message: `${cluster.summary.name} only accepts API server calls from ${ranges.length} authorized IP range(s) (${ranges.join(', ')}). Without the Azure Machine Learning control-plane ranges, the extension's pods cannot be deployed.`,
    fix: `Add the AzureMachineLearning service-tag IP ranges of ${regions} (from the Azure IP Ranges and Service Tags download) to the list, keeping the current ones: \`az aks update ${clusterArgs(cluster)} --api-server-authorized-ip-ranges ${ranges.join(',')},<Azure ML ranges>\`.`,
  };
}
