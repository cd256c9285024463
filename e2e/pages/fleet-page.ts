import { expect, type Locator, type Page } from '@playwright/test';

/** The fleet page: every Azure ML extension the user can see. Specs reach it only through this object. */
export class FleetPage {
  readonly table: Locator;
  readonly search: Locator;
  readonly typeFilter: Locator;
  readonly stateFilter: Locator;
  readonly subscriptionFilter: Locator;
  readonly refreshButton: Locator;
  readonly lastUpdated: Locator;

  constructor(private readonly page: Page) {
    this.table = page.getByRole('grid', { name: 'Azure Machine Learning extensions' });
    this.search = page.getByRole('searchbox');
    this.typeFilter = page.getByRole('combobox', { name: 'Cluster type' });
    this.stateFilter = page.getByRole('combobox', { name: 'Provisioning state' });
    this.subscriptionFilter = page.getByRole('combobox', { name: 'Subscription' });
    this.refreshButton = page.getByRole('button', { name: 'Refresh', exact: true });
    // The one date-time format (lib/ui/date-time.ts): "Dec 3, 2026, 1:23 PM UTC".
    this.lastUpdated = page.getByText(/Last updated \w{3} \d{1,2}, \d{4}, \d{1,2}:\d\d\s[AP]M \S+/);
  }

  async open() {
    await this.page.goto('/fleet');
    await expect(this.page.getByRole('heading', { name: 'Fleet', level: 1 })).toBeVisible();
  }

  /** The row of one extension, by the `cluster/extension` name a user reads. */
  row(clusterName: string, extensionName = 'azureml'): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('link', { name: `${clusterName}/${extensionName}`, exact: true }) });
  }

  /**
   * The Health cell of one row: a link to the status page named `Health of <cluster>/<extension>: <summary>`,
   * whose text is the summary's badge ("Degraded: gateway crash-looping") or "Checking…".
   */
  healthCell(clusterName: string, extensionName = 'azureml'): Locator {
    const name = `${clusterName}/${extensionName}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return this.row(clusterName, extensionName).getByRole('link', { name: new RegExp(`^Health of ${name}: `) });
  }

  /** The tooltip of a row's Health cell: when the portal read that cluster ("Checked …"). */
  async healthTooltipOf(clusterName: string, extensionName = 'azureml'): Promise<Locator> {
    await this.healthCell(clusterName, extensionName).hover();
    return this.page.getByRole('tooltip');
  }

  /** Opens an extension's status page from its row. */
  async openStatusOf(clusterName: string, extensionName = 'azureml') {
    await this.row(clusterName, extensionName).getByRole('link', { name: `${clusterName}/${extensionName}`, exact: true }).click();
  }

  async filterByType(label: 'All types' | 'AKS' | 'Arc') {
    await this.typeFilter.click();
    await this.page.getByRole('option', { name: label, exact: true }).click();
  }

  async filterBySubscription(name: string) {
    await this.subscriptionFilter.click();
    await this.page.getByRole('option', { name, exact: true }).click();
  }

  async searchFor(text: string) {
    await this.search.fill(text);
  }
}
