import 'server-only';

import type { TokenCredential } from '@azure/core-auth';

import type { ClusterType } from '@/lib/domain/cluster';
import { detectLegacyAzuremlFe, PREFLIGHT_NAMESPACE_COMMAND } from '@/lib/domain/preflight/legacy-azureml-fe';
import { KUBERNETES_CONFIGURATION_PROVIDER, RELAY_PROVIDER } from '@/lib/domain/preflight/rules/subscription';
import type { PreflightFacts } from '@/lib/domain/preflight/types';
import { toAppError } from '@/lib/errors';

import { getCluster, requireClusterId } from './clusters';
import { listExtensions } from './extensions';
import { readClusterPermissions } from './permissions';
import { listProviderStates } from './providers';
import { runKubectl, type RunCommandOptions } from './run-command';

/**
 * How long preflight waits for the in-cluster look (AKS Run Command starts a pod: typically 10 to
 * 30 s). Past it, preflight answers without `inCluster` rather than hold the wizard.
 */
export const PREFLIGHT_RUN_COMMAND_TIMEOUT_MS = 60_000;

export interface GatherPreflightOptions {
  /** Run Command poll interval (tests use a few ms). */
  runCommandPollIntervalMs?: number;
  /** Overrides {@link PREFLIGHT_RUN_COMMAND_TIMEOUT_MS}. */
  runCommandTimeoutMs?: number;
}

/** Relay only matters on Arc (the CLI creates a Relay namespace there, never for AKS). */
function providersFor(type: ClusterType): string[] {
  return type === 'connectedClusters' ? [KUBERNETES_CONFIGURATION_PROVIDER, RELAY_PROVIDER] : [KUBERNETES_CONFIGURATION_PROVIDER];
}

/**
 * Existing extensions. A subscription that never registered Microsoft.KubernetesConfiguration
 * cannot have any, and real ARM may refuse the list with MissingSubscriptionRegistration: that is
 * "none" (the provider rule reports the registration), not a failed preflight.
 */
async function existingExtensions(credential: TokenCredential, clusterId: string): Promise<PreflightFacts['existingExtensions']> {
  try {
    const extensions = await listExtensions(credential, clusterId);
    return extensions.map((extension) => ({
      id: extension.id ?? '',
      name: extension.name ?? '',
      extensionType: extension.extensionType ?? '',
      ...(extension.provisioningState ? { provisioningState: extension.provisioningState } : {}),
    }));
  } catch (err) {
    const error = toAppError(err);
    if (error.code === 'MissingSubscriptionRegistration') return [];
    throw error;
  }
}

/**
 * AKS only: looks into the `azureml` namespace for the legacy v1 `azureml-fe`. Any failure (Run
 * Command refused, timed out, unreadable output) leaves the facts without `inCluster`: the look
 * is a best effort and must never fail preflight, and "not inspected" is not "clean".
 */
async function inspectCluster(
  credential: TokenCredential,
  clusterId: string,
  options: GatherPreflightOptions,
): Promise<PreflightFacts['inCluster']> {
  const runOptions: RunCommandOptions = {
    abortSignal: AbortSignal.timeout(options.runCommandTimeoutMs ?? PREFLIGHT_RUN_COMMAND_TIMEOUT_MS),
    ...(options.runCommandPollIntervalMs !== undefined ? { pollIntervalMs: options.runCommandPollIntervalMs } : {}),
  };
  try {
    const { logs } = await runKubectl(credential, clusterId, PREFLIGHT_NAMESPACE_COMMAND, runOptions);
    const legacyAzuremlFe = detectLegacyAzuremlFe(logs);
    return legacyAzuremlFe === undefined ? undefined : { legacyAzuremlFe };
  } catch {
    return undefined;
  }
}

/**
 * The caller's effective permissions, best effort: a caller who may not even read them (403), or
 * any other failure, leaves the facts without `permissions`, so the rule says nothing and the
 * install's own answer stays the authority. Reading them must never fail preflight.
 */
async function callerPermissions(credential: TokenCredential, clusterId: string): Promise<PreflightFacts['permissions']> {
  try {
    return await readClusterPermissions(credential, clusterId);
  } catch {
    return undefined;
  }
}

/**
 * Reads everything the preflight rules need, in parallel: the cluster, the provider registrations
 * of its subscription, its extensions, the caller's permissions on it, and (AKS) the `azureml` namespace via Run Command. Failures
 * arrive as `AppError` (an invalid id is `InvalidResourceId` before any call; a missing cluster
 * `ResourceNotFound`), except the in-cluster look, which only ever leaves `inCluster` undefined.
 */
export async function gatherPreflightFacts(
  credential: TokenCredential,
  clusterId: string,
  options: GatherPreflightOptions = {},
): Promise<PreflightFacts> {
  const parsed = requireClusterId(clusterId);
  try {
    const [cluster, providerStates, extensions, inCluster, permissions] = await Promise.all([
      getCluster(credential, clusterId),
      listProviderStates(credential, parsed.subscriptionId, providersFor(parsed.type)),
      existingExtensions(credential, clusterId),
      parsed.type === 'managedClusters' ? inspectCluster(credential, clusterId, options) : Promise.resolve(undefined),
      callerPermissions(credential, clusterId),
    ]);
    const providers = Object.fromEntries(providerStates.map((state) => [state.namespace, state.registrationState]));
    return { cluster, providers, existingExtensions: extensions, ...(inCluster ? { inCluster } : {}), ...(permissions ? { permissions } : {}) };
  } catch (err) {
    throw toAppError(err, { action: 'check the cluster before installing', target: clusterId });
  }
}
