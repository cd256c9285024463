import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('.', import.meta.url)),
      // `server-only` throws outside React Server Components; unit tests run server code directly.
      'server-only': fileURLToPath(new URL('./test/server-only-stub.ts', import.meta.url)),
    },
  },
  test: {
    environment: 'node',
    include: ['lib/**/*.test.ts', 'app/**/*.test.ts', 'components/**/*.test.ts', 'test/**/*.test.ts'],
    env: {
      SANDBOX_PROVISIONING_MS: '300',
    },
    // The portal's SQLite store: one fresh PORTAL_DATA_DIR per test file, never the developer's own ./.data.
    setupFiles: ['./test/setup/data-dir.ts'],
    // Each file in a fresh worker (vitest's default, relied on): the store singleton opens after the setup above.
    isolate: true,
    testTimeout: 20_000,
  },
});
