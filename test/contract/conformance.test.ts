/**
 * The conformance report (./conformance.ts): a known deviation is not reported, a fixed one is
 * (stale), an unknown path is uncovered unless allowed, list indexes collapse to `[]`.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import { conformanceReport, withoutIndexes, type KnownDeviation } from './conformance';
import { OpenApiSpecs, type Exchange } from './openapi';

const LIST_URL = 'https://127.0.0.1:1/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Kubernetes/connectedClusters?api-version=2021-10-01';

/** A connected cluster as 2021-10-01 defines it, with `offering` as given. */
function cluster(offering: unknown): Record<string, unknown> {
  return {
    id: '/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Kubernetes/connectedClusters/c1',
    name: 'c1',
    type: 'Microsoft.Kubernetes/connectedClusters',
    location: 'eastus',
    identity: { type: 'SystemAssigned' },
    properties: { agentPublicKeyCertificate: 'MIIC', provisioningState: 'Succeeded', ...(offering === undefined ? {} : { offering }) },
  };
}

const list = (offering: unknown): Exchange => ({ method: 'GET', url: LIST_URL, status: 200, responseBody: { value: [cluster(offering), cluster(offering)] } });
const OFFERING_NULL: KnownDeviation = { operationId: 'ConnectedCluster_ListByResourceGroup', status: 200, path: '$.value[].properties.offering', row: 8 };

let specs: OpenApiSpecs;

beforeAll(async () => {
  specs = await OpenApiSpecs.load();
});

describe('conformanceReport', () => {
  it('reports a deviation once for every list item, with the indexes collapsed', () => {
    const report = conformanceReport(specs, [list(null)], ['ConnectedCluster_ListByResourceGroup'], []);
    expect(report.unexpected).toEqual(['ConnectedCluster_ListByResourceGroup 200 response $.value[].properties.offering: must be string']);
    expect(report.checked).toEqual(new Set(['ConnectedCluster_ListByResourceGroup 200']));
  });

  it('a known deviation that still occurs is neither unexpected nor stale', () => {
    const report = conformanceReport(specs, [list(null)], [], [OFFERING_NULL]);
    expect(report).toMatchObject({ unexpected: [], stale: [] });
  });

  it('a known deviation that no longer occurs is stale, naming its issue row', () => {
    const report = conformanceReport(specs, [list('AKS_Edge')], [], [OFFERING_NULL]);
    expect(report.stale).toEqual(['ConnectedCluster_ListByResourceGroup 200 $.value[].properties.offering (issue 16 row 8)']);
  });

  it('names operations not exercised, and paths no spec covers unless allowed', () => {
    const stray: Exchange = { method: 'GET', url: 'https://x/subscriptions/s1/providers/Microsoft.Nowhere/things?api-version=1', status: 200 };
    const report = conformanceReport(specs, [stray], ['ConnectedCluster_Get'], []);
    expect(report).toMatchObject({ uncovered: ['GET /subscriptions/s1/providers/Microsoft.Nowhere/things'], notExercised: ['ConnectedCluster_Get'] });
    const allowed = conformanceReport(specs, [stray], [], [], [{ method: 'GET', pattern: /Microsoft\.Nowhere/, reason: 'test' }]);
    expect(allowed.uncovered).toEqual([]);
  });

  it('withoutIndexes', () => {
    expect(withoutIndexes('$.value[12].properties.statuses[0].code')).toBe('$.value[].properties.statuses[].code');
  });
});
