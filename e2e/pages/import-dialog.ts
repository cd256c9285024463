import { expect, type Locator, type Page } from '@playwright/test';

/** The deploy wizard's "Import settings" dialog. Specs reach it only through this object. */
export class ImportDialog {
  readonly dialog: Locator;
  readonly text: Locator;
  readonly read: Locator;
  /** "Use these settings": unavailable (aria-disabled) while an error stands. */
  readonly apply: Locator;
  readonly errors: Locator;
  readonly warnings: Locator;
  /** The wizard answers the import will set, one list item each. */
  readonly answers: Locator;
  /** Why "Use these settings" is unavailable: its accessible description. */
  readonly blockedReason: RegExp = /Fix the (error|\d+ errors) above to use these settings\./;
  /** What the last one-click fix did (role status). */
  readonly fixDone: Locator;

  constructor(private readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Import settings' });
    this.text = this.dialog.getByRole('textbox', { name: /Command, --config list or JSON/ });
    this.read = this.dialog.getByRole('button', { name: 'Read settings' });
    this.apply = this.dialog.getByRole('button', { name: 'Use these settings' });
    this.errors = this.dialog.getByRole('list', { name: 'Import errors' });
    this.warnings = this.dialog.getByRole('list', { name: 'Import warnings' });
    this.answers = this.dialog.getByRole('list', { name: 'Answers this import sets' }).getByRole('listitem');
    this.fixDone = this.dialog.getByRole('status');
  }

  /** From the wizard: opens the dialog, pastes `text` and reads it. */
  async paste(text: string) {
    await this.page.getByRole('button', { name: 'Import settings' }).click();
    await expect(this.dialog).toBeVisible();
    await this.text.fill(text);
    await this.read.click();
  }

  /** The one-click fix button, by what it says ("Rename InferenceRouterHA to inferenceRouterHA"). */
  fix(label: string): Locator {
    return this.dialog.getByRole('button', { name: label, exact: true });
  }

  async useTheseSettings() {
    await this.apply.click();
    await expect(this.dialog).toBeHidden();
  }
}
