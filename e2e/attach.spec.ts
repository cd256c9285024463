import { expect, test } from '@playwright/test';

import { AttachPage, ComputesSection, InstanceTypesPage } from './pages/attach-page';
import { DeployedExtensions, DeployPage, extensionOn, SANDBOX_CLUSTERS } from './pages/deploy-page';
import { SandboxEmulator, seededCluster } from './pages/sandbox-emulator';
import { ExtensionsApi, StatusPage } from './pages/status-page';

/** The seeded workspaces (lib/sandbox/world.ts): Production's in eastus, Edge's for the Arc clusters. */
const WORKSPACE_PROD = { name: 'mlw-prod-eastus', id: '/subscriptions/6f1c2a4e-8b3d-4c57-9a2e-1d0b5c7e9f31/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.MachineLearningServices/workspaces/mlw-prod-eastus' };
const WORKSPACE_EDGE = { name: 'mlw-edge-eastus', id: '/subscriptions/3a7e5b90-1f2d-4c8e-b6a4-9d0c1e2f3a4b/resourceGroups/rg-edge-stores/providers/Microsoft.MachineLearningServices/workspaces/mlw-edge-eastus' };

test.describe('from extension to training: attach to a workspace, instance types', () => {
  test.describe.configure({ timeout: 180_000 });

  test('AKS with GPUs: install, attach to the workspace, a GPU instance type, the compute listed, detach', async ({ page, request }) => {
    const wizard = new DeployPage(page);
    const deployed = new DeployedExtensions(request);
    const id = extensionOn(SANDBOX_CLUSTERS.aksGpuNc);
    await deployed.removeIfInstalled(id);

    // Install for training with the NVIDIA device plugin (the seed's GPU scenario).
    await wizard.openPastWorkload('aks-gpu-nc', 'Training');
    await wizard.expectStep('Advanced');
    await wizard.component('Install the NVIDIA device plugin').check();
    await wizard.planFromAdvanced();
    await wizard.deployAndExpectStatusPage(id);
    const status = new StatusPage(page);
    await status.expectSucceededAndReady();

    // Attach, from the status page.
    const computes = new ComputesSection(page);
    await expect(computes.none).toBeVisible();
    const attach = new AttachPage(page);
    await attach.openFromStatusPage();
    await attach.pickWorkspace(WORKSPACE_PROD.name);
    await attach.computeName.fill('gpu-train');
    await expect(attach.namespace).toHaveValue('default');
    await attach.toReview();
    await expect(attach.noFindings).toBeVisible();
    await expect(attach.armBody).toContainText('"computeType": "Kubernetes"');
    await expect(attach.armBody).toContainText(`"resourceId": "${SANDBOX_CLUSTERS.aksGpuNc}"`);
    await expect(attach.armBody).toContainText('"namespace": "default"');
    await expect(attach.armBody).toContainText('"location": "eastus"');
    await expect(attach.azCommand).toContainText('az ml compute attach');
    await expect(attach.azCommand).toContainText('--type Kubernetes');
    await expect(attach.azCommand).toContainText('--name gpu-train');
    await expect(attach.bicep).toContainText("'Microsoft.MachineLearningServices/workspaces/computes@2022-10-01'");
    await attach.attach.click();
    await expect(attach.computeState).toHaveText('Succeeded', { timeout: 30_000 });

    // A GPU instance type: offered because the cluster has GPU nodes and the plugin is on.
    await attach.manageInstanceTypes.click();
    const types = new InstanceTypesPage(page);
    await expect(types.heading).toBeVisible();
    await expect(types.row('defaultinstancetype')).toContainText('Default');
    await types.newGpuType.click();
    await types.field(/^Name/).fill('gpu-nc6');
    await types.field(/^Node selector/).fill('accelerator=nvidia');
    await types.field(/^CPU request/).fill('12');
    await expect(types.dialog.getByText('The request 12 is more than the limit 4.')).toBeVisible();
    await types.field(/^CPU request/).fill('4');
    await expect(types.yaml).toContainText('nvidia.com/gpu: 1');
    await expect(types.yaml).toContainText('accelerator: "nvidia"');
    await types.save();
    await expect(types.saved).toHaveText('Saved gpu-nc6.');
    await expect(types.row('gpu-nc6')).toContainText('nvidia.com/gpu=1');
    await expect(types.row('gpu-nc6')).toContainText('accelerator=nvidia');

    // The compute on the status page, Succeeded; detach it (the extension stays).
    await status.open(id, 'azureml');
    await expect(computes.row('gpu-train')).toContainText(WORKSPACE_PROD.name);
    await expect(computes.row('gpu-train')).toContainText('Succeeded');
    await computes.detach('gpu-train');
    await expect(page.getByText('The detach of gpu-train started.')).toBeVisible();
    await expect(computes.none).toBeVisible({ timeout: 30_000 });
    await expect(status.provisioningState).toHaveText('Succeeded');

    await deployed.remove(id);
  });

  test('Arc: install, attach to the workspace of its subscription, detach', async ({ page, request }) => {
    const wizard = new DeployPage(page);
    const deployed = new DeployedExtensions(request);
    const id = extensionOn(SANDBOX_CLUSTERS.arcSingleNode);
    await deployed.removeIfInstalled(id);

    await wizard.openOn(SANDBOX_CLUSTERS.arcSingleNode, 'arc-single-node');
    await wizard.next.click();
    await wizard.chooseWorkload('Training');
    await wizard.next.click();
    await wizard.planFromAdvanced();
    await wizard.deployAndExpectStatusPage(id);
    const status = new StatusPage(page);
    await status.expectSucceededAndReady();

    const attach = new AttachPage(page);
    await attach.openFromStatusPage();
    // The rule and the Arc remedy are said before anyone picks.
    await expect(page.getByText(/cannot attach a cluster from another subscription/)).toBeVisible();
    await expect(page.getByText(/connect the cluster to Azure Arc in that subscription/)).toBeVisible();
    await attach.pickWorkspace(WORKSPACE_EDGE.name);
    await attach.computeName.fill('arc-edge');
    await attach.toReview();
    await expect(attach.noFindings).toBeVisible();
    await expect(attach.armBody).toContainText(`"resourceId": "${seededCluster('arc-single-node').id}"`);
    await attach.attach.click();
    await expect(attach.computeState).toHaveText('Succeeded', { timeout: 30_000 });

    await attach.backToExtension.click();
    const computes = new ComputesSection(page);
    await expect(computes.row('arc-edge')).toContainText(WORKSPACE_EDGE.name);
    await computes.detach('arc-edge');
    await expect(computes.none).toBeVisible({ timeout: 30_000 });

    await deployed.remove(id);
  });

  test('refused with the reason and nothing sent: another subscription, and an extension that is not Succeeded', async ({ page, request }) => {
    const emulator = SandboxEmulator.fromDataDir();
    const deployed = new DeployedExtensions(request);
    const failedCluster = seededCluster('aks-fails-ha');
    const failedId = extensionOn(failedCluster.id);
    await deployed.removeIfInstalled(failedId);
    // An install that fails (E40002): its extension is Failed.
    await new ExtensionsApi(request).create(failedCluster.id, 'azureml', { enableInference: 'True', inferenceRouterServiceType: 'LoadBalancer', allowInsecureConnections: 'True' });
    const status = new StatusPage(page);
    await status.open(failedId, 'azureml');
    await expect(status.provisioningState).toHaveText('Failed', { timeout: 30_000 });
    const computes = new ComputesSection(page);
    await expect(computes.notReady).toBeVisible();

    const before = await emulator.stats();
    const attach = new AttachPage(page);
    await attach.open(failedCluster.id);
    await attach.pickWorkspace(WORKSPACE_PROD.name);
    await attach.computeName.fill('too-early');
    await attach.toReview();
    await expect(attach.findings).toContainText("The Azure Machine Learning extension 'azureml' on aks-fails-ha is Failed, not Succeeded.");
    await expect(attach.blocked).toBeVisible();
    await expect(attach.attach).toBeDisabled();

    // A workspace in another subscription, typed in: refused with the rule and the remedy.
    // aks-prod-eastus: the seeded extension is Succeeded, so the subscription is the one refusal.
    await attach.open(seededCluster('aks-prod-eastus').id);
    await attach.enterWorkspaceId(WORKSPACE_EDGE.id);
    await attach.computeName.fill('cross-sub');
    await attach.toReview();
    await expect(attach.findings).toContainText('aks-prod-eastus is in subscription');
    await expect(attach.findings).toContainText('Connect the cluster to Azure Arc in subscription 3a7e5b90-1f2d-4c8e-b6a4-9d0c1e2f3a4b');
    await expect(attach.attach).toBeDisabled();
    // Everything typed is still there on the way back.
    await attach.back.click();
    await expect(attach.workspaceId).toHaveValue(WORKSPACE_EDGE.id);
    await expect(attach.computeName).toHaveValue('cross-sub');

    expect((await emulator.stats()).armWritesAccepted - before.armWritesAccepted, 'writes ARM accepted').toBe(0);
    await deployed.remove(failedId);
  });
});
