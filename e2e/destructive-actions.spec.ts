import { expect, test } from '@playwright/test';

import { ComputedColour } from './pages/computed-colour';
import { extensionOn } from './pages/deploy-page';
import { seededCluster } from './pages/sandbox-emulator';
import { StatusPage } from './pages/status-page';

const AKS_PROD = seededCluster('aks-prod-eastus').id;

test.describe('destructive actions look destructive', () => {
  test("the delete dialog's confirm button is in the danger colour, and its Cancel is not", async ({ page }) => {
    const status = new StatusPage(page);
    const colour = new ComputedColour(page);
    await status.open(extensionOn(AKS_PROD), 'azureml');
    await status.openDeleteDialog();
    await status.deleteDialog.getByRole('textbox', { name: 'Type azureml to confirm' }).fill('azureml');
    const confirm = status.deleteDialog.getByRole('button', { name: 'Delete', exact: true });
    await expect(confirm).toBeEnabled();

    const danger = await colour.ofToken('colorStatusDangerBackground3');
    expect(danger).not.toBe('rgba(0, 0, 0, 0)');
    expect(await colour.backgroundOf(confirm)).toBe(danger);
    expect(await colour.backgroundOf(status.deleteDialog.getByRole('button', { name: 'Cancel', exact: true }))).not.toBe(danger);
    // Nothing deleted: the sandbox stays as found.
    await status.cancelDialog();
  });
});
