/**
 * The fleet: extensions created in two subscriptions come back from one paged Resource Graph
 * query (the emulator pages 5 rows at a time; the world has 7 extensions here), with regions.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { SESSION_COOKIE_NAME } from '@/lib/auth/session-cookie';
import { signInAs } from '@/lib/auth/test-sign-in';
import { beginCreateExtension } from '@/lib/azure/extensions';
import type { FleetItem } from '@/lib/domain/fleet-query';
import { SEED_CLUSTERS } from '@/lib/domain/fixtures/seed-scenarios';
import { credential, EDGE_SUBSCRIPTION, PRODUCTION_SUBSCRIPTION, startContractEmulator, stopContractEmulator } from '@/test/contract/harness';
import { TRAINING_ONLY } from '@/test/helpers/sandbox-env';

import { contractEmulator } from '@/test/contract/current-emulator';
import { armRequest, asRecord } from '@/lib/sandbox/test-client';

import { rememberCertificate } from '@/lib/store/certificates';

import { handleListFleet } from './fleet';

vi.mock('@/lib/sandbox/runtime', async (importOriginal) => {
  const { contractEmulator } = await import('@/test/contract/current-emulator');
  return { ...(await importOriginal<typeof import('@/lib/sandbox/runtime')>()), ensureSandbox: contractEmulator };
});

const URL = 'http://localhost/api/v1/extensions';
const ITEM_KEYS = ['clusterId', 'clusterType', 'health', 'id', 'location', 'name', 'provisioningState', 'subscriptionId', 'version'];
const prodCluster = (group: string, name: string) =>
  `/subscriptions/${PRODUCTION_SUBSCRIPTION}/resourceGroups/${group}/providers/Microsoft.ContainerService/managedClusters/${name}`;

/** Two seeded (aks-prod-eastus, arc-k3s-edge) plus these five: seven rows, two pages. */
const CREATED = [
  SEED_CLUSTERS.aksProdWesteurope.id,
  prodCluster('rg-ml-prod-eastus', 'aks-two-nodes'),
  prodCluster('rg-ml-prod-eastus', 'aks-gpu-nc'),
  SEED_CLUSTERS.arcSingleNode.id,
  SEED_CLUSTERS.arcOpenshift.id,
];

/** The one extension of this fleet with a certificate the portal sent. */
const WITH_CERTIFICATE = `${prodCluster('rg-ml-prod-eastus', 'aks-two-nodes')}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`;
const IN_10_DAYS = new Date(Date.now() + 10 * 24 * 3600 * 1000 - 60_000).toISOString();

beforeAll(async () => {
  await startContractEmulator();
  for (const clusterId of CREATED) await beginCreateExtension(credential, clusterId, 'azureml', TRAINING_ONLY);
  await rememberCertificate(WITH_CERTIFICATE, { subject: 'CN=ml.contoso.com', sans: ['ml.contoso.com'], notAfter: IN_10_DAYS });
});
afterAll(stopContractEmulator);

describe('GET /api/v1/extensions without clusterId (handleListFleet)', () => {
  it('lists every AzureML extension in both subscriptions, past the first page, with regions', async () => {
    const response = await handleListFleet(new Request(URL, { headers: { authorization: `Bearer sandbox-user` } }));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { value: FleetItem[]; subscriptions: Array<{ subscriptionId: string; displayName: string }>; failures?: unknown };
    expect(body.failures).toBeUndefined();
    expect(body.value).toHaveLength(7);
    // The store is this file's own (test/setup/data-dir.ts): only the extension this test remembered a certificate for carries one.
    for (const item of body.value) {
      const keys = item.id.toLowerCase() === WITH_CERTIFICATE.toLowerCase() ? ['certificate', ...ITEM_KEYS] : ITEM_KEYS;
      expect(Object.keys(item).sort()).toEqual(keys);
    }
    // The remembered certificate's end, as the fleet's Certificate column reads it; nothing else of it.
    expect(body.value.find((item) => item.id.toLowerCase() === WITH_CERTIFICATE.toLowerCase())?.certificate).toEqual({ state: 'expiring', daysLeft: 10, notAfter: IN_10_DAYS, host: 'ml.contoso.com' });

    const byCluster = new Map(body.value.map((item) => [item.clusterId.split('/').at(-1), item]));
    expect([...byCluster.keys()].sort()).toEqual(
      ['aks-gpu-nc', 'aks-prod-eastus', 'aks-prod-westeurope', 'aks-two-nodes', 'arc-k3s-edge', 'arc-openshift-factory', 'arc-single-node'].sort(),
    );
    expect(new Set(body.value.map((item) => item.subscriptionId))).toEqual(new Set([PRODUCTION_SUBSCRIPTION, EDGE_SUBSCRIPTION]));
    expect(byCluster.get('aks-prod-westeurope')).toMatchObject({ name: 'azureml', clusterType: 'managedClusters', location: 'westeurope', provisioningState: expect.stringMatching(/^(Creating|Succeeded)$/) });
    expect(byCluster.get('arc-k3s-edge')).toMatchObject({ clusterType: 'connectedClusters', location: 'eastus', provisioningState: 'Succeeded', version: '1.1.64' });
    expect(body.subscriptions.map((s) => s.displayName)).toContain('Contoso ML Edge');
  });

  it('serves the signed-in browser without a header (the /fleet refresh), and nobody else', async () => {
    expect((await handleListFleet(new Request(URL))).status).toBe(401);
    const { sessionCookie } = await signInAs('owner');
    const response = await handleListFleet(new Request(URL, { headers: { cookie: `${SESSION_COOKIE_NAME}=${sessionCookie}` } }));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { value: FleetItem[] }).value).toHaveLength(7);
  });

  it('answers 401 for a malformed Authorization header', async () => {
    const response = await handleListFleet(new Request(URL, { headers: { authorization: 'Basic abc' } }));
    expect(response.status).toBe(401);
  });
});

describe('the cost of the fleet', () => {
  it('is the subscription list and one Resource Graph query, whatever the number of clusters', async () => {
    const emulator = await contractEmulator();
    const list = () => handleListFleet(new Request(URL, { headers: { authorization: `Bearer sandbox-user` } }));
    // Health is refreshed after a listing, bounded on its own (lib/api/fleet-health.test.ts): once every
    // row's health is known, a listing costs only its own reads.
    await vi.waitFor(
      async () => {
        const rows = ((await (await list()).json()) as { value: FleetItem[] }).value;
        expect(rows.filter((item) => item.health.state !== 'known').map((item) => item.id)).toEqual([]);
      },
      { timeout: 15_000, interval: 200 },
    );
    await armRequest(emulator, 'POST', '/_sandbox/stats/reset', { token: null });

    const response = await list();
    expect(response.status).toBe(200);

    const stats = asRecord((await armRequest(emulator, 'GET', '/_sandbox/stats', { token: null })).body);
    // Regions come from the query's join, not from a cluster list per subscription.
    expect(stats.armRequests).toBeLessThanOrEqual(3);
    const body = (await response.json()) as { value: FleetItem[] };
    for (const item of body.value) expect(item.location, item.id).not.toBe('');
  });
});
