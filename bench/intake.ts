// Event intake: how fast POST /events/commercetools acknowledges deliveries (each one recorded in the inbox
// with its processing job) on a real port, next to a bare Fastify route that does nothing. Workers do not run,
// so only the acknowledgement is measured.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { systemClock } from '../src/clock.js';
import { createHttpApp } from '../src/http/app.js';
import { registerEventsRoute } from '../src/http/routes/events.js';
import { createLogger } from '../src/logger.js';
import type { Db } from '../src/store/db.js';
import { openStore } from '../src/store/open.js';
import { type PhaseResult, runLoad } from './load.js';

export interface IntakeOptions {
  seconds: number;
  /** Offered rate of the fixed-load phase, messages per second. */
  rate: number;
  /** Connections of the closed-loop (maximum throughput) phase. */
  concurrency: number;
}

export type Target = 'bare' | 'postgres' | 'pglite';

export type IntakeResult =
  | {
      target: Target;
      fixed: PhaseResult;
      max: PhaseResult;
      /** Store only: 2xx answers over all phases, and inbox rows afterwards; they must be equal. */
      acknowledged?: number;
      recorded?: number;
    }
  | { target: Target; skipped: string };

const TOKEN = 'bench-events-token';
const WARM_UP = { seconds: 1, concurrency: 8 };

export async function benchBare(options: IntakeOptions): Promise<IntakeResult> {
  const app = createHttpApp(createLogger('silent'));
  app.post('/bare', async () => ({ ok: true }));
  const { fixed, max } = await measure(app, '/bare', options);
  return { target: 'bare', fixed, max };
}

export async function benchStore(
  target: 'postgres' | 'pglite',
  options: IntakeOptions & { databaseUrl: string },
): Promise<IntakeResult> {
  const store =
    target === 'postgres' ? await openPostgresStore(options.databaseUrl) : await openPgliteStore();
  if ('skipped' in store) return { target, skipped: store.skipped };
  try {
    const app = createHttpApp(createLogger('silent'));
    registerEventsRoute(app, { db: store.db, clock: systemClock, eventsToken: TOKEN });
    const { fixed, max, acknowledged } = await measure(app, '/events/commercetools', options);
    const rows = await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM inbox');
    return { target, fixed, max, acknowledged, recorded: rows.rows[0]?.n ?? 0 };
  } finally {
    await store.cleanup();
  }
}

async function measure(app: FastifyInstance, path: string, options: IntakeOptions) {
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}${path}`;
    const common = { url, token: TOKEN };
    const warmUp = await runLoad({ mode: 'closed', ...common, ...WARM_UP });
    const fixed = await runLoad({ mode: 'open', ...common, seconds: options.seconds, rate: options.rate });
    const max = await runLoad({
      mode: 'closed',
      ...common,
      seconds: options.seconds,
      concurrency: options.concurrency,
    });
    return { fixed, max, acknowledged: warmUp.ok + fixed.ok + max.ok };
  } finally {
    await app.close();
  }
}

type BenchStore = { db: Db; cleanup(): Promise<void> } | { skipped: string };

/** A schema of its own in the bench database, dropped afterwards. */
async function openPostgresStore(url: string): Promise<BenchStore> {
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await probe.connect();
  } catch (error) {
    const where = new URL(url);
    return {
      skipped:
        `PostgreSQL not reachable at ${where.host}${where.pathname} (${(error as Error).message}); ` +
        `set BENCH_DATABASE_URL, or create the default one: ` +
        `psql -h 127.0.0.1 -U postgres -d postgres -c 'CREATE DATABASE ctfb_bench'`,
    };
  } finally {
    await probe.end().catch(() => undefined);
  }
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const db = await openStore({ url, schema });
  return {
    db,
    async cleanup() {
      await db.query(`DROP SCHEMA "${schema}" CASCADE`);
      await db.close();
    },
  };
}

/** PGlite persisted in a temporary folder (as the sandbox runs it), removed afterwards. */
async function openPgliteStore(): Promise<BenchStore> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ctfb-bench-pglite-'));
  const db = await openStore({ dataDir });
  return {
    db,
    async cleanup() {
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
