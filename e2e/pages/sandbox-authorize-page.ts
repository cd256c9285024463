import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The sandbox identity provider's account picker (`/sandbox/authorize`), as a visitor without a
 * session reaches it: sign-in started without naming a user. Specs reach it only through this object.
 */
export class SandboxAuthorizePage {
  readonly heading: Locator;
  readonly accounts: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Sandbox sign-in' });
    this.accounts = page.getByRole('list', { name: 'Sandbox accounts' });
  }

  /** Starts a sign-in that names no user, so the authority shows every account to pick from. */
  async open(returnTo = '/') {
    await this.page.goto(`/auth/signin?returnTo=${encodeURIComponent(returnTo)}`);
    await expect(this.heading).toBeVisible();
    await expect(this.accounts.getByRole('listitem').first()).toBeVisible();
  }
}
