/**
 * gatherPreflightFacts against this file's own emulator (the contract harness), so nothing here
 * depends on what other test files did to a shared sandbox.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { AppError } from '@/lib/errors';
import type { Emulator } from '@/lib/sandbox/emulator';
import { clusterResourceId } from '@/lib/sandbox/ids';
import { BUILT_IN_ROLE_PERMISSIONS } from '@/lib/sandbox/identities';
import { SEEDED_WORLD } from '@/lib/sandbox/world';
import { credential, startContractEmulator, stopContractEmulator, TEST_POLL_INTERVAL_MS } from '@/test/contract/harness';
import { sandboxUserCredential } from '@/test/contract/sandbox-users';

import { readClusterPermissions } from './permissions';
import { gatherPreflightFacts } from './preflight-facts';

vi.mock('@/lib/sandbox/runtime', async (importOriginal) => (await import('@/test/contract/current-emulator')).runtimeOnContractEmulator(importOriginal));
// The real reader, spied on so one test can make the permissions read fail on its own.
vi.mock('./permissions', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./permissions')>();
  return { ...actual, readClusterPermissions: vi.fn(actual.readClusterPermissions) };
});

function idOf(name: string): string {
  const cluster = SEEDED_WORLD.clusters.find((c) => c.name === name);
  if (!cluster) throw new Error(`no seeded cluster ${name}`);
  return clusterResourceId(cluster);
}

const FAST = { runCommandPollIntervalMs: TEST_POLL_INTERVAL_MS };

describe('gatherPreflightFacts', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startContractEmulator();
  });
  afterAll(async () => {
    await stopContractEmulator();
  });

  it('reads an AKS cluster, its provider, its extensions and its azureml namespace', async () => {
    const facts = await gatherPreflightFacts(credential, idOf('aks-prod-eastus'), FAST);
    expect(facts.cluster).toMatchObject({ type: 'managedClusters', summary: { name: 'aks-prod-eastus' } });
    expect(facts.providers).toEqual({ 'Microsoft.KubernetesConfiguration': 'Registered' });
    expect(facts.existingExtensions).toEqual([
      expect.objectContaining({ name: 'azureml', extensionType: 'Microsoft.AzureML.Kubernetes', provisioningState: 'Succeeded' }),
    ]);
    expect(facts.existingExtensions[0].id).toMatch(/\/extensions\/azureml$/);
    // the installed extension runs azureml-fe-v2, which is not the legacy v1 router
    expect(facts.inCluster).toEqual({ legacyAzuremlFe: false });
  });

  it('asks for Microsoft.Relay too on Arc, and does not inspect Arc clusters', async () => {
    const facts = await gatherPreflightFacts(credential, idOf('arc-offline-store'), FAST);
    expect(facts.cluster).toMatchObject({ type: 'connectedClusters', connectivityStatus: 'Offline' });
    expect(facts.providers).toEqual({ 'Microsoft.KubernetesConfiguration': 'Registered', 'Microsoft.Relay': 'Registered' });
    expect(facts.existingExtensions).toEqual([]);
    expect(facts.inCluster).toBeUndefined();
  });

  it('reports NotRegistered providers as facts, not as failures', async () => {
    const facts = await gatherPreflightFacts(credential, idOf('aks-research-unregistered'), FAST);
    expect(facts.providers).toEqual({ 'Microsoft.KubernetesConfiguration': 'NotRegistered' });
  });

  it('leaves inCluster undefined when Run Command does not answer in time', async () => {
    const facts = await gatherPreflightFacts(credential, idOf('aks-slow-arm'), { ...FAST, runCommandTimeoutMs: 1 });
    expect(facts.cluster.summary.name).toBe('aks-slow-arm');
    expect(facts.inCluster).toBeUndefined();
  });

  it('reads the caller’s permissions on the cluster: full rights for an opaque token, Reader for Rita', async () => {
    expect((await gatherPreflightFacts(credential, idOf('aks-prod-westeurope'), FAST)).permissions).toEqual({
      cluster: [BUILT_IN_ROLE_PERMISSIONS.Owner],
    });
    const rita = await sandboxUserCredential(emulator, 'reader');
    const facts = await gatherPreflightFacts(rita, idOf('arc-single-node'), FAST);
    expect(facts.permissions).toEqual({ cluster: [BUILT_IN_ROLE_PERMISSIONS.Reader], resourceGroup: [BUILT_IN_ROLE_PERMISSIONS.Reader] });
  });

  it('leaves permissions undefined, and still answers, when reading them fails', async () => {
    vi.mocked(readClusterPermissions).mockRejectedValueOnce(new AppError({ code: 'AuthorizationFailed', status: 403, userText: { key: 'resources.internal' } }));
    const facts = await gatherPreflightFacts(credential, idOf('aks-prod-westeurope'), FAST);
    expect(facts.cluster.summary.name).toBe('aks-prod-westeurope');
    expect(facts).not.toHaveProperty('permissions');
  });

  it('fails with ResourceNotFound for a cluster that does not exist, and InvalidResourceId for a bad id', async () => {
    const missing = idOf('aks-prod-eastus').replace('aks-prod-eastus', 'aks-nowhere');
    await expect(gatherPreflightFacts(credential, missing, FAST)).rejects.toMatchObject({ code: 'ResourceNotFound', status: 404 });
    await expect(gatherPreflightFacts(credential, '/subscriptions/x/nothing', FAST)).rejects.toMatchObject({ code: 'InvalidResourceId', status: 400 });
  });
});
