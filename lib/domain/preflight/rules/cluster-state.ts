/**
 * Rules about what is already on, or about, the cluster: an Azure ML extension, the legacy v1
 * inference router, and the Kubernetes version. Pure.
 */
import { AZUREML_EXTENSION_TYPE } from '@/lib/domain/settings-catalog';

import type { RuleContext } from '../context';
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
  const { text } = context;
  return {
    code: 'extension-exists',
    severity: 'error',
    message: text('preflight.extensionExists.message', { cluster: context.facts.cluster.summary.name, name: existing.name, state }),
    fix: text(failed ? 'preflight.extensionExists.fixFailed' : 'preflight.extensionExists.fix', { name: existing.name }),
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
  const { text } = context;
  const upgrade =
    context.facts.cluster.type === 'managedClusters'
      ? text('preflight.kubernetesVersion.upgradeAks', { resourceGroup: context.facts.cluster.summary.resourceGroup, cluster: name, oldest })
      : text('preflight.kubernetesVersion.upgradeOther');
  return {
    code: 'kubernetes-version-unsupported',
    severity: 'warning',
    message: text('preflight.kubernetesVersion.message', {
      cluster: name,
      version: kubernetesVersion,
      newest: newestMinor,
      window: SUPPORTED_MINOR_WINDOW,
      oldest,
    }),
    fix: text('preflight.kubernetesVersion.fix', { oldest, upgrade }),
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
    message: context.text('preflight.legacyAzuremlFe.message', { cluster: context.facts.cluster.summary.name }),
    fix: context.text('preflight.legacyAzuremlFe.fix', { commands: LEGACY_AZUREML_FE_CLEANUP.join('; ') }),
  };
}
