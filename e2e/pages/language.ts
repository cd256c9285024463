import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';

import { LOCALE_COOKIE, LOCALE_NAMES, type Locale } from '../../lib/i18n/locales';

/**
 * A few words of the shell and the home page as a reader sees them in each language: enough to
 * tell which language a page is in. Written out here (not read from the message files) so a
 * message left in English, or a page that ignores the language, fails the spec.
 */
const WORDS = {
  en: { navigation: 'Main', deploy: 'Deploy', fleet: 'Fleet', audit: 'Audit', searchClusters: 'Search clusters', subscription: 'Subscription' },
  'pt-BR': { navigation: 'Principal', deploy: 'Implantar', fleet: 'Frota', audit: 'Auditoria', searchClusters: 'Pesquisar clusters', subscription: 'Assinatura' },
} as const satisfies Record<Locale, Record<string, string>>;

/** The home page's line under the heading, in each language ("9 AKS and Arc-enabled clusters across 2 subscriptions"). */
const HOME_SUBTITLE: Record<Locale, RegExp> = {
  en: /^\d+ AKS and Arc-enabled clusters across \d+ subscriptions$/,
  'pt-BR': /^\d+ clusters AKS e habilitados para Arc em \d+ assinaturas$/,
};

/** The header's language switcher, and what it remembers. Specs reach it only through this object. */
export class LanguageSwitcher {
  readonly select: Locator;

  constructor(private readonly page: Page) {
    // Its label is in the page's current language.
    this.select = page.getByRole('banner').getByRole('combobox', { name: /^(Language|Idioma)$/ });
  }

  /** Picks a language by the name the switcher shows for it ("Português (Brasil)"). */
  async choose(locale: Locale) {
    await this.select.selectOption({ label: LOCALE_NAMES[locale] });
  }

  /** The `lang` attribute of the page's `<html>` element. */
  async documentLanguage(): Promise<string> {
    return this.page.evaluate(() => document.documentElement.lang);
  }

  /** The language the switcher's cookie remembers in this browser, if any. */
  async rememberedLanguage(): Promise<string | undefined> {
    return (await this.page.context().cookies()).find((cookie) => cookie.name === LOCALE_COOKIE)?.value;
  }

  /**
   * Leaves a mark on the current document; {@link isSameDocument} is true while no reload or
   * full navigation has replaced it.
   */
  async markDocument() {
    await this.page.evaluate(() => {
      (window as Window & { e2eMark?: string }).e2eMark = 'before-switch';
    });
  }

  async isSameDocument(): Promise<boolean> {
    return this.page.evaluate(() => (window as Window & { e2eMark?: string }).e2eMark === 'before-switch');
  }
}

/** The home page and the header's navigation as a reader of one language finds them. */
export class PortalInLanguage {
  readonly navigation: Locator;
  readonly clusterSearch: Locator;
  readonly clusters: Locator;
  readonly subtitle: Locator;

  constructor(
    private readonly page: Page,
    private readonly locale: Locale,
  ) {
    const words = WORDS[locale];
    this.navigation = page.getByRole('navigation', { name: words.navigation });
    this.clusterSearch = page.getByRole('searchbox', { name: words.searchClusters });
    // "Clusters" reads the same in both languages.
    this.clusters = page.getByRole('grid', { name: 'Clusters' });
    this.subtitle = page.getByText(HOME_SUBTITLE[locale]);
  }

  async openHome() {
    await this.page.goto('/');
    await this.expectHome();
  }

  /** The home page is on screen in this object's language: heading, navigation, search, a column and the subtitle. */
  async expectHome() {
    const words = WORDS[this.locale];
    await expect(this.page.getByRole('heading', { name: 'Clusters', level: 1 })).toBeVisible();
    for (const link of [words.deploy, words.fleet, words.audit]) {
      await expect(this.navigation.getByRole('link', { name: link, exact: true }), link).toBeVisible();
    }
    await expect(this.clusterSearch).toBeVisible();
    await expect(this.clusters.getByRole('columnheader', { name: words.subscription, exact: true })).toBeVisible();
    await expect(this.subtitle).toBeVisible();
  }
}

/** `GET /api/v1/clusters` as a script would send it, without credentials, asking for a language (none when omitted). */
export async function listClustersWithoutCredentials(request: APIRequestContext, acceptLanguage?: string) {
  return request.get('/api/v1/clusters', { headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {} });
}

/** `POST /api/v1/plan` as a script would send it, asking for a language with Accept-Language (none when omitted). */
export async function planThroughApi(
  request: APIRequestContext,
  body: { clusterId: string; name: string; configurationSettings: Record<string, string>; configurationProtectedSettings: Record<string, string> },
  acceptLanguage?: string,
) {
  const headers: Record<string, string> = { authorization: 'Bearer sandbox' };
  if (acceptLanguage) headers['accept-language'] = acceptLanguage;
  return request.post('/api/v1/plan', { headers, data: body });
}

/**
 * The deploy wizard as a Brazilian reader finds it. Its words are written out here (not read from
 * the message files) so a label or a validation message left in English fails the spec.
 */
export class WizardInPortuguese {
  readonly heading: Locator;
  readonly stepHeading: Locator;
  readonly next: Locator;
  readonly preflight: Locator;
  readonly fieldErrors: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Implantar a extensão do Azure Machine Learning' });
    this.stepHeading = page.getByRole('heading', { level: 2 });
    this.next = page.getByRole('button', { name: 'Avançar', exact: true });
    this.preflight = page.getByRole('region', { name: 'Verificação prévia' });
    this.fieldErrors = page.getByRole('main').getByRole('alert');
  }

  async open() {
    await this.page.goto('/deploy');
    await expect(this.heading).toBeVisible();
  }

  /** Picks a cluster through the Portuguese search box and waits for its preflight. */
  async pickCluster(name: string) {
    await this.page.getByRole('searchbox', { name: 'Pesquisar clusters' }).fill(name);
    await this.page.getByRole('radio', { name, exact: true }).check();
    await expect(this.preflight).toBeVisible();
  }

  /** A choice of the current step by its Portuguese label. */
  async choose(label: string) {
    await this.page.getByRole('radio', { name: label, exact: true }).check();
  }

  async expectStep(title: string) {
    await expect(this.stepHeading).toHaveText(title);
  }
}
