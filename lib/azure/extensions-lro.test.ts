/**
 * The portal's extension writes under every LRO header set ARM might send (issue 16 row 3: the
 * 2023-05-01 examples send `Azure-AsyncOperation` and `Operation-Location`; which one real ARM
 * sends for extensions is not pinned down), and a PUT on an existing extension answered either way
 * (row 9). Each mode: create, update, delete through lib/azure/extensions.ts (the SDK's pollers),
 * the status read seeing each final state.
 */
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { AccessTokenCredential } from '@/lib/auth/token-credential';
import { ensureSandbox, SANDBOX_TOKEN } from '@/lib/sandbox/runtime';
import { LRO_HEADER_BEHAVIOURS, PUT_EXISTING_BEHAVIOURS } from '@/lib/sandbox/state';
import { armRequest } from '@/lib/sandbox/test-client';
import { PRODUCTION_SUBSCRIPTION_ID as PROD } from '@/lib/sandbox/world';

import { clearStatusCoalescing, getExtensionStatus } from './extension-status';
import { beginCreateExtension, deleteExtension, getExtension, updateExtension } from './extensions';

vi.stubEnv('AZURE_TENANT_ID', '');
vi.stubEnv('AZURE_CLIENT_ID', '');

const credential = new AccessTokenCredential(SANDBOX_TOKEN);
const CLUSTER = `/subscriptions/${PROD}/resourceGroups/rg-ml-prod-westeurope/providers/Microsoft.ContainerService/managedClusters/aks-prod-westeurope`;
const BODY = {
  extensionType: 'Microsoft.AzureML.Kubernetes',
  releaseTrain: 'stable',
  autoUpgradeMinorVersion: true,
  scope: { cluster: { releaseNamespace: 'azureml' } },
  configurationSettings: { enableTraining: 'True', enableInference: 'False' },
};
const FAST = { updateIntervalInMs: 10 };

async function sandboxAdmin(method: string, path: string, body?: unknown) {
  return armRequest(await ensureSandbox(), method, path, { token: null, body });
}

/** Polls the extension the way the status page does, until `done` or 5 s. */
async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 5_000;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    value = await read();
  }
  return value;
}

const stateOf = (id: string) => async () => (await getExtension(credential, id)).provisioningState;
const goneOrState = (id: string) => async () => getExtension(credential, id).then((e) => e.provisioningState, (err: { code?: string }) => err.code);

beforeEach(async () => {
  expect((await sandboxAdmin('POST', '/_sandbox/reset')).status).toBe(204);
  clearStatusCoalescing();
});
afterAll(async () => {
  await sandboxAdmin('POST', '/_sandbox/reset');
});

describe.each(LRO_HEADER_BEHAVIOURS)('extension writes with lroHeaders %s', (lroHeaders) => {
  it('create, update and delete are accepted and each final state is seen', async () => {
    expect((await sandboxAdmin('PUT', '/_sandbox/behaviour', { lroHeaders })).status).toBe(200);
    const name = `azureml-lro-${lroHeaders}`;
    const created = await beginCreateExtension(credential, CLUSTER, name, BODY, FAST);
    const id = `${CLUSTER}/providers/Microsoft.KubernetesConfiguration/extensions/${name}`;
    // Answered at once under `none`; otherwise running after the SDK's first poll.
    expect(created.status).toBe(lroHeaders === 'none' ? 'succeeded' : 'running');
    expect(created.extension?.id).toBe(id);
    expect(created.resumeToken).toBeTruthy();
    expect(await waitFor(stateOf(id), (s) => s === 'Succeeded')).toBe('Succeeded');
    clearStatusCoalescing();
    expect(await getExtensionStatus(credential, id)).toMatchObject({ provisioningState: 'Succeeded' });

    const updated = await updateExtension(credential, id, { configurationSettings: { installVolcano: 'False' } }, FAST);
    expect(updated.status).toBe(lroHeaders === 'none' ? 'succeeded' : 'running');
    expect(await waitFor(stateOf(id), (s) => s === 'Succeeded')).toBe('Succeeded');
    expect((await getExtension(credential, id)).configurationSettings).toMatchObject({ installVolcano: 'False', enableTraining: 'True' });

    const deleted = await deleteExtension(credential, id, FAST);
    expect(deleted.status).toBe(lroHeaders === 'none' ? 'succeeded' : 'running');
    expect(await waitFor(goneOrState(id), (s) => s === 'ResourceNotFound')).toBe('ResourceNotFound');
  });
});

describe.each(PUT_EXISTING_BEHAVIOURS)('a PUT on an existing extension with putExisting %s', (putExisting) => {
  it('is accepted and the extension ends Succeeded with the new settings', async () => {
    const name = `azureml-reput-${putExisting}`;
    const id = `${CLUSTER}/providers/Microsoft.KubernetesConfiguration/extensions/${name}`;
    await beginCreateExtension(credential, CLUSTER, name, BODY, FAST);
    expect(await waitFor(stateOf(id), (s) => s === 'Succeeded')).toBe('Succeeded');
    expect((await sandboxAdmin('PUT', '/_sandbox/behaviour', { putExisting })).status).toBe(200);

    const again = await beginCreateExtension(
      credential,
      CLUSTER,
      name,
      { ...BODY, configurationSettings: { ...BODY.configurationSettings, installVolcano: 'False' } },
      FAST,
    );
    // The example's 200 is final (Succeeded); the other answer runs an update first.
    expect(again.extension?.provisioningState).toBe(putExisting === 'succeeded' ? 'Succeeded' : 'Updating');
    expect(['running', 'succeeded']).toContain(again.status);
    expect(await waitFor(stateOf(id), (s) => s === 'Succeeded')).toBe('Succeeded');
    expect((await getExtension(credential, id)).configurationSettings).toMatchObject({ installVolcano: 'False' });
  });
});
