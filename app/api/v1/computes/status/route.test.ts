/** GET /api/v1/computes/status?id= against an emulator of its own: a compute's state and errors explained, in the caller's language; 400, 401, 404. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { AccessTokenCredential } from '@/lib/auth/token-credential';
import { beginAttachCompute } from '@/lib/azure/computes';
import { startEmulator, type Emulator } from '@/lib/sandbox/emulator';
import { SANDBOX_TOKEN } from '@/lib/sandbox/runtime';
import { PRODUCTION_SUBSCRIPTION_ID as PROD } from '@/lib/sandbox/world';
import { setContractEmulator } from '@/test/contract/current-emulator';

import { GET } from './route';

vi.mock('@/lib/sandbox/runtime', async (importOriginal) => (await import('@/test/contract/current-emulator')).runtimeOnContractEmulator(importOriginal));

const WS_WE = `/subscriptions/${PROD}/resourceGroups/rg-ml-prod-westeurope/providers/Microsoft.MachineLearningServices/workspaces/mlw-prod-westeurope`;
const AKS_BARE = `/subscriptions/${PROD}/resourceGroups/rg-ml-prod-westeurope/providers/Microsoft.ContainerService/managedClusters/aks-prod-westeurope`;
const AUTH = { authorization: `Bearer ${SANDBOX_TOKEN}` };
const get = (id: string, headers: Record<string, string> = AUTH) => GET(new Request(`http://localhost/api/v1/computes/status?id=${encodeURIComponent(id)}`, { headers }));

let emulator: Emulator;
beforeAll(async () => {
  vi.stubEnv('AZURE_TENANT_ID', '');
  vi.stubEnv('AZURE_CLIENT_ID', '');
  emulator = await startEmulator({ provisioningMs: 100 });
  setContractEmulator(emulator);
});
afterAll(async () => {
  setContractEmulator(undefined);
  await emulator.close();
  vi.unstubAllEnvs();
});

describe('GET /api/v1/computes/status', () => {
  it('reads a failed attach (the cluster has no Azure ML extension) as terminal, with the service error and what to do, in pt-BR too', async () => {
    // Written straight through lib/azure (the service's preflight would refuse it): the emulator then fails it.
    await beginAttachCompute(new AccessTokenCredential(SANDBOX_TOKEN), WS_WE, 'bare', {
      location: 'westeurope',
      properties: { computeType: 'Kubernetes', resourceId: AKS_BARE, properties: { namespace: 'default' } },
    });
    const id = `${WS_WE}/computes/bare`;
    let body: { provisioningState: string; terminal: boolean; errors: Array<{ code: string; message: string; fix?: string }> } | undefined;
    await vi.waitFor(
      async () => {
        body = (await (await get(id)).json()) as typeof body;
        expect(body?.terminal).toBe(true);
      },
      { timeout: 5_000, interval: 50 },
    );
    expect(body).toMatchObject({ provisioningState: 'Failed', terminal: true, name: 'bare', workspaceName: 'mlw-prod-westeurope', namespace: 'default' });
    expect(body?.errors[0]?.code).toBeTruthy();
    expect(body?.errors[0]?.fix).toContain('detach this compute');
    const portuguese = (await (await get(id, { ...AUTH, 'accept-language': 'pt-BR' })).json()) as typeof body;
    expect(portuguese?.errors[0]?.fix).toContain('desanexe esta computação');
  });

  it('answers 404 for a compute that is not there, 400 for a bad id, 401 without a credential', async () => {
    expect((await get(`${WS_WE}/computes/none`)).status).toBe(404);
    expect((await get(WS_WE)).status).toBe(400);
    expect((await get(`${WS_WE}/computes/none`, {})).status).toBe(401);
  });
});
