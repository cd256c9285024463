/** Extension lifecycle over raw HTTPS: LRO via Azure-AsyncOperation, conflicts, failures, secrets. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './emulator';
import { armRequest, asRecord, pollUntil } from './test-client';
import { EDGE_SUBSCRIPTION_ID as EDGE, PRODUCTION_SUBSCRIPTION_ID as PROD, RESEARCH_SUBSCRIPTION_ID as RESEARCH } from './world';

const PROVISIONING_MS = 200;
let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ provisioningMs: PROVISIONING_MS });
});
afterAll(async () => {
  await emu.close();
});
beforeEach(async () => {
  await armRequest(emu, 'POST', '/_sandbox/reset', { token: null });
});

const aksExt = (cluster: string, rg = 'rg-ml-prod-eastus', sub = PROD, name = 'azureml') =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.ContainerService/managedClusters/${cluster}/providers/Microsoft.KubernetesConfiguration/extensions/${name}?api-version=2023-05-01`;

const SECRET = 'LS0tLS1CRUdJTi1zZWNyZXQtcGVt';
const azureml = (settings: Record<string, string>, protectedSettings: Record<string, string> = {}) => ({
  properties: {
    extensionType: 'Microsoft.AzureML.Kubernetes',
    releaseTrain: 'stable',
    autoUpgradeMinorVersion: true,
    scope: { cluster: { releaseNamespace: 'azureml' } },
    configurationSettings: settings,
    configurationProtectedSettings: protectedSettings,
  },
});

async function waitForOperation(url: string): Promise<Record<string, unknown>> {
  return pollUntil(
    async () => asRecord((await armRequest(emu, 'GET', url)).body),
    (b) => b.status !== 'InProgress',
  );
}

describe('extensions', () => {
  it('creates: 201 Creating with one absolute Azure-AsyncOperation, then Succeeded', async () => {
    const url = aksExt('aks-prod-westeurope', 'rg-ml-prod-westeurope');
    const put = await armRequest(emu, 'PUT', url, { body: azureml({ enableTraining: 'True' }, { 'scoringFe.sslKey': SECRET }) });
    expect(put.status).toBe(201);
    expect(asRecord(asRecord(put.body).properties).provisioningState).toBe('Creating');
    const op = String(put.headers['azure-asyncoperation']);
    expect(op.startsWith(`${emu.endpoint}/subscriptions/${PROD}/`)).toBe(true);
    expect(put.headers['operation-location']).toBeUndefined();
    expect(asRecord((await armRequest(emu, 'GET', op)).body).status).toBe('InProgress');
    const done = await waitForOperation(op);
    expect(done.status).toBe('Succeeded');
    expect(done.name).toBeTruthy();
    const got = asRecord((await armRequest(emu, 'GET', url)).body);
    const props = asRecord(got.properties);
    expect(props.provisioningState).toBe('Succeeded');
    expect(props.currentVersion).toBe('1.1.64');
    expect(got.identity).toBeUndefined();
  });

  it('never returns protected settings, in any response', async () => {
    const url = aksExt('aks-prod-westeurope', 'rg-ml-prod-westeurope');
    const texts: string[] = [];
    const put = await armRequest(emu, 'PUT', url, { body: azureml({ enableTraining: 'True' }, { 'scoringFe.sslKey': SECRET }) });
    texts.push(put.text);
    const done = await waitForOperation(String(put.headers['azure-asyncoperation']));
    texts.push(JSON.stringify(done));
    const patch = await armRequest(emu, 'PATCH', url, { body: { properties: { configurationProtectedSettings: { 'scoringFe.sslKey': `${SECRET}2` } } } });
    texts.push(patch.text);
    await waitForOperation(String(patch.headers['azure-asyncoperation']));
    texts.push((await armRequest(emu, 'GET', url)).text);
    texts.push((await armRequest(emu, 'GET', url.replace('/azureml?', '?'))).text);
    for (const t of texts) expect(t).not.toContain(SECRET);
    expect(asRecord(asRecord(JSON.parse(texts[3])).properties).configurationProtectedSettings).toEqual({});
  });

  it('answers 409 Conflict to a second write while an operation runs', async () => {
    const url = aksExt('aks-prod-westeurope', 'rg-ml-prod-westeurope');
    expect((await armRequest(emu, 'PUT', url, { body: azureml({ enableTraining: 'True' }) })).status).toBe(201);
    for (const [method, body] of [['PUT', azureml({ enableTraining: 'True' })], ['PATCH', { properties: {} }], ['DELETE', undefined]] as const) {
      const r = await armRequest(emu, method, url, { body });
      expect(r.status).toBe(409);
      expect(asRecord(asRecord(r.body).error).code).toBe('Conflict');
    }
  });

  it('updates (Updating, then Succeeded) and deletes (202, then 404)', async () => {
    const url = aksExt('aks-prod-eastus');
    const patch = await armRequest(emu, 'PATCH', url, { body: { properties: { configurationSettings: { inferenceRouterHA: 'False' } } } });
    expect(patch.status).toBe(202);
    expect(asRecord(asRecord(patch.body).properties).provisioningState).toBe('Updating');
    expect((await waitForOperation(String(patch.headers['azure-asyncoperation']))).status).toBe('Succeeded');
    const settings = asRecord(asRecord(asRecord((await armRequest(emu, 'GET', url)).body).properties).configurationSettings);
    expect(settings.inferenceRouterHA).toBe('False');
    expect(settings.enableTraining).toBe('True');
    const del = await armRequest(emu, 'DELETE', `${url}&forceDelete=true`);
    expect(del.status).toBe(202);
    expect(asRecord(asRecord((await armRequest(emu, 'GET', url)).body).properties).provisioningState).toBe('Deleting');
    expect((await waitForOperation(String(del.headers['azure-asyncoperation']))).status).toBe('Succeeded');
    const gone = await armRequest(emu, 'GET', url);
    expect(gone.status).toBe(404);
    expect(asRecord(asRecord(gone.body).error).code).toBe('ResourceNotFound');
  });

  it('ends Failed with E40002 on the install-fails-E40002 cluster, with statuses and errorInfo', async () => {
    const url = aksExt('aks-fails-ha');
    const put = await armRequest(emu, 'PUT', url, {
      body: azureml({ enableInference: 'True', inferenceRouterServiceType: 'loadBalancer', allowInsecureConnections: 'True' }),
    });
    const op = await waitForOperation(String(put.headers['azure-asyncoperation']));
    expect(op.status).toBe('Failed');
    expect(asRecord(op.error).code).toBe('ExtensionOperationFailed');
    expect(String(asRecord(op.error).message)).toContain('E40002');
    const props = asRecord(asRecord((await armRequest(emu, 'GET', url)).body).properties);
    expect(props.provisioningState).toBe('Failed');
    expect(asRecord(props.errorInfo).code).toBe('ExtensionOperationFailed');
    expect(String(asRecord(props.errorInfo).message)).toMatch(/pre-install.*healthcheck failed.*E40002.*inferenceRouterHA/s);
    expect((props.statuses as { code: string; level: string }[])[0]).toMatchObject({ code: 'E40002', level: 'Error' });
  });

  it('lets the suggested fix pass on the same cluster (inferenceRouterHA False)', async () => {
    const url = aksExt('aks-fails-ha');
    const put = await armRequest(emu, 'PUT', url, {
      body: azureml({ enableInference: 'True', inferenceRouterServiceType: 'loadBalancer', allowInsecureConnections: 'True', inferenceRouterHA: 'False' }),
    });
    expect((await waitForOperation(String(put.headers['azure-asyncoperation']))).status).toBe('Succeeded');
  });

  it('refuses writes with MissingSubscriptionRegistration where the provider is not registered', async () => {
    const r = await armRequest(emu, 'PUT', aksExt('aks-research-unregistered', 'rg-research', RESEARCH), { body: azureml({ enableTraining: 'True' }) });
    expect(r.status).toBe(409);
    expect(asRecord(asRecord(r.body).error).code).toBe('MissingSubscriptionRegistration');
  });

  it('answers 404 ResourceNotFound for a missing cluster or extension', async () => {
    const r = await armRequest(emu, 'GET', aksExt('aks-does-not-exist'));
    expect(r.status).toBe(404);
    expect(asRecord(asRecord(r.body).error).code).toBe('ResourceNotFound');
    expect((await armRequest(emu, 'GET', aksExt('aks-two-nodes'))).status).toBe(404);
  });

  it('gives Arc extensions a system identity and uses lower-case resourcegroups URLs', async () => {
    const url = `/subscriptions/${EDGE}/resourcegroups/rg-edge-stores/providers/Microsoft.Kubernetes/connectedClusters/arc-k3s-edge/providers/Microsoft.KubernetesConfiguration/extensions/azureml?api-version=2023-05-01`;
    const body = asRecord((await armRequest(emu, 'GET', url)).body);
    expect(asRecord(body.identity).type).toBe('SystemAssigned');
    expect(asRecord(body.properties).provisioningState).toBe('Succeeded');
  });
});
