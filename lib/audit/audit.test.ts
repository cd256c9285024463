/**
 * The audit trail as the portal records it: creates through `createExtension` (accepted, refused,
 * a create that later fails and is settled by `reconcileAuditOutcome`), against this file's own
 * emulator and a temp SQLite store.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { getExtension } from '@/lib/azure/extensions';
import { createExtension } from '@/lib/deploy/deploy-service';
import type { CliRequest } from '@/lib/domain/cli-settings';
import { SEED_CLUSTERS, seedScenarios } from '@/lib/domain/fixtures/seed-scenarios';
import { makePemPair } from '@/lib/domain/fixtures/test-pems';
import { credential, PRODUCTION_SUBSCRIPTION, startContractEmulator, stopContractEmulator } from '@/test/contract/harness';

import { listAudit, reconcileAuditOutcome, recordAudit } from './audit';
import { OPAQUE_CALLER_NAME } from '@/lib/auth/caller';

vi.mock('@/lib/sandbox/runtime', async (importOriginal) => (await import('@/test/contract/current-emulator')).runtimeOnContractEmulator(importOriginal));

const dataDir = mkdtempSync(path.join(tmpdir(), 'portal-audit-'));
const STORE_KEYS = [Symbol.for('azureml-portal.database'), Symbol.for('azureml-portal.audit-trail')];

/** A fresh process-wide store: the module caches it on globalThis, as in the server. */
function resetStore(dir: string): void {
  vi.stubEnv('PORTAL_DATA_DIR', dir);
  vi.stubEnv('DATABASE_URL', '');
  for (const key of STORE_KEYS) delete (globalThis as Record<symbol, unknown>)[key];
}

const clusterId = (name: string) => `/subscriptions/${PRODUCTION_SUBSCRIPTION}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/${name}`;

beforeAll(async () => {
  await startContractEmulator();
  resetStore(dataDir);
});
afterAll(async () => {
  await stopContractEmulator();
  rmSync(dataDir, { recursive: true, force: true });
});

async function newest() {
  const [entry] = (await listAudit({ limit: 1 })).value;
  return entry;
}

describe('createExtension records', () => {
  it('an accepted create with who, where and the settings, never the PEM pair', async () => {
    const pems = await makePemPair({ cn: 'ml.contoso.com' });
    const scenario = seedScenarios(pems)[2];
    const result = await createExtension(credential, scenario.request);
    if (!result.ok) throw new Error(JSON.stringify(result));
    const entry = await newest();
    expect(entry).toMatchObject({
      actor: { id: expect.stringMatching(/^token:/), name: OPAQUE_CALLER_NAME },
      action: 'create',
      clusterId: SEED_CLUSTERS.aksProdWesteurope.id,
      extensionId: result.id,
      subscriptionId: PRODUCTION_SUBSCRIPTION,
      outcome: 'accepted',
      settings: scenario.request.configurationSettings,
    });
    expect(Object.keys(scenario.request.configurationProtectedSettings)).toEqual(expect.arrayContaining(['sslCertPemFile', 'sslKeyPemFile']));
    expect(JSON.stringify(entry)).not.toMatch(/BEGIN|sslKeyPemFile|sslCertPemFile/);
  });

  it('a failed create: accepted at submit, then failed with the error once a read sees Failed', async () => {
    const request: CliRequest = {
      clusterId: clusterId('aks-fails-ha'),
      name: 'azureml',
      configurationSettings: { enableInference: 'True', inferenceRouterServiceType: 'loadBalancer', allowInsecureConnections: 'True', inferenceRouterHA: 'True' },
      configurationProtectedSettings: {},
    };
    const result = await createExtension(credential, request);
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(await newest()).toMatchObject({ extensionId: result.id, outcome: 'accepted' });

    const failed = await vi.waitFor(
      async () => {
        const extension = await getExtension(credential, result.id);
        expect(extension.provisioningState).toBe('Failed');
        return extension;
      },
      { timeout: 5_000, interval: 50 },
    );
    await reconcileAuditOutcome(result.id, 'Failed', failed.errorInfo);
    await reconcileAuditOutcome(result.id, 'Failed', failed.errorInfo);
    const entry = await newest();
    expect(entry).toMatchObject({ extensionId: result.id, outcome: 'failed', error: { code: 'ExtensionOperationFailed' } });
    expect(entry.error?.message).toMatch(/E40002/);
    expect((await listAudit()).value.filter((e) => e.extensionId === result.id)).toHaveLength(1);
  });

  it('a create refused by preflight, with the blocking finding', async () => {
    const request: CliRequest = { clusterId: clusterId('aks-service-principal'), name: 'azureml', configurationSettings: { enableTraining: 'True' }, configurationProtectedSettings: {} };
    const result = await createExtension(credential, request);
    expect(result.ok).toBe(false);
    expect(await newest()).toMatchObject({ action: 'create', clusterId: request.clusterId, outcome: 'refused', error: { code: expect.any(String) } });
  });

  it('a create refused by validation, and one that failed in ARM', async () => {
    const typo: CliRequest = { clusterId: clusterId('aks-two-nodes'), name: 'azureml', configurationSettings: { enableTraining: 'True', InferenceRouterHA: 'False' }, configurationProtectedSettings: {} };
    expect((await createExtension(credential, typo)).ok).toBe(false);
    expect(await newest()).toMatchObject({ outcome: 'refused', error: { code: 'ValidationFailed', message: expect.stringMatching(/InferenceRouterHA/) } });

    const missing = { ...typo, clusterId: clusterId('does-not-exist'), configurationSettings: { enableTraining: 'True' } };
    await expect(createExtension(credential, missing)).rejects.toMatchObject({ code: 'ResourceNotFound' });
    expect(await newest()).toMatchObject({ clusterId: missing.clusterId, outcome: 'failed', error: { code: 'ResourceNotFound' } });
  });
});

describe('recordAudit when the store fails', () => {
  it('resolves to null and warns without the settings', async () => {
    const blocked = path.join(dataDir, 'not-a-directory');
    writeFileSync(blocked, 'a file where the data directory should be');
    resetStore(blocked);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const entry = await recordAudit({
      actor: { id: 'a', name: 'A' },
      action: 'create',
      clusterId: clusterId('aks-two-nodes'),
      settings: { enableTraining: 'True', sslCname: 'visible-only-in-settings.example' },
      outcome: 'accepted',
    });
    expect(entry).toBeNull();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/^\[audit\] could not record create \(accepted\) for \/subscriptions\//);
    expect(String(warn.mock.calls[0][0])).not.toContain('visible-only-in-settings');
    warn.mockRestore();
    resetStore(dataDir);
  });
});
