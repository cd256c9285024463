import { createHash } from 'node:crypto';

import { expect, test } from '@playwright/test';

import { createTestCertificates, pemFile, type TestCertificates } from './fixtures/test-certificates';
import { DeployedExtensions, DeployPage, extensionOn, SANDBOX_CLUSTERS } from './pages/deploy-page';
import { ImportDialog } from './pages/import-dialog';
import { SandboxEmulator } from './pages/sandbox-emulator';
import { StatusPage } from './pages/status-page';
import { UpdatePage } from './pages/update-page';

const CNAME = 'ml.contoso.com';
/** The seed's scenario 1 command, typo included (DOMAIN.md section 9). */
const SEED_POC_COMMAND =
  'az k8s-extension create --name azureml --extension-type Microsoft.AzureML.Kubernetes --config enableTraining=True enableInference=True inferenceRouterServiceType=LoadBalancer allowInsecureConnections=True InferenceRouterHA=False --cluster-type managedClusters --cluster-name aks-two-nodes --resource-group rg-ml-prod-eastus --scope cluster';

let certs: TestCertificates;
/** A second pair for the same host: the renewal's. */
let renewal: TestCertificates;
/** A pair that ends in 10 days: inside the 30-day warning window. */
let expiring: TestCertificates;
test.beforeAll(async () => {
  certs = await createTestCertificates(CNAME);
  renewal = await createTestCertificates(CNAME);
  expiring = await createTestCertificates(CNAME, { validDays: 10 });
});

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

test.describe('deploy wizard: the seed scenarios on the sandbox', () => {
  test.describe.configure({ timeout: 120_000 });

  test('1. AKS proof of concept, imported from the seed command: the HA typo is named and fixed; then inference off', async ({ page, request }) => {
    const wizard = new DeployPage(page);
    const importer = new ImportDialog(page);
    const deployed = new DeployedExtensions(request);
    const id = extensionOn(SANDBOX_CLUSTERS.aksTwoNodes);
    await wizard.open();

    await importer.paste(SEED_POC_COMMAND);
    await expect(importer.errors).toContainText('InferenceRouterHA is not a setting; did you mean inferenceRouterHA?');
    await importer.fix('Rename InferenceRouterHA to inferenceRouterHA').click();
    await wizard.applyImport();
    await expect(wizard.clusterOption('aks-two-nodes')).toBeChecked();
    await expect(wizard.preflightDone).toBeVisible();
    await wizard.next.click();

    await wizard.expectStep('Workload');
    await expect(wizard.choice('Training and inference')).toBeChecked();
    await wizard.next.click();
    await wizard.expectStep('Inference router');
    await expect(wizard.choice('LoadBalancer')).toBeChecked();
    await expect(wizard.choice('HTTP only (dev/test)')).toBeChecked();
    await expect(wizard.routerHA).toHaveAccessibleDescription(/This cluster has 2 nodes/);
    await expect(wizard.routerHA).not.toBeChecked();
    await wizard.next.click();
    await wizard.planFromAdvanced();
    await expect(wizard.armBody).toContainText('"inferenceRouterHA": "False"');
    await expect(wizard.armBody).toContainText('"clusterPurpose": "DevTest"');
    await expect(wizard.azCommand).toContainText('inferenceRouterHA=False');
    await wizard.deployAndExpectStatusPage(id);

    const { body } = await deployed.status(id);
    expect(body?.configurationSettings).toMatchObject({
      enableTraining: 'True',
      enableInference: 'True',
      inferenceRouterServiceType: 'loadBalancer',
      allowInsecureConnections: 'True',
      inferenceRouterHA: 'False',
    });
    expect(body?.configurationSettings).not.toHaveProperty('InferenceRouterHA');

    // Day two, through the wizard: HA on for two nodes is refused at the review with the reason, and nothing is sent.
    const status = new StatusPage(page);
    await status.expectSucceededAndReady();
    const update = new UpdatePage(page);
    await update.openFromStatusPage('azureml', 'aks-two-nodes');
    await update.fields.expectStep('Workload');
    await update.fields.next.click();
    await expect(wizard.routerHA).not.toBeChecked();
    await wizard.routerHA.check();
    await update.toReview();
    await expect(update.findings).toContainText('aks-two-nodes has 2 Linux nodes');
    await expect(update.findings).toContainText('Set inferenceRouterHA to False');
    await expect(update.update).toBeDisabled();
    expect((await deployed.status(id)).body?.configurationSettings?.inferenceRouterHA).toBe('False');

    // Then turn inference off instead: an impact to confirm, and the router keys stay for a later turn back on.
    await update.fields.back.click();
    await update.fields.back.click();
    await update.fields.expectStep('Inference router');
    await wizard.routerHA.uncheck();
    await update.fields.back.click();
    await update.fields.chooseWorkload('Training');
    await update.toReview();
    await expect(update.changes).toContainText('enableInference');
    await expect(update.impacts).toContainText('Turning inference off');
    await expect(update.update).toBeDisabled();
    await update.confirmAndSend();
    await status.expectSucceededAndReady();
    await expect(status.componentRow('azureml-fe-v2')).toHaveCount(0);
    expect((await deployed.status(id)).body?.configurationSettings).toMatchObject({ enableInference: 'False', inferenceRouterServiceType: 'loadBalancer', inferenceRouterHA: 'False' });
    await deployed.remove(id);
  });

  test('the review says what will be sent: HA left on for two nodes reads Off, as in the ARM body', async ({ page }) => {
    const wizard = new DeployPage(page);
    await wizard.openPastWorkload('aks-two-nodes', 'Training and inference');
    await wizard.expectStep('Inference router');
    await wizard.chooseServiceType('LoadBalancer');
    await wizard.chooseTls('HTTP only (dev/test)');
    await expect(wizard.routerHA).toBeChecked();
    await wizard.next.click();
    await wizard.planFromAdvanced();
    // The CLI's own spelling for the value it sets on small clusters.
    await expect(wizard.armBody).toContainText('"inferenceRouterHA": "false"');
    const summary = page.getByRole('definition').filter({ hasText: /replica/ });
    await expect(summary).toHaveText('Off: 1 replica');
  });

  test('2. Arc proof of concept, training only: the router step is skipped; then inference on', async ({ page, request }) => {
    const wizard = new DeployPage(page);
    const deployed = new DeployedExtensions(request);
    const id = extensionOn(SANDBOX_CLUSTERS.arcSingleNode);
    await wizard.openOn(SANDBOX_CLUSTERS.arcSingleNode, 'arc-single-node');
    await wizard.next.click();

    await wizard.chooseWorkload('Training');
    await wizard.next.click();
    await wizard.planFromAdvanced();
    await expect(wizard.azCommand).toContainText('enableTraining=True');
    await wizard.deployAndExpectStatusPage(id);

    const { body } = await deployed.status(id);
    expect(body?.configurationSettings).toMatchObject({ enableTraining: 'True', enableInference: 'False', 'relayserver.enabled': 'true' });
    expect(body?.configurationSettings).not.toHaveProperty('inferenceRouterServiceType');

    // Day two: inference on, through the same steps; the router step appears, its rules apply.
    await new StatusPage(page).expectSucceededAndReady();
    const update = new UpdatePage(page);
    await update.openFromStatusPage('azureml', 'arc-single-node');
    await update.fields.chooseWorkload('Training and inference');
    await update.fields.next.click();
    await update.fields.expectStep('Inference router');
    await update.fields.chooseServiceType('NodePort');
    await update.fields.chooseTls('HTTP only (dev/test)');
    await update.fields.routerHA.uncheck();
    await update.toReview();
    await expect(update.changes).toContainText('scoringFe.serviceType.nodePort');
    await update.confirmAndSend();
    await new StatusPage(page).expectSucceededAndReady(60_000);
    expect((await deployed.status(id)).body?.configurationSettings).toMatchObject({
      enableInference: 'True',
      inferenceRouterServiceType: 'nodePort',
      'scoringFe.serviceType.nodePort': 'True',
      allowInsecureConnections: 'True',
      // Already off, as the CLI spelled it on a one-node cluster: no change, so not rewritten.
      inferenceRouterHA: expect.stringMatching(/^false$/i),
      'relayserver.enabled': 'true',
    });
    await deployed.remove(id);
  });

  test('3. AKS production: LoadBalancer, HTTPS with an uploaded PEM pair, key masked in the review; then a certificate renewal', async ({ page, request }) => {
    const wizard = new DeployPage(page);
    const deployed = new DeployedExtensions(request);
    const id = extensionOn(SANDBOX_CLUSTERS.aksProdWesteurope);
    await wizard.openPastWorkload('aks-prod-westeurope', 'Training and inference');

    await wizard.chooseServiceType('LoadBalancer');
    await expect(wizard.routerHA).toBeChecked();
    // A certificate that ends in 10 days: the install may go on, and the status page will say so.
    await wizard.uploadPem(expiring.valid, CNAME);
    await expect(wizard.certificateCheck).toContainText('match and cover the host name');
    await wizard.next.click();
    await wizard.planFromAdvanced();
    await expect(wizard.armBody).toContainText('"scoringFe.sslKey": "***"');
    await expect(wizard.armBody).not.toContainText('PRIVATE KEY');
    await expect(wizard.azCommand).toContainText(`sslCname=${CNAME}`);
    await wizard.deployAndExpectStatusPage(id);

    const { body } = await deployed.status(id);
    expect(body?.configurationSettings).toMatchObject({ enableTraining: 'True', enableInference: 'True', inferenceRouterServiceType: 'loadBalancer', sslCname: CNAME });
    expect(body?.configurationSettings).not.toHaveProperty('allowInsecureConnections');
    expect(JSON.stringify(body)).not.toContain('PRIVATE KEY');

    // The status page and the fleet warn before the certificate expires (its end date was remembered at install).
    const status = new StatusPage(page);
    await status.expectSucceededAndReady();
    await expect(page.getByRole('group', { name: 'Certificate expires soon' })).toContainText(/The certificate for ml\.contoso\.com expires on .+, in (9|10) days\./);
    await page.goto('/fleet');
    const fleetRow = page.getByRole('row').filter({ hasText: 'aks-prod-westeurope' });
    await expect(fleetRow).toContainText(/Expires \d{4}-\d{2}-\d{2} \((9|10) days\)/);
    await status.open(id, 'azureml');

    // Day two: Renew certificate, its own short path: the upload, the install's checks, the review, the update.
    const update = new UpdatePage(page);
    await update.openRenewalFromStatusPage('azureml', 'aks-prod-westeurope');
    await expect(wizard.sslCname).toHaveValue(CNAME);
    await wizard.certificate.setInputFiles(pemFile('new-cert.pem', renewal.valid.certPem));
    await wizard.privateKey.setInputFiles(pemFile('new-key.pem', certs.mismatchedKey.keyPem));
    await expect(wizard.privateKey).toHaveAccessibleDescription(/does not belong to the certificate/);
    await wizard.privateKey.setInputFiles(pemFile('new-key.pem', renewal.valid.keyPem));
    await expect(wizard.certificateCheck).toContainText('match and cover the host name');
    await update.toReview();
    await expect(update.nothingChanges).toHaveCount(0);
    await expect(update.protectedSettings).toContainText('scoringFe.sslCert, scoringFe.sslKey');
    await expect(update.patchBody).toContainText('"scoringFe.sslKey": "***"');
    await expect(update.patchBody).not.toContainText('PRIVATE KEY');
    await update.confirmAndSend(update.renew);
    await status.expectSucceededAndReady();
    await expect(page.getByRole('group', { name: 'Certificate expires soon' })).toHaveCount(0);
    await expect(page.getByRole('group', { name: 'Certificate', exact: true })).toContainText(/The certificate for ml\.contoso\.com is valid until/);
    const hashes = await SandboxEmulator.fromDataDir().protectedHashes(id);
    expect(hashes).toEqual({ 'scoringFe.sslCert': sha256(base64(renewal.valid.certPem)), 'scoringFe.sslKey': sha256(base64(renewal.valid.keyPem)) });
    await deployed.remove(id);
  });

  test('4. Arc production with GPUs: NodePort, PEM pair, NVIDIA plugin and DCGM exporter; then LoadBalancer, then a renewal that resends the Relay strings', async ({ page, request }) => {
    const wizard = new DeployPage(page);
    const deployed = new DeployedExtensions(request);
    const id = extensionOn(SANDBOX_CLUSTERS.arcOpenshiftFactory);
    await wizard.openPastWorkload('arc-openshift-factory', 'Training and inference');

    await wizard.chooseServiceType('NodePort');
    await expect(page.getByRole('switch', { name: 'Use an internal Azure load balancer' })).toHaveCount(0);
    await wizard.uploadPem(certs.valid, CNAME);
    await expect(wizard.certificateCheck).toContainText('match and cover the host name');
    await wizard.next.click();
    await wizard.component('Install the NVIDIA device plugin').check();
    await wizard.component('Install the DCGM exporter').check();
    await wizard.next.click();

    await wizard.expectPlanned();
    await expect(wizard.armBody).toContainText('"openshift": "true"');
    await wizard.deployAndExpectStatusPage(id);

    const { body } = await deployed.status(id);
    expect(body?.configurationSettings).toMatchObject({
      enableTraining: 'True',
      enableInference: 'True',
      inferenceRouterServiceType: 'nodePort',
      'scoringFe.serviceType.nodePort': 'True',
      sslCname: CNAME,
      installNvidiaDevicePlugin: 'True',
      installDcgmExporter: 'True',
    });
    const emulator = SandboxEmulator.fromDataDir();
    const installed = await emulator.protectedHashes(id);
    expect(Object.keys(installed).sort()).toEqual(['relayServerConnectionString', 'relayserver.relayConnectionString', 'scoringFe.sslCert', 'scoringFe.sslKey']);

    // Day two: switch the router type; the certificate on file is kept, nothing protected is sent.
    const status = new StatusPage(page);
    await status.expectSucceededAndReady(60_000);
    const update = new UpdatePage(page);
    await update.openFromStatusPage('azureml', 'arc-openshift-factory');
    await update.fields.next.click();
    await expect(wizard.choice('NodePort')).toBeChecked();
    await expect(wizard.choice('Keep the certificate on file')).toBeChecked();
    await update.fields.chooseServiceType('LoadBalancer');
    await update.toReview();
    await expect(update.changes).toContainText('inferenceRouterServiceType');
    await expect(update.impacts).toContainText('inferenceRouterServiceType');
    await expect(update.protectedSettings).toHaveCount(0);
    await update.confirmAndSend();
    await status.expectSucceededAndReady(60_000);
    expect((await deployed.status(id)).body?.configurationSettings).toMatchObject({ inferenceRouterServiceType: 'loadBalancer', 'scoringFe.serviceType.nodePort': 'False' });
    expect(await emulator.protectedHashes(id)).toEqual(installed);

    // Then a renewal: ARM replaces protected settings wholesale, so the Relay strings go again with the new pair.
    await update.openRenewalFromStatusPage('azureml', 'arc-openshift-factory');
    await wizard.certificate.setInputFiles(pemFile('new-cert.pem', renewal.valid.certPem));
    await wizard.privateKey.setInputFiles(pemFile('new-key.pem', renewal.valid.keyPem));
    await expect(wizard.certificateCheck).toContainText('match and cover the host name');
    await update.toReview();
    await expect(update.protectedSettings).toContainText('relayServerConnectionString');
    await update.confirmAndSend(update.renew);
    await status.expectSucceededAndReady(60_000);
    expect(await emulator.protectedHashes(id)).toEqual({
      'scoringFe.sslCert': sha256(base64(renewal.valid.certPem)),
      'scoringFe.sslKey': sha256(base64(renewal.valid.keyPem)),
      relayServerConnectionString: installed.relayServerConnectionString,
      'relayserver.relayConnectionString': installed['relayserver.relayConnectionString'],
    });
    await deployed.remove(id);
  });
});

test.describe('deploy wizard: refusals and keeping what was typed', () => {
  test('an encrypted key, a mismatched key and a missing CNAME are refused at the field; nothing is created', async ({ page, request }) => {
    const wizard = new DeployPage(page);
    const deployed = new DeployedExtensions(request);
    await wizard.open();
    await wizard.pickCluster('aks-gpu-nc');
    await wizard.next.click();
    await wizard.next.click();
    await wizard.expectStep('Inference router');

    await wizard.uploadPem(certs.encryptedKey, CNAME);
    await expect(wizard.privateKey).toHaveAccessibleDescription(/Passphrase-protected keys are not supported/);
    await wizard.next.click();
    await wizard.expectStep('Inference router');

    await wizard.privateKey.setInputFiles({ name: 'other.pem', mimeType: 'application/x-pem-file', buffer: Buffer.from(certs.mismatchedKey.keyPem) });
    await expect(wizard.privateKey).toHaveAccessibleDescription(/does not belong to the certificate/);
    await wizard.next.click();
    await wizard.expectStep('Inference router');

    await wizard.privateKey.setInputFiles({ name: 'key.pem', mimeType: 'application/x-pem-file', buffer: Buffer.from(certs.valid.keyPem) });
    await wizard.sslCname.fill('');
    await wizard.next.click();
    await expect(wizard.sslCname).toHaveAccessibleDescription(/HTTPS needs sslCname/);
    await wizard.expectStep('Inference router');

    expect((await deployed.status(extensionOn(SANDBOX_CLUSTERS.aksGpuNc))).code).toBe(404);
  });

  test('a cluster that uses a service principal is blocked with its fix', async ({ page }) => {
    const wizard = new DeployPage(page);
    await wizard.open();
    await wizard.pickCluster('aks-service-principal');
    await expect(wizard.preflightFindings).toContainText('Blocks the install');
    await expect(wizard.preflightFindings).toContainText('service principal');
    await expect(wizard.preflightFindings).toContainText('Fix:');
    await expect(wizard.next).toBeDisabled();
  });

  test('Back keeps every value, and a reload restores the wizard but not the key', async ({ page }) => {
    const wizard = new DeployPage(page);
    await wizard.openPastWorkload('aks-gpu-nc', 'Inference');
    await wizard.chooseServiceType('ClusterIP');
    await wizard.chooseTls('HTTPS with a Kubernetes secret');
    await wizard.secretName.fill('azureml-tls');
    await wizard.sslCname.fill(CNAME);
    await wizard.next.click();
    await wizard.expectStep('Advanced');
    await wizard.addNodeSelector('accelerator', 'nvidia');

    await wizard.back.click();
    await expect(wizard.choice('ClusterIP')).toBeChecked();
    await expect(wizard.secretName).toHaveValue('azureml-tls');
    await expect(wizard.sslCname).toHaveValue(CNAME);
    await wizard.back.click();
    await expect(wizard.choice('Inference')).toBeChecked();
    await wizard.back.click();
    await expect(wizard.clusterOption('aks-gpu-nc')).toBeChecked();
    await wizard.next.click();
    await wizard.next.click();
    await wizard.next.click();
    await expect(wizard.nodeSelectorKey(1)).toHaveValue('accelerator');

    // A reload restores the answers; a PEM choice resumes at the router step to re-upload.
    await wizard.back.click();
    await wizard.uploadPem(certs.valid, CNAME);
    await expect(wizard.certificateCheck).toContainText('match and cover the host name');
    await page.reload();
    await wizard.expectStep('Inference router');
    await expect(wizard.choice('HTTPS with an uploaded PEM certificate and key')).toBeChecked();
    await expect(wizard.sslCname).toHaveValue(CNAME);
    const saved = await page.evaluate(() => Object.values(window.sessionStorage).join('\n'));
    expect(saved).toContain('aks-gpu-nc');
    expect(saved).not.toContain('PRIVATE KEY');
    expect(saved).not.toContain('CERTIFICATE');
    await wizard.next.click();
    await expect(wizard.privateKey).toHaveAccessibleDescription(/Provide the PEM private key/);

    // The restored draft can be dropped: Start over empties the wizard, and a reload keeps it empty.
    await expect(wizard.draftRestored).toBeVisible();
    await wizard.draftRestored.getByRole('button', { name: 'Start over' }).click();
    await wizard.expectStep('Cluster');
    await expect(wizard.clusterOption('aks-gpu-nc')).not.toBeChecked();
    await expect(wizard.draftRestored).toBeHidden();
    await page.reload();
    await wizard.expectStep('Cluster');
    await expect(wizard.clusterOption('aks-gpu-nc')).not.toBeChecked();
    await expect(wizard.draftRestored).toBeHidden();
  });
});
