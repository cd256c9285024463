import { expect, test, type Page } from '@playwright/test';

import { AccessibilityAudit, describeFindings } from './pages/accessibility-audit';
import { AuditPage } from './pages/audit-page';
import { ClustersPage } from './pages/clusters-page';
import { DeployedExtensions, DeployPage, extensionOn } from './pages/deploy-page';
import { FleetPage } from './pages/fleet-page';
import { PortalInLanguage } from './pages/language';
import { NotFoundPage } from './pages/not-found-page';
import { SandboxAuthorizePage } from './pages/sandbox-authorize-page';
import { seededCluster } from './pages/sandbox-emulator';
import { SignInPage } from './pages/sign-in-page';
import { ExtensionsApi, StatusPage } from './pages/status-page';
import { UpdatePage } from './pages/update-page';

/**
 * Every page of the portal, and the wizard at each of its steps, against axe-core's WCAG 2.1 A/AA
 * rules: no serious or critical violation. Soft assertions, so one run lists every page's problems.
 */

/** Runs axe on the page as it is now; a serious or critical violation fails the test, naming rule, impact and elements. */
async function expectAccessible(page: Page, where: string) {
  const audit = new AccessibilityAudit(page);
  const all = await audit.violations();
  test.info().annotations.push({ type: 'axe', description: `${where}: ${all.length} violation(s)` });
  for (const finding of all.filter((candidate) => candidate.impact !== 'serious' && candidate.impact !== 'critical')) {
    test.info().annotations.push({ type: 'axe, not failing', description: `${where}: ${describeFindings([finding])}` });
  }
  const failing = all.filter((finding) => finding.impact === 'serious' || finding.impact === 'critical');
  expect.soft(failing.map((finding) => describeFindings([finding])), `serious or critical axe violations on ${where}`).toEqual([]);
}

/** Walks the wizard through all five steps (inference on, so the router step is there), checking each, and a refused Next. */
async function auditWizard(page: Page, scheme: string) {
  const wizard = new DeployPage(page);
  await wizard.open();
  await expectAccessible(page, `wizard, cluster step, nothing picked (${scheme})`);

  // A cluster whose preflight blocks: the error finding and its fix are on screen.
  await wizard.pickCluster('aks-service-principal');
  await expect(wizard.preflightFindings).toBeVisible();
  await expectAccessible(page, `wizard, cluster step, blocking preflight (${scheme})`);

  // A cluster with a warning: Next is allowed.
  await wizard.pickCluster('aks-gpu-nc');
  await expectAccessible(page, `wizard, cluster step, preflight warning (${scheme})`);
  await wizard.next.click();

  await wizard.expectStep('Workload');
  await wizard.chooseWorkload('Training and inference');
  await expectAccessible(page, `wizard, workload step (${scheme})`);
  await wizard.next.click();

  await wizard.expectStep('Inference router');
  await expectAccessible(page, `wizard, router step (${scheme})`);
  // Refused: a Kubernetes secret without its name or host name.
  await wizard.chooseTls('HTTPS with a Kubernetes secret');
  await wizard.next.click();
  await expect(wizard.fieldErrors.first()).toBeVisible();
  await wizard.expectStep('Inference router');
  await expectAccessible(page, `wizard, router step with validation errors (${scheme})`);
  await wizard.chooseTls('HTTP only (dev/test)');
  await wizard.next.click();

  await wizard.expectStep('Advanced');
  await wizard.addNodeSelector('accelerator', 'nvidia');
  await expectAccessible(page, `wizard, advanced step (${scheme})`);
  await wizard.next.click();

  await wizard.expectPlanned();
  await expectAccessible(page, `wizard, review step (${scheme})`);

  await page.getByRole('button', { name: 'Import settings' }).click();
  await expect(wizard.importDialog).toBeVisible();
  await expectAccessible(page, `wizard, import dialog (${scheme})`);
}

test.describe('accessibility: no serious or critical axe violation (WCAG 2.1 A/AA)', () => {
  test.describe('signed out', () => {
    test.use({ storageState: { cookies: [], origins: [] } });

    test('sign-in page', async ({ page }) => {
      await new SignInPage(page).open();
      await expectAccessible(page, 'sign-in');
    });

    test('sandbox authorize page', async ({ page }) => {
      await new SandboxAuthorizePage(page).open();
      await expectAccessible(page, 'sandbox authorize');
    });
  });

  test('home', async ({ page }) => {
    const clusters = new ClustersPage(page);
    await clusters.open();
    await expect(clusters.row('aks-prod-eastus')).toBeVisible();
    await expectAccessible(page, 'home');
  });

  test('deploy wizard, every step, a validation error and the import dialog', async ({ page }) => {
    test.setTimeout(120_000);
    await auditWizard(page, 'light');
  });

  test('fleet', async ({ page }) => {
    const fleet = new FleetPage(page);
    await fleet.open();
    await expect(fleet.row('aks-prod-eastus')).toBeVisible();
    await expectAccessible(page, 'fleet');
  });

  test('audit trail', async ({ page }) => {
    await new AuditPage(page).open();
    await expectAccessible(page, 'audit');
  });

  test('not found', async ({ page }) => {
    await new NotFoundPage(page).open();
    await expectAccessible(page, 'not found');
  });

  test.describe('status page of an installed extension, its update and delete dialogs', () => {
    /**
     * aks-authorized-ip-ranges: installable (its preflight only warns); the only other spec that
     * installs there (secret-hygiene) runs later, and this one removes its extension first.
     */
    const cluster = seededCluster('aks-authorized-ip-ranges');
    const id = extensionOn(cluster.id);

    test.afterAll(async ({ request }) => {
      await new DeployedExtensions(request).removeIfInstalled(id);
    });

    test('status, update wizard and its review, delete dialog', async ({ page, request }) => {
      test.setTimeout(120_000);
      await new ExtensionsApi(request).create(cluster.id, 'azureml', {
        enableTraining: 'True',
        enableInference: 'True',
        inferenceRouterServiceType: 'LoadBalancer',
        allowInsecureConnections: 'True',
      });
      const status = new StatusPage(page);
      await status.open(id, 'azureml');
      await status.expectSucceededAndReady();
      await expectAccessible(page, 'extension status');

      const update = new UpdatePage(page);
      await update.openFromStatusPage('azureml', cluster.name);
      await expectAccessible(page, 'update wizard');
      await update.fields.chooseWorkload('Training');
      await update.toReview();
      await expectAccessible(page, 'update review with impacts');
      await page.getByRole('link', { name: 'Cancel', exact: true }).click();
      await status.expectSucceededAndReady();

      await status.openDeleteDialog();
      await expectAccessible(page, 'delete dialog');
      await status.cancelDialog();
    });
  });

  test.describe('dark colour scheme', () => {
    test.use({ colorScheme: 'dark' });

    test('home (dark)', async ({ page }) => {
      const clusters = new ClustersPage(page);
      await clusters.open();
      await expect(clusters.row('aks-prod-eastus')).toBeVisible();
      await expectAccessible(page, 'home (dark)');
    });

    test('deploy wizard, every step (dark)', async ({ page }) => {
      test.setTimeout(120_000);
      await auditWizard(page, 'dark');
    });

    test('fleet and not found (dark)', async ({ page }) => {
      const fleet = new FleetPage(page);
      await fleet.open();
      await expect(fleet.row('aks-prod-eastus')).toBeVisible();
      await expectAccessible(page, 'fleet (dark)');
      await new NotFoundPage(page).open();
      await expectAccessible(page, 'not found (dark)');
    });
  });

  test.describe('Brazilian Portuguese', () => {
    test.use({ locale: 'pt-BR' });

    test('home (pt-BR)', async ({ page }) => {
      await new PortalInLanguage(page, 'pt-BR').openHome();
      await expectAccessible(page, 'home (pt-BR)');
    });
  });
});
