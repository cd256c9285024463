/**
 * Shared set-up for tests that run the portal's own services and route handlers against the
 * process's sandbox emulator (`ensureSandbox`, lib/sandbox/runtime.ts), as the sandbox user: the
 * sandbox mode, that user's credential, the seeded resources the tests write to, and the wait for
 * a write to settle. (The contract tests start an emulator of their own: test/contract/harness.ts.)
 */
import type { Extension } from '@azure/arm-kubernetesconfiguration';
import { expect, vi } from 'vitest';

import { AccessTokenCredential } from '@/lib/auth/token-credential';
import { getExtension } from '@/lib/azure/extensions';
import { EDGE_SUBSCRIPTION, PROD_SUBSCRIPTION } from '@/lib/domain/fixtures/seed-scenarios';
import { SANDBOX_TOKEN } from '@/lib/sandbox/runtime';

/** The extensions' ARM id on a cluster. */
export const extensionIdOn = (clusterId: string, name: string) => `${clusterId}/providers/Microsoft.KubernetesConfiguration/extensions/${name}`;

/** A seeded AKS cluster without the extension: tests install and update their own there. */
export const FREE_AKS_CLUSTER = `/subscriptions/${PROD_SUBSCRIPTION}/resourceGroups/rg-ml-prod-westeurope/providers/Microsoft.ContainerService/managedClusters/aks-authorized-ip-ranges`;
/** The seeded AKS extension that serves HTTPS from a PEM pair. */
export const HTTPS_AKS_EXTENSION = extensionIdOn(`/subscriptions/${PROD_SUBSCRIPTION}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/aks-prod-eastus`, 'azureml');
/** The seeded Arc extension, with its Azure Relay set up. */
export const ARC_EXTENSION = extensionIdOn(`/subscriptions/${EDGE_SUBSCRIPTION}/resourceGroups/rg-edge-stores/providers/Microsoft.Kubernetes/connectedClusters/arc-k3s-edge`, 'azureml');

/** The smallest install a test makes: training only, as the CLI would PUT it. */
export const TRAINING_ONLY: Extension = {
  extensionType: 'Microsoft.AzureML.Kubernetes',
  releaseTrain: 'stable',
  autoUpgradeMinorVersion: true,
  scope: { cluster: { releaseNamespace: 'azureml' } },
  configurationSettings: { enableTraining: 'True' },
};

/**
 * Puts the portal in sandbox mode for this test file (no Azure app registration: lib/azure/arm-connection.ts)
 * and returns the sandbox user's credential. Call once at the top of the file.
 */
export function sandboxCredential(): AccessTokenCredential {
  vi.stubEnv('AZURE_TENANT_ID', '');
  vi.stubEnv('AZURE_CLIENT_ID', '');
  return new AccessTokenCredential(SANDBOX_TOKEN);
}

/** Waits until the extension's last write has finished, either way. */
export async function settled(credential: AccessTokenCredential, id: string): Promise<void> {
  await vi.waitFor(async () => expect((await getExtension(credential, id)).provisioningState).toMatch(/Succeeded|Failed/), { timeout: 5_000, interval: 50 });
}

