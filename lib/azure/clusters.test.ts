import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { AccessTokenCredential } from '@/lib/auth/token-credential';
import type { ClusterSummary } from '@/lib/domain/cluster';
import { ensureSandbox, SANDBOX_TOKEN } from '@/lib/sandbox/runtime';

import { getCluster, joinExtensionState, listClusters, listClustersWithExtensionState } from './clusters';

// Sandbox mode whatever the developer's shell exports (blank counts as unset).
vi.stubEnv('AZURE_TENANT_ID', '');
vi.stubEnv('AZURE_CLIENT_ID', '');

const PRODUCTION = '6f1c2a4e-8b3d-4c57-9a2e-1d0b5c7e9f31';
const EDGE = '3a7e5b90-1f2d-4c8e-b6a4-9d0c1e2f3a4b';
const credential = new AccessTokenCredential(SANDBOX_TOKEN);

function byName(clusters: ClusterSummary[], name: string): ClusterSummary {
  const cluster = clusters.find((c) => c.name === name);
  if (!cluster) throw new Error(`cluster ${name} not listed; got ${clusters.map((c) => c.name).join(', ')}`);
  return cluster;
}

describe('listClusters against the sandbox emulator', () => {
  let listing: Awaited<ReturnType<typeof listClusters>>;

  beforeAll(async () => {
    await ensureSandbox();
    listing = await listClusters(credential);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
  });

  it('lists AKS and Arc clusters from every subscription, sorted by name', () => {
    const subscriptions = new Set(listing.clusters.map((c) => c.subscriptionId));
    expect(subscriptions).toContain(PRODUCTION);
    expect(subscriptions).toContain(EDGE);
    expect(listing.clusters.some((c) => c.type === 'managedClusters')).toBe(true);
    expect(listing.clusters.some((c) => c.type === 'connectedClusters')).toBe(true);
    const names = listing.clusters.map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    expect(listing.failures).toEqual([]);
  });

  it('sums agent pool counts for AKS', () => {
    expect(byName(listing.clusters, 'aks-prod-westeurope')).toMatchObject({
      type: 'managedClusters',
      nodeCount: 4,
      subscriptionId: PRODUCTION,
      resourceGroup: 'rg-ml-prod-westeurope',
      location: 'westeurope',
      provisioningState: 'Succeeded',
    });
    expect(byName(listing.clusters, 'aks-gpu-nc').nodeCount).toBe(4);
    expect(byName(listing.clusters, 'aks-two-nodes')).toMatchObject({ nodeCount: 2, kubernetesVersion: '1.30.12' });
  });

  it('uses totalNodeCount, distribution and connectivity for Arc', () => {
    expect(byName(listing.clusters, 'arc-openshift-factory')).toMatchObject({
      type: 'connectedClusters',
      nodeCount: 4,
      distribution: 'openshift',
      connectivityStatus: 'Connected',
      subscriptionId: EDGE,
      resourceGroup: 'rg-edge-factory',
    });
    expect(byName(listing.clusters, 'arc-offline-store').connectivityStatus).toBe('Offline');
    expect(byName(listing.clusters, 'arc-single-node').nodeCount).toBe(1);
  });

  it('names the subscriptions it listed', () => {
    expect(listing.subscriptions.map((s) => s.displayName)).toContain('Contoso ML Edge');
  });
});

describe('getCluster', () => {
  it('returns the AKS facts preflight needs', async () => {
    const { clusters } = await listClusters(credential);
    const details = await getCluster(credential, byName(clusters, 'aks-gpu-nc').id);
    if (details.type !== 'managedClusters') throw new Error('expected an AKS cluster');
    expect(details.identity?.type).toBe('SystemAssigned');
    expect(details.agentPoolProfiles).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'gpupool', vmSize: 'Standard_NC6s_v3', count: 2, nodeLabels: { accelerator: 'nvidia' } })]),
    );
    const sp = await getCluster(credential, byName(clusters, 'aks-service-principal').id);
    if (sp.type !== 'managedClusters') throw new Error('expected an AKS cluster');
    expect(sp.servicePrincipalProfile?.clientId).not.toBe('msi');
    const ranges = await getCluster(credential, byName(clusters, 'aks-authorized-ip-ranges').id);
    if (ranges.type !== 'managedClusters') throw new Error('expected an AKS cluster');
    expect(ranges.apiServerAccessProfile?.authorizedIPRanges).toEqual(['203.0.113.0/24', '198.51.100.17/32']);
    const local = await getCluster(credential, byName(clusters, 'aks-local-accounts-disabled').id);
    expect(local.type === 'managedClusters' && local.disableLocalAccounts).toBe(true);
  });

  it('returns the Arc facts preflight needs', async () => {
    const { clusters } = await listClusters(credential);
    const details = await getCluster(credential, byName(clusters, 'arc-offline-store').id);
    if (details.type !== 'connectedClusters') throw new Error('expected an Arc cluster');
    expect(details).toMatchObject({ totalNodeCount: 3, totalCoreCount: 12, distribution: 'k3s', connectivityStatus: 'Offline' });
    const hoursAgo = (Date.now() - Date.parse(details.lastConnectivityTime ?? '')) / 3_600_000;
    expect(hoursAgo).toBeGreaterThan(48);
  });

  it('maps a missing cluster to ResourceNotFound and a bad id to InvalidResourceId', async () => {
    await expect(
      getCluster(credential, `/subscriptions/${PRODUCTION}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/nope`),
    ).rejects.toMatchObject({ code: 'ResourceNotFound', status: 404 });
    await expect(getCluster(credential, '/subscriptions/x/resourceGroups/y')).rejects.toMatchObject({ code: 'InvalidResourceId', status: 400 });
  });
});

describe('listClustersWithExtensionState', () => {
  it('marks the clusters that have the AzureML extension, from one Resource Graph query', async () => {
    const { clusters, failures } = await listClustersWithExtensionState(credential);
    expect(failures).toEqual([]);
    expect(byName(clusters, 'aks-prod-eastus')).toMatchObject({
      subscriptionName: 'Contoso ML Production',
      azureMl: { name: 'azureml', provisioningState: 'Succeeded' },
    });
    expect(byName(clusters, 'arc-k3s-edge')).toMatchObject({ azureMl: { name: 'azureml' } });
    expect(byName(clusters, 'aks-prod-westeurope')).not.toHaveProperty('azureMl');
  });

  it('joins on ids case-insensitively (Resource Graph lower-cases some segments)', () => {
    const cluster: ClusterSummary = {
      id: '/subscriptions/S/resourceGroups/RG/providers/Microsoft.Kubernetes/connectedClusters/c',
      name: 'c',
      type: 'connectedClusters',
      subscriptionId: 'S',
      resourceGroup: 'RG',
      location: 'eastus',
      nodeCount: 3,
      kubernetesVersion: '1.32.5',
      provisioningState: 'Succeeded',
    };
    const [joined] = joinExtensionState([cluster], [
      {
        id: 'x',
        name: 'azureml',
        subscriptionId: 's',
        resourceGroup: 'rg',
        location: '',
        clusterId: '/subscriptions/s/resourcegroups/rg/providers/microsoft.kubernetes/connectedclusters/c',
        clusterName: 'c',
        clusterType: 'connectedClusters',
        version: '1.1.64',
        provisioningState: 'Creating',
      },
    ]);
    expect(joined.azureMl).toEqual({ name: 'azureml', provisioningState: 'Creating', version: '1.1.64' });
  });
});
