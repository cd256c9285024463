import { expect, test } from '@playwright/test';
import { SEEDED_WORLD } from '../lib/sandbox/world';
import { ClustersPage } from './pages/clusters-page';

test.describe('home page on the sandbox', () => {
  test('lists every seeded AKS and Arc cluster under the sandbox banner', async ({ page }) => {
    const clusters = new ClustersPage(page);
    await clusters.open();

    await expect(clusters.sandboxBanner).toBeVisible();
    for (const cluster of SEEDED_WORLD.clusters) {
      await expect(clusters.row(cluster.name), cluster.name).toHaveCount(1);
    }
  });

  test('shows type, nodes and the installed AzureML extension of a cluster', async ({ page }) => {
    const clusters = new ClustersPage(page);
    await clusters.open();

    const installed = clusters.row('aks-prod-eastus');
    await expect(installed).toContainText('AKS');
    await expect(installed).toContainText('eastus');
    await expect(installed).toContainText('azureml');
    await expect(installed).toContainText('Succeeded');

    const arc = clusters.row('arc-openshift-factory');
    await expect(arc).toContainText('Arc (openshift)');
    await expect(arc).toContainText('Not installed');

    await expect(clusters.row('arc-offline-store')).toContainText('Offline');
  });

  test('search narrows the table', async ({ page }) => {
    const clusters = new ClustersPage(page);
    await clusters.open();

    await clusters.searchFor('arc-');
    await expect(clusters.row('arc-k3s-edge')).toHaveCount(1);
    await expect(clusters.row('aks-prod-eastus')).toHaveCount(0);
  });
});
