import { expect, test as base } from '@playwright/test';

import { SETTLED_POLL_MS } from '../lib/ui/extension-polling';
import { createTestCertificates, type TestCertificates } from './fixtures/test-certificates';
import { BorrowedCluster } from './pages/borrowed-cluster';
import { DeployedExtensions, DeployPage } from './pages/deploy-page';
import { SandboxEmulator } from './pages/sandbox-emulator';
import { expectedArmKeyHash } from './pages/secret-canary';
import { SignInPage } from './pages/sign-in-page';
import { ExtensionsApi, StatusPage } from './pages/status-page';
import { UpdatePage } from './pages/update-page';

/**
 * Azure misbehaving, seen from the browser: throttling, server errors, a sign-in that ends, ARM
 * going away and coming back, and slow ARM. The same faults are proved below the browser in
 * test/resilience/; here the wizard and the status page must tell the user what is happening,
 * keep what they typed, write once, and recover by themselves.
 *
 * Each test has its own seeded cluster (lib/sandbox/README.md) and gives it back as the seed left
 * it: fault scenario restored, what it installed removed. The seed has three clusters no other spec
 * touches (aks-throttled, aks-prom-conflict, aks-slow-arm); the sign-in test installs on
 * aks-crash-loop (audit.spec.ts installs there too, and both remove what they installed) and the
 * outage test only changes the scenario of aks-prod-eastus, whose seeded install it watches.
 */

/**
 * `borrow(name)`: a seeded cluster for one test, given back after it whatever its outcome (a
 * fixture's teardown runs even after a timeout, with the request context still open).
 */
const test = base.extend<{ borrow: (name: string, options?: { installs?: boolean }) => BorrowedCluster }>({
  // `lend`, not Playwright's usual `use`: the React hooks lint reads `use(...)` as a hook call.
  borrow: async ({ request }, lend) => {
    const borrowed: BorrowedCluster[] = [];
    await lend((name, { installs = true } = {}) => {
      const cluster = new BorrowedCluster(name, SandboxEmulator.fromDataDir(), installs);
      borrowed.push(cluster);
      return cluster;
    });
    for (const cluster of borrowed) await cluster.giveBack(new DeployedExtensions(request));
  },
});

const CNAME = 'ml.contoso.com';
const SECRET_NAME = 'azureml-tls';
/** Typed on the Advanced step; not the default, so a lost value shows. */
const RELEASE_TRAIN = 'preview';
/**
 * Longer than the status page's slowest poll interval: a page that keeps polling must meet the
 * outage at least once, whenever in its cycle the outage starts.
 */
const OUTAGE_MS = SETTLED_POLL_MS + 2_000;

let certs: TestCertificates;
test.beforeAll(async () => {
  certs = await createTestCertificates(CNAME);
});

test.describe('resilience: the wizard and the status page when Azure misbehaves', () => {
  test.describe.configure({ timeout: 180_000 });

  test('an ARM 429 storm at Deploy: the user reads that Azure throttles and the portal retried, keeps every answer, and one PUT installs', async ({ page, request, borrow }) => {
    const cluster = borrow('aks-throttled');
    const emulator = SandboxEmulator.fromDataDir();
    const wizard = new DeployPage(page);
    const before = await emulator.stats();

    // The seed's arm-throttling (every 3rd request 429) all along: the wizard works through it.
    await wizard.openPastWorkload(cluster.name, 'Training and inference');
    await wizard.chooseServiceType('ClusterIP');
    await wizard.chooseTls('HTTPS with a Kubernetes secret');
    await wizard.secretName.fill(SECRET_NAME);
    await wizard.sslCname.fill(CNAME);
    await wizard.next.click();
    await wizard.expectStep('Advanced');
    await wizard.releaseTrain(RELEASE_TRAIN).check();
    await wizard.next.click();
    await wizard.expectPlanned();

    // Then every request answers 429, past the SDK's retries.
    await emulator.setScenario(cluster.name, 'arm-throttling-storm');
    await expect(wizard.deploy).toBeEnabled();
    await wizard.deploy.click();
    await expect(wizard.notCreated).toContainText('Azure is throttling requests', { timeout: 60_000 });
    await expect(wizard.notCreated).toContainText('the portal already retried');
    expect((await emulator.stats()).acceptedExtensionPuts).toBe(before.acceptedExtensionPuts);

    // Azure eases off to every 3rd request; nothing the user typed went away.
    await emulator.setScenario(cluster.name, 'arm-throttling');
    await wizard.back.click();
    await expect(wizard.releaseTrain(RELEASE_TRAIN)).toBeChecked();
    await wizard.back.click();
    await expect(wizard.choice('ClusterIP')).toBeChecked();
    await expect(wizard.choice('HTTPS with a Kubernetes secret')).toBeChecked();
    await expect(wizard.secretName).toHaveValue(SECRET_NAME);
    await expect(wizard.sslCname).toHaveValue(CNAME);
    await wizard.next.click();
    await wizard.planFromAdvanced();
    await wizard.deployAndExpectStatusPage(cluster.extensionId);
    await expect(new StatusPage(page).provisioningState).toHaveText('Succeeded', { timeout: 60_000 });

    const after = await emulator.stats();
    expect(after.acceptedExtensionPuts - before.acceptedExtensionPuts, 'extension PUTs ARM accepted').toBe(1);
    expect(after.answered(429) - before.answered(429), '429s ARM served meanwhile').toBeGreaterThan(0);
    const { body } = await new DeployedExtensions(request).status(cluster.extensionId);
    expect(body?.releaseTrain).toBe(RELEASE_TRAIN);
    expect(body?.configurationSettings).toMatchObject({ inferenceRouterServiceType: 'clusterIP', sslSecret: SECRET_NAME, sslCname: CNAME });
  });

  test('ARM answering 500s: the deploy goes through with one PUT and the status page reaches Succeeded', async ({ page, borrow }) => {
    const cluster = borrow('aks-prom-conflict');
    const emulator = SandboxEmulator.fromDataDir();
    const wizard = new DeployPage(page);
    const status = new StatusPage(page);
    const before = await emulator.stats();

    // Every 2nd request answers 500, from the cluster pick to the last status poll.
    await emulator.setScenario(cluster.name, 'arm-errors-500');
    await wizard.openPastWorkload(cluster.name, 'Training');
    await wizard.expectStep('Advanced');
    await wizard.addNodeSelector('team', 'ml');
    await wizard.next.click();
    await wizard.expectPlanned();
    await wizard.deployAndExpectStatusPage(cluster.extensionId);

    await status.expectSucceededAndReady(60_000);
    await expect(status.settingRow('nodeSelector.team')).toContainText('ml');
    await expect(status.refreshFailed).toHaveCount(0);

    const after = await emulator.stats();
    expect(after.acceptedExtensionPuts - before.acceptedExtensionPuts, 'extension PUTs ARM accepted').toBe(1);
    expect(after.answered(500) - before.answered(500), '500s ARM served meanwhile').toBeGreaterThan(0);
  });

  test('a sign-in that ends mid-wizard: "sign in again" leads back to the wizard with every answer but the key, and one PUT installs', async ({ page, request, borrow }) => {
    const cluster = borrow('aks-crash-loop');
    const emulator = SandboxEmulator.fromDataDir();
    const wizard = new DeployPage(page);
    const signIn = new SignInPage(page);
    const before = await emulator.stats();

    await wizard.openPastWorkload(cluster.name, 'Training and inference');
    await wizard.chooseServiceType('NodePort');
    await wizard.uploadPem(certs.valid, CNAME);
    await expect(wizard.certificateCheck).toContainText('match and cover the host name');
    await wizard.next.click();
    await wizard.expectStep('Advanced');
    await wizard.releaseTrain(RELEASE_TRAIN).check();
    await wizard.next.click();
    await wizard.expectPlanned();

    await expect(wizard.deploy).toBeEnabled();
    await signIn.expireSession();
    await wizard.deploy.click();
    await expect(wizard.notCreated).toContainText('Your session has ended: sign in again to deploy.');
    await expect(wizard.notCreated).toContainText('choose the certificate and key files again');
    expect((await emulator.stats()).acceptedExtensionPuts).toBe(before.acceptedExtensionPuts);

    await wizard.signInAgain.click();
    await expect(signIn.expiredNotice).toBeVisible();
    await signIn.signInAs('owner');

    // Back in the wizard: a PEM choice resumes at the router step, the files to be chosen again.
    await wizard.expectStep('Inference router');
    await expect(wizard.choice('NodePort')).toBeChecked();
    await expect(wizard.choice('HTTPS with an uploaded PEM certificate and key')).toBeChecked();
    await expect(wizard.sslCname).toHaveValue(CNAME);
    await wizard.next.click();
    await expect(wizard.privateKey).toHaveAccessibleDescription(/Provide the PEM private key/);
    await wizard.uploadPem(certs.valid, CNAME);
    await expect(wizard.certificateCheck).toContainText('match and cover the host name');
    await wizard.next.click();
    await wizard.expectStep('Advanced');
    await expect(wizard.releaseTrain(RELEASE_TRAIN)).toBeChecked();
    await wizard.next.click();
    await wizard.expectPlanned();
    await wizard.deployAndExpectStatusPage(cluster.extensionId);

    expect((await emulator.stats()).acceptedExtensionPuts - before.acceptedExtensionPuts, 'extension PUTs ARM accepted').toBe(1);
    const { body } = await new DeployedExtensions(request).status(cluster.extensionId);
    expect(body?.releaseTrain).toBe(RELEASE_TRAIN);
    expect(body?.configurationSettings).toMatchObject({ inferenceRouterServiceType: 'nodePort', sslCname: CNAME });
    expect((await emulator.protectedHashes(cluster.extensionId))['scoringFe.sslKey'], 'the key chosen again reached ARM').toBe(expectedArmKeyHash(certs.valid.keyPem));
  });

  test('ARM going away while the status page polls: the page says Azure cannot be reached, then recovers by itself without a reload', async ({ page, borrow }) => {
    // The seeded install: this test changes the cluster's scenario only, never installs.
    const cluster = borrow('aks-prod-eastus', { installs: false });
    const emulator = SandboxEmulator.fromDataDir();
    const status = new StatusPage(page);

    // A crash-looping component on the seeded install: the page polls at the settled pace.
    await emulator.setScenario(cluster.name, 'crash-looping-component');
    await status.open(cluster.extensionId, 'azureml');
    await expect(status.provisioningState).toHaveText('Succeeded');
    await expect(status.componentRow('azureml-fe-v2')).toContainText('Failed');
    const navigations = status.recordNavigations();

    await emulator.restart(OUTAGE_MS);
    await expect(status.refreshFailed).toContainText('Azure could not be reached', { timeout: OUTAGE_MS + 15_000 });
    const lastGoodAnswer = (await status.lastUpdated.getAttribute('datetime')) ?? '';

    // Back by itself: a fresh answer arrives and the warning goes, with no click and no reload.
    await expect(status.lastUpdated).not.toHaveAttribute('datetime', lastGoodAnswer, { timeout: 60_000 });
    await expect(status.refreshFailed).toBeHidden();
    await expect(status.notUpdating).toHaveCount(0);
    await expect(status.provisioningState).toHaveText('Succeeded');
    await expect(status.componentRow('azureml-fe-v2')).toContainText('Failed');
    expect(navigations(), 'navigations of the page during the outage and the recovery').toEqual([]);
  });

  test('slow ARM on the status page: usable while polls are slow, changes arrive, and nothing says "taking longer" before its bound', async ({ page, request, borrow }) => {
    const cluster = borrow('aks-slow-arm');
    const emulator = SandboxEmulator.fromDataDir();
    const status = new StatusPage(page);
    const before = await emulator.stats();

    const id = await new ExtensionsApi(request).create(cluster.id, 'azureml', { enableTraining: 'True', enableInference: 'False', installDcgmExporter: 'False' });
    await status.open(id, 'azureml');
    await status.expectSucceededAndReady(60_000);
    await expect(status.componentRow('azureml-dcgm-exporter')).toHaveCount(0);

    // A change through the page while every ARM call takes about 1.5 s longer.
    const update = new UpdatePage(page);
    await update.openFromStatusPage('azureml', cluster.name);
    await update.fields.next.click();
    await update.fields.component('Install the DCGM exporter').check();
    await update.toReview();
    await update.confirmAndSend();
    await expect(status.settingRow('installDcgmExporter')).toContainText('True', { timeout: 60_000 });
    await expect(status.componentRow('azureml-dcgm-exporter')).toBeVisible({ timeout: 60_000 });
    await status.expectAllComponentsReady(60_000);
    await expect(status.provisioningState).toHaveText('Succeeded');

    // The bound (TAKING_LONG_AFTER_MS, lib/ui/extension-polling.ts) is minutes away: slow is not failed.
    await expect(status.takingLong).toHaveCount(0);
    await expect(status.refreshFailed).toHaveCount(0);
    expect((await emulator.stats()).armWritesAccepted - before.armWritesAccepted, 'writes ARM accepted: the install and the update').toBe(2);
  });
});
