/**
 * Microsoft.Relay as relay.json (2017-04-01) says (issue 16, row 6): the provider's errors are a
 * top-level `{ code, message }`, and namespace PUT is long-running (201 Created, then Succeeded).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './emulator';
import { NAMESPACE_PROVISIONING_SHARE } from './routes/relay';
import { armRequest, asRecord, pollUntil } from './test-client';
import { EDGE_SUBSCRIPTION_ID as EDGE, RESEARCH_SUBSCRIPTION_ID as RESEARCH } from './world';

const PROVISIONING_MS = 400;
const API = 'api-version=2017-04-01';
const namespaces = (sub = EDGE, rg = 'rg-edge-factory') => `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.Relay/namespaces`;
const at = (path: string) => `${path}?${API}`;

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ provisioningMs: PROVISIONING_MS });
});
afterAll(async () => {
  await emu.close();
});

const provisioningState = (body: unknown) => asRecord(asRecord(body).properties).provisioningState;

describe('Microsoft.Relay 2017-04-01', () => {
  it('answers its 404s with a top-level { code, message }, as its ErrorResponse defines', async () => {
    const ns = `${namespaces()}/relay-missing`;
    for (const path of [ns, `${ns}/hybridConnections/hc`, `${ns}/authorizationRules/rule`]) {
      const r = await armRequest(emu, 'GET', at(path));
      expect(r.status, path).toBe(404);
      expect(Object.keys(asRecord(r.body)).sort()).toEqual(['code', 'message']);
      expect(asRecord(r.body).code).toBe('ResourceNotFound');
    }
  });

  it('answers a bad rule body with a top-level 400', async () => {
    const seeded = asRecord((await armRequest(emu, 'GET', at(namespaces(EDGE, 'rg-edge-stores')))).body).value as Array<{ name: string }>;
    const r = await armRequest(emu, 'PUT', at(`${namespaces(EDGE, 'rg-edge-stores')}/${seeded[0].name}/authorizationRules/bad`), {
      body: { properties: { rights: ['Everything'] } },
    });
    expect(r.status).toBe(400);
    expect(asRecord(r.body)).toEqual({ code: 'InvalidRequestContent', message: expect.any(String) });
  });

  it('keeps ARM envelope for what ARM refuses before the provider: registration, resource group', async () => {
    const unregistered = await armRequest(emu, 'PUT', at(`${namespaces(RESEARCH, 'rg-research')}/relay-r`), { body: { location: 'eastus2' } });
    expect(unregistered.status).toBe(409);
    expect(asRecord(asRecord(unregistered.body).error).code).toBe('MissingSubscriptionRegistration');
    const noGroup = await armRequest(emu, 'GET', at(`${namespaces(EDGE, 'rg-nowhere')}/relay-x`));
    expect(noGroup.status).toBe(404);
    expect(asRecord(asRecord(noGroup.body).error).code).toBe('ResourceGroupNotFound');
  });

  it('creates a namespace as a long-running PUT: 201 Created, 409 on writes under it, then Succeeded', async () => {
    const ns = `${namespaces()}/relay-lro`;
    const put = await armRequest(emu, 'PUT', at(ns), { body: { location: 'westeurope', sku: { name: 'Standard', tier: 'Standard' } } });
    expect(put.status).toBe(201);
    expect(provisioningState(put.body)).toBe('Created');
    // No async header: the spec's LRO is followed by GETting the resource (the SDK's "body" mode).
    expect(put.headers['azure-asyncoperation']).toBeUndefined();
    expect(put.headers.location).toBeUndefined();
    expect(provisioningState((await armRequest(emu, 'GET', at(ns))).body)).toBe('Created');

    const early = await armRequest(emu, 'PUT', at(`${ns}/hybridConnections/hc`), { body: { properties: { requiresClientAuthorization: true } } });
    expect(early.status).toBe(409);
    expect(asRecord(early.body).code).toBe('Conflict');

    const again = await armRequest(emu, 'PUT', at(ns), { body: { location: 'westeurope' } });
    expect(again.status).toBe(200);
    expect(provisioningState(again.body)).toBe('Created');

    const done = await pollUntil(
      async () => provisioningState((await armRequest(emu, 'GET', at(ns))).body),
      (s) => s === 'Succeeded',
      PROVISIONING_MS * NAMESPACE_PROVISIONING_SHARE * 10,
    );
    expect(done).toBe('Succeeded');
    expect((await armRequest(emu, 'PUT', at(`${ns}/hybridConnections/hc`), { body: { properties: {} } })).status).toBe(200);
  });
});
