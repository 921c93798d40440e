import { defineConfig } from 'vitest/config';

// Tests run against a real store: the embedded PostgreSQL server by default (one for the run, started by
// test/global-setup.ts), a PostgreSQL server when DATABASE_URL is set. Each test store is a schema of its own.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
