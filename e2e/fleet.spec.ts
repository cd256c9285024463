import { expect, test } from '@playwright/test';

import { FleetPage } from './pages/fleet-page';

test.describe('fleet page on the sandbox', () => {
  test('lists the seeded AzureML extensions of both subscriptions with type, region, version and state', async ({ page }) => {
    const fleet = new FleetPage(page);
    await fleet.open();

    const aks = fleet.row('aks-prod-eastus');
    await expect(aks).toHaveCount(1);
    await expect(aks).toContainText('AKS');
    await expect(aks).toContainText('Contoso ML Production');
    await expect(aks).toContainText('eastus');
    await expect(aks).toContainText('1.1.64');
    await expect(aks).toContainText('Succeeded');
    await expect(aks).toContainText('Open for component health');

    const arc = fleet.row('arc-k3s-edge');
    await expect(arc).toHaveCount(1);
    await expect(arc).toContainText('Arc');
    await expect(arc).toContainText('Contoso ML Edge');
    await expect(fleet.lastUpdated).toBeVisible();
  });

  test('filters by type and subscription, and search narrows the table', async ({ page }) => {
    const fleet = new FleetPage(page);
    await fleet.open();

    await fleet.filterByType('Arc');
    await expect(fleet.row('arc-k3s-edge')).toHaveCount(1);
    await expect(fleet.row('aks-prod-eastus')).toHaveCount(0);

    await fleet.filterByType('All types');
    await fleet.filterBySubscription('Contoso ML Production');
    await expect(fleet.row('aks-prod-eastus')).toHaveCount(1);
    await expect(fleet.row('arc-k3s-edge')).toHaveCount(0);

    await fleet.filterBySubscription('All subscriptions');
    await fleet.searchFor('k3s');
    await expect(fleet.row('arc-k3s-edge')).toHaveCount(1);
    await expect(fleet.row('aks-prod-eastus')).toHaveCount(0);
  });

  test('refreshes without reloading the page', async ({ page }) => {
    const fleet = new FleetPage(page);
    await fleet.open();
    const listing = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/v1/extensions');
    await fleet.refreshButton.click();
    expect((await listing).status(), 'GET /api/v1/extensions (fleet listing)').toBe(200);
    await expect(fleet.lastUpdated).toBeVisible();
    await expect(fleet.row('aks-prod-eastus')).toHaveCount(1);
  });

  test('a row links to the extension’s status page', async ({ page }) => {
    const fleet = new FleetPage(page);
    await fleet.open();
    await fleet.openStatusOf('arc-k3s-edge');
    await expect(page).toHaveURL(/\/resource\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Kubernetes\/connectedClusters\/arc-k3s-edge\/providers\/Microsoft\.KubernetesConfiguration\/extensions\/azureml$/i);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });
});
