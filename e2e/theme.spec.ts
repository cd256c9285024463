import { expect, test, type Page } from '@playwright/test';

import { AppFrame, DARK_BELOW, LIGHT_ABOVE } from './pages/app-frame';
import { AuditPage } from './pages/audit-page';
import { ClustersPage } from './pages/clusters-page';
import { DeployPage } from './pages/deploy-page';
import { FleetPage } from './pages/fleet-page';
import { StatusPage } from './pages/status-page';

/** The seeded, installed extension whose status page the layout check opens (lib/sandbox/world.ts). */
const AKS_PROD_EASTUS_AZUREML =
  '/subscriptions/6f1c2a4e-8b3d-4c57-9a2e-1d0b5c7e9f31/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/aks-prod-eastus/providers/Microsoft.KubernetesConfiguration/extensions/azureml';

test.describe('the theme follows the system colour scheme', () => {
  test.describe('dark system', () => {
    test.use({ colorScheme: 'dark' });

    test('the shell and the document are dark', async ({ page }) => {
      await new ClustersPage(page).open();
      const frame = new AppFrame(page);
      expect(await frame.backgroundLuminance('shell')).toBeLessThan(DARK_BELOW);
      expect(await frame.backgroundLuminance('document')).toBeLessThan(DARK_BELOW);
    });
  });

  test.describe('light system', () => {
    test.use({ colorScheme: 'light' });

    test('the shell and the document are light', async ({ page }) => {
      await new ClustersPage(page).open();
      const frame = new AppFrame(page);
      expect(await frame.backgroundLuminance('shell')).toBeGreaterThan(LIGHT_ABOVE);
      expect(await frame.backgroundLuminance('document')).toBeGreaterThan(LIGHT_ABOVE);
    });

    test('switches live when the system setting changes, without a reload', async ({ page }) => {
      await new ClustersPage(page).open();
      const frame = new AppFrame(page);
      await frame.markDocument();

      await frame.preferColorScheme('dark');
      await expect.poll(() => frame.backgroundLuminance()).toBeLessThan(DARK_BELOW);
      await frame.preferColorScheme('light');
      await expect.poll(() => frame.backgroundLuminance()).toBeGreaterThan(LIGHT_ABOVE);
      expect(await frame.isSameDocument()).toBe(true);
    });
  });

  test.describe('first paint, before any script runs', () => {
    // The server cannot know the scheme; the HTML alone must carry both themes, so the page is dark
    // from its first paint instead of flashing light until hydration.
    test.use({ colorScheme: 'dark', javaScriptEnabled: false });

    test('the server-rendered page is already dark', async ({ page }) => {
      const frame = new AppFrame(page);
      await frame.open('/');
      expect(await frame.backgroundLuminance()).toBeLessThan(DARK_BELOW);
      expect(await frame.backgroundLuminance('document')).toBeLessThan(DARK_BELOW);
    });
  });
});

test.describe('the main pages fit a 1280x800 window', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  /** Opens a page and waits for its widest content (a filled table) to be on screen. */
  const pages: Record<string, (page: Page) => Promise<void>> = {
    clusters: async (page) => {
      const clusters = new ClustersPage(page);
      await clusters.open();
      await expect(clusters.row('aks-prod-eastus')).toBeVisible();
    },
    deploy: (page) => new DeployPage(page).open(),
    fleet: async (page) => {
      const fleet = new FleetPage(page);
      await fleet.open();
      await expect(fleet.row('aks-prod-eastus')).toBeVisible();
    },
    // The trail may be empty in a fresh run: its heading is enough.
    audit: (page) => new AuditPage(page).open(),
    'extension status': async (page) => {
      const status = new StatusPage(page);
      await status.open(AKS_PROD_EASTUS_AZUREML, 'azureml');
      await expect(status.componentRow('azureml-fe-v2')).toBeVisible();
    },
  };

  for (const [name, open] of Object.entries(pages)) {
    test(`${name}: no horizontal scroll`, async ({ page }) => {
      await open(page);
      const frame = new AppFrame(page);
      // Resizable DataGrid columns are sized after hydration, from the grid's measured width: the
      // server-rendered table may be wider for a moment. The settled page must fit.
      await expect
        .poll(async () => {
          const { scrollWidth, clientWidth } = await frame.widths();
          return scrollWidth - clientWidth;
        }, { message: 'pixels the document overflows a 1280px window by' })
        .toBeLessThanOrEqual(0);
    });
  }
});
