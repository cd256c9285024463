import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { expect, test, type APIRequestContext } from '@playwright/test';

import { createTestCertificates, type TestCertificates } from './fixtures/test-certificates';
import { DeployedExtensions, DeployPage, extensionOn, SANDBOX_CLUSTERS } from './pages/deploy-page';
import { ResponseRecorder, type RecordedResponse } from './pages/response-recorder';
import { e2eDataDir, e2eServerLogFile, SandboxEmulator } from './pages/sandbox-emulator';
import { canaryOf, expectedArmKeyHash, filesUnder, placesHolding, type Canary } from './pages/secret-canary';

/**
 * A canary private key, generated for this run, deployed through the wizard and the API: it must
 * reach the ARM request the emulator received and nothing else — no server log, HTML, RSC
 * payload, API or action answer, client bundle, browser storage, stored file or error message.
 */

const CNAME = 'canary.contoso.com';
const API_CLUSTER = '/subscriptions/6f1c2a4e-8b3d-4c57-9a2e-1d0b5c7e9f31/resourceGroups/rg-ml-prod-westeurope/providers/Microsoft.ContainerService/managedClusters/aks-authorized-ip-ranges';
const API_AUTH = { Authorization: 'Bearer sandbox' };
const CLIENT_BUNDLES = path.join(__dirname, '..', '.next', 'static');

let certs: TestCertificates;
let canary: Canary;
let mismatchedCanary: Canary;

test.beforeAll(async () => {
  certs = await createTestCertificates(CNAME);
  canary = canaryOf('canary key', certs.valid.keyPem);
  mismatchedCanary = canaryOf('mismatched canary key', certs.mismatchedKey.keyPem);
});

/** RSC payloads (what client navigations fetch) of the pages that show an extension. */
async function rscPayloads(request: APIRequestContext, extensionId: string): Promise<RecordedResponse[]> {
  const paths = ['/', '/deploy', '/fleet', '/audit', `/resource${extensionId}`];
  return Promise.all(
    paths.map(async (p) => {
      const response = await request.get(p, { headers: { RSC: '1' } });
      expect(response.headers()['content-type'], `RSC payload of ${p}`).toContain('text/x-component');
      return { where: `RSC ${p}`, text: await response.text() };
    }),
  );
}

/** Every place outside the browser session where the key must not be: log, stored data, bundles. */
function serverSidePlaces(): RecordedResponse[] {
  const log = e2eServerLogFile();
  if (!existsSync(log)) throw new Error(`No server log at ${log}: run without an already running portal so playwright.config.ts starts one.`);
  // sandbox.json holds the emulator's public CA only; everything else is the portal's own data.
  const stored = filesUnder(e2eDataDir()).filter(({ where }) => path.basename(where) !== 'server.log');
  return [{ where: 'server log', text: readFileSync(log, 'utf8') }, ...stored, ...filesUnder(CLIENT_BUNDLES)];
}

test.describe('secret hygiene: a canary private key', () => {
  test.describe.configure({ timeout: 120_000 });

  test('deployed through the wizard reaches ARM and appears nowhere else', async ({ page, request }) => {
    const recorder = new ResponseRecorder(page);
    const wizard = new DeployPage(page);
    const deployed = new DeployedExtensions(request);
    const id = extensionOn(SANDBOX_CLUSTERS.aksProdWesteurope);
    try {
      await wizard.openPastWorkload('aks-prod-westeurope', 'Training and inference');
      await wizard.uploadPem(certs.valid, CNAME);
      await expect(wizard.certificateCheck).toContainText('match and cover the host name');
      await wizard.next.click();
      await wizard.planFromAdvanced();
      await wizard.deployAndExpectStatusPage(id);
      await expect(page.getByRole('main')).toContainText('aks-prod-westeurope');

      const hashes = await SandboxEmulator.fromDataDir().protectedHashes(id);
      expect(hashes['scoringFe.sslKey'], 'the ARM request carried base64(PEM) of the canary key').toBe(expectedArmKeyHash(certs.valid.keyPem));

      const storage = await page.evaluate(() => JSON.stringify({ ...window.sessionStorage }) + JSON.stringify({ ...window.localStorage }));
      const responses = await recorder.all();
      // The net was cast: documents, RSC or action answers and scripts were all recorded.
      expect(ResponseRecorder.count(responses, 'document')).toBeGreaterThan(0);
      expect(ResponseRecorder.count(responses, 'server action')).toBeGreaterThan(1);
      expect(ResponseRecorder.count(responses, 'script')).toBeGreaterThan(0);
      const places = [...responses, ...(await rscPayloads(request, id)), { where: 'browser storage', text: storage }, ...serverSidePlaces()];
      expect(placesHolding(places, canary)).toEqual([]);
    } finally {
      await deployed.remove(id);
    }
  });

  test('deployed through POST /api/v1/extensions reaches ARM and appears nowhere else', async ({ request }) => {
    const deployed = new DeployedExtensions(request);
    const id = extensionOn(API_CLUSTER);
    const install = {
      clusterId: API_CLUSTER,
      name: 'azureml',
      configurationSettings: { enableTraining: 'True', enableInference: 'True', inferenceRouterServiceType: 'LoadBalancer', sslCname: CNAME },
      configurationProtectedSettings: { sslCertPemFile: certs.valid.certPem, sslKeyPemFile: certs.valid.keyPem },
    };
    try {
      const plan = await request.post('/api/v1/plan', { headers: API_AUTH, data: install });
      expect(plan.status()).toBe(200);
      const created = await request.post('/api/v1/extensions', { headers: API_AUTH, data: install });
      expect(created.status()).toBe(202);
      const status = await request.get(`/api/v1/extensions/status?id=${encodeURIComponent(id)}`, { headers: API_AUTH });
      const list = await request.get(`/api/v1/extensions?clusterId=${encodeURIComponent(API_CLUSTER)}`, { headers: API_AUTH });
      const audit = await request.get('/api/v1/audit', { headers: API_AUTH });

      const hashes = await SandboxEmulator.fromDataDir().protectedHashes(id);
      expect(hashes['scoringFe.sslKey']).toBe(expectedArmKeyHash(certs.valid.keyPem));

      const answers = await Promise.all(
        Object.entries({ plan, created, status, list, audit }).map(async ([where, response]) => ({ where: `API ${where}`, text: await response.text() })),
      );
      expect(answers.find((a) => a.where === 'API plan')?.text).toContain('"scoringFe.sslKey":"***"');
      expect(placesHolding([...answers, ...serverSidePlaces()], canary)).toEqual([]);
    } finally {
      await deployed.remove(id);
    }
  });

  test('a key that does not match its certificate is named in the error, never quoted', async ({ page, request }) => {
    const recorder = new ResponseRecorder(page);
    const wizard = new DeployPage(page);
    await wizard.openPastWorkload('aks-prod-westeurope', 'Training and inference');
    await wizard.uploadPem(certs.mismatchedKey, CNAME);
    await expect(page.getByRole('main')).toContainText('does not belong to the certificate');
    const shown = await page.getByRole('main').innerText();

    // Through the API too, and with a key cut in half, which fails to parse rather than to match.
    const truncatedKey = certs.mismatchedKey.keyPem.slice(0, Math.floor(certs.mismatchedKey.keyPem.length / 2));
    const planWith = (keyPem: string) =>
      request.post('/api/v1/plan', {
        headers: API_AUTH,
        data: {
          clusterId: API_CLUSTER,
          name: 'azureml',
          configurationSettings: { enableTraining: 'True', enableInference: 'True', inferenceRouterServiceType: 'LoadBalancer', sslCname: CNAME },
          configurationProtectedSettings: { sslCertPemFile: certs.mismatchedKey.certPem, sslKeyPemFile: keyPem },
        },
      });
    const mismatched = await planWith(certs.mismatchedKey.keyPem);
    const truncated = await planWith(truncatedKey);
    expect(mismatched.status()).toBe(422);
    expect(truncated.status()).toBe(422);
    const mismatchedText = await mismatched.text();
    const truncatedText = await truncated.text();
    expect(mismatchedText).toContain('does not belong to the certificate');
    expect(truncatedText).toContain('could not be read');

    const places = [{ where: 'messages on the page', text: shown }, { where: 'API 422 mismatched', text: mismatchedText }, { where: 'API 422 truncated', text: truncatedText }, ...(await recorder.all()), ...serverSidePlaces()];
    expect(placesHolding(places, mismatchedCanary)).toEqual([]);
  });
});
