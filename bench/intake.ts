// Event intake: how fast POST /events/commercetools acknowledges deliveries (each one recorded in the inbox
// with its processing job) on a real port, next to a bare Fastify route that does nothing. Workers do not run,
// so only the acknowledgement is measured.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { systemClock } from '../src/clock.js';
import { createHttpApp } from '../src/http/app.js';
import { registerEventsRoute } from '../src/http/routes/events.js';
import { createLogger } from '../src/logger.js';
import { createConnectorMetrics } from '../src/observability/metrics.js';
import type { Db } from '../src/store/db.js';
import { createInboxWriter } from '../src/store/inbox-writer.js';
import { openStore } from '../src/store/open.js';
import { type PhaseResult, runLoad } from './load.js';
import type { BodyKind } from './load-generator.js';
import { postmasterPid } from './server-memory.js';

export interface IntakeOptions {
  seconds: number;
  /** Offered rate of the fixed-load phase, messages per second. */
  rate: number;
  /** Connections of the closed-loop (maximum throughput) phase. */
  concurrency: number;
}

/**
 * `no store`: the connector's events route with everything but the store (parsing, checks, batching and the
 * batch's JSON), over a store that answers every statement at once. It is the most the connector itself can
 * acknowledge on this machine, so a store target's distance from it is what the store costs.
 */
export type Target = 'bare' | 'no store' | 'postgres' | 'embedded';

export type IntakeResult =
  | {
      target: Target;
      fixed: PhaseResult;
      max: PhaseResult;
      /** Store only: 2xx answers over all phases, and inbox rows afterwards; they must be equal. */
      acknowledged?: number;
      recorded?: number;
      /** Embedded only: creating the store (initdb + migrations), done in a child process beforehand. */
      firstStart?: FirstStart;
    }
  | { target: Target; skipped: string };

const TOKEN = 'bench-events-token';
const WARM_UP = { seconds: 1, concurrency: 8 };

/** The route a store-backed intake bench posts to: the commercetools events route, or another intake. */
export interface IntakeRoute {
  path: string;
  bodies: BodyKind;
  register(app: FastifyInstance, db: Db): void;
}

const EVENTS_ROUTE: IntakeRoute = {
  path: '/events/commercetools',
  bodies: 'orderCreated',
  register: (app, db) =>
    registerEventsRoute(app, {
      db,
      clock: systemClock,
      inbox: createInboxWriter(db),
      auth: { kind: 'token', token: TOKEN },
      metrics: createConnectorMetrics(),
    }),
};

export async function benchBare(
  options: IntakeOptions,
  bodies: BodyKind = 'orderCreated',
): Promise<IntakeResult> {
  const app = createHttpApp(createLogger('silent'));
  app.post('/bare', async () => ({ ok: true }));
  const { fixed, max } = await measure(app, '/bare', options, bodies);
  return { target: 'bare', fixed, max };
}

export async function benchNoStore(options: IntakeOptions): Promise<IntakeResult> {
  const app = createHttpApp(createLogger('silent'));
  EVENTS_ROUTE.register(app, instantStore());
  const { fixed, max } = await measure(app, EVENTS_ROUTE.path, options, EVENTS_ROUTE.bodies);
  return { target: 'no store', fixed, max };
}

/**
 * A store that answers every statement at once with no rows (so every delivery reads as a redelivery, which is
 * acknowledged the same way). The bench's reference only: nothing is recorded.
 */
function instantStore(): Db {
  const answer = Promise.resolve({ rows: [], rowCount: 0 });
  const queryable = {
    query: () => answer,
    exec: async () => undefined,
    jobsQueued: () => undefined,
  } as Pick<Db, 'query' | 'exec' | 'jobsQueued'>;
  return {
    ...queryable,
    kind: 'postgres',
    transaction: (fn) => fn(queryable),
    onJobsQueued: () => undefined,
    close: async () => undefined,
  } as Db;
}

export async function benchStore(
  target: 'postgres' | 'embedded',
  options: IntakeOptions & { databaseUrl: string },
  route: IntakeRoute = EVENTS_ROUTE,
): Promise<IntakeResult> {
  const store =
    target === 'postgres' ? await openPostgresStore(options.databaseUrl) : await openEmbeddedStore();
  if ('skipped' in store) return { target, skipped: store.skipped };
  try {
    const app = createHttpApp(createLogger('silent'));
    route.register(app, store.db);
    const { fixed, max, acknowledged } = await measure(
      app,
      route.path,
      options,
      route.bodies,
      store.serverPid,
    );
    const rows = await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM inbox');
    const recorded = rows.rows[0]?.n ?? 0;
    return {
      target,
      fixed,
      max,
      acknowledged,
      recorded,
      ...(store.firstStart ? { firstStart: store.firstStart } : {}),
    };
  } finally {
    await store.cleanup();
  }
}

export async function measure(
  app: FastifyInstance,
  path: string,
  options: IntakeOptions,
  bodies: BodyKind = 'orderCreated',
  storeServerPid?: number,
) {
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}${path}`;
    const common = { url, token: TOKEN, bodies };
    const warmUp = await runLoad({ mode: 'closed', ...common, ...WARM_UP }, storeServerPid);
    const fixed = await runLoad(
      { mode: 'open', ...common, seconds: options.seconds, rate: options.rate },
      storeServerPid,
    );
    const max = await runLoad(
      { mode: 'closed', ...common, seconds: options.seconds, concurrency: options.concurrency },
      storeServerPid,
    );
    return { fixed, max, acknowledged: warmUp.ok + fixed.ok + max.ok };
  } finally {
    await app.close();
  }
}

type BenchStore =
  | { db: Db; firstStart?: FirstStart; serverPid?: number | undefined; cleanup(): Promise<void> }
  | { skipped: string };
export type FirstStart = { seconds: number; peakRssMb: number };

/** A schema of its own in the bench database, dropped afterwards. */
export async function openPostgresStore(url: string): Promise<BenchStore> {
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

/**
 * The embedded store in a temporary folder, removed afterwards. A child process creates it first (initdb, the
 * first migrations), so its time and memory are reported on their own, and this process measures a connector
 * restarted on its existing data, as most starts are.
 */
export async function openEmbeddedStore(): Promise<BenchStore> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ctfb-bench-embedded-'));
  const firstStart = await new Promise<FirstStart>((resolve, reject) => {
    const script = `./embedded-first-start${extname(fileURLToPath(import.meta.url))}`;
    const child = fork(new URL(script, import.meta.url), [dataDir]);
    child.once('message', (message) => resolve(message as FirstStart));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`creating the embedded store failed (exit code ${code})`)));
  });
  const db = await openStore({ dataDir });
  return {
    db,
    firstStart,
    serverPid: postmasterPid(join(dataDir, 'postgres')),
    async cleanup() {
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
