/**
 * The portal talks to the sandbox through the real Azure SDK clients; these tests prove the
 * emulator's wire protocol (paging, LRO headers, status bodies) satisfies them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenCredential } from '@azure/core-auth';
import { ContainerServiceClient } from '@azure/arm-containerservice';
import { ConnectedKubernetesClient } from '@azure/arm-hybridkubernetes';
import { SourceControlConfigurationClient } from '@azure/arm-kubernetesconfiguration';
import { RelayAPI } from '@azure/arm-relay';
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { ResourceManagementClient } from '@azure/arm-resources';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { AZUREML_EXTENSIONS_QUERY } from '@/lib/domain/fleet-query';
import { startEmulator, type Emulator } from './emulator';
import { SANDBOX_TOKEN } from './runtime';
import { EDGE_SUBSCRIPTION_ID, PRODUCTION_SUBSCRIPTION_ID, RESEARCH_SUBSCRIPTION_ID } from './world';

const credential: TokenCredential = {
  getToken: async () => ({ token: SANDBOX_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
};

let emu: Emulator;
const opts = () => ({ endpoint: emu.endpoint, tlsOptions: { ca: emu.ca }, retryOptions: { maxRetries: 0 } });
const lro = { updateIntervalInMs: 10 };

beforeAll(async () => {
  emu = await startEmulator({ provisioningMs: 150 });
});
afterAll(async () => {
  await emu.close();
});

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('Azure SDK clients against the emulator', () => {
  it('lists subscriptions, resource groups and providers, and registers a provider', async () => {
    const subs = await collect(new SubscriptionClient(credential, opts()).subscriptions.list());
    expect(subs.map((s) => s.displayName).sort()).toEqual(['Contoso ML Edge', 'Contoso ML Production', 'Contoso ML Research']);
    const rm = new ResourceManagementClient(credential, RESEARCH_SUBSCRIPTION_ID, opts());
    expect((await rm.providers.get('Microsoft.KubernetesConfiguration')).registrationState).toBe('NotRegistered');
    expect((await rm.providers.register('Microsoft.KubernetesConfiguration')).registrationState).toBe('Registering');
    await new Promise((r) => setTimeout(r, 120));
    expect((await rm.providers.get('microsoft.kubernetesconfiguration')).registrationState).toBe('Registered');
    const groups = await collect(new ResourceManagementClient(credential, PRODUCTION_SUBSCRIPTION_ID, opts()).resourceGroups.list());
    expect(groups.map((g) => g.name)).toContain('rg-ml-prod-eastus');
  });

  it('pages AKS clusters past one page and reads Arc clusters', async () => {
    const aks = await collect(new ContainerServiceClient(credential, PRODUCTION_SUBSCRIPTION_ID, opts()).managedClusters.list());
    expect(aks.length).toBeGreaterThan(5);
    const sp = aks.find((c) => c.name === 'aks-service-principal');
    expect(sp?.identity).toBeUndefined();
    expect(sp?.servicePrincipalProfile?.clientId).not.toBe('msi');
    const arc = new ConnectedKubernetesClient(credential, EDGE_SUBSCRIPTION_ID, opts());
    const arcs = await collect(arc.connectedClusterOperations.listBySubscription());
    expect(arcs.find((c) => c.name === 'arc-offline-store')?.connectivityStatus).toBe('Offline');
    const one = await arc.connectedClusterOperations.get('rg-edge-factory', 'arc-openshift-factory');
    expect(one.distribution).toBe('openshift');
  });

  it('creates, updates and deletes an extension through the SDK pollers', async () => {
    const client = new SourceControlConfigurationClient(credential, PRODUCTION_SUBSCRIPTION_ID, opts());
    const args = ['rg-ml-prod-westeurope', 'Microsoft.ContainerService', 'managedClusters', 'aks-prod-westeurope', 'azureml'] as const;
    const created = await client.extensions.beginCreateAndWait(
      ...args,
      {
        extensionType: 'Microsoft.AzureML.Kubernetes',
        configurationSettings: { enableTraining: 'True', enableInference: 'False' },
        configurationProtectedSettings: { secret: 'do-not-echo' },
      },
      lro,
    );
    expect(created.provisioningState).toBe('Succeeded');
    expect(JSON.stringify(created)).not.toContain('do-not-echo');
    const updated = await client.extensions.beginUpdateAndWait(...args, { configurationSettings: { installVolcano: 'False' } }, lro);
    expect(updated).toBeDefined();
    expect((await client.extensions.get(...args)).configurationSettings?.installVolcano).toBe('False');
    await client.extensions.beginDeleteAndWait(...args, { ...lro, forceDelete: true });
    await expect(client.extensions.get(...args)).rejects.toMatchObject({ statusCode: 404 });
  });

  it('rejects a failed install with the long-running-operation error', async () => {
    const client = new SourceControlConfigurationClient(credential, PRODUCTION_SUBSCRIPTION_ID, opts());
    await expect(
      client.extensions.beginCreateAndWait(
        'rg-ml-prod-eastus', 'Microsoft.ContainerService', 'managedClusters', 'aks-fails-ha', 'azureml',
        {
          extensionType: 'Microsoft.AzureML.Kubernetes',
          configurationSettings: { enableInference: 'True', inferenceRouterServiceType: 'loadBalancer', allowInsecureConnections: 'True' },
        },
        lro,
      ),
    ).rejects.toThrow(/long-running operation has failed/i);
  });

  it('runs the kubectl command through runCommand', async () => {
    const client = new ContainerServiceClient(credential, PRODUCTION_SUBSCRIPTION_ID, opts());
    const result = await client.managedClusters.runCommand(
      'rg-ml-prod-eastus',
      'aks-prod-eastus',
      { command: 'kubectl get deploy,ds,sts,pods -n azureml -o json' },
      lro,
    );
    expect(result.exitCode).toBe(0);
    const list = JSON.parse(result.logs ?? '') as { kind: string; items: { kind: string }[] };
    expect(list.kind).toBe('List');
    expect(list.items.some((i) => i.kind === 'Deployment')).toBe(true);
  });

  it('answers the fleet query with Resource Graph paging', async () => {
    const client = new ResourceGraphClient(credential, opts());
    const first = await client.resources({ query: AZUREML_EXTENSIONS_QUERY, options: { top: 1 } });
    expect(first.count).toBe(1);
    expect(first.totalRecords).toBeGreaterThanOrEqual(2);
    expect(first.skipToken).toBeTruthy();
    const second = await client.resources({ query: AZUREML_EXTENSIONS_QUERY, options: { top: 1, skipToken: first.skipToken } });
    expect((second.data as { id: string }[])[0].id).not.toBe((first.data as { id: string }[])[0].id);
  });

  it('creates the Relay pieces an Arc install needs and lists keys', async () => {
    const relay = new RelayAPI(credential, EDGE_SUBSCRIPTION_ID, opts());
    const ns = await relay.namespaces.beginCreateOrUpdateAndWait(
      'rg-edge-factory',
      'arcopenshiftrelay',
      { location: 'westeurope', tags: { created_by: 'Azure Arc-enabled ML' } },
      lro,
    );
    expect(ns.provisioningState).toBe('Succeeded');
    await relay.hybridConnections.createOrUpdate('rg-edge-factory', 'arcopenshiftrelay', 'arc-openshift-factory', {
      requiresClientAuthorization: true,
    });
    await relay.namespaces.createOrUpdateAuthorizationRule('rg-edge-factory', 'arcopenshiftrelay', 'azureml_rw', {
      rights: ['Manage', 'Send', 'Listen'],
    });
    const keys = await relay.namespaces.listKeys('rg-edge-factory', 'arcopenshiftrelay', 'azureml_rw');
    expect(keys.primaryConnectionString).toMatch(/^Endpoint=sb:\/\/arcopenshiftrelay\.servicebus\.windows\.net\/;SharedAccessKeyName=azureml_rw;SharedAccessKey=/);
    expect(keys.primaryKey).not.toBe(keys.secondaryKey);
  });
});
