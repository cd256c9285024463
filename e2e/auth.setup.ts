import { test as setup } from '@playwright/test';

import { OWNER_STORAGE_STATE, SignInPage } from './pages/sign-in-page';

setup('sign in once as the sandbox owner through the sign-in page', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.open('/');
  await signIn.signInAs('owner');
  await page.context().storageState({ path: OWNER_STORAGE_STATE });
});
