import { expect, test } from '@playwright/test';

import { SETTLED_INTERVAL_MS, SETTLED_POLL_MS } from '../lib/domain/watch-cadence';
import { BorrowedCluster } from './pages/borrowed-cluster';
import { DeployedExtensions } from './pages/deploy-page';
import { SandboxEmulator } from './pages/sandbox-emulator';
import { StatusPage } from './pages/status-page';

/**
 * A status page left open (issue 15): it keeps watching a healthy install, sees a component that
 * degrades an hour later, refreshes on demand, reads nothing while its tab is hidden, and keeps
 * the provisioning history across a reload. The seeded install on aks-prod-eastus is watched; the
 * one test that changes its scenario gives it back as the seed left it.
 */

/**
 * Lets a test hide and show the tab: headless Chromium keeps every page visible, so the page's
 * `document.visibilityState` is driven here, and the `visibilitychange` event fired, as a
 * browser does when the user switches tabs.
 */
async function controllableVisibility(page: import('@playwright/test').Page) {
  await page.addInitScript(() => {
    let hidden = false;
    Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
    Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => hidden });
    (window as unknown as { setTabHidden: (value: boolean) => void }).setTabHidden = (value: boolean) => {
      hidden = value;
      document.dispatchEvent(new Event('visibilitychange'));
    };
  });
  return (hidden: boolean) => page.evaluate((value) => (window as unknown as { setTabHidden: (v: boolean) => void }).setTabHidden(value), hidden);
}

test.describe('a status page left open', () => {
  test('sees a component start crash-looping after the install was healthy, within one settled interval, with no reload', async ({ page, request }) => {
    test.setTimeout(SETTLED_INTERVAL_MS * 2 + 60_000);
    const emulator = SandboxEmulator.fromDataDir();
    const cluster = new BorrowedCluster('aks-prod-eastus', emulator, false);
    const status = new StatusPage(page);
    try {
      await status.open(cluster.extensionId, 'azureml');
      await expect(status.health).toHaveText(/^Healthy: (\d+) of \1 components ready$/);
      const navigations = status.recordNavigations();
      // Settled and healthy: the page keeps polling at the settled pace.
      await page.waitForTimeout(SETTLED_POLL_MS / 2);

      await emulator.setScenario(cluster.name, 'crash-looping-component');
      const degradedBy = Date.now() + SETTLED_INTERVAL_MS + 5_000;
      await expect(status.health).toHaveText('Degraded: azureml-fe-v2 crash-looping', { timeout: SETTLED_INTERVAL_MS + 5_000 });
      expect(Date.now()).toBeLessThan(degradedBy);
      await expect(status.componentRow('azureml-fe-v2')).toContainText('CrashLoopBackOff');
      await expect(status.explanation).toBeVisible();
      expect(navigations()).toEqual([]);
    } finally {
      await cluster.giveBack(new DeployedExtensions(request));
    }
  });

  test('Refresh reads now, not a shared recent read; a hidden tab reads nothing and reads again when shown', async ({ page, request }) => {
    const setHidden = await controllableVisibility(page);
    const emulator = SandboxEmulator.fromDataDir();
    const cluster = new BorrowedCluster('aks-prod-eastus', emulator, false);
    const status = new StatusPage(page);
    try {
      await status.open(cluster.extensionId, 'azureml');
      // A test before may have left it crash-looping moments ago: a shared read is up to one window old.
      await expect(status.health).toHaveText(/^Healthy/, { timeout: SETTLED_INTERVAL_MS + 5_000 });
      const reads = status.recordStatusReads();

      // The cluster changes; Refresh shows it at once (the next poll is a settled interval away).
      await emulator.setScenario(cluster.name, 'crash-looping-component');
      const before = await status.lastUpdated.getAttribute('datetime');
      await status.refreshButton.click();
      await expect(status.health).toHaveText('Degraded: azureml-fe-v2 crash-looping', { timeout: 5_000 });
      expect(reads()).toBe(1);
      await expect(status.lastUpdated).not.toHaveAttribute('datetime', before ?? '');
      await emulator.restoreScenario(cluster.name);
      await status.refreshButton.click();
      await expect(status.health).toHaveText(/^Healthy/, { timeout: 5_000 });

      await setHidden(true);
      const hiddenAt = reads();
      // Longer than the settled cadence: a visible page would have read again by now.
      await page.waitForTimeout(SETTLED_POLL_MS + 3_000);
      expect(reads() - hiddenAt, 'status reads while the tab was hidden').toBe(0);
      await expect(page.getByText('Paused while this tab is hidden')).toBeVisible();

      await setHidden(false);
      await expect.poll(reads, { timeout: 5_000 }).toBe(hiddenAt + 1);
      await expect(page.getByText('Paused while this tab is hidden')).toHaveCount(0);
    } finally {
      await cluster.giveBack(new DeployedExtensions(request));
    }
  });

  test('keeps the provisioning history across a reload: the states the portal saw, with the times it saw them', async ({ page }) => {
    const status = new StatusPage(page);
    const cluster = new BorrowedCluster('aks-prod-eastus', SandboxEmulator.fromDataDir(), false);
    await status.open(cluster.extensionId, 'azureml');
    await expect(status.timeline).toContainText('Succeeded');
    const seen = await status.timeline.textContent();
    await page.reload();
    await expect(status.timeline).toContainText('Succeeded');
    expect(await status.timeline.textContent()).toBe(seen);
  });

  test("says how to use the seed's HTTPS install: the router's endpoint, the scoring URL and the DNS record for sslCname", async ({ page }) => {
    const status = new StatusPage(page);
    await status.open(new BorrowedCluster('aks-prod-eastus', SandboxEmulator.fromDataDir(), false).extensionId, 'azureml');
    const endpoint = page.getByRole('group', { name: 'Inference endpoint' });
    const fields = endpoint.getByRole('definition');
    await expect(fields.nth(0)).toHaveText('LoadBalancer');
    await expect(fields.nth(1)).toHaveText(/^20\.\d+\.\d+\.\d+$/);
    const address = (await fields.nth(1).textContent()) ?? '';
    await expect(fields.nth(2)).toHaveText('443');
    await expect(fields.nth(3)).toHaveText('HTTPS');
    await expect(endpoint).toContainText('https://ml.contoso.example/api/v1/endpoint/<endpoint-name>/score');
    const dns = endpoint.getByRole('region', { name: 'DNS record for ml.contoso.example' });
    await expect(dns).toContainText(`ml.contoso.example. A ${address}`);
    // .example never resolves: NXDOMAIN where the portal has DNS, no answer where it has none (CI).
    await expect(dns.getByRole('status')).toHaveText(/finds no record for ml\.contoso\.example|could not check ml\.contoso\.example/);
  });
});
