// Without DATABASE_URL the tests run on the embedded store: one embedded PostgreSQL server (the one the
// connector starts in DATA_DIR) is started here for the whole run, in a temporary folder, and every test
// store is a schema on it (test/helpers/store.ts). Tests that start connector processes on a DATA_DIR of
// their own still start their own embedded servers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { lockDataDir } from '../src/store/data-dir-lock.js';
import { startEmbeddedServer } from '../src/store/embedded.js';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (process.env.DATABASE_URL) return undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'ctfb-test-store-'));
  const unlock = lockDataDir(dataDir);
  // A throwaway server: nothing on it has to survive a crash of the machine, so it skips waiting for the disk
  // (the tests of durability and crashes start servers of their own, with the connector's settings).
  const server = await startEmbeddedServer({
    dataDir,
    settings: ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=200'],
  });
  project.provide('embeddedDatabaseUrl', server.url);
  return async () => {
    await server.stop();
    unlock();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
