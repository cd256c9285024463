import { expect, test } from '@playwright/test';

import { ClustersPage } from './pages/clusters-page';
import { DeployPage, extensionOn, SANDBOX_CLUSTERS } from './pages/deploy-page';
import { RenderedLayout } from './pages/rendered-layout';
import { seededCluster } from './pages/sandbox-emulator';
import { StatusPage } from './pages/status-page';

test.describe('issue 18 cosmetics', () => {
  test('an unselected radio label reads in the normal foreground, not the grey of a disabled one', async ({ page }) => {
    const wizard = new DeployPage(page);
    const layout = new RenderedLayout(page);
    await wizard.openOn(SANDBOX_CLUSTERS.aksTwoNodes, 'aks-two-nodes');
    await wizard.next.click();
    await wizard.chooseWorkload('Training');
    const selected = await layout.radioLabelColour(wizard.choice('Training'));
    const unselected = await layout.radioLabelColour(wizard.choice('Inference'));
    expect(unselected).toBe(selected);
    expect(unselected).toBe(await layout.bodyTextColour());
  });

  test('status badges sit centred on their rows: the home table and the status page toolbar', async ({ page }) => {
    const layout = new RenderedLayout(page);
    const clusters = new ClustersPage(page);
    await clusters.open();
    await expect(clusters.row('aks-prod-eastus')).toBeVisible();
    const inTable = await layout.badgeOffsets(clusters.table);
    expect(inTable.length).toBeGreaterThan(2);
    expect(Math.max(...inTable)).toBeLessThanOrEqual(1);

    const status = new StatusPage(page);
    await status.open(extensionOn(seededCluster('aks-prod-eastus').id), 'azureml');
    await status.expectAllComponentsReady();
    const inToolbar = await layout.badgeOffsets(status.provisioningState);
    expect(inToolbar).toHaveLength(1);
    expect(inToolbar[0]).toBeLessThanOrEqual(1);
  });
});
