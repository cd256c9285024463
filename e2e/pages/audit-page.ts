import { readFile } from 'node:fs/promises';

import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';

/** What {@link AuditPage.filterBy} can set: the form's fields by their labels. */
export interface AuditFilterInput {
  cluster?: string;
  user?: string;
  search?: string;
  /** An outcome as the select names it (`Refused`, `Accepted`…). */
  outcome?: string;
  /** An action as the select names it (`Install`, `Update`…). */
  action?: string;
}

/** The audit trail page, and the API call that puts an entry in it. Specs reach both only through this object. */
export class AuditPage {
  readonly table: Locator;
  readonly olderButton: Locator;
  readonly filters: Locator;
  readonly exportCsvLink: Locator;
  readonly noMatch: Locator;

  constructor(private readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Audit trail' });
    this.olderButton = page.getByRole('button', { name: 'Older' });
    this.filters = page.getByRole('search', { name: 'Filter the audit trail' });
    this.exportCsvLink = page.getByRole('link', { name: 'Export CSV' });
    this.noMatch = page.getByText('No entries match these filters.');
  }

  /** Opens `/audit`, or `/audit?<query>` (a shared URL). */
  async open(query = '') {
    await this.page.goto(query ? `/audit?${query}` : '/audit');
    await expect(this.page.getByRole('heading', { name: 'Audit trail', level: 1 })).toBeVisible();
  }

  /** A filter field by its label. */
  field(label: 'Cluster' | 'User' | 'Search'): Locator {
    return this.filters.getByRole(label === 'Search' ? 'searchbox' : 'textbox', { name: label });
  }

  select(label: 'Outcome' | 'Action' | 'Subscription'): Locator {
    return this.filters.getByRole('combobox', { name: label });
  }

  /** Fills the filters given (others left as they are), applies them and waits for the URL to carry them. */
  async filterBy(input: AuditFilterInput) {
    if (input.cluster !== undefined) await this.field('Cluster').fill(input.cluster);
    if (input.user !== undefined) await this.field('User').fill(input.user);
    if (input.search !== undefined) await this.field('Search').fill(input.search);
    if (input.outcome !== undefined) await this.select('Outcome').selectOption({ label: input.outcome });
    if (input.action !== undefined) await this.select('Action').selectOption({ label: input.action });
    // The page URL the form will navigate to: its non-empty fields, in form order, as the page writes them.
    const expected = await this.filters.evaluate((form) => {
      const params = new URLSearchParams();
      for (const [key, value] of new FormData(form as HTMLFormElement)) if (String(value).trim()) params.set(key, String(value).trim());
      return params.toString();
    });
    await this.filters.getByRole('button', { name: 'Apply filters' }).click();
    await expect(this.page).toHaveURL((url) => url.pathname === '/audit' && url.search.replace(/^\?/, '') === expected);
    await expect(this.filters.getByRole('button', { name: 'Apply filters' })).toBeEnabled();
  }

  /** The table's entry rows (not the header, not an opened settings row). */
  entryRows(): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('button', { name: /Show settings|Hide settings/ }) });
  }

  /** Clicks Export CSV and returns the downloaded file's name and text. */
  async exportCsv(): Promise<{ fileName: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.exportCsvLink.click()]);
    const file = await download.path();
    return { fileName: download.suggestedFilename(), text: await readFile(file, 'utf8') };
  }

  /** Rows mentioning a cluster (by name) and an action label (`Install`, `Update`…). */
  rows(clusterName: string, action = 'Install'): Locator {
    return this.table
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name: clusterName, exact: true }) })
      .filter({ has: this.page.getByRole('cell', { name: action, exact: true }) });
  }

  /** Opens a row's settings; returns the open settings row (open one row at a time). */
  async showSettings(row: Locator): Promise<Locator> {
    await row.getByRole('button', { name: 'Show settings' }).click();
    return this.table.getByRole('row').filter({ has: this.page.getByRole('term') });
  }
}

/** Installs through the JSON API as a script would (`Authorization: Bearer <token>`). */
export async function installThroughApi(
  request: APIRequestContext,
  token: string,
  body: { clusterId: string; name: string; configurationSettings: Record<string, string>; configurationProtectedSettings: Record<string, string> },
) {
  return request.post('/api/v1/extensions', { headers: { authorization: `Bearer ${token}` }, data: body });
}
