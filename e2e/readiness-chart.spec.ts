import { expect, test } from '@playwright/test';

import { extensionOn } from './pages/deploy-page';
import { seededCluster } from './pages/sandbox-emulator';
import { ExtensionsApi, StatusPage } from './pages/status-page';

const AKS_PROD = seededCluster('aks-prod-eastus').id;
const ARC_SINGLE_NODE = seededCluster('arc-single-node').id;

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

    await status.expectSucceededAndReady();
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
