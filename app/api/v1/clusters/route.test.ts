import { describe, expect, it, vi } from 'vitest';

import * as clusters from '@/lib/azure/clusters';
import { AppError } from '@/lib/errors';

import { GET } from './route';

// Real listClusters by default; one test replaces a single answer to get a partial failure.
vi.mock('@/lib/azure/clusters', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/azure/clusters')>();
  return { ...actual, listClusters: vi.fn(actual.listClusters) };
});

// Sandbox mode whatever the developer's shell exports (blank counts as unset).
vi.stubEnv('AZURE_TENANT_ID', '');
vi.stubEnv('AZURE_CLIENT_ID', '');

const URL = 'http://localhost/api/v1/clusters';
const SUMMARY_KEYS = ['id', 'name', 'type', 'subscriptionId', 'resourceGroup', 'location', 'nodeCount', 'kubernetesVersion', 'provisioningState'];
const ARC_ONLY_KEYS = ['distribution', 'connectivityStatus'];

interface ClustersBody {
  value: Array<Record<string, unknown>>;
  failures?: unknown[];
}

describe('GET /api/v1/clusters', () => {
  it('answers 401 with a JSON error when no credential is sent', async () => {
    const response = await GET(new Request(URL));
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.json()).toEqual({
      error: { code: 'Unauthenticated', message: 'Sign in to the portal, or send Authorization: Bearer <ARM access token>.' },
    });
  });

  it('answers 401 for a malformed Authorization header', async () => {
    const response = await GET(new Request(URL, { headers: { authorization: 'Basic dXNlcjpwYXNz' } }));
    expect(response.status).toBe(401);
  });

  it('lists the seeded clusters, sorted by name, with exactly the summary fields', async () => {
    const response = await GET(new Request(URL, { headers: { authorization: 'Bearer x' } }));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as ClustersBody;
    expect(body.failures).toBeUndefined();

    const names = body.value.map((c) => String(c.name));
    expect(names).toEqual(expect.arrayContaining(['aks-prod-eastus', 'aks-two-nodes', 'arc-k3s-edge', 'arc-openshift-factory']));
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));

    for (const cluster of body.value) {
      const allowed = cluster.type === 'connectedClusters' ? [...SUMMARY_KEYS, ...ARC_ONLY_KEYS] : SUMMARY_KEYS;
      expect(Object.keys(cluster).sort()).toEqual(expect.arrayContaining(SUMMARY_KEYS));
      expect(Object.keys(cluster).every((key) => allowed.includes(key))).toBe(true);
    }
    expect(body.value.find((c) => c.name === 'aks-prod-westeurope')).toMatchObject({ type: 'managedClusters', nodeCount: 4 });
    expect(body.value.find((c) => c.name === 'arc-openshift-factory')).toMatchObject({
      type: 'connectedClusters',
      nodeCount: 4,
      distribution: 'openshift',
      connectivityStatus: 'Connected',
    });
  });
});

describe('GET /api/v1/clusters with a failing subscription', () => {
  it('still answers 200 with the other clusters and reports the failure', async () => {
    vi.mocked(clusters.listClusters).mockResolvedValueOnce({
      clusters: [],
      subscriptions: [],
      failures: [
        {
          subscriptionId: 'sub-denied',
          error: new AppError({ code: 'AuthorizationFailed', status: 403, userMessage: 'You do not have permission.' }),
        },
      ],
    });
    const response = await GET(new Request(URL, { headers: { authorization: 'Bearer x' } }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      value: [],
      failures: [{ subscriptionId: 'sub-denied', error: { code: 'AuthorizationFailed', message: 'You do not have permission.' } }],
    });
  });

  it('answers with the translated error when subscriptions cannot be listed at all', async () => {
    vi.mocked(clusters.listClusters).mockRejectedValueOnce(
      new AppError({ code: 'Throttled', status: 429, retryable: true, userMessage: 'Azure is throttling requests.' }),
    );
    const response = await GET(new Request(URL, { headers: { authorization: 'Bearer x' } }));
    expect(response.status).toBe(429);
    expect(await response.json()).toEqual({ error: { code: 'Throttled', message: 'Azure is throttling requests.' } });
  });
});
