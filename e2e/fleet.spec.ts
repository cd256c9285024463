import { expect, test } from '@playwright/test';

import { installThroughApi } from './pages/audit-page';
import { DeployedExtensions, extensionOn } from './pages/deploy-page';
import { FleetPage } from './pages/fleet-page';
import { SandboxEmulator, seededCluster } from './pages/sandbox-emulator';

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
    // From the store, or read in the background while the page shows "Checking…" and reads again.
    await expect(fleet.healthCell('aks-prod-eastus')).toContainText(/Healthy: \d+ of \d+ components ready/);

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

  test('a crash-looping extension shows degraded in its Health cell, checked in the background', async ({ page, request }) => {
    const emulator = SandboxEmulator.fromDataDir();
    const cluster = seededCluster('aks-crash-loop');
    // A name no earlier spec's status page has seen, so the portal remembers no summary of it.
    const name = `fleet-health-${Date.now().toString(36)}`;
    const extensionId = extensionOn(cluster.id, name);
    const deployed = new DeployedExtensions(request);
    await emulator.setScenario(cluster.name, 'crash-looping-component');
    try {
      const response = await installThroughApi(request, 'sandbox', { clusterId: cluster.id, name, configurationSettings: { enableTraining: 'True' }, configurationProtectedSettings: {} });
      expect(response.status(), await response.text()).toBe(202);
      // Installed, seen through the cluster's extension list only: a status read would remember its health.
      await expect
        .poll(async () => {
          const listed = await request.get(`/api/v1/extensions?clusterId=${encodeURIComponent(cluster.id)}`, { headers: { authorization: 'Bearer sandbox' } });
          const body = (await listed.json()) as { value?: Array<{ name: string; provisioningState?: string }> };
          return body.value?.find((extension) => extension.name === name)?.provisioningState;
        }, { timeout: 30_000 })
        .toBe('Succeeded');

      const fleet = new FleetPage(page);
      await fleet.open();
      // The first listing has nothing remembered: the row says so, the cluster is read after the response...
      await expect(fleet.healthCell(cluster.name, name)).toHaveText('Checking…');
      // ... and the page reads the listing again while rows are checked.
      await expect(fleet.healthCell(cluster.name, name)).toContainText(/^Degraded: \S+ crash-looping/);
      await expect(await fleet.healthTooltipOf(cluster.name, name)).toContainText(/^Checked /);
    } finally {
      await emulator.restoreScenario(cluster.name);
      await deployed.removeIfInstalled(extensionId);
    }
  });
});
