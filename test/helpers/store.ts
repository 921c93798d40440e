// Test store: PostgreSQL when DATABASE_URL is set, embedded PGlite otherwise. Either way each test store gets
// a schema of its own; PGlite is shared per test process because one takes seconds to start.
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import type { Db } from '../../src/store/db.js';
import { openStore } from '../../src/store/open.js';
import { openPostgres } from '../../src/store/postgres.js';

export const testDatabaseUrl = process.env.DATABASE_URL || undefined;

let sharedPglite: Promise<PGlite> | undefined;

export function newSchemaName(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

/** Store options for a fresh schema: pass them to openStore or to the connector. */
export async function testStoreOptions(): Promise<{ url?: string; schema: string; pglite?: PGlite }> {
  const schema = newSchemaName();
  if (testDatabaseUrl) return { url: testDatabaseUrl, schema };
  sharedPglite ??= PGlite.create();
  return { schema, pglite: await sharedPglite };
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
  if (!testDatabaseUrl) {
    if (sharedPglite) await (await sharedPglite).exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    return;
  }
  const admin = await openPostgres({ connectionString: testDatabaseUrl, maxConnections: 1 });
  try {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await admin.close();
  }
}
