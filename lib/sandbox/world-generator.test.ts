/** Generated fleet worlds, served by a real emulator: Resource Graph `$top` paging, request stats. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { AZUREML_EXTENSIONS_QUERY } from '@/lib/domain/fleet-query';

import { startEmulator, type Emulator } from './emulator';
import { GRAPH_MAX_PAGE_SIZE, GRAPH_PAGE_SIZE } from './routes/resource-graph';
import { armRequest, asRecord } from './test-client';
import { ARC_EVERY_NTH_CLUSTER, generatedSubscriptionId, generateFleetWorld, worldFromEnvironment } from './world-generator';

describe('generateFleetWorld', () => {
  it('deals one extension per cluster round-robin over the subscriptions, AKS and Arc', () => {
    const world = generateFleetWorld({ subscriptions: 10, extensions: 1000 });
    expect(world.subscriptions).toHaveLength(10);
    expect(world.clusters).toHaveLength(1000);
    expect(world.extensions).toHaveLength(1000);
    expect(new Set(world.clusters.map((c) => c.name)).size).toBe(1000);
    const perSubscription = world.subscriptions.map((s) => world.clusters.filter((c) => c.subscriptionId === s.subscriptionId).length);
    expect(perSubscription).toEqual(Array(10).fill(100));
    expect(world.clusters.filter((c) => c.kind === 'connectedClusters')).toHaveLength(1000 / ARC_EVERY_NTH_CLUSTER);
    expect(world.clusters.every((c) => world.subscriptions.find((s) => s.subscriptionId === c.subscriptionId)?.resourceGroups.some((rg) => rg.name === c.resourceGroup))).toBe(true);
  });

  it('is deterministic and refuses silly sizes', () => {
    expect(generateFleetWorld({ subscriptions: 2, extensions: 3 })).toEqual(generateFleetWorld({ subscriptions: 2, extensions: 3 }));
    expect(() => generateFleetWorld({ subscriptions: 0, extensions: 3 })).toThrow(/subscriptions/);
    expect(() => generateFleetWorld({ subscriptions: 1, extensions: 1.5 })).toThrow(/extensions/);
  });

  it('reads SANDBOX_WORLD: blank is the seeded world, fleet:S:E a generated one, anything else an error', () => {
    expect(worldFromEnvironment(undefined)).toBeUndefined();
    expect(worldFromEnvironment('  ')).toBeUndefined();
    expect(worldFromEnvironment('fleet:3:7')?.extensions).toHaveLength(7);
    expect(() => worldFromEnvironment('fleet:3')).toThrow(/fleet:<subscriptions>:<extensions>/);
  });
});

describe('an emulator serving a generated fleet', () => {
  let emu: Emulator;
  const query = (options?: Record<string, unknown>) =>
    armRequest(emu, 'POST', '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01', {
      body: { query: AZUREML_EXTENSIONS_QUERY, subscriptions: Array.from({ length: 10 }, (_, i) => generatedSubscriptionId(i)), ...(options ? { options } : {}) },
    });

  beforeAll(async () => {
    emu = await startEmulator({ provisioningMs: 200, world: generateFleetWorld({ subscriptions: 10, extensions: 1200 }) });
  });
  afterAll(async () => {
    await emu.close();
  });

  it('answers up to 1000 rows a page when $top asks, and keeps the small page without $top', async () => {
    const big = asRecord((await query({ $top: 5000 })).body);
    expect(big).toMatchObject({ totalRecords: 1200, count: GRAPH_MAX_PAGE_SIZE });
    const rest = asRecord((await query({ $top: 1000, $skipToken: big.$skipToken })).body);
    expect(rest.count).toBe(200);
    expect(rest.$skipToken).toBeUndefined();
    const small = asRecord((await query()).body);
    expect(small.count).toBe(GRAPH_PAGE_SIZE);
  });

  it('counts answered ARM requests by method, surface and status, and resets', async () => {
    await armRequest(emu, 'POST', '/_sandbox/stats/reset');
    await query({ $top: 10 });
    await armRequest(emu, 'GET', '/subscriptions?api-version=2022-12-01');
    await armRequest(emu, 'GET', '/subscriptions?api-version=2022-12-01', { token: null });
    const stats = asRecord((await armRequest(emu, 'GET', '/_sandbox/stats')).body);
    expect(stats).toMatchObject({ armRequests: 3, armReads: 2, armWritesAccepted: 0 });
    expect(stats.counts).toEqual(
      expect.arrayContaining([
        { method: 'POST', surface: 'resource-graph', status: 200, count: 1 },
        { method: 'GET', surface: 'subscriptions', status: 200, count: 1 },
        { method: 'GET', surface: 'subscriptions', status: 401, count: 1 },
      ]),
    );
    await armRequest(emu, 'POST', '/_sandbox/stats/reset');
    expect(emu.stats.snapshot().armRequests).toBe(0);
  });
});
