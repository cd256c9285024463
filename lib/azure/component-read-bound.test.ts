/**
 * Distinct callers of one cluster share its in-cluster read (issue 15: one read per cluster per
 * window, whatever the viewers), and a failed read is not kept for the others.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

import { AccessTokenCredential } from '@/lib/auth/token-credential';
import { SETTLED_READ_WINDOW_MS } from '@/lib/domain/watch-cadence';

import * as components from './components';
import { clearStatusCoalescing, COMPONENT_READS_PER_CLUSTER, getExtensionStatus } from './extension-status';

// The real namespace read, with how many run at once.
const inFlight = { now: 0, max: 0 };
vi.mock('./components', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./components')>();
  return {
    ...actual,
    readAzureMlNamespace: vi.fn(async (...args: Parameters<typeof actual.readAzureMlNamespace>) => {
      inFlight.now += 1;
      inFlight.max = Math.max(inFlight.max, inFlight.now);
      try {
        return await actual.readAzureMlNamespace(...args);
      } finally {
        inFlight.now -= 1;
      }
    }),
  };
});

vi.stubEnv('AZURE_TENANT_ID', '');
vi.stubEnv('AZURE_CLIENT_ID', '');

const SEEDED_AKS_ML =
  '/subscriptions/6f1c2a4e-8b3d-4c57-9a2e-1d0b5c7e9f31/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/aks-prod-eastus/providers/Microsoft.KubernetesConfiguration/extensions/azureml';

describe('component reads per cluster', () => {
  afterEach(() => vi.useRealTimers());

  it('makes ONE in-cluster read for many distinct callers in a window, and every caller gets its components', async () => {
    // The seeded extension is settled, so its namespace read is shared for SETTLED_READ_WINDOW_MS.
    // Windows are aligned to the clock: the clock is frozen at the start of one, so a loaded
    // machine cannot put a window boundary inside the test. Only `Date` is faked (sockets and
    // timers run as usual).
    vi.useFakeTimers({ toFake: ['Date'], now: Math.ceil(Date.now() / SETTLED_READ_WINDOW_MS) * SETTLED_READ_WINDOW_MS });
    clearStatusCoalescing();
    const callers = 4 * COMPONENT_READS_PER_CLUSTER;
    vi.mocked(components.readAzureMlNamespace).mockClear();
    inFlight.max = 0;
    // One token each, as with that many users: the ARM read is each caller's own, the cluster's is shared.
    const statuses = await Promise.all(
      Array.from({ length: callers }, (_, i) => getExtensionStatus(new AccessTokenCredential(`sandbox-bound-${i}`), SEEDED_AKS_ML)),
    );
    // Before, each caller made its own (32).
    expect(vi.mocked(components.readAzureMlNamespace)).toHaveBeenCalledTimes(1);
    expect(inFlight.max).toBe(1);
    for (const status of statuses) expect(status).toMatchObject({ componentsAvailable: true, provisioningState: 'Succeeded' });
  });

  it('does not keep a failed read for the next caller', async () => {
    clearStatusCoalescing();
    const read = vi.mocked(components.readAzureMlNamespace);
    read.mockClear();
    read.mockRejectedValueOnce(Object.assign(new Error('The client does not have authorization'), { statusCode: 403, code: 'AuthorizationFailed' }));
    const refused = await getExtensionStatus(new AccessTokenCredential('sandbox-reader'), SEEDED_AKS_ML);
    expect(refused.componentsAvailable).toBe(false);
    const owner = await getExtensionStatus(new AccessTokenCredential('sandbox-owner'), SEEDED_AKS_ML);
    expect(owner).toMatchObject({ componentsAvailable: true });
    expect(read).toHaveBeenCalledTimes(2);
  });
});
