// Friendbuy webhook intake: how fast POST /webhooks/friendbuy acknowledges signed webhooks (signature checked
// over the raw bytes, envelope parsed, the item recorded in the inbox with its processing job) on a real port,
// on a PostgreSQL server and the embedded store, next to a bare route that does nothing. Workers do not run.
import { systemClock } from '../src/clock.js';
import { registerFriendbuyWebhookRoute } from '../src/http/routes/friendbuy-webhooks.js';
import { createConnectorMetrics } from '../src/observability/metrics.js';
import { createInboxWriter } from '../src/store/inbox-writer.js';
import { inCompiledChild } from './child.js';
import { benchBare, benchStore, type IntakeOptions, type IntakeResult, type IntakeRoute } from './intake.js';
import { BENCH_SECRET_KEY } from './webhook-messages.js';

const WEBHOOK_ROUTE: IntakeRoute = {
  path: '/webhooks/friendbuy',
  bodies: 'friendbuyWebhook',
  register: (app, db) =>
    registerFriendbuyWebhookRoute(app, {
      db,
      clock: systemClock,
      inbox: createInboxWriter(db),
      secretKey: BENCH_SECRET_KEY,
      metrics: createConnectorMetrics(),
    }),
};

export async function benchWebhooks(
  options: IntakeOptions & { databaseUrl: string },
): Promise<IntakeResult[]> {
  const results: IntakeResult[] = [];
  for (const target of ['bare', 'postgres', 'embedded'] as const) {
    results.push(await inCompiledChild({ part: 'webhooks', target, options }));
    if (target !== 'bare') console.error(`webhooks: ${target} done`);
  }
  return results;
}

/** One target, in the process of its own that `inCompiledChild` starts (child.ts). */
export function benchWebhookTarget(
  target: 'bare' | 'postgres' | 'embedded',
  options: IntakeOptions & { databaseUrl: string },
): Promise<IntakeResult> {
  return target === 'bare'
    ? benchBare(options, WEBHOOK_ROUTE.bodies)
    : benchStore(target, options, WEBHOOK_ROUTE);
}
