import { expect, type Locator, type Page } from '@playwright/test';

import { DeployPage } from './deploy-page';

/**
 * The update wizard (`/update?id=`): the install's steps on an extension's current settings, opened
 * from its status page. The steps' own fields are the install wizard's (`fields`).
 */
export class UpdatePage {
  /** The steps' fields, as in the install wizard (the same components). */
  readonly fields: DeployPage;
  readonly update: Locator;
  readonly renew: Locator;
  readonly patchBody: Locator;
  readonly changes: Locator;
  readonly kept: Locator;
  readonly impacts: Locator;
  readonly confirm: Locator;
  /** What preflight found about the change (a blocking finding keeps Update disabled). */
  readonly findings: Locator;
  readonly nothingChanges: Locator;
  readonly protectedSettings: Locator;

  constructor(private readonly page: Page) {
    this.fields = new DeployPage(page);
    this.update = page.getByRole('button', { name: 'Update', exact: true });
    this.renew = page.getByRole('button', { name: 'Renew certificate', exact: true });
    this.patchBody = page.getByRole('region', { name: 'ARM PATCH body (protected values masked)' });
    this.changes = page.getByRole('region', { name: 'Settings that change' });
    this.kept = page.getByRole('region', { name: 'What stays' });
    this.impacts = page.getByRole('region', { name: 'This update affects running work' });
    this.confirm = page.getByRole('checkbox', { name: 'I understand; send the update' });
    this.findings = page.getByRole('list', { name: 'Findings about the change' });
    this.nothingChanges = page.getByText('the update would change nothing');
    this.protectedSettings = page.getByRole('region', { name: 'Protected settings' });
  }

  /** From the status page's Update link to the wizard's first step. */
  async openFromStatusPage(extensionName: string, clusterName: string) {
    await this.page.getByRole('link', { name: 'Update', exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: `Update ${extensionName} on ${clusterName}` })).toBeVisible();
  }

  /** From the status page's Renew certificate link to the certificate step. */
  async openRenewalFromStatusPage(extensionName: string, clusterName: string) {
    await this.page.getByRole('link', { name: 'Renew certificate', exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: `Renew the certificate of ${extensionName} on ${clusterName}` })).toBeVisible();
    await this.fields.expectStep('Certificate');
  }

  /** Next until the review, one step at a time (each Next waits for its step to be left), then waits for its plan. */
  async toReview() {
    for (let step = 0; step < 4; step += 1) {
      const title = await this.fields.stepHeading.textContent();
      if (title === 'Review and update') break;
      await this.fields.next.click();
      // The last step's button takes Next's place: a second click before the move would press it.
      await expect(this.fields.stepHeading).not.toHaveText(title ?? '', { timeout: 30_000 });
    }
    await this.fields.expectStep('Review and update');
    await expect(this.page.getByText('Planning the update…')).toHaveCount(0, { timeout: 30_000 });
  }

  /** Confirms the impacts when there are any, sends, and lands on the status page. */
  async confirmAndSend(button: Locator = this.update) {
    if (await this.confirm.isVisible()) await this.confirm.check();
    await expect(button).toBeEnabled();
    await button.click();
    await expect(this.page).toHaveURL(/\/resource\//, { timeout: 30_000 });
  }
}
