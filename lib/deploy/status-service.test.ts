import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { listAudit } from '@/lib/audit/audit';
import { AccessTokenCredential } from '@/lib/auth/token-credential';
import { createExtension } from '@/lib/deploy/deploy-service';
import { startExtensionDelete } from '@/lib/api/extension-management';
import { formatExtensionId } from '@/lib/domain/extension-id';
import { parseClusterId } from '@/lib/domain/cluster';
import * as components from '@/lib/azure/components';
import { clearStatusCoalescing } from '@/lib/azure/extension-status';
import { summarizeHealth, type HealthSummary } from '@/lib/domain/health-summary';
import { AppError } from '@/lib/errors';
import { PRODUCTION_SUBSCRIPTION_ID } from '@/lib/sandbox/world';
import { getDatabase } from '@/lib/store/database';
import { healthSummariesOf } from '@/lib/store/health-summaries';
import { startContractEmulator, stopContractEmulator } from '@/test/contract/harness';

import { readExtensionStatus } from './status-service';

// The real namespace read, which a test can make fail once (a caller without the right to run commands).
vi.mock('@/lib/azure/components', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/azure/components')>();
  return { ...actual, readAzureMlNamespace: vi.fn(actual.readAzureMlNamespace) };
});

vi.mock('@/lib/sandbox/runtime', async (importOriginal) => (await import('@/test/contract/current-emulator')).runtimeOnContractEmulator(importOriginal));

const credential = new AccessTokenCredential('status-service-test');
const CLUSTER_ID = `/subscriptions/${PRODUCTION_SUBSCRIPTION_ID}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/aks-fails-ha`;

beforeAll(async () => {
  await startContractEmulator();
});
afterAll(async () => {
  await stopContractEmulator();
});

async function auditOutcomesFor(extensionId: string) {
  const { value } = await listAudit({ limit: 50 });
  return value.filter((entry) => entry.extensionId?.toLowerCase() === extensionId.toLowerCase()).map((entry) => `${entry.action}:${entry.outcome}`);
}

async function waitForTerminal(extensionId: string) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const status = await readExtensionStatus(credential, extensionId);
    if (status.provisioningState === 'Succeeded' || status.provisioningState === 'Failed') return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${extensionId} never reached a terminal state`);
}

describe('readExtensionStatus settles the audit trail', () => {
  it('marks an accepted create failed when the install fails, and a delete succeeded on 404', async () => {
    const name = `audit-${Date.now()}`;
    const created = await createExtension(credential, {
      clusterId: CLUSTER_ID,
      name,
      configurationSettings: {
        enableInference: 'True',
        inferenceRouterServiceType: 'loadBalancer',
        allowInsecureConnections: 'True',
        inferenceRouterHA: 'True',
      },
      configurationProtectedSettings: {},
    });
    expect(created.ok).toBe(true);
    const extensionId = formatExtensionId(parseClusterId(CLUSTER_ID)!, name);
    expect(await auditOutcomesFor(extensionId)).toEqual(['create:accepted']);

    const status = await waitForTerminal(extensionId);
    expect(status.provisioningState).toBe('Failed');
    expect(await auditOutcomesFor(extensionId)).toEqual(['create:failed']);

    await startExtensionDelete(credential, extensionId, true);
    expect(await auditOutcomesFor(extensionId)).toEqual(['delete:accepted', 'create:failed']);
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const gone = await readExtensionStatus(credential, extensionId).then(
        () => false,
        (err: { code?: string }) => err.code === 'ResourceNotFound',
      );
      if (gone) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await auditOutcomesFor(extensionId)).toEqual(['delete:succeeded', 'create:failed']);
  });
});

describe('readExtensionStatus remembers the health summary for the fleet', () => {
  const SEEDED = `/subscriptions/${PRODUCTION_SUBSCRIPTION_ID}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/aks-prod-eastus/providers/Microsoft.KubernetesConfiguration/extensions/azureml`;

  it('stores what the reader saw, as of the read, and an unchanged summary once a minute at most', async () => {
    const status = await readExtensionStatus(credential, SEEDED.toUpperCase());
    const remembered = (await healthSummariesOf<HealthSummary>([SEEDED])).get(SEEDED.toLowerCase());
    expect(remembered).toEqual({ extensionId: SEEDED.toLowerCase(), summary: summarizeHealth(status), checkedAt: status.observedAt });
    expect(remembered?.summary.level).toBe('healthy');

    const writes = vi.spyOn(getDatabase(), 'execute');
    await readExtensionStatus(credential, SEEDED);
    expect(writes.mock.calls.filter(([sql]) => sql.includes('extension_health'))).toHaveLength(0);
    writes.mockRestore();
  });

  it('does not replace what a viewer saw with a read whose components could not be read (a Reader, say)', async () => {
    await readExtensionStatus(credential, SEEDED);
    clearStatusCoalescing();
    vi.mocked(components.readAzureMlNamespace).mockRejectedValueOnce(
      new AppError({ code: 'AuthorizationFailed', status: 403, userText: { key: 'azure.unauthenticated', framed: {} } }),
    );
    const refused = await readExtensionStatus(new AccessTokenCredential('sandbox-reader'), SEEDED);
    expect(refused.componentsAvailable).toBe(false);
    expect((await healthSummariesOf<HealthSummary>([SEEDED])).get(SEEDED.toLowerCase())?.summary.level).toBe('healthy');
  });
});
