import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';

/** Component states that mean "not there yet or not well". */
const NOT_READY = /Progressing|Failed|Missing/;

/** The status page of one extension (`/resource/<extension id>`). Specs reach it only through this object. */
export class StatusPage {
  readonly provisioningState: Locator;
  readonly components: Locator;
  readonly settings: Locator;
  readonly explanation: Locator;
  /** The link to the update wizard (`/update?id=`). */
  readonly updateLink: Locator;
  /** The link to the certificate renewal, for an extension serving HTTPS from a PEM pair. */
  readonly renewLink: Locator;
  readonly deleteDialog: Locator;
  readonly deletedNotice: Locator;
  readonly backToClusters: Locator;
  readonly allClusters: Locator;
  /** A poll failed; the page keeps polling (warning). */
  readonly refreshFailed: Locator;
  /** Polls failed past the error budget; only Retry resumes (error). */
  readonly notUpdating: Locator;
  /** An operation ran past the bound of lib/ui/extension-polling.ts (TAKING_LONG_AFTER_MS). */
  readonly takingLong: Locator;
  /**
   * "Checked 20 seconds ago": a `<time>` whose `datetime` is when the last good answer arrived (a
   * failed poll leaves it as it was; the words change as time passes).
   */
  readonly lastUpdated: Locator;
  /** The health summary at the top ("Healthy: 15 of 15 components ready"). */
  readonly health: Locator;
  readonly refreshButton: Locator;
  /** The provisioning timeline (ARM's times and the states the portal saw). */
  readonly timeline: Locator;
  /** The readiness chart: an image whose accessible name summarises it ("7 of 9 components ready; ..."). */
  readonly readinessChart: Locator;
  /** The chart's data as a table, behind "Show data". */
  readonly readinessData: Locator;

  constructor(private readonly page: Page) {
    this.provisioningState = page.getByRole('status', { name: 'Provisioning state' });
    this.components = page.getByRole('table', { name: 'Components' });
    this.settings = page.getByRole('table', { name: 'Settings' });
    this.explanation = page.getByRole('region', { name: 'What went wrong' });
    this.updateLink = page.getByRole('link', { name: 'Update', exact: true });
    this.renewLink = page.getByRole('link', { name: 'Renew certificate', exact: true });
    this.deleteDialog = page.getByRole('dialog', { name: 'Delete extension' });
    this.deletedNotice = page.getByText('Extension deleted');
    this.backToClusters = page.getByRole('link', { name: 'Back to clusters' });
    this.allClusters = page.getByRole('link', { name: 'All clusters' });
    this.readinessChart = page.getByRole('img', { name: /components ready/ });
    this.readinessData = page.getByRole('table', { name: 'Component readiness' });
    this.refreshFailed = page.getByRole('group', { name: 'Refresh failed' });
    this.notUpdating = page.getByRole('group', { name: 'Not updating' });
    this.takingLong = page.getByRole('group', { name: 'Taking longer than expected' });
    this.lastUpdated = page.locator('time').filter({ hasText: /^Checked / });
    this.health = page.getByRole('status', { name: 'Health' });
    this.refreshButton = page.getByRole('button', { name: 'Refresh', exact: true });
    this.timeline = page.getByRole('list', { name: 'Provisioning timeline' });
  }

  /**
   * Records the page's own document loads (a reload, a navigation away) from now on, by URL, so a
   * failure says where the page went: what the page does by itself must happen without one.
   * Counted by the browser's navigation requests, not `framenavigated`: that one also fires for
   * the app router's own `history.replaceState` at hydration, which can land after `open()` on a
   * loaded machine (a CI run saw the page's own URL once with a single document request).
   */
  recordNavigations(): () => string[] {
    const urls: string[] = [];
    this.page.on('request', (request) => {
      if (request.isNavigationRequest() && request.frame() === this.page.mainFrame()) urls.push(request.url());
    });
    return () => [...urls];
  }

  /**
   * Counts the page's status reads (`GET /api/v1/extensions/status`) from now on: what the page
   * costs ARM while it watches.
   */
  recordStatusReads(): () => number {
    let reads = 0;
    this.page.on('request', (request) => {
      if (request.method() === 'GET' && new URL(request.url()).pathname === '/api/v1/extensions/status') reads += 1;
    });
    return () => reads;
  }

  async open(extensionId: string, name: string) {
    await this.page.goto(`/resource${extensionId}`);
    await expect(this.page.getByRole('heading', { name, level: 1 })).toBeVisible();
  }

  /** The table row of one component, by its name as a user reads it. */
  componentRow(name: string): Locator {
    return this.components.getByRole('row').filter({ has: this.page.getByText(name, { exact: true }) });
  }

  settingRow(key: string): Locator {
    return this.settings.getByRole('row').filter({ has: this.page.getByRole('cell', { name: key, exact: true }) });
  }

  /** Waits until the table lists components and none is Progressing, Failed or Missing. */
  async expectAllComponentsReady(timeout = 30_000) {
    await expect(this.components.getByRole('row').nth(1)).toBeVisible({ timeout });
    await expect(this.components.getByRole('row').filter({ hasText: NOT_READY })).toHaveCount(0, { timeout });
  }

  /** The install or update has finished: provisioning Succeeded and every component Ready. */
  async expectSucceededAndReady(timeout = 30_000) {
    await expect(this.provisioningState).toHaveText('Succeeded', { timeout });
    await this.expectAllComponentsReady(timeout);
  }

  /** Rows of the component table (header excluded). */
  async componentCount(): Promise<number> {
    return (await this.components.getByRole('row').count()) - 1;
  }

  /** Waits until the readiness chart says `ready` of `total` components are ready, and when the last one became so. */
  async expectReadiness(ready: number, total: number, timeout = 30_000) {
    const summary = new RegExp(`^${ready} of ${total} components ready; last became ready .+ after the (install|update) started`);
    await expect(this.readinessChart).toHaveAccessibleName(summary, { timeout });
  }

  /** Opens the chart's data table. */
  async showReadinessData() {
    await this.page.getByRole('button', { name: 'Show data' }).click();
    await expect(this.readinessData).toBeVisible();
  }

  /** Data rows of the readiness table whose time came from where `source` says ("Kubernetes" or "This page"). */
  readinessRowsFrom(source: 'Kubernetes' | 'This page'): Locator {
    return this.readinessData.getByRole('row').filter({ has: this.page.getByRole('cell', { name: source, exact: true }) });
  }

  /** Opens the Delete dialog and leaves it open, untouched. */
  async openDeleteDialog() {
    await this.page.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(this.deleteDialog).toBeVisible();
  }

  /** Closes whichever dialog is open with its Cancel button, changing nothing. */
  async cancelDialog() {
    const dialog = this.page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(dialog).toBeHidden();
  }

  /** Deletes through the confirmation dialog, typing the extension name. */
  async deleteExtension(name: string, options: { force?: boolean } = {}) {
    await this.openDeleteDialog();
    const confirm = this.deleteDialog.getByRole('button', { name: 'Delete', exact: true });
    await expect(confirm).toBeDisabled();
    await this.deleteDialog.getByRole('textbox', { name: `Type ${name} to confirm` }).fill(name);
    if (options.force) await this.deleteDialog.getByRole('checkbox', { name: /Force delete/ }).check();
    await confirm.click();
    await expect(this.deleteDialog).toBeHidden();
  }
}

/** The portal's JSON API as a script would call it (Authorization: Bearer). */
export class ExtensionsApi {
  constructor(private readonly request: APIRequestContext) {}

  /** `POST /api/v1/extensions` in CLI vocabulary; answers the new extension's id. */
  async create(clusterId: string, name: string, configurationSettings: Record<string, string>): Promise<string> {
    const response = await this.request.post('/api/v1/extensions', {
      headers: { Authorization: 'Bearer sandbox' },
      data: { clusterId, name, configurationSettings, configurationProtectedSettings: {} },
    });
    expect(response.status(), await response.text()).toBe(202);
    const body = (await response.json()) as { id: string };
    return body.id;
  }
}
