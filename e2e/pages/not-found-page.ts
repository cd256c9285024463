import { expect, type Locator, type Page } from '@playwright/test';

/** What a path the portal does not have shows. Specs reach it only through this object. */
export class NotFoundPage {
  readonly heading: Locator;
  readonly backToClusters: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Not found' });
    this.backToClusters = page.getByRole('link', { name: 'Back to your clusters' });
  }

  async open(path = '/no-such-page') {
    await this.page.goto(path);
    await expect(this.heading).toBeVisible();
  }
}
