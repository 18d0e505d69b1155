import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (everything beside the code, plus API flows through `app.request()`;
 * parallel) and `e2e` (real processes and real Chromium; one file at a time, generous timeouts).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['backend/**/*.test.ts', 'shared/**/*.test.ts', 'extension/**/*.test.ts', 'tests/api/**/*.test.ts'],
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
    ],
  },
});
