/**
 * Long-running extension operations through the SDK and the portal's extensions module, against
 * the emulator: success, a failing install (E40002 scenario), delete, and a conflicting write.
 */
import type { Extension } from '@azure/arm-kubernetesconfiguration';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { createArmClients } from '@/lib/azure/clients';
import { beginCreateExtension, deleteExtension, getExtension, updateExtension } from '@/lib/azure/extensions';
import { toAppError } from '@/lib/errors';

import { credential, PRODUCTION_SUBSCRIPTION, startContractEmulator, stopContractEmulator, TEST_POLL_INTERVAL_MS } from './harness';

vi.mock('@/lib/sandbox/runtime', async (importOriginal) => (await import('./current-emulator')).runtimeOnContractEmulator(importOriginal));

const RG = 'rg-ml-prod-eastus';
const AKS = ['Microsoft.ContainerService', 'managedClusters'] as const;
const clusterId = (name: string) => `/subscriptions/${PRODUCTION_SUBSCRIPTION}/resourceGroups/${RG}/providers/Microsoft.ContainerService/managedClusters/${name}`;
const extensionId = (cluster: string, name: string) => `${clusterId(cluster)}/providers/Microsoft.KubernetesConfiguration/extensions/${name}`;

/** An inference install with the router in HA mode: what the E40002 scenario refuses. */
const INFERENCE_HA: Extension = {
  extensionType: 'Microsoft.AzureML.Kubernetes',
  releaseTrain: 'stable',
  autoUpgradeMinorVersion: true,
  scope: { cluster: { releaseNamespace: 'azureml' } },
  configurationSettings: {
    enableTraining: 'False',
    enableInference: 'True',
    inferenceRouterServiceType: 'loadBalancer',
    allowInsecureConnections: 'True',
    inferenceRouterHA: 'True',
  },
};

beforeAll(startContractEmulator);
afterAll(stopContractEmulator);

async function extensions() {
  return (await createArmClients(credential, PRODUCTION_SUBSCRIPTION)).kubernetesConfiguration.extensions;
}

describe('extension long-running operations', () => {
  it('create: the poller reaches Succeeded', async () => {
    const client = await extensions();
    const poller = await client.beginCreate(RG, ...AKS, 'aks-two-nodes', 'azureml', INFERENCE_HA, { updateIntervalInMs: TEST_POLL_INTERVAL_MS });
    expect(poller.getOperationState().status).toBe('running');
    const created = await poller.pollUntilDone();
    expect(created.provisioningState).toBe('Succeeded');
    expect(created.currentVersion).toBeTruthy();
  });

  it('beginCreateExtension returns while the install runs; reads then show it finish', async () => {
    const started = await beginCreateExtension(credential, clusterId('aks-gpu-nc'), 'azureml', INFERENCE_HA, {
      updateIntervalInMs: TEST_POLL_INTERVAL_MS,
    });
    expect(started.status).toBe('running');
    expect(started.extension?.provisioningState).toBe('Creating');
    expect(started.extension).not.toHaveProperty('configurationProtectedSettings');
    expect(started.resumeToken).toContain('/operations/');
    await vi.waitFor(
      async () => expect((await getExtension(credential, extensionId('aks-gpu-nc', 'azureml'))).provisioningState).toBe('Succeeded'),
      { timeout: 5_000, interval: 50 },
    );
  });

  it('create on the E40002 cluster: the poller rejects, toAppError says OperationFailed, GET shows Failed with the code', async () => {
    const client = await extensions();
    const poller = await client.beginCreate(RG, ...AKS, 'aks-fails-ha', 'azureml', INFERENCE_HA, { updateIntervalInMs: TEST_POLL_INTERVAL_MS });
    const failure = await poller.pollUntilDone().then(
      () => {
        throw new Error('expected the install to fail');
      },
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message.startsWith('The long-running operation has failed')).toBe(true);
    const appError = toAppError(failure, { action: 'install the extension' });
    expect(appError).toMatchObject({ code: 'OperationFailed', armCode: 'ExtensionOperationFailed', status: 422 });
    expect(appError.userMessage).toContain('E40002');

    const extension = await getExtension(credential, extensionId('aks-fails-ha', 'azureml'));
    expect(extension.provisioningState).toBe('Failed');
    expect(extension.errorInfo?.code).toBe('ExtensionOperationFailed');
    // As the 2023-05-01 examples show a failure: no statuses, the code in the message text (issue 16 row 5).
    expect(extension.statuses).toEqual([]);
    expect(extension.errorInfo?.message).toContain('[E40002]');
  });

  it('delete: once done, GET is 404 and toAppError says ResourceNotFound', async () => {
    const client = await extensions();
    await client.beginCreateAndWait(RG, ...AKS, 'aks-crash-loop', 'to-delete', INFERENCE_HA, { updateIntervalInMs: TEST_POLL_INTERVAL_MS });
    const poller = await client.beginDelete(RG, ...AKS, 'aks-crash-loop', 'to-delete', { updateIntervalInMs: TEST_POLL_INTERVAL_MS });
    await poller.pollUntilDone();
    const err = await client.get(RG, ...AKS, 'aks-crash-loop', 'to-delete').catch((e: unknown) => e);
    expect(toAppError(err)).toMatchObject({ code: 'ResourceNotFound', status: 404 });
    await expect(getExtension(credential, extensionId('aks-crash-loop', 'to-delete'))).rejects.toMatchObject({ code: 'ResourceNotFound' });
  });

  it('deleteExtension (force) returns while the delete runs', async () => {
    const id = extensionId('aks-prom-conflict', 'short-lived');
    const client = await extensions();
    await client.beginCreateAndWait(RG, ...AKS, 'aks-prom-conflict', 'short-lived', { ...INFERENCE_HA, configurationSettings: { ...INFERENCE_HA.configurationSettings, installPromOp: 'False' } }, {
      updateIntervalInMs: TEST_POLL_INTERVAL_MS,
    });
    const started = await deleteExtension(credential, id, { force: true, updateIntervalInMs: TEST_POLL_INTERVAL_MS });
    expect(started.status).toBe('running');
    await vi.waitFor(async () => expect(getExtension(credential, id)).rejects.toMatchObject({ code: 'ResourceNotFound' }), {
      timeout: 5_000,
      interval: 50,
    });
  });

  it('a second write while one runs is a 409 Conflict', async () => {
    const cluster = `/subscriptions/${PRODUCTION_SUBSCRIPTION}/resourceGroups/rg-ml-prod-westeurope/providers/Microsoft.ContainerService/managedClusters/aks-authorized-ip-ranges`;
    const id = `${cluster}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`;
    const first = await beginCreateExtension(credential, cluster, 'azureml', INFERENCE_HA, { updateIntervalInMs: TEST_POLL_INTERVAL_MS });
    expect(first.status).toBe('running');
    await expect(updateExtension(credential, id, { configurationSettings: { installNvidiaDevicePlugin: 'True' } })).rejects.toMatchObject({
      code: 'Conflict',
      status: 409,
      retryable: true,
    });
    await expect(beginCreateExtension(credential, cluster, 'azureml', INFERENCE_HA)).rejects.toMatchObject({ code: 'Conflict' });
  });

  it('a write where Microsoft.KubernetesConfiguration is not registered says which provider to register', async () => {
    const research = '/subscriptions/b2d94e1a-3c6f-4e8a-8f17-5a9c0d2e4b68/resourceGroups/rg-research/providers/Microsoft.ContainerService/managedClusters/aks-research-unregistered';
    const error = await beginCreateExtension(credential, research, 'azureml', INFERENCE_HA).then(
      () => {
        throw new Error('expected the write to be refused');
      },
      (e: unknown) => toAppError(e),
    );
    expect(error).toMatchObject({ code: 'MissingSubscriptionRegistration', status: 409 });
    expect(error.userMessage).toContain('Microsoft.KubernetesConfiguration');
  });
});
