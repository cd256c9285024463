import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';

/** The audit trail page, and the API call that puts an entry in it. Specs reach both only through this object. */
export class AuditPage {
  readonly table: Locator;
  readonly olderButton: Locator;

  constructor(private readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Audit trail' });
    this.olderButton = page.getByRole('button', { name: 'Older' });
  }

  async open() {
    await this.page.goto('/audit');
    await expect(this.page.getByRole('heading', { name: 'Audit trail', level: 1 })).toBeVisible();
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
