// Opens the configured store (PostgreSQL when DATABASE_URL is set, embedded PGlite otherwise) and migrates it.
import type { PGlite } from '@electric-sql/pglite';
import type { Db } from './db.js';
import { migrate } from './migrate.js';
import { openPglite } from './pglite.js';
import { openPostgres, type StoreTimeouts } from './postgres.js';

export interface StoreOptions {
  url?: string | undefined;
  dataDir?: string | undefined;
  /** A schema of its own (tests and benchmarks isolate themselves this way). */
  schema?: string | undefined;
  /** PGlite only: share one embedded instance (tests). */
  pglite?: PGlite | undefined;
  /** PostgreSQL only: how long to wait for a connection and a statement (config DATABASE_*_TIMEOUT_MS). */
  timeouts?: StoreTimeouts | undefined;
  /** PostgreSQL only: told when a pooled connection breaks; the pool replaces it. */
  onConnectionError?: ((error: Error) => void) | undefined;
}

export async function openStore(options: StoreOptions): Promise<Db> {
  const db = options.url
    ? await openPostgres({
        connectionString: options.url,
        schema: options.schema,
        timeouts: options.timeouts,
        onConnectionError: options.onConnectionError,
      })
    : await openPglite({ dataDir: options.dataDir, instance: options.pglite, schema: options.schema });
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
