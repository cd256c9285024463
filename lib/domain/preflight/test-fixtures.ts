/**
 * Builders of preflight facts for the rules' unit tests: a clean AKS and a clean Arc cluster
 * (no finding but the same-subscription info), each overridable. Test-only; pure data.
 */
import type { AgentPoolFacts, ConnectedClusterDetails, ManagedClusterDetails } from '@/lib/domain/cluster';
import type { DomainText } from '@/lib/i18n/domain-text';
import { englishText } from '@/lib/i18n/english-text';

import type { RuleContext } from './context';
import type { PreflightFacts } from './types';

export const SUBSCRIPTION = '11111111-2222-3333-4444-555555555555';
export const NOW = new Date('2026-01-15T12:00:00Z');

export const REGISTERED_PROVIDERS = { 'Microsoft.KubernetesConfiguration': 'Registered', 'Microsoft.Relay': 'Registered' };

export function pool(over: Partial<AgentPoolFacts> = {}): AgentPoolFacts {
  return { name: 'nodepool1', vmSize: 'Standard_D4s_v5', count: 3, mode: 'System', osType: 'Linux', nodeLabels: {}, ...over };
}

export function aksCluster(over: Partial<ManagedClusterDetails> = {}): ManagedClusterDetails {
  return {
    type: 'managedClusters',
    summary: {
      id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-test/providers/Microsoft.ContainerService/managedClusters/aks-test`,
      name: 'aks-test',
      type: 'managedClusters',
      subscriptionId: SUBSCRIPTION,
      resourceGroup: 'rg-test',
      location: 'eastus',
      nodeCount: 3,
      kubernetesVersion: '1.33.2',
      provisioningState: 'Succeeded',
    },
    identity: { type: 'SystemAssigned' },
    servicePrincipalProfile: { clientId: 'msi' },
    disableLocalAccounts: false,
    apiServerAccessProfile: null,
    agentPoolProfiles: [pool()],
    ...over,
  };
}

export function arcCluster(over: Partial<ConnectedClusterDetails> = {}): ConnectedClusterDetails {
  return {
    type: 'connectedClusters',
    summary: {
      id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-edge/providers/Microsoft.Kubernetes/connectedClusters/arc-test`,
      name: 'arc-test',
      type: 'connectedClusters',
      subscriptionId: SUBSCRIPTION,
      resourceGroup: 'rg-edge',
      location: 'eastus',
      nodeCount: 3,
      kubernetesVersion: '1.32.5',
      provisioningState: 'Succeeded',
      distribution: 'k3s',
      connectivityStatus: 'Connected',
    },
    totalNodeCount: 3,
    totalCoreCount: 12,
    distribution: 'k3s',
    infrastructure: 'generic',
    connectivityStatus: 'Connected',
    lastConnectivityTime: new Date(NOW.getTime() - 3 * 60_000).toISOString(),
    agentVersion: '1.21.10',
    identityType: 'SystemAssigned',
    ...over,
  };
}

/** Facts around a cluster: providers registered, nothing installed, not inspected. */
export function facts(cluster: PreflightFacts['cluster'] = aksCluster(), over: Partial<PreflightFacts> = {}): PreflightFacts {
  return { cluster, providers: { ...REGISTERED_PROVIDERS }, existingExtensions: [], ...over };
}

/** A rule context with settings, the fixed clock and a language (English unless given). */
export function ctx(f: PreflightFacts, settings: Record<string, string> = {}, text: DomainText = englishText): RuleContext {
  return { facts: f, settings, now: NOW, text };
}

/** Inference on, exposed by a load balancer, HTTP: the minimum for the inference rules. */
export const INFERENCE: Record<string, string> = {
  enableInference: 'True',
  inferenceRouterServiceType: 'loadBalancer',
  allowInsecureConnections: 'True',
};
