// PostgreSQL server access through a pg pool. Each connection can be pinned to a schema (tests use one per run).
// The pool outlives its database: a connection that breaks (restart, failover, a backend terminated) is
// dropped and replaced on next use, and every wait is bounded, so a database that stops answering turns into
// quick StoreUnavailableErrors instead of requests that hang.
import pg from 'pg';
import {
  type Db,
  isStoreUnavailable,
  isUniqueViolation,
  type Queryable,
  type QueryOptions,
  type QueryResult,
  type SqlParam,
  StoreUnavailableError,
} from './db.js';
import { createJobsQueuedSignal } from './jobs-queued.js';

// bigint and numeric come back as strings by default; our counters fit in a JS number.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));

export interface StoreTimeouts {
  /** Connecting, and waiting for a free pooled connection. */
  connectMs: number;
  /** Server-side limit per statement; the client also gives up a little after it (a silent network). */
  statementMs: number;
  /** The server ends a session left idle inside a transaction, releasing its locks. */
  idleInTransactionMs: number;
}

export const DEFAULT_STORE_TIMEOUTS: StoreTimeouts = {
  connectMs: 2_000,
  statementMs: 5_000,
  idleInTransactionMs: 15_000,
};

// Past the statement timeout the server should have answered with an error; silence after that is the network.
const CLIENT_GRACE_MS = 1_000;

export interface PostgresOptions {
  connectionString: string;
  schema?: string | undefined;
  maxConnections?: number;
  timeouts?: StoreTimeouts | undefined;
  /** Told about broken idle connections (the pool drops them and the connector keeps running). */
  onConnectionError?: ((error: Error) => void) | undefined;
}

export async function openPostgres(options: PostgresOptions): Promise<Db> {
  const timeouts = options.timeouts ?? DEFAULT_STORE_TIMEOUTS;
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    options: options.schema ? `-c search_path=${options.schema}` : undefined,
    application_name: 'ct-friendbuy',
    connectionTimeoutMillis: timeouts.connectMs,
    statement_timeout: timeouts.statementMs,
    query_timeout: timeouts.statementMs + CLIENT_GRACE_MS,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    keepAlive: true,
  });
  const reportBroken = (error: Error) => options.onConnectionError?.(error);
  // Without this listener a backend terminated while idle (what a restart or failover does) is an unhandled
  // 'error' event that ends the process. The pool has already discarded that client.
  pool.on('error', reportBroken);
  if (options.schema) {
    try {
      await pool.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
    } catch (error) {
      // Two processes creating the schema at once: IF NOT EXISTS is not atomic; the loser sees the winner's row.
      if (!isUniqueViolation(error)) throw unavailableOr(error);
    }
  }
  const run = async <T>(
    client: pg.Pool | pg.PoolClient,
    sql: string,
    params?: SqlParam[],
    options?: QueryOptions,
  ) => {
    try {
      const values = params as unknown[] | undefined;
      const result = options?.preparedAs
        ? await client.query({ name: options.preparedAs, text: sql, values })
        : await client.query(sql, values);
      return { rows: result.rows as T[], rowCount: result.rowCount ?? 0 } satisfies QueryResult<T>;
    } catch (error) {
      throw unavailableOr(error);
    }
  };
  const jobsQueued = createJobsQueuedSignal();
  return {
    kind: 'postgres',
    query: (sql, params, options) => run(pool, sql, params, options),
    exec: async (sql) => {
      await run(pool, sql);
    },
    jobsQueued: jobsQueued.notify,
    onJobsQueued: jobsQueued.subscribe,
    transaction: (fn) => jobsQueued.unit((noted) => transaction(fn, noted)),
    close: () => pool.end(),
    poolUsage: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };

  async function transaction<T>(fn: (tx: Queryable) => Promise<T>, noted: () => void): Promise<T> {
    const client = await pool.connect().catch((error: unknown) => {
      throw unavailableOr(error);
    });
    // A checked-out client has no pool listener: a backend terminated mid-transaction must not crash us.
    client.on('error', reportBroken);
    let broken: Error | undefined;
    try {
      await run(client, 'BEGIN');
      const tx: Queryable = {
        query: (sql, params, options) => run(client, sql, params, options),
        exec: async (sql) => {
          await run(client, sql);
        },
        jobsQueued: noted,
      };
      const result = await fn(tx);
      await run(client, 'COMMIT');
      return result;
    } catch (error) {
      if (isStoreUnavailable(error)) broken = error as Error;
      else await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
      throw error;
    } finally {
      client.off('error', reportBroken);
      // Releasing with an error discards the connection instead of handing a broken one to the next caller.
      client.release(broken);
    }
  }
}

function unavailableOr(error: unknown): unknown {
  if (!isStoreUnavailable(error) || error instanceof StoreUnavailableError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new StoreUnavailableError(message, { cause: error });
}
