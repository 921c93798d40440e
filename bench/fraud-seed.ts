// Seeds the fraud benchmark's history (fraud-history.ts) with set-based SQL, chunk by chunk with a progress
// line: referrals, the identity graph, customer orders, advocate rewards and the order streams of a tenth of
// the orders on the ledger. A finished seed is marked with its version and size, and a store that carries
// the mark is reused as it is. The ledger's hash chains are stand-ins: the bench reads streams, never verifies.
import { performance } from 'node:perf_hooks';
import { createProgress } from '../src/cli/progress.js';
import type { Db } from '../src/store/db.js';
import { historyShape } from './fraud-history.js';
import { HASH_TABLES, seedSteps } from './fraud-seed-steps.js';

/** Bump when the model or the seed changes: stores seeded by another version are seeded again. */
export const SEED_VERSION = 1;
const CHUNK = 100_000;

export interface SeededHistory {
  referrals: number;
  /** Rows per table after seeding. */
  rows: Record<string, number>;
  /** How long seeding took (when reused: how long it took then). */
  seedSeconds: number;
  reused: boolean;
}

/** Whether this version of the seed completed in `db` at this size. */
export async function isSeeded(db: Db, referrals: number): Promise<boolean> {
  const mark = await seedMark(db);
  return mark?.version === SEED_VERSION && mark.referrals === referrals;
}

/** The history in `db`: reused when this version seeded it completely, else seeded now (`db` must be empty). */
export async function ensureHistory(db: Db, referrals: number, label: string): Promise<SeededHistory> {
  const mark = await seedMark(db);
  if (mark?.version === SEED_VERSION && mark.referrals === referrals)
    return { referrals, rows: mark.rows, seedSeconds: mark.seconds, reused: true };
  const started = performance.now();
  const shape = historyShape(referrals);
  const steps = seedSteps(shape);
  console.error(`fraud: seeding the history (${label}); later runs reuse it`);
  const progress = createProgress(
    steps.reduce((sum, step) => sum + step.rows, 0),
    'rows',
  );
  const indexes = await dropSecondaryIndexes(db);
  let done = 0;
  for (const step of steps) {
    for (let lo = 1; lo <= step.upTo; lo += CHUNK) {
      await step.run(db, lo, Math.min(step.upTo, lo + CHUNK - 1));
      done += (Math.min(step.upTo, lo + CHUNK - 1) - lo + 1) * (step.rows / step.upTo);
      progress.update(Math.round(done));
    }
  }
  progress.finish();
  console.error(`fraud: building ${indexes.length} indexes`);
  for (const index of indexes) await db.exec(index);
  await db.exec(`DROP TABLE ${HASH_TABLES.join(', ')}`);
  // As autovacuum leaves tables after a bulk load (the bench server may run without it): statistics, and the
  // visibility map that lets index-only scans skip the table.
  await db.exec('VACUUM ANALYZE');
  const rows: Record<string, number> = {};
  for (const table of SEEDED_TABLES)
    rows[table] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n ?? 0;
  const seconds = Math.round(performance.now() - started) / 1000;
  await db.exec(`CREATE TABLE bench_seed (version integer NOT NULL, referrals integer NOT NULL,
    rows jsonb NOT NULL, seconds double precision NOT NULL, completed_at timestamptz NOT NULL DEFAULT now())`);
  await db.query('INSERT INTO bench_seed (version, referrals, rows, seconds) VALUES ($1, $2, $3, $4)', [
    SEED_VERSION,
    referrals,
    rows,
    seconds,
  ]);
  return { referrals, rows, seedSeconds: seconds, reused: false };
}

const SEEDED_TABLES = [
  'referrals',
  'identity_links',
  'identity_traits',
  'customer_orders',
  'rewards',
  'ledger',
];

/**
 * Drops the seeded tables' indexes other than primary keys and unique constraints, and returns the statements
 * that build them again: one build after the inserts is several times faster than keeping them up to date.
 */
async function dropSecondaryIndexes(db: Db): Promise<string[]> {
  const found = await db.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
     WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY($1::text[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [SEEDED_TABLES],
  );
  for (const { name } of found.rows) await db.exec(`DROP INDEX ${name}`);
  return found.rows.map((row) => row.definition);
}

async function seedMark(db: Db) {
  const exists = await db.query(`SELECT 1 FROM pg_tables WHERE tablename = 'bench_seed'
    AND schemaname = current_schema()`);
  if (exists.rowCount === 0) return undefined;
  const result = await db.query<{
    version: number;
    referrals: number;
    rows: Record<string, number>;
    seconds: number;
  }>('SELECT version, referrals, rows, seconds FROM bench_seed');
  return result.rows[0];
}
