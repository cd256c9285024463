import { expect, test } from '@playwright/test';

import { extensionOn } from './pages/deploy-page';
import { seededCluster } from './pages/sandbox-emulator';
import { ExtensionsApi, StatusPage } from './pages/status-page';
import { UpdatePage } from './pages/update-page';

test.describe('extension status page on the sandbox', () => {
  test('a seeded AKS install: Succeeded, every component Ready, settings shown, a way home', async ({ page }) => {
    const status = new StatusPage(page);
    await status.open(extensionOn(seededCluster('aks-prod-eastus').id), 'azureml');

    await expect(status.provisioningState).toHaveText('Succeeded');
    await expect(status.componentRow('azureml-fe-v2')).toContainText('3/3');
    await status.expectAllComponentsReady();
    await expect(status.settingRow('enableInference')).toContainText('True');
    await expect(status.explanation).toHaveCount(0);
    await expect(status.allClusters).toHaveAttribute('href', '/');
  });

  test('a seeded Arc install: components read through the registered kubeconfig', async ({ page }) => {
    const status = new StatusPage(page);
    await status.open(extensionOn(seededCluster('arc-k3s-edge').id), 'azureml');

    await expect(status.componentRow('relayserver')).toContainText('Ready');
    await expect(status.componentRow('aml-operator')).toContainText('Ready');
    await expect(status.componentRow('azureml-fe-v2')).toHaveCount(0);
  });

  test('install, watch every component become Ready, update with impact confirmation, delete', async ({ page, request }) => {
    test.setTimeout(120_000);
    const clusterId = seededCluster('aks-prod-westeurope').id;
    const id = await new ExtensionsApi(request).create(clusterId, 'azureml', {
      enableTraining: 'True',
      enableInference: 'True',
      inferenceRouterServiceType: 'LoadBalancer',
      allowInsecureConnections: 'True',
    });
    const status = new StatusPage(page);
    await status.open(id, 'azureml');

    await status.expectSucceededAndReady();
    await expect(status.componentRow('aml-operator')).toBeVisible();

    // Update through the wizard: training off is an impact, and Update waits for its confirmation.
    const update = new UpdatePage(page);
    await update.openFromStatusPage('azureml', 'aks-prod-westeurope');
    await update.fields.chooseWorkload('Inference');
    await update.toReview();
    await expect(update.impacts).toContainText('Turning training off');
    await expect(update.update).toBeDisabled();
    await update.confirmAndSend();
    await expect(status.settingRow('enableTraining')).toContainText('False', { timeout: 30_000 });
    await status.expectSucceededAndReady();
    await expect(status.componentRow('aml-operator')).toHaveCount(0);

    await status.deleteExtension('azureml');
    await expect(status.deletedNotice).toBeVisible({ timeout: 30_000 });
    await expect(status.provisioningState).toHaveText('Deleted');
    await status.backToClusters.click();
    await expect(page).toHaveURL(/\/$/);
  });

  test('an install that fails E40002 explains the fix', async ({ page, request }) => {
    test.setTimeout(90_000);
    const id = await new ExtensionsApi(request).create(seededCluster('aks-fails-ha').id, 'azureml', {
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
