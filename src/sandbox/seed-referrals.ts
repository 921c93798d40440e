// Sandbox volume for the console: referred orders with their facts, written straight to the store in batches
// (not through commercetools and the workers, which would take an hour for 10,000): for each referral the
// order's `order.created` and `purchase.reported` ledger events and its customer_orders row, the referrals
// index row with the fraud check's verdict, the advocate's funnel (shares, clicks, a sign-up), the advocate
// reward (issued, and for some held or reversed) and, for held referrals, a review case. Spread over the last
// 90 days, across the sandbox's two campaigns (us/USD, eu/EUR) and 200 advocates, from a seeded generator so
// a run is reproducible. The people are made up: they are not commercetools customers, so the console names
// them "not found in commercetools".
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { DAY_MS } from '../domain/durations.js';
import { REWARD_EVENT, rewardStream } from '../domain/reward-events.js';
import { badRequest } from '../http/errors.js';
import type { Guard } from '../http/operator-guard.js';
import { recordCustomerOrder } from '../store/customer-orders.js';
import type { Db, Queryable } from '../store/db.js';
import { appendEvent } from '../store/ledger.js';
import { saveReferral } from '../store/referrals.js';
import { openReview, saveReviewDecision } from '../store/reviews.js';
import { insertReward, updateRewardState } from '../store/rewards.js';

const MARKETS = [
  { campaignId: 'sandbox-us-referral', storeKey: 'us', currency: 'USD' },
  { campaignId: 'sandbox-eu-referral', storeKey: 'eu', currency: 'EUR' },
] as const;
const ADVOCATES = 200;
const DAYS = 90;
export const SEED_BATCH_MAX = 500;

/** A small deterministic generator (mulberry32), so a run and its numbers can be repeated. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface SeedBatch {
  /** Names this run's rows (`seed-<run>-<n>`), so two runs never collide. */
  run: string;
  /** The index of the first referral of the batch. */
  from: number;
  count: number;
}

export interface SeedTally {
  referrals: number;
  held: number;
  rejected: number;
  rewards: number;
}

/** Writes one batch in one transaction; the same batch again writes nothing new. */
export async function seedReferralBatch(db: Db, clock: Clock, batch: SeedBatch): Promise<SeedTally> {
  const now = clock.now();
  const tally: SeedTally = { referrals: 0, held: 0, rejected: 0, rewards: 0 };
  await db.transaction(async (tx) => {
    for (let n = batch.from; n < batch.from + batch.count; n++) {
      const outcome = await seedOne(tx, batch.run, n, now);
      tally.referrals++;
      if (outcome.verdict === 'hold') tally.held++;
      if (outcome.verdict === 'reject') tally.rejected++;
      if (outcome.reward) tally.rewards++;
    }
  });
  return tally;
}

async function seedOne(tx: Queryable, run: string, n: number, now: Date) {
  const random = generator(hash(`${run}:${n}`));
  const market = MARKETS[random() < 0.7 ? 0 : 1];
  const advocate = `seed-${run}-advocate-${Math.floor(random() ** 2 * ADVOCATES)}`;
  const advocateKey = `customer:${advocate}`;
  const friend = `seed-${run}-friend-${n}`;
  const orderId = `seed-${run}-order-${n}`;
  const placedAt = new Date(now.getTime() - random() * DAYS * DAY_MS);
  const at = (minutes: number) => new Date(placedAt.getTime() + minutes * 60_000);
  const cents = 2000 + Math.floor(random() * 18_000);
  const roll = random();
  const verdict = roll < 0.04 ? 'hold' : roll < 0.06 ? 'reject' : 'approve';
  const stream = `order:${orderId}`;
  const append = (
    s: string,
    type: string,
    data: Record<string, unknown>,
    occurredAt: Date,
    dedupKey?: string,
  ) => appendEvent(tx, { stream: s, type, data, occurredAt, dedupKey }, now);

  const created = await append(
    stream,
    'order.created',
    {
      orderNumber: `S${run.slice(0, 4).toUpperCase()}${n}`,
      storeKey: market.storeKey,
      total: { type: 'centPrecision', centAmount: cents, currencyCode: market.currency, fractionDigits: 2 },
      seeded: true,
    },
    placedAt,
    `seed:${orderId}:created`,
  );
  if (!created) return { verdict, reward: false };
  const amount = { centAmount: cents, currencyCode: market.currency, fractionDigits: 2 };
  await append(stream, 'purchase.reported', { amount, seeded: true }, at(1));
  await recordCustomerOrder(tx, { orderId, customerId: friend, createdAt: placedAt }, now);
  await saveReferral(tx, {
    orderId,
    campaignId: market.campaignId,
    advocateKey,
    advocateCustomerId: advocate,
    advocateEmailHash: null,
    friendAccount: friend,
    code: `seed-${run}-code-${advocate.split('-').at(-1)}`,
    ipHash: null,
    deviceHash: random() < 0.1 ? `seed-${run}-device-${Math.floor(random() * 50)}` : null,
    addressHash: null,
    verdict,
    score: verdict === 'approve' ? 0 : verdict === 'hold' ? 50 : 100,
    placedAt,
    assessedAt: at(1),
  });
  const funnel = `advocate:${advocate}`;
  const data = { source: 'seed', campaignId: market.campaignId };
  for (let s = 0; s < 3; s++) await append(funnel, 'referral.share', data, at(-60 * 24 - s));
  for (let c = 0; c < 2; c++) await append(funnel, 'referral.click', data, at(-60 - c));
  if (random() < 0.6) await append(funnel, 'referral.sign-up', data, at(-30));

  if (verdict === 'hold') {
    const review = await openReview(tx, {
      orderId,
      campaignId: market.campaignId,
      advocateKey,
      friendAccount: friend,
      score: 50,
      signals: [
        random() < 0.5
          ? {
              signal: 'fastClickToPurchase',
              action: 'hold',
              weight: 50,
              evidence: { seconds: 4, minSeconds: 30 },
            }
          : {
              signal: 'advocateVelocity',
              action: 'hold',
              weight: 50,
              evidence: { count: 6, max: 5, windowHours: 24 },
            },
      ],
      openedAt: at(1),
    });
    // Most cases were decided long ago; the recent ones wait in the queue.
    if (placedAt.getTime() < now.getTime() - 14 * DAY_MS)
      await saveReviewDecision(tx, review.id, {
        status: random() < 0.7 ? 'approved' : 'rejected',
        by: 'seed@shop.example',
        at: at(60 * 24),
        reason: 'seeded decision',
      });
  }
  if (verdict === 'reject') return { verdict, reward: false };
  const rewardId = `seed-${run}-reward-${n}`;
  const fate = random();
  const state =
    verdict === 'hold' ? 'held' : fate < 0.05 ? 'reversed' : fate < 0.6 ? 'redeemed' : 'available';
  await insertReward(tx, {
    rewardId,
    kind: 'advocateReward',
    customerId: advocate,
    emailHash: null,
    campaignId: market.campaignId,
    couponCode: `seed-${run}-adv-${n}`,
    amount: '10.00',
    unit: market.currency,
    orderId,
    state,
    inboxId: null,
    issuedAt: at(5),
  });
  const rewardEvents: string[] = [REWARD_EVENT.issued, REWARD_EVENT.codeCreated];
  if (state === 'held') rewardEvents.push(REWARD_EVENT.held);
  if (state === 'reversed') rewardEvents.push(REWARD_EVENT.held, REWARD_EVENT.reversed);
  if (state === 'redeemed') rewardEvents.push(REWARD_EVENT.redeemed);
  for (const [i, type] of rewardEvents.entries())
    await append(rewardStream(rewardId), type, { orderId, seeded: true }, at(5 + 60 * (i + 1)));
  await updateRewardState(tx, rewardId, { state, at: at(5 + 60 * rewardEvents.length) });
  return { verdict, reward: true };
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const seedBody = z.object({
  run: z.string().regex(/^[a-z0-9]{1,16}$/, 'a short run name of lowercase letters and digits'),
  from: z.number().int().min(0).max(10_000_000),
  count: z.number().int().min(1).max(SEED_BATCH_MAX),
});

/** POST /sandbox/referrals/seed `{run, from, count}`: one batch, for `ct-friendbuy sandbox seed-referrals`. */
export function registerSandboxSeedRoute(
  app: FastifyInstance,
  deps: { db: Db; clock: Clock; guard: Guard },
): void {
  app.post('/sandbox/referrals/seed', { onRequest: deps.guard('run-operations') }, async (request) => {
    const body = seedBody.safeParse(request.body);
    if (!body.success) throw badRequest(z.prettifyError(body.error));
    return seedReferralBatch(deps.db, deps.clock, body.data);
  });
}
