// Where the fraud benchmark keeps its seeded history between runs: on PostgreSQL a database of its own
// (ctfb_bench_fraud, created on the bench server when missing) with a schema per seed version and size; on
// the embedded store a folder per seed version and size in the temporary directory. A store without a complete seed is
// wiped and seeded again, and the histories of other seed versions (gigabytes each) are removed meanwhile.
import { readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Db } from '../src/store/db.js';
import { openStore } from '../src/store/open.js';
import { ensureHistory, isSeeded, SEED_VERSION, type SeededHistory } from './fraud-seed.js';

export const FRAUD_DATABASE = 'ctfb_bench_fraud';

export type HistoryStore = { db: Db; history: SeededHistory; where: string } | { skipped: string };

export async function openHistoryStore(
  target: 'postgres' | 'embedded',
  referrals: number,
  databaseUrl: string,
): Promise<HistoryStore> {
  const label = `${target}, ${referrals.toLocaleString('en-US')} referrals`;
  if (target === 'embedded') {
    const dataDir = join(tmpdir(), `ctfb-bench-fraud-v${SEED_VERSION}-${referrals}`);
    let db = await openStore({ dataDir });
    if (!(await isSeeded(db, referrals))) {
      await db.close();
      for (const folder of await readdir(tmpdir()))
        if (
          /^ctfb-bench-fraud-v\d+-/.test(folder) &&
          !folder.startsWith(`ctfb-bench-fraud-v${SEED_VERSION}-`)
        )
          await rm(join(tmpdir(), folder), { recursive: true, force: true });
      await rm(dataDir, { recursive: true, force: true });
      db = await openStore({ dataDir });
    }
    return { db, history: await ensureHistory(db, referrals, label), where: dataDir };
  }
  const database = await ensureFraudDatabase(databaseUrl);
  if ('skipped' in database) return database;
  const schema = `history_v${SEED_VERSION}_${referrals}`;
  let db = await openStore({ url: database.url, schema });
  if (!(await isSeeded(db, referrals))) {
    const stale = await db.query<{ name: string }>(
      `SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE 'history\\_v%' AND nspname NOT LIKE $1`,
      [`history\\_v${SEED_VERSION}\\_%`],
    );
    for (const { name } of stale.rows) await db.exec(`DROP SCHEMA "${name}" CASCADE`);
    await db.exec(`DROP SCHEMA "${schema}" CASCADE`);
    await db.close();
    db = await openStore({ url: database.url, schema });
  }
  const where = `${new URL(database.url).host}/${FRAUD_DATABASE}/${schema}`;
  return { db, history: await ensureHistory(db, referrals, label), where };
}

/**
 * The fraud bench's database on the server `databaseUrl` names, created when the server has none yet.
 * @example await ensureFraudDatabase('postgres://postgres@127.0.0.1:5432/ctfb_bench') // { url: '…/ctfb_bench_fraud' }
 */
export async function ensureFraudDatabase(
  databaseUrl: string,
): Promise<{ url: string } | { skipped: string }> {
  const url = new URL(databaseUrl);
  url.pathname = `/${FRAUD_DATABASE}`;
  const problem = await createUnlessExists(url);
  return problem ? { skipped: problem } : { url: url.href };
}

async function createUnlessExists(url: URL): Promise<string | undefined> {
  const connect = async (database: string) => {
    const at = new URL(url);
    at.pathname = `/${database}`;
    const client = new pg.Client({ connectionString: at.href, connectionTimeoutMillis: 2_000 });
    await client.connect();
    return client;
  };
  try {
    await (await connect(FRAUD_DATABASE)).end();
    return undefined;
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000')
      return `PostgreSQL not reachable at ${url.host} (${(error as Error).message}); set BENCH_DATABASE_URL`;
  }
  try {
    const admin = await connect('postgres');
    try {
      await admin.query(`CREATE DATABASE ${FRAUD_DATABASE}`);
    } finally {
      await admin.end();
    }
    return undefined;
  } catch (error) {
    return `cannot create the database ${FRAUD_DATABASE} on ${url.host}: ${(error as Error).message}`;
  }
}
