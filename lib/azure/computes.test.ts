/**
 * lib/azure/computes.ts through the SDK's pollers against an emulator: attach (long-running PUT)
 * returns once ARM accepted it, the compute reads Succeeded (or Failed with the service's reason)
 * later, list, detach leaving the extension, and errors translated once into AppErrors.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { AccessTokenCredential } from '@/lib/auth/token-credential';
import { AppError } from '@/lib/errors';
import { startEmulator, type Emulator } from '@/lib/sandbox/emulator';
import { SANDBOX_TOKEN } from '@/lib/sandbox/runtime';
import { armRequest } from '@/lib/sandbox/test-client';
import { EDGE_SUBSCRIPTION_ID as EDGE, PRODUCTION_SUBSCRIPTION_ID as PROD } from '@/lib/sandbox/world';
import { setContractEmulator } from '@/test/contract/current-emulator';
import { sandboxUserCredential } from '@/test/contract/sandbox-users';

import { beginAttachCompute, deleteCompute, getCompute, listComputes } from './computes';
import { readWorkspacePermissions } from './permissions';
import { getExtension } from './extensions';

vi.mock('@/lib/sandbox/runtime', async (importOriginal) => (await import('@/test/contract/current-emulator')).runtimeOnContractEmulator(importOriginal));

const credential = new AccessTokenCredential(SANDBOX_TOKEN);
const FAST = { updateIntervalInMs: 10 };
const WS = `/subscriptions/${PROD}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.MachineLearningServices/workspaces/mlw-prod-eastus`;
const EDGE_WS = `/subscriptions/${EDGE}/resourceGroups/rg-edge-stores/providers/Microsoft.MachineLearningServices/workspaces/mlw-edge-eastus`;
const AKS = `/subscriptions/${PROD}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/aks-prod-eastus`;
const AKS_BARE = `/subscriptions/${PROD}/resourceGroups/rg-ml-prod-westeurope/providers/Microsoft.ContainerService/managedClusters/aks-prod-westeurope`;
const ARC = `/subscriptions/${EDGE}/resourceGroups/rg-edge-stores/providers/Microsoft.Kubernetes/connectedClusters/arc-k3s-edge`;

const body = (resourceId: string) => ({
  location: 'eastus',
  identity: { type: 'SystemAssigned' as const },
  properties: { computeType: 'Kubernetes' as const, resourceId, properties: { namespace: 'default', defaultInstanceType: 'defaultinstancetype' } },
});

let emulator: Emulator;
beforeAll(async () => {
  vi.stubEnv('AZURE_TENANT_ID', '');
  vi.stubEnv('AZURE_CLIENT_ID', '');
  emulator = await startEmulator({ provisioningMs: 150 });
  setContractEmulator(emulator);
});
afterAll(async () => {
  setContractEmulator(undefined);
  await emulator.close();
  vi.unstubAllEnvs();
});
beforeEach(async () => {
  await armRequest(emulator, 'POST', '/_sandbox/reset', { token: null });
});

/** Reads the compute as a page would, until it leaves `Creating` (or 5 s). */
async function settled(name: string, workspaceId = WS) {
  const deadline = Date.now() + 5_000;
  let compute = await getCompute(credential, workspaceId, name);
  while (compute.properties?.provisioningState === 'Creating' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    compute = await getCompute(credential, workspaceId, name);
  }
  return compute;
}

describe('workspace ids', () => {
  it('refuses anything but a workspace id with InvalidResourceId (400), worded by errors.json, before any request', async () => {
    for (const id of [AKS, `${WS}/computes/x`]) {
      const err = await getCompute(credential, id, 'x').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: 'InvalidResourceId', status: 400, userMessage: `'${id}' is not the id of an Azure Machine Learning workspace.` });
    }
    // Any casing is a workspace id (ARM ids compare case-insensitively).
    await expect(listComputes(credential, WS.toLowerCase())).resolves.toEqual([]);
  });
});

describe('readWorkspacePermissions', () => {
  const writes = (entries: ReadonlyArray<{ actions?: readonly string[] }>) =>
    entries.some((e) => (e.actions ?? []).some((a) => a === '*' || a.toLowerCase().startsWith('microsoft.machinelearningservices/workspaces/computes/write') || a.toLowerCase() === 'microsoft.machinelearningservices/*'));
  it("reads the caller's permissions on the workspace: the Contributor may write computes in Production, the Reader not; on mlw-edge-eastus the Contributor gets 403", async () => {
    const contributor = await sandboxUserCredential(emulator, 'contributor');
    const prod = await readWorkspacePermissions(contributor, WS);
    expect(prod.length).toBeGreaterThan(0);
    expect(writes(prod)).toBe(true);
    // He has no role at all in the Edge subscription: ARM does not even let him read his permissions there.
    await expect(readWorkspacePermissions(contributor, EDGE_WS)).rejects.toMatchObject({ code: 'AuthorizationFailed', status: 403 });
    const reader = await readWorkspacePermissions(await sandboxUserCredential(emulator, 'reader'), WS);
    expect(writes(reader)).toBe(false);
  });
  it('names the attach as what failed', async () => {
    const err = await readWorkspacePermissions(credential, `${WS}x/../nope`).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'InvalidResourceId' });
  });
});

describe('beginAttachCompute', () => {
  it('returns once ARM accepted the attach (running, compute Creating); the compute then reads Succeeded and is listed', async () => {
    const started = await beginAttachCompute(credential, WS, 'aks-prod', body(AKS), FAST);
    expect(started.status).toBe('running');
    expect(started.compute?.properties).toMatchObject({ computeType: 'Kubernetes', provisioningState: 'Creating', resourceId: AKS });
    expect(started.resumeToken).not.toContain(SANDBOX_TOKEN);
    const compute = await settled('aks-prod');
    expect(compute.properties?.provisioningState).toBe('Succeeded');
    expect(compute.properties?.properties).toMatchObject({ namespace: 'default', defaultInstanceType: 'defaultinstancetype' });
    expect(compute.properties?.properties).not.toHaveProperty('relayConnectionString');
    expect((await listComputes(credential, WS)).map((c) => c.name)).toEqual(['aks-prod']);
  });

  it('reads Failed with the service’s reason when the cluster has no Azure ML extension', async () => {
    await beginAttachCompute(credential, WS, 'bare', body(AKS_BARE), FAST);
    const compute = await settled('bare');
    expect(compute.properties?.provisioningState).toBe('Failed');
    expect(compute.properties?.provisioningErrors?.[0]?.error?.message).toMatch(/is not installed/);
  });

  it('fails as an AppError (400) for a cluster in another subscription, and nothing is created', async () => {
    const attempt = beginAttachCompute(credential, WS, 'arc-cross', body(ARC), FAST);
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ status: 400, target: `${WS}/computes/arc-cross` });
    await expect(getCompute(credential, WS, 'arc-cross')).rejects.toMatchObject({ status: 404 });
  });

  it('fails as an AppError (403 AuthorizationFailed) where the caller cannot write computes', async () => {
    const carlos = await sandboxUserCredential(emulator, 'contributor');
    await expect(beginAttachCompute(carlos, EDGE_WS, 'by-carlos', body(ARC), FAST)).rejects.toMatchObject({ code: 'AuthorizationFailed', status: 403 });
  });

  it('refuses a workspace id that is not one before calling ARM', async () => {
    await expect(beginAttachCompute(credential, AKS, 'x1', body(AKS), FAST)).rejects.toMatchObject({ code: 'InvalidResourceId', status: 400 });
  });
});

describe('deleteCompute', () => {
  it('detaches: the compute goes, the extension stays Succeeded; detaching again succeeds (204)', async () => {
    await beginAttachCompute(credential, WS, 'detach-me', body(AKS), FAST);
    expect((await settled('detach-me')).properties?.provisioningState).toBe('Succeeded');
    const started = await deleteCompute(credential, WS, 'detach-me', FAST);
    expect(started.status).toBe('running');
    const deadline = Date.now() + 5_000;
    let gone = false;
    while (!gone && Date.now() < deadline) {
      gone = (await listComputes(credential, WS)).length === 0;
      if (!gone) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(gone).toBe(true);
    expect((await getExtension(credential, `${AKS}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`)).provisioningState).toBe('Succeeded');
    expect((await deleteCompute(credential, WS, 'detach-me', FAST)).status).toBe('succeeded');
  });
});
