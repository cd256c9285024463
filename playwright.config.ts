import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

import { OWNER_STORAGE_STATE } from './e2e/pages/sign-in-page';

/** Port of the portal under test: away from 3000 so a running `npm start` does not collide. */
const PORT = Number(process.env.E2E_PORT ?? 3100);
/**
 * A fresh data directory (audit trail, token cache, sandbox.json) per run, away from the developer's
 * own ./.data. Exported through the environment so the workers, which load this file again in
 * their own processes, agree with the runner on it (e2e/pages/sandbox-emulator.ts reads it).
 */
const PORTAL_DATA_DIR = (process.env.E2E_PORTAL_DATA_DIR ||= path.join(tmpdir(), `azureml-portal-e2e-${process.pid}`));

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
  projects: [
    // Signs in once as the sandbox owner through the real sign-in page; every spec starts from that
    // browser state. auth.spec.ts clears it to test signing in itself.
    { name: 'setup', testMatch: /auth\.setup\.ts$/ },
    { name: 'sandbox', dependencies: ['setup'], use: { storageState: OWNER_STORAGE_STATE } },
  ],
  webServer: {
    // The production server on the sandbox; `npm test` builds just before, so this does not rebuild.
    // Its output goes to a file that the secret-hygiene spec searches for its canary key.
    command: `mkdir -p "${PORTAL_DATA_DIR}" && exec node scripts/start.mjs > "${PORTAL_DATA_DIR}/server.log" 2>&1`,
    url: `http://localhost:${PORT}/api/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 240_000,
    env: {
      PORT: String(PORT),
      NEXT_TELEMETRY_DISABLED: '1',
      // Fast provisioning so end-to-end tests watch whole lifecycles in seconds.
      SANDBOX_PROVISIONING_MS: process.env.SANDBOX_PROVISIONING_MS ?? '1500',
      PORTAL_DATA_DIR,
      // Live-mode settings must never leak into the sandbox run.
      AZURE_TENANT_ID: '',
      AZURE_CLIENT_ID: '',
    },
  },
});
