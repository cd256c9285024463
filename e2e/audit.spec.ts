import { expect, test } from '@playwright/test';

import { SEEDED_WORLD } from '../lib/sandbox/world';
import { AuditPage, installThroughApi } from './pages/audit-page';

const arcSingleNode = SEEDED_WORLD.clusters.find((cluster) => cluster.name === 'arc-single-node');

test.describe('audit trail on the sandbox', () => {
  test('an install through the API appears on /audit with who, what and its settings', async ({ page, request }) => {
    if (!arcSingleNode) throw new Error('the seeded world has no arc-single-node');
    const clusterId = `/subscriptions/${arcSingleNode.subscriptionId}/resourcegroups/${arcSingleNode.resourceGroup}/providers/Microsoft.Kubernetes/connectedClusters/arc-single-node`;
    const response = await installThroughApi(request, 'sandbox', {
      clusterId,
      name: 'azureml',
      configurationSettings: { enableTraining: 'True' },
      configurationProtectedSettings: {},
    });
    expect(response.status(), await response.text()).toBe(202);

    const audit = new AuditPage(page);
    await audit.open();
    const row = audit.rows('arc-single-node').first();
    await expect(row).toContainText('sandbox');
    await expect(row).toContainText('azureml');
    await expect(row).toContainText(/accepted|succeeded/);

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
    expect(body.value[0]).toMatchObject({ action: 'create', clusterId: expect.stringMatching(/arc-single-node$/), actor: { name: 'sandbox' } });
  });
});
