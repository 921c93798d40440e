// PostgreSQL server access through a pg pool. Each connection can be pinned to a schema (tests use one per run).
import pg from 'pg';
import { type Db, isUniqueViolation, type Queryable, type QueryResult, type SqlParam } from './db.js';

// bigint and numeric come back as strings by default; our counters fit in a JS number.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));

export interface PostgresOptions {
  connectionString: string;
  schema?: string;
  maxConnections?: number;
}

export async function openPostgres(options: PostgresOptions): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    options: options.schema ? `-c search_path=${options.schema}` : undefined,
  });
  if (options.schema) {
    try {
      await pool.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
    } catch (error) {
      // Two processes creating the schema at once: IF NOT EXISTS is not atomic; the loser sees the winner's row.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  const run = async <T>(client: pg.Pool | pg.PoolClient, sql: string, params?: SqlParam[]) => {
    const result = await client.query(sql, params as unknown[] | undefined);
    return { rows: result.rows as T[], rowCount: result.rowCount ?? 0 } satisfies QueryResult<T>;
  };
  return {
    kind: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    exec: async (sql) => {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const tx: Queryable = {
          query: (sql, params) => run(client, sql, params),
          exec: async (sql) => {
            await client.query(sql);
          },
        };
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
