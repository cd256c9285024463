import { expect, test } from '@playwright/test';

import { relayNamespaceName } from '../lib/domain/relay-names';

import { DeployPage, SANDBOX_CLUSTERS } from './pages/deploy-page';

// Issue 14 item 7: the review says what the install does beyond the answers, from the plan.
test.describe('the review lists the side effects', () => {
  test('on Arc: the Relay namespace, hybrid connection and rule by name, in the cluster resource group', async ({ page }) => {
    const wizard = new DeployPage(page);
    await wizard.openOn(SANDBOX_CLUSTERS.arcSingleNode, 'arc-single-node');
    await wizard.next.click();
    await wizard.chooseWorkload('Training');
    await wizard.next.click();
    await wizard.planFromAdvanced();
    const subscription = SANDBOX_CLUSTERS.arcSingleNode.split('/')[2];
    const effects = page.getByRole('region', { name: 'What this install will do' });
    await expect(effects).toContainText(`Azure Relay namespace ${relayNamespaceName('arc-single-node', subscription, 'rg-edge-stores')} in resource group rg-edge-stores`);
    await expect(effects).toContainText('hybrid connection arc-single-node');
    await expect(effects).toContainText('azureml_rw (Manage, Send, Listen)');
    await expect(effects).toContainText('relayServerConnectionString (protected, value not shown)');
    await expect(effects).toContainText('system-assigned managed identity');
  });

  test('on aks-two-nodes: clusterPurpose=DevTest, with the node count as the reason', async ({ page }) => {
    const wizard = new DeployPage(page);
    await wizard.openPastWorkload('aks-two-nodes', 'Training and inference');
    await wizard.expectStep('Inference router');
    await wizard.chooseServiceType('LoadBalancer');
    await wizard.chooseTls('HTTP only (dev/test)');
    await wizard.next.click();
    await wizard.planFromAdvanced();
    const effects = page.getByRole('region', { name: 'What this install will do' });
    await expect(effects).toContainText('The cluster has 2 nodes, fewer than 3.');
    const added = effects.getByRole('list', { name: 'Settings the CLI adds by itself' });
    await expect(added.getByRole('listitem').filter({ hasText: /^clusterPurpose=DevTest/ })).toContainText('fewer than 3 nodes');
    await expect(added.getByRole('listitem').filter({ hasText: /^inferenceRouterHA=false/ })).toBeVisible();
    await expect(effects).not.toContainText('Azure Relay namespace');
  });
});
