import 'server-only';

import type { RelayAPI, RelayNamespace } from '@azure/arm-relay';
import type { TokenCredential } from '@azure/core-auth';

import type { ClusterSummary } from '@/lib/domain/cluster';
import {
  RELAY_AUTH_RULE_NAME,
  RELAY_AUTH_RULE_RIGHTS,
  RELAY_RESOURCE_TAGS,
  relayHybridConnectionName,
  relayNamespaceName,
} from '@/lib/domain/relay-names';
import { AppError, toAppError } from '@/lib/errors';

import { createArmClients } from './clients';

/** Poll interval while a new Relay namespace provisions (it takes tens of seconds in Azure). */
export const RELAY_NAMESPACE_POLL_INTERVAL_MS = 5_000;
/**
 * Longest wait for a namespace found still provisioning (an earlier install, or the CLI, just
 * created it). After it the setup goes on and Azure's own answer (409 while provisioning) is the
 * error the user sees.
 */
export const RELAY_NAMESPACE_MAX_WAIT_MS = 120_000;

export interface RelayConnection {
  hybridConnectionResourceId: string;
  hybridConnectionName: string;
  /**
   * SECRET: the `azureml_rw` rule's primary connection string. Goes only into the extension's
   * protected settings; never log it, store it, return it from an API or send it to a browser.
   */
  connectionString: string;
}

export type RelayCluster = Pick<ClusterSummary, 'id' | 'name' | 'type' | 'subscriptionId' | 'resourceGroup' | 'location'>;

export interface EnsureRelayOptions {
  pollIntervalMs?: number;
  /** Default {@link RELAY_NAMESPACE_MAX_WAIT_MS}. */
  maxWaitMs?: number;
}

function isNotFound(err: unknown): boolean {
  return toAppError(err).code === 'ResourceNotFound';
}

/** GET, and on 404 create: existing resources (made by the CLI or an earlier install) are reused. */
async function getOrCreate<T>(get: () => Promise<T>, create: () => Promise<T>): Promise<T> {
  try {
    return await get();
  } catch (err) {
    if (!isNotFound(err)) throw err;
    return create();
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Namespace PUT is long-running in 2017-04-01 (201 `Created`, then `Succeeded`), and Relay refuses
 * hybrid connections under a namespace that is not provisioned: one found `Created` (made moments
 * ago by someone else) is read again until it is `Succeeded`, `Failed`, or the wait runs out.
 */
async function untilProvisioned(
  relay: RelayAPI,
  resourceGroup: string,
  name: string,
  found: RelayNamespace,
  options: EnsureRelayOptions,
): Promise<RelayNamespace> {
  const deadline = Date.now() + (options.maxWaitMs ?? RELAY_NAMESPACE_MAX_WAIT_MS);
  let namespace = found;
  while (namespace.provisioningState !== 'Succeeded' && namespace.provisioningState !== 'Failed' && Date.now() < deadline) {
    await sleep(options.pollIntervalMs ?? RELAY_NAMESPACE_POLL_INTERVAL_MS);
    namespace = await relay.namespaces.get(resourceGroup, name);
  }
  return namespace;
}

async function ensureResources(relay: RelayAPI, cluster: RelayCluster, options: EnsureRelayOptions): Promise<RelayConnection> {
  const resourceGroup = cluster.resourceGroup;
  const namespace = relayNamespaceName(cluster.name, cluster.subscriptionId, resourceGroup);
  const hybridConnectionName = relayHybridConnectionName(cluster.name);
  // The CLI lower-cases the cluster's location; Arc may report a display name ("East US").
  const location = cluster.location.toLowerCase().replace(/\s+/g, '');

  await getOrCreate(
    async () => untilProvisioned(relay, resourceGroup, namespace, await relay.namespaces.get(resourceGroup, namespace), options),
    // Long-running: the poller GETs the namespace until `Succeeded` (no async header in this api-version).
    () =>
      relay.namespaces.beginCreateOrUpdateAndWait(
        resourceGroup,
        namespace,
        { location, tags: { ...RELAY_RESOURCE_TAGS }, sku: { name: 'Standard', tier: 'Standard' } },
        { updateIntervalInMs: options.pollIntervalMs ?? RELAY_NAMESPACE_POLL_INTERVAL_MS },
      ),
  );
  const hybridConnection = await getOrCreate(
    () => relay.hybridConnections.get(resourceGroup, namespace, hybridConnectionName),
    () => relay.hybridConnections.createOrUpdate(resourceGroup, namespace, hybridConnectionName, { requiresClientAuthorization: true }),
  );
  await getOrCreate(
    () => relay.hybridConnections.getAuthorizationRule(resourceGroup, namespace, hybridConnectionName, RELAY_AUTH_RULE_NAME),
    () =>
      relay.hybridConnections.createOrUpdateAuthorizationRule(resourceGroup, namespace, hybridConnectionName, RELAY_AUTH_RULE_NAME, {
        rights: [...RELAY_AUTH_RULE_RIGHTS],
      }),
  );
  const keys = await relay.hybridConnections.listKeys(resourceGroup, namespace, hybridConnectionName, RELAY_AUTH_RULE_NAME);
  if (!keys.primaryConnectionString || !hybridConnection.id) {
    throw new AppError({
      code: 'Unexpected',
      status: 502,
      target: cluster.id,
      userText: { key: 'resources.relayNoConnectionString', values: { namespace, hybridConnection: hybridConnectionName } },
    });
  }
  return {
    hybridConnectionResourceId: hybridConnection.id,
    hybridConnectionName,
    connectionString: keys.primaryConnectionString,
  };
}

/**
 * Makes sure the Azure Relay resources an Arc cluster's AzureML extension needs exist, exactly as
 * `az k8s-extension create` would (DOMAIN.md section 4): a namespace in the cluster's resource
 * group and location, tagged `created_by`, a hybrid connection named after the cluster requiring
 * client authorization, and the `azureml_rw` rule (Manage, Send, Listen). Existing ones are
 * reused. `Microsoft.Relay` must be registered in the subscription (preflight checks it).
 */
export async function ensureRelayForArcCluster(
  credential: TokenCredential,
  cluster: RelayCluster,
  options: EnsureRelayOptions = {},
): Promise<RelayConnection> {
  if (cluster.type !== 'connectedClusters') {
    throw new AppError({
      code: 'InvalidResourceId',
      status: 400,
      target: cluster.id,
      userText: { key: 'resources.relayArcOnly' },
    });
  }
  try {
    const { relay } = await createArmClients(credential, cluster.subscriptionId);
    return await ensureResources(relay, cluster, options);
  } catch (err) {
    throw toAppError(err, { action: 'set up Azure Relay for the cluster', target: cluster.id });
  }
}
