/**
 * The fleet read over Resource Graph answers that lack a column: the SDK's `resources` is faked
 * at the client seam (the emulator always sends every column, and its Resource Graph route has no
 * switch to leave one out), so these are the answers live Azure could give when a property is
 * missing on an extension or renamed in the table.
 */
import type { TokenCredential } from '@azure/core-auth';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const resources = vi.fn();
vi.mock('./clients', () => ({ createArmClients: async () => ({ resourceGraph: { resources } }) }));

const { listAzureMlExtensions } = await import('./fleet');

const credential = { getToken: async () => null } as unknown as TokenCredential;
const SUBSCRIPTION = '6f1c2a4e-8b3d-4c57-9a2e-1d0b5c7e9f31';
const cluster = (name: string) => `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/${name}`;
const row = (name: string) => ({
  id: `${cluster(name)}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`,
  name: 'azureml',
  subscriptionId: SUBSCRIPTION,
  resourceGroup: 'rg',
  location: 'eastus',
  clusterId: cluster(name),
  clusterName: name,
  clusterType: 'connectedClusters',
  version: '1.1.64',
  provisioningState: 'Succeeded',
});

/** The row without `column`, as Resource Graph sends a property an extension does not have. */
function omit(value: Record<string, unknown>, column: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== column));
}

beforeEach(() => resources.mockReset());

describe('listAzureMlExtensions with rows missing a column', () => {
  it('shows every row, a blank cell where a column is missing or of another type, and drops only the row without an id', async () => {
    resources.mockResolvedValueOnce({
      data: [
        row('complete'),
        omit(row('no-version'), 'version'),
        omit(row('no-state'), 'provisioningState'),
        omit(row('no-location'), 'location'),
        { ...row('numeric'), version: 1.1, provisioningState: { code: 'Succeeded' } },
        omit(row('no-id'), 'id'),
      ],
    });
    const rows = await listAzureMlExtensions(credential, [SUBSCRIPTION]);
    expect(rows.map((r) => r.clusterName)).toEqual(['complete', 'no-version', 'no-state', 'no-location', 'numeric']);
    expect(rows.map((r) => [r.version, r.provisioningState, r.location])).toEqual([
      ['1.1.64', 'Succeeded', 'eastus'],
      ['', 'Succeeded', 'eastus'],
      ['1.1.64', '', 'eastus'],
      ['1.1.64', 'Succeeded', ''],
      ['', '', 'eastus'],
    ]);
  });

  it('keeps the fleet when every row lacks the same column (a property renamed in the table)', async () => {
    resources.mockResolvedValueOnce({ data: [row('a'), row('b')].map((r) => omit(r, 'provisioningState')) });
    const rows = await listAzureMlExtensions(credential, [SUBSCRIPTION]);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.provisioningState === '' && r.clusterType === 'connectedClusters')).toBe(true);
  });

  it('reads an answer without data as an empty page, not a crash', async () => {
    resources.mockResolvedValueOnce({ data: { columns: [], rows: [] } });
    expect(await listAzureMlExtensions(credential, [SUBSCRIPTION])).toEqual([]);
  });
});
