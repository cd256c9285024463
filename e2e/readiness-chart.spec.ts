import { expect, test } from '@playwright/test';

import { ExtensionsApi, StatusPage } from './pages/status-page';

const PROD = '6f1c2a4e-8b3d-4c57-9a2e-1d0b5c7e9f31';
const EDGE = '3a7e5b90-1f2d-4c8e-b6a4-9d0c1e2f3a4b';
const AKS_PROD = `/subscriptions/${PROD}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/aks-prod-eastus`;
const ARC_SINGLE_NODE = `/subscriptions/${EDGE}/resourceGroups/rg-edge-stores/providers/Microsoft.Kubernetes/connectedClusters/arc-single-node`;
const extensionOn = (clusterId: string, name = 'azureml') => `${clusterId}/providers/Microsoft.KubernetesConfiguration/extensions/${name}`;

test.describe('readiness chart on the status page', () => {
  test('an install opened long after it finished: every component dated by Kubernetes (AKS, runCommand)', async ({ page }) => {
    const status = new StatusPage(page);
    await status.open(extensionOn(AKS_PROD), 'azureml');
    await status.expectAllComponentsReady();
    const total = await status.componentCount();

    await status.expectReadiness(total, total);
    await status.showReadinessData();
    await expect(status.readinessRowsFrom('Kubernetes')).toHaveCount(total);
    await expect(status.readinessRowsFrom('This page')).toHaveCount(0);
  });

  test('a fresh install climbs to N of N (Arc, Kubernetes API)', async ({ page, request }) => {
    test.setTimeout(120_000);
    const id = await new ExtensionsApi(request).create(ARC_SINGLE_NODE, 'azureml', { enableTraining: 'True' });
    const status = new StatusPage(page);
    await status.open(id, 'azureml');

    await expect(status.provisioningState).toHaveText('Succeeded', { timeout: 30_000 });
    await status.expectAllComponentsReady();
    const total = await status.componentCount();
    expect(total).toBeGreaterThan(3);
    await status.expectReadiness(total, total);
    await status.showReadinessData();
    await expect(status.readinessRowsFrom('Kubernetes')).toHaveCount(total);

    // Leave the sandbox as found.
    await status.deleteExtension('azureml');
    await expect(status.deletedNotice).toBeVisible({ timeout: 30_000 });
  });
});
