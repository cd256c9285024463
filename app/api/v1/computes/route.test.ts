/**
 * The attach API (issue 17 item 6) against an emulator of its own: POST /api/v1/computes for an
 * AKS and an Arc cluster (202), refused with the reason and NO ARM write (the attach PUTs counted
 * at lib/azure/computes.ts) for a cluster in another subscription, an extension not Succeeded yet,
 * a name taken, the Contributor on mlw-edge-eastus; 422 field errors; 401; Idempotency-Key;
 * GET ?clusterId=, GET status, DELETE ?id= (detach, then 404).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import * as computes from '@/lib/azure/computes';
import { beginCreateExtension } from '@/lib/azure/extensions';
import { AccessTokenCredential } from '@/lib/auth/token-credential';
import { startEmulator, type Emulator } from '@/lib/sandbox/emulator';
import { SANDBOX_TOKEN } from '@/lib/sandbox/runtime';
import { EDGE_SUBSCRIPTION_ID as EDGE, PRODUCTION_SUBSCRIPTION_ID as PROD } from '@/lib/sandbox/world';
import { setContractEmulator } from '@/test/contract/current-emulator';
import { sandboxUserToken } from '@/test/contract/sandbox-users';
import { TRAINING_ONLY } from '@/test/helpers/sandbox-env';

import { GET as STATUS } from './status/route';
import { DELETE, GET, POST } from './route';

vi.mock('@/lib/sandbox/runtime', async (importOriginal) => (await import('@/test/contract/current-emulator')).runtimeOnContractEmulator(importOriginal));
vi.mock('@/lib/azure/computes', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/azure/computes')>();
  return { ...actual, beginAttachCompute: vi.fn(actual.beginAttachCompute) };
});

const WS = `/subscriptions/${PROD}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.MachineLearningServices/workspaces/mlw-prod-eastus`;
const WS_WE = `/subscriptions/${PROD}/resourceGroups/rg-ml-prod-westeurope/providers/Microsoft.MachineLearningServices/workspaces/mlw-prod-westeurope`;
const EDGE_WS = `/subscriptions/${EDGE}/resourceGroups/rg-edge-stores/providers/Microsoft.MachineLearningServices/workspaces/mlw-edge-eastus`;
const AKS = `/subscriptions/${PROD}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/aks-prod-eastus`;
const AKS_BARE = `/subscriptions/${PROD}/resourceGroups/rg-ml-prod-westeurope/providers/Microsoft.ContainerService/managedClusters/aks-prod-westeurope`;
const ARC = `/subscriptions/${EDGE}/resourceGroups/rg-edge-stores/providers/Microsoft.Kubernetes/connectedClusters/arc-k3s-edge`;
const URL = 'http://localhost/api/v1/computes';
const JSON_AUTH = { authorization: `Bearer ${SANDBOX_TOKEN}`, 'content-type': 'application/json' };

let emulator: Emulator;
beforeAll(async () => {
  vi.stubEnv('AZURE_TENANT_ID', '');
  vi.stubEnv('AZURE_CLIENT_ID', '');
  emulator = await startEmulator({ provisioningMs: 1_500 });
  setContractEmulator(emulator);
});
afterAll(async () => {
  setContractEmulator(undefined);
  await emulator.close();
  vi.unstubAllEnvs();
});

const writes = () => vi.mocked(computes.beginAttachCompute).mock.calls.length;
const post = (body: unknown, headers: Record<string, string> = JSON_AUTH) => POST(new Request(URL, { method: 'POST', headers, body: JSON.stringify(body) }));
const status = (id: string) => STATUS(new Request(`${URL}/status?id=${encodeURIComponent(id)}`, { headers: JSON_AUTH }));

async function succeeded(id: string) {
  await vi.waitFor(
    async () => {
      const body = (await (await status(id)).json()) as { provisioningState: string };
      expect(body.provisioningState).toBe('Succeeded');
    },
    { timeout: 8_000, interval: 100 },
  );
}

describe('POST /api/v1/computes', () => {
  it('answers 401 without a credential and 422 with field errors keyed by path, writing nothing', async () => {
    const before = writes();
    expect((await post({ clusterId: AKS, workspaceId: WS, name: 'aks-a' }, { 'content-type': 'application/json' })).status).toBe(401);
    const invalid = await post({ clusterId: AKS, workspaceId: WS, name: '1', namespace: 'Not_OK' });
    expect(invalid.status).toBe(422);
    expect(((await invalid.json()) as { errors: Array<{ key: string }> }).errors.map((e) => e.key).sort()).toEqual(['name', 'namespace']);
    expect(writes()).toBe(before);
  });

  it('attaches an AKS cluster (202), lists it for the cluster, reads it Succeeded; a second attach of the name is 409 with no write; detach', async () => {
    const response = await post({ clusterId: AKS, workspaceId: WS, name: 'aks-api' }, { ...JSON_AUTH, 'idempotency-key': 'attach-aks-api-1' });
    expect(response.status).toBe(202);
    const { id, statusUrl } = (await response.json()) as { id: string; statusUrl: string };
    expect(id).toBe(`${WS}/computes/aks-api`);
    expect(statusUrl).toBe(`/api/v1/computes/status?id=${encodeURIComponent(id)}`);
    const afterFirst = writes();
    // The same key and body: the first answer, no second PUT.
    const repeat = await post({ clusterId: AKS, workspaceId: WS, name: 'aks-api' }, { ...JSON_AUTH, 'idempotency-key': 'attach-aks-api-1' });
    expect(repeat.status).toBe(202);
    expect(writes()).toBe(afterFirst);

    await succeeded(id);
    const listed = (await (await GET(new Request(`${URL}?clusterId=${encodeURIComponent(AKS)}`, { headers: JSON_AUTH }))).json()) as { value: Array<{ id: string; workspaceName: string }> };
    expect(listed.value).toEqual(expect.arrayContaining([expect.objectContaining({ id, workspaceName: 'mlw-prod-eastus', provisioningState: 'Succeeded' })]));

    const taken = await post({ clusterId: AKS, workspaceId: WS, name: 'AKS-API' });
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as { findings: Array<{ code: string }> }).findings.map((f) => f.code)).toContain('compute-name-taken');
    expect(writes()).toBe(afterFirst);

    const detached = await DELETE(new Request(`${URL}?id=${encodeURIComponent(id)}`, { method: 'DELETE', headers: JSON_AUTH }));
    expect(detached.status).toBe(202);
    await vi.waitFor(async () => expect((await status(id)).status).toBe(404), { timeout: 8_000, interval: 100 });
  });

  it('attaches an Arc cluster in its own subscription (202)', async () => {
    const response = await post({ clusterId: ARC, workspaceId: EDGE_WS, name: 'arc-api', workloads: ['training'] });
    expect(response.status).toBe(202);
  });

  it('refuses a cluster from another subscription: 409 with the reason and the Arc remedy, no ARM write', async () => {
    const before = writes();
    const response = await post({ clusterId: AKS, workspaceId: EDGE_WS, name: 'aks-cross' });
    expect(response.status).toBe(409);
    const { findings } = (await response.json()) as { findings: Array<{ code: string; message: string; fix: string }> };
    const cross = findings.find((f) => f.code === 'cross-subscription');
    expect(cross?.message).toContain('cannot attach a cluster from another subscription');
    expect(cross?.fix).toContain('az connectedk8s connect');
    expect(writes()).toBe(before);
  });

  it('refuses an attach before the extension Succeeded: 409, no ARM write', async () => {
    await beginCreateExtension(new AccessTokenCredential(SANDBOX_TOKEN), AKS_BARE, 'azureml', TRAINING_ONLY);
    const before = writes();
    const response = await post({ clusterId: AKS_BARE, workspaceId: WS_WE, name: 'aks-early' });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { findings: Array<{ code: string }> }).findings.map((f) => f.code)).toContain('extension-not-succeeded');
    expect(writes()).toBe(before);
  });

  it('refuses the Contributor on mlw-edge-eastus (no role in that subscription): 403, no ARM write', async () => {
    const token = await sandboxUserToken(emulator, 'contributor');
    const before = writes();
    const response = await post({ clusterId: ARC, workspaceId: EDGE_WS, name: 'arc-carlos' }, { authorization: `Bearer ${token}`, 'content-type': 'application/json' });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('AuthorizationFailed');
    expect(writes()).toBe(before);
  });
});

describe('GET and DELETE /api/v1/computes, GET status', () => {
  it('answer 400 for a bad id', async () => {
    expect((await GET(new Request(`${URL}?clusterId=nope`, { headers: JSON_AUTH }))).status).toBe(400);
    expect((await DELETE(new Request(`${URL}?id=${encodeURIComponent(WS)}`, { method: 'DELETE', headers: JSON_AUTH }))).status).toBe(400);
    expect((await status(AKS)).status).toBe(400);
  });
});
