import { describe, expect, it, vi } from 'vitest';

import { AccessTokenCredential } from '@/lib/auth/token-credential';
import { relayNamespaceName } from '@/lib/domain/relay-names';
import { SANDBOX_TOKEN } from '@/lib/sandbox/runtime';

import { createArmClients } from './clients';
import { ensureRelayForArcCluster, type RelayCluster } from './relay';

vi.stubEnv('AZURE_TENANT_ID', '');
vi.stubEnv('AZURE_CLIENT_ID', '');

const EDGE = '3a7e5b90-1f2d-4c8e-b6a4-9d0c1e2f3a4b';
const credential = new AccessTokenCredential(SANDBOX_TOKEN);

const ARC: RelayCluster = {
  id: `/subscriptions/${EDGE}/resourcegroups/rg-edge-factory/providers/Microsoft.Kubernetes/connectedClusters/arc-openshift-factory`,
  name: 'arc-openshift-factory',
  type: 'connectedClusters',
  subscriptionId: EDGE,
  resourceGroup: 'rg-edge-factory',
  location: 'westeurope',
};

describe('ensureRelayForArcCluster against the sandbox emulator', () => {
  it('creates the namespace, hybrid connection and azureml_rw rule the CLI would, then reuses them', async () => {
    const first = await ensureRelayForArcCluster(credential, ARC, { pollIntervalMs: 10 });
    const namespace = relayNamespaceName(ARC.name, EDGE, ARC.resourceGroup);
    expect(first.hybridConnectionName).toBe('arc-openshift-factory');
    expect(first.hybridConnectionResourceId).toMatch(
      new RegExp(`/resourceGroups/rg-edge-factory/providers/Microsoft\\.Relay/namespaces/${namespace}/hybridConnections/arc-openshift-factory$`, 'i'),
    );
    expect(first.connectionString).toMatch(/SharedAccessKeyName=azureml_rw;SharedAccessKey=/);

    const { relay } = await createArmClients(credential, EDGE);
    const created = await relay.namespaces.get(ARC.resourceGroup, namespace);
    expect(created.tags).toEqual({ created_by: 'Azure Arc-enabled ML' });
    expect(created.location).toBe('westeurope');
    const hybridConnection = await relay.hybridConnections.get(ARC.resourceGroup, namespace, ARC.name);
    expect(hybridConnection.requiresClientAuthorization).toBe(true);
    const rule = await relay.hybridConnections.getAuthorizationRule(ARC.resourceGroup, namespace, ARC.name, 'azureml_rw');
    expect([...rule.rights].sort()).toEqual(['Listen', 'Manage', 'Send']);

    const second = await ensureRelayForArcCluster(credential, ARC, { pollIntervalMs: 10 });
    expect(second).toEqual(first);
  });

  it('reuses the relay namespace the CLI made for the seeded arc-k3s-edge extension instead of making another', async () => {
    const edge: RelayCluster = { ...ARC, id: ARC.id.replace(/rg-edge-factory.*$/, 'rg-edge-stores/providers/Microsoft.Kubernetes/connectedClusters/arc-k3s-edge'), name: 'arc-k3s-edge', resourceGroup: 'rg-edge-stores', location: 'eastus' };
    const { relay } = await createArmClients(credential, EDGE);
    const before = [];
    for await (const namespace of relay.namespaces.listByResourceGroup(edge.resourceGroup)) before.push(namespace.name);
    expect(before).toEqual([relayNamespaceName(edge.name, EDGE, edge.resourceGroup)]);

    const connection = await ensureRelayForArcCluster(credential, edge, { pollIntervalMs: 10 });

    const after = [];
    for await (const namespace of relay.namespaces.listByResourceGroup(edge.resourceGroup)) after.push(namespace.name);
    expect(after).toEqual(before);
    expect(connection.hybridConnectionResourceId).toContain(`/namespaces/${before[0]}/hybridConnections/arc-k3s-edge`);
  });

  it('waits for a namespace someone else just created (201 Created) before creating under it', async () => {
    const single: RelayCluster = {
      ...ARC,
      id: `/subscriptions/${EDGE}/resourcegroups/rg-edge-stores/providers/Microsoft.Kubernetes/connectedClusters/arc-single-node`,
      name: 'arc-single-node',
      resourceGroup: 'rg-edge-stores',
      location: 'eastus',
    };
    const namespace = relayNamespaceName(single.name, EDGE, single.resourceGroup);
    const { relay } = await createArmClients(credential, EDGE);
    // Another install's PUT, not waited for: the namespace reads Created for a while.
    await relay.namespaces.beginCreateOrUpdate(single.resourceGroup, namespace, { location: 'eastus' });
    expect((await relay.namespaces.get(single.resourceGroup, namespace)).provisioningState).toBe('Created');

    const connection = await ensureRelayForArcCluster(credential, single, { pollIntervalMs: 10 });
    expect(connection.hybridConnectionResourceId).toContain(`/namespaces/${namespace}/hybridConnections/arc-single-node`);
    expect((await relay.namespaces.get(single.resourceGroup, namespace)).provisioningState).toBe('Succeeded');
  });

  it('refuses AKS clusters', async () => {
    await expect(ensureRelayForArcCluster(credential, { ...ARC, type: 'managedClusters' })).rejects.toMatchObject({ code: 'InvalidResourceId' });
  });
});
