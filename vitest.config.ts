import { defineConfig } from 'vitest/config';

// One suite, three projects. Integration tests open one database per test file
// (PGlite in memory, or a fresh database cloned from a migrated template when
// TEST_DATABASE_URL is set), so files run in parallel safely.
export default defineConfig({
  test: {
    // Once per run, before every project (it migrates the template database).
    globalSetup: ['apps/server/src/testing/global-setup.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'packages/*/src/**/*.test.ts',
            'apps/server/src/**/*.test.ts',
            'apps/dashboard/src/**/*.test.ts',
            'apps/widget/src/**/*.test.ts',
          ],
          exclude: ['**/*.integration.test.ts', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['packages/*/test/**/*.test.ts', 'apps/server/src/**/*.integration.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['apps/*/e2e/**/*.spec.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
