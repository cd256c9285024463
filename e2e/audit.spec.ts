import { expect, test } from '@playwright/test';

import { AuditPage, installThroughApi } from './pages/audit-page';
import { DeployedExtensions, extensionOn } from './pages/deploy-page';
import { seededCluster } from './pages/sandbox-emulator';

/** A cluster whose crash-looping router does not stop an install. resilience.spec.ts installs on it too; each spec removes what it installed, so they stay independent. */
const CLUSTER_NAME = 'aks-crash-loop';
const clusterId = seededCluster(CLUSTER_NAME).id;
/** A cluster the filter test only sends a refused install to (nothing is installed). */
const REFUSED_CLUSTER = 'aks-two-nodes';

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

  test('filters by outcome and cluster narrow the rows, stay in the URL, and the CSV export downloads the filtered rows', async ({ page, request }) => {
    // A refused install on another cluster (a misspelt key): a row of another cluster and outcome, nothing installed.
    const refused = await installThroughApi(request, 'sandbox', {
      clusterId: seededCluster(REFUSED_CLUSTER).id,
      name: 'azureml',
      configurationSettings: { enableTraining: 'True', InferenceRouterHA: 'False' },
      configurationProtectedSettings: {},
    });
    expect(refused.status(), await refused.text()).toBe(422);

    const audit = new AuditPage(page);
    await audit.open();
    await expect(audit.rows(REFUSED_CLUSTER).first()).toBeVisible();

    await audit.filterBy({ outcome: 'Refused' });
    await expect(audit.entryRows().first()).toBeVisible();
    for (const row of await audit.entryRows().all()) await expect(row).toContainText('Refused');
    await expect(audit.rows(REFUSED_CLUSTER).first()).toBeVisible();

    await audit.filterBy({ cluster: CLUSTER_NAME });
    // The install was accepted, not refused: nothing on this cluster was refused.
    await expect(audit.noMatch).toBeVisible();

    await audit.filterBy({ outcome: 'Any outcome' });
    await expect(audit.rows(CLUSTER_NAME).first()).toBeVisible();
    await expect(audit.rows(REFUSED_CLUSTER)).toHaveCount(0);
    const shown = await audit.entryRows().count();
    for (const row of await audit.entryRows().all()) await expect(row).toContainText(CLUSTER_NAME);

    // The URL is the filter: opened again (a shared link), the form holds it.
    await audit.open(`cluster=${CLUSTER_NAME}`);
    await expect(audit.field('Cluster')).toHaveValue(CLUSTER_NAME);
    await expect(audit.entryRows()).toHaveCount(shown);

    const csv = await audit.exportCsv();
    expect(csv.fileName).toMatch(/^audit-\d{8}-\d{6}Z\.csv$/);
    const [header, ...lines] = csv.text.split('\r\n').filter(Boolean);
    expect(header.split(',')).toEqual(expect.arrayContaining(['at', 'actorName', 'action', 'outcome', 'clusterId']));
    // The export is every matching entry, not only the first page shown (a full run may hold more than a page).
    if (await audit.olderButton.isVisible()) expect(lines.length).toBeGreaterThan(shown);
    else expect(lines).toHaveLength(shown);
    for (const line of lines) expect(line).toContain(`/${CLUSTER_NAME},`);
    expect(csv.text).not.toContain(REFUSED_CLUSTER);
  });
});
