import { describe, expect, it } from 'vitest';
import { compareClusters, formatClusterId, parseClusterId, pickClusterSummary, sameResourceId, sumAgentPoolNodes, type ClusterSummary } from './cluster';

describe('parseClusterId', () => {
  it('parses an AKS id', () => {
    expect(
      parseClusterId('/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/clustername1'),
    ).toEqual({
      subscriptionId: '00000000-0000-0000-0000-000000000000',
      resourceGroup: 'rg1',
      provider: 'Microsoft.ContainerService',
      type: 'managedClusters',
      name: 'clustername1',
    });
  });

  it('parses an Arc id with the lower-case resourcegroups Arc returns, normalising provider and type casing', () => {
    expect(parseClusterId('/subscriptions/s/resourcegroups/RG-One/providers/microsoft.kubernetes/CONNECTEDCLUSTERS/arc-1/')).toEqual({
      subscriptionId: 's',
      resourceGroup: 'RG-One',
      provider: 'Microsoft.Kubernetes',
      type: 'connectedClusters',
      name: 'arc-1',
    });
  });

  it('rejects other resource types, mismatched providers and child resources', () => {
    expect(parseClusterId('/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/virtualMachines/vm')).toBeNull();
    expect(parseClusterId('/subscriptions/s/resourceGroups/r/providers/Microsoft.Kubernetes/managedClusters/x')).toBeNull();
    expect(parseClusterId('/subscriptions/s/resourceGroups/r/providers/Microsoft.ContainerService/managedClusters/x/agentPools/p')).toBeNull();
    expect(parseClusterId('subscriptions/s/resourceGroups/r/providers/Microsoft.ContainerService/managedClusters/x')).toBeNull();
    expect(parseClusterId('')).toBeNull();
  });
});

describe('formatClusterId', () => {
  it('builds the canonical id', () => {
    expect(formatClusterId({ subscriptionId: 's', resourceGroup: 'r', type: 'connectedClusters', name: 'c' })).toBe(
      '/subscriptions/s/resourceGroups/r/providers/Microsoft.Kubernetes/connectedClusters/c',
    );
  });
});

describe('sameResourceId', () => {
  it('compares ids case-insensitively and ignores a trailing slash', () => {
    expect(sameResourceId('/subscriptions/S/resourcegroups/R', '/subscriptions/s/resourceGroups/r/')).toBe(true);
    expect(sameResourceId('/subscriptions/s/resourceGroups/r1', '/subscriptions/s/resourceGroups/r2')).toBe(false);
  });
});

describe('sumAgentPoolNodes', () => {
  it('sums counts and treats a missing count as zero', () => {
    expect(sumAgentPoolNodes([{ count: 3 }, { count: 2 }, {}])).toBe(5);
  });
  it('is 0 when there are no pools', () => {
    expect(sumAgentPoolNodes([])).toBe(0);
    expect(sumAgentPoolNodes(undefined)).toBe(0);
  });
});

describe('compareClusters', () => {
  const summary = (name: string, id: string): ClusterSummary => ({
    id,
    name,
    type: 'managedClusters',
    subscriptionId: 's',
    resourceGroup: 'r',
    location: 'eastus',
    nodeCount: 1,
    kubernetesVersion: '1.30.0',
    provisioningState: 'Succeeded',
  });
  it('orders by name case-insensitively, then by id', () => {
    const sorted = [summary('beta', '2'), summary('Alpha', '9'), summary('beta', '1')].sort(compareClusters);
    expect(sorted.map((c) => `${c.name}:${c.id}`)).toEqual(['Alpha:9', 'beta:1', 'beta:2']);
  });
});

describe('pickClusterSummary', () => {
  it('keeps exactly the public fields, optional ones only when present', () => {
    const aks = {
      id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c',
      name: 'c',
      type: 'managedClusters' as const,
      subscriptionId: 's',
      resourceGroup: 'rg',
      location: 'eastus',
      nodeCount: 3,
      kubernetesVersion: '1.33.2',
      provisioningState: 'Succeeded',
    };
    expect(pickClusterSummary({ ...aks, azureMl: { name: 'azureml' }, secretish: 'x' } as typeof aks)).toEqual(aks);
    const arc = { ...aks, type: 'connectedClusters' as const, distribution: 'k3s', connectivityStatus: 'Connected' };
    expect(pickClusterSummary(arc)).toEqual(arc);
  });
});
