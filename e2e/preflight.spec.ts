import { expect, test } from '@playwright/test';

import { DeployPage } from './pages/deploy-page';
import { SandboxEmulator } from './pages/sandbox-emulator';

const RESEARCH = 'b2d94e1a-3c6f-4e8a-8f17-5a9c0d2e4b68';
const UNREGISTERED_CLUSTER = `/subscriptions/${RESEARCH}/resourceGroups/rg-research/providers/Microsoft.ContainerService/managedClusters/aks-research-unregistered`;

test.describe('preflight in the wizard', () => {
  test('the API refuses a blocked cluster with its findings and writes nothing', async ({ request }) => {
    const emulator = SandboxEmulator.fromDataDir();
    const before = await emulator.stats();
    const response = await request.post('/api/v1/extensions', {
      headers: { authorization: 'Bearer sandbox' },
      data: { clusterId: UNREGISTERED_CLUSTER, name: 'azureml', configurationSettings: { enableTraining: 'True' }, configurationProtectedSettings: {} },
    });
    expect(response.status()).toBe(409);
    const body = (await response.json()) as { findings: Array<{ code: string; severity: string }> };
    expect(body.findings).toContainEqual(expect.objectContaining({ code: 'provider-not-registered', severity: 'error' }));

    const listed = await request.get(`/api/v1/extensions?clusterId=${encodeURIComponent(UNREGISTERED_CLUSTER)}`, {
      headers: { authorization: 'Bearer sandbox' },
    });
    // Microsoft.KubernetesConfiguration is not registered there, so not even a list can succeed:
    // what matters is that no extension exists, and that ARM accepted no write meanwhile.
    if (listed.ok()) expect(((await listed.json()) as { value: unknown[] }).value).toHaveLength(0);
    expect((await emulator.stats()).armWritesAccepted - before.armWritesAccepted, 'writes ARM accepted').toBe(0);
  });

  test('registering the provider unblocks the cluster in the unregistered subscription', async ({ page }) => {
    const wizard = new DeployPage(page);
    await wizard.open();
    await wizard.pickCluster('aks-research-unregistered');

    await expect(wizard.preflightFindings).toContainText('Blocks the install');
    await expect(wizard.preflightFindings).toContainText('Microsoft.KubernetesConfiguration');
    await expect(wizard.next).toBeDisabled();

    await page.getByRole('button', { name: 'Register Microsoft.KubernetesConfiguration' }).click();

    await expect(wizard.preflightFindings).not.toContainText('Blocks the install', { timeout: 30_000 });
    await expect(wizard.next).toBeEnabled();
  });
});
