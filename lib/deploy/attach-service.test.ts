/**
 * lib/deploy/attach-service.ts against an emulator of its own (reset before each test): attach an
 * AKS and an Arc cluster, refusals with no ARM write (another subscription, an extension not
 * Succeeded yet, a name taken, invalid fields), Idempotency-Key, the compute's status settling its
 * audit row, the cluster's computes, and detach. The ARM writes are counted at lib/azure/computes.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { listAudit } from '@/lib/audit/audit';
import { AccessTokenCredential } from '@/lib/auth/token-credential';
import * as computes from '@/lib/azure/computes';
import { beginCreateExtension } from '@/lib/azure/extensions';
import { startEmulator, type Emulator } from '@/lib/sandbox/emulator';
import { SANDBOX_TOKEN } from '@/lib/sandbox/runtime';
import { armRequest } from '@/lib/sandbox/test-client';
import { EDGE_SUBSCRIPTION_ID as EDGE, PRODUCTION_SUBSCRIPTION_ID as PROD } from '@/lib/sandbox/world';
import { setContractEmulator } from '@/test/contract/current-emulator';
import { TRAINING_ONLY } from '@/test/helpers/sandbox-env';

import { attachCluster, detachCompute, listAttachWorkspaces, listClusterComputes, planAttach, readComputeStatus } from './attach-service';
import { resetIdempotencyForTests } from './idempotency';

vi.mock('@/lib/sandbox/runtime', async (importOriginal) => (await import('@/test/contract/current-emulator')).runtimeOnContractEmulator(importOriginal));
vi.mock('@/lib/azure/computes', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/azure/computes')>();
  return { ...actual, beginAttachCompute: vi.fn(actual.beginAttachCompute), deleteCompute: vi.fn(actual.deleteCompute) };
});

const credential = new AccessTokenCredential(SANDBOX_TOKEN);
const WS = `/subscriptions/${PROD}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.MachineLearningServices/workspaces/mlw-prod-eastus`;
const EDGE_WS = `/subscriptions/${EDGE}/resourceGroups/rg-edge-stores/providers/Microsoft.MachineLearningServices/workspaces/mlw-edge-eastus`;
const AKS = `/subscriptions/${PROD}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/aks-prod-eastus`;
const AKS_BARE = `/subscriptions/${PROD}/resourceGroups/rg-ml-prod-westeurope/providers/Microsoft.ContainerService/managedClusters/aks-prod-westeurope`;
const ARC = `/subscriptions/${EDGE}/resourceGroups/rg-edge-stores/providers/Microsoft.Kubernetes/connectedClusters/arc-k3s-edge`;
const writes = () => vi.mocked(computes.beginAttachCompute).mock.calls.length;

const dataDir = mkdtempSync(path.join(tmpdir(), 'portal-attach-'));
let emulator: Emulator;
beforeAll(async () => {
  vi.stubEnv('AZURE_TENANT_ID', '');
  vi.stubEnv('AZURE_CLIENT_ID', '');
  vi.stubEnv('PORTAL_DATA_DIR', dataDir);
  vi.stubEnv('DATABASE_URL', '');
  for (const key of [Symbol.for('azureml-portal.database'), Symbol.for('azureml-portal.audit-trail')]) delete (globalThis as Record<symbol, unknown>)[key];
  emulator = await startEmulator({ provisioningMs: 150 });
  setContractEmulator(emulator);
});
afterAll(async () => {
  setContractEmulator(undefined);
  await emulator.close();
  vi.unstubAllEnvs();
  rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(async () => {
  await armRequest(emulator, 'POST', '/_sandbox/reset', { token: null });
  vi.mocked(computes.beginAttachCompute).mockClear();
  resetIdempotencyForTests();
});

async function settledStatus(id: string) {
  const deadline = Date.now() + 5_000;
  let status = await readComputeStatus(credential, id);
  while (!status.terminal && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    status = await readComputeStatus(credential, id);
  }
  return status;
}

const auditOf = async (resourceId: string) => (await listAudit({ limit: 50 })).value.filter((e) => e.resourceId?.toLowerCase() === resourceId.toLowerCase());

describe('listAttachWorkspaces', () => {
  it("answers the workspaces of the cluster's subscription only", async () => {
    const names = (await listAttachWorkspaces(credential, AKS)).map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(['mlw-prod-eastus', 'mlw-prod-westeurope']));
    expect(names).not.toContain('mlw-edge-eastus');
    expect((await listAttachWorkspaces(credential, ARC)).map((w) => w.name)).toContain('mlw-edge-eastus');
  });
});

describe('planAttach', () => {
  it('answers the ARM body, az command and Bicep, with no write', async () => {
    const plan = await planAttach(credential, { clusterId: AKS, workspaceId: WS, name: 'aks-prod' });
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.body).toMatchObject({ location: 'eastus', properties: { computeType: 'Kubernetes', properties: { namespace: 'default' } } });
    expect(plan.azCommand).toContain('az ml compute attach');
    expect(plan.bicep).toContain('Microsoft.MachineLearningServices/workspaces/computes');
    expect(plan.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(plan.namespaceOrigin).toBe('always');
    expect(writes()).toBe(0);
  });

  it('answers field errors keyed by their path', async () => {
    const plan = await planAttach(credential, { clusterId: AKS, workspaceId: 'nope', name: '9x', identity: { type: 'UserAssigned', userAssignedIdentities: ['bad'] } });
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.errors.map((e) => e.key).sort()).toEqual(['identity.userAssignedIdentities.0', 'name', 'workspaceId']);
  });
});

describe('attachCluster', () => {
  it('attaches an AKS cluster: accepted, then Succeeded; the audit row settles; listed for the cluster; detach audited and settled', async () => {
    const result = await attachCluster(credential, { clusterId: AKS, workspaceId: WS, name: 'aks-prod' });
    expect(result).toMatchObject({ ok: true, id: `${WS}/computes/aks-prod` });
    if (!result.ok) return;
    expect(result.statusUrl).toBe(`/api/v1/computes/status?id=${encodeURIComponent(result.id)}`);
    expect(writes()).toBe(1);
    const status = await settledStatus(result.id);
    expect(status).toMatchObject({ name: 'aks-prod', workspaceId: WS, workspaceName: 'mlw-prod-eastus', provisioningState: 'Succeeded', namespace: 'default', terminal: true, errors: [] });
    expect((await auditOf(result.id)).map((e) => [e.action, e.outcome])).toEqual([['attach', 'succeeded']]);
    expect(await listClusterComputes(credential, AKS)).toEqual([
      { id: result.id, name: 'aks-prod', workspaceId: WS, workspaceName: 'mlw-prod-eastus', namespace: 'default', provisioningState: 'Succeeded' },
    ]);

    await detachCompute(credential, result.id);
    await vi.waitFor(async () => expect(await readComputeStatus(credential, result.id).catch((e: unknown) => e)).toMatchObject({ code: 'ResourceNotFound' }), { timeout: 5_000 });
    expect((await auditOf(result.id)).map((e) => [e.action, e.outcome])).toEqual([
      ['detach', 'succeeded'],
      ['attach', 'succeeded'],
    ]);
    expect(await listClusterComputes(credential, AKS)).toEqual([]);
  });

  it('attaches an Arc cluster in its own subscription', async () => {
    const result = await attachCluster(credential, { clusterId: ARC, workspaceId: EDGE_WS, name: 'arc-edge', workloads: ['training'] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect((await settledStatus(result.id)).provisioningState).toBe('Succeeded');
  });

  it('refuses a cluster from another subscription with the reason and the Arc remedy, with no ARM write, audited refused', async () => {
    const result = await attachCluster(credential, { clusterId: AKS, workspaceId: EDGE_WS, name: 'aks-prod' });
    expect(result.ok).toBe(false);
    if (result.ok || !('findings' in result)) throw new Error('expected findings');
    const finding = result.findings.find((f) => f.code === 'cross-subscription');
    expect(finding?.severity).toBe('error');
    expect(finding?.fix).toContain('az connectedk8s connect');
    expect(writes()).toBe(0);
    expect((await auditOf(`${EDGE_WS}/computes/aks-prod`)).map((e) => [e.outcome, e.error?.code])).toEqual([['refused', 'cross-subscription']]);
  });

  it('refuses an attach before the extension Succeeded, with no ARM write', async () => {
    await beginCreateExtension(credential, AKS_BARE, 'azureml', TRAINING_ONLY);
    const result = await attachCluster(credential, { clusterId: AKS_BARE, workspaceId: `/subscriptions/${PROD}/resourceGroups/rg-ml-prod-westeurope/providers/Microsoft.MachineLearningServices/workspaces/mlw-prod-westeurope`, name: 'aks-we' });
    expect(result).toMatchObject({ ok: false, findings: expect.arrayContaining([expect.objectContaining({ code: 'extension-not-succeeded', severity: 'error' })]) });
    expect(writes()).toBe(0);
  });

  it('refuses a name taken in the workspace (any case), with no second write', async () => {
    expect((await attachCluster(credential, { clusterId: AKS, workspaceId: WS, name: 'aks-prod' })).ok).toBe(true);
    const again = await attachCluster(credential, { clusterId: AKS, workspaceId: WS, name: 'AKS-PROD' });
    expect(again).toMatchObject({ ok: false, findings: expect.arrayContaining([expect.objectContaining({ code: 'compute-name-taken' })]) });
    expect(writes()).toBe(1);
  });

  it('answers field errors with no write', async () => {
    expect(await attachCluster(credential, { clusterId: AKS, workspaceId: WS, name: 'x' })).toMatchObject({ ok: false, errors: [expect.objectContaining({ key: 'name' })] });
    expect(writes()).toBe(0);
  });

  it('with an Idempotency-Key, a repeat returns the first answer without a second write; another body under it is refused', async () => {
    const input = { clusterId: AKS, workspaceId: WS, name: 'aks-prod' };
    const [first, second] = await Promise.all([attachCluster(credential, input, { idempotencyKey: 'k-1' }), attachCluster(credential, input, { idempotencyKey: 'k-1' })]);
    expect(second).toEqual(first);
    expect(writes()).toBe(1);
    await expect(attachCluster(credential, { ...input, name: 'other' }, { idempotencyKey: 'k-1' })).rejects.toMatchObject({ code: 'IdempotencyKeyReused', status: 422 });
  });
});
