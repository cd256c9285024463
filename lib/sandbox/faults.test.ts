/** Request-level faults: throttling storms and slow ARM on one cluster's URLs only. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './emulator';
import { THROTTLE_EVERY_NTH_REQUEST } from './faults';
import { armRequest, asRecord } from './test-client';
import { PRODUCTION_SUBSCRIPTION_ID as PROD } from './world';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ provisioningMs: 200 });
});
afterAll(async () => {
  await emu.close();
});

const cluster = (name: string) => `/subscriptions/${PROD}/resourceGroups/rg-ml-platform/providers/Microsoft.ContainerService/managedClusters/${name}`;

describe('faults', () => {
  it('answers every Nth request to a throttled cluster with 429 TooManyRequests and Retry-After', async () => {
    const statuses: number[] = [];
    let throttled: Awaited<ReturnType<typeof armRequest>> | undefined;
    for (let i = 0; i < THROTTLE_EVERY_NTH_REQUEST * 2; i++) {
      const r = await armRequest(emu, 'GET', `${cluster('aks-throttled')}/providers/Microsoft.KubernetesConfiguration/extensions?api-version=2023-05-01`);
      statuses.push(r.status);
      if (r.status === 429) throttled = r;
    }
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    expect(throttled?.headers['retry-after']).toBe('1');
    expect(asRecord(asRecord(throttled?.body).error).code).toBe('TooManyRequests');
    // Other clusters are unaffected.
    for (let i = 0; i < THROTTLE_EVERY_NTH_REQUEST; i++) {
      expect((await armRequest(emu, 'GET', `/subscriptions/${PROD}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/aks-two-nodes?api-version=2026-04-01`)).status).toBe(200);
    }
  });

  it.each(['GET', 'PUT'])('answers every %s under arm-throttling-storm with 429 and Retry-After in seconds, as ARM does', async (method) => {
    const set = await armRequest(emu, 'PUT', '/_sandbox/clusters/aks-two-nodes/scenario', { token: null, body: { scenario: 'arm-throttling-storm' } });
    expect(set.status).toBeLessThan(300);
    try {
      const path = `/subscriptions/${PROD}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/aks-two-nodes/providers/Microsoft.KubernetesConfiguration/extensions/azureml?api-version=2023-05-01`;
      for (let i = 0; i < 3; i++) {
        const r = await armRequest(emu, method, path, method === 'PUT' ? { body: { properties: { extensionType: 'Microsoft.AzureML.Kubernetes' } } } : {});
        expect(r.status).toBe(429);
        expect(r.headers['retry-after']).toMatch(/^[1-9]\d*$/);
        expect(asRecord(asRecord(r.body).error).code).toBe('TooManyRequests');
      }
    } finally {
      await armRequest(emu, 'PUT', '/_sandbox/clusters/aks-two-nodes/scenario', { token: null, body: { scenario: null } });
    }
  });

  it('adds latency to a slow-arm cluster only', async () => {
    const t0 = Date.now();
    expect((await armRequest(emu, 'GET', `${cluster('aks-slow-arm')}?api-version=2026-04-01`)).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1400);
    const t1 = Date.now();
    await armRequest(emu, 'GET', `/subscriptions/${PROD}?api-version=2022-12-01`);
    expect(Date.now() - t1).toBeLessThan(1000);
  });
});
