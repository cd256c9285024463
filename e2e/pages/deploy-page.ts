import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';

import type { PemPair } from '../fixtures/test-certificates';
import { pemFile } from '../fixtures/test-certificates';

/** Seeded subscriptions (lib/sandbox/world.ts). */
const PRODUCTION = '6f1c2a4e-8b3d-4c57-9a2e-1d0b5c7e9f31';
const EDGE = '3a7e5b90-1f2d-4c8e-b6a4-9d0c1e2f3a4b';

/** ARM ids of the seeded clusters the deploy spec uses. */
export const SANDBOX_CLUSTERS = {
  aksTwoNodes: `/subscriptions/${PRODUCTION}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/aks-two-nodes`,
  aksProdWesteurope: `/subscriptions/${PRODUCTION}/resourceGroups/rg-ml-prod-westeurope/providers/Microsoft.ContainerService/managedClusters/aks-prod-westeurope`,
  aksGpuNc: `/subscriptions/${PRODUCTION}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/aks-gpu-nc`,
  aksServicePrincipal: `/subscriptions/${PRODUCTION}/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/aks-service-principal`,
  arcSingleNode: `/subscriptions/${EDGE}/resourcegroups/rg-edge-stores/providers/Microsoft.Kubernetes/connectedClusters/arc-single-node`,
  arcOpenshiftFactory: `/subscriptions/${EDGE}/resourcegroups/rg-edge-factory/providers/Microsoft.Kubernetes/connectedClusters/arc-openshift-factory`,
} as const;

export type Workload = 'Training' | 'Inference' | 'Training and inference';
export type ServiceType = 'LoadBalancer' | 'NodePort' | 'ClusterIP';
export type TlsChoice = 'HTTP only (dev/test)' | 'HTTPS with a Kubernetes secret' | 'HTTPS with an uploaded PEM certificate and key' | 'Keep the certificate on file';

/** The deploy wizard at /deploy. Specs reach it only through this object. */
export class DeployPage {
  readonly heading: Locator;
  readonly stepHeading: Locator;
  readonly next: Locator;
  readonly back: Locator;
  readonly deploy: Locator;
  readonly preflightFindings: Locator;
  readonly preflightDone: Locator;
  readonly certificate: Locator;
  readonly privateKey: Locator;
  readonly sslCname: Locator;
  readonly secretName: Locator;
  readonly routerHA: Locator;
  readonly armBody: Locator;
  readonly azCommand: Locator;
  readonly reviewFindings: Locator;
  readonly importDialog: Locator;
  /** Why the Deploy click created nothing (throttling, an ended session, a refusal). */
  readonly notCreated: Locator;
  /** The way back to sign-in when the session has ended; it returns to the wizard. */
  readonly signInAgain: Locator;
  /** The server's verdict on the uploaded PEM pair. */
  readonly certificateCheck: Locator;
  /** Messages of fields that refused a value, each announced as it appears (role alert). */
  readonly fieldErrors: Locator;
  readonly clusterSearch: Locator;
  readonly extensionName: Locator;
  /** The note that answers from earlier in the session were restored, with its Start over. */
  readonly draftRestored: Locator;

  constructor(private readonly page: Page) {
    // The innermost element holding both the sentence and its button: the message bar.
    this.draftRestored = page
      .locator('div')
      .filter({ hasText: 'Your answers from earlier in this browser session are back.', has: page.getByRole('button', { name: 'Start over' }) })
      .last();
    this.heading = page.getByRole('heading', { level: 1, name: 'Deploy the Azure Machine Learning extension' });
    this.stepHeading = page.getByRole('heading', { level: 2 });
    // exact: `next dev` adds an "Open Next.js Dev Tools" button (STACK.md).
    this.next = page.getByRole('button', { name: 'Next', exact: true });
    this.back = page.getByRole('button', { name: 'Back', exact: true });
    this.deploy = page.getByRole('button', { name: 'Deploy', exact: true });
    this.preflightFindings = page.getByRole('list', { name: 'Preflight findings' });
    this.preflightDone = page.getByRole('region', { name: 'Preflight' });
    this.certificate = page.getByLabel('Certificate (PEM, full chain)');
    this.privateKey = page.getByLabel('Private key (PEM, unencrypted)');
    this.sslCname = page.getByRole('textbox', { name: /Endpoint host name \(sslCname\)/ });
    this.secretName = page.getByRole('textbox', { name: /Secret name/ });
    this.routerHA = page.getByRole('switch', { name: 'High availability for the inference router' });
    this.armBody = page.getByRole('region', { name: 'ARM request body' });
    this.azCommand = page.getByRole('region', { name: 'Azure CLI command' });
    this.reviewFindings = page.getByRole('list', { name: 'Review findings' });
    this.importDialog = page.getByRole('dialog', { name: 'Import settings' });
    this.notCreated = page.getByRole('alert', { name: 'The extension was not created' });
    this.signInAgain = page.getByRole('link', { name: 'Sign in again' });
    this.certificateCheck = page.getByRole('status', { name: 'Certificate check' });
    this.fieldErrors = page.getByRole('main').getByRole('alert');
    this.clusterSearch = page.getByRole('searchbox', { name: 'Search clusters' });
    this.extensionName = page.getByRole('textbox', { name: /^Extension name/ });
  }

  async open(clusterId?: string) {
    await this.page.goto(clusterId ? `/deploy?clusterId=${encodeURIComponent(clusterId)}` : '/deploy');
    await expect(this.heading).toBeVisible();
  }

  async expectStep(title: string) {
    await expect(this.stepHeading).toHaveText(title);
  }

  clusterOption(name: string): Locator {
    return this.page.getByRole('radio', { name, exact: true });
  }

  /** A choice of the current step (workload, service type, endpoint security), by its label. */
  choice(label: Workload | ServiceType | TlsChoice): Locator {
    return this.page.getByRole('radio', { name: label, exact: true });
  }

  /** Picks a cluster and waits until its preflight has answered. */
  async pickCluster(name: string) {
    await this.clusterSearch.fill(name);
    await this.clusterOption(name).check();
    await expect(this.preflightDone).toBeVisible();
  }

  /** Opens the wizard on a cluster passed in the address: it is picked and its preflight has answered. */
  async openOn(clusterId: string, name: string) {
    await this.open(clusterId);
    await expect(this.clusterOption(name)).toBeChecked();
    await expect(this.preflightDone).toBeVisible();
  }

  /** From an empty wizard to the step after the workload: picks the cluster, chooses the workload. */
  async openPastWorkload(clusterName: string, workload: Workload) {
    await this.open();
    await this.pickCluster(clusterName);
    await this.next.click();
    await this.chooseWorkload(workload);
    await this.next.click();
  }

  /** From the Advanced step, left as it is, to a planned review. */
  async planFromAdvanced() {
    await this.expectStep('Advanced');
    await this.next.click();
    await this.expectPlanned();
  }

  /** A release train of the Advanced step (a choice: `stable`, `preview`, or the extension's own). */
  releaseTrain(name: string): Locator {
    return this.page.getByRole('radiogroup', { name: /Release train/ }).getByRole('radio', { name, exact: true });
  }

  async chooseWorkload(workload: Workload) {
    await this.choice(workload).check();
  }

  async chooseServiceType(type: ServiceType) {
    await this.choice(type).check();
  }

  async chooseTls(choice: TlsChoice) {
    await this.choice(choice).check();
  }

  /** Uploads the pair (no files on disk) and sets the CNAME. */
  async uploadPem(pair: PemPair, cname: string) {
    await this.chooseTls('HTTPS with an uploaded PEM certificate and key');
    await this.sslCname.fill(cname);
    await this.certificate.setInputFiles(pemFile('cert.pem', pair.certPem));
    await this.privateKey.setInputFiles(pemFile('key.pem', pair.keyPem));
  }

  component(label: string): Locator {
    return this.page.getByRole('switch', { name: label });
  }

  async addNodeSelector(key: string, value: string) {
    await this.page.getByRole('button', { name: 'Add node selector' }).click();
    const count = await this.page.getByRole('textbox', { name: /^Label key \d+$/ }).count();
    await this.page.getByRole('textbox', { name: `Label key ${count}` }).fill(key);
    await this.page.getByRole('textbox', { name: `Label value ${count}` }).fill(value);
  }

  nodeSelectorKey(index: number): Locator {
    return this.page.getByRole('textbox', { name: `Label key ${index}` });
  }

  async importSettings(text: string) {
    await this.page.getByRole('button', { name: 'Import settings' }).click();
    await expect(this.importDialog).toBeVisible();
    await this.importDialog.getByRole('textbox', { name: /Command, --config list or JSON/ }).fill(text);
    await this.importDialog.getByRole('button', { name: 'Read settings' }).click();
  }

  get importErrors(): Locator {
    return this.importDialog.getByRole('list', { name: 'Import errors' });
  }

  async applyImport() {
    await this.importDialog.getByRole('button', { name: 'Use these settings' }).click();
    await expect(this.importDialog).toBeHidden();
  }

  /** Review reached and planned: the ARM body is on screen. */
  async expectPlanned() {
    await this.expectStep('Review and deploy');
    await expect(this.armBody).toBeVisible({ timeout: 30_000 });
  }

  /** Deploy, then land on the extension's status page. */
  async deployAndExpectStatusPage(extensionId: string) {
    await this.deploy.click();
    await this.expectOnStatusPage(extensionId);
  }

  /** The browser is on the extension's status page (after Deploy, however it was pressed). */
  async expectOnStatusPage(extensionId: string) {
    await expect(this.page).toHaveURL((url) => decodeURIComponent(url.pathname).toLowerCase() === `/resource${extensionId}`.toLowerCase(), { timeout: 30_000 });
  }
}

/** The extension as the portal's status API reports it (non-protected settings only). */
export interface ExtensionStatus {
  provisioningState: string;
  releaseTrain?: string;
  configurationSettings: Record<string, string>;
}

/** What the emulator actually received, through the portal's own JSON API. */
export class DeployedExtensions {
  constructor(private readonly request: APIRequestContext) {}

  async status(extensionId: string): Promise<{ code: number; body?: ExtensionStatus }> {
    const response = await this.request.get(`/api/v1/extensions/status?id=${encodeURIComponent(extensionId)}`, { headers: { Authorization: 'Bearer sandbox' } });
    return response.ok() ? { code: response.status(), body: (await response.json()) as ExtensionStatus } : { code: response.status() };
  }

  /**
   * Removes what a spec installed, so a later spec finds the cluster as the seed left it. ARM
   * refuses a delete (409) while the install is still running, so it asks again until accepted.
   */
  async remove(extensionId: string) {
    await expect
      .poll(
        async () =>
          (await this.request.delete(`/api/v1/extensions?id=${encodeURIComponent(extensionId)}&force=true`, { headers: { Authorization: 'Bearer sandbox' } })).status(),
        { timeout: 30_000, intervals: [250, 500, 1_000] },
      )
      .toBe(202);
    await expect.poll(async () => (await this.status(extensionId)).code, { timeout: 30_000 }).toBe(404);
  }

  /** {@link remove}, when a spec may have stopped before its install happened. */
  async removeIfInstalled(extensionId: string) {
    if ((await this.status(extensionId)).code !== 404) await this.remove(extensionId);
  }
}

/** `{clusterId}/providers/Microsoft.KubernetesConfiguration/extensions/{name}`. */
export function extensionOn(clusterId: string, name = 'azureml'): string {
  return `${clusterId}/providers/Microsoft.KubernetesConfiguration/extensions/${name}`;
}
