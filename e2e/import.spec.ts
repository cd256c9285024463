import { expect, test } from '@playwright/test';

import { DeployPage } from './pages/deploy-page';
import { ImportDialog } from './pages/import-dialog';

/** The seed's scenario 1 exactly as printed: placeholders, and `InferenceRouterHA` with a capital I (DOMAIN.md section 9). */
const SEED_SCENARIO_1_VERBATIM =
  'az k8s-extension create --name <extension-name> --extension-type Microsoft.AzureML.Kubernetes --config enableTraining=True enableInference=True inferenceRouterServiceType=LoadBalancer allowInsecureConnections=True InferenceRouterHA=False --cluster-type managedClusters --cluster-name <your-AKS-cluster-name> --resource-group <your-RG-name> --scope cluster';
/** The same command said right, on a seeded cluster. */
const SEED_SCENARIO_1_CORRECT =
  'az k8s-extension create --name azureml --extension-type Microsoft.AzureML.Kubernetes --config enableTraining=True enableInference=True inferenceRouterServiceType=LoadBalancer allowInsecureConnections=True inferenceRouterHA=False --cluster-type managedClusters --cluster-name aks-two-nodes --resource-group rg-ml-prod-eastus --scope cluster';

test.describe('import settings into the deploy wizard', () => {
  test("the seed's verbatim command: the typo blocks the import until its one-click fix, and HA arrives off", async ({ page }) => {
    const wizard = new DeployPage(page);
    const importing = new ImportDialog(page);
    await wizard.open();
    await importing.paste(SEED_SCENARIO_1_VERBATIM);

    await expect(importing.errors).toContainText('InferenceRouterHA is not a setting; did you mean inferenceRouterHA?');
    await expect(importing.apply).toBeDisabled();
    await expect(importing.apply).toHaveAccessibleDescription(importing.blockedReason);
    // While the typo stands, HA is not among the answers: it would silently stay on.
    await expect(importing.answers.filter({ hasText: /^Router:/ })).toHaveText('Router: load balancer');

    await importing.fix('Rename InferenceRouterHA to inferenceRouterHA').click();
    await expect(importing.fixDone).toHaveText('Done: Rename InferenceRouterHA to inferenceRouterHA.');
    await expect(importing.errors).toBeHidden();
    await expect(importing.apply).toBeEnabled();
    await expect(importing.apply).toBeFocused();
    await expect(importing.answers.filter({ hasText: /^Router:/ })).toHaveText('Router: load balancer, HA off');
    // The placeholders are still said, and the text was not retyped.
    await expect(importing.warnings).toContainText('<your-AKS-cluster-name> is a placeholder; choose it in the portal.');
    await expect(importing.text).toHaveValue(SEED_SCENARIO_1_VERBATIM);
    await importing.useTheseSettings();

    // No cluster named: the wizard is on its first step.
    await wizard.pickCluster('aks-two-nodes');
    await wizard.next.click();
    await wizard.expectStep('Workload');
    await expect(wizard.choice('Training and inference')).toBeChecked();
    await wizard.next.click();
    await wizard.expectStep('Inference router');
    await expect(wizard.choice('LoadBalancer')).toBeChecked();
    await expect(wizard.choice('HTTP only (dev/test)')).toBeChecked();
    await expect(wizard.routerHA).not.toBeChecked();
  });

  test('a correct paste lists exactly the answers it will set, and sets them', async ({ page }) => {
    const wizard = new DeployPage(page);
    const importing = new ImportDialog(page);
    await wizard.open();
    await importing.paste(SEED_SCENARIO_1_CORRECT);

    await expect(importing.errors).toBeHidden();
    await expect(importing.answers).toHaveText([
      'Cluster: aks-two-nodes',
      'Extension name: azureml',
      'Workloads: training and inference',
      'Router: load balancer, HA off',
      'HTTPS: off (HTTP only, for dev/test)',
    ]);
    await expect(importing.apply).toBeEnabled();
    await importing.useTheseSettings();

    await expect(wizard.clusterOption('aks-two-nodes')).toBeChecked();
    await expect(wizard.preflightDone).toBeVisible();
    await wizard.next.click();
    await expect(wizard.choice('Training and inference')).toBeChecked();
    await wizard.next.click();
    await expect(wizard.routerHA).not.toBeChecked();
  });

  test('a legacy key is replaced by its equivalent in one click, and what is not carried over is said', async ({ page }) => {
    const wizard = new DeployPage(page);
    const importing = new ImportDialog(page);
    await wizard.open();
    await importing.paste('enableInference=True allowInsecureConnections=True privateEndpointILB=True clusterPurpose=DevTest');

    await expect(importing.errors).toContainText('inferenceRouterServiceType');
    await expect(importing.apply).toBeDisabled();
    await importing.fix('Replace privateEndpointILB with inferenceRouterServiceType=loadBalancer, internalLoadBalancerProvider=azure').click();
    await expect(importing.errors).toBeHidden();
    await expect(importing.answers).toHaveText(['Workloads: inference', 'Router: internal load balancer (Azure)', 'HTTPS: off (HTTP only, for dev/test)']);
    await expect(importing.dialog).toContainText('Not carried over (the wizard has no field for them): clusterPurpose');
    await expect(importing.apply).toBeEnabled();
  });
});
