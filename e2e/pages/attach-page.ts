import { expect, type Locator, type Page } from '@playwright/test';

/** The attach wizard at /attach?clusterId=. Specs reach it only through this object. */
export class AttachPage {
  readonly heading: Locator;
  readonly workspace: Locator;
  readonly workspaceId: Locator;
  readonly computeName: Locator;
  readonly namespace: Locator;
  readonly review: Locator;
  readonly back: Locator;
  readonly attach: Locator;
  readonly findings: Locator;
  readonly noFindings: Locator;
  readonly blocked: Locator;
  readonly armBody: Locator;
  readonly azCommand: Locator;
  readonly bicep: Locator;
  /** The compute's provisioning state once the attach started. */
  readonly computeState: Locator;
  readonly manageInstanceTypes: Locator;
  readonly backToExtension: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: /^Attach .+ to a workspace$/ });
    this.workspace = page.getByRole('combobox', { name: /^Workspace/ });
    this.workspaceId = page.getByRole('textbox', { name: /^Workspace resource id/ });
    this.computeName = page.getByRole('textbox', { name: /^Compute name/ });
    this.namespace = page.getByRole('textbox', { name: /^Namespace for jobs/ });
    this.review = page.getByRole('button', { name: 'Review', exact: true });
    this.back = page.getByRole('button', { name: 'Back', exact: true });
    this.attach = page.getByRole('button', { name: 'Attach', exact: true });
    this.findings = page.getByRole('list', { name: 'Attach checks' });
    this.noFindings = page.getByText('Every check passed.');
    this.blocked = page.getByText('Fix the errors above before attaching: nothing was sent.');
    this.armBody = page.getByRole('region', { name: /^ARM request body/ });
    this.azCommand = page.getByRole('region', { name: 'Equivalent Azure CLI command' });
    this.bicep = page.getByRole('region', { name: 'Bicep' });
    this.computeState = page.getByRole('status', { name: /^Compute / });
    this.manageInstanceTypes = page.getByRole('link', { name: 'Manage instance types' });
    this.backToExtension = page.getByRole('link', { name: 'Back to the extension' });
  }

  /** From an extension's status page: its Azure Machine Learning section's Attach button. */
  async openFromStatusPage() {
    await this.page.getByRole('link', { name: 'Attach to a workspace' }).click();
    await expect(this.heading).toBeVisible();
  }

  async open(clusterId: string) {
    await this.page.goto(`/attach?clusterId=${encodeURIComponent(clusterId)}`);
    await expect(this.heading).toBeVisible();
  }

  /** A workspace of the list, by its name (the option reads "name (resource group, location)"). */
  async pickWorkspace(name: string) {
    const option = this.workspace.locator('option', { hasText: new RegExp(`^${name} \\(`) });
    await this.workspace.selectOption({ label: (await option.textContent()) ?? name });
  }

  /** "Another workspace": a resource id typed in. */
  async enterWorkspaceId(id: string) {
    await this.workspace.selectOption({ label: 'Another workspace: enter its resource id' });
    await this.workspaceId.fill(id);
  }

  async toReview() {
    await this.review.click();
    await expect(this.page.getByRole('heading', { name: 'Review', exact: true })).toBeVisible({ timeout: 30_000 });
  }
}

/** The status page's Azure Machine Learning section. */
export class ComputesSection {
  readonly table: Locator;
  readonly none: Locator;
  readonly attach: Locator;
  readonly instanceTypes: Locator;
  readonly notReady: Locator;
  readonly detachDialog: Locator;

  constructor(private readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Computes on this cluster' });
    this.none = page.getByText('Not attached to any workspace you can see.');
    this.attach = page.getByRole('link', { name: 'Attach to a workspace' });
    this.instanceTypes = page.getByRole('link', { name: 'Instance types' });
    this.notReady = page.getByText('Attaching needs the extension Succeeded.');
    this.detachDialog = page.getByRole('dialog', { name: /^Detach / });
  }

  row(computeName: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('cell', { name: computeName, exact: true }) });
  }

  async detach(computeName: string) {
    await this.row(computeName).getByRole('button', { name: `Detach ${computeName}` }).click();
    await expect(this.detachDialog).toBeVisible();
    await expect(this.detachDialog).toContainText('does not uninstall the extension');
    await this.detachDialog.getByRole('button', { name: 'Detach compute' }).click();
    await expect(this.detachDialog).toBeHidden();
  }
}

/** The instance types page at /instance-types?clusterId=. */
export class InstanceTypesPage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly newType: Locator;
  readonly newGpuType: Locator;
  readonly dialog: Locator;
  readonly saved: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: /^Instance types of / });
    this.table = page.getByRole('table', { name: 'Instance types' });
    this.newType = page.getByRole('button', { name: 'New instance type', exact: true });
    this.newGpuType = page.getByRole('button', { name: 'New GPU instance type', exact: true });
    this.dialog = page.getByRole('dialog');
    this.saved = page.getByRole('status').filter({ hasText: /^Saved / });
  }

  row(name: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByText(name, { exact: true }) });
  }

  field(label: string | RegExp): Locator {
    return this.dialog.getByRole('textbox', { name: label });
  }

  get yaml(): Locator {
    return this.dialog.getByRole('region', { name: 'As YAML' });
  }

  async save() {
    await this.dialog.getByRole('button', { name: 'Save', exact: true }).click();
  }
}
