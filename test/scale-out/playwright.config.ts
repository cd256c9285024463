import { defineConfig } from '@playwright/test';

/**
 * `npm run test:scale-out`: two portal replicas (the production build) on one PostgreSQL and one
 * standalone emulator (`npm run sandbox`). The harness starts and stops them itself (harness.ts),
 * so there is no webServer here; it runs after `npm run build` in `npm test`.
 */
export default defineConfig({
  testDir: '.',
  testMatch: /\.spec\.ts$/,
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? 'line' : 'list',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  use: {
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
    },
  },
});
