/**
 * gatherPreflightFacts against this file's own emulator (the contract harness), so nothing here
 * depends on what other test files did to a shared sandbox.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { clusterResourceId } from '@/lib/sandbox/ids';
import { SEEDED_WORLD } from '@/lib/sandbox/world';
import { credential, startContractEmulator, stopContractEmulator, TEST_POLL_INTERVAL_MS } from '@/test/contract/harness';

import { gatherPreflightFacts } from './preflight-facts';

vi.mock('@/lib/sandbox/runtime', async (importOriginal) => (await import('@/test/contract/current-emulator')).runtimeOnContractEmulator(importOriginal));

function idOf(name: string): string {
  const cluster = SEEDED_WORLD.clusters.find((c) => c.name === name);
  if (!cluster) throw new Error(`no seeded cluster ${name}`);
  return clusterResourceId(cluster);
}

const FAST = { runCommandPollIntervalMs: TEST_POLL_INTERVAL_MS };

describe('gatherPreflightFacts', () => {
  beforeAll(async () => {
    await startContractEmulator();
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

  it('fails with ResourceNotFound for a cluster that does not exist, and InvalidResourceId for a bad id', async () => {
    const missing = idOf('aks-prod-eastus').replace('aks-prod-eastus', 'aks-nowhere');
    await expect(gatherPreflightFacts(credential, missing, FAST)).rejects.toMatchObject({ code: 'ResourceNotFound', status: 404 });
    await expect(gatherPreflightFacts(credential, '/subscriptions/x/nothing', FAST)).rejects.toMatchObject({ code: 'InvalidResourceId', status: 400 });
  });
});
