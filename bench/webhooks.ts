// Friendbuy webhook intake: how fast POST /webhooks/friendbuy acknowledges signed webhooks (signature checked
// over the raw bytes, envelope parsed, the item recorded in the inbox with its processing job) on a real port,
// on PostgreSQL and PGlite, next to a bare route that does nothing. Workers do not run.
import { systemClock } from '../src/clock.js';
import { createHttpApp } from '../src/http/app.js';
import { registerFriendbuyWebhookRoute } from '../src/http/routes/friendbuy-webhooks.js';
import { createLogger } from '../src/logger.js';
import {
  type IntakeOptions,
  type IntakeResult,
  measure,
  openPgliteStore,
  openPostgresStore,
} from './intake.js';
import { BENCH_SECRET_KEY } from './webhook-messages.js';

const BODIES = 'friendbuyWebhook';

export async function benchWebhooks(
  options: IntakeOptions & { databaseUrl: string },
): Promise<IntakeResult[]> {
  const results: IntakeResult[] = [];
  const bare = createHttpApp(createLogger('silent'));
  bare.post('/bare', async () => ({ ok: true }));
  const { fixed, max } = await measure(bare, '/bare', options, BODIES);
  results.push({ target: 'bare', fixed, max });
  for (const target of ['postgres', 'pglite'] as const) {
    results.push(await benchWebhookStore(target, options));
    console.error(`webhooks: ${target} done`);
  }
  return results;
}

async function benchWebhookStore(
  target: 'postgres' | 'pglite',
  options: IntakeOptions & { databaseUrl: string },
): Promise<IntakeResult> {
  const store =
    target === 'postgres' ? await openPostgresStore(options.databaseUrl) : await openPgliteStore();
  if ('skipped' in store) return { target, skipped: store.skipped };
  try {
    const app = createHttpApp(createLogger('silent'));
    registerFriendbuyWebhookRoute(app, { db: store.db, clock: systemClock, secretKey: BENCH_SECRET_KEY });
    const measured = await measure(app, '/webhooks/friendbuy', options, BODIES);
    const rows = await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM inbox');
    return { target, ...measured, recorded: rows.rows[0]?.n ?? 0 };
  } finally {
    await store.cleanup();
  }
}
