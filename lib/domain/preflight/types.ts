/**
 * The vocabulary of preflight (DOMAIN.md section 6): the facts read about a cluster, the settings
 * the user is about to install with, and the findings the rules return. Pure; shared by the rules,
 * the facts gatherer (lib/azure/preflight-facts.ts), the deploy service and the wizard.
 */
import type { ClusterDetails } from '@/lib/domain/cluster';
import type { PermissionEntry } from '@/lib/domain/permissions';

/** `error` blocks an install; `warning` is shown and may be accepted; `info` is advice. */
export type FindingSeverity = 'error' | 'warning' | 'info';

/** Stable finding codes, one per rule: the UI, tests and docs key on them, so never rename one. */
export const FINDING_CODES = ['provider-not-registered', 'relay-provider-not-registered', 'service-principal-identity', 'local-accounts-disabled', 'authorized-ip-ranges', 'cluster-not-connected', 'ha-needs-three-nodes', 'below-production-capacity', 'no-gpu-nodes', 'gpu-without-device-plugin', 'no-load-balancer', 'extension-exists', 'kubernetes-version-unsupported', 'legacy-azureml-fe', 'same-subscription-workspace', 'no-linux-amd64-node', 'install-permission-missing'] as const;

/** One of {@link FINDING_CODES}. */
export type FindingCode = (typeof FINDING_CODES)[number];

/**
 * What one rule found. `message` says what is wrong on this cluster (with its numbers), `fix`
 * says exactly what to do; `action` is a fix the portal can perform itself.
 */
export interface Finding { code: FindingCode; severity: FindingSeverity; message: string; fix: string; action?: { kind: 'register-provider'; namespace: string; subscriptionId: string } | { kind: 'open-extension'; extensionId: string } }

/** Everything the rules read, gathered once from ARM (and, for AKS, from inside the cluster). */
export interface PreflightFacts { cluster: ClusterDetails; providers: Record<string, string /* registrationState */>; existingExtensions: { id: string; name: string; extensionType: string; provisioningState?: string }[]; inCluster?: { legacyAzuremlFe: boolean } /* AKS via runCommand; undefined when not inspected */ ; newestAksGaMinor?: string; /** The caller's effective permissions (Microsoft.Authorization/permissions) on the cluster, and on Arc in its resource group (where the Relay goes); undefined when they could not be read. */ permissions?: { cluster: PermissionEntry[]; resourceGroup?: PermissionEntry[] } }

/** The configuration the user is about to install with, in the CLI's `--config` vocabulary. */
export interface PreflightSettings { configurationSettings: Record<string,string> } // CLI vocabulary (enableInference, inferenceRouterHA, nodeSelector.<k>, installNvidiaDevicePlugin, inferenceRouterServiceType, ...); booleans case-insensitive

/** True when any finding blocks the install: the wizard will not move on past it, and create refuses it. */
export function hasBlockingFinding(findings: readonly Finding[]): boolean {
  return findings.some((finding) => finding.severity === 'error');
}
