import { defineConfig } from 'vitest/config';

/**
 * Three projects: `unit` (everything beside the code, plus API flows through `app.request()`;
 * parallel), `e2e` (real processes and real Chromium; one file at a time, generous timeouts) and
 * `workers` (the wrangler-built Worker in workerd against a real libsql server; its global setup
 * builds the bundle; one file at a time).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['backend/**/*.test.ts', 'shared/**/*.test.ts', 'extension/**/*.test.ts', 'tests/api/**/*.test.ts', 'tests/architecture/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/*.e2e.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'workers',
          include: ['tests/workers/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/workers/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
