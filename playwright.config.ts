import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

/** Port of the portal under test: away from 3000 so a running `npm start` does not collide. */
const PORT = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? 'line' : 'list',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    // The production server on the sandbox; `npm test` builds just before, so this does not rebuild.
    command: 'node scripts/start.mjs',
    url: `http://localhost:${PORT}/api/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 240_000,
    env: {
      PORT: String(PORT),
      NEXT_TELEMETRY_DISABLED: '1',
      // Fast provisioning so end-to-end tests watch whole lifecycles in seconds.
      SANDBOX_PROVISIONING_MS: process.env.SANDBOX_PROVISIONING_MS ?? '1500',
      // A fresh audit trail for every run, away from the developer's own ./.data.
      PORTAL_DATA_DIR: path.join(tmpdir(), `azureml-portal-e2e-${process.pid}`),
      // Live-mode settings must never leak into the sandbox run.
      AZURE_TENANT_ID: '',
      AZURE_CLIENT_ID: '',
    },
  },
});
