import { expect, test } from '@playwright/test';

import { SANDBOX_CLUSTERS } from './pages/deploy-page';
import { LanguageSwitcher, listClustersWithoutCredentials, planThroughApi, PortalInLanguage, WizardInPortuguese } from './pages/language';

/**
 * Every test here runs in a browser context of its own: the language cookie a test sets dies with
 * that context and never reaches the shared signed-in storage state (test-results/.auth/owner.json),
 * which holds only the session. The switching test still ends in English.
 */
test.describe('language: English and Brazilian Portuguese', () => {
  test.describe('a browser that asks for Brazilian Portuguese', () => {
    test.use({ locale: 'pt-BR' });

    test('sees the home page and the navigation in Portuguese, and <html lang="pt-BR">', async ({ page }) => {
      const portal = new PortalInLanguage(page, 'pt-BR');
      await portal.openHome();

      const switcher = new LanguageSwitcher(page);
      expect(await switcher.documentLanguage()).toBe('pt-BR');
      await expect(switcher.select).toHaveValue('pt-BR');
      // Nothing was chosen: the language came from Accept-Language alone.
      expect(await switcher.rememberedLanguage()).toBeUndefined();
    });

    test('goes through the wizard in Portuguese and reads its validation messages at the fields in Portuguese', async ({ page }) => {
      const wizard = new WizardInPortuguese(page);
      await wizard.open();
      // Read-only: nothing is deployed, so any cluster will do.
      await wizard.pickCluster('aks-prod-westeurope');
      await wizard.next.click();
      await wizard.expectStep('Carga de trabalho');
      await wizard.choose('Inferência');
      await wizard.next.click();
      await wizard.expectStep('Roteador de inferência');
      await wizard.choose('HTTPS com um segredo do Kubernetes');
      await wizard.next.click();

      // Refused: the step stays, and each missing value is named at its field, in Portuguese.
      await wizard.expectStep('Roteador de inferência');
      await expect(wizard.fieldErrors.filter({ hasText: 'Informe o nome do segredo do Kubernetes no namespace azureml que contém cert.pem e key.pem.' })).toBeVisible();
      await expect(wizard.fieldErrors.filter({ hasText: /^O HTTPS precisa de sslCname/ })).toBeVisible();
    });
  });

  test.describe('a browser that asks for English', () => {
    test.use({ locale: 'en-US' });

    test('the switcher changes the language without a reload, and the choice wins over Accept-Language later', async ({ page, context }) => {
      const english = new PortalInLanguage(page, 'en');
      await english.openHome();
      const switcher = new LanguageSwitcher(page);
      expect(await switcher.documentLanguage()).toBe('en');

      await switcher.markDocument();
      await switcher.choose('pt-BR');
      await new PortalInLanguage(page, 'pt-BR').expectHome();
      expect(await switcher.isSameDocument(), 'the page was not reloaded').toBe(true);
      expect(await switcher.documentLanguage()).toBe('pt-BR');
      expect(await switcher.rememberedLanguage()).toBe('pt-BR');

      // A new page load, the browser still asking for English: the remembered choice wins.
      await page.reload();
      await new PortalInLanguage(page, 'pt-BR').expectHome();
      const later = await context.newPage();
      await new PortalInLanguage(later, 'pt-BR').openHome();
      expect(await new LanguageSwitcher(later).documentLanguage()).toBe('pt-BR');

      // And back to English, which is remembered the same way.
      const laterSwitcher = new LanguageSwitcher(later);
      await laterSwitcher.choose('en');
      await new PortalInLanguage(later, 'en').expectHome();
      expect(await laterSwitcher.rememberedLanguage()).toBe('en');
      await later.reload();
      await new PortalInLanguage(later, 'en').expectHome();
      expect(await laterSwitcher.documentLanguage()).toBe('en');
    });
  });

  test.describe('the JSON API', () => {
    // A script's call: no browser session, so a missing credential is the caller's to fix.
    test.use({ storageState: { cookies: [], origins: [] } });

    test('validation messages follow Accept-Language, English without one', async ({ request }) => {
      // The seed's typo: a key that differs from inferenceRouterHA only in case.
      const body = {
        clusterId: SANDBOX_CLUSTERS.aksTwoNodes,
        name: 'azureml',
        configurationSettings: { enableTraining: 'True', InferenceRouterHA: 'False' },
        configurationProtectedSettings: {},
      };
      const messageFor = async (acceptLanguage?: string) => {
        const response = await planThroughApi(request, body, acceptLanguage);
        expect(response.status(), await response.text()).toBe(422);
        const { errors } = (await response.json()) as { errors: Array<{ key: string; message: string }> };
        return errors.find((error) => error.key === 'InferenceRouterHA')?.message;
      };

      expect(await messageFor('pt-BR,pt;q=0.9,en;q=0.8')).toBe(
        'InferenceRouterHA não é uma configuração; você quis dizer inferenceRouterHA? As chaves diferenciam maiúsculas de minúsculas.',
      );
      expect(await messageFor()).toBe('InferenceRouterHA is not a setting; did you mean inferenceRouterHA? Keys are case-sensitive.');
      expect(await messageFor('en-US')).toBe('InferenceRouterHA is not a setting; did you mean inferenceRouterHA? Keys are case-sensitive.');
    });

    test('error answers follow Accept-Language, English without one', async ({ request }) => {
      const messageFor = async (acceptLanguage?: string) => {
        const response = await listClustersWithoutCredentials(request, acceptLanguage);
        expect(response.status()).toBe(401);
        return ((await response.json()) as { error: { code: string; message: string } }).error.message;
      };

      const english = 'Sign in to the portal, or send Authorization: Bearer <ARM access token>.';
      expect(await messageFor()).toBe(english);
      expect(await messageFor('en-GB')).toBe(english);
      expect(await messageFor('pt-BR')).toMatch(/^Entre no portal .*Authorization: Bearer/);
    });
  });
});
