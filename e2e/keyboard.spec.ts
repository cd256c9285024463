import { expect, test } from '@playwright/test';

import { DeployedExtensions, DeployPage, extensionOn } from './pages/deploy-page';
import { KeyboardUser } from './pages/keyboard-user';
import { seededCluster } from './pages/sandbox-emulator';

/**
 * aks-fails-ha: its preflight is clean, and with the router's high availability turned off (as
 * this spec does) its install succeeds. status.spec.ts installs there later, after this spec has
 * removed its extension.
 */
const CLUSTER = seededCluster('aks-fails-ha');
const EXTENSION_ID = extensionOn(CLUSTER.id);

test.describe('the deploy wizard with the keyboard alone', () => {
  test.afterAll(async ({ request }) => {
    await new DeployedExtensions(request).removeIfInstalled(EXTENSION_ID);
  });

  test('pick, choose, a refused Next, Back, review and Deploy: Tab, Shift+Tab, Enter, Space and arrows only', async ({ page }) => {
    test.setTimeout(120_000);
    const wizard = new DeployPage(page);
    const keys = new KeyboardUser(page);

    /** After Next or Back the new step's heading has the focus, so a screen reader says where the user is. */
    const expectFocusOnStep = async (title: string) => {
      await wizard.expectStep(title);
      await expect(wizard.stepHeading).toBeFocused();
    };

    await wizard.open();
    await wizard.expectStep('Cluster');
    // The first load leaves the focus alone.
    await expect(wizard.stepHeading).not.toBeFocused();

    // Step 1: search, then pick the one cluster left with Space.
    await keys.typeInto(wizard.clusterSearch, CLUSTER.name);
    await keys.tabTo(wizard.clusterOption(CLUSTER.name));
    await keys.press('Space');
    await expect(wizard.clusterOption(CLUSTER.name)).toBeChecked();
    await expect(wizard.preflightDone).toBeVisible();
    await keys.tabTo(wizard.next);
    await keys.press('Enter');
    await expectFocusOnStep('Workload');

    // Step 2: the arrow keys move the choice from "Training and inference" to "Inference".
    await keys.tabTo(wizard.choice('Training and inference'));
    await keys.press('ArrowUp');
    await expect(wizard.choice('Inference')).toBeChecked();
    await keys.tabTo(wizard.next);
    await keys.press('Enter');
    await expectFocusOnStep('Inference router');

    // Step 3: NodePort, high availability off (Space on the switch), HTTPS from a Kubernetes secret.
    await keys.tabTo(wizard.choice('LoadBalancer'));
    await keys.press('ArrowDown');
    await expect(wizard.choice('NodePort')).toBeChecked();
    await keys.tabTo(wizard.routerHA);
    await keys.press('Space');
    await expect(wizard.routerHA).not.toBeChecked();
    await keys.tabTo(wizard.choice('HTTP only (dev/test)'));
    await keys.press('ArrowDown');
    await expect(wizard.choice('HTTPS with a Kubernetes secret')).toBeChecked();

    // Next without the secret's name: refused, announced, and the focus is on the first field to fix.
    await keys.tabTo(wizard.next);
    await keys.press('Enter');
    await expect(wizard.secretName).toBeFocused();
    await expectFocusOnStepUnchanged();
    const firstError = wizard.fieldErrors.first();
    await expect(firstError).toBeVisible();
    const message = (await firstError.textContent())?.trim() ?? '';
    expect(message, 'the first error says what is missing').not.toBe('');
    await expect(wizard.secretName).toHaveAttribute('aria-invalid', 'true');
    await expect(wizard.secretName).toHaveAccessibleDescription(new RegExp(escapeRegExp(message)));
    await expect(wizard.sslCname).toHaveAttribute('aria-invalid', 'true');

    await keys.type('azureml-tls');
    await keys.typeInto(wizard.sslCname, 'ml.contoso.com');
    await expect(wizard.fieldErrors).toHaveCount(0);
    await keys.tabTo(wizard.next);
    await keys.press('Enter');
    await expectFocusOnStep('Advanced');

    // Step 4: one optional component off, then Back (Shift+Tab from Next) keeps every answer.
    await keys.tabTo(wizard.component('Install the Prometheus operator'));
    await keys.press('Space');
    await expect(wizard.component('Install the Prometheus operator')).not.toBeChecked();
    await keys.tabTo(wizard.next);
    await keys.press('Shift+Tab');
    await expect(wizard.back).toBeFocused();
    await keys.press('Enter');
    await expectFocusOnStep('Inference router');
    await expect(wizard.secretName).toHaveValue('azureml-tls');
    await expect(wizard.choice('NodePort')).toBeChecked();
    await expect(wizard.routerHA).not.toBeChecked();
    await keys.tabTo(wizard.next);
    await keys.press('Enter');
    await expectFocusOnStep('Advanced');
    await expect(wizard.component('Install the Prometheus operator')).not.toBeChecked();
    await keys.tabTo(wizard.next);
    await keys.press('Enter');

    // Step 5: the plan says what was chosen; Deploy with Enter.
    await expectFocusOnStep('Review and deploy');
    await wizard.expectPlanned();
    for (const setting of ['enableTraining=False', 'inferenceRouterServiceType=nodePort', 'inferenceRouterHA=False', 'sslSecret=azureml-tls', 'sslCname=ml.contoso.com', 'installPromOp=False']) {
      await expect(wizard.azCommand).toContainText(setting);
    }
    await keys.tabTo(wizard.deploy);
    await keys.press('Enter');
    await wizard.expectOnStatusPage(EXTENSION_ID);

    /** A refused Next stays on its step. */
    async function expectFocusOnStepUnchanged() {
      await wizard.expectStep('Inference router');
      await expect(wizard.stepHeading).not.toBeFocused();
    }
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
