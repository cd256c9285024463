import { expect, type Locator, type Page } from '@playwright/test';

import { SESSION_COOKIE_NAME } from '../../lib/auth/session-cookie';

/** Where the setup project keeps the owner's signed-in browser state for every other spec. */
export const OWNER_STORAGE_STATE = 'test-results/.auth/owner.json';

/** The sandbox users (lib/sandbox/identities.ts) as the sign-in page names them. */
export const SANDBOX_USERS = {
  owner: 'Olivia Owner',
  contributor: 'Carlos Contributor',
  reader: 'Rita Reader',
} as const;
export type SandboxUser = keyof typeof SANDBOX_USERS;

/** The sign-in page (`/signin`) and the header's signed-in user. Specs reach them only through this object. */
export class SignInPage {
  readonly heading: Locator;
  readonly signedInUser: Locator;
  readonly signOut: Locator;
  readonly expiredNotice: Locator;
  readonly signedOutNotice: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Sign in' });
    this.signedInUser = page.getByRole('group', { name: 'Signed-in user' });
    this.signOut = this.signedInUser.getByRole('button', { name: 'Sign out' });
    this.expiredNotice = page.getByText('Your sign-in has expired');
    this.signedOutNotice = page.getByText('You are signed out');
  }

  async open(returnTo?: string) {
    await this.page.goto(returnTo ? `/signin?returnTo=${encodeURIComponent(returnTo)}` : '/signin');
    await expect(this.heading).toBeVisible();
  }

  /** True when the browser is on the sign-in page, asked to come back to `returnTo`. */
  async expectRedirectedHere(returnTo: string) {
    await expect(this.heading).toBeVisible();
    await expect(this.page).toHaveURL((url) => url.pathname === '/signin' && url.searchParams.get('returnTo') === returnTo);
  }

  /** One click on a sandbox user, through the sandbox authority and back; waits for the header to name them. */
  async signInAs(user: SandboxUser) {
    await this.page.getByRole('button', { name: `Sign in as ${SANDBOX_USERS[user]}` }).click();
    await expect(this.signedInUser).toContainText(SANDBOX_USERS[user]);
  }

  /**
   * The session ends in this browser as when its cookie's max age passes: the browser drops the
   * cookie. Nothing else changes (the tab's storage, the server's token cache).
   */
  async expireSession() {
    await this.page.context().clearCookies({ name: SESSION_COOKIE_NAME });
  }

  async signOutNow() {
    await this.signOut.click();
    await expect(this.signedOutNotice).toBeVisible();
  }
}
