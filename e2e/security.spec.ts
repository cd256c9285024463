import { expect, test } from '@playwright/test';

import { pemFile } from './fixtures/test-certificates';
import { DeployPage, extensionOn, SANDBOX_CLUSTERS } from './pages/deploy-page';
import { SandboxEmulator } from './pages/sandbox-emulator';
import { postServerAction, serverActionId } from './pages/server-actions';

/** The seeded extension on aks-prod-eastus (lib/sandbox/README.md): a PATCH target that exists. */
const SEEDED_EXTENSION = extensionOn('/subscriptions/6f1c2a4e-8b3d-4c57-9a2e-1d0b5c7e9f31/resourceGroups/rg-ml-prod-eastus/providers/Microsoft.ContainerService/managedClusters/aks-prod-eastus');
const API_AUTH = { Authorization: 'Bearer sandbox', 'Content-Type': 'application/json' };
/** Over every JSON route's 256 KiB limit (lib/api/read-json-body.ts). */
const OVERSIZED = JSON.stringify({ clusterId: SANDBOX_CLUSTERS.aksTwoNodes, name: 'azureml', configurationSettings: { padding: 'x'.repeat(300 * 1024) } });
/** Over Next's own 1 MB proxy buffer too: the route must still see enough to refuse it. */
const HUGE = JSON.stringify({ padding: 'x'.repeat(2 * 1024 * 1024) });

/** `directive -> sources` of a CSP header. */
function policy(header: string | undefined): Map<string, string[]> {
  return new Map((header ?? '').split(';').map((part) => {
    const [name, ...sources] = part.trim().split(/\s+/);
    return [name, sources];
  }));
}

test.describe('security headers', () => {
  test('a page carries a nonce CSP, and every script and style element in its HTML carries that nonce', async ({ request }) => {
    const response = await request.get('/deploy');
    expect(response.status()).toBe(200);
    expect(new URL(response.url()).pathname, 'signed in: the page itself, not sign-in').toBe('/deploy');
    const headers = response.headers();
    const csp = policy(headers['content-security-policy']);
    const nonce = /'nonce-([^']+)'/.exec(headers['content-security-policy'] ?? '')?.[1];
    expect(nonce).toBeTruthy();
    expect(csp.get('script-src')).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(csp.get('style-src')).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['x-frame-options']).toBe('DENY');
    // Loopback: HSTS would pin localhost to HTTPS for every local app.
    expect(headers['strict-transport-security']).toBeUndefined();

    const html = await response.text();
    const tags = html.match(/<(script|style)\b[^>]*>/g) ?? [];
    expect(tags.length).toBeGreaterThan(3);
    expect(tags.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
    // A second request gets another nonce.
    const again = await request.get('/deploy');
    expect(again.headers()['content-security-policy']).not.toContain(`'nonce-${nonce}'`);
  });

  test('pages render, hydrate and open dialogs without a single CSP violation', async ({ page }) => {
    await page.addInitScript(() => {
      const violations: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = violations;
      document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`));
    });
    for (const path of ['/', '/fleet', '/audit', '/deploy']) {
      await page.goto(path);
      await expect(page.getByRole('main')).toBeVisible();
    }
    // Runtime style insertion (Griffel) and a portal (Fluent Dialog) after hydration.
    await page.getByRole('button', { name: 'Import settings' }).click();
    await expect(page.getByRole('dialog', { name: 'Import settings' })).toBeVisible();
    // Fluent's styles applied: a dialog with no CSS would have no backdrop colour or radius.
    const radius = await page.getByRole('dialog', { name: 'Import settings' }).evaluate((el) => getComputedStyle(el).borderTopLeftRadius);
    expect(radius).not.toBe('0px');
    expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
  });

  test('API answers carry nosniff and a policy that loads nothing', async ({ request }) => {
    const response = await request.get('/api/health');
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
    expect(response.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});

test.describe('without a session', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('a page redirects to sign-in with the path and query to return to; an API answers 401', async ({ request }) => {
    const response = await request.get('/deploy?clusterId=abc', { maxRedirects: 0 });
    expect(response.status()).toBe(307);
    expect(response.headers()['location']).toMatch(/\/signin\?returnTo=%2Fdeploy%3FclusterId%3Dabc$/);
    const api = await request.get('/api/v1/clusters', { maxRedirects: 0 });
    expect(api.status()).toBe(401);
  });
});

test.describe('input limits', () => {
  test('every JSON route answers 413 past its limit and 400 for malformed JSON, and keeps serving', async ({ request }) => {
    const routes = [
      { method: 'POST', url: '/api/v1/plan' },
      { method: 'POST', url: '/api/v1/extensions' },
      { method: 'PATCH', url: `/api/v1/extensions?id=${encodeURIComponent(SEEDED_EXTENSION)}` },
    ] as const;
    for (const { method, url } of routes) {
      // A Buffer goes out byte for byte; a string with a JSON content type would be re-encoded.
      const send = (data: string) => request.fetch(url, { method, headers: API_AUTH, data: Buffer.from(data) });
      const tooLarge = await send(OVERSIZED);
      expect(tooLarge.status(), `${method} ${url} oversized`).toBe(413);
      expect(await tooLarge.json()).toEqual({ error: { code: 'BadRequest', message: 'The request body is larger than 256 KiB.' } });
      expect((await send(HUGE)).status(), `${method} ${url} 2 MB`).toBe(413);
      const malformed = await send('{"clusterId": ');
      expect(malformed.status(), `${method} ${url} malformed`).toBe(400);
      expect(await malformed.json()).toEqual({ error: { code: 'BadRequest', message: 'The request body is not valid JSON.' } });
    }
    expect((await request.get('/api/health')).ok()).toBe(true);
  });

  test('a server action past the 256 KiB body limit is refused before it runs; one under it runs', async ({ request, baseURL }) => {
    const id = serverActionId('checkPemAction');
    const post = (kib: number) =>
      postServerAction(request, '/deploy', id, [{ certPem: 'x'.repeat(kib * 1024), keyPem: '', sslCname: 'ml.contoso.com' }], { Origin: new URL(baseURL!).origin });
    // Under the limit, the action itself runs and refuses a "PEM" that large.
    const under = await post(200);
    expect(under.status()).toBe(200);
    expect(await under.text()).toContain('PEM files are a few KiB; this one is too large.');
    // Over it, Next.js stops reading and answers an error (413 inside, 500 for a fetch action).
    const over = await post(300);
    expect(over.status()).toBe(500);
    expect(await over.text()).not.toContain('PEM files are a few KiB');
    expect((await request.get('/api/health')).ok()).toBe(true);
  });

  test('the wizard refuses a PEM file over 64 KiB before reading it, with a message on the field', async ({ page }) => {
    const wizard = new DeployPage(page);
    await wizard.openPastWorkload('aks-prod-westeurope', 'Training and inference');
    await wizard.chooseTls('HTTPS with an uploaded PEM certificate and key');
    const oversized = `-----BEGIN CERTIFICATE-----\n${'A'.repeat(70 * 1024)}\n-----END CERTIFICATE-----\n`;
    await wizard.certificate.setInputFiles(pemFile('bundle.pem', oversized));
    await expect(page.getByText('This file is 71 KiB; a PEM file is at most 64 KiB. Choose the .pem file itself.')).toBeVisible();
    await expect(page.getByText('Certificate loaded.')).toHaveCount(0);
  });
});

test.describe('server actions from elsewhere', () => {
  // Arguments the action refuses with its own message: proof that it ran, with no side effect.
  const argsItRefuses = ['not-a-subscription', 'Microsoft.Compute'];

  test('a server action posted from a foreign origin is refused; the same post from the portal runs', async ({ request, baseURL }) => {
    const id = serverActionId('registerProviderAction');
    const own = new URL(baseURL!).origin;

    // Control: from the portal's own origin the action runs and answers its own validation error.
    const fromPortal = await postServerAction(request, '/deploy', id, argsItRefuses, { Origin: own });
    expect(fromPortal.status()).toBe(200);
    expect(await fromPortal.text()).toContain('Only Microsoft.KubernetesConfiguration and Microsoft.Relay can be registered from here.');

    // proxy.ts refuses a foreign Origin before the action runs: 403 (Next.js alone threw a 500).
    const fromEvil = await postServerAction(request, '/deploy', id, argsItRefuses, { Origin: 'https://evil.example' });
    expect(fromEvil.status()).toBe(403);
    expect(await fromEvil.text()).not.toContain('can be registered from here');

    // Without Origin Next.js lets the post through; lib/auth/action-guard.ts refuses it.
    const noOrigin = await postServerAction(request, '/deploy', id, argsItRefuses);
    const body = await noOrigin.text();
    expect(body).toContain('"status":"forbidden"');
    expect(body).not.toContain('can be registered from here');
  });

  test('a write action on the status page refuses a post without Origin before touching the extension', async ({ request }) => {
    const id = serverActionId('deleteExtensionAction');
    const response = await postServerAction(request, `/resource${SEEDED_EXTENSION}`, id, [SEEDED_EXTENSION, true]);
    expect(await response.text()).toContain('did not come from the portal’s own page');
    const status = await request.get(`/api/v1/extensions/status?id=${encodeURIComponent(SEEDED_EXTENSION)}`, { headers: { Authorization: 'Bearer sandbox' } });
    expect((await status.json()).provisioningState).toBe('Succeeded');
  });
});

test.describe('CSRF on the JSON API (issue 13)', () => {
  // The signed-in storage state: the session cookie goes with every request, as a browser's would.
  test('a cookie write from a page on another port is refused with 403 and reaches no ARM', async ({ request, baseURL }) => {
    const portal = new URL(baseURL!);
    const otherPort = `${portal.protocol}//${portal.hostname}:${Number(portal.port || 80) + 1}`;
    const emulator = SandboxEmulator.fromDataDir();
    const before = await emulator.stats();
    const install = JSON.stringify({ clusterId: SANDBOX_CLUSTERS.aksTwoNodes, name: 'csrf', configurationSettings: { enableTraining: 'True' }, configurationProtectedSettings: {} });
    // What fetch(..., {mode: 'no-cors', credentials: 'include'}) and <form enctype="text/plain"> send.
    const attacks: Array<Record<string, string>> = [
      { 'Content-Type': 'text/plain;charset=UTF-8', Origin: otherPort, 'Sec-Fetch-Site': 'same-site', 'Sec-Fetch-Mode': 'no-cors' },
      { 'Content-Type': 'text/plain', Origin: otherPort, 'Sec-Fetch-Site': 'same-site', 'Sec-Fetch-Mode': 'navigate' },
      { 'Content-Type': 'application/json' },
    ];
    for (const headers of attacks) {
      const response = await request.post('/api/v1/extensions', { headers, data: install });
      expect(response.status(), JSON.stringify(headers)).toBe(403);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('CrossOriginRefused');
    }
    expect((await emulator.stats()).armWritesAccepted - before.armWritesAccepted, 'writes ARM accepted').toBe(0);
  });

  test('an API body that is not JSON answers 415, bearer or not', async ({ request }) => {
    const response = await request.post('/api/v1/plan', { headers: { Authorization: 'Bearer sandbox', 'Content-Type': 'text/plain' }, data: '{}' });
    expect(response.status()).toBe(415);
  });

  test('a malformed percent-escape answers 400 with the security headers', async ({ request }) => {
    const response = await request.get('/resource/%E0%A4%A');
    expect(response.status()).toBe(400);
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
    expect(response.headers()['x-frame-options']).toBe('DENY');
  });
});
