import { defineConfig } from 'vitest/config';

// Tests run against a real store: embedded PGlite by default, PostgreSQL when DATABASE_URL is set.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
