/**
 * Write-ahead audit: the row exists BEFORE the PUT (a crash after ARM accepted it leaves it), it is
 * settled after, and a write refused because the caller is not authenticated leaves no row.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { AccessTokenCredential } from '@/lib/auth/token-credential';
import { createExtension } from '@/lib/deploy/deploy-service';
import type { CliRequest } from '@/lib/domain/cli-settings';
import { credential, PRODUCTION_SUBSCRIPTION, startContractEmulator, stopContractEmulator } from '@/test/contract/harness';

import { listAudit } from './audit';
import type { AuditEntry } from './types';

const hooks = vi.hoisted(() => ({ beforePut: undefined as undefined | (() => Promise<void>) }));
vi.mock('@/lib/sandbox/runtime', async (importOriginal) => (await import('@/test/contract/current-emulator')).runtimeOnContractEmulator(importOriginal));
vi.mock('@/lib/azure/extensions', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/azure/extensions')>();
  return {
    ...actual,
    beginCreateExtension: async (...args: Parameters<typeof actual.beginCreateExtension>) => {
      await hooks.beforePut?.();
      return actual.beginCreateExtension(...args);
    },
  };
});

const dataDir = mkdtempSync(path.join(tmpdir(), 'portal-write-ahead-'));
const clusterId = (name: string) => `/subscriptions/${PRODUCTION_SUBSCRIPTION}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/${name}`;
const request = (name: string): CliRequest => ({ clusterId: clusterId(name), name: 'azureml', configurationSettings: { enableTraining: 'True' }, configurationProtectedSettings: {} });
const entries = async (cluster: string): Promise<AuditEntry[]> => (await listAudit({ limit: 200 })).value.filter((e) => e.clusterId === clusterId(cluster));

beforeAll(async () => {
  vi.stubEnv('PORTAL_DATA_DIR', dataDir);
  vi.stubEnv('DATABASE_URL', '');
  for (const key of [Symbol.for('azureml-portal.database'), Symbol.for('azureml-portal.audit-trail')]) delete (globalThis as Record<symbol, unknown>)[key];
  await startContractEmulator();
});
afterAll(async () => {
  hooks.beforePut = undefined;
  await stopContractEmulator();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('write-ahead audit of a create', () => {
  it('has a pending row naming the extension before the PUT is sent, settled to accepted after', async () => {
    let seenBeforePut: AuditEntry[] = [];
    hooks.beforePut = async () => {
      seenBeforePut = await entries('aks-two-nodes');
    };
    const result = await createExtension(credential, request('aks-two-nodes'));
    hooks.beforePut = undefined;
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(seenBeforePut).toHaveLength(1);
    expect(seenBeforePut[0]).toMatchObject({ action: 'create', outcome: 'pending', extensionId: expect.stringMatching(/\/extensions\/azureml$/) });
    expect(seenBeforePut[0].extensionId?.toLowerCase()).toBe(result.id.toLowerCase());
    const after = await entries('aks-two-nodes');
    expect(after.map((e) => [e.id, e.outcome])).toEqual([[seenBeforePut[0].id, 'accepted']]);
  });

  it('leaves the row when the process dies between the PUT and its answer', async () => {
    hooks.beforePut = async () => {
      throw Object.assign(new Error('simulated crash'), { name: 'Crash' });
    };
    await expect(createExtension(credential, request('aks-gpu-inference'))).rejects.toThrow();
    hooks.beforePut = undefined;
    // A thrown PUT is settled failed; a killed process never gets that far, and the pending row stays
    // for the reconciler: either way, a row exists.
    expect(await entries('aks-gpu-inference')).toHaveLength(1);
  });

  it('records no row for a caller ARM does not authenticate (a forged JWT naming Olivia)', async () => {
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const forged = new AccessTokenCredential(`${part({ alg: 'none', typ: 'JWT' })}.${part({ oid: 'oid-olivia', name: 'Olivia Owner' })}.`);
    const before = (await listAudit({ limit: 200 })).value.length;
    await expect(createExtension(forged, request('aks-two-nodes'))).rejects.toMatchObject({ code: 'Unauthenticated' });
    const after = (await listAudit({ limit: 200 })).value;
    expect(after).toHaveLength(before);
    expect(JSON.stringify(after)).not.toContain('Olivia');
  });
});
