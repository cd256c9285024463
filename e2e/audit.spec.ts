import { expect, test } from '@playwright/test';

import { AuditPage, installThroughApi } from './pages/audit-page';
import { DeployedExtensions, extensionOn } from './pages/deploy-page';
import { seededCluster } from './pages/sandbox-emulator';

/** A cluster whose crash-looping router does not stop an install. resilience.spec.ts installs on it too; each spec removes what it installed, so they stay independent. */
const CLUSTER_NAME = 'aks-crash-loop';
const clusterId = seededCluster(CLUSTER_NAME).id;

test.describe('audit trail on the sandbox', () => {
  // Hooks get no test-scoped `request`; a context of their own removes what the spec installed.
  test.afterAll(async ({ playwright }, testInfo) => {
    const api = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
    await new DeployedExtensions(api).remove(extensionOn(clusterId));
    await api.dispose();
  });

  test('an install through the API appears on /audit with who, what and its settings', async ({ page, request }) => {
    const response = await installThroughApi(request, 'sandbox', {
      clusterId,
      name: 'azureml',
      configurationSettings: { enableTraining: 'True' },
      configurationProtectedSettings: {},
    });
    expect(response.status(), await response.text()).toBe(202);

    const audit = new AuditPage(page);
    await audit.open();
    const row = audit.rows(CLUSTER_NAME).first();
    await expect(row).toContainText('API caller');
    await expect(row).toContainText('azureml');
    await expect(row).toContainText(/Accepted|Succeeded/);

    const settings = await audit.showSettings(row);
    await expect(settings).toContainText('enableTraining');
    await expect(settings).toContainText('True');
    await expect(row.getByRole('button', { name: 'Hide settings' })).toBeVisible();
  });

  test('the API answers the same trail, newest first', async ({ request }) => {
    const response = await request.get('/api/v1/audit?limit=1', { headers: { authorization: 'Bearer sandbox' } });
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { value: Array<{ action: string; clusterId?: string; actor: { name: string } }> };
    expect(body.value).toHaveLength(1);
    expect(body.value[0]).toMatchObject({ action: 'create', clusterId: expect.stringMatching(new RegExp(`${CLUSTER_NAME}$`)), actor: { name: 'API caller (opaque token)' } });
  });
});
