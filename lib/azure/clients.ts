import 'server-only';

import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ContainerServiceClient } from '@azure/arm-containerservice';
import { ConnectedKubernetesClient } from '@azure/arm-hybridkubernetes';
import { SourceControlConfigurationClient } from '@azure/arm-kubernetesconfiguration';
import { AzureMachineLearningWorkspaces } from '@azure/arm-machinelearning';
import { RelayAPI } from '@azure/arm-relay';
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { ResourceManagementClient } from '@azure/arm-resources';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import type { TokenCredential } from '@azure/core-auth';
import type { PipelineRetryOptions } from '@azure/core-rest-pipeline';

import { AppError } from '@/lib/errors';

import { getArmConnection, type ArmConnection } from './arm-connection';

/** Sent before each SDK's own user agent, so ARM logs show which app made a call. */
export const PORTAL_USER_AGENT_PREFIX = 'azureml-extension-portal/0.1';

/**
 * Retries for 429/5xx/network errors. Fewer and shorter than the SDK default (3 retries of up to
 * 64 s) so a page fails while the user is still looking at it; every call is a user action.
 */
export const ARM_RETRY_OPTIONS: PipelineRetryOptions = {
  maxRetries: 2,
  retryDelayInMs: 500,
  maxRetryDelayInMs: 4_000,
};

/**
 * The SDK clients for one caller (and, for the subscription-scoped ones, one subscription). Each
 * client is constructed on first use. A bundle belongs to one credential: never hand it to code
 * acting for someone else.
 */
export interface ArmClients {
  readonly subscriptionId: string | undefined;
  /** Subscriptions the caller can see (tenant scope). */
  readonly subscriptions: SubscriptionClient;
  /** Resource Graph (tenant scope; the subscriptions go in each query). */
  readonly resourceGraph: ResourceGraphClient;
  /** Resource providers and resource groups. Needs a subscription. */
  readonly resources: ResourceManagementClient;
  /** AKS (`Microsoft.ContainerService`). Needs a subscription. */
  readonly containerService: ContainerServiceClient;
  /** Arc (`Microsoft.Kubernetes`). Needs a subscription. */
  readonly connectedKubernetes: ConnectedKubernetesClient;
  /** Cluster extensions (`Microsoft.KubernetesConfiguration`). Needs a subscription. */
  readonly kubernetesConfiguration: SourceControlConfigurationClient;
  /** Azure Relay. Needs a subscription. */
  readonly relay: RelayAPI;
  /** Azure RBAC (`Microsoft.Authorization`): the caller's effective permissions. Needs a subscription. */
  readonly authorization: AuthorizationManagementClient;
  /** Azure Machine Learning (`Microsoft.MachineLearningServices`): workspaces and computes. Needs a subscription. */
  readonly machineLearning: AzureMachineLearningWorkspaces;
}

/** Options every client gets, in the two dialects the SDK generations speak. */
function classicOptions(connection: ArmConnection) {
  return {
    endpoint: connection.endpoint,
    credentialScopes: connection.credentialScopes,
    userAgentOptions: { userAgentPrefix: PORTAL_USER_AGENT_PREFIX },
    retryOptions: ARM_RETRY_OPTIONS,
    ...(connection.tlsOptions ? { tlsOptions: connection.tlsOptions } : {}),
  };
}

/** The modular (TypeSpec) clients take scopes as `credentials.scopes`, not `credentialScopes`. */
function modularOptions(connection: ArmConnection) {
  return {
    endpoint: connection.endpoint,
    credentials: { scopes: connection.credentialScopes },
    userAgentOptions: { userAgentPrefix: PORTAL_USER_AGENT_PREFIX },
    retryOptions: ARM_RETRY_OPTIONS,
    ...(connection.tlsOptions ? { tlsOptions: connection.tlsOptions } : {}),
  };
}

type Factories = { [K in Exclude<keyof ArmClients, 'subscriptionId'>]: () => ArmClients[K] };

function buildClients(credential: TokenCredential, connection: ArmConnection, subscriptionId: string | undefined): ArmClients {
  const needSubscription = (client: string): string => {
    if (subscriptionId) return subscriptionId;
    throw new AppError({
      code: 'Unexpected',
      status: 500,
      userText: { key: 'resources.internal' },
      cause: new Error(`${client} needs a subscription id: call createArmClients(credential, subscriptionId)`),
    });
  };
  const factories: Factories = {
    subscriptions: () => new SubscriptionClient(credential, classicOptions(connection)),
    resourceGraph: () => new ResourceGraphClient(credential, modularOptions(connection)),
    resources: () => new ResourceManagementClient(credential, needSubscription('ResourceManagementClient'), classicOptions(connection)),
    containerService: () =>
      new ContainerServiceClient(credential, needSubscription('ContainerServiceClient'), modularOptions(connection)),
    connectedKubernetes: () =>
      new ConnectedKubernetesClient(credential, needSubscription('ConnectedKubernetesClient'), classicOptions(connection)),
    kubernetesConfiguration: () =>
      new SourceControlConfigurationClient(credential, needSubscription('SourceControlConfigurationClient'), classicOptions(connection)),
    relay: () => new RelayAPI(credential, needSubscription('RelayAPI'), classicOptions(connection)),
    authorization: () =>
      new AuthorizationManagementClient(credential, needSubscription('AuthorizationManagementClient'), classicOptions(connection)),
    machineLearning: () =>
      new AzureMachineLearningWorkspaces(credential, needSubscription('AzureMachineLearningWorkspaces'), classicOptions(connection)),
  };

  const built = new Map<keyof Factories, unknown>();
  const clients = { subscriptionId } as ArmClients;
  for (const key of Object.keys(factories) as Array<keyof Factories>) {
    Object.defineProperty(clients, key, {
      enumerable: true,
      get() {
        if (!built.has(key)) built.set(key, factories[key]());
        return built.get(key);
      },
    });
  }
  return Object.freeze(clients);
}

/**
 * Per-credential cache. Keyed by the credential object itself (a WeakMap), so two callers can
 * never share a client, and a bundle disappears with the request that created its credential.
 */
const clientCache = new WeakMap<TokenCredential, Map<string, ArmClients>>();
const TENANT_SCOPE_KEY = '';

/** The SDK clients for `credential`, pointed at the ARM that {@link getArmConnection} chose. */
export async function createArmClients(credential: TokenCredential, subscriptionId?: string): Promise<ArmClients> {
  const key = subscriptionId?.toLowerCase() ?? TENANT_SCOPE_KEY;
  let perCredential = clientCache.get(credential);
  const cached = perCredential?.get(key);
  if (cached) return cached;
  const connection = await getArmConnection();
  const clients = buildClients(credential, connection, subscriptionId);
  if (!perCredential) {
    perCredential = new Map();
    clientCache.set(credential, perCredential);
  }
  perCredential.set(key, clients);
  return clients;
}
