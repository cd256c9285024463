import { expect, test } from '@playwright/test';

import { ExtensionsApi, StatusPage } from './pages/status-page';

const PROD = '6f1c2a4e-8b3d-4c57-9a2e-1d0b5c7e9f31';
const EDGE = '3a7e5b90-1f2d-4c8e-b6a4-9d0c1e2f3a4b';
const aksCluster = (rg: string, name: string) => `/subscriptions/${PROD}/resourceGroups/${rg}/providers/Microsoft.ContainerService/managedClusters/${name}`;
const extensionOn = (clusterId: string, name = 'azureml') => `${clusterId}/providers/Microsoft.KubernetesConfiguration/extensions/${name}`;
const ARC_EDGE = `/subscriptions/${EDGE}/resourceGroups/rg-edge-stores/providers/Microsoft.Kubernetes/connectedClusters/arc-k3s-edge`;

test.describe('extension status page on the sandbox', () => {
  test('a seeded AKS install: Succeeded, every component Ready, settings shown, a way home', async ({ page }) => {
    const status = new StatusPage(page);
    await status.open(extensionOn(aksCluster('rg-ml-prod-eastus', 'aks-prod-eastus')), 'azureml');

    await expect(status.provisioningState).toHaveText('Succeeded');
    await expect(status.componentRow('azureml-fe-v2')).toContainText('3/3');
    await status.expectAllComponentsReady();
    await expect(status.settingRow('enableInference')).toContainText('True');
    await expect(status.explanation).toHaveCount(0);
    await expect(status.allClusters).toHaveAttribute('href', '/');
  });

  test('a seeded Arc install: components read through the registered kubeconfig', async ({ page }) => {
    const status = new StatusPage(page);
    await status.open(extensionOn(ARC_EDGE), 'azureml');

    await expect(status.componentRow('relayserver')).toContainText('Ready');
    await expect(status.componentRow('aml-operator')).toContainText('Ready');
    await expect(status.componentRow('azureml-fe-v2')).toHaveCount(0);
  });

  test('install, watch every component become Ready, update with impact confirmation, delete', async ({ page, request }) => {
    test.setTimeout(120_000);
    const clusterId = aksCluster('rg-ml-prod-westeurope', 'aks-prod-westeurope');
    const id = await new ExtensionsApi(request).create(clusterId, 'azureml', {
      enableTraining: 'True',
      enableInference: 'True',
      inferenceRouterServiceType: 'LoadBalancer',
      allowInsecureConnections: 'True',
    });
    const status = new StatusPage(page);
    await status.open(id, 'azureml');

    await expect(status.provisioningState).toHaveText('Succeeded', { timeout: 30_000 });
    await status.expectAllComponentsReady();
    await expect(status.componentRow('aml-operator')).toBeVisible();

    await status.updateSetting('enableTraining', 'False');
    await expect(status.impacts).toContainText('Turning training off');
    await expect(status.submitUpdate).toBeDisabled();
    await status.confirmImpactsAndUpdate();
    await expect(status.settingRow('enableTraining')).toContainText('False', { timeout: 30_000 });
    await expect(status.provisioningState).toHaveText('Succeeded', { timeout: 30_000 });
    await status.expectAllComponentsReady();
    await expect(status.componentRow('aml-operator')).toHaveCount(0);

    await status.deleteExtension('azureml');
    await expect(status.deletedNotice).toBeVisible({ timeout: 30_000 });
    await expect(status.provisioningState).toHaveText('Deleted');
    await status.backToClusters.click();
    await expect(page).toHaveURL(/\/$/);
  });

  test('an install that fails E40002 explains the fix', async ({ page, request }) => {
    test.setTimeout(90_000);
    const id = await new ExtensionsApi(request).create(aksCluster('rg-ml-prod-eastus', 'aks-fails-ha'), 'azureml', {
      enableInference: 'True',
      inferenceRouterServiceType: 'LoadBalancer',
      allowInsecureConnections: 'True',
    });
    const status = new StatusPage(page);
    await status.open(id, 'azureml');

    await expect(status.provisioningState).toHaveText('Failed', { timeout: 30_000 });
    await expect(status.explanation).toContainText('E40002');
    await expect(status.explanation).toContainText('inferenceRouterHA=False');

    // Leave the sandbox as found, and cover force delete on the way.
    await status.deleteExtension('azureml', { force: true });
    await expect(status.deletedNotice).toBeVisible({ timeout: 30_000 });
  });
});
