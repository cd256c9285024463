/** Core wire protocol: auth, TLS trust, case-insensitive routes, paging, providers, admin routes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './emulator';
import { armRequest, asRecord, pollUntil } from './test-client';
import { PRODUCTION_SUBSCRIPTION_ID as PROD, RESEARCH_SUBSCRIPTION_ID as RESEARCH, SEEDED_WORLD } from './world';

/** The subscription list at the version @azure/arm-resources-subscriptions sends. */
const SUBSCRIPTIONS = '/subscriptions?api-version=2022-12-01';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ provisioningMs: 200 });
});
afterAll(async () => {
  await emu.close();
});

describe('emulator core', () => {
  it('listens on 127.0.0.1 over HTTPS with a certificate the returned CA trusts', async () => {
    expect(emu.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(emu.ca).toContain('BEGIN CERTIFICATE');
    await expect(armRequest({ endpoint: emu.endpoint, ca: '' }, 'GET', SUBSCRIPTIONS)).rejects.toThrow();
    const port = new URL(emu.endpoint).port;
    expect((await armRequest(emu, 'GET', `https://localhost:${port}${SUBSCRIPTIONS}`)).status).toBe(200);
  });

  it('answers 401 AuthenticationFailed with WWW-Authenticate without a bearer token', async () => {
    const variants: Record<string, string>[] = [{}, { Authorization: 'Basic abc' }, { Authorization: 'Bearer ' }];
    for (const headers of variants) {
      const r = await armRequest(emu, 'GET', SUBSCRIPTIONS, { token: null, headers });
      expect(r.status).toBe(401);
      expect(asRecord(asRecord(r.body).error).code).toBe('AuthenticationFailed');
      expect(r.headers['www-authenticate']).toMatch(/^Bearer/);
    }
    expect((await armRequest(emu, 'GET', SUBSCRIPTIONS, { token: 'anything' })).status).toBe(200);
  });

  it('matches routes case-insensitively', async () => {
    const a = await armRequest(emu, 'GET', `/subscriptions/${PROD}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/aks-prod-eastus?api-version=2026-04-01`);
    const b = await armRequest(emu, 'GET', `/SUBSCRIPTIONS/${PROD}/resourcegroups/RG-ML-PROD-EASTUS/providers/microsoft.containerservice/MANAGEDCLUSTERS/AKS-PROD-EASTUS?api-version=2026-04-01`);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(asRecord(b.body).id).toBe(asRecord(a.body).id);
    expect(a.headers['x-ms-request-id']).toBeTruthy();
  });

  it('pages lists with an absolute nextLink on its own origin', async () => {
    const first = await armRequest(emu, 'GET', `/subscriptions/${PROD}/providers/Microsoft.ContainerService/managedClusters?api-version=2026-04-01`);
    const page = asRecord(first.body);
    expect((page.value as unknown[]).length).toBe(5);
    const next = String(page.nextLink);
    expect(next.startsWith(`${emu.endpoint}/`)).toBe(true);
    expect(next).toContain('api-version=2026-04-01');
    const names = new Set<string>();
    let url: string | undefined = next;
    for (const c of page.value as { name: string }[]) names.add(c.name);
    while (url) {
      const body = asRecord((await armRequest(emu, 'GET', url)).body);
      for (const c of body.value as { name: string }[]) names.add(c.name);
      url = body.nextLink as string | undefined;
    }
    expect(names.size).toBe(SEEDED_WORLD.clusters.filter((c) => c.kind === 'managedClusters' && c.subscriptionId === PROD).length);
    expect(names.size).toBeGreaterThan(10);
  });

  it('registers a provider: Registering, then Registered', async () => {
    const path = `/subscriptions/${RESEARCH}/providers/Microsoft.Relay`;
    const get = `${path}?api-version=2025-04-01`;
    expect(asRecord((await armRequest(emu, 'GET', get)).body).registrationState).toBe('NotRegistered');
    const reg = await armRequest(emu, 'POST', `${path}/register?api-version=2025-04-01`);
    expect(reg.status).toBe(200);
    expect(asRecord(reg.body).registrationState).toBe('Registering');
    const done = await pollUntil(
      async () => asRecord((await armRequest(emu, 'GET', get)).body).registrationState,
      (s) => s === 'Registered',
    );
    expect(done).toBe('Registered');
  });

  it('answers 404 InvalidResourceNamespace for unknown providers and ARM errors for unknown routes', async () => {
    const r = await armRequest(emu, 'GET', `/subscriptions/${PROD}/providers/Microsoft.Compute?api-version=2025-04-01`);
    expect(r.status).toBe(404);
    expect(asRecord(asRecord(r.body).error).code).toBe('InvalidResourceNamespace');
    const u = await armRequest(emu, 'GET', '/nothing/here?api-version=2025-04-01');
    expect(u.status).toBe(404);
    expect(asRecord(asRecord(u.body).error).code).toBeTruthy();
  });

  it('describes AKS preflight facts the way ARM does', async () => {
    const get = async (rg: string, name: string) =>
      asRecord(asRecord((await armRequest(emu, 'GET', `/subscriptions/${PROD}/resourceGroups/${rg}/providers/Microsoft.ContainerService/managedClusters/${name}?api-version=2026-04-01`)).body).properties);
    expect(asRecord((await get('rg-ml-prod-eastus', 'aks-local-accounts-disabled'))).disableLocalAccounts).toBe(true);
    expect(asRecord((await get('rg-ml-prod-eastus', 'aks-prod-eastus')).servicePrincipalProfile).clientId).toBe('msi');
    expect(asRecord((await get('rg-ml-prod-westeurope', 'aks-authorized-ip-ranges')).apiServerAccessProfile).authorizedIPRanges).toHaveLength(2);
    const gpu = (await get('rg-ml-prod-eastus', 'aks-gpu-nc')).agentPoolProfiles as { vmSize: string }[];
    expect(gpu.map((p) => p.vmSize)).toContain('Standard_NC6s_v3');
  });

  it('lets tests select a scenario and reset the world without a token', async () => {
    const bad = await armRequest(emu, 'PUT', '/_sandbox/clusters/aks-two-nodes/scenario', { token: null, body: { scenario: 'nope' } });
    expect(bad.status).toBe(400);
    const set = await armRequest(emu, 'PUT', '/_sandbox/clusters/aks-two-nodes/scenario', { token: null, body: { scenario: 'slow-arm' } });
    expect(asRecord(set.body).scenario).toBe('slow-arm');
    expect((await armRequest(emu, 'POST', '/_sandbox/reset', { token: null })).status).toBe(204);
    const list = asRecord((await armRequest(emu, 'GET', '/_sandbox/clusters', { token: null })).body).value as { name: string; scenario: string | null }[];
    expect(list.find((c) => c.name === 'aks-two-nodes')?.scenario).toBeNull();
  });
});
