/** Resource Graph: only the portal's query, subscription filter, $top/$skipToken paging. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AZUREML_EXTENSIONS_QUERY, FLEET_QUERY_COLUMNS } from '@/lib/domain/fleet-query';
import { startEmulator, type Emulator } from './emulator';
import { armRequest, asRecord } from './test-client';
import { EDGE_SUBSCRIPTION_ID as EDGE, PRODUCTION_SUBSCRIPTION_ID as PROD } from './world';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ provisioningMs: 200 });
});
afterAll(async () => {
  await emu.close();
});

const URL_ = '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01';
const query = async (body: unknown) => armRequest(emu, 'POST', URL_, { body });

describe('resource graph', () => {
  it('recognises the portal query even reformatted, and projects its columns', async () => {
    const r = await query({ query: AZUREML_EXTENSIONS_QUERY.replace(/\n/g, '\n   '), options: { resultFormat: 'objectArray' } });
    expect(r.status).toBe(200);
    const body = asRecord(r.body);
    expect(body).toMatchObject({ totalRecords: 2, count: 2, resultTruncated: 'false', facets: [] });
    const rows = body.data as Record<string, unknown>[];
    expect(Object.keys(rows[0]).sort()).toEqual([...FLEET_QUERY_COLUMNS].sort());
    expect(rows.map((x) => x.clusterType).sort()).toEqual(['connectedClusters', 'managedClusters']);
    expect(String(rows[0].clusterId)).toMatch(/^\/subscriptions\/.+\/(managedClusters|connectedClusters)\/[^/]+$/);
  });

  it('rejects any other query with InvalidQuery', async () => {
    const r = await query({ query: 'Resources | project id, name | limit 3' });
    expect(r.status).toBe(400);
    expect(asRecord(asRecord(r.body).error)).toMatchObject({ code: 'InvalidQuery' });
    expect(String(asRecord(asRecord(r.body).error).message)).toContain('only answers');
  });

  it('honours the subscriptions filter and pages with $top and $skipToken', async () => {
    const onlyEdge = asRecord((await query({ query: AZUREML_EXTENSIONS_QUERY, subscriptions: [EDGE] })).body);
    expect((onlyEdge.data as { subscriptionId: string }[]).map((d) => d.subscriptionId)).toEqual([EDGE]);
    const first = asRecord((await query({ query: AZUREML_EXTENSIONS_QUERY, subscriptions: [PROD, EDGE], options: { $top: 1 } })).body);
    expect(first.count).toBe(1);
    expect(typeof first.$skipToken).toBe('string');
    const second = asRecord((await query({ query: AZUREML_EXTENSIONS_QUERY, subscriptions: [PROD, EDGE], options: { $top: 1, $skipToken: first.$skipToken } })).body);
    expect(second.count).toBe(1);
    expect(second.$skipToken).toBeUndefined();
    expect((second.data as { id: string }[])[0].id).not.toBe((first.data as { id: string }[])[0].id);
  });
});
