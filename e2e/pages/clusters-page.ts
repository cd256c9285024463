import { expect, type Locator, type Page } from '@playwright/test';

/** The home page: every cluster the user can see. Specs reach it only through this object. */
export class ClustersPage {
  readonly sandboxBanner: Locator;
  readonly table: Locator;
  readonly search: Locator;

  constructor(private readonly page: Page) {
    this.sandboxBanner = page.getByText('Sandbox: simulated Azure');
    this.table = page.getByRole('grid', { name: 'Clusters' });
    this.search = page.getByRole('searchbox');
  }

  async open() {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { name: 'Clusters', level: 1 })).toBeVisible();
  }

  /** The table row of one cluster, found by its name as a user reads it. */
  row(clusterName: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByText(clusterName, { exact: true }) });
  }

  async searchFor(text: string) {
    await this.search.fill(text);
  }
}
