import { expect, test } from '@playwright/test';

import { ClustersPage } from './pages/clusters-page';
import { DeployPage, SANDBOX_CLUSTERS } from './pages/deploy-page';
import { FleetPage } from './pages/fleet-page';
import { SignInPage } from './pages/sign-in-page';
import { StatusPage } from './pages/status-page';
import { UpdatePage } from './pages/update-page';

const PROD = '6f1c2a4e-8b3d-4c57-9a2e-1d0b5c7e9f31';
const SEEDED_AKS_EXTENSION = `/subscriptions/${PROD}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/aks-prod-eastus/providers/Microsoft.KubernetesConfiguration/extensions/azureml`;
const WRITE_PERMISSION = 'Microsoft.KubernetesConfiguration/extensions/write';
const DELETE_PERMISSION = 'Microsoft.KubernetesConfiguration/extensions/delete';

// These specs start signed out: they sign in themselves, as different sandbox users.
test.use({ storageState: { cookies: [], origins: [] } });

test.describe('sign-in', () => {
  test('a page without a session goes to sign-in, and back to that page after signing in', async ({ page }) => {
    await page.goto('/fleet');
    const signIn = new SignInPage(page);
    await signIn.expectRedirectedHere('/fleet');
    await signIn.signInAs('owner');
    await expect(page).toHaveURL((url) => url.pathname === '/fleet');
    await expect(new FleetPage(page).table).toBeVisible();
  });

  test('sign-in never returns to another site', async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.open('https://evil.example/');
    await signIn.signInAs('owner');
    await expect(page).toHaveURL((url) => url.origin !== 'https://evil.example' && url.pathname === '/');
  });

  test('sign-out ends the session: pages and the API refuse until signing in again', async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.open('/');
    await signIn.signInAs('contributor');
    await expect(new ClustersPage(page).row('aks-prod-eastus')).toHaveCount(1);
    // The contributor sees only the subscription their role covers.
    await expect(new ClustersPage(page).row('arc-k3s-edge')).toHaveCount(0);

    await signIn.signOutNow();
    expect((await page.request.get('/api/v1/clusters')).status()).toBe(401);
    await page.goto('/audit');
    await signIn.expectRedirectedHere('/audit');
  });

  test('the API answers 401 without credentials and accepts the browser session', async ({ page }) => {
    expect((await page.request.get('/api/v1/clusters')).status()).toBe(401);
    const signIn = new SignInPage(page);
    await signIn.open('/');
    await signIn.signInAs('reader');
    expect((await page.request.get('/api/v1/clusters')).status()).toBe(200);
  });
});

test.describe('a read-only user', () => {
  test.describe.configure({ timeout: 120_000 });

  test.beforeEach(async ({ page }) => {
    const signIn = new SignInPage(page);
    await signIn.open('/');
    await signIn.signInAs('reader');
  });

  test('deploy: the cluster step says the role cannot install, and which permission is missing, before any other step', async ({ page }) => {
    const wizard = new DeployPage(page);
    await wizard.openOn(SANDBOX_CLUSTERS.aksProdWesteurope, 'aks-prod-westeurope');
    const finding = wizard.preflightFindings.getByRole('listitem').filter({ hasText: WRITE_PERMISSION });
    await expect(finding).toContainText('cannot install');
    await expect(finding).toContainText('rg-ml-prod-westeurope');
    await expect(wizard.next).toBeDisabled();
  });

  test('status page: update and delete name the missing permission and the cluster', async ({ page }) => {
    const status = new StatusPage(page);
    await status.open(SEEDED_AKS_EXTENSION, 'azureml');
    await expect(status.provisioningState).toHaveText('Succeeded');

    // The update wizard plans (reading is allowed); ARM refuses the PATCH, and the review says why.
    const update = new UpdatePage(page);
    await update.openFromStatusPage('azureml', 'aks-prod-eastus');
    await update.fields.next.click();
    await update.fields.next.click();
    await update.fields.component('Install the DCGM exporter').check();
    await update.toReview();
    await update.update.click();
    const notSent = page.getByRole('alert', { name: 'The update was not sent' });
    await expect(notSent).toContainText(WRITE_PERMISSION);
    await expect(notSent).toContainText('aks-prod-eastus');
    await page.getByRole('link', { name: 'Cancel', exact: true }).click();
    await expect(status.provisioningState).toHaveText('Succeeded');

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await status.deleteDialog.getByRole('textbox', { name: 'Type azureml to confirm' }).fill('azureml');
    await status.deleteDialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(status.deleteDialog).toContainText(DELETE_PERMISSION);
    await expect(status.deleteDialog).toContainText('aks-prod-eastus');
  });
});
