import { expect, type Locator, type Page } from '@playwright/test';

/** The install as code on the review step: the format choice, its code block, Copy and Download. */
export type ExportFormatLabel = 'az CLI' | 'Bicep' | 'Terraform';
const TITLES: Record<ExportFormatLabel, string> = { 'az CLI': 'Azure CLI command', Bicep: 'Bicep template', Terraform: 'Terraform configuration' };

export class InstallExports {
  constructor(private readonly page: Page) {}

  /** The region of one format's code block (its title names it). */
  block(format: ExportFormatLabel): Locator {
    return this.page.getByRole('region', { name: TITLES[format] });
  }

  async choose(format: ExportFormatLabel) {
    await this.page.getByRole('radiogroup', { name: 'Export as' }).getByRole('radio', { name: format, exact: true }).check();
    await expect(this.block(format)).toBeVisible();
  }

  /** Downloads the chosen format: the file's suggested name and its text, and the text on screen. */
  async download(format: ExportFormatLabel): Promise<{ fileName: string; text: string; shown: string }> {
    const block = this.block(format);
    const [file] = await Promise.all([this.page.waitForEvent('download'), block.getByRole('button', { name: new RegExp(`^Download ${TITLES[format]} as `) }).click()]);
    const stream = await file.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { fileName: file.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8'), shown: await block.locator('pre').innerText() };
  }

  /**
   * How the code block wraps, from the browser's computed style: whether a word may break at any
   * character (`word-break: break-all`) or only when it is longer than the line (`overflow-wrap`).
   */
  async wrapping(format: ExportFormatLabel): Promise<{ wordBreak: string; overflowWrap: string; whiteSpace: string }> {
    // The block's one focusable child is the scrolling code (CopyBlock's <pre tabIndex=0>).
    return this.block(format)
      .locator('pre')
      .evaluate((pre) => {
        const style = getComputedStyle(pre);
        return { wordBreak: style.wordBreak, overflowWrap: style.overflowWrap, whiteSpace: style.whiteSpace };
      });
  }
}
