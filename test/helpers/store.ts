// Test store: PostgreSQL when DATABASE_URL is set, otherwise the embedded PostgreSQL server that
// test/global-setup.ts starts once for the whole run (the connector's own embedded store, reached by its URL).
// Either way each test store gets a schema of its own, so test files run in parallel.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { openStore } from '../../src/store/open.js';
import { openPostgres } from '../../src/store/postgres.js';

/** The server every test store lives on: DATABASE_URL, or the run's embedded server. */
export const testDatabaseUrl: string = process.env.DATABASE_URL || inject('embeddedDatabaseUrl');
/** True when the tests run on the embedded server (no DATABASE_URL). */
export const onEmbeddedServer = !process.env.DATABASE_URL;

export function newSchemaName(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

/** Store options for a fresh schema: pass them to openStore or to the connector. */
export async function testStoreOptions(): Promise<{ url: string; schema: string }> {
  return { url: testDatabaseUrl, schema: newSchemaName() };
}

/** Opens a fresh, migrated store; closing it drops its schema. */
export async function openTestStore(): Promise<Db> {
  const options = await testStoreOptions();
  const db = await openStore(options);
  return {
    kind: db.kind,
    query: db.query.bind(db),
    exec: db.exec.bind(db),
    transaction: db.transaction.bind(db),
    jobsQueued: db.jobsQueued.bind(db),
    onJobsQueued: db.onJobsQueued.bind(db),
    async close() {
      await db.close();
      await dropSchema(options.schema);
    },
  };
}

export async function dropSchema(schema: string): Promise<void> {
  const admin = await openPostgres({ connectionString: testDatabaseUrl, maxConnections: 1 });
  try {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await admin.close();
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    embeddedDatabaseUrl: string;
  }
}
