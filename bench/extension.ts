// The cart API extension (POST /extensions/commercetools) at a fixed 300 requests/s and at its maximum, on
// PostgreSQL server and embedded stores seeded with 5,000 advocates' referral codes and 5,000 existing customers, next
// to a bare route in the same run. Every lookup the extension makes is real (store queries behind the
// in-process caches); referred carts are queued for identity linking as in production. Target: p99 ≤ 10 ms.
import type { FastifyInstance } from 'fastify';
import { loadCampaigns } from '../src/campaigns/load.js';
import { systemClock } from '../src/clock.js';
import { extensionCartSchema, extensionInputSchema } from '../src/commercetools/extension-input.js';
import { loadConfig } from '../src/config.js';
import { hashEmail } from '../src/domain/identity.js';
import { createCartLookups } from '../src/flows/cart-lookups.js';
import { createCartSightingQueue } from '../src/flows/record-cart-sighting.js';
import { type CartValidator, createCartValidator } from '../src/flows/validate-cart.js';
import { createHttpApp } from '../src/http/app.js';
import { CART_EXTENSION_PATH, registerCartExtensionRoute } from '../src/http/routes/cart-extension.js';
import { createLogger } from '../src/logger.js';
import { createConnectorMetrics } from '../src/observability/metrics.js';
import type { Db } from '../src/store/db.js';
import { inCompiledChild } from './child.js';
import {
  BENCH_ADVOCATES,
  BENCH_EXISTING_CUSTOMERS,
  benchAdvocateEmail,
  benchCode,
  benchCustomerEmail,
  cartExtensionInput,
} from './extension-messages.js';
import {
  benchBare,
  type IntakeOptions,
  type IntakeResult,
  measure,
  openEmbeddedStore,
  openPostgresStore,
} from './intake.js';
import { round } from './stats.js';
import type { TargetCheck } from './target.js';

/** The budget is stated at this offered load. */
export const EXTENSION_RATE = 300;
// `measure` authenticates as `Bearer bench-events-token`; the extension compares the whole header.
const AUTHORIZATION = 'Bearer bench-events-token';
const BODIES = 'cartExtension';

export async function benchCartExtension(
  options: IntakeOptions & { databaseUrl: string },
): Promise<IntakeResult[]> {
  const results: IntakeResult[] = [];
  for (const target of ['bare', 'postgres', 'embedded'] as const) {
    results.push(await inCompiledChild({ part: 'extension', target, options }));
    console.error(`extension: ${target} done`);
  }
  return results;
}

/** One target, in the process of its own that `inCompiledChild` starts (child.ts). */
export async function benchExtensionTarget(
  target: 'bare' | 'postgres' | 'embedded',
  options: IntakeOptions & { databaseUrl: string },
): Promise<IntakeResult> {
  const atRate = { ...options, rate: EXTENSION_RATE };
  if (target === 'bare') return benchBare(atRate, BODIES);
  const store =
    target === 'postgres' ? await openPostgresStore(options.databaseUrl) : await openEmbeddedStore();
  if ('skipped' in store) return { target, skipped: store.skipped };
  try {
    await seed(store.db);
    const { app, validate } = extensionApp(store.db);
    await warmUp(validate);
    const { fixed, max } = await measure(app, CART_EXTENSION_PATH, atRate, BODIES);
    return { target, fixed, max };
  } finally {
    await store.cleanup();
  }
}

/**
 * p99 at most 10 ms at 300 requests/s, lookups included, on each store; and, as ratios to the bare route of the
 * same run: p99 at most 1.2× its p99, closed-loop throughput at least half of its throughput.
 */
export function extensionTargets(results: IntakeResult[]): TargetCheck[] {
  const bare = results.find((result) => result.target === 'bare');
  return results.flatMap((result) => {
    if (!('fixed' in result) || result.target === 'bare') return [];
    const checks: TargetCheck[] = [
      {
        name: `cart extension p99 at ${EXTENSION_RATE} req/s, ${result.target} (ms)`,
        actual: result.fixed.latencyMs.p99,
        limit: '≤ 10',
        pass: result.fixed.latencyMs.p99 <= 10 && result.fixed.errors === 0,
      },
    ];
    if (bare && 'fixed' in bare) {
      const p99 = round(result.fixed.latencyMs.p99 / Math.max(bare.fixed.latencyMs.p99, 0.001), 2);
      const throughput = round(result.max.throughput / bare.max.throughput, 2);
      checks.push(
        {
          name: `cart extension p99 / bare route's, ${result.target}`,
          actual: p99,
          limit: '≤ 1.2',
          pass: p99 <= 1.2,
        },
        {
          name: `cart extension closed-loop throughput / bare route's, ${result.target}`,
          actual: throughput,
          limit: '≥ 0.5',
          pass: throughput >= 0.5,
        },
      );
    }
    return checks;
  });
}

function extensionApp(db: Db): { app: FastifyInstance; validate: CartValidator } {
  const config = loadConfig({});
  const logger = createLogger('silent');
  const validate = createCartValidator({
    lookups: createCartLookups({
      db,
      // The bench's carts come with their codes expanded, as the registered extension asks for.
      discountCodeText: async () => undefined,
      now: () => Date.now(),
    }),
    campaigns: loadCampaigns({ mode: 'sandbox', merchantId: config.friendbuy.merchantId }),
    hashKey: config.hashKey,
    emailRules: config.emailRules,
    onReferredCart: createCartSightingQueue({
      db,
      clock: systemClock,
      config,
      logger,
    }),
  });
  const app = createHttpApp(logger);
  registerCartExtensionRoute(app, {
    authorization: AUTHORIZATION,
    failMode: 'open',
    budgetMs: 1000,
    validate,
    metrics: createConnectorMetrics(),
  });
  return { app, validate };
}

/**
 * A connector that has been serving for a while: the store has read its tables and indexes (the first
 * queries on a table take hundreds of ms), through carts of its own that the measured phases never reuse.
 */
async function warmUp(validate: CartValidator): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const input = extensionInputSchema.parse(JSON.parse(cartExtensionInput(10_000_000 + i)));
    await validate(extensionCartSchema.parse(input.resource.obj));
  }
  await new Promise((resolve) => setTimeout(resolve, 500)); // the sightings' batched write
}

/** 5,000 advocates with their referral codes, and 5,000 customers who have ordered. */
async function seed(db: Db): Promise<void> {
  const { hashKey, emailRules } = loadConfig({});
  const now = new Date();
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  await db.query(
    `INSERT INTO referral_codes (code, campaign_id, advocate_customer_id, advocate_email_hash, source, created_at,
       updated_at)
     SELECT code, 'sandbox-us-referral', customer_id, email_hash, 'bench', $4, $4
     FROM unnest($1::text[], $2::text[], $3::text[]) AS a(code, customer_id, email_hash)`,
    [
      range(BENCH_ADVOCATES).map(benchCode),
      range(BENCH_ADVOCATES).map((i) => `bench-advocate-${i}`),
      range(BENCH_ADVOCATES).map((i) => hashEmail(benchAdvocateEmail(i), hashKey, emailRules) ?? ''),
      now,
    ],
  );
  await db.query(
    `INSERT INTO customer_orders (order_id, customer_id, email_hash, created_at, updated_at)
     SELECT order_id, customer_id, email_hash, $4, $4
     FROM unnest($1::text[], $2::text[], $3::text[]) AS o(order_id, customer_id, email_hash)`,
    [
      range(BENCH_EXISTING_CUSTOMERS).map((i) => `bench-order-${i}`),
      range(BENCH_EXISTING_CUSTOMERS).map((i) => `bench-customer-${i}`),
      range(BENCH_EXISTING_CUSTOMERS).map((i) => hashEmail(benchCustomerEmail(i), hashKey, emailRules) ?? ''),
      now,
    ],
  );
  await db.query('ANALYZE');
}
