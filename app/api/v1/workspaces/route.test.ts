/** GET /api/v1/workspaces?clusterId= against an emulator of its own: the workspaces of the cluster's subscription, 400, 401. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { startEmulator, type Emulator } from '@/lib/sandbox/emulator';
import { SANDBOX_TOKEN } from '@/lib/sandbox/runtime';
import { EDGE_SUBSCRIPTION_ID as EDGE, PRODUCTION_SUBSCRIPTION_ID as PROD } from '@/lib/sandbox/world';
import { setContractEmulator } from '@/test/contract/current-emulator';

import { GET } from './route';

vi.mock('@/lib/sandbox/runtime', async (importOriginal) => (await import('@/test/contract/current-emulator')).runtimeOnContractEmulator(importOriginal));

const AKS = `/subscriptions/${PROD}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/aks-prod-eastus`;
const ARC = `/subscriptions/${EDGE}/resourceGroups/rg-edge-stores/providers/Microsoft.Kubernetes/connectedClusters/arc-k3s-edge`;
const get = (clusterId: string, headers: Record<string, string> = { authorization: `Bearer ${SANDBOX_TOKEN}` }) =>
  GET(new Request(`http://localhost/api/v1/workspaces?clusterId=${encodeURIComponent(clusterId)}`, { headers }));

let emulator: Emulator;
beforeAll(async () => {
  vi.stubEnv('AZURE_TENANT_ID', '');
  vi.stubEnv('AZURE_CLIENT_ID', '');
  emulator = await startEmulator({ provisioningMs: 150 });
  setContractEmulator(emulator);
});
afterAll(async () => {
  setContractEmulator(undefined);
  await emulator.close();
  vi.unstubAllEnvs();
});

describe('GET /api/v1/workspaces', () => {
  it("answers the workspaces of the cluster's subscription as { id, name, location, resourceGroup }", async () => {
    const response = await get(AKS);
    expect(response.status).toBe(200);
    const { value } = (await response.json()) as { value: Array<Record<string, string>> };
    expect(value).toEqual(
      expect.arrayContaining([
        {
          id: `/subscriptions/${PROD}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.MachineLearningServices/workspaces/mlw-prod-eastus`,
          name: 'mlw-prod-eastus',
          location: 'eastus',
          resourceGroup: 'rg-ml-prod-eastus',
        },
      ]),
    );
    expect(value.map((w) => w.name)).not.toContain('mlw-edge-eastus');
    const edge = (await (await get(ARC)).json()) as { value: Array<{ name: string }> };
    expect(edge.value.map((w) => w.name)).toEqual(['mlw-edge-eastus']);
  });

  it('answers 400 without a cluster id and 401 without a credential', async () => {
    expect((await get('nope')).status).toBe(400);
    expect((await get(AKS, {})).status).toBe(401);
  });
});
