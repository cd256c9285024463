import { tmpdir } from 'node:os';
import path from 'node:path';
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
      // The audit trail's SQLite file: one per run, never the developer's own ./.data.
      PORTAL_DATA_DIR: path.join(tmpdir(), `azureml-portal-vitest-${process.pid}`),
    },
    testTimeout: 20_000,
  },
});
