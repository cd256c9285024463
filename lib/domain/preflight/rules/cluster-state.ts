/**
 * Rules about what is already on, or about, the cluster: an Azure ML extension, the legacy v1
 * inference router, and the Kubernetes version. Pure.
 */
import { AZUREML_EXTENSION_TYPE, type RuleContext } from '../context';
import type { Finding } from '../types';

/**
 * The newest AKS GA minor version. NEEDS UPDATING as AKS ships minors (about every 4 months,
 * `az aks get-versions --location <region>`); facts may override it with `newestAksGaMinor`.
 */
export const NEWEST_AKS_GA_MINOR = '1.33';
/** Azure ML supports what AKS supports: the newest GA minor and the two before it (N-2). */
export const SUPPORTED_MINOR_WINDOW = 2;

/**
 * Only one Azure ML extension per cluster (it is cluster-scoped, in `azureml`): a second install
 * cannot succeed, so this blocks, and offers to open the existing one to update it instead.
 */
export function extensionExistsRule(context: RuleContext): Finding | null {
  const existing = context.facts.existingExtensions.find(
    (extension) => extension.extensionType.toLowerCase() === AZUREML_EXTENSION_TYPE.toLowerCase(),
  );
  if (!existing) return null;
  const state = existing.provisioningState ?? 'Unknown';
  const failed = state.toLowerCase() === 'failed';
  return {
    code: 'extension-exists',
    severity: 'error',
    message: `${context.facts.cluster.summary.name} already has the Azure Machine Learning extension '${existing.name}' (${state}). A cluster can run only one.`,
    fix: failed
      ? `Open '${existing.name}' and update it with corrected settings, or delete it and install again.`
      : `Open '${existing.name}' and update its settings instead of installing a new one.`,
    action: { kind: 'open-extension', extensionId: existing.id },
  };
}

/** `1.30.12`, `v1.30.12-gke.1`, `1.30` → 30; null when it is not a 1.x version. */
export function kubernetesMinor(version: string): number | null {
  const match = /^v?1\.(\d+)(?:\.|$|[-+])/.exec(version.trim());
  return match ? Number(match[1]) : null;
}

/** Kubernetes older than N-2 of the newest AKS GA minor: warn, it is outside Azure ML's support. */
export function kubernetesVersionRule(context: RuleContext): Finding | null {
  const { kubernetesVersion, name } = context.facts.cluster.summary;
  const newest = context.facts.newestAksGaMinor ?? NEWEST_AKS_GA_MINOR;
  const minor = kubernetesMinor(kubernetesVersion);
  const newestMinor = kubernetesMinor(newest);
  // An Arc agent that has not reported a version, or an unparseable one: nothing to compare.
  if (minor === null || newestMinor === null) return null;
  const oldest = newestMinor - SUPPORTED_MINOR_WINDOW;
  if (minor >= oldest) return null;
  const upgrade =
    context.facts.cluster.type === 'managedClusters'
      ? `\`az aks upgrade --resource-group ${context.facts.cluster.summary.resourceGroup} --name ${name} --kubernetes-version <1.${oldest} or newer>\``
      : 'your distribution\'s upgrade procedure';
  return {
    code: 'kubernetes-version-unsupported',
    severity: 'warning',
    message: `${name} runs Kubernetes ${kubernetesVersion}. Azure Machine Learning supports the newest AKS GA minor (1.${newestMinor}) and the ${SUPPORTED_MINOR_WINDOW} before it, so 1.${oldest} or newer.`,
    fix: `Upgrade the cluster to 1.${oldest} or newer with ${upgrade}.`,
  };
}

/** The documented cleanup of the v1 router (how-to-troubleshoot-kubernetes-extension, E45004/E45005). */
export const LEGACY_AZUREML_FE_CLEANUP = [
  'kubectl delete sa azureml-fe -n azureml',
  'kubectl delete clusterrole azureml-fe-role',
  'kubectl delete clusterrolebinding azureml-fe-binding',
  'kubectl delete svc azureml-fe -n azureml',
  'kubectl delete svc azureml-fe-int-http -n azureml',
  'kubectl delete deploy azureml-fe -n azureml',
  'kubectl delete secret azuremlfessl -n azureml',
  'kubectl delete cm azuremlfeconfig -n azureml',
] as const;

/**
 * A v1 `azureml-fe` Deployment (from the legacy AKS inference attach) conflicts with the
 * extension's router: the install fails E45004 (role) or E45005 (deployment). Only known when the
 * cluster was inspected (AKS run command); undefined facts say nothing.
 */
export function legacyAzuremlFeRule(context: RuleContext): Finding | null {
  if (!context.facts.inCluster?.legacyAzuremlFe) return null;
  return {
    code: 'legacy-azureml-fe',
    severity: 'error',
    message: `${context.facts.cluster.summary.name} still runs the legacy v1 inference router (Deployment azureml-fe in the azureml namespace, from an Azure ML v1 AKS attach). The extension cannot be installed beside it: the health check fails with E45004 or E45005.`,
    fix: `Remove the legacy azureml-fe resources (v1 endpoints on this cluster stop serving), then run preflight again: ${LEGACY_AZUREML_FE_CLEANUP.join('; ')}.`,
  };
}
