// Opens the configured store (PostgreSQL when DATABASE_URL is set, embedded PGlite otherwise) and migrates it.
import type { PGlite } from '@electric-sql/pglite';
import type { Db } from './db.js';
import { migrate } from './migrate.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

export interface StoreOptions {
  url?: string | undefined;
  dataDir?: string | undefined;
  /** A schema of its own (tests and benchmarks isolate themselves this way). */
  schema?: string | undefined;
  /** PGlite only: share one embedded instance (tests). */
  pglite?: PGlite | undefined;
}

export async function openStore(options: StoreOptions): Promise<Db> {
  const db = options.url
    ? await openPostgres({ connectionString: options.url, schema: options.schema })
    : await openPglite({ dataDir: options.dataDir, instance: options.pglite, schema: options.schema });
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
