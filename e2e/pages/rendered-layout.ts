import type { Locator, Page } from '@playwright/test';

/**
 * How things are painted, for the cosmetic checks of issue 18: what a user sees of colour and
 * position, read from the browser's layout. Specs measure through this object only.
 */
export class RenderedLayout {
  constructor(private readonly page: Page) {}

  /** The colour a radio's label is painted in (its <label>, found from the radio). */
  async radioLabelColour(radio: Locator): Promise<string> {
    return radio.evaluate((input) => getComputedStyle((input as HTMLInputElement).labels?.[0] ?? input).color);
  }

  /** The colour the page's ordinary text is painted in (the body's foreground). */
  async bodyTextColour(): Promise<string> {
    return this.page.locator('body').evaluate((body) => getComputedStyle(body).color);
  }

  /**
   * For every status badge inside `container`: how far (px) its vertical centre is from the centre
   * of the row it sits in (its table cell, or the flex row holding its status region).
   */
  async badgeOffsets(container: Locator): Promise<number[]> {
    // Fluent's Badge has no role; its class is its one stable name.
    return container.locator('.fui-Badge').evaluateAll((badges) =>
      badges.map((badge) => {
        const cell = badge.closest('[role="gridcell"], [role="cell"]') ?? badge.parentElement?.parentElement ?? badge;
        const a = badge.getBoundingClientRect();
        const b = cell.getBoundingClientRect();
        return Math.abs(a.top + a.height / 2 - (b.top + b.height / 2));
      }),
    );
  }
}
