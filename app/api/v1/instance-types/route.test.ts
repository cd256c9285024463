import { beforeAll, describe, expect, it, vi } from 'vitest';

import { PROD_SUBSCRIPTION } from '@/lib/domain/fixtures/seed-scenarios';
import { ensureSandbox } from '@/lib/sandbox/runtime';
import { sandboxUserToken } from '@/test/contract/sandbox-users';

import { DELETE, GET, PUT } from './route';

vi.stubEnv('AZURE_TENANT_ID', '');
vi.stubEnv('AZURE_CLIENT_ID', '');

const AKS = `/subscriptions/${PROD_SUBSCRIPTION}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/aks-prod-eastus`;
const BARE = `/subscriptions/${PROD_SUBSCRIPTION}/resourceGroups/rg-ml-prod-westeurope/providers/Microsoft.ContainerService/managedClusters/aks-prod-westeurope`;
const AUTH = { authorization: 'Bearer x', 'content-type': 'application/json' };
const url = (query: Record<string, string>) => `http://localhost/api/v1/instance-types?${new URLSearchParams(query)}`;
const cpuType = { resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } } };

let readerToken: string;

beforeAll(async () => {
  readerToken = await sandboxUserToken(await ensureSandbox(), 'reader');
});

const get = (clusterId: string, headers: Record<string, string> = AUTH) => GET(new Request(url({ clusterId }), { headers }));
const put = (clusterId: string, name: string, body: unknown, headers: Record<string, string> = AUTH) =>
  PUT(new Request(url({ clusterId, name }), { method: 'PUT', headers, body: typeof body === 'string' ? body : JSON.stringify(body) }));
const del = (clusterId: string, name: string, headers: Record<string, string> = AUTH) => DELETE(new Request(url({ clusterId, name }), { method: 'DELETE', headers }));

describe('/api/v1/instance-types', () => {
  it('answers 401 without credentials and 400 without clusterId or name', async () => {
    expect((await get(AKS, {})).status).toBe(401);
    expect((await GET(new Request('http://localhost/api/v1/instance-types', { headers: AUTH }))).status).toBe(400);
    expect((await PUT(new Request(url({ clusterId: AKS }), { method: 'PUT', headers: AUTH, body: JSON.stringify(cpuType) }))).status).toBe(400);
    expect((await put(AKS, 'x', '{')).status).toBe(400);
  });

  it('lists with the default marked, the GPU offer and how it was read', async () => {
    const response = await get(AKS);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ via: 'runCommand', writable: true, gpuOffer: { offer: false }, value: [expect.objectContaining({ name: 'defaultinstancetype', isDefault: true })] });
  });

  it('says why it cannot write where the extension is not installed, in the reader\'s language', async () => {
    const body = (await (await get(BARE, { ...AUTH, 'accept-language': 'pt-BR' })).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ writable: false, value: [], reason: expect.stringContaining('não está instalada') });
  });

  it('PUT answers 422 with field errors, then 200 with the row; DELETE 204, then 404', async () => {
    const bad = await put(AKS, 'api-small', { resources: { requests: { cpu: 'lots', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } } });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: Array<{ key: string }> }).errors.map((e) => e.key)).toEqual(['resources.requests.cpu']);
    const ok = await put(AKS, 'api-small', cpuType);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ instanceType: expect.objectContaining({ name: 'api-small', requests: { cpu: '500m', memory: '1Gi' } }) });
    expect(((await (await get(AKS)).json()) as { value: Array<{ name: string }> }).value.map((r) => r.name)).toContain('api-small');
    expect((await del(AKS, 'api-small')).status).toBe(204);
    const gone = await del(AKS, 'api-small');
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ error: { code: 'ResourceNotFound' } });
  });

  it('answers 409 where the cluster has no InstanceType CRD, and 403 for a Reader (no runCommand right)', async () => {
    const noCrd = await put(BARE, 'api-small', cpuType);
    expect(noCrd.status).toBe(409);
    expect(await noCrd.json()).toMatchObject({ error: { code: 'Conflict' } });
    expect((await put(AKS, 'by-rita', cpuType, { ...AUTH, authorization: `Bearer ${readerToken}` })).status).toBe(403);
  });
});
