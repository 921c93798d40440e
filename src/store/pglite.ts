// Embedded PostgreSQL (PGlite, WASM) persisted under DATA_DIR; in memory when no folder is given (tests).
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Db, QueryResult, Queryable, SqlParam } from './db.js';

export async function openPglite(dataDir?: string): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir ? { dataDir } : {});
  const run = async <T>(
    target: Pick<PGlite, 'query'>,
    sql: string,
    params?: SqlParam[],
  ): Promise<QueryResult<T>> => {
    const result = await target.query<T>(sql, params as unknown[] | undefined);
    return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
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
    close: () => pglite.close(),
  };
}
