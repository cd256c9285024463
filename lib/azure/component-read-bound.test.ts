/** Distinct callers of one cluster share a bound on component reads in flight (issue 13, item 8). */
import { describe, expect, it, vi } from 'vitest';

import { AccessTokenCredential } from '@/lib/auth/token-credential';

import * as components from './components';
import { COMPONENT_READS_PER_CLUSTER, getExtensionStatus } from './extension-status';

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
  it(`runs at most ${COMPONENT_READS_PER_CLUSTER} at once for many distinct callers, and every caller still gets its components`, async () => {
    const callers = 4 * COMPONENT_READS_PER_CLUSTER;
    // One token each: no coalescing across them, as with that many users.
    const statuses = await Promise.all(
      Array.from({ length: callers }, (_, i) => getExtensionStatus(new AccessTokenCredential(`sandbox-bound-${i}`), SEEDED_AKS_ML)),
    );
    expect(vi.mocked(components.readAzureMlNamespace)).toHaveBeenCalledTimes(callers);
    expect(inFlight.max).toBeLessThanOrEqual(COMPONENT_READS_PER_CLUSTER);
    expect(inFlight.max).toBeGreaterThan(1);
    for (const status of statuses) expect(status).toMatchObject({ componentsAvailable: true, provisioningState: 'Succeeded' });
  });
});
