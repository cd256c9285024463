/**
 * Arc clusters carry only what api-version 2021-10-01 defines (issue 16, row 8): the
 * `ConnectedClusterProperties` of specification/hybridkubernetes/.../stable/2021-10-01/connectedClusters.json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './emulator';
import { armRequest, asRecord } from './test-client';
import { EDGE_SUBSCRIPTION_ID as EDGE } from './world';

/** Every property `ConnectedClusterProperties` defines at 2021-10-01, and no other. */
const PROPERTIES_2021_10_01 = [
  'agentPublicKeyCertificate',
  'kubernetesVersion',
  'totalNodeCount',
  'totalCoreCount',
  'agentVersion',
  'provisioningState',
  'distribution',
  'infrastructure',
  'offering',
  'managedIdentityCertificateExpirationTime',
  'lastConnectivityTime',
  'connectivityStatus',
];
const API = 'api-version=2021-10-01';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ provisioningMs: 100 });
});
afterAll(async () => {
  await emu.close();
});

/** Paths of every `null` in `value`: the spec types none of these fields as nullable. */
function nullPaths(value: unknown, path = '$'): string[] {
  if (value === null) return [path];
  if (typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => nullPaths(v, `${path}.${k}`));
}

describe('connected clusters at 2021-10-01', () => {
  it('lists Arc clusters with only the properties the api-version defines, no nulls, offering a string when present', async () => {
    const list = await armRequest(emu, 'GET', `/subscriptions/${EDGE}/providers/Microsoft.Kubernetes/connectedClusters?${API}`);
    expect(list.status).toBe(200);
    const clusters = asRecord(list.body).value as unknown[];
    expect(clusters.length).toBeGreaterThan(0);
    for (const cluster of clusters) {
      const props = asRecord(asRecord(cluster).properties);
      expect(Object.keys(props).filter((k) => !PROPERTIES_2021_10_01.includes(k))).toEqual([]);
      expect(nullPaths(cluster)).toEqual([]);
      if ('offering' in props) expect(typeof props.offering).toBe('string');
    }
  });

  it('answers a GET without distributionVersion, privateLinkState or azureHybridBenefit', async () => {
    const r = await armRequest(emu, 'GET', `/subscriptions/${EDGE}/resourcegroups/rg-edge-stores/providers/Microsoft.Kubernetes/connectedClusters/arc-k3s-edge?${API}`);
    expect(r.status).toBe(200);
    const props = asRecord(asRecord(r.body).properties);
    for (const later of ['distributionVersion', 'privateLinkState', 'azureHybridBenefit']) expect(props).not.toHaveProperty(later);
    expect(props.distribution).toBe('k3s');
    expect(nullPaths(r.body)).toEqual([]);
  });
});
