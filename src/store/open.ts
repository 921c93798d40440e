// Opens the configured store (a PostgreSQL server when DATABASE_URL is set, the embedded PostgreSQL server in
// DATA_DIR otherwise) and migrates it. Both are PostgreSQL reached through the same pg pool.
import type { Db } from './db.js';
import { openEmbedded } from './embedded.js';
import type { EmbeddedServerEvent } from './embedded-supervisor.js';
import { migrate } from './migrate.js';
import { openPostgres, type StoreTimeouts } from './postgres.js';

export interface StoreOptions {
  url?: string | undefined;
  dataDir?: string | undefined;
  /** A schema of its own (tests and benchmarks isolate themselves this way). */
  schema?: string | undefined;
  /** How long to wait for a connection and a statement (config DATABASE_*_TIMEOUT_MS). */
  timeouts?: StoreTimeouts | undefined;
  /** Told when a pooled connection breaks; the pool replaces it. */
  onConnectionError?: ((error: Error) => void) | undefined;
  /** Told when the embedded store's server stops on its own, and of each attempt to restart it. */
  onEmbeddedServerEvent?: ((event: EmbeddedServerEvent) => void) | undefined;
}

export async function openStore(options: StoreOptions): Promise<Db> {
  const common = {
    schema: options.schema,
    timeouts: options.timeouts,
    onConnectionError: options.onConnectionError,
  };
  const db = options.url
    ? await openPostgres({ connectionString: options.url, ...common })
    : await openEmbedded({
        dataDir: options.dataDir ?? './.data',
        ...common,
        supervision: { onEvent: options.onEmbeddedServerEvent },
      });
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
