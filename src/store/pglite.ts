// Embedded PostgreSQL (PGlite, WASM) persisted under DATA_DIR; in memory when no folder is given (tests).
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, QueryResult, SqlParam } from './db.js';

export interface PgliteOptions {
  dataDir?: string | undefined;
  /** An instance to share (tests open one per process and isolate by schema: PGlite takes seconds to start). */
  instance?: PGlite | undefined;
  schema?: string | undefined;
}

export async function openPglite(options: PgliteOptions = {}): Promise<Db> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite =
    options.instance ?? (await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {}));
  if (options.schema) {
    await pglite.exec(
      `CREATE SCHEMA IF NOT EXISTS "${options.schema}"; SET search_path TO "${options.schema}"`,
    );
  }
  const run = async <T>(
    target: Pick<PGlite, 'query'>,
    sql: string,
    params?: SqlParam[],
  ): Promise<QueryResult<T>> => {
    const result = await target.query<T>(sql, params as unknown[] | undefined);
    // affectedRows counts writes; a SELECT reports 0 there, so take whichever is larger.
    return { rows: result.rows, rowCount: Math.max(result.affectedRows ?? 0, result.rows.length) };
  };
  return {
    kind: 'pglite',
    query: (sql, params) => run(pglite, sql, params),
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    transaction: (fn) =>
      pglite.transaction(async (t) => {
        const tx: Queryable = {
          query: (sql, params) => run(t, sql, params),
          exec: async (sql) => {
            await t.exec(sql);
          },
        };
        return fn(tx);
      }),
    close: async () => {
      if (!options.instance) await pglite.close();
    },
  };
}
