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
    // Three workers on the project's 2-core machine: many tests spend their time waiting (on timers, child
    // processes, the store, a browser), and a third worker overlaps those waits. Measured on 2026-12-04: the
    // suite took 2 min 35 s (embedded store) and 2 min 47 s (PostgreSQL) with two, 2 min 17 s and 1 min 56 s
    // with three.
    maxWorkers: 3,
    // Each worker imports the modules once for all its files instead of once per file (about half the suite's
    // CPU time). Test files share no state but the module cache: every test opens its own store schema and
    // connector, and nothing in src keeps per-run state at module level.
    isolate: false,
  },
});
