import { expect, test } from '@playwright/test';

import { DeployPage, SANDBOX_CLUSTERS } from './pages/deploy-page';
import { InstallExports, type ExportFormatLabel } from './pages/install-exports';

test.describe('install review: the install as code', () => {
  test('says LoadBalancer as the router step did, and each export downloads as the text shown, named after cluster and format', async ({ page }) => {
    const wizard = new DeployPage(page);
    const exports = new InstallExports(page);
    await wizard.openOn(SANDBOX_CLUSTERS.aksTwoNodes, 'aks-two-nodes');
    await wizard.next.click();
    await wizard.chooseWorkload('Inference');
    await wizard.next.click();
    await wizard.expectStep('Inference router');
    await wizard.chooseServiceType('LoadBalancer');
    await wizard.chooseTls('HTTP only (dev/test)');
    await wizard.next.click();
    await wizard.planFromAdvanced();

    // The words of the step; the body keeps the CLI's camelCase.
    await expect(page.getByRole('definition').filter({ hasText: /^LoadBalancer/ })).toBeVisible();
    await expect(page.getByRole('definition').filter({ hasText: /^loadBalancer/ })).toHaveCount(0);
    await expect(wizard.armBody).toContainText('"inferenceRouterServiceType": "loadBalancer"');

    const expected: Record<ExportFormatLabel, string> = { 'az CLI': 'azureml-aks-two-nodes.sh', Bicep: 'azureml-aks-two-nodes.bicep', Terraform: 'azureml-aks-two-nodes.tf' };
    for (const format of ['az CLI', 'Bicep', 'Terraform'] as const) {
      await exports.choose(format);
      const file = await exports.download(format);
      expect(file.fileName).toBe(expected[format]);
      expect(file.text.trim()).toBe(file.shown.trim());
      expect(file.text.length).toBeGreaterThan(50);
    }
  });

  test('the CLI text wraps at spaces, breaking only a token longer than the line', async ({ page }) => {
    const wizard = new DeployPage(page);
    const exports = new InstallExports(page);
    await wizard.openOn(SANDBOX_CLUSTERS.arcSingleNode, 'arc-single-node');
    await wizard.next.click();
    await wizard.chooseWorkload('Training');
    await wizard.next.click();
    await wizard.planFromAdvanced();
    expect(await exports.wrapping('az CLI')).toEqual({ wordBreak: 'normal', overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' });
  });
});
