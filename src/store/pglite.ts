// Embedded PostgreSQL (PGlite, WASM) persisted under DATA_DIR; in memory when no folder is given (tests).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, QueryResult, SqlParam } from './db.js';
import { createJobsQueuedSignal } from './jobs-queued.js';

export interface PgliteOptions {
  dataDir?: string | undefined;
  /** An instance to share (tests open one per process and isolate by schema: PGlite takes seconds to start). */
  instance?: PGlite | undefined;
  schema?: string | undefined;
}

/** The embedded store is one process's: a second process opening the same folder would corrupt it. */
export class StoreLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `the embedded store in ${dataDir} is in use by process ${pid} (a running connector); stop it first, ` +
        'use its admin API, or set DATABASE_URL to share a PostgreSQL server between processes',
    );
    this.name = 'StoreLockedError';
  }
}

function lockDataDir(dataDir: string): () => void {
  const lockFile = join(dataDir, 'ct-friendbuy.pid');
  try {
    const holder = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
    if (holder && holder !== process.pid && isAlive(holder)) throw new StoreLockedError(dataDir, holder);
  } catch (error) {
    if (error instanceof StoreLockedError) throw error;
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function openPglite(options: PgliteOptions = {}): Promise<Db> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const unlock = options.dataDir && !options.instance ? lockDataDir(options.dataDir) : () => undefined;
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
  const jobsQueued = createJobsQueuedSignal();
  return {
    kind: 'pglite',
    query: (sql, params) => run(pglite, sql, params),
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    jobsQueued: jobsQueued.notify,
    onJobsQueued: jobsQueued.subscribe,
    transaction: (fn) =>
      jobsQueued.unit((noted) =>
        pglite.transaction(async (t) => {
          const tx: Queryable = {
            query: (sql, params) => run(t, sql, params),
            exec: async (sql) => {
              await t.exec(sql);
            },
            jobsQueued: noted,
          };
          return fn(tx);
        }),
      ),
    close: async () => {
      if (!options.instance) await pglite.close();
      unlock();
    },
  };
}
