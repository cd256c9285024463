/** Azure ML workspaces and Kubernetes computes over raw HTTPS (routes/machine-learning.ts). */
import { describe, expect, it } from 'vitest';

import { isActionGranted, type PermissionEntry } from '@/lib/domain/permissions';

import { sandboxUserToken as issueSandboxToken } from '@/test/contract/sandbox-users';
import { armRequest, asRecord, pollUntil, emulatorPerFile } from './test-client';
import { EDGE_SUBSCRIPTION_ID as EDGE, PRODUCTION_SUBSCRIPTION_ID as PROD, RESEARCH_SUBSCRIPTION_ID as RESEARCH, SEEDED_WORLD } from './world';

const PROVISIONING_MS = 150;
const V = 'api-version=2022-10-01';
const ML = 'providers/Microsoft.MachineLearningServices';
const emu = emulatorPerFile({ provisioningMs: PROVISIONING_MS });

const workspace = (sub: string, rg: string, name: string) => `/subscriptions/${sub}/resourceGroups/${rg}/${ML}/workspaces/${name}`;
const PROD_WS = workspace(PROD, 'rg-ml-prod-eastus', 'mlw-prod-eastus');
const EDGE_WS = workspace(EDGE, 'rg-edge-stores', 'mlw-edge-eastus');
const cluster = (sub: string, rg: string, kind: 'aks' | 'arc', name: string) =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/${kind === 'aks' ? 'Microsoft.ContainerService/managedClusters' : 'Microsoft.Kubernetes/connectedClusters'}/${name}`;
const AKS_INSTALLED = cluster(PROD, 'rg-ml-prod-eastus', 'aks', 'aks-prod-eastus');
const ARC_INSTALLED = cluster(EDGE, 'rg-edge-stores', 'arc', 'arc-k3s-edge');

const attachBody = (resourceId: string, extra: Record<string, unknown> = {}) => ({
  location: 'eastus',
  identity: { type: 'SystemAssigned' },
  properties: { computeType: 'Kubernetes', resourceId, description: 'attached by a test', properties: { namespace: 'default', ...extra } },
});

async function waitForStatus(url: string) {
  return pollUntil(
    async () => asRecord((await armRequest(emu(), 'GET', url)).body),
    (b) => b.status !== 'InProgress',
  );
}

const props = (body: unknown) => asRecord(asRecord(body).properties);

describe('workspaces', () => {
  it('lists by subscription (one per subscription that has clusters) and by resource group, and gets one', async () => {
    for (const sub of [PROD, EDGE, RESEARCH]) {
      const list = await armRequest(emu(), 'GET', `/subscriptions/${sub}/${ML}/workspaces?${V}`);
      expect(list.status).toBe(200);
      const names = (asRecord(list.body).value as Array<{ name: string }>).map((w) => w.name);
      expect(names).toEqual((SEEDED_WORLD.workspaces ?? []).filter((w) => w.subscriptionId === sub).map((w) => w.name));
      expect(names.length).toBeGreaterThan(0);
    }
    const byGroup = await armRequest(emu(), 'GET', `/subscriptions/${PROD}/resourceGroups/rg-ml-prod-westeurope/${ML}/workspaces?${V}`);
    expect((asRecord(byGroup.body).value as Array<{ name: string; location: string }>).map((w) => [w.name, w.location])).toEqual([
      ['mlw-prod-westeurope', 'westeurope'],
    ]);
    const one = await armRequest(emu(), 'GET', `${PROD_WS}?${V}`);
    expect(one.status).toBe(200);
    expect(asRecord(one.body)).toMatchObject({ id: PROD_WS, name: 'mlw-prod-eastus', type: 'Microsoft.MachineLearningServices/workspaces', location: 'eastus' });
    expect(props(one.body).provisioningState).toBe('Succeeded');
  });

  it('answers 404 for an unknown workspace and 400 for an api-version the SDK does not send', async () => {
    expect((await armRequest(emu(), 'GET', `${workspace(PROD, 'rg-ml-prod-eastus', 'nope')}?${V}`)).status).toBe(404);
    const wrong = await armRequest(emu(), 'GET', `${PROD_WS}?api-version=2024-04-01`);
    expect(wrong.status).toBe(400);
    expect(asRecord(asRecord(wrong.body).error).code).toBe('InvalidApiVersionParameter');
  });
});

describe('computes: attach', () => {
  it('attaches a cluster with a Succeeded extension: 201 Creating with an absolute Azure-AsyncOperation, then Succeeded', async () => {
    const url = `${PROD_WS}/computes/aks-prod?${V}`;
    const put = await armRequest(emu(), 'PUT', url, { body: attachBody(AKS_INSTALLED, { defaultInstanceType: 'defaultinstancetype' }) });
    expect(put.status).toBe(201);
    expect(props(put.body)).toMatchObject({ computeType: 'Kubernetes', provisioningState: 'Creating', resourceId: AKS_INSTALLED });
    const op = String(put.headers['azure-asyncoperation']);
    expect(op.startsWith(`${emu().endpoint}/subscriptions/${PROD}/${ML}/locations/eastus/computeOperationsStatus/`)).toBe(true);
    expect(op).toContain(V);
    expect(await waitForStatus(op)).toEqual({ status: 'Succeeded' });
    const got = await armRequest(emu(), 'GET', url);
    expect(props(got.body)).toMatchObject({ provisioningState: 'Succeeded', isAttachedCompute: true, provisioningErrors: null });
    expect(asRecord(props(got.body).properties)).toMatchObject({ namespace: 'default', defaultInstanceType: 'defaultinstancetype', relayConnectionString: null });
    const list = await armRequest(emu(), 'GET', `${PROD_WS}/computes?${V}`);
    expect((asRecord(list.body).value as Array<{ name: string }>).map((c) => c.name)).toEqual(['aks-prod']);
  });

  it('never returns the connection strings it was sent', async () => {
    const put = await armRequest(emu(), 'PUT', `${EDGE_WS}/computes/arc-edge?${V}`, {
      body: attachBody(ARC_INSTALLED, { relayConnectionString: 'Endpoint=sb://secret', serviceBusConnectionString: 'sb-secret' }),
    });
    expect(put.status).toBe(201);
    expect(put.text).not.toContain('secret');
  });

  it('fails the operation (compute Failed, provisioningErrors) when the cluster has no Azure ML extension', async () => {
    const put = await armRequest(emu(), 'PUT', `${PROD_WS}/computes/bare?${V}`, { body: attachBody(cluster(PROD, 'rg-ml-prod-westeurope', 'aks', 'aks-prod-westeurope')) });
    expect(put.status).toBe(201);
    const status = await waitForStatus(String(put.headers['azure-asyncoperation']));
    expect(status.status).toBe('Failed');
    expect(String(asRecord(status.error).message)).toMatch(/extension \(Microsoft\.AzureML\.Kubernetes\) is not installed/);
    const got = await armRequest(emu(), 'GET', `${PROD_WS}/computes/bare?${V}`);
    expect(props(got.body).provisioningState).toBe('Failed');
    expect((props(got.body).provisioningErrors as Array<{ error: { code: string } }>)[0].error.code).toBe('BadRequest');
  });

  it('fails when the extension is there but not Succeeded (a failed install)', async () => {
    const aks = cluster(PROD, 'rg-ml-prod-eastus', 'aks', 'aks-fails-ha');
    const ext = `${aks}/providers/Microsoft.KubernetesConfiguration/extensions/azureml?api-version=2023-05-01`;
    const install = await armRequest(emu(), 'PUT', ext, {
      body: { properties: { extensionType: 'Microsoft.AzureML.Kubernetes', configurationSettings: { enableTraining: 'True', enableInference: 'True' } } },
    });
    expect(install.status).toBe(201);
    expect((await waitForStatus(String(install.headers['azure-asyncoperation']))).status).toBe('Failed');
    const put = await armRequest(emu(), 'PUT', `${PROD_WS}/computes/early?${V}`, { body: attachBody(aks) });
    const status = await waitForStatus(String(put.headers['azure-asyncoperation']));
    expect(status.status).toBe('Failed');
    expect(String(asRecord(status.error).message)).toMatch(/provisioning state 'Failed', not 'Succeeded'/);
  });

  it('refuses a cluster from another subscription at once (400, nothing created)', async () => {
    const put = await armRequest(emu(), 'PUT', `${PROD_WS}/computes/arc-cross?${V}`, { body: attachBody(ARC_INSTALLED) });
    expect(put.status).toBe(400);
    expect(asRecord(asRecord(put.body).error)).toMatchObject({ code: 'BadRequest' });
    expect(String(asRecord(asRecord(put.body).error).message)).toMatch(/not in the workspace's subscription.*connect it to Azure Arc/);
    expect((await armRequest(emu(), 'GET', `${PROD_WS}/computes/arc-cross?${V}`)).status).toBe(404);
  });

  it('refuses a name outside the service rule, another compute type and an unknown cluster', async () => {
    expect((await armRequest(emu(), 'PUT', `${PROD_WS}/computes/1bad?${V}`, { body: attachBody(AKS_INSTALLED) })).status).toBe(400);
    expect((await armRequest(emu(), 'PUT', `${PROD_WS}/computes/waytoolongname1234?${V}`, { body: attachBody(AKS_INSTALLED) })).status).toBe(400);
    const aml = await armRequest(emu(), 'PUT', `${PROD_WS}/computes/aml?${V}`, { body: { location: 'eastus', properties: { computeType: 'AmlCompute' } } });
    expect(aml.status).toBe(400);
    const unknown = await armRequest(emu(), 'PUT', `${PROD_WS}/computes/ghost?${V}`, { body: attachBody(cluster(PROD, 'rg-ml-prod-eastus', 'aks', 'ghost')) });
    expect(unknown.status).toBe(400);
  });

  it('answers 409 to a second write while the attach runs', async () => {
    const url = `${PROD_WS}/computes/busy?${V}`;
    expect((await armRequest(emu(), 'PUT', url, { body: attachBody(AKS_INSTALLED) })).status).toBe(201);
    expect((await armRequest(emu(), 'PUT', url, { body: attachBody(AKS_INSTALLED) })).status).toBe(409);
    expect((await armRequest(emu(), 'DELETE', `${url}&underlyingResourceAction=Detach`)).status).toBe(409);
  });
});

describe('computes: detach', () => {
  async function attached(name: string) {
    const put = await armRequest(emu(), 'PUT', `${PROD_WS}/computes/${name}?${V}`, { body: attachBody(AKS_INSTALLED) });
    await waitForStatus(String(put.headers['azure-asyncoperation']));
  }

  it('detaches (202, Azure-AsyncOperation and Location), removes only the compute, keeps the extension', async () => {
    await attached('gone');
    const del = await armRequest(emu(), 'DELETE', `${PROD_WS}/computes/gone?${V}&underlyingResourceAction=Detach`);
    expect(del.status).toBe(202);
    expect(await waitForStatus(String(del.headers['azure-asyncoperation']))).toEqual({ status: 'Succeeded' });
    expect((await armRequest(emu(), 'GET', String(del.headers.location))).status).toBe(204);
    expect((await armRequest(emu(), 'GET', `${PROD_WS}/computes/gone?${V}`)).status).toBe(404);
    const ext = await armRequest(emu(), 'GET', `${AKS_INSTALLED}/providers/Microsoft.KubernetesConfiguration/extensions/azureml?api-version=2023-05-01`);
    expect(props(ext.body).provisioningState).toBe('Succeeded');
    expect((await armRequest(emu(), 'DELETE', `${PROD_WS}/computes/gone?${V}&underlyingResourceAction=Detach`)).status).toBe(204);
  });

  it("requires underlyingResourceAction and takes only 'Detach' for an attached cluster", async () => {
    await attached('stay');
    expect((await armRequest(emu(), 'DELETE', `${PROD_WS}/computes/stay?${V}`)).status).toBe(400);
    expect((await armRequest(emu(), 'DELETE', `${PROD_WS}/computes/stay?${V}&underlyingResourceAction=Delete`)).status).toBe(400);
    expect((await armRequest(emu(), 'GET', `${PROD_WS}/computes/stay?${V}`)).status).toBe(200);
  });
});

describe('computes: RBAC', () => {
  it('lets the Contributor attach in Production and refuses him the Edge workspace (computes/write)', async () => {
    const token = await issueSandboxToken(emu(), 'contributor');
    const ok = await armRequest(emu(), 'PUT', `${PROD_WS}/computes/by-carlos?${V}`, { token, body: attachBody(AKS_INSTALLED) });
    expect(ok.status).toBe(201);
    const refused = await armRequest(emu(), 'PUT', `${EDGE_WS}/computes/by-carlos?${V}`, { token, body: attachBody(ARC_INSTALLED) });
    expect(refused.status).toBe(403);
    expect(String(asRecord(asRecord(refused.body).error).message)).toContain("'Microsoft.MachineLearningServices/workspaces/computes/write'");
  });

  it('lets the Reader read workspaces and refuses every attach', async () => {
    const token = await issueSandboxToken(emu(), 'reader');
    expect((await armRequest(emu(), 'GET', `${EDGE_WS}?${V}`, { token })).status).toBe(200);
    expect((await armRequest(emu(), 'PUT', `${PROD_WS}/computes/by-rita?${V}`, { token, body: attachBody(AKS_INSTALLED) })).status).toBe(403);
  });

  it("answers each user's effective permissions on a workspace, so preflight can read computes/write before any write", async () => {
    const granted = async (user: string) => {
      const token = await issueSandboxToken(emu(), user);
      const answer = await armRequest(emu(), 'GET', `${PROD_WS}/providers/Microsoft.Authorization/permissions?api-version=2022-04-01`, { token });
      expect(answer.status).toBe(200);
      return isActionGranted(asRecord(answer.body).value as PermissionEntry[], 'Microsoft.MachineLearningServices/workspaces/computes/write');
    };
    expect(await granted('contributor')).toBe(true);
    expect(await granted('reader')).toBe(false);
  });
});
