import { expect, test } from '@playwright/test';

import { createTestCertificates, pemFile } from './fixtures/test-certificates';
import { AccessibilityAudit, describeFindings } from './pages/accessibility-audit';
import { DeployPage } from './pages/deploy-page';
import { WizardInPortuguese } from './pages/language';
import { PemFilePicker } from './pages/pem-file-picker';

test.describe('the PEM file fields in the reader language', () => {
  test.use({ locale: 'pt-BR' });

  test('a Portuguese reader gets "Escolher arquivo", which opens the file input; the keyboard still reaches the input', async ({ page }) => {
    const wizard = new WizardInPortuguese(page);
    await wizard.open();
    // Read-only: nothing is deployed.
    await wizard.pickCluster('aks-prod-westeurope');
    await wizard.next.click();
    await wizard.choose('Inferência');
    await wizard.next.click();
    await wizard.expectStep('Roteador de inferência');
    await wizard.choose('HTTPS com um certificado e uma chave PEM carregados');

    const picker = new PemFilePicker(page, 'pt-BR');
    await picker.expectNoFile();
    // The visible button is out of the accessibility tree and the tab order: axe finds nothing serious.
    expect(describeFindings(await new AccessibilityAudit(page).seriousViolations())).toBe(describeFindings([]));
    await picker.chooseWithButton(pemFile('cert.pem', 'not a certificate\n'));
    await picker.expectFileName('cert.pem');
    // The input is still the field's control: it reads the file and carries the field's message.
    await expect(picker.input).toHaveAccessibleDescription(/PEM/);

    // Keyboard focus goes to the input itself, and the button shows it.
    await picker.input.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expect(picker.input).toBeFocused();
    expect(await picker.buttonOutline()).toBe('solid');
  });
});

test.describe('commands in PEM messages', () => {
  test('the encrypted-key message shows its openssl command as code, not between backticks', async ({ page }) => {
    const certs = await createTestCertificates('ml.contoso.com');
    const wizard = new DeployPage(page);
    await wizard.openPastWorkload('aks-gpu-nc', 'Training and inference');
    await wizard.expectStep('Inference router');
    await wizard.chooseTls('HTTPS with an uploaded PEM certificate and key');
    await wizard.sslCname.fill('ml.contoso.com');
    await wizard.certificate.setInputFiles(pemFile('cert.pem', certs.encryptedKey.certPem));
    await wizard.privateKey.setInputFiles(pemFile('key.pem', certs.encryptedKey.keyPem));

    const picker = new PemFilePicker(page, 'en');
    expect(await picker.tagOfCommand('openssl rsa -in key.pem -out key-nopass.pem')).toBe('CODE');
    expect(await picker.showsBackticks()).toBe(false);
  });
});
