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
  const { text } = context;
  const name = cluster.summary.name;
  let who: string;
  if (spClient && noIdentity) who = text('preflight.servicePrincipal.clientIdNoIdentity', { cluster: name, clientId });
  else if (spClient) who = text('preflight.servicePrincipal.clientId', { cluster: name, clientId });
  else who = text('preflight.servicePrincipal.noIdentity', { cluster: name });
  return {
    code: 'service-principal-identity',
    severity: 'error',
    message: `${who} ${text('preflight.servicePrincipal.supported')}`,
    fix: text('preflight.servicePrincipal.fix', { clusterArgs: clusterArgs(cluster) }),
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
    message: context.text('preflight.localAccounts.message', { cluster: cluster.summary.name }),
    fix: context.text('preflight.localAccounts.fix', { clusterArgs: clusterArgs(cluster) }),
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
  const { text } = context;
  const regions = paired
    ? text('preflight.authorizedIpRanges.regionsPaired', { region, paired })
    : text('preflight.authorizedIpRanges.regionsUnpaired', { region });
  return {
    code: 'authorized-ip-ranges',
    severity: 'warning',
    message: text('preflight.authorizedIpRanges.message', { cluster: cluster.summary.name, count: ranges.length, ranges: ranges.join(', ') }),
    fix: text('preflight.authorizedIpRanges.fix', { regions, clusterArgs: clusterArgs(cluster), rangeList: ranges.join(',') }),
  };
}
