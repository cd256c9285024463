/** Extension lifecycle over raw HTTPS: LRO headers (issue 16 rows 3, 7, 9), conflicts, failures (row 5), secrets. */
import { describe, expect, it } from 'vitest';
import { armRequest, asRecord, pollUntil, emulatorPerFile } from './test-client';
import { EDGE_SUBSCRIPTION_ID as EDGE, PRODUCTION_SUBSCRIPTION_ID as PROD, RESEARCH_SUBSCRIPTION_ID as RESEARCH } from './world';

const PROVISIONING_MS = 200;
const emu = emulatorPerFile({ provisioningMs: PROVISIONING_MS });

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
    async () => asRecord((await armRequest(emu(), 'GET', url)).body),
    (b) => b.status !== 'InProgress',
  );
}

describe('extensions', () => {
  it('creates: 201 Creating with absolute Azure-AsyncOperation and Operation-Location (as the spec examples), then Succeeded', async () => {
    const url = aksExt('aks-prod-westeurope', 'rg-ml-prod-westeurope');
    const put = await armRequest(emu(), 'PUT', url, { body: azureml({ enableTraining: 'True' }, { 'scoringFe.sslKey': SECRET }) });
    expect(put.status).toBe(201);
    expect(asRecord(asRecord(put.body).properties).provisioningState).toBe('Creating');
    const op = String(put.headers['azure-asyncoperation']);
    expect(op.startsWith(`${emu().endpoint}/subscriptions/${PROD}/`)).toBe(true);
    expect(put.headers['operation-location']).toBe(op);
    expect(put.headers['x-ms-async-operation-timeout']).toBe('PT48H');
    expect(asRecord((await armRequest(emu(), 'GET', op)).body).status).toBe('InProgress');
    const done = await waitForOperation(op);
    expect(done.status).toBe('Succeeded');
    expect(done.name).toBeTruthy();
    // 2023-05-01's OperationStatusResult (GetExtensionAsyncOperationStatus.json) has no times.
    expect(Object.keys(done).sort()).toEqual(['error', 'id', 'name', 'properties', 'status']);
    const got = asRecord((await armRequest(emu(), 'GET', url)).body);
    const props = asRecord(got.properties);
    expect(props.provisioningState).toBe('Succeeded');
    expect(props.currentVersion).toBe('1.1.64');
    expect(got.identity).toBeUndefined();
  });

  it('never returns protected settings, in any response', async () => {
    const url = aksExt('aks-prod-westeurope', 'rg-ml-prod-westeurope');
    const texts: string[] = [];
    const put = await armRequest(emu(), 'PUT', url, { body: azureml({ enableTraining: 'True' }, { 'scoringFe.sslKey': SECRET }) });
    texts.push(put.text);
    const done = await waitForOperation(String(put.headers['azure-asyncoperation']));
    texts.push(JSON.stringify(done));
    const patch = await armRequest(emu(), 'PATCH', url, { body: { properties: { configurationProtectedSettings: { 'scoringFe.sslKey': `${SECRET}2` } } } });
    texts.push(patch.text);
    await waitForOperation(String(patch.headers['azure-asyncoperation']));
    texts.push((await armRequest(emu(), 'GET', url)).text);
    texts.push((await armRequest(emu(), 'GET', url.replace('/azureml?', '?'))).text);
    for (const t of texts) expect(t).not.toContain(SECRET);
    expect(asRecord(asRecord(JSON.parse(texts[3])).properties).configurationProtectedSettings).toEqual({});
  });

  it('answers 409 Conflict to a second write while an operation runs', async () => {
    const url = aksExt('aks-prod-westeurope', 'rg-ml-prod-westeurope');
    expect((await armRequest(emu(), 'PUT', url, { body: azureml({ enableTraining: 'True' }) })).status).toBe(201);
    for (const [method, body] of [['PUT', azureml({ enableTraining: 'True' })], ['PATCH', { properties: {} }], ['DELETE', undefined]] as const) {
      const r = await armRequest(emu(), method, url, { body });
      expect(r.status).toBe(409);
      expect(asRecord(asRecord(r.body).error).code).toBe('Conflict');
    }
  });

  it('updates (Updating, then Succeeded) and deletes (202, then 404)', async () => {
    const url = aksExt('aks-prod-eastus');
    const patch = await armRequest(emu(), 'PATCH', url, { body: { properties: { configurationSettings: { inferenceRouterHA: 'False' } } } });
    expect(patch.status).toBe(202);
    expect(asRecord(asRecord(patch.body).properties).provisioningState).toBe('Updating');
    expect((await waitForOperation(String(patch.headers['azure-asyncoperation']))).status).toBe('Succeeded');
    const settings = asRecord(asRecord(asRecord((await armRequest(emu(), 'GET', url)).body).properties).configurationSettings);
    expect(settings.inferenceRouterHA).toBe('False');
    expect(settings.enableTraining).toBe('True');
    const del = await armRequest(emu(), 'DELETE', `${url}&forceDelete=true`);
    expect(del.status).toBe(202);
    expect(asRecord(asRecord((await armRequest(emu(), 'GET', url)).body).properties).provisioningState).toBe('Deleting');
    expect((await waitForOperation(String(del.headers['azure-asyncoperation']))).status).toBe('Succeeded');
    const gone = await armRequest(emu(), 'GET', url);
    expect(gone.status).toBe(404);
    expect(asRecord(asRecord(gone.body).error).code).toBe('ResourceNotFound');
  });

  it.each([
    ['empty', []],
    ['with-code', [expect.objectContaining({ code: 'E40002', level: 'Error' })]],
  ] as const)('ends Failed with E40002 in the message on the install-fails-E40002 cluster (failedStatuses %s)', async (failedStatuses, statuses) => {
    if (failedStatuses !== 'empty') {
      expect((await armRequest(emu(), 'PUT', '/_sandbox/behaviour', { token: null, body: { failedStatuses } })).status).toBe(200);
    }
    const url = aksExt('aks-fails-ha');
    const put = await armRequest(emu(), 'PUT', url, {
      body: azureml({ enableInference: 'True', inferenceRouterServiceType: 'loadBalancer', allowInsecureConnections: 'True' }),
    });
    const op = await waitForOperation(String(put.headers['azure-asyncoperation']));
    expect(op.status).toBe('Failed');
    expect(asRecord(op.error).code).toBe('ExtensionOperationFailed');
    expect(String(asRecord(op.error).message)).toContain('E40002');
    const props = asRecord(asRecord((await armRequest(emu(), 'GET', url)).body).properties);
    expect(props.provisioningState).toBe('Failed');
    expect(asRecord(props.errorInfo).code).toBe('ExtensionOperationFailed');
    expect(String(asRecord(props.errorInfo).message)).toMatch(/pre-install.*healthcheck failed.*E40002.*inferenceRouterHA/s);
    // The examples show `statuses: []`; the code lives in the Helm message text (the default).
    expect(props.statuses).toEqual(statuses);
  });

  it('PUT on an existing extension: 200 Succeeded with Operation-Location only, as the example (putExisting succeeded, default)', async () => {
    const url = aksExt('aks-prod-eastus');
    const put = await armRequest(emu(), 'PUT', url, { body: azureml({ enableTraining: 'True', inferenceRouterHA: 'False' }) });
    expect(put.status).toBe(200);
    expect(asRecord(asRecord(put.body).properties).provisioningState).toBe('Succeeded');
    expect(put.headers['azure-asyncoperation']).toBeUndefined();
    expect((await waitForOperation(String(put.headers['operation-location']))).status).toBe('Succeeded');
    // Nothing runs: a PATCH right after is not a conflict.
    expect((await armRequest(emu(), 'PATCH', url, { body: { properties: {} } })).status).toBe(202);
  });

  it('PUT on an existing extension: 200 Updating with the operation headers (putExisting updating)', async () => {
    await armRequest(emu(), 'PUT', '/_sandbox/behaviour', { token: null, body: { putExisting: 'updating' } });
    const url = aksExt('aks-prod-eastus');
    const put = await armRequest(emu(), 'PUT', url, { body: azureml({ enableTraining: 'True' }) });
    expect(put.status).toBe(200);
    expect(asRecord(asRecord(put.body).properties).provisioningState).toBe('Updating');
    expect((await waitForOperation(String(put.headers['azure-asyncoperation']))).status).toBe('Succeeded');
  });

  it.each([
    ['azure-async-operation', ['azure-asyncoperation']],
    ['operation-location', ['operation-location']],
    ['location', ['location']],
    ['none', []],
  ] as const)('lroHeaders %s: a create points at its operation with %j only', async (lroHeaders, expected) => {
    await armRequest(emu(), 'PUT', '/_sandbox/behaviour', { token: null, body: { lroHeaders } });
    const url = aksExt('aks-prod-westeurope', 'rg-ml-prod-westeurope');
    const put = await armRequest(emu(), 'PUT', url, { body: azureml({ enableTraining: 'True' }) });
    expect(put.status).toBe(201);
    const pointers = ['azure-asyncoperation', 'operation-location', 'location'].filter((h) => put.headers[h] !== undefined);
    expect(pointers).toEqual(expected);
    const state = asRecord(asRecord(put.body).properties).provisioningState;
    expect(state).toBe(lroHeaders === 'none' ? 'Succeeded' : 'Creating');
    if (lroHeaders === 'location') {
      const location = String(put.headers.location);
      expect((await armRequest(emu(), 'GET', location)).status).toBe(202);
      const done = await pollUntil(() => armRequest(emu(), 'GET', location), (r) => r.status !== 202);
      expect(done.status).toBe(200);
      expect(asRecord(asRecord(done.body).properties).provisioningState).toBe('Succeeded');
    }
  });

  it('lets the suggested fix pass on the same cluster (inferenceRouterHA False)', async () => {
    const url = aksExt('aks-fails-ha');
    const put = await armRequest(emu(), 'PUT', url, {
      body: azureml({ enableInference: 'True', inferenceRouterServiceType: 'loadBalancer', allowInsecureConnections: 'True', inferenceRouterHA: 'False' }),
    });
    expect((await waitForOperation(String(put.headers['azure-asyncoperation']))).status).toBe('Succeeded');
  });

  it('refuses writes with MissingSubscriptionRegistration where the provider is not registered', async () => {
    const r = await armRequest(emu(), 'PUT', aksExt('aks-research-unregistered', 'rg-research', RESEARCH), { body: azureml({ enableTraining: 'True' }) });
    expect(r.status).toBe(409);
    expect(asRecord(asRecord(r.body).error).code).toBe('MissingSubscriptionRegistration');
  });

  it('answers 404 ResourceNotFound for a missing cluster or extension', async () => {
    const r = await armRequest(emu(), 'GET', aksExt('aks-does-not-exist'));
    expect(r.status).toBe(404);
    expect(asRecord(asRecord(r.body).error).code).toBe('ResourceNotFound');
    expect((await armRequest(emu(), 'GET', aksExt('aks-two-nodes'))).status).toBe(404);
  });

  it('gives Arc extensions a system identity and uses lower-case resourcegroups URLs', async () => {
    const url = `/subscriptions/${EDGE}/resourcegroups/rg-edge-stores/providers/Microsoft.Kubernetes/connectedClusters/arc-k3s-edge/providers/Microsoft.KubernetesConfiguration/extensions/azureml?api-version=2023-05-01`;
    const body = asRecord((await armRequest(emu(), 'GET', url)).body);
    expect(asRecord(body.identity).type).toBe('SystemAssigned');
    expect(asRecord(body.properties).provisioningState).toBe('Succeeded');
  });
});
