import { expect, test } from '@playwright/test';

import { createTestCertificates, pemFile, type TestCertificates } from './fixtures/test-certificates';
import { DeployPage } from './pages/deploy-page';

const CNAME = 'ml.contoso.com';
let certs: TestCertificates;
test.beforeAll(async () => {
  certs = await createTestCertificates(CNAME);
});

// Issue 14 item 9: a file field shows one state; the host-name check follows the typing.
test('a PEM file field says one thing at a time, and the host check re-runs while typing', async ({ page }) => {
  const wizard = new DeployPage(page);
  await wizard.openPastWorkload('aks-gpu-nc', 'Training and inference');
  await wizard.expectStep('Inference router');
  await wizard.chooseTls('HTTPS with an uploaded PEM certificate and key');

  // Not a certificate: the error, and nothing saying it loaded.
  await wizard.certificate.setInputFiles(pemFile('notes.pem', 'just some text, no PEM block\n'));
  await expect(wizard.certificate).toHaveAccessibleDescription(/This is not a PEM certificate/);
  await expect(wizard.certificate).not.toHaveAccessibleDescription(/loaded/);

  // A real pair for another host: loaded, and the check names the host once.
  await wizard.sslCname.fill('api.fabrikam.com');
  await wizard.certificate.setInputFiles(pemFile('cert.pem', certs.valid.certPem));
  await wizard.privateKey.setInputFiles(pemFile('key.pem', certs.valid.keyPem));
  await expect(wizard.certificate).toHaveAccessibleDescription(/cert\.pem loaded/);
  await expect(wizard.certificate).not.toHaveAccessibleDescription(/not a PEM/);
  await expect(wizard.sslCname).toHaveAccessibleDescription(/does not cover api\.fabrikam\.com/);

  // Typing the covered host, without leaving the field: the check answers again.
  await wizard.sslCname.fill(CNAME);
  await expect(wizard.sslCname).toBeFocused();
  await expect(wizard.certificateCheck).toContainText('match and cover the host name');
  await expect(wizard.sslCname).not.toHaveAccessibleDescription(/does not cover/);
});
