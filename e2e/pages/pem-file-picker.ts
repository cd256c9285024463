import { expect, type Locator, type Page } from '@playwright/test';

/** A few words of the PEM file fields, per language, written out so one left in English fails. */
const WORDS = {
  en: { certificate: 'Certificate (PEM, full chain)', chooseFile: 'Choose file', noFileChosen: 'No file chosen' },
  'pt-BR': { certificate: 'Certificado (PEM, cadeia completa)', chooseFile: 'Escolher arquivo', noFileChosen: 'Nenhum arquivo escolhido' },
} as const;

/**
 * The certificate's file field as a reader sees it: the labelled (visually hidden) file input that
 * keyboards and screen readers use, and the portal's own "choose file" button and file name beside it.
 */
export class PemFilePicker {
  /** The native input: the field's one control. */
  readonly input: Locator;
  /** The visible button that opens it (out of the accessibility tree: the input is the control). */
  readonly button: Locator;
  private readonly field: Locator;

  constructor(
    private readonly page: Page,
    private readonly language: keyof typeof WORDS,
  ) {
    this.input = page.getByLabel(WORDS[language].certificate);
    this.field = page.locator('span').filter({ has: this.input });
    this.button = this.field.getByText(WORDS[language].chooseFile, { exact: true });
  }

  /** Says "no file chosen" in the reader's language, before a file is picked. */
  async expectNoFile() {
    await expect(this.button).toBeVisible();
    await expect(this.field.getByText(WORDS[this.language].noFileChosen, { exact: true })).toBeVisible();
  }

  /** Picks a file through the visible button, as a mouse user does. */
  async chooseWithButton(file: { name: string; mimeType: string; buffer: Buffer }) {
    const chooser = this.page.waitForEvent('filechooser');
    await this.button.click();
    await (await chooser).setFiles(file);
  }

  async expectFileName(name: string) {
    await expect(this.field.getByText(name, { exact: true })).toBeVisible();
  }

  /** The outline the button shows while the hidden input has keyboard focus. */
  async buttonOutline(): Promise<string> {
    return this.button.evaluate((element) => getComputedStyle(element.closest('button') ?? element).outlineStyle);
  }

  /** A command a message names, as the page shows it: its element's tag (`CODE` when rendered as code). */
  async tagOfCommand(command: string): Promise<string> {
    const shown = this.page.getByText(command, { exact: true }).first();
    await expect(shown).toBeVisible();
    return shown.evaluate((element) => element.tagName);
  }

  /** Whether any text on the page still shows a backtick. */
  async showsBackticks(): Promise<boolean> {
    return (await this.page.getByRole('main').innerText()).includes('`');
  }
}
